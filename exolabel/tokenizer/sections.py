"""A kit's several lists on one label: the product headings ("Cleanser: ...", "Night Serum" above
"Ingredients: ...") that open each list, found by their shape, never by a list of product words.

A heading is a short phrase (one to eight words, no list separator) that starts the text, a line or a sentence and
either ends at a colon (not an ingredient header, a panel, a may-contain marker or a footnote legend) before a list
or stands just before an ingredient header, on its line or the line above ("Step 1 Cleanser Ingredients:",
"Gentle Cleanser\\nIngredients:"). On a label with such a heading, a colon before one name opens a product of one
ingredient too ("Mask: Kaolin"), and so do two or more lines that each start with a heading and its colon before
one name ("Cleanser: Aqua\\nSerum: Glycerin"). The tokenizer blanks headings; the scanner attributes the ingredients
after each heading to it (:func:`sections_of`) when a label has two or more, so a finding says which product of the
kit it is about. Given the vocabulary, a colon between a common name the vocabulary maps to another name and a known
name ("Vitamin C: Ascorbic Acid", "Sea Salt: Maris Sal", a glossary) labels that ingredient: the common name is
blanked as a heading is, but opens no product; inside a list ("Aqua, Vitamin B3: Niacinamide, Glycerin") when the name
after the colon is the very name it maps to. Inside a list, a colon between two known names that are not so ("Aqua,
Fragrance: Linalool, Limonene", "Parfum (Fragrance): Limonene": a declared-allergen sub-list) separates them, as a
comma would: both are ingredients. Pure; offsets are those of the prepared text unless said otherwise.
"""

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.model import Ingredient, Section
from exolabel.tokenizer.names import normalize_key
from exolabel.tokenizer.piece import parse_piece

