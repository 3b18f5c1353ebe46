"""Free-from claims printed around an ingredient list, found so the mask can blank them.

"No parabens, sulfates, mineral oil or synthetic fragrance.", "Free from: parabens, silicones", "Sans parabène.",
"Sin parabenos", "Parabenfrei", "0% alcohol": sentences that say what a product does not contain. Their words are
data (``data/free_from.csv``: a phrase, how it stands in the claim, its language and sources), read at the first
label that may hold one.

The statements a label prints before or after its list ("Made in France.", "Dist. by ...", "Lot 2041", "Net wt.
50 g", "Fabriqué en France", "Hergestellt in Deutschland") are read the same way, from ``data/statements.csv``: each
is a sentence that starts with one of its phrases.

A claim is a sentence that starts the text, a line or a sentence (after ". ", "! " or "? "; spaces and a bullet
before it do not count) and either starts with a claim phrase as whole words ("no", "free from", "sans", "sin",
"ohne", "senza", "sem", "0%", "made in"...) or whose first phrase (up to a comma or semicolon) ends with a claim
word ("paraben-free", "cruelty free", "parabenfrei"). It runs to the end of its sentence (a full stop, "!" or "?"
before a space or the end, after the phrase: "Dist. by") or its line, whichever comes first (the mask also ends it
at the next ingredient header). Given the vocabulary, it also ends before its first item (after its first phrase,
between commas or semicolons) that is a known ingredient name and no substance free-from claims name (the ``item``
rows: "alcohol", "fragrance", "mineral oil"): "Free from parabens, Aqua, Glycerin" keeps Aqua and Glycerin. No
CosIng INCI name starts with a claim phrase or ends with a claim word (tests/test_claims.py checks every name), so a
list of names one a line never reads as claims. Pure; offsets are those of the prepared text.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.tokenizer.names import normalize_key

DATA = Path(__file__).with_name("data") / "free_from.csv"
STATEMENTS = Path(__file__).with_name("data") / "statements.csv"  # "made in", "dist. by", "lot": kind "starts" only
KINDS = ("starts", "ends", "ends-glued", "item")
_COLUMNS = ["phrase", "kind", "lang", "source"]
_SENTENCE_END_RE = lazy_pattern(r"[.!?](?=\s|$)")
_MAX_PIECE = 80  # a claim's first phrase is short: longer pieces are not tried for a claim word at their end
PROBE_END = _MAX_PIECE + 1  # how far into a text its first phrase can reach


class ClaimWords(NamedTuple):
    """The claim phrases of ``free_from.csv``, lower-cased."""

    starts: tuple[str, ...]  # a claim sentence starts with one of these, as whole words (longest first)
    ends: tuple[str, ...]  # its first phrase ends with one of these, as a word or after a hyphen
    glued: tuple[str, ...]  # ... or glued to the word before it
    heads: dict[str, tuple[str, ...]]  # first two characters of a ``starts`` phrase -> those phrases (longest first)
    endings: tuple[str, ...]  # ``ends`` and ``glued`` together (one str.endswith before the word tests)
    probe: re.Pattern[str]  # the first three letters of every ending ("fre"): a text without them has none
    openers: tuple[tuple[str, re.Pattern[str]], ...]  # (mark, a line break or ". " "! " "? " before a claim phrase)
    items: tuple[str, ...]  # substances claims name that are known ingredient names too ("alcohol", "fragrance")


class ClaimRow(NamedTuple):
    """One line of ``free_from.csv``."""

    line: int
    phrase: str
    kind: str
    lang: str
    sources: tuple[str, ...]


def read_rows(path: Path = DATA, kinds: tuple[str, ...] = KINDS) -> list[ClaimRow]:
    """The rows of a claim-words file, validated (``kinds``: the kinds it may use); raises ValueError listing every
    problem (line: what, fix)."""
    text = path.read_text(encoding="utf-8")
    numbered = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and line[0] != "#"]
    if not numbered or _cells(numbered[0][1]) != _COLUMNS:
        raise ValueError(f"{path}: no header line; start with {','.join(_COLUMNS)}")
    problems: list[str] = []
    rows: list[ClaimRow] = []
    for line, text in numbered[1:]:
        cells = _cells(text)
        if len(cells) != len(_COLUMNS):
            problems.append(f"{path}:{line}: {len(cells)} fields; give {','.join(_COLUMNS)}")
            continue
        phrase, kind, lang, source = (c.strip() for c in cells)
        sources = tuple(s for s in source.split("|") if s)
        if not phrase or phrase != phrase.lower():
            problems.append(f"{path}:{line}: '{phrase}' is not a lower-case phrase; write it in lower case")
        if kind not in kinds:
            problems.append(f"{path}:{line}: unknown kind '{kind}'; use one of {', '.join(kinds)}")
        if not sources or not all(s.startswith("https://") for s in sources):
            problems.append(f"{path}:{line}: '{phrase}' has no source; give the https:// address of a page")
        rows.append(ClaimRow(line, phrase, kind, lang, sources))
    if problems:
        raise ValueError("\n".join(problems))
    return rows


def _cells(line: str) -> list[str]:
    """The fields of one CSV line as ``csv.reader`` gives them: a line without a quote character (or a NUL, which
    the reader refuses) is its comma split, so the files without quoted fields never import ``csv``."""
    if '"' not in line and "\0" not in line:
        return line.split(",")
    import csv

    return next(csv.reader([line]), [])


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The built-in claim words and statements (read once per process)."""
    rows = read_rows() + read_rows(STATEMENTS, kinds=("starts",))
    starts = tuple(sorted((r.phrase for r in rows if r.kind == "starts"), key=len, reverse=True))
    ends = tuple(r.phrase for r in rows if r.kind == "ends")
    glued = tuple(r.phrase for r in rows if r.kind == "ends-glued")
    probe = lazy_pattern("|".join(re.escape(p) for p in sorted({w[:3] for w in ends + glued})) or "(?!)")
    phrase = "(?:" + "|".join(re.escape(p) for p in starts) + ")"
    # each opener starts with a literal, so re skips to its next occurrence in C instead of trying every position;
    # compiled at its first search (a text without its mark never searches with it)
    openers = tuple(
        (lead[0], lazy_pattern(re.escape(lead) + r"[ \t•·]*(?=" + phrase + ")")) for lead in ("\n", ". ", "! ", "? ")
    )
    heads: dict[str, tuple[str, ...]] = {}
    for p in starts:  # longest first within each head, as in ``starts``
        heads[p[:2]] = (*heads.get(p[:2], ()), p)
    items = tuple(r.phrase for r in rows if r.kind == "item")
    return ClaimWords(starts, ends, glued, heads, ends + glued, probe, openers, items)


