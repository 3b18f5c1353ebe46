"""Load, strictly validate and compile the rule data files (``exolabel/rules/data/*.yaml``) plus user rule files.

Validation collects every problem (unknown keys, duplicate ids, a name claimed by two entries of one list,
undefined sources, bad severities, product types, categories or patterns) and raises
:class:`~exolabel.datafiles.load.DataError` naming file, line, entry and fix. User files extend the built-in lists:
they may add entries and sources, never replace or shadow a built-in one (an id or name that is already taken is
an error), so no built-in check can be disabled silently; use ``--ignore`` to turn a rule off openly.
The compiled result is JSON, cached on disk keyed by the files' content hash, like the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from exolabel.datafiles.cache import load_cached
from exolabel.datafiles.load import LINE_KEY, Checker, DataError, Problem, load_yaml
from exolabel.lexicon.loader import expand_paths
from exolabel.model import CATEGORIES, PRODUCT_TYPES, Severity
from exolabel.rules.botanical import compile_botanicals
from exolabel.rules.facts import ALLERGEN_STATUS, IRRITANT_CLASSES
from exolabel.rules.identity import cas_inventory_files, link_by_cas
from exolabel.rules.lists import RuleData
from exolabel.tokenizer.names import normalize_key

__all__ = ["DATA_DIR", "DataError", "RuleData", "builtin_files", "compile_files", "load_rule_data"]

DATA_DIR = Path(__file__).with_name("data")
COMPILED_VERSION = 7
SEVERITIES = tuple(s.value for s in Severity)
LISTS = ("irritants", "allergens", "anchors", "actives")
_KIND_BY_STEM = {
    "irritants": "irritants",
    "allergens": "allergens",
    "anchors": "anchors",
    "supporting_actives": "actives",
}
_COMMON = ("id", "sources")
SCHEMAS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # kind -> (allowed keys, required keys)
    "irritants": (
        (
            *_COMMON,
            "name",
            "aliases",
            "patterns",
            "class",
            "concern",
            "severity",
            "first_five",
            "eu",
            "label_warning",
            "why",
            "mixture",
        ),
        ("id", "name", "class", "concern", "severity", "why", "sources"),
    ),
    "allergens": (
        (
            *_COMMON,
            "label_name",
            "inci",
            "aliases",
            "cas",
            "annex",
            "status",
            "leave_on_threshold_pct",
            "rinse_off_threshold_pct",
            "sccs_category",
        ),
        ("id", "label_name", "inci", "annex", "status", "sources"),
    ),
    "anchors": (
        (*_COMMON, "name", "aliases", "patterns", "max_pct", "basis", "product_types"),
        ("id", "name", "max_pct", "basis", "sources"),
    ),
    "actives": (
        (*_COMMON, "name", "aliases", "patterns", "group", "evidence"),
        ("id", "name", "group", "evidence", "sources"),
    ),
    "claims": ((*_COMMON, "kind", "phrases", "requires", "why"), ("id", "kind", "phrases", "why", "sources")),
    "markets": (
        (*_COMMON, "name", "human_origin", "human_origin_basis", "animal_tse", "exosome_products"),
        ("id", "name", "human_origin", "human_origin_basis", "sources"),
    ),
    "animal_notes": ((*_COMMON, "kind", "words", "note"), ("id", "kind", "words", "note", "sources")),
}
CLAIM_KINDS = ("ev", "drug", "vegan")
HUMAN_ORIGIN = ("prohibited", "restricted", "unclear", "not_addressed")
ANIMAL_KINDS = ("dairy", "ruminant")
_NESTED_QUANT = re.compile(r"\((?:[^()\\]|\\.)*[*+](?:[^()\\]|\\.)*\)[*+{]")


# the plant tables, read when a label first needs the botanical index (see exolabel.datafiles.parts); 39 of 201 kB
DEFERRED = (("plants",), ("parts",))


def builtin_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix == ".yaml" and p.is_file())


def load_rule_data(extra: Iterable[str | Path] = ()) -> RuleData:
    """The validated rule data (built-in files plus ``extra`` user files or directories), from cache when possible."""
    return RuleData(load_compiled(extra))


def load_compiled(extra: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The compiled rule data (built-in files plus ``extra``), from the on-disk cache when unchanged."""
    files = builtin_files() + expand_paths(extra)
    return load_cached(
        "rules", [*files, *cas_inventory_files()], COMPILED_VERSION, lambda _: compile_files(files), DEFERRED
    )


