#!/usr/bin/env python3
"""Run the fuzzer for a fixed number of iterations over a seed corpus drawn from ``examples/labels``.

    python fuzz/run.py --runs 1000000 [--workdir DIR] [-- extra libFuzzer flags]

Each example label gives seeds in every mode of ``target.read`` (text, YAML, JSON, TOML, raw string), so the
fuzzer starts from real labels in all the shapes a user can hand over. New corpus entries and crash reproducers
go to the work directory (default ``fuzz/work``, git-ignored); a reproducer that found a bug belongs in
``fuzz/regressions/`` so that ``tests/test_fuzz_regressions.py`` replays it forever.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "labels"


def seeds() -> list[bytes]:
    """One seed per example label and mode: the mode byte, then the bytes that mode reads."""
    from exolabel.labelfile.read import read_path

    out: list[bytes] = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix not in (".txt", ".yaml", ".yml", ".json", ".toml"):
            continue
        raw = path.read_bytes()
        if path.suffix == ".txt":
            out += [b"\x00" + raw, b"\x04" + raw]
            continue
        item = read_path(path)
        out.append(b"\x01" + raw)
        doc = {"product": item.label.product or "x", "ingredients": item.text, "claims": list(item.label.claims)}
        out.append(b"\x02" + json.dumps(doc, ensure_ascii=False).encode())
        out.append(b"\x03" + ("ingredients = " + json.dumps(item.text, ensure_ascii=False) + "\n").encode())
        out.append(b"\x00" + item.text.encode("utf-8"))
        out.append(b"\x00" + item.text.encode("utf-16"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100_000, help="iterations (libFuzzer -runs)")
    ap.add_argument("--workdir", type=Path, default=HERE / "work")
    ap.add_argument("--max-len", type=int, default=2048)
    ap.add_argument("extra", nargs="*", help="extra libFuzzer flags (after --)")
    a = ap.parse_args(argv)
    corpus = a.workdir / "corpus"
    crashes = a.workdir / "crashes"
    a.workdir = a.workdir.resolve()
    corpus, crashes = a.workdir / "corpus", a.workdir / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for s in seeds():
        (corpus / hashlib.sha1(s).hexdigest()).write_bytes(s)
    for r in sorted((HERE / "regressions").glob("*")):
        (corpus / r.name).write_bytes(r.read_bytes())
    cmd = [
        sys.executable,
        str(HERE / "fuzz_scan.py"),
        str(corpus),
        f"-runs={a.runs}",
        f"-max_len={a.max_len}",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
        "-timeout=10",  # an input that takes over 10 s is a runaway: reported as a crash
        "-rss_limit_mb=1024",
        *a.extra,
    ]
    print(" ".join(cmd), file=sys.stderr)
    return subprocess.call(cmd, cwd=a.workdir)  # with -jobs, libFuzzer writes fuzz-N.log here


if __name__ == "__main__":
    raise SystemExit(main())
