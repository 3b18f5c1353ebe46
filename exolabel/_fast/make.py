"""Fast constructors for the frozen dataclasses the hot path builds millions of (ingredients, findings, labels).

A frozen dataclass's generated __init__ goes through object.__setattr__ once per field. These build the same
frozen objects (no validation is skipped: the dataclasses have none): the fields are stored on a mutable twin
class with the very same slots, then the object becomes the frozen class (``__class__`` assignment, allowed
between identical slot layouts; checked at import). Equality, hashing and immutability are those of the frozen
class. Why this pays is measured by ``benchmarks/bench_scan.py`` (README, "Speed").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from exolabel.model import Correction, Finding, Ingredient, LabelInfo, Match, ParsedName, ScannedIngredient, Severity


def _twin(cls: type) -> type:
    """A mutable class with ``cls``'s slots, whose instances can be turned into ``cls`` instances."""
    twin = type(f"_{cls.__name__}Builder", (), {"__slots__": cls.__slots__})
    probe = object.__new__(twin)
    probe.__class__ = cls  # raises TypeError at import if the layouts ever differ
    return twin


_IngredientBuilder = _twin(Ingredient)
_ScannedBuilder = _twin(ScannedIngredient)
_FindingBuilder = _twin(Finding)
_LabelBuilder = _twin(LabelInfo)
_ParsedBuilder = _twin(ParsedName)
_new = object.__new__


def make_parsed(
    name: str,
    key: str,
    aliases: tuple[str, ...],
    common_name: str | None,
    concentration: Any,
    markers: tuple[str, ...],
) -> ParsedName:
    o = _new(_ParsedBuilder)
    o.name = name
    o.key = key
    o.aliases = aliases
    o.common_name = common_name
    o.concentration = concentration
    o.markers = markers
    o.__class__ = ParsedName
    return o  # type: ignore[return-value]


def make_ingredient(index: int, text: str, span: tuple[int, int], parsed: ParsedName, may_contain: bool) -> Ingredient:
    o = _new(_IngredientBuilder)
    o.index = index
    o.text = text
    o.span = span
    o.parsed = parsed
    o.may_contain = may_contain
    o.__class__ = Ingredient
    return o  # type: ignore[return-value]


def make_finding(
    rule: str,
    name: str,
    severity: Severity,
    message: str,
    ingredient: int | None,
    sources: tuple[str, ...],
    claim: int | None,
) -> Finding:
    o = _new(_FindingBuilder)
    o.rule = rule
    o.name = name
    o.severity = severity
    o.message = message
    o.ingredient = ingredient
    o.sources = sources
    o.claim = claim
    o.__class__ = Finding
    return o  # type: ignore[return-value]


def make_scanned(
    ingredient: Ingredient,
    matches: tuple[Match, ...],
    known: str | None,
    correction: Correction | None,
    lookalike: str | None,
) -> ScannedIngredient:
    o = _new(_ScannedBuilder)
    o.ingredient = ingredient
    o.matches = matches
    o.known = known
    o.correction = correction
    o.lookalike = lookalike
    o.__class__ = ScannedIngredient
    return o  # type: ignore[return-value]


def make_scanned_at(
    index: int,
    text: str,
    a: int,
    b: int,
    parsed: ParsedName,
    may_contain: bool,
    matches: tuple[Match, ...],
    known: str | None,
    correction: Correction | None,
    lookalike: str | None,
) -> ScannedIngredient:
    """``make_scanned(make_ingredient(index, text[a:b], (a, b), parsed, may_contain), matches, ...)`` in one call: the
    ingredient at offsets ``a:b`` of an input the tokenizer did not need to change (prepared offsets are the
    input's; see ``tokenizer.core.ingredient_at``)."""
    i = _new(_IngredientBuilder)
    i.index = index
    i.text = text[a:b]
    i.span = (a, b)
    i.parsed = parsed
    i.may_contain = may_contain
    i.__class__ = Ingredient
    o = _new(_ScannedBuilder)
    o.ingredient = i
    o.matches = matches
    o.known = known
    o.correction = correction
    o.lookalike = lookalike
    o.__class__ = ScannedIngredient
    return o  # type: ignore[return-value]


def make_label(
    product: str | None,
    claims: tuple[str, ...],
    product_type: str | None = None,
    markets: tuple[str, ...] = (),
    brand: str | None = None,
) -> LabelInfo:
    """``LabelInfo(product=product, claims=claims, product_type=..., markets=..., brand=...)`` (what a catalogue row
    says beyond its ingredients)."""
    o = _new(_LabelBuilder)
    o.product = product
    o.brand = brand
    o.claims = claims
    o.markets = markets
    o.product_type = product_type
    o.url = None
    o.declared = ()
    o.exosome_source = None
    o.characterization = None
    o.__class__ = LabelInfo
    return o  # type: ignore[return-value]


T = TypeVar("T")


def new_frozen(cls: type[T], fields: Mapping[str, Any], cached: Mapping[str, Any] | None = None) -> T:
    """An instance of the frozen, dict-based dataclass ``cls`` with ``fields`` (every field, by name) and, from
    ``cached``, values of its ``cached_property`` s already worked out. Same object as ``cls(**fields)``: the values
    go into the instance dict in one update instead of one ``object.__setattr__`` each."""
    o = _new(cls)
    d = o.__dict__
    d.update(fields)
    if cached:
        d.update(cached)
    return o
