"""``exolabel check`` as text (one ``file:line:col: severity CODE message`` line per finding and per problem,
like compilers and linters print, so editors can jump to it; coloured at a terminal) and as JSON (the scan
document, schema 1, with each finding's location and fingerprint, the suppressed and baselined findings, and
every problem with its place). Pure: ``render_*(...) -> str``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from exolabel.ci.check import CheckResult, FileResult, Located
from exolabel.ci.diagnostic import Diagnostic
from exolabel.report import json as json_report

# ANSI styles for a terminal: severity words in their colour, the place in bold, the summary's counts.
_STYLE = {"error": "1;31", "warning": "33", "info": "36", "note": "2", "place": "1", "dim": "2"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color else text


def _line(f: Located, color: bool = False) -> str:
    p = f.position
    subject = f" [{f.subject}]" if f.subject and f.subject not in f.finding.message else ""
    sev = f.severity.value
    return (
        f"{_paint(f'{f.path}:{p.line}:{p.column}:', 'place', color)} {_paint(sev, sev, color)} "
        f"{f.finding.rule} {f.finding.message}{subject}"
    )


def diagnostic_line(d: Diagnostic, color: bool = False) -> str:
    """'path:line:col: error: message' (as far as the place is known)."""
    head = _paint(f"{d.where}:", "place", color) + " " if d.where else ""
    return f"{head}{_paint(d.level, d.level, color)}: {d.message}"


def summary_line(result: CheckResult) -> str:
    c = result.counts()
    extra = [f"{c[k]} {k}" for k in ("suppressed", "baselined", "skipped") if c[k]]
    if c["errors"]:
        extra.append(f"{c['errors']} not checked")
    files = "1 file" if c["files"] == 1 else f"{c['files']} files"
    return f"{files} checked: {c['error']} errors, {c['warning']} warnings, {c['info']} info" + (
        f" ({', '.join(extra)})" if extra else ""
    )


def render_text(result: CheckResult, color: bool = False) -> str:
    out = [diagnostic_line(d, color) for d in result.diagnostics]
    for fr in result.files:
        out.extend(diagnostic_line(d, color) for d in fr.problems)
        out.extend(diagnostic_line(d, color) for d in fr.notes)  # what was read from its photos
        out.extend(_line(f, color) for f in fr.findings)
    summary = summary_line(result)
    if color:
        bad = result.errors or result.run_errors or any(f.severity.value == "error" for f in result.findings)
        summary = _paint(summary, "error" if bad else "place", True)
    out.append(summary)
    return "\n".join(out) + "\n"


def error_dicts(result: CheckResult) -> list[dict[str, Any]]:
    """Every diagnostic, one per problem, with its place: the JSON document's ``errors`` (and warnings)."""
    out = []
    for d in (*result.diagnostics, *(d for fr in result.files for d in fr.problems)):
        e: dict[str, Any] = {"source": d.path, "message": d.message, "level": d.level}
        if d.line:
            e["line"] = d.line
            if d.column:
                e["column"] = d.column
        out.append(e)
    return out


def _finding(f: Located) -> dict[str, Any]:
    p = f.position
    d = f.finding.to_dict()
    d["subject"] = f.subject
    d["location"] = {"line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column}
    d["fingerprint"] = f.key.fingerprint
    if f.suppressed_by is not None:
        d["suppressed"] = f.suppressed_by
    return d


def photo_dict(fr: FileResult) -> dict[str, Any]:
    """What was read from a label file's photos, as scan's JSON ``photo`` object says it (without the seconds:
    check's output depends on the files only)."""
    return {
        "photos": [{"source": p.source, "engine": p.engine, "heading": p.heading, "text": p.text} for p in fr.photos],
        "low_confidence": [
            {"word": d.word, "confidence": round(d.confidence, 3), "ingredient": d.ingredient, "name": d.name}
            for d in fr.doubts
        ],
    }


def render_json(result: CheckResult, sources: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The scan document with each result's findings placed; a label read from photos has a ``photo`` object
    (in its result, or in its error entries when it could not be checked)."""
    reports = list(result.reports)
    doc = json_report.document(reports, error_dicts(result), sources)
    checked = [fr for fr in result.files if fr.report is not None]
    for res, fr in zip(doc["results"], checked, strict=True):
        res["findings"] = [_finding(f) for f in fr.findings]
        res["suppressed"] = [_finding(f) for f in fr.suppressed]
        res["baselined"] = [_finding(f) for f in fr.baselined]
        if fr.photos:
            res["photo"] = photo_dict(fr)
    unchecked = {fr.path: fr for fr in result.files if fr.report is None and fr.photos}
    for e in doc["errors"]:
        if e.get("source") in unchecked:
            e["photo"] = photo_dict(unchecked[e["source"]])
    doc["summary"] = result.counts()
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
