"""Every batch output format read back by an independent reader (the csv module, json, pyarrow) and compared with
rows written by hand, for one and two workers and after an interrupted run is resumed.

The catalogue repeats seven hand-checked products (the last a kit of two); each output row below is what a person
reading the product's label (with only rule SR01, "exosomes of unstated origin", selected) expects. Nothing is
compared with another output of the same writer, and no count comes from the writer's own counter: a lost,
duplicated or reordered row fails here in every format.
"""

from __future__ import annotations

import csv
import io
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
      "rules": ["SR01"], "findings": ["SR01 warning: Exosomes"], "ingredients": 3,
      "product_type_source": "name: 'serum'"}),
    ("Plain Cream", "Aqua, Glycerin, Niacinamide", "ok", {"ingredients": 3, "product_type_source": "name: 'cream'"}),
    ('Rose, "Ampoule"\nNight', "Water, Glycerin, Xyzzyquat", "ok",
     {"ingredients": 3, "unrecognized": ["Xyzzyquat"], "product_type_source": "name: 'ampoule'"}),
    ("No list", "", "error", {"ingredients": 0, "message": "empty: no ingredient list", "product_type": None}),
    ("Crème ☃", "Eau, Human Fibroblast Conditioned Media", "ok",
     {"ev_terms": [HFCM], "ev_categories": ["conditioned_media"], "ev_origins": ["human"], "ingredients": 2,
      "product_type_source": "name: 'crème'"}),
    ("Duo", "Water, Exosomes, Lactobacillus Ferment Lysate, Exosomes", "findings",
     {"warnings": 2, "ev_terms": [EXO, LYSATE], "ev_categories": ["exosome", "lysate"],
      "ev_origins": ["unspecified", "microbial"], "rules": ["SR01"],
      "findings": ["SR01 warning: Exosomes", "SR01 warning: Exosomes"], "ingredients": 4,
      "product_type_source": "default: no type word"}),
    ("Duo Kit", "Cleanser: Water, Glycerin. Serum: Water, Exosomes", "findings",
     {"warnings": 1, "ev_terms": [EXO], "ev_categories": ["exosome"], "ev_origins": ["unspecified"],
      "rules": ["SR01"], "findings": ["SR01 warning: Exosomes (in Serum)"], "ingredients": 4,
      "sections": ["Cleanser #1-2", "Serum #3-4"], "product_type_source": "default: no type word"}),
]  # fmt: skip
COPIES = 25  # 175 rows: many chunks of CHUNK below, the last one short
CHUNK = 16


def _expected() -> list[dict[str, Any]]:
    rows = []
    for n in range(COPIES * len(PRODUCTS)):
        name, _ingredients, status, cols = PRODUCTS[n % len(PRODUCTS)]
        row: dict[str, Any] = {"row": n + 1, "id": f"P{n + 1:03d}", "name": name, "brand": None}
        row |= {"product_type": "leave-on", "product_type_source": None, "markets": [], "status": status}
        row |= {"errors": 0, "warnings": 0, "infos": 0, "ev_terms": [], "ev_categories": [], "ev_origins": []}
        row |= {"rules": [], "findings": [], "ingredients": 0, "sections": [], "unrecognized": [], "message": None}
        rows.append(row | cols)
    return rows


EXPECTED = _expected()
ORDER = ["row", "id", "name", "brand", "product_type", "product_type_source", "markets", "status", "errors",
         "warnings", "infos", "ev_terms", "ev_categories", "ev_origins", "rules", "findings", "ingredients",
         "sections", "unrecognized", "message"]  # fmt: skip
LISTS = ("markets", "ev_terms", "ev_categories", "ev_origins", "rules", "findings", "sections", "unrecognized")


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
            for c in LISTS:
                rec[c] = rec[c].split("; ") if rec[c] else []
            for c in ("brand", "product_type", "product_type_source", "message"):
                rec[c] = rec[c] or None
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
    types |= {c: lists for c in LISTS}
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
    assert doc["status"] == {"ok": 3 * COPIES, "findings": 3 * COPIES, "error": COPIES}
    assert doc["ev_products"] == 4 * COPIES


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


