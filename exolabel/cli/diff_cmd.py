"""``exolabel diff OLD NEW``: what changed between two versions of a label."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.cli import fail, resume_gc


@app.command()
def diff(
    old: str = typer.Argument(
        ..., help="The old version: a label file, a .txt list, a photo, ingredient text or '-' (stdin)."
    ),
    new: str = typer.Argument(..., help="The new version."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the diff to this file (atomically)."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Exit 1 when a NEW finding is at or above: error, warning, info, never."
    ),
    select: list[str] = typer.Option([], "--select", help="Only these rules."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rules."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon/vocabulary file or directory."),
    rule_data: list[str] = typer.Option(
        [], "--rule-data", help="Extra rule list file or directory (irritants, allergens, claims...; repeatable)."
    ),
    market: list[str] = typer.Option([], "--market", "-m", help="Market(s) the product is sold in."),
    config: str | None = typer.Option(None, "--config", help="Config file (default: found walking up from here)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    max_label_bytes: int = typer.Option(5_000_000, "--max-label-bytes", help="Refuse labels larger than this."),
    max_photo_bytes: int = typer.Option(40_000_000, "--max-photo-bytes", help="Photos: refuse larger files."),
    max_photo_pixels: int = typer.Option(60_000_000, "--max-photo-pixels", help="Photos: refuse more pixels."),
) -> None:
    """Compare two versions of a label: ingredients added/removed/moved, claims, findings that appear or go."""
    from exolabel.ci.diff import diff_reports, render_text

    if fmt not in ("text", "json"):
        raise fail(f"unknown --format '{fmt}' (use text or json)")
    if old == new == c.STDIN:
        raise fail("only one side of diff can be '-' (stdin is read once): give the other version as a file or text")
    cfg = c.load_config(config, isolated)
    fail_on = fail_on or cfg.fail_on or "error"
    if fail_on not in c.FAIL_ON:
        raise fail(f"unknown --fail-on '{fail_on}' (use {', '.join(c.FAIL_ON)})")
    items, errors = c.read_inputs([old, new], max_label_bytes, max_photo_bytes)
    if errors:
        raise fail("; ".join(e["message"] for e in errors))
    scanner = c.scanner_for(cfg, lexicon, select, ignore, market, None, rule_data)
    scanner.rule_data  # noqa: B018 - load and validate user rule files first (exit 2 on a bad file)
    if any(it.photos for it in items):
        from exolabel.cli import photo_cmd

        items, _ = photo_cmd.resolve_all(items, errors, max_photo_bytes, max_photo_pixels)
        if errors:  # each one printed by resolve_all
            raise typer.Exit(exitcodes.ERROR)
    resume_gc()  # start-up is over (see exolabel.cli.main)
    a, b = (scanner.scan(it.text, c.with_default_type(it.label, cfg.product_type), it.source) for it in items)
    d = diff_reports(a, b)
    if fmt == "json":
        out = json.dumps({"schema": 1, "diff": d.to_dict()}, ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(d)
    c.emit(out, output)
    raise typer.Exit(exitcodes.for_findings((fc.finding for fc in d.findings_new), fail_on))