def _kind_of(path: Path, doc: Any) -> str | None:
    """The list a document holds besides its optional ``sources``: claims, markets, animal_notes or entries."""
    if not isinstance(doc, dict):
        return None
    for k in ("claims", "markets", "animal_notes"):
        if k in doc:
            return k
    if "plants" in doc:
        return "botanicals"
    if "entries" in doc:
        declared = doc.get("kind")
        if declared in LISTS:
            return str(declared)
        return _KIND_BY_STEM.get(path.stem)
    return "sources" if "sources" in doc else None


def compile_files(files: Sequence[Path]) -> dict[str, Any]:
    """Validate ``files`` together and compile them. Raises DataError listing every problem."""
    problems: list[Problem] = []
    out: dict[str, Any] = {
        "version": COMPILED_VERSION,
        "sources": {},
        **{k: [] for k in SCHEMAS},
        "parts": [],
        "plants": [],
    }
    ids: dict[str, str] = {}
    names: dict[tuple[str, str], str] = {}  # (list, normalized name) -> entry id
    refs: list[tuple[str, int | None, str, list[str]]] = []
    for f in files:
        chk = Checker(str(f))
        try:
            doc = load_yaml(f)
        except DataError as e:
            problems.extend(e.problems)
            continue
        kind = _kind_of(f, doc)
        if kind is None:
            chk.add(
                doc.get(LINE_KEY) if isinstance(doc, dict) else None,
                None,
                "not a rule data file (no 'sources', 'entries', 'claims', 'markets', 'animal_notes' or 'plants' "
                "list), or an 'entries' file without a kind",
                "add 'kind: irritants' (or allergens, anchors, actives) at the top; see exolabel/rules/data/README.md",
            )
        else:
            list_key = {"sources": "sources", "botanicals": "plants", **dict.fromkeys(LISTS, "entries")}.get(kind, kind)
            if "sources" in doc:  # a file may define its own citations next to its list
                extra = ("kind", list_key) if list_key != "sources" else ("kind",)
                for it in chk.top(doc, "sources", extra=extra):
                    sid = chk.entry_id(it, ids)
                    chk.keys(it, ("id", "title", "url", "note"), ("id", "title"), sid)
                    if sid:
                        out["sources"][sid] = {"title": chk.text(it, "title", sid), "url": it.get("url")}
            if kind == "botanicals":
                compile_botanicals(chk, doc, ids, refs, out)
            elif kind != "sources":
                _compile_list(chk, kind, doc, list_key, ids, names, refs, out)
        problems.extend(chk.problems)
    for path, line, entry, srcs in refs:
        for s in srcs:
            if s not in out["sources"]:
                problems.append(
                    Problem(path, line, entry, f"source '{s}' is not defined", "add it to a sources file or fix the id")
                )
    if problems:
        raise DataError(problems)
    link_by_cas(out["allergens"])
    return out


def _compile_list(
    chk: Checker, kind: str, doc: dict, list_key: str, ids: dict, names: dict, refs: list, out: dict[str, Any]
) -> None:
    for it in chk.top(doc, list_key, extra=("kind", "sources")):
        eid = chk.entry_id(it, ids)
        allowed, required = SCHEMAS[kind]
        chk.keys(it, allowed, required, eid)
        srcs = chk.text_list(it, "sources", eid)
        refs.append((chk.path, it.get(LINE_KEY), eid or "?", srcs))
        entry = _COMPILERS[kind](chk, it, eid or "?")
        entry.update(id=eid, sources=srcs)
        _check_names(chk, kind, entry, names, it.get(LINE_KEY))
        out[kind].append(entry)


