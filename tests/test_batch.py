"""``exolabel batch``: every input format, encodings, malformed rows, column detection, outputs and summaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batch_helpers import ROWS, records, run_batch, write_catalogue
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel import exitcodes
from exolabel.catalogue.write import COLUMNS

KEY = ("row", "id", "name", "status", "ev_terms", "ev_categories", "ev_origins", "rules", "unrecognized", "message")


def _key(recs: list[dict]) -> list[tuple]:
    return [tuple(json.dumps(r[k]) for k in KEY) for r in recs]


@pytest.mark.parametrize("name", ["cat.csv", "cat.tsv", "cat.jsonl", "cat.xlsx", "cat.parquet"])
def test_every_input_format_gives_the_same_records(tmp_path: Path, capsys, name: str) -> None:
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    cat = write_catalogue(tmp_path / name, delimiter="\t" if name.endswith(".tsv") else ",")
    ref = write_catalogue(tmp_path / "ref.csv")
    code, out, _err = run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--fail-on", "never")
    assert code == exitcodes.ERROR  # row A4 has no ingredient list: it could not be checked
    run_batch(capsys, str(ref), "-o", str(tmp_path / "ref.jsonl"), "-j", "1")
    got = records(tmp_path / "out.jsonl")
    assert _key(got) == _key(records(tmp_path / "ref.jsonl"))
    assert [r["id"] for r in got] == [r["sku"] for r in ROWS] and [r["row"] for r in got] == [1, 2, 3, 4, 5]
    by_id = {r["id"]: r for r in got}
    assert "Human Fibroblast Conditioned Media (conditioned_media, human)" in by_id["A1"]["ev_terms"]
    assert by_id["A3"]["name"] == "Rose\nAmpoule" and "plant_nanovesicle" in by_id["A3"]["ev_categories"]
    assert by_id["A4"]["status"] == "error" and by_id["A4"]["message"].startswith("empty")
    assert by_id["A2"]["status"] in ("ok", "findings") and by_id["A2"]["message"] is None
    assert "Rows: 5 read, 5 written" in out


@pytest.mark.parametrize(
    ("encoding", "warned"),
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("utf-16-le", True), ("cp1252", True)],
)
def test_encodings(tmp_path: Path, capsys, encoding: str, warned: bool) -> None:
    cat = write_catalogue(tmp_path / "cat.csv", encoding=encoding)
    code, _out, err = run_batch(capsys, str(cat), "-o", str(tmp_path / "out.csv"), "-j", "1")
    assert code == exitcodes.ERROR
    recs = records(tmp_path / "out.csv")
    assert [r["name"] for r in recs][4] == "Crème"  # decoded, not mojibake
    assert list(recs[0]) == list(COLUMNS)
    assert ("warning" in err) is warned


def test_a_stray_latin1_byte_after_the_sniffed_sample_is_repaired_in_its_row_only(tmp_path: Path, capsys) -> None:
    filler = [{"sku": f"F{i}", "name": "ï filler", "ingredients": "Water, Glycerin", "claims": ""} for i in range(2500)]
    cat = write_catalogue(tmp_path / "cat.csv", filler + ROWS)
    data = cat.read_bytes().replace("Crème".encode(), "Crème".encode("cp1252"))
    cat.write_bytes(data)
    assert len(data) > 65536
    code, _out, err = run_batch(capsys, str(cat), "-o", str(tmp_path / "out.csv"), "-j", "1", "--fail-on", "never")
    recs = records(tmp_path / "out.csv")
    assert len(recs) == 2505 and recs[-1]["name"] == "Crème" and recs[0]["name"] == "ï filler"
    assert "1 row(s) had bytes that are not UTF-8" in err and "line 2509" in err
    assert code == exitcodes.ERROR


def test_malformed_rows_are_reported_with_their_line_and_the_rest_is_checked(tmp_path: Path, capsys) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text(
        "sku,ingredients\n"
        'A1,"Water, Glycerin"\n'
        "A2,Water, Glycerin\n"  # unquoted delimiter: 3 fields
        'A3,"Water,\nExosomes"\n'
        "A4\n"  # 1 field
        'A5,"Aqua, Niacinamide"\n',
        encoding="utf-8",
    )
    code, out, _err = run_batch(capsys, str(cat), "-o", str(tmp_path / "out.csv"), "-j", "1", "--fail-on", "never")
    recs = records(tmp_path / "out.csv")
    assert [r["row"] for r in recs] == [1, 2, 3, 4, 5]
    assert [r["status"] == "error" for r in recs] == [False, True, False, True, False]
    assert "Exosomes (exosome, unspecified)" in recs[2]["ev_terms"]
    assert "line 3" in recs[1]["message"] and "3 fields, the header has 2" in recs[1]["message"]
    assert "line 6" in recs[3]["message"]
    assert "row 2: malformed CSV at line 3" in out
    assert code == exitcodes.ERROR


def test_malformed_jsonl_lines_and_cells_that_are_not_text(tmp_path: Path, capsys) -> None:
    cat = tmp_path / "cat.jsonl"
    lines = [
        '{"id": 1, "ingredients": "Water, Glycerin"}',
        '{"id": 2, "ingredients": "Water, Glycerin"',
        "",
        "[1, 2]",
        '{"id": 4, "ingredients": 42}',
        '{"id": 5}',
        '{"id": 6, "ingredients": "' + "Water, " * 20 + 'Glycerin"}',
        '{"id": 7, "ingredients": "Aqua, Exosomes"}',
    ]
    cat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    code, _out, _err = run_batch(capsys, str(cat), "-o", str(out_path), "-j", "1", "--max-chars", "100")
    recs = records(out_path)
    assert [r["id"] for r in recs] == ["1", None, None, "4", "5", "6", "7"]
    msgs = [r["message"] or "" for r in recs]
    assert msgs[1].startswith("malformed JSON at line 2") and msgs[2].startswith("malformed JSONL at line 4")
    assert msgs[3].startswith("not text") and msgs[4].startswith("empty") and msgs[5].startswith("too long")
    assert recs[6]["status"] == "findings" and code == exitcodes.ERROR


def test_excel_sheet_option_and_number_cells(tmp_path: Path, capsys) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("Skus")
    ws.append(["Product ID", "Product Name", "INCI"])
    ws.append([1001, "Serum", "Water, Exosomes"])
    ws.append([1002, "Odd", 3.5])
    path = tmp_path / "cat.xlsx"
    wb.save(path)
    code, _out, err = run_batch(capsys, str(path), "-o", str(tmp_path / "o.csv"), "--sheet", "Skus", "-j", "1")
    recs = records(tmp_path / "o.csv")
    assert [(r["id"], r["status"]) for r in recs] == [("1001", "findings"), ("1002", "error")]
    assert "not text" in recs[1]["message"]
    code, _out, err = run_batch(capsys, str(path), "--sheet", "Nope")
    assert code == exitcodes.ERROR and "sheets: Cover, Skus" in err


def test_column_detection_and_explicit_columns(tmp_path: Path, capsys) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_text("code;Description;Notes\nX1;Water, Exosomes;n\n", encoding="utf-8")
    code, _out, err = run_batch(capsys, str(cat))
    assert code == exitcodes.ERROR and "cannot tell which column holds the ingredients" in err and "'Notes'" in err
    code, out, _err = run_batch(capsys, str(cat), "--column", "description", "-o", str(tmp_path / "o.csv"))
    assert records(tmp_path / "o.csv")[0]["id"] == "X1" and "EV-family products: 1" in out
    code, _out, err = run_batch(capsys, str(cat), "--column", "missing")
    assert code == exitcodes.ERROR and "no column 'missing'" in err


@pytest.mark.parametrize("header", ["clean_ingreds", "Ingred. list", "Full Ingredients (EN)", "INCI_declaration"])
def test_an_ingredient_column_named_in_other_words_is_found(tmp_path: Path, capsys, header: str) -> None:
    """A column whose name abbreviates "ingredients" or starts with "INCI" is the list when it is the only one
    (the real LookFantastic catalogue of blue-moon22/formulAI names its column 'clean_ingreds')."""
    cat = tmp_path / "cat.csv"
    cat.write_text(f'product_type,{header}\nSerum,"Water, Exosomes"\n', encoding="utf-8")
    code, out, _err = run_batch(capsys, str(cat), "-o", str(tmp_path / "o.csv"), "-j", "1")
    assert records(tmp_path / "o.csv")[0]["ev_terms"] and "EV-family products: 1" in out
    two = tmp_path / "two.csv"
    two.write_text(f'{header},ingred_notes\n"Water, Exosomes",x\n', encoding="utf-8")
    code, _out, err = run_batch(capsys, str(two))
    assert code == exitcodes.ERROR and "cannot tell which column holds the ingredients" in err  # two: say so


def test_summary_json_html_and_exit_codes(tmp_path: Path, capsys) -> None:
    cat = write_catalogue(tmp_path / "cat.csv", [r for r in ROWS if r["ingredients"]])
    summary, html = tmp_path / "s.json", tmp_path / "r.html"
    args = (str(cat), "-o", str(tmp_path / "o.parquet"), "--summary", str(summary), "--html", str(html), "-j", "1")
    code, _out, _err = run_batch(capsys, *args, "--fail-on", "never")
    assert code == exitcodes.OK
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert doc["rows_read"] == doc["rows_written"] == 4 and doc["ev_products"] == 3
    assert doc["categories"]["conditioned_media"] == 1 and doc["origins"]["human"] == 1
    assert {"category": "conditioned_media", "origin": "human", "products": 1} in doc["category_origin"]
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") >= 4 and "Exosome Glow Serum" in page and "Rose\nAmpoule" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page  # self-contained
    warned = run_batch(capsys, str(cat), "--fail-on", "warning", "-j", "1")[0]
    assert warned == (exitcodes.FINDINGS if doc["findings"]["warnings"] + doc["findings"]["errors"] else exitcodes.OK)
    assert run_batch(capsys, str(cat), "--fail-on", "info", "-j", "1")[0] == exitcodes.FINDINGS


def test_usage_errors_are_one_line(tmp_path: Path, capsys) -> None:
    cat = write_catalogue(tmp_path / "cat.csv")
    assert "no such file" in run_batch(capsys, str(tmp_path / "nope.csv"))[2]
    assert ".csv, .jsonl or .parquet" in run_batch(capsys, str(cat), "-o", str(tmp_path / "o.xml"))[2]
    assert "--resume" in run_batch(capsys, str(cat), "--resume")[2]
    bad = tmp_path / "cat.png"
    bad.write_bytes(b"\x89PNG\r\n")
    code, _out, err = run_batch(capsys, str(bad), "--format", "csv")
    assert code == exitcodes.ERROR and "PNG" in err and "Traceback" not in err


def test_summary_keeps_the_unrecognized_tally_bounded() -> None:
    from exolabel.report.summary import Summary

    s = Summary(max_unrecognized=10)
    base = {"status": "ok", "errors": 0, "warnings": 0, "infos": 0, "rules": [], "ev_terms": [], "row": 1}
    s.add({**base, "unrecognized": ["Common Typo"] * 3})
    for i in range(50):
        s.add({**base, "unrecognized": [f"Rare {i}"]})
    assert len(s.unrecognized) <= 11
    assert s.to_dict()["unrecognized"][0] == {"name": "Common Typo", "occurrences": 3}


def test_selected_columns_are_the_projected_rows_with_the_same_repairs(tmp_path: Path) -> None:
    from exolabel.catalogue import open_catalogue
    from exolabel.catalogue.engine import BatchOptions, project, projected_rows

    cat = tmp_path / "cat.csv"
    padding = b"".join(b"P%d,Filler,Water,x\r\n" % i for i in range(5000))  # past the sniffed 64 KiB: UTF-8
    cat.write_bytes(
        b"sku,name,ingredients,notes\r\n" + padding + b'A1,"Rose\nAmpoule","Water,\nGlycerin",ok\r\n'
        b"A2,Cr\xe8me,Eau,x\r\n"  # a stray Latin-1 byte in a column the check uses
        b"A3,Plain,Aqua,caf\xe9\r\n"  # and in one it does not use: still counted as repaired
        b"A4,Ragged,Water,x,y\r\n"
        b"A5,Trailing,Water,x,,\r\n"
        b'A6,"Open,Water\r\n'
    )
    opts = BatchOptions(column="ingredients", id_column="sku", name_column="name", claims_column="claims")
    by_rows = open_catalogue(cat)
    expected = [project(r, opts) for r in by_rows.rows()]
    by_select = open_catalogue(cat)
    assert list(projected_rows(by_select, opts)) == expected
    assert by_select.all_warnings() == by_rows.all_warnings() and by_select.repaired_rows == 2
    assert expected[-5][4] == "Crème"
    assert [r[-1] is not None for r in expected[-6:]] == [False, False, False, True, False, True]


def test_csv_records_keep_their_lines_errors_and_repairs_through_rows_and_select(tmp_path: Path) -> None:
    """rows() and select() share one loop over the CSV records: its line numbers (blank lines, multi-line cells),
    parse errors, trailing delimiters, field counts and repairs, pinned here; select() gives the same rows for any
    number of names, including none, one and one that is no column."""
    from exolabel.catalogue import Row, open_catalogue

    cat = tmp_path / "cat.csv"
    padding = b"".join(b"P%d,Filler,Water,x\r\n" % i for i in range(5000))  # past the sniffed 64 KiB: UTF-8
    cat.write_bytes(
        b"\r\nsku,name,ingredients,notes\r\n" + padding + b"\r\n"
        b'A1,"Rose\nAmpoule",Water,ok\r\n'
        b"A2,Cr\xe8me,Eau,caf\xe9\r\n"  # two stray cp1252 bytes in one row: one repaired row
        b"A3,Plain,Aqua,x,y\r\n"
        b"A4,Trailing,Water,x,, \r\n"
        b"A5,Short\r\n"
        b'A6,"Bad"quote,Water,x\r\n'
        b"\x00csv: A7,After,Water,x\r\n"  # a cell like the marker of a header's parse error is a cell
        b'A8,"Open,Water\r\nA9,Swallowed,Water,x\r\n'
    )
    by_rows = open_catalogue(cat)
    rows = list(by_rows.rows())
    header_has = "the header has 4 (an unquoted delimiter or an unclosed quote?)"
    assert rows[5000:] == [
        Row(5001, {"sku": "A1", "name": "Rose\nAmpoule", "ingredients": "Water", "notes": "ok"}, "line 5004"),
        Row(5002, {"sku": "A2", "name": "Crème", "ingredients": "Eau", "notes": "café"}, "line 5006"),
        Row(5003, None, "line 5007", f"malformed CSV at line 5007: 5 fields, {header_has}"),
        Row(5004, {"sku": "A4", "name": "Trailing", "ingredients": "Water", "notes": "x"}, "line 5008"),
        Row(5005, None, "line 5009", f"malformed CSV at line 5009: 2 fields, {header_has}"),
        Row(5006, None, "line 5010", "malformed CSV at line 5010: ',' expected after '\"'"),
        Row(5007, {"sku": "\x00csv: A7", "name": "After", "ingredients": "Water", "notes": "x"}, "line 5011"),
        Row(
            5008,
            None,
            "line 5012",
            "malformed CSV at line 5012: a quote opened here is never closed (lines 5012-5013 read as one cell)",
        ),
    ]
    assert rows[0] == Row(1, {"sku": "P0", "name": "Filler", "ingredients": "Water", "notes": "x"}, "line 3")
    assert by_rows.repaired_rows == 1 and "(first at line 5006)" in by_rows.all_warnings()[0]
    for names in [("ingredients", "sku", None, "missing"), ("name",), ()]:
        by_select = open_catalogue(cat)
        expected = [
            (r.number, r.where, *[r.fields.get(n) if n else None for n in names], None)
            if r.fields is not None
            else (r.number, r.where, *[None] * len(names), r.error)
            for r in rows
        ]
        assert list(by_select.select(names)) == expected
        assert by_select.all_warnings() == by_rows.all_warnings()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", ",", "é", "•", "水", "😀", "\ud800", "\udc7f", "\udc80", "\udcff", "\udd00"])))
def test_a_stray_byte_is_found_as_the_search_finds_it(chars: list[str]) -> None:
    """_escaped (an encode that fails only on a surrogate, then the search) says what the search alone said."""
    from exolabel.catalogue.read import _SURROGATE, _escaped

    text = "".join(chars)
    assert _escaped(text) is (_SURROGATE.search(text) is not None)


def test_raw_chunks_count_every_row_read_including_those_resume_skips() -> None:
    from exolabel.catalogue.engine import RawRow, raw_chunks

    rows = [RawRow(i, f"line {i}", "Aqua", None, None, None, None, None, None, None) for i in range(1, 8)]
    for skip, numbers in [(0, [[1, 2, 3], [4, 5, 6], [7]]), (4, [[5, 6, 7]]), (7, []), (10, [])]:
        chunks = raw_chunks(iter(rows), skip, size=3)
        assert [[r.number for r in c] for c in chunks] == numbers
        assert chunks.read == 7
    chunks = raw_chunks(iter(rows), 2, size=2)
    first = next(iter(chunks))
    assert [r.number for r in first] == [3, 4] and chunks.read == 4  # counted as they are taken


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_chunks_formatted_by_workers_are_the_bytes_the_writer_writes(tmp_path: Path, suffix: str) -> None:
    from exolabel.catalogue.write import Rendered, ResultWriter, render

    values = [
        (
            *(1, "A1", 'Quote " and, comma', "Acme", "leave-on", "name: 'serum'", ["eu", "us"], "findings", 1, 2, 3),
            *(
                ["T (c, o)"],
                ["c"],
                ["o"],
                ["SR01", "IR01"],
                ["SR01 warning: T (in Serum)"],
                4,
                ["Mask #1-2", "Serum #3-4"],
            ),
            *([], None),
        ),
        (
            *(2, None, "Line\nbreak", None, None, None, [], "error", 0, 0, 0, [], [], [], [], [], 0, [], []),
            "empty: no ingredient list",
        ),
        (
            *(3, "A3", "Crème", None, "rinse-off", "column Type: 'Wash' (wash)", [], "ok", 0, 0, 0, [], [], [], [], []),
            *(2, [], ["Niacinimide", "Xyz"], "markets: column Market has 'Mars', no market exolabel knows (not used)"),
        ),
    ]
    paths = []
    for name, chunk in (("dicts", [dict(zip(COLUMNS, v, strict=True)) for v in values]), ("text", None)):
        w = ResultWriter(tmp_path / f"{name}{suffix}", {})
        w.start()
        w.write(chunk if chunk is not None else Rendered(render(values, w.spool_format), len(values)))
        assert w.rows == len(values)
        w.finish()
        paths.append(tmp_path / f"{name}{suffix}")
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_the_engine_sweeps_cycles_now_and_then_and_restores_the_gc(monkeypatch) -> None:
    """With the cyclic GC off (as the batch engine runs), swept() collects every SWEEP_ROWS rows, not before; the
    engine (in process or with a pool) turns the GC back on and thaws what it froze when it ends."""
    import gc
    import weakref

    from exolabel.catalogue import engine as batch

    class Cycle:
        pass

    checker = batch.RowChecker(batch.BatchOptions(column="ingredients"))
    monkeypatch.setattr(batch, "SWEEP_ROWS", 3)
    gc.disable()
    try:
        a = Cycle()
        a.self = a  # type: ignore[attr-defined]
        gone = weakref.ref(a)
        del a
        batch.swept(checker, 2)
        assert gone() is not None  # 2 of 3 rows: no pass yet
        batch.swept(checker, 1)
        assert gone() is None and checker.unswept == 0
    finally:
        gc.unfreeze()
        gc.enable()
    assert gc.isenabled()
    rows = [(i, f"line {i}", "Aqua, Glycerin", None, None, None, None, None, None, None) for i in range(1, 8)]
    for workers in (1, 2):
        chunks = batch.raw_chunks(rows, size=2)
        out = list(batch.check_chunks(chunks, batch.BatchOptions(column="ingredients"), workers))
        assert [v[0] for values, _ in out for v in values] == list(range(1, 8))
        assert gc.isenabled() and gc.get_freeze_count() == 0


def test_the_mmap_threshold_is_fixed_only_for_a_pool_of_workers(monkeypatch) -> None:
    """Fixing glibc's threshold pays for blocks pickled between processes; one process has none (README, "Speed")."""
    from exolabel.catalogue import engine as batch

    calls: list[int] = []
    monkeypatch.setattr(batch, "give_back_large_blocks", lambda: calls.append(1) or True)
    rows = [(i, f"line {i}", "Aqua, Glycerin", None, None, None, None, None, None, None) for i in range(1, 5)]
    for workers, expected in ((1, 0), (2, 1)):
        calls.clear()
        chunks = batch.raw_chunks(rows, size=2)
        assert len(list(batch.check_chunks(chunks, batch.BatchOptions(column="ingredients"), workers))) == 2
        assert len(calls) == expected, workers


