"""Bounded memos: dicts keyed by text that forget their newer half when full.

The scanner's memos (pieces, parsed names, matches, rule-list hits, fact combinations, runnable rules) are
:class:`Memo` s, so a catalogue scan keeps flat memory however long it runs. A dict remembers entries in the order
they were first seen, and in a catalogue the names seen first are the common ones ("Aqua", "Glycerin"): the ones
that arrive late are mostly one-offs (a typo, an odd spacing). So a full memo keeps its older half. The figures
behind that choice are in the README ("Speed").

A memo is full at ``limit`` entries or at ``max_bytes``, whichever comes first. Bytes are counted as
``entry_bytes`` per entry (what one entry's value, dict slot and key object hold beyond the key's characters,
measured for each memo below on generated catalogues) plus the length of a text key, so long pieces (a pasted
paragraph) fill a memo sooner than short ones; the budget bounds what the memo holds, not what Python's allocator
keeps after forgetting.

Every limit is here, in one table; a ``Scanner(memo_size=...)`` overrides the per-name entry limits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import update_wrapper
from itertools import islice
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])

# Scanner: a raw list piece -> everything its ingredient and the list rules need. Also the default of the
# tokenizer's parse memo (stripped piece -> ParsedName) and the matcher's (name key -> match result).
NAMES = 100_000
# RuleData: (name key, known name, correction) -> rule-list hits; new spellings of names the piece memo holds
RULE_HITS = 20_000
# RuleData: a label's facts as a bit mask -> the frozenset of facts (a few hundred combinations in a catalogue)
FACTS = 4096
# Selection: (facts, has EV-family ingredient) -> the rules that can fire
RUNNABLE = 4096

# Byte budgets (per Scanner: each batch worker holds one) and the bytes an entry holds besides its key's text,
# measured as the deep size of each memo over its entries after 60,000 generated labels (a piece's parsed name and
# matches are charged to the piece memo, which holds them first).
PIECE_BYTES, PIECE_ENTRY = 16 << 20, 330  # Scanner: raw piece -> MemoPiece (~390 bytes a piece with its text)
MATCH_BYTES, MATCH_ENTRY = 4 << 20, 100  # Matcher: name key -> KeyResult
PARSE_BYTES, PARSE_ENTRY = 2 << 20, 180  # Tokenizer: stripped piece -> ParsedName; piece -> names run together
SEEN_BYTES, SEEN_ENTRY = 4 << 20, 110  # Lexicon: compact key -> CosIng inventory name or None
HITS_BYTES, HITS_ENTRY = 2 << 20, 125  # RuleData: (name key, known name, correction) -> rule-list hits
# Pure functions memoized with :func:`memoized` (a functools.lru_cache of 50,000 names held ~13 MB a worker).
KEY_BYTES, KEY_ENTRY = 2 << 20, 150  # tokenizer.names.normalize_key: name -> lookup key (two strings a name)
NAMED_BYTES, NAMED_ENTRY = 1 << 20, 250  # rules.common._named: (written, known, key) -> how a finding names it


class Memo(dict[K, V]):
    """A dict of at most ``limit`` entries and ``max_bytes`` counted bytes (see the module doc): :meth:`put` keeps
    the older half when the memo is full (halving again while the bytes kept are still over the budget), so the
    counted bytes never pass the budget by more than the entry being added.

    Reads are a plain ``dict.get``; only :meth:`put` knows the bounds, so write through it.
    """

    __slots__ = ("budget", "entry_bytes", "limit", "max_bytes", "used")

    def __init__(self, limit: int, max_bytes: int | None = None, entry_bytes: int = 0) -> None:
        super().__init__()
        self.limit = limit
        self.budget = max_bytes if max_bytes is not None else 1 << 62  # the full budget (see share_budgets)
        self.max_bytes = self.budget
        self.entry_bytes = entry_bytes
        self.used = 0  # counted bytes of the entries held

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (making room first) and return it."""
        if key not in self:
            if len(self) >= self.limit or self.used >= self.max_bytes:
                self._forget_newer_half()
                while self.used >= self.max_bytes and self:  # a few large entries first: halve again
                    self._forget_newer_half()
            # what _cost counts, inline (a put per new piece in each memo)
            self.used += self.entry_bytes + len(key) if isinstance(key, str) else self.entry_bytes
        self[key] = value
        return value

    def _cost(self, key: K) -> int:
        """The counted bytes of one entry: the per-entry size, plus the characters of a text key."""
        return self.entry_bytes + (len(key) if isinstance(key, str) else 0)

    def _forget_newer_half(self) -> None:
        make_room(self, len(self))
        self.used = sum(map(self._cost, self))


def share_budgets(memos: Iterable[Memo[Any, Any]], share: float) -> None:
    """Give each memo ``share`` of its full byte budget (processes that split one budget between them: the workers of
    a batch). A memo already over its new budget keeps its older half (again while still over) at once."""
    for memo in memos:
        memo.max_bytes = max(1, int(memo.budget * share))
        while memo.used > memo.max_bytes and memo:
            memo._forget_newer_half()


# The share of its memos' byte budgets each batch worker gets when a batch runs on several (one worker: all of it):
# the pieces memo, that a label is served from, keeps PIECE_SHARE; the others, consulted only for new pieces,
# OTHER_SHARE. Two workers then stay under 150 MB of PSS over 10^6 generated rows, for about 4 % fewer rows per
# CPU-second once the memos are full (halving every budget cost about 8 %; README, "Speed").
PIECE_SHARE, OTHER_SHARE = 0.75, 0.5


def share_among_workers(memos: Sequence[Memo[Any, Any]], workers: int) -> None:
    """In a batch worker, before it checks a row: with several workers, the memos it fills (``Scanner.memos()``: the
    pieces memo first) get their shares of their byte budgets (see :data:`PIECE_SHARE`)."""
    if workers <= 1 or not memos:
        return
    share_budgets(memos[:1], PIECE_SHARE)
    share_budgets(memos[1:], OTHER_SHARE)


def make_room(memo: dict[K, V], limit: int) -> None:
    """When ``memo`` holds ``limit`` entries or more, keep only its older half (at most ``limit // 2`` entries)."""
    if len(memo) >= limit:
        kept = list(islice(memo.items(), limit // 2))
        memo.clear()
        memo.update(kept)


def memoized(limit: int, max_bytes: int, entry_bytes: int) -> Callable[[F], F]:
    """Memoize a pure function of hashable positional arguments in a :class:`Memo` (a bound in entries and in
    bytes, which ``functools.lru_cache`` lacks): a one-argument call is keyed by its argument (a text's length
    counts), a longer one by the tuple of its arguments (``entry_bytes`` only). The function's own results, None
    included, are returned unchanged; ``__wrapped__`` is the function and ``memo`` the memo."""

    def wrap(fn: F) -> F:
        memo: Memo[Any, Any] = Memo(limit, max_bytes, entry_bytes)
        get, put, missing = memo.get, memo.put, _MISSING

        def one(arg: Any) -> Any:
            v = get(arg, missing)
            return put(arg, fn(arg)) if v is missing else v

        def many(*args: Any) -> Any:
            v = get(args, missing)
            return put(args, fn(*args)) if v is missing else v

        cached = one if fn.__code__.co_argcount == 1 else many
        update_wrapper(cached, fn)
        cached.memo = memo  # type: ignore[attr-defined]
        return cached  # type: ignore[return-value]

    return wrap


_MISSING = object()
