"""Rule-data patterns whose text is made at their first use (exolabel._fast.lazy.LazyText): the same text and
matches as the pattern written out; a scan of a plain ingredient list makes none of the claim patterns."""

from __future__ import annotations

import re

from exolabel.model import LabelInfo
from exolabel.rules.patterns import number_near, phrase_pattern
from exolabel.scanner import Scanner


def test_a_phrase_pattern_is_the_alternation_written_out() -> None:
    p = phrase_pattern(["exosome", "Stem Cell", " "])
    assert "_text" not in p.__dict__  # nothing made yet
    written = r"(?<![\w-])(?:stem\ cell|exosome)(?![\w-])"
    assert p.pattern == written and p.flags == re.compile(written, re.I).flags
    for text in ("Human Stem Cell Extract", "exosomes", "non-exosome", "EXOSOME 5%", "stem-cell"):
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in re.finditer(written, text, re.I)]
    assert p == phrase_pattern(["Stem Cell", "exosome"])


def test_a_number_near_pattern_finds_the_number() -> None:
    p = number_near(["exosome"])
    m = p.search("Exosome Shot 2000 serum")
    assert m is not None and m.group("a") == "2000"
    m = p.search("10,000 ppm exosomes")
    assert m is None  # "exosomes" is not the whole word "exosome"
    m = p.search("10,000 ppm exosome")
    assert m is not None and m.group("b") == "10,000 ppm"


def test_a_plain_list_makes_no_claim_pattern() -> None:
    scanner = Scanner()
    scanner.scan("Water, Glycerin, Human Fibroblast Conditioned Media")
    data = scanner.rule_data
    assert all("_text" not in c.pattern.__dict__ for c in data.claims)
    report = scanner.scan("Water, Glycerin", LabelInfo(product="Stem Cell Exosome Serum"))
    assert [f.rule for f in report.findings] == ["CL01", "CL01"]  # exosome, stem cell: claims with no backing
    assert all("_text" in c.pattern.__dict__ for c in data.claims)
