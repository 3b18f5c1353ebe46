"""Head-noun patterns generalize: every EV-family name in the CosIng inventory is classified *without* the
explicit entries, and the origin read from the name agrees with the curated entries.

Runs against the team's copy of the CosIng inventory in ../shared (skipped when absent); nothing from it is
shipped in the package.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest

from exolabel.lexicon import Lexicon
from exolabel.lexicon.loader import builtin_files, compile_files
from exolabel.lexicon.match import Matcher
from exolabel.tokenizer.core import Tokenizer
from exolabel.tokenizer.names import normalize_key

SHARED = Path(__file__).resolve().parents[2] / "shared"

INVENTORY = SHARED / "research/regulatory/data/cosing_inventory_2020_inci_cas_function.csv"
VESICLE_CATS = {"exosome", "extracellular_vesicle", "plant_nanovesicle"}
EXPECT = [  # (family test on the upper-case CosIng name, categories accepted)
    ("exosomes", re.compile(r"\bEXOSOMES?\b"), VESICLE_CATS),
    ("vesicles", re.compile(r"\bVESICLES\b"), VESICLE_CATS),
    ("conditioned media", re.compile(r"\bCONDITIONED MEDIA\b"), {"conditioned_media"} | VESICLE_CATS),
    ("lysate", re.compile(r"\bLYSATES?\b"), {"lysate", "conditioned_media"} | VESICLE_CATS),
    ("callus", re.compile(r"\bCALLUS\b"), {"plant_cell_culture", "lysate", "conditioned_media"} | VESICLE_CATS),
]


@lru_cache(maxsize=1)
def cosing_names() -> list[str]:
    with INVENTORY.open(encoding="utf-8") as fh:
        return [row["inci_name"] for row in csv.DictReader(fh)]


@lru_cache(maxsize=1)
def patterns_only() -> tuple[Matcher, Tokenizer]:
    compiled = compile_files(builtin_files())
    compiled["entries"] = []  # no explicit EV entries: patterns and origin cues only
    compiled.pop("index")
    lex = Lexicon(compiled)
    return Matcher(lex), Tokenizer(lex)


def classify(name: str):
    matcher, tok = patterns_only()
    ings = tok.tokenize(name)
    if len(ings) != 1:
        return None
    return matcher.scan_ingredient(ings[0])


needs_shared = pytest.mark.skipif(not INVENTORY.exists(), reason="../shared CosIng inventory not present")


@needs_shared
@pytest.mark.parametrize(("family", "rx", "accepted"), EXPECT, ids=[e[0] for e in EXPECT])
def test_every_cosing_family_name_is_classified_by_patterns(
    family: str, rx: re.Pattern[str], accepted: set[str]
) -> None:
    names = [n for n in cosing_names() if rx.search(n)]
    assert names, family
    offenders = []
    for n in names:
        s = classify(n)
        cats = {m.category for m in s.matches} if s else set()
        if not cats or not cats <= accepted:
            offenders.append(f"{n}: {sorted(cats) or 'no match'}")
    assert not offenders, f"{len(offenders)} of {len(names)} {family} names misclassified:\n" + "\n".join(offenders)


@needs_shared
def test_hydrolysates_never_match() -> None:
    offenders = []
    for n in cosing_names():
        if "HYDROLYSATE" in n and not re.search(r"\bLYSATE\b", n):
            s = classify(n)
            if s and s.matches:
                offenders.append(n)
    assert not offenders, offenders


def test_pattern_origin_agrees_with_curated_entries(lexicon) -> None:
    """The origin the name implies, read by the cues, matches the curated origin for (almost) every entry."""
    disagree = []
    for e in lexicon.entries:
        s = classify(e.term)
        if not s or not s.matches:
            continue
        m = s.matches[0]
        if m.origin != e.origin:
            disagree.append(f"{e.id} {e.term!r}: pattern says {m.origin}, entry says {e.origin}")
    # curated entries may know more than the name says (e.g. a trade name's documented species); keep it rare
    assert len(disagree) <= max(3, len(lexicon.entries) // 50), "\n".join(disagree)


def test_unseen_names_are_classified_with_origin() -> None:
    cases = {
        "Centella Asiatica Callus Extracellular Vesicles": ("plant_nanovesicle", "plant"),
        "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media Extract": ("conditioned_media", "human"),
        "Bovine Colostrum Exosomes": ("exosome", "animal"),
        "Streptococcus Thermophilus Ferment Lysate": ("lysate", "microbial"),
        "Camellia Japonica Leaf Cell Culture Extract": ("plant_cell_culture", "plant"),
        "Porcine Placenta Stem Cell Extract": ("lysate", "animal"),
        "Stem Cell Exosomes": ("exosome", "unspecified"),
    }
    for name, expected in cases.items():
        s = classify(name)
        assert s and s.matches, name
        assert (s.matches[0].category, s.matches[0].origin) == expected, name
        assert s.matches[0].method == "pattern"
        assert normalize_key(name) == s.ingredient.key
