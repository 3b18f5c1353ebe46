"""Source rules: where the biological material in an EV-family ingredient comes from."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules.base import Context, Example, Rule

_CATEGORY_WORDS = {
    "exosome": "exosomes",
    "extracellular_vesicle": "extracellular vesicles",
    "plant_nanovesicle": "plant vesicles",
    "conditioned_media": "conditioned media",
    "plant_cell_culture": "cell-culture material",
    "lysate": "lysate",
    "growth_factor": "growth factor",
}


def category_words(category: str) -> str:
    return _CATEGORY_WORDS.get(category, category.replace("_", " "))


def _unspecified(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.ev:
        m = next((m for m in s.matches if m.origin == "unspecified"), None)
        if m is None:
            continue
        tissue = f" (tissue named: {m.detail})" if m.detail else ""
        yield rule.finding(
            f"'{s.ingredient.name}': {category_words(m.category)} with no species or source stated{tissue}; "
            "it could be human, animal, plant or microbial material",
            s,
            sources=m.sources,
        )


UNSPECIFIED = Rule(
    code="SR01",
    name="source.unspecified-origin",
    severity=Severity.WARNING,
    summary="An EV-family ingredient does not say what organism or tissue it comes from.",
    doc=(
        "INCI names of biological materials state their source first ('Human Fibroblast Conditioned Media', "
        "'Lactobacillus Extracellular Vesicles'). A bare 'Exosomes' or 'Stem Cell Conditioned Media' hides "
        "whether the material is human (prohibited in EU cosmetics), animal (allergy and TSE questions), plant "
        "or microbial, so a shopper cannot judge it and a regulator would ask. Ask the brand for the source."
    ),
    examples=(
        Example("Water, Exosomes, Glycerin", bad=True),
        Example("Water, Stem Cell Conditioned Media, Glycerin", bad=True),
        Example("Water, Lactobacillus Extracellular Vesicles, Glycerin", bad=False),
    ),
    sources=("cosing",),
    check=_unspecified,
)