def claim_spans(t: str, low: str, known: Callable[[str], str | None] | None = None) -> list[tuple[int, int]]:
    """The (start, end) spans of the free-from claims and statements in the prepared text ``t``; ``low`` is
    ``t.lower()``; ``known``: the vocabulary (a normalized key -> its canonical name, or None), which ends a claim
    before a known ingredient name. (The mask ends a claim at the next ingredient header too.)

    Runs on every label, so a text of one sentence and one line is looked at only where a claim can be: its start,
    when its first two letters open a claim phrase or its first phrase holds the first letters of a claim word
    ("fre": "free", "frei"). The other places (line and sentence starts) are tried when the text has a line break
    or a full stop."""
    words = claim_words()
    if "\n" not in t and "." not in t:
        if may_open(low, words):
            e = _claim_at(t, low, 0, words, True)
            if e is not None:
                lead = _lead(t, 0)
                return [(lead, e if known is None else _items_end(t, lead, e, known, words))]
        return []
    if len(low) != len(t):  # "İ" lower-cases to two characters: keep one per character, so offsets agree
        low = "".join(ch.lower()[:1] for ch in t)
    ending = words.probe.search(low) is not None
    if ending:  # a claim word somewhere ("fre"): every sentence start is tried
        starts = _sentence_starts(t)
    else:  # only where a claim phrase opens a sentence, found by searches that start with a literal (fast in re)
        starts = [0] if low[:2] in words.heads or low[:1] in " \t•·" else []
        for mark, opener in words.openers:
            if mark in low:  # (a memchr: most texts have no "!" or "?", many no line break)
                starts.extend(m.end() for m in opener.finditer(low))
        starts.sort()
    spans: list[tuple[int, int]] = []
    end = -1
    for s in starts:
        if s >= end:  # not inside the claim before
            e = _claim_at(t, low, s, words, ending)
            if e is not None:
                a = s + _lead(t, s)
                spans.append((a, e if known is None else _items_end(t, a, e, known, words)))
                end = e
    return spans


def may_open(low: str, words: ClaimWords) -> bool:
    """Can a claim start at the start of the one-line, one-sentence text ``low`` (lower-cased)? Its first two
    letters open a claim phrase, or its first phrase holds the first letters of a claim word."""
    return low[:2] in words.heads or words.probe.search(low, 0, PROBE_END) is not None


