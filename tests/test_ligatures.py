"""A ligature (fi, fl, ff, ffi, ffl) that text extraction dropped ("Zingiber Of cinale (Ginger) Root Extract", as a
retailer's copy of a printed list gives it): the one reading with the ligature's letters back that is a known name
is taken, shown as a correction, so the irritant and allergen lists see the ingredient."""

from __future__ import annotations

from typing import Any

import pytest

from exolabel.lexicon.repair import ligature_readings, ocr_readings


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Zingiber Of cinale (Ginger) Root Extract", "Zingiber Officinale Root Extract"),
        ("Salvia Of cinalis (Sage) Oil", "Salvia Officinalis Oil"),
        ("Rosmarinus Of cinalis (Rosemary) Leaf Oil", "Rosmarinus Officinalis Leaf Oil"),
        ("Calendula Of cinalis Flower Extract", "Calendula Officinalis Flower Extract"),
    ],
)
def test_a_dropped_ligature_is_read_back(scanner: Any, text: str, known: str) -> None:
    report = scanner.scan(f"Water, {text}, Glycerin")
    s = report.ingredients[1]
    assert s.known == known
    assert s.correction is not None and s.correction.name == known
    assert "LX02" not in {f.rule for f in report.findings}  # nothing left unrecognized


def test_the_ligature_reading_lets_the_essential_oil_rule_see_the_oil(scanner: Any) -> None:
    report = scanner.scan("Water, Salvia Of cinalis (Sage) Oil, Glycerin")
    assert any(f.rule == "IR02" and f.ingredient == 1 for f in report.findings)


@pytest.mark.parametrize(
    ("name", "readings"),
    [
        (
            "Salvia Of cinalis",
            [
                "Salvia Officinalis",
                "Salvia Offlcinalis",
                "Salvia Offfcinalis",
                "Salvia Offficinalis",
                "Salvia Offflcinalis",
            ],
        ),
        ("SALVIA OF CINALIS", []),  # one case: a lower-case word start says nothing
        ("salvia of cinalis", []),
        ("Salvia Officinalis", []),  # no space before a lower-case letter
        ("Aqua", []),
    ],
)
def test_ligature_readings(name: str, readings: list[str]) -> None:
    assert ligature_readings(name) == readings


def test_ligature_readings_come_after_the_ocr_confusions() -> None:
    tiers = ocr_readings("Salvia 0f cinalis")
    assert tiers[0] == ["Salvia of cinalis"] and "Salvia 0fficinalis" in tiers[2] and len(tiers) == 3


def test_a_lower_case_word_that_is_part_of_a_known_name_is_left_alone(scanner: Any) -> None:
    report = scanner.scan("Water, Butyrospermum Parkii (Shea) Butter, Glycerin")
    assert report.ingredients[1].correction is None
