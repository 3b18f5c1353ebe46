"""The CLI contract: inputs, formats, exit codes, stdout/stderr split, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app, main

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "examples" / "labels"
runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.output


def test_scan_text_argument_gives_a_verdict() -> None:
    code, out = run("scan", "Water, Human Fibroblast Conditioned Media, Glycerin")
    assert "Verdict:" in out and "onditioned media from human cells" in out and "banned in EU/UK" in out
    assert code in (exitcodes.OK, exitcodes.FINDINGS)


def test_scan_stdin_and_json_contract() -> None:
    code, out = run("scan", "-", "--format", "json", "--fail-on", "never", input="Water, Exosomes 5%, Glycerin")
    assert code == exitcodes.OK
    doc = json.loads(out)
    assert doc["schema"] == 1 and doc["tool"]["name"] == "exolabel"
    (res,) = doc["results"]
    assert res["source"] == "-"
    ing = res["ingredients"][1]
    assert set(ing) >= {"index", "text", "name", "span", "concentration", "markers", "matches"}
    (m,) = ing["matches"]
    assert set(m) == {"id", "term", "category", "origin", "detail", "score", "method"}
    assert m["category"] == "exosome" and m["origin"] == "unspecified"
    assert ing["concentration"]["value"] == 5.0
    for f in res["findings"]:
        assert set(f) >= {"rule", "name", "severity", "message", "ingredient", "sources"}
    assert set(res["summary"]) >= {"ingredients", "ev_family", "findings"}


def test_several_files_give_one_result_each_in_order(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("# Source: test\nWater, Glycerin\n", encoding="utf-8")
    b = LABELS / "skinmedica-tns-recovery-complex.yaml"
    code, out = run("scan", str(a), str(b), "--format", "json", "--fail-on", "never")
    assert code == exitcodes.OK
    doc = json.loads(out)
    assert [r["source"] for r in doc["results"]] == [str(a), str(b)]
    assert [i["name"] for i in doc["results"][0]["ingredients"]] == ["Water", "Glycerin"]
    assert doc["results"][1]["product"] == "TNS Recovery Complex"


def test_fail_on_thresholds() -> None:
    text = "Water, Exosomes, Glycerin"  # a warning (unspecified source), no error
    assert run("scan", text, "--fail-on", "error")[0] == exitcodes.OK
    assert run("scan", text, "--fail-on", "warning")[0] == exitcodes.FINDINGS
    assert run("scan", text, "--fail-on", "never")[0] == exitcodes.OK


def test_bad_inputs_exit_2_and_other_inputs_are_still_reported(tmp_path: Path) -> None:
    png = tmp_path / "label.png.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    code, out = run("scan", str(png), "Water, Glycerin", "--format", "json")
    assert code == exitcodes.ERROR
    doc = json.loads(out.split("\n", 1)[1] if out.startswith("exolabel:") else out[out.index("{") :])
    assert len(doc["results"]) == 1 and doc["errors"][0]["source"] == str(png)


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "Water", "--format", "xml"],
        ["scan", "Water", "--fail-on", "sometimes"],
        ["scan", "Water", "--select", "NOPE99"],
        ["scan", "missing-file.txt"],
        ["scan", ""],
        ["rules", "ZZ99"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert main(args) == exitcodes.ERROR


def test_tokens_and_lexicon_lookup() -> None:
    code, out = run("tokens", "Aqua/Water/Eau, 1,2-Hexanediol, Niacinamide (5%)", "--format", "json")
    assert code == 0
    names = [i["name"] for i in json.loads(out)["results"][0]["ingredients"]]
    assert names == ["Aqua", "1,2-Hexanediol", "Niacinamide"]
    code, out = run("lexicon", "lookup", "Centella Asiatica Callus Extracellular Vesicles", "--format", "json")
    m = json.loads(out)["results"][0]["matches"][0]
    assert (m["category"], m["origin"], m["method"]) == ("plant_nanovesicle", "plant", "pattern")


def test_lexicon_lookup_names_the_lookalike_an_ocr_reading_is() -> None:
    """'Lecith1n' is read as Lecithin (OCR '1' for 'l'): lookup shows the look-alike's reason, as for 'Lecithin'."""
    code, out = run("lexicon", "lookup", "Lecith1n", "--format", "json")
    (r,) = json.loads(out)["results"]
    assert (code, r["known"], r["correction"]["method"], r["matches"]) == (0, "Lecithin", "ocr", [])
    assert (r["lookalike"]["id"], r["lookalike"]["term"]) == ("la.lecithin", "Lecithin")
    code, out = run("lexicon", "lookup", "Lecith1n")
    assert "look-alike la.lecithin: Phospholipid used to make liposomes" in out


def test_tokens_refuses_a_label_over_max_ingredients() -> None:
    result = runner.invoke(app, ["tokens", "Aqua, Glycerin, Niacinamide, Panthenol", "--max-ingredients", "3"])
    assert result.exit_code == exitcodes.ERROR
    assert "over --max-ingredients 3" in result.stderr
    assert "Traceback" not in result.output
    assert run("tokens", "Aqua, Glycerin, Niacinamide", "--max-ingredients", "3")[0] == 0


def test_lexicon_validate_builtin_and_user_file(tmp_path: Path) -> None:
    assert run("lexicon", "validate")[0] == 0
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "schema: 1\ncategory: exosome\nentries:\n  - id: my.x\n    term: X Exosomes\n    origin: alien\n"
        "    sources: [cosing]\n",
        encoding="utf-8",
    )
    code, out = run("lexicon", "validate", str(bad))
    assert code == exitcodes.FINDINGS and "mine.yaml:4" in out and "origin: alien" in out


def test_user_lexicon_extends_matching(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "schema: 1\ncategory: exosome\nentries:\n  - id: my.salmon\n    term: Salmon Roe Exosomes Complex\n"
        "    origin: animal\n    detail: salmon roe\n    sources: [cosing]\n",
        encoding="utf-8",
    )
    code, out = run(
        "scan", "Water, Salmon Roe Exosomes Complex", "--lexicon", str(mine), "--format", "json", "--fail-on", "never"
    )
    assert code == exitcodes.OK
    m = json.loads(out)["results"][0]["ingredients"][1]["matches"][0]
    assert (m["id"], m["method"], m["origin"]) == ("my.salmon", "exact", "animal")


def test_rules_list_and_explain() -> None:
    code, out = run("rules", "--format", "json")
    rules = json.loads(out)["rules"]
    assert code == 0 and all({"code", "name", "severity", "summary", "sources"} <= set(r) for r in rules)
    code, out = run("rules", "LX01")
    assert code == 0 and "Bad:" in out and "Good:" in out


def _subprocess(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "exolabel", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_real_subprocess_json_and_exit_code() -> None:
    p = _subprocess(
        "scan", "--format", "json", "--fail-on", "never", str(LABELS / "aq-skin-solutions-active-serum.yaml")
    )
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["results"][0]["summary"]["ev_family"] >= 1
    assert p.stderr == b""


def test_real_subprocess_no_traceback_on_bad_input_and_no_color() -> None:
    p = _subprocess("scan", "-", stdin=b"\x00\x01\x02\xff" * 50, env={"NO_COLOR": "1"})
    assert p.returncode == exitcodes.ERROR
    assert b"Traceback" not in p.stderr and b"error:" in p.stderr
    p = _subprocess("scan", "Water, Glycerin", env={"NO_COLOR": "1"})
    assert b"\x1b[" not in p.stdout


def test_version() -> None:
    p = _subprocess("--version")
    assert p.returncode == 0 and p.stdout.startswith(b"exolabel ")