def _check_names(chk: Checker, kind: str, entry: dict[str, Any], names: dict, line: int | None) -> None:
    """A whole name may belong to one entry per list: a user entry can never shadow a built-in one."""
    if kind not in LISTS:
        return
    all_names = [entry.get("name"), entry.get("label_name"), *entry.get("inci", ()), *entry.get("aliases", ())]
    entry["keys"] = list(dict.fromkeys(normalize_key(x) for x in all_names if x))  # lookup keys, compiled once
    for n in entry["keys"]:
        other = names.get((kind, n))
        if other is not None and other != entry["id"]:
            chk.add(line, entry["id"], f"name '{n}' is already covered by entry '{other}'", "remove the duplicate name")
        else:
            names[(kind, n)] = entry["id"]


def _patterns(chk: Checker, it: Mapping[str, Any], eid: str) -> list[str]:
    good = []
    for p in chk.text_list(it, "patterns", eid):
        line = it.get(LINE_KEY)
        if not (p.startswith("^") and p.endswith("$")):
            chk.add(line, eid, f"pattern {p!r} is not anchored", "start it with '^' and end it with '$'")
            continue
        if _NESTED_QUANT.search(p):
            chk.add(line, eid, f"pattern {p!r} nests unbounded quantifiers", "rewrite without '(...+)+' shapes")
            continue
        if p != p.casefold():
            chk.add(line, eid, f"pattern {p!r} has upper-case letters", "patterns run on lower-cased names")
            continue
        try:
            re.compile(p)
        except re.error as e:
            chk.add(line, eid, f"pattern {p!r} is not a valid regular expression ({e})", "fix the regular expression")
            continue
        good.append(p)
    return good


def _by_type(chk: Checker, it: Mapping[str, Any], key: str, eid: str, values: Sequence[str] | None) -> dict[str, str]:
    """A ``{leave-on: x, rinse-off: y}`` mapping; ``values`` restricts x/y (None: any non-empty text)."""
    v = it.get(key)
    if v is None:
        return {}
    line = it.get(LINE_KEY)
    if not isinstance(v, dict):
        chk.add(line, eid, f"'{key}' must map a product type to a value", f"write '{key}: {{leave-on: ..., ...}}'")
        return {}
    out = {}
    for pt, val in v.items():
        if pt == LINE_KEY:
            continue
        if pt not in PRODUCT_TYPES:
            chk.add(line, eid, f"'{key}' has unknown product type '{pt}'", f"use {' or '.join(PRODUCT_TYPES)}")
        elif values is not None and val not in values:
            chk.add(line, eid, f"'{key}: {pt}: {val}' is not allowed", f"use one of: {', '.join(values)}")
        elif not isinstance(val, str) or not val.strip():
            chk.add(line, eid, f"'{key}: {pt}' must be text", f"write '{key}: {{{pt}: some text}}'")
        else:
            out[pt] = val.strip()
    return out


def _pct(chk: Checker, it: Mapping[str, Any], key: str, eid: str, required: bool) -> float | None:
    v = it.get(key)
    if v is None:
        if required:
            chk.add(it.get(LINE_KEY), eid, f"'{key}' is required", f"add '{key}: <percent>'")
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 100:
        chk.add(it.get(LINE_KEY), eid, f"'{key}: {v!r}' is not a percentage", "use a number above 0 and at most 100")
        return None
    return float(v)


