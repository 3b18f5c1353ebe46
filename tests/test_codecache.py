"""The class-code memo (exolabel._fast.codecache): classes made through it are the classes Python makes without it,
the memo file survives a run and guards itself, and the ``exolabel`` process compiles no class code once warm."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exolabel._fast import codecache

SOURCE = """
from __future__ import annotations
import dataclasses
from typing import NamedTuple

@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 2
    tags: tuple[str, ...] = ()

class Pair(NamedTuple):
    left: str
    right: int = 0
"""


def make_classes() -> dict:
    ns: dict = {"__name__": "codecache_probe"}
    sys.modules["codecache_probe"] = type(sys)("codecache_probe")  # dataclasses reads the module's globals
    sys.modules["codecache_probe"].__dict__.update(ns)
    try:
        exec(compile(SOURCE, "<probe>", "exec"), sys.modules["codecache_probe"].__dict__)
        return dict(sys.modules["codecache_probe"].__dict__)
    finally:
        del sys.modules["codecache_probe"]


def behaviour(ns: dict) -> tuple:
    point, pair = ns["Point"], ns["Pair"]
    p = point(1)
    try:
        p.x = 5  # type: ignore[misc]
        frozen = False
    except dataclasses_frozen_error():
        frozen = True
    return (
        repr(p),
        p == point(1, 2, ()),
        p != point(1, 3),
        hash(p) == hash(point(1)),
        frozen,
        point.__slots__,
        repr(pair("a")),
        pair("a", 1)._asdict(),
        [f.name for f in __import__("dataclasses").fields(point)],
        pair.__annotations__,
        [c.co_code for c in codes(point)],
    )


def dataclasses_frozen_error() -> type[Exception]:
    import dataclasses

    return dataclasses.FrozenInstanceError


def codes(cls: type) -> list:
    return [f.__code__ for name in ("__init__", "__repr__", "__eq__", "__setattr__") for f in [cls.__dict__[name]]]


@pytest.fixture
def memo_dir(tmp_path: Path):
    codecache.uninstall()
    yield tmp_path
    codecache.uninstall()


def test_classes_through_the_memo_behave_as_without_it(memo_dir: Path) -> None:
    plain = behaviour(make_classes())
    memo = codecache.install(memo_dir)
    assert memo is not None
    first = behaviour(make_classes())
    assert memo.added > 0  # __init__, __repr__, __eq__, __setattr__, __delattr__, __hash__, __new__, annotations
    codecache.uninstall()  # saves the file
    assert (memo_dir / codecache.FILE_NAME).is_file()
    memo = codecache.install(memo_dir)
    assert memo is not None and memo.codes
    warm = behaviour(make_classes())
    assert memo.added == 0  # every text was in the file: nothing compiled
    assert plain == first == warm


def test_install_without_a_folder_changes_nothing(memo_dir: Path) -> None:
    import collections
    import dataclasses
    import typing

    assert codecache.install(None) is None
    assert "exec" not in vars(dataclasses) and "eval" not in vars(collections) and "compile" not in vars(typing)


def test_a_corrupt_or_foreign_file_is_ignored_and_rewritten(memo_dir: Path) -> None:
    path = memo_dir / codecache.FILE_NAME
    path.write_bytes(b"\0" * 16 + b"not marshal data")
    memo = codecache.install(memo_dir)
    assert memo is not None and memo.codes == {}
    make_classes()
    codecache.uninstall()
    assert codecache.CodeMemo(path).codes  # rewritten with a valid digest


def test_a_full_file_starts_over(memo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codecache, "MAX_TEXTS", 3)
    codecache.install(memo_dir)
    make_classes()  # more than three texts
    codecache.uninstall()
    assert codecache.CodeMemo(memo_dir / codecache.FILE_NAME).codes == {}


RUN = """
import json, sys
from exolabel._fast import codecache
sys.argv = ["exolabel", *sys.argv[1:]]
from exolabel.cli import run
real_save = codecache.CodeMemo.save
def counting_save(self):
    print(json.dumps({"new": self.added}), file=sys.stderr)
    real_save(self)
codecache.CodeMemo.save = counting_save
run()
"""


def test_the_exolabel_process_compiles_no_class_code_once_warm(tmp_path: Path) -> None:
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("EXOLABEL_NO_CACHE", None)
    args = ["scan", "--format", "json", "--fail-on", "never", "Water, Human Fibroblast Conditioned Media, Glycerin"]
    runs = [
        subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, env=env, timeout=120)
        for _ in range(2)
    ]
    news = [json.loads(next(ln for ln in r.stderr.splitlines() if ln.startswith('{"new"')))["new"] for r in runs]
    assert news[0] > 20 and news[1] == 0
    plain = subprocess.run(
        [sys.executable, "-m", "exolabel", *args],
        capture_output=True,
        text=True,
        env={**env, "EXOLABEL_NO_CACHE": "1"},
        timeout=120,
    )
    assert runs[0].returncode == runs[1].returncode == plain.returncode == 0
    assert runs[0].stdout == runs[1].stdout == plain.stdout
    assert json.loads(plain.stdout)["results"][0]["ingredients"]
