"""Names run together without a separator are cut into the fewest known names (tokenizer/runs.split_run), with a
vocabulary written here by hand so each case says exactly which names are known."""

from __future__ import annotations

from exolabel.tokenizer.runs import split_run


def known_in(*names: str):
    keys = {n.casefold(): n for n in names}
    return keys.get


def parts(piece: str, *names: str) -> list[str] | None:
    cuts = split_run(piece, known_in(*names))
    return None if cuts is None else [piece[a:b] for a, b in cuts]


def test_the_fewest_names_win_even_when_found_later() -> None:
    """'Rosa', 'Damascena' and 'Flower Water' also cover the piece, but with three names; the two-name reading
    ('Rosa Damascena Flower', 'Water') is found from a later word and still wins."""
    piece = "Rosa Damascena Flower Water"
    vocab = ("Rosa Damascena Flower", "Rosa", "Damascena", "Flower Water", "Water")
    assert parts(piece, *vocab) == ["Rosa Damascena Flower", "Water"]


def test_the_fewest_names_win_over_a_reading_that_reached_the_end_first() -> None:
    """Read word by word, the piece is first covered by six-word 'Aa', 'Bb', 'Cc', 'Dd Ee Ff' (four names); the
    reading 'Aa Bb Cc Dd', 'Ee', 'Ff' (three names) reaches the last word later and must replace it. The words are
    placeholders: what matters is which runs of them are known."""
    vocab = ("Aa", "Bb", "Cc", "Aa Bb Cc Dd", "Dd Ee Ff", "Ee", "Ff")
    assert parts("Aa Bb Cc Dd Ee Ff", *vocab) == ["Aa Bb Cc Dd", "Ee", "Ff"]


def test_a_run_of_known_names_is_cut_between_them() -> None:
    piece = "Lavender Oil Pelargonium Graveolens Flower Oil Linalool"
    assert parts(piece, "Lavender Oil", "Pelargonium Graveolens Flower Oil", "Linalool") == [
        "Lavender Oil",
        "Pelargonium Graveolens Flower Oil",
        "Linalool",
    ]


def test_no_cut_when_a_word_belongs_to_no_known_name() -> None:
    assert parts("Lavender Oil Mystery Linalool", "Lavender Oil", "Linalool") is None
    assert parts("Linalool", "Linalool") is None  # one word: nothing to cut


def test_a_one_word_name_may_open_the_run() -> None:
    assert parts("Linalool Lavender Oil", "Linalool", "Lavender Oil") == ["Linalool", "Lavender Oil"]
    assert parts("Aqua Glycerin", "Aqua", "Glycerin") == ["Aqua", "Glycerin"]


def comma_parts(piece: str, *names: str) -> list[str] | None:
    from exolabel.tokenizer.runs import split_at_comma

    cuts = split_at_comma(piece, known_in(*names))
    return None if cuts is None else [piece[a:b] for a, b in cuts]


def test_a_comma_kept_as_a_locant_is_cut_when_both_sides_are_known_names() -> None:
    vocab = ("Acetyl Heptapeptide-4", "1,2-Hexanediol", "Acetyl Heptapeptide-9", "4-Butylresorcinol")
    assert comma_parts("Acetyl Heptapeptide-9,4-Butylresorcinol", *vocab) == [
        "Acetyl Heptapeptide-9",
        "4-Butylresorcinol",
    ]
    # the first comma with a known name on each side: the locant comma of "1,2-Hexanediol" stays in it
    assert comma_parts("Acetyl Heptapeptide-4,1,2-Hexanediol", *vocab) == ["Acetyl Heptapeptide-4", "1,2-Hexanediol"]
    assert comma_parts("Acetyl Heptapeptide-4, 1,2-Hexanediol", *vocab) == ["Acetyl Heptapeptide-4", "1,2-Hexanediol"]


def test_a_comma_is_not_cut_when_one_side_is_no_known_name() -> None:
    assert comma_parts("2,4-Dichlorobenzyl Alcohol", "Dichlorobenzyl Alcohol") is None  # "2" is no name
    assert comma_parts("Acetyl Heptapeptide-9,4-Mystery", "Acetyl Heptapeptide-9") is None
    assert comma_parts("Glycerin", "Glycerin") is None


def test_the_scanner_reads_two_names_joined_at_a_locant_comma(scanner) -> None:  # type: ignore[no-untyped-def]
    """Catalogue exports that drop the space after a comma ('...-9,4-Butylresorcinol'); a real locant stays."""
    text = "Aqua, Acetyl Heptapeptide-9,4-Butylresorcinol, CI 42090,3-O-Ethyl Ascorbic Acid, 1,2-Hexanediol"
    got = [(s.ingredient.name, s.known) for s in scanner.scan(text).ingredients]
    assert got == [
        ("Aqua", "Aqua"),
        ("Acetyl Heptapeptide-9", "Acetyl Heptapeptide-9"),
        ("4-Butylresorcinol", "4-Butylresorcinol"),
        ("CI 42090", "CI 42090"),
        ("3-O-Ethyl Ascorbic Acid", "3-O-Ethyl Ascorbic Acid"),
        ("1,2-Hexanediol", "1,2-Hexanediol"),
    ]
