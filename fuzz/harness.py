#!/usr/bin/env python3
"""atheris (libFuzzer) harness: ``python fuzz/harness.py TARGET [libFuzzer flags] [corpus dirs]``.

TARGET is one of :data:`TARGETS` (a module of this folder with ``run_one(data: bytes)``): ``scan`` (decoding, label
files and the whole scan pipeline: tokenizer, matcher, rules), ``labelfile`` (label files read from disk) and
``catalogue`` (catalogue readers, the batch check and the CSV/JSONL writers) and ``image`` (opening photos, and
the reading order and ingredient section of OCR lines; needs ``exolabel.photo`` and Pillow). Run it through
``fuzz/run.py``, which builds each target's seed corpus and fixes the number of iterations.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGETS = {"scan": "target", "labelfile": "target_labelfile", "catalogue": "target_catalogue", "image": "target_image"}
REQUIRES = {"image": ("exolabel.photo", "PIL")}  # modules a target needs beyond the base install


def available(target: str) -> bool:
    """Whether ``target``'s modules are installed (``run.py --target all`` skips one that is not)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in REQUIRES.get(target, ()))


# Per-character loops that branch the same way on every character: instrumenting them costs more than the
# coverage they give (they still run on every input).
_HOT = ["exolabel.tokenizer.prepare", "exolabel.model"]


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        raise SystemExit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer flags] [corpus dirs]")
    import atheris  # here, so that run.py and the tests can read TARGETS without atheris installed

    name = TARGETS[sys.argv.pop(1)]
    # EXOLABEL_FUZZ_INSTRUMENT: the packages whose branches guide the fuzzer (default: all of exolabel); the rest
    # still runs, uninstrumented and faster. EXOLABEL_FUZZ_NO_COVERAGE: blind mutation of the corpus, fastest.
    if os.environ.get("EXOLABEL_FUZZ_NO_COVERAGE"):
        module = importlib.import_module(name)
        module.warm_up()
    else:
        include = os.environ.get("EXOLABEL_FUZZ_INSTRUMENT", "exolabel").split(",")
        with atheris.instrument_imports(include=[*include, *TARGETS.values()], exclude=_HOT):
            module = importlib.import_module(name)
            module.warm_up()  # load the lexicon and what is imported lazily, instrumented, before fuzzing starts
    atheris.Setup(sys.argv, module.run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
