"""How recognized names are shown and classified when the label's spelling is off: the casing of chemical
abbreviations comes from the curated vocabulary's own spelling ("HCl", not "HCL"; CosIng's misprint "HCI" stays in
capitals, never "Hci"), words in brackets are capitalized, and a typo in a more specific head noun ("Conditioned
Medai") is repaired before a weaker head ("Stem Cell") classifies the name."""

from __future__ import annotations

import pytest

import exolabel
from exolabel.lexicon import load_lexicon
from exolabel.lexicon.inventory import title_inci, word_casing


def one(text: str) -> exolabel.ScannedIngredient:
    (s,) = exolabel.scan(text).ingredients
    return s


def test_vocabulary_casing_is_the_one_spelling_of_a_word() -> None:
    casing = word_casing(["Arginine HCl", "Lysine HCl", "PEG-8", "TEA-Lauryl Sulfate", "Camellia Sinensis (Tea) Leaf"])
    assert casing["hcl"] == "HCl"
    assert casing["peg"] == "PEG"
    assert "tea" not in casing  # spelled two ways: left to the defaults
    assert "lysine" not in casing  # plain capitalization needs no entry


def test_the_packaged_vocabulary_spells_hcl_with_a_small_l() -> None:
    assert load_lexicon().casing["hcl"] == "HCl"


@pytest.mark.parametrize(
    ("cosing", "shown"),
    [
        ("TYROSYL HISTIDINE HCL", "Tyrosyl Histidine HCl"),
        ("TYROSYL HISTIDINE HCI", "Tyrosyl Histidine HCI"),  # CosIng's own misprint, in capitals as meant
        ("CITRUS GRANDIS (GRAPEFRUIT) PEEL OIL", "Citrus Grandis (Grapefruit) Peel Oil"),
        ("MELALEUCA ALTERNIFOLIA (TEA TREE) LEAF OIL", "Melaleuca Alternifolia (Tea Tree) Leaf Oil"),
        ("TEA-LAURYL SULFATE", "TEA-Lauryl Sulfate"),
        ("PEG-40 HYDROGENATED CASTOR OIL", "PEG-40 Hydrogenated Castor Oil"),
        ("SH-OLIGOPEPTIDE-1", "sh-Oligopeptide-1"),
        ("DISODIUM EDTA", "Disodium EDTA"),
    ],
)
def test_cosing_names_are_cased_as_the_vocabulary_spells_their_words(cosing: str, shown: str) -> None:
    assert title_inci(cosing, load_lexicon().casing) == shown


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Tyrosyl Histidine HCl", "Tyrosyl Histidine HCl"),
        ("TYROSYL HISTIDINE HCL", "Tyrosyl Histidine HCl"),
        ("tyrosyl histidine hci", "Tyrosyl Histidine HCI"),
    ],
)
def test_a_label_name_known_from_cosing_is_shown_with_the_vocabulary_casing(text: str, known: str) -> None:
    assert one(text).known == known


def test_a_typo_correction_is_shown_with_the_vocabulary_casing() -> None:
    s = one("Pyridoxine HCI")
    assert s.correction is not None and s.correction.name == "Pyridoxine HCl"


@pytest.mark.parametrize(
    ("text", "category", "origin", "repaired"),
    [
        ("Apple Stem Cell Conditioned Medai", "conditioned_media", "plant", "Apple Stem Cell Conditioned Media"),
        ("Human Stem Cell Conditoned Media", "conditioned_media", "human", "Human Stem Cell Conditioned Media"),
        ("Apple Stem Cell Exosoems", "plant_nanovesicle", "plant", "Apple Stem Cell Exosomes"),
    ],
)
def test_a_typo_in_a_stronger_head_noun_is_repaired_before_a_weaker_head_classifies(
    text: str, category: str, origin: str, repaired: str
) -> None:
    s = one(text)
    assert [(m.category, m.origin) for m in s.matches] == [(category, origin)]
    assert s.correction is not None and s.correction.name == repaired and s.correction.method == "fuzzy"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Apple Stem Cell Conditioned Media", "conditioned_media"),  # nothing to repair: no correction
        ("Malus Domestica Stem Cell Culture", "plant_cell_culture"),
        ("Rose Stem Cell Extract", "plant_cell_culture"),
    ],
)
def test_a_name_with_its_head_spelled_right_is_not_corrected(text: str, category: str) -> None:
    s = one(text)
    assert s.correction is None
    assert s.matches and s.matches[0].category == category


@pytest.mark.parametrize(
    ("name", "shown"),
    [("PYRIDOXINE HCL", "Pyridoxine HCl"), ("disodium edta", "Disodium EDTA"), ("Peg-40 Stearate", "PEG-40 Stearate")],
)
def test_the_cosing_record_of_a_name_is_shown_with_the_vocabulary_casing(name: str, shown: str) -> None:
    from exolabel.lexicon.inventory import inci_record

    record = inci_record(name)
    assert record is not None and record.name == shown


def test_the_names_sharing_a_cas_number_are_shown_with_the_vocabulary_casing() -> None:
    from exolabel.lexicon.inventory import names_with_cas

    assert "Pyridoxine HCl" in names_with_cas("58-56-0")  # CAS of pyridoxine hydrochloride, per CosIng
    assert not [n for n in names_with_cas("58-56-0") if "HCL" in n]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("PEG-8 Stem Cell Exosomes", "PEG-8 Stem Cell Exosomes"),
        ("HUMAN ADIPOSE CONDITIONED MEDIA HCL", "Human Adipose Conditioned Media HCl"),
        ("human/adipose conditioned media", "Human/Adipose Conditioned Media"),
    ],
)
def test_a_name_classified_by_its_head_noun_is_shown_with_the_vocabulary_casing(text: str, term: str) -> None:
    (m,) = one(text).matches
    assert (m.method, m.term) == ("pattern", term)
