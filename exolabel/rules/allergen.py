"""EU fragrance allergen rules (``allergens.yaml``: Annex III of Reg. (EC) No 1223/2009 after Reg. (EU) 2023/1545)."""

from __future__ import annotations

from collections.abc import Iterator

from exolabel.model import Finding, ScannedIngredient, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import hits_of, named, product_start
from exolabel.tokenizer.names import normalize_key


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:g} %"


def _labelled(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s, h in hits_of(ctx):
        a = h.allergen
        if a is None or a.status != "label_required":
            continue
        if ctx.terse:
            yield rule.counted(s)
            continue
        said = normalize_key(a.label_name) in h.keys
        group = "" if said else f"; EU labels name it as '{a.label_name}'"
        yield rule.finding(
            f"{named(s)}: EU-labelled fragrance allergen "
            f"(Annex {a.annex}){group}; it must be named on EU labels above {_pct(a.leave_on_threshold_pct)} in "
            f"leave-on and {_pct(a.rinse_off_threshold_pct)} in rinse-off products",
            s,
            sources=a.sources,
        )


def _parfum(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.data is None:
        return
    # per list: a kit's products are made apart, so one product's declared allergens say nothing of another's
    products: dict[int, tuple[list[ScannedIngredient], list[str]]] = {}
    mixtures: list[ScannedIngredient] = []
    declared: list[str] = []
    for s, h in hits_of(ctx):
        if ctx.sections:
            mixtures, declared = products.setdefault(product_start(ctx, s.ingredient.index), ([], []))
        if h.irritant is not None and h.irritant.mixture:
            mixtures.append(s)
        if h.allergen is not None and h.allergen.status == "label_required":
            declared.append(h.allergen.label_name)
    for found, names in products.values() if ctx.sections else ((mixtures, declared),):
        if found:
            yield _undisclosed_mixture(rule, ctx, found[0], names)


def _undisclosed_mixture(rule: Rule, ctx: Context, s: ScannedIngredient, declared: list[str]) -> Finding:
    thr = "0.01 %" if ctx.product_type == "rinse-off" else "0.001 %"
    which = "this product of the kit" if ctx.sections else "this label"
    listed = (
        f"{which} declares {len(dict.fromkeys(declared))}: {', '.join(dict.fromkeys(declared))}"
        if declared
        else f"{which} declares none"
    )
    return rule.finding(
        f"'{s.ingredient.name}' is an undisclosed fragrance mixture: EU fragrance allergens below {thr} in a "
        f"{ctx.product_type} product need not be declared, so it may contain allergens the list does not name "
        f"({listed})",
        s,
        sources=("eu-2023-1545",),
    )


LABELLED = Rule(
    code="AL01",
    name="allergen.eu-labelled",
    severity=Severity.INFO,
    summary="One of the 81 EU-labelled fragrance allergens (Annex III, Reg. (EU) 2023/1545), with its thresholds.",
    doc=(
        "EU law requires 81 fragrance allergens (and groups such as 'Citral', 'Rose Ketones', 'Lavandula "
        "Oil/Extract') to be named in the ingredient list when they exceed 0.001 % in a leave-on or 0.01 % in a "
        "rinse-off product. Naming them lets someone with a known fragrance allergy avoid the product. exolabel "
        "recognizes them by every INCI name of the group and tolerates typos ('linalol'), and says which group "
        "name the EU label uses."
    ),
    examples=(
        Example("Aqua, Glycerin, Linalool", bad=True),
        Example("Aqua, Glycerin, linalol", bad=True, note="typo-corrected"),
        Example("Aqua, Glycerin, Geranial", bad=True, note="labelled as Citral"),
        Example("Aqua, Glycerin, Tocopherol", bad=False),
    ),
    sources=("eu-2023-1545", "reg-1223-2009", "cosing-annex-iii"),
    check=_labelled,
    needs=frozenset({facts.allergen("label_required")}),
)

PARFUM = Rule(
    code="AL02",
    name="allergen.parfum-hides-allergens",
    severity=Severity.INFO,
    summary="'Parfum'/'Fragrance' is listed: allergens under the labelling threshold need not be declared.",
    doc=(
        "'Parfum' (or 'Fragrance', 'Aroma') stands for an undisclosed mixture of fragrance chemicals. EU law only "
        "requires the listed allergens to be named above 0.001 % (leave-on) or 0.01 % (rinse-off), so a label "
        "with Parfum may still contain allergens it does not name. Someone with a fragrance allergy should ask "
        "the brand for the full allergen list or choose a fragrance-free product."
    ),
    examples=(
        Example("Aqua, Glycerin, Parfum, Linalool", bad=True),
        Example("Aqua, Glycerin, Fragrance", bad=True, product_type="rinse-off"),
        Example("Aqua, Glycerin, Linalool", bad=False),
    ),
    sources=("eu-2023-1545", "reg-1223-2009"),
    check=_parfum,
    needs=frozenset({facts.IRRITANT_MIXTURE}),
)

RULES = (LABELLED, PARFUM)
