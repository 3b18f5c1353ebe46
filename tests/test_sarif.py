"""SARIF output validated against the SARIF 2.1.0 JSON Schema.

The schema is not vendored: the tests take it from Microsoft's ``sarif-om`` source distribution on PyPI
(MIT licence), which ships the 2.1.0 schema (``sarif-2.1.0-rtm.4.json``). It is downloaded once into
``.pytest_cache`` (or named with ``EXOLABEL_SARIF_SCHEMA``). Without network the test skips, except in CI
(``CI`` set), where it must run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest
from test_check_cli import make_repo
from typer.testing import CliRunner

from exolabel.cli import app

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".pytest_cache" / "sarif-2.1.0-rtm.4.json"
SDIST = "sarif-om==1.0.4"
MEMBER = "sarif-2.1.0-rtm.4.json"
jsonschema = pytest.importorskip("jsonschema")


def _fetch() -> Path | None:
    with tempfile.TemporaryDirectory() as d:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", SDIST, "-d", d]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError):
            return None
        (sdist,) = Path(d).glob("sarif_om-*.tar.gz")
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("/" + MEMBER))
            data = tar.extractfile(member).read()  # type: ignore[union-attr]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(data)
    return CACHE


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    path = Path(os.environ["EXOLABEL_SARIF_SCHEMA"]) if os.environ.get("EXOLABEL_SARIF_SCHEMA") else CACHE
    if not path.is_file():
        path = _fetch()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"could not download {SDIST} for the SARIF 2.1.0 schema")
        pytest.skip(f"SARIF schema unavailable (no network to download {SDIST})")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"]
    return schema


def validate(doc: dict, schema: dict) -> list[str]:
    cls = jsonschema.validators.validator_for(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in cls(schema).iter_errors(doc)]


def test_check_sarif_is_valid_sarif_2_1_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema) -> None:
    make_repo(tmp_path)
    body = (tmp_path / "labels" / "serum.yaml").read_text(encoding="utf-8")
    body += "exolabel-ignore:\n  - rules: [CN01]\n    reason: on the outer box\n"
    (tmp_path / "labels" / "serum.yaml").write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["check", "--format", "sarif"])
    doc = json.loads(res.stdout)
    assert validate(doc, sarif_schema) == []
    bad = json.loads(res.stdout)
    bad["runs"][0]["results"][0]["level"] = "fatal"  # the validator is not vacuous
    assert validate(bad, sarif_schema)
    run = doc["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"SR01", "CN01"}
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in run["tool"]["driver"]["rules"])
    assert any("suppressions" in r for r in run["results"])
    assert not run["invocations"][0]["executionSuccessful"]  # broken.yaml
    # a result points at the ingredient: the region's text is the ingredient as written
    r = next(r for r in run["results"] if r["ruleId"] == "SR01")
    loc = r["locations"][0]["physicalLocation"]
    region = loc["region"]
    line = (tmp_path / loc["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "Exosomes"


def test_sarif_with_every_rule_and_baseline_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema
) -> None:
    make_repo(tmp_path, broken=False)
    (tmp_path / ".exolabel.yaml").write_text("fail-on: never\nbaseline: base.json\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["check", "--write-baseline"]).exit_code == 0
    (tmp_path / "labels" / "new.yaml").write_text(
        "ingredients: Water, Stem Cell Conditioned Media, Linalool\n", encoding="utf-8"
    )
    doc = json.loads(runner.invoke(app, ["check", "--format", "sarif"]).stdout)
    assert validate(doc, sarif_schema) == []
    states = {r["baselineState"] for r in doc["runs"][0]["results"]}
    assert states == {"new", "unchanged"}


def _levels(repo: Path, config: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    (repo / ".exolabel.yaml").write_text(config, encoding="utf-8")
    doc = json.loads(CliRunner().invoke(app, ["check", "--format", "sarif", "--fail-on", "never"]).stdout)
    run = doc["runs"][0]
    rules = [(r["id"], r["defaultConfiguration"]["level"]) for r in run["tool"]["driver"]["rules"]]
    return rules, sorted({(r["ruleId"], r["level"]) for r in run["results"]})


def test_sarif_levels_follow_each_finding_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF 2.1.0 (section 3.27.10) has the levels error, warning, note and none: exolabel's error, warning and
    info findings are error, warning and note, in the results (with severity overrides) and in each rule's default
    configuration (the rule's own severity: SR01 warning, CN01 info)."""
    from exolabel.model import Severity
    from exolabel.report.sarif import LEVELS

    assert LEVELS == {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    make_repo(tmp_path, broken=False)
    monkeypatch.chdir(tmp_path)
    defaults = [("SR01", "warning"), ("CN01", "note")]
    assert _levels(tmp_path, "select: [SR01, CN01]\n") == (defaults, [("CN01", "note"), ("SR01", "warning")])
    assert _levels(tmp_path, "select: [SR01, CN01]\nseverity: {SR01: error, CN01: warning}\n") == (
        defaults,
        [("CN01", "warning"), ("SR01", "error")],
    )
    assert _levels(tmp_path, "select: [SR01, CN01]\nseverity: {SR01: info, CN01: error}\n") == (
        defaults,
        [("CN01", "error"), ("SR01", "note")],
    )
