"""Tokenizer behaviour on real-world label text, plus hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_tokenizer import reference_tokenize

import exolabel
from exolabel.tokenizer.core import Tokenizer, TooManyIngredients, tokenize
from exolabel.tokenizer.names import normalize_key


class Names:
    """A tiny known-name index standing in for the vocabulary."""

    def __init__(self, *names: str, synonyms: dict[str, str] | None = None) -> None:
        self.map = {normalize_key(n): n for n in names}
        for syn, canon in (synonyms or {}).items():
            self.map[normalize_key(syn)] = canon

    def canonical(self, key: str) -> str | None:
        return self.map.get(key)


NAMES = Names(
    "Aqua",
    "Glycerin",
    "Niacinamide",
    "Phenoxyethanol",
    "Ethylhexylglycerin",
    "Caprylyl Glycol",
    "1,2-Hexanediol",
    "Parfum",
    "Linalool",
    "Limonene",
    "Caprylic/Capric Triglyceride",
    "Butylene Glycol",
    "Sodium Hyaluronate",
    synonyms={"Water": "Aqua", "Eau": "Aqua", "Fragrance": "Parfum"},
)


def names(text: str, index: Names | None = NAMES) -> list[str]:
    return [i.name for i in Tokenizer(index).tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ingredients: Water, Glycerin", ["Water", "Glycerin"]),
        ("INCI: Aqua, Glycerin", ["Aqua", "Glycerin"]),
        ("Ingrédients : Aqua, Glycerin", ["Aqua", "Glycerin"]),
        ("Inhaltsstoffe: Aqua, Glycerin", ["Aqua", "Glycerin"]),
        ("Ingredients/Ingrédients: Aqua, Glycerin", ["Aqua", "Glycerin"]),
        (
            "Active Ingredients: Niacinamide 5%\nInactive Ingredients: Water, Glycerin",
            ["Niacinamide", "Water", "Glycerin"],
        ),
        ("Water, Glycerin. Other: Limonene", ["Water", "Glycerin", "Limonene"]),
        ("Glow Serum 30 ml\nIngredients: Water, Glycerin", ["Water", "Glycerin"]),
    ],
)
def test_headers_and_preambles_are_not_ingredients(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin*, Limonene**\n*organic\n**from natural essential oils",
        "Water, Glycerin*, Limonene**\n* Certified organic ingredient\n** from natural essential oils",
        "Water, Glycerin*, Limonene**. *organic, **from natural essential oils",
    ],
)
def test_footnote_lines_are_not_ingredients(text: str) -> None:
    ings = tokenize(text, NAMES)
    assert [i.name for i in ings] == ["Water", "Glycerin", "Limonene"]
    assert ings[1].markers == ("footnote:*",)
    assert ings[2].markers == ("footnote:**",)


def test_a_footnote_mark_in_brackets_is_kept_as_a_marker_not_a_name() -> None:
    ings = tokenize("Glycerin (1), Green Tea[2] Leaf Oil, Parfum (a)", NAMES)
    assert [(i.name, i.markers) for i in ings] == [
        ("Glycerin", ("footnote:1",)),
        ("Green Tea Leaf Oil", ("footnote:2",)),
        ("Parfum", ("footnote:a",)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Water; Glycerin; Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water • Glycerin • Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water · Glycerin · Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water | Glycerin | Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water\nGlycerin\nNiacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water,Glycerin,Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
        ("Water ,Glycerin , Niacinamide,", ["Water", "Glycerin", "Niacinamide"]),
        ("Water、Glycerin，Niacinamide", ["Water", "Glycerin", "Niacinamide"]),
    ],
)
def test_separators(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Water, 1,2-Hexanediol, Glycerin", ["Water", "1,2-Hexanediol", "Glycerin"]),
        ("Water,1,2-Hexanediol,Glycerin", ["Water", "1,2-Hexanediol", "Glycerin"]),
        ("2-Bromo-2-Nitropropane-1,3-Diol, Water", ["2-Bromo-2-Nitropropane-1,3-Diol", "Water"]),
        ("Water, Sodium C14-16 Olefin Sulfonate", ["Water", "Sodium C14-16 Olefin Sulfonate"]),
    ],
)
def test_chemical_locants_are_never_split(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_slash_aliases_only_when_the_vocabulary_says_so() -> None:
    ings = tokenize(
        "Aqua/Water/Eau, Caprylic/Capric Triglyceride, Parfum/Fragrance, Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
        NAMES,
    )
    assert [i.name for i in ings] == [
        "Aqua",
        "Caprylic/Capric Triglyceride",
        "Parfum",
        "Acrylates/C10-30 Alkyl Acrylate Crosspolymer",
    ]
    assert ings[0].aliases == ("Water", "Eau")
    assert ings[1].aliases == ()
    assert ings[2].aliases == ("Fragrance",)


def test_slash_is_kept_without_a_vocabulary() -> None:
    assert names("Aqua/Water/Eau, Glycerin", None) == ["Aqua/Water/Eau", "Glycerin"]


def test_parentheses_alias_common_name_form_and_concentration() -> None:
    ings = tokenize(
        "Water (Aqua), Butyrospermum Parkii (Shea) Butter, Titanium Dioxide (nano), "
        "Zinc Oxide [nano], Niacinamide (2%), Tocopherol (Vitamin E, natural)",
        NAMES,
    )
    water, shea, tio2, zno, nia, toco = ings
    assert (water.name, water.aliases) == ("Water", ("Aqua",))
    assert shea.name == "Butyrospermum Parkii (Shea) Butter"
    assert shea.common_name == "Shea"
    assert shea.key == "butyrospermum parkii butter"
    assert (tio2.name, tio2.markers) == ("Titanium Dioxide", ("nano",))
    assert (zno.name, zno.markers) == ("Zinc Oxide", ("nano",))
    assert nia.name == "Niacinamide" and nia.concentration is not None and nia.concentration.value == 2.0
    assert toco.name == "Tocopherol" and toco.aliases == ("Vitamin E, natural",)


def test_and_blends_are_two_ingredients() -> None:
    assert names("Caprylyl Glycol (and) Ethylhexylglycerin, Water") == [
        "Caprylyl Glycol",
        "Ethylhexylglycerin",
        "Water",
    ]
    assert names("Caprylyl Glycol [and] 1,2-Hexanediol") == ["Caprylyl Glycol", "1,2-Hexanediol"]


def test_an_amount_on_its_own_joins_the_ingredient_before_it_which_keeps_all_else_it_said() -> None:
    ings = tokenize("Water/Aqua/Eau, 70%, Butyrospermum Parkii (Shea) Butter, 5%, Glycerin*, 2 %", NAMES)
    got = [(i.name, i.aliases, i.common_name, i.markers, i.concentration and i.concentration.value) for i in ings]
    assert got == [
        ("Water", ("Aqua", "Eau"), None, (), 70.0),
        ("Butyrospermum Parkii (Shea) Butter", (), "Shea", (), 5.0),
        ("Glycerin", (), None, ("footnote:*",), 2.0),
    ]


def test_a_piece_without_a_name_inside_a_blend_loses_no_later_name() -> None:
    ings = tokenize("Butylene Glycol (and) 1% (and) Caprylyl Glycol, Aqua (and) ** (and) Glycerin, Parfum", NAMES)
    got = [(i.name, i.concentration and i.concentration.value) for i in ings]
    assert got == [
        ("Butylene Glycol", 1.0),
        ("Caprylyl Glycol", None),
        ("Aqua", None),
        ("Glycerin", None),
        ("Parfum", None),
    ]


def test_plain_piece_takes_only_a_piece_that_is_one_ingredient_as_written() -> None:
    tok = Tokenizer(NAMES)
    plain = tok.plain_piece("  Glycerin ")
    assert plain is not None and (plain[0].name, plain[1], plain[2]) == ("Glycerin", 2, 8)
    # a footnote mark first, an amount glued to a next name, a blend, an amount alone, nothing: as its docstring
    # says, the general path decides (two names, a footnote, ...)
    for part in (" *Glycerin", " Zinc Oxide 6.90%Glycerin", " *Zinc Oxide 6.90%Glycerin", " Caprylyl Glycol (and) Aqua",
                 " *Caprylyl Glycol (and) Aqua", " 5%", " ", ""):  # fmt: skip
        assert tok.plain_piece(part) is None, part


def test_the_ingredient_limit_counts_amounts_glued_to_the_next_name_and_only_pieces_with_a_word() -> None:
    text = "Aqua, Zinc Oxide 6.90%Titanium Dioxide 2%Glycerin"  # four ingredients, two list pieces
    with pytest.raises(TooManyIngredients) as raised:
        Tokenizer(max_ingredients=3).tokenize(text)
    assert (raised.value.count, raised.value.limit) == (4, 3)
    assert str(raised.value).startswith("4 ingredients, over --max-ingredients 3 ")
    assert len(Tokenizer(max_ingredients=4).tokenize(text)) == 4
    assert [i.name for i in Tokenizer(max_ingredients=2).tokenize("Aqua, , ;, *, Glycerin")] == ["Aqua", "Glycerin"]


@pytest.mark.parametrize(
    "text",
    [
        "Water, Glycerin, May contain: CI 77891, CI 77491",
        "Water, Glycerin, [+/- CI 77891, CI 77491]",
        "Water, Glycerin. +/-: CI 77891, CI 77491",
        "Water, Glycerin (+/- CI 77891, CI 77491)",
        "Water, Glycerin, Peut contenir: CI 77891, CI 77491",
    ],
)
def test_may_contain_tails(text: str) -> None:
    ings = tokenize(text, NAMES)
    assert [i.name for i in ings] == ["Water", "Glycerin", "CI 77891", "CI 77491"]
    assert [i.may_contain for i in ings] == [False, False, True, True]


def test_may_contain_after_a_word_ending_in_a_capital_x() -> None:
    """Upper-case labels: "WAX +/- CI 77891" (the marker follows a name, not a bracket)."""
    ings = tokenize("AQUA, CERA ALBA, PARAFFIN WAX +/- CI 77891, CI 77491", NAMES)
    assert [(i.name, i.may_contain) for i in ings] == [
        ("AQUA", False),
        ("CERA ALBA", False),
        ("PARAFFIN WAX", False),
        ("CI 77891", True),
        ("CI 77491", True),
    ]


@pytest.mark.parametrize(
    "text",
    ["Aqua, Glycerin\n  Directions\nApply daily to clean skin.", "Aqua\nGlycerin\n\tWarnings\nFor external use only."],
)
def test_an_indented_panel_heading_alone_on_its_line_ends_the_list(text: str) -> None:
    assert [i.name for i in tokenize(text, NAMES)] == ["Aqua", "Glycerin"]


def test_a_doubled_plus_still_opens_a_may_contain_tail() -> None:
    assert [(i.name, i.may_contain) for i in tokenize("Glycerin, ++/- CI 77891", NAMES)] == [
        ("Glycerin", False),
        ("CI 77891", True),
    ]


def test_kit_headings_are_found_with_an_ascii_and_a_full_width_colon() -> None:
    """Two colons, one of each kind: each product name is a heading, not an ingredient."""
    text = "Cleanser: Aqua, Glycerin\nSerum\uff1aAqua, Niacinamide"
    assert [i.name for i in tokenize(text, NAMES)] == ["Aqua", "Glycerin", "Aqua", "Niacinamide"]


@pytest.mark.parametrize(
    "text",
    [
        "Face Cream 50 ml\nINGREDIENTS\nAqua, Glycerin, Parfum",
        "Face Cream\n50 ml / 1.7 fl oz\nINGREDIENTS\nAqua, Glycerin, Parfum",
        "Face Cream\nINCI\nAqua, Glycerin, Parfum",
    ],
)
def test_a_header_alone_on_a_later_line_is_blanked_with_the_title_before_it(text: str) -> None:
    assert [i.name for i in tokenize(text, NAMES)] == ["Aqua", "Glycerin", "Parfum"]


@pytest.mark.parametrize(
    ("text", "kind", "value", "per"),
    [
        ("Niacinamide 5%", "percent", 5.0, None),
        ("Niacinamide (0.1 %)", "percent", 0.1, None),
        ("Niacinamide 0,5%", "percent", 0.5, None),
        ("Retinol 10,000 ppm", "ppm", 10000.0, None),
        ("Exosomes 2 billion exosomes/mL", "count", 2e9, "ml"),
        ("Exosomes 1.2x10^10 per vial", "count", 1.2e10, "vial"),
        ("Exosomes 1,000億", "count", 1e11, None),
        ("Exosomes 100%", "marketing", 100.0, None),
        ("Exosomes 2000%", "marketing", 2000.0, None),
        ("Hyaluronic Acid 1% solution", "raw_material", 1.0, None),
    ],
)
def test_concentrations(text: str, kind: str, value: float, per: str | None) -> None:
    (ing,) = tokenize(text)
    assert ing.concentration is not None
    assert (ing.concentration.kind, ing.concentration.value, ing.concentration.per) == (kind, value, per)
    assert not any(ch.isdigit() for ch in ing.name)


def test_numbers_in_names_are_not_concentrations() -> None:
    ings = tokenize("Polysorbate 20, PEG-40 Hydrogenated Castor Oil, CI 77891, Ceteareth-20, Steareth-2")
    assert [i.name for i in ings] == [
        "Polysorbate 20",
        "PEG-40 Hydrogenated Castor Oil",
        "CI 77891",
        "Ceteareth-20",
        "Steareth-2",
    ]
    assert all(i.concentration is None for i in ings)


def test_unicode_and_scraping_noise() -> None:
    text = (
        "HELIANTHUS ANNUUS (SUNFLOWER) SEED OIL, Sunﬂower Oil, Gly\u200bcerin, Water\u00a0(Aqua), "
        "\u201cNiacinamide\u201d, Limonene."
    )
    ings = tokenize(text, NAMES)
    assert [i.name for i in ings] == [
        "HELIANTHUS ANNUUS (SUNFLOWER) SEED OIL",
        "Sunflower Oil",
        "Glycerin",
        "Water",
        '"Niacinamide"',
        "Limonene",
    ]
    assert ings[0].key == "helianthus annuus seed oil"
    assert ings[4].key == "niacinamide"
    # spans point into the original input, even after ligatures and zero-width characters
    for ing in ings:
        assert text[ing.span[0] : ing.span[1]] == ing.text
    # counted by hand: the ligature and the zero-width space are one character each of the input
    assert [i.span for i in ings][1:3] == [(40, 52), (54, 63)]
    assert [i.text for i in ings][1:3] == ["Sunﬂower Oil", "Gly\u200bcerin"]


def test_ocr_confusions_hyphenation_debris_and_glued_function_labels() -> None:
    ings = tokenize("Phenoxyethano1, Butylene Gly-\ncol, Glycerin[more], PerfumingLinalool, Solvent Water", NAMES)
    assert [i.key for i in ings][:4] == ["phenoxyethanol", "butylene glycol", "glycerin", "linalool"]
    assert "ocr" in ings[0].markers


def test_an_ocr_zero_and_one_inside_known_names_are_read_as_letters() -> None:
    """What 'exolabel tokens' shows: the key is the known name's key, marked as an OCR reading."""
    ings = tokenize("Lim0nene, Phen0xyethan0l, Glycer1n, Aqua 10", NAMES)
    assert [(i.key, "ocr" in i.markers) for i in ings] == [
        ("limonene", True),
        ("phenoxyethanol", True),
        ("glycer1n", False),  # 1 read as l gives no known name: the key is left as written
        ("aqua 10", False),  # digits after a space are not a confusion
    ]


