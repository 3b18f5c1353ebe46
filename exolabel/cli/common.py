"""Helpers shared by the commands: reading inputs, building a scanner, exit codes, writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exolabel import exitcodes

if TYPE_CHECKING:
    from exolabel.config import Config
    from exolabel.labelfile.read import LabelInput
    from exolabel.model import LabelInfo, Report
    from exolabel.scanner import Scanner

FAIL_ON = ("error", "warning", "info", "never")
_PATHLIKE_SUFFIXES = (".txt", ".yaml", ".yml", ".json", ".toml", ".csv", ".inci")


def split_refs(values: Iterable[str] | None) -> tuple[str, ...]:
    """'--select SR01,CN --select claim' -> ('SR01', 'CN', 'claim')."""
    out: list[str] = []
    for v in values or ():
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


def looks_like_path(arg: str) -> bool:
    if "\n" in arg or "," in arg or len(arg) > 4096:
        return False
    return os.path.exists(arg) or arg.lower().endswith(_PATHLIKE_SUFFIXES)


def read_inputs(args: Sequence[str], max_bytes: int) -> tuple[list[LabelInput], list[dict[str, Any]]]:
    """Each argument is '-' (stdin), a file path, or ingredient text. Errors are collected, not raised."""
    from exolabel.datafiles.load import DataError
    from exolabel.labelfile.read import InputError, decode_bytes, read_path, read_text
    from exolabel.labelfile.read import LabelInput as _LI

    inputs: list[_LI] = []
    errors: list[dict[str, Any]] = []
    for arg in args:
        source = arg if arg == "-" or looks_like_path(arg) else None
        try:
            if arg == "-":
                data = sys.stdin.buffer.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError(f"stdin is over --max-label-bytes {max_bytes:,}")
                text, warning = decode_bytes(data, "stdin")
                item = read_text(text, "-", max_bytes)
                item = _LI(item.text, item.label, "-", warning)
            elif source is not None:
                item = read_path(Path(arg), max_bytes)
            else:
                item = read_text(arg, None, max_bytes)
            if not item.text.strip():
                raise InputError(f"{item.source or 'input'}: no ingredient text (empty or whitespace only)")
            inputs.append(item)
        except InputError as e:
            errors.append({"source": source or "argument", "message": str(e)})
        except DataError as e:
            errors.append({"source": source or "argument", "message": str(e).replace("\n", "; ")})
    return inputs, errors


def build_scanner(
    lexicon: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    markets: Sequence[str],
    product_type: str | None,
    severities: Mapping[str, Any] | None = None,
    rule_data: Sequence[str] = (),
) -> Scanner:
    from exolabel.cli import fail
    from exolabel.rules import Selection, SelectionError
    from exolabel.scanner import Scanner

    try:
        selection = Selection(split_refs(select), split_refs(ignore), dict(severities or {}))
    except SelectionError as e:
        raise fail(str(e)) from None
    return Scanner(
        extra_lexicon=lexicon,
        selection=selection,
        product_type=product_type,
        markets=split_refs(markets),
        extra_rule_data=rule_data,
    )


def load_config(config: str | None, isolated: bool) -> Config:
    """The project config (``--config``, or found walking up from the current directory; none if isolated)."""
    from exolabel.config import load_config as _load

    return _load(config, isolated=isolated)


def scanner_for(
    cfg: Config,
    lexicon: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    markets: Sequence[str],
    product_type: str | None = None,
    rule_data: Sequence[str] = (),
) -> Scanner:
    """A scanner from the config and the command line: --select and --market replace the config's,
    --ignore, --lexicon and --rule-data add to them (``rule_data``: user rule list files)."""
    from exolabel.tokenizer.core import DEFAULT_MAX_INGREDIENTS

    scanner = build_scanner(
        (*cfg.lexicon, *lexicon),
        select or cfg.select,
        (*cfg.ignore, *ignore),
        markets or cfg.markets,
        product_type,
        cfg.severity,
        (*cfg.rule_data, *rule_data),
    )
    scanner.tokenizer.max_ingredients = DEFAULT_MAX_INGREDIENTS  # a label, not a catalogue: see --max-ingredients
    return scanner


def with_default_type(label: LabelInfo, product_type: str | None) -> LabelInfo:
    """``label`` with the config's default product type when the label names none."""
    from dataclasses import replace

    return replace(label, product_type=product_type) if product_type and not label.product_type else label


def scan_items(
    scanner: Scanner, items: Sequence[LabelInput], labels: Sequence[LabelInfo], errors: list[dict[str, Any]]
) -> list[Report]:
    """Scan each input; one over a limit, or with no ingredient name at all, becomes an error (printed here)."""
    import typer

    from exolabel.tokenizer.core import TooManyIngredients

    reports = []
    for it, lab in zip(items, labels, strict=True):
        where = it.source or "input"
        try:
            rep = scanner.scan(it.text, lab, it.source)
        except TooManyIngredients as e:
            errors.append({"source": where, "message": f"{where}: {e}"})
        else:
            if rep.ingredients:
                reports.append(rep)
                continue
            errors.append({"source": where, "message": f"{where}: no ingredient names, only separators or symbols"})
        typer.echo(f"exolabel: error: {errors[-1]['message']}", err=True)
    return reports


def exit_code(reports: Sequence[Report], errors: Sequence[Any], fail_on: str) -> int:
    return exitcodes.for_findings((f for r in reports for f in r.findings), fail_on, errors=bool(errors))
    from exolabel.model import Severity

    threshold = Severity(fail_on).rank
    for r in reports:
        for f in r.findings:
            if f.severity.rank >= threshold:
                return exitcodes.FINDINGS
    return exitcodes.OK


def use_color(flag: bool | None, stream: Any = None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def emit(text: str, output: Path | None) -> None:
    """Write results to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, output)


def terminal_width() -> int:
    try:
        return max(60, min(os.get_terminal_size().columns, 140))
    except OSError:
        return 100