@pytest.mark.parametrize(
    "text",
    [
        "Aqua, Human Fibroblast Conditioned Media, Parfum, Linalool, Methylisothiazolinone, Glycerin, Niacinamide",
        "Aqua, Glycerin, Alcohol Denat., Lavandula Angustifolia Oil, Glycerine, Xyzzy Extract",
    ],
)
def test_a_row_counts_what_the_scan_report_says(text: str) -> None:
    """Each field of a checked row against the full scan of the same label (a second path): the counts by severity,
    the status, the rule codes, the ingredient count and the unrecognized names."""
    from exolabel.catalogue.engine import BatchOptions, RowChecker
    from exolabel.model import Severity
    from exolabel.scanner import Scanner

    checker = RowChecker(BatchOptions().resolve(["id", "name", "ingredients"]))
    (row,) = checker.check([(1, "line 2", text, "P1", "Serum", None, None, None, None, None)])
    report = Scanner().scan(text)
    by = {sev: sum(1 for f in report.findings if f.severity is sev) for sev in Severity}
    counts = (row["errors"], row["warnings"], row["infos"])
    assert counts == (by[Severity.ERROR], by[Severity.WARNING], by[Severity.INFO])
    assert by[Severity.ERROR] != by[Severity.WARNING]  # (the labels tell the two counts apart)
    assert row["status"] == "findings" and row["id"] == "P1" and row["name"] == "Serum"
    assert row["rules"] == list(dict.fromkeys(f.rule for f in report.findings))
    assert row["ingredients"] == len(report.ingredients)
    assert row["unrecognized"] == [s.ingredient.name for s in report.ingredients if not s.recognized]