def test_line_breaks_that_wrap_a_name_are_joined() -> None:
    text = "Water, Caprylic/Capric\nTriglyceride, Glycerin, Sodium\nHyaluronate, Niacinamide"
    assert names(text) == ["Water", "Caprylic/Capric Triglyceride", "Glycerin", "Sodium Hyaluronate", "Niacinamide"]


def test_line_breaks_between_known_names_separate_them() -> None:
    text = "Water, Glycerin, Ethylhexylglycerin\nCaprylyl Glycol (and) 1,2-Hexanediol, Linalool"
    assert names(text) == ["Water", "Glycerin", "Ethylhexylglycerin", "Caprylyl Glycol", "1,2-Hexanediol", "Linalool"]


def test_unbalanced_brackets_still_split() -> None:
    assert names("Water (Aqua, Glycerin, Niacinamide") == ["Water (Aqua", "Glycerin", "Niacinamide"]


def test_spans_and_indexes() -> None:
    text = "Ingredients: Water, Glycerin (and) Niacinamide 5%"
    ings = tokenize(text)
    assert [i.index for i in ings] == [0, 1, 2]
    assert [text[a:b] for a, b in (i.span for i in ings)] == ["Water", "Glycerin", "Niacinamide 5%"]


def test_empty_and_junk() -> None:
    assert tokenize("") == ()
    assert tokenize("   \n\t ") == ()
    assert tokenize(",,,;;;") == ()


