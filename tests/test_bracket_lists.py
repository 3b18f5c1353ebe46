"""A name followed by the ingredients it holds in brackets ("Fragrance (Linalool, Limonene)", "Plant Exosome Complex
(Water, Butylene Glycol, Rosa Damascena Callus Culture Extract)"): the name and each listed ingredient are read, so
the allergen rules see the declared allergens and a "plant exosome" blend shows what it is made of. Expected readings
written by hand."""

from __future__ import annotations

from typing import Any

import pytest


def _names(scanner: Any, text: str) -> list[tuple[str, str | None]]:
    return [(s.ingredient.name, s.known) for s in scanner.scan(text).ingredients]


def test_the_allergens_a_fragrance_lists_are_ingredients(scanner: Any) -> None:
    report = scanner.scan("Water, Fragrance (Linalool, Limonene), Glycerin")
    assert [(s.ingredient.name, s.known) for s in report.ingredients] == [
        ("Water", "Aqua"),
        ("Fragrance", "Parfum"),
        ("Linalool", "Linalool"),
        ("Limonene", "Limonene"),
        ("Glycerin", "Glycerin"),
    ]
    allergens = {report.ingredients[f.ingredient].ingredient.name for f in report.findings if f.rule == "AL01"}
    assert allergens == {"Linalool", "Limonene"}
    spans = [s.ingredient.span for s in report.ingredients]
    assert spans[1:4] == [(7, 16), (18, 26), (28, 36)]  # each where it is written


def test_a_plant_exosome_blend_shows_what_it_is_made_of(scanner: Any) -> None:
    report = scanner.scan(
        "Aqua, Plant Exosome Complex (Water, Butylene Glycol, Rosa Damascena Callus Culture Extract), Glycerin"
    )
    cats = {s.ingredient.name: [m.category for m in s.matches] for s in report.ingredients}
    assert cats["Plant Exosome Complex"] == ["plant_nanovesicle"]
    assert cats["Rosa Damascena Callus Culture Extract"] == ["plant_cell_culture"]
    assert [s.ingredient.name for s in report.ingredients] == [
        "Aqua",
        "Plant Exosome Complex",
        "Water",
        "Butylene Glycol",
        "Rosa Damascena Callus Culture Extract",
        "Glycerin",
    ]


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        ("Iron Oxides (CI 77491, CI 77492, CI 77499)", "Iron Oxides", ("CI 77491, CI 77492, CI 77499",)),
        ("Water (Aqua, Eau)", "Water", ("Aqua, Eau",)),  # the name's own other names
        ("Botanical Blend (Aloe Vera, Chamomile, Green Tea)", None, None),  # not every item a known name
        ("Niacinamide (Vitamin B3)", "Niacinamide", ("Vitamin B3",)),  # one item: an alias, as before
    ],
)
def test_alias_lists_colour_indexes_and_unknown_items_keep_the_bracket_as_an_alias(
    scanner: Any, text: str, name: str | None, aliases: tuple[str, ...] | None
) -> None:
    (s,) = scanner.scan(text).ingredients
    if name is not None:
        assert (s.ingredient.name, s.ingredient.aliases) == (name, aliases)
