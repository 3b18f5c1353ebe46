"""US OTC "Drug Facts" panels (21 CFR 201.66): the active rows read as name + declared amount with the purpose column
kept out of the name, the panel's headings and other sections never read as ingredients, other labels unchanged.

The expected names and amounts are written by hand from the panels (the real ones from the pages the example labels
cite)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.labelfile.read import read_path
from exolabel.tokenizer import drugfacts, mask
from exolabel.tokenizer.claims import read_rows
from exolabel.tokenizer.core import tokenize

LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"
PURPOSES = [r.phrase for r in read_rows(drugfacts.DATA, drugfacts.KINDS) if r.kind == "purpose"]
HEADINGS = ["drug facts", "purpose", "uses", "use", "warnings", "directions", "other information", "questions"]

FLAT = (
    "Active Ingredients: Avobenzone 3% Sunscreen, Homosalate 10% Sunscreen, Octisalate 5% Sunscreen, Octocrylene 2.7% "
    "Sunscreen. Inactive Ingredients: Water, Glycerin, Dimethicone, Phenoxyethanol"
)
PANEL = (
    "Drug Facts\nActive ingredients Purpose\nAvobenzone 3% ..........Sunscreen\nHomosalate 10% ..........Sunscreen\n"
    "Octisalate 5% ..........Sunscreen\nOctocrylene 2.7% ..........Sunscreen\nUses\n- helps prevent sunburn\n"
    "Warnings\nFor external use only\nDirections\n- apply liberally 15 minutes before sun exposure\n"
    "Other information\n- protect this product from excessive heat\n"
    "Inactive ingredients water, glycerin, dimethicone, phenoxyethanol\nQuestions? 1-800-123-4567"
)
SUNSCREEN_ROWS = [("Avobenzone", 3.0), ("Homosalate", 10.0), ("Octisalate", 5.0), ("Octocrylene", 2.7)]


def _read(scanner, text: str) -> list[tuple[str, float | None]]:
    report = scanner.scan(text)
    return [
        (s.ingredient.name, s.ingredient.concentration.value if s.ingredient.concentration else None)
        for s in report.ingredients
    ]


def test_a_flattened_panel_reads_each_active_row_as_its_name_and_amount(scanner) -> None:
    got = _read(scanner, FLAT)
    assert got == [
        *SUNSCREEN_ROWS,
        ("Water", None),
        ("Glycerin", None),
        ("Dimethicone", None),
        ("Phenoxyethanol", None),
    ]
    report = scanner.scan(FLAT)
    assert all(s.known for s in report.ingredients)  # 4 of 8 were unrecognized ("Avobenzone 3% Sunscreen")
    assert [s.ingredient.concentration.kind for s in report.ingredients[:4]] == ["percent"] * 4


def test_a_multi_line_panel_keeps_the_rows_and_the_inactive_list_and_drops_the_rest(scanner) -> None:
    got = _read(scanner, PANEL)
    assert got == [
        *SUNSCREEN_ROWS,
        ("water", None),
        ("glycerin", None),
        ("dimethicone", None),
        ("phenoxyethanol", None),
    ]
    report = scanner.scan(PANEL)
    assert all(s.known for s in report.ingredients)


@pytest.mark.parametrize(
    "text",
    [
        # every row and the purpose on one line, rows separated by spaces only (a catalogue's copy without breaks)
        "Drug Facts Active ingredients Purpose Avobenzone 3% Sunscreen Homosalate 10% Sunscreen Octisalate 5% "
        "Sunscreen Octocrylene 2.7% Sunscreen Uses helps prevent sunburn Warnings For external use only Directions "
        "apply liberally Inactive ingredients water, glycerin Questions? Call 1-800-000-0000",
        # the purpose column printed once for all the rows, after the last
        "Active ingredients Purpose\nAvobenzone 3%, Homosalate 10%\nOctisalate 5%, Octocrylene 2.7% ..... Sunscreens"
        "\nInactive ingredients: water, glycerin",
        # the purpose under its own heading, the amounts after a comma (DailyMed's layout)
        "Active ingredients\nAvobenzone, 3%\nHomosalate, 10%\nOctisalate, 5%\nOctocrylene, 2.7%\nPurpose\nSunscreen\n"
        "Uses\nhelps prevent sunburn\nInactive ingredients\nwater, glycerin",
    ],
    ids=["one-line", "purpose-once", "purpose-heading"],
)
def test_other_layouts_of_the_same_panel(scanner, text: str) -> None:
    assert _read(scanner, text) == [*SUNSCREEN_ROWS, ("water", None), ("glycerin", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Active ingredient: Salicylic acid 2% Acne treatment. Inactive ingredients: Water, Glycerin",
         [("Salicylic acid", 2.0), ("Water", None), ("Glycerin", None)]),
        ("Active ingredient Purpose\nBenzoyl peroxide 2.5% .......Acne medication\n"
         "Inactive ingredients water, carbomer", [("Benzoyl peroxide", 2.5), ("water", None), ("carbomer", None)]),
        ("Active ingredient: Aluminum Zirconium Tetrachlorohydrex Gly 18.2% Antiperspirant. Inactive ingredients: "
         "Cyclopentasiloxane, Stearyl Alcohol", [("Aluminum Zirconium Tetrachlorohydrex Gly", 18.2),
                                                  ("Cyclopentasiloxane", None), ("Stearyl Alcohol", None)]),
        ("Active ingredient: Pyrithione Zinc 1% Dandruff. Inactive ingredients: Water, Sodium Laureth Sulfate",
         [("Pyrithione Zinc", 1.0), ("Water", None), ("Sodium Laureth Sulfate", None)]),
        ("Active ingredients: Zinc Oxide 10% Sunscreen/Skin protectant, Dimethicone 1% Skin protectant. "
         "Inactive ingredients: Water", [("Zinc Oxide", 10.0), ("Dimethicone", 1.0), ("Water", None)]),
    ],
    ids=["acne-treatment", "acne-medication", "antiperspirant", "dandruff", "two-purposes"],
)  # fmt: skip
def test_the_purposes_of_other_monographs(scanner, text: str, expected: list[tuple[str, float | None]]) -> None:
    assert _read(scanner, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cosmetic's "Active ingredients" header with no Drug Facts mark: as before
        ("Active Ingredients: Niacinamide 10%, Zinc PCA 1%. Other Ingredients: Aqua, Glycerin, Uses",
         ["Niacinamide", "Zinc PCA", "Aqua", "Glycerin", "Uses"]),
        ("Aqua, Glycerin, Sunscreen Complex, Use Extract", ["Aqua", "Glycerin", "Sunscreen Complex", "Use Extract"]),
        ("Ingredients: Water, Glycerin\nWarnings: for external use only", ["Water", "Glycerin"]),
        ("Key Actives: Retinol 1%, Bakuchiol 0.5%\nIngredients: Aqua, Glycerin, Retinol",
         ["Retinol", "Bakuchiol", "Aqua", "Glycerin", "Retinol"]),
        ("Bioactive Peptide Complex, Aqua, Glycerin", ["Bioactive Peptide Complex", "Aqua", "Glycerin"]),
    ],
    ids=["cosmetic-actives", "no-heading", "panel-word", "key-actives", "bioactive"],
)  # fmt: skip
def test_a_label_without_a_drug_facts_panel_is_read_as_before(scanner, text: str, expected: list[str]) -> None:
    edits: list[tuple[int, int, str]] = []
    assert drugfacts.drug_facts(text, [], edits) is None
    assert edits == []
    assert [s.ingredient.name for s in scanner.scan(text).ingredients] == expected


REAL = {
    # file -> the active rows (name, amount) and the number of inactive ingredients, counted by hand on the page
    "sun-bum-spf-30-premium-moisturizing-sunscreen-lotion.scraped.txt": (
        [("Avobenzone", 3.0), ("Homosalate", 5.0), ("Octisalate", 3.0), ("Octocrylene", 10.0)], 24),
    "zinka-clear-zinc-oxide-sunscreen.scraped.txt": (
        [("Octinoxate", 5.0), ("Zinc Oxide", 4.3), ("Octisalate", 3.0), ("Oxybenzone", 2.5)], 17),
    "equate-clinical-strength-antiperspirant.scraped.txt": (
        [("Aluminum Zirconium Tetrachlorohydrex gly", 20.0)], 7),
    "salicylic-acid-acne-treatment-dailymed-00764a10.scraped.txt": ([("Salicylic acid", 2.0)], 23),
    # the whole DailyMed page: the panel's list, not its "Product Information" table again (tests/test_spl_table.py)
    "acne-treatment-gel-dailymed-688783fd.scraped.txt": ([("Salicylic acid", 2.0)], 15),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_drug_facts_panels(scanner, name: str) -> None:
    item = read_path(LABELS / name)
    got = _read(scanner, item.text)
    actives, n_inactive = REAL[name]
    assert got[: len(actives)] == actives
    assert len(got) == len(actives) + n_inactive
    assert all(amount is None for _, amount in got[len(actives) :])


@pytest.mark.parametrize("text", [FLAT, PANEL, *(read_path(LABELS / n).text for n in sorted(REAL))])
def test_no_purpose_or_heading_reaches_a_name(scanner, text: str) -> None:
    for s in scanner.scan(text).ingredients:
        low = s.ingredient.name.lower()
        assert not any(p in low for p in PURPOSES), s.ingredient.name
        assert low not in HEADINGS and not low.startswith(("drug facts", "active ingredient", "questions")), low


def test_an_amounts_basis_in_brackets_is_no_other_name(scanner) -> None:
    text = "Active ingredient: Aluminum Zirconium Tetrachlorohydrex Gly 20% (anhydrous) Antiperspirant. Inactive: Water"
    first = scanner.scan(text).ingredients[0].ingredient
    assert (first.name, first.aliases, first.concentration.value) == (
        "Aluminum Zirconium Tetrachlorohydrex Gly",
        (),
        20.0,
    )
    item = read_path(LABELS / "equate-clinical-strength-antiperspirant.scraped.txt")
    assert scanner.scan(item.text).ingredients[0].ingredient.aliases == ()  # "(anhydrous)" was read as an alias


def test_amounts_one_a_line_under_a_cosmetic_active_heading_make_no_panel() -> None:
    assert (
        drugfacts.drug_facts("Active Ingredients: Niacinamide 10%\nZinc PCA 1%\nOther Ingredients: Aqua", [], [])
        is None
    )


def test_the_mask_keeps_offsets_and_blanks_only_what_the_panel_says() -> None:
    work = mask.mask_label(FLAT).work
    assert len(work) == len(FLAT)
    assert "Sunscreen" not in work and "Avobenzone 3%" in work and "Octocrylene 2.7%" in work


def test_the_vocabulary_file_is_valid_and_sourced() -> None:
    rows = read_rows(drugfacts.DATA, drugfacts.KINDS)
    phrases = [r.phrase for r in rows]
    assert len(phrases) == len(set(phrases))
    for r in rows:  # the headings are 21 CFR 201.66's; each purpose cites the monograph (or order) that names it
        if r.kind == "purpose":
            assert all("ecfr.gov" in s or "govinfo.gov" in s or "fda.gov" in s for s in r.sources), r.phrase
        else:
            assert r.sources == (
                "https://www.ecfr.gov/current/title-21/chapter-I/subchapter-C/part-201/subpart-C/section-201.66",
            )
    assert {"sunscreen", "acne treatment", "acne medication", "antiperspirant", "dandruff"} <= set(PURPOSES)


def test_the_gate_asks_only_for_words_the_mask_scan_looks_for() -> None:
    asked: set[str] = set()

    def has(word: str) -> bool:
        asked.add(word)
        return True

    drugfacts.drug_facts(FLAT, [], [], has)
    assert asked and asked <= set(mask._GATES.words)
    assert drugfacts.drug_facts(FLAT, [], [], lambda _w: False) is None  # the gate closed: nothing is looked at


_PIECES = [
    "Drug Facts", "Active ingredients", "Active ingredient (in each gram)", "Purpose", "Purposes", "Uses", "Use",
    "Warnings", "Directions", "Other information", "Inactive ingredients", "Questions?", "Questions or comments?",
    "Sunscreen", "Acne treatment", "Antiperspirant", "Skin protectant", " / ", " and ", "Avobenzone", "Zinc Oxide",
    "water", "glycerin", "3%", "20%", "(anhydrous)", "w/w", "..........", ". . .", "…", "___", ":", ",", ";", ".",
    "\n", " ", "  ", "\t", "(", ")", "%",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_any_mix_of_panel_pieces_masks_in_place_and_tokenizes(text: str) -> None:
    work = mask.mask_label(text).work
    assert len(work) == len(text)
    for a, b in zip(text, work, strict=True):  # an edit blanks a character or puts a comma there, nothing else
        assert b == a or b in " ," or (a == "\n" and b == ",")
    for ing in tokenize(text):
        assert ing.name.strip() and text[ing.span[0] : ing.span[1]] == ing.text
