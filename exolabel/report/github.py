"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding, shown
on the pull request's diff at the ingredient's line and column, one per problem (a file that could not be
checked, a config error, a skipped link, no label file found), and ``::notice`` for what was read from a label's
photos (the photo, the heading, the words read with low confidence). Pure: ``render(...) -> str``."""

from __future__ import annotations

from exolabel.ci.check import CheckResult
from exolabel.ci.diagnostic import Diagnostic
from exolabel.model import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _diagnostic(d: Diagnostic) -> str:
    props = [f"file={_prop(d.path)}"] if d.path else []
    if d.path and d.line:
        props.append(f"line={d.line}")
        if d.column:
            props.append(f"col={d.column}")
    props.append("title=exolabel")
    return f"::{'notice' if d.level == 'note' else d.level} {','.join(props)}::{_data(d.message)}"


def render(result: CheckResult, *, show_info: bool = False) -> str:
    """Annotations for errors and warnings (and the problems that kept a file from being checked); info notes
    are summed up in one line unless ``show_info`` (a pull request with dozens of notices hides the rest)."""
    lines = [_diagnostic(d) for d in result.diagnostics]
    hidden = 0
    for fr in result.files:
        lines.extend(_diagnostic(d) for d in fr.problems)
        lines.extend(_diagnostic(d) for d in fr.notes)  # a label read from photos: where, and the words to check
        for f in fr.findings:
            if f.severity is Severity.INFO and not show_info:
                hidden += 1
                continue
            p = f.position
            props = [f"file={_prop(f.path)}", f"line={p.line}", f"col={p.column}"]
            if p.end_line != p.line:
                props.append(f"endLine={p.end_line}")
            else:
                props.append(f"endColumn={p.end_column}")
            props.append(f"title={_prop(f.finding.rule + ' ' + f.finding.name)}")
            lines.append(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(f.finding.message)}")
    if hidden:
        lines.append(f"exolabel: {hidden} info notes not shown as annotations (--show-info lists them)")
    c = result.counts()
    lines.append(
        f"exolabel: {c['files']} files, {c['error']} errors, {c['warning']} warnings, {c['info']} info, "
        f"{c['suppressed']} suppressed, {c['baselined']} baselined, {c['errors']} unreadable, {c['skipped']} skipped"
    )
    return "\n".join(lines) + "\n"
