# ruff: noqa: E501
"""Pasted and scraped labels: HTML, other panels, disclaimers, footnote marks, website tables, run-together names,
multilingual slash forms, OCR confusions and head-noun typos; plus properties (debris never hides a known name; the
result does not depend on separators or order)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.tokenizer.panels import MAX_TABLE_LINE

CASES = [
    # HTML: "&amp;" must not cut at its ";", tags vanish or end a line
    ("Water, Ascorbyl Palmitate &amp; Tocopherol, <b>Niacinamide</b><br>Glycerin", ["Water", "Ascorbyl Palmitate", "Tocopherol", "Niacinamide", "Glycerin"]),
    ("Aqua,&nbsp;Glycerin,&#160;Parfum", ["Aqua", "Glycerin", "Parfum"]),
    # the label's next panels, in several languages
    ("Water, Glycerin, Niacinamide\nDirections: Apply to clean skin, morning and evening.", ["Water", "Glycerin", "Niacinamide"]),
    ("Aqua, Glycerin, Parfum. Précautions d'emploi : éviter le contour des yeux, usage externe.", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glicerina, Parfum. Modo de uso: aplicar sobre la piel limpia, mañana y noche.", ["Aqua", "Glicerina", "Parfum"]),
    ("Aqua, Glycerin, Parfum\nWarnhinweise: Nicht in die Augen bringen, nur äußerlich.", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin, Parfum\nAvvertenze: evitare il contatto con gli occhi, solo per uso esterno.", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin, Parfum\nModo de usar: aplique no rosto limpo, de manhã e à noite.", ["Aqua", "Glycerin", "Parfum"]),
    ("Water, Glycerin\n사용법\n세안 후 적당량을 취해 얼굴에 펴 바릅니다, 가볍게 두드려 흡수시킵니다.", ["Water", "Glycerin"]),
    ("Directions: apply daily, avoid eyes.\nIngredients: Water, Glycerin, Parfum", ["Water", "Glycerin", "Parfum"]),
    # retailer disclaimers glued to the last ingredient
    (
        "Water, Glycerin, LimonenePlease be aware that ingredient lists may change or vary from time to time. Please "
        "refer to the ingredient list on the product package you receive for the most up to date list of ingredients.",
        ["Water", "Glycerin", "Limonene"],
    ),
    # ... after a list cut at "|", "•" or "·" on a line of its own: the disclaimer's sentence starts after the last
    # separator, not at the line break (the whole list was blanked as the disclaimer's sentence)
    ("Ingredients:\nAqua | Glycerin | Limonene Please note that ingredient lists may change.", ["Aqua", "Glycerin", "Limonene"]),
    ("Ingredients:\nAqua \u2022 Glycerin \u2022 Limonene Please refer to the product packaging.", ["Aqua", "Glycerin", "Limonene"]),
    ("Made in France. Aqua \u00b7 Glycerin \u00b7 Limonene Please note that ingredient lists may change.", ["Aqua", "Glycerin", "Limonene"]),  # "Made in France." is a statement
    # footnote digits and marks vs numbered INCI names
    ("Glycerin14, Fragrance20, Polysorbate 20, Steareth-21, PEG-40 Hydrogenated Castor Oil, Oligopeptide-1, CI 77891", ["Glycerin", "Fragrance", "Polysorbate 20", "Steareth-21", "PEG-40 Hydrogenated Castor Oil", "Oligopeptide-1", "CI 77891"]),
    ("Green Tea[2] Leaf Oil, Saccharomyce[13]s Lysate Extract, Water", ["Green Tea Leaf Oil", "Saccharomyces Lysate Extract", "Water"]),
    # ingredient-website tables
    (
        "Glycerin skin-identical ingredient, moisturizer/humectant 0, 0 superstar\n"
        "Niacinamide cell-communicating ingredient, skin brightening superstar\nPhenoxyethanol preservative",
        ["Glycerin", "Niacinamide", "Phenoxyethanol"],
    ),
    (  # a number before the function column is the name's (INCIDecoder's table), one after it a rating
        "Ingredient name what-it-does irr., com. ID-Rating\nWater solvent\n"
        "Polysorbate 20 emulsifying, surfactant/cleansing 0, 0\nCI 77891 colorant\nSteareth-21 emulsifying 2, 1\n"
        "Glycerin 0, 0 superstar",
        ["Water", "Polysorbate 20", "CI 77891", "Steareth-21", "Glycerin"],
    ),
    (  # the same table flattened onto one line (a copy without line breaks): header, then name and cells in turn
        "Ingredient name what-it-does irr., com. ID-Rating Aqua solvent Glycerin skin-identical ingredient, "
        "moisturizer/humectant 0, 0 superstar Polysorbate 20 emulsifying, surfactant/cleansing 0, 0 "
        "1,2-Hexanediol solvent, preservative CI 77891 colorant Niacinamide cell-communicating ingredient superstar",
        ["Aqua", "Glycerin", "Polysorbate 20", "1,2-Hexanediol", "CI 77891", "Niacinamide"],
    ),
    (  # ... without its header: two runs with a rating word make it a table (read when the text holds a word the
        # mask's gate looks for, here "ingredient"; a header-less one-line table without one is left as it is)
        "Aqua solvent Glycerin skin-identical ingredient, moisturizer/humectant 0, 0 superstar Tocopherol antioxidant goodie",
        ["Aqua", "Glycerin", "Tocopherol"],
    ),
    # ... one rating, no header: a list as it is
    ("Ingredients: Aqua, Sodium Hyaluronate humectant, Glycerin superstar", ["Aqua", "Sodium Hyaluronate humectant", "Glycerin superstar"]),
    # an amount glued to the next name in a piece that starts with a footnote mark still ends the ingredient
    ("Water, *Zinc Oxide 6.90%Glycerin, Parfum", ["Water", "Zinc Oxide", "Glycerin", "Parfum"]),
    # a table's header row alone on one line (no line break) holds no ingredient
    ("INCI name | Function | Rating", []),
    # a list of strings serialized as a Python or JSON literal (how scraped datasets store a page's text blocks, e.g. the
    # Kaggle Sephora product_info.csv): brackets and quotes are not the label's, items are lines
    ("['Water, Glycerin, Parfum.']", ["Water", "Glycerin", "Parfum"]),
    ("['Aqua, Glyceryl', 'Stearate Citrate, Glycerin']", ["Aqua", "Glyceryl Stearate Citrate", "Glycerin"]),  # a name split by the items
    ("['Aqua', \"Kiehl's Oil\", 'Glycerin']", ["Aqua", "Kiehl's Oil", "Glycerin"]),
    ("[+/- CI 77891] Aqua, Glycerin", ["CI 77891", "Aqua", "Glycerin"]),  # a bracket that opens a list is no literal
    # a retailer's item code in angle brackets after a name (Sephora pages) is no part of it; "<1%" stays an amount
    ("Aqua, Iron Oxides (CI 77491) <ILN37355>, Bht <ILN41346>.", ["Aqua", "Iron Oxides", "Bht"]),
    ("Aqua, Parfum <1%", ["Aqua", "Parfum"]),
    # backslash separators with a bracketed common name: the common name is no part of the key
    ("Water\\Aqua\\Eau, Hordeum Vulgare (Barley) Extract\\Extrait D'orge", ["Water", "Hordeum Vulgare (Barley) Extract"]),
    # words hyphenated at line ends
    ("Water, An-\nthemis Nobilis Flower Oil, Glycerin", ["Water", "Anthemis Nobilis Flower Oil", "Glycerin"]),
    # names run together
    ("Lavender Oil Pelargonium Graveolens Flower Oil Linalool", ["Lavender Oil", "Pelargonium Graveolens Flower Oil", "Linalool"]),
    # EU multilingual slash forms: one ingredient each
    ("Yeast Extract/Faex/Extrait De Levure, Sea Salt/Maris Sal/Sel Marin, Aqua/Water/Eau", ["Yeast Extract", "Sea Salt", "Aqua"]),
    # ... with a common name in brackets and a French elided article (real Clinique and Dr. Jart+ lists)
    ("Hordeum Vulgare (Barley) Extract/Extrait D'orge, Saccharum Officinarum (Sugarcane) Extract/Extrait de canne à sucre", ["Hordeum Vulgare (Barley) Extract", "Saccharum Officinarum (Sugarcane) Extract"]),
]  # fmt: skip


# ids in printable ASCII: pytest escapes others, and a process that collects the tests a second time (mutmut's fork
# server, mutation/run.py) then fails to find the escaped ids (exit 4)
@pytest.mark.parametrize(
    ("text", "names"),
    CASES,
    ids=["".join(ch if " " <= ch <= "~" and ch != "\\" else "?" for ch in c[0][:40]) for c in CASES],
)
def test_scraped_forms_reduce_to_the_names(scanner: Any, text: str, names: list[str]) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    for s in report.ingredients:  # every span still points at the text as written
        a, b = s.ingredient.span
        assert text[a:b] == s.ingredient.text


def test_a_table_row_is_read_up_to_the_line_length_limit(scanner: Any) -> None:
    """A line of MAX_TABLE_LINE characters is still a table row (its function column and ratings are blanked); one
    character longer, it is never read as one, so the other row alone does not make a table either."""
    row = "Glycerin humectant" + " 0" * 191  # 18 + 382 characters
    assert len(row) == MAX_TABLE_LINE
    assert [s.ingredient.name for s in scanner.scan(row + "\nWater solvent").ingredients] == ["Glycerin", "Water"]
    texts = [s.ingredient.text for s in scanner.scan(row + "0\nWater solvent").ingredients]
    assert texts == [row + "0", "Water solvent"]


def test_footnote_digits_and_run_together_names_are_recognized(scanner: Any) -> None:
    report = scanner.scan("Glycerin14, Fragrance20, Lavender Oil Pelargonium Graveolens Flower Oil Linalool")
    assert all(s.recognized for s in report.ingredients)
    assert [s.known for s in report.ingredients][:2] == ["Glycerin", "Parfum"]


OCR_AND_TYPOS = [
    ("C0NDITIONED MEDIA", "conditioned_media", "ocr"),
    ("Condit1oned Med1a", "conditioned_media", "ocr"),
    ("Human Buffy Coat Cell C0nditioned Media", "conditioned_media", "ocr"),
    ("Zantedeschia Aethiopica CalIus Extract", "plant_cell_culture", "ocr"),
    ("Calus Culture Extract", "plant_cell_culture", "fuzzy"),
    ("Rosa Damascena Calus Culture Extract", "plant_cell_culture", "fuzzy"),
    ("Saccharomyces ysate", "lysate", "fuzzy"),
    ("HumanAdiposeDerivedStemCellConditionedMedia", "conditioned_media", None),
]


@pytest.mark.parametrize(("text", "category", "method"), OCR_AND_TYPOS)
def test_ocr_and_head_noun_typos_keep_the_ev_family(scanner: Any, text: str, category: str, method: str) -> None:
    (s,) = scanner.scan(text).ingredients
    assert category in {m.category for m in s.matches}
    if method is not None:  # always shown as a correction
        assert s.correction is not None and s.correction.method == method


def test_transposed_letters_at_a_word_start_are_corrected(scanner: Any) -> None:
    (s,) = scanner.scan("Abies iSbirica Oil").ingredients
    assert s.correction is not None and s.correction.name == "Abies Sibirica Oil"


@pytest.mark.parametrize("name", ["Potassium Nitrate", "Sodium Metaphosphate", "Glycerin", "Potassium Citrate"])
def test_a_known_substance_is_never_corrected_into_another(scanner: Any, name: str) -> None:
    (s,) = scanner.scan(name).ingredients
    assert s.known is not None and s.correction is None


KNOWN = ["Glycerin", "Niacinamide", "Sodium Hyaluronate", "Phenoxyethanol", "Tocopherol", "Caprylyl Glycol", "Squalane"]
DEBRIS = st.sampled_from(["*", "**", "†", "[1]", "[12]", "<b>", "</b>", "<sup>3</sup>", "&nbsp;", " (organic)"])
SEPARATORS = st.sampled_from([", ", ",", "\n", "; ", " • ", " | "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(KNOWN), before=DEBRIS, after=DEBRIS)
def test_debris_around_a_known_name_never_hides_it(scanner: Any, name: str, before: str, after: str) -> None:
    text = f"Water, {before if before.startswith('<') else ''}{name}{after}, Parfum"
    known = [s.known for s in scanner.scan(text).ingredients]
    assert name in known, (text, known)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.permutations(KNOWN), sep=SEPARATORS)
def test_result_does_not_depend_on_separators_or_order(scanner: Any, names: list[str], sep: str) -> None:
    report = scanner.scan(sep.join(names))
    assert [s.known for s in report.ingredients] == list(names)
    reference = {n: s.known for n, s in zip(KNOWN, scanner.scan(", ".join(KNOWN)).ingredients, strict=True)}
    assert {s.ingredient.name: s.known for s in report.ingredients} == reference


def test_every_panel_heading_is_found_before_a_colon_and_alone_on_its_line() -> None:
    from exolabel.tokenizer.panels import _PANEL_NAMES, panel_starts

    missed = [
        text
        for name in _PANEL_NAMES
        for text in (f"Water, Glycerin. {name}: apply", f"Water, Glycerin\n{name}\napply", f"Aqua\n{name.upper()}:\nx")
        if not panel_starts(text)
    ]
    assert not missed


def test_a_panel_heading_glued_to_the_last_name_is_found_and_an_ingredient_header_is_never_one() -> None:
    """The colon gate compares the word before a colon with the panel headings' last words, so a heading glued to the
    name before it by a scraper ("LimoneneDirections:") still counts, and an ingredient header ending like one
    ("Ingredients" ends like "Avertissements") never does."""
    from exolabel.tokenizer.panels import _PANEL_NAMES, panel_starts

    glued = [n for n in _PANEL_NAMES if n[0].isascii() and n[0].isalpha()]
    missed = [n for n in glued if panel_starts(f"Water, Limonene{n[0].upper()}{n[1:]}: apply") != [15]]
    assert not missed
    for header in ("Ingredients:", "INGREDIENTS :", "Ingrédients:", "INCI:", "Inhaltsstoffe:", "Ingredientes:"):
        assert panel_starts(f"{header} Aqua, Glycerin") == [], header


_DISCLAIMER_BITS = [
    "Please note", "PLEASE BE AWARE", "please  read", "Ingredient lists may change", "INGREDIENTS CAN VARY",
    "ingredient\nlist might change", "Ingredients are subject to change", "is subject to change",
    "refer to the packaging", "Refer to the ingredient list on the product packaging", "for the most  up-to-date list",
    "For the most current ingredient", "the products you receive", "Labels may vary", "product label may differ",
    "packaging may change", "(* = organic)", "*=", "87 % organic of total", "5% Natural", "certified organic by",
    "CERTIFIED BY", "Aqua", "Glycerin", "Linalool", "may contain", "for", "most", "label", "Ingredients:", "organic",
    "natural", "%", "5", ",", ".", " ", "\n", "İNGREDIENTS MAY CHANGE", "ıngredients may change",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_DISCLAIMER_BITS), max_size=8), st.sampled_from([" ", ", ", ". ", "\n", ""]))
def test_the_disclaimer_gate_never_turns_a_disclaimer_away(bits: list[str], sep: str) -> None:
    """may_hold_disclaimer (the cheap test in front of DISCLAIMER_RE) is False only where the regex finds nothing."""
    from exolabel.tokenizer.panels import DISCLAIMER_RE, may_hold_disclaimer
    from exolabel.tokenizer.prepare import prepare

    text = prepare(sep.join(bits))[0]
    assert DISCLAIMER_RE.search(text) is None or may_hold_disclaimer(text)


@pytest.mark.parametrize(
    "text",
    [
        "Aqua, Glycerin. Ingredient lists may change.",
        "Aqua, Glycerin. For the most up-to-date list of ingredients, see the box.",
        "Aqua, Glycerin. Labels may vary.",
    ],
)
def test_a_disclaimer_without_a_colon_or_please_is_not_an_ingredient(text: str) -> None:
    from exolabel.tokenizer.core import tokenize

    assert [i.name for i in tokenize(text)] == ["Aqua", "Glycerin"]


def test_a_function_word_that_begins_a_real_name_stays_in_it() -> None:
    """A copied table's function column glued to a name is dropped ("Solvent Glycerin" is Glycerin), but never from a
    known name ("Solvent Green 3" is a CosIng colorant, not the FD&C "Green 3", CI 42053) nor when it would leave one
    unknown word ("Skin Conditioning Complex" stays whole, not "Complex")."""
    import exolabel

    report = exolabel.scan("Aqua, Solvent Green 3, Skin Conditioning Complex, Solvent Glycerin, GlycerinHumectant")
    got = [(s.ingredient.name, s.known) for s in report.ingredients]
    assert got == [
        ("Aqua", "Aqua"),
        ("Solvent Green 3", "Solvent Green 3"),
        ("Skin Conditioning Complex", None),
        ("Glycerin", "Glycerin"),
        ("Glycerin", "Glycerin"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # the highlights first, then the full list: the highlights are no ingredients
            "Key Ingredients: Plant Exosomes, Niacinamide. Full Ingredients: Aqua, Glycerin, Niacinamide, Phenoxyethanol",
            ["Aqua", "Glycerin", "Niacinamide", "Phenoxyethanol"],
        ),
        (
            "Ingredients: Aqua, Glycerin, Niacinamide. Key ingredients: Exosomes, Peptides",
            ["Aqua", "Glycerin", "Niacinamide"],
        ),
        (
            "KEY INGREDIENTS:\nPlant Exosomes\nNiacinamide\n\nINGREDIENTS:\nWater, Glycerin, Niacinamide",
            ["Water", "Glycerin", "Niacinamide"],
        ),
        ("Key ingredients: Niacinamide, Glycerin", ["Niacinamide", "Glycerin"]),  # the only list there is
        (
            "Active ingredients: Zinc Oxide 10%. Inactive ingredients: Aqua, Glycerin",
            ["Zinc Oxide", "Aqua", "Glycerin"],
        ),
    ],
)
def test_a_key_ingredients_block_beside_the_full_list_is_no_part_of_it(
    scanner: Any, text: str, names: list[str]
) -> None:
    """A product page's "Key ingredients" highlight, pasted with the full list, names what the marketing stresses
    ("Plant Exosomes"), not what the INCI list holds: read as ingredients it made an EV-family finding of a claim."""
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    assert not report.ev_ingredients
