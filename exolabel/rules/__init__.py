"""The rule registry and engine.

Rules are listed explicitly in :data:`RULES` (no discovery magic); the README's rule table and
``exolabel rules`` are generated from it. ``run_rules`` applies a :class:`Selection` (select/ignore by code,
name or group; severity overrides) to a :class:`~exolabel.rules.base.Context`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from exolabel._fast.memo import RUNNABLE, Memo
from exolabel.model import Finding, Severity
from exolabel.rules import allergen, claim, concentration, irritant, lexicon_rules, regulatory, source, supporting
from exolabel.rules.base import GROUPS, Context, Example, Rule, label_facts
from exolabel.rules.common import list_hits

__all__ = ["GROUPS", "RULES", "Context", "Example", "Rule", "Selection", "find_rule", "run_rules"]

# Codes are forever: a retired rule keeps its code out of use; a renamed one keeps its old code/name in ``aliases``.
RULES: tuple[Rule, ...] = (
    *irritant.RULES,
    *allergen.RULES,
    *source.RULES,
    *regulatory.RULES,
    *concentration.RULES,
    *claim.RULES,
    *supporting.RULES,
    lexicon_rules.CORRECTED,
    lexicon_rules.UNRECOGNIZED,
    lexicon_rules.PLANT_PART,
)


def find_rule(ref: str) -> Rule | None:
    """A rule by code, dotted name or old alias (case-insensitive)."""
    r = ref.strip().casefold()
    for rule in RULES:
        if r in (rule.code.casefold(), rule.name.casefold(), *(a.casefold() for a in rule.aliases)):
            return rule
    return None


class SelectionError(ValueError):
    """A --select/--ignore/severity reference that names no rule or group."""


def _matches(rule: Rule, ref: str) -> bool:
    r = ref.strip().casefold()
    return (
        r in (rule.code.casefold(), rule.name.casefold(), rule.group, "all")
        or r in (a.casefold() for a in rule.aliases)
        or (len(r) <= 2 and rule.code.casefold().startswith(r))
    )


def check_refs(refs: Iterable[str]) -> None:
    for ref in refs:
        if not any(_matches(rule, ref) for rule in RULES):
            raise SelectionError(
                f"'{ref}' names no rule, code prefix or group (groups: {', '.join(GROUPS)}; see 'exolabel rules')"
            )


@dataclass(frozen=True)
class Selection:
    """Which rules run and at what severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    # worked out from the fields above, once: the active rules, and the runnable ones per label facts
    _active: list[tuple[Rule, ...]] = field(default_factory=list, init=False, repr=False, compare=False)
    _runnable: Memo[tuple[frozenset[str], bool], tuple[tuple[Rule, Any], ...]] = field(
        default_factory=lambda: Memo(RUNNABLE), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        check_refs((*self.select, *self.ignore, *self.severities))

    def active(self) -> tuple[Rule, ...]:
        """The selected rules, worked out once per selection (run_rules asks for every label)."""
        if not self._active:
            rules = [r for r in RULES if not self.select or any(_matches(r, s) for s in self.select)]
            self._active.append(tuple(r for r in rules if not any(_matches(r, i) for i in self.ignore)))
        return self._active[0]

    def runnable(self, facts: frozenset[str], has_ev: bool) -> tuple[tuple[Rule, Any], ...]:
        """(rule, its check) for the active rules that can fire on a label with these facts (see Rule.needs) and
        with or without an EV-family ingredient; the others have nothing to say there. Memoized per combination
        (labels share a few hundred)."""
        memo = self._runnable
        key = (facts, has_ev)
        rules = memo.get(key)
        if rules is None:
            rules = tuple(
                (r, r.check)
                for r in self.active()
                if (has_ev or not r.needs_ev) and (not r.needs or not r.needs.isdisjoint(facts))
            )
            memo.put(key, rules)
        return rules

    def severity_for(self, rule: Rule, default: Severity) -> Severity:
        for ref, sev in self.severities.items():
            if _matches(rule, ref):
                return sev
        return default


def run_rules(ctx: Context, selection: Selection | None = None) -> tuple[Finding, ...]:
    sel = selection or Selection()
    if ctx.data is not None and ctx.hits is None:  # the list lookups every list rule shares, once per label
        ctx = replace(ctx, hits=list_hits(ctx))
    out: list[Finding] = []
    # rules that need a fact the label lacks have nothing to say: skipped (the order rules run in does not matter:
    # the findings are sorted below)
    rules = sel.runnable(label_facts(ctx), bool(ctx.ev))
    if not sel.severities:
        for rule, check in rules:
            out.extend(check(rule, ctx))
    else:
        for rule, check in rules:
            for f in check(rule, ctx):
                sev = sel.severity_for(rule, f.severity)
                out.append(f if sev is f.severity else replace(f, severity=sev))
    if len(out) > 1:
        out.sort(key=_finding_order)
    return tuple(out)


def _finding_order(f: Finding) -> tuple[int, int, str]:
    """Most severe first, then label order (label-level findings first), then rule code."""
    i = f.ingredient
    return (-f.severity.rank, -1 if i is None else i, f.rule)


__all__ += ["Example", "SelectionError", "check_refs"]
