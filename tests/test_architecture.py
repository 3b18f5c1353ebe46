"""The layout the README's architecture section draws: which stage may import which, and the house limits."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "exolabel"

# stage -> the exolabel stages it may import (besides itself). Mirrors the README's "How it works" table.
ALLOWED: dict[str, set[str]] = {
    "__init__": {"model", "scanner"},
    "__main__": {"cli"},
    "exitcodes": {"model"},
    "model": set(),
    "_fast": {"model"},
    "datafiles": set(),
    "tokenizer": {"model", "_fast"},
    "lexicon": {"model", "_fast", "datafiles", "tokenizer"},
    "rules": {"model", "_fast", "datafiles", "tokenizer", "lexicon"},
    "scanner": {"model", "_fast", "tokenizer", "lexicon", "rules"},
    "labelfile": {"model", "datafiles", "tokenizer"},
    "photo": {"datafiles", "_fast"},
    "config": {"model", "datafiles", "rules"},
    "catalogue": {"model", "_fast", "labelfile", "rules", "scanner"},
    "ci": {"model", "exitcodes", "datafiles", "labelfile", "rules", "scanner", "tokenizer"},
    "report": {"model", "rules", "lexicon", "catalogue", "ci", "__init__"},
    "cli": {"*"},
}


def _stage(path: Path) -> str:
    parts = path.relative_to(PKG).with_suffix("").parts
    return parts[0]


def _imported_stages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules: list[tuple[str, list[str]]] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            modules.extend((a.name, []) for a in node.names)
        for module, names in modules:
            parts = module.split(".")
            if parts[0] != "exolabel":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:  # from exolabel import X: X is a module (exitcodes) or a public name (__init__)
                found.update(n if (PKG / f"{n}.py").exists() or (PKG / n).is_dir() else "__init__" for n in names)
    return found


def test_each_stage_imports_only_what_the_architecture_allows() -> None:
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        stage = _stage(path)
        assert stage in ALLOWED, f"{path}: stage {stage!r} is not in the architecture table"
        if "*" in ALLOWED[stage]:
            continue
        extra = _imported_stages(path) - ALLOWED[stage] - {stage}
        if extra:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(extra)}")
    assert not offenders, "\n".join(offenders)


def test_few_loose_modules_and_none_too_long() -> None:
    loose = sorted(p.name for p in PKG.glob("*.py"))
    assert len(loose) <= 10, loose
    long = [f"{p.relative_to(ROOT)}: {n}" for p in PKG.rglob("*.py") if (n := len(p.read_text().splitlines())) > 450]
    assert not long, long


def test_every_path_the_readme_names_exists() -> None:
    texts = [ROOT / "README.md", *PKG.glob("*/data/README.md")]
    missing = sorted(
        {f"{t.relative_to(ROOT)}: {m}" for t in texts for m in re.findall(r"exolabel/[\w/.-]*\w", t.read_text())} - {""}
    )
    missing = [m for m in missing if not (ROOT / m.split(": ", 1)[1]).exists()]
    assert not missing, missing


def test_the_architecture_table_names_every_stage_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for pkg in sorted(p.name for p in PKG.iterdir() if (p / "__init__.py").exists()):
        assert f"`exolabel/{pkg}/`" in readme, pkg


def test_every_collected_test_id_is_printable_ascii(request: pytest.FixtureRequest) -> None:
    """pytest escapes other characters in ids ("\\n", "\\xa0"), and mutmut's fork server (mutation/run.py), which
    collects the tests again, cannot find an escaped id it is given: every mutant those tests cover gets no verdict.
    Text parameters get printable ids from tests/conftest.py; explicit ``ids=`` must do the same. Sees the tests of
    the run it is part of (all of them in a full run)."""
    escaped = [item.nodeid for item in request.session.items if "\\" in item.nodeid or not item.nodeid.isascii()]
    assert not escaped, escaped
