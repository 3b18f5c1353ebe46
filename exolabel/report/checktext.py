"""``exolabel check`` as text (one ``file:line:col: severity CODE message`` line per finding, like compilers
and linters print, so editors can jump to it) and as JSON (the scan document, schema 1, with each finding's
location and fingerprint, and the suppressed and baselined findings). Pure: ``render_*(...) -> str``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from exolabel.ci.check import CheckResult, Located
from exolabel.report import json as json_report


def _line(f: Located) -> str:
    p = f.position
    subject = f" [{f.subject}]" if f.subject and f.subject not in f.finding.message else ""
    return f"{f.path}:{p.line}:{p.column}: {f.severity.value} {f.finding.rule} {f.finding.message}{subject}"


def error_line(path: str, message: str) -> str:
    """'path:line: error: message', keeping the line number a data error names."""
    m = re.match(rf"^{re.escape(path)}(:\d+)?:\s*", message)
    if m:
        return f"{path}{m.group(1) or ''}: error: {message[m.end() :]}"
    return f"{path}: error: {message}"


def summary_line(result: CheckResult) -> str:
    c = result.counts()
    extra = [f"{c[k]} {k}" for k in ("suppressed", "baselined") if c[k]]
    if c["errors"]:
        extra.append(f"{c['errors']} not checked")
    files = "1 file" if c["files"] == 1 else f"{c['files']} files"
    return f"{files} checked: {c['error']} errors, {c['warning']} warnings, {c['info']} info" + (
        f" ({', '.join(extra)})" if extra else ""
    )


def render_text(result: CheckResult) -> str:
    out = []
    for fr in result.files:
        if fr.error:
            out.append(error_line(fr.path, fr.error))
        out.extend(_line(f) for f in fr.findings)
    out.append(summary_line(result))
    return "\n".join(out) + "\n"


def _finding(f: Located) -> dict[str, Any]:
    p = f.position
    d = f.finding.to_dict()
    d["subject"] = f.subject
    d["location"] = {"line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column}
    d["fingerprint"] = f.key.fingerprint
    if f.suppressed_by is not None:
        d["suppressed"] = f.suppressed_by
    return d


def render_json(result: CheckResult, sources: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    reports = list(result.reports)
    errors = [{"source": fr.path, "message": fr.error} for fr in result.files if fr.error]
    doc = json_report.document(reports, errors, sources)
    checked = [fr for fr in result.files if fr.report is not None]
    for res, fr in zip(doc["results"], checked, strict=True):
        res["findings"] = [_finding(f) for f in fr.findings]
        res["suppressed"] = [_finding(f) for f in fr.suppressed]
        res["baselined"] = [_finding(f) for f in fr.baselined]
    doc["summary"] = result.counts()
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
