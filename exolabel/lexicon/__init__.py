"""The lexicon: EV-family entries, look-alikes, origin cues, head-noun patterns and the known-INCI vocabulary.

``load_lexicon(extra)`` validates the built-in data plus user files and returns an immutable :class:`Lexicon`
with the indexes the matcher needs. Loading is cached on disk (see ``loader``).
"""

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from exolabel._fast.memo import NAMES, SEEN_BYTES, SEEN_ENTRY, Memo
from exolabel.datafiles.load import DataError
from exolabel.datafiles.parts import value_of
from exolabel.lexicon.loader import load_compiled
from exolabel.lexicon.quality import form_words, without_form, without_quality
from exolabel.lexicon.words import PhraseGroups, PhraseIndex
from exolabel.tokenizer.names import compact_key, normalize_key

_UNSEEN = object()  # not in the CosIng lookup memo (None there means: looked up, not found)

if TYPE_CHECKING:
    from exolabel.lexicon.inventory import Inventory

__all__ = ["DataError", "Entry", "Head", "Lexicon", "Lookalike", "load_lexicon"]


class Entry(NamedTuple):
    """An EV-family term of the lexicon (exosome, conditioned media, lysate...): its category, origin, aliases, trade
    names and sources."""

    id: str
    term: str
    category: str
    origin: str
    detail: str | None
    aliases: tuple[str, ...]
    trade_names: tuple[str, ...]
    sources: tuple[str, ...]
    note: str | None
    threshold: float | None


class Lookalike(NamedTuple):
    """A name that looks like an EV-family term and is not one, with why and what it looks like."""

    id: str
    term: str
    aliases: tuple[str, ...]
    why: str
    looks_like: tuple[str, ...]
    sources: tuple[str, ...]


class Head(NamedTuple):
    """A head-noun pattern that classifies a name no vocabulary holds ("... Conditioned Media"), with its category per
    origin and priority."""

    id: str
    pattern: PhraseIndex
    category: str
    by_origin: Mapping[str, str]
    priority: int
    sources: tuple[str, ...]
    note: str | None


class Cue(NamedTuple):
    """A word or phrase in a name that tells its source (human, animal, plant, microbial...) or another detail."""

    id: str
    pattern: PhraseIndex
    kind: str
    origin: str | None
    detail: str | None


def _words_re(phrases: Iterable[str]) -> PhraseIndex:
    return PhraseIndex(phrases)


