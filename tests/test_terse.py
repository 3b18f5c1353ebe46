"""Terse rule contexts (``Context.terse``, what ``Scanner.brief`` gives the rules for catalogue rows): findings are
counted and named, not described. That is safe only if a terse context gives the very same findings, in the same
order, at the same severities, each either whole or without sources and with a message that names what the full
message names (the subject a catalogue row prints: ``finding_subject``), empty for an INFO finding; held here over
every entry of the rule lists, the rule examples, the bundled real labels and generated catalogue rows, in both
product types and with and without a market.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from exolabel.catalogue.context import finding_subject
from exolabel.labelfile.read import read_path
from exolabel.model import Finding, LabelInfo, Severity
from exolabel.rules import RULES, run_rules
from exolabel.rules.base import Context, make_context
from exolabel.scanner import Scanner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402

SETTINGS = list(itertools.product(("leave-on", "rinse-off"), ((), ("eu",), ("us",))))


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner().preload()


def _list_names(scanner: Scanner) -> list[str]:
    """Every name the rule lists hold (irritants, allergens and their label names, anchors, actives)."""
    d = scanner.rule_data
    names = [e.name for e in (*d.irritants, *d.anchors, *d.actives)]
    for a in d.allergens:
        names.append(a.label_name)
        names.extend([a.inci] if isinstance(a.inci, str) else a.inci)
    return sorted(set(names))


def _generated(n: int) -> list[tuple[str, LabelInfo]]:
    """Generated catalogue rows (both generators) with their product names."""
    rows = [*products(n, 7), *products(n // 3, 7, "botanical")]
    return [(p["ingredients"], LabelInfo(product=p["name"])) for p in rows]


def _labels(scanner: Scanner) -> list[tuple[str, LabelInfo]]:
    """Labels to check on: the list names in chunks, every rule example, the real labels, generated rows."""
    names = _list_names(scanner)
    out = [(", ".join(names[i : i + 40]), LabelInfo()) for i in range(0, len(names), 40)]
    out += [(ex.ingredients, ex.label()) for r in RULES for ex in r.examples]
    for path in sorted((ROOT / "examples" / "labels").glob("*.yaml")):
        lf = read_path(path)
        if lf.text:
            out.append((lf.text, lf.label))
    out += _generated(300)
    return out


def _contexts(scanner: Scanner, text: str, label: LabelInfo) -> list[Context]:
    report = scanner.scan(text, label)
    data = scanner.rule_data
    hits = data.label_hits(report.ingredients)
    return [
        make_context(report.ingredients, label, pt, markets, data, scanner.lexicon, hits) for pt, markets in SETTINGS
    ]


def test_a_terse_context_counts_info_findings_and_names_every_other(scanner: Scanner) -> None:
    def key(f: Finding) -> tuple[str, Severity, int | None]:
        return (f.rule, f.severity, f.ingredient)

    quiet = named = 0
    for text, label in _labels(scanner):
        for ctx in _contexts(scanner, text, label):
            full = run_rules(ctx)
            terse = run_rules(replace(ctx, terse=True))
            assert [key(f) for f in terse] == [key(f) for f in full]
            for t, f in zip(terse, full, strict=True):
                if t == f:
                    continue
                assert t.sources == ()
                if t.severity is Severity.INFO:
                    assert t.message == ""
                    quiet += 1
                else:  # a warning or an error: named as the row names it, by the start of its message
                    assert t.message and f.message.startswith(t.message)
                    assert finding_subject(t.message) == finding_subject(f.message)
                    named += 1
    assert quiet > 1000 and named > 100
