"""Concentration rules: how much of the EV-family material is really there."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel._fast.lazy import lazy_pattern
from exolabel.model import Finding, ScannedIngredient, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import amount_of, hits_of, label_texts, product_start
from exolabel.rules.lists import Anchor
from exolabel.rules.source import category_words

_DISCLOSED = ("percent", "ppm", "count", "mass")
# the number starts where no digit precedes it, so a long digit run with no "%" is scanned once, not retried from
# every position (quadratic; benchmarks/bench_worst.py holds such inputs)
_PERCENT = lazy_pattern(r"(?<!\d)(\d+(?:[.,]\d+)?)\s*%")


def _undisclosed(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.ev:
        c = amount_of(ctx, s)
        if c is not None and c.kind in _DISCLOSED:
            continue
        m = s.matches[0]
        extra = ""
        if c is not None and c.kind == "marketing":
            extra = f" ('{c.text}' is a marketing number, not a concentration)"
        elif c is not None and c.kind == "raw_material":
            extra = f" ('{c.text}' is the strength of the raw material, not of the product)"
        yield rule.finding(f"'{s.ingredient.name}': {category_words(m.category)}, no concentration disclosed{extra}", s)


UNDISCLOSED = Rule(
    code="CN01",
    name="concentration.undisclosed",
    severity=Severity.INFO,
    summary="No concentration is printed for an EV-family ingredient.",
    doc=(
        "Exosome and conditioned-media products are sold on the strength of their biological ingredient, but "
        "INCI lists only give the order of ingredients, not amounts. Without a percentage or a particle count "
        "per millilitre, a shopper cannot compare products or tell a meaningful dose from a trace. A label "
        "that prints one ('Human Fibroblast Conditioned Media (5%)'), or a label file that declares one, passes."
    ),
    examples=(
        Example("Water, Human Fibroblast Conditioned Media, Glycerin", bad=True),
        Example("Water, Human Fibroblast Conditioned Media (5%), Glycerin", bad=False),
    ),
    sources=("cosing",),
    check=_undisclosed,
    needs_ev=True,
)


def disclosed(ctx: Context, s: ScannedIngredient) -> bool:
    c = amount_of(ctx, s)
    return c is not None and c.kind in _DISCLOSED


def _count(rule: Rule, ctx: Context) -> Iterator[Finding]:
    ch = ctx.label.characterization
    if ch is not None and ch.particles_per_ml:  # the label file gives the count per mL
        return
    for s in ctx.ev:
        c = amount_of(ctx, s)
        if c is None or c.kind != "count" or c.per:
            continue
        yield rule.finding(
            f"'{s.ingredient.name}': '{c.text}' is a particle count with no denominator (per mL, per vial, per use) "
            "and no total volume, so it cannot be compared with anything",
            s,
        )


def _name_number(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if any(disclosed(ctx, s) for s in ctx.ev):
        return
    if ctx.data is None:
        return
    for idx, text in label_texts(ctx):
        m = ctx.data.ev_number_in(text)
        if m is None:
            continue
        number = (m.group("a") or m.group("b")).strip()
        where = "product name" if idx is None else "claim"
        yield rule.finding(
            f"the {where} '{text}' puts '{number}' next to an exosome-type word, but no ingredient discloses a "
            "concentration: the number is not a disclosed amount",
            claim=idx,
        )


def anchored(ctx: Context) -> dict[int, tuple[ScannedIngredient, Anchor]]:
    """EV-family ingredient index -> the strongest anchor (lowest max_pct) listed before it in the same list (a
    kit's product: :func:`product_start`), if any."""
    if ctx.data is None or not ctx.ev:
        return {}
    anchors = [
        (s, h.anchor)
        for s, h in hits_of(ctx)
        if h.anchor is not None and (not h.anchor.product_types or ctx.product_type in h.anchor.product_types)
    ]
    out = {}
    for s in ctx.ev:
        i = s.ingredient.index
        first = product_start(ctx, i) if ctx.sections else 0
        before = [(a_s, a) for a_s, a in anchors if first <= a_s.ingredient.index < i]
        if before:
            out[s.ingredient.index] = min(before, key=lambda x: (x[1].max_pct, x[0].ingredient.index))
    return out


def _because(s: ScannedIngredient, anchor: tuple[ScannedIngredient, Anchor]) -> str:
    a_s, a = anchor
    return f"'{s.ingredient.name}' comes after '{a_s.ingredient.name}' ({a.basis})"


def _position(rule: Rule, ctx: Context) -> Iterator[Finding]:
    found = anchored(ctx)
    for s in ctx.ev:
        c = amount_of(ctx, s)
        if s.ingredient.index not in found or (c is not None and c.kind in ("percent", "ppm", "mass")):
            continue
        anchor = found[s.ingredient.index]
        yield rule.finding(
            f"{_because(s, anchor)}, so it is most likely under 1 %; ingredients above 1 % must be listed first, "
            "in descending order",
            s,
            sources=anchor[1].sources,
        )


def _percent(text: str) -> float | None:
    m = _PERCENT.search(text)
    if m is None:
        return None
    try:
        return float(m.group(1).replace(",", "."))
    except ValueError:
        return None


def _contradiction(rule: Rule, ctx: Context) -> Iterator[Finding]:
    found = anchored(ctx)
    if not found:
        return
    ev = [s for s in ctx.ev if s.ingredient.index in found]
    for s in ev:  # a percentage printed next to the ingredient itself, or declared for it in the label file
        c = amount_of(ctx, s)
        if c is not None and c.kind == "percent" and c.value is not None and c.value > 1:
            yield rule.finding(
                f"'{c.text}' is given for '{s.ingredient.name}', but {_because(s, found[s.ingredient.index])}: "
                "above 1 % it would have to be listed before it (or the figure is the raw material's strength)",
                s,
                sources=found[s.ingredient.index][1].sources,
            )
    for idx, text in label_texts(ctx):
        m = ctx.data.ev_number_in(text)
        number = (m.group("a") or m.group("b")) if m else ""
        value = _percent(number)
        if value is None or value <= 1 or not ev:
            continue
        s = ev[0]
        where = "product name" if idx is None else "claim"
        yield rule.finding(
            f"the {where} '{text}' says {number.strip()}, but {_because(s, found[s.ingredient.index])}, so the "
            "ingredient is most likely under 1 % of the product",
            s,
            claim=idx,
            sources=found[s.ingredient.index][1].sources,
        )


COUNT_WITHOUT_DENOMINATOR = Rule(
    code="CN02",
    name="concentration.count-without-denominator",
    severity=Severity.WARNING,
    summary="A particle count ('2 billion exosomes') with no per-mL / per-vial / per-use denominator.",
    doc=(
        "Particle counts sound precise, but '2 billion exosomes' means nothing without saying in how much product: "
        "per mL, per vial or per use, or the total volume. Particle counts also depend on the measuring method "
        "(MISEV2023), so even a complete figure is only comparable between products measured the same way."
    ),
    examples=(
        Example("Water, Lactobacillus Extracellular Vesicles (2 billion exosomes), Glycerin", bad=True),
        Example("Water, Lactobacillus Extracellular Vesicles (2 billion exosomes/mL), Glycerin", bad=False),
    ),
    sources=("misev-2023",),
    check=_count,
    needs_ev=True,
)

NAME_NUMBER = Rule(
    code="CN03",
    name="concentration.number-in-name",
    severity=Severity.WARNING,
    summary="A number next to 'exosome' in the product name or a claim is not a disclosed concentration.",
    doc=(
        "Names like 'Exosome Shot 2000' or 'Exosome 100,000 ppm' suggest a dose, but unless the ingredient list "
        "gives an amount for the EV-family ingredient, the number is marketing: it may be a particle count of a raw "
        "material, a product code, or nothing at all. Ask the brand what it measures, per how much product."
    ),
    examples=(
        Example("Water, Lactobacillus Extracellular Vesicles, Glycerin", bad=True, product="One Day Exosome Shot 2000"),
        Example("Water, Glycerin", bad=True, claims=("10,000 ppm exosomes",)),
        Example("Water, Lactobacillus Extracellular Vesicles (1%), Glycerin", bad=False, product="Exosome Shot 2000"),
        Example("Water, Lactobacillus Extracellular Vesicles, Glycerin", bad=False, product="Exosome Serum"),
    ),
    sources=("eu-2013-655",),
    check=_name_number,
    needs=frozenset({facts.LABEL_TEXT}),
)

POSITION = Rule(
    code="CN04",
    name="concentration.position-estimate",
    severity=Severity.INFO,
    summary="The EV-family ingredient comes after an ingredient used at or below 1 %, so it is most likely under 1 %.",
    doc=(
        "Ingredient lists give ingredients above 1 % in descending order; below 1 % the order is free (EU Reg. "
        "1223/2009 Art. 19(1)(g), 21 CFR 701.3). Preservatives such as phenoxyethanol (EU maximum 1 %), parabens, "
        "chelators and fragrance in skincare are almost always at or below 1 %, so an ingredient listed after one of "
        "them is most likely under 1 % too. The finding names the ingredient that anchors the estimate."
    ),
    examples=(
        Example("Water, Glycerin, Phenoxyethanol, Human Fibroblast Conditioned Media", bad=True),
        Example("Water, Human Fibroblast Conditioned Media, Glycerin, Phenoxyethanol", bad=False),
        Example("Water, Glycerin, Parfum, Lactobacillus Extracellular Vesicles", bad=False, product_type="rinse-off"),
        Example(
            "Cleanser: Water, Glycerin, Phenoxyethanol. Serum: Water, Human Fibroblast Conditioned Media, Glycerin",
            bad=False,
            note="a kit: the cleanser's preservative says nothing about the serum's amounts",
        ),
        Example(
            "Cleanser: Water, Glycerin. Serum: Water, Phenoxyethanol, Human Fibroblast Conditioned Media",
            bad=True,
            note="a kit: the serum's own preservative comes first",
        ),
    ),
    sources=("reg-1223-2009", "cosing-annex-v"),
    check=_position,
    needs_ev=True,
)

CONTRADICTION = Rule(
    code="CN05",
    name="concentration.order-contradiction",
    severity=Severity.WARNING,
    summary="A percentage above 1 % is claimed or printed for an EV-family ingredient listed after a <=1 % one.",
    doc=(
        "Ingredients above 1 % must come first, in descending order. When the pack says '10 % exosomes' or the "
        "list prints '(5%)' next to an ingredient that comes after phenoxyethanol (at most 1 % in the EU) or "
        "another ingredient that is almost always at or below 1 %, the two cannot both be true: either the list "
        "order is wrong, or the percentage is the strength of the raw material (a 5 % solution of vesicles), not "
        "of the product. Ask the brand which it is."
    ),
    examples=(
        Example(
            "Water, Glycerin, Phenoxyethanol, Lactobacillus Extracellular Vesicles", bad=True, claims=("10% exosomes",)
        ),
        Example("Water, Glycerin, Phenoxyethanol, Lactobacillus Extracellular Vesicles (5%)", bad=True),
        Example(
            "Water, Lactobacillus Extracellular Vesicles (5%), Glycerin, Phenoxyethanol",
            bad=False,
            claims=("5% exosomes",),
        ),
        Example("Water, Glycerin, Phenoxyethanol, Lactobacillus Extracellular Vesicles (0.5%)", bad=False),
        Example(
            "Toner: Water, Glycerin, Phenoxyethanol. "
            "Ampoule: Water, Lactobacillus Extracellular Vesicles (5%), Glycerin",
            bad=False,
            note="a kit: the ampoule's 5 % is not contradicted by the toner's list",
        ),
    ),
    sources=("reg-1223-2009", "eu-2013-655"),
    check=_contradiction,
    needs_ev=True,
)

RULES = (UNDISCLOSED, COUNT_WITHOUT_DENOMINATOR, NAME_NUMBER, POSITION, CONTRADICTION)
