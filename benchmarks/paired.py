"""Paired benchmark: this checkout against an earlier commit, run in turn on the same inputs in one invocation.

    python benchmarks/paired.py --base 4f2741c --n 100000 --rounds 3
    python benchmarks/paired.py --base HEAD~1 --scan-only --n 20000

The machine drifts (other processes, thermal state), so figures from separate invocations cannot be compared:
here the two sides alternate (base, this, base, this...), each in a fresh subprocess, on one generated catalogue
(made once, by this checkout's generator). For each side it prints the median and range of
- ``scan``: labels per CPU-second of ``Scanner.scan`` over the catalogue's labels, first pass and warm;
- ``batch``: rows per CPU-second (all processes) and wall time of ``exolabel batch -j W``, and the output digest,
and the ratio this/base of the medians. Equal digests mean the same output. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCAN = """
import json, sys, time
from exolabel.scanner import Scanner
labels = [json.loads(line)["ingredients"] for line in open(sys.argv[1], encoding="utf-8")]
s = Scanner().preload()
out = {}
for name in ("first", "warm"):
    c0 = time.process_time()
    for text in labels:
        s.scan(text)
    out[name] = len(labels) / (time.process_time() - c0)
print(json.dumps(out))
"""


def checkout(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (its tracked files only) unpacked into ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    tar = into / "src.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as tf:
        tf.extractall(into / "tree", filter="data")
    return into / "tree"


def generate(n: int, seed: int, kind: str, folder: Path) -> tuple[Path, Path]:
    gen = [sys.executable, str(ROOT / "benchmarks" / "gen_catalogue.py"), "--n", str(n), "--seed", str(seed)]
    if kind != "project":
        gen += ["--kind", kind]
    csv_path, jsonl_path = folder / "catalogue.csv", folder / "catalogue.jsonl"
    subprocess.run([*gen, "--format", "csv", "--out", str(csv_path)], check=True)
    subprocess.run([*gen, "--format", "jsonl", "--out", str(jsonl_path)], check=True)
    return csv_path, jsonl_path


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_scan(tree: Path, labels: Path) -> dict[str, float]:
    res = subprocess.run([sys.executable, "-c", _SCAN, str(labels)], cwd=tree, check=True, capture_output=True)
    return json.loads(res.stdout)


def run_batch(tree: Path, cat: Path, out: Path, workers: int) -> dict[str, float | str]:
    cmd = [sys.executable, "-m", "exolabel", "batch", str(cat), "-o", str(out), "-j", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, cwd=tree, env=env, check=False, capture_output=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16] if out.exists() else "no output"
    rows = sum(1 for _ in cat.open(encoding="utf-8")) - 1
    return {"rows_per_cpu_s": rows / cpu, "wall_s": wall, "digest": digest}


def _line(name: str, base: list[float], this: list[float], unit: str) -> str:
    mb, mt = statistics.median(base), statistics.median(this)
    return (
        f"{name:<28} base {mb:>10,.0f} ({min(base):,.0f}-{max(base):,.0f})   "
        f"this {mt:>10,.0f} ({min(this):,.0f}-{max(this):,.0f}) {unit}   this/base {mt / mb:.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit to compare with (e.g. HEAD~1)")
    ap.add_argument("--n", type=int, default=20_000, help="catalogue rows")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--kind", default="project", choices=["project", "botanical"], help="catalogue generator")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--scan-only", action="store_true")
    ap.add_argument("--batch-only", action="store_true", help="only the batch runs (more rounds in the same time)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="exolabel-paired-") as d:
        tmp = Path(d)
        (tmp / "base").mkdir()
        sides = {"base": checkout(args.base, tmp / "base"), "this": ROOT}
        csv_path, jsonl_path = generate(args.n, args.seed, args.kind, tmp)
        scans: dict[str, dict[str, list[float]]] = {s: {"first": [], "warm": []} for s in sides}
        batches: dict[str, list[dict[str, float | str]]] = {s: [] for s in sides}
        for r in range(args.rounds):
            for side, tree in sides.items():
                if not args.batch_only:
                    for k, v in run_scan(tree, jsonl_path).items():
                        scans[side][k].append(v)
                if not args.scan_only:
                    batches[side].append(run_batch(tree, csv_path, tmp / f"out-{side}-{r}.csv", args.workers))
                print(f"round {r + 1} {side}: done", file=sys.stderr)
        print(f"{args.n:,} generated labels ({args.kind}, seed {args.seed}), {args.rounds} rounds, base {args.base}")
        for k in ("first", "warm") if not args.batch_only else ():
            print(_line(f"scan {k} pass", scans["base"][k], scans["this"][k], "labels/CPU-s"))
        if not args.scan_only:
            b = [float(x["rows_per_cpu_s"]) for x in batches["base"]]
            t = [float(x["rows_per_cpu_s"]) for x in batches["this"]]
            print(_line(f"batch -j {args.workers}", b, t, "rows/CPU-s"))
            pairs = [y / x for x, y in zip(b, t, strict=True)]  # each round's this/base (the two ran in turn)
            by_round = ", ".join(f"{p:.3f}" for p in pairs)
            print(f"{'batch this/base by round':<28} {by_round} (median {statistics.median(pairs):.3f})")
            wb = [float(x["wall_s"]) for x in batches["base"]]
            wt = [float(x["wall_s"]) for x in batches["this"]]
            print(f"{'batch wall':<28} base {statistics.median(wb):.1f} s   this {statistics.median(wt):.1f} s")
            digests = {side: sorted({str(x["digest"]) for x in batches[side]}) for side in sides}
            same = digests["base"] == digests["this"] and len(digests["this"]) == 1
            print(f"output digests: base {digests['base']}, this {digests['this']}: {'same' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
