"""``exolabel check`` cannot pass by checking nothing: the same files from any working directory, no label file
is an error, a baseline only when named, unknown markets/types/rules refused, problems at their own place,
links out of the repository never read. CliRunner for the many cases, a real process where the shell matters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app

runner = CliRunner()
SERUM = "product: Serum\ningredients: |\n  Water, Glycerin,\n  Exosomes\n"
CLEAN = "product: Toner\ningredients: Water, Glycerin\n"


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        res = runner.invoke(app, ["check", *args], env={"GITHUB_ACTIONS": "", "NO_COLOR": "", **(env or {})})
    finally:
        os.chdir(old)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "brand"
    (root / "labels" / "legacy").mkdir(parents=True)
    (root / "labels" / "serum.yaml").write_text(SERUM, encoding="utf-8")
    (root / "labels" / "legacy" / "toner.yaml").write_text(CLEAN, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "mkdocs-nav.yaml").write_text("nav: [index.md]\n", encoding="utf-8")  # not under labels/
    (root / ".git").mkdir()  # the repository root
    (root / ".exolabel.yaml").write_text("include: ['labels/**']\nselect: [SR01]\nfail-on: warning\n", encoding="utf-8")
    return root


def sources(out: str) -> list[str]:
    return [r["source"] for r in json.loads(out)["results"]]


def test_the_same_files_from_the_root_a_subfolder_and_with_a_path(repo: Path, tmp_path: Path) -> None:
    expected = ["labels/serum.yaml", "labels/legacy/toner.yaml"]  # a folder's files, then its subfolders
    assert sources(run(repo, "-f", "json")[1]) == expected
    assert sources(run(repo, "labels", "-f", "json")[1]) == expected
    assert sources(run(repo / "labels", "-f", "json")[1]) == ["serum.yaml", "legacy/toner.yaml"]
    assert sources(run(repo / "labels", ".", "-f", "json")[1]) == ["serum.yaml", "legacy/toner.yaml"]
    assert sources(run(repo / "labels" / "legacy", "-f", "json")[1]) == ["toner.yaml"]
    assert sources(run(repo, "labels/legacy", "-f", "json")[1]) == ["labels/legacy/toner.yaml"]
    # from outside the repository, naming it: its config is found from the path
    out = run(tmp_path, "brand", "-f", "json")[1]
    assert sources(out) == ["brand/labels/serum.yaml", "brand/labels/legacy/toner.yaml"]
    # pre-commit's file list: every changed file, filtered by the same globs
    code, out, _ = run(repo, "--filter-files", "labels/serum.yaml", "docs/mkdocs-nav.yaml", ".exolabel.yaml")
    assert code == exitcodes.FINDINGS and "labels/serum.yaml:4:3: warning SR01" in out
    assert "mkdocs" not in out and out.splitlines()[-1].startswith("1 file checked")
    code, out, _ = run(repo / "labels", "--filter-files", "serum.yaml", "../docs/mkdocs-nav.yaml")
    assert code == exitcodes.FINDINGS and "serum.yaml:4:3: warning SR01" in out


def test_a_walked_folder_is_filtered_by_the_config_globs(repo: Path) -> None:
    # docs/ is outside 'include': walking it finds no label file, which is an error
    code, out, _ = run(repo, "docs")
    assert code == exitcodes.ERROR and "no label files found under docs (include: labels/**)" in out


def test_no_label_file_is_an_error_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("# empty\n", encoding="utf-8")
    code, out, _ = run(tmp_path)
    assert code == exitcodes.ERROR and "error: no label files found under . (include: **/*.yaml" in out
    code, out, err = run(tmp_path, "-f", "github")
    assert code == exitcodes.ERROR
    assert out.startswith("::error title=exolabel::no label files found under .") and "no label files" in err
    for fmt in ("json", "sarif", "junit"):
        assert run(tmp_path, "-f", fmt)[0] == exitcodes.ERROR
    doc = json.loads(run(tmp_path, "-f", "sarif")[1])
    (inv,) = doc["runs"][0]["invocations"]
    assert (
        not inv["executionSuccessful"] and "no label files" in inv["toolExecutionNotifications"][0]["message"]["text"]
    )
    assert ET.fromstring(run(tmp_path, "-f", "junit")[1]).get("errors") == "1"
    assert run(tmp_path, "--allow-empty")[0] == exitcodes.OK
    assert run(tmp_path, "--filter-files", "README.md")[0] == exitcodes.OK  # pre-commit: nothing changed


def test_a_baseline_is_used_only_when_named(repo: Path) -> None:
    assert run(repo, "--write-baseline")[0] == exitcodes.OK  # no baseline named: written to the default name
    assert (repo / ".exolabel-baseline.json").is_file()
    code, _out, err = run(repo)
    assert code == exitcodes.FINDINGS and ".exolabel-baseline.json is not used" in err
    code, out, _ = run(repo, "--baseline", ".exolabel-baseline.json")
    assert code == exitcodes.OK and "1 baselined" in out
    cfg = repo / ".exolabel.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "baseline: .exolabel-baseline.json\n", encoding="utf-8")
    assert run(repo)[0] == exitcodes.OK
    assert run(repo / "labels")[0] == exitcodes.OK  # found from a subfolder too: keys are relative to the baseline
    code, out, _ = run(repo, "labels", "--isolated", "--fail-on", "warning", "--select", "SR01")
    assert code == exitcodes.FINDINGS and "baselined" not in out
    assert run(repo, "--no-baseline")[0] == exitcodes.FINDINGS


def test_unknown_markets_product_types_and_rules_are_exit_2_with_a_suggestion(repo: Path) -> None:
    code, _out, err = run(repo, "-m", "ue")
    assert code == exitcodes.ERROR and "unknown --market 'ue' (did you mean 'eu'?)" in err
    code, _out, err = run(repo, "--product-type", "leave_on")
    assert code == exitcodes.ERROR and "did you mean 'leave-on'?" in err
    code, _out, err = run(repo, "--select", "SRO1,source.human-orign")
    assert code == exitcodes.ERROR and "unknown rule 'source.human-orign'" in err and "source.human-origin" in err
    cfg = repo / ".exolabel.yaml"
    cfg.write_text("include: ['labels/**']\nmarkets: [eu, uk, ue]\n", encoding="utf-8")
    code, out, err = run(repo, "-f", "github")
    assert code == exitcodes.ERROR
    assert "::error file=.exolabel.yaml,line=2,col=19,title=exolabel::unknown market 'ue'" in out
    assert ".exolabel.yaml:2:19: unknown market 'ue'" in err
    cfg.write_text("include: ['labels/**']\n", encoding="utf-8")
    (repo / "labels" / "serum.yaml").write_text(SERUM + "markets: [EU, su]\n", encoding="utf-8")
    code, out, _ = run(repo)
    assert code == exitcodes.ERROR and "labels/serum.yaml:5:1: error: unknown market 'su' (did you mean 'us'?" in out


def test_label_file_problems_are_each_at_their_own_place_in_every_format(repo: Path) -> None:
    bad = repo / "labels" / "bad.yaml"
    bad.write_text("product: Bad\ningredients: Water, Exosomes\nproduct_type: spray\nsize: 30 ml\n", encoding="utf-8")
    code, out, _ = run(repo)
    assert code == exitcodes.ERROR
    lines = [x for x in out.splitlines() if x.startswith("labels/bad.yaml")]
    assert len(lines) == 2
    assert lines[0].startswith("labels/bad.yaml:4:1: error: unknown key 'size'") or lines[1].startswith(
        "labels/bad.yaml:4:1: error: unknown key 'size'"
    )
    assert any(x.startswith("labels/bad.yaml:3:1: error: 'product_type: spray' is not allowed") for x in lines)
    gh = [x for x in run(repo, "-f", "github")[1].splitlines() if "bad.yaml" in x]
    assert sorted(x.split("::")[1] for x in gh) == [
        "error file=labels/bad.yaml,line=3,col=1,title=exolabel",
        "error file=labels/bad.yaml,line=4,col=1,title=exolabel",
    ]
    errors = json.loads(run(repo, "-f", "json")[1])["errors"]
    assert sorted((e["line"], e["column"]) for e in errors) == [(3, 1), (4, 1)]
    notes = json.loads(run(repo, "-f", "sarif")[1])["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    regions = sorted(tuple(n["locations"][0]["physicalLocation"]["region"].values()) for n in notes)
    assert regions == [(3, 1), (4, 1)]
    junit = ET.fromstring(run(repo, "-f", "junit")[1])
    assert sorted(c.get("line") for c in junit.iter("testcase") if c.find("error") is not None) == ["3", "4"]


def test_a_json_label_error_is_at_its_key(repo: Path) -> None:
    (repo / "labels" / "bad.json").write_text(
        '{\n  "product": "X",\n  "ingredients": ["Water"],\n  "markets": "eu",\n  "colour": "red"\n}\n',
        encoding="utf-8",
    )
    out = run(repo, "labels/bad.json")[1]
    assert "labels/bad.json:5:3: error: unknown key 'colour'" in out


def test_a_file_that_is_not_a_label_is_never_quoted(repo: Path) -> None:
    (repo / "labels" / "deploy.yaml").write_text("token: hunter2-SECRET\nhost: db.internal\n", encoding="utf-8")
    (repo / "labels" / "broken.json").write_text('{"password": "hunter2-SECRET", oops}\n', encoding="utf-8")
    (repo / "labels" / "tagged.yaml").write_text("key: !secret-TAG hunter2-SECRET\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github", "junit"):
        code, out, err = run(repo, "-f", fmt)
        assert code == exitcodes.ERROR
        assert "hunter2" not in out + err and "SECRET" not in out + err and "db.internal" not in out + err
    out = run(repo)[1]
    assert "labels/deploy.yaml:1:1: error: not a label file (not a mapping with an 'ingredients' key)" in out
    assert "labels/broken.json:1:" in out


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links not available")


def test_a_link_out_of_the_repository_is_not_read_and_is_reported_skipped(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "runner"
    outside.mkdir()
    (outside / "secret.yaml").write_text("ingredients: Water, TOKEN-abc123-LEAK\n", encoding="utf-8")
    (outside / "more.yaml").write_text("ingredients: Water, Exosomes, LEAK-TWO\n", encoding="utf-8")
    _link(repo / "labels" / "x.yaml", outside / "secret.yaml")
    _link(repo / "labels" / "ext", outside)
    _link(repo / "labels" / "again.yaml", repo / "labels" / "serum.yaml")  # inside the repository: read
    for fmt in ("text", "json", "sarif", "github", "junit"):
        code, out, err = run(repo, "-f", fmt, "--fail-on", "never")
        assert code == exitcodes.OK, (fmt, out)
        assert "LEAK" not in out + err and "abc123" not in out + err
        assert "labels/x.yaml" in out and "labels/ext" in out, (fmt, out)
    out = run(repo, "--fail-on", "never")[1]
    assert "labels/x.yaml: warning: symbolic link to a file outside the repository root: not read" in out
    assert "labels/ext: warning: symbolic link to a directory outside the repository root: not read" in out
    assert "labels/again.yaml:4:3: warning SR01" in out and "(2 skipped)" in out
    github = run(repo, "-f", "github", "--fail-on", "never")[1]
    assert "::warning file=labels/x.yaml,title=exolabel::symbolic link to a file outside" in github
    # named explicitly, as pre-commit would: still not read
    code, out, _ = run(repo, "--filter-files", "labels/x.yaml")
    assert code == exitcodes.OK and "LEAK" not in out and "not read" in out
    code, out, _ = run(repo, "labels/x.yaml")
    assert "LEAK" not in out and "not read" in out


def test_colour_at_a_terminal_only(repo: Path) -> None:
    code, out, _ = run(repo, "--color")
    assert (
        code == exitcodes.FINDINGS and "\x1b[33mwarning\x1b[0m" in out and "\x1b[1mlabels/serum.yaml:4:3:\x1b[0m" in out
    )
    assert "\x1b[" not in run(repo)[1]  # CliRunner's stdout is not a terminal
    if sys.platform == "win32":
        return
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    for no_color, want in ((None, True), ("1", False)):
        if no_color:
            env["NO_COLOR"] = no_color
        leader, follower = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "exolabel", "check"], cwd=repo, stdout=follower, stderr=subprocess.DEVNULL, env=env
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(leader)
        assert proc.wait(timeout=120) == exitcodes.FINDINGS
        seen = b"".join(chunks).decode()
        assert ("\x1b[33mwarning\x1b[0m" in seen) is want, seen
        assert "labels/serum.yaml:4:3:" in seen
