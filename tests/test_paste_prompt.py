"""The paste prompt, driven through a real terminal (a pseudo-terminal): `exolabel scan` with nothing to read asks for
the list, and the paste ends at an empty line or at Ctrl-D."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

from exolabel.cli.common import PROMPT

pty = pytest.importorskip("pty")
LABEL = "Water, Human Fibroblast Conditioned Media, Glycerin,\nParfum, Linalool\n"


class Terminal:
    """`exolabel ARGS` with stdin, stdout and stderr on one pseudo-terminal, as a person at a shell runs it."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "50", "TERM": "xterm"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "exolabel", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def read_until(self, needle: str, timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while needle.encode() not in self.seen:
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {needle!r}; the terminal shows:\n{self.seen.decode()}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    raise AssertionError(f"exited before {needle!r}:\n{self.seen.decode()}")
                self.seen += chunk
        return self.seen.decode()

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                self.seen += chunk
                if chunk:
                    continue
            # nothing more to read (a closed pseudo-terminal stays readable, at end of file): done once it exited
            if self.proc.poll() is not None:
                break
        rc = self.proc.wait(timeout=5)
        os.close(self.master)
        return rc, self.seen.decode().replace("\r\n", "\n")


@pytest.mark.parametrize("args", [("scan",), ("scan", "-")])
def test_paste_ends_at_an_empty_line(args: tuple[str, ...]) -> None:
    term = Terminal(*args, "--fail-on", "never")
    term.read_until(PROMPT)
    term.type(LABEL)
    term.type("\n")
    rc, screen = term.finish()
    assert rc == 0, screen
    report = screen.split(PROMPT, 1)[1]
    assert "pasted list" in report
    assert "Human Fibroblast Conditioned Media" in report and "Linalool" in report
    assert "Traceback" not in screen


def test_paste_ends_at_ctrl_d() -> None:
    term = Terminal("scan", "--fail-on", "never")
    term.read_until(PROMPT)
    term.type(LABEL)
    term.type("\x04")
    rc, screen = term.finish()
    assert rc == 0, screen
    assert "Linalool" in screen.split(PROMPT, 1)[1]


def test_blank_lines_before_the_list_do_not_end_the_paste() -> None:
    term = Terminal("scan", "--fail-on", "never")
    term.read_until(PROMPT)
    term.type("\n\nIngredients:\n" + LABEL + "\n")
    rc, screen = term.finish()
    assert rc == 0, screen
    assert "Linalool" in screen.split(PROMPT, 1)[1]


def test_nothing_pasted_is_exit_2_with_a_message() -> None:
    term = Terminal("scan")
    term.read_until(PROMPT)
    term.type("\x04")
    rc, screen = term.finish()
    assert rc == 2
    assert "no ingredient text" in screen and "Traceback" not in screen