def test_without_pyarrow_each_parquet_step_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from exolabel.catalogue import CatalogueError

    message = "parquet files need the optional dependency pyarrow: pip install 'exolabel[parquet]'"
    spool = tmp_path / "o.parquet.partial"
    spool.write_text('{"row": 1}\n', encoding="utf-8")
    # pyarrow.parquet alone missing (as in a pyarrow built without Parquet), then pyarrow too
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # its import fails as if not installed
    errors = []
    for missing in ("pyarrow.parquet", "pyarrow"):
        monkeypatch.setitem(sys.modules, missing, None)
        with pytest.raises(CatalogueError) as read_error:
            list(write_mod.read_records(tmp_path / "o.parquet"))
        with pytest.raises(CatalogueError) as convert_error:
            write_mod._jsonl_to_parquet(spool, tmp_path / "o.parquet")
        errors += [read_error, convert_error]
    with pytest.raises(CatalogueError) as schema_error:
        write_mod.arrow_schema()
    assert [str(e.value) for e in (*errors, schema_error)] == [message] * 5
    assert not (tmp_path / "o.parquet").exists()


def _rec(n: int, **cols: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"row": n, "id": f"P{n}", "name": "Serum", "brand": "B", "product_type": "leave-on"}
    row |= {"product_type_source": "name: 'serum'", "markets": ["eu"], "status": "ok", "errors": 0, "warnings": 0}
    row |= {"findings": [], "infos": 0, "ev_terms": [], "ev_categories": [], "ev_origins": [], "rules": []}
    row["ingredients"] = 2
    row |= {"sections": [], "unrecognized": [], "message": None} | cols
    return {c: row[c] for c in ORDER}  # in column order, as the writer's own records are


