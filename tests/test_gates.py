"""The cheap tests in front of the mask's regular expressions never change what the mask finds.

The mask looks for its gate words in one pass (``exolabel._fast.words``), skips the header regex at colons whose text
does not end with a header word, and the cutter finds round brackets with ``str.find``: each is compared here with the
plain form it stands for (a substring test per word, the regex at every colon, every bracket in turn).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel._fast.words import WordScan
from exolabel.tokenizer import mask, panels
from exolabel.tokenizer.cut import bracket_spans

GATES = mask._GATES

# texts made of the gate words, pieces of them, header and panel words, separators and the characters case folding
# treats apart
_PIECES = [
    *GATES.words,
    "Please note", "INGREDIENTS", "Ingrédients", "Zutaten", "INCI", "İNCİ", "ıngredients", "Other", "(in each mL)",
    "Directions", "May contain", "+/-", "Aqua", "Glycerin", "Certified organic by", "87 % organic", "superstar",
    "what-it-does", "Składniki", "成分", "전성분", "ſ", "K", "(", ")", "/", ":", "：", ",", ";", ".", "|", "•", "\n",
    " ", "  ", "\t",
]  # fmt: skip
gate_text = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(alphabet="aceinorstACEINORST ()/:,\n", max_size=6)), max_size=14
).map("".join)


@settings(max_examples=400, deadline=None)
@given(gate_text)
def test_the_word_scan_finds_what_a_substring_test_per_word_finds(text: str) -> None:
    low = text.lower()
    assert GATES.found(low) == {w for w in GATES.words if w in low}


def test_a_word_scan_finds_overlapping_words_and_words_inside_others() -> None:
    scan = WordScan(["cont", "contain", "tai", "ingredient", "ingr"])
    assert scan.found("may contain: ingredients") == {"cont", "contain", "tai", "ingredient", "ingr"}
    assert scan.found("aqua, glycerin") == set()
    assert scan.has("contenir")("cont") and not scan.has("contenir")("contain")


class _Recorder:
    """A ``has`` that answers ``answer`` and remembers every word it was asked about."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: set[str] = set()

    def __call__(self, word: str) -> bool:
        self.asked.add(word)
        return self.answer


def test_every_word_a_gate_asks_about_is_one_the_scan_looks_for() -> None:
    """Asked with every answer yes and every answer no, so both sides of each "and" and "or" are reached."""
    asked: set[str] = set()
    texts = ["Aqua\nGlycerin | x", "Aqua: Glycerin 5%", "Aqua, Glycerin"]
    for answer in (False, True):
        for t in texts:
            low = t.lower()
            for gate in (
                lambda h, t=t, low=low: panels.may_hold_disclaimer(t, low, h),
                lambda h, t=t, low=low: mask._needs_mask(t.replace(":", "").replace("\n", " "), low, h),
                lambda h, low=low: mask._marker_word(low, h),
                lambda h, t=t: panels.table_spans(t, h),
                lambda h, t=t, low=low: panels.inline_table_spans(t.replace("\n", " "), low, h),
                lambda h, t=t: mask._headers(t, [], h),
                lambda h, t=t: panels.panel_starts(t, h),
            ):
                rec = _Recorder(answer)
                gate(rec)
                asked |= rec.asked
    assert asked, "no gate asked anything: the recorder is not reached"
    assert asked <= set(GATES.words), sorted(asked - set(GATES.words))


@settings(max_examples=400, deadline=None)
@given(gate_text)
def test_the_gates_answer_the_same_with_the_scan_as_with_a_substring_test_per_word(text: str) -> None:
    low = text.lower()
    has = GATES.has(low)
    assert panels.may_hold_disclaimer(text, low, has) == panels.may_hold_disclaimer(text, low)
    assert mask._needs_mask(text, low, has) == mask._needs_mask(text, low)
    assert mask._marker_word(low, has) == mask._marker_word(low)
    assert panels.table_spans(text, has) == panels.table_spans(text)
    if "\n" not in text:
        assert panels.inline_table_spans(text, low, has) == panels.inline_table_spans(text, low)


