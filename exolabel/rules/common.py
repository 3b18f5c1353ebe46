"""Helpers the rule modules share: list-data hits per ingredient, how a finding names an ingredient, label texts."""

from __future__ import annotations

from exolabel._fast.memo import NAMED_BYTES, NAMED_ENTRY, NAMES, memoized
from exolabel.model import Concentration, ScannedIngredient, section_at
from exolabel.rules.base import Context
from exolabel.rules.lists import Hits, lookup_keys
from exolabel.tokenizer.names import normalize_key


def list_hits(ctx: Context) -> tuple[tuple[ScannedIngredient, Hits], ...]:
    """(scanned ingredient, Hits) for the ingredients some rule list names, in label order."""
    return () if ctx.data is None else ctx.data.label_hits(ctx.ingredients)


def hits_of(ctx: Context) -> tuple[tuple[ScannedIngredient, Hits], ...]:
    """The rule-list hits of a label: computed once per label by ``run_rules``, or here when a rule runs alone."""
    return ctx.hits if ctx.hits is not None else list_hits(ctx)


def named(s: ScannedIngredient) -> str:
    """How a finding names the ingredient: as written, with the name it was recognized as when that differs."""
    parsed = s.ingredient.parsed
    return _named(parsed.name, s.known or (s.correction.name if s.correction else None), parsed.key)


@memoized(NAMES, NAMED_BYTES, NAMED_ENTRY)
def _named(written: str, canonical: str | None, key: str) -> str:
    if canonical is None or canonical.casefold() == written.casefold() or normalize_key(canonical) == key:
        return f"'{written}'"
    return f"'{written}' ({canonical})"


def label_texts(ctx: Context) -> list[tuple[int | None, str]]:
    """The product name (claim index None) and each claim (its index) of the label."""
    out: list[tuple[int | None, str]] = [(None, ctx.label.product)] if ctx.label.product else []
    out.extend((i, c) for i, c in enumerate(ctx.label.claims))
    return out


def amount_of(ctx: Context, s: ScannedIngredient) -> Concentration | None:
    """The amount printed next to the ingredient, else the one the label file's ``declared`` gives for it."""
    if s.ingredient.concentration is not None:
        return s.ingredient.concentration
    if not ctx.label.declared:
        return None
    keys = lookup_keys(s)
    for name, amount in ctx.label.declared:
        if normalize_key(name) in keys:
            return amount
    return None


def product_start(ctx: Context, index: int) -> int:
    """The index of the first ingredient of the kit product that holds ingredient ``index`` (0 for a label with one
    list): rules that compare an ingredient with the ones listed before it look no further back, since another
    product's list says nothing about this one's amounts."""
    if not ctx.sections:
        return 0
    s = section_at(ctx.sections, index)
    return 0 if s is None else s.first
