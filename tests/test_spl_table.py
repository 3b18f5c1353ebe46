"""A DailyMed page pasted whole: the "Product Information" table the FDA's SPL stylesheet draws after the label
(ingredient rows with UNII codes, an active row's moiety, basis and strength) is the list only when nothing before it
is one; after a Drug Facts panel it is blanked, so no ingredient is read twice and no code, strength, heading or
packaging row is read as an ingredient. Expected readings written by hand from the texts (the real page:
examples/labels/acne-treatment-gel-dailymed-688783fd.scraped.txt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.labelfile.read import read_path
from exolabel.tokenizer import spl
from exolabel.tokenizer.amount import parse_trailing_concentration
from exolabel.tokenizer.claims import read_rows
from exolabel.tokenizer.mask import mask_label
from exolabel.tokenizer.prepare import prepare

LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"
PAGE = LABELS / "acne-treatment-gel-dailymed-688783fd.scraped.txt"
PANEL_INACTIVE = [
    "Water", "pentylene glycol", "biberry (Vaccinium myrtilus) fruit extract", "xanthan gum", "sodium hydroxide",
    "sugarcane (Saccharum officinarum) extract", "glycerin", "saccharide isomerate",
    "orange (Citrus sinensis) fruit extract", "lemon (Citrus x limon) fruit extract",
    "sugar maple (Acer saccharum) extract", "hydrolyzed algin", "citric acid", "sodium citrate", "zinc sulfate",
]  # fmt: skip
TABLE_INACTIVE = [
    "WATER", "PENTYLENE GLYCOL", "MYRICA CERIFERA FRUIT", "XANTHAN GUM", "SODIUM HYDROXIDE", "SUGARCANE", "GLYCERIN",
    "SACCHARIDE ISOMERATE", "ORANGE", "LEMON", "CITRIC ACID MONOHYDRATE", "SODIUM CITRATE", "ZINC SULFATE",
]  # fmt: skip


def _read(scanner: Any, text: str) -> list[tuple[str, float | None]]:
    return [
        (s.ingredient.name, s.ingredient.concentration.value if s.ingredient.concentration else None)
        for s in scanner.scan(text).ingredients
    ]


def test_a_whole_dailymed_page_reads_as_its_label_once(scanner: Any) -> None:
    text = read_path(PAGE).text
    assert _read(scanner, text) == [("Salicylic acid", 2.0), *((n, None) for n in PANEL_INACTIVE)]
    for s in scanner.scan(text).ingredients:
        assert "UNII" not in s.ingredient.text and s.ingredient.name.upper() == s.ingredient.name.upper().strip()
        assert text[s.ingredient.span[0] : s.ingredient.span[1]] == s.ingredient.text


def test_the_table_alone_is_the_list(scanner: Any) -> None:
    """The page from its product name above the table: the table's rows, the active one with its strength."""
    text = read_path(PAGE).text
    table = text[text.index("ACNE TREATMENT GEL \nsalicylic acid gel") :]
    assert _read(scanner, table) == [("SALICYLIC ACID", 2.0), *((n, None) for n in TABLE_INACTIVE)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a copy with the cells run together on one line (as some DailyMed mirrors print it)
            "INGREDIENTS AND APPEARANCE SUNSCREEN SPF 30 zinc oxide creamProduct Information Product Type HUMAN OTC "
            "DRUG Item Code (Source) NDC:72381-102 Route of Administration TOPICAL Active Ingredient/Active Moiety "
            "Ingredient Name Basis of Strength Strength ZINC OXIDE (UNII: SOI2LOH54Z) (ZINC OXIDE - UNII:SOI2LOH54Z) "
            "ZINC OXIDE 15 g in 100 mL Inactive Ingredients Ingredient Name Strength CITRUS AURANTIUM FLOWER (UNII: "
            "O730ZX2Z83) ORANGE PEEL (UNII: TI9T76XD44) XANTHAN GUM (UNII: TTV12P4NEE)",
            [("ZINC OXIDE", 15.0), ("CITRUS AURANTIUM FLOWER", None), ("ORANGE PEEL", None), ("XANTHAN GUM", None)],
        ),
        (  # a strength per millilitre of a moiety ("ZINC CATION155 mg in 1 mL"), packaging rows after the table
            "Product Information\nActive Ingredient/Active Moiety\nIngredient NameBasis of StrengthStrength\n"
            "ZINC OXIDE (UNII: SOI2LOH54Z) (ZINC CATION - UNII:13S1S8SF37) ZINC CATION155 mg  in 1 mL\n"
            "Inactive Ingredients\nIngredient NameStrength\nWATER (UNII: 059QF0KO0R)  \n"
            "DIMETHICONE (UNII: 92RU3N3Y1O)  \n"
            "Packaging\n1NDC:31720-231-01 50 mL in 1 TUBE; Type 0: Not a Combination Product",
            [("ZINC OXIDE", 15.5), ("WATER", None), ("DIMETHICONE", None)],
        ),
        (  # a flattened panel before the table: the panel is read, the table blanked
            "Active ingredients: Zinc Oxide 15%. Inactive ingredients: Water, Cetyl Alcohol, Glycerin. INGREDIENTS AND "
            "APPEARANCE Product Information Active Ingredient/Active Moiety Ingredient Name Basis of Strength Strength "
            "ZINC OXIDE (UNII: SOI2LOH54Z) (ZINC OXIDE - UNII:SOI2LOH54Z) ZINC OXIDE 15 g in 100 mL Inactive "
            "Ingredients Ingredient Name Strength WATER (UNII: 059QF0KO0R) CETYL ALCOHOL (UNII: 936JST6JCN)",
            [("Zinc Oxide", 15.0), ("Water", None), ("Cetyl Alcohol", None), ("Glycerin", None)],
        ),
    ],
)
def test_other_copies_of_the_table(scanner: Any, text: str, expected: list[tuple[str, float | None]]) -> None:
    assert _read(scanner, text) == expected


