"""A name followed by its INCI name in brackets, when that INCI name has a common-name bracket of its own ("Shea
Butter (Butyrospermum Parkii (Shea) Butter)", as US labels and retailer pages print them): the bracketed name is
the piece's alias and is recognized like the plain INCI name."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exolabel.tokenizer.piece import nested_tail, parse_piece

NESTED = [
    ("Shea Butter (Butyrospermum Parkii (Shea) Butter)", "Shea Butter", "Butyrospermum Parkii (Shea) Butter"),
    ("Apple Extract (Pyrus Malus (Apple) Fruit Extract)", "Apple Extract", "Pyrus Malus (Apple) Fruit Extract"),
    (
        "Sweet Almond Oil (Prunus Amygdalus Dulcis (Sweet Almond) Oil)",
        "Sweet Almond Oil",
        "Prunus Amygdalus Dulcis (Sweet Almond) Oil",
    ),
    (
        "Pyrus Malus Fruit Extract (Pyrus Malus (Apple) Fruit Extract)",
        "Pyrus Malus Fruit Extract",
        "Pyrus Malus (Apple) Fruit Extract",
    ),
    ("Tocopherol (Vitamin E (Natural))", "Tocopherol", "Vitamin E (Natural)"),
]


@pytest.mark.parametrize(("piece", "name", "alias"), NESTED)
def test_the_trailing_nested_bracket_is_the_alias(piece: str, name: str, alias: str) -> None:
    parsed = parse_piece(piece)
    assert (parsed.name, parsed.aliases, parsed.common_name) == (name, (alias,), None)


@pytest.mark.parametrize(
    ("piece", "known"),
    [
        ("Shea Butter (Butyrospermum Parkii (Shea) Butter)", "Butyrospermum Parkii Butter"),
        ("Apple Extract (Pyrus Malus (Apple) Fruit Extract)", "Pyrus Malus Fruit Extract"),
        ("Sweet Almond Oil (Prunus Amygdalus Dulcis (Sweet Almond) Oil)", "Prunus Amygdalus Dulcis Oil"),
        ("Pyrus Malus Fruit Extract (Pyrus Malus (Apple) Fruit Extract)", "Pyrus Malus Fruit Extract"),
        ("Jojoba Oil (Simmondsia Chinensis (Jojoba) Seed Oil)", "Simmondsia Chinensis Seed Oil"),
    ],
)
def test_the_piece_is_recognized_as_the_inci_name(scanner: Any, piece: str, known: str) -> None:
    report = scanner.scan(f"Water, {piece}, Glycerin")
    assert [s.known for s in report.ingredients] == ["Aqua", known, "Glycerin"]
    assert not {f.rule for f in report.findings} & {"LX02"}  # nothing unrecognized


@pytest.mark.parametrize(
    ("piece", "name", "aliases", "common"),
    [
        ("Butyrospermum Parkii (Shea) Butter", "Butyrospermum Parkii (Shea) Butter", (), "Shea"),  # one level
        ("Water (Aqua)", "Water", ("Aqua",), None),
        (
            "Butyrospermum Parkii (Shea) Butter (Shea Butter)",
            "Butyrospermum Parkii (Shea) Butter",
            ("Shea Butter",),
            "Shea",
        ),
        ("Glycerin (Vegetable (Palm)", "Glycerin (Vegetable", ("Palm",), None),  # unbalanced: the old reading
        # a bracketed sub-list of several names (a blend) is no alias: read as before
        (
            "Oil Blend (Sesamum Indicum (Sesame) Oil, Aqua)",
            "Oil Blend (Sesamum Indicum (Sesame) Oil, Aqua)",
            (),
            "Sesame",
        ),
    ],
)
def test_pieces_without_a_trailing_nested_group_read_as_before(
    piece: str, name: str, aliases: tuple[str, ...], common: str | None
) -> None:
    parsed = parse_piece(piece)
    assert (parsed.name, parsed.aliases, parsed.common_name) == (name, aliases, common)


def test_a_known_name_with_nested_brackets_stays_whole() -> None:
    whole = "Poly(Oxy-1,2-Ethanediyl (Ethane))"  # a name the vocabulary knows with its brackets: never taken apart
    parsed = parse_piece(whole, {"poly(oxy-1,2-ethanediyl (ethane))": whole}.get)
    assert (parsed.name, parsed.aliases) == (whole, ())


@pytest.mark.parametrize(
    ("s", "at"),
    [
        ("Shea Butter (Butyrospermum Parkii (Shea) Butter)", 12),
        ("A [B (C)]", 2),
        ("A (B) (C)", None),  # the last group holds none
        ("A (B)", None),
        ("A B)", None),
        ("A (B (C) D", None),  # the last bracket closes the inner group only
        ("", None),
    ],
)
def test_nested_tail(s: str, at: int | None) -> None:
    assert nested_tail(s) == at


@given(st.text(alphabet="ab ()[]", max_size=30))
def test_nested_tail_opens_a_balanced_group_holding_another(s: str) -> None:
    at = nested_tail(s)
    if at is None:
        return
    group = s[at:]
    assert group[0] in "([" and group[-1] in ")]"
    depth, deepest = 0, 0
    for i, c in enumerate(group):
        depth += (c in "([") - (c in ")]")
        deepest = max(deepest, depth)
        assert depth > 0 or i == len(group) - 1  # balanced, closing only at its end
    assert depth == 0 and deepest >= 2
