"""Other names of INCI names (``exolabel/lexicon/data/other_names.csv``): English common names, older INCI names,
US names, and the start of botanical names (a plant's common name or a botanical synonym). Every offender is listed
before a test fails."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from exolabel.datafiles.load import DataError
from exolabel.lexicon.inventory import default_inventory
from exolabel.lexicon.loader import DATA_DIR, VARIANT_KINDS, VARIANTS_HEADER, builtin_files, compile_files
from exolabel.tokenizer.names import compact_key, normalize_key

FILE = DATA_DIR / "other_names.csv"
SHARED_COSING = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "research"
    / "regulatory"
    / "data"
    / "cosing_inventory_2020_inci_cas_function.csv"
)


def _rows() -> list[tuple[int, list[str]]]:
    with FILE.open(encoding="utf-8", newline="") as f:
        return list(enumerate(csv.reader(f), start=1))


def _report(problems: list[str], what: str) -> None:
    if problems:
        pytest.fail(f"{len(problems)} {what} in {FILE.name}:\n" + "\n".join(problems), pytrace=False)


def test_shape_kinds_and_order() -> None:
    rows = _rows()
    assert rows[0][1] == VARIANTS_HEADER
    problems = []
    prev: tuple[str, str] | None = None
    for line, row in rows[1:]:
        if len(row) != 4 or any(c != c.strip() or not c for c in row):
            problems.append(f"line {line}: {row!r}: four non-empty, stripped cells")
            continue
        if row[2] not in VARIANT_KINDS:
            problems.append(f"line {line}: kind {row[2]!r} is not one of {VARIANT_KINDS}")
        here = (row[2], row[0].casefold())
        if prev is not None and here < prev:
            problems.append(f"line {line}: {row[0]!r} is out of order (sorted by kind, then name)")
        prev = here
    _report(problems, "malformed rows")


def test_whole_names_name_a_known_inci_name_and_are_not_shadowed(lexicon: Any) -> None:
    problems = []
    for line, (name, inci, kind, _src) in _rows()[1:]:
        if kind.startswith("plant-"):
            continue
        target = lexicon.canonical(normalize_key(inci))
        if target is None:
            problems.append(f"line {line}: {inci!r} is no known INCI name")
        elif lexicon.canonical(normalize_key(name)) != target:
            got = lexicon.canonical(normalize_key(name))
            problems.append(f"line {line}: {name!r} reads as {got!r}, not {target!r} (another file names it)")
    _report(problems, "whole names that do not reach their INCI name")


def test_plant_names_start_cosing_names_and_are_used(lexicon: Any) -> None:
    """Each binomial opens some CosIng name; each plant name, put before one of those names' parts, reads as it."""
    inv = default_inventory()
    firsts: dict[str, list[str]] = {}
    for i in range(len(inv)):
        name = inv.name_at(i)
        words = normalize_key(name).split(" ")
        for n in (1, 2, 3):
            firsts.setdefault(" ".join(words[:n]), []).append(name)
    problems = []
    for line, (name, binomial, kind, _src) in _rows()[1:]:
        if not kind.startswith("plant-"):
            continue
        b = normalize_key(binomial)
        names = [x for x in firsts.get(" ".join(b.split(" ")[:3]), []) if normalize_key(x).startswith(b + " ")]
        if not names:
            problems.append(f"line {line}: no CosIng name starts with {binomial!r}")
            continue
        # one of them that no other file spells with the plant name already ("Arnica Extract" is a curated synonym)
        tries = [x for x in names if normalize_key(name) + " " + normalize_key(x)[len(b) + 1 :] not in lexicon.vocab]
        if not tries:
            continue
        example = tries[0]
        rest = normalize_key(example)[len(b) + 1 :]
        got = lexicon.canonical(normalize_key(name) + " " + rest)
        expected = lexicon.canonical(normalize_key(example))  # the curated spelling of that CosIng name
        if got is None or got != expected:
            problems.append(f"line {line}: '{name} {rest}' reads as {got!r}, expected {expected!r}")
    _report(problems, "plant names")


