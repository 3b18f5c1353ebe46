"""Photo benchmark: label images rendered from the real lists of examples/labels (tests/photo_render.py: fonts,
sizes, case, colours, rotation, blur, JPEG quality, two-column layouts, headings in five languages) are read by
the OCR engine and scanned; prints, per photo and in total, name recall (the typed list's ingredients found with
the same identity in the photo's scan), EV-family recall (photos whose EV-family ingredients are all found) and
seconds per photo, and the model load.

    nice -n 10 python benchmarks/bench_photo.py                 # held-out labels (every label but the dev set)
    python benchmarks/bench_photo.py --split dev --save /tmp/p  # the labels used while building; keep the images
    python benchmarks/bench_photo.py --engine v1                # rapidocr-onnxruntime 1.4 (PP-OCRv4), to compare
    python benchmarks/bench_photo.py --stages --scale 3         # where the time goes, on phone-sized photos
    python benchmarks/bench_photo.py --real -v                  # the real photos of examples/photos (truth/)

``--stages`` splits each photo's CPU seconds (all threads) into decoding the photo, the detector (with its
cropping), the recognizer, the rest of the engine call (resizing, word boxes) and exolabel's own layout and section
search, and counts the readings (a photo read badly is read again turned). ``--scale F`` enlarges each rendered image F
times (a 1000-pixel render becomes a 3000-pixel, 9-megapixel "phone photo") before it is encoded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from photo_render import cases, render  # noqa: E402

from exolabel.labelfile.read import read_path  # noqa: E402
from exolabel.model import ScannedIngredient  # noqa: E402
from exolabel.photo.engine import OcrLine, OcrWord, RapidEngine  # noqa: E402
from exolabel.photo.image import open_photo  # noqa: E402
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


class StageClock:
    """Wraps a loaded RapidEngine's RapidOCR object: per engine call, its wall time, and the CPU seconds (all
    threads) spent detecting (``detect_and_crop``) and recognizing (``recognize_txt``)."""

    def __init__(self, engine: RapidEngine) -> None:
        self.inner = engine._ocr
        self.calls: list[dict[str, float]] = []
        self._cpu: Counter[str] = Counter()
        for stage, method in (("det", "detect_and_crop"), ("rec", "recognize_txt")):
            setattr(self.inner, method, self._timed(stage, getattr(self.inner, method)))
        engine._ocr = self

    def _timed(self, stage: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            c = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._cpu[stage] += time.process_time() - c

        return run

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._cpu.clear()
        t, c = time.perf_counter(), time.process_time()
        out = self.inner(*args, **kwargs)
        cpu = time.process_time() - c
        self.calls.append(
            {
                "wall": time.perf_counter() - t,
                "det": self._cpu["det"],
                "rec": self._cpu["rec"],
                "engine other": cpu - self._cpu["det"] - self._cpu["rec"],
            }
        )
        return out

    def take(self) -> list[dict[str, float]]:
        calls, self.calls = self.calls, []
        return calls


def scaled(data: bytes, factor: float) -> bytes:
    """The JPEG ``data`` enlarged ``factor`` times (bicubic), re-encoded at quality 90."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(data)).convert("RGB")
    img = img.resize((round(img.width * factor), round(img.height * factor)), Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=90)
    return buf.getvalue()


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


@dataclass(frozen=True)
class RealPhoto:
    """A real photo of examples/photos (named by its label file) and the label file of its typed list."""

    name: str
    photo: Path
    truth: Path


