"""``exolabel check``: find label files, scan each, place findings in the file, apply suppressions and baseline.

The library part of the command (pure apart from reading files): :func:`discover` walks directories for label
files matching include/exclude globs; :func:`check_files` scans them with one Scanner and returns a
:class:`CheckResult` whose findings carry file, line and column. Suppressed findings (``exolabel-ignore`` in
the label, ``per-file-ignores`` in the config) and baselined ones are kept apart, never silently dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from exolabel.ci.baseline import Baseline, Key, relative
from exolabel.ci.locate import Locator, Position
from exolabel.datafiles.load import DataError
from exolabel.labelfile.extras import Suppression
from exolabel.labelfile.read import LABEL_SUFFIXES, InputError, LabelInput, read_path_with_text
from exolabel.model import Finding, Report, Severity
from exolabel.scanner import Scanner

CHECK_SUFFIXES = (*LABEL_SUFFIXES, ".txt")


@lru_cache(maxsize=256)
def glob_re(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regex over '/'-separated relative paths. '**' spans directories; a pattern
    without '/' matches a file or directory name at any depth."""
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    if "/" not in pat.rstrip("/"):
        pat = "**/" + pat
    out, i = [], 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    return re.compile("".join(out).rstrip("/") + "(?:/.*)?$")


def matches(rel: str, patterns: Iterable[str]) -> bool:
    return any(glob_re(p).match(rel) for p in patterns)


