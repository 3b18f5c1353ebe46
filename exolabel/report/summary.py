"""The catalogue summary: a fold over result records, so a resumed run rebuilds it from the output it continues.

:class:`Summary` counts rows by status, EV-family products by category, origin and term, products per rule,
findings by severity and unrecognized ingredient names; it keeps the first flagged products (for the HTML
table) and the first rows that could not be checked. :func:`render_text` prints it for a terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from exolabel.catalogue.write import COLUMNS, LIST_COLUMNS
from exolabel.model import ORIGINS

TOP = 15
KEEP_FLAGGED = 5000
KEEP_ERRORS = 20
MAX_UNRECOGNIZED = 200_000  # distinct names kept; beyond, names seen once are dropped (memory stays flat)
_ROW, _STATUS, _ERRORS, _WARNINGS, _INFOS, _EV_TERMS, _EV_CATEGORIES, _EV_ORIGINS, _RULES, _UNRECOGNIZED, _MESSAGE = (
    COLUMNS.index(c)
    for c in (
        "row",
        "status",
        "errors",
        "warnings",
        "infos",
        "ev_terms",
        "ev_categories",
        "ev_origins",
        "rules",
        "unrecognized",
        "message",
    )
)


class Summary:
    """Aggregates result records (see ``exolabel.catalogue.write.COLUMNS``)."""

    def __init__(
        self, catalogue: str | None = None, keep_flagged: int = KEEP_FLAGGED, max_unrecognized: int = MAX_UNRECOGNIZED
    ) -> None:
        self.catalogue = catalogue
        self.rows = 0
        self.status: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.ev_products = 0
        self.categories: Counter[str] = Counter()
        self.origins: Counter[str] = Counter()
        self.by_category_origin: Counter[tuple[str, str]] = Counter()
        self.terms: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.unrecognized: Counter[str] = Counter()
        self._unrecognized_name: dict[str, str] = {}
        self.flagged_total = 0
        self.flagged: list[dict[str, Any]] = []
        self.errors: list[tuple[int, str]] = []
        self._keep_flagged = keep_flagged
        self._max_unrecognized = max_unrecognized

    def add_all(self, records: Iterable[Mapping[str, Any]]) -> None:
        for r in records:
            self.add(r)

    def add(self, r: Mapping[str, Any]) -> None:
        self.add_values(tuple([r.get(c) for c in COLUMNS]))

    def add_values(self, v: Sequence[Any]) -> None:
        """Add one record given as its values in ``COLUMNS`` order (how the batch engine passes them)."""
        self.rows += 1
        status = v[_STATUS]
        self.status[status] += 1
        if status == "error":
            if len(self.errors) < KEEP_ERRORS:
                self.errors.append((v[_ROW], v[_MESSAGE] or ""))
            return
        sev = self.severities
        sev["errors"] += v[_ERRORS]
        sev["warnings"] += v[_WARNINGS]
        sev["infos"] += v[_INFOS]
        self.rules.update(v[_RULES])
        if v[_UNRECOGNIZED]:
            unrecognized, names = self.unrecognized, self._unrecognized_name
            for name in v[_UNRECOGNIZED]:
                key = name.casefold()
                unrecognized[key] += 1
                if key not in names:
                    names[key] = name
            if len(unrecognized) > self._max_unrecognized:
                self._prune()
        terms = v[_EV_TERMS]
        if terms:
            self.ev_products += 1
            self.categories.update(v[_EV_CATEGORIES])
            self.origins.update(v[_EV_ORIGINS])
            for t in terms:
                term, cat, origin = split_term(t)
                self.terms[term] += 1
                self.by_category_origin[(cat, origin)] += 1
        if terms or v[_ERRORS]:
            self.flagged_total += 1
            if len(self.flagged) < self._keep_flagged:
                self.flagged.append(
                    {c: list(x) if c in LIST_COLUMNS and x is not None else x for c, x in zip(COLUMNS, v, strict=True)}
                )

    def _prune(self) -> None:
        """Drop names seen once (mostly one-off typos): the top list is what the summary shows."""
        for key in [k for k, n in self.unrecognized.items() if n == 1]:
            del self.unrecognized[key]
            del self._unrecognized_name[key]

    def to_dict(self, rows_read: int | None = None, rule_names: Mapping[str, str] | None = None) -> dict[str, Any]:
        names = rule_names or {}
        return {
            "schema": 1,
            "catalogue": self.catalogue,
            "rows_read": self.rows if rows_read is None else rows_read,
            "rows_written": self.rows,
            "status": {s: self.status.get(s, 0) for s in ("ok", "findings", "error")},
            "findings": {s: self.severities.get(s, 0) for s in ("errors", "warnings", "infos")},
            "ev_products": self.ev_products,
            "categories": dict(_top(self.categories, None)),
            "origins": {o: self.origins[o] for o in ORIGINS if self.origins.get(o)},
            "category_origin": [
                {"category": c, "origin": o, "products": n} for (c, o), n in _top(self.by_category_origin, None)
            ],
            "terms": [{"term": t, "products": n} for t, n in _top(self.terms, TOP)],
            "rules": [{"rule": code, "name": names.get(code), "products": n} for code, n in _top(self.rules, TOP)],
            "unrecognized": [
                {"name": self._unrecognized_name[k], "occurrences": n} for k, n in _top(self.unrecognized, TOP)
            ],
            "flagged_products": self.flagged_total,
            "errors": [{"row": row, "message": msg} for row, msg in self.errors],
        }


def split_term(text: str) -> tuple[str, str, str]:
    """'Human Fibroblast Conditioned Media (conditioned_media, human)' -> (term, category, origin)."""
    term, _, rest = text.rpartition(" (")
    cat, _, origin = rest.rstrip(")").partition(", ")
    return term, cat, origin


def _top(counter: Counter[Any], n: int | None) -> list[tuple[Any, int]]:
    """Most common first, ties in a stable order (by key), so summaries are identical run to run."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return items if n is None else items[:n]


