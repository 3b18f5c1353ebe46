"""The OCR recognizer spread over threads: a photo's text lines are read by several model runs at once.

RapidOCR reads a photo's lines one recognizer call after another (one line per call, as ``RapidEngine`` sets it),
each call using ONNX Runtime's own threads inside it; on one 48-pixel-high strip those threads mostly wait for
each other. :class:`LinePool` instead gives each line its own call, on ``workers`` threads at once (ONNX Runtime
releases the GIL while a model runs, and a session may be run from several threads), and puts the results back in
the lines' order. Each line is read exactly as it is read alone, so the text and confidences are the same as
reading the lines one by one; only the wall time changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# RapidOCR's recognize_txt: a list of line images -> its TextRecOutput dataclass (txts, scores, word_results,...)
Recognize = Callable[[list[Any]], Any]


class LinePool:
    """Calls ``recognize`` on one line image at a time from ``workers`` threads (longest lines first, so the last
    to start are short ones) and returns one output for all the lines, in their order. ``workers`` <= 1, or a
    single line: ``recognize`` is called as is."""

    def __init__(self, recognize: Recognize, workers: int) -> None:
        self._recognize = recognize
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None

    def __call__(self, images: Sequence[Any]) -> Any:
        images = list(images)
        if self.workers == 1 or len(images) < 2:
            return self._recognize(images)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="exolabel-ocr")
        order = sorted(range(len(images)), key=lambda i: -images[i].shape[1] / max(images[i].shape[0], 1))
        futures = {i: self._pool.submit(self._recognize, [images[i]]) for i in order}
        outs = [futures[i].result() for i in range(len(images))]
        return merge(outs, images)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def merge(outs: Sequence[Any], images: list[Any]) -> Any:
    """One recognizer output for several one-line outputs (same order): their texts, scores and word results
    joined, the elapsed times summed."""
    word_results = tuple(o.word_results[0] if o.word_results else None for o in outs)
    return dataclasses.replace(
        outs[0],
        imgs=images,
        txts=tuple(o.txts[0] for o in outs),
        scores=tuple(o.scores[0] for o in outs),
        word_results=word_results,
        elapse=sum(o.elapse or 0.0 for o in outs),
    )
