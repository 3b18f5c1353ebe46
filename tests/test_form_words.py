"""A form word after the name of one substance ("Squalane Oil", "Niacinamide Powder", "Menthol Crystals") is no part
of it: the vocabulary reads the name without it when the whole is unknown, so a one-ingredient label so written is a
list, while product names ("Hyaluronic Acid Serum") and plant materials with another form ("Aloe Vera Gel Powder")
are not read so. The words are data with sources (``exolabel/lexicon/data/quality/form_words.csv``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from exolabel.lexicon.quality import FORMS, form_words, read_words, without_form
from exolabel.rules.lexicon_rules import NO_LIST, not_a_list


def _refused(scanner: Any, text: str) -> bool:
    report = scanner.scan(text)
    ings = report.ingredients
    unknown = [s for s in ings if not s.recognized]
    return not_a_list(len(ings), unknown, [s for s in ings if s.matches]) == NO_LIST


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Squalane Oil", "Squalane"),
        ("Squalane Oil.", "Squalane"),  # as the Kaggle Sephora cell writes it
        ("Niacinamide Powder", "Niacinamide"),
        ("Menthol Crystals", "Menthol"),
        ("Organic Squalane Oil", "Squalane"),  # quality words before, a form word after
        ("Vitamin E Oil", "Tocopherol"),  # a common name of the vocabulary, then a form word
        ("Hyaluronic Acid Powder", "Hyaluronic Acid"),
    ],
)
def test_a_single_substance_with_a_form_word_is_a_one_ingredient_list(scanner: Any, text: str, known: str) -> None:
    (s,) = scanner.scan(text).ingredients
    assert s.known == known
    assert s.ingredient.name == text.rstrip(".")  # shown as written
    assert s.correction is None  # an exact reading, not a guess
    assert not _refused(scanner, text)


def test_a_form_word_inside_a_list_reads_the_substance(scanner: Any) -> None:
    report = scanner.scan("Aqua, Squalane Oil, Niacinamide Powder, Glycerin")
    assert [s.known for s in report.ingredients] == ["Aqua", "Squalane", "Niacinamide", "Glycerin"]
    assert not [f for f in report.findings if f.rule == "LX02"]


@pytest.mark.parametrize(
    "text",
    [
        "Hyaluronic Acid Serum",  # product words are no form words
        "Vitamin C Serum",
        "Glycerin Soap",
        "Squalane Oil Serum",
        "Indie Lee Squalane Facial Oil",  # a product name
        "The best squalane oil for dry skin",  # a sentence
        # plant materials (their known names start with a genus): a form word after one names another material
        "Aloe Vera Gel Powder",  # not Aloe Barbadensis Leaf Juice
        "Coconut Oil Powder",  # not Cocos Nucifera Oil
        "Rice Bran Powder",  # not Oryza Sativa Bran
    ],
)
def test_product_names_and_plant_materials_with_a_form_word_stay_refused(scanner: Any, text: str) -> None:
    assert _refused(scanner, text)


def test_a_form_word_never_hides_a_different_substance(scanner: Any) -> None:
    """ "Paraffin Oil" is the liquid (Paraffinum Liquidum, an other name of the data), not Paraffin, the wax; a known
    whole name is read as itself before any form word is tried ("Lanolin Oil", "Charcoal Powder" are CosIng names)."""
    knowns = [s.known for s in scanner.scan("Paraffin Oil, Lanolin Oil, Charcoal Powder").ingredients]
    assert knowns == ["Paraffinum Liquidum", "Lanolin Oil", "Charcoal Powder"]


def test_without_form() -> None:
    assert without_form("squalane oil") == "squalane"
    assert without_form("niacinamide powder") == "niacinamide"
    assert without_form("squalane") is None
    assert without_form("oil") is None  # nothing else
    assert without_form("squalane oils") is None  # whole words only
    assert without_form("oil squalane") is None  # after the name only


def test_the_words_are_single_lower_case_words_with_sources_and_no_product_word() -> None:
    rows = read_words(FORMS)
    assert rows and len({w for w, _ in rows}) == len(rows)
    assert all(" " not in w for w, _ in rows), "without_form reads the last word only"
    assert form_words() == frozenset(w for w, _ in rows)
    types = Path(__file__).parents[1] / "exolabel" / "catalogue" / "data" / "product_types.yaml"
    product_words = {w["phrase"] for w in yaml.safe_load(types.read_text(encoding="utf-8"))["words"]}
    assert not form_words() & product_words, "a product word after a name is a product, not a form"
