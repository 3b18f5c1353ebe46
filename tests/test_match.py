"""The matcher: exact/alias, look-alikes, head-noun patterns, typo correction that never passes a guess off as
fact, numbers that must agree whole, and origins read from the name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exolabel
from exolabel.lexicon.match import MIN_SUBSTITUTION_LEN
from exolabel.tokenizer.names import digits_of, normalize_key


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
    expected = m._resolve_fuzzy(key, [(c, float(sc), same[j][1]) for c, sc, j in found])
    if not found and len(key) >= MIN_SUBSTITUTION_LEN and 100 * (1 - 1 / len(key)) < m.cutoff:
        expected = m._one_letter_off(key)  # the tier after ratio (checked against every name below)
    assert m._fuzzy(key) == expected


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_one_letter_off_takes_the_only_name_that_close(data: st.DataObject) -> None:
    """A short name one substitution or swap away from a known name is read as it exactly when no other known
    name (of any length) is that close, checked against every curated name (without the CosIng inventory)."""
    from exolabel.lexicon import load_lexicon
    from exolabel.lexicon.match import Matcher

    m = Matcher(load_lexicon(inventory=False))
    m._ensure_choices()
    assert m._choices is not None
    short = [c for c in m._choices if MIN_SUBSTITUTION_LEN <= len(c) <= 8]
    name = data.draw(st.sampled_from(short))
    i = data.draw(st.integers(1, len(name) - 1))
    c = data.draw(st.sampled_from("aeiourstlnm"))
    key = name[:i] + c + name[i + 1 :]
    if key == name or " " in key:
        return
    osa = m._rf.distance.OSA.distance
    close = {o for o in m._choices if o[0] == key[0] and len(o) == len(key) and osa(key, o) <= 1}
    got = m._one_letter_off(key)
    if len(close) == 1 and m._typo_like(key, name, [key], [name]) and digits_of(key) == digits_of(name):
        assert got.choice == name and got.correction is not None
    elif len(close) != 1:
        assert got.correction is None and not got.matches


# -- what a user sees for typos, OCR misreadings and origins (each case written by hand from the INCI names) -------


@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("Niaccinamidde", "Niacinamide"),  # two letters too many
        ("Niacnamid", "Niacinamide"),  # two letters missing
        ("Cotal Ethylhexanoate", "Cetyl Ethylhexanoate"),  # two letters wrong in a five-letter word
    ],
)
def test_two_typos_in_a_long_enough_word_are_still_corrected(typo: str, name: str) -> None:
    s = identify(typo)
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == (name, "fuzzy")
    assert 88 <= s.correction.score < 100


@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("Arganine", "Arginine"),  # as a real LookFantastic catalogue writes it, 90 times
        ("Cerbomer", "Carbomer"),
        ("Squalana", "Squalane"),
        ("Glycerim", "Glycerin"),
    ],
)
def test_one_wrong_letter_in_a_short_name_is_corrected(typo: str, name: str) -> None:
    """``ratio`` counts a wrong letter as two edits: in an eight-letter name that scores 87.5, under the cutoff."""
    s = identify(typo)
    assert s.correction is not None and (s.correction.name, s.correction.method) == (name, "fuzzy")
    assert s.correction.score < 88


@pytest.mark.parametrize("name", ["Retinel", "Biotim", "Lysime"])
def test_a_short_name_one_letter_off_two_names_or_too_short_is_not_guessed(name: str) -> None:
    """Not guessed: "Retinel" is one letter off both retinol and retinal; six-letter names are too close to others."""
    s = identify(name)
    assert s.correction is None and not s.recognized


def test_a_typo_of_a_name_only_the_curated_lexicon_holds_is_corrected_to_it() -> None:
    """'Milk Exosomes' is an EV-family term of the project's own lexicon, not a CosIng name."""
    s = identify("Milk Exosoms")
    assert s.correction is not None and (s.correction.name, s.correction.method) == ("Milk Exosomes", "fuzzy")
    assert [(m.id, m.category, m.origin, m.method) for m in s.matches] == [("ex.milk", "exosome", "animal", "fuzzy")]


def test_a_typo_of_a_name_only_cosing_holds_is_corrected_to_it() -> None:
    from exolabel.lexicon import load_lexicon

    assert "dianthus chinensis extract" not in load_lexicon().vocab  # known only through the CosIng inventory
    assert identify("Dianthus Chinensis Extract").known == "Dianthus Chinensis Extract"
    s = identify("Dianthus Chinensis Extarct")
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == ("Dianthus Chinensis Extract", "fuzzy")


@pytest.mark.parametrize(
    ("typo", "name"),
    [("Glyceryl Oleatte SE", "Glyceryl Oleate SE"), ("Aluminum Chlorohydrax PG", "Aluminum Chlorohydrex PG")],
)
def test_a_correction_to_a_cosing_only_name_spells_its_words_as_the_vocabulary_does(typo: str, name: str) -> None:
    """CosIng prints names in capitals; a correction to a name only CosIng holds spells a word the way the curated
    vocabulary always does ("SE" as in Glyceryl Stearate SE, "PG" as in Cetyl-PG Hydroxyethyl Palmitamide), not as
    plain capitalization would ("Se", "Pg")."""
    from exolabel.lexicon import load_lexicon

    assert normalize_key(name) not in load_lexicon().vocab  # known only through the CosIng inventory
    s = identify(typo)
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == (name, "fuzzy")


