"""Find the ingredient section among the text of a photo and turn it into ingredient text with word confidences.

The section starts after an ingredient heading (``data/sections.yaml``: "Ingredients", "INCI", "Ingrédients",
"Inhaltsstoffe", "전성분"...) at the start of a row, and ends at the next panel's heading ("Directions",
"Warnings", "Mode d'emploi", "주의사항"...), or at a row without list separators after a row that ended with a
full stop (a warning under the list), or at the end of its block unless the last row stops mid-list (a trailing
comma or hyphen: the list goes on in the next block or column). Without any heading, the most
list-like block (the most commas) is taken. Headings are matched ignoring case, accents, spaces and the OCR
confusions l/I/1/| and O/0.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from exolabel.datafiles.load import LINE_KEY, Checker, load_yaml
from exolabel.photo.layout import Block, Row

DATA = Path(__file__).with_name("data") / "sections.yaml"
LOW_CONFIDENCE = 0.8  # words the engine read with less confidence than this are marked for the user to check
_CONFUSIONS = str.maketrans({"1": "i", "l": "i", "|": "i", "!": "i", "0": "o", "ı": "i"})
_LEAD = " \t-•*·.:;,|>»"


@dataclass(frozen=True)
class Headings:
    ingredients: tuple[str, ...]  # normalized, longest first
    next_panel: tuple[str, ...]


@dataclass(frozen=True)
class Word:
    """A word of the section text: its span in that text and the engine's confidence."""

    text: str
    confidence: float
    span: tuple[int, int]


@dataclass(frozen=True)
class Section:
    """The ingredient text cut out of a photo. ``heading`` is the heading as read (None: no heading found, the
    most list-like block was taken); ``words`` carry the engine's confidence, with spans into ``text``."""

    text: str
    heading: str | None
    words: tuple[Word, ...]

    @property
    def doubtful(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if w.confidence < LOW_CONFIDENCE)


def _norm_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return base.casefold().translate(_CONFUSIONS)


