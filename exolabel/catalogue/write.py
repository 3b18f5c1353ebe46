"""Result writers: one record per input row, in input order, to CSV, JSONL or Parquet; atomic and resumable.

Records are appended to ``OUTPUT.partial`` (CSV or JSONL; a JSONL spool for Parquet) and, after every chunk, a
checkpoint ``OUTPUT.partial.json`` records how many rows and bytes are complete and what made them (catalogue and
options fingerprint). Only a finished run renames the partial file to ``OUTPUT`` (Parquet is written to a
temporary file from the spool, then renamed). So ``OUTPUT`` is either absent or complete; an interrupted run
leaves the partial file and its checkpoint, and ``--resume`` truncates any torn tail and carries on.

CSV output is meant to be opened in a spreadsheet, and its text cells hold what a supplier wrote (ids, product names,
unrecognized ingredient names). A cell that a spreadsheet would evaluate as a formula is neutralized (see
:func:`neutralize`); the raw values are kept in JSONL and Parquet, and ``raw_csv`` writes CSV cells unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from exolabel.catalogue import CatalogueError, require


class ResultRow(NamedTuple):
    """One result record: what the batch engine says of one catalogue row, in output column order."""

    row: int  # the row's number in the catalogue (1 = first data row)
    id: str | None
    name: str | None
    brand: str | None
    product_type: str | None  # leave-on | rinse-off as the row was checked (None: not checked)
    product_type_source: str | None  # why: "column Category: 'Cleanser' (cleanser)", "name: 'wash'", "default: ..."
    markets: list[str]  # from the row's market column (the --market ones apply to every row too)
    status: str  # ok | findings | error
    errors: int
    warnings: int
    infos: int
    ev_terms: list[str]  # "term (category, origin)"
    ev_categories: list[str]
    ev_origins: list[str]
    rules: list[str]  # codes of the rules that found something
    findings: list[str]  # error and warning findings: "CODE severity: what it is about"
    ingredients: int
    sections: list[str]  # a kit's products with their ingredients' numbers ("Serum #5-8"); empty for one list
    unrecognized: list[str]
    message: str | None  # why the row could not be checked (status error), or the row's warnings

    @classmethod
    def unchecked(cls, row: int, rid: str | None, name: str | None, brand: str | None, message: str) -> ResultRow:
        """The record of a row that could not be checked (status ``error``), and why."""
        return cls(
            row=row,
            id=rid,
            name=name,
            brand=brand,
            product_type=None,
            product_type_source=None,
            markets=[],
            status="error",
            errors=0,
            warnings=0,
            infos=0,
            ev_terms=[],
            ev_categories=[],
            ev_origins=[],
            rules=[],
            findings=[],
            ingredients=0,
            sections=[],
            unrecognized=[],
            message=message,
        )


COLUMNS: tuple[str, ...] = ResultRow._fields
INT_COLUMNS = frozenset({"row", "errors", "warnings", "infos", "ingredients"})
LIST_COLUMNS = frozenset(
    {"markets", "ev_terms", "ev_categories", "ev_origins", "rules", "findings", "sections", "unrecognized"}
)
# Lists in a CSV cell: items joined by "; ". An item can hold ';' itself (the tokenizer keeps one inside brackets:
# "Parfum (Fragrance; Linalool)"), so in CSV a ';' or '\' in an item is written '\;' or '\\' (only such items
# change) and :func:`split_list` gives the items back.
LIST_SEP = "; "
OUT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}

# CSV injection (OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet evaluates a cell that
# begins with one of these; and a cell can begin inside a value, after a character that some reader takes as a
# field or record separator (a comma or semicolon, by the system's locale; a tab; a line break). An apostrophe goes
# in front of each such place, so the cell is read as text; one already there gets a second apostrophe, so that
# :func:`restore` gives back exactly the value written. A signed number ("-5", "+1.5") is left alone: a spreadsheet
# reads it as that number, which evaluates nothing.
FORMULA_TRIGGERS = "=+-@\t\r\n"
_TRIGGER = "[" + re.escape(FORMULA_TRIGGERS + "'") + "]"
# a cell begins at the start of a value, after a comma, semicolon, tab or line feed, and after a carriage return that
# does not begin a CRLF line break (so a multi-line name written on Windows stays as it was)
_CELL_START = r"(?:\A|(?<=[,;\t\n])|(?<=\r)(?!\n))"
_SIGNED_NUMBER = r"[+-](?:\d+(?:\.\d*)?|\.\d+)(?=[,;\t\r\n]|\Z)"
_UNSAFE = re.compile(rf"{_CELL_START}(?={_TRIGGER})(?!{_SIGNED_NUMBER})")
_MAYBE_UNSAFE = re.compile(rf"[,;\t\r\n]{_TRIGGER}")  # a quick test that passes every value _UNSAFE would change
_NEUTRALIZED = re.compile(rf"{_CELL_START}'")
_STARTS = frozenset(FORMULA_TRIGGERS + "'")


def output_format(path: Path) -> str:
    fmt = OUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CatalogueError(f"{path}: the output format comes from the extension: .csv, .jsonl or .parquet")
    return fmt


def arrow_schema() -> Any:
    """The result columns as an Arrow schema (Parquet output, Spark ``mapInArrow``)."""
    pa = require("pyarrow", "parquet")
    types = {
        c: pa.int64() if c in INT_COLUMNS else pa.list_(pa.string()) if c in LIST_COLUMNS else pa.string()
        for c in COLUMNS
    }
    return pa.schema([(c, types[c]) for c in COLUMNS])


def neutralize(value: str) -> str:
    """``value`` as a CSV cell that no spreadsheet evaluates: an apostrophe before each place where a cell could
    begin (the start, or after a separator) with a formula trigger or an apostrophe. :func:`restore` undoes it."""
    if value[:1] in _STARTS or _MAYBE_UNSAFE.search(value) is not None:
        return _UNSAFE.sub("'", value)
    return value


def restore(cell: str) -> str:
    """The value :func:`neutralize` was given for ``cell``."""
    return _NEUTRALIZED.sub("", cell) if "'" in cell else cell


_TEXT_AT = tuple(i for i, c in enumerate(COLUMNS) if c not in INT_COLUMNS and c not in LIST_COLUMNS)
_LIST_AT = tuple(i for i, c in enumerate(COLUMNS) if c in LIST_COLUMNS)


_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;"})
_ITEM = re.compile(r"(?:[^\\;]|\\.)*", re.DOTALL)  # a list item in a CSV cell: up to a ';' that is not escaped
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _escape(item: str) -> str:
    return item.translate(_ESCAPES) if ";" in item or "\\" in item else item


def join_list(items: Sequence[str]) -> str:
    """A list as one CSV cell (see ``LIST_SEP``)."""
    cell = LIST_SEP.join(items)
    if "\\" in cell or cell.count(";") >= len(items) > 0:  # some item holds a ';' or a '\'
        cell = LIST_SEP.join(map(_escape, items))
    return cell


def split_list(cell: str) -> list[str]:
    """The items :func:`join_list` joined into ``cell`` (still escaped: see :func:`unescape`)."""
    if "\\" not in cell:
        return cell.split(LIST_SEP) if cell else []
    items, pos = [], 0
    while True:
        m = _ITEM.match(cell, pos)
        items.append(m.group())  # type: ignore[union-attr]  (the pattern matches the empty string)
        pos = m.end() + len(LIST_SEP)  # type: ignore[union-attr]
        if pos > len(cell):
            return items


def unescape(item: str) -> str:
    return _ESCAPED.sub(r"\1", item) if "\\" in item else item


def _csv_cells(row: Sequence[Any]) -> list[Any]:
    """A record's values as raw CSV cells: lists joined by :func:`join_list` (the csv module writes None as "")."""
    cells = list(row)
    for i in _LIST_AT:
        cells[i] = join_list(cells[i])
    return cells