# every header word HEADER_TAIL_RE and HEADER_LINE_RE know, spelled out, with their qualifiers and "list"
_HEADER_WORDS = [
    "Ingredients", "ingredient", "Ingrédients", "INGRÉDIENT", "INCI", "Composition", "Zutaten", "Inhaltsstoffe",
    "Ingredientes", "Ingredienti", "Składniki", "SKLADNIKI", "Ingrediënten", "ingredienten", "成分", "全成分", "전성분",
    "成份", "İNCİ", "Other",
]  # fmt: skip
header_phrase = st.tuples(
    st.sampled_from(["", "Full ", "complete ", "KEY ", "Active ", "inactive ", "Other ", "non-active ", "Non active "]),
    st.lists(st.sampled_from(_HEADER_WORDS), min_size=1, max_size=3).map(" / ".join),
    st.sampled_from(["", " list", " List", " (in each mL)", " (per 100 g)"]),
    st.sampled_from([":", " :", "：", "\n", "", " \n"]),
).map("".join)
header_text = st.lists(
    st.one_of(header_phrase, st.sampled_from(["Aqua, ", "Glycerin\n", "Parfum. ", "May contain (+/-): ", " "])),
    max_size=5,
).map("".join)


# spellings PANEL_RE reads that _PANEL_NAMES does not spell out (its letter choices, mixed)
_MIXED = ["Conservaçao", "Conservacão", "Precauçoes", "Precaucões", "Precauciónes"]


@pytest.mark.parametrize("name", [*panels._PANEL_NAMES, *_MIXED])
def test_every_panel_heading_on_its_own_line_is_found_with_the_scan(name: str) -> None:
    for text in (f"Aqua, Glycerin\n{name}\nApply daily.", f"Aqua\n  {name.upper()}:\nApply", f"Aqua\n{name}"):
        found = panels.panel_starts(text, GATES.has(text.lower()))
        assert found == panels.panel_starts(text) and found, text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*panels._PANEL_NAMES, "Aqua", "\n", " ", ":", "İ", "Conservaçao", "Precauçoes"])))
def test_the_panel_gate_never_misses_a_panel(parts: list[str]) -> None:
    text = "".join(parts)
    assert panels.panel_starts(text, GATES.has(text.lower())) == panels.panel_starts(text)


def _reference_headers(t: str) -> list[tuple[int, int]]:
    """The header spans as found before the gates: the tail regex at every colon, the line regex on every line of a
    text of several lines, and at every line's start before a capitalised name and a list separator."""
    spans = []
    for colon in (":", "："):
        for m in re.finditer(re.escape(colon), t):
            p = m.start()
            h = mask.HEADER_TAIL_RE.search(t, max(0, p - 90), p)
            if h is not None:
                spans.append((h.start(), p + 1))
    pos = 0
    for line in t.split("\n"):
        if "\n" in t and len(line) < 60 and mask.HEADER_LINE_RE.fullmatch(line):
            spans.append((pos, pos + len(line)))
        elif (h := mask.HEADER_LINE_RE.match(line)) is not None and (", " in line or ";" in line):
            # (matched in the line from the header's end, so the look-behind sees the blank the header ended with)
            inline = re.compile(r"[ \t]*(?<=[ \t])[A-Z0-9](?:[^\n,;:.]|\.(?![ \t]))*[,;]").match(line, h.end())
            if inline is not None and inline.end() - h.end() <= 80 and not any(a == pos for a, _ in spans):
                spans.append((pos, pos + h.end()))  # before a capitalised name and a separator, no colon header
        pos += len(line) + 1
    return sorted(spans)


@settings(max_examples=600, deadline=None)
@given(st.one_of(gate_text, header_text))
def test_the_header_gates_never_miss_a_header(text: str) -> None:
    assert mask._headers(text, [], GATES.has(text.lower())) == _reference_headers(text)
    assert mask._headers(text, []) == _reference_headers(text)


