"""The compiled rule data: frozen entries and the indexes the list-driven rules look ingredients up in.

Built by :func:`exolabel.rules.loader.load_rule_data` from the validated, compiled JSON. Names and aliases are
indexed by :func:`~exolabel.tokenizer.names.normalize_key`; anchored patterns are compiled once. Lookups are memoized
per key (catalogues of millions of rows run every rule), with a bounded memo owned by the instance.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar

from exolabel._fast.facts import FactBits
from exolabel._fast.lazy import LazyEntries, compile_all, lazy_pattern
from exolabel._fast.memo import HITS_BYTES, HITS_ENTRY, RULE_HITS, Memo
from exolabel.model import VESICLE_CATEGORIES, ParsedName, ScannedIngredient, Severity
from exolabel.rules import facts
from exolabel.rules.botanical import Botanical, Botany, may_name_oil
from exolabel.rules.identity import plant_irritant, resolve
from exolabel.rules.patterns import FirstWords, lacks_words, number_near, phrase_pattern
from exolabel.tokenizer.names import normalize_key

T = TypeVar("T")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")
_SEVERITY = {s.value: s for s in Severity}  # (the loader checked each value; an Enum call costs ten times more)


@dataclass(frozen=True, slots=True)
class Irritant:
    """An irritant entry of irritants.yaml: its class, concern, severity per product type (and within the first five
    ingredients), EU status and sources."""

    id: str
    name: str
    klass: str  # fragrance | essential-oil | denatured-alcohol | isothiazolinone | formaldehyde[-releaser] | ...
    concern: str
    severity: Mapping[str, Severity]  # product type -> severity
    first_five: Mapping[str, Severity]  # product type -> severity when within the first five ingredients
    eu: Mapping[str, str]  # product type -> "prohibited" or a short restriction
    label_warning: str | None
    why: str
    sources: tuple[str, ...]
    mixture: bool = False  # an undisclosed fragrance mixture ("Parfum")

    def severity_for(self, product_type: str, position: int) -> Severity | None:
        if position < 5 and product_type in self.first_five:
            return self.first_five[product_type]
        return self.severity.get(product_type)

    def eu_prohibited(self, product_type: str) -> bool:
        status = self.eu.get(product_type, "").casefold()
        return status.startswith(("prohibited", "not permitted"))


@dataclass(frozen=True, slots=True)
class Allergen:
    """An EU fragrance allergen of allergens.yaml: the name to label, its INCI names, annex entry, status and labelling
    thresholds."""

    id: str
    label_name: str
    inci: tuple[str, ...]
    annex: str
    status: str  # label_required | prohibited
    leave_on_threshold_pct: float | None
    rinse_off_threshold_pct: float | None
    sources: tuple[str, ...]

    @property
    def grouped(self) -> bool:
        return len(self.inci) > 1 or self.inci != (self.label_name,)

    def threshold(self, product_type: str) -> float | None:
        return self.rinse_off_threshold_pct if product_type == "rinse-off" else self.leave_on_threshold_pct


@dataclass(frozen=True, slots=True)
class Anchor:
    """An ingredient whose legal or usual maximum concentration bounds the amounts listed after it (the <= 1 % line)."""

    id: str
    name: str
    max_pct: float
    basis: str
    product_types: tuple[str, ...]  # empty: any product type
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Active:
    """A well-evidenced active ingredient the supporting rules can name."""

    id: str
    name: str
    group: str
    evidence: str
    sources: tuple[str, ...]


class Claim(NamedTuple):
    """A claim phrase pattern and the ingredients that would back it."""

    id: str
    kind: str  # ev | drug | vegan
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]
    requires: tuple[str, ...]
    why: str
    sources: tuple[str, ...]


class Market(NamedTuple):
    """What a market's rules say about human-origin material, animal TSE risk and exosome products, with sources."""

    id: str
    name: str
    human_origin: str  # prohibited | restricted | unclear | not_addressed
    human_origin_basis: str
    animal_tse: str | None
    exosome_products: str | None
    sources: tuple[str, ...]


class AnimalNote(NamedTuple):
    """A note on animal-derived material (dairy, ruminant) that a name pattern triggers."""

    id: str
    kind: str  # dairy | ruminant
    pattern: re.Pattern[str]
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hits:
    """What the rule lists say about one ingredient name."""

    irritant: Irritant | None = None
    allergen: Allergen | None = None
    anchor: Anchor | None = None
    active: Active | None = None
    keys: tuple[str, ...] = ()  # the keys the ingredient was looked up by (lookup_keys), for rules that compare names
    botanical: Botanical | None = None  # what the name is as a plant oil (essential or fixed, evidence, phototoxic)
    tags: frozenset[str] = frozenset()  # what kind of entries these are (hit_tags); rules name the tags they need
    mask: int = 0  # the tags as bits of the RuleData that made these hits (RuleData.fact_bits)
    trade: Claim | None = None  # the vesicle claim a trade name over the declared INCI name makes (trade_name)