def _lead(t: str, s: int) -> int:
    """How many spaces and bullets stand before the claim at ``s``."""
    i = s
    while i < len(t) and t[i] in " \t•·":
        i += 1
    return i - s


def _sentence_starts(t: str) -> list[int]:
    """Where the text, its lines and its sentences (after a full stop, "!" or "?" and a space) start, sorted.
    One-character searches: the two-character ones cost more."""
    found = [0]
    p = t.find("\n")
    while p != -1:
        found.append(p + 1)
        p = t.find("\n", p + 1)
    for mark in (".", "!", "?"):
        p = t.find(mark)
        while p != -1:
            if t[p + 1 : p + 2] == " ":
                found.append(p + 2)
            p = t.find(mark, p + 1)
    found.sort()
    return found


def _claim_at(t: str, low: str, s: int, words: ClaimWords, ending: bool) -> int | None:
    """Where the claim that starts at ``s`` (spaces and a bullet before it do not count) ends, or None when no claim
    starts there; ``ending``: whether the text may hold a claim word at a phrase's end (else only the phrases that
    open a claim are tried)."""
    n = len(t)
    while s < n and t[s] in " \t•·":
        s += 1
    for p in words.heads.get(low[s : s + 2], ()):
        e = s + len(p)
        if low.startswith(p, s) and (e == n or low[e] in " \t:："):
            return _sentence_end(t, e)  # after the phrase: its own full stop ("Dist. by") ends nothing
        if " " in p and low.startswith(p, s) and low[e : e + 1] == "\n" and e + 1 < n and t[e + 1] not in " \t\n":
            # "Made in\nFrance": a phrase of two words or more that ends its line goes on to the next ("No" alone
            # on a line may be a table's cell)
            return _sentence_end(t, e + 1)
    if not ending:
        return None
    # the first phrase: up to a comma, a semicolon, a line break or a full stop, whichever comes first
    stop = s + _MAX_PIECE + 1
    c = low.find(",", s, stop)
    piece = low[s : stop if c == -1 else c]
    if "\n" in piece or ";" in piece or ". " in piece:
        for sep in ("\n", ";", ". "):
            i = piece.find(sep)
            if i != -1:
                piece = piece[:i]
    if len(piece) > _MAX_PIECE:
        return None
    piece = piece.rstrip(" \t.!?:")
    if piece.endswith(words.endings) and (
        any(_ends_with(piece, w, glued=False) for w in words.ends)
        or any(_ends_with(piece, w, glued=True) for w in words.glued)
    ):
        return _sentence_end(t, s)
    return None


def _items_end(t: str, s: int, e: int, known: Callable[[str], str | None], words: ClaimWords) -> int:
    """Where the claim ``t[s:e]`` ends given the vocabulary: at the separator before its first item (after its first
    phrase) that is a known ingredient name and no substance claims name (``words.items``), or at ``e``."""
    p = _next_separator(t, s, e)
    items: set[str] | None = None
    while p < e:
        q = _next_separator(t, p + 1, e)
        item = t[p + 1 : q].strip(" \t.!?")
        if item and item[0].isalpha():
            name = known(normalize_key(item))
            if name is not None:
                if items is None:  # asked only once a claim holds a known name (rare)
                    items = {known(normalize_key(w)) or w for w in words.items}
                if name not in items:
                    return p
        p = q
    return e


def _next_separator(t: str, a: int, e: int) -> int:
    """The first comma or semicolon in ``t[a:e]``, or ``e``."""
    c = t.find(",", a, e)
    sc = t.find(";", a, e)
    if sc != -1 and (c == -1 or sc < c):
        c = sc
    return e if c == -1 else c


def _ends_with(piece: str, word: str, glued: bool) -> bool:
    """Does ``piece`` end with ``word``: as its own word or after a hyphen, or (``glued``) at the end of a longer
    word ("parabenfrei")?"""
    if not piece.endswith(word) or len(piece) == len(word):
        return False
    before = piece[-len(word) - 1]
    return before in " -‐" or (glued and before.isalpha())


def _sentence_end(t: str, s: int) -> int:
    """The end of the sentence that starts at ``s``: after its full stop, "!" or "?", at its line break, or the end."""
    nl = t.find("\n", s)
    line_end = len(t) if nl == -1 else nl
    m = _SENTENCE_END_RE.search(t, s, line_end)
    return m.end() if m is not None else line_end
