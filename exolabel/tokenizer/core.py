"""Raw INCI label text -> ordered ingredients.

Pure: no I/O (but reading its own packaged claim words, ``data/free_from.csv``, once), no printing. The optional
``names`` index (the known-INCI vocabulary) lets the tokenizer decide whether "Aqua/Water/Eau" is one ingredient
with aliases or "Caprylic/Capric Triglyceride" one name, and whether a line break ends an ingredient or wraps it.
Without it the tokenizer falls back on conservative rules.

Design: the label is prepared (``prepare``), non-ingredient regions (headers, footnote lines, may-contain
markers) are blanked without changing offsets (``mask``), cut into pieces at its separators in one pass
(``cut.cut_list``: respecting brackets and chemical locants such as "1,2-"; which line breaks cut is decided here,
with the vocabulary), and each piece is parsed by a memoized function of its stripped text alone (``piece``), so
repeated ingredients across a catalogue cost a dictionary lookup.
"""

import re
from collections.abc import Callable
from typing import NamedTuple, Protocol

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.make import make_ingredient
from exolabel._fast.memo import NAMES, PARSE_BYTES, PARSE_ENTRY, Memo
from exolabel.model import Ingredient, ParsedName
from exolabel.tokenizer.cut import (
    DEFAULT_MAX_INGREDIENTS,
    TooManyIngredients,
    check_count,
    cut_list,
    glued_amounts,
)
from exolabel.tokenizer.mask import in_regions, mask_label
from exolabel.tokenizer.names import normalize_key
from exolabel.tokenizer.piece import parse_piece
from exolabel.tokenizer.prepare import prepare, to_input_span
from exolabel.tokenizer.runs import bracket_list, split_at_comma, split_run
from exolabel.tokenizer.sections import Heading

# the names other modules take from here (two of them live in cut.py)
__all__ = [
    "DEFAULT_MAX_INGREDIENTS",
    "NameIndex",
    "Split",
    "Tokenizer",
    "TooManyIngredients",
    "ingredient_at",
    "tokenize",
]


class NameIndex(Protocol):
    """What the tokenizer needs from the known-INCI vocabulary."""

    def canonical(self, key: str) -> str | None:
        """The canonical name for a normalized key (name or synonym), or None when unknown."""


# "(?:(?<!\s)\s+)?" rather than "\s*" at the start of a pattern: a match may only begin where a run of spaces
# begins, so a long run that ends in no match is scanned once, not once per position (quadratic).
_AND_RE = lazy_pattern(r"(?:(?<!\s)\s+)?[\(\[]\s*(?:and|&|et|und|y)\s*[\)\]]\s*", re.IGNORECASE)
_SEPARATORS = frozenset(",;|•·")


class Split(NamedTuple):
    """A label prepared for cutting: what :meth:`Tokenizer.split` found."""

    work: str  # the prepared text with headers, footnote lines and may-contain markers blanked (same offsets)
    omap: list[int] | None  # prepared offset -> input offset, None when they are the same
    may_regions: list[tuple[int, int]]  # the spans a may-contain marker governs
    parts: list[str]  # the list cut at its separators (one character each): see exolabel.tokenizer.cut.cut_list
    headings: list[Heading]  # a kit's product headings, as the mask found and blanked them (prepared offsets)
    highlights: tuple[str, ...] = ()  # "Key ingredients:" blocks beside the full list, blanked: what it stresses

    def input_headings(self) -> list[Heading]:
        """The kit headings with their spans in the input text."""
        omap = self.omap
        if omap is None:
            return self.headings
        return [Heading(omap[h.start], omap[h.end - 1] + 1, h.name) for h in self.headings]


def ingredient_at(
    index: int, text: str, omap: list[int] | None, a: int, b: int, parsed: ParsedName, may_contain: bool
) -> Ingredient:
    """The ingredient at prepared offsets ``a:b``, with its text and span mapped back to the input ``text``."""
    if omap is None:
        return make_ingredient(index, text[a:b], (a, b), parsed, may_contain)
    span = to_input_span(omap, a, b)
    return make_ingredient(index, text[span[0] : span[1]], span, parsed, may_contain)


