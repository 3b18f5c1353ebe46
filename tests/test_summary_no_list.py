"""Rows with no ingredient list (empty cells, retailer placeholders, spreadsheet errors, prose) are counted apart
from the other rows that could not be checked, in the summary's JSON, text and HTML."""

from __future__ import annotations

import json
from pathlib import Path

from batch_helpers import run_batch, write_catalogue

from exolabel import exitcodes
from exolabel.catalogue.write import COLUMNS, LIST_COLUMNS
from exolabel.report import html
from exolabel.report.summary import Summary, is_no_list, render_text

ROWS = [
    {"sku": "L1", "name": "Cream", "ingredients": "Aqua, Glycerin, Phenoxyethanol", "claims": ""},
    {"sku": "L2", "name": "Store link", "ingredients": "Visit the CeraVe Store", "claims": ""},
    {"sku": "L3", "name": "Empty", "ingredients": "", "claims": ""},
    {"sku": "L4", "name": "Spreadsheet", "ingredients": "#NAME?", "claims": ""},
    {"sku": "L5", "name": "Prose", "ingredients": "Our best-selling cream, now in a bigger size.", "claims": ""},
    {"sku": "L6", "name": "Too long", "ingredients": "Aqua, " * 40 + "Glycerin", "claims": ""},
    {"sku": "L7", "name": "Serum", "ingredients": "Aqua, Niacinamide, Glycerin", "claims": ""},
]


def _record(row: int, status: str, message: str | None) -> dict[str, object]:
    rec: dict[str, object] = {c: ([] if c in LIST_COLUMNS else None) for c in COLUMNS}
    rec.update(row=row, status=status, message=message, errors=0, warnings=0, infos=0, ingredients=0)
    return rec


def test_messages_that_say_no_ingredient_list() -> None:
    assert is_no_list("no ingredient list")
    assert is_no_list("empty: no ingredient list")
    assert is_no_list("no ingredient names: only separators or symbols")
    assert not is_no_list("malformed CSV at line 3: 6 fields, the header has 5")
    assert not is_no_list("too long: 9,000 characters (limit 8,000; see --max-chars)")
    assert not is_no_list(None)


def test_summary_counts_no_list_rows_apart() -> None:
    s = Summary("x.csv")
    s.add(_record(1, "error", "no ingredient list"))
    s.add(_record(2, "error", "empty: no ingredient list"))
    s.add(_record(3, "error", "malformed CSV at line 4: 3 fields, the header has 2"))
    s.add(_record(4, "ok", None))
    doc = s.to_dict()
    assert doc["status"]["error"] == 3 and doc["errors_total"] == 3
    assert doc["unchecked"] == {"no_list": 2, "other": 1}
    text = render_text({**doc, "output": None})
    assert "not checked: 2 with no ingredient list (empty, placeholder, prose), 1 other" in text
    page = html.render({**doc, "output": None})
    assert "<b>2</b>of them no ingredient list" in page


def test_every_row_checked_says_nothing_about_it() -> None:
    s = Summary("x.csv")
    s.add(_record(1, "ok", None))
    assert "not checked" not in render_text({**s.to_dict(), "output": None})


def test_batch_counts_placeholders_and_prose_apart_from_a_row_too_long(tmp_path: Path, capsys) -> None:
    cat = write_catalogue(tmp_path / "cat.csv", ROWS)
    summary = tmp_path / "s.json"
    code, out, err = run_batch(capsys, str(cat), "--summary", str(summary), "--max-chars", "100", "-j", "1")
    assert code == exitcodes.ERROR  # rows could not be checked
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert doc["status"]["error"] == 5
    assert doc["unchecked"] == {"no_list": 4, "other": 1}
    assert {e["row"]: e["message"] for e in doc["errors"]}[6].startswith("too long")
    assert "not checked: 4 with no ingredient list" in out + err