NO_HITS = Hits()


def hit_tags(
    irritant: Irritant | None, allergen: Allergen | None, anchor: Anchor | None, active: Active | None
) -> frozenset[str]:
    """The kinds of list entry an ingredient hits: "irritant:<class>", "irritant:mixture",
    "irritant:label-warning", "allergen:<status>", "eu-prohibited" (in some product type), "anchor", "active".

    A rule's ``needs`` names some of them: the engine skips the rule on a label whose ingredients hit none.
    """
    tags: set[str] = set()
    if irritant is not None:
        tags.add(facts.irritant(irritant.klass))
        if irritant.mixture:
            tags.add(facts.IRRITANT_MIXTURE)
        if irritant.label_warning:
            tags.add(facts.IRRITANT_LABEL_WARNING)
        if any(irritant.eu_prohibited(pt) for pt in irritant.eu):
            tags.add(facts.EU_PROHIBITED)
    if allergen is not None:
        tags.add(facts.allergen(allergen.status))
        if allergen.status == "prohibited":
            tags.add(facts.EU_PROHIBITED)
    if anchor is not None:
        tags.add(facts.ANCHOR)
    if active is not None:
        tags.add(facts.ACTIVE)
    return frozenset(tags)


class NameIndex(Generic[T]):
    """Whole-name lookup (normalized names and aliases), then anchored patterns, in data order."""

    def __init__(self, entries: Sequence[T], items: Iterable[tuple[Iterable[str], Iterable[str]]]) -> None:
        """``items``: (normalized lookup keys, anchored patterns) of each of ``entries``, in order. The index holds
        positions in ``entries`` (a LazyEntries is not made by indexing it)."""
        exact: dict[str, int] = {}
        patterns: list[tuple[re.Pattern[str], int]] = []
        for i, (keys, pats) in enumerate(items):
            for k in keys:
                exact.setdefault(k, i)
            patterns.extend((lazy_pattern(p), i) for p in pats)  # compiled if ever tried (valid: see loader)
        self.entries = entries
        self.exact: Mapping[str, int] = MappingProxyType(exact)
        self.patterns: tuple[tuple[re.Pattern[str], int], ...] = tuple(patterns)
        self._any: re.Pattern[str] | bool | None = False  # built at the first name the exact index lacks

    def any_pattern(self) -> re.Pattern[str] | None:
        """All the patterns in one (built at the first call), or None when a back-reference or group name breaks it."""
        if self._any is False:
            self._any = None
            with suppress(re.error):
                if not any(_BACKREF.search(p.pattern) for p, _ in self.patterns):
                    self._any = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.patterns))
        return self._any  # type: ignore[return-value]

    def get(self, key: str) -> T | None:
        hit = self.exact.get(key)
        if hit is not None:
            return self.entries[hit]
        if not self.patterns:
            return None
        any_ = self.any_pattern()
        if any_ is not None and any_.match(key) is None:
            return None
        for pat, i in self.patterns:  # in data order: the first entry whose pattern matches wins
            if pat.match(key):
                return self.entries[i]
        return None


def lookup_keys(s: ScannedIngredient) -> tuple[str, ...]:
    """The keys to look an ingredient up by: the matcher's canonical name first, then what the label says."""
    return _lookup_keys(s.ingredient.parsed, s.known or (s.correction.name if s.correction else None))


def _lookup_keys(parsed: ParsedName, canonical: str | None) -> tuple[str, ...]:
    keys: list[str] = []
    if canonical:
        keys.append(normalize_key(canonical))
    keys.append(parsed.key)
    keys.extend(normalize_key(a) for a in parsed.aliases)
    return tuple(dict.fromkeys(k for k in keys if k))


