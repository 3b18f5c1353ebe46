"""Irritant rules: one list-driven kind (``irritants.yaml``), one rule per class of irritant.

Severity comes from the data per product type (leave-on / rinse-off), and for some entries from the position
(``first_five``: denatured alcohol high in a leave-on list). The rule's own severity is the highest any entry can
give; a finding carries the entry's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from exolabel.model import Finding, Severity
from exolabel.rules import facts
from exolabel.rules.base import Context, Example, Rule
from exolabel.rules.common import hits_of, named
from exolabel.rules.identity import EVIDENCE_TEXT, PHOTOTOXIC_NOTE
from exolabel.rules.lists import Hits


def _class_check(classes: tuple[str, ...]) -> Callable[[Rule, Context], Iterator[Finding]]:
    def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
        for s, h in hits_of(ctx):
            irr = h.irritant
            if irr is None or irr.klass not in classes:
                continue
            pos = s.ingredient.index
            sev = irr.severity_for(ctx.product_type, pos)
            if sev is None:
                continue
            if ctx.terse:  # the message starts with the ingredient named: the row's subject
                yield rule.counted(s, sev, "" if sev is Severity.INFO else named(s))
                continue
            where = (
                f", in the first five ingredients of a {ctx.product_type} product" if irr.first_five and pos < 5 else ""
            )
            eu = irr.eu.get(ctx.product_type)
            eu_note = f"; EU {ctx.product_type}: {eu}" if eu else ""
            plant, sources = _plant_notes(h)
            yield rule.finding(
                f"{named(s)}: {irr.concern}{where}{eu_note}{plant}" + ("" if sev is Severity.INFO else f". {irr.why}"),
                s,
                severity=sev,
                sources=tuple(dict.fromkeys((*irr.sources, *sources))),
            )

    return check


def _plant_notes(h: Hits) -> tuple[str, tuple[str, ...]]:
    """What the ingredient's plant identity adds to an essential-oil finding: the evidence grade and, for expressed
    citrus and other furocoumarin-bearing oils, the phototoxicity note with the EU limit."""
    bot = h.botanical
    if bot is None or bot.oil != "essential":
        return "", ()
    plant = ""
    if bot.plant is not None and (bot.by == "common" or bot.matched not in (None, bot.plant.name.casefold())):
        parts = "/".join(p for p in bot.parts if p != "whole")
        plant = f"; {bot.plant.name}{' ' + parts if parts else ''} oil"  # named by a synonym or common name
    note = f"{plant}; evidence: {EVIDENCE_TEXT[bot.evidence]}"
    if bot.phototoxic:
        return f"{note}; {PHOTOTOXIC_NOTE}", ("cosing-annex-ii",)
    return note, ()


def _rule(
    code: str,
    name: str,
    classes: tuple[str, ...],
    severity: Severity,
    summary: str,
    doc: str,
    examples: tuple[Example, ...],
    sources: tuple[str, ...],
) -> Rule:
    needs = frozenset(map(facts.irritant, classes))
    return Rule(code, name, severity, summary, doc, examples, sources, _class_check(classes), needs=needs)


FRAGRANCE = _rule(
    "IR01",
    "irritant.fragrance",
    ("fragrance",),
    Severity.ERROR,
    "Fragrance (Parfum, Aroma) or a fragrance chemical known for contact allergy.",
    "Fragrance is among the most frequent causes of cosmetic contact allergy in patch-test series (NACDG), and "
    "'Parfum' is an undisclosed mixture. Oxidised linalool and limonene are strong sensitisers. Severity follows "
    "the data: higher in leave-on products, where the skin is exposed for hours, than in rinse-off ones; Balsam of "
    "Peru in a leave-on product is an error (the crude balsam is prohibited as a fragrance in the EU).",
    (
        Example("Aqua, Glycerin, Parfum", bad=True),
        Example("Aqua, Glycerin, Linalool", bad=True, product_type="rinse-off"),
        Example("Aqua, Glycerin, Myroxylon Pereirae Resin", bad=True, note="Balsam of Peru: an error in leave-on"),
        Example("Aqua, Glycerin, Panthenol", bad=False),
    ),
    ("nacdg-2019-20", "sccs-1459-11"),
)

ESSENTIAL_OIL = _rule(
    "IR02",
    "irritant.essential-oil",
    ("essential-oil",),
    Severity.WARNING,
    "An essential oil (known by its plant and part, whatever the spelling), with its contact-allergy evidence.",
    "Essential oils are mixtures of fragrance chemicals (linalool, limonene, citral, eugenol...) and several are "
    "established contact allergens in humans (SCCS/1459/11); the EU now requires many of them to be named on the "
    "label (Reg. (EU) 2023/1545). 'Natural' does not mean gentle: in a leave-on product an established allergen is "
    "a warning for anyone with fragrance allergy, a weaker grade a note. exolabel knows an essential oil by its "
    "plant and part, not its spelling: synonyms (Citrus Medica Limonum = Citrus Limon), common names (Tea Tree, "
    "Bergamot, May Chang) and plants it has no entry for ('... Leaf Oil', '... Wood Oil'). Fixed (carrier) oils "
    "pressed from seeds, kernels, nuts or pulp (jojoba, sunflower, argan, rosehip) are not essential oils and are "
    "never flagged. Expressed citrus oils (bergamot, lime, bitter orange, grapefruit, lemon) are also phototoxic: "
    "EU Annex II/358 limits their furocoumarins.",
    (
        Example("Aqua, Glycerin, Lavandula Angustifolia Oil", bad=True),
        Example("Aqua, Glycerin, Citrus Aurantium Bergamia (Bergamot) Fruit Oil", bad=True, note="phototoxic"),
        Example("Aqua, Glycerin, Scented Geranium Flower Oil", bad=True, note="common name"),
        Example("Aqua, Glycerin, Lavandula Angustifolia Flower Water", bad=False),
        Example("Aqua, Simmondsia Chinensis (Jojoba) Seed Oil, Argania Spinosa Kernel Oil", bad=False),
    ),
    ("sccs-1459-11", "eu-2023-1545", "degroot-schmidt-2016", "cosing-annex-ii"),
)

DENATURED_ALCOHOL = _rule(
    "IR03",
    "irritant.denatured-alcohol",
    ("denatured-alcohol",),
    Severity.WARNING,
    "Denatured or SD alcohol; a warning when it is in the first five ingredients of a leave-on product.",
    "Ethanol in small amounts helps a formula feel light and penetrate; at high levels in a leave-on product it "
    "dries and stings barrier-impaired skin. INCI lists run in descending order, so 'Alcohol Denat.' in the first "
    "five ingredients of a leave-on product means a lot of it: that is a warning; further down, or in a rinse-off "
    "product, it is only noted.",
    (
        Example("Water, Alcohol Denat., Glycerin", bad=True),
        Example("Water, Glycerin, Butylene Glycol, Niacinamide, Panthenol, Betaine, SD Alcohol 40-B", bad=True),
        Example("Water, Glycerin, Cetyl Alcohol", bad=False),
    ),
    ("lofler-2007", "lachenmeier-2008"),
)

ISOTHIAZOLINONE = _rule(
    "IR04",
    "irritant.isothiazolinone",
    ("isothiazolinone",),
    Severity.ERROR,
    "Methylisothiazolinone and related isothiazolinone preservatives.",
    "Methylisothiazolinone (MI) caused an epidemic of contact allergy in the 2010s; the EU banned MI and the "
    "MCI/MI mixture from leave-on products (Reg. (EU) 2016/1198, 2014/1003) and limits MI in rinse-off products "
    "to 0.0015 %. In a leave-on product this is an error; in a rinse-off product a warning.",
    (
        Example("Aqua, Glycerin, Methylisothiazolinone", bad=True),
        Example(
            "Aqua, Sodium Laureth Sulfate, Methylchloroisothiazolinone, Methylisothiazolinone",
            bad=True,
            product_type="rinse-off",
        ),
        Example("Aqua, Glycerin, Phenoxyethanol", bad=False),
    ),
    ("eu-2016-1198", "eu-2014-1003", "nacdg-2019-20"),
)

FORMALDEHYDE = _rule(
    "IR05",
    "irritant.formaldehyde-releaser",
    ("formaldehyde", "formaldehyde-releaser"),
    Severity.ERROR,
    "Formaldehyde or a preservative that releases it (DMDM hydantoin, Quaternium-15, bronopol...).",
    "Formaldehyde is a frequent contact allergen and a carcinogen; preservatives that release it (DMDM hydantoin, "
    "imidazolidinyl and diazolidinyl urea, bronopol, sodium hydroxymethylglycinate) expose the skin to it "
    "continuously. The EU prohibits formaldehyde and Quaternium-15 in cosmetics and requires 'releases "
    "formaldehyde' on labels whose released formaldehyde exceeds 0.001 % (Reg. (EU) 2022/1181).",
    (
        Example("Aqua, Glycerin, DMDM Hydantoin", bad=True),
        Example("Aqua, Glycerin, Quaternium-15", bad=True, product_type="rinse-off"),
        Example("Aqua, Glycerin, Sodium Benzoate", bad=False),
    ),
    ("eu-2022-1181", "nacdg-2019-20"),
)

CONTACT_ALLERGEN = _rule(
    "IR06",
    "irritant.contact-allergen",
    ("contact-allergen", "other"),
    Severity.ERROR,
    "A frequent contact allergen or irritant (propylene glycol, cocamidopropyl betaine, lanolin, propolis, SLS...).",
    "Patch-test networks (NACDG, ACDS) rank these ingredients among the recurrent causes of allergic or irritant "
    "contact dermatitis. Most are a note for people who already know they react to them; a few (propolis and SLS "
    "in leave-on products, hydroquinone, which the EU does not permit in cosmetics) are warnings or errors, as the "
    "data file states with its evidence.",
    (
        Example("Aqua, Propylene Glycol, Glycerin", bad=True),
        Example("Aqua, Cocamidopropyl Betaine", bad=True, product_type="rinse-off"),
        Example("Aqua, Butylene Glycol, Glycerin", bad=False),
    ),
    ("nacdg-2019-20", "acds-aoy"),
)

RULES = (FRAGRANCE, ESSENTIAL_OIL, DENATURED_ALCOHOL, ISOTHIAZOLINONE, FORMALDEHYDE, CONTACT_ALLERGEN)
