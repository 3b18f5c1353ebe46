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
