"""What pasted and scraped labels carry besides the ingredient list, found so the mask can blank it.

* **Panels**: the label's next sections ("Directions:", "How to use", "Précautions :", "Modo de uso:", "Warnhinweise:",
  "Avvertenze:", "사용법") in English, French, Spanish, Portuguese, German, Italian and Korean. A panel runs to the next
  ingredient header ("Ingredients:") or the end of the text.
* **Retailer disclaimers** ("Please be aware that ingredient lists may change...", "Please refer to the product
  packaging...", "The products you receive may...") and footnote legends and certification notes ("(* = from organic
  farming)", "87 % organic of total", "certified by ..."): from the sentence they start in (even glued to the last
  ingredient) to the next ingredient header or the end of the text, like a panel.
* **Ingredient-website tables** copied with the list: a function column, ratings and header rows after or between the
  names ("Glycerin skin-identical ingredient, moisturizer/humectant 0, 0 superstar", "Aqua | Solvent | 1 | ||").
  What follows a name on its line is blanked when it is only function words, ratings, numbers and separators and
  holds at least one function or rating word; only in texts with two such lines or a table header row. A number
  followed by a function word belongs to the name ("Polysorbate 20 emulsifying", "CI 77891 colorant"): the
  function column comes before the ratings.
  A table flattened onto one line ("Ingredient name what-it-does irr., com. ID-Rating Aqua solvent Glycerin
  skin-identical ingredient, moisturizer/humectant 0, 0 superstar ...") is read the same way, run by run: its header
  and every run of function words, ratings, numbers and separators that starts with a function or rating word
  (between two names) are blanked, each ending the name before it; only on a line with such a header, or with two
  runs that hold a rating word one of which is "superstar".

Every function returns (start, end) spans of the prepared text; the mask blanks them with length-preserving edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern

# ``has``: a function telling whether the lower-cased text holds a word (``low.__contains__``, or one pass for every
# gate word: exolabel._fast.words); the gates below ask it only for the words of GATE_WORDS
Has = Callable[[str], bool]

_PANEL_WORDS = (
    # English
    r"directions(?:\s+for\s+use)?|how\s+to\s+use|suggested\s+use|usage|warnings?|cautions?|precautions?|"
    r"storage|other\s+information|keep\s+out\s+of\s+(?:the\s+)?reach\s+of\s+children|for\s+external\s+use\s+only|"
    r"ingredients?\s+(?:analysis|explained)|what[\s-]it[\s-]does|"
    # French
    r"mode\s+d['’]emploi|conseils?\s+d['’]utilisation|utilisation|pr[ée]cautions?(?:\s+d['’]emploi)?|"
    r"avertissements?|attention|conservation|"
    # Spanish
    r"modo\s+de\s+(?:uso|empleo)|instrucciones(?:\s+de\s+uso)?|advertencias?|precauci[oó]n(?:es)?|"
    r"almacenamiento|conservaci[oó]n|c[oó]mo\s+usar|"
    # Portuguese
    r"modo\s+de\s+usar|como\s+usar|advert[êe]ncias?|precau[çc][õo]es|cuidados|armazenamento|conserva[çc][ãa]o|"
    # German
    r"anwendung(?:shinweise?)?|gebrauchsanweisung|warnhinweise?|vorsicht|achtung|aufbewahrung|lagerung|"
    # Italian
    r"modo\s+d['’]uso|modalit[àa]\s+d['’]uso|istruzioni(?:\s+per\s+l['’]uso)?|avvertenze|precauzioni|attenzione|"
    r"conservazione|"
    # Korean
    r"사용\s?방법|사용법|(?:사용\s?시\s?|사용할\s?때의\s?|사용상의\s?)?주의\s?사항|보관\s?방법"
)
# a panel word starting a line (then a colon or the end of the line) or anywhere with a colon; "LimoneneDirections:"
# (glued by a scraper) counts: a lower-case letter then the capitalised panel word
PANEL_RE = lazy_pattern(
    r"(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z]))(?:" + _PANEL_WORDS + r")[ \t]*(?:[:：]|(?=\n|$))",
    re.IGNORECASE,
)
# every panel heading PANEL_RE reads, spelled out: their first and last three letters gate the regex
_PANEL_NAMES = (
    "Directions", "Directions for use", "How to use", "Suggested use", "Usage", "Warning", "Warnings", "Caution",
    "Cautions", "Precaution", "Precautions", "Storage", "Other information", "Keep out of reach of children",
    "Keep out of the reach of children", "For external use only", "Ingredient analysis", "Ingredients explained",
    "What it does", "What-it-does", "Mode d'emploi", "Mode d’emploi", "Conseils d'utilisation", "Conseil d'utilisation",
    "Utilisation", "Précaution", "Précautions", "Précautions d'emploi", "Precautions d'emploi", "Avertissement",
    "Avertissements", "Attention", "Conservation", "Modo de uso", "Modo de empleo", "Instrucciones",
    "Instrucciones de uso", "Advertencia", "Advertencias", "Precaución", "Precaucion", "Precauciones",
    "Almacenamiento", "Conservación", "Conservacion", "Cómo usar", "Como usar", "Modo de usar", "Advertência",
    "Advertências", "Advertencias", "Precauções", "Precaucoes", "Cuidados", "Armazenamento", "Conservação",
    "Conservacao", "Anwendung", "Anwendungshinweis", "Anwendungshinweise", "Gebrauchsanweisung", "Warnhinweis",
    "Warnhinweise", "Vorsicht", "Achtung", "Aufbewahrung", "Lagerung", "Modo d'uso", "Modalità d'uso",
    "Modalita d'uso", "Istruzioni", "Istruzioni per l'uso", "Avvertenze", "Precauzioni", "Attenzione",
    "Conservazione", "사용법", "사용방법", "사용 방법", "주의사항", "주의 사항", "사용시 주의사항", "사용 시 주의사항",
    "사용할 때의 주의사항", "사용상의 주의사항", "보관방법", "보관 방법",
)  # fmt: skip
_PANEL_STARTS = frozenset(n[:3].lower() for n in _PANEL_NAMES)  # a line is tried only if it starts so


def _last_words(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Last three letters -> the last words of ``names`` ending so, each once, in the order of ``names``."""
    words: dict[str, dict[str, None]] = {}
    for n in names:
        words.setdefault(n[-3:].lower(), {})[re.split(r"[\s'’-]", n.lower())[-1]] = None
    return {end: tuple(ws) for end, ws in words.items()}


