"""The facts a label can have, which decide the rules that can fire on it (``Rule.needs``).

A fact is a tag of a rule-list hit on one of the label's ingredients (``lists.hit_tags``), or :data:`LABEL_TEXT`.
Rules name their needs with these constants; :func:`check_needs` refuses any other name when a rule is defined, so
a misspelt fact fails at import instead of silently switching the rule off.
"""

from __future__ import annotations

from collections.abc import Iterable

# the values the rule data files may give (validated by rules.loader)
IRRITANT_CLASSES = (
    "fragrance",
    "essential-oil",
    "denatured-alcohol",
    "isothiazolinone",
    "formaldehyde-releaser",
    "formaldehyde",
    "contact-allergen",
    "other",
)
ALLERGEN_STATUS = ("label_required", "prohibited")

# The product name or a claim may hold a claim phrase or an EV-family word (RuleData.may_mention; every rule that
# needs it reads label text through RuleData.claims_in or .ev_number_in).
LABEL_TEXT = "label-text"
EU_PROHIBITED = "eu-prohibited"  # an ingredient the EU does not permit in some product type
IRRITANT_MIXTURE = "irritant:mixture"  # an irritant entry that is a mixture (essential oils, fragrance blends)
IRRITANT_LABEL_WARNING = "irritant:label-warning"  # an entry with a mandatory EU label warning
ANCHOR = "anchor"  # an ingredient with a known usual concentration (concentration anchors)
ACTIVE = "active"  # a well-evidenced supporting active
TRADE_NAME = "trade-name"  # a vesicle name printed over the INCI name the label declares (RuleData.trade_name)


def irritant(klass: str) -> str:
    """The fact "an ingredient of this irritant class"."""
    if klass not in IRRITANT_CLASSES:
        raise ValueError(f"unknown irritant class {klass!r} (known: {', '.join(IRRITANT_CLASSES)})")
    return "irritant:" + klass


def allergen(status: str) -> str:
    """The fact "an EU allergen entry with this status"."""
    if status not in ALLERGEN_STATUS:
        raise ValueError(f"unknown allergen status {status!r} (known: {', '.join(ALLERGEN_STATUS)})")
    return "allergen:" + status


ALL: frozenset[str] = frozenset(
    {
        LABEL_TEXT,
        EU_PROHIBITED,
        IRRITANT_MIXTURE,
        IRRITANT_LABEL_WARNING,
        ANCHOR,
        ACTIVE,
        TRADE_NAME,
        *map(irritant, IRRITANT_CLASSES),
        *map(allergen, ALLERGEN_STATUS),
    }
)


def check_needs(owner: str, needs: Iterable[str]) -> None:
    """Raise ValueError naming ``owner`` when ``needs`` holds a name that is not a fact."""
    unknown = sorted(set(needs) - ALL)
    if unknown:
        raise ValueError(f"{owner}: unknown fact(s) in needs: {', '.join(unknown)} (known: {', '.join(sorted(ALL))})")
