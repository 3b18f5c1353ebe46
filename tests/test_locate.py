"""Findings point at the ingredient or claim inside the label file, whatever the file's syntax."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from exolabel.ci.check import read_label
from exolabel.ci.locate import Locator

NAMES = [
    "Aqua",
    "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media",
    "1,2-Hexanediol",
    "Rosa Damascena Flower Water",
    "Lactobacillus Extracellular Vesicles (2 billion/mL)",
    'Parfum "Fragrance"',
]
CLAIMS = ["Clinically proven", "Contains 2 billion exosomes"]


def _yaml_block() -> str:
    return (
        "product: P\nclaims:\n  - Clinically proven\n  - Contains 2 billion exosomes\ningredients: |\n  "
        + ", ".join(NAMES[:3])
        + ",\n  "
        + ", ".join(NAMES[3:])
        + "\n"
    )


def _yaml_folded() -> str:
    # a folded scalar wraps long lines: the ingredient continues on the next line
    return (
        "claims: [Clinically proven, Contains 2 billion exosomes]\n"
        "ingredients: >\n  Aqua, Human Umbilical Cord Mesenchymal Stem\n  Cell Conditioned Media, 1,2-Hexanediol,\n"
        '  Rosa Damascena Flower Water, Lactobacillus Extracellular Vesicles (2 billion/mL),\n  Parfum "Fragrance"\n'
    )


def _yaml_flow_list() -> str:
    items = ", ".join(json.dumps(n) for n in NAMES)
    return f"claims: {json.dumps(CLAIMS)}\ningredients: [{items}]\n"


def _yaml_block_list() -> str:
    return "claims:\n" + "".join(f"- {c}\n" for c in CLAIMS) + "ingredients:\n" + "".join(f"  - '{n}'\n" for n in NAMES)


def _json_text() -> str:
    return json.dumps({"product": "P", "claims": CLAIMS, "ingredients": ", ".join(NAMES)}, indent=2)


def _json_list() -> str:
    return json.dumps({"claims": CLAIMS, "ingredients": NAMES}, ensure_ascii=True)


def _toml_multiline() -> str:
    body = ",\n".join(n.replace('"', '\\"') for n in NAMES)
    return f'product = "P"\nclaims = {json.dumps(CLAIMS)}\ningredients = """\n{body}\n"""\n'


def _toml_array() -> str:
    return (
        "claims = "
        + json.dumps(CLAIMS)
        + "\ningredients = [\n"
        + "".join(f"  {json.dumps(n)},\n" for n in NAMES)
        + "]\n"
    )


CASES = {
    "block.yaml": _yaml_block,
    "folded.yaml": _yaml_folded,
    "flow.yml": _yaml_flow_list,
    "list.yaml": _yaml_block_list,
    "text.json": _json_text,
    "list.json": _json_list,
    "multi.toml": _toml_multiline,
    "array.toml": _toml_array,
}


def _at(text: str, line: int, col: int, end_line: int, end_col: int) -> str:
    lines = text.splitlines(keepends=True)
    if line == end_line:
        return lines[line - 1][col - 1 : end_col - 1]
    return lines[line - 1][col - 1 :] + "".join(lines[line : end_line - 1]) + lines[end_line - 1][: end_col - 1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_ingredient_and_claim_is_found_where_it_is_written(name: str, tmp_path: Path, scanner) -> None:
    if name.endswith(".toml") and sys.version_info < (3, 11):
        pytest.skip("TOML label files need Python 3.11+")
    path = tmp_path / name
    path.write_text(CASES[name](), encoding="utf-8")
    item, text = read_label(path, 1_000_000)
    ings = scanner.tokenizer.tokenize(item.text)
    assert len(ings) == len(NAMES)
    loc = Locator(text, plain=False)
    for ing in ings:
        p = loc.ingredient(ings, ing.index)
        found = _at(text, p.line, p.column, p.end_line, p.end_column)
        # the region holds the ingredient as written, modulo line wrapping and string escapes
        assert re.sub(r"\s+", " ", found.replace('\\"', '"')) == ing.text, (name, ing.text, found)
        assert p.line > 1 or name.startswith("list.json")
    for i, claim in enumerate(item.label.claims):
        p = loc.claim(item.label.claims, i)
        assert _at(text, p.line, p.column, p.end_line, p.end_column) == claim


def test_a_txt_file_maps_spans_directly_and_comments_keep_offsets(tmp_path: Path, scanner) -> None:
    path = tmp_path / "l.txt"
    path.write_text("# Source: https://example.invalid\nWater,\n  Exosomes 5%,\nGlycerin\n", encoding="utf-8")
    item, text = read_label(path, 1_000_000)
    ings = scanner.tokenizer.tokenize(item.text)
    loc = Locator(text, plain=True)
    p = loc.ingredient(ings, 1)
    assert (p.line, p.column) == (3, 3)
    assert _at(text, p.line, p.column, p.end_line, p.end_column) == ings[1].text


def test_an_item_that_cannot_be_found_falls_back_to_the_key_line() -> None:
    text = "product: P\n\ningredients: |\n  Water\n"
    loc = Locator(text, plain=False)
    assert loc.claim(["Not there"], 0).line == 1  # no claims key at all
    assert loc.key("ingredients").line == 3


def test_product_name_value_is_located() -> None:
    text = '{\n  "product": "Exosome Shot 2000",\n  "ingredients": ["Water"]\n}\n'
    p = Locator(text, plain=False).value("product", "Exosome Shot 2000")
    assert (p.line, p.column, p.end_column) == (2, 15, 32)
