"""The pipeline: tokenize -> match -> rules -> Report. Holds the loaded lexicon and its memos."""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from exolabel._fast.make import make_scanned, make_scanned_at
from exolabel._fast.memo import NAMES, PIECE_BYTES, PIECE_ENTRY, Memo
from exolabel.lexicon import Lexicon, load_lexicon
from exolabel.lexicon.match import Matcher
from exolabel.model import (
    PRODUCT_TYPES,
    Correction,
    Finding,
    Ingredient,
    LabelInfo,
    Match,
    ParsedName,
    Report,
    ScannedIngredient,
    Section,
)
from exolabel.rules import Selection, run_rules
from exolabel.rules.base import Context, make_context
from exolabel.rules.lists import NO_HITS, Hits
from exolabel.tokenizer.core import Split, Tokenizer, ingredient_at
from exolabel.tokenizer.mask import in_regions
from exolabel.tokenizer.names import normalize_key
from exolabel.tokenizer.sections import Heading, kit_sections

DEFAULT_PRODUCT_TYPE = "leave-on"
# Entries per memo (pieces, parsed names, matched names); see exolabel._fast.memo
DEFAULT_MEMO_SIZE = NAMES
_UNLOADED = object()
_NO_LABEL = LabelInfo()
# what a remembered piece is for the lists the rules read (Context.ev, .corrected, .unrecognized); 0: none of them
_EV, _EV_CORRECTED, _CORRECTED, _UNRECOGNIZED = 1, 2, 3, 4


class MemoPiece(NamedTuple):
    """What the Scanner remembers of one list piece as written (with its blanks): everything its ingredient, the
    per-label lists and the list rules need, so a label whose pieces are all known needs no tokenizing or matching.
    """

    step: int  # the piece's length + 1 for the separator after it
    lead: int  # where the name starts in the piece
    size: int  # the name's length
    parsed: ParsedName | None  # None: a piece with nothing in it ("Aqua, , Glycerin")
    matches: tuple[Match, ...]
    known: str | None
    correction: Correction | None
    lookalike: str | None
    hits: Hits | None  # rule-list hits; None when the lists say nothing
    kind: int  # _EV, _EV_CORRECTED, _CORRECTED, _UNRECOGNIZED or 0
    quiet: bool  # an ingredient no rule list, lexicon list or correction says anything about (kind 0, no hits)


def _blank(part: str) -> MemoPiece:
    return MemoPiece(len(part) + 1, 0, 0, None, (), None, None, None, None, 0, False)


class Brief(NamedTuple):
    """What a catalogue row needs of a label's scan (:meth:`Scanner.brief`): the same findings as its Report (without
    sources and, but for what a row names of a warning or an error, without messages: see ``Context.terse``), the
    number of ingredients,
    the EV-family and unrecognized ingredients in label order, and a kit's sections."""

    count: int
    ev: tuple[ScannedIngredient, ...]
    unrecognized: tuple[ScannedIngredient, ...]
    findings: tuple[Finding, ...]
    sections: tuple[Section, ...] = ()

    @classmethod
    def of(cls, report: Report) -> "Brief":
        ings = report.ingredients
        unrecognized = tuple(s for s in ings if not s.recognized)
        return cls(len(ings), report.ev_ingredients, unrecognized, report.findings, report.sections)


def _kind(matches: tuple[Any, ...], known: str | None, correction: Any, lookalike: str | None) -> int:
    if matches:
        return _EV if correction is None else _EV_CORRECTED
    if correction is not None:
        return _CORRECTED
    return 0 if known or lookalike else _UNRECOGNIZED


