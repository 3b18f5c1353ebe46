"""Which catalogue products a buyer should look at first, and why, in words.

A checked row is ranked by its worst problem (:data:`TIERS`, worst first): EU-prohibited or human-origin material,
then any error finding, then an EV-family ingredient whose source or amount is not disclosed, then claims the
ingredients do not back, then any other EV-family ingredient. A row with none of these is not listed. Pure
functions of a result record (the columns of ``exolabel.catalogue.write.COLUMNS``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# (tier, short label, what it means) worst first; the tier number is the sort key
TIERS: tuple[tuple[int, str, str], ...] = (
    (0, "prohibited / human", "an ingredient the EU prohibits in this product type, or material of human origin"),
    (1, "error", "an error finding (an irritant, allergen or market verdict at error severity)"),
    (2, "undisclosed EV", "an EV-family ingredient whose biological source or amount the label does not give"),
    (3, "claim", "a claim the ingredients do not back (EV, stem-cell, vegan, drug-like or number-in-name claims)"),
    (4, "EV-family", "an EV-family ingredient (exosome, conditioned media, lysate...) with nothing else to flag"),
)
PROHIBITED = frozenset({"RG01", "SR02"})
UNDISCLOSED_SOURCE = frozenset({"SR01"})
UNDISCLOSED_AMOUNT = frozenset({"CN01", "CN02"})
CLAIMS = frozenset({"CL01", "CL02", "CL03", "CL04", "CN03"})
_UNDISCLOSED = UNDISCLOSED_SOURCE | UNDISCLOSED_AMOUNT
# A row without an EV-family ingredient or an error finding is listed only for one of these
LISTED_RULES = PROHIBITED | CLAIMS


def split_term(text: str) -> tuple[str, str, str]:
    """'Human Fibroblast Conditioned Media (conditioned_media, human)' -> (term, category, origin)."""
    term, _, rest = text.rpartition(" (")
    cat, _, origin = rest.rstrip(")").partition(", ")
    return term, cat, origin


def tier_of(rules: Sequence[str], origins: Sequence[str], errors: int, has_ev: bool) -> int | None:
    """The row's tier (0 worst), or None when there is nothing to look at."""
    if rules:
        found = PROHIBITED.intersection(rules)
        if found or "human" in origins:
            return 0
        if errors:
            return 1
        if has_ev and not _UNDISCLOSED.isdisjoint(rules):
            return 2
        if not CLAIMS.isdisjoint(rules):
            return 3
    elif "human" in origins:
        return 0
    elif errors:
        return 1
    return 4 if has_ev else None


def _subjects(findings: Sequence[str], codes: frozenset[str]) -> list[str]:
    """The subjects of the findings (``"RG01 error: Name"``) with one of ``codes``, in order, once each."""
    out: dict[str, None] = {}
    for f in findings:
        code, _, rest = f.partition(" ")
        if code in codes:
            out[rest.partition(": ")[2] or rest] = None
    return list(out)


def reasons(rec: Mapping[str, Any], rule_names: Mapping[str, str] | None = None) -> list[str]:
    """Why the row is listed, worst first, in words."""
    rules = list(rec.get("rules") or [])
    findings = list(rec.get("findings") or [])
    terms = [split_term(t) for t in rec.get("ev_terms") or []]
    names = rule_names or {}
    out: list[str] = []
    prohibited = _subjects(findings, frozenset({"RG01"}))
    if "RG01" in rules:
        out.append("EU-prohibited ingredient: " + (", ".join(prohibited) or "see RG01"))
    human = [t for t, _c, o in terms if o == "human"]
    if human or "SR02" in rules:
        human = human or _subjects(findings, frozenset({"SR02"}))
        out.append("human-origin material (prohibited in the EU and UK): " + (", ".join(human) or "see SR02"))
    errors = [f for f in findings if " error: " in f and f.partition(" ")[0] not in PROHIBITED]
    if errors:
        out.append("errors: " + "; ".join(_worded(f, names) for f in errors))
    ev = [t for t, _c, _o in terms]
    if ev and "SR01" in rules:
        out.append(
            "EV-family ingredient with no stated source: " + ", ".join(_subjects(findings, UNDISCLOSED_SOURCE) or ev)
        )
    if ev and not UNDISCLOSED_AMOUNT.isdisjoint(rules):
        out.append("EV-family ingredient with no disclosed amount: " + ", ".join(ev))
    claims = [c for c in rules if c in CLAIMS]
    if claims:
        said = _subjects(findings, CLAIMS)
        out.append(
            "claims not backed: "
            + ", ".join(f"{c} {names.get(c, '')}".strip() for c in claims)
            + (f" ({'; '.join(said)})" if said else "")
        )
    if not out and ev:
        out.append("EV-family ingredient: " + ", ".join(ev))
    return out


def _worded(finding: str, names: Mapping[str, str]) -> str:
    code, _, rest = finding.partition(" ")
    subject = rest.partition(": ")[2]
    name = names.get(code)
    return f"{subject} ({code}{' ' + name if name else ''})"
