"""The pipeline: tokenize -> match -> rules -> Report. Holds the loaded lexicon and its memos."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from exolabel.lexicon import Lexicon, load_lexicon
from exolabel.match import Matcher
from exolabel.model import (
    PRODUCT_TYPES,
    Ingredient,
    LabelInfo,
    Report,
    ScannedIngredient,
    make_ingredient,
    make_scanned,
)
from exolabel.rules import Context, Selection, run_rules
from exolabel.rules.ruledata import NO_HITS, Hits
from exolabel.textprep import to_input_span
from exolabel.tokenize import Split, Tokenizer

DEFAULT_PRODUCT_TYPE = "leave-on"
_UNLOADED = object()
_NO_LABEL = LabelInfo()
# A remembered one-line piece: (parsed name, its offset in the piece, its length, matches, known name, correction,
# look-alike id, rule-list hits or None); _SKIP for a blank piece.
_Piece = tuple[Any, ...]
_SKIP: _Piece = ()


class Scanner:
    """Scans labels with one lexicon and one rule selection. Reuse it: it memoizes per ingredient name.

    With ``max_ingredients`` set, ``scan`` raises :class:`exolabel.tokenize.TooManyIngredients` for a text with
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
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon(extra_lexicon)
        self.tokenizer = Tokenizer(self.lexicon, max_ingredients=max_ingredients, fast=fast)
        self.matcher = Matcher(self.lexicon)
        self.selection = selection or Selection()
        if product_type is not None and product_type not in PRODUCT_TYPES:
            raise ValueError(f"product type must be one of {', '.join(PRODUCT_TYPES)}, not {product_type!r}")
        self.product_type = product_type
        self.markets = tuple(m.casefold() for m in markets)
        self.extra_rule_data = tuple(extra_rule_data)  # user rule list files: they extend the built-in lists
        self._rule_data: object | None = _UNLOADED
        # one-line pieces as written -> everything a ScannedIngredient and the list rules need (bounded memo)
        self.fast = fast
        self._pieces: dict[str, _Piece] = {}
        self._pieces_size = 200_000

    @property
    def rule_data(self) -> object | None:
        if self._rule_data is _UNLOADED:
            from exolabel.rules.data import load_rule_data  # lazily: scans that never need it stay fast

            self._rule_data = load_rule_data(self.extra_rule_data)
        return self._rule_data

    def scan(self, text: str, label: LabelInfo | None = None, source: str | None = None) -> Report:
        split = self.tokenizer.split(text)
        if split.parts is not None and self.fast:
            entries = list(map(self._pieces.get, split.parts))
            if None not in entries:
                return self._from_pieces(text, split, entries, label, source)
            report = self._finish(self.tokenizer.tokens(text, split), label, source)
            self._learn(split.parts)
            return report
        return self._finish(self.tokenizer.tokens(text, split), label, source)

    def scan_many(self, items: Sequence[tuple[str, LabelInfo | None, str | None]]) -> list[Report]:
        """Scan many labels: tokenize all, resolve their unknown names with batched fuzzy calls, then match.

        Gives the same reports as :meth:`scan` on each item; used by catalogue scans.
        """
        tk = self.tokenizer
        splits = [tk.split(text) for text, _label, _source in items]
        known = [
            (list(map(self._pieces.get, sp.parts)) if sp.parts is not None and self.fast else None) for sp in splits
        ]
        tokens = [
            None if entries is not None and None not in entries else tk.tokens(text, sp)
            for (text, _l, _s), sp, entries in zip(items, splits, known, strict=True)
        ]
        self.matcher.prefetch(i.key for ings in tokens if ings is not None for i in ings)  # aliases: looked up when met
        out = []
        for (text, label, source), sp, entries, ings in zip(items, splits, known, tokens, strict=True):
            if ings is None:
                out.append(self._from_pieces(text, sp, entries or [], label, source))
            else:
                out.append(self._finish(ings, label, source))
                if sp.parts is not None and self.fast:
                    self._learn(sp.parts)
        return out

    def _finish(self, tokens: Iterable[Ingredient], label: LabelInfo | None, source: str | None) -> Report:
        one = self.matcher.scan_ingredient
        ingredients = tuple([one(i) for i in tokens])
        data = self.rule_data
        hits = data.label_hits(ingredients) if data is not None else None  # what every list rule looks at
        return self._report(ingredients, hits, None, label, source)

    def _report(
        self,
        ingredients: tuple[ScannedIngredient, ...],
        hits: tuple[tuple[ScannedIngredient, Hits], ...] | None,
        ev: tuple[ScannedIngredient, ...] | None,
        label: LabelInfo | None,
        source: str | None,
    ) -> Report:
        label = label or _NO_LABEL
        product_type = self.product_type or label.product_type or DEFAULT_PRODUCT_TYPE
        markets = (
            tuple(dict.fromkeys((*self.markets, *(m.casefold() for m in label.markets))))
            if label.markets
            else self.markets
        )
        ctx = Context(ingredients, label, product_type, markets, self.rule_data, self.lexicon, hits)
        if ev is not None:
            ctx.__dict__["ev"] = ev  # Context.ev is a cached property: this is its value, worked out already
        return Report(source, label, ingredients, run_rules(ctx, self.selection))

    # -- the per-piece memo -------------------------------------------------------------------------
    def _from_pieces(
        self, text: str, split: Split, entries: list[_Piece | None], label: LabelInfo | None, source: str | None
    ) -> Report:
        """A one-line label whose every piece is in ``_pieces``: no tokenizing, matching or list lookup left."""
        omap = split.omap
        out: list[ScannedIngredient] = []
        hits: list[tuple[ScannedIngredient, Hits]] = []
        ev: list[ScannedIngredient] = []
        start = 0
        for part, e in zip(split.parts or (), entries, strict=True):
            if e is _SKIP:
                start += len(part) + 1
                continue
            parsed, lead, size, matches, known, correction, lookalike, hit = e  # type: ignore[misc]
            a = start + lead
            if omap is None:
                ing = make_ingredient(len(out), text[a : a + size], (a, a + size), parsed, False)
            else:
                span = to_input_span(omap, a, a + size)
                ing = make_ingredient(len(out), text[span[0] : span[1]], span, parsed, False)
            s = make_scanned(ing, matches, known, correction, lookalike)
            out.append(s)
            if hit is not None:
                hits.append((s, hit))
            if matches:
                ev.append(s)
            start += len(part) + 1
        data = self.rule_data
        return self._report(tuple(out), tuple(hits) if data is not None else None, tuple(ev), label, source)

    def _learn(self, parts: list[str]) -> None:
        """Remember what each piece the tokenizer took as it is comes to (blank pieces come to nothing)."""
        pieces = self._pieces
        data = self.rule_data
        for part in parts:
            if part in pieces:
                continue
            if not part or part.isspace():
                entry: _Piece = _SKIP
            else:
                plain = self.tokenizer.plain(part)
                if plain is None:
                    continue
                parsed = plain[0]
                found = self.matcher.result(parsed)
                hit = None
                if data is not None:
                    h = data.hits(make_scanned(make_ingredient(0, "", (0, 0), parsed, False), *found))
                    hit = None if h is NO_HITS else h
                entry = (*plain, *found, hit)
            if len(pieces) >= self._pieces_size:
                pieces.clear()
            pieces[part] = entry
