"""The compiled-data cache's stat pointers (exolabel.datafiles.cache): unchanged data files are not read again to
find their compiled data, a changed file is, and files changed less than a second before the hashing get no
pointer."""

from __future__ import annotations

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
