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