# -- properties -------------------------------------------------------------------------------------
label_chars = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ 0123456789,;:/()[]*%.-+\n•·|'\"ﬂ\u200b\u00a0"))
labels = st.text(alphabet=label_chars, max_size=200)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_never_raises_on_any_string(text: str) -> None:
    for ing in tokenize(text, NAMES):
        assert 0 <= ing.span[0] <= ing.span[1] <= len(text)
        assert ing.name.strip()


@settings(max_examples=400, deadline=None)
@given(labels)
def test_spans_point_into_the_input(text: str) -> None:
    for ing in tokenize(text, NAMES):
        assert text[ing.span[0] : ing.span[1]] == ing.text


@settings(max_examples=400, deadline=None)
@given(labels)
def test_retokenizing_joined_names_is_stable(text: str) -> None:
    first = [i.name for i in tokenize(text, NAMES)]
    joined = ", ".join(first)
    second = [i.name for i in tokenize(joined, NAMES)]
    third = [i.name for i in tokenize(", ".join(second), NAMES)]
    assert second == third


@settings(max_examples=200, deadline=None)
@given(labels)
def test_deterministic(text: str) -> None:
    assert tokenize(text, NAMES) == tokenize(text, NAMES)


one_line_piece = st.one_of(
    st.sampled_from(
        [
            "Aqua",
            " Glycerin",
            "1,2-Hexanediol",
            "2-Bromo-2-Nitropropane-1,3-Diol",
            "Butyrospermum Parkii (Shea) Butter",
            "Tocopherol (Vitamin E)",
            "Lecithin (and) Glycerin",
            "Titanium Dioxide [nano]",
            "Niacinamide 5%",
            "Zinc Oxide 6%Water",
            "INCI:",
            "*organic",
            "10,000 ppm",
            "(a, b)",
            "[CI 77891]",
            "[+/- CI 77891, CI 77491]",
            "(may contain: Mica, CI 77891)",
            "May contain",
            "Aqua/Water/Eau",
            "",
            "  ",
        ]
    ),
    labels,
)
one_line_sep = st.sampled_from([",", ", ", ";", " • ", " | ", "·", ",,", "\n", " - "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(one_line_piece, one_line_sep), max_size=12))
def test_the_cutter_equals_the_reference(pieces: list[tuple[str, str]]) -> None:
    text = "".join(p + s for p, s in pieces)
    fast = Tokenizer(NAMES)
    reference = reference_tokenize(Tokenizer(NAMES), text)
    assert fast.tokenize(text) == reference
    assert fast.tokenize(text) == reference  # again, now from the memo of plain pieces


