# ruff: noqa: E501
"""A kit's several lists on one label: each product heading opens a section; its ingredients, and the findings about
them, say which product they belong to (JSON ``sections``, ``section``; the text report names the product)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import counted, records, run_batch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from exolabel.cli import app
from exolabel.scanner import Brief

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
        "Cleanser: Aqua, Glycerin, Parfum. Mask: Kaolin",
        [("Cleanser", ["Aqua", "Glycerin", "Parfum"]), ("Mask", ["Kaolin"])],
    ),
    (
        "Toner: Aqua\nSerum: Aqua, Niacinamide\nOil: Squalane",
        [("Toner", ["Aqua"]), ("Serum", ["Aqua", "Niacinamide"]), ("Oil", ["Squalane"])],
    ),
    (
        "1. Day Cream 50ml:\nAqua\nGlycerin\nTocopherol\n\n2. Night Cream 50ml:\nAqua\nButyrospermum Parkii Butter\nRetinol",
        [("Day Cream", ["Aqua", "Glycerin", "Tocopherol"]), ("Night Cream", ["Aqua", "Butyrospermum Parkii Butter", "Retinol"])],
    ),
    (  # a no-break space and a zero-width space: the prepared text's offsets differ from the input's
        "Cleanser:\u00a0Aqua, Gly\u200bcerin. Serum:\u00a0Aqua, Niacinamide",
        [("Cleanser", ["Aqua", "Glycerin"]), ("Serum", ["Aqua", "Niacinamide"])],
    ),
    (  # headings on their own lines above header lines, no colon anywhere (reported by the #20 session)
        "Gentle Cleanser\nINGREDIENTS\nAqua, Glycerin\nNight Serum\nINGREDIENTS\nAqua, Niacinamide",
        [("Gentle Cleanser", ["Aqua", "Glycerin"]), ("Night Serum", ["Aqua", "Niacinamide"])],
    ),
    (  # full-width colons (East Asian labels; reported by the #20 session: no sections were found)
        "Cleanser\uff1aAqua, Glycerin. Serum\uff1aAqua, Niacinamide",
        [("Cleanser", ["Aqua", "Glycerin"]), ("Serum", ["Aqua", "Niacinamide"])],
    ),
    (  # one name each, no list anywhere: lines that each start with a heading and a colon (was: no sections)
        "Cleanser: Aqua\nSerum: Glycerin",
        [("Cleanser", ["Aqua"]), ("Serum", ["Glycerin"])],
    ),
    (  # a serialized list of strings whose items are the headings and the lists; the last list one line at the end
        '["Cleanser:", "Aqua, Glycerin", "Serum:", "Aqua, Niacinamide"]',
        [("Cleanser", ["Aqua", "Glycerin"]), ("Serum", ["Aqua", "Niacinamide"])],
    ),
    (  # a product name of eight words (the real Clinique iD kit: examples/labels/clinique-id-...)
        "Active Cartridge Concentrate for Pores & Uneven Texture:\nAqua, Glycerin\nBB-gel Base:\nAqua, Dimethicone, Talc",
        [("Active Cartridge Concentrate for Pores & Uneven Texture", ["Aqua", "Glycerin"]), ("BB-gel Base", ["Aqua", "Dimethicone", "Talc"])],
    ),
    (
        "  Toner: Aqua\n\tMask: Kaolin\n\nOil\uff1aSqualane",
        [("Toner", ["Aqua"]), ("Mask", ["Kaolin"]), ("Oil", ["Squalane"])],
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
        "Toner: Aqua. Mask: Kaolin",  # one name after each colon, not at line starts, and no list: no kit shows
        "Toner: Aqua",  # one heading line: no kit
        "Aqua, Glycerin\nToner: Aqua",
        "Ingredients: Aqua, Glycerin. Warning: flammable",
        "Ingredients: Aqua, Glycerin\nIngrédients: Aqua, Glycérine",
    ],
)
def test_one_list_has_no_sections(scanner: Any, text: str) -> None:
    report = scanner.scan(text)
    assert report.sections == ()
    assert "sections" not in report.to_dict()


GLOSSARIES = [  # a common name the vocabulary maps to another name, a colon, a known name: a label, not a product
    ("Vitamin C: Ascorbic Acid\nVitamin E: Tocopherol\nAqua", ["Ascorbic Acid", "Tocopherol", "Aqua"]),
    ("Sea Salt: Maris Sal\nWater: Aqua\nVitamin B5: Panthenol", ["Maris Sal", "Aqua", "Panthenol"]),
    ("Vitamin A: Retinol\nVitamin B3: Niacinamide", ["Retinol", "Niacinamide"]),
]


@pytest.mark.parametrize(("text", "names"), GLOSSARIES, ids=[g[0][:20].replace("\n", " ") for g in GLOSSARIES])
def test_a_glossary_of_common_names_is_no_kit(scanner: Any, text: str, names: list[str]) -> None:
    report = scanner.scan(text)
    assert report.sections == ()
    assert [s.ingredient.name for s in report.ingredients] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Aqua, Vitamin B3: Niacinamide, Glycerin", ["Aqua", "Niacinamide", "Glycerin"]),
        ("Aqua; Vitamin E: Tocopherol; Glycerin", ["Aqua", "Tocopherol", "Glycerin"]),
        ("Aqua, Glycerin, Vitamin C: Ascorbic Acid.", ["Aqua", "Glycerin", "Ascorbic Acid"]),
    ],
)
def test_a_common_name_labelling_its_ingredient_inside_a_list_is_no_ingredient(
    scanner: Any, text: str, names: list[str]
) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    assert report.sections == ()


def test_a_name_before_a_colon_that_names_another_ingredient_is_kept(scanner: Any) -> None:
    """Only a common name for the very ingredient after the colon is a label: "Fragrance" is Parfum, not Linalool, so
    it stays an ingredient, and the colon separates it from Linalool (tests/test_sublists.py)."""
    report = scanner.scan("Aqua, Fragrance: Linalool, Glycerin")
    assert [s.ingredient.name for s in report.ingredients] == ["Aqua", "Fragrance", "Linalool", "Glycerin"]


def test_a_heading_glued_to_the_list_before_by_a_full_stop_opens_a_product(scanner: Any) -> None:
    """ "Linalool.Squalane Gel Moisturizer:" (the real REN kit: examples/labels/ren-...): the first list has no heading."""
    text = "Aqua, Glycerin, Linalool.Squalane Gel Moisturizer:\nAqua, Squalane\nRose Oil:\nSqualane, Rosa Damascena Flower Extract"
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients][:3] == ["Aqua", "Glycerin", "Linalool"]
    assert [(s.name, s.count) for s in report.sections] == [("Squalane Gel Moisturizer", 2), ("Rose Oil", 2)]
    report = scanner.scan(
        "Dr.Jart Serum:\nAqua, Talc\nMask:\nKaolin, Aqua"
    )  # after one lower-case letter: no glued stop
    assert [s.name for s in report.sections] == ["Dr.Jart Serum", "Mask"]


def test_a_heading_that_is_an_inci_name_itself_still_opens_a_product(scanner: Any) -> None:
    """ "Cream" is a CosIng name of its own (not a common name mapped to another): a product heading as before; a
    glossary line inside a kit labels its ingredient and opens no product."""
    report = scanner.scan("Cream: Aqua\nSerum: Glycerin")
    assert [s.name for s in report.sections] == ["Cream", "Serum"]
    report = scanner.scan("Cleanser: Aqua, Glycerin\nVitamin C: Ascorbic Acid\nSerum: Aqua, Niacinamide")
    assert [(s.name, s.count) for s in report.sections] == [("Cleanser", 3), ("Serum", 2)]


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
    lists = [data.draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=6, unique=True)) for _ in products]
    if joiner == ". " and ("\n" in form or "{n}." in form):  # a sentence break only where no line or number is
        joiner = "\n"
    # a product of one name after a colon is a heading only in a kit that shows another list's heading, or when
    # every product starts a line
    assume("Ingredients" in form or any(len(names) > 1 for names in lists) or "\n" in joiner)
    text = joiner.join(
        form.format(p=p, n=n + 1, l=", ".join(names)) for n, (p, names) in enumerate(zip(products, lists, strict=True))
    )
    report = scanner.scan(text)
    got = [
        (s.name, [report.ingredients[i].ingredient.name for i in range(s.first, s.first + s.count)])
        for s in report.sections
    ]
    assert got == list(zip(products, lists, strict=True)), text
    assert scanner.brief(text).sections == report.sections  # the catalogue path finds the same products


# -- the rules read each product of a kit; catalogue rows and the HTML report say which product -----------------

RULE_CASES = [
    # (rule, kit text, how many findings of the rule)
    ("CN04", "Cleanser: Aqua, Glycerin, Phenoxyethanol. Serum: Aqua, Human Fibroblast Conditioned Media, Glycerin", 0),
    ("CN04", "Cleanser: Aqua, Glycerin. Serum: Aqua, Phenoxyethanol, Human Fibroblast Conditioned Media, Glycerin", 1),
    ("CN04", "Aqua, Glycerin, Phenoxyethanol, Human Fibroblast Conditioned Media", 1),  # one list: as before
    ("CN05", "Toner: Aqua, Phenoxyethanol. Ampoule: Aqua, Lactobacillus Extracellular Vesicles (5%), Glycerin", 0),
    ("CN05", "Toner: Aqua, Glycerin. Ampoule: Aqua, Phenoxyethanol, Lactobacillus Extracellular Vesicles (5%)", 1),
    ("AL02", "Cleanser: Aqua, Parfum, Linalool. Cream: Aqua, Glycerin, Parfum", 2),  # one per product with a Parfum
    ("AL02", "Cleanser: Aqua, Parfum, Linalool. Cream: Aqua, Glycerin", 1),
    ("AL02", "Aqua, Parfum, Linalool, Glycerin, Parfum", 1),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "text", "count"),
    RULE_CASES,
    ids=[f"{r}-{n}-" + "".join(c if " " <= c <= "~" else "?" for c in t[:20]) for r, t, n in RULE_CASES],
)
def test_rules_that_compare_ingredients_read_each_product_apart(scanner: Any, rule: str, text: str, count: int) -> None:
    report = scanner.scan(text)
    assert len([f for f in report.findings if f.rule == rule]) == count, [f.message for f in report.findings]
    assert counted(Brief.of(report)) == counted(scanner.brief(text))  # the catalogue path finds the same


def test_the_parfum_note_lists_each_products_own_allergens(scanner: Any) -> None:
    report = scanner.scan("Cleanser: Aqua, Parfum, Linalool. Cream: Aqua, Glycerin, Parfum, Limonene, Citral")
    notes = {report.section_of(f.ingredient): f.message for f in report.findings if f.rule == "AL02"}
    assert notes["Cleanser"].endswith("(this product of the kit declares 1: Linalool)")
    assert notes["Cream"].endswith("(this product of the kit declares 2: Limonene, Citral)")


@pytest.mark.parametrize(
    ("text", "_expected"), KITS, ids=["".join(c if " " <= c <= "~" else "?" for c in k[0][:30]) for k in KITS]
)
def test_a_catalogue_row_of_a_kit_has_the_scans_sections(scanner: Any, text: str, _expected: Any) -> None:
    report = scanner.scan(text)
    brief = scanner.brief(text)
    assert brief.sections == report.sections and len(brief.sections) >= 2
    assert counted(brief) == counted(Brief.of(report))


def test_a_label_with_one_list_has_no_sections_in_its_brief(scanner: Any) -> None:
    assert scanner.brief("Ingredients: Aqua, Glycerin. Directions: apply daily").sections == ()


def test_batch_rows_and_html_say_which_product(tmp_path: Path, capsys: Any) -> None:
    cat = tmp_path / "kits.csv"
    cat.write_text(
        "sku,name,ingredients\n"
        'K1,Duo Kit,"Cleanser: Aqua, Glycerin, Parfum. Serum: Aqua, Human Fibroblast Conditioned Media, Parfum"\n'
        'P2,Cream,"Aqua, Glycerin, Parfum"\n',
        encoding="utf-8",
    )
    out, html = tmp_path / "out.jsonl", tmp_path / "report.html"
    code, _out, err = run_batch(capsys, str(cat), "-o", str(out), "--html", str(html), "--fail-on", "never")
    assert code == 0, err
    kit, plain = records(out)
    assert kit["sections"] == ["Cleanser #1-3", "Serum #4-6"]
    assert "SR02 error: Human Fibroblast Conditioned Media (in Serum)" in kit["findings"]
    assert [f for f in kit["findings"] if f.startswith("IR01")] == [
        "IR01 warning: Parfum (in Cleanser)",
        "IR01 warning: Parfum (in Serum)",
    ]
    assert plain["sections"] == [] and "IR01 warning: Parfum" in plain["findings"]
    page = html.read_text(encoding="utf-8")
    assert "<b>Kit of 2</b>: Cleanser #1-3; Serum #4-6" in page
    assert "Human Fibroblast Conditioned Media (in Serum)" in page
