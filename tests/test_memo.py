"""Bounded memos keep their older half when full (exolabel._fast.memo.make_room)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel._fast.memo import Memo, make_room, memoized
from exolabel.scanner import Scanner


@settings(deadline=None)  # (no timing: under a loaded machine the default deadline failed it once)
@given(st.lists(st.integers(0, 40), max_size=200), st.integers(1, 12))
def test_a_bounded_memo_keeps_what_it_saw_first(keys: list[int], limit: int) -> None:
    memo: dict[int, int] = {}
    order: list[int] = []  # a model: keys in the order first remembered, with the same forgetting
    for k in keys:
        if k in memo:
            continue
        make_room(memo, limit)
        if len(order) >= limit:
            order = order[: limit // 2]
        memo[k] = -k
        order.append(k)
        assert len(memo) <= limit
    assert list(memo) == order
    assert all(memo[k] == -k for k in memo)


def test_make_room_only_acts_on_a_full_memo() -> None:
    memo = {i: i for i in range(5)}
    make_room(memo, 6)
    assert list(memo) == [0, 1, 2, 3, 4]
    memo[5] = 5
    make_room(memo, 6)
    assert list(memo) == [0, 1, 2]
    make_room(memo, 1)  # a memo of one: nothing kept
    assert memo == {}


def test_the_scanner_keeps_common_pieces_through_a_long_run(lexicon: object) -> None:
    """The piece every label starts with stays remembered while one-off pieces come and go."""
    scanner = Scanner(lexicon, memo_size=8)  # type: ignore[arg-type]
    for i in range(40):
        scanner.brief(f"Aqua, Glycerin, Name{i} Extract, Other{i} Oil")
        assert "Aqua" in scanner._pieces
        assert len(scanner._pieces) <= 8


@settings(deadline=None)
@given(st.lists(st.text(max_size=30), max_size=300), st.integers(1, 40), st.integers(1, 400), st.integers(0, 50))
def test_a_memo_stays_within_its_entries_and_bytes(keys: list[str], limit: int, max_bytes: int, entry: int) -> None:
    """Whichever bound is reached first, a full memo keeps its older half (again while its bytes are over); its
    counted bytes are the entry cost plus the key's length for each entry held, and never pass the budget by more
    than the entry being added."""
    memo: Memo[str, int] = Memo(limit, max_bytes, entry)
    order: list[str] = []  # a model: keys in the order first remembered, with the same forgetting
    for i, k in enumerate(keys):
        if k not in memo and (len(order) >= limit or sum(entry + len(x) for x in order) >= max_bytes):
            order = order[: len(order) // 2]
            while order and sum(entry + len(x) for x in order) >= max_bytes:
                order = order[: len(order) // 2]
        if k not in order:
            order.append(k)
        memo.put(k, i)
        assert list(memo) == order
        assert memo.used == sum(entry + len(x) for x in memo)
        assert len(memo) <= limit
        assert memo.used < max_bytes + max((entry + len(x) for x in memo), default=0) + 1


def test_long_pieces_fill_the_scanner_memo_sooner(lexicon: object) -> None:
    """The piece memo is bounded in bytes: of pieces 4,000 characters long it holds a few thousand, not the
    100,000 entries its entry limit allows, and keeps the common piece seen first."""
    from exolabel._fast.memo import PIECE_BYTES, PIECE_ENTRY

    scanner = Scanner(lexicon)  # type: ignore[arg-type]
    long_tail = " Extract" + " " * 4000  # one label's piece with a long run of blanks after it
    for i in range(PIECE_BYTES // (PIECE_ENTRY + 4000) + 50):
        scanner.brief(f"Aqua, Name{i}{long_tail}")
    assert scanner._pieces.used <= PIECE_BYTES + PIECE_ENTRY + len(long_tail) + 20
    assert len(scanner._pieces) < PIECE_BYTES // 4000
    assert "Aqua" in scanner._pieces


def test_a_memoized_function_returns_its_results_and_calls_once_per_argument() -> None:
    calls: list[object] = []

    @memoized(100, 10_000, 10)
    def shout(text: str) -> str | None:
        calls.append(text)
        return None if text == "none" else text.upper()

    @memoized(100, 10_000, 10)
    def join(a: str, b: str) -> str:
        calls.append((a, b))
        return f"{a}+{b}"

    assert [shout("aqua"), shout("aqua"), shout("none"), shout("none")] == ["AQUA", "AQUA", None, None]
    assert [join("a", "b"), join("a", "b"), join("b", "a")] == ["a+b", "a+b", "b+a"]
    assert calls == ["aqua", "none", ("a", "b"), ("b", "a")]  # a None result is remembered too
    assert shout.__wrapped__("x") == "X" and shout.__name__ == "shout"


def test_normalize_key_holds_its_byte_budget_over_many_new_names() -> None:
    """A long catalogue's one-off spellings (typos) no longer pile up: the lookup key memo (a functools.lru_cache
    of 50,000 names before, ~13 MB a worker) stays within its byte budget, keeps the names it saw first, and gives
    the same keys once a name was forgotten."""
    from exolabel._fast.memo import KEY_BYTES, KEY_ENTRY
    from exolabel.tokenizer.names import normalize_key

    memo = normalize_key.memo  # type: ignore[attr-defined]
    memo.clear()
    memo.used = 0
    assert normalize_key("Aqua") == "aqua"
    long_tail = "x" * 200
    n = KEY_BYTES // (KEY_ENTRY + 220) + 500  # more new names than the budget holds
    for i in range(n):
        assert normalize_key(f"Name{i} Extract {long_tail}.") == f"name{i} extract {long_tail}"
        assert memo.used <= KEY_BYTES + KEY_ENTRY + 230
    assert len(memo) < n
    assert "Aqua" in memo
    assert normalize_key("Name1 Extract " + long_tail + ".") == f"name1 extract {long_tail}"


def _memos_reachable(obj: object, depth: int = 3) -> list[Memo[object, object]]:
    """Every Memo among the attributes of ``obj`` and of its attributes, ``depth`` levels down."""
    found: list[Memo[object, object]] = []
    seen: set[int] = set()

    def walk(o: object, d: int) -> None:
        if id(o) in seen or d < 0 or isinstance(o, str | bytes | int | float | tuple | frozenset):
            return
        seen.add(id(o))
        if isinstance(o, Memo):
            found.append(o)
            return
        names = list(getattr(o, "__dict__", {})) + [n for c in type(o).__mro__ for n in getattr(c, "__slots__", ())]
        for n in names:
            walk(getattr(o, n, None), d - 1)

    walk(obj, depth)
    return found


def test_scanner_memos_lists_every_byte_bounded_memo_it_holds(lexicon: object) -> None:
    """What a batch worker's budgets are split over: every memo under the scanner with a byte budget (the others,
    such as the rule selection's, are bounded by entries only)."""
    scanner = Scanner(lexicon).preload()  # type: ignore[arg-type]
    listed = {id(m) for m in scanner.memos()}
    bounded = [m for m in _memos_reachable(scanner) if m.budget < 1 << 62]
    assert len(bounded) >= 6
    assert all(id(m) in listed for m in bounded)
    assert len(listed) == len(scanner.memos())


