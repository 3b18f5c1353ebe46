"""``exolabel check``: find label files, scan each, place findings in the file, apply suppressions and baseline.

The library part of the command (pure apart from reading files): :mod:`exolabel.ci.discover` chooses the label
files; :func:`check_files` scans them with one Scanner and returns a
:class:`CheckResult` whose findings carry file, line and column. Suppressed findings (``exolabel-ignore`` in
the label, ``per-file-ignores`` in the config) and baselined ones are kept apart, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from exolabel.ci.baseline import Baseline, Key, relative
from exolabel.ci.diagnostic import Diagnostic, for_file
from exolabel.ci.discover import matches
from exolabel.ci.discover import relative as written
from exolabel.ci.locate import Locator, Position
from exolabel.ci.photonotes import Doubt, PhotoRead, doubts, notes
from exolabel.datafiles.load import DataError
from exolabel.labelfile.extras import Suppression
from exolabel.labelfile.read import LABEL_SUFFIXES, InputError, LabelInput, decode_bytes, read_path_with_text
from exolabel.model import Finding, Report, Severity
from exolabel.scanner import Scanner


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
    problems: tuple[Diagnostic, ...] = ()  # why the file could not be checked, each at its line and column
    warning: str | None = None
    photos: tuple[PhotoRead, ...] = ()  # what was read from the label's photos ('photo:')
    doubts: tuple[Doubt, ...] = ()  # the words read from them with low confidence, with their ingredients
    notes: tuple[Diagnostic, ...] = ()  # level 'note' at the 'photo:' line: where the list was read, words to check

    @property
    def error(self) -> str | None:
        """The file's problems as one text, one per line (None when it was checked)."""
        return "\n".join(str(p) for p in self.problems) or None


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileResult, ...]
    diagnostics: tuple[Diagnostic, ...] = ()  # about the run, not one label: config errors, skipped links...

    @property
    def run_errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level == "error")

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
            "skipped": sum(1 for d in self.diagnostics if d.level == "warning"),
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
    # a label file with 'photo:' -> the same input with the text read from its photos, and what was read from
    # each photo (raises InputError); None: such files cannot be checked (the library never runs OCR by itself)
    read_photos: Callable[[LabelInput], tuple[LabelInput, tuple[PhotoRead, ...]]] | None = None


_LABEL_KEY = re.compile(r"(?m)^[ \t{]*[\"']?ingredients[\"']?[ \t]*[:=]")


def _unreadable(path: Path, display: str, error: DataError, max_bytes: int) -> FileResult:
    """A file whose data is at fault: each problem at its own line and column (the file is read again to find
    them); nothing of a file that is not a label file is quoted."""
    try:
        data = path.read_bytes()[: max_bytes + 1]
        text: str | None = decode_bytes(data, display)[0]
    except (OSError, InputError):
        text = None
    is_label = text is not None and bool(_LABEL_KEY.search(text))
    return FileResult(display, problems=for_file(error, text, path.suffix.lower(), display, is_label))


def _plain(message: str, *names: str) -> str:
    """``message`` without a leading 'path: ' (the diagnostic names the file itself)."""
    for n in names:
        if message.startswith(n + ": "):
            return message[len(n) + 2 :]
    return message


def _at_key(display: str, text: str, key: str, message: str) -> FileResult:
    pos = Locator(text, plain=False).key(key)
    return FileResult(display, problems=(Diagnostic(message, display, pos.line, pos.column),))


def check_file(path: Path, scanner: Scanner, display: str, opts: CheckOptions) -> FileResult:
    """Check one file: read and validate it, scan it, locate, suppress and baseline its findings. A label read
    from photos carries what was read (``photos``, ``doubts``, and ``notes`` at its ``photo:`` line), whether
    it was then checked or not."""
    result, text, photos = _check_file(path, scanner, display, opts)
    if not photos:
        return result
    photos = tuple(replace(p, source=_beside(p.source, path)) for p in photos)
    found = doubts(result.report, photos)
    pos = Locator(text, plain=False).key("photo")
    return replace(result, photos=photos, doubts=found, notes=notes(photos, found, display, pos.line, pos.column))


