"""A declared-allergen sub-list inside a list ("Fragrance: Linalool, Limonene", "Parfum (Fragrance): Limonene"): a colon
between two known names separates them as a comma would, so the category and each allergen are ingredients and the
allergen rules see them. Headers ("Ingredients:", "Active ingredients:", "Inactive:"), kit headings, glossary labels
("Vitamin B3: Niacinamide") and panels keep their own readings."""

from __future__ import annotations

from typing import Any

import pytest


def _names(scanner: Any, text: str) -> list[str]:
    return [s.ingredient.name for s in scanner.scan(text).ingredients]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Water, Glycerin, Fragrance: Linalool, Limonene, Phenoxyethanol",
            ["Water", "Glycerin", "Fragrance", "Linalool", "Limonene", "Phenoxyethanol"],
        ),
        ("Aqua, Parfum: Limonene", ["Aqua", "Parfum", "Limonene"]),
        (  # a bracketed alias before the colon, a footnote mark after the name
            "Aqua, Glycerin, Fragrance (Parfum): Linalool*, Citronellol",
            ["Aqua", "Glycerin", "Fragrance", "Linalool", "Citronellol"],
        ),
        ("Aqua; Parfum/Fragrance: Hexyl Cinnamal; Glycerin", ["Aqua", "Parfum", "Hexyl Cinnamal", "Glycerin"]),
        (  # after an ingredient header, before a panel
            "Ingredients: Aqua, Glycerin, Fragrance: Linalool. Directions: apply daily.",
            ["Aqua", "Glycerin", "Fragrance", "Linalool"],
        ),
        ("Aqua, Glycerin, Parfum: Linalool\nDirections: apply daily.", ["Aqua", "Glycerin", "Parfum", "Linalool"]),
    ],
)
def test_a_colon_between_two_known_names_in_a_list_separates_them(scanner: Any, text: str, names: list[str]) -> None:
    assert _names(scanner, text) == names


def test_the_allergen_after_the_category_is_found(scanner: Any) -> None:
    report = scanner.scan("Water, Glycerin, Fragrance: Linalool, Limonene, Phenoxyethanol")
    linalool = next(s for s in report.ingredients if s.ingredient.name == "Linalool")
    assert linalool.known == "Linalool"
    allergens = {f.ingredient for f in report.findings if f.rule.startswith("AL")}
    assert linalool.ingredient.index in allergens
    assert not [f for f in report.findings if f.rule == "LX02"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a glossary label: the common name of the very name after the colon is blanked, as before
        ("Aqua, Vitamin B3: Niacinamide, Glycerin", ["Aqua", "Niacinamide", "Glycerin"]),
        # an unknown word before or after the colon: one piece, as before
        (
            "Aqua, Glycerin, Fragrance: Secret Accord, Limonene",
            ["Aqua", "Glycerin", "Fragrance: Secret Accord", "Limonene"],
        ),
        ("Aqua, Perfume Notes: Linalool, Glycerin", ["Aqua", "Perfume Notes: Linalool", "Glycerin"]),
        # headers keep their reading
        (
            "Active ingredients: Zinc Oxide 20%. Inactive ingredients: Aqua, Glycerin",
            ["Zinc Oxide", "Aqua", "Glycerin"],
        ),
        ("Inactive: Aqua, Glycerin, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ],
)
def test_other_colons_keep_their_reading(scanner: Any, text: str, names: list[str]) -> None:
    assert _names(scanner, text) == names


def test_a_kit_heading_still_opens_a_product(scanner: Any) -> None:
    report = scanner.scan("Cleanser: Aqua, Glycerin, Parfum. Mask: Kaolin")
    assert [(s.name, s.count) for s in report.sections] == [("Cleanser", 3), ("Mask", 1)]
    assert _names(scanner, "Cleanser: Aqua, Glycerin, Parfum. Mask: Kaolin") == ["Aqua", "Glycerin", "Parfum", "Kaolin"]
