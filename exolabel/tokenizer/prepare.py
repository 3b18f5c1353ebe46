"""Unicode and scraping-noise normalization that keeps a map back to the input.

``prepare(text)`` returns the normalized text and, when normalization changed lengths, a list mapping each
normalized character to its offset in the input, so every ingredient span points into what the user gave us.
Pure; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from exolabel._fast.lazy import lazy_pattern

# Characters removed outright: zero-width spaces/joiners, BOM, soft hyphen, bidi controls.
_DROP = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Characters mapped before NFKC (NFKC would turn superscript digits into plain digits).
_PRE = {
    "\u00b9": "*",
    "\u00b2": "*",
    "\u00b3": "*",
    "\u2070": "*",
    "\u2074": "*",
    "\u2075": "*",
    "\u2076": "*",
    "\u2077": "*",
    "\u2078": "*",
    "\u2079": "*",
    "\u2020": "*",
    "\u2021": "*",
    "\u00b0": "*",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00b4": "'",
    "\u2032": "'",
    "\u3001": ",",
    "\uff0c": ",",
    "\u060c": ",",
    "\uff1b": ";",
    "\u30fb": "\u00b7",
    "\u2027": "\u00b7",
    "\u2022": "\u2022",
    "\u25cf": "\u2022",
    "\u25aa": "\u2022",
    "\u25a0": "\u2022",
    "\u25c6": "\u2022",
    "\u25e6": "\u2022",
    "\u2219": "\u2022",
    "\u2023": "\u2022",
    "\u2043": "\u2022",
    "\u00a0": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u0085": "\n",
    "\r": "\n",
    "\t": " ",
    "\x0b": "\n",
    "\x0c": "\n",
}
# ASCII control characters other than newline become spaces (same length).
_ASCII_TABLE = {i: " " for i in range(32) if chr(i) != "\n"}
_ASCII_TABLE[ord("\r")] = "\n"
_ASCII_TABLE[ord("\x0b")] = "\n"
_ASCII_TABLE[ord("\x0c")] = "\n"
_ASCII_TABLE[127] = " "


_CONTROL_RE = lazy_pattern(r"[\x00-\x09\x0b-\x1f\x7f]")
_NEEDS_MAP_RE = lazy_pattern(r"[^\x20-\x7e\n]")


@lru_cache(maxsize=8192)
def _map_char(ch: str) -> str:
    """The normalized form of one character (a pure function, memoized)."""
    if ch in _DROP:
        return ""
    if ch in _PRE:
        return _PRE[ch]
    if ch.isascii():
        return _ASCII_TABLE.get(ord(ch), ch)
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Co", "Cn", "Zs"):
        return " "
    rep = unicodedata.normalize("NFKC", ch)
    return _PRE.get(rep, rep)


# HTML scraped with the list: character references ("&amp;" would cut an ingredient at its ";") and the tags of
# page markup (block tags end a line, inline ones vanish); only these tag names, so "<1%" or "<Aqua>" stay text;
# and retailer item codes ("<ILN37355>"), which vanish.
_HTML_RE = lazy_pattern(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|"
    r"<\s*(/?)\s*(br|p|div|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|span|b|i|u|em|strong|small|sup|sub|font|a|"
    r"section|article|label|img)\b[^<>]{0,300}>|"
    # a retailer's item code in angle brackets after a name ("Iron Oxides <ILN37355>", Sephora's pages): no INCI
    # name holds "<", and the code is no part of the name
    r"<[A-Z]{2,6}[0-9]{3,10}>",
    re.IGNORECASE,
)
_BLOCK_TAG_NAMES = "br p div li ul ol tr table tbody thead h1 h2 h3 h4 h5 h6 section article"
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split(" "))


def _unhtml(text: str) -> tuple[str, list[int]] | None:
    """``text`` with character references decoded and markup tags removed, and its offset map; None if none."""
    import html

    parts: list[str] = []
    omap: list[int] = []
    pos = 0
    for m in _HTML_RE.finditer(text):
        tag = m.group(2)
        if m.group(0)[0] == "<" and tag is None:  # an item code
            rep = ""
        elif tag is None:
            rep = html.unescape(m.group(0))
            if rep == m.group(0):
                continue  # not a character reference after all ("&foo;")
        else:
            rep = "\n" if tag.lower() in _BLOCK_TAGS else ""
        parts.append(text[pos : m.start()])
        omap.extend(range(pos, m.start()))
        parts.append(rep)
        omap.extend([m.start()] * len(rep))
        pos = m.end()
    if not parts:
        return None
    parts.append(text[pos:])
    omap.extend(range(pos, len(text) + 1))
    return "".join(parts), omap


# A list of strings serialized as a Python or JSON literal, as scraped datasets store a page's text blocks
# ("['Water, Glycerin, Parfum.']", '["Cleanser:", "Aqua, Glycerin"]'): its brackets and quotes are not the label's.
_ITEM_BOUNDARY_RE = lazy_pattern(r"""(?<=['"]),[ \t]*(?=['"])""")


def unlist(text: str) -> str | None:
    """``text`` with the brackets and quotes of a serialized list of strings blanked and a line break between its
    items, same length (so offsets are unchanged); None when ``text`` is not one. A serialized list starts with "['"
    or '["' (after spaces) and ends with "']" or '"]'; an item boundary is a comma between a closing and an opening
    quote."""
    a = 0 if text[:1] == "[" else len(text) - len(text.lstrip())  # (a label file's comment lines leave blank lines)
    if text[a : a + 2] not in ("['", '["'):
        return None
    b = len(text.rstrip())
    if b - a < 4 or text[b - 2 : b] not in ("']", '"]'):
        return None
    parts = [text[:a], "  "]
    pos = a + 2
    for m in _ITEM_BOUNDARY_RE.finditer(text, pos, b - 2):
        parts.append(text[pos : m.start() - 1])  # the item, without its closing quote
        parts.append("\n" + " " * (m.end() - m.start() + 1))  # closing quote -> "\\n"; comma, spaces, opening quote
        pos = m.end() + 1
    parts.append(text[pos : b - 2])
    parts.append("  ")
    parts.append(text[b:])
    out = "".join(parts)
    return out if len(out) == len(text) else None


def prepare(text: str) -> tuple[str, list[int] | None]:
    """Normalize ``text``; return it with an offset map (``None`` when offsets are unchanged)."""
    if text and text[0] in "[ \t\r\n":
        unlisted = unlist(text)
        if unlisted is not None:
            text = unlisted
    if ("&" in text and ";" in text) or "<" in text:
        unmarked = _unhtml(text)
        if unmarked is not None:
            out, omap = _prepare(unmarked[0])
            base = unmarked[1]
            return out, base if omap is None else [base[i] for i in omap]
    return _prepare(text)


def _prepare(text: str) -> tuple[str, list[int] | None]:
    if text.isascii():
        if text.isprintable() or not _CONTROL_RE.search(text):
            return text, None
        return text.translate(_ASCII_TABLE), None
    table = {ord(c): _map_char(c) for c in set(_NEEDS_MAP_RE.findall(text))}
    out = _translate(text, table)
    if len(out) == len(text) and all(len(r) == 1 for r in table.values()):
        return out, None
    omap: list[int] = []
    pos = 0
    for m in _NEEDS_MAP_RE.finditer(text):
        i = m.start()
        omap.extend(range(pos, i))
        omap.extend([i] * len(table[ord(text[i])]))
        pos = i + 1
    omap.extend(range(pos, len(text)))
    omap.append(len(text))
    return out, omap


def _translate(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)``, as one ``str.replace`` per mapped character (a few per label) when that gives the
    same text: never when a replacement holds a character the table maps elsewhere."""
    if len(table) > 16 or any(ord(c) in table and table[ord(c)] != c for r in table.values() for c in r):
        return text.translate(table)
    for code, rep in table.items():
        text = text.replace(chr(code), rep)
    return text


def to_input_span(omap: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a span in the prepared text back to the original input."""
    if omap is None:
        return start, end
    if start >= len(omap):
        return omap[-1], omap[-1]
    s = omap[start]
    # end is exclusive: the input offset just after the last character of the span
    e = omap[end - 1] + 1 if end > start else s
    return s, e
