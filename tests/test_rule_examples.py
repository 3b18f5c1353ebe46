"""Every rule's documented bad examples trigger it and its good examples do not (the docs are executed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exolabel.rules import GROUPS, RULES, Selection
from exolabel.scanner import Scanner

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "labels"
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


NEEDS_EV = [rule for rule in RULES if rule.needs_ev]


@pytest.mark.parametrize("rule", NEEDS_EV, ids=[r.code for r in NEEDS_EV])
def test_rules_that_need_an_ev_ingredient_say_nothing_without_one(scanner, rule) -> None:
    """The engine skips a ``needs_ev`` rule on labels without EV-family ingredients: it must have nothing to say."""
    from dataclasses import replace

    from exolabel.labelfile.read import read_path
    from exolabel.rules import Context

    labels = [(ex.ingredients, ex.label()) for r in RULES for ex in r.examples]
    labels += [(doc.text, doc.label) for doc in map(read_path, sorted(EXAMPLES.glob("*.*")))]
    checked = 0
    for text, label in labels:
        report = scanner.scan(text, label)
        kept = tuple(replace(s, matches=()) for s in report.ingredients)  # the same label, its EV terms unmatched
        ctx = Context(kept, label, label.product_type or "leave-on", label.markets, scanner.rule_data, scanner.lexicon)
        assert not ctx.ev
        assert list(rule.check(rule, ctx)) == [], text
        checked += 1
    assert checked > 40


def test_needs_ev_is_set_where_it_applies() -> None:
    assert {r.code for r in NEEDS_EV} >= {"SR01", "SR02", "SR03", "SR04", "CN01", "CN04"}


NEEDS = [rule for rule in RULES if rule.needs]


def _all_labels() -> list:
    from exolabel.labelfile.read import read_path

    labels = [(ex.ingredients, ex.label()) for r in RULES for ex in r.examples]
    return labels + [(doc.text, doc.label) for doc in map(read_path, sorted(EXAMPLES.glob("*.*")))]


@pytest.mark.parametrize("rule", NEEDS, ids=[r.code for r in NEEDS])
def test_rules_say_nothing_on_labels_without_the_facts_they_need(scanner, rule) -> None:
    """The engine skips a rule whose ``needs`` the label lacks (no ingredient hits a needed kind of list entry, or
    no product name or claim): the rule must have nothing to say there. Each label is checked with the hits that
    carry a needed tag taken away (and its product name and claims, when the rule needs label text)."""
    from dataclasses import replace

    from exolabel.rules import Context
    from exolabel.rules.base import label_facts
    from exolabel.rules.facts import LABEL_TEXT

    fired = 0
    for text, label in _all_labels():
        report = scanner.scan(text, label)
        fired += any(f.rule == rule.code for f in report.findings)
        hits = scanner.rule_data.label_hits(report.ingredients)
        kept = tuple((s, h) for s, h in hits if h.tags.isdisjoint(rule.needs))
        lab = replace(label, product=None, claims=()) if LABEL_TEXT in rule.needs else label
        pt = label.product_type or "leave-on"
        ctx = Context(report.ingredients, lab, pt, label.markets, scanner.rule_data, scanner.lexicon, kept)
        assert rule.needs.isdisjoint(label_facts(ctx))
        assert list(rule.check(rule, ctx)) == [], text
    assert fired, f"{rule.code} fires on none of the labels: the check above proves nothing"


def test_label_facts_are_the_tags_of_the_hits_and_the_label_text(scanner) -> None:
    """label_facts ORs the hits' masks and looks the facts up: the same as the union of their tags (plus LABEL_TEXT
    for a product name or claim that may_mention accepts), one frozenset object per combination."""
    from dataclasses import replace

    from exolabel.rules import Context
    from exolabel.rules.base import label_facts
    from exolabel.rules.facts import LABEL_TEXT

    data = scanner.rule_data
    seen = 0
    for text, label in _all_labels():
        report = scanner.scan(text, label)
        hits = data.label_hits(report.ingredients)
        for lab in (label, replace(label, product="Exosome Shot 2000"), replace(label, product=None, claims=())):
            ctx = Context(report.ingredients, lab, "leave-on", (), data, scanner.lexicon, hits)
            said = [t for t in (lab.product, *lab.claims) if t]
            expected = frozenset().union(*[h.tags for _, h in hits])
            if any(data.may_mention(t) for t in said):
                expected |= {LABEL_TEXT}
            assert label_facts(ctx) == expected, text
            assert label_facts(ctx) is label_facts(ctx)
            seen += bool(expected)
    assert seen > 20


def test_needs_names_facts_that_exist(scanner) -> None:
    """Every fact a rule needs is one the hit tagger or the label can produce (a typo would skip a rule forever)."""
    from exolabel.rules.facts import LABEL_TEXT
    from exolabel.rules.lists import hit_tags

    data = scanner.rule_data
    possible = {LABEL_TEXT}
    for e in data.irritants:
        possible |= hit_tags(e, None, None, None)
    for a in data.allergens:
        possible |= hit_tags(None, a, None, None)
    possible |= hit_tags(None, None, data.anchors[0], data.actives[0])
    (traded,) = scanner.scan("Rose Exosomes (Rosa Damascena Flower Extract)").ingredients
    possible |= data.hits(traded).tags  # a vesicle trade name over a declared INCI name
    assert {n for r in NEEDS for n in r.needs} <= possible
    assert {r.code for r in NEEDS} >= {"IR01", "AL01", "RG01", "RG02", "SP01", "CL01", "CN03"}


def test_a_misspelt_fact_fails_when_the_rule_is_defined() -> None:
    """Rule.needs names facts from exolabel.rules.facts; any other name is refused at definition (import) time."""
    import pytest

    from exolabel.model import Severity
    from exolabel.rules import Rule, facts

    def check(rule, ctx):
        return ()

    with pytest.raises(ValueError, match="XX99: unknown fact"):
        Rule("XX99", "irritant.x", Severity.INFO, "s", "d", (), (), check, needs=frozenset({"irritant:fragance"}))
    with pytest.raises(ValueError, match="unknown irritant class"):
        facts.irritant("fragance")
    assert Rule("XX98", "irritant.y", Severity.INFO, "s", "d", (), (), check, needs=frozenset({facts.ACTIVE}))
