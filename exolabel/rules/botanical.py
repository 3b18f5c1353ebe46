"""Botanical identity: what a plant ingredient name is, whatever its spelling (``botanicals.yaml``).

An INCI plant name reads "Genus Species [variety] Part Preparation" ("Citrus Aurantium Bergamia (Bergamot) Fruit
Oil"); labels also use synonyms ("Citrus Medica Limonum" for Citrus Limon) and common names ("Bergamot Oil", "Tea
Tree Leaf Oil", "Lavender Essential Oil"). :class:`Botany` reads a name from its end (preparation, then parts, then
the plant found by binomial, synonym, common name or genus) and says whether it names an essential oil, a fixed
(carrier) oil or neither. It decides by the plant and the part, never by a list of spellings: a plant that is not
listed still gets an answer from its part (a leaf, peel or wood oil is an essential oil; a seed, kernel or pulp oil
a fixed one), and a name that is not an oil itself ("... Oil Unsaponifiables", "Hydrogenated ... Oil",
"PEG-40 ... Castor Oil") is neither.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.memo import RULE_HITS, Memo
from exolabel.datafiles.load import LINE_KEY, Checker
from exolabel.datafiles.parts import value_of

EVIDENCE = ("established", "likely", "possible", "reported", "unassessed")
WHOLE = "whole"  # the part of a name that names none ("Lavandula Angustifolia Oil")
ESSENTIAL, FIXED = "essential", "fixed"

# words that qualify how an oil was obtained or sold, not what it is: dropped before the plant is looked up
_DESCRIPTORS = frozenset(
    {
        *("organic", "unrefined", "refined", "virgin", "extra", "cold", "pressed", "cold-pressed", "expeller"),
        *("expressed", "pure", "natural", "certified", "bio", "wildcrafted", "steam", "distilled", "100%"),
        *("var", "var.", "ssp", "ssp.", "subsp", "subsp.", "cv", "cv.", "x", "×"),
    }
)
_PRESSED = frozenset({"pressed", "cold-pressed", "expeller", "virgin", "unrefined"})
_NOT_PHOTOTOXIC = frozenset({"distilled", "fcf", "furocoumarin-free", "bergapten-free", "bergaptene-free", "rectified"})
# words that make a name a derivative of an oil, not the oil: "Hydrogenated Jojoba Oil", "PEG-40 Castor Oil"
_DERIVED = lazy_pattern(
    r"^(?:hydrogenated|peg-?\d*|ppg-?\d*|sulfated|sulfonated|ozonized|oxidized|polyglyceryl-?\d*|ethoxylated|"
    r"saponified|hydrolyzed|maleated|epoxidized|acetylated|potassium|sodium|ethyl|methyl|isopropyl|cetearyl|"
    r"glyceryl|sucrose|sorbitan|propylene)$"
)
_OIL_WORDS = frozenset({"oil", "oils"})
_AFTER_OIL = frozenset({"expressed", "distilled", "rectified", "terpeneless", "fcf", "furocoumarin-free"})
_ABSOLUTE = frozenset({"absolute", "concrete", "resinoid"})
_QUOTES = lazy_pattern("['\"`\u2019\u2018]")
_SPLIT = lazy_pattern(r"[\s/,;:()\[\]{}+&*\u2020\u2021^#~|]+")  # footnote marks glued on split too ("Oil*Organic")
_GLUED_MARK = lazy_pattern(r"(?<=[a-z])[0-9\u00b9\u00b2\u00b3\u2070-\u2079]+$")  # "Oil1", "Oil\u00b9"


@dataclass(frozen=True, slots=True)
class Plant:
    """One plant (or a group of related species) of ``botanicals.yaml``."""

    id: str
    names: tuple[str, ...]  # binomial first, then synonyms (INCI spellings of the same species)
    related: tuple[str, ...]  # other species (or the genus) whose oil shares this entry's class and evidence
    common: tuple[str, ...]
    essential: frozenset[str]  # parts whose oil is an essential oil ("whole": the bare "<plant> Oil")
    fixed: frozenset[str]  # parts whose oil is a fixed (carrier) oil
    same_oil: tuple[frozenset[str], ...]  # groups of parts that name the same oil (citrus fruit oil = peel oil)
    phototoxic: frozenset[str]  # parts whose (expressed) oil contains furocoumarins
    evidence: str | None  # allergy grade of the essential oil (EVIDENCE), None for carrier plants
    related_evidence: str | None  # the grade of the related species' oils, when it differs
    part_evidence: Mapping[str, str]  # the grade of one part's oil, when it differs (bitter orange leaf oil)
    why: str | None
    sources: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.names[0]

    def same_parts(self, part: str) -> frozenset[str]:
        """The parts whose oil is the same as ``part``'s, ``part`` included."""
        for group in self.same_oil:
            if part in group:
                return group
        return frozenset({part})


