"""``exolabel rules``: list (text, json, markdown), explain one rule, selection; the README table is current."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app, main
from exolabel.rules import RULES
from exolabel.rules.doc import current_readme_table, readme_section
from exolabel.rules.loader import load_rule_data

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = current_readme_table(readme)
    assert current is not None, "README.md lacks the rules-table markers"
    assert current == readme_section(RULES, load_rule_data()), (
        "README rules table is stale: replace the lines between the rules-table markers with the output of "
        "'exolabel rules --format markdown'"
    )


def test_list_json_has_the_documented_shape() -> None:
    res = runner.invoke(app, ["rules", "--format", "json"])
    assert res.exit_code == exitcodes.OK
    rules = json.loads(res.stdout)["rules"]
    assert [r["code"] for r in rules] == [r.code for r in RULES]
    keys = {"code", "name", "severity", "usual_severity", "severity_range", "summary", "sources"}
    assert all(set(r) == keys for r in rules)
    ir01 = next(r for r in rules if r["code"] == "IR01")
    assert ir01["severity"] == "error" and ir01["usual_severity"] == "warning"
    assert ir01["severity_range"] == ["info", "error"]


def test_list_text_and_markdown() -> None:
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == exitcodes.OK and len(res.stdout.splitlines()) == len(RULES) + 1
    assert res.stdout.splitlines()[0].split() == ["code", "severity", "(range)", "name", "summary"]
    md = runner.invoke(app, ["rules", "--format", "markdown"]).stdout
    assert md.startswith("| code | name | usual severity | range | summary |") and md.count("\n") == len(RULES) + 2
    assert "IR01  warning (info-error)" in res.stdout


def test_select_and_ignore_by_group_code_and_name() -> None:
    def codes(*args: str) -> list[str]:
        res = runner.invoke(app, ["rules", "--format", "json", *args])
        assert res.exit_code == exitcodes.OK, res.output
        return [r["code"] for r in json.loads(res.stdout)["rules"]]

    assert codes("--select", "claim") == ["CL01", "CL02", "CL03", "CL04", "CL05"]
    assert codes("--select", "SR", "--ignore", "source.recombinant") == ["SR01", "SR02", "SR03"]
    assert codes("--select", "AL01,LX02") == ["AL01", "LX02"]
    assert runner.invoke(app, ["rules", "--select", "nonsense"]).exit_code == exitcodes.ERROR


def test_explain_one_rule_by_code_or_name() -> None:
    by_code = runner.invoke(app, ["rules", "IR03"])
    by_name = runner.invoke(app, ["rules", "irritant.denatured-alcohol"])
    assert by_code.exit_code == exitcodes.OK and by_code.stdout == by_name.stdout
    out = by_code.stdout
    assert "IR03 irritant.denatured-alcohol" in out and "Bad:  " in out and "Good: " in out
    assert "lofler-2007: " in out  # sources with their titles
    doc = json.loads(runner.invoke(app, ["rules", "SR02", "--format", "json"]).stdout)
    assert doc["examples"] and doc["doc"]


def test_unknown_rule_or_format_is_a_usage_error() -> None:
    assert runner.invoke(app, ["rules", "XX99"]).exit_code == exitcodes.ERROR
    assert runner.invoke(app, ["rules", "--format", "yaml"]).exit_code == exitcodes.ERROR


def test_scan_market_and_product_type_change_findings() -> None:
    text = "Water, Human Fibroblast Conditioned Media, Methylisothiazolinone"

    def findings(*args: str) -> set[tuple[str, str]]:
        res = runner.invoke(app, ["scan", text, "--format", "json", "--fail-on", "never", "--isolated", *args])
        return {(f["rule"], f["severity"]) for f in json.loads(res.stdout)["results"][0]["findings"]}

    eu = findings("--market", "eu")
    assert ("SR02", "error") in eu and ("RG01", "error") in eu and ("IR04", "error") in eu
    us = findings("--market", "us")
    assert ("SR02", "warning") in us and not any(r == "RG01" for r, _ in us)
    rinse = findings("--market", "eu", "--product-type", "rinse-off")
    assert ("IR04", "warning") in rinse and not any(r == "RG01" for r, _ in rinse)


def test_scan_rule_data_file_errors_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text("schema: 1\nkind: irritants\nentries:\n  - id: x.y\n    name: Z\n", encoding="utf-8")
    assert main(["scan", "Water", "--rule-data", str(bad), "--isolated"]) == exitcodes.ERROR
    err = capsys.readouterr().err
    assert "mine.yaml:4" in err and "missing required key" in err and "Traceback" not in err


def test_a_group_or_code_prefix_lists_the_group() -> None:
    for ref in ("IR", "irritant", "ir"):
        res = runner.invoke(app, ["rules", ref])
        assert res.exit_code == exitcodes.OK, res.output
        codes = [line.split()[0] for line in res.stdout.splitlines()[1:]]
        assert codes == [r.code for r in RULES if r.code.startswith("IR")]
    res = runner.invoke(app, ["rules", "allergen", "--format", "json"])
    assert [r["code"] for r in json.loads(res.stdout)["rules"]] == ["AL01", "AL02"]
    assert "SR02" in runner.invoke(app, ["rules", "SR02"]).stdout  # one rule is still explained
    bad = runner.invoke(app, ["rules", "XX"])
    assert bad.exit_code == exitcodes.ERROR and "no rule or group 'XX'" in bad.stderr
