"""Bounded memos: dicts keyed by text that forget their newer half when full.

The scanner's memos (pieces, parsed names, matches, rule-list hits, fact combinations, runnable rules) are
:class:`Memo` s, so a catalogue scan keeps flat memory however long it runs. A dict remembers entries in the order
they were first seen, and in a catalogue the names seen first are the common ones ("Aqua", "Glycerin"): the ones
that arrive late are mostly one-offs (a typo, an odd spacing). So a full memo keeps its older half. The figures
behind that choice are in the README ("Speed").

Every limit is here, in one table; a ``Scanner(memo_size=...)`` overrides the per-name ones.
"""

from __future__ import annotations

from itertools import islice
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Scanner: a raw list piece -> everything its ingredient and the list rules need. Also the default of the
# tokenizer's parse memo (stripped piece -> ParsedName) and the matcher's (name key -> match result).
NAMES = 100_000
# RuleData: (name key, known name, correction) -> rule-list hits; new spellings of names the piece memo holds
RULE_HITS = 20_000
# RuleData: a label's facts as a bit mask -> the frozenset of facts (a few hundred combinations in a catalogue)
FACTS = 4096
# Selection: (facts, has EV-family ingredient) -> the rules that can fire
RUNNABLE = 4096


class Memo(dict[K, V]):
    """A dict of at most ``limit`` entries: :meth:`put` keeps the older half when the memo is full.

    Reads are a plain ``dict.get``; only :meth:`put` knows the bound, so write through it.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (making room first) and return it."""
        if len(self) >= self.limit:
            make_room(self, self.limit)
        self[key] = value
        return value


def make_room(memo: dict[K, V], limit: int) -> None:
    """When ``memo`` holds ``limit`` entries or more, keep only its older half (at most ``limit // 2`` entries)."""
    if len(memo) >= limit:
        kept = list(islice(memo.items(), limit // 2))
        memo.clear()
        memo.update(kept)
