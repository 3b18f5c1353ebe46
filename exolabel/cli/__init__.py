"""The command-line interface: a thin typer app over the library.

Each command lives in its own module and imports heavy things (rich, rapidfuzz, the lexicon) inside the
command, so ``exolabel --help`` and a JSON scan start fast. :func:`main` imports only the module of the command
it runs (``exolabel scan`` never builds the other commands); ``exolabel --help``, an unknown command, or
importing ``exolabel.cli.app`` loads them all. :func:`main` maps every error to a one-line
message and a documented exit code (see ``exolabel.exitcodes``); no traceback reaches a user unless
``EXOLABEL_DEBUG=1``.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import typer

from exolabel import exitcodes
from exolabel._fast.gcpause import STARTUP

cli_app = typer.Typer(
    name="exolabel",
    help="Scan skincare ingredient lists for exosome, conditioned-media, EV, cell-culture, lysate and "
    "growth-factor ingredients, their biological source, irritants, allergens and unsupported claims.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from exolabel import __version__

        typer.echo(f"exolabel {__version__}")
        raise typer.Exit(exitcodes.OK)


@cli_app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """exolabel: what is really in an exosome skincare label."""


def fail(message: str, code: int = exitcodes.ERROR) -> typer.Exit:
    """Print ``message`` on stderr and return an Exit to raise."""
    typer.echo(f"exolabel: error: {message}", err=True)
    return typer.Exit(code)


# Command modules register themselves on ``cli_app`` when imported, in this order (the order of --help).
_MODULES = ("batch_cmd", "check_cmd", "diff_cmd", "explain_cmd", "lexicon_cmd", "rules_cmd", "scan_cmd")
_MODULES += ("tokens_cmd", "photo_cmd")
_MODULE_OF = {"batch": "batch_cmd", "check": "check_cmd", "diff": "diff_cmd", "lexicon": "lexicon_cmd"}
_MODULE_OF["explain"] = "explain_cmd"
_MODULE_OF.update({"rules": "rules_cmd", "scan": "scan_cmd", "tokens": "tokens_cmd", "ocr": "photo_cmd"})


def load_commands(args: Sequence[str] | None = None) -> typer.Typer:
    """Register the command that ``args`` starts with, or every command when it starts with none (``--help``,
    ``--version``, no arguments) or an unknown one (the error suggests the known ones). Returns the app."""
    name = args[0] if args else None
    wanted = (_MODULE_OF[name],) if name in _MODULE_OF else _MODULES
    if any(f"exolabel.cli.{m}" not in sys.modules for m in wanted):
        for m in wanted:
            importlib.import_module(f"exolabel.cli.{m}")
        # a partial load then a full one (tests, one process): keep the --help order of a full load
        cli_app.registered_commands.sort(key=lambda cmd: _MODULES.index(cmd.callback.__module__.rsplit(".", 1)[1]))
    return cli_app


def __getattr__(name: str) -> object:
    if name == "app":  # the fully registered app (tests, embedding)
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SCANNER_COMMANDS = ("scan", "check", "diff")  # they call resume_gc once their scanner is loaded


def resume_gc() -> None:
    """Turn the cyclic garbage collector back on if :func:`main` paused it for start-up (see
    :mod:`exolabel._fast.gcpause`)."""
    STARTUP.resume()


def main(argv: list[str] | None = None, *, freeze_on_resume: bool = False) -> int:
    """Console-script entry point: run the app and map any error to a message and an exit code.

    A scanning command runs its start-up with the cyclic GC paused, until it has built its scanner and loaded the
    rule data (it then calls :func:`resume_gc`). ``freeze_on_resume`` (the ``exolabel`` process itself, not a caller
    of ``main`` such as a test) moves the start-up objects out of the collector's sight when it resumes.
    """
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in _SCANNER_COMMANDS:
        STARTUP.pause(freeze_on_resume=freeze_on_resume)
    else:  # paused since the process started (run): the other commands run with the collector on
        resume_gc()
    try:
        return _main(argv, args)
    finally:
        resume_gc()


def _main(argv: list[str] | None, args: Sequence[str]) -> int:
    from exolabel.datafiles.load import DataError

    try:
        load_commands(args)
        rc = cli_app(args=argv, prog_name="exolabel", standalone_mode=False)
        return rc if isinstance(rc, int) else exitcodes.OK
    except typer.Exit as e:
        return int(e.exit_code)
    except KeyboardInterrupt:
        typer.echo("exolabel: interrupted", err=True)
        return exitcodes.INTERRUPTED
    except DataError as e:
        typer.echo(f"exolabel: error: invalid data:\n{e}", err=True)
        return exitcodes.ERROR
    except BrokenPipeError:
        _quiet_broken_pipe()
        return exitcodes.OK
    except Exception as e:  # a usage error, or a bug: one line, never a traceback
        # typer <0.28 raises click's exceptions, 0.28 its vendored copy: match them by shape, not by import
        if type(e).__name__ == "Abort":
            typer.echo("exolabel: interrupted", err=True)
            return exitcodes.INTERRUPTED
        show = getattr(e, "show", None)
        if callable(show) and hasattr(e, "exit_code"):
            show()
            return exitcodes.ERROR
        if os.environ.get("EXOLABEL_DEBUG"):
            raise
        typer.echo(
            f"exolabel: internal error: {type(e).__name__}: {e} (set EXOLABEL_DEBUG=1 for details; please report it)",
            err=True,
        )
        return exitcodes.ERROR


def _quiet_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def run(*, gc_paused: bool = False) -> None:
    """The ``exolabel`` process: classes compile through the code cache (:mod:`exolabel._fast.codecache`), exolabel's
    own modules are served from the cache (:mod:`exolabel._fast.modules`; not for batch), then :func:`main` runs,
    and the process ends without tearing the interpreter down (:mod:`exolabel._fast.quickexit`).
    ``gc_paused``: the caller paused the cyclic GC before importing anything
    (``exolabel.__main__``); :func:`main` turns it back on as it would have after pausing it itself."""
    from exolabel._fast import quickexit
    from exolabel._fast.codecache import install
    from exolabel.datafiles.cache import cache_dir

    if gc_paused:
        STARTUP.take_over(freeze_on_resume=True)
    command = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in _MODULE_OF else "other"
    directory = cache_dir()
    install(directory, command)
    if command != "batch":  # batch writes catalogues and may run a pool of workers: Python's own exit ends it
        from exolabel._fast.modules import serve

        serve(directory, command, sys.modules["exolabel"])  # (batch: workers would keep the stored code for no gain)
        quickexit.arm()
    code = main(freeze_on_resume=True)
    quickexit.leave(code)  # ends the process here unless a thread is alive or a flush fails
    sys.exit(code)
