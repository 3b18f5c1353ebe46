"""A substance, not a string, decides a list rule: the irritant and allergen entries of an ingredient by identity.

The name-keyed lists (``irritants.yaml``, ``allergens.yaml``) answer first. When the ingredient is a plant oil
(:mod:`exolabel.rules.botanical`), its identity completes or corrects that answer:

- an essential oil the lists do not name under this spelling is looked up under the names of the same oil
  ("Citrus Aurantium Bergamia (Bergamot) Fruit Oil" -> "Citrus Aurantium Bergamia Peel Oil"), and an essential oil
  no list names at all gets an essential-oil entry from its plant, with the plant's evidence and sources;
- a fixed (carrier) oil never keeps an essential-oil entry, whatever its name shares with one.

And an EU allergen entry covers every INCI name the CosIng inventory gives one of its CAS numbers
(:func:`link_by_cas`, at compile time): "Citrus Aurantium Bergamia Fruit Oil" shares 8007-75-8 with "Citrus Aurantium
Bergamia Peel Oil". A plant's CAS number stands for all its preparations, so an entry whose names are all oils links
only names of oils: "Citrus Aurantium Dulcis Fruit Extract" shares 8028-48-6 with the orange flower oil, and is no
essential oil.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from exolabel.lexicon.inventory import RECORDS_FILE, inventory_folder, names_with_cas
from exolabel.model import Severity
from exolabel.rules.botanical import ESSENTIAL, FIXED, Botanical, Plant, may_name_oil
from exolabel.tokenizer.names import normalize_key

if TYPE_CHECKING:  # lists.py builds the entries and calls resolve(): no import cycle at run time
    from exolabel.rules.lists import Allergen, Irritant

T = TypeVar("T")

ESSENTIAL_OIL = "essential-oil"
# what each evidence grade of botanicals.yaml says, and the severity it gives (leave-on, rinse-off)
EVIDENCE_TEXT = {
    "established": "an established contact allergen in humans (SCCS/1459/11; EU-labelled allergen)",
    "likely": "a likely contact allergen (SCCS/1459/11)",
    "possible": "a possible contact allergen (SCCS/1459/11)",
    "reported": "contact allergy reported in patients (essential-oil reviews), no SCCS grade",
    "unassessed": "no allergy grade found; essential oils carry fragrance allergens (linalool, limonene, citral...)",
}
EVIDENCE_SEVERITY = {
    "established": (Severity.WARNING, Severity.INFO),
    "likely": (Severity.INFO, Severity.INFO),
    "possible": (Severity.INFO, Severity.INFO),
    "reported": (Severity.INFO, Severity.INFO),
    "unassessed": (Severity.INFO, Severity.INFO),
}
PHOTOTOXIC_NOTE = (
    "phototoxic on sun-exposed skin when expressed (furocoumarins such as bergapten); EU Annex II/358 allows "
    "furocoumarins only at the normal content of natural essences, and below 1 mg/kg in sun protection and "
    "bronzing products"
)
GENERIC_SOURCES = ("degroot-schmidt-2016", "sccs-1459-11")


def resolve(
    bot: Botanical,
    irritant: Irritant | None,
    allergen: Allergen | None,
    irritant_by: Callable[[tuple[str, ...]], Irritant | None],
    allergen_by: Callable[[tuple[str, ...]], Allergen | None],
    essential_oil: Callable[[Botanical], Irritant],
) -> tuple[Irritant | None, Allergen | None]:
    """The (irritant, allergen) entries of a plant oil, given what its spelling found in the lists."""
    if bot.oil == FIXED:
        if irritant is not None and irritant.klass == ESSENTIAL_OIL:
            irritant = None
        return irritant, allergen
    if bot.oil != ESSENTIAL:
        return irritant, allergen
    names = bot.canonical_names()
    if irritant is None and names:
        irritant = irritant_by(names)
    if irritant is None:
        irritant = essential_oil(bot)
    if allergen is None and names:
        allergen = allergen_by(names)
    return irritant, allergen


def plant_irritant(plant: Plant | None, evidence: str) -> dict[str, Any]:
    """The essential-oil entry (compiled ``irritants.yaml`` shape) of a plant no irritant entry names (``plant``
    None: an oil known only by its part or by the words "essential oil")."""
    leave_on, rinse_off = EVIDENCE_SEVERITY[evidence]
    what = f"{plant.name} essential oil" if plant is not None else "essential oil"
    why = (plant.why if plant is not None else None) or (
        f"{what[0].upper()}{what[1:]}: {EVIDENCE_TEXT[evidence]}. Essential oils are mixtures of fragrance chemicals "
        "and sensitise more once oxidised; a leave-on product exposes the skin for hours."
    )
    sources = tuple(dict.fromkeys((*(plant.sources if plant is not None else ()), *GENERIC_SOURCES)))
    return {
        "id": f"irr.{plant.id}" if plant is not None else "irr.essential-oil",
        "name": what,
        "class": ESSENTIAL_OIL,
        "concern": f"contact allergen (essential oil; {evidence})" if evidence != "unassessed" else "essential oil",
        "severity": {"leave-on": leave_on.value, "rinse-off": rinse_off.value},
        "first_five": {},
        "eu": {},
        "why": why,
        "sources": list(sources),
    }


def first_of(get: Callable[[str], T | None]) -> Callable[[tuple[str, ...]], T | None]:
    """The first entry ``get`` finds for any of the names (normalized keys), in order."""

    def find(names: tuple[str, ...]) -> T | None:
        for n in names:
            hit = get(n)
            if hit is not None:
                return hit
        return None

    return find


def link_by_cas(allergens: list[dict[str, Any]]) -> None:
    """Give each compiled allergen entry the lookup keys of every INCI name that shares one of its CAS numbers in the
    CosIng inventory (recorded in ``cas_names``). A name an entry already has, or that an earlier entry took (a CAS
    number shared by two entries, as bitter orange's 72968-50-4), stays where it is."""
    from exolabel.lexicon.species import part_words

    vocabulary = part_words()
    # the words of the lexicon's cell-culture head nouns but the plant parts ("callus", "cell", "meristem")
    cultures = {w for c in _culture_phrases() for w in c.split(" ")} - vocabulary - {"extract"}
    taken = {k: e["id"] for e in allergens for k in e["keys"]}
    for e in allergens:
        linked: list[str] = []
        # a plant's CAS number stands for every preparation of the plant ("Citrus Aurantium Dulcis Fruit Extract"
        # shares 8028-48-6 with the flower oil, "Rosa Canina Fruit Oil" 84696-47-9 with the rose flower oils): an
        # entry whose names are all oils links only the oils; a name links only when it holds one of the entry's
        # preparations (its names' last words: oil, extract); when the entry's names name plant parts ("Rosa
        # Damascena Flower Oil"), a name naming none of them ("Rosa Canina Fruit Oil") does not link, a
        # whole that holds the part does ("Citrus Limon Fruit Oil" for the peel oil; see _WHOLES); a cell culture
        # ("Rosa Damascena Callus Culture Extract") is no preparation of the plant and never links
        oils_only = bool(e["keys"]) and all(may_name_oil(k) for k in e["keys"])
        names = [_WORDS.split(normalize_key(n)) for n in e.get("inci", ())]
        parts = vocabulary.intersection(w for n in names for w in n)
        preparations = {w[-1] for w in names}
        for cas in e.get("cas", ()):
            for name in names_with_cas(cas):
                key = normalize_key(name)
                if oils_only and not may_name_oil(key):
                    continue
                words = _WORDS.split(key)
                if preparations and preparations.isdisjoint(words):
                    continue
                if not cultures.isdisjoint(words):
                    continue
                found = vocabulary.intersection(words)
                if parts and found and not any(p in parts or not parts.isdisjoint(_WHOLES.get(p, ())) for p in found):
                    continue
                if key not in taken:
                    taken[key] = e["id"]
                    e["keys"].append(key)
                    linked.append(name)
        e["cas_names"] = linked


_WORDS = re.compile(r"[ /]+")
# a plant part that holds others: an oil of the whole holds the part's ("Citrus Limon Fruit Oil" is expressed from the
# peel; a herb oil is distilled from the flowering tops)
_WHOLES = {"herb": ("flower", "leaf", "stem", "twig", "shoot", "needle"), "fruit": ("peel", "pericarp", "skin", "pulp")}


def _culture_phrases() -> tuple[str, ...]:
    """The phrases of the lexicon's cell-culture head nouns ("callus", "meristem cell", "phytoplacenta culture")."""
    import yaml

    from exolabel.lexicon.loader import DATA_DIR

    doc = yaml.safe_load((DATA_DIR / "patterns.yaml").read_text(encoding="utf-8"))
    heads = doc.get("heads", ()) if isinstance(doc, dict) else ()
    return tuple(
        normalize_key(p) for h in heads if h.get("category") == "plant_cell_culture" for p in h.get("phrases", ())
    )


def cas_inventory_files() -> list[Path]:
    """The inventory file the CAS links come from: part of the compiled rule data's cache key, so importing a newer
    CosIng export recompiles them."""
    return [inventory_folder() / RECORDS_FILE]
