"""Worst cases under a time budget: every regular expression in exolabel, and pathological labels end to end.

    python benchmarks/bench_worst.py [--scale 1.0] [--budget 2.0]

Part 1 (regex audit) finds every compiled pattern in the package's modules (and the lexicon's cue patterns),
runs each against adversarial strings (long runs of spaces, digits, dots, stars, brackets, letters, header
words... each followed by a character that makes the match fail) at two sizes, and prints the time and the
growth factor. Linear patterns grow ~10x for a 10x longer input; catastrophic backtracking grows 100x or
explodes. Part 2 scans whole pathological labels (a 1 MB ingredient, 100,000 line-separated names, deep
brackets...) through ``Scanner.scan``.

Exits 1 when a case is over ``--budget`` seconds or a pattern grows much faster than its input. It is a
benchmark, not a test: timings on a shared machine are noisy, so CI does not run it.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import exolabel  # noqa: E402

# Runs that make a failing match rescan: each is repeated, then a "killer" ends it.
ATOMS = (
    " ",
    "\t",
    "\n",
    "a",
    "A",
    "Aa",
    "1",
    "1,",
    "1.",
    ".",
    ". ",
    "*",
    "* ",
    ",",
    ", ",
    "(",
    ")",
    "[",
    "(and)",
    "-",
    "- ",
    "/",
    " /",
    "%",
    "1%",
    "1 ",
    "x10",
    "ingredients ",
    "ingredients/",
    "may contain ",
    "+/-",
    "skin ",
    "Skin Conditioning ",
    "Emollient,",
    "Extract",
    "1,000",
    "exosome ",
    "Water (",
    "\u00a0",
    "•",
    "é",
    "成",
)
KILLERS = ("", "!", "\x00", "Z", "9", ":")


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every module-level compiled pattern in the exolabel package, then the lexicon's cue patterns."""
    seen: set[int] = set()
    for info in pkgutil.walk_packages(exolabel.__path__, "exolabel."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in sorted(vars(mod).items()):
            if isinstance(obj, re.Pattern) and id(obj) not in seen and obj.pattern and isinstance(obj.pattern, str):
                seen.add(id(obj))
                yield f"{info.name}.{name}", obj
    from exolabel.lexicon import load_lexicon

    lex = load_lexicon()
    for attr, value in sorted(vars(lex).items()):
        items = value if isinstance(value, (list, tuple)) else [value]
        for i, item in enumerate(items):
            pat = getattr(item, "pattern", item)
            if isinstance(pat, re.Pattern) and id(pat) not in seen:
                seen.add(id(pat))
                yield f"lexicon.{attr}[{i}]", pat


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_time(pat: re.Pattern[str], s: str) -> float:
    return timed(lambda: (pat.search(s), pat.findall(s), pat.sub("", s)))


def worst_for(pat: re.Pattern[str], small: int, large: int) -> tuple[float, float, str]:
    """Time (search + findall + sub) on every atom run and killer at ``small`` characters, then the three
    slowest of those again at ``large``; return (small time, large time, input) for the worst growth."""
    trials = []
    for atom in ATOMS:
        for killer in KILLERS:
            trials.append((run_time(pat, atom * (small // len(atom)) + killer), atom, killer))
    trials.sort(reverse=True)
    worst = (0.0, 0.0, "")
    for t_small, atom, killer in trials[:3]:
        t_large = run_time(pat, atom * (large // len(atom)) + killer)
        if t_large > worst[1]:
            worst = (t_small, t_large, f"{atom!r}*n+{killer!r}")
    return worst


def audit_regexes(scale: float, budget: float) -> list[str]:
    small, large = int(2_000 * scale), int(20_000 * scale)
    bad = []
    print(f"{'pattern':58} {'t(' + str(small) + ')':>10} {'t(' + str(large) + ')':>11} {'growth':>7}  worst input")
    for name, pat in patterns():
        t_small, t_large, what = worst_for(pat, small, large)
        growth = t_large / max(t_small, 1e-5)
        # quadratic: ~100x for 10x; allow noise on tiny timings
        flag = t_large > budget or (growth > 40 and t_large > 0.05)
        print(f"{name[:58]:58} {t_small * 1000:9.2f}ms {t_large * 1000:10.2f}ms {growth:6.1f}x  {what}", flush=True)
        if flag:
            bad.append(f"regex {name}: {t_large:.2f}s at {large} chars ({growth:.0f}x growth) on {what}")
    return bad


def labels(scale: float) -> Iterator[tuple[str, str]]:
    n = int(100_000 * scale)
    yield "one 1 MB ingredient", "A" * int(1_000_000 * scale)
    yield "one 1 MB ingredient of words", "Extract " * int(125_000 * scale)
    yield "1 MB of spaces, dots, stars", (" . *" * int(250_000 * scale)) + "x"
    yield "1 MB of digits", "1" * int(1_000_000 * scale) + "x"
    yield "1 MB of percent amounts", "5% " * int(330_000 * scale)
    yield f"{n:,} line-separated names", "\n".join(f"Name{i}" for i in range(n))
    yield f"{n:,} comma-separated names", ", ".join(f"Name{i}" for i in range(n))
    yield f"{n:,} repeated known names", ", ".join(["Water", "Glycerin", "Niacinamide"] * (n // 3))
    yield f"{n:,} commas", "," * n
    yield f"{n:,} nested brackets", "(" * n + "Water" + ")" * n
    yield f"{n:,} unbalanced brackets", "(" * n + "Water"
    yield f"{n:,} '(and)' blends", "Water (and) " * (n // 10)
    yield f"{n:,} footnote lines", "\n".join("*organic" for _ in range(n // 10))
    yield f"{n:,} header words", "Ingredients: " * (n // 10)
    yield "1 MB of CJK", "成分水甘油" * int(200_000 * scale)
    yield "1 MB of right-to-left", "ماء جلسرين، " * int(80_000 * scale)


def audit_labels(scale: float, budget: float, max_ingredients: int | None) -> list[str]:
    from exolabel.scanner import Scanner

    scanner = Scanner()
    bad = []
    print(f"\n{'label':40} {'chars':>10} {'seconds':>8}  result")
    for name, text in labels(scale):
        t0 = time.perf_counter()
        try:
            rep = scanner.scan(text, None, name)
            result = f"{len(rep.ingredients):,} ingredients, {len(rep.findings):,} findings"
        except Exception as e:  # a limit refusing the label is a fine answer
            result = f"refused: {type(e).__name__}: {str(e)[:60]}"
        t = time.perf_counter() - t0
        print(f"{name:40} {len(text):10,} {t:8.2f}  {result}", flush=True)
        if t > budget * 5:  # a whole label gets five times a single pattern's budget
            bad.append(f"label '{name}': {t:.1f}s")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every input size")
    ap.add_argument("--budget", type=float, default=2.0, help="seconds allowed per pattern at the large size")
    ap.add_argument("--only", choices=("regex", "labels"), default=None)
    a = ap.parse_args()
    bad = []
    if a.only in (None, "regex"):
        bad += audit_regexes(a.scale, a.budget)
    if a.only in (None, "labels"):
        bad += audit_labels(a.scale, a.budget, None)
    print()
    for b in bad:
        print("OVER BUDGET:", b)
    print("ok: every case within budget" if not bad else f"{len(bad)} case(s) over budget")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
