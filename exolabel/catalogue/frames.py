"""The catalogue check as a function for data platforms: rows, pandas DataFrames or Arrow batches in, result
columns out (the same columns as ``exolabel batch -o``; see ``exolabel.catalogue.write.COLUMNS``).

Use it where the catalogue already lives: Dask ``ddf.map_partitions(check_frame, meta=frame_meta())``, Spark
``df.mapInArrow(lambda it: (check_arrow(b) for b in it), arrow_schema())``, or plain Python over an iterable of
dicts. Each process keeps one scanner per set of options (``exolabel.catalogue.engine.checker_for``), so the memo of
ingredient names survives from one partition to the next. ``row`` numbers count from 1 within each call.
pandas and pyarrow are imported only by the functions that need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from exolabel.catalogue import Row, require
from exolabel.catalogue.engine import CHUNK_ROWS, BatchOptions, checker_for, project
from exolabel.catalogue.write import COLUMNS, INT_COLUMNS, LIST_COLUMNS, arrow_schema


def _options(
    column: str, id_column: str | None, name_column: str | None, claims_column: str | None, **options: Any
) -> BatchOptions:
    for key in ("lexicon", "select", "ignore", "markets"):
        if key in options:
            options[key] = tuple(options[key])
    return BatchOptions(
        column=column, id_column=id_column, name_column=name_column, claims_column=claims_column, **options
    )


def check_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    column: str = "ingredients",
    id_column: str | None = None,
    name_column: str | None = None,
    claims_column: str | None = None,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """One result record per input row, in order. ``options``: max_chars, lexicon, select, ignore, markets,
    product_type (as on the command line)."""
    opts = _options(column, id_column, name_column, claims_column, **options)
    checker = checker_for(opts)
    buf = []
    for i, row in enumerate(rows, 1):
        buf.append(project(Row(i, dict(row), f"row {i}"), opts))
        if len(buf) >= CHUNK_ROWS:
            yield from checker.check(buf)
            buf = []
    if buf:
        yield from checker.check(buf)


_DTYPES = {c: "int64" if c in INT_COLUMNS else "object" for c in COLUMNS}


def frame_meta() -> Any:
    """An empty pandas DataFrame with the result columns and types (Dask's ``meta``)."""
    pd = require("pandas", "dask")
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()})


def check_frame(df: Any, *, column: str = "ingredients", **kwargs: Any) -> Any:
    """A pandas DataFrame of results, one row per row of ``df`` and with its index (for ``map_partitions``)."""
    pd = require("pandas", "dask")
    records = list(check_rows(df.to_dict("records"), column=column, **kwargs))
    out = pd.DataFrame.from_records(records, columns=list(COLUMNS)) if records else frame_meta()
    out.index = df.index
    return out.astype(_DTYPES)


def check_arrow(batch: Any, *, column: str = "ingredients", **kwargs: Any) -> Any:
    """An Arrow RecordBatch of results (schema :func:`arrow_schema`) for an Arrow RecordBatch or Table."""
    pa = require("pyarrow", "parquet")
    records = list(check_rows(batch.to_pylist(), column=column, **kwargs))
    return pa.RecordBatch.from_pylist(records, schema=arrow_schema())


__all__ = ["COLUMNS", "LIST_COLUMNS", "arrow_schema", "check_arrow", "check_frame", "check_rows", "frame_meta"]