@pytest.mark.parametrize(
    ("piece", "name", "value"),
    [
        ("SALICYLIC ACID 20 mg  in 1 mL", "SALICYLIC ACID", 2.0),
        ("ZINC OXIDE 0.5 g in 100 mL", "ZINC OXIDE", 0.5),
        ("AVOBENZONE 30 mg in 1 g", "AVOBENZONE", 3.0),
        ("ZINC OXIDE 250 mg in 1 g", "ZINC OXIDE", 25.0),
    ],
)
def test_a_strength_in_the_tables_form_is_a_percentage(piece: str, name: str, value: float) -> None:
    rest, conc = parse_trailing_concentration(piece)
    assert rest == name
    assert conc is not None and conc.kind == "percent" and conc.value == pytest.approx(value)


def test_a_label_without_a_unii_code_is_left_to_the_mask() -> None:
    assert spl.table_start("Ingredients: Water, Glycerin. Product Information: 50 ml") is None
    assert spl.table_start("Water (UNII: 059QF0KO0R)") == 0


def test_the_vocabulary_file_is_valid_and_sourced() -> None:
    rows = read_rows(spl.DATA, spl.KINDS)
    phrases = [r.phrase for r in rows]
    assert len(phrases) == len(set(phrases)) and phrases == sorted(phrases)
    assert {"product information", "active ingredient/active moiety", "ingredient name"} <= {
        r.phrase for r in rows if r.kind == "start"
    }
    assert all(any("fda.gov" in s or "nih.gov" in s or "loinc.org" in s for s in r.sources) for r in rows)


_NAMES = ["WATER", "GLYCERIN", "XANTHAN GUM", "CETYL ALCOHOL", "DIMETHICONE", "SODIUM CITRATE", "PROPANEDIOL", "SILICA"]
_ACTIVES = [("ZINC OXIDE", "SOI2LOH54Z"), ("SALICYLIC ACID", "O414PZ4LPZ"), ("AVOBENZONE", "G63QQF2NOX")]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actives=st.lists(st.sampled_from(_ACTIVES), max_size=2, unique=True),
    names=st.lists(st.sampled_from(_NAMES), min_size=1, max_size=6, unique=True),
    amounts=st.lists(st.sampled_from(["20 mg  in 1 mL", "0.5 g in 100 mL", "3 g in 100 g"]), min_size=2, max_size=2),
    flat=st.booleans(),
    title=st.sampled_from(["", "DAILY SUNSCREEN \nzinc oxide cream\n", "INGREDIENTS AND APPEARANCE\n"]),
)
def test_any_table_reads_each_row_once_in_place(
    scanner: Any, actives: list[tuple[str, str]], names: list[str], amounts: list[str], flat: bool, title: str
) -> None:
    """Whatever the rows and layout: each row's name once, in order, the active rows with their strength, every span
    pointing at the input, and the mask keeping the text's length."""
    rows = [
        f"{n} (UNII: {u}) ({n} - UNII:{u}) {n}{a}" for (n, u), a in zip(actives, amounts, strict=False)
    ]  # (zip: as many amounts as actives)
    cells = [
        "Product Information",
        "Active Ingredient/Active Moiety",
        "Ingredient NameBasis of StrengthStrength",
        *rows,
    ]
    cells += ["Inactive Ingredients", "Ingredient NameStrength", *(f"{n} (UNII: 059QF0KO0R)  " for n in names)]
    cells += ["Packaging", "1NDC:0000-000-01 30 mL in 1 BOTTLE"]
    text = title + (" " if flat else "\n").join(cells)
    report = scanner.scan(text)
    got = [(s.ingredient.name, s.ingredient.concentration) for s in report.ingredients]
    assert [n for n, _c in got] == [n for n, _u in actives] + names, text
    assert all(c is not None and c.kind == "percent" for _n, c in got[: len(actives)]), text
    assert all(c is None for _n, c in got[len(actives) :]), text
    for s in report.ingredients:
        a, b = s.ingredient.span
        assert text[a:b] == s.ingredient.text
    prepared, _omap = prepare(text)
    assert len(mask_label(prepared).work) == len(prepared)
