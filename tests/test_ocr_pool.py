"""The recognizer's line pool (exolabel/_fast/ocrpool.py): lines read on several threads at once come back in
their order with their own texts, scores and word results; and with the real engine a photo reads the same with
the pool as without it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from exolabel._fast.ocrpool import LinePool
from exolabel.photo import engine as photo_engine

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Out:  # the fields of RapidOCR's TextRecOutput that the pool touches
    imgs: Any = None
    txts: Any = None
    scores: Any = None
    word_results: Any = None
    elapse: float | None = None
    viser: Any = None


class Strip:
    """A stand-in line image: its text, and a shape whose width/height ratio is its length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.shape = (10, 10 * len(text), 3)


def test_lines_come_back_in_their_order_read_on_several_threads() -> None:
    threads: set[int] = set()
    calls: list[int] = []

    def recognize(images: list[Strip]) -> Out:
        calls.append(len(images))
        threads.add(threading.get_ident())
        time.sleep(0.02)  # long enough for the other worker to take a line meanwhile
        (img,) = images
        return Out(images, (img.text.upper(),), (len(img.text) / 10,), ((img.text, 0.5, None),), 0.25, "v")

    pool = LinePool(recognize, 2)
    lines = [Strip(t) for t in ("water", "glycerin", "human adipose stem cell conditioned media", "aqua")]
    out = pool(lines)
    pool.close()
    assert out.txts == ("WATER", "GLYCERIN", "HUMAN ADIPOSE STEM CELL CONDITIONED MEDIA", "AQUA")
    assert out.scores == (0.5, 0.8, 4.1, 0.4)
    assert [w[0] for w in out.word_results] == [
        "water",
        "glycerin",
        "human adipose stem cell conditioned media",
        "aqua",
    ]
    assert out.imgs == lines and out.elapse == 1.0 and out.viser == "v"
    assert calls == [1, 1, 1, 1] and len(threads) == 2


def test_one_worker_or_one_line_calls_the_recognizer_as_is() -> None:
    seen: list[int] = []

    def recognize(images: list[Strip]) -> Out:
        seen.append(len(images))
        return Out(images, tuple(i.text for i in images))

    assert LinePool(recognize, 1)([Strip("a"), Strip("b")]).txts == ("a", "b")
    assert LinePool(recognize, 4)([Strip("c")]).txts == ("c",)
    assert seen == [2, 1]


def test_an_error_in_a_line_reaches_the_caller() -> None:
    def recognize(images: list[Strip]) -> Out:
        if images[0].text == "bad":
            raise RuntimeError("the recognizer failed")
        return Out(images, (images[0].text,), (1.0,), (None,))

    with pytest.raises(RuntimeError, match="recognizer failed"):
        LinePool(recognize, 2)([Strip("ok"), Strip("bad"), Strip("fine")])


@pytest.mark.skipif(not photo_engine.available(), reason='the OCR engine is not installed: pip install -e ".[ocr]"')
def test_a_photo_reads_the_same_with_the_pool_as_without() -> None:
    from PIL import Image

    photo = Image.open(ROOT / "examples" / "photos" / "sensodyne-toothpaste.png")
    pooled = photo_engine.RapidEngine(threads=2).load()
    plain = photo_engine.RapidEngine(threads=2, line_pool=False).load()
    assert isinstance(pooled._ocr.recognize_txt, LinePool) and not isinstance(plain._ocr.recognize_txt, LinePool)
    lines = pooled.read(photo)
    assert len(lines) > 5 and lines == plain.read(photo)  # texts, confidences, boxes and words
