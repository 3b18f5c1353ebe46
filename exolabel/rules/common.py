"""Helpers the rule modules share: list-data hits per ingredient, how a finding names an ingredient, label texts."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import ScannedIngredient
from exolabel.normalize import normalize_key
from exolabel.rules.base import Context
from exolabel.rules.ruledata import NO_HITS, Hits


def hits_of(ctx: Context) -> Iterator[tuple[ScannedIngredient, Hits]]:
    """(scanned ingredient, Hits) for every ingredient with a rule-list hit; nothing when no rule data is loaded."""
    data = ctx.data
    if data is None:
        return
    hits = ctx.hits if ctx.hits is not None else tuple(data.hits(s) for s in ctx.ingredients)
    for s, h in zip(ctx.ingredients, hits, strict=True):
        if h is not NO_HITS:
            yield s, h


def named(s: ScannedIngredient) -> str:
    """How a finding names the ingredient: as written, with the name it was recognized as when that differs."""
    written = s.ingredient.name
    canonical = s.known or (s.correction.name if s.correction else None)
    if canonical is None or canonical.casefold() == written.casefold() or normalize_key(canonical) == s.ingredient.key:
        return f"'{written}'"
    return f"'{written}' ({canonical})"


def label_texts(ctx: Context) -> list[tuple[int | None, str]]:
    """The product name (claim index None) and each claim (its index) of the label."""
    out: list[tuple[int | None, str]] = [(None, ctx.label.product)] if ctx.label.product else []
    out.extend((i, c) for i, c in enumerate(ctx.label.claims))
    return out
