"""The amount parser (``exolabel.tokenizer.amount``) on its own: every expected value below is written by hand from
what the label says, not taken from the code under test."""

from __future__ import annotations

import pytest

from exolabel.model import Concentration
from exolabel.tokenizer.amount import find_concentration, parse_number, parse_trailing_concentration
from exolabel.tokenizer.core import tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5.0),
        (" 7 ", 7.0),
        ("1.2", 1.2),
        ("0,5", 0.5),  # decimal comma
        ("12,34", 12.34),  # decimal comma, two decimals
        ("10,000", 10000.0),  # thousands comma
        ("1,000,000", 1000000.0),
        ("1.000.000", 1000000.0),  # thousands dots (two or more groups)
        ("1.000", 1.0),  # one dot group is a decimal point
        ("abc", None),
        ("", None),
        ("1,2,3", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


P = "percent"


@pytest.mark.parametrize(
    ("piece", "name", "amount"),
    [
        # percent
        ("Niacinamide 5%", "Niacinamide", Concentration("5%", P, 5.0, "%")),
        ("Niacinamide5%", "Niacinamide", Concentration("5%", P, 5.0, "%")),
        ("Niacinamide (5 %)", "Niacinamide", Concentration("5 %", P, 5.0, "%")),
        ("Niacinamide [2%]", "Niacinamide", Concentration("2%", P, 2.0, "%")),
        ("Retinol 0.1 %", "Retinol", Concentration("0.1 %", P, 0.1, "%")),
        ("Zinc Oxide 10.5% w/w", "Zinc Oxide", Concentration("10.5% w/w", P, 10.5, "%")),
        ("Niacinamide <1%", "Niacinamide", Concentration("<1%", P, 1.0, "%")),
        ("Niacinamide up to 5%", "Niacinamide", Concentration("up to 5%", P, 5.0, "%")),
        ("Niacinamide - 4%", "Niacinamide", Concentration("4%", P, 4.0, "%")),
        # decimal comma
        ("Niacinamide 0,5%", "Niacinamide", Concentration("0,5%", P, 0.5, "%")),
        ("Panthenol 5,5 %", "Panthenol", Concentration("5,5 %", P, 5.5, "%")),
        ("Limonene 0,5 ppm", "Limonene", Concentration("0,5 ppm", "ppm", 0.5, "ppm")),
        # 100 % or more, and 0 %, are marketing, not a concentration
        ("Glycerin 100 %", "Glycerin", Concentration("100 %", "marketing", 100.0, "%")),
        ("Glycerin 100%", "Glycerin", Concentration("100%", "marketing", 100.0, "%")),
        ("Exosomes 2000%", "Exosomes", Concentration("2000%", "marketing", 2000.0, "%")),
        ("Water 0%", "Water", Concentration("0%", "marketing", 0.0, "%")),
        ("Glycerin 99.9%", "Glycerin", Concentration("99.9%", P, 99.9, "%")),
        # the strength of a raw material
        ("Salicylic Acid 2% solution", "Salicylic Acid", Concentration("2% solution", "raw_material", 2.0, "%")),
        ("Sodium Hydroxide 10% aq.", "Sodium Hydroxide", Concentration("10% aq.", "raw_material", 10.0, "%")),
        # ranges: the text as printed, the upper end as the value
        ("Panthenol 1-5%", "Panthenol", Concentration("1-5%", P, 5.0, "%")),
        ("Panthenol (1-5%)", "Panthenol", Concentration("1-5%", P, 5.0, "%")),
        ("Panthenol 1–5 %", "Panthenol", Concentration("1–5 %", P, 5.0, "%")),
        ("Panthenol 1 to 5%", "Panthenol", Concentration("1 to 5%", P, 5.0, "%")),
        ("Glycerin 5~10%", "Glycerin", Concentration("5~10%", P, 10.0, "%")),
        ("Steareth-2 1-2%", "Steareth-2", Concentration("1-2%", P, 2.0, "%")),
        ("Linalool 0,5-1 ppm", "Linalool", Concentration("0,5-1 ppm", "ppm", 1.0, "ppm")),
        ("Vitamin B3-5%", "Vitamin B3", Concentration("5%", P, 5.0, "%")),  # B3 is a name, not a range's end
        # ppm and mass per volume
        ("Fragrance 10,000 ppm", "Fragrance", Concentration("10,000 ppm", "ppm", 10000.0, "ppm")),
        ("Linalool 50 ppm", "Linalool", Concentration("50 ppm", "ppm", 50.0, "ppm")),
        ("Ethyl Ascorbyl Ether 10 ppb", "Ethyl Ascorbyl Ether", Concentration("10 ppb", "ppm", 10.0, "ppb")),
        ("Exosomes 5 mg/ml", "Exosomes", Concentration("5 mg/ml", "mass", 5.0, "mg/ml")),
        ("Exosomes 5 mg / g", "Exosomes", Concentration("5 mg / g", "mass", 5.0, "mg/g")),
        # particle counts
        ("Exosomes 2 billion/mL", "Exosomes", Concentration("2 billion/mL", "count", 2e9, "particles", "ml")),
        (
            "Exosomes (1.2x10^10 per vial)",
            "Exosomes",
            Concentration("1.2x10^10 per vial", "count", 1.2e10, "particles", "vial"),
        ),
        ("Exosomes 3 x 10 9 particles", "Exosomes", Concentration("3 x 10 9 particles", "count", 3e9, "particles")),
        ("Exosomes 1,000億", "Exosomes", Concentration("1,000億", "count", 1e11, "particles")),
        ("Exosomes 50万", "Exosomes", Concentration("50万", "count", 5e5, "particles")),
        ("EV 7 trillion/ml", "EV", Concentration("7 trillion/ml", "count", 7e12, "particles", "ml")),
        ("EV 4 mn EVs", "EV", Concentration("4 mn EVs", "count", 4e6, "particles")),
        ("EV 2 thousand particles/g", "EV", Concentration("2 thousand particles/g", "count", 2e3, "particles", "g")),
        # what IGNORECASE matches and str.lower() does not map: a dotless i (Turkish-locale lower case), a long s
        ("Exosomes 2 bıllıon/mL", "Exosomes", Concentration("2 bıllıon/mL", "count", 2e9, "particles", "ml")),
        ("EV 3 MİLLİON EVs", "EV", Concentration("3 MİLLİON EVs", "count", 3e6, "particles")),
        ("EV 2 thouſand particles/g", "EV", Concentration("2 thouſand particles/g", "count", 2e3, "particles", "g")),
        (
            "Exosome 1.000.000 particles/ml",
            "Exosome",
            Concentration("1.000.000 particles/ml", "count", 1e6, "particles", "ml"),
        ),
        (
            "Exosomes 500 vesicles per dose",
            "Exosomes",
            Concentration("500 vesicles per dose", "count", 500.0, "particles", "dose"),
        ),
    ],
    # printable ASCII ids, as in test_scraped_text.py (escaped ids break mutmut's fork server)
    ids=lambda v: "".join(ch if " " <= ch <= "~" else "?" for ch in v) if isinstance(v, str) else None,
)
def test_trailing_amounts(piece: str, name: str, amount: Concentration) -> None:
    assert parse_trailing_concentration(piece) == (name, amount)


@pytest.mark.parametrize(
    "piece",
    [
        "Polysorbate 20",
        "PEG-40 Hydrogenated Castor Oil",
        "Polyquaternium10 ppm",  # glued digits: too ambiguous to split
        "Vitamin C 20 percent",  # no sign or unit
        "Niacinamide 5% Serum Base",  # words after the amount: not a trailing amount
        "1,2-Hexanediol",
        "Aqua",
        "",
    ],
)
def test_pieces_without_a_trailing_amount_are_left_alone(piece: str) -> None:
    assert parse_trailing_concentration(piece) == (piece, None)


def test_find_concentration_gives_the_first_amount_and_its_span() -> None:
    assert find_concentration("Aqua 5% and 10 ppm") == (Concentration("5%", P, 5.0, "%"), 5, 7)
    assert find_concentration("10 ppm then 5%") == (Concentration("10 ppm", "ppm", 10.0, "ppm"), 0, 6)
    assert find_concentration("no amount") is None


def test_the_tokenizer_takes_the_amount_off_the_name_inside_a_list() -> None:
    ings = tokenize("Water, Panthenol 1-5%, Niacinamide (0,5 %), Glycerin 100 %, Exosomes 2 billion/mL")
    got = [(i.name, i.concentration) for i in ings]
    assert got == [
        ("Water", None),
        ("Panthenol", Concentration("1-5%", P, 5.0, "%")),
        ("Niacinamide", Concentration("0,5 %", P, 0.5, "%")),
        ("Glycerin", Concentration("100 %", "marketing", 100.0, "%")),
        ("Exosomes", Concentration("2 billion/mL", "count", 2e9, "particles", "ml")),
    ]


@pytest.mark.parametrize(
    ("text", "name", "amount", "alias"),
    [
        ("Aqua, Niacinamide 5% (Vitamin B3), Glycerin", "Niacinamide", "5%", "Vitamin B3"),
        ("Zinc PCA 1% (Zinc), Aqua", "Zinc PCA", "1%", "Zinc"),
        ("Aqua, Ascorbic Acid 10 % [Vitamin C]", "Ascorbic Acid", "10 %", "Vitamin C"),
    ],
)
def test_an_amount_before_an_alias_bracket_is_the_ingredient_s_amount(
    text: str, name: str, amount: str, alias: str
) -> None:
    ing = next(i for i in tokenize(text) if i.name == name)
    assert ing.parsed.concentration is not None and ing.parsed.concentration.text == amount
    assert ing.parsed.aliases == (alias,)


def test_a_number_in_a_name_before_an_alias_bracket_stays_in_the_name() -> None:
    (ing,) = tokenize("Polysorbate 20 (Tween 20)")
    assert ing.name == "Polysorbate 20" and ing.parsed.concentration is None


@pytest.mark.parametrize(
    ("text", "name", "known", "amount"),
    [
        ("20% Zinc Oxide", "Zinc Oxide", "Zinc Oxide", "20%"),  # as a Kaggle Sephora product_info.csv cell ends
        ("1.5 % Hyaluronic Acid", "Hyaluronic Acid", "Hyaluronic Acid", "1.5 %"),
        ("2% Salicylic Acid (BHA)", "Salicylic Acid", "Salicylic Acid", "2%"),  # not BHA, the antioxidant
        ("<1% Phenoxyethanol", "Phenoxyethanol", "Phenoxyethanol", "<1%"),
    ],
)
def test_an_amount_before_a_known_name_is_its_concentration(text: str, name: str, known: str, amount: str) -> None:
    import exolabel

    (s,) = exolabel.scan(f"Aqua, {text}, Glycerin").ingredients[1:2]
    assert (s.ingredient.name, s.known) == (name, known)
    assert s.ingredient.concentration is not None and s.ingredient.concentration.text == amount


@pytest.mark.parametrize("text", ["100% Pure Squalane", "10% Niacinamide + 1% Zinc", "15% Mystery Complex"])
def test_a_leading_percent_before_no_known_name_stays_in_the_piece(text: str) -> None:
    """Marketing (100 % is no concentration), two amounts, or an unknown rest: the piece is left as written."""
    from exolabel.lexicon import load_lexicon
    from exolabel.tokenizer.piece import parse_piece

    lex = load_lexicon()
    parsed = parse_piece(text, lex.canonical)
    assert (parsed.name, parsed.concentration) == (text, None)
