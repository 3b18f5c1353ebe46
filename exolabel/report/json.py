"""The machine-readable report: one JSON document, schema 1, byte-identical for identical input."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from exolabel import __version__
from exolabel.model import Report

SCHEMA = 1


def tool_info() -> dict[str, Any]:
    return {"name": "exolabel", "version": __version__}


def numbered(result: dict[str, Any]) -> dict[str, Any]:
    """Add the text report's numbering to one result: each ingredient's ``number`` is its 1-based position, shown
    as ``#n`` in the text report (``index`` stays 0-based); each finding's ``number`` is the number of the
    ingredient it is about (None for a finding about the label or a claim)."""
    for ing in result.get("ingredients", ()):
        ing["number"] = ing["index"] + 1
    for f in result.get("findings", ()):
        f["number"] = None if f.get("ingredient") is None else f["ingredient"] + 1
    return result


def applied_markets(report: Report, markets: Sequence[str]) -> list[str]:
    """The markets the rules applied to ``report``: the command's (``--market`` or the config's) and the label's."""
    own = [m.casefold() for m in report.label.markets]
    return list(dict.fromkeys((*markets, *own))) if own else list(markets)


def document(
    reports: Sequence[Report],
    errors: Iterable[Mapping[str, Any]] = (),
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    markets: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The JSON document as a dict. ``sources`` (id -> title/url) adds a citation table; ``markets`` (the scanner's,
    from ``--market`` or the config) adds each result's ``markets_applied``."""
    results = [numbered(r.to_dict()) for r in reports]
    if markets is not None:
        for rep, res in zip(reports, results, strict=True):
            res["markets_applied"] = applied_markets(rep, markets)
    doc: dict[str, Any] = {"schema": SCHEMA, "tool": tool_info(), "results": results}
    doc["errors"] = [dict(e) for e in errors]
    if sources is not None:
        used = sorted(
            {s for r in reports for f in r.findings for s in f.sources}
            | {s for r in reports for i in r.ingredients for m in i.matches for s in m.sources}
        )
        doc["sources"] = {s: dict(sources[s]) for s in used if s in sources}
    return doc


def render(
    reports: Sequence[Report],
    errors: Iterable[Mapping[str, Any]] = (),
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    markets: Sequence[str] | None = None,
) -> str:
    return json.dumps(document(reports, errors, sources, markets), ensure_ascii=False, indent=2) + "\n"
