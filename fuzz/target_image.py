"""The photo fuzz target: bytes as a photo a user hands to ``exolabel scan``, and OCR lines as the engine gives them.

The first byte picks the mode. Modes 0-5: the rest is an image file named with one of the photo extensions, opened
by ``exolabel.photo.image.open_photo`` (signature sniffing, byte and pixel limits checked on the header, decoding,
EXIF orientation); the only exception allowed out is ``PhotoError`` with a one-line message, and a photo that opens
is RGB and within the limits. Mode 6: the rest is text, each line an OCR line placed on a page (indentation and a
byte of the line set its position, skew and confidence); the reading order (``layout.blocks``) and the ingredient
section (``section.find_section``) must not raise, and every word of the section points into its text. The OCR
engine itself (a model) is not run.
"""

from __future__ import annotations

import zlib

from exolabel.photo.engine import OcrLine, OcrWord
from exolabel.photo.image import PHOTO_SUFFIXES, Limits, PhotoError, open_photo
from exolabel.photo.layout import blocks
from exolabel.photo.section import find_section, full_text, load_headings

MAX_INPUT = 65_536
LIMITS = Limits(max_bytes=MAX_INPUT, max_pixels=4_000_000)
_HEADINGS = load_headings()


def warm_up() -> None:
    """Import the image decoders and load the headings before fuzzing starts."""
    run_one(b"\x06Ingredients: Water, Glycerin\n  Niacinamide")
    run_one(b"\x01\x89PNG\r\n\x1a\n")


def run_one(data: bytes) -> None:
    if not data or len(data) > MAX_INPUT:
        return
    mode, body = data[0] % 7, data[1:]
    if mode < 6:
        _photo(body, PHOTO_SUFFIXES[mode])
    else:
        _ocr_text(body.decode("utf-8", "replace"))


def _photo(body: bytes, suffix: str) -> None:
    try:
        photo = open_photo(body, "fuzz" + suffix, LIMITS, suffix)
    except PhotoError as e:
        msg = str(e)
        assert msg.strip() and "\n" not in msg, repr(msg)
        return
    w, h = photo.image.size
    assert photo.image.mode == "RGB", photo.image.mode
    assert 0 < w * h <= LIMITS.max_pixels, (w, h)


def _ocr_text(text: str) -> None:
    lines = []
    for i, raw in enumerate(text.splitlines()[:400]):
        content = raw.strip()
        if not content:
            continue
        h = zlib.crc32(raw.encode("utf-8", "replace"))
        x0 = 8.0 * (len(raw) - len(raw.lstrip())) + (h & 0x7)
        y0 = 24.0 * i + ((h >> 3) & 0x7)
        tilt = ((h >> 6) & 0xF) - 8  # a few pixels of skew over the line
        words, x = [], x0
        for word in content.split():
            wx1 = x + 8.0 * len(word)
            words.append(OcrWord(word, ((h >> 10) & 0xFF) / 255, _box(x, y0, wx1, y0 + 18, tilt)))
            x = wx1 + 8.0
        lines.append(OcrLine(content, ((h >> 18) & 0xFF) / 255, _box(x0, y0, x - 8.0, y0 + 18, tilt), tuple(words)))
    found = blocks(tuple(lines))
    assert isinstance(full_text(found), str)
    section = find_section(found, _HEADINGS)
    for w in section.words:
        a, b = w.span
        assert 0 <= a <= b <= len(section.text), (w, len(section.text))


def _box(x0: float, y0: float, x1: float, y1: float, tilt: float):  # type: ignore[no-untyped-def]
    return ((x0, y0), (x1, y0 + tilt), (x1, y1 + tilt), (x0, y1))