def real_photos() -> list[RealPhoto]:
    """Every label file of examples/photos with a photo, and its ground truth (truth/ holds the same name)."""
    out = []
    for p in sorted((ROOT / "examples" / "photos").glob("*.yaml")):
        item = read_path(p)
        for photo in item.photos:
            out.append(RealPhoto(p.stem, Path(photo), p.parent / "truth" / p.name))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("held-out", "dev", "all"), default="held-out")
    ap.add_argument("--real", action="store_true", help="the real photos of examples/photos instead of renders")
    ap.add_argument("--per-label", type=int, default=2, help="styles per label")
    ap.add_argument("--limit", type=int, default=0, help="only the first N photos")
    ap.add_argument("--offset", type=int, default=0, help="start the cycle of styles at this one")
    ap.add_argument("--ev-only", action="store_true", help="only labels with an EV-family ingredient")
    ap.add_argument("--engine", choices=("v3", "v1"), default="v3")
    ap.add_argument("--det-side", type=int, default=1280)
    ap.add_argument("--scale", type=float, default=1.0, help="enlarge each rendered image this many times")
    ap.add_argument("--stages", action="store_true", help="print where each photo's time goes")
    ap.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads (0: one per core)")
    ap.add_argument("--rec-batch", type=int, default=1, help="text lines per recognizer call (RapidOCR's own: 6)")
    ap.add_argument(
        "--arena", action=argparse.BooleanOptionalAction, default=True, help="ONNX Runtime's CPU memory arena"
    )
    ap.add_argument(
        "--line-pool",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the recognizer reads as many lines at once as there are threads, one ONNX Runtime thread each",
    )
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
    todo: list[Any] = real_photos() if args.real else cases(labels, args.per_label, args.offset)
    todo = todo[: args.limit or None]

    t0, c0 = time.perf_counter(), time.process_time()
    engine = (
        V1Engine()
        if args.engine == "v1"
        else RapidEngine(args.det_side, args.threads, args.rec_batch, args.arena, args.line_pool).load()
    )
    load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    reader = PhotoReader(engine)
    clock = StageClock(engine) if args.stages and isinstance(engine, RapidEngine) else None
    stage_sums = Counter()
    total = found = 0
    ev_photos = ev_found = 0
    seconds: list[float] = []
    cpu: list[float] = []
    for i, case in enumerate(todo):
        if isinstance(case, RealPhoto):
            truth, data = scanner.scan(read_path(case.truth).text), case.photo.read_bytes()
        else:
            item = read_path(case.label)
            truth = scanner.scan(item.text)
            data = render(item.label.product or case.label.stem, item.text, case.style, seed=i)
        if args.scale != 1.0:
            data = scaled(data, args.scale)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{case.name}.jpg").write_bytes(data)
        t, c = time.perf_counter(), time.process_time()
        stage_line = ""
        if clock is None:
            text = reader.read_bytes(data, case.name)
        else:
            photo = open_photo(data, case.name, reader.limits)
            decoded = time.process_time() - c
            text = reader.read_photo(photo)
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        if clock is not None:
            calls = clock.take()
            parts = {"decode": decoded, **{k: sum(x[k] for x in calls) for k in ("det", "rec", "engine other")}}
            parts["layout+section"] = cpu[-1] - sum(parts.values())
            stage_sums.update(parts)
            stage_sums["readings"] += len(calls)
            size = "x".join(str(v) for v in photo.image.size)
            stage_line = f"    {size:>9} px, {len(calls)} reading(s), CPU s: " + ", ".join(
                f"{k} {v:.2f}" for k, v in parts.items()
            )
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
        if stage_line:
            print(stage_line, flush=True)
        if args.verbose and hit < sum(want.values()):
            print("    missed:", sorted((want - have).elements()))
            print("    extra: ", sorted((have - want).elements()))
    n = len(seconds)
    print(
        f"\nengine: {engine.name}; {n} photos ({'real' if args.real else args.split}), det side {args.det_side}, "
        f"threads {args.threads}, recognizer batch {args.rec_batch}, arena {'on' if args.arena else 'off'}, "
        f"line pool {'on' if args.line_pool else 'off'}"
    )
    print(f"name recall: {found}/{total} = {found / max(total, 1):.1%}")
    print(f"EV-family recall: {ev_found}/{ev_photos} photos")
    print(
        f"seconds per photo, wall: mean {sum(seconds) / max(n, 1):.2f}, max {max(seconds, default=0):.2f}; "
        f"CPU (all threads): mean {sum(cpu) / max(n, 1):.2f}, max {max(cpu, default=0):.2f}; "
        f"model load {load:.2f} s wall, {load_cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f}"
    )
    if stage_sums:
        shown = {k: v for k, v in stage_sums.items() if k != "readings"}
        total = sum(shown.values()) or 1.0
        print(
            f"stages, mean CPU s per photo ({stage_sums['readings'] / max(n, 1):.2f} readings per photo): "
            + ", ".join(f"{k} {v / max(n, 1):.2f} ({v / total:.0%})" for k, v in shown.items())
        )


if __name__ == "__main__":
    main()