def test_a_name_under_the_cutoff_is_not_corrected_even_when_each_word_is_one_letter_off() -> None:
    """'Cere Albe' is one letter from 'Cera Alba' in each word, but scores 78 (< 88): no guess is offered."""
    assert identify("Cera Alba").known
    s = identify("Cere Albe")
    assert s.correction is None and not s.recognized


def test_a_typo_of_a_lookalike_is_corrected_to_the_lookalike_and_never_matches() -> None:
    s = identify("Bifida Ferment Filrate")
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == ("Bifida Ferment Filtrate", "fuzzy")
    assert s.lookalike and not s.matches


@pytest.mark.parametrize(
    ("text", "name", "lookalike"),
    [("Lecith1n", "Lecithin", "la.lecithin"), ("Lysine HC1", "Lysine HCl", "la.lysine")],
)
def test_an_ocr_misreading_of_a_lookalike_is_that_lookalike(text: str, name: str, lookalike: str) -> None:
    """'1' printed for 'l': the one reading that is a name is a look-alike's, so the ingredient is that look-alike
    (its id gives the reason it is no EV-family ingredient), shown as an OCR reading."""
    s = identify(text)
    assert (s.known, s.lookalike, s.matches) == (name, lookalike, ())
    assert s.correction is not None and (s.correction.name, s.correction.method) == (name, "ocr")


def test_ocr_rn_read_as_m_is_undone() -> None:
    """'Lirnonene' (rn for m) is 82 against 'Limonene', under the typo cutoff: only the OCR reading finds it."""
    s = identify("Lirnonene")
    assert s.known == "Limonene"
    assert s.correction is not None and (s.correction.name, s.correction.method) == ("Limonene", "ocr")


def test_an_ocr_misreading_with_two_known_readings_is_not_guessed() -> None:
    """'HC1' reads as 'HCl' or 'HCI', and CosIng lists both names: the matcher does not pick one."""
    a, b = identify("Tyrosyl Histidine HCl"), identify("Tyrosyl Histidine HCI")
    assert a.known and b.known and a.known != b.known
    s = identify("Tyrosyl Histidine HC1")
    assert s.correction is None and not s.recognized


def test_a_typo_in_a_five_letter_head_noun_still_classifies_the_name() -> None:
    s = identify("Equine Adipose Conditioned Medai")
    assert [(m.category, m.origin) for m in s.matches] == [("conditioned_media", "animal")]
    assert s.correction is not None
    assert (s.correction.name, s.correction.method) == ("Equine Adipose Conditioned Media", "fuzzy")


def test_a_species_word_outranks_a_synthetic_marker_written_before_it() -> None:
    """A human conditioned medium with an sh- peptide in its name is human, wherever the peptide stands."""
    for text in (
        "sh-Oligopeptide-1 Human Fibroblast Conditioned Media",
        "Human Fibroblast sh-Oligopeptide-1 Conditioned Media",
    ):
        (m,) = identify(text).matches
        assert (m.category, m.origin) == ("conditioned_media", "human"), text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Bovine Colostrum Exosomes For Human Skin", "exosome"),
        ("Mouse Fibroblast Conditioned Media For Human Skin", "conditioned_media"),
    ],
)
def test_the_earliest_species_word_is_the_source(text: str, category: str) -> None:
    """'Human' later in the name says who it is for, not what it is from: an animal source is not a human one."""
    (m,) = identify(text).matches
    assert (m.category, m.origin) == (category, "animal")


def test_the_origin_detail_is_the_words_between_the_species_and_the_head_noun() -> None:
    for text, detail in (
        ("Human/Adipose Conditioned Media", "adipose"),
        ("Human Adipose Conditioned Media", "adipose"),
        ("Equine Adipose Stem Cell Exosomes", "adipose stem cell"),
    ):
        (m,) = identify(text).matches
        assert m.detail == detail, text


@pytest.mark.parametrize(
    ("text", "lookalike"),
    [("Lecithin", "la.lecithin"), ("Hydrogenated Lecithin", "la.lecithin"), ("Lysine HCl", "la.lysine")],
)
def test_a_lookalike_name_says_which_lookalike_it_is(text: str, lookalike: str) -> None:
    """The look-alike's id (lookalikes.yaml) is what 'explain' and 'lexicon lookup' show the reason from."""
    s = identify(text)
    assert (s.lookalike, s.matches) == (lookalike, ())


@pytest.mark.parametrize(
    ("text", "lookalike", "known"),
    [
        ("Hydrogenated-Lecithin", "la.lecithin", "Hydrogenated Lecithin"),
        ("HYDROGENATED-LECITHIN", "la.lecithin", "Hydrogenated Lecithin"),
        ("HydrogenatedLecithin", "la.lecithin", "Hydrogenated Lecithin"),
        ("Hydrogenated-Lysolecithin", "la.lysolecithin", "Hydrogenated Lysolecithin"),
    ],
)
def test_a_lookalike_written_with_a_hyphen_or_run_together_is_the_same_lookalike(
    text: str, lookalike: str, known: str
) -> None:
    s = identify(text)
    assert (s.known, s.lookalike, s.matches) == (known, lookalike, ())


