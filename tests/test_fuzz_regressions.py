"""Every input the fuzzer found a bug with, replayed through its target forever, and each target's seed corpus.

``fuzz/regressions/TARGET/NAME`` holds the input as the target reads it (see ``fuzz/target*.py``; the first byte
picks the mode). The target asserts its invariants itself (only documented user errors escape, rows are kept, no
CSV cell starts a formula...), so replaying an input is the test.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
sys.path.insert(0, str(FUZZ))

from harness import TARGETS, available  # noqa: E402  (the target modules, by name; atheris is not needed to read it)

REGRESSIONS = sorted(p for p in (FUZZ / "regressions").glob("*/*") if p.is_file())


def test_every_regression_input_belongs_to_a_target() -> None:
    assert REGRESSIONS, "no regression inputs: fuzz/regressions/ is missing"
    assert {p.parent.name for p in REGRESSIONS} <= set(TARGETS)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[f"{p.parent.name}/{p.name}" for p in REGRESSIONS])
def test_regression_input_holds_its_targets_invariants(path: Path) -> None:
    if path.parent.name == "catalogue":
        pytest.importorskip("pyarrow")
        pytest.importorskip("openpyxl")
    if not available(path.parent.name):
        pytest.skip(f"the {path.parent.name} target's modules are not installed")
    importlib.import_module(TARGETS[path.parent.name]).run_one(path.read_bytes())


@pytest.mark.parametrize("name", ["labelfile", "catalogue"])
def test_target_accepts_its_whole_seed_corpus(name: str) -> None:
    import seeds

    if name == "catalogue":
        pytest.importorskip("pyarrow")
        pytest.importorskip("openpyxl")
    corpus = seeds.SEEDS[name]()
    assert len(corpus) >= 40
    run_one = importlib.import_module(TARGETS[name]).run_one
    for data in corpus:
        run_one(data)


@pytest.mark.parametrize(
    ("name", "suffix"), [("xlsx-bad-crc-in-sheet", ".xlsx"), ("parquet-corrupt-page-header", ".parquet")]
)
def test_a_catalogue_damaged_past_its_header_is_one_clear_error(name: str, suffix: str, tmp_path: Path, capsys) -> None:
    """Found by the fuzzer: the library raised mid-file and ``batch`` ended with an internal error. Now exit 2, one
    line naming the file and the last row read, and no output published (the rows before it stay in the partial
    file)."""
    pytest.importorskip("pyarrow")
    pytest.importorskip("openpyxl")
    from batch_helpers import run_batch

    cat = tmp_path / f"cat{suffix}"
    cat.write_bytes((FUZZ / "regressions" / "catalogue" / name).read_bytes()[1:])  # the first byte is the mode
    out = tmp_path / "out.csv"
    code, _out, err = run_batch(capsys, str(cat), "-o", str(out), "-j", "1")
    assert code == 2, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "damaged" in lines[0] and str(cat) in lines[0], err
    assert "internal error" not in err and "Traceback" not in err
    assert not out.exists()


def _unique_reference(names: list[str]) -> tuple[str, ...]:
    """The naming rule as first written (quadratic): the first free ``_2``, ``_3``... suffix."""
    out: list[str] = []
    for i, n in enumerate(names, 1):
        base = n.strip().lstrip("\ufeff") or f"column_{i}"
        name, k = base, 2
        while name in out:
            name, k = f"{base}_{k}", k + 1
        out.append(name)
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "a_2", "a_2_2", "b", "", " ", "column_2", "column_3_2", "\ufeffa"]), max_size=12))
def test_header_names_are_made_unique_as_before_in_linear_time(names: list[str]) -> None:
    """Found by the fuzzer: a header of 39,000 empty names hung ``_unique`` (a list searched per name)."""
    from exolabel.catalogue.read import _unique

    assert _unique(names) == _unique_reference(names)


@pytest.mark.parametrize("raw", [False, True], ids=["neutralized", "raw-csv"])
def test_a_carriage_return_inside_a_cell_keeps_its_row_whole(raw: bool, tmp_path: Path, capsys) -> None:
    """Found by the fuzzer: the csv module quotes a cell holding the line terminator ("\\n") but not one holding a
    bare "\\r", which every CSV reader takes as the end of a row, so the output had one row more than the input."""
    import csv
    import json

    from batch_helpers import run_batch

    from exolabel.catalogue.write import read_records

    cat = tmp_path / "cat.jsonl"
    rows = [
        {"sku": "A1", "name": "Rose\rAmpoule", "ingredients": "Aqua, Glycerin"},
        {"sku": "A\r2", "ingredients": "Aqua"},
    ]
    cat.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.csv"
    run_batch(capsys, str(cat), "-o", str(out), "-j", "1", *(["--raw-csv"] if raw else []))
    with out.open(newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert [r["row"] for r in got] == ["1", "2"], got
    assert [(r["id"], r["name"]) for r in read_records(out, raw_csv=raw)] == [("A1", "Rose\rAmpoule"), ("A\r2", None)]
