"""Photo in, ingredient text out: open the photo, run the engine, order the lines, cut out the ingredient section.

One :class:`PhotoReader` holds one engine, so many photos cost one model load.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from exolabel.photo.engine import Engine, OcrLine, RapidEngine
from exolabel.photo.image import Limits, Photo, load_photo, open_photo
from exolabel.photo.layout import blocks
from exolabel.photo.section import Section, find_section, full_text

GOOD_READING = 0.8  # mean confidence of the characters read, horizontal lines only


def _score(lines: tuple[OcrLine, ...]) -> float:
    """Mean confidence weighted by characters, counting lines taller than wide (vertical text) as 0."""
    total = sum(len(ln.text) for ln in lines)
    if not total:
        return 0.0
    good = 0.0
    for ln in lines:
        (x0, y0), (x1, y1), _, (x3, y3) = ln.box
        wide = abs(x1 - x0) + abs(y1 - y0) >= abs(x3 - x0) + abs(y3 - y0)
        good += ln.confidence * len(ln.text) if wide else 0.0
    return good / total


@dataclass(frozen=True)
class PhotoText:
    """What was read from one photo: the ingredient ``section`` (text, heading, word confidences), every row in
    reading order (``full_text``), the engine and the seconds the reading took."""

    source: str
    section: Section
    full_text: str
    engine: str
    seconds: float
    warning: str | None = None

    @property
    def text(self) -> str:
        return self.section.text


class PhotoReader:
    """Reads photos with one engine (loaded on the first photo, or by :meth:`load`)."""

    def __init__(self, engine: Engine | None = None, limits: Limits = Limits()) -> None:
        self.engine: Engine = engine or RapidEngine()
        self.limits = limits

    def load(self) -> PhotoReader:
        load = getattr(self.engine, "load", None)
        if callable(load):
            load()
        return self

    def read_photo(self, photo: Photo) -> PhotoText:
        t0 = time.perf_counter()
        lines = self._upright_lines(photo)
        blks = blocks(lines)
        section = find_section(blks)
        return PhotoText(
            photo.source, section, full_text(blks), self.engine.name, time.perf_counter() - t0, photo.warning
        )

    def _upright_lines(self, photo: Photo) -> tuple[OcrLine, ...]:
        """The photo's lines, read upright: a photo whose text comes out doubtful or mostly vertical (taken
        sideways or upside down, without an EXIF orientation) is read again turned by 180, 90 and 270 degrees,
        until one reading is confident; the most confident reading wins."""
        lines = self.engine.read(photo.image)
        best, best_score = lines, _score(lines)
        if best_score >= GOOD_READING:
            return lines
        from PIL import Image

        turns = {180: Image.Transpose.ROTATE_180, 90: Image.Transpose.ROTATE_90, 270: Image.Transpose.ROTATE_270}
        for transpose in turns.values():
            again = self.engine.read(photo.image.transpose(transpose))
            score = _score(again)
            if score > best_score:
                best, best_score = again, score
            if best_score >= GOOD_READING:
                break
        return best

    def read_path(self, path: Path) -> PhotoText:
        return self.read_photo(load_photo(path, self.limits))

    def read_bytes(self, data: bytes, source: str) -> PhotoText:
        return self.read_photo(open_photo(data, source, self.limits))
