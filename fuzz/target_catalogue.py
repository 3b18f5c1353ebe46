"""The catalogue fuzz target: bytes as a retailer's catalogue file, checked the way ``exolabel batch`` checks one.

The first byte picks the kind of file: CSV, TSV, JSONL, ``.xlsx`` or Parquet as raw bytes, or an ``.xlsx`` or
Parquet file built from the input read as tab-separated lines (so the fuzzer reaches the cell-reading code, not only
the zip and Parquet decoders). The file is opened, its columns detected, every row selected and checked, and the
results formatted as CSV and JSONL. The only exception allowed out is ``CatalogueError`` (the catalogue as a whole
cannot be read, with a message); and then:

- rows are numbered 1, 2, 3... with none lost: one result per row; no row fails with an internal error;
- the CSV output parses back to one row per result, and no cell of it starts a formula, even where a spreadsheet
  would split it on another separator (the CSV-injection guard of ``catalogue/write.py``);
- reading that CSV back gives the raw values, which the JSONL output holds unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from target import scanner
from target_labelfile import scratch

from exolabel.catalogue import CatalogueError, open_catalogue
from exolabel.catalogue.engine import BatchOptions, RowChecker, projected_rows
from exolabel.catalogue.write import COLUMNS, INT_COLUMNS, LIST_COLUMNS, from_csv_row, render

MAX_INPUT = 65_536
KINDS = (".csv", ".tsv", ".jsonl", ".xlsx", ".parquet", "cells.xlsx", "cells.parquet")
_PARTS = re.compile(r"[,;\t\n]|\r(?!\n)")  # where a spreadsheet could start a new cell inside a value
_NUMBER = re.compile(r"[+-](\d+(\.\d*)?|\.\d+)(?=[,;\t\r\n]|\Z)")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def warm_up() -> None:
    """Load the lexicon and import the readers of every kind (Excel, Parquet) before fuzzing starts."""
    for i in range(len(KINDS)):
        run_one(bytes([i]) + b"id\tingredients\n1\tWater, Glycerin\n")


def run_one(data: bytes) -> None:
    if not data or len(data) > MAX_INPUT:
        return
    kind = KINDS[data[0] % len(KINDS)]
    path = scratch() / ("catalogue" + kind[kind.rindex(".") :])
    if not _write(path, kind, data[1:]):
        return
    try:
        cat = open_catalogue(path)
        opts = BatchOptions().resolve(cat.columns)
        rows = list(projected_rows(cat, opts))
    except CatalogueError as e:
        assert str(e).strip() and "\n" not in str(e), repr(e)
        return
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1)), "row numbers skip or repeat"
    values = RowChecker(opts, scanner()).values(rows)
    assert len(values) == len(rows)
    for v in values:
        assert not (v[-1] or "").startswith("internal error"), v[-1]
    check_outputs(values)


def check_outputs(values: list[tuple[Any, ...]]) -> None:
    """The CSV and JSONL outputs of ``values``: no formula cell, and both give back the raw values."""
    raw = [json.loads(line) for line in render(values, "jsonl").split("\n")[:-1]]  # (not splitlines: U+2028...)
    assert raw == [dict(zip(COLUMNS, v, strict=True)) for v in values]
    parsed = list(csv.reader(io.StringIO(render(values, "csv"), newline="")))
    assert len(parsed) == len(values), (len(parsed), len(values))
    for cells, want in zip(parsed, raw, strict=True):
        for column, cell in zip(COLUMNS, cells, strict=True):
            if column not in INT_COLUMNS:
                assert not formula_cell(cell), (column, cell)
        assert from_csv_row(dict(zip(COLUMNS, cells, strict=True))) == _as_csv_keeps(want)


def formula_cell(cell: str) -> bool:
    """Whether some piece of ``cell`` that a spreadsheet could take as a cell would be evaluated as a formula."""
    starts = [0, *(m.end() for m in _PARTS.finditer(cell))]  # the cell, and each place after a separator in it
    return any(cell[i : i + 1] in ("=", "+", "-", "@", "\t", "\r", "\n") and not _NUMBER.match(cell, i) for i in starts)


def _as_csv_keeps(rec: dict[str, Any]) -> dict[str, Any]:
    """What CSV can hold of a record: None and "" are both an empty cell."""
    return {c: rec[c] or None if c not in INT_COLUMNS and c not in LIST_COLUMNS else rec[c] for c in COLUMNS}


def _write(path: Any, kind: str, body: bytes) -> bool:
    """Write the catalogue file; False when the input makes no file of this kind (a cell grid that is empty)."""
    if not kind.startswith("cells"):
        path.write_bytes(body)
        return True
    grid = [line.split("\t") for line in body.decode("utf-8", "replace").splitlines()]
    if not grid:
        return False
    width = max(len(r) for r in grid)
    if kind == "cells.xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        for r in grid:
            ws.append([_typed(_ILLEGAL_XML.sub("", c)) for c in r])
        wb.save(path)
        return True
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = [f"{c}" for c in grid[0]] + [f"c{i}" for i in range(len(grid[0]), width)]
    names = [n if names.index(n) == i else f"{n}_{i}" for i, n in enumerate(names)]
    body_rows = [r + [""] * (width - len(r)) for r in grid[1:]]
    cols = {}
    for i, name in enumerate(names):
        cells = [_typed(r[i]) for r in body_rows]
        kinds = {type(c) for c in cells if c is not None}
        cols[name] = cells if len(kinds) <= 1 else [None if c is None else str(c) for c in cells]
    pq.write_table(pa.table(cols), path)
    return True


def _typed(cell: str) -> Any:
    """A grid cell as a spreadsheet would type it: empty, a whole number, a decimal, else text."""
    if cell == "":
        return None
    if re.fullmatch(r"-?\d{1,15}", cell):
        return int(cell)
    if re.fullmatch(r"-?\d{1,10}\.\d{1,6}", cell):
        return float(cell)
    return cell
