"""``exolabel explain NAME`` rendered: what an ingredient or an EV-family term is, what the evidence says, which rules
flag it and why, with each source once as a numbered reference. Pure: a Report (or a category) in, text out."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from rich.text import Text

from exolabel.lexicon.inventory import inci_record
from exolabel.model import SPECIES, Report, ScannedIngredient
from exolabel.report.guidance import Guidance, Term, load_guidance
from exolabel.report.text import _MARK, _STYLE, _grid, _Refs, text_console
from exolabel.report.verdict import plural
from exolabel.rules import find_rule


def find_term(name: str, guidance: Guidance) -> Term | None:
    """The EV-family category ``name`` names in prose ('exosomes', 'conditioned media', 'lysate')."""
    key = " ".join(name.casefold().replace("_", " ").replace("-", " ").split())
    for term in guidance.terms.values():
        plain = term.plain.casefold().split(" (")[0]
        words = {term.category.replace("_", " "), plain, plain.rstrip("s"), term.category.replace("_", " ") + "s"}
        if key in words or key.rstrip("s") in words:
            return term
    return None


def _finish(buf: io.StringIO) -> str:
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def render_term(term: Term, sources: Mapping[str, Mapping[str, Any]], width: int = 100, color: bool = False) -> str:
    """An EV-family category in plain words: what it is, what is known, what to ask."""
    guidance = load_guidance()
    buf = io.StringIO()
    console = text_console(buf, width, color)
    refs = _Refs({**guidance.sources, **sources})
    console.print(Text(term.plain, style="bold") + Text(f" (exolabel category '{term.category}')", style="dim"))
    grid = _grid(console)
    grid.add_row("What it is", Text(f"{term.explain[0].upper()}{term.explain[1:]}." + refs.cite(term.sources)))
    present = [(term.kind, o) for o in guidance.origins]
    for i, fact in enumerate(guidance.facts_for(present)):
        said = fact.text + (f" {fact.more}" if fact.more else "")
        if fact.when.origins:
            said = f"If it is from {', '.join(guidance.origins[o] for o in fact.when.origins)}: {said}"
        grid.add_row(
            "Known" if i == 0 else "",
            Text(f"{_MARK[fact.level]} ", style=_STYLE[fact.level]) + Text(said + refs.cite(fact.sources)),
        )
    questions = guidance.questions_for(present)
    if questions:
        asks = " ".join(q.text[0].upper() + q.text[1:] for q in questions)
        grid.add_row("Ask the brand", Text(asks + refs.cite([s for q in questions for s in q.sources])))
    console.print(grid)
    refs.render(console, details=True)
    return _finish(buf)


def _what(s: ScannedIngredient, guidance: Guidance, refs: _Refs) -> Text:
    ing = s.ingredient
    body = Text()
    if s.matches:
        m = s.matches[0]
        term = guidance.terms[m.category]
        body.append(f"{term.plain[0].upper()}{term.plain[1:]}: {term.explain}" + refs.cite(term.sources) + ". ")
        origin = guidance.origins.get(m.origin, m.origin)
        body.append(f"Origin: {origin}" + (f" ({m.detail})" if m.detail else "") + ". ")
        how = {"exact": "its exact name", "alias": "an alias", "pattern": "its head noun"}.get(m.method)
        body.append(
            f"Recognized by {how or f'a typo-tolerant guess (score {m.score:.0f})'} as '{m.term}'"
            + refs.cite(m.sources)
            + "."
        )
    elif s.known:
        body.append(
            f"A known INCI name ({s.known}): the standard ingredient name used on labels, from exolabel's vocabulary"
            + refs.cite(("cosing",))
            + "."
        )
    elif s.correction:
        c = s.correction
        if c.method == SPECIES:
            body.append(f"Read as the plant {c.name}: the name does not say which part of it (no INCI name).")
        else:
            body.append(f"Read as {c.name} (a likely typo or OCR slip, score {c.score:.0f}).")
    elif s.lookalike:
        body.append(f"A look-alike of an exosome-type term that is not one ({s.lookalike}).")
    else:
        body.append(f"'{ing.name}' is neither a known INCI name nor an exosome-type term exolabel knows.")
    read_as = s.correction.name if s.correction and s.correction.method != SPECIES else None  # (a species: no INCI)
    record = inci_record(s.known or read_as or ing.name)
    if record is not None and (record.functions or record.cas):
        said = [f"CosIng function: {', '.join(record.functions)}"] if record.functions else []
        said += [f"CAS {', '.join(record.cas)}"] if record.cas else []
        body.append(" " + "; ".join(said) + refs.cite(("cosing",)) + ".")
    return body


def render_ingredient(
    report: Report, sources: Mapping[str, Mapping[str, Any]], width: int = 100, color: bool = False
) -> str:
    """Each ingredient of ``report`` (usually one): what it is, what is known, which rules flag it and why."""
    guidance = load_guidance()
    buf = io.StringIO()
    console = text_console(buf, width, color)
    refs = _Refs({**guidance.sources, **sources})
    for s in report.ingredients:
        if s.ingredient.index:
            console.print()
        console.print(Text(s.display_name, style="bold"))
        grid = _grid(console)
        grid.add_row("What it is", _what(s, guidance, refs))
        present = [(guidance.terms[m.category].kind, m.origin) for m in s.matches[:1]]
        for i, fact in enumerate(guidance.facts_for(present) if present else ()):
            text = fact.text + (f" {fact.more}" if fact.more else "")
            grid.add_row(
                "Known" if i == 0 else "",
                Text(f"{_MARK[fact.level]} ", style=_STYLE[fact.level]) + Text(text + refs.cite(fact.sources)),
            )
        mine = [f for f in report.findings if f.ingredient == s.ingredient.index]
        for i, f in enumerate(mine):
            rule = find_rule(f.rule)
            body = Text(f"{_MARK[f.severity]} {f.rule} {f.name} ({f.severity.value}): ", style=_STYLE[f.severity])
            body.append(f.message + refs.cite(f.sources))
            if rule is not None:
                body.append(f"\nWhy: {rule.doc}", style="dim")
            grid.add_row("Flagged by" if i == 0 else "", body)
        if not mine:
            grid.add_row("Flagged by", Text("no rule flags it on its own (a label's context can change that)."))
        questions = guidance.questions_for(present) if present else ()
        if questions:
            asks = " ".join(q.text[0].upper() + q.text[1:] for q in questions)
            grid.add_row("Ask the brand", Text(asks + refs.cite([x for q in questions for x in q.sources])))
        console.print(grid)
    refs.render(console, details=True)
    n = sum(1 for f in report.findings if f.ingredient is not None)
    console.print(Text(f"{plural(n, 'finding')}; rules: exolabel rules CODE", style="dim"))
    return _finish(buf)
