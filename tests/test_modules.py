"""exolabel's modules served from the command's file (exolabel._fast.modules): a served module is the module an
ordinary import makes of the same source, and any change to the source or its directory falls back to the
ordinary import."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

from exolabel._fast import modules

PACKAGE = "servedprobe"
FILES = {
    "__init__.py": '"""Probe package."""\nVALUE = 1\n',
    "alpha.py": (
        '"""Alpha."""\nfrom dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Point:\n'
        "    x: int\n    y: int = 2\n\n\ndef twice(n: int) -> int:\n    return 2 * n\n"
    ),
    "sub/__init__.py": "from servedprobe.sub.beta import word\n",
    "sub/beta.py": "def word() -> str:\n    return 'beta'\n",
}


def age(path: Path, seconds: float = 60) -> None:
    """Make ``path`` look ``seconds`` old (stored only when settled)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def write_package(root: Path, files: dict[str, str] = FILES) -> Path:
    pkg = root / PACKAGE
    for rel, text in files.items():
        p = pkg / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    for p in sorted(pkg.rglob("*"), key=lambda q: -len(q.parts)):  # files first, then their directories
        age(p)
    age(pkg)
    return pkg


def forget() -> None:
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    src = tmp_path / "src"
    write_package(src)
    monkeypatch.syspath_prepend(str(src))
    forget()
    yield src
    forget()


NAMES = (f"{PACKAGE}.alpha", f"{PACKAGE}.sub", f"{PACKAGE}.sub.beta")


def run_once(cache: Path, src: Path) -> tuple[modules.ModuleFinder, dict[str, object]]:
    """Import the probe's package, serve its modules from ``cache``, import them, save (as at exit)."""
    forget()
    package = importlib.import_module(PACKAGE)
    finder = modules.serve(cache, "probe", package)
    assert finder is not None
    try:
        loaded = {name: importlib.import_module(name) for name in NAMES}
        finder.save()
    finally:
        modules.withdraw(finder)
    return finder, loaded


def observed(module: object) -> dict[str, object]:
    """What a caller can see of a module: its file attributes, names and the code of its functions."""
    spec = module.__spec__  # type: ignore[attr-defined]
    funcs = {k: v.__code__ for k, v in vars(module).items() if inspect.isfunction(v)}
    return {
        "file": module.__file__,  # type: ignore[attr-defined]
        "cached": module.__cached__,  # type: ignore[attr-defined]
        "path": getattr(module, "__path__", None),
        "package": module.__package__,  # type: ignore[attr-defined]
        "origin": spec.origin,
        "has_location": spec.has_location,
        "names": sorted(k for k in vars(module) if k not in ("__loader__", "__spec__", "__builtins__")),
        "functions": funcs,
        "source": inspect.getsource(module),
    }


