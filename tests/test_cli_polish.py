"""Polish a person notices: -V, shell completion, the README's first command on one screen, --details/-v, the
config's avoid list, plural words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import __version__, exitcodes
from exolabel.cli import app, main

ROOT = Path(__file__).resolve().parents[1]
TNS = ROOT / "examples" / "labels" / "skinmedica-tns-recovery-complex.yaml"
runner = CliRunner()


def proc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exolabel", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str) -> None:
    r = runner.invoke(app, [flag])
    assert r.exit_code == 0 and r.stdout.strip() == f"exolabel {__version__}"


def test_shell_completion_offers_commands_and_options() -> None:
    p = proc(env={"_EXOLABEL_COMPLETE": "complete_bash", "COMP_WORDS": "exolabel ex", "COMP_CWORD": "1"})
    assert p.stdout.split() == ["explain"], p.stderr
    p = proc(env={"_EXOLABEL_COMPLETE": "complete_bash", "COMP_WORDS": "exolabel scan --avo", "COMP_CWORD": "2"})
    assert p.stdout.split() == ["--avoid"], p.stderr
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize("columns", ["80", "100"])
def test_readme_first_command_as_a_subprocess(columns: str) -> None:
    p = proc("scan", str(TNS), env={"COLUMNS": columns})
    assert p.returncode == exitcodes.FINDINGS, p.stderr  # human material: an error-level fact
    lines = p.stdout.rstrip("\n").split("\n")
    assert all(len(line) <= int(columns) for line in lines)
    if columns == "100":
        assert len(lines) <= 30, p.stdout
    refs = [line for line in lines if line.startswith("[")]
    assert len(refs) == len(set(refs)) and "source:" not in p.stdout
    assert "Traceback" not in p.stderr and p.stderr == ""


@pytest.mark.parametrize("flag", ["--details", "-v"])
def test_details_prints_the_paragraphs(flag: str) -> None:
    short = runner.invoke(app, ["scan", str(TNS)]).stdout
    long = runner.invoke(app, ["scan", flag, str(TNS)]).stdout
    assert "Hydroperoxides of linalool were the 4th most frequent" in " ".join(long.split())
    assert "Hydroperoxides" not in short and "--details for the full text" in short
    assert len(long.splitlines()) > 2 * len(short.splitlines())


def test_config_avoid_list_and_option_add_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".exolabel.yaml").write_text("avoid: [fragrance]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = runner.invoke(app, ["scan", "--avoid", "Coumarin,human", str(TNS)]).stdout
    line = next(x for x in out.splitlines() if x.startswith("Avoid list"))
    assert "#1 Human Neonatal" in line and "#12 Parfum (fragrance)" in line
    assert "on your avoid list" in out.splitlines()[1] + out.splitlines()[2]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".exolabel.yaml").write_text("avoid: 3\n", encoding="utf-8")
    monkeypatch.chdir(bad)
    assert main(["scan", "Water"]) == exitcodes.ERROR
    assert "'avoid' must be a list" in capsys.readouterr().err


def test_no_plural_slips_in_counts() -> None:
    out = runner.invoke(app, ["scan", "--fail-on", "never", "Water, Exosomes"]).stdout
    assert "2 ingredients" in out and "1 warning (!)" in out and "1 note (·)" in out
    assert "1 warnings" not in out and "1 notes" not in out and "1 ingredients" not in out
