"""``exolabel rules [CODE|NAME]``."""

from __future__ import annotations

import json

import typer

from exolabel.cli import app, fail


@app.command()
def rules(
    ref: str | None = typer.Argument(None, help="A rule code or name to explain (default: list all)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """List the rules, or explain one with its examples and sources."""
    from exolabel.rules import RULES, find_rule

    if ref is None:
        if fmt == "json":
            typer.echo(json.dumps({"rules": [dict(r.describe()) for r in RULES]}, ensure_ascii=False, indent=2))
            return
        for r in RULES:
            typer.echo(f"{r.code:6} {r.severity.value:8} {r.name:38} {r.summary}")
        return
    rule = find_rule(ref)
    if rule is None:
        raise fail(f"no rule '{ref}' (see 'exolabel rules')")
    if fmt == "json":
        d = dict(rule.describe())
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
    typer.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n{rule.doc}\n")
    for e in rule.examples:
        typer.echo(
            ("Bad:  " if e.bad else "Good: ")
            + e.ingredients
            + (f"  [claims: {'; '.join(e.claims)}]" if e.claims else "")
            + (f"  [markets: {', '.join(e.markets)}]" if e.markets else "")
        )
    typer.echo("\nSources: " + ", ".join(rule.sources))
