"""The batch engine keeps the cyclic GC off while it checks rows (catalogue.engine.swept): that is only sound if
checking a row makes no reference cycles. This counts them."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402

from exolabel.catalogue.engine import BatchOptions, RawRow, RowChecker  # noqa: E402


def test_checking_rows_makes_no_reference_cycles() -> None:
    rows = [
        RawRow(i, f"row {i}", p["ingredients"], p["id"], p["name"], "exosome serum | vegan", None, None, None, None)
        for i, p in enumerate(products(600, 3), start=1)
    ]
    checker = RowChecker(BatchOptions(column="ingredients"))
    checker.values(rows[:100])  # lazy loading (rule lists, fuzzy index) may make cycles once; not per row
    gc.collect()
    gc.disable()
    try:
        values = checker.values(rows[100:])
        found = gc.collect()
    finally:
        gc.enable()
    assert len(values) == 500 and {v.status for v in values} <= {"ok", "findings"}
    assert found == 0, f"{found} objects in reference cycles after checking 500 rows"
