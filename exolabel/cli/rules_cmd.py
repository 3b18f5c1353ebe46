"""``exolabel rules [CODE|NAME]``: list the rules (text, json, markdown) or explain one."""

from __future__ import annotations

import json
from collections.abc import Callable

import typer

from exolabel.cli import cli_app as app
from exolabel.cli import fail

_FORMATS = ("text", "json", "markdown")


@app.command()
def rules(
    ref: str | None = typer.Argument(
        None, help="A rule code or dotted name to explain, or a group or code prefix to list (IR, irritant)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json or markdown (the README table)."),
    select: list[str] = typer.Option([], "--select", help="Only these rules (codes, names or groups; repeatable)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rules (codes, names or groups; repeatable)."),
) -> None:
    """List the rules, or explain one with its examples and sources."""
    from exolabel.cli.common import split_refs
    from exolabel.rules import RULES, Selection, SelectionError, find_rule
    from exolabel.rules.doc import describe, example_line, markdown_table
    from exolabel.rules.loader import load_rule_data
    from exolabel.rules.severity import severity_range

    if fmt not in _FORMATS:
        raise fail(f"unknown --format '{fmt}' (use {', '.join(_FORMATS)})")
    rule = find_rule(ref) if ref is not None else None
    if ref is not None and rule is None:  # a group ('irritant') or a code prefix ('IR'): list it
        select = [ref, *select]
    if rule is None:
        try:
            chosen = Selection(split_refs(select), split_refs(ignore)).active() if select or ignore else RULES
        except SelectionError as e:
            if ref is not None:
                raise fail(f"no rule or group '{ref}' (see 'exolabel rules')") from None
            raise fail(str(e)) from None
        data = load_rule_data()
        if fmt == "json":
            rows = [_json(r, severity_range(r, data)) for r in chosen]
            typer.echo(json.dumps({"rules": rows}, ensure_ascii=False, indent=2))
        elif fmt == "markdown":
            typer.echo(markdown_table(chosen, data), nl=False)
        else:
            typer.echo(f"{'code':5} {'severity (range)':22} {'name':40} summary")
            for r in chosen:
                typer.echo(f"{r.code:5} {severity_range(r, data).text():24} {r.name:40} {r.summary}")
        return
    data = load_rule_data()
    if fmt == "json":
        d = _json(rule, severity_range(rule, data))
        d["doc"] = rule.doc
        d["examples"] = [
            {
                "ingredients": e.ingredients,
                "bad": e.bad,
                "product": e.product,
                "claims": list(e.claims),
                "markets": list(e.markets),
                "product_type": e.product_type,
            }
            for e in rule.examples
        ]
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        sev = severity_range(rule, data)
        typer.echo(f"### {rule.code} `{rule.name}` ({sev.text()})\n\n{rule.summary}\n\n{rule.doc}\n")
        typer.echo("\n".join(f"- {example_line(e)}" for e in rule.examples) + "\n")
        typer.echo("Sources: " + ", ".join(rule.sources))
        return
    typer.echo(describe(rule, _source_titles(), data), nl=False)


def _json(rule: object, sev: object) -> dict:
    """A rule's JSON entry: its description plus the usual severity and the range its findings take."""
    d = dict(rule.describe())  # type: ignore[attr-defined]
    d["usual_severity"] = sev.usual.value  # type: ignore[attr-defined]
    d["severity_range"] = [sev.lowest.value, sev.highest.value]  # type: ignore[attr-defined]
    return d


def _source_titles() -> Callable[[str], str]:
    from exolabel.lexicon import load_lexicon
    from exolabel.rules.loader import load_rule_data

    table = {**load_lexicon().sources, **load_rule_data().sources}

    def title(sid: str) -> str:
        s = table.get(sid)
        return f"{s['title']}" + (f" <{s['url']}>" if s.get("url") else "") if s else sid

    return title
