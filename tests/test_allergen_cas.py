"""Every EU Annex III allergen entry covers every INCI name the CosIng inventory gives one of its CAS numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from exolabel.lexicon.inventory import inci_record, names_with_cas
from exolabel.rules.botanical import may_name_oil
from exolabel.rules.loader import load_compiled, load_rule_data
from exolabel.tokenizer.names import normalize_key

SHARED = Path(__file__).resolve().parents[2] / "shared" / "research" / "regulatory" / "data"


@pytest.fixture(scope="module")
def compiled():
    return load_compiled()


def _label_required(compiled) -> list[dict]:
    return [e for e in compiled["allergens"] if e["status"] == "label_required"]


def test_81_labelled_entries_all_with_cas_numbers(compiled) -> None:
    entries = _label_required(compiled)
    assert len(entries) == 81
    assert all(e["cas"] for e in entries), [e["id"] for e in entries if not e["cas"]]


def _oils_only(e: dict) -> bool:
    return all(may_name_oil(normalize_key(n)) for n in e["inci"])


def test_every_inci_name_sharing_a_cas_number_finds_an_entry_with_that_number(scanner, compiled) -> None:
    """Every name the compiled data linked to an entry by a CAS number, and every name of the entry's CAS numbers in
    CosIng that it names itself, finds an entry with that number (which names link: the tests below)."""
    data = load_rule_data()
    checked, wrong = 0, []
    for e in _label_required(compiled):
        own = {n.casefold() for n in e["inci"]}
        for cas in e["cas"]:
            for name in names_with_cas(cas):
                if name not in e["cas_names"] and name.casefold() not in own:
                    continue
                (piece,) = scanner.tokenizer.tokenize(name)
                hit = data.hits_for(piece.parsed, name, None).allergen
                checked += 1
                # the entry with that CAS number, or one the Regulation names it in explicitly (CosIng gives
                # "Citrus Aurantium Amara Flower Oil" 68916-04-1, a peel-oil number; Annex III names it a flower oil)
                if hit is None or not (cas in _cas(compiled, hit.id) or name.casefold() in _inci(compiled, hit.id)):
                    wrong.append((e["id"], cas, name, hit.id if hit else None))
    assert checked > 81 and not wrong


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("Citrus Limon Fruit Oil", "alg.citrus-limon-peel-oil"),  # expressed from the fruit's peel
        ("Lavandula Angustifolia Herb Oil", "alg.lavandula-oil-extract"),  # distilled from the flowering tops
        ("Citrus Aurantium Dulcis Peel Oil Expressed", "alg.citrus-aurantium-peel-oil"),
        ("Rosa Gallica Flower Extract", "alg.rose-flower-oil-extract"),
    ],
)
def test_a_preparation_of_the_part_an_entry_names_links_by_cas(scanner, name: str, entry: str) -> None:
    report = scanner.scan(f"Aqua, {name}")
    (al01,) = [f for f in report.findings if f.rule == "AL01"]
    assert al01.ingredient == 1 and entry in _ids(load_compiled(), al01.message)


@pytest.mark.parametrize(
    "name",
    [
        "Rosa Canina Fruit Oil",  # rosehip oil: 84696-47-9, as Rosa Canina flower oil, but no flower
        "Rosa Canina Seed Extract",
        "Rosa Damascena Callus Culture Extract",  # a cell culture, no preparation of the flower
        "Rosa Damascena Flower Water",  # a hydrosol: Annex III names the flower oil and extract
        "Lavandula Angustifolia Leaf Cell Extract",
        "Cananga Odorata Leaf Oil",  # ylang-ylang: Annex III names the flower oil and extract
    ],
)
def test_another_part_a_cell_culture_or_another_preparation_does_not_link(scanner, name: str) -> None:
    report = scanner.scan(f"Aqua, {name}")
    assert not [f for f in report.findings if f.rule == "AL01"]


def _ids(compiled, message: str) -> set[str]:
    """The ids of the entries whose Annex III reference the message quotes ("Annex III/366")."""
    return {e["id"] for e in compiled["allergens"] if f"Annex III/{e['annex'].split('/')[-1]})" in message}


def _cas(compiled, eid: str) -> list[str]:
    return next(e["cas"] for e in compiled["allergens"] if e["id"] == eid)


def _inci(compiled, eid: str) -> set[str]:
    return {n.casefold() for e in compiled["allergens"] if e["id"] == eid for n in e["inci"]}


@pytest.mark.parametrize(
    "name",
    [
        "Citrus Aurantium Dulcis Fruit Extract",  # 8028-48-6, as the orange flower oil
        "Pelargonium Graveolens Callus Culture Extract",
        "Mentha Piperita Leaf Water",
        "Eugenia Caryophyllus Bud Extract",
        "Santalum Album Wood Powder",
    ],
)
def test_a_plant_preparation_that_is_no_oil_is_not_the_annex_iii_oil(scanner, name: str) -> None:
    """A plant's CAS number stands for every preparation of it: sharing the number of an Annex III essential oil
    makes an extract, a water, a powder or a cell culture no fragrance allergen (Annex III names the oils)."""
    cas = set(inci_record(name).cas)
    oils = [e for e in _label_required(load_compiled()) if cas & set(e["cas"]) and _oils_only(e)]
    assert oils  # the name does share a number with an oil entry
    report = scanner.scan(f"Aqua, {name}")
    assert not [f for f in report.findings if f.rule == "AL01"]


def test_bergamot_fruit_oil_is_the_annex_iii_peel_oil_by_cas(scanner) -> None:
    assert "8007-75-8" in inci_record("Citrus Aurantium Bergamia Fruit Oil").cas
    report = scanner.scan("Aqua, Citrus Aurantium Bergamia (Bergamot) Fruit Oil")
    (al01,) = [f for f in report.findings if f.rule == "AL01"]
    assert "'Citrus Aurantium Bergamia Peel Oil'" in al01.message


@pytest.mark.skipif(not (SHARED / "eu_fragrance_allergens.csv").is_file(), reason="no shared research data")
def test_our_cas_numbers_cover_the_researched_annex_iii_table(compiled) -> None:
    """Cross-check with the team's transcription of the CosIng Annex III export (not shipped)."""
    ours = {e["label_name"].casefold(): set(e["cas"]) for e in compiled["allergens"]}
    missing = []
    with (SHARED / "eu_fragrance_allergens.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cas = {c.strip() for c in row["cas_numbers"].replace(";", "/").replace(" ", "/").split("/") if c.strip()}
            cas = {c for c in cas if c[0].isdigit()}
            have = ours.get(row["label_name"].casefold())
            if have is None or not cas <= have:
                missing.append((row["label_name"], sorted(cas - (have or set()))))
    assert not missing