# Passes every row in which some text cell or list item needs :func:`neutralize` (its cells joined by \x1f, the
# start marked by one): one search a row instead of one a cell (most rows need nothing).
_ROW_MAYBE_UNSAFE = re.compile(r"[\x1f,;\t\r\n] ?" + _TRIGGER)


def _safe_cells(row: Sequence[Any]) -> list[Any]:
    """A record's values as CSV cells with every text cell, and every item of a list, :func:`neutralize` d. Numbers
    stay numbers."""
    cells = _csv_cells(row)
    probe = "\x1f".join([cells[i] or "" for i in _TEXT_AT] + [cells[i] for i in _LIST_AT])
    if _ROW_MAYBE_UNSAFE.search("\x1f" + probe) is None:
        return cells
    cells = list(row)
    for i in _TEXT_AT:
        v = cells[i]
        if v:  # None and "" are both an empty cell
            cells[i] = neutralize(v if type(v) is str else str(v))
    join = LIST_SEP.join
    for i in _LIST_AT:
        cells[i] = join([neutralize(_escape(x)) for x in cells[i]])
    return cells


def to_csv_row(rec: Mapping[str, Any], raw: bool = False) -> list[Any]:
    """A record as the cells of a CSV row (neutralized unless ``raw``)."""
    return (_csv_cells if raw else _safe_cells)([rec[c] for c in COLUMNS])


