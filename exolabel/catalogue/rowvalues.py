"""A catalogue row's result values: from a label's Brief (or the message of why it has none) and the row's cells.

What :class:`exolabel.catalogue.engine.RowChecker` makes of each row, in ``COLUMNS`` order (:class:`ResultRow`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exolabel.catalogue.context import RowMarkets, RowType, finding_subject, warnings_of
from exolabel.catalogue.write import ResultRow
from exolabel.model import Finding, Section, Severity, section_at

if TYPE_CHECKING:
    from exolabel.scanner import Brief

_CLAIM_SPLIT = ("\n", "|", ";")
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


def row_report(found: Brief | Exception) -> Brief | str:
    """A label's Brief, or the message of the exception checking it raised."""
    if isinstance(found, Exception):
        return f"internal error while checking this row: {type(found).__name__}: {found}"
    return found


def missing(v: Any) -> bool:
    """None, a float NaN or pandas' NA: an empty cell as data frames and spreadsheets hold it."""
    return type(v) is not str and (v is None or (isinstance(v, float) and v != v) or type(v).__name__ == "NAType")


def text_or_none(v: Any) -> str | None:
    if type(v) is not str:
        if missing(v):
            return None
        v = str(v)
    return v.strip() or None


def claims_of(v: Any) -> tuple[str, ...]:
    if not isinstance(v, str) or not v.strip():
        return ()
    parts = [v]
    for sep in _CLAIM_SPLIT:
        parts = [p for part in parts for p in part.split(sep)]
    return tuple(p.strip() for p in parts if p.strip())


def error_values(number: int, rid: Any, name: str | None, brand: str | None, message: str) -> ResultRow:
    return ResultRow.unchecked(number, text_or_none(rid), name, brand, message)


def row_values(
    number: int, rid: Any, name: str | None, brand: str | None, kind: RowType, markets: RowMarkets, report: Brief
) -> ResultRow:
    errors = warnings = infos = 0
    rules: dict[str, None] = {}
    found: list[str] = []
    sections = report.sections
    for f in report.findings:
        sev = f.severity
        if sev == _ERROR:
            errors += 1
            found.append(f"{f.rule} error: {in_product(f, sections) if sections else finding_subject(f.message)}")
        elif sev == _WARNING:
            warnings += 1
            found.append(f"{f.rule} warning: {in_product(f, sections) if sections else finding_subject(f.message)}")
        else:
            infos += 1
        rules[f.rule] = None
    terms: dict[str, None] = {}
    cats: dict[str, None] = {}
    origins: dict[str, None] = {}
    for s in report.ev:
        for m in s.matches:
            terms[f"{m.term} ({m.category}, {m.origin})"] = None
            cats[m.category] = None
            origins[m.origin] = None
    # fmt: off
    return _result_row((  # ResultRow's fields in order, as the tuple it is (keyword arguments cost more)
        number, text_or_none(rid), name, brand,  # row, id, name, brand
        kind.product_type, kind.source, list(markets.markets),  # product_type, product_type_source, markets
        "findings" if report.findings else "ok", errors, warnings, infos,  # status, errors, warnings, infos
        list(terms), list(cats), list(origins), list(rules), found,  # ev_terms/categories/origins, rules, findings
        report.count, [s.numbered() for s in sections] if sections else [],  # ingredients, sections
        [s.ingredient.name for s in report.unrecognized], warnings_of(kind, markets),  # unrecognized, message
    ))
    # fmt: on


_result_row = ResultRow._make


def in_product(f: Finding, sections: tuple[Section, ...]) -> str:
    """What the finding is about, in a kit with the product its ingredient belongs to: "Parfum (in Serum)"."""
    subject = finding_subject(f.message)
    s = section_at(sections, f.ingredient)
    return subject if s is None else f"{subject} (in {s.name})"
