"""Claim and EV-word phrases as patterns, and the word tests in front of them.

A rule-list phrase ("plant exosome", "stem cell") is searched as a case-insensitive whole-word alternation. Most
product names hold none of the words such phrases start with: a set test on the text's words turns them away
before any regex runs, and answers exactly as the regex would (see :func:`lacks_words`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, partial

from exolabel._fast.lazy import lazy_text


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Case-insensitive whole-word alternation, longest phrase first (its text made and compiled when first used)."""
    return lazy_text(partial(_phrase_text, tuple(phrases)), re.IGNORECASE)


def _phrase_text(phrases: tuple[str, ...]) -> str:
    alts = sorted({re.escape(p.casefold()) for p in phrases if p.strip()}, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"


_WORD_RE = re.compile(r"\w+")


def first_words(phrases: Iterable[str]) -> frozenset[str] | None:
    """The first word of each phrase, lower-cased (None when a phrase starts with no word: no word test then)."""
    words = set()
    for p in phrases:
        if not p.strip():
            continue  # phrase_pattern leaves blank phrases out too
        folded = p.strip().casefold()
        m = _WORD_RE.match(folded)
        if m is None or "\u0131" in folded or "\u0307" in folded:
            return None  # (a dotless i, or a combining dot, also matches an ASCII "i" under IGNORECASE)
        words.add(m.group())
    return frozenset(words)


class FirstWords:
    """:func:`first_words` of the EV phrases (``ev``), of every claim phrase (``claim``) and of both (``either``;
    None when either is), each made at its first use: a label whose product name and ingredients no rule reads as
    a claim never asks for them."""

    def __init__(self, ev_phrases: Iterable[str], claim_phrases: Iterable[str]) -> None:
        self._phrases = (tuple(ev_phrases), tuple(claim_phrases))

    @cached_property
    def ev(self) -> frozenset[str] | None:
        return first_words(self._phrases[0])

    @cached_property
    def claim(self) -> frozenset[str] | None:
        return first_words(self._phrases[1])

    @cached_property
    def either(self) -> frozenset[str] | None:
        return None if self.ev is None or self.claim is None else self.ev | self.claim


def lacks_words(text: str, first: frozenset[str] | None) -> bool:
    """True when no phrase_pattern() of phrases with these ``first`` words can match ASCII ``text``.

    A match starts at a word boundary the pattern's look-behind requires, and its first word ends at a non-word
    character or the end of the phrase (whose look-ahead forbids a word character), so the text holds that word
    whole. In ASCII text, IGNORECASE folds only A-Z, so ``lower()`` compares the same way; other text is not
    judged here (False: the regex decides).
    """
    if first is None or not text.isascii():
        return False
    low = text.lower()
    # letters, digits and spaces only ("Product 12"): the words are what split() gives
    return first.isdisjoint(low.split() if low.replace(" ", "").isalnum() else _WORD_RE.findall(low))


def number_near(phrases: Iterable[str]) -> re.Pattern[str]:
    """A number within two words of one of ``phrases`` ("Exosome Shot 2000", "10,000 ppm exosomes")."""
    return lazy_text(partial(_number_text, tuple(phrases)), re.I)


def _number_text(phrases: tuple[str, ...]) -> str:
    words = _phrase_text(phrases)
    num = r"(?<![\w.,])\d[\d,.]*\s*(?:%|ppm|k|x|billion|million|trillion)?(?![\w])"
    return rf"{words}(?:\W+\w+){{0,2}}?\W+(?P<a>{num})|(?P<b>{num})\W+(?:\w+\W+){{0,2}}?{words}"
