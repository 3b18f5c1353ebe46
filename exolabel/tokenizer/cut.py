"""Separator-level helpers for cutting a prepared label: the ones that need no vocabulary.

A one-line list cut at its separators as the general path cuts it (never in "1,2-Hexanediol" or "10,000 ppm", never
inside brackets), and the bracket helpers the general cutter (``Tokenizer._separators``) shares with it: the
top-level bracket groups and the positions outside them. Which line breaks cut needs the vocabulary: the tokenizer.
"""

from __future__ import annotations

import re

_COMMA_DIGIT_RE = re.compile(r",\d")  # see digit_commas
_GLUED_PERCENT_RE = re.compile(r"%(?=[A-Z][a-z])")  # see glued_amounts
_OTHER_SEPS = (";", "|", "\u2022", "\u00b7")  # the separators besides the comma
_HAS_BRACKET_RE = re.compile(r"[()\[\]{}]")
_OPEN = frozenset("([{")


def split_list(work: str) -> list[str] | None:
    """A one-line list split at its separators as the general path cuts it; None when brackets hold a separator.

    Every separator but a comma between two digits ("1,2-Hexanediol", "10,000 ppm") cuts; the other separator
    characters are mapped to commas first (one character each, so offsets do not move).
    """
    seps = work
    for sep in _OTHER_SEPS:
        if sep in seps:
            seps = seps.replace(sep, ",")
    parts = seps.split(",")
    locants = digit_commas(work)
    if locants:
        joins = []
        k = pos = 0
        for c in locants:
            k += seps.count(",", pos, c)  # the comma at c is comma number k (counted from where the last one was)
            pos = c
            joins.append(k)
        for k in reversed(joins):  # comma k sits between parts[k] and parts[k + 1]
            parts[k : k + 2] = [parts[k] + "," + parts[k + 1]]
    if has_bracket(work) and any(seps.find(",", a, b) != -1 for a, b in bracket_spans(work)):
        return None  # a separator inside brackets is not a cut: the general path handles it
    if seps is not work:
        pos = 0
        for i, part in enumerate(parts):  # the pieces as written, with their own separators
            parts[i] = work[pos : pos + len(part)]
            pos += len(part) + 1
    return parts


def digit_commas(work: str) -> list[int]:
    r"""Positions of the commas between two digits ("1,2-Hexanediol", "10,000 ppm"), which never cut.

    The regex looks for a literal comma first, then the character before it is tested, so the scan is linear and
    never tries a digit class at every position of the label (a hypothesis test holds it to r"\d(?=,\d)")."""
    out = []
    for m in _COMMA_DIGIT_RE.finditer(work):
        c = m.start()
        if work[c - 1 : c].isdecimal():  # what \d matches: a Unicode decimal digit
            out.append(c)
    return out


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
_WORD_CHAR_RE = re.compile(r"\w")


class TooManyIngredients(ValueError):
    """A label with more ingredients than the configured limit: refused before the costly per-piece work."""

    def __init__(self, count: int, limit: int) -> None:
        self.count, self.limit = count, limit
        super().__init__(
            f"{count:,} ingredients, over --max-ingredients {limit:,} (a label lists far fewer: "
            "for a catalogue of products use 'exolabel batch')"
        )


def check_count(work: str, events: list[tuple[int, int]], limit: int) -> None:
    """Raise TooManyIngredients when more than ``limit`` pieces hold a letter or digit."""
    count, prev = 0, 0
    for pos, width in [*events, (len(work), 0)]:
        if pos > prev and _WORD_CHAR_RE.search(work, prev, pos):
            count += 1
        prev = pos + width
    if count > limit:
        raise TooManyIngredients(count, limit)
