"""The catalogue engine: rows in, one result record per row out, in input order, on one or many processes.

A parent process reads the catalogue (reading a row costs far less than checking it) and hands chunks of projected
rows (plain tuples of the cells the check needs) to worker processes; results come back in submission order, so
the output is identical for any ``--workers``. Each worker holds one :class:`~exolabel.scanner.Scanner` (memoized
per ingredient piece) and checks a chunk a few dozen rows at a time, stage by stage (``Scanner.brief_many``), each
report reduced to its values at once, with the cyclic GC off (:func:`swept`). It sends back each row's result
values and the chunk's output lines already formatted, so the parent only appends text and folds values into the
summary. At most ``2 x workers`` chunks are in flight, so memory stays flat whatever the catalogue size.
"""

from __future__ import annotations

import gc
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache, partial
from itertools import dropwhile, islice
from typing import TYPE_CHECKING, Any, NamedTuple

from exolabel._fast.heap import give_back_large_blocks
from exolabel._fast.make import make_label
from exolabel._fast.memo import share_among_workers
from exolabel.catalogue import CLAIMS_COLUMNS, ID_COLUMNS, INGREDIENT_COLUMNS, NAME_COLUMNS, Row, find_column
from exolabel.catalogue.context import context_columns, resolver_for
from exolabel.catalogue.pool import DIED, WorkerDied, await_result, die_with_parent, start_pool
from exolabel.catalogue.rowvalues import claims_of, error_values, missing, row_report, row_values, text_or_none
from exolabel.catalogue.write import COLUMNS, ResultRow, render
from exolabel.model import LabelInfo
from exolabel.rules.lexicon_rules import NO_LIST, has_letter, not_a_list

if TYPE_CHECKING:
    from exolabel.catalogue.read import Catalogue

CHUNK_ROWS = 500  # rows and results in flight: 2 x workers chunks (500: 100,000 rows on two workers, 136 -> 132 MB PSS)
# rows whose labels go through each stage of the scan together (Scanner.brief_many): a few dozen keep each stage's
# code and tables in the processor's caches from one label to the next, and little in memory at once
STAGE_ROWS = 50
DEFAULT_MAX_CHARS = 100_000


class RawRow(NamedTuple):
    """The cells of one catalogue row that the check needs (small to send to a worker)."""

    number: int
    where: str  # "file:line" or "file:row N", for messages
    text: Any  # the ingredient cell as read (not always text: checked by RowChecker)
    id: Any
    name: Any
    claims: Any
    product_type: Any  # the type column's cell (see exolabel.catalogue.context)
    markets: Any  # the market column's cell
    brand: Any
    error: str | None  # why the reader could not read the row (malformed), else None


Values = ResultRow  # the name the writers and the summary use for a result record


class Checked(NamedTuple):
    """What a worker sends back for a chunk: its result records and, when asked for, their output lines."""

    values: list[ResultRow]
    lines: str | None


@dataclass(frozen=True)
class BatchOptions:
    """How rows are checked: which columns, which rules and lexicons. Hashable, so workers can cache on it."""

    column: str | None = None
    id_column: str | None = None
    name_column: str | None = None
    claims_column: str | None = None
    type_column: str | None = None
    market_column: str | None = None
    brand_column: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    lexicon: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    product_type: str | None = None

    def resolve(self, columns: Sequence[str]) -> BatchOptions:
        """The same options with the columns found in ``columns`` (detected when not given)."""
        return BatchOptions(
            column=find_column(columns, self.column, INGREDIENT_COLUMNS, "ingredients", required=True),
            id_column=find_column(columns, self.id_column, ID_COLUMNS, "id"),
            name_column=find_column(columns, self.name_column, NAME_COLUMNS, "name"),
            claims_column=find_column(columns, self.claims_column, CLAIMS_COLUMNS, "claims"),
            **context_columns(columns, self.type_column, self.market_column, self.brand_column),
            max_chars=self.max_chars,
            lexicon=self.lexicon,
            select=self.select,
            ignore=self.ignore,
            markets=self.markets,
            product_type=self.product_type,
        )

    def fingerprint(self) -> dict[str, Any]:
        return asdict(self)


