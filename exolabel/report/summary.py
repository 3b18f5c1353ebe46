"""The catalogue summary: a fold over result records, so a resumed run rebuilds it from the output it continues.

:class:`Summary` counts rows by status, EV-family products by category, origin and term, products per rule and per
brand, product types and where they came from, findings by severity, unrecognized ingredient names and, among the
rows that could not be checked, those with no ingredient list (empty cells, placeholders, prose); it keeps
the worst products to review (``exolabel.report.review``: worst first, with reasons), the first rows that could
not be checked and the first row warnings. :func:`render_text` prints it for a terminal.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from exolabel.catalogue.write import COLUMNS, LIST_COLUMNS
from exolabel.model import ORIGINS
from exolabel.report.review import LISTED_RULES, TIERS, reasons, split_term, tier_of
from exolabel.rules.lexicon_rules import NO_LIST

TOP = 15
KEEP_FLAGGED = 5000  # products to review kept (the worst ones)
KEEP_ERRORS = 1000  # rows that could not be checked, and rows checked with a warning, kept (the first ones)
MAX_UNRECOGNIZED = 200_000  # distinct names kept; beyond, names seen once are dropped (memory stays flat)
_ROW, _BRAND, _TYPE, _TYPE_SOURCE, _STATUS, _ERRORS, _WARNINGS, _INFOS = (
    COLUMNS.index(c)
    for c in ("row", "brand", "product_type", "product_type_source", "status", "errors", "warnings", "infos")
)
_EV_TERMS, _EV_CATEGORIES, _EV_ORIGINS, _RULES, _UNRECOGNIZED, _MESSAGE = (
    COLUMNS.index(c)
    for c in (
        "ev_terms",
        "ev_categories",
        "ev_origins",
        "rules",
        "unrecognized",
        "message",
    )
)


def is_no_list(message: str | None) -> bool:
    """Does a row's error message say the cell holds no ingredient list (empty, a placeholder, prose, only
    separators), as opposed to a row that could not be read or checked (malformed, too long, not text)?"""
    return bool(message) and (NO_LIST in message or message.startswith("no ingredient names"))  # type: ignore[operator]


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
        self.review_total = 0
        self.tiers: Counter[int] = Counter()
        self._review: list[tuple[int, int, int, int, tuple[Any, ...]]] = []  # a heap: the best of the kept on top
        self.errors: list[tuple[int, str]] = []
        self.error_total = 0
        self.no_list_total = 0  # of error_total: cells with no ingredient list
        self.warned: list[tuple[int, str]] = []
        self.warned_total = 0
        self.decisions: dict[tuple[str, str], int] = {}  # (product type, its source) -> rows
        self.brands: dict[str, list[int]] = {}  # brand -> [products, EV-family, flagged, could not be checked]
        self._keep_flagged = keep_flagged
        self._max_unrecognized = max_unrecognized

    def add_all(self, records: Iterable[Mapping[str, Any]]) -> None:
        for r in records:
            self.add(r)

    def add(self, r: Mapping[str, Any]) -> None:
        self.add_values(tuple([r.get(c, [] if c in LIST_COLUMNS else None) for c in COLUMNS]))

    def add_values(self, v: Sequence[Any]) -> None:
        """Add one record given as its values in ``COLUMNS`` order (how the batch engine passes them)."""
        self.rows += 1
        status = v[_STATUS]
        self.status[status] += 1
        brand = v[_BRAND]
        counts = None
        if brand is not None:
            counts = self.brands.get(brand)
            if counts is None:
                counts = self.brands[brand] = [0, 0, 0, 0]
            counts[0] += 1
        if status == "error":
            self.error_total += 1
            if is_no_list(v[_MESSAGE]):
                self.no_list_total += 1
            if len(self.errors) < KEEP_ERRORS:
                self.errors.append((v[_ROW], v[_MESSAGE] or ""))
            if counts is not None:
                counts[3] += 1
            return
        decided = (v[_TYPE], v[_TYPE_SOURCE])
        self.decisions[decided] = self.decisions.get(decided, 0) + 1
        if v[_MESSAGE]:
            self.warned_total += 1
            if len(self.warned) < KEEP_ERRORS:
                self.warned.append((v[_ROW], v[_MESSAGE]))
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
            if counts is not None:
                counts[1] += 1
            self.categories.update(v[_EV_CATEGORIES])
            self.origins.update(v[_EV_ORIGINS])
            for t in terms:
                term, cat, origin = split_term(t)
                self.terms[term] += 1
                self.by_category_origin[(cat, origin)] += 1
        if terms or v[_ERRORS]:
            self.flagged_total += 1
            if counts is not None:
                counts[2] += 1
        rules = v[_RULES]
        if not terms and not v[_ERRORS] and LISTED_RULES.isdisjoint(rules):
            return  # nothing to review (one set test for most rows)
        tier = tier_of(rules, v[_EV_ORIGINS], v[_ERRORS], bool(terms))
        if tier is not None:
            self.review_total += 1
            self.tiers[tier] += 1
            # worst = lowest (tier, -errors, -warnings, row); the heap's top is the mildest kept, evicted first
            item = (-tier, v[_ERRORS], v[_WARNINGS], -v[_ROW], tuple(v))
            if len(self._review) < self._keep_flagged:
                heapq.heappush(self._review, item)
            elif item > self._review[0]:
                heapq.heapreplace(self._review, item)

    def review(self, rule_names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """The products to review, worst first, each with its tier and reasons."""
        out = []
        for neg_tier, _e, _w, _r, v in sorted(self._review, reverse=True):
            rec = {c: list(x) if c in LIST_COLUMNS and x is not None else x for c, x in zip(COLUMNS, v, strict=True)}
            rec["tier"] = -neg_tier
            rec["priority"] = TIERS[-neg_tier][1]
            rec["reasons"] = reasons(rec, rule_names)
            out.append(rec)
        return out

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
            "rows_checked": self.rows,
            "rows_written": self.rows,  # the command sets 0 (and "output": null) when no output file was asked for
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
            "product_types": {t: n for t, n in sorted(_fold(self.decisions, 0).items(), key=lambda tn: str(tn[0]))},
            "product_type_sources": dict(_top(Counter(_fold(self.decisions, 1)), None)),
            "brands": [
                {"brand": b, "products": c[0], "ev_products": c[1], "flagged": c[2], "unchecked": c[3]}
                for b, c in sorted(self.brands.items(), key=lambda bc: (-bc[1][2], -bc[1][1], -bc[1][0], bc[0]))
            ],
            "review_products": self.review_total,
            "review_tiers": {TIERS[t][1]: self.tiers[t] for t, _label, _doc in TIERS if self.tiers.get(t)},
            "review": self.review(names),
            "errors_total": self.error_total,
            "unchecked": {"no_list": self.no_list_total, "other": self.error_total - self.no_list_total},
            "errors": [{"row": row, "message": msg} for row, msg in self.errors],
            "row_warnings_total": self.warned_total,
            "row_warnings": [{"row": row, "message": msg} for row, msg in self.warned],
        }


def _fold(decisions: Mapping[tuple[str, str], int], part: int) -> dict[str, int]:
    """Rows by product type (``part`` 0) or by what decided it (1: column ..., name, default, option)."""
    out: dict[str, int] = {}
    for key, n in decisions.items():
        k = key[0] if part == 0 else (key[1] or "").partition(":")[0]
        out[k] = out.get(k, 0) + n
    return out


def _top(counter: Counter[Any], n: int | None) -> list[tuple[Any, int]]:
    """Most common first, ties in a stable order (by key), so summaries are identical run to run."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return items if n is None else items[:n]


