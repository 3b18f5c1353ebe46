"""``exolabel check``: discovery, exit codes, config, suppression, baseline and every output format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import assert_snapshot
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app

runner = CliRunner()
SERUM = """\
# a label a brand keeps in its repository
product: Test Serum
brand: Example
claims:
  - Contains exosomes
ingredients: |
  Water, Glycerin,
  Exosomes, Human Fibroblast Conditioned Media 2%,
  Parfum
"""
TONER = {"product": "Toner", "ingredients": ["Water", "Lactobacillus Ferment Lysate", "Exosomes"]}


def make_repo(root: Path, *, broken: bool = True) -> Path:
    (root / "labels").mkdir(parents=True, exist_ok=True)
    (root / "labels" / "serum.yaml").write_text(SERUM, encoding="utf-8")
    (root / "labels" / "toner.json").write_text(json.dumps(TONER, indent=2), encoding="utf-8")
    (root / ".github").mkdir(exist_ok=True)
    (root / ".github" / "ci.yaml").write_text("on: push\n", encoding="utf-8")  # hidden: never a label
    if broken:
        (root / "labels" / "broken.yaml").write_text("product: X\ningredients: [Water\n", encoding="utf-8")
    (root / ".exolabel.yaml").write_text("select: [SR01, CN01]\n", encoding="utf-8")
    return root


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    res = runner.invoke(app, ["check", *args], env={"GITHUB_ACTIONS": "", **(env or {})})
    return res.exit_code, res.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_each_format_snapshot(repo: Path, fmt: str) -> None:
    code, out = run("--format", fmt)
    assert code == exitcodes.ERROR  # broken.yaml could not be checked; the others are still reported
    assert "serum.yaml" in out and "toner.json" in out and "broken.yaml" in out
    out = out.replace(__import__("exolabel").__version__, "<version>")
    assert_snapshot(f"check.{fmt}", out)


def test_exit_codes_follow_fail_on(repo: Path) -> None:
    (repo / "labels" / "broken.yaml").unlink()
    assert run()[0] == exitcodes.OK  # SR01 is a warning, CN01 info; default --fail-on error
    assert run("--fail-on", "warning")[0] == exitcodes.FINDINGS
    assert run("--fail-on", "info", "--select", "CN01")[0] == exitcodes.FINDINGS
    assert run("--fail-on", "warning", "--select", "CN01")[0] == exitcodes.OK
    assert run("--fail-on", "never")[0] == exitcodes.OK
    (repo / ".exolabel.yaml").write_text("select: [SR01]\nfail-on: warning\n", encoding="utf-8")
    assert run()[0] == exitcodes.FINDINGS
    # isolated: every rule runs, and human conditioned media with no market is an SR02 error (the EU/UK ban)
    assert run("--isolated", "--ignore", "SR01")[0] == exitcodes.FINDINGS
    assert run("--isolated", "--ignore", "SR01", "--ignore", "SR02")[0] == exitcodes.OK
    (repo / ".exolabel.yaml").write_text("select: [SR01]\nseverity: {SR01: error}\n", encoding="utf-8")
    code, out = run()
    assert code == exitcodes.FINDINGS and "error SR01" in out


def test_findings_point_at_the_ingredient_line_and_column(repo: Path) -> None:
    _code, out = run("labels/serum.yaml", "--select", "SR01")
    (line,) = [x for x in out.splitlines() if "SR01" in x]
    assert line.startswith("labels/serum.yaml:8:3: warning SR01 ")
    assert SERUM.splitlines()[7][2:].startswith("Exosomes")


def test_usage_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each usage or config error exits 2 with its own one-line message (through the real entry point, which is
    what turns a config's DataError into exit 2), never a traceback."""
    from exolabel.cli import main

    cases = [
        (["--format", "xml"], "unknown --format 'xml' (use text, json, sarif, github, junit)"),
        (["--fail-on", "sometimes"], "unknown --fail-on 'sometimes' (use error, warning, info, never)"),
        (["nope/"], "no such file or directory: nope"),
    ]
    for args, message in cases:
        assert main(["check", *args]) == exitcodes.ERROR
        out = capsys.readouterr()
        assert out.err == f"exolabel: error: {message}\n" and out.out == ""
    (repo / ".exolabel.yaml").write_text("select: [SR01]\nfail_on: warning\n", encoding="utf-8")
    assert main(["check"]) == exitcodes.ERROR
    err = capsys.readouterr().err
    assert ".exolabel.yaml:2:1: unknown key 'fail_on'" in err
    assert "did you mean 'fail-on'?" in err and "Traceback" not in err


