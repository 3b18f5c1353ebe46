"""One ingredient piece as written -> :class:`ParsedName`: cleaning, amount, brackets, aliases, markers.

A piece is what the tokenizer cut out of a label ("Butyrospermum Parkii (Shea) Butter", "Niacinamide 5%",
"Aqua/Water/Eau", "PerfumingLinalool [more]"). Its parse depends on its text alone (and the vocabulary), so the
tokenizer and the scanner memoize it per piece. Pure; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from exolabel.model import Concentration, ParsedName
from exolabel.tokenizer.amount import parse_trailing_concentration
from exolabel.tokenizer.names import FUNCTION_LABEL_RE, glued_function_label, normalize_key, ocr_fix

_HYPHEN_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")
_WS_RE = re.compile(r"\s+")
_DEBRIS_RE = re.compile(
    r"\[\s*(?:more|less|\.\.\.|…|read more|see more|show more|show less|details)\s*\]|"
    r"\(\s*(?:more|less)\s*\)|\b(?:read more|show more|see more|show less)\b|…$",
    re.IGNORECASE,
)
_STARS_RE = re.compile(r"(?:(?<!\s)\s+)?(?<!\*)(\*+)(?=\s|$|[\)\],.])")
_GROUP_RE = re.compile(r"[\(\[]([^()\[\]]*)[\)\]]")
_NANO_RE = re.compile(r"^\s*nano\s*$", re.IGNORECASE)
_EDGE_PUNCT = " .,;:-+>\u2022\u00b7"


def parse_piece(piece: str, canonical: Callable[[str], str | None] | None = None) -> ParsedName:
    """What one ingredient piece says (name, key, aliases, common name, amount, markers), from its text alone.

    ``canonical`` (the known-INCI vocabulary: key -> name, or None) decides whether brackets and slashes are part
    of a known name, and whether an OCR repair of the key is taken; without it the conservative reading holds.
    """
    s = _HYPHEN_BREAK_RE.sub("", piece) if "\n" in piece else piece
    s = collapse_ws(s).strip()
    s = drop_debris(s)
    if glued_function_label(s):  # what FUNCTION_LABEL_RE needs
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
    if groups and canonical is not None and canonical(normalize_key(s)):
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
    if "/" in name and canonical is not None and not canonical(key):
        parts = [p.strip(_EDGE_PUNCT) for p in name.split("/")]
        known = [bool(p and canonical(normalize_key(p))) for p in parts]
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
    if fixed != key and (canonical is None or canonical(fixed)):
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
