"""Finding and blanking the non-ingredient regions of a prepared label, offsets unchanged.

Headers ("Ingredients:", "INCI:", a header alone on its line and any title before it), footnote lines ("*organic")
and may-contain markers ("May contain", "+/-") are blanked with length-preserving edits, so every offset in the
masked text is the offset in the prepared text; the spans a may-contain marker governs are returned with it.
"""

import bisect
import re
from collections.abc import Callable
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.words import WordScan
from exolabel.tokenizer import drugfacts
from exolabel.tokenizer.claims import claim_spans
from exolabel.tokenizer.panels import (
    GATE_WORDS,
    ODD_FOLDS,
    PANEL_RE,
    Has,
    disclaimer_starts,
    header_lines,
    highlight_blocks,
    highlight_text,
    inline_table_spans,
    may_hold_disclaimer,
    panel_starts,
    table_spans,
    wipe_title,
)
from exolabel.tokenizer.sections import Heading, continuing, find_headings

# The alternatives must not overlap ("ingredients?" and "ingr[ée]dients?" both matched "ingredients"): with the
# repeated "/ word" group below, two ways per word backtracked 2^n times on "ingredients/ingredients/...".
_HEADER_WORDS = (
    r"(?:(?:full|complete|key|active|inactive|other|non[- ]?active)\s+)?"
    r"(?:ingr[ée]dients?(?:\s+list)?|inci(?:\s+list)?|composition|zutaten|inhaltsstoffe|"
    r"ingredientes|ingredienti|sk[łl]adniki|ingredi[ëe]nten|成分|全成分|전성분|成份)"
)
# "Ingredients:", "INCI:", "Ingredients/Ingrédients:", "Active ingredient (in each mL):", "Other:".
# Searched only in the few characters before each colon, so long labels cost one str.find per colon.
HEADER_TAIL_RE = lazy_pattern(
    r"(?:^|(?<=[\s,.;•·|]))(?:" + _HEADER_WORDS + r"(?:\s*/\s*" + _HEADER_WORDS + r")*"
    r"(?:\s*\([^()\n]{0,40}\))?|other)\s*$",
    re.IGNORECASE,
)
# The words HEADER_TAIL_RE can end with before its colon (after an optional bracket group), lower-cased: a colon is
# searched only when the text before it ends so (tests/test_gates.py holds the two together)
_HEADER_ENDS = (
    "ingredient", "ingredients", "ingrédient", "ingrédients", "list", "inci", "composition", "zutaten", "inhaltsstoffe",
    "ingredientes", "ingredienti", "składniki", "skladniki", "ingrediënten", "ingredienten", "成分", "成份", "전성분",
    "other",
)  # fmt: skip
_HEADER_LONGEST = max(map(len, _HEADER_ENDS))
# a lower-cased text HEADER_LINE_RE matches in holds one of these (but for the folds below)
_HEADER_LINE_WORDS = ("ingr", "inci", "composition", "zutaten", "inhaltsstoffe", "adniki", "成分", "成份", "전성분")
_HEADER_SEPARATORS = ",.;•·|"
# A header alone on its line, without a colon: "INGREDIENTS" then the list on the next line.
HEADER_LINE_RE = lazy_pattern(r"(?:(?<![ \t])[ \t]+)?" + _HEADER_WORDS + r"[ \t]*", re.IGNORECASE)
# What a footnote legend says and no INCI name does (tests/test_footnotes.py checks every CosIng name against it):
# "*organic", "**made using organic ingredients", "*Ingrédients issus de l'agriculture biologique",
# "*aus kontrolliert biologischem Anbau", "*de cultivo ecológico", "*naturally occurring in essential oils", and
# "**Natural." (the word alone at the legend's end: "*Natural Flavor" stays a name).
LEGEND_WORD_RE = lazy_pattern(
    r"(?<![^\W_])(?:organic\w*|natural(?=[\s.)]*$)|certifi\w*|ingr[ée]dient\w*|ingredienti|zutaten|inhaltsstoffe?|naturally|"
    r"natural\s+origin|origin[ea]?|farming|agricultur\w*|agricoltura|grown|wild[\s-]?(?:crafted|harvested|collected)|"
    r"bio|biolog\w*|biol[óo]gic\w*|ecol[óo]gic\w*|[oö]kolog\w*|kontrolliert\w*|anbau|kba|ecocert|cosmos\s+(?:organic|"
    r"natural|standard)|cultivation|cultivo|cultiv[ée]e?s?|fair[\s-]?trade|biodynam\w*|essential\s+oils|"
    r"components?|constituents?|occurring|issus?|provenant|sustainabl\w*|sourced|made\s+(?:using|with|from)|"
    r"contained|present\s+in)(?![^\W_])",
    re.IGNORECASE,
)
# "May contain", "+/-", "[+/- CI 77891, CI 77491]", in several languages.
MAY_CONTAIN_RE = lazy_pattern(
    r"(?:may\s+contain|peut\s+contenir|kann\s+enthalten|puede\s+contener|pu[oò]\s+contenere|"
    r"pode\s+conter|kan\s+bevatte?n?|\+\s*/\s*-|\+-|±)\s*[:：]?",
    re.IGNORECASE,
)
_MAY_CONTAIN_SCAN_RE = lazy_pattern(r"(?=[mpk+\u00b1])(?:" + MAY_CONTAIN_RE.pattern + ")", re.IGNORECASE)
# "Limonene**. *organic", "Citral. *Lavandula Oil": a full stop before a star-led piece ends the ingredient before it.
INLINE_FOOTNOTE_RE = lazy_pattern(r"\.\s+(?=\*+\s*[^\W\d_])")
_LEGEND_CUT_RE = lazy_pattern(r"[,;]")  # the pieces of a legend: "*organic, **natural origin"
_SENTENCE_END_RE = lazy_pattern(r"\.(?=\s|$)")
_NOT_NL_RE = lazy_pattern(r"[^\n]")
_LETTER_RE = lazy_pattern(r"[^\W\d_]")
# what a kit heading never is: an ingredient header, a may-contain marker, a footnote legend, another panel
_NOT_HEADING_RE = lazy_pattern(
    "|".join(f"(?:{r.pattern})" for r in (HEADER_LINE_RE, MAY_CONTAIN_RE, LEGEND_WORD_RE, PANEL_RE)), re.IGNORECASE
)

