"""Benchmark ``exolabel batch`` on generated catalogues: rows/s, rows/s per core, wall time, peak memory, parity.

    python benchmarks/bench_batch.py --n 100000 --n 1000000 --workers 1 --workers 2
    python benchmarks/bench_batch.py --n 20000 --profile        # where the time goes in the check itself

For each size it generates a catalogue once (cached under --dir), runs the real command in a subprocess for each
worker count, samples the resident memory of the whole process tree (parent + workers, from /proc) and compares
the outputs byte for byte. Besides wall time it reports CPU seconds (rows per CPU second is what one uncontended
core would do, whatever else the machine is running) and the load average. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import os
import pstats
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generate(n: int, fmt: str, seed: int, folder: Path, kind: str = "project") -> Path:
    path = folder / f"catalogue-{kind}-{n}-{seed}.{fmt}"
    if not path.exists():
        t0 = time.perf_counter()
        tmp = path.with_name(path.name + ".tmp" + path.suffix)
        gen = [sys.executable, str(ROOT / "benchmarks" / "gen_catalogue.py"), "--n", str(n), "--seed", str(seed)]
        gen += ["--kind", kind]
        subprocess.run([*gen, "--format", fmt, "--out", str(tmp)], check=True)
        os.replace(tmp, path)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
    return path


def _pss_mb(pid: int) -> float:
    """The proportional set size of one process in MB (shared pages split among the processes sharing them), from
    /proc/PID/smaps_rollup; 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _tree_rss_mb(root: int) -> tuple[float, float, float, float]:
    """(sum over the process tree, largest single process) resident memory in MB, the CPU seconds the root
    process (the parent: reading, sending rows, writing) has used so far, and the tree's PSS in MB (what the
    tree really occupies: pages the workers share with each other are counted once in all)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    root_cpu = 0.0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            parents[int(d)] = int(fields[1])
            rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            if int(d) == root:
                root_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    sizes = [rss.get(p, 0) for p in tree]
    return sum(sizes) / 2**20, max(sizes, default=0) / 2**20, root_cpu, sum(_pss_mb(p) for p in tree)


def run_batch(cat: Path, out: Path, workers: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "exolabel", "batch", str(cat), "-o", str(out), "-j", str(workers)]
    cmd += ["--fail-on", "never", "--no-progress"]
    peak = {"tree": 0.0, "one": 0.0, "parent_cpu": 0.0, "pss": 0.0}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while proc.poll() is None:
            tree, one, parent_cpu, pss = _tree_rss_mb(proc.pid)
            peak["tree"], peak["one"] = max(peak["tree"], tree), max(peak["one"], one)
            peak["pss"] = max(peak["pss"], pss)
            peak["parent_cpu"] = max(peak["parent_cpu"], parent_cpu)  # last sample: up to 0.2 s before the end
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _out, err = proc.communicate()
    wall = time.perf_counter() - t0
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # CPU time of the command and its workers
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:  # --fail-on never: anything but 0 is a failed run, not a figure
        raise SystemExit(f"exolabel batch failed ({proc.returncode}): {err.decode()[-500:]}")
    return {
        "wall": wall,
        "cpu": cpu,
        "tree_mb": peak["tree"],
        "one_mb": peak["one"],
        "parent_cpu": peak["parent_cpu"],
        "pss_mb": peak["pss"],
    }


def sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def floor(cat: Path) -> float:
    """Rows per CPU second of the least any checker must do: read the CSV, cut each ingredient cell at its commas and
    NFKC-normalize every piece. What ``exolabel batch`` is compared with (README, "Speed")."""
    import csv
    import unicodedata

    c0 = time.process_time()
    rows = 0
    with cat.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        col = next(reader).index("ingredients")
        nfkc = unicodedata.normalize
        for row in reader:
            rows += 1
            for piece in row[col].split(","):
                nfkc("NFKC", piece.strip())
    return rows / (time.process_time() - c0)


def check_only(cat: Path, n: int, profile: bool) -> None:
    """The check alone (no reading or writing), one process, all rules on, as the engine runs it: the per-core
    ceiling."""
    from exolabel.catalogue import open_catalogue
    from exolabel.catalogue.engine import BatchOptions, RowChecker, chunked, swept

    c = open_catalogue(cat)
    opts = BatchOptions().resolve(c.columns)
    chunks = []
    for chunk in chunked(c.rows(), opts):
        chunks.append(chunk)
        if sum(len(x) for x in chunks) >= n:
            break
    rows = sum(len(x) for x in chunks)
    checker = RowChecker(opts)
    prof = cProfile.Profile() if profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    gc.disable()
    for chunk in chunks:  # as the batch engine checks chunks (cyclic GC off, swept now and then)
        checker.values(chunk)
        swept(checker, len(chunk))
    gc.enable()
    if prof:
        prof.disable()
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"check only (1 process, all rules, cold memo): {rows:,} rows in {dt:.1f} s wall = {rows / dt:,.0f} rows/s; "
        f"{cpu:.1f} CPU s = {rows / cpu:,.0f} rows per CPU second"
    )
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, action="append", help="catalogue sizes (repeatable; default 100000)")
    ap.add_argument("--workers", type=int, action="append", help="worker counts (repeatable; default 1 and 2)")
    ap.add_argument("--format", default="csv", choices=["csv", "jsonl", "parquet"])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/exolabel-bench"))
    ap.add_argument("--kind", default="project", choices=["project", "botanical"], help="catalogue generator")
    ap.add_argument("--profile", action="store_true", help="profile the check on the first --n rows instead")
    args = ap.parse_args()
    sizes = args.n or [100_000]
    workers = args.workers or [1, 2]
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        check_only(generate(sizes[0], args.format, args.seed, args.dir, args.kind), sizes[0], True)
        return
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for n in sizes:
        cat = generate(n, args.format, args.seed, args.dir, args.kind)
        check_only(cat, min(n, 20_000), False)
        base = floor(cat) if args.format == "csv" else None
        digests = {}
        for w in workers:
            out = args.dir / f"out-{n}-w{w}.csv"
            r = run_batch(cat, out, w)
            digests[w] = sha(out)
            print(
                f"n={n:,} {args.format} workers={w}: {r['wall']:.1f} s wall, {n / r['wall']:,.0f} rows/s "
                f"({n / r['wall'] / w:,.0f} rows/s per worker); {r['cpu']:.0f} CPU s in all processes = "
                f"{n / r['cpu']:,.0f} rows per CPU second (parent process: {r['parent_cpu']:.1f} CPU s = "
                f"{r['parent_cpu'] / n * 1e6:.0f} us a row); load average {os.getloadavg()[0]:.1f}; "
                f"peak RSS {r['tree_mb']:.0f} MB summed over the process tree, peak PSS {r['pss_mb']:.0f} MB "
                f"(largest process {r['one_mb']:.0f} MB RSS), output sha256 {digests[w]}"
            )
            if base:
                print(
                    f"  floor (csv + comma split + NFKC, 1 process): {base:,.0f} rows per CPU second; "
                    f"batch -j {w} per CPU second / floor = {n / r['cpu'] / base:.3f}"
                )
        same = len(set(digests.values())) == 1
        print(f"n={n:,}: output identical across worker counts {workers}: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
