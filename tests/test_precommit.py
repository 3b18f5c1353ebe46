"""The pre-commit hook in .pre-commit-hooks.yaml, run by pre-commit itself against a sample repository.

pre-commit would build a virtualenv and pip-install exolabel for ``language: python``, which needs the network;
the test instead runs the same hook definition (entry, files, flags) as a ``repo: local`` hook with
``language: system``, using the exolabel installed in this environment, so it runs offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exolabel import exitcodes

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)


def hook() -> dict:
    (h,) = [h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "exolabel-check"]
    return h


def test_hook_definition() -> None:
    h = hook()
    assert h["entry"].startswith("exolabel check") and h["language"] == "python" and h["pass_filenames"]


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_pre_commit_runs_the_hook_on_changed_label_files(tmp_path: Path) -> None:
    repo = tmp_path / "brand"
    (repo / "labels").mkdir(parents=True)
    (repo / "labels" / "ok.yaml").write_text("product: A\ningredients: Water, Glycerin\n", encoding="utf-8")
    (repo / "labels" / "bad.yaml").write_text("product: B\ningredients: |\n  Water, Exosomes\n", encoding="utf-8")
    (repo / "notes.yaml").write_text("not: a label\n", encoding="utf-8")  # outside 'include': left alone
    (repo / ".exolabel.yaml").write_text("include: ['labels/**']\nselect: [SR01]\nfail-on: warning\n", encoding="utf-8")
    h = {**hook(), "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [h]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for cmd in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(cmd, cwd=repo, check=True, capture_output=True)

    res = run(repo, "--all-files")
    assert res.returncode == exitcodes.FINDINGS, res.stdout + res.stderr
    assert "labels/bad.yaml:3:10: warning SR01" in res.stdout
    assert "notes.yaml" not in res.stdout.replace("labels/", "")

    res = run(repo, "--files", "labels/ok.yaml", "notes.yaml")
    assert res.returncode == exitcodes.OK, res.stdout + res.stderr

    (repo / "labels" / "bad.yaml").write_text(
        "product: B\ningredients: |\n  Water, Lactobacillus Extracellular Vesicles\n", encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=repo, check=True, capture_output=True)
    res = run(repo, "--all-files")
    assert res.returncode == exitcodes.OK, res.stdout + res.stderr
