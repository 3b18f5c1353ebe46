"""Cutting a prepared label into list pieces: the one place that decides where an ingredient ends.

``cut_list`` cuts at the separators (never in "1,2-Hexanediol" or "10,000 ppm", never inside brackets); which line
breaks cut needs the vocabulary, so the tokenizer passes that decision in. Also here: amounts glued to the next name
("6.90%Water"), and the limit on the number of pieces.
"""

from __future__ import annotations

from collections.abc import Callable

from exolabel._fast.lazy import lazy_pattern

# (prepared text, positions of its line breaks outside brackets, number of other separators) -> the breaks that cut
LineBreaks = Callable[[str, list[int], int], list[int]]
_NL_RE = lazy_pattern(r"\n")
_COMMA_DIGIT_RE = lazy_pattern(r",\d")  # see digit_commas
_SPACED_LOCANT_RE = lazy_pattern(r", +\d+-")  # see digit_commas
_GLUED_PERCENT_RE = lazy_pattern(r"%(?=[A-Z][a-z])")  # see glued_amounts
_OTHER_SEPS = (";", "|", "\u2022", "\u00b7")  # the separators besides the comma
_PIECE_ENDS = frozenset(",;|\u2022\u00b7\n")  # what may stand before a piece: a separator or a line break
_HAS_BRACKET_RE = lazy_pattern(r"[()\[\]{}]")
_OPEN = frozenset("([{")


def cut_list(work: str, line_breaks: LineBreaks) -> list[str]:
    """The prepared label ``work`` cut at its separators, one character each: the pieces between them, in order.

    A separator is one of ",;|•·" outside brackets (in a text with none of them, a hyphen between spaces, when there
    are two or more: "Aqua - Glycerin - Niacinamide"), except a comma between two digits ("1,2-Hexanediol", "10,000
    ppm"), or a line break that ``line_breaks(work, positions, n_other)`` says ends an ingredient (it is given the
    line breaks outside brackets and the number of other separators; a line break between a digit and a per-cent
    sign, "Zinc Oxide 20\n%", is inside an amount and never offered). Brackets that do not balance hold nothing.
    ``"".join`` of the pieces with their separators between them gives ``work`` back.
    """
    seps = work
    for sep in _OTHER_SEPS:  # one character each: offsets do not move
        if sep in seps:
            seps = seps.replace(sep, ",")
    if " - " in seps and "," not in seps.lstrip(" ,") and seps.count(" - ") >= 2:  # (after a blanked "Ingredients:")
        # "Aqua - Glycerin - Niacinamide": spaced hyphens separate
        seps = seps.replace(" - ", " , ")
    spans = bracket_spans(work) if has_bracket(work) else []
    if "\n" not in work and not any(seps.find(",", a, b) != -1 for a, b in spans):
        parts = seps.split(",")  # every comma cuts but the locants, joined back below
        locants = digit_commas(work)
        if locants:
            joins = []
            k = pos = 0
            for c in locants:
                k += seps.count(",", pos, c)  # the comma at c is comma number k (counted from the last one)
                pos = c
                joins.append(k)
            for k in reversed(joins):  # comma k sits between parts[k] and parts[k + 1]
                parts[k : k + 2] = [parts[k] + "," + parts[k + 1]]
        # every separator other than a comma was cut at, and the locants joined back are commas in ``work`` too, so
        # each piece of ``seps`` is the same text in ``work``
        return parts
    cuts = []
    pos = -1
    for part in seps.split(",")[:-1]:
        pos += len(part) + 1
        cuts.append(pos)
    locants = digit_commas(work)
    if locants:
        drop = set(locants)
        cuts = [c for c in cuts if c not in drop]
    if spans:
        cuts = outside(cuts, spans)
    if "\n" in work:
        newlines = [p for p in (m.start() for m in _NL_RE.finditer(work)) if not _in_amount(work, p)]
        if spans:
            newlines = outside(newlines, spans)
        cuts.extend(line_breaks(work, newlines, len(cuts)))
        cuts.sort()
    return [work[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(work)], strict=True)]


def _in_amount(work: str, p: int) -> bool:
    """Is the line break at ``p`` between a digit and a per-cent sign ("20\n%": one amount wrapped over two lines)?"""
    return work[p + 1 : p + 2] == "%" and work[p - 1 : p].isdecimal()


