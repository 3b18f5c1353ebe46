"""Photo benchmark: label images rendered from the real lists of examples/labels (tests/photo_render.py: fonts,
sizes, case, colours, rotation, blur, JPEG quality, two-column layouts, headings in five languages) are read by
the OCR engine and scanned; prints, per photo and in total, name recall (the typed list's ingredients found with
the same identity in the photo's scan), EV-family recall (photos whose EV-family ingredients are all found) and
seconds per photo, and the model load.

    nice -n 10 python benchmarks/bench_photo.py                 # held-out labels (every label but the dev set)
    python benchmarks/bench_photo.py --split dev --save /tmp/p  # the labels used while building; keep the images
    python benchmarks/bench_photo.py --engine v1                # rapidocr-onnxruntime 1.4 (PP-OCRv4), to compare
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from photo_render import cases, render  # noqa: E402

from exolabel.labelfile.read import read_path  # noqa: E402
from exolabel.model import ScannedIngredient  # noqa: E402
from exolabel.photo.engine import OcrLine, OcrWord, RapidEngine  # noqa: E402
from exolabel.photo.read import PhotoReader  # noqa: E402
from exolabel.scanner import Scanner  # noqa: E402

# labels looked at while building the photo path; every other example label is held out
DEV = (
    "skinmedica-tns-recovery-complex",
    "medicube-one-day-exosome-shot-2000",
    "clinique-clarifying-lotion-4",
    "suave-daily-clarifying-shampoo",
)


def identity(s: ScannedIngredient) -> str:
    if s.matches:
        return "ev:" + s.matches[0].id
    if s.known:
        return "inci:" + s.known.casefold()
    if s.correction:
        return "inci:" + s.correction.name.casefold()
    return "raw:" + s.ingredient.key.casefold()


class V1Engine:
    """rapidocr-onnxruntime 1.4 (PP-OCRv4 mobile, models in its wheel), for comparison only."""

    name = "rapidocr-onnxruntime 1.4 PP-OCRv4"

    def __init__(self) -> None:
        from rapidocr_onnxruntime import RapidOCR

        self._ocr = RapidOCR()

    def read(self, image: Any) -> tuple[OcrLine, ...]:
        import numpy as np

        res, _ = self._ocr(np.asarray(image)[:, :, ::-1].copy())
        out = []
        for box, text, score in res or ():
            b = tuple((float(x), float(y)) for x, y in box)
            out.append(OcrLine(text, float(score), b, (OcrWord(text, float(score), b),)))  # type: ignore[arg-type]
        return tuple(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("held-out", "dev", "all"), default="held-out")
    ap.add_argument("--per-label", type=int, default=2, help="styles per label")
    ap.add_argument("--limit", type=int, default=0, help="only the first N photos")
    ap.add_argument("--offset", type=int, default=0, help="start the cycle of styles at this one")
    ap.add_argument("--ev-only", action="store_true", help="only labels with an EV-family ingredient")
    ap.add_argument("--engine", choices=("v3", "v1"), default="v3")
    ap.add_argument("--det-side", type=int, default=1280)
    ap.add_argument("--save", type=Path, help="write the rendered images here")
    ap.add_argument("--verbose", "-v", action="store_true", help="print the names missed")
    args = ap.parse_args()

    labels = sorted((ROOT / "examples" / "labels").glob("*.yaml"))
    if args.split == "dev":
        labels = [p for p in labels if p.stem in DEV]
    elif args.split == "held-out":
        labels = [p for p in labels if p.stem not in DEV]
    scanner = Scanner().preload()
    if args.ev_only:
        labels = [p for p in labels if scanner.scan(read_path(p).text).ev_ingredients]
    todo = cases(labels, args.per_label, args.offset)[: args.limit or None]

    t0, c0 = time.perf_counter(), time.process_time()
    engine = V1Engine() if args.engine == "v1" else RapidEngine(det_side=args.det_side).load()
    load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    reader = PhotoReader(engine)
    total = found = 0
    ev_photos = ev_found = 0
    seconds: list[float] = []
    cpu: list[float] = []
    for i, case in enumerate(todo):
        item = read_path(case.label)
        truth = scanner.scan(item.text)
        data = render(item.label.product or case.label.stem, item.text, case.style, seed=i)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{case.name}.jpg").write_bytes(data)
        t, c = time.perf_counter(), time.process_time()
        text = reader.read_bytes(data, case.name)
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        got = scanner.scan(text.text) if text.text.strip() else None
        want = Counter(identity(s) for s in truth.ingredients)
        have = Counter(identity(s) for s in got.ingredients) if got else Counter()
        hit = sum((want & have).values())
        total += sum(want.values())
        found += hit
        ev_want = {s.matches[0].id for s in truth.ev_ingredients}
        ev_have = {s.matches[0].id for s in got.ev_ingredients} if got else set()
        ev_ok = ev_want <= ev_have
        if ev_want:
            ev_photos += 1
            ev_found += ev_ok
        mark = "" if not ev_want else (" EV ok" if ev_ok else " EV MISSED")
        print(
            f"{case.name:<80} {hit:>3}/{sum(want.values()):<3} {seconds[-1]:6.2f} s wall {cpu[-1]:5.2f} s CPU{mark}",
            flush=True,
        )
        if args.verbose and hit < sum(want.values()):
            print("    missed:", sorted((want - have).elements()))
            print("    extra: ", sorted((have - want).elements()))
    n = len(seconds)
    print(f"\nengine: {engine.name}; {n} photos ({args.split}), det side {args.det_side}")
    print(f"name recall: {found}/{total} = {found / max(total, 1):.1%}")
    print(f"EV-family recall: {ev_found}/{ev_photos} photos")
    print(
        f"seconds per photo, wall: mean {sum(seconds) / max(n, 1):.2f}, max {max(seconds, default=0):.2f}; "
        f"CPU (all threads): mean {sum(cpu) / max(n, 1):.2f}, max {max(cpu, default=0):.2f}; "
        f"model load {load:.2f} s wall, {load_cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
