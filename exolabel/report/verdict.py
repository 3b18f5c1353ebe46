"""The shopper's verdict, worked out from a Report and the guidance data: what matters in the product, where it comes
from, what is known, what to ask and do, and the user's avoid list. Pure: the text report renders it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exolabel.model import Finding, Report, ScannedIngredient, Severity
from exolabel.report.guidance import Advice, Fact, Guidance, Question, Term
from exolabel.rules import find_rule
from exolabel.rules.claim import TRADE_NAME

# How the findings are grouped on screen, in this order (rule groups -> heading).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Source", ("source", "concentration")),
    ("Regulation", ("regulatory",)),
    ("Irritants", ("irritant",)),
    ("Allergens", ("allergen",)),
    ("Claims", ("claim",)),
    ("Good actives", ("supporting",)),
    ("Name reading", ("lexicon",)),
)
_KIND_ORDER = ("vesicles", "secretome", "signal", "extract")


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 warning', '2 warnings', '0 notes'; ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@dataclass(frozen=True, slots=True)
class EvItem:
    """One EV-family ingredient as the verdict names it."""

    number: int  # 1-based position on the label, as '#n' in the text report
    name: str
    term: Term
    origin: str
    detail: str | None
    amount: str | None  # the printed amount, if any


@dataclass(frozen=True, slots=True)
class AvoidHit:
    """An ingredient on the user's avoid list, with the avoid term that caught it."""

    number: int
    name: str
    term: str


@dataclass(frozen=True, slots=True)
class Verdict:
    headline: str
    level: Severity | None  # the worst of the findings and the error-level facts
    items: tuple[EvItem, ...]
    facts: tuple[Fact, ...]
    questions: tuple[Question, ...]
    advice: tuple[Advice, ...]
    patch_test: tuple[str, ...]  # ingredient names an irritant or allergen finding (warning or worse) names
    avoid: tuple[AvoidHit, ...]


def group_of(f: Finding) -> str:
    rule = find_rule(f.rule)
    return rule.group if rule is not None else f.name.split(".", 1)[0]


def section_of(f: Finding) -> str:
    g = group_of(f)
    for title, groups in SECTIONS:
        if g in groups:
            return title
    return g.replace("-", " ").capitalize()


def _amount(s: ScannedIngredient) -> str | None:
    c = s.ingredient.concentration
    return c.text if c is not None else None


def ev_items(report: Report, guidance: Guidance) -> tuple[EvItem, ...]:
    items = []
    for s in report.ev_ingredients:
        m = s.matches[0]
        term = guidance.terms[m.category]
        items.append(EvItem(s.ingredient.index + 1, s.ingredient.name, term, m.origin, m.detail, _amount(s)))
    return tuple(sorted(items, key=lambda i: (_KIND_ORDER.index(i.term.kind), i.number)))


def _what(items: Sequence[EvItem], guidance: Guidance, bans: Sequence[Fact] = ()) -> str:
    """What the label's EV-family ingredients are, each with the bans (error-level facts) that hold for it alone:
    "conditioned media from human cells, banned in EU/UK cosmetics; growth factors from a lab process". With a ban
    the items are set apart by semicolons, so the ban reads as said of its own item only; a ban that holds for the
    label but for no single item is said at the end."""
    real = [i for i in items if i.term.kind != "extract"]
    if not items:
        head = "no exosomes, conditioned media or growth factors"
    elif not real:
        plain = ", ".join(dict.fromkeys(i.term.plain for i in items))
        head = f"no exosomes: {plain}, an ordinary extract"
    else:
        parts: list[str] = []
        said: set[str] = set()
        for i in real:
            words = guidance.origins.get(i.origin, i.origin)
            source = f"from {words}" if i.origin != "unspecified" else "of unstated source"
            phrase = f"{i.term.plain} {source}"
            own = [f.short for f in bans if f.when.holds(((i.term.kind, i.origin),))]
            said.update(own)
            parts.append(", ".join([phrase, *dict.fromkeys(own)]))
        head = ("; " if said else ", ").join(dict.fromkeys(parts))
    rest = [f.short for f in bans if f.short not in head]
    return "; ".join([head, *dict.fromkeys(rest)]) if rest else head


def build(
    report: Report, guidance: Guidance, avoid: Sequence[AvoidHit] = (), patch_level: Severity = Severity.WARNING
) -> Verdict:
    items = ev_items(report, guidance)
    present = [(i.term.kind, i.origin) for i in items]
    facts = guidance.facts_for(present)
    questions = guidance.questions_for(present)
    irritating = [
        f for f in report.findings if group_of(f) in ("irritant", "allergen") and f.severity.rank >= patch_level.rank
    ]
    names = [report.ingredients[f.ingredient].ingredient.name for f in irritating if f.ingredient is not None]
    patch_test = tuple(dict.fromkeys(names))
    advice = guidance.advice_for(group_of(f) for f in irritating)
    levels = [f.severity for f in report.findings] + [f.level for f in facts]
    level = max(levels, key=lambda s: s.rank) if levels else None
    head = _what(items, guidance, [f for f in facts if f.level is Severity.ERROR and f.short])
    traded = [f for f in report.findings if f.rule == TRADE_NAME.code and f.ingredient is not None]
    for f in traded:  # "Rose Exosomes (Rosa Damascena Flower Extract)": say what the vesicle name on the list is
        s = report.ingredients[f.ingredient]
        head += f"; '{s.ingredient.name}' on the list is a trade name for {s.known}"
    if patch_test:
        head += f"; {plural(len(patch_test), 'ingredient')} to patch-test"
    if avoid:
        head += f"; {plural(len({a.number for a in avoid}), 'ingredient')} on your avoid list"
    head = head[0].upper() + head[1:] + "."
    return Verdict(head, level, items, facts, questions, advice, patch_test, tuple(avoid))
