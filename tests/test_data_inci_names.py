"""Checks for the curated INCI vocabulary ``exolabel/lexicon/data/inci_names.csv``.

Each test collects every offending row before failing, so one run lists all problems (codespell style).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ROOT / "exolabel" / "lexicon" / "data" / "inci_names.csv"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "research" / "regulatory" / "data"
COSING = SHARED_DATA / "cosing_inventory_2020_inci_cas_function.csv"

HEADER = ["name", "synonyms", "source"]
SOURCES = {"cosing", "pcpc"}
MIN_ROWS = 2000


def _key(name: str) -> str:
    """Upper case with runs of whitespace collapsed, the form the CosIng inventory uses."""
    return re.sub(r"\s+", " ", name.strip()).upper()


def _report(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n".join(problems[:200])
        more = f"\n... and {len(problems) - 200} more" if len(problems) > 200 else ""
        pytest.fail(f"{len(problems)} {what} in {VOCAB.name}:\n{shown}{more}", pytrace=False)


def _raw_rows() -> list[tuple[int, list[str]]]:
    with VOCAB.open(encoding="utf-8", newline="") as f:
        return list(enumerate(csv.reader(f), start=1))


def _rows() -> Iterator[tuple[int, str, list[str], str]]:
    """(line, name, synonyms, source) for every well-formed data row."""
    for lineno, row in _raw_rows()[1:]:
        if len(row) != 3:
            continue
        name, syn, src = row
        yield lineno, name, [s for s in syn.split("|") if s], src


def test_header_is_exact() -> None:
    rows = _raw_rows()
    assert rows, f"{VOCAB} is empty"
    assert rows[0][1] == HEADER, f"line 1: header is {rows[0][1]!r}, expected {HEADER!r}"


def test_every_row_has_three_fields() -> None:
    problems = [
        f"line {lineno}: {len(row)} fields {row!r} (quote names that contain commas)"
        for lineno, row in _raw_rows()[1:]
        if len(row) != 3
    ]
    _report(problems, "rows without exactly 3 fields")


def test_names_are_non_empty_and_stripped() -> None:
    problems = []
    for lineno, name, syns, _src in _rows():
        if not name.strip():
            problems.append(f"line {lineno}: empty name")
        elif name != name.strip() or "  " in name:
            problems.append(f"line {lineno}: {name!r} has leading/trailing or doubled spaces")
        for s in syns:
            if s != s.strip() or not s.strip():
                problems.append(f"line {lineno}: synonym {s!r} of {name!r} is empty or not stripped")
    _report(problems, "badly spaced names")


def test_no_duplicate_names() -> None:
    seen: dict[str, int] = {}
    problems = []
    for lineno, name, _syns, _src in _rows():
        k = name.casefold()
        if k in seen:
            problems.append(f"line {lineno}: {name!r} duplicates line {seen[k]} (case-insensitive)")
        else:
            seen[k] = lineno
    _report(problems, "duplicate names")


def test_sorted_case_insensitively() -> None:
    problems = []
    prev: tuple[int, str] | None = None
    for lineno, name, _syns, _src in _rows():
        if prev is not None and name.casefold() < prev[1].casefold():
            problems.append(f"line {lineno}: {name!r} sorts before {prev[1]!r} (line {prev[0]})")
        prev = (lineno, name)
    _report(problems, "rows out of order")


def test_synonyms_unique_and_never_a_name() -> None:
    rows = list(_rows())
    names = {name.casefold(): lineno for lineno, name, _s, _src in rows}
    seen: dict[str, tuple[int, str]] = {}
    problems = []
    for lineno, name, syns, _src in rows:
        for s in syns:
            k = s.casefold()
            if k in names:
                problems.append(f"line {lineno}: synonym {s!r} of {name!r} is the name on line {names[k]}")
            elif k in seen:
                other_line, other = seen[k]
                problems.append(
                    f"line {lineno}: synonym {s!r} of {name!r} is also a synonym of {other!r} (line {other_line})"
                )
            else:
                seen[k] = (lineno, name)
    _report(problems, "synonym collisions")


def test_source_is_known() -> None:
    problems = [
        f"line {lineno}: {name!r} has source {src!r}, expected one of {sorted(SOURCES)}"
        for lineno, name, _syns, src in _rows()
        if src not in SOURCES
    ]
    _report(problems, "unknown sources")


def test_cosing_names_are_in_the_cosing_inventory() -> None:
    if not COSING.is_file():
        pytest.skip(f"CosIng inventory not available at {COSING}")
    with COSING.open(encoding="utf-8", newline="") as f:
        inventory = {_key(r["inci_name"]) for r in csv.DictReader(f)}
    problems = [
        f"line {lineno}: {name!r} is marked cosing but is not in the CosIng inventory"
        for lineno, name, _syns, src in _rows()
        if src == "cosing" and _key(name) not in inventory
    ]
    _report(problems, "cosing names missing from CosIng")


def test_has_enough_rows() -> None:
    n = sum(1 for _ in _rows())
    assert n >= MIN_ROWS, f"{VOCAB.name} has {n} rows, expected at least {MIN_ROWS}"