# a colon is tried only after a panel heading's last word: its last three letters -> the last words ending so
# ("ingredients" ends like "avertissements", not with it)
_PANEL_LAST = _last_words(_PANEL_NAMES)
# the first four letters of every panel heading, lower-cased: a heading alone on its line starts with one (the
# regex's letter choices, "c[oó]mo", "pr[ée]caution", all come later in a word or are spelled out in _PANEL_NAMES)
PANEL_FIRST = frozenset(n.lower().split()[0][:4] for n in _PANEL_NAMES)
# characters IGNORECASE folds into an ASCII letter that ``str.lower`` does not (NFKC leaves the first two)
ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")
_PANEL_LONGEST = max(len(w) for ws in _PANEL_LAST.values() for w in ws)
_TABLE_HINTS = (
    "superstar", "goodie", "icky", "humectant", "emollient", "solvent", "perfuming", "conditioning", "antioxidant",
    "preservative", "function", "what-it-does", "what it does", "moisturi", "soothing", "rating",
)  # fmt: skip
DISCLAIMER_RE = lazy_pattern(
    r"please\s+(?:be\s+aware|note|refer|see|check|consult|read)\b|"
    r"ingredients?(?:\s+lists?)?\s+(?:may|can|might|are\s+subject\s+to|is\s+subject\s+to)\s+(?:change|vary)|"
    r"(?:is|are)\s+subject\s+to\s+change|"
    r"refer\s+to\s+the\s+(?:ingredient\s+list\s+on\s+the\s+)?(?:product\s+)?packag|"
    r"for\s+the\s+most\s+(?:up[\s-]to[\s-]date|current|accurate|complete)\s+(?:list|ingredient)|"
    r"the\s+products?\s+you\s+receive|(?:product\s+)?(?:labels?|packaging)\s+may\s+(?:vary|differ|change)|"
    # footnote legends and certification notes: "(* = ingredient from organic farming)", "87 % organic of total"
    r"\(?[ \t]*\*+[ \t]*=|\d+(?:[.,]\d+)?\s*%\s+(?:of\s+)?(?:certified\s+)?(?:organic|natural)\b|"
    r"\bcertified\s+(?:organic\s+)?by\b",
    re.IGNORECASE,
)
# what ends the text before a disclaimer: a full stop or a line break (a sentence), or one of the list's separators
# (",;|•·", as exolabel.tokenizer.cut cuts at them: the text before is a list item, which the disclaimer never takes)
_BOUNDARY_RE = lazy_pattern(r"[.,;|\u2022\u00b7\n]")
_INGREDIENT_VERB_RE = lazy_pattern(r"ingredients?(?:\s+lists?)?\s+(?:may|can|might)")  # DISCLAIMER_RE's, lower-cased