class RuleData:
    """Read-only rule lists and their indexes. One instance per Scanner; lookups are memoized per key."""

    def __init__(self, compiled: Mapping[str, Any], memo_size: int = RULE_HITS) -> None:
        self.sources: Mapping[str, Mapping[str, Any]] = MappingProxyType(dict(compiled["sources"]))
        self.irritants = LazyEntries(_irritant, compiled["irritants"])  # each made when a label first names it
        self.allergens = LazyEntries(_allergen, compiled["allergens"])
        self.anchors = tuple(
            Anchor(d["id"], d["name"], float(d["max_pct"]), d["basis"], tuple(d["product_types"]), tuple(d["sources"]))
            for d in compiled["anchors"]
        )
        self.actives = tuple(
            Active(d["id"], d["name"], d["group"], d["evidence"], tuple(d["sources"])) for d in compiled["actives"]
        )
        self.claims = tuple(
            Claim(
                d["id"],
                d["kind"],
                tuple(d["phrases"]),
                phrase_pattern(d["phrases"]),
                tuple(d["requires"]),
                d["why"],
                tuple(d["sources"]),
            )
            for d in compiled["claims"]
        )
        ev_phrases = [p for c in self.claims if c.kind == "ev" for p in c.phrases]
        self.ev_number = number_near(ev_phrases)
        # quick rejects: a text with no claim phrase at all (most product names) costs one search, not one per claim
        self._ev_words = phrase_pattern(ev_phrases)
        self._any_claim = phrase_pattern([p for c in self.claims for p in c.phrases])
        self.first_words = FirstWords(ev_phrases, [p for c in self.claims for p in c.phrases])  # made at first use
        self.markets: Mapping[str, Market] = MappingProxyType(
            {
                d["id"]: Market(
                    d["id"],
                    d["name"],
                    d["human_origin"],
                    d["human_origin_basis"],
                    d.get("animal_tse"),
                    d.get("exosome_products"),
                    tuple(d["sources"]),
                )
                for d in compiled["markets"]
            }
        )
        self.animal_notes = tuple(
            AnimalNote(d["id"], d["kind"], phrase_pattern(d["words"]), d["note"], tuple(d["sources"]))
            for d in compiled["animal_notes"]
        )

        def index(kind: str, entries: Sequence[Any]) -> NameIndex[Any]:
            return NameIndex(entries, ((d["keys"], d.get("patterns", ())) for d in compiled[kind]))

        self._irritant_ix = index("irritants", self.irritants)
        self._allergen_ix = index("allergens", self.allergens)
        self._anchor_ix = index("anchors", self.anchors)
        self._active_ix = index("actives", self.actives)
        self._plants = {"plants": compiled.get("plants", ()), "parts": compiled.get("parts", ())}
        self._botany: Botany | None = None
        self._plant_irritants: dict[tuple[str | None, str], Irritant] = {}
        self._memo: Memo[tuple[object, ...], Hits] = Memo(memo_size, HITS_BYTES, HITS_ENTRY)
        # A label's facts (the tags of its hits, LABEL_TEXT) as the OR of its hits' masks (exolabel._fast.facts)
        self.fact_bits = FactBits((facts.LABEL_TEXT,))
        self.text_bit = self.fact_bits.mask_of((facts.LABEL_TEXT,))

    @property
    def botany(self) -> Botany:
        """The plant-oil identities, built when first asked for: only a name with "oil", "absolute", "concrete" or
        "resinoid" in it needs them (:meth:`Botany.identify`)."""
        if self._botany is None:
            self._botany = Botany(self._plants)
        return self._botany

    def preload(self) -> None:
        """Build now what the first labels would build (the plant index, the name patterns), e.g. before a fork."""
        _ = self.botany, self.first_words.either, tuple(self.irritants), tuple(self.allergens)
        for ix in (self._irritant_ix, self._allergen_ix, self._anchor_ix, self._active_ix):
            compile_all(p for p, _item in ix.patterns)
            ix.any_pattern()

    def may_mention(self, text: str) -> bool:
        """False when neither :meth:`claims_in` nor :meth:`ev_number_in` can find anything in ``text`` (it holds none
        of the words their phrases start with): one word test for a label's product name, however many rules read
        it. True means only "maybe"."""
        return not lacks_words(text, self.first_words.either)

    def ev_number_in(self, text: str) -> re.Match[str] | None:
        """``ev_number.search(text)``: a number next to an EV-family word (it needs the word, looked for first)."""
        if lacks_words(text, self.first_words.ev) or self._ev_words.search(text) is None:
            return None
        return self.ev_number.search(text)

    def claims_in(self, text: str) -> list[tuple[tuple[int, int], Claim, str]]:
        """(span, claim, phrase) for every claim whose phrases occur in ``text``, in claim order."""
        if lacks_words(text, self.first_words.claim) or self._any_claim.search(text) is None:
            return []
        out = []
        for c in self.claims:
            m = c.pattern.search(text)
            if m is not None:
                out.append((m.span(), c, m.group(0)))
        return out

    def label_hits(self, ingredients: Iterable[ScannedIngredient]) -> tuple[tuple[ScannedIngredient, Hits], ...]:
        """(ingredient, Hits) for the ingredients some rule list names, in label order: one memo lookup each."""
        return tuple((s, hit) for s in ingredients if (hit := self.hits(s)) is not NO_HITS)

    def hits(self, s: ScannedIngredient) -> Hits:
        """Irritant, allergen, anchor and active entries for one scanned ingredient (memoized per key)."""
        return self.hits_for(s.ingredient.parsed, s.known, s.correction.name if s.correction else None)

    def hits_for(self, parsed: ParsedName, known: str | None, corrected: str | None) -> Hits:
        """:meth:`hits` of an ingredient with this parsed name, known name and correction (its name)."""
        memo_key = (parsed.key, known, corrected, parsed.aliases, parsed.common_name)
        hit = self._memo.get(memo_key)
        if hit is not None:
            return hit
        keys = _lookup_keys(parsed, known or corrected)
        irritant, allergen = _first(self._irritant_ix, keys), _first(self._allergen_ix, keys)
        bot = self.identify(keys, parsed.common_name)
        if bot is not None:
            irritant, allergen = resolve(
                bot,
                irritant,
                allergen,
                lambda names: _first(self._irritant_ix, names),
                lambda names: _first(self._allergen_ix, names),
                self._essential_oil,
            )
        entries = (irritant, allergen, _first(self._anchor_ix, keys), _first(self._active_ix, keys))
        trade = self.trade_name(parsed, known)
        if entries == (None, None, None, None) and trade is None:
            found = NO_HITS
        else:
            tags = hit_tags(*entries) | ({facts.TRADE_NAME} if trade is not None else frozenset())
            mask = self.fact_bits.mask_of(tags)
            found = Hits(*entries, keys=keys, tags=tags, mask=mask, botanical=bot, trade=trade)
        self._memo.put(memo_key, found)
        return found

    def trade_name(self, parsed: ParsedName, known: str | None) -> Claim | None:
        """The vesicle claim ("exosome", "plant exosome") that the name as written makes when the ingredient is a
        known name from its brackets that claims no vesicles: "Rose Exosomes (Rosa Damascena Flower Extract)" is
        the flower extract under a trade name. None for a vesicle name that is the ingredient itself ("Lactobacillus
        Extracellular Vesicles"), a declared name that is vesicles too, or a name with nothing in brackets."""
        if known is None or not parsed.aliases or normalize_key(known) == parsed.key:
            return None
        if any(_names_vesicles(c) for _, c, _ in self.claims_in(known)):
            return None
        return next((c for _, c, _ in self.claims_in(parsed.name) if _names_vesicles(c)), None)

    def identify(self, keys: tuple[str, ...], common: str | None) -> Botanical | None:
        """The plant-oil identity of the first of ``keys`` that has one."""
        for k in keys:
            if not may_name_oil(k):  # (Botany.identify's own first test, without building the Botany)
                continue
            bot = self.botany.identify(k, common)
            if bot is not None:
                return bot
        return None

    def _essential_oil(self, bot: Botanical) -> Irritant:
        key = (bot.plant.id if bot.plant is not None else None, bot.evidence)
        entry = self._plant_irritants.get(key)
        if entry is None:
            entry = self._plant_irritants[key] = _irritant(plant_irritant(bot.plant, bot.evidence))
        return entry

    def source_title(self, sid: str) -> str:
        s = self.sources.get(sid)
        return str(s["title"]) if s else sid


