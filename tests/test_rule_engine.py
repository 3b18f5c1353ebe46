"""The rule engine on its own (``exolabel.rules``): which rules a selection runs, severity overrides and the order
of findings. Expected codes are written by hand from the rule table in the README."""

from __future__ import annotations

import pytest

from exolabel.model import LabelInfo, Severity
from exolabel.rules import RULES, Selection, SelectionError, check_refs, find_rule
from exolabel.scanner import Scanner

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: info (a SARIF "note")
ALL = [r.code for r in RULES]
LABEL = "Water, Exosomes, Human Fibroblast Conditioned Media, Parfum"  # 0 Water, 1 Exosomes, 2 HFCM, 3 Parfum


@pytest.mark.parametrize("ref", ["SR01", "sr01", " SR01 ", "source.unspecified-origin", "SOURCE.Unspecified-Origin"])
def test_find_rule_by_code_or_name_in_any_case(ref: str) -> None:
    rule = find_rule(ref)
    assert rule is not None and rule.code == "SR01"


@pytest.mark.parametrize("ref", ["SR", "source", "SR1", "unspecified-origin", ""])
def test_find_rule_takes_no_prefix_group_or_part_of_a_name(ref: str) -> None:
    assert find_rule(ref) is None


@pytest.mark.parametrize(
    ("select", "ignore", "codes"),
    [
        ((), (), ALL),
        (("all",), (), ALL),
        (("source",), (), ["SR01", "SR02", "SR03", "SR04"]),
        (("SOURCE",), (), ["SR01", "SR02", "SR03", "SR04"]),
        (("SR",), (), ["SR01", "SR02", "SR03", "SR04"]),  # a code prefix of up to 2 letters
        (("s",), (), ["SR01", "SR02", "SR03", "SR04", "SP01"]),
        (("cn01", "lexicon.unrecognized"), (), ["CN01", "LX02"]),  # RULES order, not the order asked
        (("source", "SR01"), (), ["SR01", "SR02", "SR03", "SR04"]),  # once each
        (("source",), ("SR02",), ["SR01", "SR03", "SR04"]),
        ((), ("irritant", "allergen", "regulatory", "concentration", "claim", "supporting", "LX"),
         ["SR01", "SR02", "SR03", "SR04"]),
        (("all",), ("all",), []),
    ],
)  # fmt: skip
def test_selection_runs_the_rules_named_by_code_name_group_or_prefix(
    select: tuple[str, ...], ignore: tuple[str, ...], codes: list[str]
) -> None:
    sel = Selection(select=select, ignore=ignore)
    assert [r.code for r in sel.active()] == codes
    assert [r.code for r in sel.active()] == codes  # worked out once, the same the second time


@pytest.mark.parametrize("ref", ["SR0", "SR05", "sourc", "irritants", "XX"])
def test_a_reference_to_no_rule_is_refused_with_the_groups(ref: str) -> None:
    message = (
        f"'{ref}' names no rule, code prefix or group (groups: irritant, allergen, source, regulatory, "
        "concentration, claim, supporting, lexicon; see 'exolabel rules')"
    )
    with pytest.raises(SelectionError) as e:
        check_refs([ref])
    assert str(e.value) == message
    for kwargs in ({"select": (ref,)}, {"ignore": (ref,)}, {"severities": {ref: E}}):
        with pytest.raises(SelectionError):
            Selection(**kwargs)  # type: ignore[arg-type]


def test_severity_overrides_by_code_group_or_prefix_first_match_wins() -> None:
    sr01, sr02, ir01 = (find_rule(c) for c in ("SR01", "SR02", "IR01"))
    assert sr01 is not None and sr02 is not None and ir01 is not None
    sel = Selection(severities={"SR02": E, "source": N})
    assert sel.severity_for(sr02, W) is E and sel.severity_for(sr01, W) is N and sel.severity_for(ir01, W) is W
    assert Selection(severities={"source": N, "SR02": E}).severity_for(sr02, W) is N
    assert Selection(severities={"S": E}).severity_for(sr01, N) is E


def _findings(sel: Selection) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.severity.value, f.ingredient) for f in Scanner(selection=sel).scan(LABEL).findings]


