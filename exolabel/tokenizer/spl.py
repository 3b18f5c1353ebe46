"""DailyMed's product table in a pasted page ("INGREDIENTS AND APPEARANCE"), read as the list or set aside.

A DailyMed page (dailymed.nlm.nih.gov) prints a drug label's own sections, a US OTC product's "Drug Facts" panel among
them, then the product data its Structured Product Labeling (SPL) codes, as the FDA's SPL stylesheet draws them:
"Product Information", "Active Ingredient/Active Moiety" (Ingredient Name, Basis of Strength, Strength), "Inactive
Ingredients" (Ingredient Name, Strength), "Packaging"... Each ingredient row names the substance with its FDA Unique
Ingredient Identifier, "WATER (UNII: 059QF0KO0R)"; an active row adds its moiety, the basis of its strength and the
strength ("SALICYLIC ACID (UNII: O414PZ4LPZ) (SALICYLIC ACID - UNII:O414PZ4LPZ) SALICYLIC ACID20 mg  in 1 mL").

A page pasted whole holds its ingredients twice. The table starts at the first of its opening headings
(``data/spl_table.csv``, kind ``start``) with no list separator between it and the first coded row, else at that
row's line. The mask (``mask.mask_label``, for a text that holds "UNII") masks the text before the table as a label
and the table with :func:`mask_table`, same length:

* when the text before it holds a list (an ingredient header and a name the mask kept), the whole table is blanked:
  the label as printed is read. Its names are the INCI names the label prints, where the table gives the FDA's
  substance names ("ORANGE", "SUGARCANE", "CITRIC ACID MONOHYDRATE" for the label's "orange (Citrus sinensis) fruit
  extract", ...), and the table may list fewer (examples/labels/acne-treatment-gel-dailymed-688783fd.scraped.txt);
* otherwise (the table pasted alone) it is the list: each row's name is an ingredient and a strength after an active
  row's codes and basis its declared amount (``amount``: "20 mg in 1 mL" is 2 %); the codes, basis, headings and
  everything else (product type, packaging, marketing) are blanked, and each row ends at a comma.

Pure; offsets are those of the prepared text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.tokenizer.amount import find_concentration
from exolabel.tokenizer.claims import read_rows

if TYPE_CHECKING:
    from exolabel.tokenizer.mask import Masked

DATA = Path(__file__).with_name("data") / "spl_table.csv"
KINDS = ("start", "heading")
GATE_WORDS = ("unii",)  # the word the mask's one-pass word scan looks for: every coded row holds it
# an FDA Unique Ingredient Identifier in brackets after a row's name: ten letters or digits (FDA GSRS)
CODE_RE = lazy_pattern(r"\(\s*UNII\s*:\s*[A-Z0-9]{10}\s*\)")
# an active row's moiety after its code: "(SALICYLIC ACID - UNII:O414PZ4LPZ)"
_MOIETY_RE = lazy_pattern(r"[ \t]*\([^()\n]{1,120}?-\s*UNII\s*:\s*[A-Z0-9]{10}\s*\)")


class Patterns(NamedTuple):
    start: re.Pattern[str]  # the headings that open the table
    heading: re.Pattern[str]  # every heading and column title of the table (the openers among them)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The table's headings (read once per process, at the first text with a UNII code)."""
    rows = read_rows(DATA, kinds=KINDS)

    def words(phrases: list[str]) -> re.Pattern[str]:  # a run of them, glued or not: "Ingredient NameStrength"
        ordered = sorted(phrases, key=len, reverse=True)
        body = "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"
        return lazy_pattern(r"(?<![^\W\d_])" + body + r"(?:\s*" + body + r")*(?![^\W\d_])", re.IGNORECASE)

    return Patterns(words([r.phrase for r in rows if r.kind == "start"]), words([r.phrase for r in rows]))


def with_table(t: str, start: int, head: Masked, header_re: re.Pattern[str]) -> Masked:
    """The mask of the prepared text ``t`` whose DailyMed table starts at ``start``, from ``head`` (the mask of
    ``t[:start]``): the table read as the list only when the text before it holds none (an ingredient header, found
    by ``header_re``, and a name the mask kept); a product name alone above a table that is read is wiped."""
    listed = header_re.search(t, 0, start) is not None and any(c.isalpha() for c in head.work)
    work = head.work
    if not listed and not any(c in work for c in ",;•·|"):
        work = "".join(c if c == "\n" else " " for c in work)
    return head._replace(work=work + mask_table(t, start, read=not listed))


def table_start(t: str) -> int | None:
    """Where the product table of a DailyMed page starts in the prepared text ``t``; None when ``t`` has no row coded
    with a UNII."""
    i = t.find("UNII")
    if i == -1:
        return None
    first = CODE_RE.search(t, max(0, i - 4))
    if first is None:
        return None
    for m in patterns().start.finditer(t, 0, first.start()):
        if not any(c in t[m.start() : first.start()] for c in ",;"):
            return m.start()
    return t.rfind("\n", 0, first.start()) + 1


def mask_table(t: str, start: int, read: bool) -> str:
    """``t[start:]``, the table, masked (same length): blanked, or (``read``) its rows kept as a list (module doc)."""
    tail = t[start:]
    keep: list[tuple[int, int]] = []
    commas = [0]
    if read:
        heads = [m.end() for m in patterns().heading.finditer(tail)]
        codes = list(CODE_RE.finditer(tail))
        prev = 0
        for k, code in enumerate(codes):
            a = max(prev, tail.rfind("\n", 0, code.start()) + 1, *(h for h in heads if h <= code.start()))
            name = tail[a : code.start()]
            a += len(name) - len(name.lstrip())
            b = a + len(name.strip())
            end = code.end()
            moiety = _MOIETY_RE.match(tail, end)
            bound = codes[k + 1].start() if k + 1 < len(codes) else len(tail)
            row_end = min([bound, *(i for i in (tail.find("\n", end, bound),) if i != -1)])
            if moiety is not None:
                end = moiety.end()
            strength = _strength(tail, end, row_end, after_basis=moiety is not None)
            if b > a and any(c.isalpha() for c in tail[a:b]):
                keep.append((a, b))
                if strength is not None:
                    keep.append(strength)
                    commas.append(strength[1])
                else:
                    commas.append(code.start())
            prev = strength[1] if strength is not None else (row_end if moiety is not None else code.end())
    out = [" " if c != "\n" else "\n" for c in tail]
    for c in commas:  # (a kept name at the table's start keeps its first letter)
        if c < len(out):
            out[c] = ","
    for a, b in keep:
        out[a:b] = tail[a:b]
    return "".join(out)


def _strength(tail: str, start: int, end: int, after_basis: bool) -> tuple[int, int] | None:
    """The span of the strength in ``tail[start:end]`` (after an active row's basis, else right after the codes) that
    reads as a percentage, or None."""
    found = find_concentration(tail[start:end])
    if found is None or found[0].kind != "percent" or " in " not in found[0].text:
        return None
    _c, a, b = found
    if not after_basis and tail[start : start + a].strip():
        return None
    return start + a, start + b
