"""A slow reference for the tokenizer's cutting, for the differential tests only.

It decides where each ingredient ends one character at a time, straight from the rules the tokenizer states (a
separator ",;|•·" cuts outside brackets, never a comma between two digits nor one after a piece of one or two
digits alone before spaces, digits and a hyphen ("1, 2-Hexanediol"); in a text with no separator, two or more hyphens
between spaces cut outside brackets ("Aqua - Glycerin - Niacinamide"); brackets that do not balance hold
nothing; an amount glued to the next name, r"\\d\\s?%(?=[A-Z][a-z])", ends the ingredient; which line breaks cut is the
tokenizer's own vocabulary decision, except a line break between a digit and "%", which is inside an amount and
never cuts), then hands each piece to the tokenizer's piece handling. It shares no cutting
code with ``exolabel.tokenizer.cut``.
"""

from __future__ import annotations

import re

from exolabel.model import Ingredient
from exolabel.tokenizer.core import Tokenizer

_GLUED = re.compile(r"\d\s?%(?=[A-Z][a-z])")
_WRAPPED_AMOUNT = re.compile(r"(?<=\d)\n(?=%)")  # "20\n%": the line break is inside the amount
_OPENING, _CLOSING = "([{", ")]}"
_LOCANT_BEFORE = re.compile(r"(?:^|[,;|•·\n]) *\d{1,2}$")  # a piece that is one or two digits alone
_LOCANT_AFTER = re.compile(r" +\d+-")


def _depths(work: str) -> list[int] | None:
    """The bracket depth before each character; None when the brackets do not balance (then none hold anything)."""
    depths, depth = [], 0
    for ch in work:
        depths.append(depth)
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING and depth:
            depth -= 1
    return None if depth else depths


def reference_events(tok: Tokenizer, work: str) -> list[tuple[int, int]]:
    """(position, width) of every cut: width 1 for a separator character, 0 for the end of a glued amount."""
    depths = _depths(work)

    def inside(i: int) -> bool:  # inside a bracket group (a separator or line break is never a bracket itself)
        return depths is not None and depths[i] > 0

    cuts = []
    for i, ch in enumerate(work):
        if ch not in ",;|•·" or inside(i):
            continue
        if ch == "," and 0 < i < len(work) - 1 and work[i - 1].isdecimal() and work[i + 1].isdecimal():
            continue
        if ch == "," and _LOCANT_BEFORE.search(work[:i]) and _LOCANT_AFTER.match(work, i + 1):
            continue  # "1, 2-Hexanediol": locants written with a space
        cuts.append(i)
    body = work.lstrip(" ,")  # (a blanked "Ingredients:" leaves spaces and a comma)
    if not any(ch in ",;|•·" for ch in body) and work.count(" - ") >= 2:
        hyphens = [m.start() + 1 for m in re.finditer(r" - ", work)]  # "Aqua - Glycerin - ..."
        cuts = sorted([*cuts, *(i for i in hyphens if not inside(i))])
    in_amount = {m.start() for m in _WRAPPED_AMOUNT.finditer(work)}
    newlines = [i for i, ch in enumerate(work) if ch == "\n" and not inside(i) and i not in in_amount]
    if newlines:
        cuts = sorted([*cuts, *tok._newline_cuts(work, newlines, len(cuts))])
    events = [(c, 1) for c in cuts] + [(m.end(), 0) for m in _GLUED.finditer(work)]
    return sorted(events)


def reference_tokenize(tok: Tokenizer, text: str) -> tuple[Ingredient, ...]:
    """What ``tok.tokenize(text)`` must give, with the pieces cut by :func:`reference_events`."""
    split = tok.split(text)
    work, omap, regions = split.work, split.omap, split.may_regions
    out: list[Ingredient] = []
    prev = 0
    for pos, width in [*reference_events(tok, work), (len(work), 0)]:
        if work[prev:pos].strip():
            tok._emit(work, text, omap, prev, pos, regions, out)
        prev = pos + width
    return tuple(out)
