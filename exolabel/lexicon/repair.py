"""Readings of a name that OCR or a typo garbled, for the matcher to test against the vocabulary and head nouns.

* :func:`ocr_readings`: the spellings a name may have had before OCR confused letters: 1 for l or i, 0 for o, a
  capital I inside a lower-case word for l, | for l, and one of rn/m, cl/d, vv/w misread ("C0NDITIONED MEDIA",
  "Condit1oned Med1a", "Zantedeschia Aethiopica CalIus Extract", "Comflower"). The matcher keeps a reading only when
  exactly one of them is a known name or classifies by its head noun.
* the last tier of :func:`ocr_readings`: a ligature (fi, fl, ff, ffi, ffl) that text extraction dropped, leaving a
  space before a lower-case letter inside a name whose words otherwise start with capitals ("Zingiber Of cinale":
  Officinale, printed with the "fi" ligature).
* :func:`head_word_readings`: a name whose head noun has a typo ("Calus Culture Extract", "Saccharomyces ysate"): each
  word one edit (a swap of neighbours is one) from exactly one head-noun word, or that word without its first
  letter, is read as it. Words of five letters or more only, so "Medica" never becomes "Media" on its own: a head
  phrase still has to match the whole name afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product

from exolabel._fast.lazy import lazy_pattern

MAX_SITES = 4  # digit/letter confusions tried together (2^4 readings at most)
MAX_PAIRS = 8  # rn/m, cl/d, vv/w places tried one at a time
_SITE_RE = lazy_pattern(r"(?<=[A-Za-z])[01|]|[01|](?=[A-Za-z])|(?<=[a-z])I")
_PAIR_RE = lazy_pattern(r"rn|m|cl|d|vv|w")
_SITE_READINGS = {"1": ("l", "i"), "0": ("o",), "|": ("l",), "I": ("l",)}
_PAIR_READINGS = {"rn": "m", "m": "rn", "cl": "d", "d": "cl", "vv": "w", "w": "vv"}
_UPPER_PAIR = {k: v.upper() for k, v in _PAIR_READINGS.items()}
_DROPPED_RE = lazy_pattern(r"(?<=[A-Za-z]) (?=[a-z])")  # a space before a lower-case letter, after a letter
_WORD_START_RE = lazy_pattern(r"(?:^|(?<=[ /]))[^\W\d_]{2}")  # a word's first two letters (swapped_starts)
_LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")


def ocr_suspect(name: str) -> bool:
    """Does ``name`` hold a digit or a capital I where letters belong (the confusions :func:`ocr_readings` undoes)?"""
    return _SITE_RE.search(name) is not None


def ocr_readings(name: str) -> list[list[str]]:
    """The spellings ``name`` may have had before OCR, fewest confusions first: every combination of its digit/letter
    confusions, then each rn/m, cl/d, vv/w confusion on its own (on top of the digit/letter reading when there is
    exactly one). ``name`` itself is not among them."""
    first: list[str] = []
    sites = [m.start() for m in _SITE_RE.finditer(name)][:MAX_SITES]
    if sites:
        options = [_SITE_READINGS[name[i]] for i in sites]
        for choice in product(*options):
            chars = list(name)
            for i, c in zip(sites, choice, strict=True):
                chars[i] = c.upper() if name[i - 1 : i].isupper() and name[i + 1 : i + 2].isupper() else c
            first.append("".join(chars))
    base = first[0] if len(first) == 1 else name
    second = []
    for m in list(_PAIR_RE.finditer(base.lower()))[:MAX_PAIRS]:
        a, b = m.start(), m.end()
        rep = _UPPER_PAIR[m.group()] if base[a:b].isupper() else _PAIR_READINGS[m.group()]
        second.append(base[:a] + rep + base[b:])
    return [[r for r in dict.fromkeys(tier) if r != name] for tier in (first, second, ligature_readings(name))]


def ligature_readings(name: str) -> list[str]:
    """``name`` with a dropped ligature's letters in place of a space before a lower-case letter ("Zingiber Of
    cinale" -> "Zingiber Officinale"...), each ligature at each such space; none unless another word of ``name``
    starts with a capital (in a name written in one case a lower-case word start says nothing)."""
    spaces = [m.start() for m in _DROPPED_RE.finditer(name)][:MAX_PAIRS] if " " in name else []
    if not spaces or not any(w[:1].isupper() for w in name.split()):
        return []
    return [name[:i] + lig + name[i + 1 :] for i in spaces for lig in _LIGATURES]


def head_word_readings(
    key: str, head_words: Iterable[str], distance: Callable[[str, str], int], known_word: Callable[[str], bool]
) -> str | None:
    """``key`` with each word that is a typo of exactly one head-noun word replaced by it, or None if none is.

    ``distance`` is the edit distance with adjacent swaps (OSA); ``known_word`` tells words that are head words already.
    """
    heads = [h for h in head_words if len(h) >= 5]
    words = key.split(" ")
    changed = False
    for i, w in enumerate(words):
        if len(w) < 4 or known_word(w) or not w.isalpha():
            continue
        fits = {h for h in heads if (h[0] == w[0] and distance(w, h) == 1) or w == h[1:]}
        if len(fits) == 1:
            words[i] = fits.pop()
            changed = True
    return " ".join(words) if changed else None


def swapped_starts(key: str) -> list[str]:
    """``key`` with the first two letters of one word swapped, for each word where that changes its initial (a typo
    that ``ratio`` scores too low against the names of the right initial: "abies isbirica")."""
    out = []
    for m in _WORD_START_RE.finditer(key):
        i = m.start()
        if key[i] != key[i + 1]:
            out.append(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    return out
