"""Instructions per label, counted by valgrind: a speed comparison that other processes cannot disturb.

    python benchmarks/instructions.py --base 4f2741c --n 1000
    python benchmarks/instructions.py --base main --n 500 --kind botanical --what check

CPU time on a shared 2-core machine drifts by 15-25 % between runs; the number of instructions a run executes
does not (hash seeds fixed, same input). For this checkout and an earlier commit it runs, under
``valgrind --tool=callgrind``, the same generated labels through ``Scanner.scan`` (``--what scan``) or the batch
engine's row check (``--what check``, cyclic GC off as the engine runs it) 0, 1 and 2 times, and prints
instructions per label for the first pass (new pieces, cold memos) and the warm pass (the same labels again), and
the ratio this/base. Each side reads its own compiled-data cache, filled by an uncounted run first: with the
user's shared cache, which other processes rewrite, repeated counts of one commit differed by up to 10 %; with a
private warmed cache two counts agreed to 0.01 %. Instructions are not time (memory stalls differ), so it
complements ``paired.py``; it needs
valgrind (Debian's package) and takes about a minute per 1,000 labels and side. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paired import ROOT, checkout, generate

_RUN = """
import json, sys
what, path, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
if what == "scan":
    from exolabel.scanner import Scanner
    labels = [json.loads(line)["ingredients"] for line in open(path, encoding="utf-8")]
    s = Scanner().preload()
    for _ in range(passes):
        for text in labels:
            s.scan(text)
else:
    from exolabel.catalogue import open_catalogue
    from exolabel.catalogue.engine import BatchOptions, RowChecker, chunked
    c = open_catalogue(path)
    opts = BatchOptions().resolve(c.columns)
    rows = [r for chunk in chunked(c.rows(), opts) for r in chunk]
    checker = RowChecker(opts)
    checker.scanner.preload()
    import gc
    gc.disable()  # as the batch engine runs the check (see engine.swept)
    for _ in range(passes):
        checker.values(rows)
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def count(tree: Path, what: str, path: Path, passes: int, cache: Path) -> int:
    """Instructions executed by one run (start-up and loading included; the caller subtracts). ``cache``: the
    side's own compiled-data cache, filled before the first counted run (:func:`warm`), so no counted run compiles
    the data files, whatever other processes do to the user's cache meanwhile."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree), "EXOLABEL_CACHE_DIR": str(cache)}
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _RUN]
    res = subprocess.run([*cmd, what, str(path), str(passes)], cwd=tree, env=env, capture_output=True, text=True)
    found = _COLLECTED.search(res.stderr)
    if res.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed in {tree}: {res.stderr[-800:]}")
    return int(found.group(1))


def warm(tree: Path, what: str, path: Path, cache: Path) -> None:
    """Fill ``cache`` with the side's compiled data (and its .pyc files): one uncounted run of no pass."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree), "EXOLABEL_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", _RUN, what, str(path), "0"], cwd=tree, env=env, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit to compare with (e.g. HEAD~1)")
    ap.add_argument("--this", default=None, help="a commit to measure instead of this checkout")
    ap.add_argument("--n", type=int, default=1_000, help="labels")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--kind", default="project", choices=["project", "botanical"], help="catalogue generator")
    ap.add_argument("--what", default="scan", choices=["scan", "check"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="exolabel-instructions-") as d:
        tmp = Path(d)
        (tmp / "base").mkdir()
        (tmp / "this").mkdir()
        this = checkout(args.this, tmp / "this") if args.this else ROOT
        sides = {"base": checkout(args.base, tmp / "base"), "this": this}
        csv_path, jsonl_path = generate(args.n, args.seed, args.kind, tmp)
        path = jsonl_path if args.what == "scan" else csv_path
        per: dict[str, dict[str, float]] = {}
        for side, tree in sides.items():
            cache = tmp / f"cache-{side}"
            warm(tree, args.what, path, cache)
            c0, c1, c2 = (count(tree, args.what, path, k, cache) for k in (0, 1, 2))
            per[side] = {"first": (c1 - c0) / args.n, "warm": (c2 - c1) / args.n}
        print(
            f"{args.n:,} generated labels ({args.kind}, seed {args.seed}), {args.what}, base {args.base}, "
            f"this {args.this or 'this checkout'}"
        )
        for k in ("first", "warm"):
            b, t = per["base"][k], per["this"][k]
            print(f"{args.what} {k} pass: base {b:>12,.0f}  this {t:>12,.0f} instructions/label  this/base {t / b:.3f}")


if __name__ == "__main__":
    main()
