"""Regular expressions compiled at their first use, for the large alternations most runs never search.

``lazy_pattern(source, flags)`` stands where ``re.compile(source, flags)`` would: ``.pattern`` and ``.flags`` are
there at once; the first call of any other attribute (``search``, ``finditer``...) compiles the pattern, and from
then on the compiled pattern's own bound methods answer directly (they are stored on the object). Equal sources
and flags give equal objects. A command that never searches with it never compiles it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast, overload

T = TypeVar("T")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first searched with (see the module doc)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags if flags & re.ASCII else flags | re.UNICODE  # as re.Pattern reports them for str patterns

    def __getattr__(self, name: str) -> Any:
        # only reached for attributes the object lacks: the first use of a method of the compiled pattern
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            self.__dict__[method] = getattr(compiled, method)
        self.__dict__["groups"] = compiled.groups
        self.__dict__["groupindex"] = compiled.groupindex
        return getattr(compiled, name)

    def compile_now(self) -> bool:
        """Compile the pattern now if no search has yet; True when this call compiled it."""
        if "search" in self.__dict__:
            return False
        self.__getattr__("search")
        return True

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"lazy_pattern({self.pattern!r}, {self.flags!r})"


class LazyText(LazyPattern):
    """A :class:`LazyPattern` whose source text, too, is made at its first use (``.pattern`` included): the rule
    data's claim and note alternations escape and sort some 360 phrases that a label without a product name or
    claim never searches."""

    def __init__(self, make: Callable[[], str], flags: int = 0) -> None:
        self._make: Callable[[], str] | None = make
        self.flags = flags if flags & re.ASCII else flags | re.UNICODE

    @property  # type: ignore[override]
    def pattern(self) -> str:
        text = self.__dict__.get("_text")
        if text is None:
            text = self.__dict__["_text"] = self._make()  # type: ignore[misc]
            self._make = None
        return text


def lazy_text(make: Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """A :class:`LazyText`, typed as the compiled pattern it stands for."""
    return cast(re.Pattern[str], LazyText(make, flags))


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A :class:`LazyPattern`, typed as the compiled pattern it stands for."""
    return cast(re.Pattern[str], LazyPattern(pattern, flags))


def compile_loaded(prefix: str = "exolabel.") -> int:
    """Compile now the lazy patterns of every module already imported under ``prefix``; return how many this
    compiled. For a process about to fork workers (``Scanner.preload``): it compiles them once and its workers share
    them, instead of each compiling them on its first labels."""
    count = 0
    for name, module in list(sys.modules.items()):
        if name.startswith(prefix) and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, LazyPattern) and value.compile_now():
                    count += 1
    return count


def compile_all(patterns: Iterable[object]) -> int:
    """Compile now the lazy ones among ``patterns`` (kept in data structures, not module globals, so
    :func:`compile_loaded` does not see them); return how many this compiled."""
    return sum(1 for p in patterns if isinstance(p, LazyPattern) and p.compile_now())


class LazyEntries(Sequence[T]):
    """The read-only sequence ``tuple(make(r) for r in raw)``, each item made at its first access and kept (the same
    object from then on): the rule data's irritant and allergen entries, of which a label uses a few or none."""

    def __init__(self, make: Callable[[Any], T], raw: Sequence[Any]) -> None:
        self._make = make
        self._raw = raw
        self._made: list[T | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...

    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self._made))))
        item = self._made[i]  # (an index past the end raises IndexError, which ends iteration)
        if item is None:
            item = self._made[i] = self._make(self._raw[i])
        return item