_FUNCTIONS = (
    r"abrasive|absorbent|anti-?acne|anti-?caking|anti-?dandruff|anti-?foaming|anti-?microbial|anti-?bacterial|"
    r"anti-?oxidant|anti-?perspirant|anti-?static|anti-?inflammatory|astringent|binding|bleaching|buffering|bulking|"
    r"chelating|cleansing|colou?rant|denaturant|deodorant|depilatory|emollient|emulsifying|emulsifier|"
    r"emulsion\s+stabili[sz]ing|exfoliant|exfoliating|film[\s-]forming|flavou?ring|foam\s+boosting|foaming|"
    r"hair\s+conditioning|humectant|keratolytic|masking|moisturi[sz]ing|moisturi[sz]er|mattifier|opacifying|"
    r"oxidi[sz]ing|pearlescent|perfuming|plastici[sz]er|preservative|propellant|reducing|refatting|refreshing|"
    r"skin\s+conditioning|skin\s+protecting|skin[\s-]identical\s+ingredient|cell[\s-]communicating\s+ingredient|"
    r"skin\s+brightening|whitening|smoothing|solvent|soothing|sunscreen|uv\s+(?:absorber|filter)|surfactant|"
    r"tanning|tonic|viscosity\s+control(?:ling)?|ph\s+adjusters?|penetration\s+enhancer|thickener|"
    r"stabili[sz]er|slip\s+agent|scrub|dandruff\s+fighting|emollients?"
)
_RATINGS = r"superstar|goodie|icky|n/a"
_TAIL = rf"(?:\s*(?:{_FUNCTIONS}|{_RATINGS}|\d+(?:\s*-\s*\d+)?|[|,/&–—-]))+\s*"
TABLE_TAIL_RE = lazy_pattern(_TAIL, re.IGNORECASE)
_TABLE_WORD_RE = lazy_pattern(rf"\b(?:{_FUNCTIONS}|{_RATINGS})\b", re.IGNORECASE)
_FUNCTION_WORD_RE = lazy_pattern(rf"\b(?:{_FUNCTIONS})\b", re.IGNORECASE)
TABLE_HEADER_RE = lazy_pattern(
    r"^[ \t|]*(?:ingredients?(?:\s+name)?|inci(?:\s+name)?)[ \t|]+(?:function|what[\s-]it[\s-]does|rating)\b.*$|"
    r"^[ \t|]*(?:irr\.?,?\s*com\.?|id[\s-]rating|[-|: \t]{3,})[ \t|]*$",
    re.IGNORECASE | re.MULTILINE,
)


