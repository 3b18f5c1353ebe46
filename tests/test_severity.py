"""Each rule's usual severity and range (``exolabel rules``, README table) hold for what users are shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exolabel.labelfile.read import read_path
from exolabel.model import LabelInfo, Severity
from exolabel.rules import RULES
from exolabel.rules.loader import load_rule_data
from exolabel.rules.severity import severity_range
from exolabel.scanner import Scanner

ROOT = Path(__file__).resolve().parents[1]
LABELS = sorted((ROOT / "examples" / "labels").glob("*.yaml"))
ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
RANGES = {r.code: severity_range(r, load_rule_data()) for r in RULES}


def _inputs() -> list[tuple[str, LabelInfo]]:
    out = []
    for path in LABELS:
        item = read_path(path)
        for markets in ((), ("eu",), ("us", "kr")):
            for pt in ("leave-on", "rinse-off"):
                out.append((item.text, replace(item.label, markets=markets, product_type=pt)))
    for rule in RULES:
        for e in rule.examples:
            for markets in (e.markets, ("eu",)):
                out.append((e.ingredients, replace(e.label(), markets=markets)))
    return out


def test_every_finding_is_within_its_rules_range() -> None:
    scanner = Scanner()
    seen: dict[str, set[Severity]] = {}
    outside = []
    for text, label in _inputs():
        for f in scanner.scan(text, label).findings:
            r = RANGES[f.rule]
            seen.setdefault(f.rule, set()).add(f.severity)
            if not ORDER[r.lowest] <= ORDER[f.severity] <= ORDER[r.highest]:
                outside.append((f.rule, f.severity.value, r.span(), f.message[:80]))
    assert not outside
    # the ranges are not wider than the rules can give: both ends of every declared range are seen
    for code in ("SR02", "RG01", "IR01", "IR02", "IR03"):
        assert {RANGES[code].lowest, RANGES[code].highest} <= seen[code], (code, seen[code])


@pytest.mark.parametrize(
    ("code", "usual", "span"),
    [("IR01", "warning", "info-error"), ("IR02", "warning", "info-warning"), ("SR02", "error", "warning-error")],
)
def test_usual_severity_and_range(code: str, usual: str, span: str) -> None:
    assert (RANGES[code].usual.value, RANGES[code].span()) == (usual, span)


def test_a_rule_with_one_severity_shows_one() -> None:
    assert RANGES["AL01"].text() == "info" and RANGES["CL04"].text() == "warning"
