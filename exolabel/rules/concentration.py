"""Concentration rules: how much of the EV-family material is really there."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.source import category_words


def _undisclosed(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.ev:
        c = s.ingredient.concentration
        if c is not None and c.kind in ("percent", "ppm", "count", "mass"):
            continue
        m = s.matches[0]
        extra = ""
        if c is not None and c.kind == "marketing":
            extra = f" ('{c.text}' is a marketing number, not a concentration)"
        elif c is not None and c.kind == "raw_material":
            extra = f" ('{c.text}' is the strength of the raw material, not of the product)"
        yield rule.finding(
            f"'{s.ingredient.name}': no concentration disclosed for this {category_words(m.category)}{extra}", s
        )


UNDISCLOSED = Rule(
    code="CN01",
    name="concentration.undisclosed",
    severity=Severity.INFO,
    summary="No concentration is printed for an EV-family ingredient.",
    doc=(
        "Exosome and conditioned-media products are sold on the strength of their biological ingredient, but "
        "INCI lists only give the order of ingredients, not amounts. Without a percentage or a particle count "
        "per millilitre, a shopper cannot compare products or tell a meaningful dose from a trace. A label "
        "that prints one ('Human Fibroblast Conditioned Media (5%)') passes."
    ),
    examples=(
        Example("Water, Human Fibroblast Conditioned Media, Glycerin", bad=True),
        Example("Water, Human Fibroblast Conditioned Media (5%), Glycerin", bad=False),
    ),
    sources=("cosing",),
    check=_undisclosed,
)
