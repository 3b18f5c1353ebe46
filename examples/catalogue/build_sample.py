"""Build examples/catalogue/sample.csv: the real labels of examples/labels mixed into generated products.

    python examples/catalogue/build_sample.py

Deterministic. Every real label (product, brand, claims, ingredient list exactly as in its file) becomes one row
with a ``REAL-`` SKU; 220 generated products (benchmarks/gen_catalogue.py, seed 2026) fill the rest with a ``GEN-``
SKU; two rows are broken on purpose, as exports sometimes are: an empty ingredient cell and a line with an
unquoted comma (one field too many). See README.md next to this script.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402

from exolabel.labelfile.read import read_path  # noqa: E402

FIELDS = ["SKU", "Product Name", "Brand", "INCI", "Claims"]


def main() -> None:
    real = []
    for path in sorted((ROOT / "examples" / "labels").glob("*.yaml")):
        item = read_path(path)
        real.append(
            {
                "SKU": "REAL-" + path.stem[:40],
                "Product Name": item.label.product or "",
                "Brand": item.label.brand or "",
                "INCI": item.text.strip(),
                "Claims": " | ".join(item.label.claims),
            }
        )
    generated = [
        {
            "SKU": "GEN-" + p["id"][1:],
            "Product Name": p["name"],
            "Brand": "Generated",
            "INCI": p["ingredients"],
            "Claims": "",
        }
        for p in products(220, 2026)
    ]
    rows: list[dict[str, str]] = []
    for i, g in enumerate(generated):
        rows.append(g)
        if i % 8 == 3 and real:
            rows.append(real.pop(0))
    rows.extend(real)
    rows.insert(
        40,
        {
            "SKU": "GEN-EMPTY",
            "Product Name": "Listing without ingredients",
            "Brand": "Generated",
            "INCI": "",
            "Claims": "",
        },
    )
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    for n, r in enumerate(rows):
        if n == 120:  # a hand-typed line whose ingredient list was not quoted
            buf.write("GEN-BROKEN,Unquoted export row,Generated,Water, Glycerin, Niacinamide\n")
        w.writerow(r)
    (HERE / "sample.csv").write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {HERE / 'sample.csv'}: {len(rows) + 1} rows")


if __name__ == "__main__":
    main()