def project(row: Row, opts: BatchOptions) -> RawRow:
    """The part of a row the check needs (small to send to a worker)."""
    f = row.fields
    if f is None:
        return RawRow(row.number, row.where, None, None, None, None, None, None, None, row.error or "malformed row")
    get = f.get
    return RawRow(row.number, row.where, *(get(c) if c else None for c in _cell_columns(opts)), None)


def _cell_columns(opts: BatchOptions) -> tuple[str | None, ...]:
    """The columns a check reads, in ``RawRow`` order after the row number and place."""
    return (
        opts.column,
        opts.id_column,
        opts.name_column,
        opts.claims_column,
        opts.type_column,
        opts.market_column,
        opts.brand_column,
    )


class RowChecker:
    """Checks projected rows with one scanner and turns each into a result record."""

    def __init__(self, opts: BatchOptions, scanner: Any = None) -> None:
        if scanner is None:
            from exolabel.rules import Selection
            from exolabel.scanner import Scanner

            scanner = Scanner(
                extra_lexicon=opts.lexicon,
                selection=Selection(opts.select, opts.ignore),
                markets=opts.markets,
            )  # the product type is each row's (``--product-type`` forces it through the row, see ContextResolver)
        self.scanner = scanner
        self.opts = opts
        self.context = resolver_for(scanner.rule_data, opts.product_type, opts.type_column, opts.market_column)
        self.unswept = 0  # rows checked since the last GC pass, when the batch engine runs it (see swept)

    def check(self, rows: Sequence[RawRow]) -> list[dict[str, Any]]:
        """One result record per row, in order."""
        return [dict(zip(COLUMNS, v, strict=True)) for v in self.values(rows)]

    def values(self, rows: Sequence[RawRow]) -> list[Values]:
        """One result record per row, in order, as its values in ``COLUMNS`` order (compact to send back)."""
        # STAGE_ROWS rows at a time (Scanner.brief_many): their reports are reduced to values and dropped before the
        # next rows' are built
        out: list[Values] = []
        for i in range(0, len(rows), STAGE_ROWS):
            out.extend(self._staged(rows[i : i + STAGE_ROWS]))
        return out

    def _staged(self, rows: Sequence[RawRow]) -> list[Values]:
        ctx = self.context
        todo: list[ResultRow | tuple[Any, ...]] = []  # a row's values, or what they are made of with its Brief
        jobs: list[tuple[str, LabelInfo, str]] = []
        for number, where, text, rid, name, claims, type_cell, market_cell, brand, error in rows:
            name = text_or_none(name)
            brand = text_or_none(brand) if brand is not None else None
            problem = error or self._problem(text)
            if problem is not None:
                todo.append(error_values(number, rid, name, brand, problem))
                continue
            kind = ctx.product_type(type_cell, name)
            markets = ctx.markets(market_cell)
            jobs.append((text, make_label(name, claims_of(claims), kind.product_type, markets.markets, brand), where))
            todo.append((number, rid, name, brand, kind, markets, text))
        briefs = iter(self.scanner.brief_many(jobs) if jobs else ())
        out: list[Values] = []
        for row in todo:
            if isinstance(row, ResultRow):
                out.append(row)
                continue
            number, rid, name, brand, kind, markets, text = row
            report = row_report(next(briefs))
            if not isinstance(report, str):
                if not report.count:  # all separators, or all panels and disclaimers ("Directions: ...")
                    report = NO_LIST if has_letter(text) else "no ingredient names: only separators or symbols"
                else:  # placeholders, prose, spreadsheet errors: "no ingredient list"
                    report = not_a_list(report.count, report.unrecognized, report.ev) or report
            out.append(
                error_values(number, rid, name, brand, report)
                if isinstance(report, str)
                else row_values(number, rid, name, brand, kind, markets, report)
            )
        return out

    def _problem(self, text: Any) -> str | None:
        if missing(text):
            return "empty: no ingredient list"
        if not isinstance(text, str):
            return f"not text: the ingredient cell holds a {type(text).__name__}"
        if not text or text.isspace():  # (no stripped copy of a long text)
            return "empty: no ingredient list"
        if len(text) > self.opts.max_chars:
            return f"too long: {len(text):,} characters (limit {self.opts.max_chars:,}; see --max-chars)"
        if "\x00" in text:
            return "not text: the ingredient cell holds NUL bytes"
        return None


