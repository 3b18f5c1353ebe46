"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding, shown
on the pull request's diff at the ingredient's line and column. Pure: ``render(...) -> str``."""

from __future__ import annotations

from exolabel.ci.check import CheckResult
from exolabel.model import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(result: CheckResult) -> str:
    lines: list[str] = []
    for fr in result.files:
        if fr.error:
            lines.append(f"::error file={_prop(fr.path)},title=exolabel::{_data(fr.error)}")
        for f in fr.findings:
            p = f.position
            props = [f"file={_prop(f.path)}", f"line={p.line}", f"col={p.column}"]
            if p.end_line != p.line:
                props.append(f"endLine={p.end_line}")
            else:
                props.append(f"endColumn={p.end_column}")
            props.append(f"title={_prop(f.finding.rule + ' ' + f.finding.name)}")
            lines.append(f"::{COMMANDS[f.severity]} {','.join(props)}::{_data(f.finding.message)}")
    c = result.counts()
    lines.append(
        f"exolabel: {c['files']} files, {c['error']} errors, {c['warning']} warnings, {c['info']} info, "
        f"{c['suppressed']} suppressed, {c['baselined']} baselined, {c['errors']} unreadable"
    )
    return "\n".join(lines) + "\n"
