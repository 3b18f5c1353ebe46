"""``Scanner.scan_many`` (catalogue chunks) gives exactly what ``Scanner.scan`` gives label by label."""

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
    one, many = Scanner(), Scanner()
    expected = [one.scan(t, LabelInfo(product="P"), str(i)).to_dict() for i, t in enumerate(labels)]
    got: list[dict] = []
    for start in range(0, len(labels), 400):
        chunk = [(t, LabelInfo(product="P"), str(start + i)) for i, t in enumerate(labels[start : start + 400])]
        got.extend(r.to_dict() for r in many.scan_many(chunk))
    assert got == expected
    assert sum(1 for d in got if d["summary"]["corrected"]) > 0  # the fuzzy path was exercised
