"""Reading order for the text lines of a photo: undo the skew, cut the page into blocks at the widest blank band
(recursive XY-cut: a band across the whole group, horizontal or vertical, whichever is wider), then read each block
row by row, left to right. Two columns are two blocks side by side, read left one first."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

from exolabel.photo.engine import OcrLine, OcrWord

# a blank band at least this many text heights wide separates blocks
BLOCK_GAP = 0.75
# but a band between two text columns must be at least this many heights wide (word gaps are ~0.3-0.6)
COLUMN_GAP = 1.0


@dataclass(frozen=True)
class Box:
    """A line's axis-aligned rectangle in the deskewed frame."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Row:
    """One row of a block: its text and the words it is made of (with their confidences)."""

    text: str
    words: tuple[OcrWord, ...]
    confidence: float
    box: Box


@dataclass(frozen=True)
class Block:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class _Item:
    line: OcrLine
    box: Box


def skew_angle(lines: tuple[OcrLine, ...]) -> float:
    """The median baseline angle (radians) of the lines that are clearly wider than tall."""
    angles = []
    for ln in lines:
        (x0, y0), (x1, y1), _, (x3, y3) = ln.box
        w, h = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if w > 2 * h and w > 0:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return median(angles) if angles else 0.0


def _rotated_box(line: OcrLine, angle: float) -> Box:
    c, s = math.cos(-angle), math.sin(-angle)
    xs, ys = [], []
    for x, y in line.box:
        xs.append(x * c - y * s)
        ys.append(x * s + y * c)
    return Box(min(xs), min(ys), max(xs), max(ys))


def _gaps(items: list[_Item], vertical: bool) -> list[tuple[float, float]]:
    """Blank bands across the whole group: (position to cut at, width of the band)."""
    spans = sorted((i.box.x0, i.box.x1) if vertical else (i.box.y0, i.box.y1) for i in items)
    out = []
    reach = spans[0][1]
    for lo, hi in spans[1:]:
        if lo > reach:
            out.append(((lo + reach) / 2, lo - reach))
        reach = max(reach, hi)
    return out


def _cut(items: list[_Item], height: float) -> list[list[_Item]]:
    if len(items) < 2:
        return [items]
    h_gaps = [g for g in _gaps(items, vertical=False) if g[1] >= BLOCK_GAP * height]
    v_gaps = [g for g in _gaps(items, vertical=True) if g[1] >= COLUMN_GAP * height]
    if not h_gaps and not v_gaps:
        return [items]
    best_h = max((w for _, w in h_gaps), default=0.0) / BLOCK_GAP
    best_v = max((w for _, w in v_gaps), default=0.0) / COLUMN_GAP
    vertical = best_v > best_h
    cuts = sorted(p for p, _ in (v_gaps if vertical else h_gaps))
    groups: list[list[_Item]] = [[] for _ in range(len(cuts) + 1)]
    for it in items:
        centre = (it.box.x0 + it.box.x1) / 2 if vertical else it.box.cy
        groups[sum(1 for p in cuts if centre > p)].append(it)
    out = []
    for g in groups:
        if g:
            out.extend(_cut(g, height) if len(g) < len(items) else [g])
    return out


def _rows(items: list[_Item]) -> tuple[Row, ...]:
    rows: list[list[_Item]] = []
    for it in sorted(items, key=lambda i: i.box.cy):
        if rows:
            last = rows[-1]
            cy = sum(i.box.cy for i in last) / len(last)
            h = max(i.box.height for i in last)
            if abs(it.box.cy - cy) < 0.5 * max(h, it.box.height):
                last.append(it)
                continue
        rows.append([it])
    out = []
    for r in rows:
        r.sort(key=lambda i: i.box.x0)
        text = " ".join(i.line.text.strip() for i in r if i.line.text.strip())
        words = tuple(w for i in r for w in i.line.words)
        conf = min(i.line.confidence for i in r)
        box = Box(
            min(i.box.x0 for i in r), min(i.box.y0 for i in r), max(i.box.x1 for i in r), max(i.box.y1 for i in r)
        )
        out.append(Row(text, words, conf, box))
    return tuple(out)


def _strays(items: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    """Splits off the lines of at most two characters that lie wholly left or right of every longer line: the
    cut-off edge of a neighbouring panel at the photo's border ("Ty", "F", "P" beside a list), too close to the
    text for a blank band to part them, which would otherwise be read into the rows beside them."""
    longer = [i for i in items if len(i.line.text.strip()) > 2]
    if not longer:
        return items, []
    left, right = min(i.box.x0 for i in longer), max(i.box.x1 for i in longer)
    keep: list[_Item] = []
    strays: list[_Item] = []
    for it in items:
        outside = it.box.x0 >= right or it.box.x1 <= left
        (strays if outside and len(it.line.text.strip()) <= 2 else keep).append(it)
    return keep, strays


def blocks(lines: tuple[OcrLine, ...]) -> tuple[Block, ...]:
    """The lines grouped in blocks, in reading order; stray letters beside the text (see ``_strays``) come last,
    as a block of their own."""
    lines = tuple(ln for ln in lines if ln.text.strip())
    if not lines:
        return ()
    angle = skew_angle(lines)
    items, strays = _strays([_Item(ln, _rotated_box(ln, angle)) for ln in lines])
    height = median(i.box.height for i in items)
    groups = [*_cut(items, max(height, 1.0)), strays]
    return tuple(Block(_rows(g)) for g in groups if g)