@settings(max_examples=300, deadline=None)
@given(labels)
def test_the_cutter_equals_the_reference_on_noise(text: str) -> None:
    fast = Tokenizer(NAMES)
    reference = reference_tokenize(Tokenizer(NAMES), text)
    assert fast.tokenize(text) == reference
    assert fast.tokenize(text) == reference


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200).filter(lambda t: "<" not in t and "&" not in t))
def test_prepare_maps_every_character_as_translate_would(text: str) -> None:
    """Character by character, as str.translate would (HTML tags and entities, the other thing prepare reads, have
    their own tests: '<DIV>' becomes a line break)."""
    from exolabel.tokenizer.prepare import _map_char, prepare

    expected = text.translate({ord(c): _map_char(c) for c in text if not ("\x20" <= c <= "\x7e" or c == "\n")})
    assert prepare(text)[0] == expected


marker_text = st.lists(
    st.one_of(
        st.sampled_from(["may contain", "MAY  CONTAIN:", "+/-", "+ / -", "+-", "±", "peut contenir", "kann enthalten"]),
        st.sampled_from(["Pu", "pure", "kan", "Kann", "may", "pode conter", "puo contenere", "può contenere"]),
        st.text(alphabet="abcKkMmPp +-/:,é\u212a", max_size=6),
    ),
    max_size=10,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(marker_text)
def test_may_contain_markers_are_found_as_the_regex_finds_them(text: str) -> None:
    from exolabel.tokenizer.mask import MAY_CONTAIN_RE, may_contain_markers

    assert [m.span() for m in may_contain_markers(text)] == [m.span() for m in MAY_CONTAIN_RE.finditer(text)]


marker_words = st.lists(
    st.one_of(
        marker_text,
        st.sampled_from(["kan bevatten", "KAN BEVATTE", "pode conter", "CONT", "contaın", "CONTAİN", "Enthalten"]),
        st.text(alphabet="ACEINOTacdeinotv ı\u0130\u0307", max_size=8),
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(marker_words)
def test_the_marker_word_test_never_misses_a_marker(text: str) -> None:
    """The cheap word test in front of the may-contain scan says yes whenever the regex finds a marker."""
    from exolabel.tokenizer.mask import MAY_CONTAIN_RE, _marker_word, _needs_mask

    if MAY_CONTAIN_RE.search(text):
        assert "+" in text or "±" in text or _marker_word(text.lower())
        assert _needs_mask(text, text.lower())


@pytest.mark.parametrize(
    "tail", ["pode conter", "kan bevatten", "puede contener", "può contenere", "peut contenir", "kann enthalten"]
)
def test_may_contain_tails_in_every_language_are_found_without_a_header(tail: str) -> None:
    ings = tokenize(f"Aqua, Glycerin, {tail} CI 77891, CI 77491")
    assert [i.name for i in ings] == ["Aqua", "Glycerin", "CI 77891", "CI 77491"]
    assert [i.may_contain for i in ings] == [False, False, True, True]


noisy_piece = st.lists(
    st.one_of(
        st.sampled_from(["[more]", "(less)", "Read More", "SHOW less", "…", "[ details ]", "more", "Perfuming"]),
        st.sampled_from(["Linalool", "Emollient", "Glycerin", "*", "(Shea)", "  ", "\t", "\n", "\u00a0", "ſ"]),
        st.text(alphabet="abcMORELSmoreless []()*-\n", max_size=6),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(noisy_piece)
def test_guarded_piece_cleaning_equals_the_regexes(text: str) -> None:
    """The cheap guards in front of the piece-cleaning regexes never change what the regexes would do."""
    from exolabel.tokenizer.names import FUNCTION_LABEL_RE, FUNCTION_LABELS, glued_function_label
    from exolabel.tokenizer.piece import _DEBRIS_RE, _WS_RE, collapse_ws, drop_debris

    assert collapse_ws(text) == _WS_RE.sub(" ", text)
    assert drop_debris(text) == _DEBRIS_RE.sub(" ", text)
    cleaned = collapse_ws(text).strip()
    if FUNCTION_LABEL_RE.search(cleaned):
        assert cleaned.startswith(FUNCTION_LABELS) or cleaned.endswith(FUNCTION_LABELS)
    assert glued_function_label(cleaned) == (cleaned.startswith(FUNCTION_LABELS) or cleaned.endswith(FUNCTION_LABELS))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,()[]{}<>1\u00a0", max_size=12))
def test_has_bracket_equals_the_regex(text: str) -> None:
    """The substring tests in front of the bracket scan answer as the character class does."""
    from exolabel.tokenizer.cut import _HAS_BRACKET_RE, has_bracket

    assert has_bracket(text) == bool(_HAS_BRACKET_RE.search(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a1,2 ;\u0663\u00b2\u2022-\n(", max_size=16))
def test_digit_commas_are_the_commas_the_locant_regex_finds(text: str) -> None:
    """The literal-first search finds the commas r"\\d(?=,\\d)" finds and those of spaced locants ("1, 2-"; Arabic-Indic
    digits are digits, a superscript two is not)."""
    import re

    from exolabel.tokenizer.cut import digit_commas

    tight = {m.start() + 1 for m in re.finditer(r"\d(?=,\d)", text)}
    spaced = {m.end() for m in re.finditer(r"(?<![^,;|\u2022\u00b7\n]) *\d{1,2}(?=, +\d+-)", text)}
    assert digit_commas(text) == sorted(tight | spaced)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="1\u0663 \u00a0\t%AWa\u00b2", max_size=14))
def test_glued_amounts_end_where_the_glued_amount_regex_ends(text: str) -> None:
    """The search from the per-cent sign ends where r"\\d\\s?%(?=[A-Z][a-z])" matches end."""
    import re

    from exolabel.tokenizer.cut import glued_amounts

    assert glued_amounts(text) == [m.end() for m in re.finditer(r"\d\s?%(?=[A-Z][a-z])", text)]


_amount_token = st.sampled_from(["(", ")", " ", "Niacinamide", "Exosome", "x", "/", "%", "e", "ı", "K"])
_number = st.sampled_from(["5", "0.5", "10", "1,000", "2"])
_unit = st.sampled_from(
    ["%", "x", "*", "×", "k", "M", "b", "K", "bn", "billion", "Million", "億", "ppm", "PPB", "mg", "", "10^"]
)
_tail = st.sampled_from(
    ["per", "/", "ml", "mL", "vial", "exosomes", "EVs", "particles", "vesicle", "solution", "w/w", "ı", "", "e", "10"]
)
_blank = st.sampled_from(["", " "])
# number, unit and what follows, close together (each amount pattern's shape), between random tokens
amount_text = st.lists(
    st.one_of(_amount_token, st.tuples(_number, _blank, _unit, _blank, _tail).map("".join)), max_size=5
).map("".join)


@settings(max_examples=800, deadline=None)
@given(amount_text)
def test_guarded_amount_search_equals_trying_every_pattern(text: str) -> None:
    """Skipping the amount patterns whose words are absent never changes the amount found."""
    from exolabel.tokenizer.amount import _PATTERNS, _build, find_concentration

    best = None
    for kind, rx in _PATTERNS:
        m = rx.search(text)
        c = _build(kind, m) if m is not None else None
        if m is not None and c is not None and (best is None or m.start() < best[1]):
            best = (c, m.start(), m.end())
    assert find_concentration(text) == best


@pytest.mark.parametrize(
    "name", ["Hydrogenated Poly(C6-14 Olefin)", "Cetyl Diglyceryl Tris(Trimethylsiloxy)silylethyl Dimethicone"]
)
def test_brackets_the_vocabulary_knows_are_part_of_the_name(name: str) -> None:
    import exolabel

    report = exolabel.scan(f"Aqua, {name}, Glycerin")
    s = report.ingredients[1]
    assert (s.ingredient.name, s.ingredient.aliases, s.ingredient.common_name) == (name, (), None)
    assert s.known == name and s.recognized
    # an unknown bracketed name keeps the alias reading
    other = exolabel.scan("Aqua, Magic Poly(Youth Complex), Glycerin").ingredients[1].ingredient
    assert (other.name, other.aliases) == ("Magic Poly", ("Youth Complex",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zinc Oxide 20\n%Titanium Dioxide\nAqua", [("Zinc Oxide", 20.0), ("Titanium Dioxide", None), ("Aqua", None)]),
        ("Aqua, Zinc Oxide 20\n%, Glycerin", [("Aqua", None), ("Zinc Oxide", 20.0), ("Glycerin", None)]),
    ],
)
def test_an_amount_wrapped_at_its_per_cent_sign_stays_with_its_ingredient(
    text: str, expected: list[tuple[str, float | None]]
) -> None:
    """A line break between a number and its "%" (a label wrapped mid-amount) is inside the amount: it never ends
    the ingredient, on the fast path and in the reference cutter alike (hypothesis found "0\\n%Aa" cut apart)."""
    tok = Tokenizer(NAMES)
    got = tok.tokenize(text)
    assert [(i.name, i.concentration.value if i.concentration else None) for i in got] == expected
    assert [i.name for i in reference_tokenize(tok, text)] == [name for name, _ in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Carbomer,  1, 2-Hexanediol,  Caprylyl Glycol",  # as a Kaggle Sephora product_info.csv cell writes it
        "Carbomer; 1, 2-Hexanediol; Caprylyl Glycol",
        "Carbomer\n1, 2-Hexanediol\nCaprylyl Glycol",
    ],
)
def test_locants_written_with_a_space_stay_one_name(text: str) -> None:
    report = exolabel.scan(text)
    assert [(s.ingredient.name, s.known) for s in report.ingredients] == [
        ("Carbomer", "Carbomer"),
        ("1, 2-Hexanediol", "1,2-Hexanediol"),
        ("Caprylyl Glycol", "Caprylyl Glycol"),
    ]


def test_a_number_after_a_name_is_no_locant() -> None:
    """ "Zinc Oxide 10, 2-...": the piece before the comma is not a number alone, so the comma cuts."""
    names = [s.ingredient.name for s in exolabel.scan("Aqua, Zinc Oxide 10, 2-Hexanediol").ingredients]
    assert names == ["Aqua", "Zinc Oxide 10", "2-Hexanediol"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the last two names joined in prose, as product pages write them
        ("Water, Glycerin, Tocopherol and Fragrance.", ["Water", "Glycerin", "Tocopherol", "Fragrance"]),
        (
            "Water, Glycerin, Citric Acid, and Potassium Sorbate",
            ["Water", "Glycerin", "Citric Acid", "Potassium Sorbate"],
        ),
        ("Aqua, Glycerin & Niacinamide", ["Aqua", "Glycerin", "Niacinamide"]),
        # a separator missing between two known names (a real Kaggle Sephora cell: "Glycerin Niacinamide")
        (
            "Caprylhydroxamic Acid, Glycerin Niacinamide, Butyrospermum Parkii (Shea) Butter",
            ["Caprylhydroxamic Acid", "Glycerin", "Niacinamide", "Butyrospermum Parkii (Shea) Butter"],
        ),
    ],
)
def test_names_joined_by_and_or_run_together_are_each_an_ingredient(text: str, names: list[str]) -> None:
    report = exolabel.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    assert all(s.recognized for s in report.ingredients)
    for s in report.ingredients:  # each name's span is where it is written
        assert text[s.ingredient.span[0] : s.ingredient.span[1]] == s.ingredient.text


@pytest.mark.parametrize(
    "text",
    ['Parfum "Fragrance"', "Terpenes and Terpenoids", "Glycerin and", "Sodium Citrat", "Salt and Pepper Extract"],
)
def test_an_alias_in_quotes_a_known_name_with_and_or_an_unknown_word_is_not_split(text: str) -> None:
    assert len(exolabel.scan(f"Aqua, {text}").ingredients) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Ingredients: Aqua - Glycerin - Niacinamide - Exosomes",
        "Aqua - Glycerin - Niacinamide - Exosomes",
    ],
)
def test_a_list_separated_by_spaced_hyphens_is_cut_at_them(text: str) -> None:
    names = [s.ingredient.name for s in exolabel.scan(text).ingredients]
    assert names == ["Aqua", "Glycerin", "Niacinamide", "Exosomes"]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Aqua, PEG-40 Hydrogenated Castor Oil - Glycerin - Niacinamide", 2),  # commas: the hyphens do not cut
        ("Aqua - Glycerin", 1),  # one spaced hyphen: no list
        ("Aqua (Water - Eau - Wasser), Glycerin", 2),  # inside brackets
    ],
)
def test_spaced_hyphens_cut_only_in_a_list_with_no_other_separator(text: str, n: int) -> None:
    assert len(exolabel.tokenizer.core.Tokenizer().tokenize(text)) == n


