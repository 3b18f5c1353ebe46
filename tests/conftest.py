"""Shared fixtures: a scanner with the built-in lexicon, snapshot comparison, the shared research folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SNAPSHOTS = Path(__file__).with_name("snapshots")
UPDATE = bool(os.environ.get("EXOLABEL_UPDATE_SNAPSHOTS"))


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """A text parameter's id in printable ASCII ("?" for anything else). pytest escapes other characters in ids
    ("\\n", "\\u2020"), and a process that collects the tests a second time (mutmut's fork server) then cannot find
    the escaped id it was given: the mutant gets no verdict. Other values keep pytest's own ids."""
    if isinstance(val, str):
        return "".join(ch if " " <= ch <= "~" else "?" for ch in val[:60])
    if isinstance(val, bytes):  # encoded labels: pytest would write "\\xff\\xfe..."
        return "".join(chr(b) if 32 <= b <= 126 else "?" for b in val[:60])
    return None


@pytest.fixture(scope="session")
def scanner():
    from exolabel.scanner import Scanner

    return Scanner()


@pytest.fixture(scope="session")
def lexicon(scanner):
    return scanner.lexicon


def assert_snapshot(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/snapshots/<name>; EXOLABEL_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing snapshot {path}; run with EXOLABEL_UPDATE_SNAPSHOTS=1 and review the diff")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs; review and re-run with EXOLABEL_UPDATE_SNAPSHOTS=1 if intended"


def dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A compiled-data cache folder of the test's own (``EXOLABEL_CACHE_DIR``; caching on)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXOLABEL_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXOLABEL_NO_CACHE", raising=False)
    return folder
