"""A text with no ingredient list is refused: `scan` exits 2 naming the input, `batch` writes an error row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import records, run_batch, write_catalogue

from exolabel import exitcodes
from exolabel.rules.lexicon_rules import NO_LIST, has_letter, not_a_list

# retailer placeholders, spreadsheet errors and marketing prose seen in catalogue exports
NOT_LISTS = [
    "Visit the Dr. Jart+ boutique",
    "No Info",
    "N/A",
    "#NAME?",
    "#N/A, #REF!",
    "This serum hydrates, soothes and brightens your skin for a radiant glow.",
    "Please see the product packaging for the full list, as it may change.",
    "Formulated with exosomes and peptides for visible results.",  # a head noun in a sentence
    "Directions: apply morning and evening. Warnings: for external use only.",  # only the other panels
    "Made in France. Net wt. 50 g",  # only statements
]
LISTS = [
    "Water, Glycerin",
    "Aqua",  # one known name is a list
    "Magic Youth Complex, Glycerin",  # one unknown piece among known ones: LX02, not a refusal
    "水, 甘油, 人脂肪干细胞条件培养液",  # a list in a script exolabel does not read: each piece unrecognized
    "Exolabelia Testensis Extract, Fooia Barensis Oil",  # unknown name-like pieces
    "Rosa Damascena Callus Exosomes",  # one EV-family name the head noun classifies
]


def refused(scanner: Any, text: str) -> bool:
    """What scan and batch refuse: pieces none of which is an ingredient, or letters but no piece (all panels)."""
    report = scanner.scan(text)
    ings = report.ingredients
    if not ings:
        return has_letter(text)
    unknown = [s for s in ings if not s.recognized]
    return not_a_list(len(ings), unknown, [s for s in ings if s.matches]) == NO_LIST


@pytest.mark.parametrize("text", NOT_LISTS)
def test_scan_refuses_a_text_with_no_ingredient_list(scanner: Any, text: str) -> None:
    assert refused(scanner, text)


@pytest.mark.parametrize("text", LISTS)
def test_lists_are_not_refused(scanner: Any, text: str) -> None:
    assert not refused(scanner, text)


def test_cli_exits_2_naming_the_input_and_checks_the_others(tmp_path: Path) -> None:
    placeholder = tmp_path / "placeholder.txt"
    placeholder.write_text("Visit the Dr. Jart+ boutique\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Water, Glycerin, Niacinamide\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "scan", str(placeholder), str(good), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == exitcodes.ERROR
    assert f"{placeholder}: no ingredient list ('Visit the Dr. Jart+ boutique' is not an ingredient name)" in p.stderr
    assert "Traceback" not in p.stderr
    assert '"Niacinamide"' in p.stdout  # the other input is still checked and reported


def test_a_short_text_that_reads_as_no_piece_is_quoted_in_the_refusal(tmp_path: Path) -> None:
    """ "No Info" reads as a claim and "Made in France" as a statement: no piece is left, and the message quotes the
    text rather than listing what it might have been."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("No Info\n", encoding="utf-8")
    b.write_text("Made in France.\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "scan", str(a), str(b)], capture_output=True, text=True, check=False
    )
    assert p.returncode == exitcodes.ERROR
    assert f"{a}: no ingredient list ('No Info' holds no ingredient name)" in p.stderr
    assert f"{b}: no ingredient list ('Made in France.' holds no ingredient name)" in p.stderr


def test_batch_writes_an_error_row_with_the_message(tmp_path: Path, capsys: Any) -> None:
    rows = [
        {"sku": "P1", "name": "Serum", "ingredients": "Water, Glycerin", "claims": ""},
        {"sku": "P2", "name": "Cream", "ingredients": "Visit the Dr. Jart+ boutique", "claims": ""},
        {"sku": "P3", "name": "Toner", "ingredients": "#NAME?", "claims": ""},
        {"sku": "P4", "name": "Mist", "ingredients": "No Info", "claims": ""},
        {"sku": "P5", "name": "Mask", "ingredients": "N/A", "claims": ""},
        {"sku": "P6", "name": "Balm", "ingredients": "Made in France.", "claims": ""},
    ]
    cat = write_catalogue(tmp_path / "cat.csv", rows)
    out = tmp_path / "out.jsonl"
    code, _, _ = run_batch(capsys, str(cat), "-o", str(out))
    got = records(out)
    assert [r["status"] for r in got] == ["ok", "error", "error", "error", "error", "error"]
    assert [r["message"] for r in got[1:]] == [NO_LIST] * 5
    assert code == exitcodes.ERROR