def _irritant(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    sev = _by_type(chk, it, "severity", eid, SEVERITIES)
    if it.get("severity") is not None and set(sev) != set(PRODUCT_TYPES):
        chk.add(
            it.get(LINE_KEY), eid, "'severity' must give both product types", "write '{leave-on: .., rinse-off: ..}'"
        )
    return {
        "name": chk.text(it, "name", eid),
        "aliases": chk.text_list(it, "aliases", eid),
        "patterns": _patterns(chk, it, eid),
        "class": chk.choice(it, "class", IRRITANT_CLASSES, eid),
        "concern": chk.text(it, "concern", eid),
        "severity": sev,
        "first_five": _by_type(chk, it, "first_five", eid, SEVERITIES),
        "eu": _by_type(chk, it, "eu", eid, None),
        "label_warning": chk.text(it, "label_warning", eid),
        "why": chk.text(it, "why", eid),
        "mixture": _flag(chk, it, "mixture", eid),
    }


def _flag(chk: Checker, it: Mapping[str, Any], key: str, eid: str) -> bool:
    v = it.get(key, False)
    if not isinstance(v, bool):
        chk.add(it.get(LINE_KEY), eid, f"'{key}: {v!r}' must be true or false", f"write '{key}: true'")
        return False
    return v


def _allergen(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    status = chk.choice(it, "status", ALLERGEN_STATUS, eid)
    need = status == "label_required"
    lo = _pct(chk, it, "leave_on_threshold_pct", eid, need)
    ro = _pct(chk, it, "rinse_off_threshold_pct", eid, need)
    if status == "prohibited" and (lo is not None or ro is not None):
        chk.add(it.get(LINE_KEY), eid, "a prohibited allergen has no labelling threshold", "set the thresholds to null")
    annex = it.get("annex")
    if not isinstance(annex, str) or not re.fullmatch(r"(?:II|III)/\d+[a-z]?", annex):
        chk.add(
            it.get(LINE_KEY), eid, f"annex {annex!r} is malformed", "write the Annex entry as 'III/84' or 'II/1380'"
        )
    return {
        "label_name": chk.text(it, "label_name", eid),
        "inci": chk.text_list(it, "inci", eid),
        "aliases": chk.text_list(it, "aliases", eid),
        "cas": chk.text_list(it, "cas", eid),
        "annex": annex,
        "status": status,
        "leave_on_threshold_pct": lo,
        "rinse_off_threshold_pct": ro,
    }


def _anchor(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    types = chk.text_list(it, "product_types", eid)
    for t in types:
        if t not in PRODUCT_TYPES:
            chk.add(it.get(LINE_KEY), eid, f"product type '{t}' unknown", f"use {' or '.join(PRODUCT_TYPES)}")
    max_pct = _pct(chk, it, "max_pct", eid, True)
    if max_pct is not None and max_pct > 1.0:
        chk.add(it.get(LINE_KEY), eid, f"max_pct {max_pct} is above 1 %", "an anchor must be at or below 1 %")
    return {
        "name": chk.text(it, "name", eid),
        "aliases": chk.text_list(it, "aliases", eid),
        "patterns": _patterns(chk, it, eid),
        "max_pct": max_pct or 1.0,
        "basis": chk.text(it, "basis", eid),
        "product_types": types,
    }


def _active(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    return {
        "name": chk.text(it, "name", eid),
        "aliases": chk.text_list(it, "aliases", eid),
        "patterns": _patterns(chk, it, eid),
        "group": chk.text(it, "group", eid),
        "evidence": chk.text(it, "evidence", eid),
    }


def _claim(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    kind = chk.choice(it, "kind", CLAIM_KINDS, eid)
    requires = chk.text_list(it, "requires", eid)
    for c in requires:
        if c not in CATEGORIES:
            chk.add(it.get(LINE_KEY), eid, f"requires '{c}' is not a lexicon category", f"use: {', '.join(CATEGORIES)}")
    if kind == "ev" and not requires:
        chk.add(it.get(LINE_KEY), eid, "an 'ev' claim needs 'requires'", "list the categories that back the claim")
    if kind != "ev" and requires:
        chk.add(it.get(LINE_KEY), eid, f"a '{kind}' claim takes no 'requires'", "remove 'requires'")
    return {
        "kind": kind,
        "phrases": chk.text_list(it, "phrases", eid),
        "requires": requires,
        "why": chk.text(it, "why", eid),
    }


def _market(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    return {
        "name": chk.text(it, "name", eid),
        "human_origin": chk.choice(it, "human_origin", HUMAN_ORIGIN, eid),
        "human_origin_basis": chk.text(it, "human_origin_basis", eid),
        "animal_tse": chk.text(it, "animal_tse", eid),
        "exosome_products": chk.text(it, "exosome_products", eid),
    }


def _animal(chk: Checker, it: Mapping[str, Any], eid: str) -> dict[str, Any]:
    return {
        "kind": chk.choice(it, "kind", ANIMAL_KINDS, eid),
        "words": chk.text_list(it, "words", eid),
        "note": chk.text(it, "note", eid),
    }


_COMPILERS = {
    "irritants": _irritant,
    "allergens": _allergen,
    "anchors": _anchor,
    "actives": _active,
    "claims": _claim,
    "markets": _market,
    "animal_notes": _animal,
}
