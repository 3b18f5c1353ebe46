"""Where a problem is written in its file: the line and column of the key (or list item) it is about.

Validation records only the line where a mapping starts; a :class:`Problem` that names its ``key`` path is
placed here at that key's own line and column, by reading the file's text again as a YAML node tree (JSON is
read the same way: a JSON document is a YAML flow document) or, for TOML, by finding ``key =`` inside the
table. A problem that cannot be placed keeps the line it had. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from exolabel.datafiles.load import Problem

Mark = tuple[int, int]  # 1-based line and column


def _compose(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _mark(node: Any) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _mappings(node: Any, out: list[Any], depth: int = 0) -> list[Any]:
    """Every mapping node under ``node``, in document order (depth-limited, like the loader)."""
    import yaml

    if depth > 100:
        return out
    if isinstance(node, yaml.MappingNode):
        out.append(node)
        for k, v in node.value:
            _mappings(k, out, depth + 1)
            _mappings(v, out, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _mappings(v, out, depth + 1)
    return out


def _descend(node: Any, key: tuple[str | int, ...]) -> Mark | None:
    import yaml

    where: Mark | None = None
    for part in key:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            hit = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            if hit is None:
                return where
            where, node = _mark(hit[0]), hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            where = _mark(node)
        else:
            return where
    return where


def _toml_key(text: str, key: str, table: str | None) -> Mark | None:
    lines = text.splitlines()
    start = 0
    if table is not None:
        head = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$")
        start = next((i + 1 for i, line in enumerate(lines) if head.match(line)), len(lines))
    pat = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(start, len(lines)):
        if table is not None and lines[i].lstrip().startswith("["):
            break
        m = pat.match(lines[i])
        if m:
            return i + 1, len(m.group(1)) + 1
    return None


def place(problems: Iterable[Problem], text: str, suffix: str, toml_table: str | None = None) -> tuple[Problem, ...]:
    """``problems`` with the line and column of the key each one names (``suffix``: the file's, such as
    ``.yaml``; ``toml_table``: the table a TOML file's keys are in, such as ``tool.exolabel``)."""
    problems = tuple(problems)
    if not any(p.key for p in problems):
        return problems
    out = []
    if suffix == ".toml":
        for p in problems:
            where = _toml_key(text, str(p.key[0]), toml_table) if p.key else None
            out.append(replace(p, line=where[0], column=where[1]) if where else p)
        return tuple(out)
    root = _compose(text)
    maps = _mappings(root, []) if root is not None else []
    for p in problems:
        where = None
        if p.key and maps:
            # the mapping the problem's line points at (the document's when no line is known)
            candidates = [m for m in maps if p.line is not None and _mark(m)[0] == p.line] or maps[:1]
            for m in candidates:
                where = _descend(m, p.key)
                if where:
                    break
        out.append(replace(p, line=where[0], column=where[1]) if where else p)
    return tuple(out)
