"""Names run together without a separator ("Lavender Oil Pelargonium Graveolens Flower Oil Linalool"), split with the
vocabulary: a piece that is not a known name as a whole is cut at word boundaries into the fewest known names, when
every word belongs to one or is a conjunction between two ("Tocopherol and Fragrance", "and Potassium Sorbate").
Also a name followed by the ingredients it holds in brackets ("Fragrance (Linalool, Limonene)"): one ingredient each.
Pure; the tokenizer memoizes the answer per piece.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exolabel._fast.lazy import lazy_pattern
from exolabel.tokenizer.names import normalize_key

MAX_NAME_WORDS = 10  # no INCI name a label runs together is longer (CosIng's long mixtures are not run together)
MAX_RUN_WORDS = 40
# a word that joins the last two names of a list in prose ("Tocopherol and Fragrance", ", and Potassium Sorbate")
CONJUNCTIONS = frozenset({"and", "&", "et", "und", "y"})
_WORD_RE = lazy_pattern(r"\S+")
_NO_START = frozenset("([\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")  # a bracket or a quote: an alias of the name before
_BRACKETS_RE = lazy_pattern(r"\([^()]*\)|\[[^\[\]]*\]")


def split_run(piece: str, known: Callable[[str], str | None]) -> tuple[tuple[int, int], ...] | None:
    """(start, end) offsets in ``piece`` of the known names it is made of, two or more; None when it is not a run
    of known names. The whole piece is never tried as one name: callers ask only about a piece that is not a known
    name (a known name whose words are known names too, "Sodium Chloride", would otherwise be cut). A common name in
    brackets goes with the name before it."""
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(piece)]
    n = len(words)
    if n < 2 or n > MAX_RUN_WORDS:
        return None
    # best[j]: the fewest names covering words[:j] (and where the last one starts; -2: word j - 1 is a conjunction,
    # skipped); filled left to right. A conjunction may start the piece or stand between two names, never end it.
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = (0, -1)
    skipped = False
    for i in range(n):
        if best[i] is None:
            continue
        if i < n - 1 and best[i][1] != -2 and best[i + 1] is None and _conjunction(piece, words[i]):
            best[i + 1] = (best[i][0], -2)
            skipped = True
        for j in range(i + 1, min(n, i + MAX_NAME_WORDS) + 1):
            if best[j] is not None and best[j][0] <= best[i][0] + 1:  # type: ignore[index]
                continue
            if i == 0 and j == n:
                continue  # the whole piece: the caller knows it is no known name
            text = piece[words[i][0] : words[j - 1][1]]
            if text[0] in _NO_START or not known(normalize_key(_BRACKETS_RE.sub(" ", text) if "(" in text else text)):
                continue
            best[j] = (best[i][0] + 1, i)  # type: ignore[index]
    if best[n] is None or best[n][0] < (1 if skipped else 2):
        return None
    cuts = []
    j = n
    while j > 0:
        i = best[j][1]  # type: ignore[index]
        if i == -2:  # a conjunction: no name
            j -= 1
            continue
        cuts.append((words[i][0], words[j - 1][1]))
        j = i
    return tuple(reversed(cuts)) if cuts else None


def _conjunction(piece: str, word: tuple[int, int]) -> bool:
    return piece[word[0] : word[1]].casefold() in CONJUNCTIONS


def split_at_comma(piece: str, known: Callable[[str], str | None]) -> tuple[tuple[int, int], ...] | None:
    """(start, end) offsets in ``piece`` of two known names joined by a comma that the cutter kept as a locant's
    ("Acetyl Heptapeptide-9,4-Butylresorcinol": a comma between digits reads as "1,2-Hexanediol"'s), or None. The
    first comma with a known name on each side is the cut. As :func:`split_run`, asked only about a piece that is not
    a known name as a whole ("2,4-Dichlorobenzyl Alcohol" stays one)."""
    c = piece.find(",")
    while c != -1:
        left = piece[:c].rstrip()
        right = piece[c + 1 :].lstrip()
        if left and right and known(_key(left)) and known(_key(right)):
            return ((0, len(left)), (len(piece) - len(right), len(piece)))
        c = piece.find(",", c + 1)
    return None


def _key(text: str) -> str:
    """The lookup key of a name, a common name in brackets left out."""
    return normalize_key(_BRACKETS_RE.sub(" ", text) if "(" in text or "[" in text else text)


_COLOUR_INDEX_RE = lazy_pattern(r"(?:c\.?\s?i\.?|colou?r\s+index)\s*\d{5}", re.IGNORECASE)


def bracket_list(piece: str, known: Callable[[str], str | None]) -> tuple[tuple[int, int], ...] | None:
    """(start, end) offsets in ``piece`` of a name and the ingredients its closing brackets list ("Fragrance
    (Linalool, Limonene)", "Plant Exosome Complex [Water, Butylene Glycol, Rosa Damascena Callus Culture Extract]"):
    the name before the brackets (when there is one), then each item. None unless the brackets end the piece and hold
    two items or more, every one a known name that is not the name's own (an alias list: "Water (Aqua, Eau)") nor a
    colour index number (the colorant's: "Iron Oxides (CI 77491, CI 77492)")."""
    end = len(piece.rstrip(" ."))
    close = piece[end - 1 : end]
    if close not in (")", "]"):
        return None
    opening = "(" if close == ")" else "["
    start = piece.rfind(opening, 0, end - 1)
    inner = piece[start + 1 : end - 1]
    if start < 0 or "(" in inner or "[" in inner or ")" in inner or "]" in inner:
        return None
    items: list[tuple[int, int]] = []
    pos = start + 1
    for raw in re.split(r"[,;]", inner):
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if text:
            items.append((pos + lead, pos + lead + len(text)))
        pos += len(raw) + 1
    if len(items) < 2:
        return None
    outer = piece[:start].rstrip()
    own = known(_key(outer)) if outer else None
    for a, b in items:
        text = piece[a:b]
        name = known(_key(text))
        if name is None or name == own or _COLOUR_INDEX_RE.fullmatch(text):
            return None
    return ((0, len(outer)), *items) if outer else tuple(items)