def test_a_served_module_is_the_module_an_ordinary_import_makes(probe: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, ordinary = run_once(cache, probe)
    assert first.served == set() and first.new == set(NAMES)  # no file yet: imported ordinarily, stored at exit
    assert (cache / modules.file_name("probe")).is_file()
    second, served = run_once(cache, probe)
    assert second.served == set(NAMES) and second.new == set()  # all served, nothing new to store
    for name in NAMES:
        loader = served[name].__loader__  # type: ignore[attr-defined]
        assert isinstance(loader, SourceFileLoader) and type(loader) is not SourceFileLoader
        assert observed(served[name]) == observed(ordinary[name])
        fresh = SourceFileLoader(name, served[name].__file__).get_code(name)  # type: ignore[attr-defined]
        assert loader.get_code(name) == fresh
    alpha = served[f"{PACKAGE}.alpha"]
    assert alpha.twice(21) == 42 and repr(alpha.Point(1)) == "Point(x=1, y=2)"  # type: ignore[attr-defined]
    assert served[f"{PACKAGE}.sub"].word() == "beta"  # type: ignore[attr-defined]


def test_an_edited_source_is_imported_ordinarily_then_stored_again(probe: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_once(cache, probe)
    beta = probe / PACKAGE / "sub" / "beta.py"
    beta.write_text("def word() -> str:\n    return 'edited'\n", encoding="utf-8")
    age(beta, 30)
    finder, loaded = run_once(cache, probe)
    assert loaded[f"{PACKAGE}.sub.beta"].word() == "edited"  # type: ignore[attr-defined]
    assert finder.new == {f"{PACKAGE}.sub.beta"} and finder.served == set(NAMES) - finder.new
    again, loaded = run_once(cache, probe)
    assert again.served == set(NAMES) and again.new == set()
    assert loaded[f"{PACKAGE}.sub.beta"].word() == "edited"  # type: ignore[attr-defined]


def test_a_file_added_beside_a_stored_module_makes_the_ordinary_import_run(probe: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_once(cache, probe)
    # a package directory of the same name now shadows alpha.py for an ordinary import
    shadow = probe / PACKAGE / "alpha"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("def twice(n: int) -> int:\n    return -n\n", encoding="utf-8")
    age(shadow / "__init__.py")
    finder, loaded = run_once(cache, probe)
    assert finder.served == {f"{PACKAGE}.sub", f"{PACKAGE}.sub.beta"}  # their directory did not change
    assert finder.new == {f"{PACKAGE}.alpha"}
    assert loaded[f"{PACKAGE}.alpha"].twice(3) == -3  # type: ignore[attr-defined]
    assert loaded[f"{PACKAGE}.alpha"].__file__ == str(shadow / "__init__.py")  # type: ignore[attr-defined]


def test_a_source_written_just_now_is_not_stored(probe: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    beta = probe / PACKAGE / "sub" / "beta.py"
    beta.write_text("def word() -> str:\n    return 'new'\n", encoding="utf-8")  # now: not settled
    first, _ = run_once(cache, probe)
    assert first.new == {f"{PACKAGE}.alpha", f"{PACKAGE}.sub"}
    second, loaded = run_once(cache, probe)
    assert second.served == first.new and second.new == set()  # still too new
    assert loaded[f"{PACKAGE}.sub.beta"].word() == "new"  # type: ignore[attr-defined]
    age(beta)
    third, _ = run_once(cache, probe)
    assert third.new == {f"{PACKAGE}.sub.beta"}


def test_another_install_of_the_package_is_never_served_the_first_ones_code(probe: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_once(cache, probe)
    other = tmp_path / "other"
    write_package(other, {**FILES, "sub/beta.py": "def word() -> str:\n    return 'other'\n"})
    sys.path.remove(str(probe))
    sys.path.insert(0, str(other))
    try:
        finder, loaded = run_once(cache, other)
    finally:
        sys.path.remove(str(other))
        sys.path.insert(0, str(probe))
    assert finder.served == set() and finder.new == set(NAMES)
    assert loaded[f"{PACKAGE}.sub.beta"].word() == "other"  # type: ignore[attr-defined]
    assert loaded[f"{PACKAGE}.sub.beta"].__file__.startswith(str(other))  # type: ignore[attr-defined]
    # the file now holds only the modules of the run that wrote it (the other install's)
    again, loaded = run_once(cache, probe)
    assert again.served == set() and again.new == set(NAMES)
    assert loaded[f"{PACKAGE}.sub.beta"].word() == "beta"  # type: ignore[attr-defined]


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"not marshal at all"])
def test_an_unreadable_file_is_ignored_and_rewritten(probe: Path, tmp_path: Path, content: bytes) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / modules.file_name("probe")).write_bytes(content)
    first, loaded = run_once(cache, probe)
    assert first.served == set() and loaded[f"{PACKAGE}.sub.beta"].word() == "beta"  # type: ignore[attr-defined]
    second, _ = run_once(cache, probe)
    assert second.served == set(NAMES) and second.new == set()


def test_names_outside_the_package_are_left_to_the_other_finders(probe: Path, tmp_path: Path) -> None:
    package = importlib.import_module(PACKAGE)
    finder = modules.serve(tmp_path / "cache", "probe", package)
    assert finder is not None
    try:
        assert finder.find_spec("json") is None
        assert finder.find_spec(PACKAGE + "x.alpha") is None
        assert finder.find_spec(f"{PACKAGE}.missing") is None
    finally:
        modules.withdraw(finder)
    assert finder not in sys.meta_path
    assert modules.serve(None, "probe", package) is None


SERVED = """
import importlib, json, sys
from exolabel._fast.modules import serve
from exolabel.datafiles.cache import cache_dir
import exolabel
finder = serve(cache_dir(), "probe", exolabel)
from exolabel.scanner import Scanner
report = Scanner().scan("Water, Human Fibroblast Conditioned Media, Glycerin, Linalool")
finder.save()
print(json.dumps({"served": sorted(finder.served), "new": sorted(finder.new),
                  "findings": [f.to_dict() for f in report.findings]}))
"""


def test_exolabel_served_from_the_file_scans_as_when_imported_ordinarily(tmp_path: Path) -> None:
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("EXOLABEL_NO_CACHE", None)
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", SERVED], capture_output=True, text=True, env=env, timeout=120, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0]["served"] == [] and len(runs[0]["new"]) > 20  # the first run stores what it imported
    # the second is served all it imports (a subset: the first also compiled the rule data, importing what that needs)
    assert set(runs[1]["served"]) <= set(runs[0]["new"]) and runs[1]["new"] == []
    assert "exolabel.scanner" in runs[1]["served"] and "exolabel.rules.irritant" in runs[1]["served"]
    assert runs[0]["findings"] == runs[1]["findings"]
    assert {"SR02", "AL01"} <= {f["rule"] for f in runs[1]["findings"]}  # human origin; the Linalool allergen
