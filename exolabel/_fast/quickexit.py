"""The ``exolabel`` process ends without tearing the interpreter down.

Once the command has returned, the process has only to run its exit handlers and flush its output; Python's
finalization then frees every object one by one (the modules, typer's command tree, the loaded lexicon and rule
data: about 7 million instructions after a scan, more than scanning a short label), and dropping the command's
own frames frees its scanner first (4 million more). :func:`leave` runs the ``atexit`` handlers (the code memo of
:mod:`exolabel._fast.codecache` is saved there), flushes stdout and stderr and ends the process with ``os._exit``
and the command's exit code; objects handed to :func:`keep` are then never freed one by one.

It leaves the ordinary way to Python (the caller's ``sys.exit``) when another Python thread is alive (finalization
would join it; ``os._exit`` would kill it) or a flush fails (a closed pipe: Python's own handling applies). Only the
``exolabel`` command arms it (:func:`arm`, from :func:`exolabel.cli.run`); a program that calls
:func:`exolabel.cli.main` or imports exolabel keeps Python's ordinary exit, and :func:`keep` holds nothing there.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any

_KEPT: list[Any] = []
_ARMED: list[bool] = []


def arm() -> None:
    """This process is the ``exolabel`` command: :func:`leave` may end it, :func:`keep` keeps."""
    _ARMED.append(True)


def keep(obj: Any) -> None:
    """Leave ``obj`` alive until the process ends (in the ``exolabel`` process; elsewhere nothing is kept)."""
    if _ARMED:
        _KEPT.append(obj)


def leave(code: int) -> None:
    """End the process with ``code`` after the exit handlers and a flush of stdout and stderr; returns (nothing
    run, nothing lost) when it is not armed, another thread is alive, or a flush fails."""
    if not _ARMED:
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    if not _flushed():
        return
    atexit._run_exitfuncs()
    atexit._clear()  # (already cleared by running them) never run twice, whatever follows
    if not _flushed():  # an exit handler wrote something that cannot be flushed: the ordinary exit reports it
        return
    os._exit(code)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
