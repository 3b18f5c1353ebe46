#!/usr/bin/env python3
"""Run the fuzz targets for a fixed number of iterations each, over seed corpora built from the repository.

    nice -n 10 python fuzz/run.py --target catalogue --runs 100000 [--workdir DIR] [-- extra libFuzzer flags]

``--target all`` runs every target in turn (``--runs`` each). Each target keeps its corpus in
``WORKDIR/TARGET/corpus`` (seeded from ``seeds.py`` and the target's regression inputs, and grown by libFuzzer), so
runs in bounded chunks carry on from each other; crash reproducers go to ``WORKDIR/TARGET/crashes``. An input that
found a bug belongs in ``fuzz/regressions/TARGET/`` so that ``tests/test_fuzz_regressions.py`` replays it forever.
After each run one JSON line (target, iterations, seconds, exec/s, crashes, exit code) is appended to
``WORKDIR/runs.jsonl``, the campaign's record. ``--blind`` mutates without coverage feedback (see the option).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import TARGETS, available  # noqa: E402
from seeds import MAX_LEN, SEEDS  # noqa: E402

REGRESSIONS = HERE / "regressions"


def regression_inputs(target: str) -> list[Path]:
    return sorted(p for p in (REGRESSIONS / target).glob("*") if p.is_file())


def run_target(
    target: str, runs: int, workdir: Path, max_len: int, extra: list[str], blind: bool = False
) -> dict[str, object]:
    corpus, crashes = workdir / target / "corpus", workdir / target / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for s in SEEDS[target]():
        (corpus / hashlib.sha1(s).hexdigest()).write_bytes(s)
    for r in regression_inputs(target):
        (corpus / r.name).write_bytes(r.read_bytes())
    before = set(crashes.iterdir())
    cmd = [
        sys.executable,
        str(HERE / "harness.py"),
        target,
        str(corpus),
        f"-runs={runs}",
        f"-max_len={max_len}",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
        "-timeout=20",  # an input that takes over 20 s is a runaway: reported as a crash
        "-rss_limit_mb=2048",
        *extra,
    ]
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    t0 = time.monotonic()
    log = workdir / target / "last.log"
    env = dict(os.environ)
    if blind:
        env["EXOLABEL_FUZZ_NO_COVERAGE"] = "1"
    with log.open("w") as fh:
        code = subprocess.call(cmd, cwd=workdir / target, stdout=fh, stderr=subprocess.STDOUT, env=env)
    seconds = time.monotonic() - t0
    text = log.read_text(errors="replace")
    done = re.search(r"Done (\d+) runs in (\d+) second", text)
    execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
    iterations = int(execs.group(1)) if execs else int(done.group(1)) if done else None
    record = {
        "target": target,
        "mode": "blind" if blind else "coverage",
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds)),
        "iterations": iterations,
        "seconds": round(seconds, 1),
        "exec_per_s": round(iterations / seconds, 1) if iterations else None,
        "corpus": sum(1 for _ in corpus.iterdir()),
        "new_crashes": sorted(p.name for p in set(crashes.iterdir()) - before),
        "exit": code,
        "max_len": max_len,
    }
    with (workdir / "runs.jsonl").open("a") as fh:
        fh.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)
    if code != 0:
        print(text[-3000:], file=sys.stderr)
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--runs", type=int, default=100_000, help="iterations per target (libFuzzer -runs)")
    ap.add_argument("--workdir", type=Path, default=HERE / "work")
    ap.add_argument("--max-len", type=int, default=MAX_LEN)
    ap.add_argument(
        "--blind",
        action="store_true",
        help="mutate the corpus without coverage feedback (no instrumentation: 10-30x more inputs per second, "
        "but nothing new is learnt); the record says which mode ran",
    )
    ap.add_argument("extra", nargs="*", help="extra libFuzzer flags (after --)")
    a = ap.parse_args(argv)
    workdir = a.workdir.resolve()
    targets = [t for t in TARGETS if available(t)] if a.target == "all" else [a.target]
    if a.target == "all" and len(targets) < len(TARGETS):
        print(f"skipped (not installed): {', '.join(sorted(set(TARGETS) - set(targets)))}", file=sys.stderr)
    codes = [run_target(t, a.runs, workdir, a.max_len, a.extra, a.blind)["exit"] for t in targets]
    return next((c for c in codes if c), 0)


if __name__ == "__main__":
    raise SystemExit(main())
