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
INPUTS_HELP = (  # scan and tokens
    "Ingredient text, files (.txt ingredient lists; .yaml/.yml/.json/.toml label files; .jpg/.png/.webp photos of "
    "labels) or '-' for stdin. With none: read what is piped in, or ask you to paste the list."
)
_PATHLIKE_SUFFIXES = (".txt", ".yaml", ".yml", ".json", ".toml", ".csv", ".inci", ".jpg", ".jpeg", ".png", ".webp")


def split_refs(values: Iterable[str] | None) -> tuple[str, ...]:
    """'--select SR01,CN --select claim' -> ('SR01', 'CN', 'claim')."""
    out: list[str] = []
    for v in values or ():
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


STDIN = "-"
PASTED = "pasted list"  # how the text report titles a label read from stdin or pasted at the prompt
PROMPT = "Paste the ingredient list, then press Ctrl-D (or Enter on an empty line):"


def looks_like_path(arg: str) -> bool:
    """An argument that can only be a file or directory name: it exists, or it ends with a known extension, or it
    starts like a path ('./', '../', '/', '~'). Ingredient text never does (it has commas or line breaks)."""
    if "\n" in arg or "," in arg or len(arg) > 4096:
        return False
    return (
        os.path.exists(arg)
        or arg.lower().endswith(_PATHLIKE_SUFFIXES)
        or arg.startswith(("./", "../", "/", "~", ".\\", "..\\"))
    )


def maybe_path(arg: str) -> bool:
    """An argument that may be a mistyped file or folder name as well as one ingredient name: one word, no comma
    ('labels/serum', 'mylabel', but also 'Aqua/Water'). The scan decides: if no ingredient in it is known, it is
    refused as a missing file (:func:`scan_items`)."""
    return bool(arg.strip()) and not any(ch.isspace() or ch == "," for ch in arg.strip())


def missing_path_message(arg: str) -> str:
    return (
        f"no such file or directory: '{arg}', and not an ingredient name exolabel knows "
        "(to scan it as ingredient text anyway, end it with a comma)"
    )


def read_stdin(max_bytes: int, stdin: Any = None, prompt: Any = None, photo_bytes: int | None = None) -> bytes:
    """The label on standard input, at most ``max_bytes`` + 1 bytes (one more than the limit, so the caller can tell
    it is over). Piped input that starts with an image signature may be a photo: with ``photo_bytes`` given, such
    input is read up to ``photo_bytes`` + 1 instead, and text never past its own limit. At a terminal, ask for the
    label first and stop at Ctrl-D or at an empty line after some text (a pasted list ends with a line break; the
    empty line after it ends the paste)."""
    stdin = stdin or sys.stdin
    if not getattr(stdin, "isatty", lambda: False)():
        if photo_bytes is None:
            return bytes(stdin.buffer.read(max_bytes + 1))
        from exolabel.photo.image import sniff

        head = bytes(stdin.buffer.read(16))
        limit = photo_bytes if sniff(head) in _STDIN_IMAGES else max_bytes
        return head + bytes(stdin.buffer.read(max(0, limit + 1 - len(head))))
    out = prompt or sys.stderr
    out.write(PROMPT + "\n")
    out.flush()
    lines: list[str] = []
    size = 0
    while size <= max_bytes:
        line = stdin.readline()
        if not line:  # Ctrl-D
            break
        if not line.strip() and any(x.strip() for x in lines):
            break
        lines.append(line)
        size += len(line.encode("utf-8", "surrogateescape"))
    return "".join(lines).encode("utf-8", "surrogateescape")


# image signatures that make stdin a photo (read by exolabel.photo, which refuses all but JPEG, PNG and WebP with
# a message naming the format); BMP's two letters 'BM' could start a typed list, so BMP stays text
_STDIN_IMAGES = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "HEIC/AVIF")


