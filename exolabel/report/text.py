"""The shopper's report: a verdict first, then the EV-family ingredients, findings by severity, guesses and
what could not be read. Rendered with rich to a string (colour only when asked)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from exolabel.model import Report, ScannedIngredient, Severity
from exolabel.rules.source import category_words

PASTED = "pasted list"  # the title of a label read from stdin ('-', a pipe or the paste prompt)
_SEV_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_ORIGIN_WORDS = {
    "human": "HUMAN",
    "animal": "animal",
    "plant": "plant",
    "microbial": "microbial",
    "synthetic": "synthetic / recombinant",
    "unspecified": "source not stated",
}


def verdict(report: Report) -> str:
    """One sentence a shopper can act on."""
    ev = report.ev_ingredients
    worst = report.max_severity
    if not report.ingredients:
        return "No ingredients could be read from this label."
    if not ev:
        head = (
            "No exosome, extracellular-vesicle, conditioned-media, cell-culture, lysate or growth-factor "
            "ingredient found"
        )
    else:
        parts = []
        for s in ev:
            m = s.matches[0]
            parts.append(f"{category_words(m.category)} ({_ORIGIN_WORDS.get(m.origin, m.origin)})")
        uniq = list(dict.fromkeys(parts))
        head = f"Contains {len(ev)} EV-family ingredient{'s' if len(ev) != 1 else ''}: " + ", ".join(uniq)
    if worst is Severity.ERROR:
        tail = "; has problems flagged as errors"
    elif worst is Severity.WARNING:
        tail = "; has warnings worth checking"
    else:
        tail = ""
    return head + tail + "."


def _amount(s: ScannedIngredient) -> str:
    c = s.ingredient.concentration
    if c is None:
        return "no amount disclosed"
    if c.kind in ("percent", "ppm", "mass"):
        return f"{c.text} disclosed"
    if c.kind == "count":
        per = f" per {c.per}" if c.per else " (no volume given)"
        return f"{c.value:.3g} particles{per}"
    return f"'{c.text}' ({c.kind.replace('_', ' ')}, not a product concentration)"


_SEV_TITLE = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}


def _render_findings(console: Console, report: Report, source_title: Callable[[str], str]) -> None:
    """Findings grouped by severity, each with its position and its first source (messages name the ingredient)."""
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in report.findings if f.severity is sev]
        if not group:
            continue
        console.print(Text(f"\n{_SEV_TITLE[sev]} ({len(group)})", style=_SEV_STYLE[sev] + " bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in group:
            head = Text(f"{f.rule}", style="bold")
            if f.ingredient is not None:
                head.append(f" #{f.ingredient + 1}", style="dim")
            body = Text()
            body.append(f.message)
            if f.sources:
                body.append("\nsource: " + source_title(f.sources[0]), style="dim")
            grid.add_row(head, body)
        console.print(grid)


def _render_one(console: Console, report: Report, source_title: Callable[[str], str]) -> None:
    lab = report.label
    source = PASTED if report.source == "-" else report.source
    title = " — ".join(x for x in (lab.product, lab.brand) if x) or (source or "label")
    console.print(Text(title, style="bold"))
    if source and source != title:
        console.print(Text(report.source, style="dim"))
    console.print(Text("Verdict: ", style="bold") + Text(verdict(report)))
    ev = report.ev_ingredients
    if ev:
        console.print(Text(f"\nEV-family ingredients ({len(ev)} of {len(report.ingredients)})", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for s in ev:
            m = s.matches[0]
            origin = _ORIGIN_WORDS.get(m.origin, m.origin) + (f" ({m.detail})" if m.detail else "")
            how = f"{m.method} match" if m.method != "fuzzy" else f"fuzzy guess for '{m.term}' (score {m.score:.0f})"
            body = Text(s.ingredient.name, style="bold")
            body.append(f"\n{category_words(m.category)} · {origin} · {_amount(s)} · {how}")
            grid.add_row(f"#{s.ingredient.index + 1}", body)
        console.print(grid)
    if report.findings:
        _render_findings(console, report, source_title)
    summary = report.summary()
    counts = summary["findings"]
    console.print(
        Text(
            f"\n{summary['ingredients']} ingredients · {summary['ev_family']} EV-family · "
            f"{summary['corrected']} corrected · {summary['unrecognized']} not recognized · "
            f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info",
            style="dim",
        )
    )


def render(
    reports: Sequence[Report],
    *,
    color: bool = False,
    width: int = 100,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    errors: Sequence[Mapping[str, Any]] = (),
) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        color_system="standard" if color else None,
    )

    def source_title(sid: str) -> str:
        s = (sources or {}).get(sid)
        return str(s["title"]) if s else sid

    for i, report in enumerate(reports):
        if i:
            console.print(Text("─" * min(width, 60), style="dim"))
        _render_one(console, report, source_title)
    for e in errors:
        console.print(Text(f"error: {e.get('source') or 'input'}: {e.get('message')}", style="bold red"))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
