"""Exit codes: the contract with CI systems. Pinned by tests and listed in the README."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is imported when an exit code is decided, not by every command's start-up
    from exolabel.model import Finding

OK = 0  # every input was checked; no finding at or above --fail-on
FINDINGS = 1  # at least one finding at or above --fail-on
ERROR = 2  # usage, configuration or data error, or some input could not be checked (the rest still reported)
INTERRUPTED = 130  # stopped by Ctrl-C / SIGINT

TABLE = (
    (OK, "checked; no finding at or above --fail-on"),
    (FINDINGS, "findings at or above --fail-on (default: error)"),
    (ERROR, "usage, config or data error, or an input that could not be checked (others still reported)"),
    (INTERRUPTED, "interrupted (Ctrl-C); batch outputs are left complete or absent, never half-written"),
)


def for_findings(findings: Iterable[Finding], fail_on: str, *, errors: bool = False) -> int:
    """The exit code of a run: ERROR when some input could not be checked (``errors``), else FINDINGS when a finding
    is at or above ``fail_on`` (a severity, or "never"), else OK. The one place ``scan``, ``check`` and ``diff``
    decide it."""
    if errors:
        return ERROR
    if fail_on == "never":
        return OK
    from exolabel.model import Severity

    threshold = Severity(fail_on).rank
    return FINDINGS if any(f.severity.rank >= threshold for f in findings) else OK
