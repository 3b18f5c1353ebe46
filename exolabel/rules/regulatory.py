"""Regulatory rules: ingredients the EU does not permit for this product type, and mandatory EU label warnings."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import hits_of, named


def eu_severity(ctx: Context, when_eu: Severity, when_unknown: Severity) -> Severity | None:
    """EU rules: ``when_eu`` if the EU is a market, ``when_unknown`` if no market is known, else no finding."""
    if "eu" in ctx.markets:
        return when_eu
    return None if ctx.markets else when_unknown


def _prohibited(rule: Rule, ctx: Context) -> Iterator[Finding]:
    sev = eu_severity(ctx, Severity.ERROR, Severity.WARNING)
    if sev is None:
        return
    market = "" if ctx.markets else " (no market given: this matters if it is sold in the EU)"
    for s, h in hits_of(ctx):
        irr, alg = h.irritant, h.allergen
        if irr is not None and irr.eu_prohibited(ctx.product_type):
            yield rule.finding(
                f"{named(s)}: not permitted in EU {ctx.product_type} cosmetics ({irr.eu[ctx.product_type]}){market}",
                s,
                severity=sev,
                sources=irr.sources,
            )
        elif alg is not None and alg.status == "prohibited":
            yield rule.finding(
                f"{named(s)}: prohibited in EU cosmetics (Annex {alg.annex}){market}",
                s,
                severity=sev,
                sources=alg.sources,
            )


def _label_warning(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if eu_severity(ctx, rule.severity, rule.severity) is None:
        return
    printed = None
    for s, h in hits_of(ctx):
        irr = h.irritant
        if irr is None or not irr.label_warning:
            continue
        if printed is None:  # worked out for the labels that need it only
            printed = " ".join((ctx.label.product or "", *ctx.label.claims)).casefold()
        if irr.label_warning.casefold() in printed:
            continue
        if ctx.terse:
            yield rule.counted(s)
            continue
        yield rule.finding(
            f"{named(s)}: EU labels must carry the warning '{irr.label_warning}' above the regulation's "
            "concentration threshold; check the pack",
            s,
            sources=irr.sources,
        )


PROHIBITED = Rule(
    code="RG01",
    name="regulatory.eu-prohibited",
    severity=Severity.ERROR,
    summary="An ingredient the EU prohibits in cosmetics, or in this product type (leave-on / rinse-off).",
    doc=(
        "Some preservatives and fragrance chemicals are banned from EU cosmetics outright (formaldehyde, "
        "Quaternium-15, HICC, Butylphenyl Methylpropional 'Lilial') or from leave-on products "
        "(Methylisothiazolinone, MCI/MI). A product sold in the EU with one of them is not compliant: an error "
        "when the market is the EU, a warning when no market is known, and nothing for other markets."
    ),
    examples=(
        Example("Aqua, Glycerin, Methylisothiazolinone", bad=True, markets=("eu",)),
        Example("Aqua, Glycerin, Butylphenyl Methylpropional", bad=True),
        Example("Aqua, Glycerin, Methylisothiazolinone", bad=False, markets=("us",)),
        Example("Aqua, Glycerin, Phenoxyethanol", bad=False, markets=("eu",)),
    ),
    sources=("reg-1223-2009", "cosing-annex-ii", "cosing-annex-v"),
    check=_prohibited,
    needs=frozenset({facts.EU_PROHIBITED}),
)

LABEL_WARNING = Rule(
    code="RG02",
    name="regulatory.eu-label-warning",
    severity=Severity.INFO,
    summary="An ingredient whose presence requires a warning on EU labels ('releases formaldehyde', vitamin A).",
    doc=(
        "EU law attaches mandatory label wording to some ingredients above a concentration threshold: 'releases "
        "formaldehyde' for formaldehyde releasers (Reg. (EU) 2022/1181), the vitamin A intake warning for retinol "
        "and its esters (Reg. (EU) 2024/996). The ingredient list cannot show the concentration, so this is a "
        "reminder to check the pack; it stays quiet when the label file's claims or product text carry the wording."
    ),
    examples=(
        Example("Aqua, Glycerin, DMDM Hydantoin", bad=True),
        Example(
            "Aqua, Glycerin, DMDM Hydantoin", bad=False, claims=("Contains DMDM Hydantoin. Releases formaldehyde.",)
        ),
        Example("Aqua, Glycerin, DMDM Hydantoin", bad=False, markets=("us",)),
    ),
    sources=("eu-2022-1181", "eu-2024-996"),
    check=_label_warning,
    needs=frozenset({facts.IRRITANT_LABEL_WARNING}),
)

RULES = (PROHIBITED, LABEL_WARNING)
