"""``Scanner.scan_many`` (batched fuzzy matching) gives exactly what ``Scanner.scan`` gives label by label."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exolabel.model import LabelInfo
from exolabel.scanner import Scanner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402


@pytest.fixture(scope="module")
def labels() -> list[str]:
    return [p["ingredients"] for p in products(1500, 11)]


def test_scan_many_equals_scan_one_by_one(labels: list[str]) -> None:
    pytest.importorskip("numpy")
    one, many = Scanner(), Scanner()
    expected = [one.scan(t, LabelInfo(product="P"), str(i)).to_dict() for i, t in enumerate(labels)]
    got: list[dict] = []
    for start in range(0, len(labels), 400):
        chunk = [(t, LabelInfo(product="P"), str(start + i)) for i, t in enumerate(labels[start : start + 400])]
        got.extend(r.to_dict() for r in many.scan_many(chunk))
    assert got == expected
    assert sum(1 for d in got if d["summary"]["corrected"]) > 0  # the fuzzy path was exercised


def test_prefetch_fills_the_memo_for_unknown_names_only(scanner: Scanner) -> None:
    pytest.importorskip("numpy")
    fresh = Scanner(scanner.lexicon)
    fresh.matcher.prefetch(["glycerin", "niacinimide", "sodium hyaluronatte"])
    memo = fresh.matcher._memo
    assert "glycerin" not in memo  # known names need no fuzzy step
    assert memo["niacinimide"].correction is not None and memo["niacinimide"].correction.name == "Niacinamide"
    assert fresh.matcher.lookup("niacinimide") == Scanner(scanner.lexicon).matcher.lookup("niacinimide")


def test_selection_works_out_its_rules_once() -> None:
    from exolabel.rules import RULES, Selection

    sel = Selection(ignore=("LX01",))
    first = sel.active()
    assert first is sel.active()
    assert [r.code for r in first] == [r.code for r in RULES if r.code != "LX01"]
    assert sel == Selection(ignore=("LX01",))  # the memo is not part of equality
