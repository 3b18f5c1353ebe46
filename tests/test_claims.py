# ruff: noqa: E501
"""Free-from claims ("No parabens, sulfates or mineral oil.", "Free from: ...", "Sans parabène", "Parabenfrei",
"0% alcohol") are not ingredients: before, after or between lists, in six languages; a text that is only claims is
no list; no CosIng name reads as a claim; the claim words are data with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.tokenizer.claims import DATA, KINDS, STATEMENTS, claim_spans, claim_words, read_rows

CASES = [
    # after the list: a sentence of its own (the real Green Essence page: examples/labels/green-essence-...)
    ("Aqua, Glycerin, Parfum. No parabens, sulfates, mineral oil or synthetic fragrance.", ["Aqua", "Glycerin", "Parfum"]),
    ("water (aqua), citric acid. No parabens, artificial fragrances/dyes, mineral oil or phthalates. No animal derived ingredients 04/12/19", ["water", "citric acid"]),
    ("Aqua, Glycerin\nFree from: parabens, silicones, sulfates", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin. Paraben-free, sulfate-free.", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin. Cruelty free. Tocopherol", ["Aqua", "Glycerin", "Tocopherol"]),  # between: the next piece is kept apart
    # before the list, with or without an ingredient header
    ("Free from: parabens, sulfates\nIngredients: Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("No parabens, no sulfates. Aqua, Glycerin, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("0% alcohol, 0% parabens. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("0 % alcool. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Free from parabens Ingredients: Aqua, Glycerin", ["Aqua", "Glycerin"]),  # the header ends the claim
    # other languages
    ("Sans parabène, sans silicone. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Aqua, Glicerina. Sin parabenos ni siliconas.", ["Aqua", "Glicerina"]),
    ("Aqua, Glicerina\nLibre de parabenos", ["Aqua", "Glicerina"]),
    ("Aqua, Glicerina. Sem parabenos.", ["Aqua", "Glicerina"]),
    ("Aqua, Glycerin\nOhne Parabene, ohne Silikone", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin\nParabenfrei, silikonfrei", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin. Frei von Parabenen.", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin. Senza parabeni, senza siliconi.", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin. Privo di parabeni.", ["Aqua", "Glycerin"]),
    # one name a line: a claim line among them is no name
    ("Aqua\nGlycerin\nNo parabens\nNiacinamide", ["Aqua", "Glycerin", "Niacinamide"]),
    ("\u2022 No parabens\n\u2022 Aqua\n\u2022 Glycerin", ["Aqua", "Glycerin"]),
    # not claims: a claim word inside a name or a list, or not at a sentence's start
    ("Aqua, Glycerin, Parfum (fragrance-free base), Tocopherol", ["Aqua", "Glycerin", "Parfum", "Tocopherol"]),
    ("Nonfat Dry Milk, Aqua", ["Nonfat Dry Milk", "Aqua"]),
    ("Sinapis Alba Seed Extract, Aqua", ["Sinapis Alba Seed Extract", "Aqua"]),
    # a claim ends before its first item that is a known ingredient name and no substance claims name
    ("Free from parabens, Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("No parabens, alcohol, fragrance, Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Paraben-free, sulfate-free, Water, Niacinamide", ["Water", "Niacinamide"]),
    ("Sans parabène, Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("No parabens, mineral oil, Sodium Lauryl Sulfate or triclosan.\nAqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Free from parabens, sulfates and silicones. Ingredients: Aqua, Glycerin", ["Aqua", "Glycerin"]),
    # statements before or after the list: origin, maker, batch, content
    ("Made in France. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Made in U.S.A. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Made in Korea\nAqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin.\nMade in Korea", ["Aqua", "Glycerin"]),
    ("Distributed by Acme Inc., New York, NY 10001. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Lot 2041. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Net wt. 50 g. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Fabriqué en France. Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("Hecho en México. Aqua, Glicerina", ["Aqua", "Glicerina"]),
    ("Ursprungsland: Deutschland\nAqua, Glycerin", ["Aqua", "Glycerin"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"), CASES, ids=["".join(ch if " " <= ch <= "~" else "?" for ch in c[0][:40]) for c in CASES]
)
def test_free_from_claims_are_not_ingredients(scanner: Any, text: str, names: list[str]) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    for s in report.ingredients:
        a, b = s.ingredient.span
        assert text[a:b] == s.ingredient.text


@pytest.mark.parametrize(
    "text",
    [
        "No parabens, sulfates, mineral oil or synthetic fragrance.",
        "Free from: parabens, silicones, sulfates",
        "Sans parabène. Sans silicone.",
        "Paraben-free, cruelty-free, vegan-friendly.\nNo mineral oil.",
    ],
)
def test_a_text_of_claims_only_is_no_list(scanner: Any, text: str) -> None:
    """Nothing is read as an ingredient; the callers then refuse the text ("no ingredient list", has letters)."""
    from exolabel.rules.lexicon_rules import has_letter

    assert scanner.scan(text).ingredients == () and has_letter(text)


def test_scan_refuses_a_claims_only_text_with_exit_2() -> None:
    import subprocess
    import sys

    from exolabel import exitcodes

    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "scan", "No parabens, sulfates, mineral oil or synthetic fragrance."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == exitcodes.ERROR
    assert "no ingredient list" in p.stderr and "Traceback" not in p.stderr


def _names() -> list[str]:
    from exolabel.lexicon import load_lexicon
    from exolabel.lexicon.inventory import default_inventory

    inv = default_inventory()
    names = [inv.name_at(r) for r in range(len(inv))]
    return names + [n for n, _syn, _src in load_lexicon(inventory=False).vocab_rows]


def test_no_inci_name_reads_as_a_claim() -> None:
    """Every CosIng name and every curated name, alone, on a line of a list, or as a sentence, is no claim."""
    offenders = []
    for name in _names():
        for text in (name, f"Aqua\n{name}", f"Aqua. {name}"):
            if claim_spans(text, text.lower()):
                offenders.append(name)
                break
    assert not offenders, offenders[:20]


def test_the_claim_words_are_lower_case_sourced_and_unique() -> None:
    rows = read_rows() + read_rows(STATEMENTS, kinds=("starts",))
    assert {r.kind for r in rows} <= set(KINDS)
    assert all(r.sources and all(s.startswith("https://") for s in r.sources) for r in rows)
    phrases = [(r.phrase, r.kind) for r in rows]
    assert len(phrases) == len(set(phrases))
    words = claim_words()
    assert "no" in words.starts and "free" in words.ends and "frei" in words.glued
    assert list(words.starts) == sorted(words.starts, key=len, reverse=True)  # longest first: "free from" before "free"


def test_a_bad_claim_words_file_lists_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "free_from.csv"
    bad.write_text(
        "# comment\nphrase,kind,lang,source\nNo,starts,en,https://example.org/a\nsans,middle,fr,https://example.org/b\n"
        "sin,starts,es,\nohne,starts\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"free_from\.csv") as e:
        read_rows(bad)
    lines = str(e.value).splitlines()
    assert [ln.split(": ", 1)[0].rsplit(":", 1)[1] for ln in lines] == ["3", "4", "5", "6"]
    with pytest.raises(ValueError, match="no header line"):
        (tmp_path / "empty.csv").write_text("# only comments\n", encoding="utf-8")
        read_rows(tmp_path / "empty.csv")


def test_the_packaged_file_is_the_one_read() -> None:
    assert DATA.is_file() and DATA.suffix == ".csv" and STATEMENTS.is_file()
    words = claim_words()
    assert "made in" in words.starts and "alcohol" in words.items and "alcohol" not in words.starts


def test_statements_start_sentences_only(tmp_path: Path) -> None:
    bad = tmp_path / "statements.csv"
    bad.write_text("phrase,kind,lang,source\nmade in,ends,en,https://example.org/a\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind 'ends'; use one of starts"):
        read_rows(bad, kinds=("starts",))


def test_without_the_vocabulary_a_claim_runs_to_its_sentence_end() -> None:
    text = "Free from parabens, Aqua, Glycerin. Tocopherol"
    assert claim_spans(text, text.lower()) == [(0, 35)]
    known = {"aqua": "Aqua", "glycerin": "Glycerin", "alcohol": "Alcohol"}.get
    assert claim_spans(text, text.lower(), known) == [(0, 18)]  # before ", Aqua"
    text = "No parabens, alcohol. Aqua"
    assert claim_spans(text, text.lower(), known) == [(0, 21)]  # alcohol is what the claim names


KNOWN = ["Glycerin", "Niacinamide", "Sodium Hyaluronate", "Phenoxyethanol", "Tocopherol", "Caprylyl Glycol", "Squalane"]
CLAIMS = [  # each a whole sentence: a claim that does not end its sentence takes what follows it
    "No parabens, sulfates or mineral oil.",
    "Free from: parabens, silicones.",
    "Paraben-free, sulfate-free.",
    "Sans parabène.",
    "Sin parabenos.",
    "Parabenfrei.",
    "0% alcohol.",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.sampled_from(KNOWN), min_size=1, max_size=6, unique=True),
    before=st.lists(st.sampled_from(CLAIMS), max_size=2),
    after=st.lists(st.sampled_from(CLAIMS), max_size=2),
    joiner=st.sampled_from([" ", "\n"]),
    sep=st.sampled_from([", ", "\n"]),
)
def test_claims_around_a_list_never_hide_a_name_or_add_one(
    scanner: Any, names: list[str], before: list[str], after: list[str], joiner: str, sep: str
) -> None:
    text = joiner.join([*before, sep.join(names) + ("." if after and joiner == " " else ""), *after])
    got = [s.ingredient.name for s in scanner.scan(text).ingredients]
    assert got == names, text


@pytest.mark.parametrize(
    "text",
    ["Aqua, Glycerin. Made in\nFrance", "Aqua\nGlycerin\nMade in\nFrance", "Distributed by\nACME Inc.\nAqua, Glycerin"],
)
def test_a_statement_whose_phrase_ends_its_line_goes_on_to_the_next(scanner: Any, text: str) -> None:
    assert [s.ingredient.name for s in scanner.scan(text).ingredients] == ["Aqua", "Glycerin"]


def test_a_one_word_claim_phrase_alone_on_its_line_takes_nothing_from_the_next(scanner: Any) -> None:
    """ "No" alone on a line may be a table's cell: the line after it is read as before."""
    names = [s.ingredient.name for s in scanner.scan("Aqua, Glycerin\nNo\nNiacinamide").ingredients]
    assert names[-1] == "Niacinamide"


@pytest.mark.parametrize(
    "line",
    [
        "no,starts,en,https://example.org/a",
        " sans , starts,fr,https://example.org/a|https://example.org/b",
        "free from,,,",
        '"free, from",starts,en,https://example.org/a',
        'a "quoted" word,ends,en,https://example.org/a',
        '"say ""no""",starts,en,https://example.org/a',
    ],
)
def test_a_line_splits_as_the_csv_reader_splits_it(line: str) -> None:
    import csv

    from exolabel.tokenizer.claims import _cells

    assert _cells(line) == next(csv.reader([line]))