def render_text(doc: Mapping[str, Any]) -> str:
    """The terminal summary (plain text: it is also read in CI logs)."""
    st = doc["status"]
    checked = doc.get("rows_checked", doc["rows_written"])
    output = doc.get("output", "?")
    done = (
        f"{checked:,} checked, not written (no output file: -o FILE, or -o - for stdout)"
        if output is None
        else f"{doc['rows_written']:,} written" + (" to stdout" if output == "stdout" else "")
    )
    lines = [
        f"Catalogue: {doc['catalogue']}",
        f"Rows: {doc['rows_read']:,} read, {done} "
        f"({st['ok']:,} ok, {st['findings']:,} with findings, {st['error']:,} could not be checked)",
        *_unchecked_line(doc),
        f"Findings: {doc['findings']['errors']:,} errors, {doc['findings']['warnings']:,} warnings, "
        f"{doc['findings']['infos']:,} info",
        f"EV-family products: {doc['ev_products']:,}"
        + (f" ({doc['ev_products'] / max(1, checked):.1%} of rows)" if checked else ""),
    ]
    if doc.get("product_types"):
        lines.append(
            "Product types: "
            + ", ".join(f"{k} {v:,}" for k, v in doc["product_types"].items())
            + " (decided by "
            + ", ".join(f"{k} {v:,}" for k, v in doc["product_type_sources"].items())
            + ")"
        )
    if doc.get("row_warnings_total"):
        lines.append(f"Rows checked with a warning: {doc['row_warnings_total']:,} (first ones):")
        lines.extend(f"  row {w['row']:,}: {w['message']}" for w in doc["row_warnings"][:5])
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
    if doc.get("brands"):
        lines.append("By brand (products, EV-family, flagged):")
        lines.extend(
            f"  {b['products']:>7,} {b['ev_products']:>7,} {b['flagged']:>7,}  {b['brand']}" for b in doc["brands"][:10]
        )
        if len(doc["brands"]) > 10:
            lines.append(f"  ... {len(doc['brands']) - 10:,} more brands (all in --summary and --html)")
    if doc.get("review"):
        lines.append(f"Look first ({doc['review_products']:,} products to review; the worst):")
        for r in doc["review"][:10]:
            who = f"{r['name'] or r['id'] or ''}" + (f" ({r['brand']})" if r.get("brand") else "")
            lines.append(f"  row {r['row']:,} {who}: {'; '.join(r['reasons'])}")
    if doc["errors"]:
        lines.append("Rows that could not be checked (first ones):")
        lines.extend(f"  row {e['row']:,}: {e['message']}" for e in doc["errors"][:10])
    return "\n".join(lines) + "\n"


def _unchecked_line(doc: Mapping[str, Any]) -> list[str]:
    """The rows that could not be checked, split: no ingredient list, other errors (none when every row was checked)."""
    unchecked = doc.get("unchecked")
    if not unchecked or not doc["status"]["error"]:
        return []
    return [
        f"  not checked: {unchecked['no_list']:,} with no ingredient list (empty, placeholder, prose), "
        f"{unchecked['other']:,} other (malformed, too long, not text, internal error)"
    ]
