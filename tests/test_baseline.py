"""The baseline (``exolabel.ci.baseline``): a multiset of (file, rule, subject) keys. Expected values are written
by hand (the file format, the counts) or computed with hashlib (the fingerprint), not by the module."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from exolabel import exitcodes
from exolabel.ci.baseline import Baseline, Key, load, relative, render
from exolabel.cli import main
from exolabel.datafiles.load import DataError

SERUM = Key("labels/serum.yaml", "SR01", "exosomes")
TONER = Key("labels/toner.json", "SR01", "exosomes")
CLAIM = Key("labels/serum.yaml", "CL01", "claim:regenerates skin")


def test_a_count_covers_that_many_identical_findings_and_no_more() -> None:
    base = Baseline(Path("b.json"), Counter({SERUM: 2, CLAIM: 1}))
    assert base.split([SERUM, SERUM, SERUM]) == [True, True, False]
    assert base.split([CLAIM, SERUM, CLAIM]) == [True, True, False]
    assert base.split([TONER, Key("labels/serum.yaml", "SR02", "exosomes"), Key("labels/serum.yaml", "SR01", "")]) == [
        False,
        False,
        False,
    ]
    assert base.split([]) == []
    assert Baseline(Path("b.json"), Counter()).split([SERUM]) == [False]
    # each call starts afresh (one call per file)
    assert base.split([SERUM]) == [True] and base.split([SERUM]) == [True]
    assert base.root == Path(".")


def test_render_writes_sorted_entries_with_counts() -> None:
    text = render([TONER, SERUM, CLAIM, SERUM])
    assert text == (
        "{\n"
        '  "schema": 1,\n'
        '  "tool": "exolabel",\n'
        '  "findings": [\n'
        "    {\n"
        '      "file": "labels/serum.yaml",\n'
        '      "rule": "CL01",\n'
        '      "subject": "claim:regenerates skin",\n'
        '      "count": 1\n'
        "    },\n"
        "    {\n"
        '      "file": "labels/serum.yaml",\n'
        '      "rule": "SR01",\n'
        '      "subject": "exosomes",\n'
        '      "count": 2\n'
        "    },\n"
        "    {\n"
        '      "file": "labels/toner.json",\n'
        '      "rule": "SR01",\n'
        '      "subject": "exosomes",\n'
        '      "count": 1\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )
    assert json.loads(render([]))["findings"] == []
    assert "crème" in render([Key("crème.yaml", "SR01", "")])  # not escaped


def test_load_sums_counts_and_defaults_a_missing_count_and_subject_to_one_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    doc = {
        "schema": 1,
        "findings": [
            {"file": "labels/serum.yaml", "rule": "SR01", "subject": "exosomes", "count": 2},
            {"file": "labels/serum.yaml", "rule": "SR01", "subject": "exosomes", "count": 3},
            {"file": "labels/toner.json", "rule": "SR01", "subject": "exosomes"},
            {"file": "a.yaml", "rule": "CN01"},
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    base = load(path)
    assert base.path == path and base.root == tmp_path
    assert base.counts == Counter({SERUM: 5, TONER: 1, Key("a.yaml", "CN01", ""): 1})


FIX = ". Fix: rewrite it with --write-baseline"
NOT_A_BASELINE = ": not an exolabel baseline (schema 1)" + FIX


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": 1, "findings": [', ":1: invalid JSON: Expecting value" + FIX),
        ('{"schema": 2, "findings": []}', NOT_A_BASELINE),
        ('{"schema": 1, "findings": {}}', NOT_A_BASELINE),
        ('{"schema": 1}', NOT_A_BASELINE),
        ("[1]", NOT_A_BASELINE),
        (
            '{"schema": 1, "findings": [{"file": "a", "rule": "SR01"}, {"file": "a"}]}',
            ": entry 'findings[1]' needs 'file', 'rule' and 'count'" + FIX,
        ),
        (
            '{"schema": 1, "findings": [{"file": "a", "rule": "SR01", "count": "many"}]}',
            ": entry 'findings[0]' needs 'file', 'rule' and 'count'" + FIX,
        ),
        ('{"schema": 1, "findings": [7]}', ": entry 'findings[0]' needs 'file', 'rule' and 'count'" + FIX),
    ],
)
def test_a_bad_baseline_is_a_data_error_that_names_the_file_and_the_fix(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load(path)
    assert str(e.value) == f"{path}{message}"


def test_fingerprint_is_the_first_16_hex_digits_of_the_sha256_of_the_key() -> None:
    expected = hashlib.sha256(b"labels/serum.yaml\x00SR01\x00exosomes").hexdigest()[:16]
    assert SERUM.fingerprint == expected and len(expected) == 16
    assert TONER.fingerprint != SERUM.fingerprint != CLAIM.fingerprint


def test_relative_paths_use_forward_slashes_from_the_root(tmp_path: Path) -> None:
    (tmp_path / "labels" / "sub").mkdir(parents=True)
    assert relative(tmp_path / "labels" / "sub" / "a.yaml", tmp_path) == "labels/sub/a.yaml"
    assert relative(tmp_path / "a.yaml", tmp_path / "labels") == "../a.yaml"
    assert relative(tmp_path, tmp_path) == "."


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_second_identical_finding_in_the_same_file_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "")
    config = "select: [SR01]\nfail-on: warning\nbaseline: .exolabel-baseline.json\n"
    (tmp_path / ".exolabel.yaml").write_text(config, encoding="utf-8")
    label = tmp_path / "a.yaml"
    label.write_text("product: X\ningredients: Water, Exosomes, Glycerin\n", encoding="utf-8")
    assert _check(capsys, "--write-baseline")[0] == exitcodes.OK
    assert json.loads((tmp_path / ".exolabel-baseline.json").read_text(encoding="utf-8"))["findings"] == [
        {"file": "a.yaml", "rule": "SR01", "subject": "exosomes", "count": 1}
    ]
    assert _check(capsys)[0] == exitcodes.OK  # the one finding is baselined
    # the same ingredient a second time: one baselined, one new (it fails the check)
    label.write_text("product: X\ningredients: Water, Exosomes, Glycerin, Exosomes\n", encoding="utf-8")
    code, out = _check(capsys)
    assert code == exitcodes.FINDINGS
    assert out.splitlines()[0].startswith("a.yaml:2:41: warning SR01 'Exosomes'")
    assert "0 errors, 1 warnings, 0 info (1 baselined)" in out
    doc = json.loads(_check(capsys, "--format", "json")[1])
    (res,) = doc["results"]
    assert [f["location"]["column"] for f in res["findings"]] == [41]
    assert [f["location"]["column"] for f in res["baselined"]] == [21]
    sarif = json.loads(_check(capsys, "--format", "sarif")[1])
    states = sorted(
        (r["baselineState"], r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in sarif["runs"][0]["results"]
    )
    assert states == [("new", 41), ("unchanged", 21)]
    # a baseline with count 2 covers both; a new file with the same finding is new
    assert _check(capsys, "--write-baseline")[0] == exitcodes.OK
    assert json.loads((tmp_path / ".exolabel-baseline.json").read_text(encoding="utf-8"))["findings"][0]["count"] == 2
    assert _check(capsys)[0] == exitcodes.OK
    (tmp_path / "b.yaml").write_text("product: Y\ningredients: Water, Exosomes\n", encoding="utf-8")
    code, out = _check(capsys)
    assert code == exitcodes.FINDINGS and out.startswith("b.yaml:2:")