def test_findings_are_ordered_most_severe_first_then_by_ingredient_then_by_code() -> None:
    # Exosomes: SR01 (origin not stated); the fibroblast media: SR02 (human); Parfum: IR01 (fragrance)
    same = {"all": W}
    assert _findings(Selection(select=("source", "IR01"), severities=same)) == [
        ("SR01", "warning", 1),
        ("SR02", "warning", 2),
        ("IR01", "warning", 3),
    ]
    assert _findings(Selection(select=("source", "IR01"), severities={"SR01": N, "SR02": E, "IR01": W})) == [
        ("SR02", "error", 2),
        ("IR01", "warning", 3),
        ("SR01", "info", 1),
    ]
    # two rules on one ingredient at one severity: by code (CN01, no amount given, before SR01)
    assert _findings(Selection(select=("SR01", "CN01"), severities=same)) == [
        ("CN01", "warning", 1),
        ("SR01", "warning", 1),
        ("CN01", "warning", 2),
    ]
    assert _findings(Selection(select=("SR01",), ignore=("SR01",))) == []
    # an override changes only the rules it names: SR02 and IR01 keep their own severities (error, warning)
    assert _findings(Selection(select=("source", "IR01"), severities={"SR01": N})) == [
        ("SR02", "error", 2),
        ("IR01", "warning", 3),
        ("SR01", "info", 1),
    ]


def test_a_label_level_finding_comes_before_the_first_ingredients_finding_of_its_severity() -> None:
    # CL01 (a claim of plant exosomes the list does not back) is about the label, not an ingredient
    report = Scanner(selection=Selection(select=("SR01", "IR01", "CL"))).scan(
        "Exosomes, Water, Parfum", LabelInfo(claims=("with apple plant exosomes",))
    )
    got = [(f.rule, f.severity, f.ingredient) for f in report.findings]
    assert got == [("CL01", W, None), ("SR01", W, 0), ("IR01", W, 2)]


def test_rules_that_need_an_ev_ingredient_or_a_fact_are_skipped_where_they_cannot_fire() -> None:
    sel = Selection(select=("SR01", "IR01"))
    runnable = [r.code for r, _check in sel.runnable(frozenset(), has_ev=False)]
    assert runnable == []
    assert [r.code for r, _check in sel.runnable(frozenset(), has_ev=True)] == ["SR01"]
    assert [r.code for r, _check in sel.runnable(frozenset({"irritant:fragrance"}), has_ev=False)] == ["IR01"]
    assert [r.code for r, _c in sel.runnable(frozenset({"irritant:fragrance", "x"}), has_ev=True)] == ["IR01", "SR01"]
    assert Scanner(selection=sel).scan("Water, Glycerin").findings == ()


def test_a_finding_cites_its_own_sources_then_the_rules_once_each() -> None:
    rule = find_rule("SR01")
    assert rule is not None and rule.sources
    first = rule.sources[0]
    f = rule.finding("no origin", 2, sources=["entry-source", first])  # any iterable, a list too
    assert (f.rule, f.name, f.message, f.ingredient, f.severity) == ("SR01", rule.name, "no origin", 2, rule.severity)
    assert f.sources == ("entry-source", *rule.sources)
    assert rule.finding("m", sources=(s for s in ("a", "a"))).sources == ("a", *rule.sources)
    assert rule.finding("m", severity=Severity.ERROR, claim=0).sources == rule.sources
    assert rule.finding("m", severity=Severity.ERROR, claim=0).severity is Severity.ERROR


def test_run_rules_looks_the_rule_lists_up_itself_when_the_context_has_none() -> None:
    """A caller that builds its own Context (no list hits) gets the same findings: IR01 needs the fragrance fact
    that only the list lookup of 'Parfum' gives, and two findings of one severity still come in label order."""
    from exolabel.model import LabelInfo
    from exolabel.rules import run_rules
    from exolabel.rules.base import make_context

    sel = Selection(select=("IR01", "SR01"), severities={"all": W})
    scanner = Scanner(selection=sel)
    report = scanner.scan(LABEL)
    lexicon, data = object(), scanner.rule_data
    ctx = make_context(report.ingredients, LabelInfo(), "leave-on", ("eu",), data, lexicon, None)
    assert (ctx.ingredients, ctx.label, ctx.product_type, ctx.markets) == (
        report.ingredients,
        LabelInfo(),
        "leave-on",
        ("eu",),
    )
    assert ctx.data is data and ctx.lexicon is lexicon and ctx.hits is None
    assert [(f.rule, f.severity, f.ingredient) for f in run_rules(ctx, sel)] == [("SR01", W, 1), ("IR01", W, 3)]
