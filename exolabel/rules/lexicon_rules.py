"""Lexicon rules: what the scanner guessed, and what it could not recognize."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules.base import Context, Example, Rule


def _corrected(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.corrected:
        c = s.correction
        if c is None:
            continue
        how = "an OCR-style digit/letter confusion" if c.method == "ocr" else f"a fuzzy match, score {c.score:.0f}"
        yield rule.finding(f"'{s.ingredient.name}' read as '{c.name}' ({how}); check the label", s)


def _unrecognized(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.unrecognized:
        yield rule.finding(f"'{s.ingredient.name}' is not a known INCI name or lexicon term", s)


CORRECTED = Rule(
    code="LX01",
    name="lexicon.typo-corrected",
    severity=Severity.INFO,
    summary="An ingredient was identified by typo or OCR correction, not by its exact name.",
    doc=(
        "Labels copied from web pages, photos or PDFs carry typos ('Niacinimide') and OCR confusions "
        "('Phenoxyethano1'). exolabel identifies them against its known-INCI vocabulary with a similarity "
        "score, and never presents the guess as fact: this finding shows what was read, what it was taken "
        "for and how sure the match is, so a shopper can check the pack and a brand can fix its label."
    ),
    examples=(
        Example("Aqua, Glycerin, Niacinimide, Phenoxyethanol", bad=True),
        Example("Aqua, Glycerin, Niacinamide, Phenoxyethanol", bad=False),
    ),
    sources=("cosing",),
    check=_corrected,
)

UNRECOGNIZED = Rule(
    code="LX02",
    name="lexicon.unrecognized",
    severity=Severity.INFO,
    summary="An ingredient is neither a known INCI name nor an EV-family term.",
    doc=(
        "An ingredient exolabel cannot identify is not checked by any other rule: it may be a trade name, a "
        "marketing phrase in the ingredient list, a translation or a heavy typo. Listing them keeps the "
        "verdict honest about what was and was not read. Add a vocabulary or lexicon file with --lexicon "
        "if the name is legitimate."
    ),
    examples=(
        Example("Aqua, Glycerin, Magic Youth Complex", bad=True),
        Example("Aqua, Glycerin, Panthenol", bad=False),
    ),
    sources=("cosing",),
    check=_unrecognized,
)