@lru_cache(maxsize=4)
def checker_for(opts: BatchOptions) -> RowChecker:
    """One checker per process and options (its scanner's memo then serves every chunk and partition)."""
    return RowChecker(opts)


def _check_chunk(opts: BatchOptions, rows: list[RawRow], fmt: str | None) -> Checked:
    """A chunk's result values and, with ``fmt``, their output lines (formatted where they were checked). Runs in
    a worker process, whose cyclic GC stays off (:func:`_worker_init`): :func:`swept` collects now and then."""
    checker = checker_for(opts)
    values = checker.values(rows)
    swept(checker, len(rows))
    return Checked(values, render(values, fmt) if fmt else None)


# Rows checked between two passes of the cyclic GC (:func:`swept`) while the batch engine has it off.
SWEEP_ROWS = 20_000


def swept(checker: RowChecker, rows: int) -> None:
    """Count ``rows`` more checked rows; every :data:`SWEEP_ROWS` of them, collect the cyclic garbage and freeze what
    is left (the scanner's memo grows; nothing else outlives a chunk). For processes that run the batch engine with
    the cyclic GC off (its workers, the command), never for library callers.

    With the GC on, the objects a chunk keeps alive (rows, results, the memo's new entries) reach the oldest
    generation, so full collections keep walking the whole memo. The check makes no reference cycles (a test counts
    them), so the GC stays off, and a collection now and then, over what has lived since the last one (results
    written by then are freed), keeps any cycles from piling up. The figures are in the README ("Speed").
    """
    checker.unswept += rows
    if checker.unswept >= SWEEP_ROWS:
        checker.unswept = 0
        gc.collect(0)  # everything made since the last freeze is in the young generation (the GC is off)
        gc.freeze()


def _worker_init(opts: BatchOptions, workers: int) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides what happens (keep what is complete)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    gc.disable()  # a worker only checks chunks: see swept()
    share_among_workers(checker_for(opts).scanner.memos(), workers)  # the memos' byte budgets, split between workers


def chunked(rows: Iterable[Row], opts: BatchOptions, skip: int = 0, size: int | None = None) -> RawChunks:
    """Projected rows in chunks of ``size`` (default :data:`CHUNK_ROWS`), skipping the first ``skip`` rows."""
    return raw_chunks((project(row, opts) for row in rows), skip, size)


def projected_rows(cat: Catalogue, opts: BatchOptions) -> Iterator[RawRow]:
    """The catalogue's rows, projected as :func:`project` does, without a dict per row (see ``Catalogue.select``)."""
    return map(RawRow._make, cat.select(_cell_columns(opts)))


def raw_chunks(rows: Iterable[RawRow], skip: int = 0, size: int | None = None) -> RawChunks:
    """Projected rows in chunks of ``size`` (default :data:`CHUNK_ROWS`), skipping the first ``skip`` rows."""
    return RawChunks(rows, skip, size)


