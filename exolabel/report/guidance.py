"""The shopper's guidance as data: what each EV-family category is in plain words, what is known about it, what to
ask the brand and what to do next (``exolabel/report/data/guidance.yaml``, schema in that folder's README).

Loaded once with ``yaml.safe_load`` and validated strictly: every problem names the file, the entry and the fix.
Pure: nothing here prints; the text report and ``exolabel explain`` render it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from exolabel.model import CATEGORIES, ORIGINS, Severity

PATH = Path(__file__).with_name("data") / "guidance.yaml"
KINDS = ("vesicles", "secretome", "signal", "extract")
_TOP = ("schema", "sources", "terms", "origins", "facts", "questions", "advice")
_KEYS = {
    "sources": ({"id", "title", "url"}, {"id", "title"}),
    "terms": ({"category", "kind", "plain", "explain", "sources"}, {"category", "kind", "plain", "explain", "sources"}),
    "facts": (
        {"id", "level", "when", "unless_kinds", "short", "text", "more", "sources"},
        {"id", "level", "text", "sources"},
    ),
    "questions": ({"id", "when", "text", "sources"}, {"id", "text", "sources"}),
    "advice": ({"id", "groups", "text", "sources"}, {"id", "groups", "text", "sources"}),
}


class GuidanceError(ValueError):
    """The guidance file is invalid; the message lists every problem with its entry and fix."""


@dataclass(frozen=True, slots=True)
class Condition:
    """When a fact or question applies: some EV-family ingredient has one of ``kinds`` and one of ``origins`` (an
    empty tuple matches all), and no ingredient has one of ``unless_kinds``."""

    kinds: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    unless_kinds: tuple[str, ...] = ()

    def holds(self, present: Iterable[tuple[str, str]]) -> bool:
        pairs = tuple(present)
        if any(k in self.unless_kinds for k, _ in pairs):
            return False
        return any((not self.kinds or k in self.kinds) and (not self.origins or o in self.origins) for k, o in pairs)


@dataclass(frozen=True, slots=True)
class Term:
    category: str
    kind: str
    plain: str
    explain: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    level: Severity
    when: Condition
    text: str
    sources: tuple[str, ...]
    short: str | None = None  # said in the verdict line (error-level facts)
    more: str | None = None  # said with --details and by `exolabel explain`


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    when: Condition
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Advice:
    id: str
    groups: tuple[str, ...]
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Guidance:
    terms: Mapping[str, Term]  # by lexicon category
    origins: Mapping[str, str]
    facts: tuple[Fact, ...]
    questions: tuple[Question, ...]
    advice: tuple[Advice, ...]
    sources: Mapping[str, Mapping[str, str]]

    def facts_for(self, present: Iterable[tuple[str, str]]) -> tuple[Fact, ...]:
        pairs = tuple(present)
        return tuple(f for f in self.facts if f.when.holds(pairs))

    def questions_for(self, present: Iterable[tuple[str, str]]) -> tuple[Question, ...]:
        pairs = tuple(present)
        return tuple(q for q in self.questions if q.when.holds(pairs))

    def advice_for(self, groups: Iterable[str]) -> tuple[Advice, ...]:
        have = set(groups)
        return tuple(a for a in self.advice if have.intersection(a.groups))


@functools.cache
def load_guidance(path: Path = PATH) -> Guidance:
    """The validated guidance (read once per process)."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GuidanceError(f"{path}: cannot read: {e}") from None
    return parse(doc, str(path))


