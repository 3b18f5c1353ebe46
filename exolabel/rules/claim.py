"""Claim rules: what the product name and marketing claims say, checked against the ingredient list.

Claims come from ``LabelInfo.product`` and ``LabelInfo.claims`` (label files); their vocabulary is
``claims.yaml``. When phrases of two claim entries overlap in one text ("plant exosome" contains "exosome"), only
the longer, more specific one counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import VESICLE_CATEGORIES, Finding, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import label_texts
from exolabel.rules.lists import Claim
from exolabel.rules.source import category_words

_NOT_VESICLES = frozenset({"plant_cell_culture", "lysate"})


def claimed(ctx: Context, kind: str) -> Iterator[tuple[int | None, str, Claim, str]]:
    """(claim index, claim text, claim entry, matched phrase) for every claim of ``kind`` on the label."""
    for found in ctx.shared("claims", _all_claims):
        if found[2].kind == kind:
            yield found


def _all_claims(ctx: Context) -> list[tuple[int | None, str, Claim, str]]:
    """Every claim phrase on the label not inside a longer one, searched once per label for the claim rules."""
    out: list[tuple[int | None, str, Claim, str]] = []
    data = ctx.data
    if data is None:
        return out
    for idx, text in label_texts(ctx):
        hits = data.claims_in(text)
        for span, c, phrase in hits:
            inside = any(
                o is not c and o_span != span and o_span[0] <= span[0] and span[1] <= o_span[1] for o_span, o, _ in hits
            )
            if not inside:
                out.append((idx, text, c, phrase))
    return out


def _where(idx: int | None, text: str) -> str:
    return f"the product name '{text}'" if idx is None else f"the claim '{text}'"


def _present(ctx: Context) -> set[str]:
    return {m.category for s in ctx.ev for m in s.matches}


def _is_cell_culture_case(c: Claim, present: set[str]) -> bool:
    return set(c.requires) <= VESICLE_CATEGORIES and bool(present & _NOT_VESICLES) and not present & set(c.requires)


def _ev_unbacked(rule: Rule, ctx: Context) -> Iterator[Finding]:
    present = _present(ctx)
    for idx, text, c, phrase in claimed(ctx, "ev"):
        if present & set(c.requires) or _is_cell_culture_case(c, present):
            continue
        need = " or ".join(category_words(r) for r in c.requires)
        yield rule.finding(
            f"{_where(idx, text)} says '{phrase}', but no ingredient is {need}. {c.why}",
            claim=idx,
            sources=c.sources,
        )


def _plant_exosome(rule: Rule, ctx: Context) -> Iterator[Finding]:
    present = _present(ctx)
    for idx, text, c, phrase in claimed(ctx, "ev"):
        if not _is_cell_culture_case(c, present):
            continue
        what = next(s for s in ctx.ev if any(m.category in _NOT_VESICLES for m in s.matches))
        m = next(m for m in what.matches if m.category in _NOT_VESICLES)
        yield rule.finding(
            f"{_where(idx, text)} says '{phrase}', but '{what.ingredient.name}' is {category_words(m.category)}, "
            "not purified vesicles: an extract of cultured cells or a lysate is not an exosome preparation",
            what,
            claim=idx,
            sources=(*c.sources, *m.sources),
        )


def _vegan(rule: Rule, ctx: Context) -> Iterator[Finding]:
    bio = [(s, m) for s in ctx.ev for m in s.matches[:1] if m.origin in ("human", "animal")]
    if not bio:
        return
    for idx, text, c, phrase in claimed(ctx, "vegan"):
        for s, m in bio:
            yield rule.finding(
                f"{_where(idx, text)} says '{phrase}', but '{s.ingredient.name}' is {m.origin}-derived "
                f"{category_words(m.category)}",
                s,
                claim=idx,
                sources=c.sources,
            )


def _drug(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for idx, text, c, phrase in claimed(ctx, "drug"):
        yield rule.finding(f"{_where(idx, text)} uses '{phrase}', a drug claim. {c.why}", claim=idx, sources=c.sources)


EV_UNBACKED = Rule(
    code="CL01",
    name="claim.ev-unsubstantiated",
    severity=Severity.WARNING,
    summary="'Exosome', 'stem cell', 'EV' or 'growth factor' is claimed but no matching ingredient is listed.",
    doc=(
        "A claim must be backed by the product (EU Reg. (EU) No 655/2013: truthfulness, evidential support). An "
        "exosome claim needs an exosome or extracellular-vesicle ingredient, a growth-factor claim a growth-factor "
        "peptide or conditioned medium, a stem-cell claim at least a culture medium, cell-culture extract or lysate "
        "(cosmetics contain no living stem cells). PDRN, peptides and 'Radiansome'-style trade names back none."
    ),
    examples=(
        Example("Water, Sodium DNA, Glycerin", bad=True, product="PDRN Exosome Serum"),
        Example("Water, Glycerin", bad=True, claims=("with growth factors",)),
        Example("Water, Lactobacillus Extracellular Vesicles", bad=False, claims=("exosome serum",)),
        Example("Water, sh-Oligopeptide-1", bad=False, claims=("EGF growth factor",)),
    ),
    sources=("eu-2013-655", "misev-2023"),
    check=_ev_unbacked,
    needs=frozenset({facts.LABEL_TEXT}),
)

PLANT_EXOSOME = Rule(
    code="CL02",
    name="claim.plant-exosome-not-vesicle",
    severity=Severity.WARNING,
    summary="A (plant) exosome is claimed, but only a cell-culture extract or a lysate is listed.",
    doc=(
        "A plant cell-culture ('callus', 'meristem cell culture') extract or a ferment lysate is a broken-up culture, "
        "not an isolated vesicle fraction: MISEV2023 asks that 'exosome' be reserved for vesicles shown to be "
        "exosomes, and CosIng names plant vesicles '... Vesicles'. Calling such an extract a 'plant exosome' "
        "overstates what is in the bottle."
    ),
    examples=(
        Example("Water, Malus Domestica Fruit Cell Culture Extract", bad=True, claims=("apple plant exosomes",)),
        Example("Water, Bifida Ferment Lysate", bad=True, product="Exosome Essence"),
        Example("Water, Rosa Damascena Callus Extracellular Vesicles", bad=False, claims=("rose exosome",)),
    ),
    sources=("misev-2023", "eu-2013-655"),
    check=_plant_exosome,
    needs=frozenset({facts.LABEL_TEXT}),
    needs_ev=True,
)

VEGAN = Rule(
    code="CL03",
    name="claim.vegan-animal-material",
    severity=Severity.WARNING,
    summary="'Vegan' or 'cruelty-free' is claimed, but an EV-family ingredient is of human or animal origin.",
    doc=(
        "'Vegan' and 'cruelty-free' have no legal definition, but a claim must be truthful (EU Reg. (EU) No "
        "655/2013). Milk exosomes, deer-antler or horse conditioned media and human cell culture media come from "
        "animals or people, which contradicts a vegan or animal-free claim and makes a cruelty-free one doubtful."
    ),
    examples=(
        Example("Water, Milk Exosomes", bad=True, claims=("100% vegan",)),
        Example("Water, Human Fibroblast Conditioned Media", bad=True, claims=("cruelty-free",)),
        Example("Water, Lactobacillus Extracellular Vesicles", bad=False, claims=("vegan",)),
    ),
    sources=("eu-2013-655", "fda-cruelty-free"),
    check=_vegan,
    needs=frozenset({facts.LABEL_TEXT}),
    needs_ev=True,
)

DRUG = Rule(
    code="CL04",
    name="claim.drug-like",
    severity=Severity.WARNING,
    summary="A claim FDA treats as a drug claim (heals, treats eczema, regenerates tissue, hair regrowth...).",
    doc=(
        "Under the US FD&C Act, intended use decides whether a product is a cosmetic or a drug: claims to treat, "
        "cure or prevent disease, to regenerate cells or tissue, or to regrow hair make a cosmetic an unapproved "
        "drug, whatever its ingredients. FDA has warned exosome makers and cosmetic brands for exactly these "
        "claims, and says no exosome product is FDA-approved."
    ),
    examples=(
        Example("Water, Glycerin", bad=True, claims=("treats eczema",)),
        Example("Water, Glycerin", bad=True, product="Hair Regrowth Exosome Tonic"),
        Example("Water, Glycerin", bad=False, claims=("hydrating", "for dry skin")),
    ),
    sources=("fda-cosmetic-or-drug", "fda-exosome-2019"),
    check=_drug,
    needs=frozenset({facts.LABEL_TEXT}),
)


def _trade_name(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s, h in ctx.hits or ():
        c = h.trade
        if c is None:
            continue
        cats = [m.category for m in s.matches if m.category not in VESICLE_CATEGORIES]
        what = f"{category_words(cats[0])}, not purified vesicles" if cats else "not vesicles"
        yield rule.finding(
            f"'{s.ingredient.name}' is printed over '{s.known}', the INCI name the label declares: that is the "
            f"ingredient ({what}); '{s.ingredient.name}' is a trade name",
            s,
            sources=c.sources,
        )


TRADE_NAME = Rule(
    code="CL05",
    name="claim.vesicle-trade-name",
    severity=Severity.WARNING,
    summary="A vesicle name is printed over the INCI name the label declares ('Rose Exosomes (Rosa ... Extract)').",
    doc=(
        "An ingredient list names each ingredient by its INCI name (EU Reg. (EC) No 1223/2009 Art. 19(1)(g)); a "
        "name such as 'Rose Exosomes (Rosa Damascena Flower Extract)' prints a vesicle name over the INCI name it "
        "declares in brackets. The bracketed name is the ingredient, and when it is an ordinary extract, a callus "
        "extract or a lysate, the word 'exosomes' on the list is a trade name that overstates what is in the bottle "
        "(MISEV2023 reserves 'exosome' for vesicles shown to be exosomes)."
    ),
    examples=(
        Example("Water, Rose Exosomes (Rosa Damascena Flower Extract), Glycerin", bad=True),
        Example("Water, Exosome (Malus Domestica Fruit Cell Culture Extract)", bad=True),
        Example("Water, Rosa Damascena Callus Extracellular Vesicles, Glycerin", bad=False),
        Example("Water, Rosa Damascena Flower Extract (Rose), Glycerin", bad=False),
    ),
    sources=("eu-2013-655", "misev-2023"),
    check=_trade_name,
    needs=frozenset({facts.TRADE_NAME}),
)

RULES = (EV_UNBACKED, PLANT_EXOSOME, VEGAN, DRUG, TRADE_NAME)
