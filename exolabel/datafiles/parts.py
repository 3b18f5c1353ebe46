"""Parts of the compiled data that a command unmarshals only when it first reads them.

Unmarshalling costs about 30 instructions a byte of the cache file, and a scan reads only some of what the lexicon
stores: the vocabulary rows (tests and the catalogue generator read them), the compact-key index (asked only for a
name the exact index does not know) and the rule data's plant tables (built into the botanical index when a label
first needs it) are more than half of its bytes. The data cache (:mod:`exolabel.datafiles.cache`) stores each such
part as its own marshal bytes inside the file (covered by the file's check like the rest) and reads it back as a
:class:`Part`; a freshly compiled part is a :class:`Part` too, so a loader sees the same shape either way.
"""

from __future__ import annotations

import marshal
from typing import Any

_UNREAD = object()


class Part:
    """One part of the compiled data: its value, unmarshalled from ``blob`` at the first :attr:`value`."""

    __slots__ = ("_blob", "_value")

    def __init__(self, value: Any = _UNREAD, blob: bytes | None = None) -> None:
        self._value = value
        self._blob = blob

    @property
    def value(self) -> Any:
        if self._value is _UNREAD:
            self._value = marshal.loads(self._blob)  # type: ignore[arg-type]
            self._blob = None
        return self._value

    def blob(self) -> bytes:
        """The part's marshal bytes (as stored)."""
        return self._blob if self._value is _UNREAD else marshal.dumps(self._value)  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Part) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Part({self.value!r})"


def value_of(item: Any) -> Any:
    """``item``'s value: a :class:`Part`'s, or ``item`` itself (data compiled without the cache layer)."""
    return item.value if type(item) is Part else item