def digit_commas(work: str) -> list[int]:
    r"""Positions of the commas between two digits ("1,2-Hexanediol", "10,000 ppm"), and of the comma of locants
    written with a space ("Carbomer, 1, 2-Hexanediol": a piece that is one or two digits, a comma, spaces, digits and a
    hyphen), which never cut.

    The regex looks for a literal comma first, then the characters around it are tested, so the scan is linear and
    never tries a digit class at every position of the label (a hypothesis test holds it to the two regexes
    r"\d(?=,\d)" and r"(?<![^,;|•·\n]) *\d{1,2}(?=, +\d+-)")."""
    out = []
    for m in _COMMA_DIGIT_RE.finditer(work):
        c = m.start()
        if work[c - 1 : c].isdecimal():  # what \d matches: a Unicode decimal digit
            out.append(c)
    if ", " in work:  # locants with a space: the comma, spaces, digits and a hyphen, found from the comma
        spaced = [m.start() for m in _SPACED_LOCANT_RE.finditer(work) if _spaced_locant(work, m.start())]
        if spaced:
            out = sorted(out + spaced)
    return out


def _spaced_locant(work: str, c: int) -> bool:
    """Is the comma at ``c`` (spaces, digits and a hyphen after it) after a piece that is one or two digits alone
    ("1, 2-Hexanediol")?"""
    if not work[c - 1 : c].isdecimal():
        return False
    a = c - 1
    while a > 0 and work[a - 1].isdecimal():
        a -= 1
    if c - a > 2:
        return False
    while a > 0 and work[a - 1] == " ":
        a -= 1
    return a == 0 or work[a - 1] in _PIECE_ENDS


def glued_amounts(work: str) -> list[int]:
    r"""Where each amount glued to the next name ends ("Zinc Oxide 6.90%Water"): the ends of the matches of
    r"\d\s?%(?=[A-Z][a-z])", found from the per-cent sign (that pattern, starting with a digit class, tries every
    position of the label)."""
    out = []
    for m in _GLUED_PERCENT_RE.finditer(work):
        p = m.start()
        if work[p - 1 : p].isdecimal() or (work[p - 1 : p].isspace() and work[p - 2 : p - 1].isdecimal()):
            out.append(p + 1)
    return out


def has_bracket(s: str) -> bool:
    """``_HAS_BRACKET_RE.search(s)``, as six substring tests."""
    return "(" in s or ")" in s or "[" in s or "]" in s or "{" in s or "}" in s


def bracket_spans(work: str) -> list[tuple[int, int]]:
    """Top-level bracket groups as (open, close) positions; none when the brackets do not balance."""
    if "[" not in work and "]" not in work and "{" not in work and "}" not in work:
        return _paren_spans(work)
    spans = []
    depth = 0
    start = 0
    for m in _HAS_BRACKET_RE.finditer(work):
        if m.group() in _OPEN:
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, m.start()))
    return [] if depth else spans


def _paren_spans(work: str) -> list[tuple[int, int]]:
    """:func:`bracket_spans` of a text whose only brackets are round ones, found with ``str.find``."""
    spans = []
    depth = 0
    start = 0
    o = work.find("(")
    c = work.find(")")
    while o != -1 or c != -1:
        if o != -1 and (c == -1 or o < c):
            if depth == 0:
                start = o
            depth += 1
            o = work.find("(", o + 1)
        else:
            if depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, c))
            c = work.find(")", c + 1)
    return [] if depth else spans


def outside(positions: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The positions that are not inside any span (both sorted)."""
    out = []
    k = 0
    nspans = len(spans)
    for p in positions:
        while k < nspans and spans[k][1] < p:
            k += 1
        if k < nspans and spans[k][0] < p < spans[k][1]:
            continue
        out.append(p)
    return out


DEFAULT_MAX_INGREDIENTS = 2_000  # real labels list under 200; a kit of several products a few hundred
_WORD_CHAR_RE = lazy_pattern(r"\w")


class TooManyIngredients(ValueError):
    """A label with more ingredients than the configured limit: refused before the costly per-piece work."""

    def __init__(self, count: int, limit: int) -> None:
        self.count, self.limit = count, limit
        super().__init__(
            f"{count:,} ingredients, over --max-ingredients {limit:,} (a label lists far fewer: "
            "for a catalogue of products use 'exolabel batch')"
        )


def check_count(parts: list[str], limit: int) -> None:
    """Raise TooManyIngredients when more than ``limit`` pieces hold a letter or digit (an amount glued to the next
    name ends a piece too)."""
    count = 0
    for part in parts:
        if _WORD_CHAR_RE.search(part):
            count += 1 + (len(glued_amounts(part)) if "%" in part else 0)
    if count > limit:
        raise TooManyIngredients(count, limit)
