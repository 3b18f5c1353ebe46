"""The fuzz target shared by the atheris harness (``fuzz_scan.py``) and the regression test.

One input is raw bytes, as a user might hand them to ``exolabel scan``. The first byte picks how they are read:
as an ingredient list (decoded like a ``.txt`` file), as a YAML, JSON or TOML label file, or as already-decoded
text. Whatever the bytes, the only exceptions allowed out are the documented user errors (``InputError``,
``DataError``), and every scan must hold its invariants: spans point into the scanned text, each ingredient's
``text`` is that slice, indexes count up from 0, every finding names an ingredient that exists, and the report
serializes to JSON. (Determinism is a property test: scanning twice here would halve the fuzzing rate.)
"""

from __future__ import annotations

import json
from functools import lru_cache

from exolabel.datafiles.load import DataError
from exolabel.labelfile.read import InputError, decode_bytes, parse_label_file
from exolabel.model import LabelInfo
from exolabel.scanner import Scanner

MAX_INPUT = 65_536  # the largest input libFuzzer is given (run.py -max_len); size limits are tested apart
_LABEL_SUFFIXES = (".yaml", ".json", ".toml")


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    return Scanner()


def warm_up() -> None:
    """Load the lexicon and rule data once, before fuzzing starts."""
    scanner().scan("Water, Glycerin")


def check_report(text: str, report: object) -> None:
    """Assert the invariants of one report over ``text``."""
    ings = report.ingredients  # type: ignore[attr-defined]
    for i, s in enumerate(ings):
        ing = s.ingredient
        assert ing.index == i, (ing.index, i)
        a, b = ing.span
        assert 0 <= a <= b <= len(text), (ing.span, len(text))
        assert text[a:b] == ing.text, (text[a:b], ing.text)
        assert ing.name.strip(), ing
        for m in s.matches:
            assert 0.0 <= m.score <= 100.0, m
    for f in report.findings:  # type: ignore[attr-defined]
        assert f.ingredient is None or 0 <= f.ingredient < len(ings), f
        assert f.message.strip(), f


def read(data: bytes) -> tuple[str, LabelInfo | None]:
    """Decode ``data`` the way the CLI would; raise InputError/DataError for what it would refuse."""
    mode, body = data[0] % 5, data[1:]
    if mode == 4:  # already text: whatever the bytes, as a pasted string
        return body.decode("utf-8", "replace"), None
    text, _warning = decode_bytes(body, "fuzz")
    if mode == 0:  # a .txt ingredient list
        return text, None
    suffix = _LABEL_SUFFIXES[mode - 1]
    item = parse_label_file(text, "fuzz" + suffix, suffix)
    return item.text, item.label


def run_one(data: bytes) -> None:
    """Feed one input through decoding, label-file parsing and the whole scan pipeline."""
    if not data or len(data) > MAX_INPUT:
        return
    try:
        text, label = read(data)
    except (InputError, DataError):
        return
    sc = scanner()
    report = sc.scan(text, label, "fuzz")
    check_report(text, report)
    json.dumps(report.to_dict(), ensure_ascii=False)  # the JSON contract serializes whatever came in
