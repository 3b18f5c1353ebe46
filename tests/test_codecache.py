"""The class-code memo (exolabel._fast.codecache): classes made through it are the classes Python makes without it,
the memo file survives a run and guards itself, and the ``exolabel`` process compiles no class code once warm."""

from __future__ import annotations

import json
import os
import re
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
    assert (memo_dir / codecache.file_name("other")).is_file()
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
    path = memo_dir / codecache.file_name("other")
    path.write_bytes(b"\0" * 4 + b"not marshal data")
    memo = codecache.install(memo_dir)
    assert memo is not None and memo.codes == {}
    make_classes()
    codecache.uninstall()
    assert codecache.CodeMemo(path).codes  # rewritten with a valid CRC


def test_a_file_with_one_byte_changed_is_ignored(memo_dir: Path) -> None:
    codecache.install(memo_dir)
    make_classes()
    codecache.uninstall()
    path = memo_dir / codecache.file_name("other")
    data = bytearray(path.read_bytes())
    assert codecache.CodeMemo(path).codes
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert codecache.CodeMemo(path).codes == {}


def run_once(memo_dir: Path) -> tuple[Path, set]:
    """Make the probe classes through a memo installed in ``memo_dir``: its file, and the entries that run used."""
    path = memo_dir / codecache.file_name("other")
    codecache.install(memo_dir)
    make_classes()
    codecache.uninstall()
    return path, set(codecache.CodeMemo(path).codes)


def test_a_full_file_keeps_only_what_the_run_used(memo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Code edited over many versions leaves entries no run asks for: past MAX_TEXTS entries or MAX_BYTES, the file
    is written back with the entries the run used (even when it compiled nothing new), so it stops growing."""
    path, used = run_once(memo_dir)
    stale = codecache.CodeMemo(path)
    for i in range(50):  # what older versions compiled
        stale.compiled(f"x = {i}", "exec")
    stale.save()
    assert len(codecache.CodeMemo(path).codes) == len(used) + 50  # under the bounds: kept
    monkeypatch.setattr(codecache, "MAX_BYTES", path.stat().st_size - 1)
    memo = codecache.install(memo_dir)
    assert memo is not None
    make_classes()
    assert memo.added == 0  # nothing new compiled, but the file is over its bound
    codecache.uninstall()
    assert set(codecache.CodeMemo(path).codes) == used
    monkeypatch.setattr(codecache, "MAX_BYTES", 2 << 20)
    monkeypatch.setattr(codecache, "MAX_TEXTS", 3)
    codecache.install(memo_dir)
    make_classes()  # more than three texts, all of them used
    codecache.uninstall()
    assert set(codecache.CodeMemo(path).codes) == used


PATTERNS = [
    (r"(?P<word>[A-Za-z]+)\s*(?:,|$)", 0),
    (r"(?<![^\W\d_])(?:directions|how\s+to\s+use)[ \t]*(?:[:：]|(?=\n|$))", re.IGNORECASE),
    ("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),  # PyYAML's reader
    (r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+)$", re.X),
    (r"(a)(b)?\2", 0),
]
SAMPLES = ["Water, Glycerin", "how to use: daily", "Directions:\n", "\x07bell", "0b101", "+017", "abb", "a", "İstanbul"]


def test_patterns_through_the_memo_are_the_patterns_re_compiles(memo_dir: Path) -> None:
    fresh = [re.compile(p, f) for p, f in PATTERNS]
    memo = codecache.install(memo_dir)
    assert memo is not None
    re.purge()
    first = [re.compile(p, f) for p, f in PATTERNS]
    assert memo.added == len(PATTERNS)
    codecache.uninstall()
    memo = codecache.install(memo_dir)
    assert memo is not None
    re.purge()
    warm = [re.compile(p, f) for p, f in PATTERNS]
    assert memo.added == 0  # every program came from the file
    for a, b, c in zip(fresh, first, warm, strict=True):
        assert a == b == c  # re compares patterns by flags, text and compiled program
        assert (a.groups, a.groupindex, a.flags) == (c.groups, c.groupindex, c.flags)
        assert spans(a) == spans(c)
    for _ in range(2):  # a pattern the parser warns about is never kept: it warns on every run, as without the memo
        re.purge()
        with pytest.warns(FutureWarning):
            re.compile(r"x[[]y")
    re.compile(b"bytes (?:only)", 0)  # bytes patterns pass through
    assert memo.added == 0


def spans(pattern: re.Pattern[str]) -> list:
    return [(m.span(), m.groups()) if (m := pattern.search(t)) else None for t in SAMPLES]


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


def test_a_file_mostly_of_older_versions_keeps_only_what_the_run_used(
    memo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade (or many edits) most entries are no run's: a file over STALE_FLOOR that the run used less than
    half of is written back with what it used; a file the run used most of is left as it is."""
    path, used = run_once(memo_dir)
    stale = codecache.CodeMemo(path)
    for i in range(len(used) + 5):  # what an older version compiled: more than the run uses
        stale.compiled(f"x = {i}", "exec")
    stale.save()
    monkeypatch.setattr(codecache, "STALE_FLOOR", path.stat().st_size - 1)
    codecache.install(memo_dir)
    make_classes()
    codecache.uninstall()
    assert set(codecache.CodeMemo(path).codes) == used
    few = codecache.CodeMemo(path)  # now: the run uses all of it
    few.compiled("y = 1", "exec")
    few.save()
    monkeypatch.setattr(codecache, "STALE_FLOOR", 0)  # any size: only the share used decides
    codecache.install(memo_dir)
    make_classes()
    codecache.uninstall()
    assert set(codecache.CodeMemo(path).codes) == used | {("exec", "y = 1")}  # most used: kept whole
