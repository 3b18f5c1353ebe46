"""Whole-word phrase lookup without regular expressions.

Cue and head-noun vocabularies hold a few hundred short phrases ("umbilical cord", "conditioned media",
"sh-oligopeptide"). A compiled regex alternation of them costs tens of milliseconds to build on every start;
this index builds in microseconds and answers the same question: the leftmost (then longest) phrase that starts
at a word boundary and ends at a word boundary or a hyphen ("sh-oligopeptide" in "sh-oligopeptide-1").
"""

from collections.abc import Iterable
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern

_TOKEN_RE = lazy_pattern(r"[^\s/,()\[\]{}+&;:*]+")
_WORD_SPLIT_RE = lazy_pattern(r"[\s/,()\[\]{}+&;:*\-]+")  # token boundaries and hyphens


class PhraseMatch(NamedTuple):
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


def key_words(key: str) -> frozenset[str]:
    """The words of ``key`` as :meth:`PhraseIndex.search` splits it (at token boundaries and hyphens)."""
    return frozenset(_WORD_SPLIT_RE.split(key))


class PhraseIndex:
    """A set of phrases searched as one group (:class:`PhraseGroups`), built at the first search: the lexicon makes
    one index per cue and head-noun pattern, and a scan searches most of them only together, through the lexicon's
    ``cue_groups`` and ``head_groups``."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._phrases = frozenset(p for p in phrases if p)
        self._built: PhraseGroups | None = None

    @property
    def _group(self) -> "PhraseGroups":
        if self._built is None:
            self._built = PhraseGroups([self._phrases])
        return self._built

    def __bool__(self) -> bool:
        return bool(self._phrases)

    @property
    def phrases(self) -> frozenset[str]:
        return self._phrases

    @property
    def words(self) -> frozenset[str]:
        """Every word of every phrase (split at hyphens too)."""
        return self._group.words

    def search(self, key: str, words: Iterable[str] | None = None) -> PhraseMatch | None:
        """The leftmost, longest phrase of the index found in ``key`` (a normalized name), or None: a phrase starts at
        a word boundary (not after a hyphen: "non-exosome" holds no "exosome"), spans single spaces, and ends at a
        word boundary or a hyphen ("sh-oligopeptide" in "sh-oligopeptide-1"). ``words``: ``key_words(key)``, for a
        caller that searches one key with several indexes."""
        found = self._group.first(key, words)
        return None if found is None else found[1]


class PhraseGroups:
    """Several phrase indexes searched in one walk over a key: ``first(key)`` gives what searching each group's
    :class:`PhraseIndex` in order would give first, the lowest-numbered group with a phrase in ``key`` and that
    group's leftmost, longest phrase (the rules of :meth:`PhraseIndex.search`, which is a group of one)."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        owners: dict[str, list[int]] = {}
        self._count = 0
        for g, phrases in enumerate(groups):
            self._count = g + 1
            for p in phrases:
                if p and g not in owners.setdefault(p, []):
                    owners[p].append(g)
        self._owners = {p: tuple(gs) for p, gs in owners.items()}
        self._max_words = max((p.count(" ") + 1 for p in self._owners), default=0)
        # every word of every phrase (split at hyphens too): a key sharing none of them holds no phrase
        self._words = frozenset(w for p in self._owners for w in _WORD_SPLIT_RE.split(p) if w)

    @property
    def words(self) -> frozenset[str]:
        return self._words

    def state(self) -> tuple[dict[str, tuple[int, ...]], int, int, frozenset[str]]:
        """What the groups are made of, as plain values: the compiled lexicon stores it (:meth:`restored`)."""
        return self._owners, self._count, self._max_words, self._words

    @classmethod
    def restored(cls, state: tuple[dict[str, tuple[int, ...]], int, int, frozenset[str]]) -> "PhraseGroups":
        """The groups whose :meth:`state` this is, without splitting their phrases again."""
        groups = cls.__new__(cls)
        groups._owners, groups._count, groups._max_words, groups._words = state
        return groups

    def first(self, key: str, words: Iterable[str] | None = None) -> tuple[int, PhraseMatch] | None:
        """(group number, its leftmost-longest phrase in ``key``) for the lowest-numbered group found, or None."""
        found = self.spans(key, words)
        if not found:
            return None
        g = min(found)
        a, b = found[g]
        return g, PhraseMatch(a, b, key[a:b])

    def every(self, key: str, words: Iterable[str] | None = None) -> dict[int, PhraseMatch]:
        """Group number -> what its :class:`PhraseIndex` ``search`` finds in ``key``, for the groups that find one."""
        return {g: PhraseMatch(a, b, key[a:b]) for g, (a, b) in self.spans(key, words).items()}

    def spans(self, key: str, words: Iterable[str] | None = None) -> dict[int, tuple[int, int]]:
        """Group number -> (start, end) of its leftmost, longest phrase in ``key``, for the groups found."""
        if not self._owners or self._words.isdisjoint(_WORD_SPLIT_RE.split(key) if words is None else words):
            return {}
        toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(key)]
        owners = self._owners
        found: dict[int, tuple[int, int]] = {}  # group -> (start, end) of its leftmost, longest phrase
        for i, (a, _) in enumerate(toks):
            if i > 0 and key[a - 1] == "-":
                continue  # "non-exosome" does not contain the word "exosome"
            here: dict[int, int] = {}  # group -> the longest end of its phrases starting at a
            for j in range(i, min(len(toks), i + self._max_words)):
                b0, b1 = toks[j]
                if j > i and key[toks[j - 1][1] : b0] != " ":
                    break  # phrases span single spaces only
                for g in owners.get(key[a:b1], ()):
                    if here.get(g, -1) < b1:
                        here[g] = b1
                h = key.find("-", b0, b1)  # hyphen prefixes of the last word: "sh-oligopeptide" in "sh-oligopeptide-1"
                while h != -1:
                    for g in owners.get(key[a:h], ()):
                        if here.get(g, -1) < h:
                            here[g] = h
                    h = key.find("-", h + 1, b1)
            for g, end in here.items():
                if g not in found:
                    found[g] = (a, end)
            if len(found) == self._count:
                break  # every group has its leftmost phrase: later starts change nothing
        return found
