"""Supporting actives: well-evidenced ingredients that may be doing the work (``supporting_actives.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import hits_of, named


def _actives(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s, h in hits_of(ctx):
        a = h.active
        if a is not None and ctx.terse:
            yield rule.counted(s)
        elif a is not None:
            group = "" if a.group == "other" else f" ({a.group})"
            yield rule.finding(f"{named(s)}{group} may be doing the work: {a.evidence}", s, sources=a.sources)


ACTIVE = Rule(
    code="SP01",
    name="supporting.well-evidenced-active",
    severity=Severity.INFO,
    summary="A well-evidenced active (retinoid, niacinamide, vitamin C, peptide, ceramide, UV filter...).",
    doc=(
        "Exosome products often also contain actives with far better clinical evidence than the exosomes "
        "themselves: retinoids, niacinamide, vitamin C, peptides, ceramides, hyaluronic acid and sunscreen filters. "
        "Listing them shows a shopper what may really be doing the work, and a brand what its claims could rest on."
    ),
    examples=(
        Example("Water, Niacinamide, Exosomes", bad=True),
        Example("Water, Glycerin, Exosomes", bad=False),
    ),
    sources=("bissett-2005", "kafi-2007"),
    check=_actives,
    needs=frozenset({facts.ACTIVE}),
)

RULES = (ACTIVE,)
