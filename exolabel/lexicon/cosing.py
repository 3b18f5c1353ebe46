"""Import the official CosIng "Ingredients & Fragrance Inventory" CSV export as an extra vocabulary.

The export (data.europa.eu, "Cosmetic ingredient database - Ingredients and Fragrance inventory") has a few
metadata lines before its header ``COSING Ref No,INCI name,...``. We keep the INCI names only, title-cased,
in the vocabulary CSV format (``name,synonyms,source``) in the user's cache, where the lexicon loader picks it
up on the next run. Nothing from CosIng is shipped in the package.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from exolabel.datafiles.load import DataError, Problem

CACHE_NAME = "cosing_inci_names.csv"
_ACRONYMS = {
    "peg",
    "ppg",
    "bht",
    "bha",
    "edta",
    "dna",
    "rna",
    "mea",
    "tea",
    "dea",
    "hdi",
    "pvp",
    "ci",
    "pca",
    "mipa",
    "tipa",
    "smdi",
    "ipdi",
    "va",
    "vp",
    "hcl",
    "dmdm",
    "ii",
    "iii",
    "iv",
    "spf",
    "uv",
}


def title_inci(name: str) -> str:
    """'CAPRYLIC/CAPRIC TRIGLYCERIDE' -> 'Caprylic/Capric Triglyceride'; keeps PEG, CI, sh- as labels print them."""

    def part(p: str) -> str:
        return p.upper() if p.lower() in _ACRONYMS else p[:1].upper() + p[1:].lower()

    def fix(word: str) -> str:
        low = word.lower()
        if low.startswith(("sh-", "rh-")):
            return low[:3] + fix(word[3:])
        return "-".join(part(p) for p in word.split("-"))

    parts = []
    for token in name.strip().split(" "):
        parts.append("/".join(fix(w) for w in token.split("/")))
    return " ".join(parts)


def read_cosing_export(path: Path) -> list[str]:
    """INCI names from an official CosIng CSV export (or a CSV with an 'INCI name'/'inci_name' column)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataError([Problem(str(path), None, None, f"cannot read: {e.strerror}", "check the path")]) from None
    text = raw.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    start = next(
        (i for i, line in enumerate(lines[:50]) if "inci name" in line.lower() or "inci_name" in line.lower()), None
    )
    if start is None:
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "no 'INCI name' header in the first 50 lines",
                    "export the CosIng Ingredients & Fragrance inventory as CSV and pass that file",
                )
            ]
        )
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [h.strip().lower() for h in next(reader)]
    col = header.index("inci name") if "inci name" in header else header.index("inci_name")
    names = set()
    for row in reader:
        if len(row) > col and row[col].strip():
            names.add(title_inci(row[col]))
    if not names:
        raise DataError(
            [Problem(str(path), start + 1, None, "no INCI names found", "check the file is a CosIng export")]
        )
    return sorted(names, key=str.casefold)


def cache_path() -> Path:
    base = os.environ.get("EXOLABEL_CACHE_DIR")
    if base:
        return Path(base) / CACHE_NAME
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "exolabel" / CACHE_NAME


def import_cosing(path: Path) -> tuple[Path, int]:
    names = read_cosing_export(path)
    out = cache_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "synonyms", "source"])
        for n in names:
            w.writerow([n, "", "cosing"])
    os.replace(tmp, out)
    return out, len(names)
