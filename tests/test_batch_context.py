"""Per-row context in ``exolabel batch``: product type (column, name words, default, option), markets and brand
columns, per-row warnings, honest counts and ``-o -``."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import records, run_batch

from exolabel import exitcodes
from exolabel.catalogue.context import (
    DEFAULT_TYPE,
    ContextDataError,
    ContextResolver,
    default_context_data,
    load_context_data,
    words,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "exolabel" / "catalogue" / "data"
MI = "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Methylisothiazolinone, Glycerin"  # MI: leave-on banned


def _resolver(**kw) -> ContextResolver:
    return ContextResolver(default_context_data(), {"eu": "European Union", "us": "United States"}, **kw)


@pytest.mark.parametrize(
    ("name", "expected", "word"),
    [
        ("Gentle Foaming Face Wash", "rinse-off", "wash"),
        ("Hydrating Cleansing Serum", "leave-on", "serum"),  # the head noun decides
        ("Foaming Cleanser", "rinse-off", "cleanser"),
        ("Leave-In Conditioner", "leave-on", "leave in conditioner"),  # the longest phrase wins
        ("Daily Clarifying Shampoo", "rinse-off", "shampoo"),
        ("Body Washes (3 pack)", "rinse-off", "wash"),  # plurals
        ("Purifying Clay Mask", "rinse-off", "clay mask"),
        ("Overnight Mask", "leave-on", "overnight mask"),
        ("Make-Up Remover", "rinse-off", "remover"),
    ],
)
def test_the_product_name_decides_when_no_column_does(name: str, expected: str, word: str) -> None:
    got = _resolver().product_type(None, name)
    assert (got.product_type, got.source, got.warning) == (expected, f"name: {word!r}", None)


def test_a_type_column_wins_and_an_unknown_value_is_a_warning_never_a_silent_default() -> None:
    r = _resolver(type_column="Category")
    assert r.product_type("Cleanser", "Night Cream") == ("rinse-off", "column Category: 'Cleanser' (cleanser)", None)
    assert r.product_type(" rinse-off ", "Serum").product_type == "rinse-off"
    assert r.product_type("Leave on", "Face Wash").product_type == "leave-on"
    unknown = r.product_type("Gift Set", "Exosome Face Wash")
    assert unknown.product_type == "rinse-off" and unknown.source == "name: 'wash'"
    assert "'Gift Set'" in unknown.warning and "decided by the name" in unknown.warning
    neither = r.product_type("Gift Set", "Product 7")
    assert neither.product_type == DEFAULT_TYPE and neither.source.startswith("default: unknown type value")
    assert "checked as leave-on (the default)" in neither.warning
    empty = r.product_type("", "Product 7")
    assert empty.source.startswith("default: empty type cell") and empty.warning is None


def test_the_option_forces_every_row() -> None:
    r = _resolver(product_type="rinse-off", type_column="Category")
    assert r.product_type("Serum", "Night Cream") == ("rinse-off", "option: --product-type", None)


def test_market_cells() -> None:
    r = _resolver(market_column="Markets")
    assert r.markets("EU, US").markets == ("eu", "us")
    assert r.markets("DE/FR | USA").markets == ("eu", "us")  # member states sell under the EU Regulation
    assert r.markets("eu us").markets == ("eu", "us")
    assert r.markets("European Union").markets == ("eu",)
    odd = r.markets("Mars; EU")
    assert odd.markets == ("eu",) and "'Mars'" in odd.warning and "not used" in odd.warning
    assert r.markets(None).markets == () and r.markets("  ").warning is None


def test_words_drop_plural_endings() -> None:
    assert words("Face-Washes, Masks & Ampoules") == ("face", "wash", "mask", "ampoule")
    assert words("Gloss") == ("gloss",)


def test_every_market_name_means_a_market_the_rules_know() -> None:
    from exolabel.rules.loader import load_rule_data

    data = load_context_data(DATA, known_markets=load_rule_data().markets)
    assert set(data.market_names.values()) <= set(load_rule_data().markets)


def test_a_bad_data_file_is_named_with_its_entry_and_fix(tmp_path: Path) -> None:
    (tmp_path / "market_names.yaml").write_text((DATA / "market_names.yaml").read_text(encoding="utf-8"))
    base = "schema: 1\nsources:\n  - {id: s, title: T, url: 'https://x'}\nwords:\n"
    cases = {
        "  - {phrase: wash, product_type: rinse-off}\n": "words[0]: give its 'sources'",
        "  - {phrase: wash, product_type: sometimes, sources: [s]}\n": "product_type must be leave-on or rinse-off",
        "  - {phrase: wash, product_type: rinse-off, sources: [nope]}\n": "unknown source(s) ['nope']",
        "  - {phrase: wash, product_type: rinse-off, sources: [s], note: x}\n": "unknown key(s) ['note']",
        "  - {phrase: wash, product_type: rinse-off, sources: [s]}\n  - {phrase: Washes, product_type: leave-on, "
        "sources: [s]}\n": "words[1]: phrase 'Washes' is listed twice",
    }
    for body, message in cases.items():
        (tmp_path / "product_types.yaml").write_text(base + body, encoding="utf-8")
        with pytest.raises(ContextDataError) as e:
            load_context_data(tmp_path)
        assert "product_types.yaml" in str(e.value) and message in str(e.value), (message, str(e.value))


def _catalogue(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_wash_off_rows_get_no_leave_on_only_error(tmp_path: Path, capsys) -> None:
    """Methylisothiazolinone is prohibited in leave-on products only (RG01): a cleanser by its category column, a
    face wash by its name, are rinse-off; a cream is leave-on; the summary counts where each decision came from."""
    rows = [
        {"SKU": "1", "Product Name": "Purifying Gel", "Category": "Cleanser", "Brand": "Acme", "INCI": MI},
        {"SKU": "2", "Product Name": "Morning Face Wash", "Category": "", "Brand": "Acme", "INCI": MI},
        {"SKU": "3", "Product Name": "Night Cream", "Category": "Moisturizer", "Brand": "Beta", "INCI": MI},
        {"SKU": "4", "Product Name": "Mystery", "Category": "Gift Set", "Brand": "Beta", "INCI": MI},
    ]
    cat = _catalogue(tmp_path / "cat.csv", rows)
    code, out, _err = run_batch(capsys, str(cat), "-o", str(tmp_path / "out.jsonl"), "-m", "eu", "--fail-on", "never")
    assert code == exitcodes.OK
    got = {r["id"]: r for r in records(tmp_path / "out.jsonl")}
    assert [got[k]["product_type"] for k in "1234"] == ["rinse-off", "rinse-off", "leave-on", "leave-on"]
    assert got["1"]["product_type_source"] == "column Category: 'Cleanser' (cleanser)"
    assert got["2"]["product_type_source"] == "name: 'wash'"
    for k in "12":
        assert "RG01" not in got[k]["rules"] and got[k]["message"] is None
    for k in "34":
        assert "RG01" in got[k]["rules"] and any(f.startswith("RG01 error: ") for f in got[k]["findings"])
    assert "'Gift Set'" in got["4"]["message"] and got["4"]["status"] == "findings"
    assert got["1"]["brand"] == "Acme" and got["1"]["markets"] == []
    assert "Product types: leave-on 2, rinse-off 2 (decided by column Category 2, default 1, name 1)" in out
    assert "Rows checked with a warning: 1" in out


def test_market_and_brand_columns_and_per_brand_counts(tmp_path: Path, capsys) -> None:
    hfcm = "Water, Human Fibroblast Conditioned Media, Glycerin"
    rows = [
        {"id": "1", "name": "Serum A", "Maker": "Acme", "Sold In": "EU, US", "ingredients": hfcm},
        {"id": "2", "name": "Serum B", "Maker": "Acme", "Sold In": "US", "ingredients": hfcm},
        {"id": "3", "name": "Cream C", "Maker": "Beta", "Sold In": "Mars", "ingredients": "Water, Glycerin"},
        {"id": "4", "name": "Broken", "Maker": "Beta", "Sold In": "EU", "ingredients": ""},
    ]
    cat = _catalogue(tmp_path / "cat.csv", rows)
    summary = tmp_path / "summary.json"
    code, out, _err = run_batch(
        capsys, str(cat), "--market-column", "sold in", "--brand-column", "Maker", "--summary", str(summary)
    )
    assert code == exitcodes.ERROR  # row 4 could not be checked
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert doc["columns"]["markets"] == "Sold In" and doc["columns"]["brand"] == "Maker"
    assert doc["brands"] == [
        {"brand": "Acme", "products": 2, "ev_products": 2, "flagged": 2, "unchecked": 0},
        {"brand": "Beta", "products": 2, "ev_products": 0, "flagged": 0, "unchecked": 1},
    ]
    review = {r["id"]: r for r in doc["review"]}
    assert review["1"]["markets"] == ["eu", "us"] and review["1"]["errors"] >= 1  # SR02 is an error for the EU
    assert review["2"]["errors"] == 0 and review["1"]["tier"] == review["2"]["tier"] == 0
    assert review["1"]["reasons"][0].startswith("human-origin material")
    assert doc["row_warnings"] == [
        {"row": 3, "message": "markets: column Sold In has 'Mars', no market exolabel knows (not used)"}
    ]
    assert "By brand (products, EV-family, flagged):" in out and "Acme" in out
    assert "Look first (2 products to review" in out


def test_a_named_column_that_does_not_exist_is_a_usage_error(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv", [{"name": "x", "ingredients": "Water"}])
    code, _out, err = run_batch(capsys, str(cat), "--type-column", "Kind")
    assert code == exitcodes.ERROR and "no column 'Kind'" in err


def test_no_output_file_means_checked_not_written(tmp_path: Path) -> None:
    cat = _catalogue(tmp_path / "cat.csv", [{"name": "Face Wash", "ingredients": "Water, Glycerin"}] * 3)
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "batch", str(cat), "--summary", str(tmp_path / "s.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "Rows: 3 read, 3 checked, not written (no output file" in p.stdout and "written to" not in p.stdout
    doc = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert doc["rows_checked"] == 3 and doc["rows_written"] == 0 and doc["output"] is None


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_dash_writes_the_results_to_stdout_and_the_summary_to_stderr(tmp_path: Path, fmt: str) -> None:
    rows = [{"name": f"Wash {i}", "ingredients": "Water, Glycerin"} for i in range(2500)]  # several chunks
    cat = _catalogue(tmp_path / "cat.csv", rows)
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "batch", str(cat), "-o", "-", "--output-format", fmt, "--no-progress"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    got = list(csv.DictReader(lines)) if fmt == "csv" else [json.loads(line) for line in lines]
    assert [int(r["row"]) for r in got] == list(range(1, 2501))
    assert {r["product_type"] for r in got} == {"rinse-off"}
    assert "Rows: 2,500 read, 2,500 written to stdout" in p.stderr
    assert not list(tmp_path.glob("-*"))  # no file named '-'


def test_dash_cannot_be_resumed_and_output_format_is_for_dash_only(tmp_path: Path, capsys) -> None:
    cat = _catalogue(tmp_path / "cat.csv", [{"name": "x", "ingredients": "Water"}])
    code, _out, err = run_batch(capsys, str(cat), "-o", "-", "--resume")
    assert code == exitcodes.ERROR and "cannot be resumed" in err
    code, _out, err = run_batch(capsys, str(cat), "-o", str(tmp_path / "o.csv"), "--output-format", "jsonl")
    assert code == exitcodes.ERROR and "--output-format is for -o -" in err


def test_sample_catalogue_shampoo_is_checked_as_in_its_own_label_file(tmp_path: Path, capsys) -> None:
    """examples/catalogue: the shampoo row is rinse-off by its name and gets the findings `scan` gives its label."""
    from exolabel.labelfile.read import read_path
    from exolabel.scanner import Scanner

    sample = ROOT / "examples/catalogue/sample.csv"
    run_batch(capsys, str(sample), "-o", str(tmp_path / "o.jsonl"), "--fail-on", "never")
    row = next(r for r in records(tmp_path / "o.jsonl") if r["id"] == "REAL-suave-daily-clarifying-shampoo")
    assert row["product_type"] == "rinse-off" and row["errors"] == 0
    label = read_path(ROOT / "examples/labels/suave-daily-clarifying-shampoo.yaml")
    assert label.label.product_type == "rinse-off"
    report = Scanner().scan(label.text, label.label)
    assert sorted(row["rules"]) == sorted({f.rule for f in report.findings})


def test_dash_neutralizes_formula_cells_like_a_file_unless_raw(tmp_path: Path) -> None:
    cat = _catalogue(
        tmp_path / "cat.csv", [{"name": '=HYPERLINK("http://x","y")', "Type": "=1+1", "ingredients": "Aqua"}]
    )
    cmd = [sys.executable, "-m", "exolabel", "batch", str(cat), "-o", "-", "--no-progress"]
    safe = list(csv.DictReader(subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout.splitlines()))
    raw = subprocess.run([*cmd, "--raw-csv"], capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert safe[0]["name"] == '\'=HYPERLINK("http://x","y")'
    assert safe[0]["product_type_source"] == "default: unknown type value, no type word"
    assert "'=1+1'" in safe[0]["message"]
    assert next(iter(csv.DictReader(raw)))["name"] == '=HYPERLINK("http://x","y")'


def test_a_mistyped_market_is_refused_before_any_row_is_checked(tmp_path: Path, capsys) -> None:
    """'-m ue' would check every row without the EU rules: exit 2 naming the close match, no output written."""
    cat = tmp_path / "cat.csv"
    cat.write_text('name,ingredients\nSerum,"Water, Human Fibroblast Conditioned Media"\n', encoding="utf-8")
    out = tmp_path / "o.csv"
    code, _out, err = run_batch(capsys, str(cat), "-o", str(out), "-m", "ue", "--no-progress")
    assert code == exitcodes.ERROR
    assert "'ue'" in err and "did you mean 'eu'" in err
    assert not out.exists()
    code, _out, err = run_batch(capsys, str(cat), "-o", str(out), "-m", "eu", "--no-progress")
    assert code in (exitcodes.OK, exitcodes.FINDINGS) and out.exists(), err
