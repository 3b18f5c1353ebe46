"""Lexicon data validation: every problem is named with file, line, entry and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from exolabel.datafiles.load import DataError, load_yaml_text
from exolabel.lexicon.loader import builtin_files, compile_files

SOURCES = "schema: 1\nsources:\n  - id: src-a\n    title: A source\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems(tmp_path: Path, *files: tuple[str, str]) -> list[str]:
    paths = [write(tmp_path, "sources.yaml", SOURCES)] + [write(tmp_path, n, t) for n, t in files]
    with pytest.raises(DataError) as exc:
        compile_files(paths)
    return [str(p) for p in exc.value.problems]


def test_builtin_data_is_valid() -> None:
    compiled = compile_files(builtin_files())
    assert compiled["entries"] and compiled["heads"] and compiled["vocab"] and compiled["lookalikes"]


def test_unknown_key_names_file_line_entry_and_fix(tmp_path: Path) -> None:
    (msg,) = problems(
        tmp_path,
        (
            "exosome.yaml",
            "schema: 1\ncategory: exosome\nentries:\n"
            "  - id: ex.a\n    term: A Exosomes\n    origin: human\n    sources: [src-a]\n"
            "    orign: plant\n",
        ),
    )
    assert "exosome.yaml:4" in msg and "entry 'ex.a'" in msg and "unknown key 'orign'" in msg and "Fix:" in msg


def test_duplicate_ids_bad_origin_missing_source_and_alias_collision(tmp_path: Path) -> None:
    msgs = problems(
        tmp_path,
        (
            "exosome.yaml",
            """schema: 1
category: exosome
entries:
  - id: ex.a
    term: A Exosomes
    aliases: [Shared Name]
    origin: human
    sources: [src-a]
  - id: ex.a
    term: B Exosomes
    origin: martian
    sources: [nowhere]
  - id: ex.c
    term: C Exosomes
    aliases: [shared name]
    origin: plant
    sources: [src-a]
""",
        ),
    )
    text = "\n".join(msgs)
    assert "duplicate id" in text
    assert "'origin: martian' is not allowed" in text
    assert "source 'nowhere' is not defined" in text
    assert "'shared name' is already a term or alias of 'ex.a'" in text


def test_all_problems_are_collected_before_failing(tmp_path: Path) -> None:
    msgs = problems(tmp_path, ("x.yaml", "schema: 1\ncategory: lysate\nentries:\n  - id: l.a\n  - term: no id\n"))
    assert len(msgs) >= 3


def test_malformed_yaml_and_python_tags_are_refused(tmp_path: Path) -> None:
    (msg,) = problems(tmp_path, ("bad.yaml", "schema: 1\nentries: [\n"))
    assert "bad.yaml" in msg and "invalid YAML" in msg
    (msg,) = problems(tmp_path, ("evil.yaml", "schema: 1\nentries: !!python/object/apply:os.system ['true']\n"))
    assert "evil.yaml" in msg


def test_yaml_bomb_is_refused() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(DataError, match="aliases"):
        load_yaml_text(bomb, "bomb.yaml")


def test_bad_vocabulary_csv(tmp_path: Path) -> None:
    (msg,) = problems(tmp_path, ("v.csv", "name,synonym\nWater,,x\n"))
    assert "v.csv:1" in msg and "header" in msg
