"""Frozen dataclasses that flow between the pipeline stages.

tokenize -> Ingredient; lexicon/match -> Match, Correction; rules -> Finding; scan -> Report.
Nothing here does I/O. ``to_dict`` methods give the public JSON shape (schema 1).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

CATEGORIES: tuple[str, ...] = (
    "exosome",
    "extracellular_vesicle",
    "plant_nanovesicle",
    "conditioned_media",
    "plant_cell_culture",
    "lysate",
    "growth_factor",
)
# the categories that name purified vesicles (what an "exosome" claim needs; a trade name may print one over an extract)
VESICLE_CATEGORIES: frozenset[str] = frozenset({"exosome", "extracellular_vesicle", "plant_nanovesicle"})
ORIGINS: tuple[str, ...] = ("human", "animal", "plant", "microbial", "synthetic", "unspecified")
MATCH_METHODS: tuple[str, ...] = ("exact", "alias", "pattern", "fuzzy")
PRODUCT_TYPES: tuple[str, ...] = ("leave-on", "rinse-off")


class Severity(str, Enum):
    """How serious a finding is. Ordered by :attr:`rank`: error (3) > warning (2) > info (1)."""

    rank: int

    ERROR = "error", 3
    WARNING = "warning", 2
    INFO = "info", 1

    def __new__(cls, value: str, rank: int) -> "Severity":
        member = str.__new__(cls, value)
        member._value_ = value
        member.rank = rank  # a plain attribute of the member: sorting findings reads it once per finding
        return member

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Concentration:
    """An amount printed next to an ingredient.

    kind: ``percent`` (w/w of the product), ``ppm`` (parts per million, or per billion: ``unit`` says which),
    ``mass`` (mg/ml, mg/g...), ``count`` (particles, e.g. "2 billion exosomes/mL"),
    ``marketing`` (a number that cannot be a concentration, e.g. ">= 100 %"), ``raw_material``
    ("5% solution": the strength of the raw material, not of the product).
    """

    text: str
    kind: str
    value: float | None
    unit: str
    per: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "value": self.value, "unit": self.unit, "per": self.per}


@dataclass(frozen=True, slots=True)
class ParsedName:
    """What one ingredient piece says, independent of where it stands: shared by every occurrence.

    ``name`` is the cleaned name (no concentration, markers or alias brackets), ``key`` the normalized lookup
    key (casefolded, common-name brackets removed, OCR digit confusions repaired).
    """

    name: str
    key: str
    aliases: tuple[str, ...] = ()
    common_name: str | None = None
    concentration: Concentration | None = None
    markers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ingredient:
    """One ingredient as the tokenizer read it: ``text`` is the input exactly as written and ``span`` points at
    it in the input; the parsed name is shared with other occurrences of the same piece of text."""

    index: int
    text: str
    span: tuple[int, int]
    parsed: ParsedName
    may_contain: bool = False

    @property
    def name(self) -> str:
        return self.parsed.name

    @property
    def key(self) -> str:
        return self.parsed.key

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.parsed.aliases

    @property
    def common_name(self) -> str | None:
        return self.parsed.common_name

    @property
    def concentration(self) -> Concentration | None:
        return self.parsed.concentration

    @property
    def markers(self) -> tuple[str, ...]:
        m = self.parsed.markers
        return ("may-contain", *m) if self.may_contain else m


@dataclass(frozen=True, slots=True)
class Match:
    """An EV-family lexicon hit for one ingredient."""

    id: str
    term: str
    category: str
    origin: str
    detail: str | None
    score: float
    method: str
    sources: tuple[str, ...] = ()
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "term": self.term,
            "category": self.category,
            "origin": self.origin,
            "detail": self.detail,
            "score": round(self.score, 1),
            "method": self.method,
        }


SPECIES = "species"  # Correction.method of a name read as a plant species whose part it does not name


@dataclass(frozen=True, slots=True)
class Correction:
    """A fuzzy identification against the known-INCI vocabulary: always shown as a guess, never as fact."""

    name: str
    score: float
    method: str  # "fuzzy" | "ocr" | "compact" | "species" (a plant species whose part the label does not name)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "score": round(self.score, 1), "method": self.method}


@dataclass(frozen=True, slots=True)
class ScannedIngredient:
    """An ingredient with what the lexicon made of it."""

    ingredient: Ingredient
    matches: tuple[Match, ...] = ()
    known: str | None = None  # canonical known-INCI name, when recognized exactly or by alias
    correction: Correction | None = None
    lookalike: str | None = None  # id of a look-alike entry that vetoed EV matching

    @property
    def recognized(self) -> bool:
        return bool(self.matches or self.known or self.correction or self.lookalike)

    @property
    def display_name(self) -> str:
        if self.known:
            return self.known
        return self.ingredient.name

    def to_dict(self) -> dict[str, Any]:
        ing = self.ingredient
        return {
            "index": ing.index,
            "text": ing.text,
            "name": ing.name,
            "span": list(ing.span),
            "known": self.known,
            "correction": self.correction.to_dict() if self.correction else None,
            "aliases": list(ing.aliases),
            "concentration": ing.concentration.to_dict() if ing.concentration else None,
            "markers": list(ing.markers),
            "matches": [m.to_dict() for m in self.matches],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on a label."""

    rule: str  # code, e.g. "SR02"
    name: str  # dotted name, e.g. "source.human-origin"
    severity: Severity
    message: str
    ingredient: int | None = None  # Ingredient.index the finding is about, if any
    sources: tuple[str, ...] = ()
    claim: int | None = None  # index into LabelInfo.claims, for claim findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "ingredient": self.ingredient,
            "claim": self.claim,
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True)
class ExosomeSource:
    """What a label file declares about where its EV-family ingredient comes from."""

    origin: str  # one of ORIGINS
    detail: str | None = None  # e.g. "umbilical cord mesenchymal stem cells"


