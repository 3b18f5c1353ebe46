"""Essential and carrier oils by identity (plant, part, preparation), on oil names from real labels.

``tests/data/real_oils.csv`` holds every oil ingredient of 257 real skincare labels (Sephora dataset, see its
header), each classified by hand as an essential oil, a carrier (fixed) oil or another oil-named ingredient.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.labelfile.read import read_path
from exolabel.model import Finding, LabelInfo, Severity
from exolabel.rules.loader import load_rule_data
from exolabel.scanner import Scanner

DATA = Path(__file__).resolve().parent / "data" / "real_oils.csv"
ROWS = [r for r in csv.DictReader(line for line in DATA.open(encoding="utf-8") if not line.startswith("#"))]
ESSENTIAL = [r["ingredient"] for r in ROWS if r["expected"] == "essential"]
NOT_ESSENTIAL = [r["ingredient"] for r in ROWS if r["expected"] != "essential"]
CARRIER = [r["ingredient"] for r in ROWS if r["expected"] == "carrier"]


@pytest.fixture(scope="module")
def data():
    return load_rule_data()


def codes(scanner: Scanner, text: str, product_type: str | None = None) -> dict[str, list[Finding]]:
    report = scanner.scan(text, LabelInfo(product_type=product_type))
    out: dict[str, list[Finding]] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_the_fixture_covers_both_classes() -> None:
    assert len(ESSENTIAL) >= 100 and len(CARRIER) >= 100


@pytest.mark.parametrize("name", ESSENTIAL)
def test_every_essential_oil_on_real_labels_gets_ir02(scanner, name: str) -> None:
    got = codes(scanner, f"Aqua, Glycerin, {name}").get("IR02", [])
    assert len(got) == 1, name
    assert "evidence:" in got[0].message


@pytest.mark.parametrize("name", NOT_ESSENTIAL)
def test_no_carrier_or_other_oil_on_real_labels_gets_ir02(scanner, name: str) -> None:
    assert "IR02" not in codes(scanner, f"Aqua, Glycerin, {name}"), name


@pytest.mark.parametrize(
    ("written", "listed_as"),
    [
        ("Citrus Aurantium Bergamia (Bergamot) Fruit Oil", "Citrus Aurantium Bergamia Peel Oil"),  # CAS 8007-75-8
        ("Citrus Medica Limonum (Lemon) Peel Oil", "Citrus Limon Peel Oil"),
        ("Citrus Aurantium Dulcis (Orange) Oil", "Citrus Aurantium Peel Oil"),
        ("Lavender Essential Oil", "Lavandula Oil/Extract"),
        ("Scented Geranium Flower Oil", "Pelargonium Graveolens Flower Oil"),
        ("Ylang Ylang Flower Oil", "Cananga Odorata Oil/Extract"),
    ],
)
def test_synonyms_and_common_names_reach_the_eu_allergen_entry(scanner, written: str, listed_as: str) -> None:
    got = codes(scanner, f"Aqua, {written}")
    assert "IR02" in got
    # named as the EU entry lists it: "EU labels name it as '...'", or beside the name when that is its INCI name
    assert [f"'{listed_as}'" in f.message or f"({listed_as})" in f.message for f in got["AL01"]] == [True], got.get(
        "AL01"
    )


@pytest.mark.parametrize(
    ("name", "plant"),
    [
        ("Citrus Grandis (Grapefruit) Peel Oil", "plant.citrus-paradisi"),
        ("Citrus Paradisi Peel Oil", "plant.citrus-paradisi"),
        ("Grapefruit Peel Oil", "plant.citrus-paradisi"),
        ("Citrus Medica Limonum Peel Oil", "plant.citrus-limon"),
        ("Tea Tree Oil", "plant.melaleuca-alternifolia"),
        ("Bergamot Oil", "plant.citrus-aurantium-bergamia"),
        ("May Chang (Citral) Oil", "plant.litsea-cubeba"),
        ("Mandarin Orange Peel Oil", "plant.citrus-nobilis"),
        ("Philippine Orange Peel Oil", "plant.citrus-aurantium-dulcis"),
        ("Cinnamon Essential Oils", "plant.cinnamomum-zeylanicum"),
        ("Aniba Rosaeodora (Rosewood) Wood Oil", "plant.aniba-rosaeodora"),
        ("Myristica Fragrans (Nutmeg) Kernel Oil", "plant.myristica-fragrans"),
        ("Elettaria Cardamomum Seed Oil", "plant.elettaria-cardamomum"),
        ("Ormenis Multicaulis Oil", "plant.ormenis"),
        ("Essential Oil of Lavender", "plant.lavandula"),
        ("Oil of Cloves", "plant.eugenia-caryophyllus"),
    ],
)
def test_identity_by_binomial_synonym_or_common_name(scanner, data, name: str, plant: str) -> None:
    (piece,) = scanner.tokenizer.tokenize(name)
    bot = data.identify((piece.parsed.key,), piece.parsed.common_name)
    assert bot is not None and bot.plant is not None and bot.plant.id == plant
    assert bot.oil == "essential"


@pytest.mark.parametrize(
    "name",
    ["Lavandula Angustifolia Oil*Organic", "Lavandula Angustifolia Oil**certified organic", "Rosemary Leaf Oil1"],
)
def test_footnote_marks_glued_to_a_name_do_not_hide_the_oil(scanner, name: str) -> None:
    assert "IR02" in codes(scanner, f"Aqua, {name}")
    assert "IR02" not in codes(scanner, "Aqua, Helianthus Annuus Seed Oil*Organic")


@pytest.mark.parametrize(
    "name",
    [
        "Coriandrum Sativum Seed Oil",
        "Elettaria Cardamomum Seed Oil",
        "Daucus Carota Sativa Seed Oil",
        "Myristica Fragrans Kernel Oil",
        "Michelia Alba Leaf Oil",  # no entry for the plant: its part decides
        "Amyris Balsamifera Bark Oil",
        # carrier plants of the data (rosehip, blackcurrant seed) whose flower or bud oil is aromatic: the part decides
        # (41 and 6 rows of a real LookFantastic catalogue)
        "Rosa Canina Flower Oil",
        "Ribes Nigrum Bud Oil",
    ],
)
def test_distilled_seed_oils_and_unlisted_aromatic_parts_are_essential(scanner, name: str) -> None:
    assert "IR02" in codes(scanner, f"Aqua, {name}")


@pytest.mark.parametrize(
    "name",
    [
        "Daucus Carota Sativa (Cold Pressed Carrot) Seed Oil",  # pressed, not distilled
        "Citrus Paradisi Seed Oil",  # a citrus, but a seed oil
        "Nigella Sativa (Black Cumin) Seed Oil",  # not cumin
        "Rosa Moschata (Musk Rose) Seed Oil",  # not rose flower oil
        "Rosa Canina Oil",  # genus Rosa, but the species is the rosehip
        "Hydrogenated Jojoba Oil",
        "Helianthus Annuus Seed Oil Unsaponifiables",
        "PEG-40 Hydrogenated Castor Oil",
    ],
)
def test_fixed_oils_and_derivatives_are_not_essential(scanner, name: str) -> None:
    assert "IR02" not in codes(scanner, f"Aqua, {name}")


@pytest.mark.parametrize(
    ("name", "phototoxic"),
    [
        ("Citrus Aurantium Bergamia (Bergamot) Fruit Oil", True),
        ("Citrus Aurantifolia (Lime) Oil", True),
        ("Citrus Aurantium Amara (Bitter Orange) Peel Oil", True),
        ("Citrus Paradisi (Grapefruit) Peel Oil", True),
        ("Citrus Limon (Lemon) Peel Oil", True),
        ("Citrus Aurantifolia Peel Oil Distilled", False),  # furocoumarins do not distil over
        ("Citrus Aurantium Dulcis (Orange) Peel Oil", False),
        ("Citrus Aurantium Amara (Bitter Orange) Flower Oil", False),  # neroli
        ("Lavandula Angustifolia Oil", False),
    ],
)
def test_phototoxic_citrus_oils_carry_the_eu_furocoumarin_limit(scanner, name: str, phototoxic: bool) -> None:
    (f,) = codes(scanner, f"Aqua, {name}")["IR02"]
    assert ("Annex II/358" in f.message and "1 mg/kg" in f.message) is phototoxic


def test_evidence_sets_the_severity(scanner) -> None:
    established = codes(scanner, "Aqua, Pelargonium Graveolens Flower Oil")["IR02"][0]
    possible = codes(scanner, "Aqua, Litsea Cubeba Fruit Oil")["IR02"][0]
    unlisted = codes(scanner, "Aqua, Bulnesia Sarmientoi Wood Oil")["IR02"][0]
    assert established.severity is Severity.WARNING and "established" in established.message
    assert possible.severity is Severity.INFO and "possible" in possible.message
    assert unlisted.severity is Severity.INFO and "no allergy grade" in unlisted.message
    rinse = codes(scanner, "Aqua, Pelargonium Graveolens Flower Oil", product_type="rinse-off")["IR02"][0]
    assert rinse.severity is Severity.INFO


def _fixed_names() -> list[str]:
    out = []
    for plant in load_rule_data().botany.plants:
        for part in plant.fixed:
            for n in (*plant.names, *plant.related, *plant.common):
                out.append(f"{n} Oil" if part == "whole" else f"{n} {part.title()} Oil")
    return out


FIXED_NAMES = _fixed_names()


def test_no_carrier_plant_of_the_data_is_ever_an_essential_oil(scanner) -> None:
    names = FIXED_NAMES
    assert len(names) > 300
    flagged = [n for n in names if "IR02" in codes(scanner, f"Aqua, {n}")]
    assert not flagged


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(FIXED_NAMES),
    st.sampled_from(["", "Organic ", "Cold Pressed ", "Virgin ", "Refined ", "100% Pure "]),
    st.sampled_from(["", "*", "**", ".", " (and) Tocopherol", " (Organic)"]),
)
def test_carrier_names_stay_carriers_whatever_their_decoration(scanner, name: str, prefix: str, suffix: str) -> None:
    assert "IR02" not in codes(scanner, f"Aqua, {prefix}{name}{suffix}")


SHARED = Path(__file__).resolve().parents[2] / "shared" / "research" / "regulatory" / "data"
GRADES = {
    "established_contact_allergen_humans": "established",
    "likely_contact_allergen": "likely",
    "possible_contact_allergen": "possible",
}


def _sccs_oils() -> list[tuple[str, str]]:
    path = SHARED / "sccs_1459_11_fragrance_allergen_categories.csv"
    if not path.exists():
        return []
    out = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        if row["type"] != "natural_extract" or row["sccs_category"] not in GRADES:
            continue
        segments = row["substance"].split(" / ")
        first = segments[0].split()
        for i, name in enumerate(segments):
            name = name.split("(")[0].replace("SPP.", "").replace(" EXPRESSED", "").strip()
            if i and name.split()[0] in ("PEEL", "FLOWER", "LEAF"):  # "CITRUS AURANTIUM AMARA FLOWER / PEEL OIL"
                name = " ".join([*first[:-1], name])
            elif i and name.split()[0] != first[0]:  # "CITRUS SINENSIS / AURANTIUM DULCIS PEEL OIL"
                name = f"{first[0]} {name}"
            if any(w in name for w in ("EXTRACT", "CERA", "WATER")):
                continue
            if not name.endswith(("OIL", "OILS", "ABSOLUTE")):
                name += " OIL"
            out.append((name, GRADES[row["sccs_category"]]))
    return out


@pytest.mark.skipif(not SHARED.exists(), reason="the team's research data (../shared) is not here")
@pytest.mark.parametrize(("name", "grade"), _sccs_oils() or [("-", "-")])
def test_sccs_natural_extracts_are_essential_oils_with_their_grade(scanner, data, name: str, grade: str) -> None:
    """Cross-check against the SCCS/1459/11 transcription in the team's research folder (not shipped)."""
    (piece,) = scanner.tokenizer.tokenize(name.title())
    bot = data.identify((piece.parsed.key,), piece.parsed.common_name)
    assert bot is not None and bot.oil == "essential", name
    assert bot.evidence == grade, (name, bot.plant.id if bot.plant else None)


EXPECTED = yaml.safe_load((DATA.parent / "expected_irritants.yaml").read_text(encoding="utf-8"))["labels"]
LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_bundled_real_labels_get_their_expected_irritants(scanner, stem: str) -> None:
    path = LABELS / f"{stem}.yaml"
    item = read_path(path if path.exists() else LABELS / f"{stem}.scraped.txt")
    report = scanner.scan(item.text, item.label)
    names = {s.ingredient.index: s.ingredient.name for s in report.ingredients}
    flagged = {
        names[f.ingredient]
        for f in report.findings
        if f.ingredient is not None and f.rule.startswith(("IR", "AL", "RG01"))
    }
    assert sorted(set(EXPECTED[stem]) - flagged) == []
    essential = {names[f.ingredient] for f in report.findings if f.rule == "IR02" and f.ingredient is not None}
    assert essential <= set(EXPECTED[stem]) and all("oil" in n.casefold() for n in essential)
