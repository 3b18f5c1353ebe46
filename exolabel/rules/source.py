"""Source rules: where the biological material in an EV-family ingredient comes from."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, Severity
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.lists import Market

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
        said = ctx.label.exosome_source
        if said is not None:  # the brand states the source outside the ingredient list: a note, not a warning
            what = said.origin + (f", {said.detail}" if said.detail else "")
            yield rule.finding(
                f"'{s.ingredient.name}': the INCI name gives no species or source{tissue}; the label file declares "
                f"it as {what}, which the ingredient list itself does not show",
                s,
                severity=Severity.INFO,
                sources=m.sources,
            )
            continue
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
    needs_ev=True,
)


def _markets(ctx: Context) -> list[Market]:
    data = ctx.data
    if data is None:
        return []
    return [data.markets[m] for m in ctx.markets if m in data.markets]


def _human(rule: Rule, ctx: Context) -> Iterator[Finding]:
    markets = _markets(ctx)
    banned = [m for m in markets if m.human_origin == "prohibited"]
    for s in ctx.ev:
        m = next((m for m in s.matches if m.origin == "human"), None)
        if m is None:
            continue
        what = f"{category_words(m.category)} from human {m.detail or 'cells or tissue'}"
        if markets:  # prohibiting markets first (they make it an error), then the others' positions as notes
            ordered = [*banned, *(b for b in markets if b not in banned)]
            notes = " ".join(f"{b.name} ({b.human_origin.replace('_', ' ')}): {b.human_origin_basis}" for b in ordered)
        else:
            ordered = []
            notes = "Prohibited in EU and UK cosmetics (Annex II entry 416, cells, tissues or products of human origin)"
        yield rule.finding(
            f"'{s.ingredient.name}': {what}. {notes}",
            s,
            severity=Severity.ERROR if banned or not markets else Severity.WARNING,
            sources=(*(src for b in ordered for src in b.sources), *rule.sources, *m.sources),
        )


def _animal_species_stated(ctx: Context, key: str) -> bool:
    lex = ctx.lexicon
    cues = getattr(lex, "cues", ())
    return any(c.kind == "species" and c.origin == "animal" and c.pattern.search(key) for c in cues)


def _animal(rule: Rule, ctx: Context) -> Iterator[Finding]:
    notes = getattr(ctx.data, "animal_notes", ())
    for s in ctx.ev:
        m = next((m for m in s.matches if m.origin == "animal"), None)
        if m is None:
            continue
        text = f"{s.ingredient.key} {m.detail or ''}"
        said = [n for n in notes if n.pattern.search(text)]
        parts = [f"'{s.ingredient.name}': animal-derived {category_words(m.category)}"]
        if _animal_species_stated(ctx, s.ingredient.key):
            sev = Severity.INFO
            parts[0] += f" ({m.detail})" if m.detail else ""
        else:
            sev = Severity.WARNING
            parts.append("the species is not stated")
        parts.extend(n.note for n in said)
        yield rule.finding(
            "; ".join(parts),
            s,
            severity=sev,
            sources=(*(x for n in said for x in n.sources), *rule.sources, *m.sources),
        )


def _recombinant(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.ev:
        m = next((m for m in s.matches if m.origin == "synthetic" and m.category == "growth_factor"), None)
        if m is None:
            continue
        yield rule.finding(
            f"'{s.ingredient.name}': a recombinant peptide ({m.detail or 'human-sequence growth factor'}) made by "
            "microorganisms or plants, not human cells or tissue; the EU ban on human-origin material does not apply",
            s,
            sources=m.sources,
        )


HUMAN = Rule(
    code="SR02",
    name="source.human-origin",
    severity=Severity.ERROR,
    summary="Human-derived cells, conditioned media or exosomes (prohibited in EU cosmetics).",
    doc=(
        "The EU Cosmetics Regulation prohibits 'cells, tissues or products of human origin' (Annex II entry 416), "
        "which covers human stem-cell conditioned media and human exosomes; Great Britain retains the same entry. "
        "Korea allows human cell culture media only under the MFDS safety standard; US cosmetic law has no such "
        "ban, but FDA has approved no exosome product and treats disease claims as drug claims. An error when no "
        "market is given (the EU and UK ban is a fact about the product) or when a market that prohibits it is "
        "given (--market eu); a warning, with each market's position, when only markets without a ban are given."
    ),
    examples=(
        Example("Water, Human Fibroblast Conditioned Media, Glycerin", bad=True, markets=("eu",)),
        Example("Water, Human Adipose Stem Cell Conditioned Media", bad=True, markets=("us", "kr")),
        Example("Water, sh-Oligopeptide-1, Glycerin", bad=False, markets=("eu",)),
        Example("Water, Lactobacillus Extracellular Vesicles", bad=False, markets=("eu",)),
    ),
    sources=("reg-1223-2009", "cosing-annex-ii"),
    check=_human,
    needs_ev=True,
)

ANIMAL = Rule(
    code="SR03",
    name="source.animal-origin",
    severity=Severity.WARNING,
    summary="Animal-derived EV-family material: species, dairy allergy and TSE notes.",
    doc=(
        "Exosomes and conditioned media from animals (milk, colostrum, deer antler, horse, pig, chicken cells) raise "
        "questions a shopper may care about: which species (a warning when the label does not say), whether milk "
        "proteins remain for someone with a cow's-milk allergy, and for cattle, sheep, goats and deer the TSE "
        "sourcing rules (US 21 CFR 700.27, EU Annex II/419). Vegans will also want to know."
    ),
    examples=(
        Example("Water, Milk Exosomes, Glycerin", bad=True),
        Example("Water, Bovine Colostrum Exosomes", bad=True),
        Example("Water, Rosa Damascena Callus Extracellular Vesicles", bad=False),
    ),
    sources=("fda-21cfr700-27", "cosing-annex-ii"),
    check=_animal,
    needs_ev=True,
)

RECOMBINANT = Rule(
    code="SR04",
    name="source.recombinant",
    severity=Severity.INFO,
    summary="An sh-/rh- recombinant growth-factor peptide: a human sequence, not human tissue.",
    doc=(
        "INCI names such as sh-Oligopeptide-1 (EGF) or sh-Polypeptide-1 (FGF) are 'synthetic human' peptides made "
        "by bacteria, yeast or plants from a human gene sequence. They are not cells, tissues or products of human "
        "origin, so the EU Annex II/416 ban does not apply; exolabel notes them so 'human growth factor' on a pack "
        "is not mistaken for human tissue."
    ),
    examples=(
        Example("Water, sh-Oligopeptide-1, Glycerin", bad=True),
        Example("Water, rh-Oligopeptide-1", bad=True),
        Example("Water, Human Fibroblast Conditioned Media", bad=False),
    ),
    sources=("altmeyer-sh-prefix", "reg-1223-2009"),
    check=_recombinant,
    needs_ev=True,
)

RULES = (UNSPECIFIED, HUMAN, ANIMAL, RECOMBINANT)
