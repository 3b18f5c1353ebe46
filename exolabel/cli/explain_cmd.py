"""``exolabel explain NAME``: an INCI name or an EV-family term in plain words, the rules that flag it, sources."""

from __future__ import annotations

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.cli import fail


@app.command()
def explain(
    name: list[str] = typer.Argument(
        ...,
        help="An ingredient name ('Linalool', 'Human Fibroblast Conditioned Media') or a term ('exosomes').",
        show_default=False,
    ),
    market: list[str] = typer.Option([], "--market", "-m", help="Market(s) the product is sold in: eu, us, uk..."),
    product_type: str | None = typer.Option(None, "--product-type", help="leave-on or rinse-off (default: leave-on)."),
    color: bool | None = typer.Option(None, "--color/--no-color", help="Colour the text (default: if a terminal)."),
) -> None:
    """Explain an ingredient or an exosome-type term: what it is, what is known, which rules flag it and why."""
    from exolabel.config import Config
    from exolabel.report import explain as ex
    from exolabel.report.guidance import load_guidance

    text = " ".join(name).strip()
    if not text:
        raise fail("give an ingredient name or a term, e.g. 'exolabel explain Linalool'")
    if product_type is not None and product_type not in ("leave-on", "rinse-off"):
        raise fail(f"unknown --product-type '{product_type}' (use leave-on or rinse-off)")
    scanner = c.scanner_for(Config(), (), (), (), market, product_type)
    sources = {**scanner.lexicon.sources, **scanner.rule_data.sources}
    width, colored = c.terminal_width(), c.use_color(color)
    term = ex.find_term(text, load_guidance())
    report = scanner.scan(text)
    if term is not None and not any(s.recognized for s in report.ingredients):
        typer.echo(ex.render_term(term, sources, width, colored), nl=False)
        raise typer.Exit(exitcodes.OK)
    if not report.ingredients:
        raise fail(f"no ingredient name in '{text}'")
    typer.echo(ex.render_ingredient(report, sources, width, colored), nl=False)
    if not any(s.recognized for s in report.ingredients):
        raise typer.Exit(exitcodes.ERROR)
