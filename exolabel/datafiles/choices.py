"""Values that must be one of a known set (markets, product types, rule codes): which are not, and what the user
probably meant. One validator for every command and the config, so ``-m ue``, ``markets: [ue]`` in a config
and ``markets: [ue]`` in a label file all get the same message. Pure.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Unknown:
    """A value that is not one of ``known``; ``index`` is its place among the values checked."""

    what: str  # "market", "product type", "rule"
    value: str
    index: int
    known: tuple[str, ...]

    @property
    def suggestion(self) -> str | None:
        by_fold = {k.casefold(): k for k in self.known}
        v = self.value.casefold()
        same_letters = [k for k in by_fold if sorted(k) == sorted(v)]  # a transposition: 'ue' for 'eu'
        if same_letters:
            return by_fold[same_letters[0]]
        close = difflib.get_close_matches(self.value.casefold(), list(by_fold), n=1, cutoff=0.5)
        return by_fold[close[0]] if close else None

    @property
    def message(self) -> str:
        return f"unknown {self.what} '{self.value}'"

    @property
    def fix(self) -> str:
        hint = f"did you mean '{self.suggestion}'? " if self.suggestion else ""
        shown = ", ".join(self.known[:12]) + (", ..." if len(self.known) > 12 else "")
        return f"{hint}use one of: {shown}"

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})"


def unknown_choices(values: Iterable[str], known: Iterable[str], what: str) -> list[Unknown]:
    """Each of ``values`` that is not in ``known`` (compared casefolded), with a suggestion."""
    options = tuple(dict.fromkeys(known))
    folded = {k.casefold() for k in options}
    return [Unknown(what, v, i, options) for i, v in enumerate(values) if v.casefold() not in folded]
