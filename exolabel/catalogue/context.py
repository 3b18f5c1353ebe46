"""What a catalogue row says about how its product is used and where it is sold: product type and markets.

A row's product type comes, in this order, from ``--product-type`` (every row), a type column whose value names
a kind of product ("Cleanser", "Face Wash", "rinse-off"), the product's own name and category words, or the
default (leave-on). Each decision carries its reason (``product_type_source``); a type column value that names
no kind exolabel knows is a per-row warning, and the row falls back to its name. Markets come from a market
column (``--market-column``), added to ``--market``; a value that names no known market is a per-row warning.

The words live in ``exolabel/catalogue/data/product_types.yaml`` and ``market_names.yaml``, each with its
sources (see the README in that folder); :func:`load_context_data` validates them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from exolabel.catalogue import find_column

DATA = Path(__file__).with_name("data")
PRODUCT_TYPES = ("leave-on", "rinse-off")
DEFAULT_TYPE = "leave-on"
DEFAULT_SOURCE = "default: no type word"
_EMPTY_SOURCE = "default: empty type cell, no type word"
_UNKNOWN_SOURCE = "default: unknown type value, no type word"
OPTION_SOURCE = "option: --product-type"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MARKET_SPLIT = re.compile(r"[,;|/+&]")
_MEMO = 4096  # distinct type and market cells remembered per resolver (catalogues repeat a few values)
_MAX_PHRASE = 3
# Column names that say "this holds the product type / markets / brand" (compared without case or punctuation).
TYPE_COLUMNS = ("type", "producttype", "category", "productcategory", "label", "format", "usetype")
MARKET_COLUMNS = ("markets", "market", "salesmarkets", "salesmarket", "countries", "country", "regions", "region")
BRAND_COLUMNS = ("brand", "brandname", "manufacturer", "maker", "vendor")
_ES_PLURAL = ("shes", "ches", "xes", "sses")  # "washes" -> "wash", "masses" -> "mass"


class ContextDataError(ValueError):
    """A row-context data file is invalid; the message names the file, the entry and the fix."""


class RowType(NamedTuple):
    """A row's product type, why, and a warning when a type column said something exolabel cannot use."""

    product_type: str
    source: str
    warning: str | None = None


class RowMarkets(NamedTuple):
    """A row's markets (ids, in the cell's order) and a warning naming the values that are no known market."""

    markets: tuple[str, ...]
    warning: str | None = None


_NO_MARKETS = RowMarkets(())


@dataclass(frozen=True)
class ContextData:
    """The validated words: phrase (as a tuple of words) -> product type; market name -> market id."""

    phrases: Mapping[tuple[str, ...], str]
    market_names: Mapping[str, str]


def words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text``, a plural ending dropped ("Washes" -> "wash", "Masks" -> "mask")."""
    out = []
    for w in _WORD.findall(text.casefold()):
        if len(w) > 3 and w[-1] == "s" and w[-2] != "s":
            w = w[:-2] if w.endswith(_ES_PLURAL) else w[:-1]
        out.append(w)
    return tuple(out)


def context_columns(
    columns: Sequence[str], type_column: str | None, market_column: str | None, brand_column: str | None
) -> dict[str, str | None]:
    """The product type, market and brand columns: the ones named (which must exist), else detected, else None."""
    return {
        "type_column": find_column(columns, type_column, TYPE_COLUMNS, "product type"),
        "market_column": find_column(columns, market_column, MARKET_COLUMNS, "markets"),
        "brand_column": find_column(columns, brand_column, BRAND_COLUMNS, "brand"),
    }


def resolver_for(
    rule_data: Any, product_type: str | None, type_column: str | None, market_column: str | None
) -> ContextResolver:
    """A resolver with the packaged words and the markets of ``rule_data`` (a RuleData, or None)."""
    markets = {m.id: m.name for m in rule_data.markets.values()} if rule_data is not None else {}
    return ContextResolver(default_context_data(), markets, product_type, type_column, market_column)


def warnings_of(kind: RowType, markets: RowMarkets) -> str | None:
    """A checked row's warnings as one message (its ``message`` cell), or None."""
    if markets.warning is None:
        return kind.warning
    return markets.warning if kind.warning is None else f"{kind.warning}; {markets.warning}"


