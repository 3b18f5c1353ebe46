"""What severity a rule's findings usually have, and the range they can have.

A rule's own ``severity`` is the highest it can give, but many give less most of the time: a list-driven rule takes
each entry's severity for the product type (Parfum in a rinse-off product is a note), an essential oil's comes from
its evidence grade, and the market rules are errors only for a market that prohibits the material. What a user sees
should agree with the table (``exolabel rules``, the README), so both show the usual severity and the range.

- List-driven rules (``irritant:<class>`` needs): every entry of the rule's classes, in both product types and, for
  entries with ``first_five``, high in the list; for essential oils also every evidence grade of the plants in
  ``botanicals.yaml``. The usual severity is the most frequent one an entry of the list gives in a leave-on product
  (the default product type), the highest on a tie.
- Rules whose code picks the severity from the label (market, declared source): :data:`DECLARED`, which
  ``tests/test_severity.py`` checks against every finding on every example and real label.
- Every other rule always gives its own severity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from exolabel.model import PRODUCT_TYPES, Severity
from exolabel.rules.base import Rule
from exolabel.rules.identity import ESSENTIAL_OIL, EVIDENCE_SEVERITY
from exolabel.rules.lists import RuleData

_ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class SeverityRange:
    usual: Severity
    lowest: Severity
    highest: Severity

    def text(self) -> str:
        """'warning', or 'warning (info-error)' when the range is wider than the usual severity."""
        if self.lowest is self.highest:
            return self.usual.value
        return f"{self.usual.value} ({self.lowest.value}-{self.highest.value})"

    def span(self) -> str:
        return self.lowest.value if self.lowest is self.highest else f"{self.lowest.value}-{self.highest.value}"


# code -> (usual, lowest, highest) for rules whose severity depends on the label, not on a list entry:
# SR01 is a note when the label file declares the source; SR02 is an error when no market is given (the default) or
# a market prohibits human material, a warning when only markets that allow it are given; RG01 is an error for the
# EU and a warning when no market is given; SR03 is a note when the animal species is stated.
DECLARED: dict[str, tuple[Severity, Severity, Severity]] = {
    "SR01": (Severity.WARNING, Severity.INFO, Severity.WARNING),
    "SR02": (Severity.ERROR, Severity.WARNING, Severity.ERROR),
    "SR03": (Severity.WARNING, Severity.INFO, Severity.WARNING),
    "RG01": (Severity.WARNING, Severity.WARNING, Severity.ERROR),
}


def severity_range(rule: Rule, data: RuleData | None) -> SeverityRange:
    """The usual severity of ``rule``'s findings and their range (see the module doc)."""
    declared = DECLARED.get(rule.code)
    if declared is not None:
        return SeverityRange(*declared)
    classes = {t.split(":", 1)[1] for t in rule.needs if t.startswith("irritant:") and t != "irritant:mixture"}
    if data is None or not classes or "label-warning" in classes:
        return SeverityRange(rule.severity, rule.severity, rule.severity)
    usual: list[Severity] = []
    seen: set[Severity] = set()
    for irr in data.irritants:
        if irr.klass not in classes:
            continue
        usual.append(irr.severity.get("leave-on", rule.severity))
        seen.update(irr.severity.get(pt, rule.severity) for pt in PRODUCT_TYPES)
        seen.update(irr.first_five.values())
    if ESSENTIAL_OIL in classes:  # the plants widen the range; the entries (the common oils) set the usual one
        for plant in data.botany.plants:
            if plant.essential and plant.evidence:
                seen.update(EVIDENCE_SEVERITY[plant.evidence])
    if not usual:
        return SeverityRange(rule.severity, rule.severity, rule.severity)
    return SeverityRange(_mode(usual), _lowest(seen), _highest(seen))


def _mode(values: Iterable[Severity]) -> Severity:
    counts = Counter(values)
    return max(counts, key=lambda s: (counts[s], _ORDER[s]))


def _lowest(values: Iterable[Severity]) -> Severity:
    return min(values, key=_ORDER.__getitem__)


def _highest(values: Iterable[Severity]) -> Severity:
    return max(values, key=_ORDER.__getitem__)
