"""Catalogue readers. Each streams :class:`~exolabel.catalogue.Row` s; none loads the file whole.

Text formats (CSV/TSV, JSONL) are decoded by what the first 64 KiB say: a byte-order mark (UTF-8, UTF-16,
UTF-32), UTF-16 without one (NUL bytes every other byte), else UTF-8. A UTF-8 file whose first 64 KiB are not
UTF-8 is read as Windows-1252 with a warning; a stray non-UTF-8 byte later on is repaired in that row alone
(read as Windows-1252) and counted in one warning, so one bad row never stops or garbles the rest.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from exolabel.catalogue import CatalogueError, Row, format_of, require
from exolabel.labelfile.read import BOMS, InputError, decode_bytes

SAMPLE = 65536
BATCH_ROWS = 8192  # Parquet batch size: small batches keep memory flat
_SURROGATE = re.compile("[\udc80-\udcff]")
_DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(2**31 - 1)  # long cells are refused per row (--max-chars), not by the csv module


def sniff_encoding(sample: bytes, what: str) -> tuple[str, str | None]:
    """(codec, warning) for a text catalogue, from its first bytes. Raise CatalogueError for binary files."""
    for bom, enc in BOMS:
        if sample.startswith(bom):
            return enc, None
    cut = sample.rfind(b"\n") + 1 if len(sample) == SAMPLE else len(sample)
    head = sample[: cut or len(sample)]
    nuls = head.count(b"\x00")
    if nuls and nuls <= max(8, len(head) // 100):
        # a few stray NUL bytes in a text export: the rows that hold them are reported one by one, not the file
        head = head.replace(b"\x00", b" ")
    try:
        _text, warning = decode_bytes(head, what)
    except InputError as e:
        raise CatalogueError(str(e)) from None
    if warning is None:
        return "utf-8", None
    if "UTF-16" in warning:
        return ("utf-16-le" if "LE" in warning else "utf-16-be"), warning
    enc = "cp1252" if "Windows-1252" in warning else "latin-1"
    return enc, warning


class Catalogue:
    """An opened catalogue: its format, column names and warnings; :meth:`rows` streams the records."""

    def __init__(self, path: Path, fmt: str, sheet: str | None = None, delimiter: str | None = None) -> None:
        self.path = path
        self.format = fmt
        self.sheet = sheet
        self.delimiter = delimiter
        self.encoding = "utf-8"
        self.warnings: list[str] = []
        self.repaired_rows = 0  # rows with stray non-UTF-8 bytes, read as Windows-1252
        self.first_repaired: str | None = None
        self.columns: tuple[str, ...] = ()
        self.total_rows: int | None = None  # when the format says (Parquet, Excel)
        self.size = path.stat().st_size
        self._fh: BinaryIO | None = None
        self._open_columns()

    # -- public -------------------------------------------------------------------------------------
    def rows(self) -> Iterator[Row]:
        """Every record in order, each exactly once (malformed ones with an error)."""
        if self.format == "csv":
            yield from self._csv_rows()
        elif self.format == "jsonl":
            yield from self._jsonl_rows()
        else:
            yield from self._decoded(self._xlsx_rows() if self.format == "xlsx" else self._parquet_rows())

    def _decoded(self, rows: Iterator[Row]) -> Iterator[Row]:
        """The rows of an Excel or Parquet file while its library can decode them. A file damaged past its header
        (a bad checksum, a corrupt page) makes the library raise mid-way: that is :class:`CatalogueError` naming
        the last row read, so the rows before it are kept and the user is told where the file breaks."""
        last = "the header"
        try:
            for row in rows:
                last = row.where
                yield row
        except CatalogueError:
            raise
        except Exception as e:  # zipfile.BadZipFile, lxml/ElementTree errors, pyarrow's OSError/ArrowInvalid...
            kind = "an .xlsx workbook" if self.format == "xlsx" else "a Parquet file"
            raise CatalogueError(
                f"{self.path}: damaged {kind}: cannot read past {last} ({type(e).__name__}: {e})"
            ) from None

    def fraction_read(self) -> float | None:
        """How far through the file the reader is (0..1), when it can tell."""
        if self._fh is None or not self.size:
            return None
        try:
            return min(1.0, self._fh.tell() / self.size)
        except (OSError, ValueError):
            return None

    def all_warnings(self) -> list[str]:
        out = list(self.warnings)
        if self.repaired_rows:
            out.append(
                f"{self.repaired_rows:,} row(s) had bytes that are not UTF-8 (first at {self.first_repaired}); "
                "read them as Windows-1252"
            )
        return out

    # -- opening ------------------------------------------------------------------------------------
    def _open_columns(self) -> None:
        if self.format == "csv":
            self.columns = _unique(self._csv_header() or [])
        elif self.format == "jsonl":
            first = next((r for r in self._jsonl_rows() if r.fields is not None), None)
            self.columns = tuple(first.fields) if first and first.fields else ()
        elif self.format == "xlsx":
            ws, wb = self._sheet()
            try:
                header = next(self._xlsx_records(ws), None)
                self.columns = _unique([("" if v is None else str(v)) for v in header[1]] if header else [])
                self.total_rows = max(0, (ws.max_row or 1) - (header[0] if header else 1)) or None
            except Exception as e:  # a damaged sheet: see _decoded
                raise CatalogueError(f"{self.path}: not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
            finally:
                wb.close()
        else:
            pq = require("pyarrow.parquet", "parquet")
            try:
                pf = pq.ParquetFile(self.path)
            except Exception as e:  # pyarrow raises ArrowInvalid/OSError for a file that is not Parquet
                raise CatalogueError(f"{self.path}: not a readable Parquet file ({e})") from None
            self.columns = tuple(pf.schema_arrow.names)
            self.total_rows = pf.metadata.num_rows

    def _text(self) -> io.TextIOWrapper:
        raw = self.path.open("rb")
        sample = raw.read(SAMPLE)
        raw.seek(0)
        enc, warning = sniff_encoding(sample, str(self.path))
        self.encoding = enc
        if warning and warning not in self.warnings:
            self.warnings.append(warning)
        self._fh = raw
        errors = "surrogateescape" if enc == "utf-8" else "replace"
        return io.TextIOWrapper(raw, encoding=enc, errors=errors, newline="")

    def _fix(self, value: str, where: str) -> str:
        """Repair one cell that held stray non-UTF-8 bytes (read them as Windows-1252)."""
        if value.isascii() or not _escaped(value):
            return value
        if self.first_repaired != where:
            self.repaired_rows += 1
            self.first_repaired = self.first_repaired or where
        return value.encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")

    # -- CSV ----------------------------------------------------------------------------------------
    def _csv_reader(self, fh: io.TextIOWrapper) -> Any:
        """A csv.reader over ``fh``, with the delimiter given or sniffed (kept in :attr:`delimiter`)."""
        delim = self.delimiter or self._sniff_delimiter(fh)
        self.delimiter = delim
        # strict: a quote left open at the end of the file is an error, not a last cell that silently
        # swallowed every following row
        return csv.reader(fh, delimiter=delim, strict=True)

    def _sniff_delimiter(self, fh: io.TextIOWrapper) -> str:
        if self.path.suffix.lower() in (".tsv", ".tab"):
            return "\t"
        first = fh.readline()
        fh.seek(0)
        counts = {d: first.count(d) for d in _DELIMITERS}
        best = max(_DELIMITERS, key=lambda d: counts[d])
        return best if counts[best] else ","

    def _csv_header(self) -> list[str] | None:
        """The header's fields (see :func:`_header`)."""
        with self._text() as fh:
            return _header(self._csv_reader(fh))[0]

    def _csv_rows(self) -> Iterator[Row]:
        columns = self.columns
        for t in self._csv_select(list(range(len(columns)))):
            if t[-1] is None:
                yield Row(t[0], dict(zip(columns, t[2:-1], strict=True)), t[1])
            else:
                yield Row(t[0], None, t[1], t[-1])

    def _csv_select(self, pick: list[int]) -> Iterator[tuple[Any, ...]]:
        """``(number, where, cells at pick..., error)`` per CSV record after the header, as :meth:`select` gives
        them (an index past the last column picks None). The one loop over the records for :meth:`rows` and
        :meth:`select`: the line numbers, parse errors, trailing delimiters, field counts and repairs are all here.
        """
        nones = (None,) * len(pick)
        get = _getter(pick)
        fix, isascii = self._fix, str.isascii
        with self._text() as fh:
            reader = self._csv_reader(fh)
            header, line = _header(reader)
            if header is None:
                return
            n_cols = len(self.columns)
            number = 0
            while True:
                try:
                    for rec in reader:
                        start, line = line, reader.line_num + 1
                        if not rec:
                            continue  # a blank line
                        number += 1
                        where = f"line {start}"
                        if len(rec) != n_cols:
                            if len(rec) > n_cols and not any(v.strip() for v in rec[n_cols:]):
                                del rec[n_cols:]  # trailing delimiters
                            else:
                                error = (
                                    f"malformed CSV at {where}: {len(rec)} fields, the header has {n_cols} "
                                    "(an unquoted delimiter or an unclosed quote?)"
                                )
                                yield (number, where, *nones, error)
                                continue
                        if not all(map(isascii, rec)):
                            rec = [fix(v, where) for v in rec]  # every cell, so a repair is counted in any column
                        rec.append(None)
                        yield (number, where, *get(rec), None)
                    return
                except csv.Error as e:
                    number += 1
                    where = f"line {line}"
                    yield (number, where, *nones, f"malformed CSV at {where}: {_parse_error(e, line, reader)}")
                    line = reader.line_num + 1

    def select(self, names: Sequence[str | None]) -> Iterator[tuple[Any, ...]]:
        """``(number, where, value of each named column..., error)`` per record: the rows of :meth:`rows`, with
        their numbers, errors and repairs, but only the named columns (``None`` names no column: its value is
        None). For CSV it builds no dict per row, which is most of the cost of reading one."""
        if self.format == "csv":
            index = {c: i for i, c in enumerate(self.columns)}
            return self._csv_select([index.get(n, len(self.columns)) if n else len(self.columns) for n in names])
        return self._select_rows(names)

    def _select_rows(self, names: Sequence[str | None]) -> Iterator[tuple[Any, ...]]:
        for row in self.rows():
            f = row.fields
            if f is None:
                yield (row.number, row.where, *[None] * len(names), row.error or "malformed row")
            else:
                yield (row.number, row.where, *[f.get(n) if n else None for n in names], None)

    # -- JSONL --------------------------------------------------------------------------------------
    def _jsonl_rows(self) -> Iterator[Row]:
        number = 0
        with self._text() as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                number += 1
                where = f"line {lineno}"
                try:
                    obj = json.loads(self._fix(line, where))
                except json.JSONDecodeError as e:
                    yield Row(number, None, where, f"malformed JSON at {where}: {e.msg} (column {e.colno})")
                    continue
                except RecursionError:
                    yield Row(number, None, where, f"malformed JSON at {where}: nested too deeply")
                    continue
                if not isinstance(obj, dict):
                    yield Row(
                        number, None, where, f"malformed JSONL at {where}: expected an object, got {type(obj).__name__}"
                    )
                    continue
                yield Row(number, obj, where)

    # -- Excel --------------------------------------------------------------------------------------
    def _sheet(self) -> tuple[Any, Any]:
        openpyxl = require("openpyxl", "xlsx")
        try:
            wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException...
            raise CatalogueError(f"{self.path}: not a readable .xlsx workbook ({type(e).__name__}: {e})") from None
        names = wb.sheetnames
        if self.sheet is None:
            return wb[names[0]], wb
        if self.sheet in names:
            return wb[self.sheet], wb
        if self.sheet.isdigit() and 1 <= int(self.sheet) <= len(names):
            return wb[names[int(self.sheet) - 1]], wb
        wb.close()
        raise CatalogueError(f"no sheet '{self.sheet}' in {self.path} (sheets: {', '.join(names)})")

    @staticmethod
    def _xlsx_records(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
        for r, values in enumerate(ws.iter_rows(values_only=True), 1):
            if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                yield r, values

    def _xlsx_rows(self) -> Iterator[Row]:
        ws, wb = self._sheet()
        try:
            records = self._xlsx_records(ws)
            next(records, None)  # header
            n_cols = len(self.columns)
            for number, (r, values) in enumerate(records, 1):
                vals = list(values[:n_cols]) + [None] * (n_cols - len(values))
                extra = [v for v in values[n_cols:] if v is not None]
                where = f"sheet row {r}"
                if extra:
                    yield Row(number, None, where, f"malformed row at {where}: values beyond the last header column")
                    continue
                yield Row(number, dict(zip(self.columns, vals, strict=True)), where)
        finally:
            wb.close()

    # -- Parquet ------------------------------------------------------------------------------------
    def _parquet_rows(self) -> Iterator[Row]:
        pq = require("pyarrow.parquet", "parquet")
        pf = pq.ParquetFile(self.path)
        number = 0
        for batch in pf.iter_batches(batch_size=BATCH_ROWS):
            for rec in batch.to_pylist():
                number += 1
                yield Row(number, rec, f"row {number}")


def _escaped(value: str) -> bool:
    """Whether ``value`` holds a stray byte (as surrogateescape reads one: U+DC80..U+DCFF)."""
    try:
        value.encode()  # fails only on a surrogate: the search below runs only then
    except UnicodeEncodeError:
        return _SURROGATE.search(value) is not None
    return False


def _parse_error(e: csv.Error, line: int, reader: Any) -> str:
    """What a csv.Error raised by ``reader`` in a record that began at ``line`` means."""
    msg = str(e)
    if "unexpected end of data" in msg:
        msg = f"a quote opened here is never closed (lines {line}-{reader.line_num} read as one cell)"
    return msg


def _header(reader: Any) -> tuple[list[str] | None, int]:
    """The first record that is not blank (a parse error becomes one field, ``"\\x00csv: "`` and what it means)
    and the line after it; (None, ...) for a file without one."""
    line = 1
    try:
        for rec in reader:
            if rec:
                return rec, reader.line_num + 1
            line = reader.line_num + 1
    except csv.Error as e:
        return [f"\x00csv: {_parse_error(e, line, reader)}"], reader.line_num + 1
    return None, line


def _getter(pick: list[int]) -> Callable[[list[Any]], Sequence[Any]]:
    """A C function giving the items of a list at the indices ``pick``, as a sequence however many there are."""
    if len(pick) == 1:
        return itemgetter(slice(pick[0], pick[0] + 1))
    return itemgetter(*pick) if pick else itemgetter(slice(0, 0))


def _unique(names: list[str]) -> tuple[str, ...]:
    """Header names, made unique and non-empty ("column_3", "name_2"): a name already taken gets the first free
    ``_2``, ``_3``... suffix. Linear in the number of columns (a header of 40,000 commas took minutes with a list)."""
    out: list[str] = []
    taken: set[str] = set()
    next_k: dict[str, int] = {}  # per base name, the suffix to try first (those below it are taken)
    for i, n in enumerate(names, 1):
        base = n.strip().lstrip("\ufeff") or f"column_{i}"
        name, k = base, next_k.get(base, 2)
        while name in taken:
            name, k = f"{base}_{k}", k + 1
        next_k[base] = k
        taken.add(name)
        out.append(name)
    return tuple(out)


def open_catalogue(
    path: str | Path, fmt: str | None = None, sheet: str | None = None, delimiter: str | None = None
) -> Catalogue:
    """Open a catalogue for streaming; raise CatalogueError when it cannot be read at all."""
    p = Path(path)
    kind = format_of(str(p), fmt)
    if fmt == "tsv" and delimiter is None:
        delimiter = "\t"
    if not p.exists():
        raise CatalogueError(f"{p}: no such file")
    if p.is_dir():
        raise CatalogueError(f"{p} is a directory, not a catalogue file")
    try:
        return Catalogue(p, kind, sheet, delimiter)
    except OSError as e:
        raise CatalogueError(f"cannot read {p}: {e.strerror or e}") from None
