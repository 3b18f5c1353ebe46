"""The peer's tokenizer cases (``tests/data/peer_cases.yaml``, exolabel's own inputs written from the peer study's
description of on-the-list 0.1.4's tests): exolabel reads every one right (``benchmarks/peer_suite.py`` prints the
figure)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from peer_suite import load_cases, problems

CASES = load_cases()


def test_the_suite_has_the_peers_24_cases() -> None:
    assert len(CASES) == 24
    assert len({c["id"] for c in CASES}) == 24
    assert all(c.get("feature") and c.get("text") for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_peer_case(scanner: Any, case: dict[str, Any]) -> None:
    assert problems(scanner, case) == []