@dataclass(frozen=True, slots=True)
class Botanical:
    """What a plant-oil name is. ``oil`` is ``essential``, ``fixed`` or None (an oil of unknown kind)."""

    plant: Plant | None
    parts: tuple[str, ...]  # canonical part names, in name order; ("whole",) when the name gives none
    preparation: str  # "oil", "essential oil" or "absolute"
    oil: str | None
    phototoxic: bool = False
    by: str = "part"  # how the plant was found: "name", "related", "genus", "common", or "part" (not listed)
    matched: str | None = None  # the plant name (casefolded) the name was found by

    @property
    def evidence(self) -> str:
        if self.plant is None:
            return "unassessed"
        if self.by == "related" and self.plant.related_evidence:
            return self.plant.related_evidence
        by_part = [self.plant.part_evidence[p] for p in self.parts if p in self.plant.part_evidence]
        if by_part and len(by_part) == len(self.parts):
            return by_part[0]
        return self.plant.evidence or "unassessed"

    def canonical_names(self) -> tuple[str, ...]:
        """The INCI names this oil is also listed under ("Citrus Aurantium Bergamia Peel Oil" for "... Fruit Oil"),
        for looking it up in name-keyed lists. Empty when the plant is unknown."""
        if self.plant is None or self.by == "genus":
            return ()
        # a related species names only its own oil: "Fusanus Spicatus Wood Oil" is not "Santalum Album Oil"
        names = (self.matched,) if self.by == "related" and self.matched else self.plant.names
        out: list[str] = []
        for part in self.parts:
            for same in sorted(self.plant.same_parts(part), key=lambda p: (p != part, p)):
                for name in names:
                    out.append(f"{name} oil" if same == WHOLE else f"{name} {same} oil")
        return tuple(dict.fromkeys(n.casefold() for n in out))


def may_name_oil(key: str) -> bool:
    """False when a casefolded name holds none of the words a preparation this layer reads ends in (oil, absolute,
    concrete, resinoid): :meth:`Botany.identify` then says None."""
    return "oil" in key or "absolute" in key or "concrete" in key or "resinoid" in key


