"""Concentrations printed next to an ingredient: "5%", "(0.1 %)", "10,000 ppm", "2 billion exosomes/mL",
"1.2x10^10 per vial", "1,000億".

``parse_trailing_concentration(piece)`` takes one ingredient piece and returns it without the amount, plus the
:class:`Concentration`. Values of 100 % or more are marketing, not concentrations; "5% solution" is the
strength of a raw material, not of the product. A range ("1-5%", "0.5 to 1 ppm") keeps its text and
its upper end as the value: the most the label says the product may hold. Pure.
"""

from __future__ import annotations

import re

from exolabel._fast.lazy import lazy_pattern
from exolabel.model import Concentration

# A number starts where no digit, dot or comma precedes it: without that anchor, a long run of digits that ends
# in no unit is retried from every position (quadratic; see benchmarks/bench_worst.py).
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:[,.]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)"
_QUAL = r"(?:(?:<|>|≤|≥|~|≈|max\.?|min\.?|up\s+to|approx\.?|about|at\s+least)\s*)?"
# "1-5 %", "0.5 to 1 ppm": a range's low end (not glued to a name: "Vitamin B3-5%" is B3 at 5 %)
_LOW = r"(?:(?<![\w.,])(?:\d+(?:[.,]\d+)?)\s*(?:-|–|~|to)\s*)?"
_PER = (
    r"(?:\s*(?:/|per)\s*(?P<per>ml|l|g|kg|oz|vial|bottle|ampoule|ampule|dose|use|application|serving|jar|tube|"
    r"pack|kit|treatment|session)\b)?"
)
_UNITWORD = r"(?:\s*(?:exosomes?|particles?|vesicles?|evs?|nanoparticles?|pcs))?"
_MULT = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "万": 1e4,
    "萬": 1e4,
    "億": 1e8,
    "亿": 1e8,
    "억": 1e8,
    "만": 1e4,
    "조": 1e12,
    "兆": 1e12,
}
_PERCENT = lazy_pattern(
    rf"(?P<q>{_QUAL}){_LOW}(?P<num>{_NUM})\s*%(?:\s*(?:w/w|w/v|v/v|wt))?(?P<sol>\s+(?:solution|soln\.?|sol\.|aq\.?|"
    rf"aqueous(?:\s+solution)?|in\s+\w+))?",
    re.IGNORECASE,
)
_PPM = lazy_pattern(
    rf"(?P<q>{_QUAL}){_LOW}(?P<num>{_NUM})\s*(?P<unit>ppm|ppb|mg\s*/\s*(?:ml|g|kg)|µg\s*/\s*ml)", re.IGNORECASE
)
_SCI = lazy_pattern(
    rf"(?P<num>{_NUM})\s*(?:x|×|\*)\s*10\s*(?:\^|\*\*|e)?\s*(?P<exp>\d{{1,2}}){_UNITWORD}{_PER}", re.IGNORECASE
)
_WORDS = lazy_pattern(
    rf"(?P<num>{_NUM})\s*(?P<mult>thousand|million|billion|trillion|bn|mn|[kmb](?=\s*(?:exosome|particle|vesicle|ev|/|per))|"
    rf"万|萬|億|亿|억|만|조|兆){_UNITWORD}{_PER}",
    re.IGNORECASE,
)
_COUNT_PLAIN = lazy_pattern(
    rf"(?P<num>{_NUM})\s*(?P<unitword>exosomes?|particles?|vesicles?|evs?|nanoparticles?){_PER}", re.IGNORECASE
)
# DailyMed's strength column, "numerator in denominator" as the FDA's SPL stylesheet prints it: "20 mg  in 1 mL", "0.5 g
# in 100 mL" (exolabel/tokenizer/spl.py)
_STRENGTH = lazy_pattern(
    rf"(?P<num>{_NUM})\s*(?P<unit>mg|g|kg|mcg|µg|ug|ml|l)\s+in\s+(?P<den>{_NUM})\s*(?P<dunit>mg|g|kg|ml|l)(?![^\W\d_])",
    re.IGNORECASE,
)
# grams per unit, a millilitre taken as a gram (a strength per volume read as % w/v)
_GRAMS = {"mg": 1e-3, "g": 1.0, "kg": 1e3, "mcg": 1e-6, "µg": 1e-6, "ug": 1e-6, "ml": 1.0, "l": 1e3}
_PATTERNS = (
    ("count", _SCI), ("count", _WORDS), ("count", _COUNT_PLAIN), ("strength", _STRENGTH), ("ppm", _PPM),
    ("percent", _PERCENT),
)  # fmt: skip
_BRACKETED = lazy_pattern(r"[\(\[]\s*([^()\[\]]{1,60}?)\s*[\)\]]")


