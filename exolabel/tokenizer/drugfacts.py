"""US OTC "Drug Facts" panels (21 CFR 201.66), read so the mask keeps the ingredients and blanks the rest.

US sunscreen, acne and antiperspirant labels print a Drug Facts panel: a title, the active ingredients with their
amounts and a "Purpose" column ("Avobenzone 3% ........ Sunscreen"), then "Uses", "Warnings", "Directions", "Other
information", "Inactive ingredients" (the rest of the list) and "Questions?". Retail catalogues copy it, often
flattened onto one line ("Active Ingredients: Avobenzone 3% Sunscreen, Homosalate 10% Sunscreen. Inactive
Ingredients: Water, ..."). The headings and the purposes are data (``data/drug_facts.csv``, each with the CFR part
that names it), read at the first label that holds an active-ingredient heading.

A label is read as a Drug Facts panel only when it has an active-ingredient heading and one more of the panel's marks:
its title, the purpose column's heading (after the active heading or on its own), an inactive-ingredient heading, or
a purpose or dotted leader in the active block; any other label, a cosmetic's "Active ingredients: Niacinamide 5%"
among them, is left as it is (:func:`drug_facts` returns None). A Drug Facts panel is one product's: the mask looks
for no kit headings in it. Then:

* the title opens a panel as the headings below do, the purpose column's heading is blanked with the active heading,
  and so is the text before the first heading when it holds no list separator (a product name above the panel, as
  the mask wipes a title before "Ingredients:");
* the active and inactive headings are ingredient headers, with or without a colon (each ends the text before it);
* "Uses", "Warnings", "Directions", "Other information", "Questions?" and a "Purpose" heading elsewhere open panels
  (the mask blanks each up to the next ingredient header): at a line's start, before a colon, or capitalised;
* in the active block (from the active heading to the next heading), dotted leaders and an amount's basis in brackets
  ("20% (anhydrous)": not another name of the ingredient) are blanked, and so is a purpose after an amount ("3%
  Sunscreen", "20% (anhydrous) Antiperspirant"), after a leader, or alone on its row; a comma replaces the first
  blanked character of a purpose, so it ends the ingredient even when only spaces separate the rows;
  a line break after an amount ends its row even inside a comma list ("Avobenzone 3%, Homosalate 10%\nOctisalate
  5%"). The amount stays with the name: the tokenizer reads it as the ingredient's declared concentration.

Pure; offsets are those of the prepared text. The edits are the mask's length-preserving ones.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.tokenizer.claims import read_rows
from exolabel.tokenizer.panels import Has, wipe_title

DATA = Path(__file__).with_name("data") / "drug_facts.csv"
KINDS = ("title", "active", "column", "inactive", "panel", "purpose")
# the words the mask's one-pass word scan must look for: no Drug Facts panel lacks an active-ingredient heading
GATE_WORDS = ("active",)
_LEADER = r"(?:[.…_][ \t]*){2,}"  # "..........", ". . . .", "____": a dotted leader between two columns
_LEADER_RE = lazy_pattern(r"[.…_](?:[ \t]*[.…_])+")
# the basis of an amount in brackets after it, "20% (anhydrous)", "1% (w/w)": how the amount is counted (21 CFR
# 350.10 counts antiperspirant salts on an anhydrous basis), neither a name nor another name of the ingredient
_BASIS_RE = lazy_pattern(r"(?<=%)[ \t]*(\([^()\d\n]{1,30}\))")
Edit = tuple[int, int, str]


class Facts(NamedTuple):
    """What :func:`drug_facts` found in a Drug Facts panel (offsets of the prepared text)."""

    headers: list[tuple[int, int]]  # the ingredient headers, those the mask found and the panel's own (sorted)
    panels: list[int]  # where the title and the other headings' panels start (sorted)


class Patterns(NamedTuple):
    """The panel's headings and purposes as regular expressions (from ``data/drug_facts.csv``)."""

    active: re.Pattern[str]  # the active heading, its bracket and the purpose column's heading
    inactive: re.Pattern[str]  # the inactive heading and its bracket
    title: re.Pattern[str]
    panel: re.Pattern[str]  # the other headings, the purpose column's among them
    purpose: re.Pattern[str]  # one purpose or several joined by "/", "&" or "and"