def test_workers_split_the_memo_budgets_and_one_worker_keeps_them(lexicon: object) -> None:
    from exolabel._fast import memo as memo_mod
    from exolabel.rules.common import _named
    from exolabel.tokenizer.names import normalize_key

    scanner = Scanner(lexicon).preload()  # type: ignore[arg-type]
    memos = scanner.memos()
    pieces, *others = memos
    assert pieces is scanner._pieces
    assert normalize_key.memo in others and _named.memo in others  # type: ignore[attr-defined]
    try:
        memo_mod.share_among_workers(memos, 1)
        assert all(m.max_bytes == m.budget for m in memos)
        memo_mod.share_among_workers(memos, 2)
        assert pieces.max_bytes == int(memo_mod.PIECE_BYTES * memo_mod.PIECE_SHARE) < memo_mod.PIECE_BYTES
        assert all(m.max_bytes == int(m.budget * memo_mod.OTHER_SHARE) < m.budget for m in others)
        memo_mod.share_budgets(memos, 0.002)  # shares small enough to fill; what the memos held is cut at once
        assert all(m.used <= m.max_bytes for m in memos)
        for i in range(3000):
            assert scanner.brief(f"Aqua, Glycerin, Name{i} Extract, Other{i} Oil, Ext{i}ract Of Rose").count == 5
        for m in memos:
            assert m.used <= m.max_bytes + m.entry_bytes + 60
        assert len(pieces) < 3000 and "Aqua" in pieces
    finally:
        memo_mod.share_budgets(memos, 1.0)  # the process's own memos are shared with the tests after this one
