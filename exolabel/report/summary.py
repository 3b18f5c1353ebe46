"""The catalogue summary: a fold over result records, so a resumed run rebuilds it from the output it continues.

:class:`Summary` counts rows by status, EV-family products by category, origin and term, products per rule,
findings by severity and unrecognized ingredient names; it keeps the first flagged products (for the HTML
table) and the first rows that could not be checked. :func:`render_text` prints it for a terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from exolabel.model import ORIGINS

TOP = 15
KEEP_FLAGGED = 5000
KEEP_ERRORS = 20
MAX_UNRECOGNIZED = 200_000  # distinct names kept; beyond, names seen once are dropped (memory stays flat)


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
        self.rows += 1
        self.status[r["status"]] += 1
        if r["status"] == "error":
            if len(self.errors) < KEEP_ERRORS:
                self.errors.append((r["row"], r["message"] or ""))
            return
        for sev in ("errors", "warnings", "infos"):
            self.severities[sev] += r[sev]
        self.rules.update(r["rules"])
        for name in r["unrecognized"]:
            key = name.casefold()
            self.unrecognized[key] += 1
            self._unrecognized_name.setdefault(key, name)
        if len(self.unrecognized) > self._max_unrecognized:
            self._prune()
        if r["ev_terms"]:
            self.ev_products += 1
            self.categories.update(r["ev_categories"])
            self.origins.update(r["ev_origins"])
            for t in r["ev_terms"]:
                term, cat, origin = split_term(t)
                self.terms[term] += 1
                self.by_category_origin[(cat, origin)] += 1
        if r["ev_terms"] or r["errors"]:
            self.flagged_total += 1
            if len(self.flagged) < self._keep_flagged:
                self.flagged.append(dict(r))

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
