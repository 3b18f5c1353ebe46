"""Streaming catalogue readers and result writers: CSV/TSV, JSONL, Excel (.xlsx) and Parquet.

A reader yields :class:`Row` s one at a time (memory stays flat whatever the size) and never drops one: a record
that cannot be parsed becomes a ``Row`` with an ``error`` naming its line, so it is still accounted for.
Problems with the catalogue as a whole (missing file, unknown format, missing optional dependency) raise
:class:`CatalogueError`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
EXTRAS = {"parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "excel")}

# Column names that say "this holds the ingredient list" (compared without case, spaces or punctuation).
INGREDIENT_COLUMNS = (
    "ingredients",
    "ingredient",
    "inci",
    "incilist",
    "ingredientlist",
    "ingredientslist",
    "inciingredients",
    "fullingredients",
    "ingredientsinci",
    "composition",
)
ID_COLUMNS = ("id", "sku", "productid", "itemid", "gtin", "ean", "upc", "barcode", "code", "articlenumber")
NAME_COLUMNS = ("name", "productname", "product", "title", "itemname", "producttitle")
CLAIMS_COLUMNS = ("claims", "claim", "marketingclaims", "benefits")


class CatalogueError(Exception):
    """The catalogue as a whole cannot be read. The message is one line, for the user: line breaks in it (a
    library's error text quoted in it may have some) become spaces."""

    def __init__(self, message: str) -> None:
        super().__init__(re.sub(r"\s*[\r\n]+\s*", " ", message).strip())


@dataclass(frozen=True, slots=True)
class Row:
    """One input record. ``number`` counts records from 1 (a header is not a record); ``where`` locates it."""

    number: int
    fields: dict[str, Any] | None
    where: str
    error: str | None = None


def format_of(path: str, given: str | None = None) -> str:
    """The catalogue format from ``--format`` or the file extension."""
    if given:
        if given not in ("csv", "tsv", "jsonl", "xlsx", "parquet"):
            raise CatalogueError(f"unknown format '{given}' (use csv, tsv, jsonl, xlsx or parquet)")
        return "csv" if given == "tsv" else given
    suffix = re.search(r"\.[^./\\]+$", path.lower())
    fmt = FORMATS.get(suffix.group() if suffix else "")
    if fmt is None:
        raise CatalogueError(
            f"{path}: cannot tell the format from the extension; use .csv, .tsv, .jsonl, .xlsx or .parquet, or --format"
        )
    return fmt


def require(module: str, fmt: str) -> Any:
    """Import an optional dependency, or say which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        dist, extra = EXTRAS.get(fmt, (module, fmt))
        raise CatalogueError(
            f"{fmt} files need the optional dependency {dist}: pip install 'exolabel[{extra}]'"
        ) from None


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def find_column(
    columns: Sequence[str], wanted: str | None, candidates: Sequence[str], what: str, required: bool = False
) -> str | None:
    """The column named ``wanted`` (exactly, or ignoring case), else the first column that looks like ``what``."""
    if wanted:
        if wanted in columns:
            return wanted
        folded = [c for c in columns if c.casefold() == wanted.casefold()]
        if len(folded) == 1:
            return folded[0]
        raise CatalogueError(f"no column '{wanted}' in the catalogue (columns: {_show(columns)})")
    squashed = {c: _squash(c) for c in columns}
    for cand in candidates:
        hits = [c for c, s in squashed.items() if s == cand]
        if hits:
            return hits[0]
    if what == "ingredients":  # one column that says so in other words: "Full Ingredients (EN)", "clean_ingreds"
        hits = [c for c, s in squashed.items() if "ingred" in s or s.startswith("inci")]
        if len(hits) == 1:
            return hits[0]
    if required:
        raise CatalogueError(
            f"cannot tell which column holds the {what} (columns: {_show(columns)}); name it with --column"
        )
    return None


def _show(columns: Sequence[str]) -> str:
    shown = ", ".join(repr(c) for c in columns[:12])
    return shown + (f", ... ({len(columns)} in all)" if len(columns) > 12 else "") if columns else "none"


from exolabel.catalogue.read import Catalogue, open_catalogue  # noqa: E402

__all__ = ["Catalogue", "CatalogueError", "Row", "find_column", "format_of", "open_catalogue", "require"]
