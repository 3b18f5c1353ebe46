"""Raw INCI label text -> ordered ingredients.

Pure: no I/O, no printing. The optional ``names`` index (the known-INCI vocabulary) lets the tokenizer decide
whether "Aqua/Water/Eau" is one ingredient with aliases or "Caprylic/Capric Triglyceride" one name, and whether
a line break ends an ingredient or wraps it. Without it the tokenizer falls back on conservative rules.

Design: the label is prepared (``textprep``), non-ingredient regions (headers, footnote lines, may-contain
markers) are blanked without changing offsets, separators are found in one pass over special characters
(respecting brackets and chemical locants such as "1,2-"), and each piece is parsed by a memoized function
of its text alone, so repeated ingredients across a catalogue cost a dictionary lookup.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import NamedTuple, Protocol

from exolabel.concentration import parse_trailing_concentration
from exolabel.model import Concentration, Ingredient, ParsedName, make_ingredient
from exolabel.normalize import FUNCTION_LABEL_RE, FUNCTION_LABELS, normalize_key, ocr_fix
from exolabel.textprep import prepare, to_input_span


class NameIndex(Protocol):
    """What the tokenizer needs from the known-INCI vocabulary."""

    def canonical(self, key: str) -> str | None:
        """The canonical name for a normalized key (name or synonym), or None when unknown."""


# The alternatives must not overlap ("ingredients?" and "ingr[ée]dients?" both matched "ingredients"): with the
# repeated "/ word" group below, two ways per word backtracked 2^n times on "ingredients/ingredients/...".
_HEADER_WORDS = (
    r"(?:(?:full|complete|key|active|inactive|other|non[- ]?active)\s+)?"
    r"(?:ingr[ée]dients?(?:\s+list)?|inci(?:\s+list)?|composition|zutaten|inhaltsstoffe|"
    r"ingredientes|ingredienti|sk[łl]adniki|ingredi[ëe]nten|成分|全成分|전성분|成份)"
)
# "Ingredients:", "INCI:", "Ingredients/Ingrédients:", "Active ingredient (in each mL):", "Other:".
# Searched only in the few characters before each colon, so long labels cost one str.find per colon.
HEADER_TAIL_RE = re.compile(
    r"(?:^|(?<=[\s,.;•·|]))(?:" + _HEADER_WORDS + r"(?:\s*/\s*" + _HEADER_WORDS + r")*"
    r"(?:\s*\([^()\n]{0,40}\))?|other)\s*$",
    re.IGNORECASE,
)
# A header alone on its line, without a colon: "INGREDIENTS" then the list on the next line.
HEADER_LINE_RE = re.compile(r"(?:(?<![ \t])[ \t]+)?" + _HEADER_WORDS + r"[ \t]*", re.IGNORECASE)
# Lines that define footnotes: "*organic", "**from natural essential oils", "† certified".
FOOTNOTE_LINE_RE = re.compile(r"^[ \t]*\(?\*+\)?[ \t]*[=:]?[ \t]*[^\W\d_].*$", re.MULTILINE)
# "May contain", "+/-", "[+/- CI 77891, CI 77491]", in several languages.
MAY_CONTAIN_RE = re.compile(
    r"(?:may\s+contain|peut\s+contenir|kann\s+enthalten|puede\s+contener|pu[oò]\s+contenere|"
    r"pode\s+conter|kan\s+bevatte?n?|\+\s*/\s*-|\+-|±)\s*[:：]?",
    re.IGNORECASE,
)
_MAY_CONTAIN_SCAN_RE = re.compile(r"(?=[mpk+\u00b1])(?:" + MAY_CONTAIN_RE.pattern + ")", re.IGNORECASE)
# "Limonene**. *organic": a full stop before a star-led footnote ends the list.
INLINE_FOOTNOTE_RE = re.compile(r"\.\s+(?=\*+\s*[^\W\d_])")
GLUED_AMOUNT_RE = re.compile(r"\d\s?%(?=[A-Z][a-z])")
_SEP_RE = re.compile(r"[,;|•·]")
_DIGIT_COMMA_RE = re.compile(r"\d,\d")
_LOCANT_COMMA_RE = re.compile(r"\d(?=,\d)")
_COMMA_DIGIT_RE = re.compile(r",\d")  # a literal comma first: searched far faster than r"\d(?=,\d)"
_OTHER_SEPS = (";", "|", "\u2022", "\u00b7")  # the separators besides the comma
_NL_RE = re.compile(r"\n")
_HAS_BRACKET_RE = re.compile(r"[()\[\]{}]")
# "(?:(?<!\s)\s+)?" rather than "\s*" at the start of a pattern: a match may only begin where a run of spaces
# begins, so a long run that ends in no match is scanned once, not once per position (quadratic).
_AND_RE = re.compile(r"(?:(?<!\s)\s+)?[\(\[]\s*(?:and|&|et|und|y)\s*[\)\]]\s*", re.IGNORECASE)
_HYPHEN_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")
_WS_RE = re.compile(r"\s+")
_NOT_NL_RE = re.compile(r"[^\n]")
_DEBRIS_RE = re.compile(
    r"\[\s*(?:more|less|\.\.\.|…|read more|see more|show more|show less|details)\s*\]|"
    r"\(\s*(?:more|less)\s*\)|\b(?:read more|show more|see more|show less)\b|…$",
    re.IGNORECASE,
)
_STARS_RE = re.compile(r"(?:(?<!\s)\s+)?(?<!\*)(\*+)(?=\s|$|[\)\],.])")
_GROUP_RE = re.compile(r"[\(\[]([^()\[\]]*)[\)\]]")
_NANO_RE = re.compile(r"^\s*nano\s*$", re.IGNORECASE)
_EDGE_PUNCT = " .,;:-+>\u2022\u00b7"

_SEPARATORS = frozenset(",;|•·")
_WS_CHARS = frozenset(" \n\t")
_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")


DEFAULT_MAX_INGREDIENTS = 2_000  # real labels list under 200; a kit of several products a few hundred
_WORD_CHAR_RE = re.compile(r"\w")


class TooManyIngredients(ValueError):
    """A label with more ingredients than the configured limit: refused before the costly per-piece work."""

    def __init__(self, count: int, limit: int) -> None:
        self.count, self.limit = count, limit
        super().__init__(
            f"{count:,} ingredients, over --max-ingredients {limit:,} (a label lists far fewer: "
            "for a catalogue of products use 'exolabel batch')"
        )


class Split(NamedTuple):
    """A label prepared for cutting: what :meth:`Tokenizer.split` found."""

    work: str  # the prepared text with headers, footnote lines and may-contain markers blanked (same offsets)
    omap: list[int] | None  # prepared offset -> input offset, None when they are the same
    may_regions: list[tuple[int, int]]  # the spans a may-contain marker governs
    parts: list[str] | None  # the list cut at its separators (one char each); None: the general path cuts it


class Tokenizer:
    """Splits label text into :class:`Ingredient` s. Holds a memo of parsed pieces (bounded).

    ``max_ingredients`` (None: unlimited) bounds the work per label: a text that splits into more pieces raises
    :class:`TooManyIngredients` after the linear separator pass, before any piece is parsed.
    """

    def __init__(
        self,
        names: NameIndex | None = None,
        memo_size: int = 200_000,
        max_ingredients: int | None = None,
        *,
        fast: bool = True,
    ) -> None:
        self._names = names
        self.fast = fast  # False: one-line lists take the general path too (the reference the tests compare)
        self.max_ingredients = max_ingredients
        self._memo: dict[str, ParsedName] = {}
        self._plain: dict[str, tuple[ParsedName, int, int]] = {}  # raw comma-list part -> (parsed, lead, size)
        self._memo_size = memo_size
        self._known: Callable[[str], str | None] = names.canonical if names else (lambda _k: None)

    # -- public -------------------------------------------------------------------------------------
    def tokenize(self, text: str) -> tuple[Ingredient, ...]:
        return self.tokens(text, self.split(text))

    def split(self, text: str) -> Split:
        """Prepare ``text``, blank its headers, footnotes and may-contain markers, and cut a one-line list.

        :meth:`tokens` finishes the job; callers that memoize per piece (the Scanner) look at ``parts`` first.
        """
        t, omap = prepare(text)
        may_regions: list[tuple[int, int]] = []
        work = t
        if _needs_mask(t):
            edits: list[tuple[int, int, str]] = []
            _footnote_lines(t, edits)
            _headers(t, edits)
            if edits:
                work = _apply(t, edits)
            edits = []
            may_regions = _may_contain(work, edits)
            if "*" in work:  # what INLINE_FOOTNOTE_RE needs
                edits.extend((m.start(), m.start() + 1, ",") for m in INLINE_FOOTNOTE_RE.finditer(work))
            if edits:
                work = _apply(work, edits)
        parts = None
        if self.fast and not ("%" in work and GLUED_AMOUNT_RE.search(work)):
            if "\n" in work or may_regions:  # the general cutter decides (line breaks, markers); same pieces
                cuts = self._separators(work)
                parts = [work[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(work)], strict=True)]
            else:
                parts = _split_list(work)
            if parts is not None and self.max_ingredients is not None and len(parts) >= self.max_ingredients:
                parts = None  # the general path counts the pieces and refuses the label
        return Split(work, omap, may_regions, parts)

    def plain_piece(self, part: str) -> tuple[ParsedName, int, int] | None:
        """(parsed name, offset of the name in ``part``, its length) when the general path takes the list piece
        ``part`` as one plain ingredient; None for a blank piece, a footnote, an "(and)" blend or an amount on its
        own. Parses ``part`` (memoized) but builds no Ingredient: for callers that keep their own per-piece memo."""
        stripped = part.strip()
        if not stripped or stripped[0] == "*" or (("(" in stripped or "[" in stripped) and _AND_RE.search(stripped)):
            return None
        # parsed once: the caller remembers the piece (the parse memo serves the general path, not kept twice)
        parsed = self._memo.get(stripped) or self._parse_piece(stripped)
        if not parsed.name:
            return None
        return parsed, len(part) - len(part.lstrip()), len(stripped)

    def tokens(self, text: str, split: Split) -> tuple[Ingredient, ...]:
        """The ingredients of ``text``, given its :meth:`split`."""
        work, omap, may_regions, parts = split
        if parts is not None:
            return self._one_line(text, work, omap, parts, may_regions)
        events = [(cut, 1) for cut in self._separators(work)]
        if "%" in work:  # "Zinc Oxide 6.90%Water": an amount glued to the next name ends the ingredient
            events.extend((m.end(), 0) for m in GLUED_AMOUNT_RE.finditer(work))
            events.sort()
        if self.max_ingredients is not None and len(events) >= self.max_ingredients:
            _check_count(work, events, self.max_ingredients)
        out: list[Ingredient] = []
        append = out.append
        memo_get = self._memo.get
        prev = 0
        events.append((len(work), 0))
        for pos, width in events:
            seg = work[prev:pos]
            start = prev
            prev = pos + width
            stripped = seg.strip()
            if not stripped:
                continue
            # fast path: a plain piece already seen (the vast majority in a catalogue)
            parsed = memo_get(stripped)
            if (
                parsed is None
                or not parsed.name
                or may_regions
                or (stripped[0] == "*" and out)
                or ("(" in stripped and _AND_RE.search(stripped))
            ):
                self._emit(work, text, omap, start, pos, may_regions, out)
                continue
            a = start + (len(seg) - len(seg.lstrip())) if seg[0] in _WS_CHARS else start
            b = a + len(stripped)
            if omap is None:
                append(make_ingredient(len(out), text[a:b], (a, b), parsed, False))
            else:
                span = to_input_span(omap, a, b)
                append(make_ingredient(len(out), text[span[0] : span[1]], span, parsed, False))
        return tuple(out)

    def _one_line(
        self, text: str, t: str, omap: list[int] | None, parts: list[str], regions: list[tuple[int, int]]
    ) -> tuple[Ingredient, ...]:
        """A label cut into ``parts`` (headers and footnotes already blanked; ``regions``: may-contain spans).

        ``parts`` are ``t`` cut at its separators (never "1,2-", never inside brackets), the pieces the general
        path cuts; a piece seen before costs one lookup of its raw text (with its surrounding blanks) in
        ``_plain``, which holds only pieces the general path takes as they are.
        """
        out: list[Ingredient] = []
        append = out.append
        plain = self._plain
        plain_get = plain.get
        start = 0
        for part in parts:
            hit = plain_get(part)
            if hit is None:
                if part and not part.isspace():
                    self.emit_piece(t, text, omap, start, start + len(part), out, regions)
            else:
                parsed, lead, size = hit
                a = start + lead
                may = bool(regions) and in_regions(regions, a)
                if omap is None:
                    append(make_ingredient(len(out), text[a : a + size], (a, a + size), parsed, may))
                else:
                    span = to_input_span(omap, a, a + size)
                    append(make_ingredient(len(out), text[span[0] : span[1]], span, parsed, may))
            start += len(part) + 1
        return tuple(out)

    def emit_piece(
        self,
        work: str,
        text: str,
        omap: list[int] | None,
        start: int,
        end: int,
        out: list[Ingredient],
        regions: list[tuple[int, int]],
    ) -> None:
        """Append the ingredients of the piece ``work[start:end]`` to ``out``, as :meth:`tokens` would (an amount
        on its own goes to the ingredient before it), and remember the piece if it is plain."""
        self._emit(work, text, omap, start, end, regions, out)
        self._remember_plain(work[start:end])

    def _remember_plain(self, part: str) -> None:
        """Remember ``part`` for the fast path when the general path would take it as one plain ingredient."""
        stripped = part.strip()
        parsed = self._memo.get(stripped)
        if (
            parsed is None
            or not parsed.name
            or stripped[0] == "*"
            or (("(" in stripped or "[" in stripped) and _AND_RE.search(stripped))
        ):
            return
        if len(self._plain) >= self._memo_size:
            self._plain.clear()
        self._plain[part] = (parsed, len(part) - len(part.lstrip()), len(stripped))

    # -- splitting ----------------------------------------------------------------------------------
    def _separators(self, work: str) -> list[int]:
        """Positions of the characters that separate ingredients (outside brackets, never in "1,2-")."""
        if ";" in work or "|" in work or "•" in work or "·" in work:
            cuts = [m.start() for m in _SEP_RE.finditer(work)]
        else:  # commas only (most labels): str.split is far cheaper than a regex scan
            cuts = []
            pos = -1
            for part in work.split(",")[:-1]:
                pos += len(part) + 1
                cuts.append(pos)
        if _DIGIT_COMMA_RE.search(work):  # chemical locant "1,2-Hexanediol" or thousands "10,000"
            locants = {m.start() + 1 for m in _LOCANT_COMMA_RE.finditer(work)}
            cuts = [c for c in cuts if c not in locants]
        spans = _bracket_spans(work) if has_bracket(work) else []
        if spans:
            cuts = _outside(cuts, spans)
        if "\n" in work:
            newlines = [m.start() for m in _NL_RE.finditer(work)]
            if spans:
                newlines = _outside(newlines, spans)
            cuts.extend(self._newline_cuts(work, newlines, len(cuts)))
            cuts.sort()
        return cuts

    def _newline_cuts(self, work: str, newlines: list[int], n_other: int) -> list[int]:
        """Decide which line breaks separate ingredients and which only wrap a long name."""
        lines = len(newlines) + 1
        list_mode = n_other >= max(2, lines)  # a comma/semicolon list: line breaks are mostly wraps
        cuts = []
        n = len(work)
        for pos in newlines:
            i = pos - 1
            while i >= 0 and work[i] == " ":
                i -= 1
            j = pos + 1
            while j < n and work[j] == " ":
                j += 1
            if i < 0 or j >= n or work[i] in _SEPARATORS or work[i] == "\n" or work[j] == "\n":
                cuts.append(pos)
                continue
            if work[i] == "-" and i > 0 and work[i - 1].isalpha() and work[j].islower():
                continue  # word hyphenated across the line break
            if not list_mode:
                cuts.append(pos)
                continue
            if work[j].islower():
                continue
            if self._names is not None and self._fragment_known(work[max(0, i - 200) : i + 1], work[j : j + 200]):
                cuts.append(pos)
        return cuts

    def _fragment_known(self, before: str, after: str) -> bool:
        left = re.split(r"[,;|•·\n]", before)[-1]
        right = re.split(r"[,;|•·\n]", after)[0]
        right = _AND_RE.split(right)[0]
        return bool(self._known(normalize_key(left)) or self._known(normalize_key(right)))

    # -- pieces -------------------------------------------------------------------------------------
    def _emit(
        self,
        work: str,
        original: str,
        omap: list[int] | None,
        start: int,
        end: int,
        may_regions: list[tuple[int, int]],
        out: list[Ingredient],
    ) -> None:
        seg = work[start:end]
        stripped = seg.strip()
        if not stripped:
            return
        if ("(" in stripped or "[" in stripped) and _AND_RE.search(stripped):
            pieces = []
            p = start
            for m in _AND_RE.finditer(seg):
                pieces.append((p, start + m.start()))
                p = start + m.end()
            pieces.append((p, end))
        else:
            a = start + (len(seg) - len(seg.lstrip()))
            pieces = [(a, a + len(stripped))]
        for a, b in pieces:
            raw = work[a:b]
            stripped = raw.strip()
            if not stripped:
                continue
            if len(stripped) != len(raw):
                a += len(raw) - len(raw.lstrip())
                b = a + len(stripped)
            if stripped[0] == "*" and out:  # "*organic" after the list: a footnote definition
                continue
            parsed = self._memo.get(stripped) or self._parse(stripped)
            if not parsed.name:
                prev = out[-1] if out else None
                if parsed.concentration is not None and prev is not None and prev.concentration is None:
                    # "Niacinamide, 5%": an amount on its own belongs to the ingredient before it
                    p = prev.parsed
                    merged = ParsedName(p.name, p.key, p.aliases, p.common_name, parsed.concentration, p.markers)
                    out[-1] = make_ingredient(prev.index, prev.text, prev.span, merged, prev.may_contain)
                continue
            may = bool(may_regions) and in_regions(may_regions, a)
            if omap is None:
                out.append(make_ingredient(len(out), original[a:b], (a, b), parsed, may))
            else:
                span = to_input_span(omap, a, b)
                out.append(make_ingredient(len(out), original[span[0] : span[1]], span, parsed, may))

    def _parse(self, piece: str) -> ParsedName:
        hit = self._memo.get(piece)
        if hit is not None:
            return hit
        result = self._parse_piece(piece)
        if len(self._memo) >= self._memo_size:
            self._memo.clear()
        self._memo[piece] = result
        return result

    def _parse_piece(self, piece: str) -> ParsedName:
        s = _HYPHEN_BREAK_RE.sub("", piece) if "\n" in piece else piece
        s = collapse_ws(s).strip()
        s = drop_debris(s)
        if s.startswith(FUNCTION_LABELS) or s.endswith(FUNCTION_LABELS):  # what FUNCTION_LABEL_RE needs
            s = FUNCTION_LABEL_RE.sub("", s)
        markers: list[str] = []
        stars = _STARS_RE.findall(s) if "*" in s else None
        if stars:
            s = _STARS_RE.sub("", s)
            markers.extend(sorted({"footnote:" + st for st in stars}))
        conc: Concentration | None
        s, conc = parse_trailing_concentration(s)
        aliases: list[str] = []
        common: str | None = None
        key_text = s
        # bracket groups: form "(nano)", alias "(Aqua)", common name "(Shea)"; none when the vocabulary knows the
        # name with its brackets ("Hydrogenated Poly(C6-14 Olefin)"): there they are part of the name
        groups = _GROUP_RE.finditer(s) if "(" in s or "[" in s else ()
        if groups and self._names is not None and self._known(normalize_key(s)):
            groups = ()
        for m in reversed(list(groups)):
            content = m.group(1).strip()
            before, after = s[: m.start()].rstrip(), s[m.end() :].strip()
            if not content:
                s = (before + " " + after).strip()
            elif _NANO_RE.match(content):
                markers.append("nano")
                s = (before + " " + after).strip()
            elif after and after[0].isalnum() and before:
                if common is None:
                    common = content  # "Butyrospermum Parkii (Shea) Butter": common name inside the name
            else:
                aliases.insert(0, content)  # trailing "(Aqua)", "(Vitamin E)": an alias of the name
                s = (before + " " + after).strip()
        key_text = _GROUP_RE.sub(" ", s) if common is not None else s
        name = s.strip(_EDGE_PUNCT)
        if name.startswith("*"):
            name = name.lstrip("*").strip()
        key = normalize_key(key_text)
        if "\\" in name:  # "Water\\Aqua\\Eau": a backslash never occurs inside an INCI name
            parts = [p.strip(_EDGE_PUNCT) for p in name.split("\\") if p.strip(_EDGE_PUNCT)]
            if parts:
                name, aliases = parts[0], [*parts[1:], *aliases]
                key = normalize_key(name)
        if "/" in name and self._names is not None and not self._known(key):
            parts = [p.strip(_EDGE_PUNCT) for p in name.split("/")]
            known = [bool(p and self._known(normalize_key(p))) for p in parts]
            # synonyms in several languages ("Aqua/Water/Eau", "Lactis Proteinum/Milk Protein/Protéine du lait"):
            # split when the vocabulary knows every part, or two of them and the rest read as translations;
            # "Epigallocatechin Gallate/Biotin/.../Mouse Fibroblast Conditioned Media" stays one INCI name
            if (
                len(parts) > 1
                and all(parts)
                and (
                    all(known)
                    or (sum(known) >= 2 and all(k or _translation_like(p) for p, k in zip(parts, known, strict=True)))
                )
            ):
                first = known.index(True)
                name, aliases = parts[first], [p for i, p in enumerate(parts) if i != first] + aliases
                key = normalize_key(name)
        fixed = ocr_fix(key)
        if fixed != key and (self._names is None or self._known(fixed)):
            key = fixed
            markers.append("ocr")
        return ParsedName(name, key, tuple(aliases), common, conc, tuple(markers))


def collapse_ws(s: str) -> str:
    """``_WS_RE.sub(" ", s)``; printable ASCII text holds no whitespace but " ", so only a double space needs it."""
    if s.isascii() and s.isprintable() and "  " not in s:
        return s
    return _WS_RE.sub(" ", s)


def drop_debris(s: str) -> str:
    """``_DEBRIS_RE.sub(" ", s)``; in ASCII text each of its branches needs a bracket or "more" / "less"."""
    if s.isascii() and "[" not in s and "(" not in s:
        low = s.lower()
        if "more" not in low and "less" not in low:
            return s
    return _DEBRIS_RE.sub(" ", s)


def _translation_like(part: str) -> bool:
    """'Protéine du lait', 'Huile végétale': non-ASCII letters or lower-case words, unlike INCI names."""
    return not part.isascii() or any(w[:1].islower() for w in part.split()[1:])


def _split_list(work: str) -> list[str] | None:
    """A one-line list split at its separators as the general path cuts it; None when brackets hold a separator.

    Every separator but a comma between two digits ("1,2-Hexanediol", "10,000 ppm") cuts; the other separator
    characters are mapped to commas first (one character each, so offsets do not move).
    """
    seps = work
    for sep in _OTHER_SEPS:  # str.replace: far cheaper than str.translate with a mapping table
        if sep in seps:
            seps = seps.replace(sep, ",")
    parts = seps.split(",")
    if _COMMA_DIGIT_RE.search(seps):
        joins = []
        k = pos = 0
        for m in _COMMA_DIGIT_RE.finditer(seps):
            c = m.start()
            k += seps.count(",", pos, c)  # the comma at c is comma number k (counted from where the last one was)
            pos = c
            if work[c] == "," and work[c - 1 : c].isdecimal():
                joins.append(k)
        for k in reversed(joins):  # comma k sits between parts[k] and parts[k + 1]
            parts[k : k + 2] = [parts[k] + "," + parts[k + 1]]
    if has_bracket(work) and any(seps.find(",", a, b) != -1 for a, b in _bracket_spans(work)):
        return None  # a separator inside brackets is not a cut: the general path handles it
    if seps is not work:
        pos = 0
        for i, part in enumerate(parts):  # the pieces as written, with their own separators
            parts[i] = work[pos : pos + len(part)]
            pos += len(part) + 1
    return parts


def has_bracket(s: str) -> bool:
    """``_HAS_BRACKET_RE.search(s)``: six substring tests run far faster than one character-class scan."""
    return "(" in s or ")" in s or "[" in s or "]" in s or "{" in s or "}" in s


def _needs_mask(t: str) -> bool:
    if ":" in t or "*" in t or "+" in t or "±" in t or "\n" in t:
        return True
    low = t.lower()
    return "ingredient" in low or "inci" in low or _marker_word(low)


def _marker_word(low: str) -> bool:
    """Does the lower-cased text hold a word a MAY_CONTAIN_RE branch needs? Four of them start with "cont"."""
    if "cont" in low and ("contain" in low or "contenir" in low or "contener" in low or "conter" in low):
        return True
    if "enthalten" in low or "bevat" in low:
        return True
    # IGNORECASE also folds a dotless or dotted capital I into "i": such text gets the marker scan
    return not low.isascii() and ("\u0131" in low or "i\u0307" in low)


def _bracket_spans(work: str) -> list[tuple[int, int]]:
    """Top-level bracket groups as (open, close) positions; none when the brackets do not balance."""
    spans = []
    depth = 0
    start = 0
    for m in _HAS_BRACKET_RE.finditer(work):
        if m.group() in _OPEN:
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, m.start()))
    return [] if depth else spans


def _outside(positions: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The positions that are not inside any span (both sorted)."""
    out = []
    k = 0
    nspans = len(spans)
    for p in positions:
        while k < nspans and spans[k][1] < p:
            k += 1
        if k < nspans and spans[k][0] < p < spans[k][1]:
            continue
        out.append(p)
    return out


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
            out.append(_NOT_NL_RE.sub(" ", seg))
        elif what == "wipe":
            out.append(" " * len(seg))
        else:
            out.append(what + seg[1:])
        pos = b
    out.append(t[pos:])
    return "".join(out)


