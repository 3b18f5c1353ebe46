#!/usr/bin/env python3
"""A mutational fuzzer without coverage feedback, for volume: every target's whole corpus, mutated, up to 64 KB.

    nice -n 10 python fuzz/mutate.py --target scan --runs 200000 [--corpus DIR ...] [--seed N]

libFuzzer without coverage (atheris uninstrumented) keeps no seed (none adds a feature), so it only mutates a
one-byte input. This loop instead takes a random input of the seed corpus (``seeds.py``), the regression inputs
and any ``--corpus`` folder (the coverage-guided runs' corpus), applies 1-8 random mutations (bit flips, random
bytes, deletions, repeated runs, splices from another input, tokens that matter to the parsers) and runs the target.
A failing input is kept in ``WORKDIR/TARGET/crashes`` with its traceback, and the run goes on; an input that runs
over ``--timeout`` seconds is a hang and is kept the same way. One JSON line per run goes to ``WORKDIR/runs.jsonl``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import random
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import TARGETS  # noqa: E402
from seeds import MAX_LEN, SEEDS  # noqa: E402

TOKENS = [
    *(c.encode() for c in "=+-@'\"\t\r\n,;|:()[]{}*&!#%/\\"),
    b"\r\n",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xe9",
    "水".encode(),
    "\u200b".encode(),
    b"=HYPERLINK(",
    b"=cmd|' /C calc'!A0",
    b"ingredients: ",
    b"ingredients = ",
    b'"ingredients": ',
    b"exolabel-ignore",
    b"declared:",
    b"exosome_source:",
    b"characterization:",
    b"&a ",
    b"*a",
    b"!!python/object",
    b"- ",
    b"Exosome",
    b"Conditioned Media",
    b"Lysate",
    b"Ferment",
    b"Extract",
    b"(and)",
    b"may contain",
    b"Ingredients:",
    b"1,2-",
    b"ppm",
    b"0.5%",
    b"PK\x03\x04",
    b"PAR1",
]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(9)
        n = len(b)
        if op == 0 and n:
            b[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1 and n:
            b[rng.randrange(n)] = rng.randrange(256)
        elif op == 2:
            at = rng.randint(0, n)
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3 and n > 1:
            at = rng.randrange(n)
            del b[at : at + rng.randint(1, max(1, n // 8))]
        elif op == 4 and n:
            at = rng.randrange(n)
            piece = bytes(b[at : at + rng.randint(1, 64)])
            b[at:at] = piece * rng.choice((1, 2, 8, 64, 1000))
        elif op == 5:
            other = rng.choice(pool)
            if other:
                s = rng.randrange(len(other))
                piece = other[s : s + rng.randint(1, 4096)]
                at = rng.randint(0, n)
                b[at:at] = piece
        elif op == 6:
            at = rng.randint(0, n)
            b[at:at] = rng.choice(TOKENS)
        elif op == 7 and n:
            b[0] = rng.randrange(256)  # another mode / kind of file
        elif op == 8 and n > 2:
            cut = rng.randrange(1, n)
            b = b[:cut] if rng.random() < 0.5 else b[:1] + b[cut:]
    return bytes(b[:MAX_LEN])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", choices=list(TARGETS), required=True)
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="more inputs (folders), e.g. libFuzzer's")
    ap.add_argument("--workdir", type=Path, default=HERE / "work" / "mutate")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=20.0)
    a = ap.parse_args(argv)
    seed = a.seed if a.seed is not None else int(time.time())
    rng = random.Random(seed)
    module = importlib.import_module(TARGETS[a.target])
    module.warm_up()
    pool = list(SEEDS[a.target]())
    pool += [p.read_bytes() for p in sorted((HERE / "regressions" / a.target).glob("*")) if p.is_file()]
    for d in a.corpus:
        pool += [p.read_bytes()[:MAX_LEN] for p in sorted(d.glob("*")) if p.is_file()]
    pool = [p for p in pool if p]
    crashes = a.workdir.resolve() / a.target / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    found: dict[str, str] = {}
    sizes = 0
    t0 = time.monotonic()
    for _ in range(a.runs):
        data = mutate(rng, rng.choice(pool), pool)
        sizes += len(data)
        signal.setitimer(signal.ITIMER_REAL, a.timeout)
        try:
            module.run_one(data)
        except Exception as e:  # a finding: keep the input and where it failed, and carry on
            signal.setitimer(signal.ITIMER_REAL, 0)
            tb = traceback.extract_tb(e.__traceback__)
            where = f"{type(e).__name__} at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else repr(e)
            if isinstance(e, Hang):
                where = f"hang over {a.timeout:g} s"
            name = hashlib.sha1(data).hexdigest()
            (crashes / name).write_bytes(data)
            (crashes / f"{name}.txt").write_text(where + "\n" + "".join(traceback.format_exception(e)))
            if where not in found:
                found[where] = name
                print(f"finding: {where} -> {crashes / name}", file=sys.stderr, flush=True)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.monotonic() - t0
    record = {
        "target": a.target,
        "mode": "mutate",
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds)),
        "iterations": a.runs,
        "seconds": round(seconds, 1),
        "exec_per_s": round(a.runs / seconds, 1),
        "mean_input_bytes": round(sizes / max(1, a.runs)),
        "pool": len(pool),
        "seed": seed,
        "findings": found,
        "max_len": MAX_LEN,
    }
    with (a.workdir.resolve() / "runs.jsonl").open("a") as fh:
        fh.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
