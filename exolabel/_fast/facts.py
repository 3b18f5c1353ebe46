"""Label facts as bits: a set of fact names kept as an integer mask, turned back into one shared frozenset.

A label's facts are the union of its ingredients' hit tags (``Rule.needs`` is checked against them). Union of
frozensets per label builds a new set each time; OR-ing integer masks builds nothing, and :meth:`FactBits.facts_of`
returns the same frozenset object for the same mask, so the rule-selection memo hashes it once.
"""

from __future__ import annotations

from collections.abc import Iterable

from exolabel._fast.memo import FACTS, Memo


class FactBits:
    """Bits for fact names, given as names are first seen and never changed; masks back to frozensets."""

    __slots__ = ("_bits", "_sets")

    def __init__(self, first: Iterable[str] = ()) -> None:
        self._bits: dict[str, int] = {}
        self._sets: Memo[int, frozenset[str]] = Memo(FACTS)
        for name in first:
            self.mask_of((name,))

    def mask_of(self, names: Iterable[str]) -> int:
        bits = self._bits
        mask = 0
        for name in names:
            bit = bits.get(name)
            if bit is None:
                bit = bits[name] = 1 << len(bits)
            mask |= bit
        return mask

    def facts_of(self, mask: int) -> frozenset[str]:
        """The fact names ``mask`` stands for; the same object for the same mask."""
        facts = self._sets.get(mask)
        if facts is None:
            facts = self._sets.put(mask, frozenset(n for n, bit in self._bits.items() if mask & bit))
        return facts