class RawChunks:
    """Projected rows in chunks (lists), made by ``islice``: no Python code runs per row but for the ``skip`` first
    ones (numbered 1 to ``skip``; ``--resume`` has them). ``read`` counts the rows taken in, skipped ones too."""

    def __init__(self, rows: Iterable[RawRow], skip: int = 0, size: int | None = None) -> None:
        self.rows = iter(rows)
        self.skip = skip
        self.size = size or CHUNK_ROWS
        self.read = 0

    def __iter__(self) -> Iterator[list[RawRow]]:
        rows = dropwhile(self._skipped, self.rows) if self.skip else self.rows
        while chunk := list(islice(rows, self.size)):
            self.read += len(chunk)
            yield chunk

    def _skipped(self, row: RawRow) -> bool:
        if row.number <= self.skip:
            self.read += 1
            return True
        return False


def check_chunks(
    chunks: Iterable[list[RawRow]],
    opts: BatchOptions,
    workers: int = 1,
    on_start: Callable[[], None] | None = None,
    fmt: str | None = None,
) -> Iterator[Checked]:
    """Per chunk, in input order: its result values (``COLUMNS`` order) and, with ``fmt`` ("csv"/"jsonl"), its
    output lines (:func:`~exolabel.catalogue.write.render`). ``workers > 1`` checks and formats chunks in
    parallel processes, which send back only those (compact to pickle; the parent appends and sums)."""
    # the cyclic GC off while this runs, in this process too (see swept); a caller's process is left as it was
    # (a test, a notebook)
    thaw, enabled = gc.get_freeze_count() == 0, gc.isenabled()
    gc.disable()
    try:
        if workers <= 1:
            yield from _in_process(chunks, opts, on_start, fmt)
        else:
            yield from _in_pool(chunks, opts, workers, on_start, fmt)
    finally:
        if thaw:
            gc.unfreeze()
        if enabled:
            gc.enable()


def _in_process(
    chunks: Iterable[list[RawRow]], opts: BatchOptions, on_start: Callable[[], None] | None, fmt: str | None
) -> Iterator[Checked]:
    checker = checker_for(opts)
    if on_start:
        on_start()
    for chunk in chunks:
        values = checker.values(chunk)
        swept(checker, len(chunk))
        yield values, (render(values, fmt) if fmt else None)


def _in_pool(
    chunks: Iterable[list[RawRow]],
    opts: BatchOptions,
    workers: int,
    on_start: Callable[[], None] | None,
    fmt: str | None,
) -> Iterator[Checked]:
    from concurrent.futures.process import BrokenProcessPool

    # chunks and results pickled between processes are large blocks (exolabel._fast.heap); in one process the setting
    # changed no peak RSS and cost about 2 % of the CPU time (100,000 rows, in turn: issue 13's closing note)
    give_back_large_blocks()
    pool = start_pool(workers, lambda: checker_for(opts).scanner.preload(), partial(_worker_init, opts, workers))
    try:
        if on_start:
            on_start()
        pending: deque[Any] = deque()
        unswept = 0
        for chunk in chunks:
            pending.append(pool.submit(_check_chunk, opts, chunk, fmt))
            unswept += len(chunk)
            if unswept >= SWEEP_ROWS:  # what lives here is the rows and results in flight: no memo to freeze
                unswept = 0
                gc.collect(0)
            while len(pending) >= 2 * workers:
                yield await_result(pool, pending.popleft())
        while pending:
            yield await_result(pool, pending.popleft())
    except BrokenProcessPool:
        raise WorkerDied(DIED) from None
    finally:
        # Interrupted or failed: the chunks not yet handed to a worker are cancelled, and the workers (which ignore
        # SIGINT) finish the ones they hold, a fraction of a second. They are not terminated: a worker killed while
        # it writes a result leaves half a message in the result pipe, and the executor's thread then waits on it
        # forever, so the process hung at exit (seen under load in the SIGINT/SIGTERM tests).
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = [
    "COLUMNS",
    "BatchOptions",
    "RawChunks",
    "RowChecker",
    "check_chunks",
    "checker_for",
    "chunked",
    "projected_rows",
    "raw_chunks",
]