# every word the gates of the mask ask ``has`` about, looked for in one pass over the lower-cased label
MASK_WORDS = (
    "ingredient", "inci", "cont", "contain", "contenir", "contener", "conter", "enthalten", "bevat",
    *_HEADER_LINE_WORDS,
)  # fmt: skip
_GATES = WordScan(GATE_WORDS + MASK_WORDS + drugfacts.GATE_WORDS + ("unii",))  # "unii": spl.GATE_WORDS (a test)


class Masked(NamedTuple):
    """A prepared label with its non-ingredient regions blanked (:func:`mask_label`)."""

    work: str  # same length and offsets as the prepared text
    may_regions: list[tuple[int, int]]  # the (merged, sorted) spans the may-contain markers govern
    headings: list[Heading]  # a kit's product headings, blanked in ``work`` (spans in the prepared text)
    highlights: tuple[str, ...] = ()  # the "Key ingredients:" blocks beside the full list, blanked (their text)


def mask_label(t: str, known: Callable[[str], str | None] | None = None) -> Masked:
    """Blank the headers, footnote lines, may-contain markers, free-from claims and statements, kit headings and a
    DailyMed table of the prepared label ``t``; ``known`` (the vocabulary: a normalized key -> its canonical name, or
    None) ends a claim before a known ingredient name."""
    may_regions: list[tuple[int, int]] = []
    headings: list[Heading] = []
    highlights: tuple[str, ...] = ()
    work = t
    low = t.lower()  # read by every gate below (the gates only look for words, so blanking never adds one)
    has = _GATES.has(low)  # ... in one pass for all their words
    if has("unii"):  # a DailyMed page: its product table (spl.py, imported for such a page only)
        from exolabel.tokenizer import spl

        if (table := spl.table_start(t)) is not None:
            return spl.with_table(t, table, mask_label(t[:table], known), HEADER_LINE_RE)
    claims = claim_spans(t, low, known)  # free-from claims ("No parabens, sulfates or mineral oil.")
    if claims or _needs_mask(t, low, has):
        edits: list[tuple[int, int, str]] = []
        header_spans = _headers(t, edits, has)
        facts = drugfacts.drug_facts(t, header_spans, edits, has)  # a US "Drug Facts" panel: adds its edits
        if facts is None and header_spans and not continuing(t[header_spans[0][0] : header_spans[0][1]]):
            wipe_title(t, header_spans[0][0], edits)  # a title before "Ingredients:" (not the list "Other ..." ends)
        header_spans = facts.headers if facts is not None else header_spans
        header_starts = [a for a, _ in header_spans]
        blocks = highlight_blocks(t, header_spans)  # "Key ingredients: ..." beside the full list
        if blocks:
            edits.extend((h.start, h.end, "blank") for h in blocks)
            highlights = tuple(filter(None, (highlight_text(t[h.head : h.end]) for h in blocks)))
        panels = _other_panels(t, header_starts, edits, low, has) + (facts.panels if facts is not None else [])
        if claims:  # "No parabens, sulfates or mineral oil.": to its sentence's end or the next ingredient header
            for a, b in claims:
                i = bisect.bisect_right(header_starts, a)
                end = header_starts[i] if i < len(header_starts) and header_starts[i] < b else b
                edits.append((a, a + 1, ","))  # a claim ends the ingredient before it ("Glycerin. Vegan")
                edits.append((a + 1, end, "blank"))
            panels = sorted(panels + [a for a, _ in claims])
        if "*" in t:
            _footnote_lines(t, sorted(header_starts + panels), edits)
        if _candidates(t, header_spans) and facts is None:  # (a Drug Facts panel is one product's)
            headings, labels, splits = find_headings(t, header_spans, sorted(panels), _NOT_HEADING_RE, known)
            for h in headings + labels:
                edits.append((h.start, h.start + 1, ","))  # a heading ends the list before it
                edits.append((h.start + 1, h.end, "blank"))
            edits.extend((c, c + 1, ",") for c in splits)  # "Aqua, Fragrance: Linalool": two ingredients
        if edits:
            work = _apply(t, edits)
        edits = []
        may_regions = _may_contain(work, edits, low, has)
        if "*" in work:  # what INLINE_FOOTNOTE_RE needs
            edits.extend((m.start(), m.start() + 1, ",") for m in INLINE_FOOTNOTE_RE.finditer(work))
        if edits:
            work = _apply(work, edits)
    return Masked(work, may_regions, headings, highlights)


