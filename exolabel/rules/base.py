"""What a rule is, and what it sees.

A rule is pure: a :class:`Context` in, findings out; no I/O, no printing. Each carries a code (group prefix +
number, e.g. ``SR02``), a dotted name whose group is one of :data:`GROUPS`, a default severity, a one-line
summary, a paragraph of *why*, bad and good example labels (executed by one test) and citations.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from exolabel._fast.make import make_finding, new_frozen
from exolabel.model import Finding, LabelInfo, ScannedIngredient, Section, Severity
from exolabel.rules import facts

GROUPS = ("irritant", "allergen", "source", "regulatory", "concentration", "claim", "supporting", "lexicon")


class Example(NamedTuple):
    """A label a rule's doc shows, and that a test runs: ``bad`` ones must trigger the rule, good ones not."""

    ingredients: str
    bad: bool
    product: str | None = None
    claims: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    product_type: str | None = None
    note: str | None = None

    def label(self) -> LabelInfo:
        return LabelInfo(product=self.product, claims=self.claims, markets=self.markets, product_type=self.product_type)


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at for one label."""

    ingredients: tuple[ScannedIngredient, ...]
    label: LabelInfo
    product_type: str  # "leave-on" | "rinse-off" (leave-on when nothing says otherwise)
    markets: tuple[str, ...]
    data: Any = None  # exolabel.rules.loader.RuleData, loaded lazily by the engine
    lexicon: Any = None  # exolabel.lexicon.Lexicon
    hits: tuple[Any, ...] | None = None  # (ingredient, RuleData hits) pairs; filled once per label by run_rules
    sections: tuple[Section, ...] = ()  # a kit's products, each with its ingredients (empty for one list)
    # Findings are counted and named, not read (Scanner.brief, for catalogue rows): a rule may give an INFO finding
    # as Rule.counted, without a message or sources, and a warning or an error as Rule.counted with its subject (what
    # a catalogue row names: catalogue.context.finding_subject of the full message); never set when a severity
    # override could make an INFO finding a warning
    terse: bool = False

    @cached_property
    def ev(self) -> tuple[ScannedIngredient, ...]:
        """The EV-family ingredients (computed once per label)."""
        return tuple(s for s in self.ingredients if s.matches)

    @cached_property
    def _shared(self) -> dict[str, Any]:
        return {}

    def shared(self, key: str, compute: "Callable[[Context], Any]") -> Any:
        """A per-label value several rules use (e.g. the claims found), worked out once and kept with the context."""
        memo = self._shared
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]

    @cached_property
    def unrecognized(self) -> tuple[ScannedIngredient, ...]:
        """The ingredients neither the vocabulary nor the lexicon knows (computed once per label)."""
        return tuple(s for s in self.ingredients if not s.recognized)

    @cached_property
    def corrected(self) -> tuple[ScannedIngredient, ...]:
        """The ingredients identified by typo or OCR correction (computed once per label)."""
        return tuple(s for s in self.ingredients if s.correction is not None)


def make_context(
    ingredients: tuple[ScannedIngredient, ...],
    label: LabelInfo,
    product_type: str,
    markets: tuple[str, ...],
    data: Any,
    lexicon: Any,
    hits: tuple[Any, ...] | None,
    known: Mapping[str, Any] | None = None,
    sections: tuple[Section, ...] = (),
    terse: bool = False,
) -> Context:
    """``Context(...)``, with ``known`` values of its cached properties (``ev``, ``unrecognized``, ``corrected``)
    already worked out by the caller."""
    fields = {
        "ingredients": ingredients,
        "label": label,
        "product_type": product_type,
        "markets": markets,
        "data": data,
        "lexicon": lexicon,
        "hits": hits,
        "sections": sections,
        "terse": terse,
    }
    return new_frozen(Context, fields, known)


def label_facts(ctx: Context) -> frozenset[str]:
    """What :attr:`Rule.needs` is checked against: the tags of the label's rule-list hits, and LABEL_TEXT when the
    product name or a claim may hold a claim phrase or an EV-family word (``RuleData.may_mention``)."""
    mask = 0
    hits = ctx.hits
    if hits:
        for _, h in hits:
            mask |= h.mask
    label = ctx.label
    data = ctx.data
    if label.product or label.claims:
        if data is None:
            return _LABEL_TEXT
        if (label.product and data.may_mention(label.product)) or any(map(data.may_mention, label.claims)):
            mask |= data.text_bit
    return data.fact_bits.facts_of(mask) if data is not None else _NO_FACTS


_LABEL_TEXT = frozenset({facts.LABEL_TEXT})
_NO_FACTS: frozenset[str] = frozenset()


CheckFn = Callable[["Rule", Context], Iterable[Finding]]


@lru_cache(maxsize=4096)
def _merge_sources(first: tuple[str, ...], then: tuple[str, ...]) -> tuple[str, ...]:
    """A finding's citations: the entry's own, then the rule's, without repeats (a pure function, memoized)."""
    return tuple(dict.fromkeys((*first, *then)))


@dataclass(frozen=True)
class Rule:
    """One rule: its code and name, severity, one-paragraph doc with bad and good examples, sources, and the check that
    yields its findings for a label."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    examples: tuple[Example, ...]
    sources: tuple[str, ...]
    check: CheckFn = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()  # old codes/names kept forever when a rule is renamed
    # the rule looks only at EV-family ingredients: the engine skips it on labels with none (tested per rule)
    needs_ev: bool = False
    # the rule can only find something on a label with one of these facts (exolabel.rules.facts: a rule-list hit tag
    # or LABEL_TEXT); the engine skips it on other labels (tested per rule). Unknown names fail here, at import.
    needs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        facts.check_needs(self.code, self.needs)

    @property
    def group(self) -> str:
        return self.name.split(".", 1)[0]

    def finding(
        self,
        message: str,
        ingredient: ScannedIngredient | int | None = None,
        *,
        severity: Severity | None = None,
        sources: Iterable[str] = (),
        claim: int | None = None,
    ) -> Finding:
        idx = ingredient.ingredient.index if isinstance(ingredient, ScannedIngredient) else ingredient
        merged = _merge_sources(sources if type(sources) is tuple else tuple(sources), self.sources)
        return make_finding(self.code, self.name, severity or self.severity, message, idx, merged, claim)

    def counted(self, ingredient: ScannedIngredient, severity: Severity | None = None, subject: str = "") -> Finding:
        """A finding with no sources, for a terse context (:attr:`Context.terse`): what it is about and how severe,
        which is all a catalogue row records of an INFO finding, and as its message only ``subject``: the start of
        the full message that names what it is about (a warning's, which the row names)."""
        idx = ingredient.ingredient.index
        return make_finding(self.code, self.name, severity or self.severity, subject, idx, (), None)

    def describe(self) -> Mapping[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "summary": self.summary,
            "sources": list(self.sources),
        }