@dataclass(frozen=True)
class Rendered:
    """A chunk of records already formatted for the partial file (:func:`render`); ``rows`` of them."""

    text: str
    rows: int

    def __len__(self) -> int:
        return self.rows


def csv_lines(rows: Sequence[Sequence[Any]]) -> str:
    """Rows of cells as CSV lines ending in "\\n". The csv module quotes a cell that holds the line terminator but
    not one that holds a bare carriage return, which every reader then takes as the end of the row (one row read as
    two); a row with such a cell is written with every cell quoted."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    if "\r" not in text:
        return text
    buf = io.StringIO()
    plain = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for cells in rows:
        (quoted if any(type(c) is str and "\r" in c for c in cells) else plain).writerow(cells)
    return buf.getvalue()


def render(rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Records given as their values in ``COLUMNS`` order, as the lines :meth:`ResultWriter.write` would add
    to a ``fmt`` partial file ("csv": cells neutralized, "csv-raw": unchanged, or "jsonl"): a worker formats its
    chunk, the parent only appends it."""
    if fmt in ("csv", "csv-raw"):
        return csv_lines(list(map(_csv_cells if fmt == "csv-raw" else _safe_cells, rows)))
    dumps = json.dumps
    return "".join(dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n" for row in rows)


def from_csv_row(row: Mapping[str, str], raw: bool = False) -> dict[str, Any]:
    """A record from a CSV row (written neutralized unless ``raw``): the values it was made from."""
    out: dict[str, Any] = {}
    for c in COLUMNS:
        v = row.get(c) or ""
        if c in LIST_COLUMNS:
            items = split_list(v)
            out[c] = [unescape(x if raw else restore(x)) for x in items]
        elif c in INT_COLUMNS:
            out[c] = int(v) if v else 0
        else:
            out[c] = (v if raw else restore(v)) or None
    return out


def read_records(path: Path, limit_bytes: int | None = None, raw_csv: bool = False) -> Iterator[dict[str, Any]]:
    """Read result records back (a finished output, or a partial one up to ``limit_bytes``); a CSV one was written
    with its cells neutralized unless ``raw_csv``."""
    fmt = "jsonl" if path.name.endswith(".parquet.partial") else output_format(Path(path.name.removesuffix(".partial")))
    if fmt == "parquet":
        pq = require("pyarrow.parquet", "parquet")
        for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
            yield from batch.to_pylist()
        return
    with path.open("rb") as raw:
        data: io.BufferedIOBase | io.BytesIO = raw if limit_bytes is None else io.BytesIO(raw.read(limit_bytes))
        text = io.TextIOWrapper(data, encoding="utf-8", newline="")
        if fmt == "csv":
            for row in csv.DictReader(text):
                yield from_csv_row(row, raw_csv)
        else:
            for line in text:
                if line.strip():
                    yield json.loads(line)


class ResultWriter:
    """Appends records to the partial file with checkpoints; :meth:`finish` publishes the output atomically.
    CSV cells are neutralized against formula injection unless ``raw_csv``."""

    def __init__(self, path: Path, fingerprint: Mapping[str, Any], raw_csv: bool = False) -> None:
        self.path = path
        self.format = output_format(path)
        self.raw_csv = raw_csv
        self.fingerprint = json.loads(json.dumps(fingerprint))  # as it reads back from the checkpoint
        self.partial = path.with_name(path.name + ".partial")
        self.state = path.with_name(path.name + ".partial.json")
        self.rows = 0
        self._fh: Any = None

    # -- starting -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Start from nothing (an old partial file is discarded)."""
        self._open("wb")
        if self.format == "csv":
            self._fh.write(csv_lines([COLUMNS]))
        self._checkpoint()

    def resume(self) -> Iterator[dict[str, Any]]:
        """Continue a partial output: yield the records already written (then :meth:`write` appends)."""
        try:
            state = json.loads(self.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise CatalogueError(
                f"nothing to resume: no checkpoint {self.state.name} next to {self.path}; run without --resume"
            ) from None
        if state.get("fingerprint") != self.fingerprint:
            raise CatalogueError(
                f"{self.partial} was made from a different catalogue or different options; "
                "run without --resume to start over"
            )
        size = int(state["bytes"])
        if not self.partial.exists() or self.partial.stat().st_size < size:
            raise CatalogueError(f"{self.partial} is shorter than its checkpoint says; run without --resume")
        with self.partial.open("r+b") as fh:
            fh.truncate(size)  # drop a record torn by the interruption
        self.rows = int(state["rows"])
        n = 0
        for rec in read_records(self.partial, raw_csv=self.raw_csv):
            n += 1
            yield rec
        if n != self.rows:
            raise CatalogueError(
                f"{self.partial} holds {n} rows, its checkpoint says {self.rows}; run without --resume"
            )
        self._open("ab")

    def _open(self, mode: str) -> None:
        self._fh = io.TextIOWrapper(self.partial.open(mode), encoding="utf-8", newline="", write_through=False)

    # -- writing ------------------------------------------------------------------------------------
    def write(self, records: Sequence[Mapping[str, Any]] | Rendered) -> None:
        """Append a chunk of records (or the lines :func:`render` made of them), then checkpoint."""
        if isinstance(records, Rendered):
            self._fh.write(records.text)
        elif self.format == "csv":
            self._fh.write(csv_lines([to_csv_row(r, self.raw_csv) for r in records]))
        else:
            self._fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        self.rows += len(records)
        self._checkpoint()

    @property
    def spool_format(self) -> str:
        """What the partial file holds (:func:`render`'s ``fmt``): CSV for a CSV output, neutralized unless
        ``raw_csv``; else JSONL (Parquet is converted at the end)."""
        if self.format != "csv":
            return "jsonl"
        return "csv-raw" if self.raw_csv else "csv"

    def _checkpoint(self) -> None:
        self._fh.flush()
        state = {"fingerprint": self.fingerprint, "rows": self.rows, "bytes": self._fh.buffer.tell()}
        tmp = self.state.with_name(self.state.name + ".tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.state)

    # -- ending -------------------------------------------------------------------------------------
    def close(self) -> None:
        """Stop writing and keep the partial file and its checkpoint (for --resume)."""
        if self._fh is not None and not self._fh.closed:
            self._fh.close()

    def finish(self) -> None:
        """Publish: the partial file becomes the output in one rename (Parquet: converted first)."""
        self.close()
        if self.format == "parquet":
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                _jsonl_to_parquet(self.partial, tmp)
                os.replace(tmp, self.path)
            finally:
                tmp.unlink(missing_ok=True)
            self.partial.unlink()
        else:
            os.replace(self.partial, self.path)
        self.state.unlink(missing_ok=True)


class StreamWriter:
    """Writes records straight to a text stream (``-o -``: stdout, for pipes): CSV with its header, or JSONL. No
    partial file or checkpoint, so no ``--resume``; the rows appear as their chunks are checked, in order."""

    def __init__(self, stream: Any, fmt: str, raw_csv: bool = False) -> None:
        if fmt not in ("csv", "jsonl"):
            raise CatalogueError(f"cannot write {fmt} to stdout: use csv or jsonl (--output-format)")
        self.stream = stream
        self.format = fmt
        self.spool_format = "csv-raw" if fmt == "csv" and raw_csv else fmt  # CSV cells neutralized unless raw
        self.rows = 0

    def start(self) -> None:
        if self.format == "csv":
            csv.writer(self.stream, lineterminator="\n").writerow(COLUMNS)

    def write(self, records: Rendered) -> None:
        self.stream.write(records.text)
        self.rows += len(records)

    def close(self) -> None:
        self.stream.flush()

    def finish(self) -> None:
        self.stream.flush()


def _jsonl_to_parquet(src: Path, dest: Path, batch: int = 8192) -> None:
    pa = require("pyarrow", "parquet")
    pq = require("pyarrow.parquet", "parquet")
    schema = arrow_schema()
    with pq.ParquetWriter(dest, schema, compression="zstd") as w, src.open(encoding="utf-8") as fh:
        buf: list[dict[str, Any]] = []
        for line in fh:
            buf.append(json.loads(line))
            if len(buf) >= batch:
                w.write_table(pa.Table.from_pylist(buf, schema=schema), row_group_size=batch)
                buf = []
        w.write_table(pa.Table.from_pylist(buf, schema=schema), row_group_size=batch)
