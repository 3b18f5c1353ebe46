"""Every rule on real labels from examples/labels (see its README for each label's source).

The ingredient lists are real. Where no bundled label makes a claim or prints an amount a rule is about
(particle counts, drug claims, vegan claims), the test keeps the real list and says which label field it adds.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.labelfile.read import read_path
from exolabel.model import Report, Severity
from exolabel.rules import RULES
from exolabel.scanner import Scanner

LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"


def scan(scanner: Scanner, name: str, markets: tuple[str, ...] = (), **label_fields: object) -> Report:
    item = read_path(LABELS / name)
    label = replace(item.label, markets=markets or item.label.markets, **label_fields)
    return scanner.scan(item.text, label, name)


def fired(report: Report, code: str) -> list[tuple[str, Severity, str]]:
    names = {s.ingredient.index: s.ingredient.name for s in report.ingredients}
    return [(names.get(f.ingredient, ""), f.severity, f.message) for f in report.findings if f.rule == code]


# IR: irritants --------------------------------------------------------------------------------------------------
def test_ir01_parfum_and_linalool_in_a_leave_on(scanner) -> None:
    got = {(n, s) for n, s, _ in fired(scan(scanner, "skinmedica-tns-recovery-complex.yaml"), "IR01")}
    assert got == {("Parfum", Severity.WARNING), ("Linalool", Severity.WARNING)}


def test_ir01_is_milder_in_a_rinse_off(scanner) -> None:
    got = dict((n, s) for n, s, _ in fired(scan(scanner, "clarins-one-step-gentle-exfoliating-cleanser.yaml"), "IR01"))
    assert got["Parfum"] is Severity.INFO and got["Linalool"] is Severity.INFO


def test_ir02_lavender_oil(scanner) -> None:
    got = fired(scan(scanner, "alpyn-beauty-melt-moisturizer-with-bakuchiol-and-squalane.yaml"), "IR02")
    assert any("Lavandula Angustifolia" in n and s is Severity.WARNING for n, s, _ in got)


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        ("clinique-clarifying-lotion-4.yaml", Severity.WARNING),  # Alcohol Denat. 2nd in a leave-on
        ("aq-skin-solutions-recovery-serum.yaml", Severity.WARNING),  # "Sd Alcohol 40" 3rd
        ("la-mer-the-treatment-lotion.yaml", Severity.INFO),  # Alcohol Denat. further down
    ],
)
def test_ir03_denatured_alcohol_by_position(scanner, name: str, severity: Severity) -> None:
    got = fired(scan(scanner, name), "IR03")
    assert [s for _, s, _ in got] == [severity]


def test_ir03_rinse_off_is_only_noted(scanner) -> None:
    report = scan(scanner, "clinique-clarifying-lotion-4.yaml", product_type="rinse-off")
    assert [s for _, s, _ in fired(report, "IR03")] == [Severity.INFO]


def test_ir04_isothiazolinones_rinse_off_and_leave_on(scanner) -> None:
    got = fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml"), "IR04")
    assert {n for n, _, _ in got} == {"Methylchloroisothiazolinone", "Methylisothiazolinone"}
    assert all(s is Severity.WARNING for _, s, _ in got)
    leave_on = fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml", product_type="leave-on"), "IR04")
    assert all(s is Severity.ERROR for _, s, _ in leave_on) and len(leave_on) == 2


def test_ir05_dmdm_hydantoin(scanner) -> None:
    got = fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml"), "IR05")
    assert [n for n, _, _ in got] == ["DMDM Hydantoin"] and "formaldehyde" in got[0][2]


def test_ir06_cocamidopropyl_betaine(scanner) -> None:
    got = {n for n, _, _ in fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml"), "IR06")}
    assert "Cocamidopropyl Betaine" in got


# AL: EU fragrance allergens --------------------------------------------------------------------------------------
def test_al01_declared_allergens(scanner) -> None:
    got = {n for n, _, _ in fired(scan(scanner, "skinmedica-tns-recovery-complex.yaml"), "AL01")}
    assert got == {"Hydroxycitronellal", "Linalool", "Coumarin", "Alpha-Isomethyl Ionone", "Geraniol", "Isoeugenol"}


def test_al01_names_the_group_label(scanner) -> None:
    got = fired(scan(scanner, "alpyn-beauty-melt-moisturizer-with-bakuchiol-and-squalane.yaml"), "AL01")
    assert any("'Lavandula Oil/Extract'" in m for _, _, m in got)


def test_al02_parfum_lists_what_is_declared(scanner) -> None:
    got = fired(scan(scanner, "skinmedica-tns-recovery-complex.yaml"), "AL02")
    assert len(got) == 1 and "declares 6" in got[0][2] and "0.001 %" in got[0][2]
    rinse = fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml"), "AL02")
    assert "0.01 %" in rinse[0][2] and "declares none" in rinse[0][2]


# SR: source -----------------------------------------------------------------------------------------------------
def test_sr01_oligopeptide_without_prefix(scanner) -> None:
    got = fired(scan(scanner, "incellderm-cocktail-aqua-bb.yaml"), "SR01")
    assert [n for n, _, _ in got] == ["Oligopeptide-1"]


def test_sr02_human_conditioned_media_by_market(scanner) -> None:
    eu = fired(scan(scanner, "aq-skin-solutions-active-serum.yaml", markets=("eu",)), "SR02")
    assert [s for _, s, _ in eu] == [Severity.ERROR] and "Annex II entry 416" in eu[0][2]
    us_kr = fired(scan(scanner, "aq-skin-solutions-active-serum.yaml", markets=("us", "kr")), "SR02")
    assert [s for _, s, _ in us_kr] == [Severity.WARNING]
    assert "United States" in us_kr[0][2] and "South Korea" in us_kr[0][2]
    both = fired(scan(scanner, "aq-skin-solutions-active-serum.yaml", markets=("us", "eu")), "SR02")
    assert [s for _, s, _ in both] == [Severity.ERROR]
    assert both[0][2].index("European Union") < both[0][2].index("United States")  # the ban first, then the note


def test_sr02_never_for_recombinant_peptides(scanner) -> None:
    report = scan(scanner, "dr-drawing-salmon-dna-rejuvenation-ampoule.yaml", markets=("eu",))
    assert not fired(report, "SR02")
    assert [n for n, _, _ in fired(report, "SR04")] == ["rh-Oligopeptide-1"]


def test_sr03_milk_exosomes(scanner) -> None:
    got = fired(scan(scanner, "medicube-pdrn-pink-collagen-exosome-shot-2000-serum.yaml"), "SR03")
    assert len(got) == 1
    name, sev, msg = got[0]
    assert name == "MILK EXOSOMES" and sev is Severity.WARNING
    assert "species is not stated" in msg and "milk allergy" in msg and "TSE" not in msg


def test_sr04_sh_polypeptide(scanner) -> None:
    got = fired(scan(scanner, "incellderm-cocktail-aqua-bb.yaml"), "SR04")
    assert [n for n, _, _ in got] == ["SH-Polypeptide-1"] and got[0][1] is Severity.INFO


# RG: regulatory --------------------------------------------------------------------------------------------------
def test_rg01_lilial_by_market(scanner) -> None:
    name = "clarins-one-step-gentle-exfoliating-cleanser.yaml"
    assert [(n, s) for n, s, _ in fired(scan(scanner, name, markets=("eu",)), "RG01")] == [
        ("Butylphenyl Methylpropional", Severity.ERROR)
    ]
    assert [s for _, s, _ in fired(scan(scanner, name), "RG01")] == [Severity.WARNING]
    assert not fired(scan(scanner, name, markets=("us",)), "RG01")


def test_rg01_mi_only_banned_in_leave_on(scanner) -> None:
    name = "suave-daily-clarifying-shampoo.yaml"
    assert not fired(scan(scanner, name, markets=("eu",)), "RG01")  # rinse-off: restricted, not banned
    leave_on = fired(scan(scanner, name, markets=("eu",), product_type="leave-on"), "RG01")
    assert {n for n, _, _ in leave_on} == {"Methylchloroisothiazolinone", "Methylisothiazolinone"}


def test_rg02_formaldehyde_warning(scanner) -> None:
    got = fired(scan(scanner, "suave-daily-clarifying-shampoo.yaml", markets=("eu",)), "RG02")
    assert [n for n, _, _ in got] == ["DMDM Hydantoin"] and "releases formaldehyde" in got[0][2]
    said = scan(scanner, "suave-daily-clarifying-shampoo.yaml", markets=("eu",), claims=("Releases formaldehyde",))
    assert not fired(said, "RG02")


# CN: concentration -----------------------------------------------------------------------------------------------
def test_cn01_no_amount(scanner) -> None:
    got = fired(scan(scanner, "estee-lauder-micro-essence-treatment-lotion.yaml"), "CN01")
    assert [n for n, _, _ in got] == ["Bifida Ferment Lysate"]


def test_cn02_count_without_denominator(scanner) -> None:
    # No bundled label prints a particle count: the real Medicube list with a count added to its EV ingredient.
    item = read_path(LABELS / "medicube-one-day-exosome-shot-2000.yaml")
    text = item.text.replace("LACTOBACILLUS EXTRACELLULAR VESICLES", "LACTOBACILLUS EXTRACELLULAR VESICLES (2 billion)")
    assert [n for n, _, _ in fired(scanner.scan(text, item.label), "CN02")] == ["LACTOBACILLUS EXTRACELLULAR VESICLES"]
    per_ml = item.text.replace(
        "LACTOBACILLUS EXTRACELLULAR VESICLES", "LACTOBACILLUS EXTRACELLULAR VESICLES (2 billion/mL)"
    )
    assert not fired(scanner.scan(per_ml, item.label), "CN02")


def test_cn03_number_in_product_name(scanner) -> None:
    got = fired(scan(scanner, "medicube-one-day-exosome-shot-2000.yaml"), "CN03")
    assert len(got) == 2 and all("'2000'" in m for _, _, m in got)  # product name and claim
    assert not fired(scan(scanner, "riman-incellderm-radiansome-100-microfluidizer-essential-toner.yaml"), "CN03")


def test_cn04_position_estimate_names_its_anchor(scanner) -> None:
    got = fired(scan(scanner, "charlotte-tilbury-mini-charlottes-magic-cream.yaml"), "CN04")
    assert len(got) == 1 and "under 1 %" in got[0][2] and "'Chlorphenesin'" in got[0][2]
    first = fired(scan(scanner, "skinmedica-tns-recovery-complex.yaml"), "CN04")
    assert not first  # listed first: no estimate


def test_cn05_claimed_percentage_contradicts_the_order(scanner) -> None:
    name = "charlotte-tilbury-mini-charlottes-magic-cream.yaml"
    assert not fired(scan(scanner, name), "CN05")
    # the real list (cell culture after Chlorphenesin, max 0.3 %) with a percentage claim added
    got = fired(scan(scanner, name, claims=("5% plant stem cells",)), "CN05")
    assert [n for n, _, _ in got] == ["Nicotiana Sylvestris Leaf Cell Culture"] and "'Chlorphenesin'" in got[0][2]
    assert not fired(scan(scanner, name, claims=("0.5% plant stem cells",)), "CN05")


def test_label_file_facts_count_as_disclosure(scanner) -> None:
    """`declared`, `exosome_source` and `characterization` in a label file answer CN01, CN02 and SR01."""
    from exolabel.model import Characterization, Concentration, ExosomeSource

    name = "incellderm-cocktail-aqua-bb.yaml"
    pct = Concentration("0.5%", "percent", 0.5, "%")
    report = scan(scanner, name, declared=(("Oligopeptide-1", pct),))
    assert [n for n, _, _ in fired(report, "CN01")] == ["SH-Polypeptide-1"]  # Oligopeptide-1 is declared
    sourced = fired(scan(scanner, name, exosome_source=ExosomeSource("synthetic", "recombinant EGF")), "SR01")
    assert [(n, s) for n, s, _ in sourced] == [("Oligopeptide-1", Severity.INFO)] and "synthetic" in sourced[0][2]
    item = read_path(LABELS / "medicube-one-day-exosome-shot-2000.yaml")
    text = item.text.replace("LACTOBACILLUS EXTRACELLULAR VESICLES", "LACTOBACILLUS EXTRACELLULAR VESICLES (2 billion)")
    per_ml = replace(item.label, characterization=Characterization(particles_per_ml=2e9))
    assert not fired(scanner.scan(text, per_ml), "CN02")
    big = Concentration("5%", "percent", 5.0, "%")
    charlotte = scan(
        scanner,
        "charlotte-tilbury-mini-charlottes-magic-cream.yaml",
        declared=(("Nicotiana Sylvestris Leaf Cell Culture", big),),
    )
    assert "'5%' is given for" in fired(charlotte, "CN05")[0][2]


# CL: claims ------------------------------------------------------------------------------------------------------
def test_cl01_backed_and_unbacked_exosome_claims(scanner) -> None:
    assert not fired(scan(scanner, "medicube-one-day-exosome-shot-2000.yaml"), "CL01")  # Lactobacillus EVs back it
    assert not fired(scan(scanner, "riman-incellderm-radiansome-100-microfluidizer-essential-toner.yaml"), "CL01")
    # the real PDRN toner list (no EV ingredient) under a name of its sister product
    toner = scan(scanner, "medicube-pdrn-pink-cica-soothing-toner.yaml", product="PDRN Pink Exosome Toner")
    assert len(fired(toner, "CL01")) == 1


def test_cl02_plant_exosome_claim_on_a_cell_culture(scanner) -> None:
    name = "dr-zenovia-peptide-ceramide-repairing-moisturizer.yaml"
    assert not fired(scan(scanner, name), "CL02")
    got = fired(scan(scanner, name, claims=("with apple plant exosomes",)), "CL02")
    assert [n for n, _, _ in got] == ["Malus Domestica Fruit Cell Culture Extract"]
    assert not fired(scan(scanner, name, claims=("with apple plant exosomes",)), "CL01")  # one finding, not two


def test_cl03_vegan_claim_with_milk_exosomes(scanner) -> None:
    name = "medicube-pdrn-pink-collagen-exosome-shot-2000-serum.yaml"
    assert not fired(scan(scanner, name), "CL03")
    assert [n for n, _, _ in fired(scan(scanner, name, claims=("vegan",)), "CL03")] == ["MILK EXOSOMES"]


def test_cl04_drug_claims(scanner) -> None:
    name = "skinmedica-tns-recovery-complex.yaml"
    assert not fired(scan(scanner, name), "CL04")
    assert not fired(scan(scanner, "dr-drawing-salmon-dna-rejuvenation-ampoule.yaml"), "CL04")  # "Skin booster"
    got = fired(scan(scanner, name, claims=("Regenerates skin after laser",)), "CL04")
    assert len(got) == 2  # structure/function and procedure


def test_cl05_vesicle_trade_name_over_the_declared_inci_name(scanner) -> None:
    name = "dr-zenovia-peptide-ceramide-repairing-moisturizer.yaml"
    assert not fired(scan(scanner, name), "CL05")  # the real list names the callus extract by its INCI name
    # the same real list with its apple callus extract printed the way "plant exosome" marketing prints it
    item = read_path(LABELS / name)
    inci = "Malus Domestica Fruit Cell Culture Extract"
    traded = item.text.replace(inci, f"Apple Exosomes ({inci})", 1)
    assert traded != item.text
    report = scanner.scan(traded, item.label, name)
    got = fired(report, "CL05")
    assert [(n, sev) for n, sev, _ in got] == [("Apple Exosomes", Severity.WARNING)]
    assert "(cell-culture material, not purified vesicles)" in got[0][2]
    assert [m.category for s in report.ev_ingredients for m in s.matches] == ["plant_cell_culture"]


# SP, LX ----------------------------------------------------------------------------------------------------------
def test_sp01_supporting_actives(scanner) -> None:
    got = {n for n, _, _ in fired(scan(scanner, "medicube-one-day-exosome-shot-2000.yaml"), "SP01")}
    assert {"NIACINAMIDE", "PANTHENOL"} <= got


def test_lx01_typo_on_the_messy_copy(scanner) -> None:
    item = read_path(LABELS / "medicube-one-day-exosome-shot-2000.messy.txt")
    got = fired(scanner.scan(item.text, item.label), "LX01")
    assert [n for n, _, _ in got] == ["Niacinimide"] and "'Niacinamide'" in got[0][2]


def test_lx02_unrecognized_names(scanner) -> None:
    got = {n for n, _, _ in fired(scan(scanner, "medicube-one-day-exosome-shot-2000.yaml"), "LX02")}
    assert got and all(n.isupper() for n in got)  # names as written on the label
    assert "NIACINAMIDE" not in got and "LACTOBACILLUS EXTRACELLULAR VESICLES" not in got


def test_lx03_a_plant_named_without_its_part(scanner) -> None:
    got = fired(scan(scanner, "dr-drawing-salmon-dna-rejuvenation-ampoule.yaml"), "LX03")
    assert [n for n, _, _ in got] == ["Anthemis Nobilis Extract"]  # CosIng: Anthemis Nobilis Flower Extract
    assert "Anthemis Nobilis Flower Extract" in got[0][2]
    assert not fired(scan(scanner, "dr-drawing-salmon-dna-rejuvenation-ampoule.yaml"), "LX02")


def test_every_rule_has_a_real_label_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8").casefold()
    missing = [r.code for r in RULES if f"test_{r.code.casefold()}" not in source]
    assert not missing, f"rules without a real-label test here: {missing}"


# Properties over arbitrary labels ---------------------------------------------------------------------------------
_WORDS = (
    "Water",
    "Parfum",
    "Linalool",
    "linalol",
    "Alcohol Denat.",
    "Exosomes",
    "Milk Exosomes",
    "Phenoxyethanol",
    "Human Fibroblast Conditioned Media",
    "sh-Oligopeptide-1",
    "Methylisothiazolinone",
    "DMDM Hydantoin",
    "Bifida Ferment Lysate",
    "Niacinamide",
    "Geranial",
    "(2 billion)",
    "5%",
    "Magic Complex",
    "SD Alcohol 40-B",
)
_CLAIMS = ("vegan", "plant exosome", "Exosome 2000", "treats eczema", "stem cell", "", "EGF", "cruelty-free")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=20), max_size=14),
    st.lists(st.sampled_from(_CLAIMS) | st.text(max_size=30), max_size=3),
    st.sampled_from([(), ("eu",), ("us", "kr"), ("uk",), ("xx",)]),
    st.sampled_from([None, "leave-on", "rinse-off"]),
)
def test_rules_never_raise_and_point_at_real_things(scanner, parts, claims, markets, product_type) -> None:
    from exolabel.model import LabelInfo

    label = LabelInfo(
        product=claims[0] if claims else None, claims=tuple(claims), markets=markets, product_type=product_type
    )
    report = scanner.scan(", ".join(parts), label)
    known = {**scanner.lexicon.sources, **scanner.rule_data.sources}
    for f in report.findings:
        assert f.ingredient is None or 0 <= f.ingredient < len(report.ingredients)
        assert f.claim is None or 0 <= f.claim < len(label.claims)
        assert f.sources and all(s in known for s in f.sources), f
        assert f.message.strip()
