"""The bad-input matrix: every row runs ``python -m exolabel`` as a real subprocess, with memory and CPU limits
set in the child, and asserts a clear one-line message, the documented exit code and no traceback.

Heavy rows (50 MB, 100,000 ingredients, 1 MB ingredient) are marked ``heavy``: they still run in CI, bounded by
the limits below (a runaway is killed by RLIMIT_CPU, a memory blow-up by RLIMIT_AS), not by timing asserts.
"""

from __future__ import annotations

import codecs
import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from exolabel import exitcodes

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for the child
CPU_LIMIT = 120  # seconds of CPU for the child
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("EXOLABEL_DEBUG", None)
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", *args],
        input=stdin,
        capture_output=True,
        timeout=600,
        preexec_fn=_limits,
        env=env,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8"))


def assert_clean_failure(p: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    """Exit ``code``; stderr is one line per problem naming it; no traceback; no raw control characters."""
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout, p.stderr[-2000:]
    assert p.returncode == code, (p.returncode, p.stderr[-2000:])
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert any(message.lower() in ln.lower() for ln in lines), lines
    for ln in lines:
        assert ln.startswith("exolabel: "), ln
        assert len(ln) < 1200, ln  # several problems in one file are listed on its one line
    assert not any(ch in p.stdout for ch in "\x00\x1b\x07"), "raw control characters on stdout"


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    suffix: str
    code: int
    message: str  # a phrase the one-line message must contain ("" for accepted inputs)
    heavy: bool = False


def _utf16_nobom() -> bytes:
    return "Water, Glycerin, Human Adipose Stem Cell Conditioned Media".encode("utf-16-le")


CASES = [
    Case("empty", lambda: b"", ".txt", exitcodes.ERROR, "no ingredient text"),
    Case("whitespace only", lambda: b"  \n\t\r\n   ", ".txt", exitcodes.ERROR, "no ingredient text"),
    Case("binary data", lambda: bytes(range(256)) * 40, ".txt", exitcodes.ERROR, "binary"),
    Case("a PNG", lambda: b"\x89PNG\r\n\x1a\n" + bytes(200), ".txt", exitcodes.ERROR, "PNG image"),
    Case("NUL bytes", lambda: b"Water,\x00 Glycerin, Niacinamide", ".txt", exitcodes.ERROR, "NUL bytes"),
    Case("10,000 commas", lambda: b"," * 10_000, ".txt", exitcodes.ERROR, "no ingredient names"),
    Case("YAML bomb", BILLION_LAUGHS.replace("i: &i", "ingredients: &i").encode, ".yaml", exitcodes.ERROR, "alias"),
    Case(
        "YAML with Python tags",
        lambda: b"product: x\ningredients: !!python/object/apply:os.system ['touch PWNED']\n",
        ".yaml",
        exitcodes.ERROR,
        "python/object",
    ),
    Case(
        "JSON label with wrong types",
        lambda: b'{"product": ["x"], "ingredients": 5, "markets": 7, "claims": [1, 2]}',
        ".json",
        exitcodes.ERROR,
        "'ingredients' must be",
    ),
    Case(
        "50 MB single label",
        lambda: b"Water, Glycerin, " * (50 * 1024 * 1024 // 17),
        ".txt",
        exitcodes.ERROR,
        "over --max-label-bytes",
        heavy=True,
    ),
    Case(
        "label of 100,000 ingredients",
        lambda: ", ".join(f"Ingredient {i}" for i in range(100_000)).encode(),
        ".txt",
        exitcodes.ERROR,
        "over --max-ingredients",
        heavy=True,
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.heavy] * c.heavy) for c in CASES])
def test_scan_refuses_bad_input_with_one_clear_line(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"label{case.suffix}"
    path.write_bytes(case.content())
    p = run("scan", str(path), "--format", "json", cwd=tmp_path)
    assert_clean_failure(p, case.code, case.message)
    doc = json.loads(p.stdout)  # the JSON document is still complete, with the error listed
    assert doc["results"] == [] and len(doc["errors"]) == 1
    assert not (tmp_path / "PWNED").exists()


def test_scan_refuses_50_mb_on_stdin(tmp_path: Path) -> None:
    p = run("scan", "-", stdin=b"Water, " * (50 * 1024 * 1024 // 7))
    assert_clean_failure(p, exitcodes.ERROR, "stdin is over --max-label-bytes")


def _names(p: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in p.stderr, p.stderr
    return [i["name"] for r in json.loads(p.stdout)["results"] for i in r["ingredients"]]


@pytest.mark.parametrize(
    ("name", "data", "warning"),
    [
        ("UTF-16 with BOM", codecs.BOM_UTF16_LE + "Water, Glycerin, Niacinamide".encode("utf-16-le"), None),
        ("UTF-16 without BOM", "Water, Glycerin, Niacinamide".encode("utf-16-le"), "no byte-order mark"),
        ("UTF-16 big-endian without BOM", "Water, Glycerin, Niacinamide".encode("utf-16-be"), "no byte-order mark"),
        ("invalid UTF-8", b"Water, Glycerin, Niacinamide, Cr\xe8me", "not valid UTF-8"),
    ],
)
def test_scan_reads_other_encodings_and_says_so(name: str, data: bytes, warning: str | None, tmp_path: Path) -> None:
    path = tmp_path / "label.txt"
    path.write_bytes(data)
    p = run("scan", str(path), "--format", "json", "--fail-on", "never")
    assert p.returncode == exitcodes.OK, p.stderr
    assert _names(p)[:3] == ["Water", "Glycerin", "Niacinamide"]
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    if warning is None:
        assert lines == []
    else:
        assert len(lines) == 1 and lines[0].startswith("exolabel: warning:") and warning in lines[0]


@pytest.mark.parametrize(
    ("name", "text", "expect"),
    [
        ("control characters", "Water,\x01\x02 Glycerin\x1b[31m, Niacinamide\x7f", ["Water", "Niacinamide"]),
        ("right-to-left", "ماء, جلسرين, Water", ["ماء", "جلسرين", "Water"]),
        ("CJK", "水, 甘油, 人脂肪干细胞条件培养液", ["水", "甘油", "人脂肪干细胞条件培养液"]),
        ("deeply nested parentheses", "(" * 20_000 + "Water" + ")" * 20_000 + ", Glycerin", ["Glycerin"]),
        ("unbalanced parentheses", "(" * 20_000 + "Water, Glycerin", ["Glycerin"]),
    ],
)
def test_scan_accepts_odd_but_valid_text(name: str, text: str, expect: list[str], tmp_path: Path) -> None:
    path = tmp_path / "label.txt"
    path.write_text(text, encoding="utf-8")
    p = run("scan", str(path), "--format", "json", "--fail-on", "never")
    assert p.returncode == exitcodes.OK, p.stderr
    names = _names(p)
    for n in expect:
        assert any(n in x for x in names), (n, names[:10])
    text_out = run("scan", str(path), "--fail-on", "never")
    assert not any(ch in text_out.stdout for ch in "\x00\x01\x02\x1b\x7f"), "control characters reach the terminal"


@pytest.mark.heavy
def test_one_ingredient_of_1_mb_is_handled(tmp_path: Path) -> None:
    path = tmp_path / "label.txt"
    path.write_text("Water, " + "Extract " * 130_000 + ", Glycerin", encoding="utf-8")
    p = run("scan", str(path), "--format", "json", "--fail-on", "never")
    assert p.returncode == exitcodes.OK, p.stderr
    assert len(_names(p)) == 3


# -- check --------------------------------------------------------------------------------------------
CHECK_CASES = [
    ("empty", b"", ".yaml", "mapping"),
    ("whitespace only", b"  \n\n", ".yaml", "mapping"),
    ("binary data", bytes(range(256)) * 4, ".yaml", "binary"),
    ("a PNG", b"\x89PNG\r\n\x1a\n" + bytes(100), ".yaml", "PNG image"),
    ("NUL bytes", b"product: x\ningredients: Water\x00, Glycerin\n", ".yaml", "NUL bytes"),
    ("YAML bomb", BILLION_LAUGHS.encode() + b"ingredients: *i\n", ".yaml", "alias"),
    ("YAML with Python tags", b"ingredients: !!python/object/apply:os.system ['touch PWNED']\n", ".yaml", "python"),
    ("JSON label with wrong types", b'{"product": ["x"], "ingredients": 5}', ".json", "'ingredients'"),
    ("10,000 commas", b"product: x\ningredients: '" + b"," * 10_000 + b"'\n", ".yaml", "ingredient"),
]


@pytest.mark.parametrize(("name", "data", "suffix", "message"), CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_check_refuses_bad_label_files(name: str, data: bytes, suffix: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / f"label{suffix}"
    path.write_bytes(data)
    p = run("check", str(path), "--format", "json", "--isolated", cwd=tmp_path)
    assert "Traceback" not in p.stderr + p.stdout, p.stderr
    assert p.returncode == exitcodes.ERROR, (p.returncode, p.stderr, p.stdout[-1000:])
    errors = json.loads(p.stdout)["errors"]  # check reports unreadable files inside its output document
    assert len(errors) == 1 and "\n" not in errors[0]["message"], errors
    assert message.lower() in errors[0]["message"].lower(), errors
    assert not (tmp_path / "PWNED").exists()


def test_check_reads_utf16_rtl_and_cjk_labels(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(
        codecs.BOM_UTF16_LE + "product: x\ningredients: Water, Glycerin\n".encode("utf-16-le")
    )
    (tmp_path / "b.yaml").write_text("product: ماء\ningredients: ماء, 水, 甘油, Glycerin\n", encoding="utf-8")
    p = run("check", str(tmp_path), "--format", "json", "--isolated", "--fail-on", "never", cwd=tmp_path)
    assert p.returncode == exitcodes.OK, p.stderr
    assert "Traceback" not in p.stderr


# -- batch --------------------------------------------------------------------------------------------
def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


BATCH_CASES = [
    # (name, csv bytes, data rows in the file, rows expected to be errors)
    ("ragged rows", b"id,ingredients\n1,Water,Glycerin,extra\n2\n3,Water\n", 3, 2),
    ("unterminated quote", b'id,ingredients\n1,Water\n2,"Water, Glycerin\n3,Aqua\n', 2, 1),
    ("every row bad", b'id,ingredients\n1,\n2,   \n3,",,,,"\n4,a,b,c\n', 4, 4),
    ("control characters", b'id,ingredients\n1,"Water,\x01 Glycerin\x1b"\n2,Aqua\n', 2, 0),
    ("right-to-left and CJK", 'id,ingredients\n1,"ماء, جلسرين"\n2,"水, 甘油"\n'.encode(), 2, 0),
    ("UTF-16 with BOM", codecs.BOM_UTF16_LE + "id,ingredients\n1,Water\n2,Aqua\n".encode("utf-16-le"), 2, 0),
    ("invalid UTF-8", b'id,ingredients\n1,"Aqua, Cr\xe8me"\n2,Aqua\n', 2, 0),
    ("10,000 commas", b'id,ingredients\n1,"' + b"," * 10_000 + b'"\n2,Aqua\n', 2, 1),
    ("1 MB ingredient", b"id,ingredients\n1," + b"Extract " * 130_000 + b"\n2,Aqua\n", 2, 1),
]


@pytest.mark.parametrize(("name", "data", "rows", "bad"), BATCH_CASES, ids=[c[0] for c in BATCH_CASES])
def test_batch_keeps_every_row(name: str, data: bytes, rows: int, bad: int, tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_bytes(data)
    out = tmp_path / "out.jsonl"
    p = run("batch", str(cat), "-o", str(out), "--workers", "1", "--fail-on", "never", "--no-progress")
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == (exitcodes.ERROR if bad else exitcodes.OK), p.stderr + p.stdout
    got = _rows(out)
    assert len(got) == rows, got
    assert sum(1 for r in got if r["status"] == "error") == bad, got
    assert all(r["message"] for r in got if r["status"] == "error")


@pytest.mark.parametrize(
    ("name", "data", "suffix", "message"),
    [
        ("empty", b"", ".csv", ""),
        ("missing column", b"id,name\n1,x\n", ".csv", "--column"),
        ("a PNG", b"\x89PNG\r\n\x1a\n" + bytes(100), ".csv", "PNG"),
        ("mostly NUL bytes", b"id,ingredients\n" + bytes(200), ".csv", "NUL"),
    ],
)
def test_batch_refuses_unreadable_catalogues(name: str, data: bytes, suffix: str, message: str, tmp_path: Path) -> None:
    cat = tmp_path / f"cat{suffix}"
    cat.write_bytes(data)
    out = tmp_path / "out.jsonl"
    p = run("batch", str(cat), "-o", str(out), "--workers", "1", "--no-progress")
    assert "Traceback" not in p.stderr, p.stderr
    if message:
        assert_clean_failure(p, exitcodes.ERROR, message)
        assert not out.exists()
    else:  # an empty catalogue: zero rows in, zero rows out
        assert p.returncode in (exitcodes.OK, exitcodes.ERROR), p.stderr
        assert not out.exists() or _rows(out) == []


def test_a_stray_nul_byte_fails_its_row_not_the_catalogue(tmp_path: Path) -> None:
    cat = tmp_path / "cat.csv"
    cat.write_bytes(b'id,ingredients\n1,"Aqua, Glycerin"\n2,"Aqua\x00, Glycerin"\n3,"Aqua, Niacinamide"\n')
    out = tmp_path / "out.jsonl"
    p = run("batch", str(cat), "-o", str(out), "--workers", "1", "--no-progress")
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == exitcodes.ERROR  # a row could not be checked
    got = _rows(out)
    assert [r["status"] for r in got] == ["ok", "error", "findings"]
    assert "NUL" in got[1]["message"]


# -- safe YAML ----------------------------------------------------------------------------------------
def test_footnote_stars_in_a_yaml_label_are_not_mistaken_for_aliases(tmp_path: Path) -> None:
    notes = "".join(f"  *organic, note {i}\n" for i in range(15))
    path = tmp_path / "label.yaml"
    path.write_text("product: x\ningredients: |\n  Water, Glycerin*, Aloe Vera**\n" + notes, encoding="utf-8")
    p = run("scan", str(path), "--format", "json", "--fail-on", "never")
    assert p.returncode == exitcodes.OK, p.stderr
    assert _names(p)[:3] == ["Water", "Glycerin", "Aloe Vera"]


def test_python_tags_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "label.yaml"
    path.write_text("product: x\ningredients: !!python/object/apply:os.system ['touch PWNED']\n", encoding="utf-8")
    p = run("scan", str(path), cwd=tmp_path)
    assert_clean_failure(p, exitcodes.ERROR, "YAML tag not allowed")
    assert "plain YAML only" in p.stderr and not (tmp_path / "PWNED").exists()
