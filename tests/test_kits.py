# ruff: noqa: E501
"""A kit's several lists on one label: each product heading opens a section; its ingredients, and the findings about
them, say which product they belong to (JSON ``sections``, ``section``; the text report names the product)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from exolabel.cli import app

KITS = [
    (
        "Cleanser: Aqua, Glycerin, Sodium Laureth Sulfate. Serum: Aqua, Niacinamide, Phenoxyethanol",
        [("Cleanser", ["Aqua", "Glycerin", "Sodium Laureth Sulfate"]), ("Serum", ["Aqua", "Niacinamide", "Phenoxyethanol"])],
    ),
    (
        "Gentle Cleanser\nIngredients: Aqua, Glycerin\nNight Serum\nIngredients: Aqua, Niacinamide",
        [("Gentle Cleanser", ["Aqua", "Glycerin"]), ("Night Serum", ["Aqua", "Niacinamide"])],
    ),
    (
        "Cleanser: Aqua, Glycerin\nSerum: Aqua, Niacinamide\nEye Cream (15 ml): Aqua, Caffeine",
        [("Cleanser", ["Aqua", "Glycerin"]), ("Serum", ["Aqua", "Niacinamide"]), ("Eye Cream", ["Aqua", "Caffeine"])],
    ),
    (
        "Step 1 Cleanser Ingredients: Aqua, Glycerin. Step 2 Toner Ingredients: Aqua, Hamamelis Virginiana Water",
        [("Cleanser", ["Aqua", "Glycerin"]), ("Toner", ["Aqua", "Hamamelis Virginiana Water"])],
    ),
    (
        "1. Day Cream 50ml:\nAqua\nGlycerin\nTocopherol\n\n2. Night Cream 50ml:\nAqua\nButyrospermum Parkii Butter\nRetinol",
        [("Day Cream", ["Aqua", "Glycerin", "Tocopherol"]), ("Night Cream", ["Aqua", "Butyrospermum Parkii Butter", "Retinol"])],
    ),
    (  # a no-break space and a zero-width space: the prepared text's offsets differ from the input's
        "Cleanser:\u00a0Aqua, Gly\u200bcerin. Serum:\u00a0Aqua, Niacinamide",
        [("Cleanser", ["Aqua", "Glycerin"]), ("Serum", ["Aqua", "Niacinamide"])],
    ),
]  # fmt: skip


# ids in printable ASCII (escaped ids break mutmut's fork server, see tests/test_scraped_text.py)
@pytest.mark.parametrize(
    ("text", "expected"), KITS, ids=["".join(c if " " <= c <= "~" else "?" for c in k[0][:30]) for k in KITS]
)
def test_each_product_of_a_kit_is_a_section(scanner: Any, text: str, expected: list[tuple[str, list[str]]]) -> None:
    report = scanner.scan(text)
    got = [
        (s.name, [report.ingredients[i].ingredient.name for i in range(s.first, s.first + s.count)])
        for s in report.sections
    ]
    assert got == expected
    assert [s.ingredient.name for s in report.ingredients] == [n for _, names in expected for n in names]
    for s in report.sections:  # the span points at the heading as written
        assert s.name in text[s.span[0] : s.span[1]]


@pytest.mark.parametrize(
    "text",
    [
        "Ingredients: Aqua, Glycerin, Parfum",
        "Glow Serum 30 ml\nIngredients: Water, Glycerin",
        "Active ingredients: Zinc Oxide 20%. Inactive ingredients: Aqua, Glycerin, Dimethicone",
        "Ingredients: Aqua, Glycerin. Directions: apply daily, avoid eyes. Warning: for external use only.",
        "Aqua, Glycerin, Parfum: Linalool, Limonene",
        "Ingredients: Aqua, Glycerin\nIngrédients: Aqua, Glycérine",
    ],
)
def test_one_list_has_no_sections(scanner: Any, text: str) -> None:
    report = scanner.scan(text)
    assert report.sections == ()
    assert "sections" not in report.to_dict()


def test_json_says_the_product_of_each_ingredient_and_finding() -> None:
    text = "Cleanser: Aqua, Glycerin, Parfum. Serum: Aqua, Niacinamide, Human Fibroblast Conditioned Media"
    r = CliRunner().invoke(app, ["scan", text, "--format", "json", "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)["results"][0]
    assert [s["name"] for s in result["sections"]] == ["Cleanser", "Serum"]
    assert [i["section"] for i in result["ingredients"]] == ["Cleanser"] * 3 + ["Serum"] * 3
    by_rule = {f["rule"]: f["section"] for f in result["findings"] if f["ingredient"] is not None}
    assert by_rule["SR02"] == "Serum"
    assert by_rule["IR01"] == "Cleanser"


def test_text_report_names_the_product() -> None:
    text = "Cleanser: Aqua, Glycerin, Parfum. Serum: Aqua, Niacinamide, Human Fibroblast Conditioned Media"
    r = CliRunner().invoke(app, ["scan", text, "--fail-on", "never"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert "Kit of 2: Cleanser #1-3; Serum #4-6" in r.stdout
    assert "Human Fibroblast Conditioned Media (Serum)" in r.stdout


_PRODUCTS = [
    "Cleanser",
    "Toner",
    "Serum",
    "Eye Cream",
    "Night Cream",
    "Day Fluid",
    "Face Mask",
    "Lip Balm",
    "Body Lotion",
]
_NAMES = [
    "Aqua",
    "Glycerin",
    "Niacinamide",
    "Tocopherol",
    "Phenoxyethanol",
    "Butylene Glycol",
    "Citric Acid",
    "Panthenol",
    "1,2-Hexanediol",
    "Sodium Hyaluronate",
]
_FORMS = ["{p}: {l}", "{p}\nIngredients: {l}", "Step {n} {p} Ingredients: {l}", "{n}. {p} (30 ml): {l}"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    products=st.lists(st.sampled_from(_PRODUCTS), min_size=2, max_size=4, unique=True),
    data=st.data(),
    form=st.sampled_from(_FORMS),
    joiner=st.sampled_from(["\n", "\n\n", ". "]),
)
def test_any_kit_reads_as_its_sections(scanner: Any, products: list[str], data: Any, form: str, joiner: str) -> None:
    """Whatever the products, lists and heading form: every ingredient comes out once, in its product's section."""
    lists = [data.draw(st.lists(st.sampled_from(_NAMES), min_size=2, max_size=6, unique=True)) for _ in products]
    if joiner == ". " and ("\n" in form or "{n}." in form):  # a sentence break only where no line or number is
        joiner = "\n"
    text = joiner.join(
        form.format(p=p, n=n + 1, l=", ".join(names)) for n, (p, names) in enumerate(zip(products, lists, strict=True))
    )
    report = scanner.scan(text)
    got = [
        (s.name, [report.ingredients[i].ingredient.name for i in range(s.first, s.first + s.count)])
        for s in report.sections
    ]
    assert got == list(zip(products, lists, strict=True)), text