def read_inputs(
    args: Sequence[str], max_bytes: int, max_photo_bytes: int | None = None
) -> tuple[list[LabelInput], list[dict[str, Any]]]:
    """Each argument is '-' (stdin), a file path, or ingredient text; no argument at all means stdin. Errors are
    collected, not raised: a name that looks like a path but names nothing, or a directory, is an error. Stdin
    that starts with an image signature is a photo (``photos == ('-',)``, its bytes in ``photo_data``), limited
    to ``max_photo_bytes`` instead of ``max_bytes``."""
    from exolabel.datafiles.load import DataError
    from exolabel.labelfile.read import InputError, decode_bytes, read_path, read_text
    from exolabel.labelfile.read import LabelInput as _LI
    from exolabel.model import LabelInfo

    if max_photo_bytes is None or any(arg == STDIN or looks_like_path(arg) for arg in args or (STDIN,)):
        from exolabel.photo.image import DEFAULT_MAX_BYTES, is_photo_path, sniff  # (ingredient text needs none)

    photo_limit = DEFAULT_MAX_BYTES if max_photo_bytes is None else max_photo_bytes
    inputs: list[_LI] = []
    errors: list[dict[str, Any]] = []
    for arg in args or (STDIN,):
        source = arg if arg == STDIN or looks_like_path(arg) else None
        try:
            if arg == STDIN:
                data = read_stdin(max_bytes, photo_bytes=photo_limit)
                if sniff(data[:16]) in _STDIN_IMAGES:
                    if len(data) > photo_limit:
                        raise InputError(f"stdin is a photo over --max-photo-bytes {photo_limit:,}")
                    inputs.append(_LI("", LabelInfo(), STDIN, photos=(STDIN,), photo_data=data))
                    continue
                if len(data) > max_bytes:
                    raise InputError(f"stdin is over --max-label-bytes {max_bytes:,}")
                text, warning = decode_bytes(data, "stdin")
                item = read_text(text, STDIN, max_bytes)
                item = _LI(item.text, item.label, STDIN, warning)
            elif source is not None and is_photo_path(arg):  # read later, by the OCR engine (exolabel.photo)
                item = _LI("", LabelInfo(), arg, photos=(arg,))
            elif source is not None:
                if not os.path.exists(arg):
                    raise InputError(f"no such file or directory: '{arg}'")
                item = read_path(Path(arg), max_bytes)
            else:
                item = read_text(arg, None, max_bytes)
            if not item.text.strip() and not item.photos:
                where = "stdin" if arg == STDIN else item.source or "input"
                raise InputError(f"{where}: no ingredient text (empty or whitespace only)")
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
    from exolabel.config import unknown_rules
    from exolabel.rules import Selection, SelectionError
    from exolabel.scanner import Scanner

    bad = unknown_rules([*split_refs(select), *split_refs(ignore)])
    if bad:
        raise fail("; ".join(str(u) for u in bad))
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
    *,
    placed: bool = False,
) -> Scanner:
    """A scanner from the config and the command line: --select and --market replace the config's,
    --ignore, --lexicon and --rule-data add to them (``rule_data``: user rule list files). Markets that the rule
    data does not know are exit 2 with a suggestion (:func:`check_markets`; with ``placed``, a config's are a
    DataError at their line and column in the file)."""
    from exolabel.config import check_markets as check_config_markets
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
    if placed and cfg.markets and not markets and cfg.path is not None:
        # a config's unknown market as a DataError at its line and column in the file (check shows it in its format)
        check_config_markets(cfg, tuple(scanner.rule_data.markets))
    check_markets(scanner, "--market" if markets else "market in the config" if cfg.markets else "market")
    return scanner


def check_markets(scanner: Scanner, where: str = "market") -> None:
    """Load and validate the scanner's rule data (user rule files too), then refuse markets it does not know:
    exit 2 naming the known ones (a mistyped market would silently change the verdict)."""
    from exolabel.cli import fail
    from exolabel.rules.markets import market_problem

    problem = market_problem(scanner.markets, scanner.rule_data.markets, where)
    if problem:
        raise fail(problem)


def with_default_type(label: LabelInfo, product_type: str | None) -> LabelInfo:
    """``label`` with the config's default product type when the label names none."""
    from dataclasses import replace

    return replace(label, product_type=product_type) if product_type and not label.product_type else label


def scan_items(
    scanner: Scanner, items: Sequence[LabelInput], labels: Sequence[LabelInfo], errors: list[dict[str, Any]]
) -> list[Report]:
    """Scan each input; one over a limit, with no ingredient name at all, naming an unknown market, or a one-word
    argument that is neither a file nor a known ingredient (a mistyped path) becomes an error (printed here)."""
    import typer

    from exolabel.rules.lexicon_rules import NO_LIST, describe_not_a_list, has_letter, not_a_list
    from exolabel.rules.markets import market_problem
    from exolabel.tokenizer.core import TooManyIngredients

    known_markets = tuple(scanner.rule_data.markets)
    reports = []
    for it, lab in zip(items, labels, strict=True):
        where = it.source or "input"
        problem = market_problem(lab.markets, known_markets) if lab.markets else None
        if problem:
            errors.append({"source": where, "message": f"{where}: {problem}"})
        else:
            try:
                rep = scanner.scan(it.text, lab, it.source)
            except TooManyIngredients as e:
                errors.append({"source": where, "message": f"{where}: {e}"})
            else:
                if it.source is None and maybe_path(it.text) and not any(s.recognized for s in rep.ingredients):
                    errors.append({"source": it.text, "message": missing_path_message(it.text)})
                elif rep.ingredients:
                    unknown = [s for s in rep.ingredients if not s.recognized]
                    ev = [s for s in rep.ingredients if s.matches]
                    if not_a_list(len(rep.ingredients), unknown, ev) is None:
                        reports.append(rep)
                        continue
                    message = f"{where}: {describe_not_a_list(len(rep.ingredients), unknown or ev)}"
                    errors.append({"source": where, "message": message})
                elif has_letter(it.text):  # all of it panels, claims and disclaimers ("Directions: ...", "No Info")
                    shown = " ".join(it.text.split())
                    what = (
                        f"'{shown}' holds no ingredient name"
                        if len(shown) <= 60
                        else "only directions, warnings, free-from claims, statements or retailer notes"
                    )
                    errors.append({"source": where, "message": f"{where}: {NO_LIST} ({what})"})
                else:
                    message = f"{where}: no ingredient names, only separators or symbols"
                    errors.append({"source": where, "message": message})
        typer.echo(f"exolabel: error: {errors[-1]['message']}", err=True)
    return reports


def exit_code(reports: Sequence[Report], errors: Sequence[Any], fail_on: str) -> int:
    return exitcodes.for_findings((f for r in reports for f in r.findings), fail_on, errors=bool(errors))


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
    """The terminal's width (or $COLUMNS), kept between 60 and 140; 100 when output is not a terminal."""
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))
