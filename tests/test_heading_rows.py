"""No ingredient is lost to a heading: each row of an active-ingredient block (one a line, with or without amounts,
with or without a "Purpose" column) is read, a line above "Other ingredients:" is no product's name, and a known name
before a colon that opens no kit ("Fragrance: Linalool, Limonene" on a label's first line) is an ingredient with its
sub-list. Real kit headings keep opening products. Expected readings written by hand from the texts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.tokenizer import mask


def _read(scanner: Any, text: str) -> list[tuple[str, float | None]]:
    return [
        (s.ingredient.name, s.ingredient.concentration.value if s.ingredient.concentration else None)
        for s in scanner.scan(text).ingredients
    ]


ROWS = [
    (  # the lead's case: the second active row was read as the heading of the list below it, and blanked
        "Active Ingredients: Niacinamide 10%\nZinc PCA 1%\nOther Ingredients: Water, Glycerin, Phenoxyethanol",
        [("Niacinamide", 10.0), ("Zinc PCA", 1.0), ("Water", None), ("Glycerin", None), ("Phenoxyethanol", None)],
    ),
    (  # no amounts
        "Active Ingredients:\nNiacinamide\nZinc PCA\nOther Ingredients: Water, Glycerin",
        [("Niacinamide", None), ("Zinc PCA", None), ("Water", None), ("Glycerin", None)],
    ),
    (  # a plain "Ingredients:" below the active block
        "Active ingredient: Salicylic Acid 2%\nNiacinamide 4%\nIngredients: Water, Glycerin",
        [("Salicylic Acid", 2.0), ("Niacinamide", 4.0), ("Water", None), ("Glycerin", None)],
    ),
    (  # no active heading: the rows before "Other ingredients:" are the list's first part, not a title
        "Niacinamide 10%\nZinc PCA 1%\nOther ingredients: Water",
        [("Niacinamide", 10.0), ("Zinc PCA", 1.0), ("Water", None)],
    ),
    (  # the purpose column's heading on the active heading's line, no colon: the rows were wiped as a title
        "Active Ingredients Purpose\nZinc Oxide 10% Sunscreen\nOctinoxate 7.5% Sunscreen\n"
        "Inactive Ingredients: Water, Glycerin",
        [("Zinc Oxide", 10.0), ("Octinoxate", 7.5), ("Water", None), ("Glycerin", None)],
    ),
    (  # a purpose column with no amount in the rows
        "Drug Facts\nActive ingredients Purpose\nZinc Oxide Sunscreen\nTitanium Dioxide Sunscreen\n"
        "Inactive ingredients Water, Glycerin",
        [("Zinc Oxide", None), ("Titanium Dioxide", None), ("Water", None), ("Glycerin", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0][:40].replace("\n", " ") for r in ROWS])
def test_every_row_of_an_active_block_is_read(
    scanner: Any, text: str, expected: list[tuple[str, float | None]]
) -> None:
    assert _read(scanner, text) == expected
    assert scanner.scan(text).sections == ()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # a label whose first line declares the fragrance and its allergens
            "Fragrance: Linalool, Limonene\nWater, Glycerin",
            ["Fragrance", "Linalool", "Limonene", "Water", "Glycerin"],
        ),
        (
            "Water, Glycerin\nParfum (Fragrance): Linalool, Limonene",
            ["Water", "Glycerin", "Parfum (Fragrance)", "Linalool", "Limonene"],
        ),
    ],
)
def test_a_known_name_before_a_colon_that_opens_no_kit_is_an_ingredient(
    scanner: Any, text: str, names: list[str]
) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.text for s in report.ingredients] == names
    assert report.sections == ()
    parfum = next(s for s in report.ingredients if s.known == "Parfum")
    assert parfum.ingredient.index in {f.ingredient for f in report.findings if f.rule == "IR01"}


@pytest.mark.parametrize(
    ("text", "sections", "names"),
    [
        ("Cleanser: Water, Glycerin\nSerum: Water, Niacinamide", ["Cleanser", "Serum"], None),
        ("Cream: Aqua\nSerum: Glycerin", ["Cream", "Serum"], None),  # a kit: an INCI name is a product's name too
        ("Cleanser\nIngredients: Water, Glycerin\nSerum\nIngredients: Water, Niacinamide", ["Cleanser", "Serum"], None),
        ("Cleanser: Water, Glycerin", [], ["Water", "Glycerin"]),  # one product's name: not an ingredient
        ("Glow Serum\nIngredients: Water, Glycerin", [], ["Water", "Glycerin"]),
        (  # a paragraph break ends the active block: a product's name above its "Ingredients:"
            "Active ingredients: Zinc Oxide 10%\n\nGlow Serum\nIngredients: Water, Glycerin",
            [],
            ["Zinc Oxide", "Water", "Glycerin"],
        ),
    ],
)
def test_product_headings_keep_their_reading(
    scanner: Any, text: str, sections: list[str], names: list[str] | None
) -> None:
    report = scanner.scan(text)
    assert [s.name for s in report.sections] == sections
    if names is not None:
        assert [s.ingredient.name for s in report.ingredients] == names


_ACTIVES = ["Niacinamide", "Zinc PCA", "Zinc Oxide", "Salicylic Acid", "Titanium Dioxide", "Avobenzone", "Octisalate"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.sampled_from(_ACTIVES), min_size=1, max_size=5, unique=True),
    amounts=st.booleans(),
    colon=st.booleans(),
    first=st.sampled_from(["Active Ingredients", "Active ingredient", "ACTIVE INGREDIENTS"]),
    rest=st.sampled_from(
        ["Other Ingredients:", "Inactive Ingredients:", "Ingredients:", "Other:", "Inactive ingredients"]
    ),
    data=st.data(),
)
def test_any_active_block_keeps_every_row_in_place(
    scanner: Any, rows: list[str], amounts: bool, colon: bool, first: str, rest: str, data: Any
) -> None:
    """Every active row comes out once, in order, with its amount, and its span points at it in the input."""
    values = [data.draw(st.sampled_from([0.5, 1.0, 2.0, 10.0])) if amounts else None for _ in rows]
    lines = [f"{name} {v:g}%" if v is not None else name for name, v in zip(rows, values, strict=True)]
    text = f"{first}{':' if colon else ''}\n" + "\n".join(lines) + f"\n{rest} Water, Glycerin"
    report = scanner.scan(text)
    got = [(s.ingredient.name, s.ingredient.concentration) for s in report.ingredients]
    assert [n for n, _c in got] == [*rows, "Water", "Glycerin"], text
    assert [c.value if c else None for _n, c in got][: len(rows)] == values, text
    for s in report.ingredients:
        a, b = s.ingredient.span
        assert text[a:b] == s.ingredient.text
    assert len(mask.mask_label(text).work) == len(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ingredients Water, Glycerin, Parfum", ["Water", "Glycerin", "Parfum"]),  # was "Ingredients Water"
        ("INGREDIENTS AQUA, GLYCERIN", ["AQUA", "GLYCERIN"]),
        ("Inactive ingredients Water, Cetyl Alcohol, Glycerin", ["Water", "Cetyl Alcohol", "Glycerin"]),
        ("Ingredients Alcohol Denat., Water", ["Alcohol Denat", "Water"]),
        # after another panel, which runs to the next ingredient header: the whole list was blanked with it
        ("Directions: apply daily.\nInactive Ingredients Water, Glycerin", ["Water", "Glycerin"]),
        ("Warnings: for external use only.\nIngredients Water, Glycerin", ["Water", "Glycerin"]),
    ],
)
def test_a_header_without_a_colon_before_a_list_on_its_line_is_a_header(
    scanner: Any, text: str, names: list[str]
) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    assert all(s.known for s in report.ingredients)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ingredients may vary, see pack", []),  # prose after the word (lower case): as before
        ("Ingredients are natural, gentle and safe", ["Ingredients are natural", "gentle and safe"]),
    ],
)
def test_a_header_word_before_prose_is_no_header(scanner: Any, text: str, names: list[str]) -> None:
    assert [s.ingredient.name for s in scanner.scan(text).ingredients] == names