class Botany:
    """Plants, parts and the identity of plant-oil names. One instance per RuleData; lookups are memoized."""

    def __init__(self, compiled: Mapping[str, Any], memo_size: int = RULE_HITS) -> None:
        self.plants = tuple(_plant(d) for d in value_of(compiled.get("plants", ())))
        parts = value_of(compiled.get("parts", ()))  # (a deferred part of the cached data: exolabel.datafiles.parts)
        self.part_of: Mapping[str, str] = {w: p["part"] for p in parts for w in p["words"]}
        self.part_oil: Mapping[str, str] = {p["part"]: p["oil"] for p in parts}
        self._by_name: dict[str, tuple[Plant, str]] = {}
        self._by_genus: dict[str, Plant] = {}
        self._by_common: dict[str, Plant] = {}
        for plant in self.plants:
            for names, how in ((plant.names, "name"), (plant.related, "related")):
                for n in names:
                    key = _index_key(n)
                    if " " in key:
                        self._by_name.setdefault(key, (plant, how))
                    else:
                        self._by_genus.setdefault(key, plant)
            for c in plant.common:
                self._by_common.setdefault(_index_key(c), plant)
        self._longest = max((len(k.split()) for k in self._by_name), default=0)
        self._memo: Memo[tuple[str, str | None], Botanical | None] = Memo(memo_size)

    def identify(self, key: str, common: str | None = None) -> Botanical | None:
        """The identity of a normalized (casefolded) name, with the common name its brackets gave; None when the
        name is not a plant oil (an extract, a water, a derivative, a chemical)."""
        if not may_name_oil(key):
            return None  # most names: no preparation this layer reads
        memo_key = (key, common)
        if memo_key in self._memo:
            return self._memo[memo_key]
        found = self._identify(key, common)
        if "/" in key and (found is None or found.oil != ESSENTIAL):
            found = self._blend(key, common) or found
        return self._memo.put(memo_key, found)

    def _identify(self, key: str, common: str | None) -> Botanical | None:
        words = [_GLUED_MARK.sub("", w.strip(".*'\"")) for w in _SPLIT.split(key.casefold())]
        words = [w for w in words if w and not w.isdigit()]
        if "of" in words and words.index("of") and words[words.index("of") - 1] in _OIL_WORDS:
            at = words.index("of")  # "Essential Oil of Lavender", "Oil of Cloves": the plant after "of"
            words = [*words[at + 1 :], *words[:at]]
        prep, end = _preparation(words)
        if prep is None or (end == 0 and prep != "essential oil"):
            return None
        head = words[:end]
        if any(_DERIVED.match(w) for w in head[:2]):
            return None
        flags = set(words)
        pressed = bool(flags & _PRESSED) or bool(common and set(common.casefold().split()) & _PRESSED)
        head = [w for w in head if w not in _DESCRIPTORS]
        parts, plant_words = self._parts(head)
        plant, by, matched = self._plant(plant_words, common)
        if plant is None and not parts and prep == "oil":
            return None  # "Olus Oil", "Shea Oil": an oil of a plant we know nothing about
        kinds = [self._kind(plant, p, pressed) for p in parts or [WHOLE]]
        if prep != "oil":
            oil: str | None = ESSENTIAL  # "essential oil", "absolute": the name says what it is
        elif ESSENTIAL in kinds:
            oil = ESSENTIAL
        elif FIXED in kinds:
            oil = FIXED
        else:
            oil = None
        photo = (
            oil == ESSENTIAL
            and plant is not None
            and any(p in plant.phototoxic for p in parts or [WHOLE])
            and not flags & _NOT_PHOTOTOXIC
        )
        return Botanical(plant, tuple(parts) or (WHOLE,), prep, oil, photo, by, matched)

    def _blend(self, key: str, common: str | None) -> Botanical | None:
        """A name of several oils joined by "/" ("Origanum Heracleoticum Flower Oil / Sunflower Seed Oil": an
        essential oil in a carrier): the essential one when there is one. Parts joined by "/" ("Leaf/Stem Oil")
        are one name, read by :meth:`_identify`."""
        segments = [s.strip() for s in key.split("/")]
        if len(segments) < 2 or _preparation(_SPLIT.split(segments[0]))[0] is None:
            return None
        found = [b for b in (self._identify(s, common) for s in segments) if b is not None]
        return next((b for b in found if b.oil == ESSENTIAL), None)

    def _parts(self, head: list[str]) -> tuple[list[str], list[str]]:
        """Split the words before the preparation into (parts, plant words); parts are read from the end."""
        parts: list[str] = []
        i = len(head)
        while i > 0:
            two = " ".join(head[i - 2 : i]) if i >= 2 else None
            if two is not None and two in self.part_of:
                parts.insert(0, self.part_of[two])
                i -= 2
            elif head[i - 1] in self.part_of:
                parts.insert(0, self.part_of[head[i - 1]])
                i -= 1
            else:
                break
        return list(dict.fromkeys(parts)), head[:i]

    def _plant(self, words: list[str], common: str | None) -> tuple[Plant | None, str, str | None]:
        """(plant, how it was found, the name it was found by)."""
        for start in range(min(3, len(words))):  # leading debris: "Serine Lavandula ...", "Unrefined ..."
            for n in range(min(self._longest, len(words) - start), 1, -1):
                name = " ".join(words[start : start + n])
                hit = self._by_name.get(name)
                if hit is not None:
                    return hit[0], hit[1], name
        for text in (words, _words(common)):
            found = self._common(text)
            if found is not None:
                return found, "common", None
        for w in words[:2]:
            genus = self._by_genus.get(w)
            if genus is not None:
                return genus, "genus", w
        return None, "part", None

    def _common(self, words: list[str]) -> Plant | None:
        """The plant whose common name is the longest tail of ``words`` ("philippine orange" -> orange)."""
        for start in range(len(words)):
            tail = " ".join(words[start:])
            hit = self._by_common.get(tail)
            if hit is None and tail.endswith("s"):
                hit = self._by_common.get(tail[:-1])  # "Oil of Cloves"
            if hit is not None:
                return hit
        return None

    def _kind(self, plant: Plant | None, part: str, pressed: bool) -> str | None:
        """The oil a part of a plant gives (a genus in ``related`` vouches for all its species: "Abies X Oil")."""
        default = self.part_oil.get(part)
        if plant is None:
            return default
        if part in plant.fixed:
            return FIXED
        if part in plant.essential:
            if pressed and default == FIXED:
                return FIXED  # "Cold Pressed Carrot Seed Oil" is the fixed oil, not the distilled one
            return ESSENTIAL
        return None if part == WHOLE else default


