"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one run, the active rules with their docs
as help text, one result per finding with its file, line and column. Suppressed findings are included with a
SARIF ``suppressions`` entry (their reason as justification); with a baseline, each result has a
``baselineState`` (``new`` or ``unchanged``). Pure: ``render(...) -> str``, byte-identical for identical input.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from exolabel import __version__
from exolabel.ci.check import CheckResult, Located
from exolabel.ci.diagnostic import Diagnostic
from exolabel.model import Severity
from exolabel.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "exolabel/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_help(rule: Rule, sources: Mapping[str, Mapping[str, Any]]) -> tuple[str, str]:
    """The rule's doc, examples and sources as (plain text, markdown)."""
    text = [rule.summary, "", rule.doc, ""]
    md = [f"**{rule.code} {rule.name}**: {rule.summary}", "", rule.doc, ""]
    for ex in rule.examples:
        kind = "Flagged" if ex.bad else "Not flagged"
        note = f" ({ex.note})" if ex.note else ""
        text.append(f"{kind}: {ex.ingredients}{note}")
        md.append(f"- {kind}: `{ex.ingredients}`{note}")
    refs = [sources.get(s) or {"title": s} for s in rule.sources]
    if refs:
        text.append("Sources: " + "; ".join(f"{r.get('title')} {r.get('url') or ''}".strip() for r in refs))
        md.append("")
        md.extend(
            f"- Source: [{r.get('title')}]({r['url']})" if r.get("url") else f"- Source: {r.get('title')}" for r in refs
        )
    return "\n".join(text), "\n".join(md)


def _rule(rule: Rule, sources: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    text, md = rule_help(rule, sources)
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": text, "markdown": md},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.group]},
    }
    url = next((sources[s].get("url") for s in rule.sources if s in sources and sources[s].get("url")), None)
    if url:
        out["helpUri"] = url
    return out


def _result(f: Located, index: Mapping[str, int], baseline: str | None) -> dict[str, Any]:
    p = f.position
    res: dict[str, Any] = {
        "ruleId": f.finding.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": {
                        "startLine": p.line,
                        "startColumn": p.column,
                        "endLine": p.end_line,
                        "endColumn": max(p.end_column, p.column + 1) if p.end_line == p.line else p.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: f.key.fingerprint},
    }
    if f.finding.rule in index:
        res["ruleIndex"] = index[f.finding.rule]
    if baseline:
        res["baselineState"] = baseline
    if f.suppressed_by is not None:
        res["suppressions"] = [{"kind": "inSource", "justification": f.suppressed_by}]
    return res


def document(
    result: CheckResult,
    rules: Sequence[Rule],
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    with_baseline: bool = False,
    severity_of: Callable[[Rule], Severity] | None = None,
) -> dict[str, Any]:
    """The SARIF document. ``severity_of``: each rule's severity in this run; where a config's ``severity:`` changed
    it, the run's invocation says so in ``ruleConfigurationOverrides`` (SARIF 2.1.0, 3.20.5), and the rule keeps
    its own level as ``defaultConfiguration``."""
    srcs = sources or {}
    index = {r.code: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for fr in result.files:
        for f in fr.findings:
            results.append(_result(f, index, "new" if with_baseline else None))
        for f in fr.baselined:
            results.append(_result(f, index, "unchanged"))
        for f in fr.suppressed:
            results.append(_result(f, index, None))
    notes = [_notification(d) for d in (*result.diagnostics, *(d for fr in result.files for d in fr.problems))]
    notes += [_notification(d) for fr in result.files for d in fr.notes]  # what was read from photos
    overrides = [
        {"descriptor": {"id": r.code, "index": i}, "configuration": {"level": LEVELS[sev]}}
        for i, r in enumerate(rules)
        if severity_of is not None and (sev := severity_of(r)) is not r.severity
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "exolabel",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r, srcs) for r in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not (result.errors or result.run_errors),
                "toolExecutionNotifications": notes,
                **({"ruleConfigurationOverrides": overrides} if overrides else {}),
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _notification(d: Diagnostic) -> dict[str, Any]:
    """A problem that is not a finding, at its file, line and column as far as known."""
    note: dict[str, Any] = {"level": d.level, "message": {"text": d.message}}
    if d.path:
        loc: dict[str, Any] = {"artifactLocation": {"uri": d.path.replace("\\", "/")}}
        if d.line:
            loc["region"] = {"startLine": d.line, **({"startColumn": d.column} if d.column else {})}
        note["locations"] = [{"physicalLocation": loc}]
    return note


def render(
    result: CheckResult,
    rules: Sequence[Rule],
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    with_baseline: bool = False,
    severity_of: Callable[[Rule], Severity] | None = None,
) -> str:
    doc = document(result, rules, sources, with_baseline=with_baseline, severity_of=severity_of)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