def _footnote_lines(t: str, edits: list[tuple[int, int, str]]) -> None:
    if "*" not in t:
        return
    for m in FOOTNOTE_LINE_RE.finditer(t):
        if m.start() == 0 and "\n" not in t and ("," in m.group() or ";" in m.group()):
            continue  # a one-line list that happens to start with "*": not a footnote
        edits.append((m.start(), m.end(), "blank"))


def _headers(t: str, edits: list[tuple[int, int, str]]) -> None:
    spans: list[tuple[int, int]] = []
    for colon in (":", "："):
        p = t.find(colon)
        while p != -1:
            w0 = max(0, p - 90)
            m = HEADER_TAIL_RE.search(t, w0, p)
            if m is not None:
                spans.append((m.start(), p + 1))
            p = t.find(colon, p + 1)
    if "\n" in t:
        pos = 0
        for line in t.split("\n"):
            if len(line) < 60 and HEADER_LINE_RE.fullmatch(line):
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    if not spans:
        return
    spans.sort()
    for a, b in spans:
        if t[b - 1] in ":：":
            edits.append((a, b - 1, "blank"))
            edits.append((b - 1, b, ","))  # the header ends whatever came before it
        else:
            edits.append((a, b, "blank"))
    first = spans[0][0]
    pre = t[:first]
    if pre.strip() and not any(c in pre for c in ",;•·|"):
        edits.append((0, first, "wipe"))  # a title or sentence before "Ingredients:"


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


def _check_count(work: str, events: list[tuple[int, int]], limit: int) -> None:
    """Raise TooManyIngredients when more than ``limit`` pieces hold a letter or digit."""
    count, prev = 0, 0
    for pos, width in [*events, (len(work), 0)]:
        if pos > prev and _WORD_CHAR_RE.search(work, prev, pos):
            count += 1
        prev = pos + width
    if count > limit:
        raise TooManyIngredients(count, limit)


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


def _may_contain(t: str, edits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Edits that blank "may contain" markers; returns the (merged, sorted) regions of text they govern."""
    regions: list[tuple[int, int]] = []
    if not ("+" in t or "±" in t or _marker_word(t.lower())):
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


def tokenize(text: str, names: NameIndex | None = None) -> tuple[Ingredient, ...]:
    """Tokenize ``text`` (convenience wrapper; reuse a :class:`Tokenizer` for many labels)."""
    return Tokenizer(names).tokenize(text)
