"""``exolabel batch``: check a whole retail catalogue (CSV/TSV, JSONL, Excel, Parquet), streaming."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Any

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.cli import fail


@app.command()
def batch(
    catalogue: Path = typer.Argument(
        ..., help="Catalogue file: .csv/.tsv, .jsonl, .xlsx or .parquet.", show_default=False
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Results, one row per input row: .csv, .jsonl or .parquet (written atomically); '-' for stdout.",
    ),
    output_format: str | None = typer.Option(
        None, "--output-format", help="csv or jsonl for -o - (default csv; a file's format is its extension)."
    ),
    column: str | None = typer.Option(None, "--column", help="Ingredient-list column (default: detected)."),
    id_column: str | None = typer.Option(None, "--id-column", help="Product id column (default: detected)."),
    name_column: str | None = typer.Option(None, "--name-column", help="Product name column (feeds claim rules)."),
    claims_column: str | None = typer.Option(None, "--claims-column", help="Marketing claims column."),
    type_column: str | None = typer.Option(
        None, "--type-column", help="Product type or category column (default: detected: type, category, format...)."
    ),
    market_column: str | None = typer.Option(
        None, "--market-column", help="Markets column ('EU, US'; default: detected: markets, countries...)."
    ),
    brand_column: str | None = typer.Option(None, "--brand-column", help="Brand column (default: detected)."),
    sheet: str | None = typer.Option(None, "--sheet", help="Excel sheet name or number (default: the first)."),
    in_format: str | None = typer.Option(None, "--format", help="Input format when the extension does not say."),
    delimiter: str | None = typer.Option(None, "--delimiter", help="CSV delimiter (default: detected)."),
    workers: int | None = typer.Option(None, "--workers", "-j", help="Processes (default: all cores)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run from its partial output."),
    raw_csv: bool = typer.Option(
        False,
        "--raw-csv",
        help="Write CSV cells exactly as read, without the apostrophe that stops a spreadsheet running a cell as a "
        "formula (for pipelines, not spreadsheets).",
    ),
    summary_path: Path | None = typer.Option(None, "--summary", help="Write the summary as JSON to this file."),
    html_path: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML report to this file."),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="Exit 1 on findings at or above: error, warning, info, never."
    ),
    select: list[str] = typer.Option([], "--select", help="Only these rules (codes, names or groups; repeatable)."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip these rules (codes, names or groups; repeatable)."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon/vocabulary file or directory (repeatable)."),
    market: list[str] = typer.Option([], "--market", "-m", help="Market(s) the products are sold in."),
    product_type: str | None = typer.Option(
        None, "--product-type", help="leave-on or rinse-off for every row (default: each row's, see README)."
    ),
    max_chars: int = typer.Option(100_000, "--max-chars", help="Refuse ingredient lists longer than this."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."
    ),
) -> None:
    """Check every product of a catalogue; one result row per input row, in order, plus a summary."""
    from exolabel.catalogue import CatalogueError, open_catalogue
    from exolabel.catalogue.engine import BatchOptions
    from exolabel.catalogue.pool import default_workers
    from exolabel.rules import Selection, SelectionError

    if fail_on not in c.FAIL_ON:
        raise fail(f"unknown --fail-on '{fail_on}' (use {', '.join(c.FAIL_ON)})")
    if product_type is not None and product_type not in ("leave-on", "rinse-off"):
        raise fail(f"unknown --product-type '{product_type}' (use leave-on or rinse-off)")
    if workers is not None and workers < 1:
        raise fail("--workers must be at least 1")
    if resume and output is None:
        raise fail("--resume continues an output file: give it with -o")
    to_stdout = output is not None and str(output) == "-"
    if resume and to_stdout:
        raise fail("--resume continues an output file; stdout (-o -) cannot be resumed")
    if output_format is not None and (not to_stdout or output_format not in ("csv", "jsonl")):
        raise fail("--output-format is for -o - and is csv or jsonl (a file's format comes from its extension)")
    try:
        Selection(c.split_refs(select), c.split_refs(ignore))
    except SelectionError as e:
        raise fail(str(e)) from None
    try:
        cat = open_catalogue(catalogue, in_format, sheet, delimiter)
        opts = BatchOptions(
            column=column,
            id_column=id_column,
            name_column=name_column,
            claims_column=claims_column,
            type_column=type_column,
            market_column=market_column,
            brand_column=brand_column,
            max_chars=max_chars,
            lexicon=tuple(lexicon),
            select=c.split_refs(select),
            ignore=c.split_refs(ignore),
            markets=c.split_refs(market),
            product_type=product_type,
        ).resolve(cat.columns)
        if opts.markets:  # a mistyped --market would silently change every row's verdict: refused, as scan does
            from exolabel.catalogue.engine import checker_for

            c.check_markets(checker_for(opts).scanner, "--market")
        n_workers = workers or (default_workers() if cat.size > 256_000 else 1)
        doc = _run(cat, opts, output, resume, n_workers, _want_progress(progress), raw_csv, output_format)
    except CatalogueError as e:
        raise fail(str(e)) from None
    for w in cat.all_warnings():
        typer.echo(f"exolabel: warning: {w}", err=True)
    (sys.stderr if to_stdout else sys.stdout).write(_text(doc))
    if summary_path is not None:
        c.emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", summary_path)
    if html_path is not None:
        from exolabel.report import html

        c.emit(html.render(doc), html_path)
    raise typer.Exit(_exit_code(doc, fail_on))


def _run(
    cat: Any,
    opts: Any,
    output: Path | None,
    resume: bool,
    workers: int,
    show: bool,
    raw_csv: bool = False,
    out_format: str | None = None,
) -> dict[str, Any]:
    from exolabel.catalogue import CatalogueError
    from exolabel.catalogue.engine import check_chunks, projected_rows, raw_chunks
    from exolabel.catalogue.pool import WorkerDied
    from exolabel.catalogue.write import Rendered, ResultWriter, StreamWriter, read_records
    from exolabel.report.summary import Summary

    summary = Summary(str(cat.path))
    writer: Any = None
    skip = 0
    if output is not None and str(output) == "-":
        writer = StreamWriter(sys.stdout, out_format or "csv", raw_csv)
        writer.start()
    elif output is not None:
        st = cat.path.stat()
        fingerprint = {
            "catalogue": str(cat.path.resolve()),
            "size": st.st_size,
            "mtime_ns": st.st_mtime_ns,
            "format": cat.format,
            "sheet": cat.sheet,
            "options": opts.fingerprint(),
            "raw_csv": raw_csv,
        }
        writer = ResultWriter(output, fingerprint, raw_csv)
        if resume and not writer.state.exists() and output.exists():
            typer.echo(f"exolabel: {output} is complete; nothing to resume (summary rebuilt from it)", err=True)
            summary.add_all(read_records(output, raw_csv=raw_csv))
            return _document(summary, summary.rows, cat, opts, output)
        if resume:
            summary.add_all(writer.resume())
            skip = writer.rows
        else:
            writer.start()
    chunks = raw_chunks(projected_rows(cat, opts), skip)
    old_term = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    bar = _Progress(cat, skip) if show else None
    try:
        fmt = writer.spool_format if writer is not None else None
        add = summary.add_values
        for values, text in check_chunks(chunks, opts, workers, fmt=fmt):
            if writer is not None:
                writer.write(Rendered(text or "", len(values)))
            for v in values:
                add(v)
            if bar is not None:
                bar.advance(len(values))
    except WorkerDied as e:
        if writer is not None:
            writer.close()
        raise CatalogueError(f"{e}; run the same command with --resume to continue") from None
    except KeyboardInterrupt:
        if isinstance(writer, ResultWriter):
            writer.close()
            typer.echo(
                f"exolabel: stopped after {writer.rows:,} rows; {output} was not written. The rows checked so far are "
                f"in {writer.partial.name}: run the same command with --resume to continue.",
                err=True,
            )
        raise
    finally:
        if bar is not None:
            bar.stop()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if writer is not None:
        if chunks.read != writer.rows:  # never publish an output that lost or duplicated a row
            writer.close()
            raise RuntimeError(f"row accounting failed: read {chunks.read:,} rows, wrote {writer.rows:,}")
        writer.finish()
    elif chunks.read != summary.rows:
        raise RuntimeError(f"row accounting failed: read {chunks.read:,} rows, checked {summary.rows:,}")
    return _document(summary, chunks.read, cat, opts, output)


def _document(summary: Any, rows_read: int, cat: Any, opts: Any, output: Path | None) -> dict[str, Any]:
    from exolabel.rules import RULES

    doc = summary.to_dict(rows_read, {r.code: r.name for r in RULES})
    doc["output"] = None if output is None else "stdout" if str(output) == "-" else "file"
    if output is None:
        doc["rows_written"] = 0  # checked, and nothing written: the summary says so
    doc["columns"] = {
        "ingredients": opts.column,
        "id": opts.id_column,
        "name": opts.name_column,
        "claims": opts.claims_column,
        "product_type": opts.type_column,
        "markets": opts.market_column,
        "brand": opts.brand_column,
    }
    doc["legend"] = {
        r.code: {"name": r.name, "severity": r.severity.value, "summary": r.summary, "doc": r.doc} for r in RULES
    }
    return doc


def _text(doc: dict[str, Any]) -> str:
    from exolabel.report.summary import render_text

    return render_text(doc)


def _exit_code(doc: dict[str, Any], fail_on: str) -> int:
    if doc["status"]["error"]:
        return exitcodes.ERROR
    f = doc["findings"]
    hit = {"error": f["errors"], "warning": f["errors"] + f["warnings"], "info": sum(f.values()), "never": 0}
    return exitcodes.FINDINGS if hit[fail_on] else exitcodes.OK


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM: stop like Ctrl-C, keeping what is complete


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _want_progress(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


class _Progress:
    """A rich progress bar on stderr: rows, rows/s and ETA (from the share of the file read)."""

    def __init__(self, cat: Any, done: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.cat = cat
        self.rows = done
        self.progress = Progress(
            TextColumn("checking"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[rows]:>12,} rows"),
            TextColumn("{task.fields[rate]:>8,.0f} rows/s"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("batch", total=1000, rows=done, rate=0.0)
        self.progress.start()
        import time

        self._clock = time.perf_counter
        self._t0 = self._clock()
        self._start_rows = done

    def advance(self, n: int) -> None:
        self.rows += n
        frac = self.cat.fraction_read()
        if frac is None and self.cat.total_rows:
            frac = self.rows / self.cat.total_rows
        rate = (self.rows - self._start_rows) / max(1e-9, self._clock() - self._t0)
        self.progress.update(self.task, completed=1000 * (frac or 0.0), rows=self.rows, rate=rate)

    def stop(self) -> None:
        self.progress.stop()
