"""Lexicon rules: what the scanner guessed, and what it could not recognize."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from exolabel._fast.lazy import lazy_pattern
from exolabel.model import SPECIES, Finding, ScannedIngredient, Severity
from exolabel.rules.base import Context, Example, Rule
from exolabel.tokenizer.names import normalize_key

SHOWN = 3  # CosIng names an LX03 message lists
_BRACKETS = lazy_pattern(r"[()\[\]]")

NO_LIST = "no ingredient list"
# words of sentences and retailer placeholders that no INCI name holds ("Visit the ... boutique", "No info available")
_PROSE_TEXT = (
    "a an the this that these it its is are was be been will can could may our your you we us i my me to for of "
    "with from by at on in into about visit shop buy click see here more info information available unavailable "
    "please not no none null nan n/a na tbd tba coming soon"
)
_PROSE_WORDS = frozenset(_PROSE_TEXT.split(" "))
_SPREADSHEET_ERROR = lazy_pattern(r"#(?:name\?|ref!|value!|n/a|div/0!|null!|num!|spill!|calc!|getting_data)", re.I)
_LETTER = lazy_pattern(r"[^\W\d_]")
_WORD = lazy_pattern(r"[^\W\d_]+(?:/[^\W\d_]+)?")


def not_a_list(
    count: int, unrecognized: Sequence[ScannedIngredient], ev: Sequence[ScannedIngredient] = ()
) -> str | None:
    """Why a scanned text is not an ingredient list (:data:`NO_LIST`), or None when it is one.

    A text with one piece an ingredient name (a known INCI name (every CosIng name is), a typo of one, a look-alike
    or an EV-family term) is a list. One with none is not when it reads as no list does: a single unknown piece
    ("Visit the ... boutique", "No Info", "N/A", "#NAME?"), spreadsheet errors, or pieces a quarter of whose words
    are the words of sentences and placeholders (marketing prose). A sentence that only a head noun classified
    ("Formulated with exosomes for visible results", from ``ev``) counts as unknown. Nothing in such a text can be
    checked, so callers refuse it instead of reporting its pieces as unrecognized ingredients. Several unknown
    name-like pieces (a list in a script exolabel does not read, "水, 甘油") stay a list, each piece unrecognized. A
    text with no piece at all is the callers' "only separators" case, not this one.
    """
    if count == 0 or len(unrecognized) + len(ev) < count:  # some piece is a known, non-EV name: a list
        return None
    prose_ev = [s for s in ev if all(m.method == "pattern" for m in s.matches) and _prose(s.ingredient.text)]
    if len(unrecognized) + len(prose_ev) < count:
        return None
    if count == 1:
        return NO_LIST
    texts = [s.ingredient.text for s in (*unrecognized, *prose_ev)]
    if all(_SPREADSHEET_ERROR.fullmatch(t.strip()) for t in texts):
        return NO_LIST
    return NO_LIST if _prose(" ".join(texts)) else None


def has_letter(text: str) -> bool:
    """Does ``text`` hold a letter (in any script)? A text with letters but no ingredient piece was all panels."""
    return _LETTER.search(text) is not None


def _prose(text: str) -> bool:
    """Are a quarter or more of the words of ``text`` the words of sentences and placeholders?"""
    words = [w.casefold() for w in _WORD.findall(text)]
    return bool(words) and 4 * sum(w in _PROSE_WORDS for w in words) >= len(words)


def describe_not_a_list(count: int, unrecognized: Sequence[ScannedIngredient]) -> str:
    """The refusal for a person: what was read instead of a list."""
    first = unrecognized[0].ingredient.name if unrecognized else ""
    shown = first if len(first) <= 60 else first[:57] + "..."
    if count == 1:
        return f"{NO_LIST} ('{shown}' is not an ingredient name)"
    return f"{NO_LIST} (none of its {count} pieces is an ingredient name, e.g. '{shown}')"


def _corrected(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.corrected:
        c = s.correction
        if c is None or c.method == SPECIES:  # (a species reading is LX03's)
            continue
        if ctx.terse:
            yield rule.counted(s)
            continue
        how = "an OCR-style digit/letter confusion" if c.method == "ocr" else f"a fuzzy match, score {c.score:.0f}"
        yield rule.finding(f"'{s.ingredient.name}' read as '{c.name}' ({how}); check the label", s)


def _species(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for s in ctx.corrected:
        c = s.correction
        if c is None or c.method != SPECIES:
            continue
        if ctx.terse:
            yield rule.counted(s)
            continue
        yield rule.finding(species_message(s.ingredient.name, c.name, ctx.lexicon), s)


def species_message(name: str, species: str, lexicon: Any) -> str:
    """What LX03 says of the ingredient ``name`` read as the plant ``species``: the part is not named, and the CosIng
    names of the species (with the preparation the name gives) it may stand for."""
    from exolabel.lexicon.species import species_names  # (only a label with such a name reads CosIng for it)

    key = normalize_key(species)
    words = _BRACKETS.sub(" ", normalize_key(name)).split()
    at = next((i for i in range(len(words)) if " ".join(words[i : i + key.count(" ") + 1]) == key), None)
    binomial = lexicon.with_binomial(" ".join(words)) if at is None and lexicon is not None else None
    if binomial is not None:  # "Liquorice Extract": the common name stands for the species
        words = binomial.split()
        at = 0 if binomial.startswith(key + " ") or binomial == key else None
    rest = words[at + key.count(" ") + 1 :] if at is not None else []
    inv = getattr(lexicon, "inventory", None)
    found = species_names(inv, key, rest, lexicon.casing) if inv is not None else None
    listed = ""
    if found is not None:
        shown = ", ".join(found.names[:SHOWN])
        more = len(found.names) - SHOWN
        listed = f"; CosIng lists {shown}" + (f" and {more} more" if more > 0 else "")
    return (
        f"'{name}' names the plant {species} but not the part of it an INCI name gives (leaf, flower, seed, root...)"
        f"{listed}; check the label"
    )


def _unrecognized(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.terse:
        yield from map(rule.counted, ctx.unrecognized)
        return
    for s in ctx.unrecognized:
        yield rule.finding(f"'{s.ingredient.name}' is not a known INCI name or lexicon term", s)


CORRECTED = Rule(
    code="LX01",
    name="lexicon.typo-corrected",
    severity=Severity.INFO,
    summary="An ingredient was identified by typo or OCR correction, not by its exact name.",
    doc=(
        "Labels copied from web pages, photos or PDFs carry typos ('Niacinimide') and OCR confusions "
        "('Phenoxyethano1'). exolabel identifies them against its known-INCI vocabulary with a similarity "
        "score, and never presents the guess as fact: this finding shows what was read, what it was taken "
        "for and how sure the match is, so a shopper can check the pack and a brand can fix its label."
    ),
    examples=(
        Example("Aqua, Glycerin, Niacinimide, Phenoxyethanol", bad=True),
        Example("Aqua, Glycerin, Niacinamide, Phenoxyethanol", bad=False),
    ),
    sources=("cosing",),
    check=_corrected,
)

PLANT_PART = Rule(
    code="LX03",
    name="lexicon.plant-part-missing",
    severity=Severity.INFO,
    summary="A plant is named by its species alone: the label does not say which part of it the ingredient is.",
    doc=(
        "INCI names of plant materials carry the part of the plant and the preparation ('Rosa Damascena Flower Oil', "
        "'Vitis Vinifera Seed Extract'), and they decide what the ingredient is: 'Citrus Aurantium Dulcis Peel Oil' "
        "is an essential oil and an EU-labelled allergen, 'Citrus Aurantium Dulcis Fruit Extract' neither. A label "
        "that writes 'Rosa Damascena' or 'Vitis Vinifera Extract' names a species the CosIng inventory knows (it has "
        "names of it before a plant part) but no INCI name. exolabel reads it as that plant, checks it against the "
        "rules that concern the species as a whole, never as one of its INCI names, and lists the CosIng names it "
        "may stand for."
    ),
    examples=(
        Example("Aqua, Glycerin, Rosa Damascena", bad=True),
        Example("Aqua, Glycerin, Vitis Vinifera Extract", bad=True),
        Example("Aqua, Glycerin, Rosa Damascena Flower Water", bad=False),
    ),
    sources=("cosing", "pcpc-inci-botanical"),
    check=_species,
)

UNRECOGNIZED = Rule(
    code="LX02",
    name="lexicon.unrecognized",
    severity=Severity.INFO,
    summary="An ingredient is neither a known INCI name nor an EV-family term.",
    doc=(
        "An ingredient exolabel cannot identify is not checked by any other rule: it may be a trade name, a "
        "marketing phrase in the ingredient list, a translation or a heavy typo. Listing them keeps the "
        "verdict honest about what was and was not read. Add a vocabulary or lexicon file with --lexicon "
        "if the name is legitimate."
    ),
    examples=(
        Example("Aqua, Glycerin, Magic Youth Complex", bad=True),
        Example("Aqua, Glycerin, Panthenol", bad=False),
    ),
    sources=("cosing",),
    check=_unrecognized,
)