# the header row of a table flattened onto one line, up to its last column name
_INLINE_HEADER_RE = lazy_pattern(
    r"(?<![^\W\d_])(?:ingredients?(?:\s+name)?|inci(?:\s+name)?)\s+(?:function|what[\s-]it[\s-]does)"
    r"(?:\s*(?:irr\.?,?\s*com\.?|id[\s-]rating|rating|acne|irritant|safety)(?![^\W\d_]))*",
    re.IGNORECASE,
)
# a run of cells between two names: it starts with a function or rating word; a number in it is a rating only when a
# space, ", " or the end follows ("0, 0 superstar"), and a separator only when no digit does, so "1,2-Hexanediol"
# after a run starts the next name
_WORD_CELL = rf"(?:{_FUNCTIONS}|{_RATINGS})(?![\w-])"
_CELLS_RE = lazy_pattern(
    rf"(?<![\w-]){_WORD_CELL}(?:\s*(?:{_WORD_CELL}|\d+(?:\s*-\s*\d+)?(?=\s|,\s|$)|[|,/&–—-](?!\d)))*",
    re.IGNORECASE,
)
# a flattened table has one of these: its header's "what-it-does" or INCIDecoder's top rating
_INLINE_WORDS = ("does", "superstar")
_RATING_RE = lazy_pattern(rf"\b(?:{_RATINGS})\b", re.IGNORECASE)


def inline_table_spans(t: str, low: str, has: Has | None = None) -> list[tuple[int, int]]:
    """The header and the runs of cells of an ingredient-website table flattened onto the one line ``t`` (``low``:
    ``t.lower()``), sorted; each ends the name before it. Empty unless the line holds "does" or "superstar" (the gate)
    and a table header or two runs that hold a rating word."""
    if "\n" in t:
        return []
    if not any(map(has or low.__contains__, _INLINE_WORDS)):
        return []
    header = _INLINE_HEADER_RE.search(t)
    runs = [(m.start(), m.end()) for m in _CELLS_RE.finditer(t, header.end() if header is not None else 0)]
    if header is None:
        if sum(1 for a, b in runs if _RATING_RE.search(t, a, b)) < 2:
            return []
        return runs
    return [(header.start(), header.end()), *runs]


def panel_starts(t: str, has: Has | None = None) -> list[int]:
    """Where the label's other panels start (directions, warnings, storage... in seven languages): a panel word
    just before a colon, or alone on its line (looked for only when the text holds a panel heading's first word,
    ``has``: see ``Has``)."""
    found: set[int] = set()
    p = t.find(":")
    while p != -1:
        # a panel word ends right before the colon: its last letters are one of the panel words' last letters
        end = p
        while end > 0 and t[end - 1] in " \t":
            end -= 1
        tail = t[max(0, end - _PANEL_LONGEST) : end].lower()
        if tail.endswith(_PANEL_LAST.get(tail[-3:], ())):
            for m in PANEL_RE.finditer(t, max(0, p - 60), p + 1):
                if m.end() == p + 1:
                    found.add(m.start())
        p = t.find(":", p + 1)
    if "\n" in t and (
        has is None or holds_any(has, PANEL_FIRST) or (not t.isascii() and any(c in t for c in ODD_FOLDS))
    ):
        pos = 0
        for line in t.split("\n"):
            head = line.lstrip()
            if len(head) < 60 and head[:3].lower() in _PANEL_STARTS:
                m = PANEL_RE.match(line, len(line) - len(head))
                if m is not None and not line[m.end() :].strip(" \t:："):
                    found.add(pos + m.start())
            pos += len(line) + 1
    return sorted(found)