def test_github_format_is_chosen_inside_github_actions(repo: Path) -> None:
    _code, out = run(env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::") and "::warning file=labels/serum.yaml,line=8,col=3" in out


def test_include_and_exclude_globs(repo: Path) -> None:
    _code, out = run("--include", "**/*.json", "--format", "json", "--fail-on", "never")
    assert [r["source"] for r in json.loads(out)["results"]] == ["labels/toner.json"]
    code, out = run("--exclude", "broken.yaml", "--format", "json")
    assert code == exitcodes.OK and len(json.loads(out)["results"]) == 2


def test_inline_suppression_needs_a_reason_and_is_reported_as_suppressed(repo: Path) -> None:
    (repo / "labels" / "broken.yaml").unlink()
    body = SERUM + "exolabel-ignore:\n  - rules: [SR01]\n    reason: origin is in the technical file\n"
    (repo / "labels" / "serum.yaml").write_text(body, encoding="utf-8")
    code, out = run("--format", "json", "--fail-on", "warning", "--select", "SR01", "labels/serum.yaml")
    assert code == exitcodes.OK
    (res,) = json.loads(out)["results"]
    assert res["findings"] == [] and res["suppressed"][0]["suppressed"] == "origin is in the technical file"
    sarif = json.loads(run("--format", "sarif", "--select", "SR01", "labels/serum.yaml")[1])
    (r,) = sarif["runs"][0]["results"]
    assert r["suppressions"] == [{"kind": "inSource", "justification": "origin is in the technical file"}]
    (repo / "labels" / "serum.yaml").write_text(SERUM + "exolabel-ignore: [SR01]\n", encoding="utf-8")
    code, out = run("labels/serum.yaml")
    assert code == exitcodes.ERROR and "no reason" in out


def test_suppression_limited_to_one_ingredient(repo: Path) -> None:
    (repo / "labels" / "broken.yaml").unlink()
    body = SERUM + "exolabel-ignore:\n  - rules: [CN01]\n    reason: on the box\n    ingredient: exosomes\n"
    (repo / "labels" / "serum.yaml").write_text(body, encoding="utf-8")
    doc = json.loads(run("--format", "json", "--select", "CN01", "labels/serum.yaml")[1])
    (res,) = doc["results"]
    assert [f["subject"] for f in res["suppressed"]] == ["Exosomes"]
    assert doc["summary"]["suppressed"] == 1


def test_per_file_ignores(repo: Path) -> None:
    (repo / ".exolabel.yaml").write_text(
        "select: [SR01, CN01]\nper-file-ignores: {'*.json': [CN01]}\n", encoding="utf-8"
    )
    doc = json.loads(run("--format", "json", "labels/toner.json")[1])
    (res,) = doc["results"]
    assert [f["rule"] for f in res["findings"]] == ["SR01"] and len(res["suppressed"]) == 2


def test_baseline_records_findings_and_only_new_ones_fail(repo: Path) -> None:
    (repo / "labels" / "broken.yaml").unlink()
    (repo / ".exolabel.yaml").write_text("select: [SR01, CN01]\nbaseline: .exolabel-baseline.json\n", "utf-8")
    code, _ = run("--write-baseline")
    assert code == exitcodes.OK
    base = json.loads((repo / ".exolabel-baseline.json").read_text(encoding="utf-8"))
    keys = {(f["file"], f["rule"], f["subject"]) for f in base["findings"]}
    assert ("labels/serum.yaml", "SR01", "exosomes") in keys and "line" not in base["findings"][0]
    assert run("--fail-on", "info")[0] == exitcodes.OK  # everything is baselined
    # moving the ingredient to another line keeps it baselined: fingerprints carry no line numbers
    moved = SERUM.replace("  Water, Glycerin,\n", "  Water,\n  Glycerin,\n")
    (repo / "labels" / "serum.yaml").write_text(moved, encoding="utf-8")
    assert run("--fail-on", "info")[0] == exitcodes.OK
    # a new EV ingredient is a new finding
    (repo / "labels" / "serum.yaml").write_text(
        moved.replace("Parfum", "Parfum, Extracellular Vesicles"), encoding="utf-8"
    )
    code, out = run("--fail-on", "warning", "--format", "sarif")
    assert code == exitcodes.FINDINGS
    states = {(r["ruleId"], r["baselineState"]) for r in json.loads(out)["runs"][0]["results"]}
    assert ("SR01", "new") in states and ("SR01", "unchanged") in states
    assert run("--fail-on", "warning", "--no-baseline", "--select", "SR01")[0] == exitcodes.FINDINGS


def test_junit_counts_match_findings(repo: Path) -> None:
    doc = json.loads(run("--format", "json")[1])
    n = sum(len(r["findings"]) for r in doc["results"])
    n_info = sum(1 for r in doc["results"] for f in r["findings"] if f["severity"] == "info")
    root = ET.fromstring(run("--format", "junit", "--show-info")[1])
    assert int(root.get("failures")) == n and int(root.get("errors")) == 1
    root = ET.fromstring(run("--format", "junit")[1])  # info notes counted in the suites' properties
    assert n_info and int(root.get("failures")) == n - n_info
    counted = sum(int(p.get("value")) for p in root.iter("property") if p.get("name") == "info")
    assert counted == n_info


def test_default_discovery_skips_txt_hidden_and_well_known_files(repo: Path) -> None:
    (repo / "labels" / "broken.yaml").unlink()
    (repo / "notes.txt").write_text("Water, Exosomes\n", encoding="utf-8")
    (repo / "package.json").write_text("{}", encoding="utf-8")
    (repo / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    doc = json.loads(run("--format", "json")[1])
    assert [r["source"] for r in doc["results"]] == ["labels/serum.yaml", "labels/toner.json"]
    doc = json.loads(run("--format", "json", "notes.txt")[1])  # named explicitly: always checked
    assert [r["source"] for r in doc["results"]] == ["notes.txt"]
    doc = json.loads(run("--format", "json", "--include", "*.txt")[1])
    assert [r["source"] for r in doc["results"]] == ["notes.txt"]


def test_json_carries_declared_facts_only_when_given(repo: Path) -> None:
    body = SERUM + "declared: {Exosomes: 2 billion particles/mL}\nexosome_source: {origin: plant, detail: grape}\n"
    (repo / "labels" / "serum.yaml").write_text(body, encoding="utf-8")
    doc = json.loads(run("--format", "json", "labels/serum.yaml", "labels/toner.json")[1])
    serum, toner = doc["results"]
    assert serum["declared"]["Exosomes"]["kind"] == "count" and serum["exosome_source"]["origin"] == "plant"
    assert "declared" not in toner and "characterization" not in toner


def test_a_finding_about_the_product_name_points_at_it(repo: Path) -> None:
    (repo / "labels" / "shot.yaml").write_text(
        "# header\nproduct: Exosome Shot 2000\ningredients: Water, Exosomes, Glycerin\n", encoding="utf-8"
    )
    doc = json.loads(run("--format", "json", "--isolated", "labels/shot.yaml")[1])
    about_name = [f for f in doc["results"][0]["findings"] if f["subject"] == "Exosome Shot 2000"]
    assert about_name, "expected a rule to judge the number in the product name"
    assert all(f["location"]["line"] == 2 and f["location"]["column"] == 10 for f in about_name)


def test_suppression_naming_no_rule_is_an_input_error(repo: Path) -> None:
    body = SERUM + "exolabel-ignore:\n  - rules: [ZZ99]\n    reason: typo in the code\n"
    (repo / "labels" / "serum.yaml").write_text(body, encoding="utf-8")
    code, out = run("labels/serum.yaml")
    assert code == exitcodes.ERROR and "'ZZ99' names no rule" in out and "exolabel-ignore" in out


def test_github_annotations_escape_workflow_command_syntax() -> None:
    from exolabel.ci.baseline import Key
    from exolabel.ci.check import CheckResult, FileResult, Located
    from exolabel.ci.locate import Position
    from exolabel.model import Finding, Severity
    from exolabel.report import github

    f = Finding("SR01", "source.unspecified-origin", Severity.WARNING, "50% of it\nis: unknown, really")
    loc = Located(f, "a,b:c.yaml", Position(3, 4, 3, 9), Key("a,b:c.yaml", "SR01", ""), None)
    out = github.render(CheckResult((FileResult("a,b:c.yaml", findings=(loc,)),)))
    first = out.splitlines()[0]
    assert first == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,endColumn=9,title=SR01 source.unspecified-origin"
        "::50%25 of it%0Ais: unknown, really"
    )
