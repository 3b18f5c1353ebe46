"""PhraseGroups.first answers what searching each group's PhraseIndex in order answers (one walk instead of one
search per group): checked on the lexicon's own head-noun groups and on random keys built from their words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.lexicon import load_lexicon
from exolabel.lexicon.words import PhraseGroups, PhraseIndex, key_words

LEX = load_lexicon()
GROUPS = [sorted(h.pattern.phrases) for h in LEX.heads]
CUES = [sorted(c.pattern.phrases) for c in LEX.cues]
WORDS = sorted({w for g in GROUPS + CUES for p in g for w in p.replace("-", " - ").split()})


def _in_order(indexes: list[PhraseIndex], key: str) -> tuple[int, tuple[int, int, str]] | None:
    for g, ix in enumerate(indexes):
        m = ix.search(key)
        if m is not None:
            return g, (m.start(), m.end(), m.group())
    return None


def _first(groups: PhraseGroups, key: str) -> tuple[int, tuple[int, int, str]] | None:
    found = groups.first(key, key_words(key))
    return None if found is None else (found[0], (found[1].start(), found[1].end(), found[1].group()))


piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(["rosa", "human", "non", "1", "sh", "extract", "cell"]))
joint = st.sampled_from([" ", " ", " ", "-", "/", "  ", ", "])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(piece, joint), min_size=1, max_size=9))
def test_one_walk_finds_what_the_groups_find_in_order(parts: list[tuple[str, str]]) -> None:
    key = "".join(w + j for w, j in parts).strip(" ,/-")
    assert _first(PhraseGroups(GROUPS), key) == _in_order([PhraseIndex(g) for g in GROUPS], key)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["a", "a b", "b", "b c", "sh-a", "c-d", "a b c"]), max_size=4), max_size=5),
    st.lists(st.sampled_from(["a", "b", "c", "d", "sh", "x"]), max_size=8),
    st.sampled_from([" ", "-", " - "]),
)
def test_small_groups(groups: list[list[str]], words: list[str], sep: str) -> None:
    key = sep.join(words)
    assert _first(PhraseGroups(groups), key) == _in_order([PhraseIndex(g) for g in groups], key)


def test_the_lexicon_heads_read_a_callus_extract() -> None:
    found = LEX.head_groups.first("centella asiatica callus culture extract")
    assert found is not None
    assert "callus" in found[1].group()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(piece, joint), min_size=1, max_size=9))
def test_every_group_finds_what_its_index_finds(parts: list[tuple[str, str]]) -> None:
    key = "".join(w + j for w, j in parts).strip(" ,/-")
    cues = CUES + GROUPS
    every = PhraseGroups(cues).every(key)
    for g, phrases in enumerate(cues):
        m, e = PhraseIndex(phrases).search(key), every.get(g)
        assert (m and (m.start(), m.end(), m.group())) == (e and (e.start(), e.end(), e.group()))