def parse_number(text: str) -> float | None:
    """Parse "10,000" (thousands), "0,5" (decimal comma), "1.2"; None when it is not a number."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", t):
        t = t.replace(".", "")
    else:
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _build(kind: str, m: re.Match[str]) -> Concentration | None:
    text = m.group(0).strip()
    num = parse_number(m.group("num"))
    if num is None:
        return None
    if kind == "percent":
        if m.group("sol"):
            return Concentration(text, "raw_material", num, "%")
        if num >= 100 or num == 0:
            return Concentration(text, "marketing", num, "%")
        return Concentration(text, "percent", num, "%")
    if kind == "strength":  # "20 mg in 1 mL" is 2 % (w/v), "0.5 g in 100 g" 0.5 % (w/w)
        den = parse_number(m.group("den"))
        if not den:
            return None
        pct = 100 * num * _GRAMS[m.group("unit").lower()] / (den * _GRAMS[m.group("dunit").lower()])
        return Concentration(re.sub(r"\s+", " ", text), "percent", round(pct, 6), "%") if 0 < pct < 100 else None
    if kind == "ppm":
        unit = re.sub(r"\s+", "", m.group("unit").lower())
        return Concentration(text, "ppm" if unit in ("ppm", "ppb") else "mass", num, unit)  # parts per: a ratio
    # particle counts
    gd = m.groupdict()
    if gd.get("exp"):
        value = num * 10 ** int(gd["exp"])
    elif gd.get("mult"):
        value = num * _multiplier(gd["mult"])
    else:
        value = num
    per = gd.get("per")
    return Concentration(text, "count", value, "particles", per.lower() if per else None)


def _multiplier(word: str) -> float:
    """The factor of a multiplier word as the case-insensitive amount pattern matched it: "Million", and also
    "bıllion" (dotless i) or "thouſand" (long s), which ``re.IGNORECASE`` matches and ``str.lower`` does not map."""
    factor = _MULT.get(word.lower())
    if factor is None:
        factor = next(f for w, f in _MULT.items() if re.fullmatch(re.escape(w), word, re.IGNORECASE))
    return factor


_ASCII_DIGIT = lazy_pattern(r"[0-9]")


def find_concentration(text: str) -> tuple[Concentration, int, int] | None:
    """The first amount in ``text`` with its span, trying particle counts before ppm and percents."""
    best: tuple[Concentration, int, int] | None = None
    for kind, rx in _PATTERNS if not text.isascii() else _candidates(text):
        m = rx.search(text)
        if m is None:
            continue
        c = _build(kind, m)
        if c is not None and (best is None or m.start() < best[1]):
            best = (c, m.start(), m.end())
    return best


def _candidates(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns that can match the ASCII ``text`` (each needs a word or sign of its own), in _PATTERNS order.

    In ASCII text IGNORECASE only folds A-Z, so a lower-cased substring test is exact; other text (where it
    also folds e.g. the Kelvin sign or a dotless i) gets every pattern.
    """
    low = text.lower()
    counted = "ev" in low or "exosome" in low or "particle" in low or "vesicle" in low  # _UNITWORD / unit words
    out: list[tuple[str, re.Pattern[str]]] = []
    if "10" in text and ("x" in low or "*" in text):
        out.append(("count", _SCI))
    if counted or "/" in text or "per" in low or any(w in low for w in _MULT_WORDS):
        out.append(("count", _WORDS))
    if counted:
        out.append(("count", _COUNT_PLAIN))
    if " in " in low:  # "20 mg in 1 mL"
        out.append(("strength", _STRENGTH))
    if "pp" in low or "/" in text:  # ppm, ppb, mg/ml, mg/g...
        out.append(("ppm", _PPM))
    if "%" in text:
        out.append(("percent", _PERCENT))
    return out


_MULT_WORDS = ("thousand", "million", "billion", "trillion", "bn", "mn")


def parse_trailing_concentration(piece: str) -> tuple[str, Concentration | None]:
    """Split an amount off an ingredient piece: "Niacinamide (5%)" -> ("Niacinamide", 5 %)."""
    if not (_ASCII_DIGIT.search(piece) if piece.isascii() else any(ch.isdigit() for ch in piece)):
        return piece, None
    # an amount in brackets anywhere: "Niacinamide (5%)", "Exosomes [2 billion/mL]"
    for m in _BRACKETED.finditer(piece):
        found = find_concentration(m.group(1))
        if found and found[1] == 0 and found[2] >= len(m.group(1).rstrip(" .")) - 1:
            rest = (piece[: m.start()] + " " + piece[m.end() :]).strip()
            return re.sub(r"\s+", " ", rest), found[0]
    # a trailing amount: "Niacinamide 5%", "Niacinamide5%", "Exosomes 2 billion/mL"
    found = find_concentration(piece)
    if found is None:
        return piece, None
    conc, start, end = found
    tail = piece[end:].strip(" .;:)")
    if tail:
        return piece, None
    head = piece[:start]
    if head and (head[-1].isdigit() or (head[-1].isalpha() and conc.kind != "percent")):
        return piece, None  # "Polyquaternium10 ppm": glued digits are too ambiguous to split
    return head.rstrip(" -:,(").strip(), conc


def parse_leading_percent(piece: str) -> tuple[str, Concentration] | None:
    """A per-cent amount before the name ("20% Zinc Oxide", "2% Salicylic Acid (BHA)"): the name and the amount; None
    when the piece does not start with one, or the rest holds another amount. The caller decides whether the rest is
    a name ("97% Natural Origin" is a statement)."""
    found = find_concentration(piece)
    if found is None or found[1] != 0 or found[0].kind != "percent":
        return None
    rest = piece[found[2] :].strip().rstrip(" .;:")
    if not rest[:1].isalpha() or "%" in rest:
        return None
    return rest, found[0]
