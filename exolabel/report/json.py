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


def document(
    reports: Sequence[Report],
    errors: Iterable[Mapping[str, Any]] = (),
    sources: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON document as a dict. ``sources`` (id -> title/url) adds a citation table."""
    doc: dict[str, Any] = {"schema": SCHEMA, "tool": tool_info(), "results": [r.to_dict() for r in reports]}
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
) -> str:
    return json.dumps(document(reports, errors, sources), ensure_ascii=False, indent=2) + "\n"
