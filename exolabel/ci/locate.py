"""Where a finding is inside the file it came from: line and column of the ingredient or claim.

A ``.txt`` ingredient file *is* the ingredient text (comment lines are blanked, not removed), so an
ingredient's span maps straight onto the file. In a label file (YAML block or flow scalars and lists, JSON,
TOML) the ingredient text was assembled from the document, so each ingredient is found again in the file's
own text: after the ``ingredients`` key, in order, allowing for line wrapping and indentation (YAML folded and
block scalars) and for JSON/TOML string escapes. What cannot be found falls back to the key's line. Pure.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from exolabel.model import Ingredient


@dataclass(frozen=True, slots=True)
class Position:
    """A region of a file: 1-based line and column (Unicode code points); the end column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


def _key_offset(text: str, key: str) -> int | None:
    k = re.escape(key)
    m = re.search(rf"(?m)^[ \t]*[\"']?{k}[\"']?[ \t]*[:=]", text) or re.search(rf"[\"']{k}[\"']\s*:", text)
    return m.start() if m else None


def _search(text: str, item: str, start: int) -> tuple[int, int] | None:
    """Where ``item`` is next written in ``text`` from ``start``: as is (the common case, a plain find), wrapped
    over lines, or escaped as a JSON/TOML string; else where its first word is."""
    i = text.find(item, start)
    if i >= 0:
        return i, i + len(item)
    words = item.split()
    if len(words) > 1:
        m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, start)
        if m:
            return m.start(), m.end()
    for escaped in {json.dumps(item, ensure_ascii=False)[1:-1], json.dumps(item)[1:-1]} - {item}:
        i = text.find(escaped, start)
        if i >= 0:
            return i, i + len(escaped)
    if words:
        i = text.find(words[0], start)
        if i >= 0:
            return i, i + len(words[0])
    return None


class Locator:
    """Maps ingredients and claims of one input to positions in its file text."""

    def __init__(self, file_text: str, *, plain: bool) -> None:
        self.text = file_text
        self.plain = plain
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", file_text)]
        self._cache: dict[str, list[tuple[int, int] | None]] = {}

    def position(self, start: int, end: int) -> Position:
        line, col = self._line_col(start)
        end_line, end_col = self._line_col(max(start, end))
        return Position(line, col, end_line, end_col)

    def _line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def key(self, key: str) -> Position:
        """The line of a top-level ``key`` (line 1 when absent)."""
        off = _key_offset(self.text, key)
        if off is None:
            return Position(1, 1, 1, 1)
        while off < len(self.text) and self.text[off] in " \t":
            off += 1
        return self.position(off, off + len(key))

    def _find_all(self, key: str, items: Sequence[str]) -> list[tuple[int, int] | None]:
        if key in self._cache:
            return self._cache[key]
        start = _key_offset(self.text, key)
        found: list[tuple[int, int] | None] = []
        cursor = (start + len(key)) if start is not None else 0
        for item in items:
            hit = None
            if start is not None and item.strip():
                hit = _search(self.text, item.strip(), cursor)
            found.append(hit)
            if hit:
                cursor = hit[1]
        self._cache[key] = found
        return found

    def ingredient(self, ingredients: Sequence[Ingredient], index: int) -> Position:
        pos = next((n for n, i in enumerate(ingredients) if i.index == index), None)
        if pos is None:
            return self.key("ingredients")
        if self.plain:
            return self.position(*ingredients[pos].span)
        hit = self._find_all("ingredients", [i.text for i in ingredients])[pos]
        return self.position(*hit) if hit else self.key("ingredients")

    def value(self, key: str, text: str) -> Position:
        """Where the value ``text`` of a top-level ``key`` (e.g. the product name) is written."""
        if self.plain:
            return self.key(key)
        hit = self._find_all(key, [text])[0]
        return self.position(*hit) if hit else self.key(key)

    def claim(self, claims: Sequence[str], index: int) -> Position:
        if self.plain or not 0 <= index < len(claims):
            return self.key("claims")
        hit = self._find_all("claims", claims)[index]
        return self.position(*hit) if hit else self.key("claims")