def parse(doc: Any, where: str = "guidance") -> Guidance:
    """Validate and build; raise GuidanceError listing every problem."""
    problems: list[str] = []

    def bad(entry: str, what: str, fix: str) -> None:
        problems.append(f"{where}: {entry}: {what} (fix: {fix})")

    if not isinstance(doc, dict):
        raise GuidanceError(f"{where}: the file must be a mapping with {', '.join(_TOP)}")
    for k in doc:
        if k not in _TOP:
            bad(str(k), "unknown top-level key", f"use only {', '.join(_TOP)}")
    if doc.get("schema") != 1:
        bad("schema", f"unsupported schema {doc.get('schema')!r}", "write 'schema: 1'")
    lists: dict[str, list[dict[str, Any]]] = {}
    for section, (allowed, required) in _KEYS.items():
        seen: set[str] = set()
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            bad(section, "must be a list of entries", f"write '{section}:' followed by '- ...' entries")
            entries = []
        good = []
        for i, e in enumerate(entries):
            label = f"{section}[{i}]" + (f" ({e.get('id') or e.get('category')})" if isinstance(e, dict) else "")
            if not isinstance(e, dict):
                bad(label, "not a mapping", "write 'key: value' pairs")
                continue
            for k in sorted(set(e) - allowed):
                bad(label, f"unknown key '{k}'", f"use only {', '.join(sorted(allowed))}")
            for k in sorted(required - set(e)):
                bad(label, f"missing key '{k}'", f"add '{k}:'")
            key = str(e.get("id") or e.get("category"))
            if key in seen:
                bad(label, f"duplicate '{key}'", "give each entry its own id")
            seen.add(key)
            good.append(e)
        lists[section] = good
    terms = {}
    for e in lists["terms"]:
        if e.get("category") not in CATEGORIES:
            bad(f"terms ({e.get('category')})", "unknown category", f"use one of {', '.join(CATEGORIES)}")
        if e.get("kind") not in KINDS:
            bad(f"terms ({e.get('category')})", f"unknown kind {e.get('kind')!r}", f"use one of {', '.join(KINDS)}")
        terms[str(e.get("category"))] = Term(
            str(e.get("category")), str(e.get("kind")), str(e.get("plain")), str(e.get("explain")), _ids(e)
        )
    for c in CATEGORIES:
        if c not in terms:
            bad(
                f"terms ({c})", "no entry for this lexicon category", f"add '- category: {c}' with kind, plain, explain"
            )
    origins = doc.get("origins") or {}
    if not isinstance(origins, dict) or set(origins) != set(ORIGINS):
        bad("origins", "must map every origin to words", f"give exactly {', '.join(ORIGINS)}")
        origins = {}

    def cond(e: dict[str, Any], label: str) -> Condition:
        when = e.get("when") or {}
        if not isinstance(when, dict) or set(when) - {"kinds", "origins"}:
            bad(label, "'when' takes kinds and origins", "write 'when: {kinds: [...], origins: [...]}'")
            when = {}
        kinds = tuple(when.get("kinds") or ())
        unless = tuple(e.get("unless_kinds") or ())
        origin_list = tuple(when.get("origins") or ())
        for k in (*kinds, *unless):
            if k not in KINDS:
                bad(label, f"unknown kind {k!r}", f"use one of {', '.join(KINDS)}")
        for o in origin_list:
            if o not in ORIGINS:
                bad(label, f"unknown origin {o!r}", f"use one of {', '.join(ORIGINS)}")
        return Condition(kinds, origin_list, unless)

    facts = []
    for e in lists["facts"]:
        label = f"facts ({e.get('id')})"
        try:
            level = Severity(e.get("level"))
        except ValueError:
            bad(label, f"unknown level {e.get('level')!r}", "use error, warning or info")
            level = Severity.INFO
        if level is Severity.ERROR and not e.get("short"):
            bad(label, "an error-level fact needs a 'short' form for the verdict line", "add 'short: ...'")
        facts.append(Fact(str(e["id"]), level, cond(e, label), str(e["text"]), _ids(e), e.get("short"), e.get("more")))
    questions = [
        Question(str(e["id"]), cond(e, f"questions ({e['id']})"), str(e["text"]), _ids(e)) for e in lists["questions"]
    ]
    advice = [Advice(str(e["id"]), tuple(e.get("groups") or ()), str(e["text"]), _ids(e)) for e in lists["advice"]]
    sources = {str(s["id"]): {"title": str(s["title"]), "url": str(s.get("url") or "")} for s in lists["sources"]}
    if problems:
        raise GuidanceError("\n".join(problems))
    return Guidance(
        MappingProxyType(terms),
        MappingProxyType(dict(origins)),
        tuple(facts),
        tuple(questions),
        tuple(advice),
        MappingProxyType(sources),
    )


def _ids(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(s) for s in entry.get("sources") or ())
