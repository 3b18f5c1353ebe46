"""Plant names in shapes the CosIng inventory does not list verbatim (``exolabel/lexicon/species.py``).

* The common name first and the binomial in brackets ("Amur Cork Tree (Phellodendron Amurense) Bark Extract"), or the
  part inside the bracketed common name ("Prunus Avium (Sweet Cherry Fruit) Extract"): read as the INCI name they
  stand for, when that is a known name.
* A species without the part of the plant ("Rosa Damascena", "Vitis Vinifera Extract"): recognized as that plant
  (a ``species`` reading, never one of its INCI names), with LX03 saying the part is missing; the rules that key on
  the species as a whole still apply, the ones about one oil do not.

Expected readings were written by hand from the CosIng inventory (names.tsv) and the PCPC botanical convention.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from exolabel.lexicon.inventory import default_inventory
from exolabel.lexicon.quality import read_words
from exolabel.lexicon.species import PARTS as PARTS_FILE
from exolabel.lexicon.species import bracket_readings, species_names


def _one(scanner: Any, text: str) -> tuple[Any, set[str], list[str]]:
    """The last ingredient of ``Aqua, <text>``, the rule codes of its findings and their messages."""
    report = scanner.scan(f"Aqua, {text}")
    s = report.ingredients[-1]
    mine = [f for f in report.findings if f.ingredient == s.ingredient.index]
    return s, {f.rule for f in mine}, [f.message for f in mine]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Amur Cork Tree (Phellodendron Amurense) Bark Extract", "Phellodendron Amurense Bark Extract"),
        ("Great Burnet (Sanguisorba Officinalis) Root Extract", "Sanguisorba Officinalis Root Extract"),
        ("Chinese Rhubarb (Rheum Palmatum ) Root Extract", "Rheum Palmatum Root Extract"),
        ("Common Purslane (Portulaca Oleracea) Extract", "Portulaca Oleracea Extract"),
        ("Chrysanthemum (Chrysanthemum Indicum) Flower Extract", "Chrysanthemum Indicum Flower Extract"),
        ("Prunus Avium (Sweet Cherry Fruit) Extract", "Prunus Avium Fruit Extract"),
        # already read before (the common name is in other_names.csv): unchanged
        ("Green Tea (Camellia Sinensis) Leaf Extract", "Camellia Sinensis Leaf Extract"),
    ],
)
def test_a_binomial_or_a_part_in_brackets_reads_as_its_inci_name(scanner: Any, text: str, known: str) -> None:
    s, codes, _ = _one(scanner, text)
    assert s.known == known
    assert s.correction is None
    assert s.ingredient.name == text  # shown as written
    assert "LX02" not in codes


def test_a_typo_in_the_bracketed_binomial_is_a_correction(scanner: Any) -> None:
    s, codes, _ = _one(scanner, "Norway Spruce (Picea Abis) Extract")
    assert s.known is None
    assert (s.correction.name, s.correction.method) == ("Picea Abies Extract", "fuzzy")
    assert "LX01" in codes and "LX02" not in codes


def test_bracket_readings() -> None:
    genus = {"phellodendron", "prunus", "citrus", "chrysanthemum"}.__contains__
    read = lambda name, common: bracket_readings(name, common, genus)  # noqa: E731
    assert read("Amur Cork Tree (Phellodendron Amurense) Bark Extract", "Phellodendron Amurense") == [
        "Phellodendron Amurense Bark Extract"
    ]
    assert read("Prunus Avium (Sweet Cherry Fruit) Extract", "Sweet Cherry Fruit") == ["Prunus Avium Fruit Extract"]
    assert read("Citrus Aurantium (Lime) Fruit Extract", "Lime") == []  # the binomial is outside: it stands
    assert read("Chrysanthemum (Chrysanthemum Indicum) Flower Extract", "Chrysanthemum Indicum") == [
        "Chrysanthemum Indicum Flower Extract"  # a genus as the common name, the binomial inside
    ]
    assert read("Glycerin (Vegetable)", "Vegetable") == []  # nothing after the group
    assert read("(Shea) Butter", "Shea") == []  # nothing before it


@pytest.mark.parametrize(
    ("text", "species", "listed"),
    [
        ("Rosa Damascena", "Rosa Damascena", "Rosa Damascena Flower"),
        ("Butyrospermum Parkii", "Butyrospermum Parkii", "Butyrospermum Parkii Butter"),
        ("Citrus Aurantium Dulcis", "Citrus Aurantium Dulcis", None),  # three words: genus, species, variety
        ("Hamamelis Virginiana", "Hamamelis Virginiana", None),
        ("Vitis Vinifera Extract", "Vitis Vinifera", "Vitis Vinifera Bud Extract"),
        ("Mangifera Indica Extract", "Mangifera Indica", "Mangifera Indica Fruit Extract"),
        ("Anthemis Nobilis Extract", "Anthemis Nobilis", "Anthemis Nobilis Flower Extract"),
        ("Arctostaphylos Uva Ursi Extract", "Arctostaphylos Uva Ursi", "Arctostaphylos Uva Ursi Leaf Extract"),
        ("Sweet Cherry (Prunus Avium) Extract", "Prunus Avium", "Prunus Avium Flower Extract"),
        # a common name of other_names.csv ('plant-common') stands for its binomial
        ("Liquorice Extract", "Glycyrrhiza Glabra", "Glycyrrhiza Glabra Leaf Extract"),
        ("Lavender", "Lavandula Angustifolia", "Lavandula Angustifolia Flower"),
        ("Styrax Benzoin", "Styrax Benzoin", "Styrax Benzoin Gum"),  # a gum or resin is a part, as botanicals.yaml says
    ],
)
def test_a_species_without_its_part_is_read_as_the_plant(
    scanner: Any, text: str, species: str, listed: str | None
) -> None:
    s, codes, messages = _one(scanner, text)
    assert s.known is None  # no CosIng entry is made up: the label did not say which part
    assert (s.correction.name, s.correction.method) == (species, "species")
    assert codes == {"LX03"}
    (message,) = messages
    assert f"names the plant {species} but not the part" in message
    if listed is not None:
        assert listed in message
    assert s.ingredient.name == text


def test_a_species_reading_is_no_typo_correction(scanner: Any) -> None:
    report = scanner.scan("Aqua, Rosa Damascena, Niacinimide")
    assert report.summary()["corrected"] == 1  # Niacinimide only
    assert report.summary()["unrecognized"] == 0
    assert [f.rule for f in report.findings if f.rule.startswith("LX")].count("LX01") == 1


@pytest.mark.parametrize("text", ["Lavandula Angustifolia", "Citrus Aurantium Bergamia", "Rosa Damascena", "Lavender"])
def test_a_bare_species_is_no_essential_oil(scanner: Any, text: str) -> None:
    # the essential-oil and EU-allergen entries of these plants are about one oil (flower oil, peel oil): the label
    # does not say it is that oil, so only LX03 speaks
    _, codes, _ = _one(scanner, text)
    assert codes == {"LX03"}


def test_an_entry_about_the_whole_species_still_applies(scanner: Any) -> None:
    # irritants.yaml names balsam of Peru by the species too ("Myroxylon Pereirae"): that evidence is about the
    # species as a whole, so the bare species keeps IR01 beside LX03 (CosIng: its oil, resin and resin extract)
    _, codes, messages = _one(scanner, "Myroxylon Pereirae")
    assert codes == {"IR01", "LX03"}
    assert any("Myroxylon Pereirae Resin" in m for m in messages)


def test_the_species_oil_still_carries_its_evidence(scanner: Any) -> None:
    # "Pogostemon Cablin Oil" is no CosIng name (Pogostemon Cablin Leaf Oil is): the plant's bare oil is its
    # essential oil, an established allergen (SCCS/1459/11), whatever the part
    _, codes, messages = _one(scanner, "Pogostemon Cablin Oil")
    assert {"IR02", "LX03"} <= codes
    assert "LX02" not in codes
    assert any("Pogostemon Cablin Leaf Oil" in m for m in messages)


@pytest.mark.parametrize(
    "text",
    [
        "Magic Youth Complex",  # no plant
        "Sodium Hyaluronate Extract",  # the first word is no plant genus
        "Rosa Damascena Petal Cream",  # a part named, and no CosIng name of it
        "Rosa Damascena Serum",  # CosIng has no name of the species ending so
    ],
)
def test_not_a_species_reading(scanner: Any, text: str) -> None:
    s, codes, _ = _one(scanner, text)
    assert s.correction is None or s.correction.method != "species"
    assert "LX03" not in codes


def test_known_names_are_read_as_before(scanner: Any) -> None:
    # CosIng names of a species alone, or with a preparation only, stay the INCI names they are
    for text, known in (("Vitis Vinifera", "Vitis Vinifera"), ("Rosa Damascena Extract", "Rosa Damascena Extract")):
        s, codes, _ = _one(scanner, text)
        assert s.known == known and s.correction is None and "LX03" not in codes


def test_a_blend_of_species_is_not_one_of_them() -> None:
    # CosIng's "Brassica Campestris/Aleurites Fordi Oil Copolymer" names two plants: not a name of Brassica Campestris
    found = species_names(default_inventory(), "brassica campestris", [], {})
    assert found is not None and found.name == "Brassica Campestris"
    assert not any(n.startswith("Brassica Campestris/") for n in found.names)


def test_species_names_lists_only_that_preparation() -> None:
    found = species_names(default_inventory(), "mangifera indica", ["extract"], {})
    assert found is not None
    assert found.name == "Mangifera Indica" and found.preparation == "Extract"
    assert all(n.startswith("Mangifera Indica ") and n.endswith(" Extract") for n in found.names)
    assert "Mangifera Indica Seed Butter" not in found.names
    assert species_names(default_inventory(), "magic youth", [], {}) is None


def test_every_part_word_follows_a_binomial_in_cosing() -> None:
    names = [ln.split("\t", 1)[1] for ln in default_inventory()._lines() for ln in [ln.decode()]]
    after = set()
    for n in names:
        words = re.split(r"[ /]+", n.strip().casefold())
        after.update(words[2:])
    rows = read_words(PARTS_FILE)
    missing = [w for w, _ in rows if w not in after]
    assert not missing, f"part words no CosIng name has after a binomial: {missing}"
    assert [w for w, _ in rows] == sorted(w for w, _ in rows), "keep plant_parts.csv sorted"
