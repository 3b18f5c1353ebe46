"""The label file format: optional EV facts, inline suppressions, and the shipped JSON Schema agreeing with
the validator on every example label and on bad documents."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from exolabel.datafiles.load import DataError, strip_lines
from exolabel.labelfile.read import LABEL_KEYS, parse_label_file, read_path

ROOT = Path(__file__).resolve().parents[1]
jsonschema = pytest.importorskip("jsonschema")


def schema() -> dict:
    return json.loads(resources.files("exolabel").joinpath("schema/label.schema.json").read_text(encoding="utf-8"))


def validator():
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


GOOD = """\
product: P
markets: [eu, KR]
ingredients: |
  Water, Lactobacillus Extracellular Vesicles, Niacinamide
declared:
  Niacinamide: 5
  Lactobacillus Extracellular Vesicles: 2 billion particles/mL
exosome_source: {origin: microbial, detail: Lactobacillus plantarum}
characterization:
  particles_per_ml: 2.0e9
  size_nm: [50, 180]
  markers: [CD9, cd63, CD81]
  negative_markers: [calnexin]
  method: NTA
exolabel-ignore:
  - rules: [CN01]
    reason: concentration is printed on the outer box
    ingredient: Lactobacillus Extracellular Vesicles
"""


def test_schema_lists_exactly_the_keys_the_validator_accepts() -> None:
    assert sorted(schema()["properties"]) == sorted(LABEL_KEYS)


def test_every_example_label_is_valid_under_the_schema() -> None:
    v = validator()
    bad = []
    for p in sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.json")):
        if p.name.startswith(".") or "brand-repo/.github" in p.as_posix():
            continue
        item = read_path(p)
        errs = [e.message for e in v.iter_errors(strip_lines(item.raw))]
        if errs:
            bad.append((p.name, errs))
    assert not bad


def test_optional_ev_facts_reach_label_info() -> None:
    item = parse_label_file(GOOD, "l.yaml", ".yaml")
    assert not list(validator().iter_errors(strip_lines(item.raw)))
    lab = item.label
    assert lab.declared_for("niacinamide").value == 5.0
    assert lab.declared_for("Lactobacillus Extracellular Vesicles").kind == "count"
    assert lab.exosome_source.origin == "microbial" and lab.exosome_source.detail == "Lactobacillus plantarum"
    ch = lab.characterization
    assert ch.particles_per_ml == 2.0e9 and ch.size_nm == (50.0, 180.0)
    assert ch.markers == ("CD9", "CD63", "CD81") and ch.negative_markers == ("CALNEXIN",) and ch.method == "NTA"
    (sup,) = item.suppressions
    assert sup.rules == ("CN01",) and sup.ingredient == "Lactobacillus Extracellular Vesicles"


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ("exolabel-ignore: [SR01]\n", "no reason"),
        ("exolabel-ignore:\n  - rules: [SR01]\n", "missing required key 'reason'"),
        ("declared: {Retinol: 1}\n", "'Retinol' is not in the ingredient list"),
        ("declared: {Water: lots}\n", "'lots' is not an amount"),
        ("exosome_source: {origin: alien}\n", "'origin: alien' is not allowed"),
        ("exosome_source: {detail: x}\n", "missing required key 'origin'"),
        ("characterization: {size_nm: [200, 50]}\n", "reversed"),
        ("characterization: {particle_count: 5}\n", "unknown key 'particle_count'"),
        ("characterization: {particles_per_ml: -3}\n", "positive number"),
        ("colour: red\n", "unknown key 'colour'"),
    ],
)
def test_bad_documents_are_rejected_by_the_validator_and_the_schema(extra: str, needle: str) -> None:
    text = "product: P\ningredients: Water, Glycerin\n" + extra
    with pytest.raises(DataError) as e:
        parse_label_file(text, "l.yaml", ".yaml")
    assert needle in str(e.value) and "l.yaml" in str(e.value) and "Fix:" in str(e.value)
    import yaml

    doc = yaml.safe_load(text)
    if needle in ("'Retinol' is not in the ingredient list", "'lots' is not an amount", "reversed"):
        return  # relations between fields (and free-text amounts) are beyond a JSON Schema
    assert list(validator().iter_errors(doc)), extra