def render_text(doc: Mapping[str, Any]) -> str:
    """The terminal summary (plain text: it is also read in CI logs)."""
    st = doc["status"]
    lines = [
        f"Catalogue: {doc['catalogue']}",
        f"Rows: {doc['rows_read']:,} read, {doc['rows_written']:,} written "
        f"({st['ok']:,} ok, {st['findings']:,} with findings, {st['error']:,} could not be checked)",
        f"Findings: {doc['findings']['errors']:,} errors, {doc['findings']['warnings']:,} warnings, "
        f"{doc['findings']['infos']:,} info",
        f"EV-family products: {doc['ev_products']:,}"
        + (f" ({doc['ev_products'] / max(1, doc['rows_written']):.1%} of rows)" if doc["rows_written"] else ""),
    ]
    if doc["categories"]:
        lines.append("  by category: " + ", ".join(f"{k} {v:,}" for k, v in doc["categories"].items()))
        lines.append("  by origin:   " + ", ".join(f"{k} {v:,}" for k, v in doc["origins"].items()))
    if doc["terms"]:
        lines.append("  top terms:   " + "; ".join(f"{t['term']} ({t['products']:,})" for t in doc["terms"][:8]))
    if doc["rules"]:
        lines.append("Top findings (products):")
        lines.extend(f"  {r['rule']:<6} {r['name'] or '':<36} {r['products']:>9,}" for r in doc["rules"][:10])
    if doc["unrecognized"]:
        lines.append("Top unrecognized ingredients (occurrences):")
        lines.extend(f"  {u['occurrences']:>9,}  {u['name']}" for u in doc["unrecognized"][:10])
    if doc["errors"]:
        lines.append("Rows that could not be checked (first ones):")
        lines.extend(f"  row {e['row']:,}: {e['message']}" for e in doc["errors"][:10])
    return "\n".join(lines) + "\n"
