"""Bounded memos keep their older half when full (exolabel._fast.memo.make_room)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exolabel._fast.memo import make_room
from exolabel.scanner import Scanner


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