def selected(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file at '/'-separated relative path ``rel`` is a label file to check."""
    parts = rel.split("/")
    if any(p.startswith(".") and p not in (".", "..") for p in parts):
        return False
    if not parts[-1].lower().endswith(CHECK_SUFFIXES):
        return False
    return matches(rel, include) and not matches(rel, exclude)


def discover(
    paths: Sequence[Path],
    include: Sequence[str],
    exclude: Sequence[str],
    *,
    filter_files: bool = False,
    root: Path | None = None,
) -> list[Path]:
    """Label files under ``paths``: directories are walked for files matching ``include`` and not ``exclude``
    (hidden files and directories skipped); files named explicitly are always checked, unless ``filter_files``
    (for pre-commit, which passes every changed file) applies the same globs to them, relative to ``root``."""
    out: dict[Path, None] = {}
    for root_path in paths:
        if not root_path.is_dir():
            if not filter_files or selected(relative(root_path, root or Path.cwd()), include, exclude):
                out[root_path] = None
            continue
        root_dir = root_path
        for dirpath, dirnames, filenames in os.walk(root_dir):
            rel_dir = relative(dirpath, root_dir)
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and not matches(rel_dir + d + "/", exclude)
            )
            for name in sorted(filenames):
                if selected(rel_dir + name, include, exclude):
                    out[Path(dirpath) / name] = None
    return list(out)


@dataclass(frozen=True)
class Located:
    """A finding with its place in the file and its baseline key."""

    finding: Finding
    path: str
    position: Position
    key: Key
    subject: str | None  # the ingredient name or claim text the finding is about
    suppressed_by: str | None = None  # the reason, when suppressed

    @property
    def severity(self) -> Severity:
        return self.finding.severity


@dataclass(frozen=True)
class FileResult:
    path: str
    report: Report | None = None
    findings: tuple[Located, ...] = ()  # reported
    suppressed: tuple[Located, ...] = ()
    baselined: tuple[Located, ...] = ()
    error: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileResult, ...]

    @property
    def findings(self) -> tuple[Located, ...]:
        return tuple(f for r in self.files for f in r.findings)

    @property
    def errors(self) -> tuple[FileResult, ...]:
        return tuple(r for r in self.files if r.error)

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(r.report for r in self.files if r.report is not None)

    def all_keys(self) -> list[Key]:
        """Every finding's key, reported or baselined (not suppressed): what --write-baseline records."""
        return [f.key for r in self.files for f in (*r.findings, *r.baselined)]

    def counts(self) -> dict[str, int]:
        c = {s.value: 0 for s in Severity}
        for f in self.findings:
            c[f.severity.value] += 1
        return {
            "files": len(self.files),
            **c,
            "suppressed": sum(len(r.suppressed) for r in self.files),
            "baselined": sum(len(r.baselined) for r in self.files),
            "errors": len(self.errors),
        }


def read_label(path: Path, max_bytes: int) -> tuple[LabelInput, str]:
    """The label input and the file's decoded text (for locating findings)."""
    return read_path_with_text(path, max_bytes)


def _suppression_reason(f: Finding, subject: str | None, sups: Sequence[Suppression], codes: dict) -> str | None:
    for s in sups:
        if f.rule not in codes[s]:
            continue
        if s.ingredient and (f.ingredient is None or (subject or "").casefold() != s.ingredient.casefold()):
            continue
        if s.claim and (f.claim is None or (subject or "").casefold() != s.claim.casefold()):
            continue
        return s.reason
    return None


def _codes(refs: Sequence[str]) -> frozenset[str]:
    from exolabel.rules import Selection

    return frozenset(r.code for r in Selection(select=tuple(refs)).active())


@dataclass(frozen=True)
class CheckOptions:
    """How files are checked. Baseline keys are relative to ``key_root``, per-file-ignore globs to
    ``config_root`` (default: ``key_root``); ``default_product_type`` applies to labels that name none."""

    key_root: Path
    config_root: Path | None = None
    per_file_ignores: Sequence[tuple[str, tuple[str, ...]]] = ()
    baseline: Baseline | None = None
    max_bytes: int = 5_000_000
    default_product_type: str | None = None


def check_file(path: Path, scanner: Scanner, display: str, opts: CheckOptions) -> FileResult:
    """Check one file: read and validate it, scan it, locate, suppress and baseline its findings."""
    from exolabel.rules import SelectionError
    from exolabel.tokenizer.core import TooManyIngredients

    try:
        item, text = read_label(path, opts.max_bytes)
        if not item.text.strip():
            raise InputError(f"{display}: no ingredient text (empty or whitespace only)")
        sups = list(item.suppressions)
        rel = relative(path, opts.config_root or opts.key_root)
        for glob, refs in opts.per_file_ignores:
            if matches(rel, [glob]):
                sups.append(Suppression(refs, f"per-file-ignores '{glob}' in the config"))
        codes = {s: _codes(s.rules) for s in sups}
    except (InputError, DataError) as e:
        return FileResult(display, error=str(e).replace("\n", "; "))
    except SelectionError as e:
        return FileResult(display, error=f"{display}: exolabel-ignore: {e}")
    label = item.label
    if opts.default_product_type and not label.product_type:
        label = replace(label, product_type=opts.default_product_type)
    try:
        report = scanner.scan(item.text, label, display)
    except TooManyIngredients as e:
        return FileResult(display, error=f"{display}: {e}")
    if not report.ingredients:
        return FileResult(display, error=f"{display}: no ingredient names, only separators or symbols")
    locator = Locator(text, plain=path.suffix.lower() not in LABEL_SUFFIXES)
    toks = [s.ingredient for s in report.ingredients]
    file_key = relative(path, opts.key_root)
    baseline = opts.baseline
    by_index = {i.index: i for i in toks}
    located: list[Located] = []
    for f in report.findings:
        if f.ingredient is not None and f.ingredient in by_index:
            subject: str | None = by_index[f.ingredient].name
            pos = locator.ingredient(toks, f.ingredient)
            subj_key = subject.casefold()
        elif f.claim is not None and 0 <= f.claim < len(item.label.claims):
            subject = item.label.claims[f.claim]
            pos = locator.claim(item.label.claims, f.claim)
            subj_key = "claim:" + subject.casefold()
        elif label.product and f"'{label.product}'" in f.message:
            # a finding about the product name (rules quote the text they judge)
            subject = label.product
            pos = locator.value("product", subject)
            subj_key = "product:" + subject.casefold()
        else:
            subject, pos, subj_key = None, locator.key("ingredients"), ""
        key = Key(file_key, f.rule, subj_key)
        located.append(Located(f, display, pos, key, subject, _suppression_reason(f, subject, sups, codes)))
    located.sort(key=lambda x: (x.position.line, x.position.column, x.finding.rule))
    kept = [x for x in located if x.suppressed_by is None]
    covered = baseline.split(x.key for x in kept) if baseline else [False] * len(kept)
    return FileResult(
        display,
        report,
        findings=tuple(x for x, b in zip(kept, covered, strict=True) if not b),
        suppressed=tuple(x for x in located if x.suppressed_by is not None),
        baselined=tuple(x for x, b in zip(kept, covered, strict=True) if b),
        warning=item.warning,
    )


def check_files(files: Sequence[Path], scanner: Scanner, opts: CheckOptions, cwd: Path | None = None) -> CheckResult:
    here = cwd or Path.cwd()
    return CheckResult(tuple(check_file(p, scanner, _display(p, here), opts) for p in files))


def _display(path: Path, cwd: Path) -> str:
    """How a file is named in reports: relative to the current directory when under it."""
    rel = relative(path, cwd)
    return str(path) if rel.startswith("../") else rel


def exit_code(result: CheckResult, fail_on: str) -> int:
    from exolabel import exitcodes

    return exitcodes.for_findings(result.findings, fail_on, errors=bool(result.errors))
