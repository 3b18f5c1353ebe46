"""The composite GitHub Action (action.yml) and the sample brand repository's CI, end to end.

A copy of examples/brand-repo is checked the way its workflow and its pre-commit hook would check it: the
workflow's ``with:`` inputs over the action's defaults, each ``run:`` step of the action run by bash with
GitHub's own flags (``bash --noprofile --norc -eo pipefail``) and a ``GITHUB_OUTPUT`` file, the upload step's
condition evaluated on the outputs; and ``pre-commit run`` with the repository's own .pre-commit-config.yaml.
setup-python and the install step are GitHub's (exolabel is already installed here). They must pass on the
committed labels and fail, visibly, on a bad one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from exolabel import exitcodes

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "examples" / "brand-repo"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((BRAND / ".github" / "workflows" / "exolabel.yml").read_text(encoding="utf-8"))
needs_shell = pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("git") is None or sys.version_info < (3, 11),
    reason="needs bash, git and tomllib (the sample repository has a TOML label)",
)
NEW_LABEL = "product: New Serum\ningredients: |\n  Water, Glycerin, Exosomes, Phenoxyethanol\n"


def test_action_shape() -> None:
    assert ACTION["runs"]["using"] == "composite"
    declared = set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash"
        used = set(re.findall(r"inputs\.([\w-]+)", json.dumps(step)))
        assert used <= declared, used - declared
        assert "|| true" not in step.get("run", ""), "a failing check must fail the step"
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"


def _steps(job: dict) -> tuple[dict, list[dict]]:
    """The workflow's exolabel step and the steps after it."""
    steps = job["steps"]
    i = next(n for n, s in enumerate(steps) if s.get("id") == "exolabel")
    return steps[i], steps[i + 1 :]


class Run(NamedTuple):
    code: int
    out: str
    outputs: dict[str, str]
    uploads: bool  # whether the workflow's upload-sarif step would run


def run_workflow(repo: Path, workflow: dict = WORKFLOW) -> Run:
    (job,) = workflow["jobs"].values()
    step, after = _steps(job)
    inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    inputs.update({k: str(v) for k, v in step.get("with", {}).items()})
    output = repo.parent / "github_output"
    output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        GITHUB_OUTPUT=str(output),
        GITHUB_ACTIONS="true",
    )
    code, out = 0, ""
    for s in ACTION["runs"]["steps"]:
        if "run" not in s or "pip install" in s["run"]:
            continue
        expand = lambda v: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(v))  # noqa: E731
        step_env = {**env, **{k: expand(v) for k, v in s.get("env", {}).items()}}
        res = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s["run"]],
            cwd=repo,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert "Traceback" not in res.stderr, res.stderr
        code, out = res.returncode, res.stdout + res.stderr
        if code:
            break  # a failed step ends the composite action
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    (upload,) = [s for s in after if "upload-sarif" in s.get("uses", "")]
    assert upload["if"] == "always() && steps.exolabel.outputs.sarif-file != ''"
    uploads = outputs.get("sarif-file", "") != ""
    if uploads:
        assert upload["with"]["sarif_file"] == "${{ steps.exolabel.outputs.sarif-file }}"
        assert (repo / outputs["sarif-file"]).is_file()
    return Run(code, out, outputs, uploads)


def run_pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dst = tmp_path / "brand-repo"
    shutil.copytree(BRAND, dst)
    subprocess.run(["git", "init", "-q"], cwd=dst, check=True, capture_output=True)
    return dst


@needs_shell
def test_the_workflow_passes_on_the_committed_labels_and_fails_on_a_bad_one(repo: Path) -> None:
    good = run_workflow(repo)
    assert good.code == exitcodes.OK, good.out
    assert good.uploads and good.outputs["sarif-file"] == "exolabel.sarif"
    doc = json.loads((repo / "exolabel.sarif").read_text(encoding="utf-8"))
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"]
    assert "exolabel: 5 files" in good.out

    (repo / "labels" / "new-serum.yaml").write_text(NEW_LABEL, encoding="utf-8")
    bad = run_workflow(repo)
    assert bad.code == exitcodes.FINDINGS
    assert "::error file=labels/new-serum.yaml,line=3,col=20," in bad.out
    assert bad.uploads  # the findings still reach code scanning


@needs_shell
@pytest.mark.parametrize(
    ("change", "annotation"),
    [
        ("broken", "::error file=labels/broken.yaml,line=3,col=1,title=exolabel::invalid YAML"),
        ("empty", "::error title=exolabel::no label files found under labels"),
        ("market", "::error file=.exolabel.yaml,line=4,col=11,title=exolabel::unknown market 'ue'"),
    ],
)
def test_the_workflow_fails_visibly_when_something_cannot_be_checked(repo: Path, change: str, annotation: str) -> None:
    if change == "broken":
        (repo / "labels" / "broken.yaml").write_text("product: X\ningredients: [Water\n", encoding="utf-8")
    elif change == "empty":
        shutil.rmtree(repo / "labels")
        (repo / "labels").mkdir()
    else:
        cfg = repo / ".exolabel.yaml"
        cfg.write_text(cfg.read_text(encoding="utf-8").replace("[eu, us]", "[ue, us]"), encoding="utf-8")
    res = run_workflow(repo)
    assert res.code == exitcodes.ERROR and annotation in res.out, res.out


@needs_shell
def test_a_sarif_file_that_cannot_be_written_fails_the_step_and_is_not_uploaded(repo: Path) -> None:
    (job,) = WORKFLOW["jobs"].values()
    step, after = _steps(job)
    step = {**step, "with": {**step["with"], "sarif-file": "no-such-dir/exolabel.sarif"}}
    res = run_workflow(repo, {"jobs": {"exolabel": {"steps": [step, *after]}}})
    assert res.code == exitcodes.ERROR and "no SARIF report was written to no-such-dir/exolabel.sarif" in res.out
    assert not res.uploads


@needs_shell
def test_the_pre_commit_hook_passes_on_the_committed_labels_and_fails_on_a_bad_one(repo: Path) -> None:
    pytest.importorskip("pre_commit")
    res = run_pre_commit(repo)
    assert res.returncode == exitcodes.OK, res.stdout + res.stderr
    (repo / "labels" / "new-serum.yaml").write_text(NEW_LABEL, encoding="utf-8")
    res = run_pre_commit(repo)
    assert res.returncode == exitcodes.FINDINGS, res.stdout + res.stderr
    assert "labels/new-serum.yaml:3:20: error SR01" in res.stdout
    (repo / "labels" / "new-serum.yaml").write_text(NEW_LABEL.replace("Exosomes", "Lactobacillus Ferment Lysate"))
    res = run_pre_commit(repo)
    assert res.returncode == exitcodes.OK, res.stdout + res.stderr
