"""Which of a fixed set of words a text holds, found in one pass over the text.

The tokenizer's gates ask whether a lower-cased label holds words such as "please", "ingredient" or "contain"
before they run the regular expressions those words open; a substring test per word reads the label once per word.
:class:`WordScan` reads it once, with an Aho-Corasick automaton in compiled code (ahocorasick-rs), and answers each
question with a set lookup. ``word in scan.found(text)`` equals ``word in text`` for every word the scan was built
with (tests/test_gates.py); a gate may only ask for those words (the same tests record what each gate asks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class WordScan:
    """The words of a fixed vocabulary that a text holds. The automaton is built at the first :meth:`found`."""

    __slots__ = ("_automaton", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(dict.fromkeys(w for w in words if w))
        self._automaton: Callable[..., list[str]] | None = None

    def found(self, text: str) -> set[str]:
        """The words of the vocabulary that occur in ``text`` (anywhere, overlapping others or not)."""
        find = self._automaton
        if find is None:
            import ahocorasick_rs

            automaton = ahocorasick_rs.AhoCorasick(self.words, implementation=ahocorasick_rs.Implementation.DFA)
            find = self._automaton = automaton.find_matches_as_strings
        return set(find(text, overlapping=True))

    def has(self, text: str) -> Callable[[str], bool]:
        """``lambda word: word in text`` for the words of the vocabulary, from one pass over ``text``: the bound
        ``__contains__`` of the set :meth:`found` gives (its ``__self__``, for set operations)."""
        return self.found(text).__contains__
