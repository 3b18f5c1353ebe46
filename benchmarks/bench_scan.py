"""Benchmark ``exolabel.scan`` in one process: labels/second and peak memory, plus cold CLI start-up.

    python benchmarks/bench_scan.py --n 20000

Prints the figures; it is not a test (timings on a shared machine are noisy).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402

from exolabel.scanner import Scanner  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_scan(n: int, seed: int) -> None:
    labels = [p["ingredients"] for p in products(n, seed)]
    tokens = sum(t.count(",") + 1 for t in labels)
    t0 = time.perf_counter()
    scanner = Scanner()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    scanner.preload()
    t_pre = time.perf_counter() - t0
    print(f"labels: {n:,} (~{tokens / n:.1f} ingredients each), seed {seed}")
    print(f"lexicon load: {t_load * 1000:.0f} ms; rule lists and fuzzy index (Scanner.preload): {t_pre * 1000:.0f} ms")
    scan = scanner.scan
    for name in ("first pass (memo filling)", "second pass (memo warm)"):
        t0, c0 = time.perf_counter(), time.process_time()
        for text in labels:
            scan(text)  # only the scan is timed (counting EV-family labels here cost ~2 us a label)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"scan, {name}: {dt:.2f} s -> {n / dt:,.0f} labels/s ({tokens / dt:,.0f} ingredients/s), "
            f"{n / cpu:,.0f} labels per CPU-second, all rules on"
        )
    ev = findings = 0
    for text in labels:  # what the scans found (untimed)
        r = scan(text)
        ev += any(s.matches for s in r.ingredients)
        findings += len(r.findings)
    print(f"EV-family labels: {ev:,} ({ev / n:.1%}); findings: {findings:,}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (includes the generated labels held in memory)")


def bench_cold_start(runs: int) -> None:
    label = ROOT / "examples" / "labels" / "skinmedica-tns-recovery-complex.yaml"
    exe = [sys.executable, "-m", "exolabel", "scan", "--format", "json", str(label)]
    env = dict(os.environ)
    # .pyc files for exolabel (PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every start)
    compileall.compile_dir(str(ROOT / "exolabel"), quiet=1)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(exe, capture_output=True, env=env, check=False)  # warm the lexicon cache
    typer = [sys.executable, "-c", "import typer"]
    times: list[float] = []
    floor: list[float] = []
    for _ in range(runs):  # in turn with the floor, so both see the same machine
        for cmd, into in ((typer, floor), (exe, times)):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env, check=False)
            into.append(time.perf_counter() - t0)
    med, fmed = statistics.median(times), statistics.median(floor)
    print(
        f"cold 'exolabel scan --format json' of one label: median {med * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
        f"{runs} runs); 'python -c \"import typer\"' in turn: median {fmed * 1000:.0f} ms "
        f"(min {min(floor) * 1000:.0f}); ratio of medians {med / fmed:.2f}, of minimums {min(times) / min(floor):.2f}"
    )
    with tempfile.TemporaryDirectory() as d:
        env["EXOLABEL_CACHE_DIR"] = d
        t0 = time.perf_counter()
        subprocess.run(exe, capture_output=True, env=env, check=False)
        print(
            f"first run with an empty lexicon cache (YAML parsed and compiled): "
            f"{(time.perf_counter() - t0) * 1000:.0f} ms"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    bench_scan(args.n, args.seed)
    bench_cold_start(args.runs)


if __name__ == "__main__":
    main()
