"""Import the official CosIng "Ingredients & Fragrance Inventory" into exolabel's compact inventory format.

Two input layouts are read:

* the official export ``COSING_Ingredients-Fragrance Inventory_v2.csv`` (data.europa.eu, "Cosmetic ingredient
  database - Ingredients and Fragrance inventory"): a few metadata lines, then the header ``COSING Ref No,INCI
  name,INN name,Ph. Eur. Name,CAS No,EC No,Chem/IUPAC Name / Description,Restriction,Function,Update Date``;
* a projection of it onto ``inci_name,cas_number,einecs_number,function`` (one CAS number per name).

The output (:func:`write_inventory`) is three UTF-8 TSV files with ``#`` provenance lines (source, export date,
reuse basis): the names sorted by compact key (so :mod:`exolabel.lexicon.inventory` finds one by bisection over
the lines, building no index), their CAS/EC numbers and functions line by line (lists joined by ``|``), and the
names grouped by word-initials signature (the typo index).

``python -m exolabel.lexicon.cosing EXPORT.csv`` rebuilds the packaged default (``data/cosing/``);
``exolabel lexicon import-cosing EXPORT.csv`` writes a newer export to the user's cache, where it replaces it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from exolabel.datafiles.load import DataError, Problem
from exolabel.lexicon.inventory import (
    FILES,
    NAMES_FILE,
    PACKAGED_DIR,
    RECORDS_FILE,
    SIGNATURE_FILE,
    cache_folder,
    signature,
    title_inci,
)
from exolabel.tokenizer.names import compact_key, normalize_key

__all__ = ["FILES", "PACKAGED_DIR", "CosingRow", "import_cosing", "read_cosing_rows", "signature", "title_inci"]

DEFAULT_RECORD = (
    "EU CosIng Ingredients & Fragrance Inventory, export of 2020-12-30 (reuse under Commission Decision 2011/833/EU)"
)
SOURCE_URL = "https://data.europa.eu/data/datasets/cosmetic-ingredient-database-ingredients-and-fragrance-inventory"
_CAS_RE = re.compile(r"\b\d{2,7}-\d{2}-\d\b")
_EC_RE = re.compile(r"\b\d{3}-\d{3}-\d\b")


@dataclass(frozen=True, slots=True)
class CosingRow:
    """One INCI name of the inventory with its identities (CAS and EC numbers) and CosIng functions."""

    name: str  # as CosIng prints it (upper case)
    cas: tuple[str, ...]
    ec: tuple[str, ...]
    functions: tuple[str, ...]


def _problem(path: Path, line: int | None, what: str, fix: str) -> DataError:
    return DataError([Problem(str(path), line, None, what, fix)])


def read_cosing_rows(path: Path) -> list[CosingRow]:
    """Every INCI name of a CosIng export (either layout), merged by name, with CAS/EC numbers and functions."""
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as e:
        raise _problem(path, None, f"cannot read: {e.strerror}", "check the path") from None
    lines = text.splitlines()
    start = next(
        (i for i, line in enumerate(lines[:50]) if "inci name" in line.lower() or "inci_name" in line.lower()), None
    )
    if start is None:
        raise _problem(
            path,
            None,
            "no 'INCI name' header in the first 50 lines",
            "export the CosIng Ingredients & Fragrance inventory as CSV and pass that file",
        )
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [h.strip().lower() for h in next(reader)]

    def col(*names: str) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    c_name = col("inci name", "inci_name")
    c_cas, c_ec, c_fun = col("cas no", "cas_number"), col("ec no", "einecs_number"), col("function")
    merged: dict[str, tuple[str, set[str], set[str], list[str]]] = {}
    for row in reader:
        raw = row[c_name] if c_name is not None and len(row) > c_name else ""
        name = " ".join(raw.replace("\u00a0", " ").split())
        if not name:
            continue

        def cell(c: int | None, row: list[str] = row) -> str:
            return row[c] if c is not None and len(row) > c else ""

        rec = merged.setdefault(normalize_key(name), (name, set(), set(), []))
        rec[1].update(_CAS_RE.findall(cell(c_cas)))
        rec[2].update(_EC_RE.findall(cell(c_ec)))
        for f in (p.strip() for p in cell(c_fun).split(",")):
            if f and f.casefold() not in (g.casefold() for g in rec[3]):
                rec[3].append(f.title() if f.isupper() else f)
    if not merged:
        raise _problem(path, start + 1, "no INCI names found", "check the file is a CosIng export")
    return [CosingRow(n, tuple(sorted(cas)), tuple(sorted(ec)), tuple(funs)) for n, cas, ec, funs in merged.values()]


def read_cosing_export(path: Path) -> list[str]:
    """The INCI names of a CosIng export, title-cased as labels print them, sorted."""
    return sorted({title_inci(r.name) for r in read_cosing_rows(path)}, key=str.casefold)


def _clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").replace("|", "/")


def write_inventory(rows: Iterable[CosingRow], folder: Path, record: str, origin: str) -> int:
    """Write the inventory of ``rows`` into ``folder``: three files, each written atomically.

    ``names.tsv``: compact key and INCI name per line, sorted by the line's UTF-8 bytes (a tab sorts before any
    character of a key, so this is the order of the keys); ``records.tsv``: CAS numbers, EC numbers and functions of
    the same line of ``names.tsv``; ``signatures.tsv``: per signature (see :func:`signature`) and length (three
    digits, so one signature's lines sort by length), its names.
    """
    lines = []
    sigs: dict[str, set[str]] = {}
    for r in rows:
        key = normalize_key(r.name)
        name_line = compact_key(key) + "\t" + _clean(r.name)
        record_line = "\t".join(["|".join(r.cas), "|".join(r.ec), "|".join(map(_clean, r.functions))])
        lines.append((name_line.encode(), name_line, record_line))
        sigs.setdefault(f"{signature(key)}:{len(key):03d}", set()).add(key)
    lines.sort()
    head = (
        f"# {record}\n# from: {origin}\n# source: {SOURCE_URL}\n"
        "# built by exolabel/lexicon/cosing.py (names.tsv: compact key, INCI name; records.tsv, same lines: "
        "CAS numbers, EC numbers, functions; signatures.tsv: signature:length, names)\n"
    )
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        NAMES_FILE: "".join(n + "\n" for _, n, _ in lines),
        RECORDS_FILE: "".join(r + "\n" for _, _, r in lines),
        SIGNATURE_FILE: "".join(
            s + "\t" + "|".join(sorted(keys)) + "\n"
            for s, keys in sorted(sigs.items(), key=lambda kv: (kv[0] + "\t").encode())
        ),
    }
    for name, text in texts.items():
        tmp = folder / (name + f".{os.getpid()}.tmp")
        tmp.write_text(head + text, encoding="utf-8", newline="\n")
        os.replace(tmp, folder / name)
    return len(lines)


def import_cosing(path: Path) -> tuple[Path, int]:
    """Import an official export into the user's cache; later runs use it instead of the packaged inventory."""
    rows = read_cosing_rows(path)
    out = cache_folder()
    n = write_inventory(rows, out, f"EU CosIng Ingredients & Fragrance Inventory, imported from {path.name}", path.name)
    return out, n


def main(argv: list[str]) -> int:
    """``python -m exolabel.lexicon.cosing EXPORT.csv [FOLDER]``: rebuild the packaged inventory from an export."""
    if not argv or argv[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0 if argv else 2
    src = Path(argv[0])
    folder = Path(argv[1]) if len(argv) > 1 else PACKAGED_DIR
    n = write_inventory(read_cosing_rows(src), folder, DEFAULT_RECORD, src.name)
    print(f"{n:,} INCI names written to {folder}")
    return 0


if __name__ == "__main__":  # pragma: no cover - the build step
    sys.exit(main(sys.argv[1:]))
