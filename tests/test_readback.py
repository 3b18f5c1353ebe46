"""Every batch output format read back by an independent reader (the csv module, json, pyarrow) and compared with
rows written by hand, for one and two workers and after an interrupted run is resumed.

The catalogue repeats six hand-checked products; each output row below is what a person reading the product's
label (with only rule SR01, "exosomes of unstated origin", selected) expects. Nothing is compared with another
output of the same writer, and no count comes from the writer's own counter: a lost, duplicated or reordered row
fails here in every format.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import run_batch

from exolabel import exitcodes
from exolabel.catalogue import engine as batch_mod
from exolabel.catalogue import write as write_mod

EXO = "Exosomes (exosome, unspecified)"
LYSATE = "Lactobacillus Ferment Lysate (lysate, microbial)"
HFCM = "Human Fibroblast Conditioned Media (conditioned_media, human)"

# (sku, name, ingredients) and the expected result columns after row and id
PRODUCTS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("Glow Serum", "Water, Exosomes, Glycerin", "findings",
     {"warnings": 1, "ev_terms": [EXO], "ev_categories": ["exosome"], "ev_origins": ["unspecified"],
      "rules": ["SR01"], "ingredients": 3}),
    ("Plain Cream", "Aqua, Glycerin, Niacinamide", "ok", {"ingredients": 3}),
    ('Rose, "Ampoule"\nNight', "Water, Glycerin, Xyzzyquat", "ok", {"ingredients": 3, "unrecognized": ["Xyzzyquat"]}),
    ("No list", "", "error", {"ingredients": 0, "message": "empty: no ingredient list"}),
    ("Crème ☃", "Eau, Human Fibroblast Conditioned Media", "ok",
     {"ev_terms": [HFCM], "ev_categories": ["conditioned_media"], "ev_origins": ["human"], "ingredients": 2}),
    ("Duo", "Water, Exosomes, Lactobacillus Ferment Lysate, Exosomes", "findings",
     {"warnings": 2, "ev_terms": [EXO, LYSATE], "ev_categories": ["exosome", "lysate"],
      "ev_origins": ["unspecified", "microbial"], "rules": ["SR01"], "ingredients": 4}),
]  # fmt: skip
COPIES = 25  # 150 rows: many chunks of CHUNK below, the last one short
CHUNK = 16


def _expected() -> list[dict[str, Any]]:
    rows = []
    for n in range(COPIES * len(PRODUCTS)):
        name, _ingredients, status, cols = PRODUCTS[n % len(PRODUCTS)]
        row: dict[str, Any] = {"row": n + 1, "id": f"P{n + 1:03d}", "name": name, "status": status}
        row |= {"errors": 0, "warnings": 0, "infos": 0, "ev_terms": [], "ev_categories": [], "ev_origins": []}
        row |= {"rules": [], "ingredients": 0, "unrecognized": [], "message": None}
        rows.append(row | cols)
    return rows


EXPECTED = _expected()
ORDER = ["row", "id", "name", "status", "errors", "warnings", "infos", "ev_terms", "ev_categories", "ev_origins",
         "rules", "ingredients", "unrecognized", "message"]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readback") / "cat.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["sku", "name", "ingredients"])
        for n in range(COPIES * len(PRODUCTS)):
            name, ingredients, _status, _cols = PRODUCTS[n % len(PRODUCTS)]
            w.writerow([f"P{n + 1:03d}", name, ingredients])
    return path


def read_csv(path: Path) -> list[dict[str, Any]]:
    """The documented CSV shape: one header, lists joined with '; ', numbers as digits, no value as ''."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        assert next(reader) == ORDER
        out = []
        for cells in reader:
            assert len(cells) == len(ORDER)
            rec: dict[str, Any] = dict(zip(ORDER, cells, strict=True))
            for c in ("row", "errors", "warnings", "infos", "ingredients"):
                rec[c] = int(rec[c])
            for c in ("ev_terms", "ev_categories", "ev_origins", "rules", "unrecognized"):
                rec[c] = rec[c].split("; ") if rec[c] else []
            rec["message"] = rec["message"] or None
            out.append(rec)
        return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\n\n" not in text
    recs = [json.loads(line) for line in text.splitlines()]
    assert all(list(r) == ORDER for r in recs)
    return recs


def read_parquet(path: Path) -> list[dict[str, Any]]:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(path)
    ints, lists = pa.int64(), pa.list_(pa.string())
    types = {c: ints for c in ("row", "errors", "warnings", "infos", "ingredients")}
    types |= {c: lists for c in ("ev_terms", "ev_categories", "ev_origins", "rules", "unrecognized")}
    assert [(f.name, f.type) for f in table.schema] == [(c, types.get(c, pa.string())) for c in ORDER]
    assert pq.ParquetFile(path).metadata.num_rows == len(EXPECTED)
    return table.to_pylist()


READERS = {".csv": read_csv, ".jsonl": read_jsonl, ".parquet": read_parquet}


def _run(capsys: Any, cat: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    return run_batch(capsys, str(cat), "-o", str(out), "--select", "SR01", "--fail-on", "never", *extra)


def _summary(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    n = len(EXPECTED)
    assert doc["rows_read"] == doc["rows_written"] == n
    assert doc["status"] == {"ok": 3 * COPIES, "findings": 2 * COPIES, "error": COPIES}
    assert doc["ev_products"] == 3 * COPIES


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("suffix", list(READERS))
def test_each_output_reads_back_as_the_expected_rows(
    catalogue: Path, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, suffix: str, workers: str
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(batch_mod, "CHUNK_ROWS", CHUNK)
    out = tmp_path / f"out{suffix}"
    code, stdout, _err = _run(capsys, catalogue, out, "-j", workers, "--summary", str(tmp_path / "s.json"))
    assert code == exitcodes.ERROR  # the products with no ingredient list could not be checked
    assert f"Rows: {len(EXPECTED)} read, {len(EXPECTED)} written" in stdout
    got = READERS[suffix](out)
    assert len(got) == len(EXPECTED)
    assert got == EXPECTED
    _summary(tmp_path / "s.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, "s.json"])  # no partial file left


@pytest.mark.parametrize("suffix", list(READERS))
def test_an_interrupted_run_resumed_with_two_workers_reads_back_as_the_expected_rows(
    catalogue: Path, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    monkeypatch.setattr(batch_mod, "CHUNK_ROWS", CHUNK)
    out = tmp_path / f"out{suffix}"
    real_write = write_mod.ResultWriter.write
    calls = {"n": 0}

    def interrupted_write(self: write_mod.ResultWriter, recs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        real_write(self, recs)

    monkeypatch.setattr(write_mod.ResultWriter, "write", interrupted_write)
    code, _o, _e = _run(capsys, catalogue, out, "-j", "1")
    assert code == exitcodes.INTERRUPTED and not out.exists()
    assert json.loads(out.with_name(out.name + ".partial.json").read_text(encoding="utf-8"))["rows"] == 3 * CHUNK
    monkeypatch.setattr(write_mod.ResultWriter, "write", real_write)
    code, stdout, _e = _run(capsys, catalogue, out, "-j", "2", "--resume", "--summary", str(tmp_path / "s.json"))
    assert code == exitcodes.ERROR and f"Rows: {len(EXPECTED)} read, {len(EXPECTED)} written" in stdout
    assert READERS[suffix](out) == EXPECTED
    _summary(tmp_path / "s.json")