@pytest.mark.parametrize("suffix", list(READERS))
def test_resume_refuses_a_partial_it_cannot_trust_and_truncates_a_torn_tail(tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    from exolabel.catalogue import CatalogueError

    out = tmp_path / f"o{suffix}"
    partial, state = tmp_path / f"o{suffix}.partial", tmp_path / f"o{suffix}.partial.json"
    first = [_rec(1, rules=["SR01", "IR01"], status="findings", warnings=2), _rec(2, message="empty: x")]

    def refused(fingerprint: dict[str, Any]) -> str:
        with pytest.raises(CatalogueError) as e:
            list(write_mod.ResultWriter(out, fingerprint).resume())
        return str(e.value)

    assert refused({"a": 1}) == (
        f"nothing to resume: no checkpoint o{suffix}.partial.json next to {out}; run without --resume"
    )
    w = write_mod.ResultWriter(out, {"a": 1})
    w.start()
    w.write(first)
    w.close()
    good = partial.read_bytes()
    assert refused({"a": 2}) == (
        f"{partial} was made from a different catalogue or different options; run without --resume to start over"
    )
    partial.write_bytes(good[:-3])
    assert refused({"a": 1}) == f"{partial} is shorter than its checkpoint says; run without --resume"
    partial.unlink()
    assert refused({"a": 1}) == f"{partial} is shorter than its checkpoint says; run without --resume"
    checkpoint = json.loads(state.read_text(encoding="utf-8"))
    state.write_text(json.dumps(checkpoint | {"rows": 3}), encoding="utf-8")
    partial.write_bytes(good)
    assert refused({"a": 1}) == f"{partial} holds 2 rows, its checkpoint says 3; run without --resume"
    # a torn half-record after the checkpoint is cut off; what was written before comes back, then more is added
    state.write_text(json.dumps(checkpoint), encoding="utf-8")
    partial.write_bytes(good + b"3,P3,torn")
    w = write_mod.ResultWriter(out, {"a": 1})
    assert list(w.resume()) == first and w.rows == 2
    w.write([_rec(3, name="Last")])
    w.finish()
    got = {".csv": read_csv, ".jsonl": read_jsonl}.get(suffix)
    expected = [*first, _rec(3, name="Last")]
    if got is not None:
        assert got(out) == expected
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        assert pq.read_table(out).to_pylist() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_partial_csv_is_read_up_to_the_checkpoint_bytes(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    w = write_mod.ResultWriter(out, {})
    w.start()
    w.write([_rec(1)])
    size = json.loads((tmp_path / "o.csv.partial.json").read_text(encoding="utf-8"))["bytes"]
    w.write([_rec(2, unrecognized=["Xyz", "Abc"])])
    w.close()
    with pytest.raises(ValueError):  # closed: nothing more is written
        w.write([_rec(3)])
    w.close()  # a second close is harmless
    assert list(write_mod.read_records(tmp_path / "o.csv.partial", limit_bytes=size)) == [_rec(1)]
    assert list(write_mod.read_records(tmp_path / "o.csv.partial")) == [_rec(1), _rec(2, unrecognized=["Xyz", "Abc"])]
    with pytest.raises(write_mod.CatalogueError) as e:
        write_mod.output_format(tmp_path / "o.xml")
    assert str(e.value) == f"{tmp_path / 'o.xml'}: the output format comes from the extension: .csv, .jsonl or .parquet"
    assert [write_mod.output_format(Path(f"o.{s}")) for s in ("csv", "CSV", "jsonl", "ndjson", "parquet")] == [
        "csv",
        "csv",
        "jsonl",
        "jsonl",
        "parquet",
    ]


def _record(**cols: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {c: None for c in ORDER} | {c: [] for c in LISTS}
    rec |= {"row": 1, "id": "P1", "name": "Serum", "status": "ok", "errors": 0, "warnings": 0, "infos": 0}
    return rec | {"ingredients": 2} | cols


def test_an_unchecked_row_keeps_its_id_name_and_brand(tmp_path: Path, capsys: Any) -> None:
    cat = tmp_path / "cat.jsonl"
    rows = [{"sku": "A1", "name": "Serum", "brand": "Acme", "ingredients": "Aqua, Glycerin"},
            {"sku": "A2", "name": "Mist", "brand": "Acme", "ingredients": ""}]  # fmt: skip
    cat.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _run(capsys, cat, out)[0] == exitcodes.ERROR  # a product with no ingredient list could not be checked
    got = [(r["id"], r["name"], r["brand"], r["status"]) for r in read_jsonl(out)]
    assert got == [("A1", "Serum", "Acme", "ok"), ("A2", "Mist", "Acme", "error")]


def test_a_formula_in_the_first_text_cell_is_neutralized_too() -> None:
    cells = write_mod.to_csv_row(_record(id="=2+3"))
    assert (cells[1], cells[2]) == ("'=2+3", "Serum")
    assert write_mod.to_csv_row(_record(id="=2+3"), raw=True)[1] == "=2+3"


def test_a_row_with_a_bare_carriage_return_is_quoted_and_read_back_as_one_row() -> None:
    text = write_mod.csv_lines([["a\rb", 1], ["c", 2]])
    assert text == '"a\rb","1"\nc,2\n'  # only the row that needs it is quoted
    assert list(csv.reader(text.splitlines(keepends=True))) == [["a\rb", "1"], ["c", "2"]]


def test_a_list_cell_keeps_an_empty_last_item_after_an_escaped_one() -> None:
    cell = write_mod.join_list(["C:\\x", ""])
    assert cell == "C:\\\\x; "
    assert [write_mod.unescape(x) for x in write_mod.split_list(cell)] == ["C:\\x", ""]


def test_csv_to_a_stream_is_its_header_then_the_rows_each_ending_in_one_line_feed() -> None:
    buf = io.StringIO(newline="")
    writer = write_mod.StreamWriter(buf, "csv")
    writer.start()
    writer.write(write_mod.Rendered(write_mod.render([[_record()[c] for c in ORDER]], writer.spool_format), 1))
    writer.finish()
    header = ",".join(ORDER)
    assert buf.getvalue() == header + "\n" + "1,P1,Serum,,,,,ok,0,0,0,,,,,,2,,,\n"
    assert writer.rows == 1