def test_known_names_are_never_rewritten_by_a_plant_name(lexicon: Any) -> None:
    """A name the vocabulary or CosIng knows as written keeps its own reading ("Orange Roughy Oil" is no citrus)."""
    assert lexicon.canonical(normalize_key("Tea-Lauryl Sulfate")) == "TEA-Lauryl Sulfate"
    assert lexicon.canonical(normalize_key("Rice Bran Wax")) is not None
    assert lexicon.canonical(normalize_key("Shea")) is None  # a plant name alone is no ingredient
    assert lexicon.canonical(normalize_key("Lemon Unknownium Extract")) is None


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Vegetable Glycerin", "Glycerin"),
        ("Purified Water", "Aqua"),
        ("Vitamin E", "Tocopherol"),
        ("Shea Butter", "Butyrospermum Parkii Butter"),
        ("Indian Mulberry Leaf Extract", "Morinda Citrifolia Leaf Extract"),
        ("Holy Basil Leaf Extract", "Ocimum Sanctum Leaf Extract"),
        ("Citrus Medica Limonum (Lemon) Peel Oil", "Citrus Limon Peel Oil"),
        ("Olea Europaea (Olive) Oil", "Olea Europaea Fruit Oil"),
        ("Vitellaria Paradoxa Butter", "Butyrospermum Parkii Butter"),
        ("SD Alcohol 40-B", "Alcohol Denat."),
        ("Moringa Pterygosperma Seed Oil", "Moringa Oleifera Seed Oil"),
        ("Citrus Sinensis (Orange) Peel Oil", "Citrus Aurantium Dulcis Peel Oil"),  # Kaggle Sephora cells
        ("CI 77019", "Mica"),
        ("ci 77861", "Tin Oxide"),
        ("White Beeswax", "Cera Alba"),  # 21 CFR 184.1973: white beeswax is the bleached wax, Cera Alba
        ("White Bees Wax", "Cera Alba"),  # (the real label's spacing: names compare without their spaces)
    ],
)
def test_label_spellings_reach_the_inci_name(scanner: Any, text: str, known: str) -> None:
    (ing,) = scanner.scan(f"Aqua, {text}, Glycerin").ingredients[1:2]
    assert ing.known == known
    assert ing.ingredient.name == text  # shown as written, the INCI name beside it


def test_a_colour_index_number_beside_its_name_is_one_ingredient(scanner: Any) -> None:
    """A name with its colour index number in brackets ("Talc (CI 77718)"): the bracket names the same pigment,
    so it is the name's alias, not a second ingredient."""
    report = scanner.scan("Talc (CI 77718), Mica (CI 77019), Aqua")
    assert [(s.ingredient.name, s.known, s.ingredient.aliases) for s in report.ingredients] == [
        ("Talc", "Talc", ("CI 77718",)),
        ("Mica", "Mica", ("CI 77019",)),
        ("Aqua", "Aqua", ()),
    ]
    assert not [f for f in report.findings if f.rule == "LX02"]


def test_targets_are_in_the_shared_cosing_export() -> None:
    if not SHARED_COSING.is_file():
        pytest.skip(f"CosIng export not available at {SHARED_COSING}")
    with SHARED_COSING.open(encoding="utf-8", newline="") as f:
        names = {" ".join(r["inci_name"].split()).upper() for r in csv.DictReader(f)}
    missing = [
        f"line {line}: {inci!r}"
        for line, (_n, inci, kind, _s) in _rows()[1:]
        if not kind.startswith("plant-") and inci.upper() not in names and inci not in ("Aqua", "Parfum")
    ]
    _report(missing, "INCI names missing from the shared CosIng export")


def test_bad_rows_are_refused_with_file_line_and_fix(tmp_path: Path) -> None:
    kinds = tmp_path / "kinds.csv"
    kinds.write_text("name,inci,kind,source\nNoni Juice,Morinda Citrifolia Fruit Juice,nickname,cosing\n", "utf-8")
    bad = tmp_path / "mine.csv"
    bad.write_text(
        "name,inci,kind,source\nGlycerin,Glycerin,common,cosing\nGhee,Butter,common,no-such-source\n", "utf-8"
    )
    with pytest.raises(DataError) as e:
        compile_files([*builtin_files(), kinds, bad])
    text = str(e.value)
    assert "kinds.csv:2" in text and "mine.csv:2" in text and "mine.csv:3" in text
    assert "kind 'nickname'" in text
    assert "the INCI name itself" in text
    assert "source 'no-such-source' is not defined" in text


def test_the_plant_name_gate_answers_as_every_prefix_looked_up(lexicon: Any) -> None:
    """``Lexicon._by_binomial`` skips a name whose first word starts no plant name: the answer is the one every
    prefix looked up gives, for plant names and their first words followed by INCI name endings, and for others."""

    def by_every_prefix(key: str) -> str | None:
        words = key.split(" ")
        for n in range(min(lexicon._plant_words, len(words) - 1), 0, -1):
            binomial = lexicon.plants.get(" ".join(words[:n]))
            if binomial is not None:
                rest = " ".join(words[n:])
                name = lexicon.vocab.get(binomial + " " + rest)
                if name is None and lexicon.inventory is not None:
                    name = lexicon.inventory.name_of(compact_key(binomial + " " + rest), lexicon.casing)
                return name
        return None

    plants = sorted(lexicon.plants)[::7]
    keys = [f"{p} {end}" for p in plants for end in ("leaf extract", "seed oil")]
    keys += [f"{p.split(' ')[0]} oil" for p in plants] + ["aqua", "glycerin", "sodium chloride", "x y z"]
    answers = [lexicon._by_binomial(k) for k in keys]
    assert answers == [by_every_prefix(k) for k in keys]
    assert sum(a is not None for a in answers) > 20
