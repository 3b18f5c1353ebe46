"""The OCR engine: RapidOCR (PP-OCRv6 models, ONNX Runtime), from the ``ocr`` extra.

Its models ship inside the ``rapidocr`` wheel; :class:`RapidEngine` passes their paths explicitly and refuses to
start if one is missing, so nothing is ever downloaded at run time. The engine is built on first use and kept by
its :class:`RapidEngine` object: one object reads any number of photos with one model load.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from exolabel._fast.ocrpool import LinePool
from exolabel.photo.image import EXTRA_HINT

if TYPE_CHECKING:
    from PIL.Image import Image

# the models inside the rapidocr wheel (rapidocr/models/), by task
_MODELS = {
    "det": "PP-OCRv6_det_small.onnx",
    "rec": "PP-OCRv6_rec_small.onnx",
    "cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
Point = tuple[float, float]


class EngineMissing(Exception):
    """The OCR extra is not installed (or its models are missing). One line, naming the extra."""


@dataclass(frozen=True)
class OcrWord:
    """One word as the engine read it: text, confidence (0-1) and its four corners in photo pixels."""

    text: str
    confidence: float
    box: tuple[Point, Point, Point, Point]


@dataclass(frozen=True)
class OcrLine:
    """One text line the detector found: its text, confidence, corners (top-left, top-right, bottom-right,
    bottom-left in reading direction) and words."""

    text: str
    confidence: float
    box: tuple[Point, Point, Point, Point]
    words: tuple[OcrWord, ...]


class Engine(Protocol):
    name: str

    def read(self, image: Image) -> tuple[OcrLine, ...]: ...


def available() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("onnxruntime") is not None


def _box(points: Any) -> tuple[Point, Point, Point, Point]:
    p = [(float(x), float(y)) for x, y in list(points)[:4]]
    if len(p) != 4:
        raise ValueError("a text box needs four corners")
    return (p[0], p[1], p[2], p[3])


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


class RapidEngine:
    """RapidOCR with the models of its wheel. ``det_side``: the longer side the detector sees (pixels);
    ``threads``: the threads a photo is read with (0: one per core); ``rec_batch``: text lines per recognizer
    call; ``arena``: ONNX Runtime's CPU memory arena on; ``line_pool``: the recognizer reads ``threads`` lines at
    once, one ONNX Runtime thread each (``exolabel._fast.ocrpool``), while the detector uses ``threads`` ONNX
    Runtime threads; off: both use ``threads`` ONNX Runtime threads inside each call."""

    name = "RapidOCR PP-OCRv6 small"

    def __init__(
        self, det_side: int = 1280, threads: int = 0, rec_batch: int = 1, arena: bool = True, line_pool: bool = True
    ) -> None:
        self.det_side = det_side
        self.threads = threads
        self.rec_batch = rec_batch
        self.arena = arena
        self.line_pool = line_pool
        self._ocr: Any = None

    def load(self) -> RapidEngine:
        """Load the models now (otherwise on the first photo). Raises EngineMissing."""
        if self._ocr is not None:
            return self
        if not available():
            raise EngineMissing(EXTRA_HINT)
        import logging

        spec = importlib.util.find_spec("rapidocr")
        assert spec is not None and spec.origin is not None
        models = Path(spec.origin).parent / "models"
        paths = {task: models / f for task, f in _MODELS.items()}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            raise EngineMissing(f'the OCR models are missing ({", ".join(missing)}): reinstall "exolabel[ocr]"')
        from rapidocr import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        threads = self.threads or cores()
        params = {
            "Global.log_level": "error",
            "Global.text_score": 0.3,  # keep doubtful lines: their words are marked, not dropped
            "Global.max_side_len": 4000,
            # its 180-degree guesses turned clean lines upside down; PhotoReader turns whole photos instead
            "Global.use_cls": False,
            "Det.model_path": str(paths["det"]),
            "Det.limit_type": "max",
            "Det.limit_side_len": self.det_side,
            "Det.use_dilation": False,  # with it, close lines of small print merge into one box
            "Rec.model_path": str(paths["rec"]),
            # one line per recognizer call: no line is padded to the width of a longer one (less work, and each
            # line is read as it is, whatever lines it is sorted next to)
            "Rec.rec_batch_num": self.rec_batch,
            "Cls.model_path": str(paths["cls"]),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            # ONNX Runtime's memory arena keeps its buffers between runs (RapidOCR turns it off by default)
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": self.arena,
        }
        ocr = RapidOCR(params=params)
        # the sessions are made now, not at the first photo; with the line pool, the detector's with ``threads``
        # ONNX Runtime threads and then the recognizer's with one (RapidOCR makes each from the shared config)
        ocr._load_det_model()
        pooled = self.line_pool and self.rec_batch == 1 and threads > 1
        if pooled:
            ocr.cfg.EngineConfig.onnxruntime.intra_op_num_threads = 1
        ocr._load_rec_model()
        if pooled:
            ocr.recognize_txt = LinePool(ocr.recognize_txt, threads)
        self._ocr = ocr
        return self

    def read(self, image: Image) -> tuple[OcrLine, ...]:
        import numpy as np

        self.load()
        arr = np.asarray(image.convert("RGB"))[:, :, ::-1].copy()  # RapidOCR takes OpenCV's BGR order
        out = self._ocr(arr, return_word_box=True)
        if out.boxes is None or out.txts is None:
            return ()
        lines = []
        words_of: Sequence[Any] = out.word_results or ()
        for i, (box, text, score) in enumerate(zip(out.boxes, out.txts, out.scores, strict=False)):
            words = []
            for w in words_of[i] if i < len(words_of) and words_of[i] else ():
                wtext, wscore, wbox = w[0], float(w[1]), w[2]
                if wtext and wtext.strip() and wbox is not None:
                    words.append(OcrWord(str(wtext).strip(), wscore, _box(wbox)))
            lines.append(OcrLine(str(text), float(score), _box(box), tuple(words)))
        return tuple(lines)
