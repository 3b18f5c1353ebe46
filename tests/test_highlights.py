"""A "Key ingredients:" block pasted beside the full list is what the label claims to hold: its text is read as a
claim of the label, so the claim rules check it against the list (the block itself is no part of the list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import records, run_batch, write_catalogue

from exolabel.model import LabelInfo
from exolabel.tokenizer.mask import mask_label
from exolabel.tokenizer.panels import highlight_text

PLAIN_LIST = "Ingredients: Water, Glycerin, Niacinamide, Butylene Glycol, Phenoxyethanol"


def rules(report: Any) -> set[str]:
    return {f.rule for f in report.findings}


def test_a_highlighted_exosome_the_list_does_not_hold_is_an_unbacked_claim(scanner: Any) -> None:
    report = scanner.scan("Key Ingredients: Exosomes, Niacinamide, Peptides. " + PLAIN_LIST)
    assert report.label.claims == ("Key Ingredients: Exosomes, Niacinamide, Peptides.",)
    assert "CL01" in rules(report)
    cl01 = next(f for f in report.findings if f.rule == "CL01")
    assert cl01.claim == 0 and "Exosomes" in cl01.message
    assert [s.ingredient.name for s in report.ingredients] == [
        "Water",
        "Glycerin",
        "Niacinamide",
        "Butylene Glycol",
        "Phenoxyethanol",
    ]
    # the same list without the block: no claim, no claim finding
    plain = scanner.scan(PLAIN_LIST)
    assert plain.label.claims == () and not {r for r in rules(plain) if r.startswith("CL")}


def test_highlighted_plant_exosomes_over_a_callus_culture_are_not_vesicles(scanner: Any) -> None:
    text = "KEY INGREDIENTS:\nPlant Exosomes\nNiacinamide\n\nINGREDIENTS:\n"
    text += "Water, Centella Asiatica Callus Culture Extract, Glycerin"
    report = scanner.scan(text)
    assert report.label.claims == ("KEY INGREDIENTS: Plant Exosomes, Niacinamide",)
    assert "CL02" in rules(report) and "CL01" not in rules(report)


def test_a_highlight_the_list_backs_makes_no_claim_finding(scanner: Any) -> None:
    report = scanner.scan(
        "Key ingredients: Exosomes. Full ingredients: Aqua, Lactobacillus Extracellular Vesicles, Glycerin"
    )
    assert report.label.claims == ("Key ingredients: Exosomes.",)
    assert not {r for r in rules(report) if r.startswith("CL")}
    assert report.ev_ingredients


def test_a_key_ingredients_header_that_heads_the_only_list_is_no_claim(scanner: Any) -> None:
    report = scanner.scan("Key ingredients: Exosomes, Niacinamide, Glycerin")
    assert report.label.claims == ()
    assert [s.ingredient.name for s in report.ingredients][:2] == ["Exosomes", "Niacinamide"]


def test_a_label_files_own_claims_come_first_and_a_repeated_claim_is_kept_once(scanner: Any) -> None:
    label = LabelInfo(claims=("vegan", "Key ingredients: Exosomes."))
    report = scanner.scan("Key ingredients: Exosomes. Ingredients: Water, Glycerin", label=label)
    assert report.label.claims == ("vegan", "Key ingredients: Exosomes.")
    assert "CL01" in rules(report)


def test_the_brief_a_catalogue_row_gets_has_the_same_claim_findings(scanner: Any) -> None:
    text = "Key Ingredients: Exosomes, Peptides. " + PLAIN_LIST
    assert {f.rule for f in scanner.brief(text).findings} >= {"CL01"}
    assert [b.findings for b in scanner.brief_many([(text, None, None)])] == [scanner.brief(text).findings]


def test_a_catalogue_row_with_a_highlight_reports_the_claim_rule(tmp_path: Path, capsys: Any) -> None:
    rows = [
        {"sku": "1", "name": "Glow Serum", "ingredients": "Key Ingredients: Exosomes. " + PLAIN_LIST, "claims": ""},
        {"sku": "2", "name": "Plain Serum", "ingredients": PLAIN_LIST, "claims": ""},
    ]
    cat = write_catalogue(tmp_path / "cat.csv", rows=rows)
    out = tmp_path / "out.jsonl"
    code, _o, err = run_batch(capsys, str(cat), "-o", str(out), "--fail-on", "never", "--no-progress")
    assert code == 0, err
    recs = records(out)
    assert "CL01" in json.dumps(recs[0]["rules"]) and "CL01" not in json.dumps(recs[1]["rules"])


@pytest.mark.parametrize(
    ("block", "text"),
    [
        ("KEY INGREDIENTS:\nPlant Exosomes\nNiacinamide\n\n", "KEY INGREDIENTS: Plant Exosomes, Niacinamide"),
        ("Key ingredients:  Exosomes,\n  Peptides. ", "Key ingredients: Exosomes, Peptides."),
        ("Key ingredients: A; \nB", "Key ingredients: A; B"),
        ("   \n", ""),
    ],
)
def test_a_highlight_block_reads_as_one_line(block: str, text: str) -> None:
    assert highlight_text(block) == text


def test_the_mask_blanks_the_block_and_keeps_its_text() -> None:
    t = "Key Ingredients: Exosomes, Peptides. Ingredients: Water, Glycerin"
    masked = mask_label(t)
    assert masked.highlights == ("Key Ingredients: Exosomes, Peptides.",)
    assert "Exosomes" not in masked.work and "Water, Glycerin" in masked.work
    assert len(masked.work) == len(t)