class Tokenizer:
    """Splits label text into :class:`Ingredient` s. Holds a memo of parsed pieces (bounded).

    ``max_ingredients`` (None: unlimited) bounds the work per label: a text that splits into more pieces raises
    :class:`TooManyIngredients` after the linear separator pass, before any piece is parsed.
    """

    def __init__(
        self,
        names: NameIndex | None = None,
        memo_size: int = NAMES,
        max_ingredients: int | None = None,
    ) -> None:
        self._names = names
        self.max_ingredients = max_ingredients
        # stripped piece -> its parse, for every path
        self._memo: Memo[str, ParsedName] = Memo(memo_size, PARSE_BYTES, PARSE_ENTRY)
        self._known: Callable[[str], str | None] = names.canonical if names else (lambda _k: None)
        self._has_head: Callable[[str], bool] = getattr(names, "has_head", None) or (lambda _k: False)
        # piece -> the names run together
        self._runs: Memo[str, tuple[tuple[int, int], ...]] = Memo(memo_size, PARSE_BYTES, PARSE_ENTRY)

    # -- public -------------------------------------------------------------------------------------
    def tokenize(self, text: str) -> tuple[Ingredient, ...]:
        return self.tokens(text, self.split(text))

    def split(self, text: str) -> Split:
        """Prepare ``text``, blank its headers, footnotes and may-contain markers, and cut the list into pieces.

        :meth:`tokens` finishes the job; callers that memoize per piece (the Scanner) look at ``parts`` first.
        Raises :class:`TooManyIngredients` when the pieces are over ``max_ingredients``, before any is parsed.
        """
        t, omap = prepare(text)
        work, may_regions, headings, highlights = mask_label(t, self._known if self._names is not None else None)
        parts = cut_list(work, self._newline_cuts)
        limit = self.max_ingredients
        if limit is not None and len(parts) + work.count("%") > limit:
            check_count(parts, limit)
        return Split(work, omap, may_regions, parts, headings, highlights)

    def plain_piece(self, part: str) -> tuple[ParsedName, int, int] | None:
        """(parsed name, offset of the name in ``part``, its length) when the general path takes the list piece
        ``part`` as one plain ingredient; None for a blank piece, a footnote, an "(and)" blend or an amount on its
        own. Parses ``part`` (memoized) but builds no Ingredient: for callers that keep their own per-piece memo."""
        stripped = part.strip()
        if not _plain_shape(stripped):
            return None
        # parsed once: the caller remembers the piece (the parse memo serves the general path, not kept twice)
        parsed = self._memo.get(stripped) or self._parse_piece(stripped)
        if not parsed.name:
            return None
        return parsed, len(part) - len(part.lstrip()), len(stripped)

    def tokens(self, text: str, split: Split) -> tuple[Ingredient, ...]:
        """The ingredients of ``text``, given its :meth:`split`.

        A plain piece seen before (the parse memo holds it) costs one lookup; any other piece goes through
        :meth:`_emit`: amounts glued to the next name, "(and)" blends, footnotes, names run together, an amount on its
        own. Offsets and text are mapped back to ``text``.
        """
        work, omap, regions, parts = split.work, split.omap, split.may_regions, split.parts
        out: list[Ingredient] = []
        append = out.append
        memo_get = self._memo.get
        start = 0
        for part in parts:
            stripped = part.strip()
            parsed = memo_get(stripped) if stripped else None
            if parsed is None or not parsed.name or not _plain_shape(stripped):
                if stripped:
                    self._emit(work, text, omap, start, start + len(part), regions, out)
            else:
                a = start + len(part) - len(part.lstrip())
                may = bool(regions) and in_regions(regions, a)
                append(ingredient_at(len(out), text, omap, a, a + len(stripped), parsed, may))
            start += len(part) + 1
        return tuple(out)

    # -- splitting ----------------------------------------------------------------------------------
    def _newline_cuts(self, work: str, newlines: list[int], n_other: int) -> list[int]:
        """Decide which line breaks separate ingredients and which only wrap a long name."""
        lines = len(newlines) + 1
        list_mode = n_other >= max(2, lines)  # a comma/semicolon list: line breaks are mostly wraps
        cuts = []
        n = len(work)
        for pos in newlines:
            i = pos - 1
            while i >= 0 and work[i] == " ":
                i -= 1
            j = pos + 1
            while j < n and work[j] == " ":
                j += 1
            if i < 0 or j >= n or work[i] in _SEPARATORS or work[i] == "\n" or work[j] == "\n":
                cuts.append(pos)
                continue
            if work[i] == "-" and i > 0 and work[i - 1].isalpha() and work[j].islower():
                continue  # word hyphenated across the line break
            if not list_mode:
                cuts.append(pos)
                continue
            if work[j].islower():
                continue
            if work[i] == "%":  # "Niacinamide 10%\nZinc PCA 1%": an amount ends its row, no name wraps after it
                cuts.append(pos)
                continue
            if self._names is not None and self._fragment_known(work[max(0, i - 200) : i + 1], work[j : j + 200]):
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
        if "%" in seg:  # "Zinc Oxide 6.90%Water": an amount glued to the next name ends the ingredient
            glued = glued_amounts(seg)
            if glued:
                for a, b in zip([0, *glued], [*glued, len(seg)], strict=True):
                    self._emit_one(work, original, omap, start + a, start + b, may_regions, out)
                return
        self._emit_one(work, original, omap, start, end, may_regions, out)

    def _emit_one(
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
        stripped = seg.strip()
        if not stripped:
            return
        if ("(" in stripped or "[" in stripped) and _AND_RE.search(stripped):
            pieces = []
            p = start
            for m in _AND_RE.finditer(seg):
                pieces.append((p, start + m.start()))
                p = start + m.end()
            pieces.append((p, end))
        else:
            a = start + (len(seg) - len(seg.lstrip()))
            pieces = [(a, a + len(stripped))]
        for a, b in pieces:
            raw = work[a:b]
            stripped = raw.strip()
            if not stripped:
                continue
            if len(stripped) != len(raw):
                a += len(raw) - len(raw.lstrip())
                b = a + len(stripped)
            parsed = self._memo.get(stripped) or self._parse(stripped)
            if parsed is _RUN:  # names run together: one ingredient each
                may = bool(may_regions) and in_regions(may_regions, a)
                for x, y in self._runs.get(stripped) or self._names_in(stripped) or ():
                    sub = stripped[x:y]
                    parsed = self._memo.get(sub) or self._parse(sub)
                    out.append(ingredient_at(len(out), original, omap, a + x, a + y, parsed, may))
                continue
            if not parsed.name:
                prev = out[-1] if out else None
                if parsed.concentration is not None and prev is not None and prev.concentration is None:
                    # "Niacinamide, 5%": an amount on its own belongs to the ingredient before it
                    p = prev.parsed
                    merged = ParsedName(p.name, p.key, p.aliases, p.common_name, parsed.concentration, p.markers)
                    out[-1] = make_ingredient(prev.index, prev.text, prev.span, merged, prev.may_contain)
                continue
            may = bool(may_regions) and in_regions(may_regions, a)
            out.append(ingredient_at(len(out), original, omap, a, b, parsed, may))

    def _parse_piece(self, piece: str) -> ParsedName:
        if self._names is None:
            return parse_piece(piece, None)
        parsed = parse_piece(piece, self._known)
        if parsed.aliases and ("," in piece or ";" in piece):  # "Fragrance (Linalool, Limonene)": what it holds
            runs = bracket_list(piece, self._known)
            if runs is not None:
                self._runs.put(piece, runs)
                return _RUN
        comma = "," in piece
        long = " " in parsed.name and not parsed.aliases and parsed.concentration is None
        if not (comma or long) or self._known(parsed.key):  # (asked once: both tests below need an unknown name)
            return parsed
        if comma:  # "Acetyl Heptapeptide-9,4-Butylresorcinol": two names
            runs = split_at_comma(piece, self._known)
            if runs is not None:
                self._runs.put(piece, runs)
                return _RUN
        if long:  # two names or more run together ("Glycerin Niacinamide"), or joined by "and" (see split_run)
            runs = split_run(piece, self._known)
            if runs is not None and not self._has_head(parsed.key):  # an EV-family name the head nouns read stays
                self._runs.put(piece, runs)
                return _RUN
        return parsed

    def _names_in(self, piece: str) -> tuple[tuple[int, int], ...] | None:
        """The known names a piece parsed as a run is made of (when the runs memo no longer holds it)."""
        known = self._known
        return (
            (("," in piece or ";" in piece) and bracket_list(piece, known))
            or ("," in piece and split_at_comma(piece, known))
            or split_run(piece, known)
        )

    def _parse(self, piece: str) -> ParsedName:
        hit = self._memo.get(piece)
        if hit is not None:
            return hit
        return self._memo.put(piece, self._parse_piece(piece))


# the parse of a piece that is several known names run together ("Lavender Oil Pelargonium Graveolens Flower Oil")
_RUN = ParsedName("", "", (), None, None, ("run-together",))


def _plain_shape(stripped: str) -> bool:
    """Can the stripped piece be one plain ingredient as it is: not blank, no footnote, no "(and)" blend, no amount
    glued to a next name?"""
    if not stripped or stripped[0] == "*":
        return False
    if "%" in stripped and glued_amounts(stripped):
        return False
    return not (("(" in stripped or "[" in stripped) and _AND_RE.search(stripped))


def tokenize(text: str, names: NameIndex | None = None) -> tuple[Ingredient, ...]:
    """Tokenize ``text`` (convenience wrapper; reuse a :class:`Tokenizer` for many labels)."""
    return Tokenizer(names).tokenize(text)
