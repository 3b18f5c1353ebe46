#!/usr/bin/env python3
"""atheris (libFuzzer) harness for the whole scan pipeline; see ``target.py`` for what one input means.

Run it through ``fuzz/run.py``, which builds the seed corpus from ``examples/labels`` and fixes the number of
iterations; extra arguments are passed to libFuzzer (``-max_len``, ``-jobs``...).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Per-character loops that branch the same way on every character: instrumenting them costs more than the
# coverage they give (they still run on every input).
_HOT = ["exolabel.tokenizer.prepare", "exolabel.model"]
if os.environ.get("EXOLABEL_FUZZ_NO_COVERAGE"):  # blind mutation: faster, for smoke runs
    import target
else:
    with atheris.instrument_imports(include=["exolabel", "target"], exclude=_HOT):
        import target


def test_one_input(data: bytes) -> None:
    target.run_one(data)


def main() -> None:
    target.scanner()  # load the lexicon once, before fuzzing starts
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
