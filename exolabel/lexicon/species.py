"""Plant names written in shapes the CosIng inventory does not list, read by the parts INCI names are built of.

An INCI name of a plant material is "Genus Species [variety] Part Preparation" ("Rosa Damascena Flower Oil"). Labels
and shops also write:

* the common name first and the binomial in brackets ("Amur Cork Tree (Phellodendron Amurense) Bark Extract"), or the
  part inside the bracketed common name ("Prunus Avium (Sweet Cherry Fruit) Extract"): :func:`bracket_readings`
  gives the INCI names such a name may stand for; the matcher keeps one only when it is a known name.
* the species alone, or with a preparation but no part ("Rosa Damascena", "Vitis Vinifera Extract"):
  :func:`read_species` reads it as that species when CosIng's own names have it before a plant part (so it is a
  plant species CosIng knows) and, when the label names a preparation, with that preparation after parts only. The
  reading names no CosIng entry: the label did not say which part, and INCI names carry it. It lists the CosIng
  names the label may have meant.

The part words are data (``data/quality/plant_parts.csv``, with sources), read at the first name that needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.lexicon.quality import read_words
from exolabel.tokenizer.names import compact_key

if TYPE_CHECKING:
    from exolabel.lexicon.inventory import Inventory

PARTS = Path(__file__).with_name("data") / "quality" / "plant_parts.csv"
MAX_SPECIES_WORDS = 3  # genus, species, variety ("Citrus Aurantium Dulcis")
MAX_REST_WORDS = 2  # the preparation a label names after the species ("Extract", "Flower Water" has a part)
MAX_NAMES = 60  # CosIng names of one species kept for the reading (Vitis Vinifera has 30 with a part)
_GROUP_RE = lazy_pattern(r"[\(\[]([^()\[\]]*)[\)\]]")
_WORDS_RE = lazy_pattern(r"[ /]+")
_WORD_RE = lazy_pattern(r"[^ /]+")


@lru_cache(maxsize=1)
def part_words() -> frozenset[str]:
    """The plant-part words of INCI names (read once per process)."""
    return frozenset(w for w, _ in read_words(PARTS))


class Species(NamedTuple):
    """A label name read as a plant species CosIng knows, without the part of the plant."""

    name: str  # the species as CosIng's names spell it, title-cased ("Rosa Damascena")
    preparation: str  # what the label names after the species, title-cased ("Extract"); "" when nothing
    names: tuple[str, ...]  # CosIng names of it with parts and that preparation (all, when none), simplest first


def bracket_readings(name: str, common: str, is_plant_genus: Callable[[str], bool]) -> list[str]:
    """The INCI names ``name`` may stand for when its bracket group ``common`` stands inside it: the bracket's words in
    place of a common name before it ("Amur Cork Tree (Phellodendron Amurense) Bark Extract" -> "Phellodendron Amurense
    Bark Extract"; not when the words before start with a plant genus and the bracket's do not: "Citrus Aurantium (Lime)
    Fruit Extract" names its binomial outside), then the words before it with the part words that end the bracket
    ("Prunus Avium (Sweet Cherry Fruit) Extract" -> "Prunus Avium Fruit Extract"). Empty when the group has nothing
    before or after it."""
    found = [m for m in _GROUP_RE.finditer(name) if m.group(1).strip() == common]
    if not found:
        return []
    m = found[-1]
    before, after = _GROUP_RE.sub(" ", name[: m.start()]).strip(), _GROUP_RE.sub(" ", name[m.end() :]).strip()
    if not before or not after:
        return []
    inside = common.split()
    binomial_inside = is_plant_genus(inside[0].casefold()) or not is_plant_genus(before.split()[0].casefold())
    out = [f"{common} {after}"] if binomial_inside else []
    k = len(inside)
    parts = part_words()
    while k > 0 and inside[k - 1].casefold() in parts:
        k -= 1
    if 0 < k < len(inside):
        out.append(" ".join([before, *inside[k:], after]))
    return [" ".join(r.split()) for r in out]


def read_species(
    key: str, inventory: Inventory, is_plant_genus: Callable[[str], bool], casing: Mapping[str, str]
) -> Species | None:
    """``key`` (a normalized name no vocabulary knows) read as a plant species without its part: its first two or
    three words (longest first) start CosIng names before a part word, its first word is a plant genus
    (``is_plant_genus``), and the words after the species, if any, are no part words and end some of those CosIng
    names after part words only ("vitis vinifera extract": Vitis Vinifera Leaf Extract...). None otherwise."""
    words = key.split(" ")
    if len(words) < 2 or not is_plant_genus(words[0]):
        return None
    parts = part_words()
    if any(w in parts for w in words):
        return None
    for n in range(min(MAX_SPECIES_WORDS, len(words)), 1, -1):
        rest = words[n:]
        if len(rest) > MAX_REST_WORDS or not all(w.isalpha() for w in rest):
            continue
        found = species_names(inventory, " ".join(words[:n]), rest, casing)
        if found is not None:
            return found
    return None


def species_names(inventory: Inventory, species: str, rest: list[str], casing: Mapping[str, str]) -> Species | None:
    """The CosIng names of ``species`` (normalized words) with parts and then ``rest`` (normalized words; with no
    ``rest``, every name of the species), when some CosIng name has the species before a part word; else None."""
    parts = part_words()
    found: list[str] = []
    spelled = ""
    plant = False  # some CosIng name has the species before a part word
    for cosing, tail in inventory.names_after(compact_key(species), casing):
        low = [w.casefold() for w in tail]
        plant = plant or low[0] in parts
        k = len(low) - len(rest)
        if rest and (k < 1 or low[k:] != rest or not all(w in parts for w in low[:k])):
            continue
        found.append(cosing)
        spelled = spelled or " ".join(_WORDS_RE.split(cosing.strip())[: -len(tail)])
        if len(found) >= MAX_NAMES and plant:
            break
    if not (found and plant):
        return None
    names = tuple(sorted(found, key=lambda x: (x.count(" "), x)))  # the simplest names first
    return Species(spelled, " ".join(w.capitalize() for w in rest), names)


def tail_words(name: str, compact: str) -> list[str] | None:
    """The words of the INCI ``name`` after its leading words whose compact key is ``compact`` ("ARCTOSTAPHYLOS
    UVA-URSI LEAF EXTRACT", "arctostaphylosuvaursi" -> ["LEAF", "EXTRACT"]); None when no leading words make it, or
    when a slash follows them (a blend of species: "Brassica Campestris/Aleurites Fordi Oil Copolymer")."""
    acc = ""
    for m in _WORD_RE.finditer(name):
        acc += compact_key(m.group().casefold())
        if acc == compact:
            rest = name[m.end() :]
            if rest.lstrip(" ").startswith("/"):
                return None
            return [w for w in _WORDS_RE.split(rest.strip()) if w]
        if not compact.startswith(acc):
            return None
    return None
