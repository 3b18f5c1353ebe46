# ruff: noqa: E501
"""Footnote marks and legends: a mark (*, **, °, ¹, †) before or after a name is a footnote mark on an ingredient;
a legend ("*organic", "** made using organic ingredients") is a line, a sentence or the tail of the list, never an
ingredient, and never hides one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.lexicon.inventory import default_inventory
from exolabel.tokenizer.mask import LEGEND_WORD_RE, mask_label

CASES = [
    # a leading mark after a comma is an ingredient's mark, not a legend (reported by #14)
    ("Aqua, *Lavandula Angustifolia (Lavender) Oil*, Glycerin", ["Aqua", "Lavandula Angustifolia (Lavender) Oil", "Glycerin"]),
    ("*Aqua, *Lavandula Angustifolia Oil, Glycerin. *organic", ["Aqua", "Lavandula Angustifolia Oil", "Glycerin"]),
    ("Aqua, °Lavandula Angustifolia Oil°, Glycerin¹. ° certified organic ¹ natural origin", ["Aqua", "Lavandula Angustifolia Oil", "Glycerin"]),
    ("Aqua, \u2020Butyrospermum Parkii Butter, Glycerin", ["Aqua", "Butyrospermum Parkii Butter", "Glycerin"]),
    # one name per line, marked at the front, legend on the last line
    ("INGREDIENTS\nAqua\n*Aloe Barbadensis Leaf Juice\nGlycerin\n*organic", ["Aqua", "Aloe Barbadensis Leaf Juice", "Glycerin"]),
    ("Aqua,\n*Lavandula Angustifolia Oil,\nGlycerin\n*certified organic", ["Aqua", "Lavandula Angustifolia Oil", "Glycerin"]),
    # legends as the tail of the list, as a sentence, in several languages, before the next panel
    # "**Natural." alone (real Sephora cells, Kaggle cosmetics.csv as in github.com/RENAD600/skin-care-recommendations)
    ("Water** (and) Argania Spinosa (Argan) Kernel Oil* (and) Citric Acid**. *Organic. **Natural.", ["Water", "Argania Spinosa (Argan) Kernel Oil", "Citric Acid"]),
    ("Aqua, Glycerin*, Parfum*, *organic, **natural origin", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Limonene**. *Ingredients from organic farming. **Naturally occurring in essential oils.", ["Aqua", "Glycerin", "Limonene"]),
    ("Aqua, Glycerin*. *Ingrédients issus de l'Agriculture Biologique. Directions: apply", ["Aqua", "Glycerin"]),
    ("Aqua, Glycerin*, Parfum\n*aus kontrolliert biologischem Anbau", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum. *de cultivo ecológico", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum. *da agricoltura biologica", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum\n*95% of the total ingredients are from natural origin", ["Aqua", "Glycerin", "Parfum"]),
    # an amount is no legend: a marked ingredient with its amount stays, at the end of a list or on its own line
    ("Aqua, Glycerin, *Niacinamide 5%", ["Aqua", "Glycerin", "Niacinamide"]),
    ("Aqua\nGlycerin\n*Niacinamide 5%\n*organic", ["Aqua", "Glycerin", "Niacinamide"]),
    # a legend line or sentence is one by its first piece: the pieces after it go with it
    ("Aqua, Glycerin*, Limonene\n*Certified organic, 99% of the total", ["Aqua", "Glycerin", "Limonene"]),
    # a legend in brackets ends at its bracket, wherever it stands (found by a tokenizer mutant; was ['('] alone)
    ("(*organic farming) Aqua, Glycerin*, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("(*Organic) Aqua, Glycerin*, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum (*organic farming)", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum. (*certified organic) Directions: apply", ["Aqua", "Glycerin", "Parfum"]),
    # a legend before the list ends at its colon when a name follows it (was: the legend took the whole list)
    ("*organic farming: Aqua, Glycerin*, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("*organic farming\uff1aAqua, Glycerin*, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("*Ingrédients issus de l'agriculture biologique : Aqua, Glycerin*, Parfum", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*. *organic farming: Parfum, Limonene", ["Aqua", "Glycerin", "Parfum", "Limonene"]),
    # ... but a legend's own colon, before an amount or more legend words, is part of it
    ("Aqua, Glycerin*, Parfum\n*organic: 95% of the total", ["Aqua", "Glycerin", "Parfum"]),
    ("Aqua, Glycerin*, Parfum\n**natural origin: from essential oils", ["Aqua", "Glycerin", "Parfum"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"), CASES, ids=["".join(ch if " " <= ch <= "~" else "?" for ch in c[0][:40]) for c in CASES]
)  # printable ASCII: see conftest.pytest_make_parametrize_id
def test_marks_and_legends(scanner: Any, text: str, names: list[str]) -> None:
    report = scanner.scan(text)
    assert [s.ingredient.name for s in report.ingredients] == names
    assert not [s.ingredient.name for s in report.ingredients if not s.ingredient.key or not s.known]


def test_natural_before_a_name_is_no_legend(scanner: Any) -> None:
    report = scanner.scan("Aqua, *Natural Flavor")
    assert [s.ingredient.name for s in report.ingredients] == ["Aqua", "Natural Flavor"]


def test_a_list_tail_is_a_legend_only_when_every_piece_of_it_is_one(scanner: Any) -> None:
    """A star-led piece with a legend word ("organic") followed by an ingredient is an ingredient, not the start of
    a legend that would take "Limonene" with it."""
    report = scanner.scan("Aqua, Glycerin*, *Organic Aloe Barbadensis Leaf Juice, Limonene")
    assert [s.ingredient.name for s in report.ingredients] == [
        "Aqua", "Glycerin", "Organic Aloe Barbadensis Leaf Juice", "Limonene"
    ]  # fmt: skip


def test_a_leading_mark_is_kept_as_a_footnote_marker(scanner: Any) -> None:
    (lav,) = [
        s.ingredient
        for s in scanner.scan("Aqua, *Lavandula Angustifolia Oil, Glycerin").ingredients
        if "Lavandula" in s.ingredient.name
    ]
    assert "footnote:*" in lav.markers
    a, b = lav.span
    assert "Lavandula Angustifolia Oil" in "Aqua, *Lavandula Angustifolia Oil, Glycerin"[a:b]


def test_no_cosing_name_reads_as_a_legend() -> None:
    """The legend words are words no INCI name holds: a star-led CosIng name is never taken for a legend."""
    inv = default_inventory()
    offenders = [inv.name_at(i) for i in range(len(inv)) if LEGEND_WORD_RE.search(inv.name_at(i))]
    assert offenders == []


def test_the_real_urtekram_legend_is_blanked() -> None:
    # examples/labels/urtekram-lime-roll-on-deodorant.scraped.txt: the legend sits in brackets after the list
    text = "Aqua, Glycerin**, Potassium Alum, Citral, Limonene. (* = ingredient from organic farming, ** = made using organic ingredients)."
    work = mask_label(text).work
    assert "organic" not in work and "Limonene" in work


_KNOWN = [
    "Aqua",
    "Glycerin",
    "Lavandula Angustifolia Oil",
    "Butyrospermum Parkii Butter",
    "Tocopherol",
    "Aloe Barbadensis Leaf Juice",
    "Citric Acid",
    "Parfum",
    "Limonene",
    "Simmondsia Chinensis Seed Oil",
]
_MARKS = ["", "*", "**", "°", "¹", "†"]
_LEGENDS = [
    "*organic",
    "* certified organic",
    "**made using organic ingredients",
    "° ingredient from organic farming",
    "¹ naturally occurring in essential oils",
    "*Ingrédients issus de l'agriculture biologique",
    "* = aus kontrolliert biologischem Anbau",
]
_TAILS = [", {}", ". {}", "\n{}", "\n\n{}"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.sampled_from(_KNOWN), min_size=1, max_size=8, unique=True),
    data=st.data(),
    legends=st.lists(st.sampled_from(_LEGENDS), max_size=3),
    tail=st.sampled_from(_TAILS),
    sep=st.sampled_from([", ", ",\n", "\n"]),
)
def test_marks_never_hide_a_name_and_legends_never_add_one(
    scanner: Any, names: list[str], data: Any, legends: list[str], tail: str, sep: str
) -> None:
    """Any name may carry a mark before or after it; any legends may follow the list: the names come out, in order."""
    pieces = []
    for name in names:
        before = data.draw(st.sampled_from(_MARKS))
        after = data.draw(st.sampled_from(_MARKS))
        pieces.append(before + name + after)
    text = sep.join(pieces)
    if legends:
        joiner = ", " if tail == ", {}" else " " if tail == ". {}" else "\n"
        text += tail.format(joiner.join(legends))
    got = [s.ingredient.name for s in scanner.scan(text).ingredients]
    assert got == names, text