def normalize(text: str) -> tuple[str, list[int]]:
    """``text`` folded for heading matching (no spaces, case, accents or l/I/1, O/0 confusions) and, for each
    folded character, the index of the raw character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "-_'’":
            continue
        for c in _norm_char(ch):
            out.append(c)
            where.append(i)
    return "".join(out), where


def _entries(chk: Checker, doc: dict[str, Any], key: str, sources: dict[str, Any]) -> tuple[str, ...]:
    found = []
    for item in doc.get(key) or []:
        if not isinstance(item, dict):
            chk.add(None, None, f"'{key}' items must be mappings", "write {text: ..., lang: ..., source: ...}")
            continue
        chk.keys(item, ("text", "lang", "source"), ("text", "lang", "source"), str(item.get("text")))
        if item.get("source") not in sources:
            chk.add(
                item.get(LINE_KEY),
                str(item.get("text")),
                f"unknown source '{item.get('source')}'",
                "use an id defined under 'sources'",
            )
        if isinstance(item.get("text"), str) and item["text"].strip():
            found.append(normalize(item["text"])[0])
    return tuple(sorted(set(found), key=lambda s: (-len(s), s)))


@cache
def load_headings(path: Path = DATA) -> Headings:
    doc = load_yaml(path)
    chk = Checker(str(path))
    if not isinstance(doc, dict):
        chk.add(None, None, "not a mapping", "write 'schema', 'sources', 'ingredients' and 'next_panel'")
        chk.raise_if_any()
    chk.keys(doc, ("schema", "sources", "ingredients", "next_panel"), ("schema", "sources", "ingredients"), None)
    sources = doc.get("sources") if isinstance(doc.get("sources"), dict) else {}
    result = Headings(_entries(chk, doc, "ingredients", sources), _entries(chk, doc, "next_panel", sources))
    chk.raise_if_any()
    return result


def _heading_end(text: str, words: tuple[str, ...], anywhere: bool) -> int | None:
    """If a heading opens ``text`` (after bullets), the raw index where it and its colon end."""
    span = _heading_span(text, words, anywhere)
    return None if span is None else span[1]


def _heading_span(text: str, words: tuple[str, ...], anywhere: bool) -> tuple[int, int] | None:
    """If a heading opens ``text`` (after bullets), or with ``anywhere`` follows a full stop, a bar or a bracket in
    it, the raw indices where the heading starts and where it and its colon end. Linear in the row: the row is
    folded once and candidate starts are found through the folded-to-raw index map."""
    folded, where = normalize(text)
    starts = [0]
    if anywhere:  # "... 50 mL. INGREDIENTS: Water": a heading after a full stop or a bar, with its colon
        starts += [bisect_right(where, i) for i, ch in enumerate(text) if ch in ".|)"]
    for start in starts:
        while start < len(folded) and folded[start] in _LEAD:
            start += 1
        for w in words:
            if not folded.startswith(w, start):
                continue
            end = where[start + len(w) - 1] + 1
            if text[end : end + 1].isalpha() and w.isascii():
                continue  # "Ingredientsfoo", "Users", "Lotus": a longer word, not the heading
            if start and not text[end:].lstrip().startswith(":"):
                continue
            while end < len(text) and (text[end].isspace() or text[end] in ":/"):
                end += 1
            return where[start], end
    return None


def _is_panel(row: Row, headings: Headings) -> bool:
    end = _heading_end(row.text, headings.next_panel, anywhere=False)
    return end is not None


def _separators(text: str) -> int:
    """How many list separators a row holds: commas, semicolons, and the bullets some labels use instead."""
    return sum(text.count(sep) for sep in ",;·•")


def _continues(text: str) -> bool:
    return text.rstrip().endswith((",", "-", "/", "(", "&"))


def _after_the_list(last: str, row: str) -> bool:
    """Whether ``row`` comes after the list rather than in it: the row before it ended the list with a full stop
    and ``row`` has no list separator ("... Sodium Hydroxide." then "Do not use if you are allergic...")."""
    return last.rstrip().endswith(".") and not _separators(row)


def _closing_stop(text: str) -> int | None:
    """Where a comma list ends when sentences follow its last name in the same row ("..., Aroma Koffein. Enthält
    eine Phenylalaninquelle."): the index just after the first full stop after the last list separator that is
    followed by a capitalized word and then by at least two words without any separator, and not inside brackets
    that close after it ("(Vit. E Acetate)" stays). None: nothing to cut."""
    last_sep = max(text.rfind(sep) for sep in ",;·•")
    if last_sep < 0:
        return None
    at = text.find(". ", last_sep)
    while at >= 0:
        rest = text[at + 1 :].strip()
        inside = text.count("(", 0, at) > text.count(")", 0, at) and ")" in text[at:]
        if not inside and rest[:1].isupper() and len(rest.split()) >= 2 and not _separators(rest):
            return at + 1
        at = text.find(". ", at + 1)
    return None


def _next_part(blocks: tuple[Block, ...], after: int, last: str, headings: Headings) -> int | None:
    """The block where a list cut at the end of block ``after`` goes on, or None.

    A list that ended with a full stop is complete. Otherwise it goes on in the next block if that starts without
    a heading and holds commas (or the list stopped mid-name, on a comma or a hyphen), or in a later such block
    that stands beside it (a second column, starting above the first one's end); short blocks without commas in
    between (a lot number, a volume, a short panel) are stepped over."""
    if last.rstrip().endswith("."):
        return None
    bottom = blocks[after].rows[-1].box.y1
    for j in range(after + 1, len(blocks)):
        rows = blocks[j].rows
        first = rows[0]
        if _heading_end(first.text, headings.ingredients, anywhere=False) is not None:
            return None
        headed = _is_panel(first, headings)
        if not headed and ("," in first.text or _continues(last)) and (j == after + 1 or first.box.y0 < bottom):
            return j
        if len(rows) > 2 or any("," in r.text for r in rows):
            return None
    return None


def _word_spans(row_text: str, offset: int, row: Row) -> list[Word]:
    out = []
    cursor = 0
    for w in row.words:
        at = row_text.find(w.text, cursor)
        if at < 0:
            continue
        out.append(Word(w.text, w.confidence, (offset + at, offset + at + len(w.text))))
        cursor = at + len(w.text)
    if not row.words and row_text.strip():  # an engine without word results: the row is one word
        out.append(Word(row_text.strip(), row.confidence, (offset, offset + len(row_text))))
    return out


class _Builder:
    """Joins rows into ingredient text: hyphenated line ends are rejoined, and a comma list's rows are joined
    with spaces (a name wrapped over two lines is one name), otherwise with line breaks."""

    def __init__(self, comma_list: bool) -> None:
        self.parts: list[str] = []
        self.words: list[Word] = []
        self.length = 0
        self.comma_list = comma_list

    def add(self, row: Row, start: int = 0) -> None:
        text = row.text[start:].strip()
        if not text:
            return
        lead = len(row.text[start:]) - len(row.text[start:].lstrip())
        sep = ""
        if self.parts:
            prev = self.parts[-1].rstrip()
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and text[:1].isalpha():
                if text[:1].islower():  # "Hya-" + "luronate": a word split by hyphenation
                    self.parts[-1] = prev[:-1]
                    self.length -= 1
            else:
                sep = " " if self.comma_list else "\n"
        self.parts.append(sep)
        self.length += len(sep)
        row_words = _word_spans(row.text, self.length - start - lead, row)
        self.words.extend(w for w in row_words if w.span[0] >= self.length)
        self.parts.append(text)
        self.length += len(text)

    def cut(self, end: int) -> None:
        """Keep the first ``end`` characters of the text (and the words within them)."""
        text = self.text[:end]
        self.parts, self.length = [text], len(text)
        self.words = [w for w in self.words if w.span[1] <= end]

    @property
    def text(self) -> str:
        return "".join(self.parts)


def find_section(blocks: tuple[Block, ...], headings: Headings | None = None) -> Section:
    """The ingredient section of a photo's blocks (see the module doc)."""
    headings = headings or load_headings()
    picked: list[tuple[Row, int]] = []
    heading: str | None = None
    b, r = 0, 0
    while b < len(blocks):
        if r >= len(blocks[b].rows):
            b, r = b + 1, 0
            continue
        row = blocks[b].rows[r]
        span = _heading_span(row.text, headings.ingredients, anywhere=True)
        if span is None:
            r += 1
            continue
        begin, end = span
        while (more := _heading_end(row.text[end:], headings.ingredients, anywhere=False)) is not None:
            end += more  # "INGREDIENTS/INGRÉDIENTS:": a heading in two languages
        if heading is None:
            heading = row.text[begin:end].strip(" :/")  # the heading as read, without the text before it
        picked.append((row, end))
        r += 1
        while True:
            if r >= len(blocks[b].rows):
                nxt = _next_part(blocks, b, picked[-1][0].text, headings)
                if nxt is None:
                    b, r = b + 1, 0
                    break
                b, r = nxt, 0
            nrow = blocks[b].rows[r]
            if _is_panel(nrow, headings) or _heading_end(nrow.text, headings.ingredients, anywhere=False) is not None:
                break
            if _after_the_list(picked[-1][0].text, nrow.text):
                break
            picked.append((nrow, 0))
            r += 1
    if not picked:
        best = max(blocks, key=lambda blk: sum(r.text.count(",") for r in blk.rows), default=None)
        if best is not None and sum(r.text.count(",") for r in best.rows) >= 2:
            for row in best.rows:
                if picked and _after_the_list(picked[-1][0].text, row.text):
                    break
                picked.append((row, 0))
    comma_list = sum(_separators(r.text) for r, _ in picked) >= max(2, len(picked) // 2)
    builder = _Builder(comma_list)
    for row, start in picked:
        builder.add(row, start)
    if comma_list and (end := _closing_stop(builder.text)) is not None:
        builder.cut(end)
    return Section(builder.text, heading, tuple(builder.words))


def full_text(blocks: tuple[Block, ...]) -> str:
    """Every row of the photo in reading order; blocks separated by a blank line."""
    return "\n\n".join("\n".join(r.text for r in blk.rows) for blk in blocks)
