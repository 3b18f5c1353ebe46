"""A Drug Facts row flattened into a list with no panel heading ("Avobenzone 3% Sunscreen, Octisalate 5%
Sunscreen, Water, ...", as a retailer's catalogue copies a US sunscreen's label): the purpose after the amount is
no part of the name, and the amount is the ingredient's."""

from __future__ import annotations

from typing import Any

import pytest

from exolabel.tokenizer.piece import parse_piece, without_purpose

# the shape of two rows of the Kaggle Sephora product_info.csv (copy in aoluwolerotimi/Skincare-Chatbot-Group-Project,
# commit a2da568): P481366 and P482269 begin "Avobenzone 3% Sunscreen, Octisalate 5% Sunscreen, Octocrylene 10%
# Sunscreen, Water, ..." and "Titanium Dioxide 3.15% Sunscreen, Zinc Oxide 4.08% Sunscreen, Water/Aqua/Eau, ..."
FLAT = "Avobenzone 3% Sunscreen, Octisalate 5% Sunscreen, Octocrylene 10% Sunscreen, Water, Glycerin, Phenoxyethanol"


def test_a_flattened_row_without_headings_is_read(scanner: Any) -> None:
    report = scanner.scan(FLAT)
    got = [(s.ingredient.name, s.known, s.ingredient.concentration) for s in report.ingredients]
    assert [g[0] for g in got] == ["Avobenzone", "Octisalate", "Octocrylene", "Water", "Glycerin", "Phenoxyethanol"]
    assert all(known for _n, known, _c in got)
    assert [c.value if c else None for _n, _k, c in got][:3] == [3.0, 5.0, 10.0]
    assert "LX02" not in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("piece", "name", "amount"),
    [
        ("Avobenzone 3% Sunscreen", "Avobenzone", 3.0),
        ("Titanium Dioxide 3.15% Sunscreen", "Titanium Dioxide", 3.15),
        ("Zinc Oxide 4.08 % Sunscreen", "Zinc Oxide", 4.08),
        ("Salicylic Acid 2% Acne Treatment", "Salicylic Acid", 2.0),
    ],
)
def test_the_purpose_after_an_amount_leaves_the_name(piece: str, name: str, amount: float) -> None:
    parsed = parse_piece(piece)
    assert parsed.name == name
    assert parsed.concentration is not None and parsed.concentration.value == amount


@pytest.mark.parametrize(
    "piece",
    ["Sunscreen", "Glycerin Sunscreen", "Avobenzone 3%", "Sunscreen 3%", "Avobenzone 3% Sunscreen Blend", "Aqua"],
)
def test_a_purpose_word_without_an_amount_before_it_stays(piece: str) -> None:
    assert without_purpose(piece) == piece