def _beside(photo: str, label: Path) -> str:
    """A photo's name as the label file's ``photo:`` key gives it: relative to the file's folder when inside it."""
    try:
        return Path(photo).relative_to(label.parent).as_posix()
    except ValueError:
        return photo


def _check_file(
    path: Path, scanner: Scanner, display: str, opts: CheckOptions
) -> tuple[FileResult, str, tuple[PhotoRead, ...]]:
    from exolabel.rules import SelectionError
    from exolabel.tokenizer.core import TooManyIngredients

    try:
        item, text = read_label(path, opts.max_bytes)
    except DataError as e:
        return _unreadable(path, display, e, opts.max_bytes), "", ()
    except InputError as e:
        return FileResult(display, problems=(Diagnostic(_plain(str(e), str(path), display), display),)), "", ()
    photos: tuple[PhotoRead, ...] = ()
    if item.photos:
        if opts.read_photos is None:
            return (
                _at_key(display, text, "photo", "this label's list is in a photo: photos are not read here"),
                text,
                (),
            )
        try:
            item, photos = opts.read_photos(item)
        except InputError as e:
            return _at_key(display, text, "photo", _plain(str(e), str(path), display)), text, ()
    elif not item.text.strip():
        return _at_key(display, text, "ingredients", "no ingredient text (empty or whitespace only)"), text, ()
    unknown = _unknown_markets(item.label.markets, scanner)
    if unknown:
        return _at_key(display, text, "markets", unknown), text, photos
    sups = list(item.suppressions)
    rel = relative(path, opts.config_root or opts.key_root)
    for glob, refs in opts.per_file_ignores:
        if matches(rel, [glob]):
            sups.append(Suppression(refs, f"per-file-ignores '{glob}' in the config"))
    try:
        codes = {s: _codes(s.rules) for s in sups}
    except SelectionError as e:
        return _at_key(display, text, "exolabel-ignore", f"exolabel-ignore: {e}"), text, photos
    label = item.label
    if opts.default_product_type and not label.product_type:
        label = replace(label, product_type=opts.default_product_type)
    try:
        report = scanner.scan(item.text, label, display)
    except TooManyIngredients as e:
        return _at_key(display, text, "ingredients", str(e)), text, photos
    if not report.ingredients:
        where = "photo" if item.photos else "ingredients"
        return _at_key(display, text, where, "no ingredient names, only separators or symbols"), text, photos
    locator = Locator(text, plain=path.suffix.lower() not in LABEL_SUFFIXES)
    toks = [s.ingredient for s in report.ingredients]
    file_key = relative(path, opts.key_root)
    baseline = opts.baseline
    by_index = {i.index: i for i in toks}
    located: list[Located] = []
    for f in report.findings:
        if f.ingredient is not None and f.ingredient in by_index:
            subject: str | None = by_index[f.ingredient].name
            # an ingredient read from a photo is written nowhere in the file: its place is the 'photo' key
            pos = locator.key("photo") if item.photos else locator.ingredient(toks, f.ingredient)
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
    result = FileResult(
        display,
        report,
        findings=tuple(x for x, b in zip(kept, covered, strict=True) if not b),
        suppressed=tuple(x for x in located if x.suppressed_by is not None),
        baselined=tuple(x for x, b in zip(kept, covered, strict=True) if b),
        warning=item.warning,
    )
    return result, text, photos


def check_files(files: Sequence[Path], scanner: Scanner, opts: CheckOptions, cwd: Path | None = None) -> CheckResult:
    here = cwd or Path.cwd()
    return CheckResult(tuple(check_file(p, scanner, display(p, here), opts) for p in files))


def display(path: Path, cwd: Path) -> str:
    """How a file is named in reports: relative to the current directory when under it (links unresolved)."""
    rel = written(path, cwd)
    return str(path) if rel.startswith("../") else rel


def _unknown_markets(markets: Sequence[str], scanner: Scanner) -> str | None:
    from exolabel.rules.markets import market_problem

    known = getattr(scanner.rule_data, "markets", None)
    return market_problem(markets, known) if markets and known else None


def exit_code(result: CheckResult, fail_on: str) -> int:
    from exolabel import exitcodes

    return exitcodes.for_findings(result.findings, fail_on, errors=bool(result.errors or result.run_errors))
