"""Safe loading and strict validation of exolabel's YAML/CSV data files.

Every data file (lexicon, rules, config, label files) goes through here: ``load_yaml`` uses a *safe* loader
(libyaml's CSafeLoader when available: no Python tags, no object construction) that records the line of every
mapping, and :class:`DataError` names the file, the line, the entry and the fix. Validation collects every
problem before failing, so a user fixing a file sees all of them at once.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

LINE_KEY = "__line__"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9.\-_]*$")
MAX_DATA_BYTES = 20_000_000
_ALIAS_LIMIT = 10  # YAML aliases per document: stops "billion laughs" expansion when traversed


@dataclass(frozen=True)
class Problem:
    """One problem in a data file. ``key`` is the path of keys (and list indexes) to the value at fault, so its
    own line and column can be found again in the file's text (:func:`exolabel.datafiles.where.place`)."""

    path: str
    line: int | None
    entry: str | None
    message: str
    fix: str
    column: int | None = None
    key: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        where += f":{self.column}" if self.line and self.column else ""
        who = f" entry '{self.entry}'" if self.entry else ""
        return f"{where}:{who} {self.message}. Fix: {self.fix}"


class DataError(Exception):
    """One or more problems in a data file. ``str()`` lists them all, one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@cache
def _yaml() -> tuple[ModuleType, type, type]:
    """``(yaml, base loader, line loader)``, imported on first use: most runs read only the JSON data cache and
    never parse YAML, so they never import PyYAML."""
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _LineLoader(base):  # type: ignore[misc,valid-type]
        """Safe loader that records the 1-based line of each mapping and refuses alias bombs."""

        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self._aliases_seen = 0

        def compose_node(self, parent: Any, index: Any) -> Any:  # pragma: no cover - pure-python loader only
            if self.check_event(yaml.AliasEvent):
                self._aliases_seen += 1
                if self._aliases_seen > _ALIAS_LIMIT:
                    raise yaml.YAMLError(f"more than {_ALIAS_LIMIT} YAML aliases (possible 'billion laughs' bomb)")
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            mapping = super().construct_mapping(node, deep=deep)
            mapping[LINE_KEY] = node.start_mark.line + 1
            return mapping

    _LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
    return yaml, base, _LineLoader


def _count_aliases(text: str) -> int:
    return len(re.findall(r"(?<![\w'\"])\*[A-Za-z0-9_-]+", text))


def _too_many_aliases(text: str) -> bool:
    """More than the limit of real YAML aliases? The regex is a cheap pre-check that also counts footnote stars
    ("*organic") inside text; the parser's event stream (linear: aliases are not expanded) then counts only real
    aliases, stopping at the limit."""
    if _count_aliases(text) <= _ALIAS_LIMIT:
        return False
    yaml, base_loader, _ = _yaml()
    n = 0
    try:
        for event in yaml.parse(text, Loader=base_loader):
            if isinstance(event, yaml.AliasEvent):
                n += 1
                if n > _ALIAS_LIMIT:
                    return True
    except yaml.YAMLError:
        return False  # the load below reports the syntax error with its line
    return False


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML text safely; raise DataError naming ``path`` on any problem."""
    if _too_many_aliases(text):
        raise DataError(
            [
                Problem(
                    path,
                    None,
                    None,
                    f"more than {_ALIAS_LIMIT} YAML aliases",
                    "remove anchors/aliases (&x / *x); exolabel refuses alias expansion bombs",
                )
            ]
        )
    yaml, _, line_loader = _yaml()
    try:
        return yaml.load(text, Loader=line_loader)
    except yaml.constructor.ConstructorError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise DataError(
            [
                Problem(
                    path,
                    line,
                    None,
                    f"YAML tag not allowed: {e.problem}".replace("could not determine a constructor for the tag ", ""),
                    "remove the '!!tag': exolabel reads plain YAML only (no Python objects)",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        column = e.problem_mark.column + 1 if e.problem_mark else None
        raise DataError(
            [Problem(path, line, None, f"invalid YAML: {e.problem}", "fix the YAML syntax at that line", column)]
        ) from None
    except yaml.YAMLError as e:
        raise DataError([Problem(path, None, None, f"invalid YAML: {e}", "fix the YAML syntax")]) from None
    except RecursionError:
        raise DataError([Problem(path, None, None, "YAML nested too deeply", "flatten the file")]) from None


def load_toml_text(text: str, path: str, fix_on_310: str) -> Any:
    """Parse TOML (Python 3.11+ tomllib); raise DataError naming ``path`` on any problem."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        raise DataError([Problem(path, None, None, "TOML files need Python 3.11+", fix_on_310)]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataError([Problem(path, None, None, f"invalid TOML: {e}", "fix the TOML syntax")]) from None


def read_text_file(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise DataError(
                [
                    Problem(
                        str(path),
                        None,
                        None,
                        f"file is {size} bytes, over the {MAX_DATA_BYTES} limit",
                        "split the file",
                    )
                ]
            )
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError(
            [Problem(str(path), None, None, f"not UTF-8 text ({e.reason} at byte {e.start})", "save the file as UTF-8")]
        ) from None
    except OSError as e:
        raise DataError(
            [Problem(str(path), None, None, f"cannot read file: {e.strerror}", "check the path and permissions")]
        ) from None


def load_yaml(path: Path) -> Any:
    return load_yaml_text(read_text_file(path), str(path))


def strip_lines(obj: Any) -> Any:
    """A copy of ``obj`` without the recorded line numbers."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k != LINE_KEY}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj


class Checker:
    """Collects problems for one file; helpers check the common field shapes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, entry: str | None, message: str, fix: str, key: tuple[str | int, ...] = ()) -> None:
        self.problems.append(Problem(self.path, line, entry, message, fix, key=key))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)

    def keys(self, item: Mapping[str, Any], allowed: Iterable[str], required: Iterable[str], entry: str | None) -> None:
        allowed_set = set(allowed) | {LINE_KEY}
        line = item.get(LINE_KEY)
        for k in item:
            if k not in allowed_set:
                self.add(line, entry, f"unknown key '{k}'", f"use one of: {', '.join(sorted(set(allowed)))}", (k,))
        for k in required:
            if k not in item or item[k] in (None, "", []):
                self.add(line, entry, f"missing required key '{k}'", f"add '{k}:'")

    def text(self, item: Mapping[str, Any], key: str, entry: str | None, required: bool = False) -> str | None:
        v = item.get(key)
        if v is None:
            return None
        if not isinstance(v, str) or not v.strip():
            self.add(
                item.get(LINE_KEY),
                entry,
                f"'{key}' must be a non-empty string, not {type(v).__name__}",
                f"write '{key}: some text'",
                (key,),
            )
            return None
        return v.strip()

    def text_list(self, item: Mapping[str, Any], key: str, entry: str | None) -> list[str]:
        v = item.get(key)
        if v is None:
            return []
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            self.add(
                item.get(LINE_KEY),
                entry,
                f"'{key}' must be a list of non-empty strings",
                f"write '{key}: [first, second]'",
                (key,),
            )
            return []
        return [x.strip() for x in v]

    def choice(self, item: Mapping[str, Any], key: str, choices: Iterable[str], entry: str | None) -> str | None:
        v = item.get(key)
        options = tuple(choices)
        if v is None:
            return None
        if v not in options:
            self.add(
                item.get(LINE_KEY), entry, f"'{key}: {v}' is not allowed", f"use one of: {', '.join(options)}", (key,)
            )
            return None
        return str(v)

    def top(self, doc: Any, list_key: str, extra: Iterable[str] = ()) -> list[Mapping[str, Any]]:
        """Check a ``{schema: 1, <list_key>: [...]}`` document and return its entries."""
        if not isinstance(doc, dict):
            self.add(
                None,
                None,
                "the file must be a mapping with 'schema' and '" + list_key + "'",
                f"start the file with 'schema: 1' and '{list_key}:'",
            )
            return []
        self.keys(doc, ["schema", list_key, *extra], ["schema"], None)
        if doc.get("schema") not in (1, None):
            self.add(doc.get(LINE_KEY), None, f"unsupported schema {doc.get('schema')!r}", "use 'schema: 1'")
        items = doc.get(list_key) or []
        if not isinstance(items, list):
            self.add(doc.get(LINE_KEY), None, f"'{list_key}' must be a list", f"write '{list_key}:' then '- id: ...'")
            return []
        good = []
        for it in items:
            if not isinstance(it, dict):
                self.add(
                    doc.get(LINE_KEY),
                    None,
                    f"every item of '{list_key}' must be a mapping, got {it!r}"[:160],
                    "write each item as '- id: ...' with keys below it",
                )
            else:
                good.append(it)
        return good

    def entry_id(self, item: Mapping[str, Any], seen: dict[str, str], fix_prefix: str = "") -> str | None:
        v = item.get("id")
        line = item.get(LINE_KEY)
        if not isinstance(v, str) or not ID_RE.match(v):
            self.add(
                line,
                str(v) if v is not None else None,
                "missing or malformed 'id'",
                f"give a stable lower-case id such as '{fix_prefix}name-of-entry'",
            )
            return None
        if v in seen:
            self.add(line, v, f"duplicate id (also in {seen[v]})", "ids are forever: choose a new, unused id")
            return None
        seen[v] = f"{self.path}:{line}"
        return v
