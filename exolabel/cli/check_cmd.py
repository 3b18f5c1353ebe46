"""``exolabel check``: a brand's CI gate over a repository of label files."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.cli import fail, resume_gc

FORMATS = ("text", "json", "sarif", "github", "junit")


def default_format() -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), ``text`` elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@app.command()
def check(
    paths: list[Path] = typer.Argument(
        None, help="Label files or directories to walk (default: '.').", show_default=False
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="text, json, sarif, github or junit (default: github in GitHub Actions, else text).",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write results to this file (atomically)."),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on findings at or above: error, warning, info, never (default: config or error).",
    ),
    select: list[str] = typer.Option([], "--select", help="Only these rules (replaces the config's 'select')."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rules (added to the config's 'ignore')."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon/vocabulary file or directory (repeatable)."),
    rule_data: list[str] = typer.Option(
        [], "--rule-data", help="Extra rule list file or directory (irritants, allergens, claims...; repeatable)."
    ),
    market: list[str] = typer.Option([], "--market", "-m", help="Market(s) for every label (replaces the config's)."),
    product_type: str | None = typer.Option(
        None, "--product-type", help="Default product type: leave-on or rinse-off."
    ),
    include: list[str] = typer.Option([], "--include", help="Glob of label files inside directories (repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", help="Glob of files or directories to skip (repeatable)."),
    config: str | None = typer.Option(None, "--config", help="Config file (default: found walking up from here)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Baseline file: findings recorded there do not fail (default: config or none)."
    ),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="Record today's findings as the baseline."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Report every finding, ignoring the baseline."),
    max_label_bytes: int = typer.Option(5_000_000, "--max-label-bytes", help="Refuse labels larger than this."),
    filter_files: bool = typer.Option(
        False, "--filter-files", help="Apply include/exclude to files named on the command line too (pre-commit)."
    ),
) -> None:
    """Check a repository's label files (YAML/JSON/TOML/.txt): findings with file, line and column; exit 0/1/2."""
    from exolabel.ci import baseline as bl
    from exolabel.ci.check import CheckOptions, check_files, discover, exit_code
    from exolabel.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        raise fail(f"unknown --format '{fmt}' (use {', '.join(FORMATS)})")
    cfg = c.load_config(config, isolated)
    fail_on = fail_on or cfg.fail_on or "error"
    if fail_on not in c.FAIL_ON:
        raise fail(f"unknown --fail-on '{fail_on}' (use {', '.join(c.FAIL_ON)})")
    ptype = product_type or cfg.product_type
    if ptype is not None and ptype not in ("leave-on", "rinse-off"):
        raise fail(f"unknown --product-type '{ptype}' (use leave-on or rinse-off)")
    missing = [str(p) for p in (paths or []) if not p.exists()]
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}")
    files = discover(
        paths or [Path(".")],
        tuple(include) or cfg.include or DEFAULT_INCLUDE,
        (*DEFAULT_EXCLUDE, *cfg.exclude, *exclude),
        filter_files=filter_files,
        root=cfg.root,
    )
    scanner = c.scanner_for(cfg, lexicon, select, ignore, market, None, rule_data)
    scanner.rule_data  # noqa: B018 - load and validate user rule files first (exit 2 on a bad file)
    resume_gc()  # start-up is over (see exolabel.cli.main)
    base_path = baseline or cfg.baseline or cfg.root / bl.DEFAULT_NAME
    base = None
    if not (write_baseline or no_baseline) and (baseline or base_path.is_file()):
        base = bl.load(base_path)
    elif cfg.baseline and not (write_baseline or no_baseline):
        typer.echo(f"exolabel: warning: no baseline yet at {base_path} (write one with --write-baseline)", err=True)
    key_root = base_path.parent.resolve() if (base or write_baseline) else cfg.root
    opts = CheckOptions(
        key_root=key_root,
        config_root=cfg.root,
        per_file_ignores=cfg.per_file_ignores,
        baseline=base,
        max_bytes=max_label_bytes,
        default_product_type=ptype,
    )
    result = check_files(files, scanner, opts)
    for fr in result.files:
        if fr.warning:
            typer.echo(f"exolabel: warning: {fr.warning}", err=True)
    if write_baseline:
        c.emit(bl.render(result.all_keys()), base_path)
        typer.echo(f"exolabel: wrote {len(result.all_keys())} findings to {base_path}", err=True)
        raise typer.Exit(exitcodes.ERROR if result.errors else exitcodes.OK)
    if not files and not filter_files:
        typer.echo("exolabel: warning: no label files found (see --include)", err=True)
    sources = {**scanner.lexicon.sources, **getattr(scanner.rule_data, "sources", {})}
    c.emit(_render(fmt, result, scanner, sources, base is not None), output)
    raise typer.Exit(exit_code(result, fail_on))


def _render(fmt: str, result, scanner, sources, with_baseline: bool) -> str:
    from exolabel.report import checktext

    if fmt == "json":
        return checktext.render_json(result, sources)
    if fmt == "sarif":
        from exolabel.report import sarif

        return sarif.render(result, scanner.selection.active(), sources, with_baseline=with_baseline)
    if fmt == "github":
        from exolabel.report import github

        return github.render(result)
    if fmt == "junit":
        from exolabel.report import junit

        return junit.render(result)
    return checktext.render_text(result)
