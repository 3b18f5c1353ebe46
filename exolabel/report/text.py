"""The shopper's report, rendered with rich to a string (colour only when asked).

Default: one screen. The verdict in plain words (what matters in the product, where it comes from, what is known,
what to ask the brand, what to do next), then one line per finding grouped by topic with the notes folded into a
count, then each source once as a numbered reference. ``details=True`` prints every finding's full paragraph,
every source of each, and the references with their full titles and addresses.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table
from rich.text import Text

from exolabel.model import SPECIES, Finding, Report, Severity
from exolabel.report.avoid import avoid_hits
from exolabel.report.guidance import Guidance, load_guidance
from exolabel.report.verdict import SECTIONS, Verdict, build, plural, section_of

PASTED = "pasted list"  # the title of a label read from stdin ('-', a pipe or the paste prompt)
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARK = {Severity.ERROR: "✖", Severity.WARNING: "!", Severity.INFO: "·"}
_NOUN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class _Refs:
    """Numbers each source the first time it is cited; renders the reference list once at the end."""

    def __init__(self, table: Mapping[str, Mapping[str, Any]]) -> None:
        self.table = table
        self.order: dict[str, int] = {}
        self.by_url: dict[str, str] = {}

    def cite(self, ids: Sequence[str]) -> str:
        """' [1,3]' for ``ids``; two ids of one address (the lexicon's and the rules' copy of a paper) are one."""
        nums: list[int] = []
        for sid in ids:
            url = str((self.table.get(sid) or {}).get("url") or "")
            same = self.by_url.get(url) if url else None
            n = self.order.get(same or sid) or self.order.setdefault(sid, len(self.order) + 1)
            if url:
                self.by_url.setdefault(url, same or sid)
            if n not in nums:
                nums.append(n)
        return f" [{','.join(map(str, nums))}]" if nums else ""

    def render(self, console: Console, details: bool) -> None:
        """Each cited source once: in full with its address (details), else its title and site on one line."""
        for sid, n in self.order.items():
            s = self.table.get(sid) or {}
            title, url = str(s.get("title") or sid), str(s.get("url") or "")
            if details:
                line = Text(f"[{n}] ", style="dim") + Text(title + (f" <{url}>" if url else ""))
                console.print(line, overflow="fold")
                continue
            site = urlsplit(url).netloc.removeprefix("www.") if url else ""
            head = Text(f"[{n}] ", style="dim") + Text(title)
            head.truncate(max(20, console.width - len(site) - 3), overflow="ellipsis")
            line = head + Text(f" · {site}" if site else "", style="dim underline")
            console.print(line, no_wrap=True, overflow="ellipsis")


def _first_clause(f: Finding, name: str | None) -> str:
    """The finding's message up to its first sentence or clause break ('. ', '; ', or ': ' past a short lead such as
    '(Parfum): ') outside brackets and quotes, without the leading 'Name'."""
    msg = f.message
    if name and msg.startswith(f"'{name}'"):
        msg = msg[len(name) + 2 :].lstrip(" ")  # a colon after the name stays: _named joins on it
    depth, quoted, cut = 0, False, len(msg)
    for i, ch in enumerate(msg):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "'" and (quoted or i == 0 or not msg[i - 1].isalnum()):  # an opening or closing quote, not "it's"
            quoted = not quoted
        if quoted or depth:
            continue
        if msg.startswith(". ", i) or ch == ";" or (i >= 12 and msg.startswith(": ", i)):
            cut = i
            break
    return msg[:cut].rstrip(". ")


def _named(number: int, name: str, clause: str) -> str:
    """'#12 Parfum: contact allergen', '#12 Fragrance (Parfum): ...', '#12 Parfum is ...' as the message joins them."""
    return f"#{number} {name}{'' if clause.startswith(':') else ' '}{clause}"


_LABEL_WIDTH = 13  # the widest heading, 'Ask the brand'


def _grid(console: Console) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold", width=_LABEL_WIDTH)
    grid.add_column(overflow="fold")
    return grid


def _verdict_block(console: Console, report: Report, v: Verdict, refs: _Refs, details: bool) -> None:
    console.print(Text("Verdict: ", style="bold") + Text(v.headline, style=_STYLE.get(v.level, "") if v.level else ""))
    grid = _grid(console)
    cite = (lambda ids: refs.cite(ids)) if details else (lambda ids: refs.cite(ids[:1]))
    if v.avoid:
        body = Text("; ".join(f"#{a.number} {a.name} ({a.term})" for a in v.avoid), style="bold red")
        grid.add_row("Avoid list", body)
    explained: set[str] = set()
    for item in v.items:
        body = Text(f"#{item.number} {item.name}", style="bold")
        if item.term.category not in explained:  # a term is explained the first time it appears
            explained.add(item.term.category)
            body.append(f": {item.term.plain}, {item.term.explain}" + cite(item.term.sources) + ".")
        else:
            body.append(f": {item.term.plain}.")
        origin = "not stated" if item.origin == "unspecified" else item.detail or item.origin
        amount = f"{item.amount} printed" if item.amount else "no amount printed"
        body.append(f" Source: {origin}; {amount}.")
        grid.add_row("What it is" if item is v.items[0] else "", body)
    for i, fact in enumerate(v.facts):
        said = fact.text + (f" {fact.more}" if details and fact.more else "")
        body = Text(f"{_MARK[fact.level]} ", style=_STYLE[fact.level]) + Text(said + cite(fact.sources))
        grid.add_row("Known" if i == 0 else "", body)
    if v.questions:
        asks = " ".join(q.text[0].upper() + q.text[1:] for q in v.questions)
        grid.add_row("Ask the brand", Text(asks + cite([s for q in v.questions for s in q.sources])))
    for i, adv in enumerate(v.advice):
        names = list(v.patch_test[:4]) + ([f"{len(v.patch_test) - 4} more"] if len(v.patch_test) > 4 else [])
        who = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
        text = adv.text.replace("{names}", who)
        grid.add_row("Next" if i == 0 else "", Text(text[0].upper() + text[1:] + cite(adv.sources)))
    if grid.row_count:
        console.print(grid)


def _findings_short(console: Console, report: Report, refs: _Refs) -> None:
    grid = _grid(console)
    known = [t for t, _ in SECTIONS]
    titles = known + sorted({section_of(f) for f in report.findings} - set(known))
    for title in titles:
        group = [f for f in report.findings if section_of(f) == title]
        if not group:
            continue
        first = True
        for f in group:
            if f.severity is Severity.INFO:
                continue
            name = report.ingredients[f.ingredient].ingredient.name if f.ingredient is not None else None
            body = Text(f"{_MARK[f.severity]} ", style=_STYLE[f.severity])
            clause = _first_clause(f, name)
            if name and f.ingredient is not None:
                body.append(f"#{f.ingredient + 1} {name}", style="bold")
                product = report.section_of(f.ingredient)
                if product:  # a kit: which of its products
                    body.append(f" ({product})", style="dim")
                body.append(_named(f.ingredient + 1, name, clause)[len(f"#{f.ingredient + 1} {name}") :])
            else:
                body.append(clause)
            body.append(refs.cite(f.sources[:1]))
            grid.add_row(title if first else "", body)
            first = False
        notes = [f for f in group if f.severity is Severity.INFO]
        if notes:
            lead = f"+ {plural(len(notes), 'note')}: "
            named = {f.ingredient for f in group if f.ingredient is not None and f not in notes}
            about = _about(report, notes, named, console.width - _LABEL_WIDTH - 1 - len(lead))
            body = Text(lead, style="cyan") + Text(about, style="dim")
            grid.add_row(title if first else "", body)
    if grid.row_count:
        console.print(Text("Findings: ", style="bold") + Text(_counts(report) + " (--details for the full text)"))
        console.print(grid)


def _about(report: Report, notes: Sequence[Finding], named: set[int], room: int) -> str:
    """What folded notes are about: each one's first clause when there are one or two, else the names (as many as
    fit in ``room`` characters, so the line stays one line)."""

    def name(f: Finding) -> str | None:
        return report.ingredients[f.ingredient].ingredient.name if f.ingredient is not None else None

    if len(notes) <= 2:
        said = []
        for f in notes:
            n = name(f)
            if n is None:
                said.append(_first_clause(f, None))
            elif f.ingredient in named:  # already named on a line above: its number is enough
                said.append(f"#{f.ingredient + 1} {_first_clause(f, n).lstrip(': ')}")  # type: ignore[operator]
            else:
                said.append(_named(f.ingredient + 1, n, _first_clause(f, n)))  # type: ignore[operator]
        return "; ".join(dict.fromkeys(said))
    names = list(dict.fromkeys(n for f in notes if (n := name(f))))
    return _fit(names, room) if names else "; ".join(dict.fromkeys(_first_clause(f, None) for f in notes))


def _fit(names: Sequence[str], room: int) -> str:
    """As many names as fit in ``room`` characters (at least one), then 'and N more'."""
    for k in range(len(names), 0, -1):
        more = len(names) - k
        text = ", ".join(names[:k]) + (f" and {more} more" if more else "")
        if len(text) <= room or k == 1:
            return text
    return ""


def _findings_long(console: Console, report: Report, refs: _Refs) -> None:
    """Today's paragraphs: every finding in full, by severity, each with all its sources as references."""
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in report.findings if f.severity is sev]
        if not group:
            continue
        console.print(Text(f"{_NOUN[sev].capitalize()}s ({len(group)})", style=_STYLE[sev] + " bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in group:
            head = Text(f.rule, style="bold")
            if f.ingredient is not None:
                head.append(f" #{f.ingredient + 1}", style="dim")
                product = report.section_of(f.ingredient)
                if product:
                    head.append(f" ({product})", style="dim")
            grid.add_row(head, Text(f.message + refs.cite(f.sources)))
        console.print(grid)


def _counts(report: Report) -> str:
    counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
    parts = [f"{plural(counts[s], _NOUN[s])} ({_MARK[s]})" for s in Severity if counts[s]]
    return ", ".join(parts) if parts else "none"


def _reading(report: Report) -> str:
    """What was read: the ingredient count and what could not be read exactly."""
    summary = report.summary()
    head = [plural(summary["ingredients"], "ingredient")]
    if summary["corrected"]:
        head.append(f"{summary['corrected']} read as a likely typo")
    species = sum(1 for s in report.ingredients if s.correction is not None and s.correction.method == SPECIES)
    if species:
        head.append(f"{species} named by the plant only, not its part")
    if summary["unrecognized"]:
        head.append(f"{summary['unrecognized']} not recognized")
    return ", ".join(head)


def _render_one(
    console: Console, report: Report, table: Mapping[str, Mapping[str, Any]], details: bool, avoid: Sequence[str]
) -> None:
    guidance: Guidance = load_guidance()
    refs = _Refs({**guidance.sources, **table})
    lab = report.label
    source = PASTED if report.source == "-" else report.source
    title = " — ".join(x for x in (lab.product, lab.brand) if x) or (source or "ingredient list")
    head = Text(title, style="bold")
    head.append(f" · {_reading(report)}" + (f" ({source})" if source and source != title else ""), style="dim")
    console.print(head, no_wrap=True, overflow="ellipsis")
    if report.sections:  # a kit: its products, each with the numbers of its ingredients
        kit = "; ".join(s.numbered() for s in report.sections)
        console.print(Text(f"Kit of {len(report.sections)}: {kit}", style="dim"))
    if not report.ingredients:
        console.print("Verdict: no ingredients could be read from this label.")
        return
    v = build(report, guidance, avoid_hits(report, avoid))
    _verdict_block(console, report, v, refs, details)
    (_findings_long if details else _findings_short)(console, report, refs)
    if details and report.findings:
        console.print(Text(f"Findings: {_counts(report)}", style="dim"))
    refs.render(console, details)


def text_console(buf: io.StringIO, width: int, color: bool) -> Console:
    """The rich console every text report writes to: ``width`` columns, colour only when asked, no markup guessing."""
    return Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        color_system="standard" if color else None,
    )


def render(
    reports: Sequence[Report],
    *,
    color: bool = False,
    width: int = 100,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    errors: Sequence[Mapping[str, Any]] = (),
    details: bool = False,
    avoid: Sequence[str] = (),
) -> str:
    """The text report of ``reports``. ``sources``: citation id -> title/url; ``avoid``: the user's avoid terms."""
    buf = io.StringIO()
    console = text_console(buf, width, color)
    for i, report in enumerate(reports):
        if i:
            console.print(Text("─" * min(width, 60), style="dim"))
        _render_one(console, report, sources or {}, details, avoid)
    for e in errors:
        console.print(Text(f"error: {e.get('source') or 'input'}: {e.get('message')}", style="bold red"))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
