"""The rule registry and engine.

Rules are listed explicitly in :data:`RULES` (no discovery magic); the README's rule table and
``exolabel rules`` are generated from it. ``run_rules`` applies a :class:`Selection` (select/ignore by code,
name or group; severity overrides) to a :class:`~exolabel.rules.base.Context`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

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

    def __post_init__(self) -> None:
        check_refs((*self.select, *self.ignore, *self.severities))

    def active(self) -> tuple[Rule, ...]:
        """The selected rules, worked out once per selection (run_rules asks for every label)."""
        cached = self.__dict__.get("_active")
        if cached is None:
            rules = [r for r in RULES if not self.select or any(_matches(r, s) for s in self.select)]
            cached = tuple(r for r in rules if not any(_matches(r, i) for i in self.ignore))
            object.__setattr__(self, "_active", cached)  # a memo, not state: the fields stay frozen
        return cached

    def plan(self) -> tuple[tuple[Rule, Any, bool, frozenset[str] | None], ...]:
        """(rule, its check, needs_ev, needs or None) per active rule: what run_rules reads, looked up once."""
        cached = self.__dict__.get("_plan")
        if cached is None:
            cached = tuple((r, r.check, r.needs_ev, r.needs or None) for r in self.active())
            object.__setattr__(self, "_plan", cached)  # a memo, like _active
        return cached

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
    no_ev = not ctx.ev
    facts = label_facts(ctx)  # rules that need a fact the label lacks have nothing to say: skipped
    if not sel.severities:
        for rule, check, needs_ev, needs in sel.plan():
            if not ((no_ev and needs_ev) or (needs is not None and needs.isdisjoint(facts))):
                out.extend(check(rule, ctx))
    else:
        for rule, check, needs_ev, needs in sel.plan():
            if (no_ev and needs_ev) or (needs is not None and needs.isdisjoint(facts)):
                continue
            for f in check(rule, ctx):
                sev = sel.severity_for(rule, f.severity)
                out.append(f if sev is f.severity else replace(f, severity=sev))
    if len(out) > 1:
        out.sort(key=_finding_order)
    return tuple(out)


def _finding_order(f: Finding) -> tuple[int, int, str]:
    sev = f.severity  # identity tests: an Enum's hash (behind Severity.rank) runs in Python
    rank = 3 if sev is Severity.ERROR else 2 if sev is Severity.WARNING else 1
    return (-rank, f.ingredient if f.ingredient is not None else -1, f.rule)


__all__ += ["Example", "SelectionError", "check_refs"]
