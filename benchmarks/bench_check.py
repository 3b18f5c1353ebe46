"""Benchmark ``exolabel check`` over a generated repository of label files: files/second for the whole pass
(discover, read, parse, scan, locate findings, baseline), the share spent locating, and the CLI end to end.

    python benchmarks/bench_check.py --n 2000

Prints the figures; it is not a test (timings on a shared machine are noisy).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402

from exolabel.ci import locate  # noqa: E402
from exolabel.ci.baseline import load as load_baseline  # noqa: E402
from exolabel.ci.baseline import render as render_baseline  # noqa: E402
from exolabel.ci.check import CheckOptions, check_files  # noqa: E402
from exolabel.ci.discover import Globs, discover  # noqa: E402
from exolabel.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE  # noqa: E402
from exolabel.scanner import Scanner  # noqa: E402


def write_repo(root: Path, n: int, seed: int) -> None:
    for i, p in enumerate(products(n, seed)):
        d = root / "labels" / f"line-{i % 20:02d}"
        d.mkdir(parents=True, exist_ok=True)
        names = [x.strip() for x in re.split(r"[,;\n]", p["ingredients"]) if x.strip()]
        if i % 3 == 0:
            (d / f"p{i}.json").write_text(json.dumps({"product": f"P{i}", "ingredients": names}, indent=2))
        else:
            body = "\n  ".join(", ".join(names[j : j + 6]) + "," for j in range(0, len(names), 6)).rstrip(",")
            (d / f"p{i}.yaml").write_text(f"product: P{i}\nmarkets: [eu]\ningredients: |\n  {body}\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_repo(root, args.n, args.seed)
        scanner = Scanner()
        t0 = time.perf_counter()
        files = discover([root], Globs(root, DEFAULT_INCLUDE, DEFAULT_EXCLUDE), root).files
        t_disc = time.perf_counter() - t0
        spent = [0.0]
        orig = locate.Locator._find_all

        def timed(self, key, items):
            s = time.perf_counter()
            try:
                return orig(self, key, items)
            finally:
                spent[0] += time.perf_counter() - s

        locate.Locator._find_all = timed  # type: ignore[method-assign]
        t0 = time.perf_counter()
        result = check_files(files, scanner, CheckOptions(key_root=root), cwd=root)
        dt = time.perf_counter() - t0
        locate.Locator._find_all = orig  # type: ignore[method-assign]
        n_find = sum(len(r.findings) for r in result.files)
        print(f"files: {len(files):,} (2/3 YAML block text, 1/3 JSON lists); discover: {t_disc * 1000:.0f} ms")
        print(f"check (warm lexicon): {dt:.2f} s -> {len(files) / dt:,.0f} files/s; findings: {n_find:,}")
        print(f"locating findings in the files: {spent[0]:.2f} s ({spent[0] / dt:.1%} of the check)")
        base = root / ".exolabel-baseline.json"
        base.write_text(render_baseline(result.all_keys()))
        t0 = time.perf_counter()
        again = check_files(files, scanner, CheckOptions(key_root=root, baseline=load_baseline(base)), cwd=root)
        dt2 = time.perf_counter() - t0
        left = sum(len(r.findings) for r in again.files)
        print(f"with baseline: {dt2:.2f} s, {left} findings left (expected 0)")
        print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "exolabel", "check", "--isolated", "--format", "sarif", "-o", str(root / "o.sarif")],
            cwd=root,
            capture_output=True,
        )
        print(f"CLI end to end (sarif, cold process): {time.perf_counter() - t0:.2f} s, exit {proc.returncode}")


if __name__ == "__main__":
    main()
