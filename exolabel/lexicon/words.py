"""Whole-word phrase lookup without regular expressions.

Cue and head-noun vocabularies hold a few hundred short phrases ("umbilical cord", "conditioned media",
"sh-oligopeptide"). A compiled regex alternation of them costs tens of milliseconds to build on every start;
this index builds in microseconds and answers the same question: the leftmost (then longest) phrase that starts
at a word boundary and ends at a word boundary or a hyphen ("sh-oligopeptide" in "sh-oligopeptide-1").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"[^\s/,()\[\]{}+&;:*]+")
_WORD_SPLIT_RE = re.compile(r"[\s/,()\[\]{}+&;:*\-]+")  # token boundaries and hyphens


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """The part of ``re.Match`` the lexicon uses."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _n: int = 0) -> str:
        return self.text


class PhraseIndex:
    def __init__(self, phrases: Iterable[str]) -> None:
        self._phrases = frozenset(p for p in phrases if p)
        self._max_words = max((p.count(" ") + 1 for p in self._phrases), default=0)
        # every word of every phrase (split at hyphens too): a key sharing none of them holds no phrase
        self._words = frozenset(w for p in self._phrases for w in _WORD_SPLIT_RE.split(p) if w)

    def __bool__(self) -> bool:
        return bool(self._phrases)

    @property
    def words(self) -> frozenset[str]:
        """Every word of every phrase (split at hyphens too)."""
        return self._words

    def search(self, key: str) -> PhraseMatch | None:
        """The leftmost, longest phrase of the index found in ``key`` (a normalized name), or None."""
        if not self._phrases or self._words.isdisjoint(_WORD_SPLIT_RE.split(key)):
            return None
        toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(key)]
        phrases = self._phrases
        for i, (a, _) in enumerate(toks):
            if i > 0 and key[a - 1] == "-":
                continue  # "non-exosome" does not contain the word "exosome"
            best = None
            for j in range(i, min(len(toks), i + self._max_words)):
                b0, b1 = toks[j]
                if j > i and key[toks[j - 1][1] : b0] != " ":
                    break  # phrases span single spaces only
                cand = key[a:b1]
                if cand in phrases:
                    best = (a, b1)
                # hyphen prefixes of the last word: "sh-oligopeptide" in "sh-oligopeptide-1"
                h = key.find("-", b0, b1)
                while h != -1:
                    if key[a:h] in phrases and (best is None or h > best[1]):
                        best = (a, h)
                    h = key.find("-", h + 1, b1)
            if best is not None:
                return PhraseMatch(best[0], best[1], key[best[0] : best[1]])
        return None