def _needs_mask(t: str, low: str, has: Has | None = None) -> bool:
    """Can the mask find anything in the prepared text ``t``? (``low``: ``t.lower()``; ``has``: see panels.Has)"""
    if ":" in t or "*" in t or "+" in t or "±" in t or "\n" in t or "|" in t:
        return True
    if has is None:
        has = low.__contains__
    if may_hold_disclaimer(t, low, has):  # what panels.disclaimer_starts needs
        return True
    return has("ingredient") or has("inci") or _marker_word(low, has)


def _marker_word(low: str, has: Has | None = None) -> bool:
    """Does the lower-cased text hold a word a MAY_CONTAIN_RE branch needs? Four of them start with "cont"."""
    if has is None:
        has = low.__contains__
    if has("cont") and (has("contain") or has("contenir") or has("contener") or has("conter")):
        return True
    if has("enthalten") or has("bevat"):
        return True
    # IGNORECASE also folds a dotless or dotted capital I into "i": such text gets the marker scan
    return not low.isascii() and ("\u0131" in low or "i\u0307" in low)


def _apply(t: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping, length-preserving edits: (start, end, "blank") or (start, end, single char)."""
    out = []
    pos = 0
    for a, b, what in sorted(edits):
        if a < pos:
            a = pos
        if b <= a:
            continue
        out.append(t[pos:a])
        seg = t[a:b]
        if what == "blank":
            out.append(_NOT_NL_RE.sub(" ", seg) if "\n" in seg else " " * len(seg))
        elif what == "wipe":
            out.append(" " * len(seg))
        else:
            out.append(what + seg[1:])
        pos = b
    out.append(t[pos:])
    return "".join(out)


def _footnote_lines(t: str, stops: list[int], edits: list[tuple[int, int, str]]) -> None:
    """Blank the footnote legends ("*organic", "**made using organic ingredients"), up to the end of their
    sentence, line, or the next header or panel (``stops``).

    A legend starts a line or a sentence ("Limonene. *organic") with a legend piece, or is the last pieces of a list,
    each a legend ("Parfum*, *organic"); one opened by a bracket ends at its closing bracket ("(*organic farming)
    Aqua, Glycerin*"). A star-led piece followed by an ingredient is an ingredient marked by its star ("Aqua,
    *Lavandula Oil, Glycerin"), as is a star-led line or sentence that does not start as a legend.
    """
    n = len(t)
    p = t.find("*")
    while p != -1:
        q = p
        while q < n and t[q] == "*":
            q += 1
        j = p - 1
        while j >= 0 and t[j] in " \t(":
            j -= 1
        if j < 0 or t[j] in "\n,;.":
            end = t.find("\n", q)
            end = n if end == -1 else end
            i = bisect.bisect_right(stops, p)
            if i < len(stops) and stops[i] < end:
                end = stops[i]
            start = p
            colon = -1
            opener = t.rfind("(", j + 1, p)  # "(*organic farming) Aqua, ...": the legend ends at its bracket
            close = t.find(")", q, end) if opener != -1 else -1
            if close != -1:
                start, end = opener, close + 1
            else:
                full_stop = _SENTENCE_END_RE.search(t, q, end)
                if full_stop is not None:
                    end = full_stop.end()
                colon = _list_colon(t, q, end)  # "*organic farming: Aqua, Glycerin*": the legend ends at its colon
                if colon != -1:
                    end = colon
            tail = j >= 0 and t[j] in ",;"  # the last pieces of a list: every piece must read as a legend
            if _is_legend(t[p:end], every=tail):
                edits.append((start, end, "blank"))
                if colon != -1:
                    edits.append((colon, colon + 1, ","))  # the colon ends the legend as a header's ends its title
                p = t.find("*", end)
                continue
        p = t.find("*", q)


def _list_colon(t: str, start: int, end: int) -> int:
    """The first colon in ``t[start:end]`` that a name follows (a piece that starts with a letter and is no legend
    itself: "*organic farming: Aqua, ..."), or -1; a legend's own colon ("*organic: 95% of the total", "**natural
    origin: from essential oils") is not one."""
    for colon in (":", "\uff1a"):
        c = t.find(colon, start, end)
        if c != -1:
            piece = _LEGEND_CUT_RE.split(t[c + 1 : end], maxsplit=1)[0].lstrip()
            if _LETTER_RE.match(piece) and not LEGEND_WORD_RE.search(piece):
                return c
    return -1


def _is_legend(text: str, every: bool) -> bool:
    """Does ``text`` (a star-led line, sentence or list tail) read as a footnote legend: its first piece (a line or
    sentence: "*organic, **natural fragrance") or every piece (a list tail: "Parfum*, *organic")?"""
    pieces = [x for x in _LEGEND_CUT_RE.split(text) if x.strip(" \t*().")]
    if not pieces:
        return False
    return all(LEGEND_WORD_RE.search(x) for x in pieces) if every else bool(LEGEND_WORD_RE.search(pieces[0]))


def _other_panels(
    t: str, header_starts: list[int], edits: list[tuple[int, int, str]], low: str | None = None, has: Has | None = None
) -> list[int]:
    """Blank the label's other panels (each up to the next ingredient header), retailer disclaimers and the
    columns of ingredient-website tables (see ``panels``); return where the panels and disclaimers start.
    ``low``: ``t.lower()`` when the caller has it (and ``has``, see panels.Has)."""
    if low is None:
        low = t.lower()
    starts = panel_starts(t, has) if ":" in t or "\n" in t else []
    starts.extend(disclaimer_starts(t, low, has))
    for a in starts:
        i = bisect.bisect_right(header_starts, a)
        edits.append((a, header_starts[i] if i < len(header_starts) else len(t), "blank"))
    edits.extend((a, b, "blank") for a, b in table_spans(t, has))
    if "\n" not in t:  # a table flattened onto one line: each run of cells ends the name before it
        for a, b in inline_table_spans(t, low, has):
            edits.append((a, a + 1, ","))
            edits.append((a + 1, b, "blank"))
    return starts


def _headers(t: str, edits: list[tuple[int, int, str]], has: Has | None = None) -> list[tuple[int, int]]:
    """Add the edits that blank ingredient headers; return the headers' spans (sorted). ``has``: see panels.Has."""
    spans: list[tuple[int, int]] = []
    for colon in (":", "："):
        p = t.find(colon)
        while p != -1:
            w0 = max(0, p - 90)
            start = header_start(t, w0, p)
            m = HEADER_TAIL_RE.search(t, start, p) if start != -1 else None
            if m is not None:
                spans.append((m.start(), p + 1))
            p = t.find(colon, p + 1)
    if has is None or any(map(has, _HEADER_LINE_WORDS)) or (not t.isascii() and any(map(t.__contains__, ODD_FOLDS))):
        spans.extend(header_lines(t, HEADER_LINE_RE, frozenset(a for a, _ in spans)))
    if not spans:
        return []
    spans.sort()
    for a, b in spans:
        if t[b - 1] in ":：":
            edits.append((a, b - 1, "blank"))
            edits.append((b - 1, b, ","))  # the header ends whatever came before it
        else:
            edits.append((a, b, "blank"))
    return spans


def header_start(t: str, w0: int, p: int) -> int:
    """Where ``HEADER_TAIL_RE.search(t, w0, p)`` (a header before the colon at ``p``) can start to match, or -1 when
    it cannot match: the text before the colon (and before a bracket group there) must end with a header word, and
    a header's words hold none of ",.;•·|", so a match starts after the last of them."""
    e = p
    while e > w0 and t[e - 1].isspace():
        e -= 1
    if e > w0 and t[e - 1] == ")":  # "Active ingredient (in each mL):"
        e = t.rfind("(", w0, e - 1)
        if e == -1:
            return -1
        while e > w0 and t[e - 1].isspace():
            e -= 1
    tail = t[max(w0, e - _HEADER_LONGEST) : e]
    if not tail.isascii() and any(c in tail for c in ODD_FOLDS):
        return w0
    if not tail.lower().endswith(_HEADER_ENDS):
        return -1
    start = w0
    if e - w0 > _HEADER_LONGEST:  # (a short window costs the regex less than these searches)
        for c in _HEADER_SEPARATORS:
            i = t.rfind(c, start, e)
            if i != -1:
                start = i + 1
    return start


class _Finder:
    """``str.find`` for starts that only grow: remembers the last hit, so a scan over many matches stays linear."""

    def __init__(self, text: str, sub: str) -> None:
        self.text, self.sub = text, sub
        self.hit = -2  # not searched yet

    def find(self, start: int) -> int:
        if self.hit == -1 or self.hit >= start:
            return self.hit
        self.hit = self.text.find(self.sub, start)
        return self.hit


def in_regions(regions: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(regions, pos, key=lambda r: r[0]) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


_MARKER_STARTS = ("may", "peut", "kan", "pu", "pode", "+", "\u00b1")  # how each MAY_CONTAIN_RE branch begins


def may_contain_markers(t: str) -> list[re.Match[str]]:
    """``list(MAY_CONTAIN_RE.finditer(t))``, without running the case-insensitive alternation at every position.

    In ASCII text (same length lower-cased) the regex is tried only where one of its branches can begin; other
    text gets a charset look-ahead that lets the regex engine skip positions quickly.
    """
    if not t.isascii():
        return list(_MAY_CONTAIN_SCAN_RE.finditer(t))
    low = t.lower()
    starts: list[int] = []
    for word in _MARKER_STARTS:
        p = low.find(word)
        while p != -1:
            starts.append(p)
            p = low.find(word, p + 1)
    out: list[re.Match[str]] = []
    end = 0
    for p in sorted(starts):
        if p < end:
            continue
        m = MAY_CONTAIN_RE.match(t, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _may_contain(t: str, edits: list[tuple[int, int, str]], low: str, has: Has | None = None) -> list[tuple[int, int]]:
    """Edits that blank "may contain" markers; returns the (merged, sorted) regions of text they govern. ``low``:
    the lower-cased text before blanking (a gate: blanking removes words and signs, never adds one; ``has``: see
    panels.Has)."""
    regions: list[tuple[int, int]] = []
    if not ("+" in low or "±" in low or _marker_word(low, has)):
        return regions
    paragraph = _Finder(t, "\n\n")
    closers = {"(": _Finder(t, ")"), "[": _Finder(t, "]")}
    for m in may_contain_markers(t):
        start = m.start()
        j = start - 1
        while j >= 0 and t[j] == " " and start - j < 200:
            j -= 1
        opener = j if j >= 0 and t[j] in "([" else None
        if start > 0 and t[start - 1] not in ",;\n" and opener is None:
            edits.append((start, start + 1, ","))
            edits.append((start + 1, m.end(), "blank"))
        else:
            edits.append((start, m.end(), "blank"))
        if opener is not None:
            closer = closers[t[opener]].find(m.end())
            if closer != -1:
                nl = paragraph.find(m.end())
                if nl != -1 and nl < closer:
                    closer = -1
            end = closer if closer != -1 else len(t)
            edits.append((opener, opener + 1, ","))
            if closer != -1:
                edits.append((closer, closer + 1, ","))
        else:
            nl = paragraph.find(m.end())
            end = nl if nl != -1 else len(t)
        if regions and m.end() <= regions[-1][1]:  # inside the previous region: merge
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((m.end(), end))
    return regions


def _candidates(t: str, header_spans: list[tuple[int, int]]) -> int:
    """How many kit headings ``t`` can hold at most: its colons outside ingredient headers, plus its headers when
    there are two or more (one header's title is wiped with it; most labels have one header and no other colon)."""
    colons = t.count(":") + (t.count("：") if "：" in t else 0)
    for _a, b in header_spans:
        if t[b - 1] in ":：":
            colons -= 1
    return colons + (len(header_spans) if len(header_spans) >= 2 else 0)