def finding_subject(message: str) -> str:
    """What a finding is about: the quoted ingredient or claim its message starts with, else the message's start."""
    if message[:1] == "'":
        end = message.find("'", 1)
        while end != -1 and message[end + 1 : end + 2] not in ("", ":", " ", ",", ";", ")"):
            end = message.find("'", end + 1)  # an apostrophe inside the name ("Devil's Claw")
        if end != -1:
            return message[1:end]
    return message if len(message) <= 80 else message[:79] + "…"


def _load_yaml(path: Path) -> Any:
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ContextDataError(f"{path}: cannot be read as YAML: {e}") from None


def _sources(path: Path, doc: Mapping[str, Any]) -> set[str]:
    ids = set()
    for i, s in enumerate(doc.get("sources") or []):
        if not isinstance(s, dict) or not s.get("id") or not s.get("title") or not s.get("url"):
            raise ContextDataError(f"{path}: sources[{i}] needs an id, a title and a url")
        ids.add(s["id"])
    return ids


def _entries(path: Path, doc: Any, key: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(doc, dict) or doc.get("schema") != 1 or not isinstance(doc.get(key), list):
        raise ContextDataError(f"{path}: expected 'schema: 1', 'sources' and a '{key}' list")
    known = _sources(path, doc)
    out = []
    for i, e in enumerate(doc[key]):
        where = f"{path}: {key}[{i}]"
        if not isinstance(e, dict):
            raise ContextDataError(f"{where}: expected a mapping with {', '.join(fields)}")
        extra = set(e) - set(fields)
        if extra:
            raise ContextDataError(f"{where}: unknown key(s) {sorted(extra)}; use only {', '.join(fields)}")
        refs = e.get("sources")
        if not refs or not isinstance(refs, list):
            raise ContextDataError(f"{where}: give its 'sources' (ids from this file's sources list)")
        missing = [r for r in refs if r not in known]
        if missing:
            raise ContextDataError(f"{where}: unknown source(s) {missing}; define them under 'sources'")
        out.append(e)
    return out


def load_context_data(folder: Path = DATA, known_markets: Iterable[str] | None = None) -> ContextData:
    """Read and validate ``product_types.yaml`` and ``market_names.yaml`` in ``folder``. With
    ``known_markets``, every market an entry names must be one of them."""
    path = folder / "product_types.yaml"
    phrases: dict[tuple[str, ...], str] = {}
    for i, e in enumerate(_entries(path, _load_yaml(path), "words", ("phrase", "product_type", "sources"))):
        where = f"{path}: words[{i}]"
        if e.get("product_type") not in PRODUCT_TYPES:
            raise ContextDataError(f"{where}: product_type must be leave-on or rinse-off")
        key = words(str(e.get("phrase") or ""))
        if not key or len(key) > _MAX_PHRASE:
            raise ContextDataError(f"{where}: phrase must be 1 to {_MAX_PHRASE} words")
        if key in phrases:
            raise ContextDataError(f"{where}: phrase {e['phrase']!r} is listed twice; keep one entry")
        phrases[key] = e["product_type"]
    path = folder / "market_names.yaml"
    names: dict[str, str] = {}
    known = set(known_markets) if known_markets is not None else None
    for i, e in enumerate(_entries(path, _load_yaml(path), "markets", ("market", "names", "sources"))):
        where = f"{path}: markets[{i}]"
        market = e.get("market")
        if not isinstance(market, str) or (known is not None and market not in known):
            raise ContextDataError(f"{where}: market {market!r} is not one exolabel knows ({sorted(known or ())})")
        for n in e.get("names") or []:
            key = " ".join(words(str(n)))
            if names.get(key, market) != market:
                raise ContextDataError(f"{where}: name {n!r} already means {names[key]}; keep one meaning")
            names[key] = market
    return ContextData(phrases, names)


@lru_cache(maxsize=1)
def default_context_data() -> ContextData:
    return load_context_data()


class ContextResolver:
    """Decides each row's product type and markets (one per checker; remembers the cells it has seen)."""

    def __init__(
        self,
        data: ContextData,
        markets: Mapping[str, str] | None = None,
        product_type: str | None = None,
        type_column: str | None = None,
        market_column: str | None = None,
    ) -> None:
        self.phrases = data.phrases
        # the phrases' words as written in a name, plurals too: a name with none of them has no kind (one set test)
        stems = {w for p in data.phrases for w in p}
        self._stems = frozenset(stems | {w + "s" for w in stems} | {w + "es" for w in stems})
        names = dict(data.market_names)
        for mid, name in (markets or {}).items():  # a market's own id and name
            names.setdefault(mid, mid)
            names.setdefault(" ".join(words(name)), mid)
        self.market_names = names
        self.forced = RowType(product_type, OPTION_SOURCE) if product_type else None
        self.type_column = type_column
        self.market_column = market_column
        self._types: dict[str, RowType] = {}
        self._by_name: dict[tuple[str, str], RowType] = {}
        self._default = RowType(DEFAULT_TYPE, DEFAULT_SOURCE if type_column is None else _EMPTY_SOURCE)
        self._markets: dict[str, RowMarkets] = {}

    def kind(self, text: str) -> tuple[str, str] | None:
        """(product type, the phrase that decided it) for a text, or None: the longest phrase wins, then the
        last one (the head noun)."""
        ws = words(text)
        best: tuple[int, int, str, str] | None = None
        phrases = self.phrases
        for n in range(min(_MAX_PHRASE, len(ws)), 0, -1):
            for i in range(len(ws) - n + 1):
                t = phrases.get(ws[i : i + n])
                if t is not None and (best is None or (n, i) > best[:2]):
                    best = (n, i, t, " ".join(ws[i : i + n]))
            if best is not None:
                return best[2], best[3]
        return None

    def product_type(self, type_cell: Any, name: str | None) -> RowType:
        """The row's product type and its reason (the same object for rows decided alike)."""
        if self.forced is not None:
            return self.forced
        warning = None
        if self.type_column is not None and type(type_cell) is str and type_cell and not type_cell.isspace():
            by_cell = self._types.get(type_cell)
            if by_cell is None:
                by_cell = self._by_cell(type_cell)
                if len(self._types) < _MEMO:
                    self._types[type_cell] = by_cell
            if by_cell.warning is None:
                return by_cell
            warning = by_cell.warning
        if name and not self._stems.isdisjoint(_WORD.findall(name.casefold())):
            hit = self.kind(name)
            if hit is not None:
                if warning is None:
                    return self._by_name.setdefault(hit, RowType(hit[0], f"name: {hit[1]!r}"))
                return RowType(hit[0], f"name: {hit[1]!r}", f"{warning}; decided by the name ({hit[1]})")
        if warning is None:
            return self._default
        return RowType(DEFAULT_TYPE, _UNKNOWN_SOURCE, f"{warning}; checked as leave-on (the default)")

    def _by_cell(self, cell: str) -> RowType:
        """What a type cell says: a kind, or a warning (the row then goes by its name)."""
        text = cell.strip()
        hit = self.kind(text)
        if hit is not None:
            return RowType(hit[0], f"column {self.type_column}: {text!r} ({hit[1]})")
        return RowType(
            DEFAULT_TYPE,
            _UNKNOWN_SOURCE,
            f"product type: column {self.type_column} says {text!r}, which names no leave-on or rinse-off kind "
            "exolabel knows",
        )

    def markets(self, cell: Any) -> RowMarkets:
        if self.market_column is None or type(cell) is not str or not cell or cell.isspace():
            return _NO_MARKETS
        got = self._markets.get(cell)
        if got is None:
            got = self._parse_markets(cell)
            if len(self._markets) < _MEMO:
                self._markets[cell] = got
        return got

    def _parse_markets(self, cell: str) -> RowMarkets:
        found: dict[str, None] = {}
        unknown: list[str] = []
        names = self.market_names
        for part in _MARKET_SPLIT.split(cell):
            key = " ".join(words(part))
            if not key:
                continue
            if key in names:
                found[names[key]] = None
                continue
            codes = [names.get(w) for w in key.split()]
            if all(codes):
                found.update(dict.fromkeys(c for c in codes if c))
            else:
                unknown.append(part.strip())
        warning = (
            f"markets: column {self.market_column} has {', '.join(repr(u) for u in unknown)}, no market exolabel "
            "knows (not used)"
            if unknown
            else None
        )
        return RowMarkets(tuple(found), warning)


__all__ = [
    "BRAND_COLUMNS",
    "DEFAULT_TYPE",
    "MARKET_COLUMNS",
    "PRODUCT_TYPES",
    "TYPE_COLUMNS",
    "ContextData",
    "ContextDataError",
    "ContextResolver",
    "RowMarkets",
    "RowType",
    "context_columns",
    "default_context_data",
    "finding_subject",
    "load_context_data",
    "resolver_for",
    "warnings_of",
    "words",
]
