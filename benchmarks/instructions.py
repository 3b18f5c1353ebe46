"""Instructions per label, counted by valgrind: a speed comparison that other processes cannot disturb.

    python benchmarks/instructions.py --base 4f2741c --n 1000
    python benchmarks/instructions.py --base main --n 500 --kind botanical --what check
    python benchmarks/instructions.py --base ffc9164 --what cold

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

``--what cold`` counts whole processes instead: a cold ``python -m exolabel scan --format json`` of a five-name
text label and of a YAML label file (each side with its .pyc files and its own warmed caches, as a user's second
run finds them), against ``python -c "import typer"`` (issue 21's bound: within 1.4 times it).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
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


COLD_LABELS = {
    "five names": "Water, Glycerin, Niacinamide, Human Fibroblast Conditioned Media, Phenoxyethanol",
    "YAML file": "examples/labels/skinmedica-tns-recovery-complex.yaml",
}


def count_process(tree: Path, cache: Path, args: list[str]) -> int:
    """Instructions of one ``python ARGS`` process in ``tree`` (its .pyc files written, its own data cache)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree), "EXOLABEL_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, *args]
    res = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    found = _COLLECTED.search(res.stderr)
    if found is None:
        raise SystemExit(f"valgrind run failed in {tree}: {res.stderr[-800:]}")
    return int(found.group(1))


def cold(sides: dict[str, Path], tmp: Path, label: str) -> None:
    """Print the instructions of a cold JSON scan per side and label, and their ratio to ``import typer``."""
    time.sleep(1.1)  # a checkout's files are a second old before the data cache trusts their stat data
    typer = count_process(tmp, tmp / "cache-typer", ["-c", "import typer"])
    print(f"python -c 'import typer': {typer / 1e6:,.1f} M instructions")
    for name, arg in COLD_LABELS.items():
        counts = {}
        for side, tree in sides.items():
            cache = tmp / f"cache-{side}"
            env = {**os.environ, "PYTHONPATH": str(tree), "EXOLABEL_CACHE_DIR": str(cache)}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            subprocess.run([sys.executable, "-m", "compileall", "-q", "exolabel"], cwd=tree, env=env, check=True)
            scan = ["-m", "exolabel", "scan", "--format", "json", arg]
            for _ in range(2):  # fills the data cache and, where there is one, the compiled-code memo
                subprocess.run([sys.executable, *scan], cwd=tree, env=env, capture_output=True, check=False)
            counts[side] = count_process(tree, cache, scan)
        b, t = counts["base"], counts["this"]
        print(
            f"cold scan --format json, {name} ({label}): base {b / 1e6:,.1f} M ({b / typer:.2f}x typer), "
            f"this {t / 1e6:,.1f} M ({t / typer:.2f}x typer), this/base {t / b:.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit to compare with (e.g. HEAD~1)")
    ap.add_argument("--this", default=None, help="a commit to measure instead of this checkout")
    ap.add_argument("--n", type=int, default=1_000, help="labels")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--kind", default="project", choices=["project", "botanical"], help="catalogue generator")
    ap.add_argument("--what", default="scan", choices=["scan", "check", "cold"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="exolabel-instructions-") as d:
        tmp = Path(d)
        (tmp / "base").mkdir()
        (tmp / "this").mkdir()
        this = checkout(args.this, tmp / "this") if args.this else ROOT
        sides = {"base": checkout(args.base, tmp / "base"), "this": this}
        if args.what == "cold":
            cold(sides, tmp, f"base {args.base}, this {args.this or 'this checkout'}")
            return
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
