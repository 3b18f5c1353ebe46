"""Input as people give it: piped text without '-', missing or mistyped paths, directories, unknown markets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app
from exolabel.rules.markets import market_problem, unknown_markets

ROOT = Path(__file__).resolve().parents[1]
TNS = ROOT / "examples" / "labels" / "skinmedica-tns-recovery-complex.yaml"
runner = CliRunner()


def cli(*args: str, input: str | None = None):
    return runner.invoke(app, ["scan", *args], input=input)


def proc(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "exolabel", "scan", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_piped_text_needs_no_dash() -> None:
    p = proc("--format", "json", "--fail-on", "never", stdin=b"Water, Exosomes 5%, Glycerin\n")
    assert p.returncode == exitcodes.OK, p.stderr
    (res,) = json.loads(p.stdout)["results"]
    assert [i["name"] for i in res["ingredients"]] == ["Water", "Exosomes", "Glycerin"]
    assert b"Paste" not in p.stderr  # no prompt when the text is piped


def test_piped_text_is_titled_pasted_list_in_the_text_report() -> None:
    p = proc("--fail-on", "never", stdin=b"Water, Glycerin, Niacinamide\n")
    assert p.returncode == exitcodes.OK, p.stderr
    first = p.stdout.decode().splitlines()[0]
    assert first.startswith("pasted list"), first
    assert "\n-\n" not in p.stdout.decode()


def test_empty_pipe_is_exit_2_with_a_message() -> None:
    p = proc(stdin=b"")
    assert p.returncode == exitcodes.ERROR
    assert b"stdin: no ingredient text" in p.stderr and b"Traceback" not in p.stderr


@pytest.mark.parametrize("arg", ["examples/labls", "labels/serum.yaml", "./serum", "mylabel", "no-such.txt"])
def test_a_missing_path_is_exit_2_naming_it(arg: str) -> None:
    r = cli(arg)
    assert r.exit_code == exitcodes.ERROR, r.output
    assert f"'{arg}'" in r.stderr and "no such file or directory" in r.stderr


def test_a_directory_is_exit_2() -> None:
    r = cli(str(TNS.parent))
    assert r.exit_code == exitcodes.ERROR
    assert "is a directory" in r.stderr


@pytest.mark.parametrize("arg", ["Aqua/Water/Eau", "Niacinamide", "Exosomes"])
def test_one_known_ingredient_name_is_still_text(arg: str) -> None:
    r = cli("--format", "json", "--fail-on", "never", arg)
    assert r.exit_code == exitcodes.OK, r.stderr
    assert json.loads(r.stdout)["results"][0]["source"] is None


def test_a_trailing_comma_makes_an_unknown_word_text() -> None:
    r = cli("--format", "json", "--fail-on", "never", "Foobarin,")
    # read as text, not as a missing path; one unknown word is no ingredient list (issue 13), so exit 2 says so
    assert r.exit_code == exitcodes.ERROR, r.stderr
    assert "no ingredient list" in r.stderr and "Foobarin" in r.stderr
    assert "no such file" not in r.stderr.lower()


def test_a_missing_path_does_not_stop_the_other_inputs() -> None:
    r = cli("--format", "json", "--fail-on", "never", "missing/label.yaml", str(TNS))
    assert r.exit_code == exitcodes.ERROR
    doc = json.loads(r.stdout)
    assert [x["source"] for x in doc["results"]] == [str(TNS)]
    assert doc["errors"] and "missing/label.yaml" in doc["errors"][0]["message"]


def test_unknown_market_is_exit_2_naming_the_known_ones() -> None:
    r = cli("-m", "ue", "Water, Human Fibroblast Conditioned Media")
    assert r.exit_code == exitcodes.ERROR
    assert "unknown --market 'ue'" in r.stderr and "did you mean 'eu'" in r.stderr
    for known in ("eu", "uk", "us", "kr"):
        assert known in r.stderr.split("known markets:")[1]
    assert r.stdout == ""


def test_market_case_and_comma_lists_are_accepted() -> None:
    r = cli("--format", "json", "-m", "EU,us", "--fail-on", "never", "Water, Human Fibroblast Conditioned Media")
    assert r.exit_code == exitcodes.OK, r.stderr


def test_unknown_market_in_the_config_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".exolabel.yaml").write_text("markets: [eu, mars]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("Water, Glycerin")
    assert r.exit_code == exitcodes.ERROR
    assert "'mars'" in r.stderr and "config" in r.stderr


def test_unknown_market_in_a_label_file_is_an_input_error(tmp_path: Path) -> None:
    label = tmp_path / "serum.yaml"
    label.write_text("product: Serum\nmarkets: [eu, ue]\ningredients: Water, Exosomes\n", encoding="utf-8")
    r = cli("--format", "json", str(label), str(TNS))
    assert r.exit_code == exitcodes.ERROR
    doc = json.loads(r.stdout)
    assert [x["source"] for x in doc["results"]] == [str(TNS)]
    assert "'ue'" in doc["errors"][0]["message"]


def test_market_validator() -> None:
    assert unknown_markets(["eu", "EU", "xx", "xx"], ["eu", "us"]) == ("xx",)
    assert market_problem(["eu"], ["eu"]) is None
    msg = market_problem(["xx", "yy"], ["us", "eu"], "--market")
    assert msg == "unknown --markets 'xx', 'yy'; known markets: eu, us"


def test_json_numbering_matches_the_text_report_and_shows_applied_markets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".exolabel.yaml").write_text("markets: [eu]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    label = "Water, Human Fibroblast Conditioned Media, Parfum"
    doc = json.loads(cli("--format", "json", "--fail-on", "never", label).stdout)
    (res,) = doc["results"]
    assert res["markets"] == [] and res["markets_applied"] == ["eu"]
    assert [(i["index"], i["number"]) for i in res["ingredients"]] == [(0, 1), (1, 2), (2, 3)]
    text = cli("--fail-on", "never", label).stdout
    for f in res["findings"]:
        if f["number"] is not None and f["severity"] != "info":
            assert f"#{f['number']} {res['ingredients'][f['number'] - 1]['name']}" in text
    sr02 = next(f for f in res["findings"] if f["rule"] == "SR02")
    assert sr02["severity"] == "error" and sr02["number"] == 2
    both = json.loads(cli("--format", "json", "-m", "us", "--isolated", "--fail-on", "never", str(TNS)).stdout)
    assert both["results"][0]["markets_applied"] == ["us"]


class _Pipe:
    """A piped stdin whose buffer remembers how far it was read."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize(
    ("head", "limit"),
    [(b"Aqua, Glycerin, ", 1_000), (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", 40_000), (b"\x89PNG\r\n\x1a\n", 40_000)],
)
def test_piped_stdin_is_read_no_further_than_its_kind_allows(head: bytes, limit: int) -> None:
    """Text is never read past the text limit (+1 byte to tell it is over), even when photos may be larger; a
    piped photo (JPEG, PNG signature) is read up to the photo limit."""
    from exolabel.cli.common import read_stdin

    pipe = _Pipe(head + b"x" * 100_000)
    data = read_stdin(1_000, stdin=pipe, photo_bytes=40_000)
    assert len(data) == limit + 1
    assert pipe.buffer.tell() == limit + 1
    assert data.startswith(head)


def test_piped_text_over_the_limit_is_refused_by_name() -> None:
    res = CliRunner().invoke(app, ["scan", "--max-label-bytes", "2000", "-"], input="Aqua, " * 2000)
    assert res.exit_code == exitcodes.ERROR
    assert "over --max-label-bytes 2,000" in res.output