@pytest.mark.parametrize("word", _HEADER_WORDS)
@pytest.mark.parametrize(
    "form", ["{}\nAqua, Glycerin", "Aqua\n  {} \nGlycerin", "{} : Aqua", "Net wt. 50 g. {}: Aqua", "Aqua, {} (1 mL):"]
)
def test_every_header_word_is_found_on_its_own_line_and_before_a_colon(word: str, form: str) -> None:
    text = form.format(word)
    found = mask._headers(text, [], GATES.has(text.lower()))
    assert found == _reference_headers(text)
    # "Other" is a header right before a colon only
    assert found or (word == "Other" and ("\n" in form or "(" in form)), text


def test_header_start_skips_colons_no_header_ends_at() -> None:
    t = "Aqua, Glycerin, May contain (+/-): CI 77891, Parfum, Full Ingredients List (per 100 g):"
    first = t.index(":")
    assert mask.header_start(t, 0, first) == -1  # "May contain (+/-)": no header word
    last = len(t) - 1
    start = mask.header_start(t, 0, last)
    assert start == t.index(" Full") and mask.HEADER_TAIL_RE.search(t, start, last).start() == start + 1


def _reference_brackets(work: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, c in enumerate(work):
        if c in "([{":
            if depth == 0:
                start = i
            depth += 1
        elif c in ")]}" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    return [] if depth else spans


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab,()[]{} ", max_size=30))
def test_bracket_spans_are_every_top_level_bracket_group(work: str) -> None:
    assert bracket_spans(work) == _reference_brackets(work)


def test_holds_any_reads_the_set_the_one_pass_found() -> None:
    has = GATES.has("aqua\nstorage: cool")
    assert has.__self__ == GATES.found("aqua\nstorage: cool")  # type: ignore[attr-defined]
    assert panels.holds_any(has, frozenset({"stor"})) and not panels.holds_any(has, frozenset({"dire"}))
    assert panels.holds_any("aqua storage".__contains__, frozenset({"stor"}))


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="abcXYZ019 _-.,\té", max_size=24),
    st.frozensets(st.sampled_from(["abc", "a", "xyz", "0", "019", "a_b", "ab", "b"]), max_size=4),
)
def test_lacks_words_answers_as_the_word_regex(text: str, first: frozenset[str]) -> None:
    """The split() fast path for a text of letters, digits and spaces finds the words ``\\w+`` finds."""
    from exolabel.rules.patterns import _WORD_RE, lacks_words

    plain = text.isascii() and first.isdisjoint(_WORD_RE.findall(text.lower()))
    assert lacks_words(text, first) == plain
    assert lacks_words(text, None) is False


def test_first_words_are_made_at_first_use() -> None:
    """RuleData's word gates: first_words() of the EV phrases, of every claim phrase and their union (None when one
    phrase starts with no word it can test), made only when a label has text a claim rule reads."""
    from exolabel.model import LabelInfo
    from exolabel.rules.patterns import FirstWords
    from exolabel.scanner import Scanner

    words = FirstWords(["Exosome", "plant exosomes"], ["stem cell", "Exosome", " vegan "])
    assert vars(words).keys() == {"_phrases"}
    assert words.either == {"exosome", "plant", "stem", "vegan"}
    assert (words.ev, words.claim) == ({"exosome", "plant"}, {"stem", "exosome", "vegan"})
    assert FirstWords(["ıtem"], ["vegan"]).either is None  # a dotless i matches an ASCII "i" under IGNORECASE
    scanner = Scanner()
    scanner.scan("Water, Glycerin, Niacinamide")
    gates = scanner._rule_data.first_words
    assert vars(gates).keys() == {"_phrases"}
    report = scanner.scan("Water, Glycerin, Niacinamide", LabelInfo(product="Exosome Serum 2000"))
    assert "CL01" in {f.rule for f in report.findings} and "either" in vars(gates)


def test_the_mask_gate_holds_the_dailymed_table_words() -> None:
    """The mask asks its one-pass word scan about "unii" before importing spl.py (only a DailyMed page needs it)."""
    from exolabel.tokenizer import spl

    assert set(spl.GATE_WORDS) <= set(mask._GATES.words)
