"""PhraseIndex answers what a whole-word regex alternation would, without compiling one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.lexicon.words import PhraseIndex

PHRASES = [
    "stem cell",
    "stem cells",
    "cell",
    "umbilical cord",
    "sh-oligopeptide",
    "exosome",
    "exosome-like",
    "conditioned media",
    "media",
]
WORDS = [
    "stem",
    "cell",
    "cells",
    "umbilical",
    "cord",
    "sh-oligopeptide-1",
    "sh-oligopeptide",
    "sh-oligopeptide-1-amide",
    "exosome",
    "exosome-like",
    "non-exosome",
    "conditioned",
    "media",
    "human",
    "1,2-hexanediol",
    "x",
]


def regex_search(key: str) -> tuple[int, int] | None:
    alts = sorted((re.escape(p) for p in PHRASES), key=len, reverse=True)
    m = re.search(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", key)
    return (m.start(), m.end()) if m else None


def test_examples() -> None:
    idx = PhraseIndex(PHRASES)
    m = idx.search("human umbilical cord stem cell conditioned media")
    assert m is not None and (m.group(), m.start()) == ("umbilical cord", 6)
    assert idx.search("barley sh-oligopeptide-1").group() == "sh-oligopeptide"
    # a phrase ends at any hyphen of its last word, not only at the last one
    assert idx.search("sh-oligopeptide-1-amide").group() == "sh-oligopeptide"
    assert idx.search("non-exosome cream") is None
    assert idx.search("exosome-like vesicles").group() == "exosome-like"
    assert PhraseIndex([]).search("anything") is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=7),
    st.lists(st.sampled_from([" ", "/", " / "]), min_size=7, max_size=7),
)
def test_same_answer_as_a_regex(words: list[str], seps: list[str]) -> None:
    key = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=False))
    m = PhraseIndex(PHRASES).search(key)
    assert ((m.start(), m.end()) if m else None) == regex_search(key)


def test_an_index_is_built_at_its_first_search_and_preload_builds_them_all() -> None:
    """The lexicon makes one index per cue and head-noun pattern; a scan of known names searches them only through
    the lexicon's combined groups, so their own indexes stay unbuilt; the matcher's preload (a batch parent, before
    it forks) builds every one."""
    from exolabel.scanner import Scanner

    scanner = Scanner()
    scanner.scan("Water, Glycerin, Human Fibroblast Conditioned Media")
    cues = [c.pattern for c in scanner.lexicon.cues]
    assert sum(ix._built is None for ix in cues) > len(cues) // 2
    index = PhraseIndex(PHRASES)
    assert index._built is None
    assert index.search("human stem cells").group() == "stem cells" and index._built is not None
    scanner.matcher.preload()
    assert all(ix._built is not None for ix in (*cues, *(h.pattern for h in scanner.lexicon.heads)))
