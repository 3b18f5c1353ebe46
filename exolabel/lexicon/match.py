"""Identify ingredients: exact and alias lookup, then head-noun patterns, then rapidfuzz.

Order of evidence, strongest first:
1. exact term or alias of an EV-family entry (``exact`` / ``alias``);
2. a look-alike (lecithin, hydrolysate, ferment filtrate...) vetoes EV matching outright;
3. a known INCI name (vocabulary) is recognized; head-noun patterns still classify it ("... Callus Lysate");
4. for unknown names, head-noun patterns (``pattern``) with the origin read from the whole name;
5. otherwise rapidfuzz ``ratio`` against every known name at once (vocabulary, EV terms and look-alikes): the
   argmax wins, so "Bifida Ferment Filtrate" never becomes "... Lysate". Numbers must agree whole
   ("Oligopeptide-177" is not "Oligopeptide-1"). A fuzzy hit is reported as such, with its score.

Results are memoized per normalized key; rapidfuzz is imported only when a name is unknown.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any, NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.make import make_scanned
from exolabel._fast.memo import MATCH_BYTES, MATCH_ENTRY, NAMES, Memo
from exolabel.lexicon import Lexicon
from exolabel.lexicon.inventory import Inventory, signature, title_inci
from exolabel.lexicon.origin import read_origin
from exolabel.lexicon.repair import head_word_readings, ocr_readings, swapped_starts
from exolabel.lexicon.words import key_words
from exolabel.model import SPECIES, VESICLE_CATEGORIES, Correction, Ingredient, Match, ParsedName, ScannedIngredient
from exolabel.tokenizer.names import compact_key, digits_of, normalize_key
from exolabel.tokenizer.piece import without_groups

DEFAULT_CUTOFF = 88.0
_WORD_SPLIT = lazy_pattern(r"[ /]+")
MIN_FUZZY_LEN = 5
MIN_SUBSTITUTION_LEN = 7  # shorter names are one letter off too many others to guess ("biotin", "lysine")
MAX_SWAP_LEN = 120  # names up to this long are tried with a word's first two letters swapped (one try per word)
_INVENTORY = -1  # a fuzzy candidate from the CosIng inventory, not from the curated choices


class KeyResult(NamedTuple):
    """What matching one name key found: EV-family matches, the known name, a typo correction, a look-alike, and the
    name a fuzzy match was made against."""

    matches: tuple[Match, ...] = ()
    known: str | None = None
    correction: Correction | None = None
    lookalike: str | None = None
    choice: str = ""  # a fuzzy match: the normalized name it was made against


class MatchResult(NamedTuple):
    """What the matcher says of one parsed name: the fields of a ScannedIngredient beyond its Ingredient."""

    matches: tuple[Match, ...]
    known: str | None
    correction: Correction | None
    lookalike: str | None


_EMPTY = KeyResult()
_UNSEEN = object()


class Matcher:
    """Matches normalized ingredient keys against a :class:`Lexicon`. Keeps a bounded memo."""

    def __init__(self, lexicon: Lexicon, cutoff: float = DEFAULT_CUTOFF, memo_size: int = NAMES) -> None:
        self.lex = lexicon
        self.cutoff = cutoff
        self._memo: Memo[str, KeyResult] = Memo(memo_size, MATCH_BYTES, MATCH_ENTRY)
        self._choices: list[str] | None = None
        self._choice_kind: list[tuple[str, Any]] = []
        self._rf: Any = None
        self._name_patterns: dict[str, Any] = {}  # known name -> its head-noun matches (bounded by the vocabulary)
        self._head_words: frozenset[str] | None = None  # the words of the head-noun phrases

    # -- public -------------------------------------------------------------------------------------
    def scan_ingredient(self, ing: Ingredient) -> ScannedIngredient:
        return make_scanned(ing, *self.result(ing.parsed))

    def result(self, parsed: ParsedName) -> MatchResult:
        """What a ScannedIngredient holds beyond its Ingredient, for a parsed name."""
        res = self._memo.get(parsed.key) or self.lookup(parsed.key)
        if parsed.aliases and res.matches and res.matches[0].category in VESICLE_CATEGORIES:
            res = self._declared(parsed.aliases) or res
        if res is _EMPTY and parsed.aliases:
            for alias in parsed.aliases:  # "Lactis Proteinum (Milk Protein)": the alias may be the known name
                alt = _with_or_without_groups(alias, self.lookup)
                if alt is not _EMPTY:
                    res = alt
                    break
        readings: list[str] = []
        if res is _EMPTY and parsed.common_name:  # "Amur Cork Tree (Phellodendron Amurense) Bark Extract"
            from exolabel.lexicon.species import bracket_readings  # (as read_species: names no vocabulary knows)

            readings = bracket_readings(parsed.name, parsed.common_name, self.lex.plant_genus)
            for reading in readings:
                res = self.lookup(normalize_key(reading))
                if res is not _EMPTY:
                    break
        if res is _EMPTY and parsed.name and len(parsed.name) <= MAX_SWAP_LEN:
            ocr_key = "\x00" + parsed.name  # what OCR may have garbled: read from the name as written
            res = self._memo.get(ocr_key) or self._memo.put(ocr_key, self._ocr(parsed.name))
        if res is _EMPTY and self.lex.inventory is not None:  # "Rosa Damascena": a species, its part not named
            for key in (parsed.key, *map(normalize_key, readings[:1])):
                species_key = "\x01" + key
                res = self._memo.get(species_key) or self._memo.put(species_key, self._species(key))
                if res is not _EMPTY:
                    break
        correction = res.correction
        if correction is None and res.known and "ocr" in parsed.markers:
            correction = Correction(res.known, 100.0, "ocr")
        return MatchResult(res.matches, res.known, correction, res.lookalike)

    def _declared(self, aliases: tuple[str, ...]) -> KeyResult | None:
        """For a vesicle name with a name in brackets ("Rose Exosomes (Rosa Damascena Flower Extract)", "Exosome
        (Malus Domestica Fruit Cell Culture Extract)"): the bracketed name when it is a known INCI name, exactly as
        written, that names no vesicles. That is the ingredient the label declares; the vesicle name over it is a
        trade name. None when no bracketed name is such a name."""
        for alias in aliases:
            alt = self.lookup(normalize_key(alias))
            if alt.known and alt.correction is None and not any(m.category in VESICLE_CATEGORIES for m in alt.matches):
                return alt
        return None

    def preload(self) -> None:
        """Import rapidfuzz, build the fuzzy-matching index, read the CosIng inventory and build the lexicon's phrase
        indexes now instead of at the first unknown name."""
        self._ensure_choices()
        for index in (*(h.pattern for h in self.lex.heads), *(c.pattern for c in self.lex.cues)):
            index.words  # noqa: B018 - builds the index (exolabel.lexicon.words.PhraseIndex)
        if self.lex.inventory is not None:
            self.lex.inventory.preload()

    def lookup(self, key: str) -> KeyResult:
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        res = self._lookup(key)
        self._memo.put(key, res)
        return res

    # -- internals ----------------------------------------------------------------------------------
    def _lookup(self, key: str, fuzzy: bool = True) -> KeyResult:
        if not key:
            return _EMPTY
        lex = self.lex
        ev = lex.ev_index.get(key)
        if ev is not None:
            return KeyResult((self._entry_match(ev[0], ev[1], 100.0),), known=lex.entries[ev[0]].term)
        la = lex.lookalike_index.get(key)
        if la is not None:
            return KeyResult(known=lex.canonical(key) or lex.lookalikes[la].term, lookalike=lex.lookalikes[la].id)
        known = lex.canonical(key)
        if known is not None:
            known_key = normalize_key(known)
            ev = lex.ev_index.get(known_key)
            if ev is not None:
                return KeyResult((self._entry_match(ev[0], "alias", 100.0),), known=known)
            # a spelling that reads as a look-alike's name ("Hydrogenated-Lecithin", "HydrogenatedLecithin") is it
            la = lex.lookalike_index.get(known_key)
            if la is not None:
                return KeyResult(known=known, lookalike=lex.lookalikes[la].id)
            return KeyResult(self._pattern(key) or (), known=known)
        if fuzzy and len(key) >= MIN_FUZZY_LEN:
            res = self._fuzzy(key)  # a typo of a known name beats a head-noun guess on the misspelled name
            if res is not _EMPTY:
                return res
        pattern = self._pattern(key)
        if pattern:
            if fuzzy and len(key) <= MAX_SWAP_LEN:  # "Apple Stem Cell Conditioned Medai": the typo hid the first head
                repaired = self._head_typo(key, pattern[0].id)
                if repaired is not _EMPTY:
                    return repaired
            return KeyResult(pattern)
        if fuzzy and len(key) <= MAX_SWAP_LEN:
            return self._head_typo(key)
        return _EMPTY

    def _ocr(self, name: str) -> KeyResult:
        """The one reading of an OCR-garbled ``name`` that is a known name or classifies by its head noun, shown as
        an OCR correction; _EMPTY when none or several fit."""
        found: dict[tuple[str | None, str], tuple[KeyResult, str]] = {}
        for tier in ocr_readings(name):  # fewest confusions first: the first tier with a fit decides
            for reading in tier:
                res = _with_or_without_groups(reading, lambda key: self._lookup(key, fuzzy=False))
                if res is not _EMPTY:
                    found.setdefault((res.known, res.matches[0].term if res.matches else ""), (res, reading))
            if found:
                break
        if len(found) != 1:
            return _EMPTY
        res, reading = next(iter(found.values()))
        correction = Correction(res.known or title_inci(reading, self.lex.casing), 100.0, "ocr")
        return KeyResult(res.matches, res.known, correction, res.lookalike)

    def _species(self, key: str) -> KeyResult:
        """A name no vocabulary knows read as a plant species CosIng knows, without the part of the plant
        (:func:`exolabel.lexicon.species.read_species`): shown as a reading of the species (method ``species``),
        never as one of its INCI names."""
        from exolabel.lexicon.species import read_species

        inv, lex = self.lex.inventory, self.lex
        found = read_species(key, inv, lex.plant_genus, lex.casing) if inv else None
        binomial = lex.with_binomial(key) if inv and found is None else None  # "Lavender", "Liquorice Extract"
        found = read_species(binomial, inv, lex.plant_genus, lex.casing) if inv and binomial else found
        if found is None:
            return _EMPTY
        return KeyResult(correction=Correction(found.name, 100.0, SPECIES))

    def _head_typo(self, key: str, found: str | None = None) -> KeyResult:
        """A name outside every vocabulary whose head noun has a typo ("calus culture extract"): classified by the
        head noun it was meant to have, shown as a fuzzy correction with its score. ``found``: the head the name as
        written already has; the repaired name is kept only when its head comes first in the heads' priority order
        ("stem cell conditioned medai": conditioned media, not the stem cell of a plant cell culture)."""
        if self._head_words is None:
            self._head_words = frozenset(w for h in self.lex.heads for w in h.pattern.words)
        self._ensure_choices()
        fixed = head_word_readings(key, self._head_words, self._rf.distance.OSA.distance, self._head_words.__contains__)
        if fixed is None:
            return _EMPTY
        pattern = self._pattern(fixed)
        if not pattern:
            return _EMPTY
        if found is not None and not self._head_rank(pattern[0].id) < self._head_rank(found):
            return _EMPTY
        score = float(self._rf.fuzz.ratio(key, fixed))
        return KeyResult(
            pattern, correction=Correction(title_inci(fixed, self.lex.casing), score, "fuzzy"), choice=fixed
        )

    def _head_rank(self, head_id: str) -> int:
        """A head's place in the priority order (``Lexicon.heads`` is sorted by it)."""
        return next(i for i, h in enumerate(self.lex.heads) if h.id == head_id)

    def _entry_match(self, idx: int, method: str, score: float) -> Match:
        e = self.lex.entries[idx]
        return Match(e.id, e.term, e.category, e.origin, e.detail, score, method, e.sources, e.note)

    def _pattern(self, key: str) -> tuple[Match, ...] | None:
        lex = self.lex
        words = key_words(key)
        found = lex.head_groups.first(key, words)  # the first head in priority order with a phrase in the key
        if found is None:
            return None
        head, m = lex.heads[found[0]], found[1]
        origin, detail = read_origin(lex, key, m.start(), words)
        category = head.by_origin.get(origin, head.category)
        term = title_inci(key, lex.casing)  # as scans spell names: "PEG-8 Stem Cell Exosomes", not "Peg-8"
        return (Match(head.id, term, category, origin, detail, 100.0, "pattern", head.sources, head.note),)

    def _ensure_choices(self) -> None:
        if self._choices is not None:
            return
        import rapidfuzz  # lazily: only runs that meet an unknown name pay for the import

        self._rf = rapidfuzz
        choices: list[str] = []
        kinds: list[tuple[str, Any]] = []
        seen: set[str] = set()
        for i, e in enumerate(self.lex.entries):
            for n in (e.term, *e.aliases):
                k = normalize_key(n)
                if len(k) >= MIN_FUZZY_LEN and k not in seen:
                    seen.add(k)
                    choices.append(k)
                    kinds.append(("ev", i))
        for i, la in enumerate(self.lex.lookalikes):
            for n in (la.term, *la.aliases):
                k = normalize_key(n)
                if len(k) >= MIN_FUZZY_LEN and k not in seen:
                    seen.add(k)
                    choices.append(k)
                    kinds.append(("la", i))
        for k, name in self.lex.vocab.items():
            if len(k) >= MIN_FUZZY_LEN and k not in seen:
                seen.add(k)
                choices.append(k)
                kinds.append(("vocab", name))
        self._choices = choices
        self._choice_kind = kinds
        # what _resolve_fuzzy compares per candidate, worked out once per name
        self._choice_digits = [digits_of(c) for c in choices]
        self._choice_words = [_WORD_SPLIT.split(c) for c in choices]
        # A typo keeps the first letter of each word (see _typo_like), so only names that start with the
        # same letter can win, so an unknown name is scored against its letter's group only. Each group is
        # sorted by length, so only the names whose length can reach the cutoff are scored (see _fuzzy).
        by_first: dict[str, tuple[list[str], list[int], list[int]]] = {}
        for j in sorted(range(len(choices)), key=lambda j: (choices[j][0], len(choices[j]), j)):
            c = choices[j]
            names, idx, lengths = by_first.setdefault(c[0], ([], [], []))
            names.append(c)
            idx.append(j)
            lengths.append(len(c))
        self._by_first = by_first

    def _fuzzy(self, key: str) -> KeyResult:
        self._ensure_choices()
        cands = self._curated_candidates(key, key[0])
        res = self._resolve_fuzzy(key, cands) if cands else _EMPTY
        inv = self.lex.inventory
        if inv is not None and (res is _EMPTY or self._rf.distance.OSA.distance(key, res.choice) > 1):
            # every CosIng name with the same word count and initials (what a typo keeps); a curated name one edit
            # away is taken as it is (only the exact name is closer; on a tie the curated spelling wins)
            cands.extend(self._inventory_candidates(inv, key, signature(key)))
            res = self._resolve_fuzzy(key, cands)
        if res is _EMPTY and len(key) <= MAX_SWAP_LEN:  # a word's first two letters swapped ("Abies iSbirica")
            cands = []
            for swapped in swapped_starts(key):  # (the curated names are CosIng names too, bar a few)
                if inv is not None:
                    cands.extend(self._inventory_candidates(inv, key, signature(swapped)))
            res = self._resolve_fuzzy(key, cands) if cands else _EMPTY
        if res is _EMPTY and len(key) >= MIN_SUBSTITUTION_LEN and 100.0 * (1.0 - 1.0 / len(key)) < self.cutoff:
            res = self._one_letter_off(key)
        return res

    def _one_letter_off(self, key: str) -> KeyResult:
        """A short name one letter off a known name of its length ("arganine" -> arginine, "cerbomer" -> carbomer):
        ``ratio`` counts a substituted letter as two edits, so below nine letters it scores one under the cutoff.
        Taken only when exactly one known name (curated or CosIng, same first letter, same length) is one letter
        off or two adjacent letters swapped away, and it passes the same checks as any fuzzy hit (numbers, typo
        shape); two such names ("retinal" between retinol and retinyl...) leave the name unrecognized."""
        rf, n = self._rf, len(key)
        found: dict[str, tuple[str, float, int]] = {}
        group = self._by_first.get(key[0])
        if group is not None:
            names, idx, lengths = group
            lo = bisect_left(lengths, n)
            close = rf.process.extract(
                key, names[lo : bisect_right(lengths, n)], scorer=rf.distance.OSA.distance, score_cutoff=1, limit=None
            )
            for name, _d, j in close:
                found.setdefault(compact_key(name), (name, float(rf.fuzz.ratio(key, name)), idx[lo + j]))
        inv = self.lex.inventory
        if inv is not None:
            same = inv.same_signature(signature(key), n, n)
            for name, _d, _j in rf.process.extract(
                key, same, scorer=rf.distance.OSA.distance, score_cutoff=1, limit=None
            ):
                found.setdefault(compact_key(name), (name, float(rf.fuzz.ratio(key, name)), _INVENTORY))
        return self._resolve_fuzzy(key, list(found.values())) if len(found) == 1 else _EMPTY

    def _band(self, n: int) -> tuple[int, int]:
        """The lengths a name must have to reach the cutoff against a key of length ``n``: ratio = 100 * (1 - indel /
        (la + lb)) and indel >= |la - lb|, so a name whose length differs by more than d * (la + lb), d = 1 - cutoff
        / 100, scores under the cutoff whatever its letters (one more each side)."""
        d = 1.0 - self.cutoff / 100.0
        return int(n * (1.0 - d) / (1.0 + d)) - 1, int(n * (1.0 + d) / (1.0 - d)) + 1

    def _curated_candidates(self, key: str, first: str) -> list[tuple[str, float, int]]:
        """The curated names (vocabulary, EV terms, look-alikes) starting with ``first`` that reach the cutoff."""
        group = self._by_first.get(first)
        if group is None:
            return []
        names, idx, lengths = group
        shortest, longest = self._band(len(key))
        lo = bisect_left(lengths, shortest)
        hi = bisect_right(lengths, longest)
        if lo >= hi:
            return []
        rf = self._rf
        # every name at or over the cutoff (no limit: which names a limit keeps would depend on the order)
        found = rf.process.extract(key, names[lo:hi], scorer=rf.fuzz.ratio, score_cutoff=self.cutoff, limit=None)
        return [(c, float(sc), idx[lo + j]) for c, sc, j in found]

    def _inventory_candidates(self, inv: Inventory, key: str, sig: str) -> list[tuple[str, float, int]]:
        names = inv.same_signature(sig, *self._band(len(key)))
        if not names:
            return []
        rf = self._rf
        found = rf.process.extract(key, names, scorer=rf.fuzz.ratio, score_cutoff=self.cutoff, limit=None)
        return [(c, float(sc), _INVENTORY) for c, sc, _ in found]

    def _typo_like(self, key: str, choice: str, a: list[str], b: list[str]) -> bool:
        """Does ``key`` differ from ``choice`` the way a typo does, not the way a different ingredient does?

        Word by word: the same number of words, and each differing word within two edits of its counterpart (a
        swap of two adjacent letters is one) and starting with the same letter or with its first two letters
        swapped ("niacinimide"/"niacinamide", "linalol"/"linalool", "isbirica"/"sibirica"). A missing or
        extra space is a typo only if the names are one edit apart without spaces. This refuses "potassium
        nitrate" -> "... citrate", "sodium metaphosphate" -> "... hexametaphosphate", "fruit water" ->
        "fruit extract" and "... seedcake" -> "... seed cera", which ``ratio`` alone would accept.
        ``a`` and ``b`` are their words (split on spaces and slashes), worked out once by the caller.
        """
        osa = self._rf.distance.OSA.distance  # Levenshtein, with a swap of two adjacent letters as one edit
        if len(a) != len(b):
            return osa(compact_key(key), compact_key(choice)) <= 1
        for x, y in zip(a, b, strict=True):
            if x == y:
                continue
            if x[:1] != y[:1] and not (x[1:2] == y[:1] and x[:1] == y[1:2]):  # "isbirica": the first two swapped
                return False
            if osa(x, y) > (1 if min(len(x), len(y)) < 5 else 2):
                return False
        return True

    def _resolve_fuzzy(self, key: str, cands: list[tuple[str, float, int]]) -> KeyResult:
        digits = digits_of(key)
        words = _WORD_SPLIT.split(key)
        # best score first; on a tie the curated name (its spelling and synonyms) before the inventory's
        order = sorted(cands, key=lambda c: (-c[1], c[0], c[2] < 0)) if len(cands) > 1 else cands
        for choice, score, j in order:
            if j == _INVENTORY:
                if digits_of(choice) != digits or not self._typo_like(key, choice, words, _WORD_SPLIT.split(choice)):
                    continue
                inv = self.lex.inventory
                name = (inv.name_of(choice, self.lex.casing) if inv is not None else None) or choice
                return self._known_fuzzy(name, score, choice)
            if self._choice_digits[j] != digits:
                continue  # numbers match whole: "oligopeptide-177" is not "oligopeptide-1"
            if not self._typo_like(key, choice, words, self._choice_words[j]):
                continue
            kind, ref = self._choice_kind[j]
            if kind == "ev":
                e = self.lex.entries[ref]
                if e.threshold is not None and score < e.threshold:
                    continue
                match = self._entry_match(ref, "fuzzy", score)
                return KeyResult((match,), correction=Correction(e.term, score, "fuzzy"), choice=choice)
            if kind == "la":
                la = self.lex.lookalikes[ref]
                return KeyResult(correction=Correction(la.term, score, "fuzzy"), lookalike=la.id, choice=choice)
            return self._known_fuzzy(str(ref), score, choice)
        return _EMPTY  # (a compact-spelling hit never gets here: Lexicon.canonical already tried it)

    def _known_fuzzy(self, name: str, score: float, choice: str) -> KeyResult:
        """A typo of the known name ``name`` (``choice``: its normalized form): the correction, and the EV-family
        match its name gives."""
        correction = Correction(name, score, "fuzzy")
        ev = self.lex.ev_index.get(choice)
        if ev is not None:
            return KeyResult((self._entry_match(ev[0], "fuzzy", score),), correction=correction, choice=choice)
        pattern = self._name_patterns.get(name, _UNSEEN)
        if pattern is _UNSEEN:  # a known name's head-noun pattern, worked out once per name
            pattern = self._name_patterns[name] = self._pattern(normalize_key(name))
        return KeyResult(pattern or (), correction=correction, choice=choice)


def _with_or_without_groups(name: str, look: Callable[[str], KeyResult]) -> KeyResult:
    """``look`` of the key of ``name`` as written, or, when that finds nothing and ``name`` has brackets, of its key
    without its innermost bracket groups, as the vocabulary keys a name with a common name inside ("Butyrospermum
    Parkii (Shea) Butter", "Zingiber Officinale (Ginger) Root Extract")."""
    res = look(normalize_key(name))
    if res is _EMPTY and "(" in name:
        res = look(normalize_key(without_groups(name)))
    return res