def _preparation(words: list[str]) -> tuple[str | None, int]:
    """The preparation a name ends with and where it starts: "essential oil", "oil" or "absolute"."""
    end = len(words)
    while end > 0 and (words[end - 1] in _AFTER_OIL or words[end - 1] in _DESCRIPTORS):
        end -= 1  # "Citrus Aurantifolia Peel Oil Expressed", "... Oil (Organic)"
    if end == 0:
        return None, 0
    last = words[end - 1]
    if last in _OIL_WORDS:
        if end >= 2 and words[end - 2] in ("essential", "volatile"):
            return "essential oil", end - 2
        return "oil", end - 1
    if last in _ABSOLUTE:
        return "absolute", end - 1
    return None, 0


def _index_key(name: str) -> str:
    """A data name as :meth:`Botany.identify` sees label names: casefolded, quotes dropped ("st johns wort"), one
    space between words."""
    return " ".join(w for w in _SPLIT.split(_QUOTES.sub("", name.casefold())) if w)


def _words(text: str | None) -> list[str]:
    if not text:
        return []
    return [w for w in (x.strip(".*") for x in _SPLIT.split(text.casefold())) if w and w not in _DESCRIPTORS]


def _plant(d: Mapping[str, Any]) -> Plant:
    return Plant(
        d["id"],
        tuple(d["names"]),
        tuple(d.get("related", ())),
        tuple(d.get("common", ())),
        frozenset(d.get("essential", ())),
        frozenset(d.get("fixed", ())),
        tuple(frozenset(g) for g in d.get("same_oil", ())),
        frozenset(d.get("phototoxic", ())),
        d.get("evidence"),
        d.get("related_evidence"),
        MappingProxyType(dict(d.get("part_evidence") or {})),
        d.get("why"),
        tuple(d["sources"]),
    )


_PLANT_KEYS = (
    "id",
    "names",
    "related",
    "common",
    "essential",
    "fixed",
    "same_oil",
    "phototoxic",
    "evidence",
    "related_evidence",
    "part_evidence",
    "why",
    "sources",
)