def _alternation(phrases: list[str]) -> str:
    """The phrases as one group, longest first, spaces matching any run of spaces."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The built-in headings and purposes (read once per process, at the first label with an active heading)."""
    rows = read_rows(DATA, kinds=KINDS)
    group = {k: _alternation([r.phrase for r in rows if r.kind == k]) for k in KINDS}
    word = r"(?<![^\W\d_])"  # a whole word: no letter before it (and none after, below)
    end = r"(?![^\W\d_])"
    bracket = r"(?:[ \t]*\([^()\n]{0,40}\))?"  # "(in each gram)", "(w/w)"
    flags = re.IGNORECASE
    return Patterns(
        active=lazy_pattern(word + group["active"] + bracket + r"(?:[ \t]+" + group["column"] + end + ")?", flags),
        inactive=lazy_pattern(word + group["inactive"] + end + bracket, flags),
        title=lazy_pattern(word + group["title"], flags),
        panel=lazy_pattern(
            word + "(?:" + group["panel"] + "|" + group["column"] + ")" + r"(?:(?<=\?)|" + end + ")", flags
        ),
        purpose=lazy_pattern(
            word + group["purpose"] + r"(?:\s*(?:/|&|\band\b)\s*" + group["purpose"] + ")*" + end, flags
        ),
    )


def drug_facts(t: str, headers: list[tuple[int, int]], edits: list[Edit], has: Has | None = None) -> Facts | None:
    """The headers and panels of the Drug Facts panel in the prepared label ``t``, with the mask's edits that blank
    its headings, leaders, purposes and panels (each panel up to the next ingredient header) added to ``edits``; None
    (and no edit) when ``t`` is not read as one (see the module doc). ``headers``: the ingredient headers the mask
    found (sorted); ``has``: the mask's word test (see panels.Has), asked only for GATE_WORDS."""
    if not (has or t.lower().__contains__)(GATE_WORDS[0]):
        return None
    pats = patterns()
    actives = list(pats.active.finditer(t))  # (a whole word: never the end of "inactive")
    if not actives:
        return None
    found = list(headers)
    covered = [a for a, _ in headers]
    own: list[tuple[int, int]] = []
    inactives = list(pats.inactive.finditer(t))
    for m in [*actives, *inactives]:
        if not _inside(headers, m.start()):
            own.append((m.start(), m.end()))
    own.sort()
    column = any(m.group().lower().rstrip("s").endswith("purpose") for m in actives)
    titles = [m.start() for m in pats.title.finditer(t)]
    starts = sorted({a for a, _ in own} | set(covered))
    panels = [a for a in _panel_starts(t, pats.panel) if not _inside(own, a) and not _inside(headers, a)]
    stops = sorted(set(starts) | set(panels) | set(titles))
    rows: list[Edit] = []
    marked = False  # a purpose or a leader in an active block
    for m in actives:
        a = _inside(headers, m.start()) or (m.start(), m.end())
        i = bisect.bisect_right(stops, a[0])
        block_end = stops[i] if i < len(stops) else len(t)
        has_column = m.group().lower().rstrip("s").endswith("purpose")
        marked = _active_block(t, a[1], block_end, pats.purpose, rows, has_column) or marked
    purpose_heading = any(t[a : a + 7].lower() == "purpose" for a in panels)
    if not (titles or column or purpose_heading or inactives or marked):
        return None  # an active-ingredient heading alone is a cosmetic's ("Active ingredients: Niacinamide 5%")
    edits.extend(rows)
    for a, b in own:
        edits.append((a, a + 1, ","))  # a heading ends the text before it ("... Sunscreen Inactive Ingredients Water")
        edits.append((a + 1, b, "blank"))
        found.append((a, b))
    found.sort()
    wipe_title(t, min([found[0][0], *titles]), edits)  # a product name above the panel
    header_starts = [a for a, _ in found]
    opened = sorted(set(panels) | set(titles))
    for a in opened:  # up to the next ingredient header, as the mask blanks its other panels
        i = bisect.bisect_right(header_starts, a)
        edits.append((a, header_starts[i] if i < len(header_starts) else len(t), "blank"))
    return Facts(found, opened)