class Lexicon:
    """Read-only indexes over the compiled lexicon data."""

    def __init__(self, compiled: Mapping[str, Any], inventory: "Inventory | None" = None) -> None:
        # every CosIng INCI name (read at the first name the curated vocabulary does not know); None: curated only
        self.inventory = inventory
        self._inventory_seen: Memo[str, str | None] = Memo(
            NAMES, SEEN_BYTES, SEEN_ENTRY
        )  # compact key -> inventory name (or None)
        self.sources: Mapping[str, Mapping[str, Any]] = MappingProxyType(dict(compiled["sources"]))
        index = compiled.get("index") or build_index(compiled)
        self.entries: tuple[Entry, ...] = tuple(map(Entry._make, index["entries"]))  # (stored as Entry's fields)
        self.lookalikes: tuple[Lookalike, ...] = tuple(
            Lookalike(
                la["id"],
                la["term"],
                tuple(la.get("aliases") or ()),
                la["why"],
                tuple(la.get("looks_like") or ()),
                tuple(la.get("sources") or ()),
            )
            for la in compiled["lookalikes"]
        )
        self.heads: tuple[Head, ...] = tuple(
            sorted(
                (
                    Head(
                        h["id"],
                        _words_re(h["phrases"]),
                        h["category"],
                        MappingProxyType(dict(h["by_origin"])),
                        h["priority"],
                        tuple(h["sources"]),
                        h.get("note"),
                    )
                    for h in compiled["heads"]
                ),
                key=lambda h: h.priority,
            )
        )
        self.cues: tuple[Cue, ...] = tuple(
            Cue(c["id"], _words_re(c["words"]), c["kind"], c.get("origin"), c.get("detail")) for c in compiled["cues"]
        )
        self.genera: Mapping[str, str] = MappingProxyType(dict(compiled["genera"]))
        self._any_head = _words_re(p for h in compiled["heads"] for p in h["phrases"])
        # in priority order, as self.heads; in the order of self.cues (built at compile time: build_index)
        self.head_groups = PhraseGroups.restored(index["head_groups"])
        self.cue_groups = PhraseGroups.restored(index["cue_groups"])
        self.ev_index: Mapping[str, tuple[int, str]] = MappingProxyType(index["ev"])
        self.lookalike_index: Mapping[str, int] = MappingProxyType(index["lookalike"])
        self.vocab: Mapping[str, str] = MappingProxyType(index["vocab"])
        self._compact = index["compact"]  # read when first asked for (a name the exact index lacks)
        # lower-case word -> how the curated vocabulary spells it ("hcl" -> "HCl"): CosIng names are shown so
        self.casing: Mapping[str, str] = MappingProxyType(index["casing"])
        self._vocab_rows = compiled["vocab"]  # read and built into tuples when first asked for (tests, the generator)
        # a plant's common name or botanical synonym (normalized) -> the binomial CosIng uses (normalized)
        self.plants: Mapping[str, str] = MappingProxyType(index["plants"])
        self._plant_words = max((k.count(" ") + 1 for k in self.plants), default=0)

    @cached_property
    def _plant_firsts(self) -> frozenset[str]:
        """The first words of the plant names (:attr:`plants`)."""
        return frozenset(k.split(" ", 1)[0] for k in self.plants)

    @cached_property
    def vocab_rows(self) -> tuple[tuple[str, tuple[str, ...], str], ...]:
        """The curated vocabulary as (name, synonyms, source) rows, in file order."""
        return tuple((n, tuple(s), src) for n, s, src in value_of(self._vocab_rows))

    @cached_property
    def vocab_compact(self) -> Mapping[str, str]:
        """Compact key (no spaces or punctuation) -> the INCI name, for names written without their spaces."""
        return MappingProxyType(value_of(self._compact))

    # NameIndex protocol for the tokenizer
    def canonical(self, key: str) -> str | None:
        hit = self.vocab.get(key)
        if hit is None:
            compact = compact_key(key)
            hit = self.vocab_compact.get(compact)
            if hit is None and self.inventory is not None and compact:
                seen = self._inventory_seen.get(compact, _UNSEEN)
                if seen is not _UNSEEN:
                    return seen  # type: ignore[return-value]
                hit = self.inventory.name_of(compact, self.casing, compacted=True)
                if hit is None and self.plants:
                    hit = self._by_binomial(key)
                if hit is None:  # "Sodium Laureth Sulphate", "Aluminium Hydroxide": British spellings
                    from exolabel.lexicon.spelling import respelled  # (only names the vocabulary lacks)

                    rest = respelled(key)
                    if rest is not None:
                        hit = self.canonical(rest)
                if hit is None:  # "Organic Argania Spinosa Kernel Oil": quality words before a known name
                    rest = without_quality(key)
                    if rest is not None:
                        hit = self.canonical(rest)
                if hit is None:  # "Squalane Oil", "Niacinamide Powder": a form word after one substance's name
                    rest = without_form(key)
                    if rest is not None:
                        hit = self._one_substance(self.canonical(rest))
                hit = self._inventory_seen.put(compact, hit)
        return hit

    def _one_substance(self, name: str | None) -> str | None:
        """``name`` when it names one substance a form word can follow: not a botanical or microbial name (its first
        word a genus of :attr:`genera`: "Green Tea Oil" is not Camellia Sinensis Leaf Extract) and not a name that
        ends in a form word itself ("Charcoal Powder Oil"); None otherwise."""
        if name is None:
            return None
        words = name.casefold().split()
        if words[0] in self.genera or words[-1] in form_words():
            return None
        return name

    def _by_binomial(self, key: str) -> str | None:
        """ "Indian Mulberry Leaf Extract", "Vitellaria Paradoxa Butter": a name that starts with a plant's common
        name or a botanical synonym is the INCI name with the binomial there, when that name is known."""
        words = key.split(" ")
        if words[0] not in self._plant_firsts:  # no plant name starts so
            return None
        for n in range(min(self._plant_words, len(words) - 1), 0, -1):
            binomial = self.plants.get(" ".join(words[:n]))
            if binomial is not None:
                rest = " ".join(words[n:])
                name = self.vocab.get(binomial + " " + rest)
                if name is None and self.inventory is not None:
                    name = self.inventory.name_of(compact_key(binomial + " " + rest), self.casing)
                return name
        return None

    def with_binomial(self, key: str) -> str | None:
        """``key`` with the plant name it starts with (a common name or botanical synonym of :attr:`plants`) in
        the binomial CosIng uses ("lavender" -> "lavandula angustifolia", "liquorice extract" -> "glycyrrhiza glabra
        extract"), or None when it starts with none. Whether that names anything is the caller's question."""
        words = key.split(" ")
        if words[0] not in self._plant_firsts:
            return None
        for n in range(min(self._plant_words, len(words)), 0, -1):
            binomial = self.plants.get(" ".join(words[:n]))
            if binomial is not None:
                return " ".join([binomial, *words[n:]])
        return None

    def plant_genus(self, word: str) -> bool:
        """Is the casefolded ``word`` a plant genus of the origin data (``origins.yaml``: "rosa", "vitis")?"""
        return self.genera.get(word) == "plant"

    def has_head(self, key: str, words: Iterable[str] | None = None) -> bool:
        """Does ``key`` hold a head-noun phrase? (``words``: see :meth:`PhraseIndex.search`)"""
        return self._any_head.search(key, words) is not None

    def source_title(self, sid: str) -> str:
        s = self.sources.get(sid)
        return str(s["title"]) if s else sid