def compile_botanicals(chk: Checker, doc: Mapping[str, Any], ids: dict[str, str], refs: list, out: dict) -> None:
    """Validate a ``parts`` + ``plants`` document into ``out["parts"]`` and ``out["plants"]``; every problem names
    the entry and the fix. Citations go to ``refs`` (checked against the sources once all files are read)."""
    plants = chk.top(doc, "plants", extra=("parts", "sources"))  # read after the parts they refer to
    parts: dict[str, str] = {}
    for it in doc.get("parts") or ():
        if not isinstance(it, dict):
            chk.add(
                doc.get(LINE_KEY),
                None,
                f"every item of 'parts' must be a mapping, got {it!r}"[:160],
                "write '- {part: leaf, words: [leaf], oil: essential}'",
            )
            continue
        chk.keys(it, ("part", "words", "oil"), ("part", "words", "oil"), it.get("part"))
        name, oil = chk.text(it, "part", None), chk.choice(it, "oil", (ESSENTIAL, FIXED), it.get("part"))
        words = chk.text_list(it, "words", name)
        if name and oil:
            for w in words:
                if w.casefold() in parts:
                    chk.add(
                        it.get(LINE_KEY),
                        name,
                        f"part word '{w}' is already a word of '{parts[w.casefold()]}'",
                        "remove it from one part",
                    )
                parts[w.casefold()] = name
            out["parts"].append({"part": name, "words": [w.casefold() for w in words], "oil": oil})
    known_parts = {p["part"] for p in out["parts"]} | {WHOLE}
    taken: dict[str, str] = {}
    for it in plants:
        pid = chk.entry_id(it, ids, "plant.")
        chk.keys(it, _PLANT_KEYS, ("id", "names", "sources"), pid)
        line = it.get(LINE_KEY)
        entry: dict[str, Any] = {"id": pid, **{k: chk.text_list(it, k, pid) for k in ("names", "related", "common")}}
        for key in ("essential", "fixed", "phototoxic"):
            entry[key] = chk.text_list(it, key, pid)
            for p in entry[key]:
                if p not in known_parts:
                    chk.add(
                        line, pid, f"'{key}' names unknown part '{p}'", f"use one of: {', '.join(sorted(known_parts))}"
                    )
        groups = it.get("same_oil") or []
        if not isinstance(groups, list) or not all(
            isinstance(g, list) and all(p in known_parts for p in g) for g in groups
        ):
            chk.add(
                line, pid, "'same_oil' must be a list of lists of parts", "write 'same_oil: [[peel, fruit, whole]]'"
            )
            groups = []
        entry["same_oil"] = groups
        if not entry["essential"] and not entry["fixed"]:
            chk.add(
                line, pid, "a plant needs 'essential' or 'fixed' parts", "add 'essential: [leaf]' or 'fixed: [seed]'"
            )
        if set(entry["essential"]) & set(entry["fixed"]):
            chk.add(line, pid, "a part is both essential and fixed", "keep each part in one list")
        entry["evidence"] = chk.choice(it, "evidence", EVIDENCE, pid)
        if entry["essential"] and entry["evidence"] is None:
            chk.add(line, pid, "an aromatic plant needs 'evidence'", f"add 'evidence:' ({', '.join(EVIDENCE)})")
        entry["related_evidence"] = chk.choice(it, "related_evidence", EVIDENCE, pid)
        by_part = it.get("part_evidence") or {}
        entry["part_evidence"] = (
            {k: v for k, v in by_part.items() if k != LINE_KEY} if isinstance(by_part, dict) else {}
        )
        for k, v in entry["part_evidence"].items():
            if k not in known_parts or v not in EVIDENCE:
                chk.add(line, pid, f"'part_evidence: {k}: {v}' is not a part and a grade", "write '{leaf: possible}'")
        entry["why"] = chk.text(it, "why", pid)
        entry["sources"] = chk.text_list(it, "sources", pid)
        refs.append((chk.path, line, pid or "?", entry["sources"]))
        for n in {x.casefold() for x in entry["names"] + entry["related"] + entry["common"]}:
            if taken.get(n, pid) != pid:
                chk.add(
                    line, pid, f"name '{n}' already belongs to '{taken[n]}'", "a name identifies one plant: remove it"
                )
            taken[n] = pid or "?"
        out["plants"].append(entry)
