"""``exolabel check``: a brand's CI gate over a repository of label files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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
        None,
        "--baseline",
        help="Baseline file: findings recorded there do not fail (default: the config's 'baseline', else none).",
    ),
    write_baseline: bool = typer.Option(
        False, "--write-baseline", help="Record today's findings as the baseline (the config's, or --baseline)."
    ),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Report every finding, ignoring the baseline."),
    max_label_bytes: int = typer.Option(5_000_000, "--max-label-bytes", help="Refuse labels larger than this."),
    max_photo_bytes: int = typer.Option(
        40_000_000, "--max-photo-bytes", help="Label files with 'photo:': refuse larger photo files."
    ),
    max_photo_pixels: int = typer.Option(
        60_000_000, "--max-photo-pixels", help="Label files with 'photo:': refuse photos with more pixels."
    ),
    filter_files: bool = typer.Option(
        False, "--filter-files", help="Apply include/exclude to files named on the command line too (pre-commit)."
    ),
    allow_empty: bool = typer.Option(
        False, "--allow-empty", help="Exit 0 when no label file is found (by default that is an error, exit 2)."
    ),
    show_info: bool = typer.Option(
        False, "--show-info", help="List info notes one by one in the CI formats (github, junit), not only as a count."
    ),
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Colour the text output (default: at a terminal, unless NO_COLOR is set)."
    ),
) -> None:
    """Check a repository's label files (YAML/JSON/TOML/.txt): findings with file, line and column; exit 0/1/2.

    Include/exclude globs are relative to the config file's directory, so the same files are checked from any
    working directory. Finding no label file at all is an error (exit 2) unless --allow-empty."""
    from exolabel.datafiles.load import DataError

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        raise fail(f"unknown --format '{fmt}' (use {', '.join(FORMATS)})")
    view = View(fmt, output, show_info, c.use_color(color))
    try:
        code = _run(
            paths or [],
            view,
            fail_on,
            select,
            ignore,
            lexicon,
            rule_data,
            market,
            product_type,
            include,
            exclude,
            config,
            isolated,
            baseline,
            write_baseline,
            no_baseline,
            Limits(max_label_bytes, max_photo_bytes, max_photo_pixels),
            filter_files,
            allow_empty,
        )
    except DataError as e:  # a config, rule data or baseline file at fault: each problem at its line and column
        from exolabel.ci.check import CheckResult
        from exolabel.ci.diagnostic import from_problems

        diags = tuple(d for p in e.problems for d in from_problems((p,), _shown(p.path)))
        for d in diags:
            typer.echo(f"exolabel: error: {d}", err=True)
        if fmt != "text":
            _emit(view, CheckResult((), diags), None, False)
        raise typer.Exit(exitcodes.ERROR) from None
    raise typer.Exit(code)


class Limits(NamedTuple):
    """What one input may cost: --max-label-bytes, --max-photo-bytes, --max-photo-pixels."""

    label_bytes: int
    photo_bytes: int
    photo_pixels: int


@dataclass(frozen=True)
class View:
    """How the result is shown: format, destination, whether info notes are listed, colour."""

    fmt: str
    output: Path | None
    show_info: bool
    color: bool


def _shown(path: str) -> str:
    from exolabel.ci.check import display

    return display(Path(path), Path.cwd())


def _run(
    paths: list[Path],
    view: View,
    fail_on: str | None,
    select: list[str],
    ignore: list[str],
    lexicon: list[str],
    rule_data: list[str],
    market: list[str],
    product_type: str | None,
    include: list[str],
    exclude: list[str],
    config: str | None,
    isolated: bool,
    baseline: Path | None,
    write_baseline: bool,
    no_baseline: bool,
    limits: Limits,
    filter_files: bool,
    allow_empty: bool,
) -> int:
    from exolabel.ci import baseline as bl
    from exolabel.ci.check import CheckOptions, CheckResult, check_files, display, exit_code
    from exolabel.ci.diagnostic import Diagnostic
    from exolabel.ci.discover import Globs, discover, repository_root
    from exolabel.cli import photo_cmd
    from exolabel.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, load_config
    from exolabel.datafiles.choices import unknown_choices
    from exolabel.model import PRODUCT_TYPES

    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise fail(f"no such file or directory: {', '.join(missing)}")
    cfg = load_config(config, isolated=isolated)
    if cfg.path is None and not isolated and not config and paths:
        cfg = load_config(None, start=paths[0] if paths[0].is_dir() else paths[0].parent)
    fail_on = fail_on or cfg.fail_on or "error"
    if fail_on not in c.FAIL_ON:
        raise fail(f"unknown --fail-on '{fail_on}' (use {', '.join(c.FAIL_ON)})")
    for u in unknown_choices([product_type] if product_type else [], PRODUCT_TYPES, "product type"):
        raise fail(f"--product-type: {u}")
    ptype = product_type or cfg.product_type
    here = Path.cwd()
    root = cfg.root.resolve()
    globs = Globs(root, tuple(include) or cfg.include or DEFAULT_INCLUDE, (*DEFAULT_EXCLUDE, *cfg.exclude, *exclude))
    starts = paths or [Path(".")]
    boundary = repository_root(root if cfg.path else (starts[0] if starts[0].is_dir() else starts[0].parent))
    found = discover(starts, globs, boundary, filter_files=filter_files)
    scanner = c.scanner_for(cfg, lexicon, select, ignore, market, None, rule_data, placed=True)
    scanner.rule_data  # noqa: B018 - load and validate user rule files first (exit 2 on a bad file)
    resume_gc()  # start-up is over (see exolabel.cli.main)
    base_path = baseline or cfg.baseline
    if write_baseline and base_path is None:
        base_path = root / bl.DEFAULT_NAME
        typer.echo(f"exolabel: note: to use it, add 'baseline: {bl.DEFAULT_NAME}' to the config", err=True)
    base = None
    if base_path is not None and not (write_baseline or no_baseline):
        if baseline is not None or base_path.is_file():
            base = bl.load(base_path)
        else:
            typer.echo(f"exolabel: warning: no baseline yet at {base_path} (write one with --write-baseline)", err=True)
    elif base_path is None and (root / bl.DEFAULT_NAME).is_file() and not (isolated or no_baseline):
        typer.echo(
            f"exolabel: note: {display(root / bl.DEFAULT_NAME, here)} is not used: name it in the config "
            "('baseline:') or with --baseline",
            err=True,
        )
    key_root = base_path.parent.resolve() if base_path is not None and (base or write_baseline) else root
    opts = CheckOptions(
        key_root=key_root,
        config_root=root,
        per_file_ignores=cfg.per_file_ignores,
        baseline=base,
        max_bytes=limits.label_bytes,
        default_product_type=ptype,
        read_photos=photo_cmd.label_reader(limits.photo_bytes, limits.photo_pixels),
    )
    result = check_files(found.files, scanner, opts)
    diags = [Diagnostic(s.reason, display(s.path, here), level="warning") for s in found.skipped]
    if not found.files and not filter_files and not allow_empty:
        under = ", ".join(display(p, here) for p in starts)
        diags.append(Diagnostic(f"no label files found under {under} (include: {globs.describe()})"))
    result = CheckResult(result.files, tuple(diags))
    for fr in result.files:
        if fr.warning:
            typer.echo(f"exolabel: warning: {fr.warning}", err=True)
    if view.fmt != "text" or view.output is not None:  # text on stdout already shows them
        for d in result.diagnostics:
            typer.echo(f"exolabel: {d.level}: {d}", err=True)
    if write_baseline:
        c.emit(bl.render(result.all_keys()), base_path)
        typer.echo(f"exolabel: wrote {len(result.all_keys())} findings to {base_path}", err=True)
        return exitcodes.ERROR if result.errors or result.run_errors else exitcodes.OK
    sources = {**scanner.lexicon.sources, **getattr(scanner.rule_data, "sources", {})}
    _emit(view, result, scanner, base is not None, sources)
    return exit_code(result, fail_on)


def _emit(view: View, result, scanner, with_baseline: bool, sources=None) -> None:
    c.emit(_render(view, result, scanner, sources or {}, with_baseline), view.output)


def _render(view: View, result, scanner, sources, with_baseline: bool) -> str:
    from exolabel.report import checktext

    fmt = view.fmt
    if fmt == "json":
        return checktext.render_json(result, sources)
    if fmt == "sarif":
        from exolabel.report import sarif

        rules = scanner.selection.active() if scanner is not None else ()
        sel = scanner.selection if scanner is not None else None
        level = (lambda r: sel.severity_for(r, r.severity)) if sel is not None else None
        return sarif.render(result, rules, sources, with_baseline=with_baseline, severity_of=level)
    if fmt == "github":
        from exolabel.report import github

        return github.render(result, show_info=view.show_info)
    if fmt == "junit":
        from exolabel.report import junit

        return junit.render(result, show_info=view.show_info)
    return checktext.render_text(result, color=view.color and view.output is None)
