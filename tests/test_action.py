"""The composite GitHub Action (action.yml): its shape, and its exolabel steps run with bash as a runner would
(setup-python and the install step are GitHub's; exolabel is already installed here)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exolabel import exitcodes

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_shape() -> None:
    assert ACTION["runs"]["using"] == "composite"
    declared = set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        assert "uses" in step or step.get("shell") == "bash"
        used = set(re.findall(r"inputs\.([\w-]+)", json.dumps(step)))
        assert used <= declared, used - declared
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.sarif.outputs.sarif-file }}"


def _expand(value: str, inputs: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)


@pytest.mark.skipif(shutil.which("bash") is None or sys.version_info < (3, 11), reason="needs bash and tomllib")
def test_action_steps_write_sarif_and_fail_on_findings(tmp_path: Path) -> None:
    repo = tmp_path / "brand-repo"
    shutil.copytree(ROOT / "examples" / "brand-repo", repo)
    inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    inputs["args"] = "--no-baseline"
    output = tmp_path / "github_output"
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env.update(PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""), GITHUB_OUTPUT=str(output))
    codes = {}
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        step_env = {**env, **{k: _expand(str(v), inputs) for k, v in step.get("env", {}).items()}}
        res = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=repo, env=step_env, capture_output=True, text=True, timeout=300
        )
        codes[step.get("id") or step["name"]] = (res.returncode, res.stdout)
    assert codes["sarif"][0] == 0  # writing the report never fails the job
    assert output.read_text(encoding="utf-8").strip() == "sarif-file=exolabel.sarif"
    assert json.loads((repo / "exolabel.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    code, out = codes["Check labels"]
    assert code == exitcodes.FINDINGS and "::error file=labels/legacy/cocktail-aqua-bb.yaml" in out
