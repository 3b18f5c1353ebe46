"""Diagnostics: what ``exolabel check`` reports that is not a finding about a label.

A file that could not be checked, an error in the config, a link that was not followed, a run that found no
label file: each is one :class:`Diagnostic` with the file, line and column it is about, so every output format
shows it on its own line (or annotation) at that place. Errors from a file that turns out not to be a label
file never quote its content: it may be any file of the repository, and CI logs can be public. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from exolabel.datafiles.load import DataError, Problem
from exolabel.datafiles.where import place

Level = Literal["error", "warning", "note"]  # a note: what check read, never a problem


@dataclass(frozen=True)
class Diagnostic:
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    level: Level = "error"

    @property
    def where(self) -> str:
        """``path:line:column`` as far as known ('' for a run-level diagnostic)."""
        out = self.path or ""
        if out and self.line:
            out += f":{self.line}" + (f":{self.column}" if self.column else "")
        return out

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def problem_message(p: Problem) -> str:
    who = f"entry '{p.entry}': " if p.entry else ""
    return f"{who}{p.message}. Fix: {p.fix}"


def from_problems(problems: tuple[Problem, ...], display: str) -> tuple[Diagnostic, ...]:
    """One diagnostic per problem, at its line and column, named ``display``."""
    return tuple(Diagnostic(problem_message(p), display, p.line, p.column) for p in problems)


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")


def redact(message: str) -> str:
    """``message`` with every quoted piece of text replaced by '…' (a parser's message can quote the file)."""
    return _QUOTED.sub("'…'", message)


def for_file(error: DataError, text: str | None, suffix: str, display: str, is_label: bool) -> tuple[Diagnostic, ...]:
    """The diagnostics of a label file's data error, each at the line and column of the key it is about. For a
    file that is not a label file (``is_label`` false), only where it fails to parse, never what it says."""
    problems = place(error.problems, text, suffix) if text is not None else error.problems
    if is_label:
        return from_problems(problems, display)
    syntax = [p for p in problems if p.message.startswith(("invalid ", "YAML ", "JSON ", "more than"))]
    if syntax:
        return tuple(
            Diagnostic(f"not a readable label file: {redact(p.message)}", display, p.line, p.column) for p in syntax
        )
    return (
        Diagnostic(
            "not a label file (not a mapping with an 'ingredients' key); its content is not shown. Fix: exclude "
            "it in the config ('exclude:') or name the label files with 'include:'",
            display,
            1,
            1,
        ),
    )