def _names_vesicles(c: Claim) -> bool:
    """Is ``c`` a claim that the product holds purified vesicles (every category that backs it is one)?"""
    return c.kind == "ev" and bool(c.requires) and set(c.requires) <= VESICLE_CATEGORIES


def _first(index: NameIndex[T], keys: tuple[str, ...]) -> T | None:
    for k in keys:
        hit = index.get(k)
        if hit is not None:
            return hit
    return None


def _irritant(d: Mapping[str, Any]) -> Irritant:
    return Irritant(
        d["id"],
        d["name"],
        d["class"],
        d["concern"],
        MappingProxyType({k: _SEVERITY[v] for k, v in d["severity"].items()}),
        MappingProxyType({k: _SEVERITY[v] for k, v in d["first_five"].items()}),
        MappingProxyType(dict(d["eu"])),
        d.get("label_warning"),
        d["why"],
        tuple(d["sources"]),
        bool(d.get("mixture")),
    )


def _allergen(d: Mapping[str, Any]) -> Allergen:
    return Allergen(
        d["id"],
        d["label_name"],
        tuple(d["inci"]),
        d["annex"],
        d["status"],
        d.get("leave_on_threshold_pct"),
        d.get("rinse_off_threshold_pct"),
        tuple(d["sources"]),
    )
