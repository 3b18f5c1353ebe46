"""Project configuration: ``.exolabel.yaml`` or ``[tool.exolabel]`` in ``pyproject.toml``.

Found by walking up from the current directory (the first directory holding either wins; in one directory
``.exolabel.yaml`` wins over ``pyproject.toml``), or named with ``--config``; ``--isolated`` ignores them.
Unknown keys and bad values are errors naming the file, line (YAML), key and fix. Relative paths in a config
(lexicon files, baseline) are relative to the config file's directory. Pure apart from reading the file.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exolabel.datafiles.load import (
    LINE_KEY,
    Checker,
    DataError,
    Problem,
    load_toml_text,
    load_yaml_text,
    read_text_file,
)
from exolabel.model import PRODUCT_TYPES, Severity

if TYPE_CHECKING:  # (imported where needed: a config without mistakes, and a scan, need neither)
    from exolabel.datafiles.choices import Unknown

CONFIG_NAMES = (".exolabel.yaml", ".exolabel.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")
# Label files by default; .txt ingredient lists only when 'include' names them (a repository has other .txt).
DEFAULT_INCLUDE = ("**/*.yaml", "**/*.yml", "**/*.json", "**/*.toml")
# Well-known files that are never labels; hidden files and directories (.github, .exolabel.yaml) are skipped too.
DEFAULT_EXCLUDE = (
    "pyproject.toml",
    "Cargo.toml",
    "package.json",
    "package-lock.json",
    "composer.json",
    "renovate.json",
    "tsconfig*.json",
    "action.yml",
    "action.yaml",
    "mkdocs.yml",
    "environment.yml",
    "docker-compose*.yml",
    "docker-compose*.yaml",
    "compose.yml",
    "compose.yaml",
    "node_modules",
    "venv",
    "*-baseline.json",
)
KEYS = (
    "select",
    "ignore",
    "severity",
    "fail-on",
    "markets",
    "product-type",
    "lexicon",
    "rule-data",
    "include",
    "exclude",
    "per-file-ignores",
    "baseline",
    "avoid",
)


@dataclass(frozen=True)
class Config:
    """Settings from a config file; empty values mean "not set" (the command's defaults apply)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str | None = None
    markets: tuple[str, ...] = ()
    product_type: str | None = None
    lexicon: tuple[str, ...] = ()
    rule_data: tuple[str, ...] = ()  # extra rule list files (irritants, allergens, claims... with 'kind:')
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    baseline: Path | None = None
    avoid: tuple[str, ...] = ()  # the user's avoid list (ingredient names or finding kinds), for `scan`

    @property
    def root(self) -> Path:
        """The directory paths in this config are relative to (the current directory without a config)."""
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (default: the current directory)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        pp = d / PYPROJECT
        if pp.is_file() and _has_tool_table(pp):
            return pp
    return None


def _has_tool_table(path: Path) -> bool:
    """Does the pyproject.toml at ``path`` hold a [tool.exolabel] table (and decode as UTF-8)? Its bytes are looked
    at first, so a file without one is not decoded (nor the UTF-8-with-BOM codec imported)."""
    try:
        data = path.read_bytes()
        if b"[tool.exolabel]" not in data and b"[tool.exolabel." not in data:
            return False
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.exolabel]" in text or "[tool.exolabel." in text


def load_config(explicit: str | Path | None = None, *, isolated: bool = False, start: Path | None = None) -> Config:
    """The config named by ``explicit``, or found walking up from ``start``; an empty Config if none."""
    if isolated:
        return Config()
    path = Path(explicit) if explicit else find_config(start)
    if path is None:
        return Config()
    if not path.is_file():
        raise DataError([Problem(str(path), None, None, "config file not found", "check the --config path")])
    text = read_text_file(path)
    toml = path.name == PYPROJECT or path.suffix == ".toml"
    try:
        doc = _tool_table(text, str(path)) if toml else (load_yaml_text(text, str(path)) or {})
        return parse_config(doc, path, text)
    except DataError as e:  # each problem at the line and column of its key
        from exolabel.datafiles.where import place

        raise DataError(place(e.problems, text, ".toml" if toml else ".yaml", "tool.exolabel")) from None


def _tool_table(text: str, path: str) -> Any:
    doc = load_toml_text(text, path, "use .exolabel.yaml instead")
    return doc.get("tool", {}).get("exolabel", {})


def _toml_line(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return n
    return None


def parse_config(doc: Any, path: Path, text: str = "") -> Config:
    from exolabel.datafiles.choices import Unknown, unknown_choices

    chk = Checker(str(path))
    if not isinstance(doc, dict):
        chk.add(None, None, "the config must be a mapping of keys", "write 'select: [...]' etc. at the top level")
        chk.raise_if_any()
    line = doc.get(LINE_KEY)
    for k in doc:
        if k != LINE_KEY and k not in KEYS:
            alt = (
                k.replace("_", "-") if str(k).replace("_", "-") in KEYS else Unknown("key", str(k), 0, KEYS).suggestion
            )
            hint = f"did you mean '{alt}'? " if alt else ""
            chk.add(
                line or _toml_line(text, str(k)),
                None,
                f"unknown key '{k}'",
                f"{hint}use one of: {', '.join(KEYS)}",
                (k,),
            )
    sev: dict[str, Severity] = {}
    raw_sev = doc.get("severity") or {}
    if not isinstance(raw_sev, dict):
        chk.add(
            line,
            None,
            "'severity' must map rule codes to error/warning/info",
            "write 'severity: {SR01: error}'",
            ("severity",),
        )
    else:
        for ref, value in raw_sev.items():
            if ref == LINE_KEY:
                continue
            try:
                sev[str(ref)] = Severity(str(value))
            except ValueError:
                chk.add(
                    line,
                    None,
                    f"severity of {ref}: '{value}' is not a severity",
                    "use error, warning or info",
                    ("severity", str(ref)),
                )
    fail_on = doc.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        chk.add(line, None, f"'fail-on: {fail_on}' is not allowed", f"use one of: {', '.join(FAIL_ON)}", ("fail-on",))
        fail_on = None
    ptype = doc.get("product-type")
    for u in unknown_choices([ptype] if isinstance(ptype, str) else [], PRODUCT_TYPES, "product type"):
        chk.add(line, None, u.message, u.fix, ("product-type",))
        ptype = None
    if ptype is not None and not isinstance(ptype, str):
        chk.add(line, None, "'product-type' must be text", f"use {' or '.join(PRODUCT_TYPES)}", ("product-type",))
        ptype = None
    pfi: list[tuple[str, tuple[str, ...]]] = []
    raw_pfi = doc.get("per-file-ignores") or {}
    if not isinstance(raw_pfi, dict):
        chk.add(
            line,
            None,
            "'per-file-ignores' must map globs to rule lists",
            "write '\"a/*.yaml\": [LX02]'",
            ("per-file-ignores",),
        )
    else:
        for glob, refs in raw_pfi.items():
            if glob == LINE_KEY:
                continue
            refs = [refs] if isinstance(refs, str) else refs
            if not isinstance(refs, list) or not all(isinstance(r, str) and r.strip() for r in refs):
                chk.add(
                    line,
                    None,
                    f"per-file-ignores '{glob}' must be a list of rule codes",
                    "write '[LX02, CN01]'",
                    ("per-file-ignores", str(glob)),
                )
                continue
            pfi.append((str(glob), tuple(r.strip() for r in refs)))
    lexicon = tuple(str(path.parent / p) for p in chk.text_list(doc, "lexicon", None))
    rule_data = tuple(str(path.parent / p) for p in chk.text_list(doc, "rule-data", None))
    baseline = chk.text(doc, "baseline", None)
    cfg = Config(
        path=path,
        select=tuple(chk.text_list(doc, "select", None)),
        ignore=tuple(chk.text_list(doc, "ignore", None)),
        severity=sev,
        fail_on=fail_on,
        markets=tuple(m.casefold() for m in chk.text_list(doc, "markets", None)),
        product_type=ptype,
        lexicon=lexicon,
        rule_data=rule_data,
        include=tuple(chk.text_list(doc, "include", None)),
        exclude=tuple(chk.text_list(doc, "exclude", None)),
        per_file_ignores=tuple(pfi),
        baseline=(path.parent / baseline) if baseline else None,
        avoid=tuple(chk.text_list(doc, "avoid", None)),
    )
    refs: list[tuple[str, tuple[str | int, ...]]] = [(r, ("select", i)) for i, r in enumerate(cfg.select)]
    refs += [(r, ("ignore", i)) for i, r in enumerate(cfg.ignore)]
    refs += [(r, ("severity", r)) for r in cfg.severity]
    refs += [(r, ("per-file-ignores", g, i)) for g, rs in cfg.per_file_ignores for i, r in enumerate(rs)]
    for u in unknown_rules([r for r, _ in refs]):
        chk.add(line, None, u.message, u.fix, refs[u.index][1])
    chk.raise_if_any()
    return cfg


def unknown_rules(refs: Sequence[str]) -> "list[Unknown]":
    """The references (code, name, code prefix, group or 'all') that name no rule, each with a suggestion."""
    from exolabel.rules import GROUPS, RULES, SelectionError, check_refs

    known = (*(r.code for r in RULES), *GROUPS, *(r.name for r in RULES))
    out = []
    for i, ref in enumerate(refs):
        try:
            check_refs([ref])
        except SelectionError:
            from exolabel.datafiles.choices import Unknown

            out.append(Unknown("rule", ref, i, known))
    return out


def check_markets(cfg: Config, known: Iterable[str]) -> None:
    """Refuse the config's markets that the rule data does not know (``known``: its market ids), as a DataError
    at each one's line and column in the file; the message is :func:`exolabel.rules.markets.market_problem`'s."""
    from exolabel.rules.markets import market_problem, unknown_markets

    known = tuple(known)
    if cfg.path is None or not known:
        return
    problems = []
    for i, value in enumerate(cfg.markets):
        if unknown_markets([value], known):
            message = market_problem([value], known) or value
            problems.append(Problem(str(cfg.path), None, None, message, "fix the market's name", key=("markets", i)))
    if problems:
        from exolabel.datafiles.where import place

        text = read_text_file(cfg.path)
        raise DataError(place(problems, text, ".toml" if cfg.path.suffix == ".toml" else ".yaml", "tool.exolabel"))
