"""Every rule's documented bad examples trigger it and its good examples do not (the docs are executed)."""

from __future__ import annotations

import pytest

from exolabel.rules import GROUPS, RULES, Selection
from exolabel.scanner import Scanner

CASES = [(rule, i, ex) for rule in RULES for i, ex in enumerate(rule.examples)]


@pytest.fixture(scope="module")
def scanners(lexicon):
    return {rule.code: Scanner(lexicon, selection=Selection(select=(rule.code,))) for rule in RULES}


@pytest.mark.parametrize(("rule", "i", "example"), CASES, ids=[f"{r.code}-{i}" for r, i, _ in CASES])
def test_rule_example(scanners, rule, i, example) -> None:
    report = scanners[rule.code].scan(example.ingredients, example.label())
    fired = [f for f in report.findings if f.rule == rule.code]
    if example.bad:
        assert fired, f"{rule.code} bad example {i} did not fire: {example.ingredients!r}"
    else:
        assert not fired, f"{rule.code} good example {i} fired: {[f.message for f in fired]}"


def test_every_rule_is_documented() -> None:
    codes, names = set(), set()
    for rule in RULES:
        assert rule.code not in codes and rule.name not in names
        codes.add(rule.code)
        names.add(rule.name)
        assert rule.group in GROUPS, rule.name
        assert rule.summary and rule.doc and len(rule.doc) > 80
        assert any(e.bad for e in rule.examples) and any(not e.bad for e in rule.examples), rule.code
        assert rule.sources, rule.code


def test_rule_sources_resolve(scanner) -> None:
    known = set(scanner.lexicon.sources) | set(getattr(scanner.rule_data, "sources", {}) or {})
    missing = sorted({(r.code, s) for r in RULES for s in r.sources if s not in known})
    assert not missing, missing