class Scanner:
    """Scans labels with one lexicon and one rule selection. Reuse it: it memoizes per ingredient name.

    With ``max_ingredients`` set, ``scan`` raises :class:`exolabel.tokenizer.core.TooManyIngredients` for a text with
    more ingredients (checked after the linear separator pass), so one pasted catalogue cannot take minutes.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        extra_lexicon: Iterable[str | Path] = (),
        selection: Selection | None = None,
        product_type: str | None = None,
        markets: Iterable[str] = (),
        extra_rule_data: Iterable[str | Path] = (),
        max_ingredients: int | None = None,
        fast: bool = True,
        memo_size: int = DEFAULT_MEMO_SIZE,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon(extra_lexicon)
        self.tokenizer = Tokenizer(self.lexicon, memo_size=memo_size, max_ingredients=max_ingredients)
        self.matcher = Matcher(self.lexicon, memo_size=memo_size)
        self.selection = selection or Selection()
        if product_type is not None and product_type not in PRODUCT_TYPES:
            raise ValueError(f"product type must be one of {', '.join(PRODUCT_TYPES)}, not {product_type!r}")
        self.product_type = product_type
        self.markets = tuple(m.casefold() for m in markets)
        self.extra_rule_data = tuple(extra_rule_data)  # user rule list files: they extend the built-in lists
        self._rule_data: object | None = _UNLOADED
        # pieces as written -> everything a ScannedIngredient and the list rules need (bounded memo)
        self.fast = fast
        self._pieces: Memo[str, MemoPiece] = Memo(memo_size, PIECE_BYTES, PIECE_ENTRY)

    @property
    def rule_data(self) -> object | None:
        if self._rule_data is _UNLOADED:
            from exolabel.rules.loader import load_rule_data  # lazily: scans that never need it stay fast

            self._rule_data = load_rule_data(self.extra_rule_data)
        return self._rule_data

    def preload(self) -> "Scanner":
        """Load now what the first labels would otherwise load on the way (the rule lists, the fuzzy-matching index,
        the claim words, the regular expressions of the modules loaded), for a server's first request, a batch
        parent about to fork its workers (they share what it loaded), or a benchmark that times labels, not loading."""
        from exolabel._fast.lazy import compile_all, compile_loaded
        from exolabel.lexicon.quality import form_words
        from exolabel.tokenizer.claims import claim_words
        from exolabel.tokenizer.drugfacts import patterns as drug_facts_patterns

        rule_data = self.rule_data
        if rule_data is not None:
            rule_data.preload()  # type: ignore[attr-defined]
        self.matcher.preload()
        compile_all(opener for _mark, opener in claim_words().openers)
        form_words()  # the tables read at the first label that needs them: the Drug Facts headings and purposes too
        compile_all(drug_facts_patterns())
        compile_loaded()
        return self

    def memos(self) -> list[Memo[Any, Any]]:
        """The byte-bounded memos this scanner fills, the pieces memo first, then parsed names, name runs, matches,
        CosIng lookups, rule-list hits, and the process's lookup keys and finding names (shared by every scanner of
        the process): what a batch worker's memory grows by (see ``exolabel._fast.memo.share_among_workers``)."""
        from exolabel.rules.common import _named

        memos: list[Memo[Any, Any]] = [self._pieces, self.tokenizer._memo, self.tokenizer._runs, self.matcher._memo]
        memos.append(self.lexicon._inventory_seen)
        data = self._rule_data
        if data is not _UNLOADED and data is not None:
            memos.append(data._memo)  # type: ignore[attr-defined]
        return [*memos, normalize_key.memo, _named.memo]  # type: ignore[attr-defined]

    def scan(self, text: str, label: LabelInfo | None = None, source: str | None = None) -> Report:
        return self._scan(text, label, source, False)  # type: ignore[return-value]

    def brief(self, text: str, label: LabelInfo | None = None, source: str | None = None) -> Brief:
        """``Brief.of(self.scan(text, label, source))``, without building the ingredients nothing is said about.

        From the memo, only the ingredients a rule list, the lexicon or the typo corrector has something on become
        objects (about 5 of 26 on a typical label); the rules read those (hits, EV-family, corrected,
        unrecognized), so the findings are the same (tests compare the two on every path). For catalogues.
        """
        return self._scan(text, label, source, True)  # type: ignore[return-value]

    def brief_many(self, jobs: Sequence[tuple[str, LabelInfo | None, str | None]]) -> list[Brief | Exception]:
        """``[self.brief(text, label, source) for text, label, source in jobs]``, with the exception a label raises in
        its place, worked out stage by stage: every label is cut, then the new pieces of every label are worked out
        (in label order), then each label's ingredients and findings, so one stage's code and tables are used label
        after label. The Briefs are the same as one at a time (tests); a batch worker gives a few dozen labels."""
        staged: list[tuple[Split, list[MemoPiece | None] | None] | Exception] = []
        for text, _label, _source in jobs:
            try:
                staged.append((self.tokenizer.split(text), None))
            except Exception as e:  # (reported with its label, as brief would raise it)
                staged.append(e)
        if self.fast:
            for i, done in enumerate(staged):
                if not isinstance(done, Exception):
                    try:
                        staged[i] = (done[0], self._entries(done[0]))
                    except Exception as e:
                        staged[i] = e
        out: list[Brief | Exception] = []
        for (text, label, source), done in zip(jobs, staged, strict=True):
            if isinstance(done, Exception):
                out.append(done)
                continue
            try:
                out.append(self._scan(text, label, source, True, *done))  # type: ignore[arg-type]
            except Exception as e:
                out.append(e)
        return out

    def _entries(self, split: Split) -> list[MemoPiece | None]:
        """What the memo holds for each piece of ``split``, the new pieces worked out and remembered first (a piece
        that is not one plain ingredient stays None)."""
        entries = list(map(self._pieces.get, split.parts))
        # (a MemoPiece is a non-empty tuple: ``all`` finds a missing piece without comparing each to None)
        if not all(entries):  # work out the new pieces first: then the label comes from the memo like the rest
            self._first_seen(split.parts, entries)
        return entries

    def _scan(
        self,
        text: str,
        label: LabelInfo | None,
        source: str | None,
        brief: bool,
        split: Split | None = None,
        entries: list[MemoPiece | None] | None = None,
    ) -> Report | Brief:
        if split is None:
            split = self.tokenizer.split(text)
        if split.highlights:  # "Key ingredients: Exosomes, ..." beside the full list: what the label claims to hold
            label = with_claims(label, split.highlights)
        # a kit's several lists ("Cleanser: ... Serum: ..."), whose products the rules read apart
        heads = split.input_headings() if len(split.headings) >= 2 else None
        if self.fast:
            if entries is None:
                entries = self._entries(split)
            if all(entries):
                if not heads:
                    return self._from_memo(text, split, entries, label, source, brief)
                report = self._from_memo(text, split, entries, label, source, False, heads)  # sections need all
                return Brief.of(report) if brief else report  # type: ignore[arg-type]
        # a glued amount, or a piece the memo cannot hold ("(and)" blends, an amount on its own): the general path
        report = self._finish(self.tokenizer.tokens(text, split), label, source, heads)
        return Brief.of(report) if brief else report

    # -- the per-piece memo -------------------------------------------------------------------------
    def _from_memo(
        self,
        text: str,
        split: Split,
        entries: list[MemoPiece | None],
        label: LabelInfo | None,
        source: str | None,
        brief: bool = False,
        heads: list[Heading] | None = None,
    ) -> Report | Brief:
        """A label whose every piece is in the memo: no tokenizing, matching or list lookup left to do. ``brief``:
        only the ingredients some rule list or lexicon list takes in become objects (see :meth:`brief`)."""
        omap, regions = split.omap, split.may_regions
        has_regions = bool(regions)
        out: list[ScannedIngredient] = []
        hits: list[tuple[ScannedIngredient, Hits]] = []
        ev: list[ScannedIngredient] = []
        unrecognized: list[ScannedIngredient] = []
        corrected: list[ScannedIngredient] = []
        start = n = 0
        # every entry is a MemoPiece (none is None on this path)
        for e in entries:
            if brief and e.quiet:  # type: ignore[union-attr]
                start += e.step  # type: ignore[union-attr]
                n += 1  # nothing any rule reads: counted, not built (most pieces: read without unpacking)
                continue
            step, lead, size, parsed, matches, known, correction, lookalike, hit, kind, _ = e  # type: ignore[misc]
            if parsed is None:  # a blank piece
                start += step
                continue
            a = start + lead
            start += step
            may = has_regions and in_regions(regions, a)
            if omap is None:  # the input as prepared: offsets are the input's
                s = make_scanned_at(n, text, a, a + size, parsed, may, matches, known, correction, lookalike)
            else:
                ing = ingredient_at(n, text, omap, a, a + size, parsed, may)
                s = make_scanned(ing, matches, known, correction, lookalike)
            out.append(s)
            n += 1
            if hit is not None:
                hits.append((s, hit))
            if kind:
                if kind in (_EV, _EV_CORRECTED):
                    ev.append(s)
                if kind in (_CORRECTED, _EV_CORRECTED):
                    corrected.append(s)
                elif kind == _UNRECOGNIZED:
                    unrecognized.append(s)
        known = {"ev": tuple(ev), "unrecognized": tuple(unrecognized), "corrected": tuple(corrected)}
        list_hits = tuple(hits) if self.rule_data is not None else None
        if brief:
            # INFO findings only counted (a row prints none), unless an override may make one a warning
            terse = not self.selection.severities
            findings = run_rules(self._context(tuple(out), list_hits, known, label, terse=terse), self.selection)
            return Brief(n, known["ev"], known["unrecognized"], findings)
        return self._report(tuple(out), list_hits, known, label, source, heads)

    def _first_seen(self, parts: list[str], entries: list[MemoPiece | None]) -> None:
        """Fill in ``entries`` for the ``parts`` the memo did not know, and remember them. A piece the general path
        would not take as one plain ingredient stays None (the label then takes the general path)."""
        pieces = self._pieces
        for i, part in enumerate(parts):
            if entries[i] is not None:
                continue
            e = pieces.get(part)  # a new piece seen twice in one label
            if e is None:
                e = self._new_piece(part)
                if e is None:
                    continue
                pieces.put(part, e)
            entries[i] = e

    def _new_piece(self, part: str) -> MemoPiece | None:
        """Everything the memo keeps for a piece not seen before; None when it is not one plain ingredient."""
        stripped = part.strip()
        if not stripped:
            return _blank(part)  # nothing in it ("Aqua, , Glycerin")
        # the same name with other blanks around it ("Glycerin", " Glycerin "): all but the offsets is known
        twin = self._pieces.get(" " + stripped) or self._pieces.get(stripped)
        if twin is not None and twin.parsed is not None:
            return twin._replace(step=len(part) + 1, lead=len(part) - len(part.lstrip()))
        plain = self.tokenizer.plain_piece(part)
        if plain is None:
            return None
        parsed, lead, size = plain
        found = self.matcher.result(parsed)
        hit = None
        data = self.rule_data
        if data is not None:
            correction = found.correction
            h = data.hits_for(parsed, found.known, correction.name if correction is not None else None)
            hit = None if h is NO_HITS else h
        kind = _kind(*found)
        return MemoPiece(len(part) + 1, lead, size, parsed, *found, hit, kind, hit is None and not kind)

    def _finish(
        self, tokens: Sequence[Ingredient], label: LabelInfo | None, source: str | None, heads: list[Heading] | None
    ) -> Report:
        one = self.matcher.scan_ingredient
        ingredients = tuple([one(i) for i in tokens])
        data = self.rule_data
        hits = data.label_hits(ingredients) if data is not None else None  # what every list rule looks at
        return self._report(ingredients, hits, None, label, source, heads)

    def _report(
        self,
        ingredients: tuple[ScannedIngredient, ...],
        hits: tuple[tuple[ScannedIngredient, Hits], ...] | None,
        known: dict[str, tuple[ScannedIngredient, ...]] | None,
        label: LabelInfo | None,
        source: str | None,
        heads: list[Heading] | None = None,
    ) -> Report:
        """The Report; with a kit's ``heads``, its sections, which the rules see too (``Context.sections``)."""
        sections = kit_sections(heads, [s.ingredient for s in ingredients]) if heads else ()
        ctx = self._context(ingredients, hits, known, label, sections)
        return Report(source, ctx.label, ingredients, run_rules(ctx, self.selection), sections)

    def _context(
        self,
        ingredients: tuple[ScannedIngredient, ...],
        hits: tuple[tuple[ScannedIngredient, Hits], ...] | None,
        known: dict[str, tuple[ScannedIngredient, ...]] | None,
        label: LabelInfo | None,
        sections: tuple[Section, ...] = (),
        terse: bool = False,
    ) -> Context:
        label = label or _NO_LABEL
        product_type = self.product_type or label.product_type or DEFAULT_PRODUCT_TYPE
        markets = (
            tuple(dict.fromkeys((*self.markets, *(m.casefold() for m in label.markets))))
            if label.markets
            else self.markets
        )
        data, lexicon = self.rule_data, self.lexicon
        return make_context(ingredients, label, product_type, markets, data, lexicon, hits, known, sections, terse)


def with_claims(label: LabelInfo | None, claims: Sequence[str]) -> LabelInfo:
    """``label`` (or an empty one) with ``claims`` after its own, each claim once."""
    from dataclasses import replace

    base = label or _NO_LABEL
    new = tuple(c for c in dict.fromkeys(claims) if c not in base.claims)
    return replace(base, claims=(*base.claims, *new)) if new else base
