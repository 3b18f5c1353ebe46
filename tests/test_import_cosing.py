"""The CosIng inventory: the importer reads both export layouts, the packaged default is what it builds from the
December 2020 export, every name is known, and its CAS/EC numbers and functions are kept for other stages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel.cli import app
from exolabel.lexicon.cosing import (
    DEFAULT_RECORD,
    FILES,
    PACKAGED_DIR,
    read_cosing_export,
    read_cosing_rows,
    signature,
    title_inci,
    write_inventory,
)
from exolabel.lexicon.inventory import Inventory, default_inventory, inci_record, names_with_cas

SHARED_EXPORT = (
    Path(__file__).resolve().parents[2] / "shared/research/regulatory/data/cosing_inventory_2020_inci_cas_function.csv"
)
HEADER = (
    "COSING Ref No,INCI name,INN name,Ph. Eur. Name,CAS No,EC No,Chem/IUPAC Name / Description,"
    "Restriction,Function,Update Date"
)
# an invented name, so no inventory holds it before the import
EXPORT = f"""European Commission - CosIng
Ingredients and Fragrance inventory
Export date: 2020-12-30

Disclaimer: ...
{HEADER}
99001,EXOLABELIA TESTENSIS ROOT EXTRACT,,,,,"Extract of the roots",,SKIN CONDITIONING,01/01/2020
99002,"PEG-40 HYDROGENATED CASTOR OIL",,,61788-85-0,500-151-7,,,"EMULSIFYING, SURFACTANT",01/01/2020
99003,SH-OLIGOPEPTIDE-1,,,,,,,,01/01/2020
99004,LIMONENE,,,138-86-3 / 5989-27-5,205-341-0 / 227-813-5,,III/45,PERFUMING,01/01/2020
"""
PROJECTION = """inci_name,cas_number,einecs_number,function
EXOLABELIA TESTENSIS ROOT EXTRACT,,,Skin Conditioning
LIMONENE,138-86-3,205-341-0,"Perfuming, Solvent"
LIMONENE,5989-27-5,,Deodorant
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
        "Exolabelia Testensis Root Extract",
        "Limonene",
        "PEG-40 Hydrogenated Castor Oil",
        "sh-Oligopeptide-1",
    ]
    rows = {r.name: r for r in read_cosing_rows(p)}
    assert rows["LIMONENE"].cas == ("138-86-3", "5989-27-5")
    assert rows["LIMONENE"].ec == ("205-341-0", "227-813-5")
    assert rows["PEG-40 HYDROGENATED CASTOR OIL"].functions == ("Emulsifying", "Surfactant")


def test_reads_the_four_column_projection_and_merges_repeated_names(tmp_path: Path) -> None:
    p = tmp_path / "cosing.csv"
    p.write_text(PROJECTION, encoding="utf-8")
    rows = {r.name: r for r in read_cosing_rows(p)}
    assert set(rows) == {"EXOLABELIA TESTENSIS ROOT EXTRACT", "LIMONENE"}
    assert rows["LIMONENE"].cas == ("138-86-3", "5989-27-5")
    assert rows["LIMONENE"].functions == ("Perfuming", "Solvent", "Deodorant")


def test_written_inventory_finds_names_records_and_typo_candidates(tmp_path: Path) -> None:
    p = tmp_path / "cosing.csv"
    p.write_text(EXPORT, encoding="utf-8")
    write_inventory(read_cosing_rows(p), tmp_path / "inv", "test export", p.name)
    inv = Inventory(tmp_path / "inv")
    assert len(inv) == 4
    assert inv.header()[0] == "test export"
    assert inv.name_of("peg 40 hydrogenated castor oil") == "PEG-40 Hydrogenated Castor Oil"  # compact spelling
    assert inv.name_of("peg-40 castor oil") is None
    rec = inv.record("Limonene")
    assert rec is not None and rec.cas == ("138-86-3", "5989-27-5") and rec.functions == ("Perfuming",)
    assert [inv.name_at(r) for r in inv.rows_with_cas("5989-27-5")] == ["Limonene"]
    assert inv.same_signature(signature("exolabelia testensis root extract"), 30, 40) == [
        "exolabelia testensis root extract"
    ]
    assert inv.same_signature(signature("exolabelia testensis root extract"), 34, 40) == []


def test_import_then_scan_recognizes_the_new_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXOLABEL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EXOLABEL_NO_IMPORTED", raising=False)
    p = tmp_path / "cosing.csv"
    p.write_text(EXPORT, encoding="utf-8")
    runner = CliRunner()
    text = "Water, Exolabelia Testensis Root Extract"
    before = json.loads(runner.invoke(app, ["scan", text, "--format", "json", "--fail-on", "never"]).output)
    assert before["results"][0]["ingredients"][1]["known"] is None
    result = runner.invoke(app, ["lexicon", "import-cosing", str(p)])
    assert result.exit_code == 0 and "imported 4" in result.output
    after = json.loads(runner.invoke(app, ["scan", text, "--format", "json", "--fail-on", "never"]).output)
    assert after["results"][0]["ingredients"][1]["known"] == "Exolabelia Testensis Root Extract"


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lexicon", "import-cosing", str(p)])
    assert result.exit_code != 0


def test_the_default_inventory_records_its_source_and_date() -> None:
    inv = Inventory(PACKAGED_DIR)
    assert inv.header()[0] == DEFAULT_RECORD
    assert "2020-12-30" in DEFAULT_RECORD and "2011/833/EU" in DEFAULT_RECORD
    assert len(inv) > 28_000


def test_every_inventory_name_is_known_by_default() -> None:
    from exolabel.scanner import Scanner

    scanner = Scanner()
    text = ", ".join(
        [
            "Laminaria Saccharina Extract",
            "Corallina Officinalis Extract",
            "Yeast Amino Acids",
            "Helianthus Annuus (Sunflower) Seedcake",
            "Citrus Grandis (Grapefruit) Peel Oil",
        ]
    )
    report = scanner.scan(text)
    assert [s.known for s in report.ingredients] == [
        "Laminaria Saccharina Extract",
        "Corallina Officinalis Extract",
        "Yeast Amino Acids",
        "Helianthus Annuus Seedcake",
        "Citrus Grandis Peel Oil",
    ]


def test_identity_accessor_for_other_stages() -> None:
    if default_inventory().folder != PACKAGED_DIR:
        pytest.skip("a user-imported inventory is in use")
    rec = inci_record("Citrus Aurantium Bergamia (Bergamot) Fruit Oil")
    assert rec is not None and rec.cas == ("8007-75-8",) and "Perfuming" in rec.functions
    assert "Citrus Aurantium Bergamia Fruit Oil" in names_with_cas("8007-75-8")
    assert inci_record("Linalool") is not None and inci_record("Linalool").cas == ("78-70-6",)  # type: ignore[union-attr]
    assert inci_record("Not An Ingredient Name") is None


@pytest.mark.skipif(not SHARED_EXPORT.is_file(), reason="the team's copy of the CosIng export is not here")
def test_packaged_inventory_is_what_the_importer_builds_from_the_2020_export(tmp_path: Path) -> None:
    write_inventory(read_cosing_rows(SHARED_EXPORT), tmp_path, DEFAULT_RECORD, SHARED_EXPORT.name)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (PACKAGED_DIR / name).read_bytes(), name
