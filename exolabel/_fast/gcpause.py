"""The cyclic garbage collector paused while a command starts up.

A scanning command's start-up (its imports, loading the lexicon and the rule data) allocates long-lived objects
and next to no garbage, so collections there walk objects that will live until exit. :class:`StartupGC` pauses
the collector until the command has loaded what it needs, then turns it back on; in the ``exolabel`` process
itself it first ``gc.freeze()`` s the start-up objects so later collections skip them. The collector is process
state, so there is one pause per process (:data:`STARTUP`); nothing is switched at import time.
"""

from __future__ import annotations

import gc


class StartupGC:
    """Pause the collector (if it is on) and resume it once; resuming when nothing was paused does nothing."""

    __slots__ = ("_freeze", "_paused")

    def __init__(self) -> None:
        self._paused = False
        self._freeze = False

    def pause(self, *, freeze_on_resume: bool) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused = True
            self._freeze = freeze_on_resume

    def take_over(self, *, freeze_on_resume: bool) -> None:
        """The collector was paused by the caller (``exolabel.__main__``, before any import): resume it as if this
        had paused it."""
        if not gc.isenabled():
            self._paused = True
            self._freeze = freeze_on_resume

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            if self._freeze:
                gc.freeze()
            gc.enable()


STARTUP = StartupGC()