def disclaimer_starts(t: str, low: str | None = None, has: Has | None = None) -> list[int]:
    """Where retailer disclaimers, footnote legends and certification notes start. ``low``: ``t.lower()`` when the
    caller has it (and ``has``, see ``Has``)."""
    if not may_hold_disclaimer(t, low, has):
        return []
    starts = []
    for m in DISCLAIMER_RE.finditer(t):
        # from the start of its sentence when a full stop or a line break, not a list separator, ends the text before
        # it ("Net wt. 50 ml. Aqua | Glycerin Please note..." keeps Aqua and Glycerin)
        before = [b.start() for b in _BOUNDARY_RE.finditer(t, max(0, m.start() - 200), m.start())]
        starts.append(before[-1] + 1 if before and t[before[-1]] in ".\n" else m.start())
    return starts


def may_hold_disclaimer(t: str, low: str | None = None, has: Has | None = None) -> bool:
    """False only when DISCLAIMER_RE cannot match the prepared text ``t``: each of its branches needs one of these
    words or signs (a hypothesis test holds the two together). The text is lower-cased once; a dotless or dotted
    capital I, which IGNORECASE folds into "i" but ``lower`` does not, leaves the decision to the regex. ``low``:
    ``t.lower()`` when the caller has it (and ``has``, see ``Has``)."""
    if "=" in t:
        return True
    if low is None:
        low = t.lower()
    if not low.isascii() and ("\u0131" in low or "i\u0307" in low):
        return True
    if has is None:
        has = low.__contains__
    return (
        has("lease")  # please ...
        or has("ubject")  # ... subject to change
        or has("ackag")  # refer to the packaging; packaging may vary
        or has("receive")  # the products you receive
        or has("ertified")  # certified by
        or (has("most") and has("for"))  # for the most up-to-date list
        or (has("label") and has("may"))  # labels may vary
        or ("%" in t and (has("rganic") or has("atural")))  # 87 % organic of total
        or (has("ingredient") and _INGREDIENT_VERB_RE.search(low) is not None)  # ingredient lists may change
    )


# after a header word at a line's start, no colon: a capitalised first name (a full stop only inside it, "Alcohol
# Denat.,") and a list separator ("Inactive Ingredients Water, Glycerin", "INGREDIENTS AQUA, GLYCERIN")
_INLINE_LIST_RE = lazy_pattern(r"[ \t]*(?<=[ \t])[A-Z0-9](?:[^\n,;:.]|\.(?![ \t]))*[,;]")


