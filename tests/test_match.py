"""The matcher: exact/alias, look-alikes, head-noun patterns, typo correction that never passes a guess off as
fact, numbers that must agree whole, and origins read from the name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exolabel


def identify(name: str) -> exolabel.ScannedIngredient:
    (s,) = exolabel.scan(name).ingredients
    return s


@pytest.mark.parametrize(
    ("text", "category", "origin", "method"),
    [
        ("Human Fibroblast Conditioned Media", "conditioned_media", "human", "exact"),
        ("HUMAN FIBROBLAST CONDITIONED MEDIA", "conditioned_media", "human", "exact"),
        ("Milk Exosomes", "exosome", "animal", "exact"),
        ("Lactobacillus Extracellular Vesicles", "extracellular_vesicle", "microbial", "exact"),
        ("Bifida Ferment Lysate", "lysate", "microbial", "exact"),
        ("Malus Domestica Fruit Cell Culture Extract", "plant_cell_culture", "plant", "exact"),
        ("sh-Oligopeptide-1", "growth_factor", "synthetic", "exact"),
        ("SH-OLIGOPEPTIDE-1", "growth_factor", "synthetic", "exact"),
        ("Exosomes", "exosome", "unspecified", "exact"),
        ("Centella Asiatica Callus Extracellular Vesicles", "plant_nanovesicle", "plant", "pattern"),
        (
            "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media Extract",
            "conditioned_media",
            "human",
            "pattern",
        ),
        ("Equine Adipose Stem Cell Exosomes", "exosome", "animal", "pattern"),
        ("Human Fibroblast Conditoned Media", "conditioned_media", "human", "fuzzy"),
        ("Bifida Ferment Lysat", "lysate", "microbial", "fuzzy"),
    ],
)
def test_ev_family_identification(text: str, category: str, origin: str, method: str) -> None:
    s = identify(text)
    assert s.matches, text
    m = s.matches[0]
    assert (m.category, m.origin, m.method) == (category, origin, method)
    assert m.id and m.term and 0 < m.score <= 100
    if method == "fuzzy":
        assert s.correction is not None and s.correction.method == "fuzzy" and s.correction.score < 100


@pytest.mark.parametrize(
    "text",
    [
        "Lecithin",
        "Hydrogenated Lecithin",
        "Lysolecithin",
        "Saccharide Hydrolysate",
        "Hydrogenated Starch Hydrolysate",
        "Lysine",
        "Lauroyl Lysine",
        "Copper Lysinate/Prolinate",
        "Polysorbate 20",
        "Polysorbate 80",
        "Alpha-Isomethyl Ionone",
        "Parachlorella Beijerinckii Exopolysaccharides",
        "Bifida Ferment Filtrate",
        "Galactomyces Ferment Filtrate",
        "Saccharomyces Ferment Filtrate",
        "Lactobacillus Ferment",
        "Sodium DNA",
        "DNA",
        "Yeast Extract",
        "Milk Protein",
        "Hydrolyzed Milk Protein",
        "Oligopeptide-177",
        "Oligopeptide-5",
        "Copper Tripeptide-1",
        "Palmitoyl Oligopeptide",
        "Brassica Oleracea Italica (Broccoli) Extract",
        "Bifida Ferment Filrate",  # a typo of the look-alike stays the look-alike
    ],
)
def test_lookalikes_never_match(text: str) -> None:
    s = identify(text)
    assert not s.matches, f"{text} matched {s.matches}"
    assert s.recognized


@pytest.mark.parametrize(
    ("typo", "name", "method"),
    [
        ("Niacinimide", "Niacinamide", "fuzzy"),
        ("Phenoxyethano1", "Phenoxyethanol", "ocr"),
        ("Sodium Hyaluronte", "Sodium Hyaluronate", "fuzzy"),
        ("Tocopherol Acetate", "Tocopheryl Acetate", "fuzzy"),
    ],
)
def test_typo_correction_is_reported_as_a_guess(typo: str, name: str, method: str) -> None:
    s = identify(typo)
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == (name, method)
    report = exolabel.scan(typo)
    assert any(f.rule == "LX01" and name in f.message for f in report.findings)


@pytest.mark.parametrize(("text", "name"), [("Glycerine", "Glycerin"), ("linalol", "Linalool"), ("Water", "Aqua")])
def test_label_spellings_resolve_to_inci_names(text: str, name: str) -> None:
    s = identify(text)
    assert (s.known or (s.correction and s.correction.name)) == name


@pytest.mark.parametrize(
    "text",
    [
        "Potassium Nitrate",
        "Sodium Metaphosphate",
        "Helianthus Annuus (Sunflower) Seedcake",
        "Citrus Aurantium Dulcis (Orange) Fruit Water",
        "Polyglyceryl-10 Pentaisostearate",
    ],
)
def test_different_ingredients_are_not_passed_off_as_typos(text: str) -> None:
    s = identify(text)
    assert s.correction is None or s.correction.name.casefold() == text.casefold()


def test_numbers_match_whole() -> None:
    assert not identify("Oligopeptide-177").matches
    assert identify("Oligopeptide-1").matches[0].category == "growth_factor"
    assert not identify("sh-Polypeptide-121").matches


def test_recombinant_human_sequence_is_not_human_tissue() -> None:
    for text in ("sh-Oligopeptide-1", "rh-Oligopeptide-1", "Barley sh-Oligopeptide-1"):
        s = identify(text)
        assert s.matches and s.matches[0].origin != "human", text


def test_unknown_names_stay_unrecognized() -> None:
    s = identify("Magic Youth Complex")
    assert not s.recognized and s.correction is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_matcher_never_raises_and_is_deterministic(text: str) -> None:
    a = exolabel.scan(text)
    b = exolabel.scan(text)
    assert a == b
    for s in a.ingredients:
        for m in s.matches:
            assert m.category in exolabel.model.CATEGORIES and m.origin in exolabel.model.ORIGINS


def _edit(name: str, data: st.DataObject) -> str:
    """One random typo inside ``name`` (first letter kept): deletion, insertion, swap or substitution."""
    i = data.draw(st.integers(1, max(1, len(name) - 2)))
    op = data.draw(st.integers(0, 3))
    c = data.draw(st.sampled_from("aeiourstln -"))
    return [
        name[:i] + name[i + 1 :],
        name[:i] + c + name[i:],
        name[:i] + name[i + 1 : i + 2] + name[i] + name[i + 2 :],
        name[:i] + c + name[i + 1 :],
    ][op]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fuzzy_length_window_loses_no_candidate(data: st.DataObject) -> None:
    """Scoring only the names whose length can reach the cutoff finds what scoring every same-letter name finds
    (the curated names; without the CosIng inventory, whose tier takes the same length band)."""
    from exolabel.lexicon import load_lexicon
    from exolabel.lexicon.match import Matcher

    m = Matcher(load_lexicon(inventory=False))
    m._ensure_choices()
    assert m._choices is not None
    name = data.draw(st.sampled_from(m._choices))
    key = _edit(_edit(name, data), data) if data.draw(st.booleans()) else _edit(name, data)
    if len(key) < 5 or not key.strip():
        return
    same = [(c, j) for j, c in enumerate(m._choices) if c[0] == key[0]]
    rf = m._rf
    found = rf.process.extract(key, [c for c, _ in same], scorer=rf.fuzz.ratio, score_cutoff=m.cutoff, limit=None)
    assert m._fuzzy(key) == m._resolve_fuzzy(key, [(c, float(sc), same[j][1]) for c, sc, j in found])
