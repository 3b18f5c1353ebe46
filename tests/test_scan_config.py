"""``exolabel scan`` honours the project config (select, fail-on, product type) unless --isolated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app


def test_scan_reads_the_config_found_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".exolabel.yaml").write_text(
        "select: [CN01]\nfail-on: info\nproduct-type: rinse-off\n", encoding="utf-8"
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    runner = CliRunner()
    res = runner.invoke(app, ["scan", "Water, Exosomes, Glycerin", "--format", "json"])
    assert res.exit_code == exitcodes.FINDINGS
    (r,) = json.loads(res.stdout)["results"]
    assert {f["rule"] for f in r["findings"]} == {"CN01"} and r["product_type"] == "rinse-off"
    res = runner.invoke(app, ["scan", "Water, Exosomes, Glycerin", "--format", "json", "--isolated"])
    assert res.exit_code == exitcodes.OK
    assert "SR01" in {f["rule"] for f in json.loads(res.stdout)["results"][0]["findings"]}


def test_scan_reports_a_bad_config_as_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exolabel.cli import main

    (tmp_path / ".exolabel.yaml").write_text("selectt: [CN01]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "Water"]) == exitcodes.ERROR


def test_config_rule_data_key_loads_user_rule_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "policy-sources.yaml").write_text(
        "schema: 1\nsources:\n  - id: house-policy\n    title: Example brand ingredient policy\n"
        "    url: https://example.invalid/policy\n",
        encoding="utf-8",
    )
    (data / "house.yaml").write_text(
        "schema: 1\nkind: irritants\nentries:\n  - id: irr.house-ban\n    name: Benzyl Salicylate\n"
        "    aliases: []\n    patterns: []\n    class: fragrance\n    concern: house policy\n"
        "    severity: {leave-on: error, rinse-off: warning}\n    why: The brand does not use it.\n"
        "    sources: [house-policy]\n",
        encoding="utf-8",
    )
    (tmp_path / ".exolabel.yaml").write_text("rule-data: [data]\nselect: [irritant]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["scan", "Water, Benzyl Salicylate, Glycerin", "--format", "json"]
    res = runner.invoke(app, args)
    (f,) = json.loads(res.stdout)["results"][0]["findings"]
    assert (f["rule"], f["severity"]) == ("IR01", "error") and res.exit_code == exitcodes.FINDINGS
    res = runner.invoke(app, [*args, "--isolated", "--select", "irritant"])
    assert json.loads(res.stdout)["results"][0]["findings"] == []