_MAX_WORDS = 8  # "Active Cartridge Concentrate for Pores & Uneven Texture" (a real kit's product)
_MAX_CHARS = 60
_SEPARATORS = ",;•·|"
# "Step 1", "1.", "2)", "A -": an enumeration before the product's name, and "(15 ml)", "30ml" after it
_ENUM_RE = lazy_pattern(
    r"^(?:(?:step|part|no\.?|n°|#)\s*\d+\s*[-–:.)]?\s*|\d{1,2}\s*[.)\-–]\s*|[A-Z]\s*[.)\-–]\s+)", re.IGNORECASE
)
_SIZE_RE = lazy_pattern(r"\s*(?:\([^()]*\)|\d+(?:[.,]\d+)?\s*(?:ml|g|oz|fl\.?\s*oz)\.?)\s*$", re.I)
_WORD_RE = lazy_pattern(r"[^\W\d_][\w'&.\-]*")
# a full stop glued to the next sentence by a scraper: after a lower-case word, before a capitalised one ("C.I." and
# "Ext. Violet" are not)
_GLUED_STOP_RE = lazy_pattern(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")
# the words that open a header of the rest of a list, after its active ingredients (21 CFR 201.66(c)(8) "Inactive
# ingredients"; "Other ingredients"): the mask's header words (mask._HEADER_WORDS) hold them
_CONTINUING = ("other", "inactive", "non-active", "nonactive", "non active")
_BLANK_LINE_RE = lazy_pattern(r"\n[ \t]*\n")
_LAST_STOP_RE = lazy_pattern(r".*[,;\u2022\u00b7|:.]", re.DOTALL)  # matched up to a colon: its last such character


class Heading(NamedTuple):
    """A product heading in the prepared text: ``start``-``end`` is blanked; ``name`` is the product's name."""

    start: int
    end: int
    name: str


class Headings(NamedTuple):
    """What :func:`find_headings` found: ``kit`` and ``labels`` are blanked, and only ``kit`` opens products;
    ``splits`` are colons that separate two ingredients."""

    kit: list[Heading]  # a kit's product headings (sorted)
    labels: list[Heading]  # common names before the INCI name they label ("Vitamin C: Ascorbic Acid")
    splits: list[int]  # colons between two known names inside a list ("Fragrance: Linalool"), outside the others


def find_headings(
    t: str,
    headers: Sequence[tuple[int, int]],
    stops: Sequence[int],
    not_heading: re.Pattern[str],
    known: Callable[[str], str | None] | None = None,
) -> Headings:
    """The kit headings of the prepared label ``t``, and the common names that label one ingredient.

    ``headers``: the ingredient headers' spans (sorted); ``stops``: where other panels start; ``not_heading``: a
    pattern that a heading's text must not match (ingredient headers, may-contain markers, legends); ``known``: the
    vocabulary (a normalized key -> its canonical name, or None).
    """
    found: dict[int, Heading] = {}
    single: dict[int, Heading] = {}  # "Mask: Kaolin": a product of one ingredient, a heading only in a kit
    labels: list[Heading] = []
    splits: list[int] = []
    header_starts = [a for a, _ in headers]
    p = t.find(":")
    while p != -1:
        if not _in_header(header_starts, headers, p):
            h = _before(t, p, p + 1, not_heading, stops)
            if h is None and known is not None:
                # "Aqua, Vitamin B3: Niacinamide": a label; "Aqua, Fragrance: Linalool": two ingredients
                label = _label_in_list(t, p, known) if t[p - 1 : p].isalnum() else None
                if label is not None:
                    labels.append(label)
                elif _known_either_side(t, p, known, stops, not_heading):
                    splits.append(p)
            elif h is not None:
                if _list_follows(t, p + 1):
                    found[h.start] = h
                elif _name_follows(t, p + 1):
                    if known is not None and _labels_name(h.name, t, p + 1, known):
                        labels.append(h)
                    else:
                        single[h.start] = h
        p = t.find(":", p + 1)
    for i, (a, _b) in enumerate(headers):
        if _continues(t, headers, i):  # "Zinc PCA 1%\nOther ingredients:": the line above is a row of the list
            continue
        h = _before(t, a, a, not_heading, stops)
        if h is None and (a == 0 or t[a - 1] == "\n"):
            line_end = a - 1
            line_start = t.rfind("\n", 0, line_end) + 1 if line_end > 0 else 0
            if line_end > line_start:
                h = _before(t, line_end, line_end, not_heading, stops, line_start=line_start)
        if h is not None:
            found[h.start] = h
    if found:  # the label is a kit: a heading with one name after it opens a product too
        for k, h in single.items():
            found.setdefault(k, h)
    else:  # "Cleanser: Aqua\nSerum: Glycerin": two or more lines that each start with a heading make a kit
        at_line_start = {k: h for k, h in single.items() if not t[t.rfind("\n", 0, k) + 1 : k].strip(" \t")}
        if len(at_line_start) >= 2:
            found = at_line_start
    kit = [found[k] for k in sorted(found)]
    if len(kit) == 1 and known is not None and t[kit[0].end - 1] == ":":
        # one heading, so no kit: a known name before its colon is an ingredient and the colon a sub-list's
        # ("Fragrance: Linalool, Limonene\nWater, ...", as inside a list), not a product's name
        colon = kit[0].end - 1
        if _known_either_side(t, colon, known, stops, not_heading):
            kit, splits = [], [*splits, colon]
    if splits:  # (a colon inside a blanked heading is blanked with it)
        splits = [c for c in splits if not any(h.start <= c < h.end for h in (*kit, *labels))]
    return Headings(kit, labels, splits)


def continuing(header: str) -> bool:
    """Is ``header`` (an ingredient header's text) a header of the rest of a list ("Other ingredients:")?"""
    return header.lower().startswith(_CONTINUING)


def _continues(t: str, headers: Sequence[tuple[int, int]], i: int) -> bool:
    """Does the ingredient header ``headers[i]`` continue the list above it, so no product heading stands before it:
    a header of the rest of the list ("Other ingredients", "Inactive ingredients:", 21 CFR 201.66(c)(8)), or any
    header whose line above lies in an active-ingredient block (from an "Active ingredients" header, line by line
    with no blank line: "Active ingredients: Niacinamide 10%\nZinc PCA 1%\nIngredients: ...")?"""
    a, b = headers[i]
    if continuing(t[a:b]):
        return True
    if i == 0:
        return False
    pa, pb = headers[i - 1]
    return t[pa:pb].lower().startswith("active") and _BLANK_LINE_RE.search(t, pb, a) is None


def _labels_name(name: str, t: str, after: int, known: Callable[[str], str | None]) -> bool:
    """Is ``name`` (before a colon) a common name the vocabulary maps to another name ("Vitamin C" -> Ascorbic Acid,
    unlike "Cream", an INCI name itself), and the rest of the line after the colon a known name?"""
    if _other_name(name, known) is None:
        return False
    nl = t.find("\n", after)
    rest = t[after : nl if nl != -1 else len(t)].strip(" \t.;")
    return known(normalize_key(rest)) is not None


def _label_in_list(t: str, p: int, known: Callable[[str], str | None]) -> Heading | None:
    """The common name before the colon at ``p`` inside a list ("Aqua, Vitamin B3: Niacinamide, Glycerin"), when the
    vocabulary maps it to another name and the name after the colon, up to the next separator, is that same name."""
    line_start = t.rfind("\n", 0, p) + 1
    start = max(t.rfind(c, line_start, p) for c in _SEPARATORS) + 1 or line_start
    end = min((i for i in (t.find(c, p + 1) for c in (*_SEPARATORS, "\n")) if i != -1), default=len(t))
    raw = t[start:p]
    name, rest = raw.strip(), t[p + 1 : end].strip(" \t.")
    if not name or not rest or len(name) > _MAX_CHARS or not name[0].isalpha():
        return None
    other = _other_name(name, known)
    if other is None or known(normalize_key(rest)) != other:
        return None
    return Heading(start + len(raw) - len(raw.lstrip()), p + 1, name)


def _known_either_side(
    t: str, p: int, known: Callable[[str], str | None], stops: Sequence[int], not_heading: re.Pattern[str]
) -> bool:
    """Is the colon at ``p`` between two known names, each read as a piece is ("Fragrance (Parfum): Linalool*"): the
    one before it back to a list separator, a colon, a full stop, the start of its line or of another panel
    (``stops``), and no header, marker or legend (``not_heading``: "May contain (+/-): CI 77491"); the one after it
    up to the next separator, colon, line end or panel?"""
    line_start = t.rfind("\n", 0, p) + 1
    last = _LAST_STOP_RE.match(t, line_start, p)  # the last separator, colon or full stop before the colon
    start = last.end() if last is not None else line_start
    i = bisect.bisect_right(stops, p)  # "Fragrance: Linalool. Directions: ...": another panel bounds each name
    if i > 0 and stops[i - 1] > start:
        start = stops[i - 1]
    if not _known_piece(t[start:p], known, not_heading):
        return False
    end = min((j for j in (t.find(c, p + 1) for c in (*_SEPARATORS, ":", "\n")) if j != -1), default=len(t))
    if i < len(stops) and stops[i] < end:
        end = stops[i]
    return _known_piece(t[p + 1 : end], known, not_heading)


def _known_piece(text: str, known: Callable[[str], str | None], not_heading: re.Pattern[str]) -> bool:
    """Is ``text``, read as an ingredient piece (brackets, slashes, footnote marks), a known name or alias, and no
    header, marker or legend ("May contain (+/-)")?"""
    text = text.strip()
    if not text or len(text) > _MAX_CHARS or not text[0].isalpha() or not_heading.search(text):
        return False
    if known(normalize_key(text)) is not None:
        return True
    if not any(c in text for c in "([/*"):  # nothing a piece's parse would take away
        return False
    parsed = parse_piece(text, known)
    return known(parsed.key) is not None or any(known(normalize_key(a)) is not None for a in parsed.aliases)


def _other_name(name: str, known: Callable[[str], str | None]) -> str | None:
    """The name the vocabulary maps ``name`` to when that is another name ("Vitamin C" -> Ascorbic Acid); None for an
    unknown name or a name that is its own ("Cream", an INCI name itself)."""
    key = normalize_key(name)
    other = known(key)
    return None if other is None or normalize_key(other) == key else other


def _in_header(starts: list[int], headers: Sequence[tuple[int, int]], p: int) -> bool:
    i = bisect.bisect_right(starts, p) - 1
    return i >= 0 and headers[i][0] <= p < headers[i][1]


def _before(
    t: str,
    end: int,
    blank_end: int,
    not_heading: re.Pattern[str],
    stops: Sequence[int],
    line_start: int | None = None,
) -> Heading | None:
    """The heading that ends at ``end`` (a colon or a header), if the text before it, back to the start of its line
    or sentence, has a heading's shape."""
    if line_start is None:
        line_start = t.rfind("\n", 0, end) + 1
        sentence = max(t.rfind(". ", line_start, end), t.rfind("! ", line_start, end))
        if sentence != -1 and not _ENUM_RE.fullmatch(t[line_start : sentence + 2].lstrip()):  # "2. Night Cream"
            line_start = sentence + 2
        glued = [m.end() for m in _GLUED_STOP_RE.finditer(t, line_start, end)]  # "Linalool.Squalane + ... Gel:"
        if glued:
            line_start = glued[-1]
    raw = t[line_start:end]
    text = raw.strip()
    if not text or len(text) > _MAX_CHARS or any(c in text for c in _SEPARATORS):
        return None
    if line_start in stops or not_heading.search(text):
        return None
    name = _SIZE_RE.sub("", _ENUM_RE.sub("", text)).strip(" -–:.")
    words = _WORD_RE.findall(name)
    if not words or len(words) > _MAX_WORDS or not name[0].isalpha():
        return None
    start = line_start + len(raw) - len(raw.lstrip())
    return Heading(start, blank_end, name)


def _list_follows(t: str, after: int) -> bool:
    """Does a list (two names or more) follow the colon, on its line or below it (two lines or more, or one line with
    a list separator: "BB-gel Base:\\nWater, Dimethicone, ..." at the end of the text)?"""
    nl = t.find("\n", after)
    line = t[after : nl if nl != -1 else len(t)]
    if any(c in line for c in _SEPARATORS):
        return True
    if line.strip() or nl == -1:
        return False
    nxt = t.find("\n", nl + 1)
    return nxt != -1 or any(c in t[nl + 1 :] for c in _SEPARATORS)


def _name_follows(t: str, after: int) -> bool:
    """Does one name (letters, no list separator) follow the colon on its line?"""
    nl = t.find("\n", after)
    line = t[after : nl if nl != -1 else len(t)]
    return any(c.isalpha() for c in line)


def sections_of(
    headings: Sequence[tuple[int, str]], ingredients: Sequence[Ingredient], spans: Sequence[tuple[int, int]]
) -> tuple[Section, ...]:
    """The kit's sections: ``headings`` are (start in the input, name), sorted; ``spans`` each heading's span in the
    input. Each ingredient belongs to the last heading before it; none when the label has fewer than two."""
    if len(headings) < 2:
        return ()
    starts = [a for a, _ in headings]
    counts = [0] * len(headings)
    firsts: list[int | None] = [None] * len(headings)
    for ing in ingredients:
        i = bisect.bisect_right(starts, ing.span[0]) - 1
        if i < 0:
            continue
        counts[i] += 1
        if firsts[i] is None:
            firsts[i] = ing.index
    out = tuple(
        Section(name, span, first, count)
        for (_a, name), span, first, count in zip(headings, spans, firsts, counts, strict=True)
        if first is not None
    )
    return out if len(out) >= 2 else ()


def kit_sections(headings: Sequence[Heading], ingredients: Sequence[Ingredient]) -> tuple[Section, ...]:
    """:func:`sections_of` for ``headings`` with their spans in the input text (``Split.input_headings``)."""
    return sections_of([(h.start, h.name) for h in headings], ingredients, [(h.start, h.end) for h in headings])
