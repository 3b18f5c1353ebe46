#!/usr/bin/env python3
"""Mutation testing of the core modules with mutmut, one module group at a time, each with the fast tests that
cover it. Not part of CI (minutes to hours): run it by hand after changing one of these modules.

    pip install -e ".[test,batch,mutation]"
    nice -n 10 python mutation/run.py                      # every group, every mutant
    nice -n 10 python mutation/run.py baseline writers     # some groups
    nice -n 10 python mutation/run.py tokenizer --sample 300 --seed 1   # a random sample of a group's mutants

Each group runs in its own copy of the repository (``mutation/work/GROUP``, git-ignored; the files git tracks plus
new untracked ones), so the work tree is never mutated and other test runs can go on meanwhile. mutmut runs, for
each mutant, only the selected tests that executed the mutated function. The report (``mutation/work/GROUP.json``
and one line per group on stdout) counts killed, survived, timeout and untested mutants per group and lists the
survivors; ``mutation/survivors.md`` says, for each survivor of the last run, why it is equivalent (or that it is
not yet killed).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "mutation" / "work"


@dataclass(frozen=True)
class Group:
    """Files to mutate (globs relative to the repository) and the tests that may kill their mutants."""

    mutate: tuple[str, ...]
    tests: tuple[str, ...]
    deselect: tuple[str, ...] = ()


# The slowest tokenizer test (16 s alone; a guard's answer against the regex it stands for) is left to the full suite
# and to --recheck of the survivors; the differential tests (the cutter against tests/reference_tokenizer.py, guarded
# searches against trying every pattern) stay in: a few seconds each, and they are what sees a cutting bug.
_SLOW_TOKENIZER = ("tests/test_tokenize.py::test_the_marker_word_test_never_misses_a_marker",)
_TOKENIZER_TESTS = (
    "tests/test_tokenize.py",
    "tests/test_normalize.py",
    "tests/test_amount.py",
    "tests/test_locate.py",
    "tests/test_scraped_text.py",
    "tests/test_run_together.py",
    # the masking step's own tests: footnote legends and kit headings (mask.py)
    "tests/test_footnotes.py",
    "tests/test_kits.py",
)
GROUPS: dict[str, Group] = {
    # the tokenizer without its cutting paths (cut.py, core.py), which are measured apart as "cutting"
    "tokenizer": Group(
        tuple(f"exolabel/tokenizer/{m}.py" for m in ("amount", "mask", "names", "panels", "piece", "prepare", "runs")),
        _TOKENIZER_TESTS,
        _SLOW_TOKENIZER,
    ),
    "cutting": Group(("exolabel/tokenizer/cut.py", "exolabel/tokenizer/core.py"), _TOKENIZER_TESTS, _SLOW_TOKENIZER),
    # the matcher and the helpers only it calls: OCR/typo readings, the phrase index, origins read from a name
    "matcher": Group(
        (
            "exolabel/lexicon/match.py",
            "exolabel/lexicon/repair.py",
            "exolabel/lexicon/words.py",
            "exolabel/lexicon/origin.py",
        ),
        # test_examples.py: the real labels' expected readings and snapshots (what each name is known as), which
        # alone killed two survivors of the 2507c52 run
        (
            "tests/test_match.py",
            "tests/test_scraped_text.py",
            "tests/test_phrases.py",
            "tests/test_lexicon_coverage.py",
            "tests/test_examples.py",
        ),
        ("tests/test_match.py::test_fuzzy_length_window_loses_no_candidate",),
    ),
    "rules": Group(
        ("exolabel/rules/__init__.py", "exolabel/rules/base.py"),
        (
            "tests/test_rule_engine.py",
            "tests/test_rule_data.py",
            "tests/test_rule_examples.py",
            "tests/test_rule_labels.py",
            "tests/test_rules_cli.py",
        ),
    ),
    "writers": Group(
        ("exolabel/catalogue/write.py",),
        # test_csv_injection.py: the CSV cells (neutralized formulas, list cells and their escapes)
        ("tests/test_readback.py", "tests/test_batch.py", "tests/test_batch_resume.py", "tests/test_csv_injection.py"),
        # real processes killed by signals: slow, and the in-process resume tests cover the same writer code
        (
            "tests/test_batch_resume.py::test_sigint_to_a_real_process_then_resume",
            "tests/test_batch_resume.py::test_a_worker_killed_mid_run_stops_the_run_keeping_what_is_complete",
            "tests/test_batch_resume.py::test_a_worker_dying_halfway_through_a_result_stops_the_run_instead_of_hanging",
        ),
    ),
    "baseline": Group(
        ("exolabel/ci/baseline.py",),
        ("tests/test_baseline.py", "tests/test_check_cli.py", "tests/test_config.py"),
    ),
}
# mutmut 3.8 files exit code 255 under "timeout", but its fork-server worker exits 255 when its test runner raised
# (pytest could not find a test it was given, exit 4: escaped parametrize ids, see tests/test_scraped_text.py): no
# verdict at all, so such a mutant is not counted as checked, and a --reuse run checks it again
RUNNER_ERROR = 255
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    RUNNER_ERROR: "runner error",
    None: "not checked",
}
UNCHECKED = ("not checked", "skipped", "runner error")


def copy_repo(dest: Path) -> None:
    """The files git tracks and the untracked ones it does not ignore, as they are in the work tree now."""
    names = (
        subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    if dest.exists():
        shutil.rmtree(dest)
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file() and not name.startswith("mutation/work/"):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def write_config(dest: Path, group: Group) -> None:
    def lines(values: tuple[str, ...] | list[str]) -> str:
        return "\n".join(f"    {v}" for v in values)

    deselect = [a for d in group.deselect for a in ("--deselect", d)]
    (dest / "setup.cfg").write_text(
        "[mutmut]\nsource_paths=exolabel\n"
        f"only_mutate=\n{lines(['*' + g for g in group.mutate])}\n"
        f"pytest_add_cli_args_test_selection=\n{lines([*group.tests, *deselect])}\n"
        # the same hypothesis examples for the clean pass and every mutant: a verdict does not depend on the draw, and
        # a property that fails only on a rare draw (a real bug, listed in survivors.md) does not stop a whole run
        "pytest_add_cli_args=\n    -p\n    no:cacheprovider\n    --hypothesis-seed=0\n"
        # a mutant gets 10 x (its tests' measured time + 10 s) of CPU time and half that of wall time (mutmut 3.8):
        # an endless loop is a timeout (counted killed); a slow, loaded machine is not
        "timeout_multiplier=5.0\ntimeout_constant=10.0\n"
        # each mutant's process forks from a server that has only collected the tests: with the default (fork the
        # process that ran the clean tests) the memos are warm and a mutant in memoized code is never run
        "process_isolation=forkserver\nforkserver_warmup=collect\n"
        "log_to_file=true\n"  # mutants/mutmut-debug.log: each mutant's start, end and exit code, to follow a run
        "also_copy=\n    examples\n    benchmarks\n    tests\n    README.md\n",
        encoding="utf-8",
    )


def results(dest: Path) -> dict[str, str]:
    """Mutant name -> status, from the .meta files mutmut leaves next to each mutated module."""
    out: dict[str, str] = {}
    for meta in (dest / "mutants").rglob("*.py.meta"):
        for key, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            out[key] = STATUS.get(code, "suspicious")
    return out


def forget_runner_errors(dest: Path) -> None:
    """Clear the results that are no verdict (see RUNNER_ERROR), so the next mutmut run checks those mutants."""
    for meta in (dest / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        if RUNNER_ERROR in codes.values():
            data["exit_code_by_key"] = {k: (None if v == RUNNER_ERROR else v) for k, v in codes.items()}
            meta.write_text(json.dumps(data), encoding="utf-8")


def mutmut(dest: Path, names: list[str], log: Path) -> None:
    with log.open("a", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "mutmut", "run", *names], cwd=dest, stdout=fh, stderr=fh, check=False)


def run_group(
    name: str, group: Group, sample: int | None, seed: int, reuse: bool = False, report_only: bool = False
) -> dict[str, object]:
    dest = WORK / name
    reuse = (reuse or report_only) and (dest / "mutants" / "mutmut-stats.json").exists()
    if not reuse:
        copy_repo(dest)
        write_config(dest, group)
    elif not report_only:
        write_config(dest, group)  # this script's settings, which may have changed since
        forget_runner_errors(dest)
    log = WORK / f"{name}.log"
    if not report_only:
        log.write_text("", encoding="utf-8")
    start = time.monotonic()
    chosen: list[str] = []
    if sample is not None:
        if not reuse:
            mutmut(dest, ["no-such-mutant"], log)  # generates the mutants and the test map, checks none
        every = sorted(results(dest))
        chosen = sorted(random.Random(seed).sample(every, min(sample, len(every))))
        for i in range(0, 0 if report_only else len(chosen), 200):
            mutmut(dest, chosen[i : i + 200], log)
    elif not report_only:
        mutmut(dest, [], log)
    status = results(dest)
    total = len(status)
    if chosen:
        status = {k: v for k, v in status.items() if k in chosen}
    counts: dict[str, int] = {}
    for s in status.values():
        counts[s] = counts.get(s, 0) + 1
    checked = sum(n for s, n in counts.items() if s not in UNCHECKED)
    killed = counts.get("killed", 0) + counts.get("timeout", 0)
    return {
        "group": name,
        "mutants": len(status),
        "of": total,
        "sampled": sample is not None,
        "counts": counts,
        "score": round(100 * killed / checked, 1) if checked else None,
        "survivors": sorted(k for k, v in status.items() if v in ("survived", "no tests", "suspicious")),
        "seconds": round(time.monotonic() - start),
    }


RECHECK_TIMEOUT = 900  # seconds of wall time for one mutant's tests in --recheck (the tests alone take under 120)


def recheck(name: str, group: Group, mutants: list[str], tests: list[str]) -> dict[str, str]:
    """Each mutant applied on its own to a copy of the group's work tree, then ``tests`` (default: the group's tests,
    the slow ones too) run there in full: "killed" (a test failed) or "survived". For survivors of a run, to see
    whether a test added since, or one the run left out, kills them."""
    src, dest = WORK / name, WORK / f"{name}-recheck"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
    tests = tests or list(group.tests)
    for t in tests:  # the tests as they are in the work tree now (new ones included)
        path = t.split("::")[0]
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, dest / path)
    originals = {p: p.read_bytes() for g in group.mutate for p in dest.glob(g)}
    out: dict[str, str] = {}
    for mutant in mutants:
        for path, data in originals.items():
            path.write_bytes(data)
        subprocess.run([sys.executable, "-m", "mutmut", "apply", mutant], cwd=dest, check=True, capture_output=True)
        if all(path.read_bytes() == data for path, data in originals.items()):
            out[mutant] = "not applied"
            continue
        try:
            res = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                cwd=dest,
                capture_output=True,
                text=True,
                check=False,
                timeout=RECHECK_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            out[mutant] = "timeout"
        else:
            out[mutant] = {0: "survived", 1: "killed"}.get(res.returncode, f"pytest exit {res.returncode}")
        print(f"{mutant}: {out[mutant]}", flush=True)
    for path, data in originals.items():
        path.write_bytes(data)
    return out


def table() -> str:
    """The README's table: one row per group with a report in mutation/work/."""
    rows = ["| group | modules | mutants checked | killed (timeouts) | survived | score |", "|---|---|---|---|---|---|"]
    for name, group in GROUPS.items():
        path = WORK / f"{name}.json"
        if not path.exists():
            continue
        res = json.loads(path.read_text(encoding="utf-8"))
        c = res["counts"]
        checked = sum(n for s, n in c.items() if s not in UNCHECKED)
        of = f"{checked} of {res['mutants']}"
        if res["sampled"]:
            of += f" drawn at random from {res.get('of', '?')}"
        killed = c.get("killed", 0) + c.get("timeout", 0)
        left = checked - killed
        modules = ", ".join(f"`{m}`" for m in group.mutate)
        rows.append(f"| {name} | {modules} | {of} | {killed} ({c.get('timeout', 0)}) | {left} | {res['score']} % |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("groups", nargs="*", choices=[[], *GROUPS], help="module groups (default: all)")
    ap.add_argument("--sample", type=int, help="check only this many randomly chosen mutants per group")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reuse", action="store_true", help="keep a group's copy, mutants and test map from a former run")
    ap.add_argument("--report", action="store_true", help="only count what a former run (same --sample) left")
    ap.add_argument("--table", action="store_true", help="print the README's table from the reports and stop")
    ap.add_argument(
        "--recheck",
        nargs="+",
        metavar="MUTANT",
        help="apply each mutant of a former run of the one "
        "group named and run the tests (--tests, default the group's, slow ones included) against it",
    )
    ap.add_argument("--tests", nargs="*", default=[], help="with --recheck: the tests to run (pytest node ids)")
    args = ap.parse_args()
    if args.recheck:
        if len(args.groups) != 1:
            ap.error("--recheck needs exactly one group")
        res = recheck(args.groups[0], GROUPS[args.groups[0]], args.recheck, args.tests)
        print(json.dumps(res, indent=2))
        return 0 if all(v == "killed" for v in res.values()) else 1
    if args.table:
        print(table())
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    for name in args.groups or list(GROUPS):
        res = run_group(name, GROUPS[name], args.sample, args.seed, args.reuse, args.report)
        (WORK / f"{name}.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        print(f"{name}: {res['counts']} score {res['score']}% in {res['seconds']} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
