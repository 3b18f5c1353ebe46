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

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, NamedTuple

from exolabel._fast.make import make_scanned
from exolabel._fast.memo import NAMES, Memo
from exolabel.lexicon import Lexicon
from exolabel.lexicon.origin import read_origin
from exolabel.model import Correction, Ingredient, Match, ParsedName, ScannedIngredient
from exolabel.tokenizer.names import compact_key, digits_of, normalize_key

DEFAULT_CUTOFF = 88.0
_WORD_SPLIT = re.compile(r"[ /]+")
MIN_FUZZY_LEN = 5


@dataclass(frozen=True, slots=True)
class KeyResult:
    matches: tuple[Match, ...] = ()
    known: str | None = None
    correction: Correction | None = None
    lookalike: str | None = None


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
        self._memo: Memo[str, KeyResult] = Memo(memo_size)
        self._choices: list[str] | None = None
        self._choice_kind: list[tuple[str, Any]] = []
        self._rf: Any = None
        self._name_patterns: dict[str, Any] = {}  # known name -> its head-noun matches (bounded by the vocabulary)

    # -- public -------------------------------------------------------------------------------------
    def scan_ingredient(self, ing: Ingredient) -> ScannedIngredient:
        return make_scanned(ing, *self.result(ing.parsed))

    def result(self, parsed: ParsedName) -> MatchResult:
        """What a ScannedIngredient holds beyond its Ingredient, for a parsed name."""
        res = self._memo.get(parsed.key) or self.lookup(parsed.key)
        if res is _EMPTY and parsed.aliases:
            for alias in parsed.aliases:  # "Lactis Proteinum (Milk Protein)": the alias may be the known name
                alt = self.lookup(normalize_key(alias))
                if alt is not _EMPTY:
                    res = alt
                    break
        correction = res.correction
        if correction is None and res.known and "ocr" in parsed.markers:
            correction = Correction(res.known, 100.0, "ocr")
        return MatchResult(res.matches, res.known, correction, res.lookalike)

    def preload(self) -> None:
        """Import rapidfuzz and build the fuzzy-matching index now instead of at the first unknown name."""
        self._ensure_choices()

    def lookup(self, key: str) -> KeyResult:
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        res = self._lookup(key)
        self._memo.put(key, res)
        return res

    # -- internals ----------------------------------------------------------------------------------
    def _lookup(self, key: str) -> KeyResult:
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
            ev = lex.ev_index.get(normalize_key(known))
            if ev is not None:
                return KeyResult((self._entry_match(ev[0], "alias", 100.0),), known=known)
            return KeyResult(self._pattern(key) or (), known=known)
        if len(key) >= MIN_FUZZY_LEN:
            res = self._fuzzy(key)  # a typo of a known name beats a head-noun guess on the misspelled name
            if res is not _EMPTY:
                return res
        pattern = self._pattern(key)
        return KeyResult(pattern) if pattern else _EMPTY

    def _entry_match(self, idx: int, method: str, score: float) -> Match:
        e = self.lex.entries[idx]
        return Match(e.id, e.term, e.category, e.origin, e.detail, score, method, e.sources, e.note)

    def _pattern(self, key: str) -> tuple[Match, ...] | None:
        lex = self.lex
        if not lex.has_head(key):
            return None
        for head in lex.heads:  # sorted by priority: the first head found wins
            m = head.pattern.search(key)
            if m is None:
                continue
            origin, detail = read_origin(lex, key, m.start())
            category = head.by_origin.get(origin, head.category)
            term = key.title()
            return (Match(head.id, term, category, origin, detail, 100.0, "pattern", head.sources, head.note),)
        return None

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
        group = self._by_first.get(key[0])
        if group is None:
            return _EMPTY
        names, idx, lengths = group
        # ratio = 100 * (1 - indel / (la + lb)) and indel >= |la - lb|: a name whose length differs by more than
        # d * (la + lb), d = 1 - cutoff / 100, scores under the cutoff whatever its letters (one more each side)
        n = len(key)
        d = 1.0 - self.cutoff / 100.0
        lo = bisect_left(lengths, int(n * (1.0 - d) / (1.0 + d)) - 1)
        hi = bisect_right(lengths, int(n * (1.0 + d) / (1.0 - d)) + 1)
        if lo >= hi:
            return _EMPTY
        rf = self._rf
        # every name at or over the cutoff (no limit: which names a limit keeps would depend on the order)
        found = rf.process.extract(key, names[lo:hi], scorer=rf.fuzz.ratio, score_cutoff=self.cutoff, limit=None)
        return self._resolve_fuzzy(key, [(c, float(sc), idx[lo + j]) for c, sc, j in found])

    def _typo_like(self, key: str, choice: str, a: list[str], b: list[str]) -> bool:
        """Does ``key`` differ from ``choice`` the way a typo does, not the way a different ingredient does?

        Word by word: the same number of words, and each differing word within two edits of its counterpart
        and starting with the same letter ("niacinimide"/"niacinamide", "linalol"/"linalool"). A missing or
        extra space is a typo only if the names are one edit apart without spaces. This refuses "potassium
        nitrate" -> "... citrate", "sodium metaphosphate" -> "... hexametaphosphate", "fruit water" ->
        "fruit extract" and "... seedcake" -> "... seed cera", which ``ratio`` alone would accept.
        ``a`` and ``b`` are their words (split on spaces and slashes), worked out once by the caller.
        """
        lev = self._rf.distance.Levenshtein.distance
        if len(a) != len(b):
            return lev(compact_key(key), compact_key(choice)) <= 1
        for x, y in zip(a, b, strict=True):
            if x == y:
                continue
            if x[:1] != y[:1] or lev(x, y) > (1 if min(len(x), len(y)) < 5 else 2):
                return False
        return True

    def _resolve_fuzzy(self, key: str, cands: list[tuple[str, float, int]]) -> KeyResult:
        digits = digits_of(key)
        words = _WORD_SPLIT.split(key)
        for choice, score, j in sorted(cands, key=lambda c: (-c[1], c[0])) if len(cands) > 1 else cands:
            if self._choice_digits[j] != digits:
                continue  # numbers match whole: "oligopeptide-177" is not "oligopeptide-1"
            if not self._typo_like(key, choice, words, self._choice_words[j]):
                continue
            kind, ref = self._choice_kind[j]
            if kind == "ev":
                e = self.lex.entries[ref]
                if e.threshold is not None and score < e.threshold:
                    continue
                return KeyResult(
                    (self._entry_match(ref, "fuzzy", score),), correction=Correction(e.term, score, "fuzzy")
                )
            if kind == "la":
                la = self.lex.lookalikes[ref]
                return KeyResult(correction=Correction(la.term, score, "fuzzy"), lookalike=la.id)
            name = str(ref)
            pattern = self._name_patterns.get(name, _UNSEEN)
            if pattern is _UNSEEN:  # a known name's head-noun pattern, worked out once per name
                pattern = self._name_patterns[name] = self._pattern(normalize_key(name))
            return KeyResult(pattern or (), correction=Correction(name, score, "fuzzy"))
        return _EMPTY  # (a compact-spelling hit never gets here: Lexicon.canonical already tried it)
