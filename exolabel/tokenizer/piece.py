"""One ingredient piece as written -> :class:`ParsedName`: cleaning, amount, brackets, aliases, markers.

A piece is what the tokenizer cut out of a label ("Butyrospermum Parkii (Shea) Butter", "Niacinamide 5%",
"Aqua/Water/Eau", "PerfumingLinalool [more]"). Its parse depends on its text alone (and the vocabulary), so the
tokenizer and the scanner memoize it per piece. Pure; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.make import make_parsed
from exolabel.model import Concentration, ParsedName
from exolabel.tokenizer.amount import parse_leading_percent, parse_trailing_concentration
from exolabel.tokenizer.names import FUNCTION_LABEL_RE, glued_function_label, normalize_key, ocr_fix

_HYPHEN_BREAK_RE = lazy_pattern(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")
_WS_RE = lazy_pattern(r"\s+")
_DEBRIS_RE = lazy_pattern(
    r"\[\s*(?:more|less|\.\.\.|…|read more|see more|show more|show less|details)\s*\]|"
    r"\(\s*(?:more|less)\s*\)|\b(?:read more|show more|see more|show less)\b|…$",
    re.IGNORECASE,
)
_STARS_RE = lazy_pattern(r"(?:(?<!\s)\s+)?(?<!\*)(\*+)(?=\s|$|[\)\],.])")
_GROUP_RE = lazy_pattern(r"[\(\[]([^()\[\]]*)[\)\]]")
_NANO_RE = lazy_pattern(r"^\s*nano\s*$", re.IGNORECASE)
_FOOTNOTE_MARK_RE = lazy_pattern(r"\d{1,2}|[*†‡§#^]{1,3}|[a-z]")
_PARTICLES = frozenset(("de", "du", "des", "d'", "la", "le", "les", "di", "del", "della", "da", "do", "der", "von"))
_TRAILING_DIGITS_RE = lazy_pattern(r"(?<=[a-z])\d{1,2}$")
_LEADING_DIGITS_RE = lazy_pattern(r"^\d{1,2}(?=[a-z])")
_PERCENT_END_RE = lazy_pattern(r"\d\s*%$")  # an amount ends the text
_EDGE_PUNCT = " .,;:-+>\u2022\u00b7"


def _without_function_label(s: str, canonical: Callable[[str], str | None] | None) -> str:
    """``s`` without the function column of a copied table glued to it ("Solvent Glycerin", "GlycerinHumectant").
    With the vocabulary, a known name keeps its words ("Solvent Green 3" is a colorant, not "Green 3"), and so does an
    unknown name whose remainder would be one unknown word ("Skin Conditioning Complex", not "Complex")."""
    out = FUNCTION_LABEL_RE.sub("", s)
    if out == s or canonical is None:
        return out
    if canonical(normalize_key(s)):
        return s
    return out if canonical(normalize_key(out)) or " " in out.strip() else s


def parse_piece(piece: str, canonical: Callable[[str], str | None] | None = None) -> ParsedName:
    """What one ingredient piece says (name, key, aliases, common name, amount, markers), from its text alone.

    ``canonical`` (the known-INCI vocabulary: key -> name, or None) decides whether brackets and slashes are part
    of a known name, and whether an OCR repair of the key is taken; without it the conservative reading holds.
    """
    s = _HYPHEN_BREAK_RE.sub("", piece) if "\n" in piece else piece
    s = collapse_ws(s).strip()
    s = drop_debris(s)
    if glued_function_label(s):  # what FUNCTION_LABEL_RE needs
        s = _without_function_label(s, canonical)
    markers: list[str] = []
    if "*" in s:
        s = _without_stars(s, markers)
    conc: Concentration | None
    if "%" in s and s[-1:].isalpha():  # "Avobenzone 3% Sunscreen": a Drug Facts row flattened into the list
        s = without_purpose(s)
    if s[-1:] == "-" and "%" in s:  # "Aqua 5%-": a dash after the amount is no part of it
        s = s.rstrip("- ")
    s, conc = parse_trailing_concentration(s)
    if conc is not None and s.endswith("*"):  # "Aqua*5%": the mark stood before the amount
        s = _without_stars(s, markers)
    if conc is None and canonical is not None and "%" in s[:12]:  # "20% Zinc Oxide": the amount before a known name
        lead = parse_leading_percent(s)
        if lead is not None and canonical(normalize_key(without_groups(lead[0]))):
            s, conc = lead
    aliases: list[str] = []
    common: str | None = None
    key_text = s
    # bracket groups: form "(nano)", alias "(Aqua)", common name "(Shea)"; none when the vocabulary knows the
    # name with its brackets ("Hydrogenated Poly(C6-14 Olefin)"): there they are part of the name
    groups = _GROUP_RE.finditer(s) if "(" in s or "[" in s else ()
    if groups and canonical is not None and canonical(normalize_key(s)):
        groups = ()
    elif groups:
        at = nested_tail(s)  # "Shea Butter (Butyrospermum Parkii (Shea) Butter)": a trailing name with its own brackets
        if at is not None and s[:at].strip() and not any(c in s[at:] for c in ",;"):  # (one name, not a sub-list)
            aliases.append(s[at + 1 : -1].strip())
            s = s[:at].rstrip()
            groups = _GROUP_RE.finditer(s) if "(" in s or "[" in s else ()
    for m in reversed(list(groups)):
        content = m.group(1).strip()
        before, after = s[: m.start()].rstrip(), s[m.end() :].strip()
        if not content:
            s = (before + " " + after).strip()
        elif _FOOTNOTE_MARK_RE.fullmatch(content):  # "Green Tea[2] Leaf Oil", "Glycerin (1)": a footnote mark
            markers.append("footnote:" + content)
            inside = s[m.start() - 1 : m.start()].isalnum() and s[m.end() : m.end() + 1].isalnum()
            s = (before + ("" if inside else " ") + after).strip()  # "Saccharomyce[13]s" was one word
        elif _NANO_RE.match(content):
            markers.append("nano")
            s = (before + " " + after).strip()
        elif after and after[0].isalnum() and before:
            if common is None:
                common = content  # "Butyrospermum Parkii (Shea) Butter": common name inside the name
        else:
            aliases.insert(0, content)  # trailing "(Aqua)", "(Vitamin E)": an alias of the name
            s = (before + " " + after).strip()
    if conc is None and aliases:  # "Niacinamide 5% (Vitamin B3)": the amount stood before the alias bracket
        s, conc = parse_trailing_concentration(s)
    key_text = without_groups(s) if common is not None else s
    name = s.strip(_EDGE_PUNCT)
    if name.startswith("*"):  # "*Lavandula Angustifolia Oil": a leading mark (organic, °, ¹) is a footnote mark too
        stripped = name.lstrip("*")
        mark = "footnote:" + name[: len(name) - len(stripped)]
        if mark not in markers:
            markers.append(mark)
        name = stripped.strip()
    key = normalize_key(key_text)
    if "\\" in name:  # "Water\\Aqua\\Eau": a backslash never occurs inside an INCI name
        parts = [p.strip(_EDGE_PUNCT) for p in name.split("\\") if p.strip(_EDGE_PUNCT)]
        if parts:
            name, aliases = parts[0], [*parts[1:], *aliases]
            # a common name in brackets is no part of the key, as above ("Hordeum Vulgare (Barley) Extract\\...")
            key = normalize_key(without_groups(name) if common is not None and "(" in name else name)
    if "/" in name and canonical is not None and not canonical(key):
        parts = [p.strip(_EDGE_PUNCT) for p in name.split("/")]
        # a common name in brackets ("Hordeum Vulgare (Barley) Extract/Extrait D'orge") is no part of the INCI name
        plain = [without_groups(p) if common is not None and "(" in p else p for p in parts]
        known = [bool(p and canonical(normalize_key(p))) for p in plain]
        # synonyms in several languages ("Aqua/Water/Eau", "Lactis Proteinum/Milk Protein/Protéine du lait"):
        # split when the vocabulary knows every part, or two of them and the rest read as translations;
        # "Epigallocatechin Gallate/Biotin/.../Mouse Fibroblast Conditioned Media" stays one INCI name
        # EU multilingual forms ("Sea Salt/Maris Sal/Sel Marin", "Yeast Extract/Faex/Extrait De Levure"): three parts
        # at most, two of them known, or the first known and the others translations; a longer slash name with two
        # known parts ("Lactobacillus/Milk/... Ferment Lysate") is one INCI name
        n_known = sum(known)
        short_unknown = all(k or p.count(" ") < 3 for p, k in zip(parts, known, strict=True))
        if (
            len(parts) > 1
            and all(parts)
            and (
                all(known)
                or (n_known >= 2 and len(parts) <= 3 and short_unknown)
                or (n_known >= 2 and all(k or _translation_like(p) for p, k in zip(parts, known, strict=True)))
                or (known[0] and all(_translation_like(p) for p in parts[1:]))
                # "Coriandrum Sativum Seed Oil / Coriander Seed Oil", "Beta Vulgaris Root Extract/Beta Vulgaris": the
                # INCI name, then its common name with the same head noun or its binomial alone, none a known name
                or (known[0] and not any(known[1:]) and all(_restated(p, plain[0]) for p in parts[1:]))
            )
        ):
            first = known.index(True)
            name, aliases = parts[first], [p for i, p in enumerate(parts) if i != first] + aliases
            key = normalize_key(plain[first])
    fixed = ocr_fix(key)
    if fixed != key and (canonical is None or canonical(fixed)):
        key = fixed
        markers.append("ocr")
    elif canonical is not None and (key[-1:].isdigit() or key[:1].isdigit()) and not canonical(key):
        # "Glycerin14", "Fragrance20", "3Glycerin": footnote numbers glued to a name the vocabulary knows without them
        lead = _LEADING_DIGITS_RE.match(key)
        tail = _TRAILING_DIGITS_RE.search(key)
        for cut_lead, cut_tail in ((None, tail), (lead, None), (lead, tail)):
            if cut_lead is None and cut_tail is None:
                continue
            a = cut_lead.end() if cut_lead is not None else 0
            b = cut_tail.start() if cut_tail is not None else len(key)
            if a < b and canonical(key[a:b]):
                for cut in (cut_lead, cut_tail):
                    if cut is not None:
                        markers.append("footnote:" + cut.group())
                name = _strip_glued_digits(name, cut_lead is not None, cut_tail is not None)
                key = key[a:b]
                break
    return make_parsed(name, key, tuple(aliases), common, conc, tuple(markers))


def _without_stars(s: str, markers: list[str]) -> str:
    """``s`` without its footnote stars ("Aqua*", "Glycerin **"), each kind added to ``markers`` once."""
    found = _STARS_RE.findall(s)
    markers.extend(m for m in sorted({"footnote:" + st for st in found}) if m not in markers)
    return _STARS_RE.sub("", s) if found else s


def without_purpose(s: str) -> str:
    """``s`` without the Drug Facts purpose that ends it after an amount ("Avobenzone 3% Sunscreen" -> "Avobenzone
    3%"; purposes are the data of :mod:`exolabel.tokenizer.drugfacts`), so the amount is read as the ingredient's;
    ``s`` itself when no purpose follows an amount."""
    from exolabel.tokenizer.drugfacts import patterns

    for m in patterns().purpose.finditer(s):
        if m.end() == len(s):
            head = s[: m.start()].rstrip()
            return head if _PERCENT_END_RE.search(head) else s
    return s


def without_groups(name: str) -> str:
    """``name`` without its innermost bracket groups, as a key is made ("Butyrospermum Parkii (Shea) Butter" ->
    "Butyrospermum Parkii  Butter")."""
    return _GROUP_RE.sub(" ", name)


def nested_tail(s: str) -> int | None:
    """Where the bracket group that ends ``s`` opens, when that group holds a bracket group of its own ("Shea
    Butter (Butyrospermum Parkii (Shea) Butter)" -> 12); None otherwise, or when the brackets do not balance."""
    if s[-1:] not in (")", "]"):
        return None
    depth, inner = 0, False
    for i in range(len(s) - 1, -1, -1):
        c = s[i]
        if c in ")]":
            depth += 1
            inner = inner or depth == 2
        elif c in "([":
            depth -= 1
            if depth == 0:
                return i if inner else None
            if depth < 0:
                return None
    return None


def _strip_glued_digits(name: str, lead: bool, tail: bool) -> str:
    if tail:
        name = name.rstrip("0123456789")
    if lead:
        name = name.lstrip("0123456789")
    return name


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


def _restated(part: str, first: str) -> bool:
    """Does ``part`` restate the INCI name ``first`` in other words: a translation, a name with the same last word
    (its head noun: "Coriander Seed Oil" for "Coriandrum Sativum Seed Oil"), or the start of it ("Beta Vulgaris")?"""
    if _translation_like(part):
        return True
    key, whole = normalize_key(part), normalize_key(first)
    return bool(key) and (key.rsplit(" ", 1)[-1] == whole.rsplit(" ", 1)[-1] or whole.startswith(key + " "))


def _translation_like(part: str) -> bool:
    """'Protéine du lait', 'Huile végétale', 'Extrait De Levure', "Extrait D'orge": non-ASCII letters, lower-case
    words, the articles and prepositions of a phrase or a French elided article ("d'", "l'"), unlike INCI names."""
    words = part.split()
    return (
        not part.isascii()
        or any(w[:1].islower() for w in words[1:])
        or any(w.casefold() in _PARTICLES for w in words[1:-1])
        or any(w[1:2] in "'’" and w[:1].casefold() in "dl" and w[2:3].isalpha() for w in words[1:])
    )
