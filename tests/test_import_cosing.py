"""`exolabel lexicon import-cosing`: the official CosIng export extends the known-INCI vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel.cli import app
from exolabel.lexicon.cosing import read_cosing_export, title_inci

HEADER = (
    "COSING Ref No,INCI name,INN name,Ph. Eur. Name,CAS No,EC No,Chem/IUPAC Name / Description,"
    "Restriction,Function,Update Date"
)
EXPORT = f"""European Commission - CosIng
Ingredients and Fragrance inventory
Export date: 2020-12-30

Disclaimer: ...
{HEADER}
99001,ANEMARRHENA ASPHODELOIDES ROOT EXTRACT,,,,,"Extract of the roots",,SKIN CONDITIONING,01/01/2020
99002,"PEG-40 HYDROGENATED CASTOR OIL",,,,,,,,01/01/2020
99003,SH-OLIGOPEPTIDE-1,,,,,,,,01/01/2020
"""


def test_title_case_keeps_label_conventions() -> None:
    assert title_inci("CAPRYLIC/CAPRIC TRIGLYCERIDE") == "Caprylic/Capric Triglyceride"
    assert title_inci("PEG-40 HYDROGENATED CASTOR OIL") == "PEG-40 Hydrogenated Castor Oil"
    assert title_inci("SH-OLIGOPEPTIDE-1") == "sh-Oligopeptide-1"
    assert title_inci("CI 77891") == "CI 77891"


def test_reads_the_official_export_after_its_preamble(tmp_path: Path) -> None:
    p = tmp_path / "COSING_Ingredients-Fragrance Inventory_v2.csv"
    p.write_text(EXPORT, encoding="utf-8")
    assert read_cosing_export(p) == [
        "Anemarrhena Asphodeloides Root Extract",
        "PEG-40 Hydrogenated Castor Oil",
        "sh-Oligopeptide-1",
    ]


def test_import_then_scan_recognizes_the_new_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXOLABEL_CACHE_DIR", str(tmp_path / "cache"))
    p = tmp_path / "cosing.csv"
    p.write_text(EXPORT, encoding="utf-8")
    runner = CliRunner()
    text = "Water, Anemarrhena Asphodeloides Root Extract"
    before = json.loads(runner.invoke(app, ["scan", text, "--format", "json", "--fail-on", "never"]).output)
    assert before["results"][0]["ingredients"][1]["known"] is None
    result = runner.invoke(app, ["lexicon", "import-cosing", str(p)])
    assert result.exit_code == 0 and "imported 3" in result.output
    after = json.loads(runner.invoke(app, ["scan", text, "--format", "json", "--fail-on", "never"]).output)
    assert after["results"][0]["ingredients"][1]["known"] == "Anemarrhena Asphodeloides Root Extract"


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lexicon", "import-cosing", str(p)])
    assert result.exit_code != 0
