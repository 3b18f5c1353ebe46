"""Exit codes: the contract with CI systems. Pinned by tests and listed in the README."""

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
