"""Name normalization shared by the tokenizer, the vocabulary and the lexicon.

``normalize_key`` is the one function that turns any spelling of an ingredient name into its lookup key:
casefolded, whitespace collapsed, spaces around "/" and "-" removed, trailing periods dropped. Keeping it in
one place is what makes "Caprylic / Capric Triglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE" and
"Caprylic/Capric Triglyceride." the same ingredient everywhere.
"""

from __future__ import annotations

import re

from exolabel._fast.lazy import lazy_pattern
from exolabel._fast.memo import KEY_BYTES, KEY_ENTRY, NAMES, memoized

_WS = lazy_pattern(r"\s+")
_AROUND = lazy_pattern(r"(?:(?<!\s)\s+)?([/\-])\s*")
_QUOTES = lazy_pattern(r"[\"'`]")
_TRAIL = lazy_pattern(r"(?<![\s.,;:*])[\s.,;:*]+$")
_LEAD = lazy_pattern(r"^[\s.,;:*\-+>]+")
# OCR confusions inside words: "Phenoxyethano1" -> "phenoxyethanol", "Dimeth0ne" -> "dimethone".
_OCR_ONE = lazy_pattern(r"(?<=[a-z]{3})1(?=[a-z]|\b)")
_OCR_ZERO = lazy_pattern(r"(?<=[a-z]{2})0(?=[a-z])|(?<=[a-z]{3})0\b")
_CAMEL = lazy_pattern(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
_GRADE = lazy_pattern(r"(?<!\s)\s+(?:usp|nf|bp|ep|jp|fcc|ph\.?\s?eur\.?|usp/nf)$")
_EDGE_TRAIL = frozenset(".,;:*")  # with whitespace: what _TRAIL strips
_EDGE_LEAD = frozenset(".,;:*-+>")  # with whitespace: what _LEAD strips
_GRADE_ENDS = ("usp", "nf", "bp", "ep", "jp", "fcc", "eur", "eur.")  # how each _GRADE alternative ends
_COMPACT = lazy_pattern(r"[\s\-/.,'()]+")
_COMPACT_CHARS = " -/.,'()"

# INCIDecoder-style function columns glued to a name when a table is copied: "PerfumingLinalool".
FUNCTION_LABELS = (
    "Abrasive",
    "Absorbent",
    "Anti-Acne",
    "Anticaking",
    "Antimicrobial",
    "Antioxidant",
    "Antistatic",
    "Astringent",
    "Buffering",
    "Bulking",
    "Cell-Communicating Ingredient",
    "Chelating",
    "Colorant",
    "Deodorant",
    "Emollient",
    "Emulsifying",
    "Emulsion Stabilising",
    "Exfoliant",
    "Film Forming",
    "Hair Conditioning",
    "Humectant",
    "Masking",
    "Moisturizer/Humectant",
    "Opacifying",
    "Perfuming",
    "Preservative",
    "Refreshing",
    "Skin Brightening",
    "Skin Conditioning",
    "Skin-Identical Ingredient",
    "Smoothing",
    "Solvent",
    "Soothing",
    "Sunscreen",
    "Surfactant/Cleansing",
    "Tonic",
    "Viscosity Controlling",
)
_FL_HEADS = frozenset(f[:3] for f in FUNCTION_LABELS)  # every label has 3+ characters
_FL_TAILS = frozenset(f[-3:] for f in FUNCTION_LABELS)


def glued_function_label(s: str) -> bool:
    """``s.startswith(FUNCTION_LABELS) or s.endswith(FUNCTION_LABELS)`` (what FUNCTION_LABEL_RE needs), after a
    set lookup of the first and last three characters that rejects almost every name."""
    return (s[:3] in _FL_HEADS and s.startswith(FUNCTION_LABELS)) or (
        s[-3:] in _FL_TAILS and s.endswith(FUNCTION_LABELS)
    )


_FL = "|".join(re.escape(f) for f in sorted(FUNCTION_LABELS, key=len, reverse=True))
FUNCTION_LABEL_RE = lazy_pattern(rf"^(?:(?:{_FL}),?\s?)+(?=[A-Z][a-z0-9])|(?<=[a-z])(?:{_FL})$")


@memoized(NAMES, KEY_BYTES, KEY_ENTRY)  # the Scanner memoizes whole pieces; this serves new ones and the lexicon build
def normalize_key(name: str) -> str:
    """The lookup key for an ingredient name (pure; memoized, since catalogues repeat names endlessly)."""
    # each substitution runs only when its pattern can match (tests/test_normalize.py checks the guards)
    # "Ipomoea Batatas RootExtract" -> "... Root Extract"; in title case no capital follows a letter: no camel case
    if not name.isupper() and not name.islower() and not name.istitle():
        name = _CAMEL.sub(" ", name)
    k = name.casefold()
    if '"' in k or "'" in k or "`" in k:
        k = _QUOTES.sub("", k)
    if not (k.isascii() and k.isprintable()) or "  " in k:
        k = _WS.sub(" ", k)
    if "/" in k or "-" in k:
        k = _AROUND.sub(r"\1", k)
    if k and (k[-1] in _EDGE_TRAIL or k[-1].isspace()):
        k = _TRAIL.sub("", k)
    if k and (k[0] in _EDGE_LEAD or k[0].isspace()):
        k = _LEAD.sub("", k)
    if k.endswith(_GRADE_ENDS):
        k = _GRADE.sub("", k)  # pharmacopoeia grades: "Caffeine USP"
    return k


def compact_key(key: str) -> str:
    """A looser key: no spaces, hyphens, slashes or periods ("ethyl hexyl palmitate" == "ethylhexyl palmitate")."""
    if key.isascii() and key.isprintable():  # the same deletions as _COMPACT: the only whitespace here is " "
        for c in _COMPACT_CHARS:
            if c in key:
                key = key.replace(c, "")
        return key
    return _COMPACT.sub("", key)


def ocr_fix(key: str) -> str:
    """Repair digit-for-letter OCR confusions inside words of a normalized key."""
    if "1" not in key and "0" not in key:
        return key
    return _OCR_ZERO.sub("o", _OCR_ONE.sub("l", key))


_DIGITS = lazy_pattern(r"\d+")


def digits_of(key: str) -> tuple[str, ...]:
    """The whole numbers in a key: "oligopeptide-177" -> ("177",). Fuzzy matches must agree on them."""
    return tuple(_DIGITS.findall(key))