def build_index(compiled: Mapping[str, Any]) -> dict[str, Any]:
    """Lookup tables keyed by normalized name, of plain values (marshal's), so the on-disk cache stores them ready to
    use."""
    ev: dict[str, tuple[int, str]] = {}
    for i, e in enumerate(compiled["entries"]):
        ev.setdefault(normalize_key(e["term"]), (i, "exact"))
        for a in (*(e.get("aliases") or ()), *(e.get("trade_names") or ())):
            ev.setdefault(normalize_key(a), (i, "alias"))
    la_index: dict[str, int] = {}
    for i, la in enumerate(compiled["lookalikes"]):
        for n in (la["term"], *(la.get("aliases") or ())):
            la_index.setdefault(normalize_key(n), i)
    vocab: dict[str, str] = {}
    for name, synonyms, _src in compiled["vocab"]:
        vocab.setdefault(normalize_key(name), name)
        for syn in synonyms:
            vocab.setdefault(normalize_key(syn), name)
    for name, inci, _kind, _src in compiled.get("variants", ()):  # "Vegetable Glycerin" -> Glycerin
        vocab.setdefault(normalize_key(name), inci)
    for e in compiled["entries"]:  # EV terms and look-alikes are known INCI names too
        vocab.setdefault(normalize_key(e["term"]), e["term"])
    for la in compiled["lookalikes"]:
        vocab.setdefault(normalize_key(la["term"]), la["term"])
    compact: dict[str, str] = {}
    for k, name in vocab.items():
        compact.setdefault(compact_key(k), name)
    from exolabel.lexicon.inventory import word_casing  # (compile time only)

    casing = word_casing(name for name, _synonyms, _src in compiled["vocab"])
    plants = {normalize_key(n): normalize_key(b) for n, b, _k, _s in compiled.get("plants", ())}
    entries = [_entry_fields(e) for e in compiled["entries"]]
    heads = sorted(compiled["heads"], key=lambda h: h["priority"])  # as Lexicon.heads
    head_groups = PhraseGroups(frozenset(p for p in h["phrases"] if p) for h in heads).state()
    cue_groups = PhraseGroups(frozenset(p for p in c["words"] if p) for c in compiled["cues"]).state()
    return {
        "ev": ev, "lookalike": la_index, "vocab": vocab, "compact": compact, "casing": casing, "plants": plants,
        "entries": entries, "head_groups": head_groups, "cue_groups": cue_groups,
    }  # fmt: skip


def _entry_fields(e: Mapping[str, Any]) -> tuple[Any, ...]:
    """An EV-family entry of the compiled data as the fields of :class:`Entry`, in order."""
    lists = (tuple(e.get(k) or ()) for k in ("aliases", "trade_names", "sources"))
    return (e["id"], e["term"], e["category"], e["origin"], e.get("detail"), *lists, e.get("note"), e.get("threshold"))


def load_lexicon(extra: Iterable[str | Path] = (), *, inventory: bool = True) -> Lexicon:
    """Load and validate the built-in lexicon plus ``extra`` user files or directories; with ``inventory`` (the
    default) every CosIng INCI name is known too (see :mod:`exolabel.lexicon.inventory`)."""
    from exolabel.lexicon.inventory import default_inventory

    return Lexicon(load_compiled(tuple(extra)), default_inventory() if inventory else None)
