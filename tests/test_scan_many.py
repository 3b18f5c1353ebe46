"""A Scanner reused over a catalogue gives what a fresh one gives, whatever its memos hold and in which order."""

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


def test_memo_order_does_not_change_results(labels: list[str]) -> None:
    one, warmed = Scanner(), Scanner()
    expected = [one.scan(t, LabelInfo(product="P"), str(i)).to_dict() for i, t in enumerate(labels)]
    for t in reversed(labels):  # the memos filled in the other order first
        warmed.scan(t, LabelInfo(product="Q"))
    got = [warmed.scan(t, LabelInfo(product="P"), str(i)).to_dict() for i, t in enumerate(labels)]
    assert got == expected
    assert sum(1 for d in got if d["summary"]["corrected"]) > 0  # the fuzzy path was exercised
