"""Rule data validation: every problem named with file, line, entry and fix; user files extend, never replace."""

from __future__ import annotations

from pathlib import Path

import pytest

from exolabel.datafiles.cache import _read
from exolabel.datafiles.load import DataError
from exolabel.rules import Selection
from exolabel.rules.loader import builtin_files, compile_files, load_compiled, load_rule_data
from exolabel.scanner import Scanner

GOOD_IRRITANT = """\
schema: 1
kind: irritants
sources:
  - id: house-policy
    title: Our formulation policy
    url: https://example.org/policy
entries:
  - id: my.mentha-piperita-oil-x
    name: Menthyl Lactate
    class: other
    concern: cooling agent
    severity: {leave-on: warning, rinse-off: info}
    why: House rule.
    sources: [house-policy]
"""


def _problems(tmp_path: Path, text: str, name: str = "extra.yaml") -> list[str]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        compile_files([*builtin_files(), f])
    return [str(p) for p in e.value.problems]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "    class: other\n",
            "    class: other\n    colour: red\n",
        ),
        ("    class: other\n", "    class: sparkle\n"),
        ("{leave-on: warning, rinse-off: info}", "{leave-on: fatal, rinse-off: info}"),
        ("{leave-on: warning, rinse-off: info}", "{leave-on: warning, wash-off: info}"),
        ("{leave-on: warning, rinse-off: info}", "{leave-on: warning}"),
        ("[house-policy]", "[house-policy, nowhere]"),
        ("    name: Menthyl Lactate\n", "    name: Menthyl Lactate\n    patterns: ['menthyl.*']\n"),
        ("    name: Menthyl Lactate\n", "    name: Menthyl Lactate\n    patterns: ['^(a+)+$']\n"),
        ("    name: Menthyl Lactate\n", "    name: Menthyl Lactate\n    patterns: ['^menthyl [$']\n"),
        ("my.mentha-piperita-oil-x", "irr.parfum"),
        ("Menthyl Lactate", "Fragrance"),
    ],
    ids=[
        "unknown-key",
        "bad-class",
        "bad-severity",
        "bad-product-type",
        "one-product-type",
        "undefined-source",
        "unanchored-pattern",
        "nested-quantifier",
        "invalid-regex",
        "duplicate-builtin-id",
        "shadows-builtin-name",
    ],
)
def test_each_problem_names_file_line_entry_and_fix(tmp_path: Path, old: str, new: str) -> None:
    text = GOOD_IRRITANT.replace(old, new, 1)
    assert text != GOOD_IRRITANT
    problems = _problems(tmp_path, text)
    assert len(problems) >= 1
    for p in problems:
        assert "extra.yaml:" in p and " Fix: " in p, p
    assert any("entry '" in p for p in problems), problems


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    text = GOOD_IRRITANT.replace("    class: other\n", "    class: sparkle\n    colour: red\n").replace(
        "[house-policy]", "[nowhere]"
    )
    problems = _problems(tmp_path, text)
    assert len(problems) == 3, problems


def test_a_list_file_outside_the_data_folder_must_say_its_kind(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD_IRRITANT.replace("kind: irritants\n", ""))
    assert any("kind: irritants" in p for p in problems), problems


def test_claims_and_markets_are_checked(tmp_path: Path) -> None:
    bad = (
        "schema: 1\nclaims:\n  - id: clm.x\n    kind: ev\n    phrases: [x]\n    requires: [magic]\n"
        "    why: y\n    sources: [eu-2013-655]\n"
    )
    assert any("not a lexicon category" in p for p in _problems(tmp_path, bad, "claims-x.yaml"))
    bad = (
        "schema: 1\nmarkets:\n  - id: zz\n    name: Z\n    human_origin: maybe\n    human_origin_basis: b\n"
        "    sources: [reg-1223-2009]\n"
    )
    assert any("human_origin: maybe" in p for p in _problems(tmp_path, bad, "markets-x.yaml"))


def test_a_user_file_extends_the_lists(tmp_path: Path, lexicon) -> None:
    f = tmp_path / "house.yaml"
    f.write_text(GOOD_IRRITANT, encoding="utf-8")
    scanner = Scanner(lexicon, selection=Selection(select=("IR06",)), extra_rule_data=[f])
    report = scanner.scan("Aqua, Menthyl Lactate, Propylene Glycol")
    fired = {(x.ingredient, x.severity.value) for x in report.findings}
    assert (1, "warning") in fired  # the user entry
    assert (2, "info") in fired  # the built-in entry still runs
    assert "house-policy" in scanner.rule_data.sources


def test_compiled_data_is_cached_and_reused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXOLABEL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("EXOLABEL_NO_CACHE", raising=False)
    first = load_compiled()
    cached = list(tmp_path.glob("rules-*.marshal"))
    assert len(cached) == 1
    assert load_compiled() == first
    good = cached[0].read_bytes()
    flipped = bytearray(good)
    flipped[-5] ^= 0xFF  # one byte of the stored data changed: its digest no longer matches
    for corrupt in (b"{broken", good[: len(good) // 2], bytes(flipped), b""):
        cached[0].write_bytes(corrupt)  # a corrupt cache is rebuilt, not trusted
        assert load_compiled() == first
        assert _read(cached[0]) == first  # and written again


def test_rule_data_indexes(lexicon) -> None:
    data = load_rule_data()
    assert len([a for a in data.allergens if a.status == "label_required"]) == 81
    scanner = Scanner(lexicon)
    geranial = scanner.scan("Geranial").ingredients[0]
    assert data.hits(geranial).allergen.label_name == "Citral"  # grouped name
    sd = scanner.scan("SD Alcohol 40-B").ingredients[0]
    assert data.hits(sd).irritant.klass == "denatured-alcohol"  # anchored pattern
    assert data.hits(scanner.scan("Cetyl Alcohol").ingredients[0]).irritant is None  # whole names only
