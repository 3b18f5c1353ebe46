"""Market names: the one check that a market the user names (``--market``, a config's ``markets:``, a label
file's ``markets``) is one the rule data knows (``exolabel/rules/data/markets.yaml`` plus user rule files).

Pure: the caller passes the known ids (``RuleData.markets``) and decides what a problem costs (exit 2 for a
command-line or config value, an input error for a label file).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["market_problem", "unknown_markets"]


def unknown_markets(values: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """The values (case-insensitive, in order, once each) that name no known market."""
    ids = {k.casefold() for k in known}
    return tuple(dict.fromkeys(v for v in values if v.strip().casefold() not in ids))


def market_problem(values: Iterable[str], known: Iterable[str], where: str = "market") -> str | None:
    """One line naming every unknown market, the known ones and the closest match; None when all are known.

    >>> market_problem(["eu", "ue"], ["eu", "us", "uk"])
    "unknown market 'ue' (did you mean 'eu'?); known markets: eu, uk, us"
    """
    known_ids = sorted({k.casefold() for k in known})
    bad = unknown_markets(values, known_ids)
    if not bad:
        return None
    parts = []
    for v in bad:
        close = _closest(v.strip().casefold(), known_ids)
        parts.append(f"'{v}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    plural = "s" if len(bad) > 1 else ""
    return f"unknown {where}{plural} {', '.join(parts)}; known markets: {', '.join(known_ids)}"


def _closest(value: str, known: list[str]) -> list[str]:
    """The same letters in another order first ('ue' -> 'eu'), else the closest spelling."""
    same = [k for k in known if sorted(k) == sorted(value)]
    return same[:1] or difflib.get_close_matches(value, known, n=1, cutoff=0.5)
