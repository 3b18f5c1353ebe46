"""The sample brand repository (examples/brand-repo) checked as CI would: ``exolabel check`` as a real
subprocess, its exit code and every output format; then a new label, which must fail."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exolabel import exitcodes

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "examples" / "brand-repo"
STALE = (
    "the sample brand repository's baseline no longer matches exolabel's findings (new rules or lexicon?): "
    "run 'cd examples/brand-repo && exolabel check --write-baseline', review the diff and commit it"
)


def exolabel(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "exolabel", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.version_info < (3, 11):
        pytest.skip("the sample repository has a TOML label (Python 3.11+)")
    dst = tmp_path_factory.mktemp("brand") / "brand-repo"
    shutil.copytree(BRAND, dst)
    return dst


def test_the_committed_repository_passes_with_its_baseline(repo: Path) -> None:
    res = exolabel(repo)
    assert res.returncode == exitcodes.OK, STALE + "\n" + res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("5 files checked: 0 errors, 0 warnings, 0 info") and "suppressed" in last


def test_without_the_baseline_the_legacy_label_fails(repo: Path) -> None:
    res = exolabel(repo, "--no-baseline")
    assert res.returncode == exitcodes.FINDINGS
    # SR01 is raised to error by the config; the finding points at the ingredient in the legacy label
    (line,) = [x for x in res.stdout.splitlines() if " error SR01 " in x]
    path, lineno, col = line.split(":")[:3]
    assert path == "labels/legacy/cocktail-aqua-bb.yaml"
    text = (repo / path).read_text(encoding="utf-8").splitlines()[int(lineno) - 1]
    assert text[int(col) - 1 :].startswith("Oligopeptide-1,")
    # per-file-ignores: no LX02 from the legacy folder; inline suppressions: the two reviewed names
    assert not [x for x in res.stdout.splitlines() if x.startswith("labels/legacy/") and " LX02 " in x]
    assert "CETETH-3" not in res.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_every_output_format(repo: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    res = exolabel(repo, "--no-baseline", "--format", fmt, "--output", str(out))
    assert res.returncode == exitcodes.FINDINGS and res.stdout == ""
    body = out.read_text(encoding="utf-8")
    if fmt == "text":
        # SR01 (raised to error by the config) and SR02 (human conditioned media, market eu)
        assert body.splitlines()[-1].startswith("5 files checked: 2 errors")
    elif fmt == "json":
        doc = json.loads(body)
        assert len(doc["results"]) == 5 and doc["summary"]["error"] == 2 and doc["summary"]["suppressed"] >= 2
        assert all("location" in f for r in doc["results"] for f in r["findings"])
    elif fmt == "sarif":
        doc = json.loads(body)
        results = doc["runs"][0]["results"]
        assert doc["version"] == "2.1.0" and any(r["level"] == "error" and r["ruleId"] == "SR01" for r in results)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert all((repo / u).is_file() for u in uris)
        assert sum(1 for r in results if "suppressions" in r) >= 2
    elif fmt == "github":
        assert "::error file=labels/legacy/cocktail-aqua-bb.yaml,line=14," in body
    else:
        root = ET.fromstring(body)
        assert root.get("tests") and int(root.get("failures")) >= 1 and len(root.findall("testsuite")) == 5


def test_github_actions_environment_selects_annotations(repo: Path) -> None:
    res = exolabel(repo, "--no-baseline", env={"GITHUB_ACTIONS": "true"})
    assert res.returncode == exitcodes.FINDINGS and res.stdout.startswith("::")


def test_a_new_label_with_an_unsourced_exosome_fails(repo: Path) -> None:
    new = repo / "labels" / "new-serum.yaml"
    new.write_text(
        "product: New Serum\ningredients: |\n  Water, Glycerin, Exosomes, Phenoxyethanol\n", encoding="utf-8"
    )
    try:
        res = exolabel(repo)
        assert res.returncode == exitcodes.FINDINGS
        assert "labels/new-serum.yaml:3:20: error SR01 " in res.stdout
        assert "labels/tns-recovery-complex.yaml" not in res.stdout  # baselined
    finally:
        new.unlink()


def test_the_same_five_labels_from_the_root_labels_and_inside_labels(repo: Path) -> None:
    """Issue 16's 'done when', as a brand's engineer types it: never '0 files checked, exit 0'."""
    for cwd, args in ((repo, ()), (repo, ("labels",)), (repo / "labels", ()), (repo / "labels", (".",))):
        res = exolabel(cwd, *args, "--no-baseline")
        assert res.returncode == exitcodes.FINDINGS, (cwd, args, res.stdout[-500:], res.stderr)
        assert res.stdout.splitlines()[-1].startswith("5 files checked: 2 errors"), (cwd, args)
        res = exolabel(cwd, *args)  # with the baseline the config names
        last = res.stdout.splitlines()[-1]
        assert res.returncode == exitcodes.OK and last.startswith("5 files checked: 0 errors") and " baselined" in last


def test_isolated_applies_no_baseline_and_unknown_markets_are_refused(repo: Path) -> None:
    res = exolabel(repo, "labels", "--isolated", "--fail-on", "warning")
    assert res.returncode == exitcodes.FINDINGS and "baselined" not in res.stdout.splitlines()[-1]
    res = exolabel(repo, "-m", "ue")
    assert res.returncode == exitcodes.ERROR and "unknown --market 'ue' (did you mean 'eu'?)" in res.stderr
    assert "Traceback" not in res.stderr


def test_an_empty_tree_fails(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    shutil.copy(BRAND / ".exolabel.yaml", tmp_path / ".exolabel.yaml")
    for args in ((), ("labels",)):
        res = exolabel(tmp_path, *args)
        assert res.returncode == exitcodes.ERROR and "no label files found under" in res.stdout, res.stdout
