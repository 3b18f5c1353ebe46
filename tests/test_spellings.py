"""British spellings of INCI words ("Sulphate", "Aluminium", "Hydrolysed"): read as the INCI name, not as a typo, from
the sourced table ``exolabel/lexicon/data/quality/spellings.csv``; each expected name below written by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exolabel.lexicon.spelling import DATA, read_spellings, respelled


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Sodium Laureth Sulphate", "Sodium Laureth Sulfate"),
        ("Magnesium Sulphate", "Magnesium Sulfate"),
        ("Aluminium Hydroxide", "Aluminum Hydroxide"),
        ("Hydrolysed Wheat Protein", "Hydrolyzed Wheat Protein"),
        ("Avena Sativa Hull Fibre", "Avena Sativa Hull Fiber"),
        ("Epoxidised Soybean Oil", "Epoxidized Soybean Oil"),
    ],
)
def test_a_british_spelling_reads_as_the_inci_name_without_a_correction(scanner: Any, written: str, inci: str) -> None:
    (s,) = scanner.scan(f"Aqua, {written}, Glycerin").ingredients[1:2]
    assert (s.ingredient.name, s.known, s.correction) == (written, inci, None)
    assert not [f for f in scanner.scan(written).findings if f.rule in ("LX01", "LX02")]


def test_the_rules_see_the_respelled_ingredient(scanner: Any) -> None:
    """Sodium lauryl sulfate is an irritant the rule lists name by its INCI name; the British spelling is the same."""
    british = [(f.rule, f.ingredient) for f in scanner.scan("Aqua, Sodium Lauryl Sulphate, Glycerin").findings]
    inci = [(f.rule, f.ingredient) for f in scanner.scan("Aqua, Sodium Lauryl Sulfate, Glycerin").findings]
    assert british == inci and ("IR06", 1) in british


@pytest.mark.parametrize(
    "name", ["Laetiporus Sulphureus Mycelium Extract", "Diallyl Sulphide", "Cosmos Sulphureus Flower/Leaf/Stem Extract"]
)
def test_a_name_cosing_spells_the_british_way_stays_as_written(scanner: Any, name: str) -> None:
    (s,) = scanner.scan(name).ingredients
    assert s.known is not None and s.known.casefold() == name.casefold()


def test_respelling_applies_where_the_table_says() -> None:
    assert respelled("sodium laureth sulphate") == "sodium laureth sulfate"
    assert respelled("disulphide") == "disulfide"  # any: inside a word
    assert respelled("hydrolysed collagen") == "hydrolyzed collagen"  # end of a word
    assert respelled("ised collagen") is None  # an end is no whole word
    assert respelled("aluminiumchloride") is None  # word: the whole word only
    assert respelled("glycerin") is None


def test_a_bad_spellings_file_names_the_line_and_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / "spellings.csv"
    bad.write_text(
        "written,inci,where,source\n"
        "Colour,color,word,https://example.org/a\n"
        "fibre,fibre,word,https://example.org/b\n"
        "centre,center,middle,https://example.org/c\n"
        "oestr,estr,any,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as e:
        read_spellings(bad)
    text = str(e.value)
    assert str(bad) in text
    assert "'Colour' is not a lower-case word part" in text
    assert "'fibre' is respelled as itself" in text
    assert "where 'middle' is not one of word, end, any" in text
    assert "'oestr' has no source" in text
    (tmp_path / "nohead.csv").write_text("aluminium,aluminum,word,https://x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no header line"):
        read_spellings(tmp_path / "nohead.csv")


def test_the_built_in_table_respells_to_spellings_cosing_uses(lexicon: Any) -> None:
    """Every INCI spelling of the table is in some CosIng name of the bundled export (and its British one is not a
    word CosIng writes but in names found as written first, like species epithets)."""
    from exolabel.lexicon.inventory import default_inventory

    inv = default_inventory()
    names = " ".join(inv.name_at(i).casefold() for i in range(len(inv)))
    for r in read_spellings(DATA):
        assert r.inci in names, r


@pytest.mark.parametrize(
    ("written", "inci"),
    [
        ("Lavandula Angustifolia Essential Oil", "Lavandula Angustifolia Oil"),
        ("Melaleuca Alternifolia Leaf Essential Oil", "Melaleuca Alternifolia Leaf Oil"),
        ("Tea Tree Essential Oil", "Melaleuca Alternifolia Leaf Oil"),  # with the plant's common name
    ],
)
def test_an_essential_oil_named_so_is_the_inci_oil(scanner: Any, written: str, inci: str) -> None:
    """Shops write "Essential Oil" where the INCI name says "Oil"; the essential-oil rule reads it as that plant's."""
    report = scanner.scan(f"Aqua, {written}")
    (s,) = report.ingredients[1:]
    assert (s.known, s.correction) == (inci, None)
    assert [f.rule for f in report.findings if f.ingredient == 1 and f.rule == "IR02"] == ["IR02"]


def test_several_words_are_allowed_only_for_whole_words(tmp_path: Path) -> None:
    bad = tmp_path / "spellings.csv"
    bad.write_text("written,inci,where,source\nessential oil,oil,any,https://example.org\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'essential oil' is not a lower-case word part"):
        read_spellings(bad)
