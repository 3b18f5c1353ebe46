"""The pipeline: tokenize -> match -> rules -> Report. Holds the loaded lexicon and its memos."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from exolabel.lexicon import Lexicon, load_lexicon
from exolabel.match import Matcher
from exolabel.model import PRODUCT_TYPES, Ingredient, LabelInfo, Report
from exolabel.rules import Context, Selection, run_rules
from exolabel.tokenize import Tokenizer

DEFAULT_PRODUCT_TYPE = "leave-on"
_UNLOADED = object()
_NO_LABEL = LabelInfo()


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
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else load_lexicon(extra_lexicon)
        self.tokenizer = Tokenizer(self.lexicon, max_ingredients=max_ingredients)
        self.matcher = Matcher(self.lexicon)
        self.selection = selection or Selection()
        if product_type is not None and product_type not in PRODUCT_TYPES:
            raise ValueError(f"product type must be one of {', '.join(PRODUCT_TYPES)}, not {product_type!r}")
        self.product_type = product_type
        self.markets = tuple(m.casefold() for m in markets)
        self.extra_rule_data = tuple(extra_rule_data)  # user rule list files: they extend the built-in lists
        self._rule_data: object | None = _UNLOADED

    @property
    def rule_data(self) -> object | None:
        if self._rule_data is _UNLOADED:
            from exolabel.rules.data import load_rule_data  # lazily: scans that never need it stay fast

            self._rule_data = load_rule_data(self.extra_rule_data)
        return self._rule_data

    def scan(self, text: str, label: LabelInfo | None = None, source: str | None = None) -> Report:
        return self._finish(self.tokenizer.tokenize(text), label, source)

    def scan_many(self, items: Sequence[tuple[str, LabelInfo | None, str | None]]) -> list[Report]:
        """Scan many labels: tokenize all, resolve their unknown names with batched fuzzy calls, then match.

        Gives the same reports as :meth:`scan` on each item; used by catalogue scans.
        """
        tokens = [self.tokenizer.tokenize(text) for text, _label, _source in items]
        self.matcher.prefetch(i.key for ings in tokens for i in ings)  # aliases are rare: looked up when met
        return [self._finish(ings, label, source) for ings, (_t, label, source) in zip(tokens, items, strict=True)]

    def _finish(self, tokens: Iterable[Ingredient], label: LabelInfo | None, source: str | None) -> Report:
        label = label or _NO_LABEL
        one = self.matcher.scan_ingredient
        ingredients = tuple([one(i) for i in tokens])
        product_type = self.product_type or label.product_type or DEFAULT_PRODUCT_TYPE
        markets = (
            tuple(dict.fromkeys((*self.markets, *(m.casefold() for m in label.markets))))
            if label.markets
            else self.markets
        )
        ctx = Context(ingredients, label, product_type, markets, self.rule_data, self.lexicon)
        return Report(source, label, ingredients, run_rules(ctx, self.selection))