def test_every_lookalike_name_with_hyphens_for_spaces_keeps_its_note() -> None:
    """A look-alike's name read from any spelling the vocabulary takes for it carries the look-alike's id."""
    from exolabel.lexicon import load_lexicon

    lex = load_lexicon()
    wrong = []
    for la in lex.lookalikes:
        for name in (la.term, *la.aliases):
            if " " not in name:
                continue
            s = identify(name.replace(" ", "-"))
            if s.known is not None and s.lookalike != la.id:
                wrong.append((name, s.known, s.lookalike))
    assert not wrong


@pytest.mark.parametrize(
    ("text", "entry", "category", "term"),
    [
        ("Bifida Ferment-Lysate", "lys.bifida-ferment-lysate", "lysate", "Bifida Ferment Lysate"),
        ("Milk-Exosomes", "ex.milk", "exosome", "Milk Exosomes"),
        (
            "Human Fibroblast Conditioned-Media",
            "cm.human-fibroblast",
            "conditioned_media",
            "Human Fibroblast Conditioned Media",
        ),
    ],
)
def test_an_ev_family_name_with_a_hyphen_for_a_space_is_still_that_entry(
    text: str, entry: str, category: str, term: str
) -> None:
    """A spelling the vocabulary takes for an EV-family term is that term as surely as the term itself: known (and
    shown) by the term's name, recognized as an alias of it (the module's "exact / alias"), not as a guess."""
    s = identify(text)
    (m,) = s.matches
    assert (m.id, m.category, m.score) == (entry, category, 100.0)
    assert (m.method, s.known, s.display_name, s.correction) == ("alias", term, term, None)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("Phenoxyetano1", "Phenoxyethanol"),  # OCR 1 for l, and the h left out
        ("Sodium Hya1uronte", "Sodium Hyaluronate"),  # OCR 1 for l, and the a left out
        ("Equine Adip0se Conditi0ned Medai", "Equine Adipose Conditioned Media"),  # OCR 0 for o, and a head typo
    ],
)
def test_an_ocr_reading_that_needs_a_typo_fix_too_is_never_shown_as_a_sure_reading(text: str, meant: str) -> None:
    """An OCR reading is kept only when it is a known name (or classifies) as it stands: a reading that is itself
    misspelled is not shown as the name with an OCR reading's certainty (score 100)."""
    s = identify(text)
    assert s.correction is None or (s.correction.name == meant and s.correction.score < 100), s.correction


def test_a_user_tissue_cue_without_a_detail_gives_its_own_words_as_the_detail(tmp_path) -> None:
    """lexicon/data/README: a cue's 'detail' is optional; a tissue cue without one names the words it matched."""
    mine = tmp_path / "cues.yaml"
    mine.write_text(
        "schema: 1\ncues:\n  - id: cue.my-gingiva\n    words: [gingival tissue]\n    kind: tissue\n"
        "    sources: [cosing]\n",
        encoding="utf-8",
    )
    (s,) = exolabel.Scanner(extra_lexicon=[mine]).scan("Conditioned Media From Gingival Tissue").ingredients
    assert [(m.category, m.origin, m.detail) for m in s.matches] == [
        ("conditioned_media", "unspecified", "gingival tissue")
    ]


@pytest.mark.parametrize(
    ("text", "known", "categories"),
    [
        # a trade name over the INCI name the label declares: the INCI name is the ingredient
        ("Rose Exosomes (Rosa Damascena Flower Extract)", "Rosa Damascena Flower Extract", set()),
        (
            "Exosome (Malus Domestica Fruit Cell Culture Extract)",
            "Malus Domestica Fruit Cell Culture Extract",
            {"plant_cell_culture"},
        ),
        ("Probiotic Exosomes (Lactobacillus Ferment Lysate)", "Lactobacillus Ferment Lysate", {"lysate"}),
        # the bracketed name is itself vesicles, a typo or no known name: the vesicle name stands
        ("Plant Exosomes (Rosa Damascena Callus Extracellular Vesicles)", None, {"plant_nanovesicle"}),
        ("Rose Exosomes (Rosa Damascena Flower Extrakt)", None, {"plant_nanovesicle"}),
        ("Rose Exosomes (Rose Of Sharon)", None, {"plant_nanovesicle"}),
    ],
)
def test_a_vesicle_trade_name_over_a_declared_inci_name_is_that_inci_name(
    text: str, known: str | None, categories: set[str]
) -> None:
    (s,) = exolabel.scan(f"Aqua, {text}").ingredients[1:]
    assert {m.category for m in s.matches} == categories, s
    if known is not None:
        assert s.known == known
    verdict = exolabel.scan(f"Aqua, {text}, Glycerin").ev_ingredients
    assert bool(verdict) == bool(categories)
