#!/usr/bin/env python3
"""Sum a fuzz campaign's records (the ``runs.jsonl`` files of ``run.py`` and ``mutate.py``) as a Markdown table.

    python fuzz/tally.py [RUNS.jsonl ...]        (default: every fuzz/work/*/runs.jsonl)

One line per target and mode: runs (bounded chunks), iterations, CPU-bound wall seconds, iterations per second,
and the failing inputs kept; then the totals. Records of runs that did not start (no iteration count) are listed
apart, not counted.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((HERE / "work").glob("*/runs.jsonl"))
    rows: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    broken = 0
    for f in files:
        for line in f.read_text().splitlines():
            r = json.loads(line)
            key = (r["target"], r.get("mode", "coverage"))
            if not r.get("iterations"):
                broken += 1
                continue
            acc = rows[key]
            acc["runs"] += 1
            acc["iterations"] += r["iterations"]
            acc["seconds"] += r["seconds"]
            found[key] += list(r.get("new_crashes") or []) + [f"{k}: {v}" for k, v in (r.get("findings") or {}).items()]
    print("| target | mode | runs | iterations | seconds | exec/s | failing inputs kept |")
    print("|---|---|---|---|---|---|---|")
    total_it = total_s = 0.0
    for (target, mode), acc in sorted(rows.items()):
        total_it += acc["iterations"]
        total_s += acc["seconds"]
        rate = acc["iterations"] / acc["seconds"] if acc["seconds"] else 0
        print(
            f"| {target} | {mode} | {acc['runs']:.0f} | {acc['iterations']:,.0f} | {acc['seconds']:,.0f} | "
            f"{rate:,.0f} | {len(found[(target, mode)])} |"
        )
    print(f"| **total** | | | **{total_it:,.0f}** | {total_s:,.0f} | | |")
    if broken:
        print(f"\n{broken} run(s) without an iteration count (did not start) left out")
    for key, items in sorted(found.items()):
        for item in items:
            print(f"- {key[0]}/{key[1]}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
