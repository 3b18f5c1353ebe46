"""Quality and processing words before an INCI name ("Organic ...", "Cold Pressed ...", "Unrefined ...") are no part
of it: the vocabulary reads the name without them when the whole is unknown; the words are data with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.lexicon.quality import DATA, quality_words, read_words, without_quality


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("Organic Argania Spinosa (Argan) Kernel Oil", "Argania Spinosa Kernel Oil"),
        ("Cold Pressed Unrefined Cocos Nucifera Oil", "Cocos Nucifera Oil"),
        ("Extra Virgin Olea Europaea Fruit Oil", "Olea Europaea Fruit Oil"),
        ("certified organic aloe barbadensis leaf juice", "Aloe Barbadensis Leaf Juice"),
    ],
)
def test_a_known_name_after_quality_words_is_known(scanner: Any, text: str, known: str) -> None:
    (s,) = scanner.scan(text).ingredients
    assert s.known == known
    assert s.ingredient.name == text  # shown as written


def test_quality_words_before_an_unknown_name_leave_it_unknown(scanner: Any) -> None:
    (s,) = scanner.scan("Organic Fooia Barensis Oil").ingredients
    assert s.known is None


def test_a_one_ingredient_list_with_legends_is_a_list(scanner: Any) -> None:
    """A real Sephora cell (Kaggle cosmetics.csv, as in github.com/RENAD600/skin-care-recommendations): one organic
    oil and its legends; it was refused as no ingredient list once the legends were blanked."""
    report = scanner.scan("Organic Argania Spinosa (Argan) Kernel Oil*. *Organic. **Natural.")
    assert [s.known for s in report.ingredients] == ["Argania Spinosa Kernel Oil"]


def test_without_quality() -> None:
    assert without_quality("organic cold pressed cocos nucifera oil") == "cocos nucifera oil"
    assert without_quality("cocos nucifera oil") is None
    assert without_quality("organic") is None
    assert without_quality("rawhide extract") is None  # whole words only


def test_the_words_are_lower_case_and_sourced(tmp_path: Path) -> None:
    rows = read_words()
    assert DATA.is_file() and rows and len({w for w, _ in rows}) == len(rows)
    bad = tmp_path / "q.csv"
    bad.write_text("word,source\nOrganic,https://example.org/a\npure,\n", encoding="utf-8")
    with pytest.raises(ValueError) as e:
        read_words(bad)
    assert "'Organic' is not a lower-case phrase" in str(e.value) and "'pure' has no source" in str(e.value)


def _without_quality_plain(key: str) -> str | None:
    """without_quality as the loop alone, with no first-word gate before it."""
    rest, found = key, True
    while found:
        found = False
        for w in quality_words():
            if rest.startswith(w) and rest[len(w) : len(w) + 1] == " ":
                rest, found = rest[len(w) + 1 :], True
                break
    return rest if rest != key and rest else None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(quality_words()), st.sampled_from(["oil", "cocos", "cold", "organicx", "extra-"])),
        max_size=5,
    )
)
def test_the_first_word_gate_answers_as_the_plain_loop(words: list[str]) -> None:
    """Every quality word, parts and look-alikes of them, in any order: the gate never changes the answer."""
    key = " ".join(words)
    assert without_quality(key) == _without_quality_plain(key)