@pytest.mark.parametrize(
    ("text", "name", "amount"),
    [("Aqua 5%-", "Aqua", "5%"), ("Aqua*5%", "Aqua", "5%"), ("Aqua*0%-", "Aqua", "0%")],
)
def test_a_dash_after_an_amount_or_a_mark_before_it_leaves_the_name(text: str, name: str, amount: str) -> None:
    """(hypothesis found "0*0%-" read as "0*0%", then "0*", then "0" when the names were joined and read again)"""
    (ing,) = tokenize(text, NAMES)
    assert (ing.name, ing.concentration.text if ing.concentration else None) == (name, amount)


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [  # cells of the Kaggle Sephora product_info.csv
        ("Coriandrum Sativum Seed Oil / Coriander Seed Oil", "Coriandrum Sativum Seed Oil", ("Coriander Seed Oil",)),
        (
            "Beta Vulgaris (Beet) Root Extract/Beta Vulgaris/Extrait de racine de betterave",
            "Beta Vulgaris (Beet) Root Extract",
            ("Beta Vulgaris", "Extrait de racine de betterave"),
        ),
        ("Brassica Campestris Extract/Rapeseed Extract", "Brassica Campestris Extract", ("Rapeseed Extract",)),
    ],
)
def test_an_inci_name_restated_after_a_slash_is_one_ingredient(text: str, name: str, aliases: tuple[str, ...]) -> None:
    (s,) = exolabel.scan(text).ingredients
    assert (s.ingredient.name, s.ingredient.aliases, s.recognized) == (name, aliases, True)


def test_a_different_unknown_name_after_a_slash_is_no_restatement() -> None:
    """Another head noun and no shared start: the slash name stays as written (it may be one INCI name)."""
    (s,) = exolabel.scan("Aqua, Cereus Grandiflorus Flower Extract/Mystery Peptide").ingredients[1:]
    assert s.ingredient.aliases == () and "/" in s.ingredient.name