def _inside(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted) that holds ``pos``, or None."""
    i = bisect.bisect_right(spans, pos, key=lambda s: s[0]) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def _panel_starts(t: str, panel: re.Pattern[str]) -> list[int]:
    """Where the panel headings start: at a line's start, before a colon or capitalised ("Uses", "WARNINGS"; "(see
    directions)" in a sentence is none)."""
    out = []
    for m in panel.finditer(t):
        a = m.start()
        line_start = t.rfind("\n", 0, a) + 1
        if m.group()[0].isupper() or not t[line_start:a].strip(" \t•·-") or t[m.end() :].lstrip(" \t")[:1] in ":：":
            out.append(a)
    return out


def _active_block(
    t: str, start: int, end: int, purpose: re.Pattern[str], edits: list[Edit], column: bool = False
) -> bool:
    """Add the edits that blank the leaders and purposes of the active rows in ``t[start:end]``, and end each row at
    its line break when it ends with an amount (a row's name may wrap over two lines; its amount closes it). True
    when the block holds a leader or a purpose. ``column``: the block's heading names the purpose column ("Active
    ingredients Purpose"), so a purpose that ends a row after a space is that column's even with no amount before
    it ("Zinc Oxide Sunscreen")."""
    n = len(edits)
    edits.extend((m.start(), m.end(), "blank") for m in _LEADER_RE.finditer(t, start, end))
    edits.extend((m.start(1), m.end(1), "blank") for m in _BASIS_RE.finditer(t, start, end))
    for m in purpose.finditer(t, start, end):
        j = m.start()
        while j > start and t[j - 1] in " \t.…_":
            j -= 1
        leader = _LEADER_RE.search(t, j, m.start()) is not None
        before = "\n" if j == start else t[j - 1]
        after = t[m.end() : end].lstrip(" \t.")[:1]
        ends_row = after in ("", "\n", ",", ";")
        alone = before in "\n,;" and ends_row
        in_column = column and ends_row and j < m.start()
        if leader or alone or in_column or _amount_ends(t, start, j):
            edits.append((j, j + 1, ","))  # the purpose ends the ingredient before it
            edits.append((j + 1, m.end(), "blank"))
    marked = len(edits) > n
    nl = t.find("\n", start, end)
    while nl != -1:
        j = nl
        while j > start and t[j - 1] in " \t.…_":
            j -= 1
        if _amount_ends(t, start, j):
            edits.append((nl, nl + 1, ","))  # "Avobenzone 3%, Homosalate 10%\nOctisalate 5%": the row ends here
        nl = t.find("\n", nl + 1, end)
    return marked


def _amount_ends(t: str, start: int, j: int) -> bool:
    """Does an amount end ``t[start:j]``: "3%", "5.0% w/w", or "20% (anhydrous)" (its basis in brackets after it)?"""
    if t[max(start, j - 3) : j].lower() == "w/w":
        j -= 3
        while j > start and t[j - 1] in " \t":
            j -= 1
    if j > start and t[j - 1] == ")":
        opener = t.rfind("(", start, j)
        if opener == -1:
            return False
        j = opener
        while j > start and t[j - 1] in " \t":
            j -= 1
    return j > start and t[j - 1] == "%"
