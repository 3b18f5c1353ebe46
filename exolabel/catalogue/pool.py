"""Process-pool plumbing for the batch engine: starting the workers, and waiting for a chunk's result without
hanging on a dead worker.

``concurrent.futures.ProcessPoolExecutor`` notices a worker that dies between tasks, but not one that dies halfway
through writing a result: its thread then waits forever for the rest of the message. :func:`await_result` looks
for that case while it waits.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import Any


def start_pool(workers: int, load: Callable[[], None], initializer: Callable[[], None]) -> Any:
    """A ``ProcessPoolExecutor`` of ``workers`` processes, started. On Linux they are forked after ``load()`` has
    loaded what they need in this process (frozen, so the GC never walks it): they share those pages until they
    write to them and load nothing themselves. Elsewhere (fork is unsafe on macOS, missing on Windows) they are
    spawned and load their own. Started before the caller shows a progress display (a thread when the forks happen
    would be a risk)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform.startswith("linux"):
        load()
        gc.freeze()
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=initializer)
    pool.submit(_ready).result()  # the first task makes the pool start its workers
    return pool


def _ready() -> None:
    """A task that does nothing."""


def die_with_parent() -> None:
    """In a worker: ask Linux to send it SIGTERM when the process that started it dies (the batch command killed
    with SIGKILL cannot stop its workers itself; they would go on checking chunks no one reads). Elsewhere: nothing
    (a worker there ends at its next task, when it finds the pipe closed)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch command's handler, which a fork inherits
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (a libc without it): the worker just outlives a killed parent
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class WorkerDied(RuntimeError):
    """A worker process ended abruptly; the run stops, keeping what is complete (``--resume`` continues)."""


DIED = "a worker process died (killed, or out of memory?); the rows before it are kept"
_GRACE_S = 3.0  # after a worker is seen dead, how long its pool has to report it itself


def await_result(pool: Any, future: Any, poll: float = 0.5) -> Any:
    """``future.result()`` of a process pool's task; WorkerDied when a worker died and the result will not come.

    The pool notices a dead worker itself (BrokenProcessPool) unless the worker died halfway through writing a
    result: the pool's thread then waits forever for the rest of that message, and so would the run. While waiting,
    the workers are looked at; one found dead, with no answer from the pool within a grace period, means that case:
    the pool is broken open (:func:`_unblock`) and the run stops like any other worker death.
    """
    from concurrent.futures.process import BrokenProcessPool

    dead_since: float | None = None
    while True:
        try:
            return future.result(timeout=poll)
        except BrokenProcessPool:
            raise WorkerDied(DIED) from None
        except TimeoutError:
            procs = list((getattr(pool, "_processes", None) or {}).values())
            if not any(p.exitcode is not None for p in procs):
                continue
            now = time.monotonic()
            if dead_since is None:
                dead_since = now
            elif now - dead_since > _GRACE_S:
                _unblock(pool, procs)
                raise WorkerDied(DIED) from None


def _unblock(pool: Any, procs: list[Any]) -> None:
    """Free a process pool whose thread waits on half a message from a dead worker: stop the other workers and close
    the parent's end of the result pipe, so the read ends (end of file), the pool sees itself broken and its thread
    exits (otherwise the interpreter would wait for it at exit, forever)."""
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()  # chunks queued for the workers are dropped, not flushed into a dead pipe
    for p in procs:
        if p.exitcode is None:
            p.terminate()
    for p in procs:
        p.join(timeout=10)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
