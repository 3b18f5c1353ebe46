"""Raw INCI label text -> ordered ingredients.

Pure: no I/O, no printing. The optional ``names`` index (the known-INCI vocabulary) lets the tokenizer decide
whether "Aqua/Water/Eau" is one ingredient with aliases or "Caprylic/Capric Triglyceride" one name, and whether
a line break ends an ingredient or wraps it. Without it the tokenizer falls back on conservative rules.

Design: the label is prepared (``textprep``), non-ingredient regions (headers, footnote lines, may-contain
markers) are blanked without changing offsets, separators are found in one pass over special characters
(respecting brackets and chemical locants such as "1,2-"), and each piece is parsed by a memoized function
of its text alone, so repeated ingredients across a catalogue cost a dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from exolabel.concentration import parse_trailing_concentration
from exolabel.model import Concentration, Ingredient
from exolabel.normalize import FUNCTION_LABEL_RE, normalize_key, ocr_fix
from exolabel.textprep import prepare, to_input_span


class NameIndex(Protocol):
    """What the tokenizer needs from the known-INCI vocabulary."""

    def canonical(self, key: str) -> str | None:
        """The canonical name for a normalized key (name or synonym), or None when unknown."""


_HEADER_WORDS = (
    r"(?:(?:full|complete|key|active|inactive|other|non[- ]?active)\s+)?"
    r"(?:ingredients?(?:\s+list)?|ingr[ée]dients?|inci(?:\s+list)?|composition|zutaten|inhaltsstoffe|"
    r"ingredientes|ingredienti|sk[łl]adniki|ingredi[ëe]nten|成分|全成分|전성분|成份)"
)
# "Ingredients:", "INCI:", "Ingredients/Ingrédients:", "Active ingredient (in each mL):", "Other:".
HEADER_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s,.;•·|]))(?:" + _HEADER_WORDS + r"(?:\s*/\s*" + _HEADER_WORDS + r")*"
    r"(?:\s*\([^()\n]{0,40}\))?\s*[:：]|other\s*:|" + _HEADER_WORDS + r"[ \t]*(?=\n))",
    re.IGNORECASE,
)
# Lines that define footnotes: "*organic", "**from natural essential oils", "† certified".
FOOTNOTE_LINE_RE = re.compile(r"^[ \t]*\(?\*+\)?[ \t]*[=:]?[ \t]*[^\W\d_].*$", re.MULTILINE)
# "May contain", "+/-", "[+/- CI 77891, CI 77491]", in several languages.
MAY_CONTAIN_RE = re.compile(
    r"(?:may\s+contain|peut\s+contenir|kann\s+enthalten|puede\s+contener|pu[oò]\s+contenere|"
    r"pode\s+conter|kan\s+bevatte?n?|\+\s*/\s*-|\+-|±)\s*[:：]?",
    re.IGNORECASE,
)
# "Limonene**. *organic": a full stop before a star-led footnote ends the list.
INLINE_FOOTNOTE_RE = re.compile(r"\.\s+(?=\*+\s*[^\W\d_])")
GLUED_AMOUNT_RE = re.compile(r"\d\s?%(?=[A-Z][a-z])")
_SPECIAL_RE = re.compile(r"[,;|•·\n()\[\]{}]")
_AND_RE = re.compile(r"\s*[\(\[]\s*(?:and|&|et|und|y)\s*[\)\]]\s*", re.IGNORECASE)
_HYPHEN_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")
_WS_RE = re.compile(r"\s+")
_DEBRIS_RE = re.compile(
    r"\[\s*(?:more|less|\.\.\.|…|read more|see more|show more|show less|details)\s*\]|"
    r"\(\s*(?:more|less)\s*\)|\b(?:read more|show more|see more|show less)\b|…$",
    re.IGNORECASE,
)
_STARS_RE = re.compile(r"\s*(\*+)(?=\s|$|[\)\],.])")
_GROUP_RE = re.compile(r"[\(\[]([^()\[\]]*)[\)\]]")
_NANO_RE = re.compile(r"^\s*nano\s*$", re.IGNORECASE)
_EDGE_PUNCT = " .,;:-+>\u2022\u00b7"

_SEPARATORS = frozenset(",;|•·")
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")


class Tokenizer:
    """Splits label text into :class:`Ingredient` s. Holds a memo of parsed pieces (bounded)."""

    def __init__(self, names: NameIndex | None = None, memo_size: int = 200_000) -> None:
        self._names = names
        self._memo: dict[str, tuple] = {}
        self._memo_size = memo_size
        self._known: Callable[[str], str | None] = names.canonical if names else (lambda _k: None)

    # -- public -------------------------------------------------------------------------------------
    def tokenize(self, text: str) -> tuple[Ingredient, ...]:
        t, omap = prepare(text)
        mask = list(t) if _needs_mask(t) else None
        may_regions: list[tuple[int, int]] = []
        if mask is not None:
            _blank_footnote_lines(t, mask)
            _blank_headers(t, mask)
            may_regions = _blank_may_contain(t, mask)
            for m in INLINE_FOOTNOTE_RE.finditer(t):
                mask[m.start()] = ","
            work = "".join(mask)
        else:
            work = t
        events = [(cut, 1) for cut in self._separators(work)]
        if "%" in work:  # "Zinc Oxide 6.90%Water": an amount glued to the next name ends the ingredient
            events.extend((m.end(), 0) for m in GLUED_AMOUNT_RE.finditer(work))
            events.sort()
        out: list[Ingredient] = []
        prev = 0
        for pos, width in [*events, (len(work), 0)]:
            self._emit(work, text, omap, prev, pos, may_regions, out)
            prev = pos + width
        return tuple(out)

    # -- splitting ----------------------------------------------------------------------------------
    def _separators(self, work: str) -> list[int]:
        specials = [(m.start(), m.group()) for m in _SPECIAL_RE.finditer(work)]
        cuts = self._cuts(work, specials, use_depth=True)
        if cuts is None:  # unbalanced brackets: split as if there were none
            cuts = self._cuts(work, specials, use_depth=False) or []
        return cuts

    def _cuts(self, work: str, specials: list[tuple[int, str]], use_depth: bool) -> list[int] | None:
        depth = 0
        cuts: list[int] = []
        newlines: list[int] = []
        n = len(work)
        for pos, ch in specials:
            if ch in _OPEN:
                if use_depth:
                    depth += 1
            elif ch in _CLOSE:
                if use_depth and depth > 0:
                    depth -= 1
            elif depth:
                continue
            elif ch == "\n":
                newlines.append(pos)
            elif ch == ",":
                if 0 < pos < n - 1 and work[pos - 1].isdigit() and work[pos + 1].isdigit():
                    continue  # chemical locant "1,2-Hexanediol" or thousands "10,000"
                cuts.append(pos)
            else:
                cuts.append(pos)
        if use_depth and depth:
            return None
        if newlines:
            cuts.extend(self._newline_cuts(work, newlines, len(cuts)))
            cuts.sort()
        return cuts

    def _newline_cuts(self, work: str, newlines: list[int], n_other: int) -> list[int]:
        """Decide which line breaks separate ingredients and which only wrap a long name."""
        lines = sum(1 for line in work.split("\n") if line.strip())
        list_mode = n_other >= max(2, lines)  # a comma/semicolon list: line breaks are mostly wraps
        cuts = []
        for pos in newlines:
            before = work[:pos].rstrip(" ")
            after = work[pos + 1 :].lstrip(" ")
            if not before or not after or before[-1] in _SEPARATORS or before[-1] == "\n" or after[0] == "\n":
                cuts.append(pos)
                continue
            if before[-1] == "-" and len(before) > 1 and before[-2].isalpha() and after[0].islower():
                continue  # word hyphenated across the line break
            if not list_mode:
                cuts.append(pos)
                continue
            if after[0].islower():
                continue
            if self._names is not None and self._fragment_known(before, after):
                cuts.append(pos)
        return cuts

    def _fragment_known(self, before: str, after: str) -> bool:
        left = re.split(r"[,;|•·\n]", before)[-1]
        right = re.split(r"[,;|•·\n]", after)[0]
        right = _AND_RE.split(right)[0]
        return bool(self._known(normalize_key(left)) or self._known(normalize_key(right)))

    # -- pieces -------------------------------------------------------------------------------------
    def _emit(
        self,
        work: str,
        original: str,
        omap: list[int] | None,
        start: int,
        end: int,
        may_regions: list[tuple[int, int]],
        out: list[Ingredient],
    ) -> None:
        seg = work[start:end]
        if not seg.strip():
            return
        pieces = [(start, end)]
        if "(" in seg or "[" in seg:
            m_iter = list(_AND_RE.finditer(seg))
            if m_iter:
                pieces = []
                p = start
                for m in m_iter:
                    pieces.append((p, start + m.start()))
                    p = start + m.end()
                pieces.append((p, end))
        for a, b in pieces:
            raw = work[a:b]
            stripped = raw.strip()
            if not stripped:
                continue
            a += len(raw) - len(raw.lstrip())
            b = a + len(stripped)
            if stripped[0] == "*" and out:  # "*organic" after the list: a footnote definition
                continue
            parsed = self._parse(stripped)
            if parsed is None:
                continue
            name, key, aliases, common, conc, markers = parsed
            if not name:
                if conc is not None and out and out[-1].concentration is None:
                    prev = out[-1]
                    out[-1] = Ingredient(
                        prev.index,
                        prev.text,
                        prev.span,
                        prev.name,
                        prev.key,
                        prev.aliases,
                        prev.common_name,
                        conc,
                        prev.markers,
                    )
                continue
            if may_regions and any(r0 <= a < r1 for r0, r1 in may_regions):
                markers = ("may-contain", *markers)
            span = to_input_span(omap, a, b)
            out.append(
                Ingredient(
                    index=len(out),
                    text=original[span[0] : span[1]],
                    span=span,
                    name=name,
                    key=key,
                    aliases=aliases,
                    common_name=common,
                    concentration=conc,
                    markers=markers,
                )
            )

    def _parse(self, piece: str) -> tuple | None:
        hit = self._memo.get(piece)
        if hit is not None:
            return hit
        result = self._parse_piece(piece)
        if len(self._memo) >= self._memo_size:
            self._memo.clear()
        self._memo[piece] = result
        return result

    def _parse_piece(self, piece: str) -> tuple:
        s = _HYPHEN_BREAK_RE.sub("", piece)
        s = _WS_RE.sub(" ", s).strip()
        s = _DEBRIS_RE.sub(" ", s)
        s = FUNCTION_LABEL_RE.sub("", s)
        markers: list[str] = []
        stars = _STARS_RE.findall(s)
        if stars:
            s = _STARS_RE.sub("", s)
            markers.extend(sorted({"footnote:" + st for st in stars}))
        conc: Concentration | None
        s, conc = parse_trailing_concentration(s)
        aliases: list[str] = []
        common: str | None = None
        key_text = s
        # bracket groups: form "(nano)", alias "(Aqua)", common name "(Shea)"
        for m in reversed(list(_GROUP_RE.finditer(s))):
            content = m.group(1).strip()
            before, after = s[: m.start()].rstrip(), s[m.end() :].strip()
            if not content:
                s = (before + " " + after).strip()
            elif _NANO_RE.match(content):
                markers.append("nano")
                s = (before + " " + after).strip()
            elif after and after[0].isalnum() and before:
                if common is None:
                    common = content  # "Butyrospermum Parkii (Shea) Butter": common name inside the name
            else:
                aliases.insert(0, content)  # trailing "(Aqua)", "(Vitamin E)": an alias of the name
                s = (before + " " + after).strip()
        key_text = _GROUP_RE.sub(" ", s) if common is not None else s
        name = s.strip(_EDGE_PUNCT)
        if name.startswith("*"):
            name = name.lstrip("*").strip()
        key = normalize_key(key_text)
        if "\\" in name:  # "Water\\Aqua\\Eau": a backslash never occurs inside an INCI name
            parts = [p.strip(_EDGE_PUNCT) for p in name.split("\\") if p.strip(_EDGE_PUNCT)]
            if parts:
                name, aliases = parts[0], [*parts[1:], *aliases]
                key = normalize_key(name)
        if "/" in name and self._names is not None and not self._known(key):
            parts = [p.strip(_EDGE_PUNCT) for p in name.split("/")]
            known = [bool(p and self._known(normalize_key(p))) for p in parts]
            # synonyms in several languages ("Aqua/Water/Eau", "Lactis Proteinum/Milk Protein/Protéine du lait"):
            # split when the vocabulary knows every part, or two of them and the rest read as translations;
            # "Epigallocatechin Gallate/Biotin/.../Mouse Fibroblast Conditioned Media" stays one INCI name
            if (
                len(parts) > 1
                and all(parts)
                and (
                    all(known)
                    or (sum(known) >= 2 and all(k or _translation_like(p) for p, k in zip(parts, known, strict=True)))
                )
            ):
                first = known.index(True)
                name, aliases = parts[first], [p for i, p in enumerate(parts) if i != first] + aliases
                key = normalize_key(name)
        fixed = ocr_fix(key)
        if fixed != key and (self._names is None or self._known(fixed)):
            key = fixed
            markers.append("ocr")
        return name, key, tuple(aliases), common, conc, tuple(markers)


def _translation_like(part: str) -> bool:
    """'Protéine du lait', 'Huile végétale': non-ASCII letters or lower-case words, unlike INCI names."""
    return not part.isascii() or any(w[:1].islower() for w in part.split()[1:])


def _needs_mask(t: str) -> bool:
    low = t.lower()
    return (
        ":" in t
        or "*" in t
        or "+" in t
        or "±" in t
        or "\n" in t
        or "contain" in low
        or "enthalten" in low
        or "contenir" in low
        or "contener" in low
        or "ingredient" in low
        or "inci" in low
    )


def _blank(mask: list[str], a: int, b: int, keep_newlines: bool = True) -> None:
    for i in range(a, b):
        if not (keep_newlines and mask[i] == "\n"):
            mask[i] = " "


def _blank_footnote_lines(t: str, mask: list[str]) -> None:
    for m in FOOTNOTE_LINE_RE.finditer(t):
        if m.start() == 0 and "\n" not in t and ("," in m.group() or ";" in m.group()):
            continue  # a one-line list that happens to start with "*": not a footnote
        _blank(mask, m.start(), m.end())


def _blank_headers(t: str, mask: list[str]) -> None:
    first = None
    for m in HEADER_RE.finditer(t):
        if first is None:
            first = m.start()
        _blank(mask, m.start(), m.end())
        if m.end() < len(mask) and mask[m.end() - 1] != "\n":
            mask[m.end() - 1] = ","  # the header ends whatever came before it
    if first:
        pre = "".join(mask[:first])
        if pre.strip() and not any(c in pre for c in ",;•·|"):
            _blank(mask, 0, first, keep_newlines=False)  # a title or sentence before "Ingredients:"


def _blank_may_contain(t: str, mask: list[str]) -> list[tuple[int, int]]:
    regions = []
    for m in MAY_CONTAIN_RE.finditer("".join(mask)):
        start = m.start()
        opener = None
        j = start - 1
        while j >= 0 and mask[j] == " ":
            j -= 1
        if j >= 0 and mask[j] in "([":
            opener = j
        _blank(mask, start, m.end())
        if opener is not None:
            closer = t.find(")" if mask[opener] == "(" else "]", m.end())
            closer = closer if closer == -1 or "\n\n" not in t[m.end() : closer] else -1
            end = closer if closer != -1 else len(t)
            mask[opener] = ","
            if closer != -1:
                mask[closer] = ","
        else:
            nl = t.find("\n\n", m.end())
            end = nl if nl != -1 else len(t)
        if start > 0 and mask[start - 1] not in ",;\n":
            mask[start] = ","
        regions.append((m.end(), end))
    return regions


def tokenize(text: str, names: NameIndex | None = None) -> tuple[Ingredient, ...]:
    """Tokenize ``text`` (convenience wrapper; reuse a :class:`Tokenizer` for many labels)."""
    return Tokenizer(names).tokenize(text)