@dataclass(frozen=True, slots=True)
class Characterization:
    """EV characterization a brand declares (MISEV2023: particle count, size, positive and negative markers)."""

    particles_per_ml: float | None = None
    size_nm: tuple[float, float] | None = None  # (low, high); a single mean is (x, x)
    markers: tuple[str, ...] = ()  # positive protein markers, e.g. CD9, CD63, CD81, TSG101, ALIX
    negative_markers: tuple[str, ...] = ()  # e.g. calnexin (absence of cellular contaminants)
    method: str | None = None  # e.g. NTA, TRPS, flow cytometry
    reference: str | None = None  # URL or document that reports the measurement


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """What a label file says beyond its ingredient list.

    ``declared`` holds concentrations the brand declares per ingredient (name as written in the list),
    ``exosome_source`` and ``characterization`` what it declares about its EV-family ingredient.
    """

    product: str | None = None
    brand: str | None = None
    claims: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    product_type: str | None = None
    url: str | None = None
    declared: tuple[tuple[str, Concentration], ...] = ()
    exosome_source: ExosomeSource | None = None
    characterization: Characterization | None = None

    def extras_dict(self) -> dict[str, Any]:
        """The optional EV facts, for JSON: only the keys a label file gave (the core shape is unchanged)."""
        out: dict[str, Any] = {}
        if self.declared:
            out["declared"] = {n: c.to_dict() for n, c in self.declared}
        if self.exosome_source:
            out["exosome_source"] = {"origin": self.exosome_source.origin, "detail": self.exosome_source.detail}
        ch = self.characterization
        if ch:
            out["characterization"] = {
                "particles_per_ml": ch.particles_per_ml,
                "size_nm": list(ch.size_nm) if ch.size_nm else None,
                "markers": list(ch.markers),
                "negative_markers": list(ch.negative_markers),
                "method": ch.method,
                "reference": ch.reference,
            }
        return out

    def declared_for(self, name: str) -> Concentration | None:
        """The declared concentration of ingredient ``name`` (case-insensitive), if any."""
        key = name.casefold().strip()
        for n, c in self.declared:
            if n.casefold() == key:
                return c
        return None


class Section(NamedTuple):
    """One product of a kit whose label holds several lists ("Cleanser: ... Serum: ...")."""

    name: str  # the product's heading, without enumeration or size ("Cleanser" for "Step 1 Cleanser (150 ml)")
    span: tuple[int, int]  # the heading in the input text
    first: int  # index of its first ingredient
    count: int  # how many ingredients follow it

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "span": list(self.span), "first": self.first, "count": self.count}

    def numbered(self) -> str:
        """The product with the numbers of its ingredients, as reports show it: "Serum #5-8"."""
        return f"{self.name} #{self.first + 1}-{self.first + self.count}"


def section_at(sections: Sequence[Section], index: int | None) -> Section | None:
    """The section (kit product) that holds the ingredient ``index``; None for one list, no ingredient, or an
    ingredient before the kit's first heading."""
    if index is None:
        return None
    for s in sections:
        if s.first <= index < s.first + s.count:
            return s
    return None


@dataclass(frozen=True, slots=True)
class Report:
    """The result of scanning one label (``sections``: a kit's products, each with its ingredients; empty for one
    list)."""

    source: str | None
    label: LabelInfo
    ingredients: tuple[ScannedIngredient, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    sections: tuple[Section, ...] = ()

    def section_of(self, index: int | None) -> str | None:
        """The kit product the ingredient ``index`` belongs to (None for one list or no ingredient)."""
        s = section_at(self.sections, index)
        return None if s is None else s.name

    @property
    def ev_ingredients(self) -> tuple[ScannedIngredient, ...]:
        return tuple(s for s in self.ingredients if s.matches)

    @property
    def max_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def summary(self) -> dict[str, Any]:
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity.value] += 1
        categories: dict[str, int] = {}
        origins: dict[str, int] = {}
        for s in self.ev_ingredients:
            for cat in sorted({m.category for m in s.matches}):
                categories[cat] = categories.get(cat, 0) + 1
            for org in sorted({m.origin for m in s.matches}):
                origins[org] = origins.get(org, 0) + 1
        return {
            "ingredients": len(self.ingredients),
            "ev_family": len(self.ev_ingredients),
            "categories": dict(sorted(categories.items())),
            "origins": dict(sorted(origins.items())),
            "corrected": sum(1 for s in self.ingredients if s.correction and s.correction.method != SPECIES),
            "unrecognized": sum(1 for s in self.ingredients if not s.recognized),
            "findings": counts,
        }

    def to_dict(self) -> dict[str, Any]:
        lab = self.label
        out: dict[str, Any] = {
            "source": self.source,
            "product": lab.product,
            "brand": lab.brand,
            "product_type": lab.product_type,
            "markets": list(lab.markets),
            "claims": list(lab.claims),
            **lab.extras_dict(),
            "ingredients": [s.to_dict() for s in self.ingredients],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }
        if self.sections:  # a kit: each ingredient and finding says which product it is about
            out["sections"] = [s.to_dict() for s in self.sections]
            for d in out["ingredients"]:
                d["section"] = self.section_of(d["index"])
            for d in out["findings"]:
                d["section"] = self.section_of(d["ingredient"])
        return out
