"""Whole-pipeline properties (hypothesis) and the fuzz harness's target replayed over its seed corpus.

The tokenizer, matcher and rule layer have their own property tests; these hold the pipeline together:
``Scanner.scan`` never raises on any text, every ingredient's span points into the input and is its text,
every finding names an ingredient that exists, and the JSON output is byte-identical across scanners.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.report import json as json_report

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
sys.path.insert(0, str(FUZZ))

import target  # noqa: E402  (fuzz/target.py: the invariants the fuzzer checks)

_WORDS = "(and)|Water|Aqua|Exosome|Conditioned Media|Callus|Lysate|Ferment|Extract|1,2-|Human|Stem Cell|ppm|billion"
label_chars = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789,;:/()[]{}*%.-+\n\t•·|'\"&±<>",
        *_WORDS.split("|"),
        *("may contain", "Ingredients:", "水", "ماء", "\u200b", "\x01", "ﬁ"),
    ]
)
labels = st.lists(label_chars, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels)
def test_scan_holds_its_invariants_on_any_label(scanner, text: str) -> None:
    target.check_report(text, scanner.scan(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_scan_never_raises_on_any_string(scanner, text: str) -> None:
    target.check_report(text, scanner.scan(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(labels, min_size=1, max_size=4))
def test_json_is_byte_identical_across_scanners_and_order(scanner, texts: list[str]) -> None:
    from exolabel.scanner import Scanner

    fresh = Scanner(scanner.lexicon)  # a new scanner: no memo shared with the first
    a = json_report.render([scanner.scan(t, None, str(i)) for i, t in enumerate(texts)], [], {})
    for t in reversed(texts):  # warm the fresh scanner's memos in another order first
        fresh.scan(t)
    b = json_report.render([fresh.scan(t, None, str(i)) for i, t in enumerate(texts)], [], {})
    assert a == b


def test_fuzz_target_accepts_its_whole_seed_corpus() -> None:
    import seeds

    corpus = seeds.scan_seeds()
    assert len(corpus) >= 5 * 25  # every example label, in every mode
    for data in corpus:
        target.run_one(data)


def test_fuzz_target_refuses_only_with_user_errors() -> None:
    for data in (b"\x00", b"\x01: [", b"\x02{", b"\x03= =", b"\x01" + b"a: &a [x]\n" + b"b: *a\n" * 20, b"\x00\x89PNG"):
        target.run_one(data)
