"""Helpers for the catalogue tests: write a small catalogue in any format and run ``exolabel batch``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from exolabel.cli import main

FIELDS = ("sku", "name", "ingredients", "claims")
ROWS: list[dict[str, Any]] = [
    {
        "sku": "A1",
        "name": "Exosome Glow Serum",
        "ingredients": "Water, Human Fibroblast Conditioned Media, Glycerin, Phenoxyethanol",
        "claims": "regenerates skin | clinically proven",
    },
    {
        "sku": "A2",
        "name": "Plain Cream",
        "ingredients": "Aqua, Glycerin, Cetearyl Alcohol, Phenoxyethanol",
        "claims": "",
    },
    {
        "sku": "A3",
        "name": "Rose\nAmpoule",  # a quoted multi-line cell
        "ingredients": "Water,\nRosa Damascena Callus Culture Exosomes,\nButylene Glycol, Niacinimide",
        "claims": "",
    },
    {"sku": "A4", "name": "No list", "ingredients": "", "claims": ""},
    {"sku": "A5", "name": "Crème", "ingredients": "Eau, Glycérine, Bifida Ferment Lysate, Parfum", "claims": ""},
]


def write_catalogue(
    path: Path, rows: list[dict[str, Any]] = ROWS, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=FIELDS, delimiter=delimiter, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
        path.write_bytes(buf.getvalue().encode(encoding))
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding=encoding)
    elif suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Products"
        ws.append(list(FIELDS))
        for r in rows:
            ws.append([r.get(f) if r.get(f) != "" else None for f in FIELDS])
        wb.save(path)
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2)
    else:
        raise ValueError(suffix)
    return path


def run_batch(capsys: Any, *args: str) -> tuple[int, str, str]:
    code = main(["batch", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def records(path: Path) -> list[dict[str, Any]]:
    from exolabel.catalogue.write import read_records

    return list(read_records(path))


def counted(brief: Any) -> Any:
    """``brief`` with every finding reduced to what a catalogue row records of it (rule, severity, ingredient, and
    for a warning or an error what its message names): a Brief may give findings without sources and with only the
    start of their message that names what they are about (``Context.terse``), so two Briefs are compared this way."""
    from dataclasses import replace

    from exolabel.catalogue.context import finding_subject
    from exolabel.model import Severity

    def row(f: Any) -> Any:
        return replace(f, message="" if f.severity is Severity.INFO else finding_subject(f.message), sources=())

    return brief._replace(findings=tuple(map(row, brief.findings)))
