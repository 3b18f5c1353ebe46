"""A personal avoid list (``--avoid fragrance,essential-oil,Linalool`` or ``avoid:`` in the config): which of a
label's ingredients it catches. Pure.

A term catches an ingredient when it names the ingredient (its name as written, its recognized INCI name or an
alias) or anything exolabel found about it: a rule's name or its last part (``fragrance``, ``essential-oil``,
``eu-labelled``), a rule group (``irritant``, ``allergen``), a rule code (``IR01``), an EV-family category
(``exosome``, ``conditioned-media``, ``lysate``) or an origin (``human``, ``animal``). Case, spaces, hyphens and
underscores and a plural 's' do not matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from exolabel.model import Report
from exolabel.report.verdict import AvoidHit


def normalize(term: str) -> str:
    t = " ".join(term.casefold().replace("-", " ").replace("_", " ").split())
    return t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t


def split_terms(values: Iterable[str]) -> tuple[str, ...]:
    """'--avoid a,b --avoid c' -> ('a', 'b', 'c'), blanks dropped, first spelling kept once."""
    out: dict[str, str] = {}
    for v in values:
        for part in v.split(","):
            if part.strip():
                out.setdefault(normalize(part), part.strip())
    return tuple(out.values())


def _tags(report: Report, index: int) -> set[str]:
    s = report.ingredients[index]
    ing = s.ingredient
    tags = {ing.name, *ing.aliases}
    if s.known:
        tags.add(s.known)
    if s.correction:
        tags.add(s.correction.name)
    if ing.common_name:
        tags.add(ing.common_name)
    for m in s.matches:
        tags.update((m.category, m.origin, m.term))
    for f in report.findings:
        if f.ingredient == index:
            group, _, last = f.name.partition(".")
            tags.update((f.rule, f.name, group, last))
    return {normalize(t) for t in tags if t}


def avoid_hits(report: Report, terms: Sequence[str]) -> tuple[AvoidHit, ...]:
    """Each ingredient the avoid list catches, once, with the first term that caught it, in label order."""
    if not terms:
        return ()
    wanted = [(normalize(t), t) for t in terms]
    hits = []
    for i, s in enumerate(report.ingredients):
        tags = _tags(report, i)
        term = next((orig for norm, orig in wanted if norm in tags), None)
        if term is not None:
            hits.append(AvoidHit(s.ingredient.index + 1, s.ingredient.name, term))
    return tuple(hits)
