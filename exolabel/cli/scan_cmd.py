"""``exolabel scan``.

No ``from __future__ import annotations`` here: typer reads the command's annotations, and as strings each would be
compiled and evaluated on every start (about 3 million instructions for the 22 parameters).
"""

from pathlib import Path

import typer

from exolabel._fast.quickexit import keep
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.cli import fail, resume_gc
from exolabel.tokenizer.core import DEFAULT_MAX_INGREDIENTS


@app.command()
def scan(
    inputs: list[str] | None = typer.Argument(None, help=c.INPUTS_HELP, show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write results to this file (atomically)."),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on findings at or above: error, warning, info, never (default: config or error).",
    ),
    select: list[str] = typer.Option([], "--select", help="Only these rules (codes, names or groups; repeatable)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rules (codes, names or groups; repeatable)."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon/vocabulary file or directory (repeatable)."),
    market: list[str] = typer.Option([], "--market", "-m", help="Market(s) the product is sold in: eu, us, uk, kr..."),
    product_type: str | None = typer.Option(None, "--product-type", help="leave-on or rinse-off (default: leave-on)."),
    rule_data: list[str] = typer.Option(
        [], "--rule-data", help="Extra rule list file or directory (irritants, allergens, claims...; repeatable)."
    ),
    max_label_bytes: int = typer.Option(5_000_000, "--max-label-bytes", help="Refuse labels larger than this."),
    max_ingredients: int = typer.Option(
        DEFAULT_MAX_INGREDIENTS, "--max-ingredients", help="Refuse labels with more ingredients than this."
    ),
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Colour the text report (default: if a terminal)."
    ),
    details: bool = typer.Option(
        False, "--details", "-v", help="Print every finding in full, with all its sources (default: one screen)."
    ),
    avoid: list[str] = typer.Option(
        [],
        "--avoid",
        help="Ingredients you avoid, called out at the top: names, or what exolabel finds (fragrance, "
        "essential-oil, allergen, human...); comma-separated or repeated; adds to the config's 'avoid'.",
    ),
    config: str | None = typer.Option(None, "--config", help="Config file (default: found walking up from here)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    show_text: bool = typer.Option(False, "--show-text", help="Photos: also print the ingredient text as read."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Photos: a progress line for several (default: if a terminal)."
    ),
    max_photo_bytes: int = typer.Option(40_000_000, "--max-photo-bytes", help="Photos: refuse larger files."),
    max_photo_pixels: int = typer.Option(60_000_000, "--max-photo-pixels", help="Photos: refuse more pixels."),
) -> None:
    """Scan ingredient lists, label files and photos of labels; print a verdict per label."""
    cfg = c.load_config(config, isolated)
    fail_on = fail_on or cfg.fail_on or "error"
    if fmt not in ("text", "json"):
        raise fail(f"unknown --format '{fmt}' (use text or json)")
    if fail_on not in c.FAIL_ON:
        raise fail(f"unknown --fail-on '{fail_on}' (use {', '.join(c.FAIL_ON)})")
    if product_type is not None and product_type not in ("leave-on", "rinse-off"):
        raise fail(f"unknown --product-type '{product_type}' (use leave-on or rinse-off)")
    scanner = c.scanner_for(cfg, lexicon, select, ignore, market, product_type, rule_data)
    keep(scanner)  # freed by the process's end, not one object at a time (exolabel._fast.quickexit)
    items, errors = c.read_inputs(inputs or (), max_label_bytes, max_photo_bytes)
    for e in errors:
        typer.echo(f"exolabel: error: {e['message']}", err=True)
    photos: dict = {}
    if any(it.photos for it in items):
        from exolabel.cli import photo_cmd

        items, photos = photo_cmd.resolve_all(items, errors, max_photo_bytes, max_photo_pixels, progress)
    for it in items:
        if it.warning:
            typer.echo(f"exolabel: warning: {it.warning}", err=True)
    resume_gc()  # start-up is over (see exolabel.cli.main)
    labels = [c.with_default_type(it.label, cfg.product_type) for it in items]
    scanner.tokenizer.max_ingredients = max_ingredients
    reports = c.scan_items(scanner, items, labels, errors)
    sources = {**scanner.lexicon.sources, **getattr(scanner.rule_data, "sources", {})}
    if photos:
        from exolabel.cli import photo_cmd
        from exolabel.report.avoid import split_terms

        out = photo_cmd.render_with_photos(
            reports,
            errors,
            sources,
            photos,
            fmt,
            show_text,
            markets=scanner.markets,
            text_options={
                "color": c.use_color(color) and output is None,
                "width": c.terminal_width(),
                "details": details,
                "avoid": split_terms((*cfg.avoid, *avoid)),
            },
        )
    elif fmt == "json":
        from exolabel.report import json as json_report

        out = json_report.render(reports, errors, sources, scanner.markets)
    else:
        from exolabel.report import text as text_report
        from exolabel.report.avoid import split_terms

        out = text_report.render(
            reports,
            color=c.use_color(color) and output is None,
            width=c.terminal_width(),
            sources=sources,
            details=details,
            avoid=split_terms((*cfg.avoid, *avoid)),
        )
    c.emit(out, output)
    raise typer.Exit(c.exit_code(reports, errors, fail_on))