def header_lines(t: str, header: re.Pattern[str], colon_starts: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The spans of the ingredient headers without a colon at a line's start (``header``: the mask's HEADER_LINE_RE):
    a header alone on its line in a text of several lines ("INGREDIENTS" above the list), or a header before a list
    on its line ("Inactive Ingredients Water, Glycerin": a capitalised first name, then ", " or ";"; not "Ingredients
    may vary, ..."). ``colon_starts``: where the headers before a colon start (a line that starts with one has no
    other)."""
    out: list[tuple[int, int]] = []
    several = "\n" in t
    pos = 0
    while True:
        nl = t.find("\n", pos) if several else -1
        end = len(t) if nl == -1 else nl
        if several and end - pos < 60 and header.fullmatch(t, pos, end):
            out.append((pos, end))
        elif (
            pos not in colon_starts
            and (t.find(", ", pos, end) != -1 or t.find(";", pos, end) != -1)
            and (m := header.match(t, pos, end)) is not None
            and _INLINE_LIST_RE.match(t, m.end(), min(end, m.end() + 80)) is not None
        ):
            out.append((pos, m.end()))
        if nl == -1:
            return out
        pos = nl + 1


def wipe_title(t: str, first: int, edits: list[tuple[int, int, str]]) -> None:
    """Add the edit that wipes the text before the label's first heading at ``first`` (a product name or a sentence
    above "Ingredients:" or a Drug Facts panel), unless it holds a list separator (a list comes first)."""
    pre = t[:first]
    if pre.strip() and not any(c in pre for c in ",;•·|"):
        edits.append((0, first, "wipe"))


def holds_any(has: Has, words: frozenset[str]) -> bool:
    """Does the text ``has`` answers for hold any of ``words``?"""
    found = getattr(has, "__self__", None)
    if isinstance(found, set):  # the words found in one pass (exolabel._fast.words.WordScan.has)
        return not found.isdisjoint(words)
    return any(map(has, words))


# every word the gates of this module ask ``has`` about
GATE_WORDS = (
    "lease", "ubject", "ackag", "receive", "ertified", "most", "for", "label", "may", "rganic", "atural", "ingredient",
    *_INLINE_WORDS, *_TABLE_HINTS, *sorted(PANEL_FIRST),
)  # fmt: skip


def table_spans(t: str, has: Has | None = None) -> list[tuple[int, int]]:
    """The function columns, ratings and header rows of an ingredient-website table copied with the list (``has``:
    see ``Has``)."""
    if "\n" not in t and "|" not in t:
        return []
    if not any(map(has or t.lower().__contains__, _TABLE_HINTS)):
        return []
    spans = [(m.start(), m.end()) for m in TABLE_HEADER_RE.finditer(t) if m.group().strip()]
    headers = bool(spans)
    tails = []
    pos = 0
    for line in t.split("\n"):
        tail = _line_tail(line)
        if tail is not None:
            tails.append((pos + tail, pos + len(line)))
        pos += len(line) + 1
    if len(tails) >= 2 or headers:
        spans.extend(tails)
    return sorted(spans)


MAX_TABLE_LINE = 400  # a longer line is never read as a table row: each row tries a tail from every space in it


def _line_tail(line: str) -> int | None:
    """Where the table columns after a name begin on ``line`` (the whole line when it holds no name), or None."""
    if len(line) > MAX_TABLE_LINE or not _TABLE_WORD_RE.search(line):
        return None
    starts = [0] + [i + 1 for i, c in enumerate(line) if c in " \t|"]
    for p in starts:
        rest = line[p:]
        if rest[:1].isdigit() and _FUNCTION_WORD_RE.search(rest):
            continue  # the function column comes before the ratings: a number before it ends the name (Polysorbate 20)
        if rest.strip() and TABLE_TAIL_RE.fullmatch(rest) and _TABLE_WORD_RE.search(rest):
            return p
    return None


# the header modifiers that head a label's highlights rather than its list (HEADER_TAIL_RE reads "key ingredients")
HIGHLIGHT_WORDS = ("key",)


class Highlight(NamedTuple):
    """A "Key ingredients:" block beside the full list (:func:`highlight_blocks`): where its header starts, and the
    block after the header (``start`` to ``end``)."""

    head: int
    start: int
    end: int


def highlight_blocks(t: str, header_spans: list[tuple[int, int]]) -> list[Highlight]:
    """The blocks under a "Key ingredients:" header when another ingredient header heads the full list: the label's
    highlights, not its list ("Key Ingredients: Plant Exosomes, Niacinamide. Full Ingredients: Aqua, ..."). Each
    runs from the end of its header to the start of the next header, or to the end of the text. A "Key ingredients:"
    header with no other heads the only list there is: nothing. ``header_spans``: the headers' spans, sorted."""
    if len(header_spans) < 2:
        return []
    keys = [i for i, (a, b) in enumerate(header_spans) if t[a:b].lstrip().lower().startswith(HIGHLIGHT_WORDS)]
    if not keys or len(keys) == len(header_spans):
        return []
    ends = [a for a, _ in header_spans[1:]] + [len(t)]
    return [Highlight(header_spans[i][0], header_spans[i][1], ends[i]) for i in keys]


def highlight_text(block: str) -> str:
    """A highlight block as one line of text, as a claim reads: its lines joined ("KEY INGREDIENTS:\nPlant
    Exosomes\nNiacinamide" -> "KEY INGREDIENTS: Plant Exosomes, Niacinamide"), spaces collapsed."""
    lines = [" ".join(line.split()) for line in block.splitlines()]
    out = ""
    for line in filter(None, lines):
        out += line if not out else (" " if out.endswith((":", ",", ";")) else ", ") + line
    return out
