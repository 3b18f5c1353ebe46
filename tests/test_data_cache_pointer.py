"""The compiled-data cache's stat pointers (exolabel.datafiles.cache): unchanged data files are not read again to
find their compiled data, a changed file is, and files changed less than a second before the hashing get no
pointer."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from exolabel.datafiles import cache
from exolabel.rules.loader import load_compiled

IRRITANT = """\
schema: 1
kind: irritants
sources:
  - id: house-policy
    title: Our formulation policy
    url: https://example.org/policy
entries:
  - id: my.menthyl-lactate
    name: {name}
    class: other
    concern: cooling agent
    severity: {{leave-on: warning, rinse-off: info}}
    why: House rule.
    sources: [house-policy]
"""


def names(compiled: dict) -> set[str]:
    return {e["name"] for e in compiled["irritants"]}


def test_unchanged_data_files_are_not_read_again(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_compiled()
    assert len(list(cache_dir.glob("rules-stat-*.txt"))) == 1  # the packaged files are older than a second

    def unread(*_args: object) -> str:
        raise AssertionError("the data files were read to hash them")

    monkeypatch.setattr(cache, "hash_files", unread)
    assert load_compiled() == first


def test_a_changed_file_is_hashed_again(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)  # trust stamps at once (the test does not wait a second)
    f = tmp_path / "house.yaml"
    f.write_text(IRRITANT.format(name="Menthyl Lactate"), encoding="utf-8")
    time.sleep(0.05)
    assert "Menthyl Lactate" in names(load_compiled([f]))
    assert len(list(cache_dir.glob("rules-stat-*.txt"))) == 1
    f.write_text(IRRITANT.format(name="Menthyl Acetate"), encoding="utf-8")  # same size, new bytes
    time.sleep(0.05)
    changed = names(load_compiled([f]))
    assert "Menthyl Acetate" in changed and "Menthyl Lactate" not in changed
    assert len(list(cache_dir.glob("rules-stat-*.txt"))) == 2


def test_files_changed_just_before_the_hashing_get_no_pointer(cache_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "house.yaml"
    f.write_text(IRRITANT.format(name="Menthyl Lactate"), encoding="utf-8")
    assert "Menthyl Lactate" in names(load_compiled([f]))
    assert list(cache_dir.glob("rules-stat-*.txt")) == []  # its stamps are not a second old: hashed every time
    assert list(cache_dir.glob("rules-*.marshal"))  # the compiled data itself is cached


def test_a_damaged_pointer_is_ignored(cache_dir: Path) -> None:
    first = load_compiled()
    (pointer,) = cache_dir.glob("rules-stat-*.txt")
    for damaged in (b"", b"not a digest", b"\xff" * 24, b"0" * 23):
        pointer.write_bytes(damaged)
        assert load_compiled() == first
        assert len(pointer.read_bytes()) == 24  # written again


def test_edits_keep_the_cache_folder_bounded(cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edit of a user rule file writes a compiled file and a pointer; only the newest of each kind stay, the
    current ones always, and files of other kinds are left alone."""
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)
    other = [cache_dir / n for n in ("lexicon-0123456789abcdef01234567-m4-py311c.marshal", "compiled-scan-x.marshal")]
    cache_dir.mkdir(parents=True, exist_ok=True)
    for p in other:
        p.write_bytes(b"x")
    f = tmp_path / "house.yaml"
    for i in range(cache.KEEP_COMPILED + 3):
        f.write_text(IRRITANT.format(name=f"Menthyl Lactate {i:02d}"), encoding="utf-8")
        time.sleep(0.05)
        assert f"Menthyl Lactate {i:02d}" in names(load_compiled([f]))
    compiled = [p for p in cache_dir.glob("rules-*.marshal") if "-stat-" not in p.name]
    assert len(compiled) == cache.KEEP_COMPILED
    assert len(list(cache_dir.glob("rules-stat-*.txt"))) == cache.KEEP_COMPILED + 3  # under their own bound
    assert all(p.exists() for p in other)
    # the newest edit is read from the cache, without compiling again

    def unread(*_args: object) -> str:
        raise AssertionError("the data files were read to hash them")

    monkeypatch.setattr(cache, "hash_files", unread)
    assert f"Menthyl Lactate {cache.KEEP_COMPILED + 2:02d}" in names(load_compiled([f]))


def test_prune_keeps_the_newest_and_the_file_written(tmp_path: Path) -> None:
    for i, n in enumerate(["a-1", "a-2", "a-3", "a-4", "b-1"]):
        p = tmp_path / n
        p.write_bytes(b"x")
        t = 1_700_000_000 + i
        os.utime(p, (t, t))
    cache.prune(tmp_path, "a-", 2, tmp_path / "a-1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-1", "a-4", "b-1"]  # a-1 written; a-4 the newest
    cache.prune(tmp_path / "missing", "a-", 1, tmp_path / "a-1")  # a folder that is gone: nothing happens


@pytest.mark.parametrize(
    ("rest", "compiled"),
    [
        ("0123456789abcdef01234567-m4-py311c.marshal", True),
        ("0123456789abcdef01234567.json", True),
        ("stat-0123456789abcdef01234567.txt", False),
        ("0123456789abcdef0123456.json", False),
        ("0123456789abcdef0123456g-m4.marshal", False),
    ],
)
def test_which_names_are_compiled_files(rest: str, compiled: bool) -> None:
    assert cache._is_compiled(rest) is compiled
