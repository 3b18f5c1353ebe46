"""The optional parts of a label file: ``declared`` concentrations, ``exosome_source``, ``characterization``
and ``exolabel-ignore`` (inline suppressions, each with a required reason).

The format is documented by ``exolabel/schema/label.schema.json``; the checks here name file, line, key and fix.
Pure: no I/O.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from exolabel.datafiles.load import LINE_KEY, Checker
from exolabel.model import ORIGINS, Characterization, Concentration, ExosomeSource
from exolabel.tokenizer.amount import find_concentration

IGNORE_KEY = "exolabel-ignore"
SOURCE_KEYS = ("origin", "detail")
CHARACTERIZATION_KEYS = ("particles_per_ml", "size_nm", "markers", "negative_markers", "method", "reference")
SUPPRESSION_KEYS = ("rules", "reason", "ingredient", "claim")
_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9.\-_]*$")


@dataclass(frozen=True)
class Suppression:
    """``exolabel-ignore`` entry: these rules are not reported for this label (or one ingredient/claim of it)."""

    rules: tuple[str, ...]
    reason: str
    ingredient: str | None = None  # limit to the ingredient with this name (case-insensitive)
    claim: str | None = None  # limit to this claim text (case-insensitive)
    line: int | None = None


def _line(doc: Mapping[str, Any], key: str) -> int | None:
    v = doc.get(key)
    if isinstance(v, dict) and LINE_KEY in v:
        return int(v[LINE_KEY])
    return doc.get(LINE_KEY)


def _amount(value: Any) -> Concentration | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Concentration(f"{value}%", "percent", float(value), "%")
    if isinstance(value, str):
        found = find_concentration(value)
        if found:
            return found[0]
    return None


def parse_declared(
    doc: Mapping[str, Any], ingredients_text: str, chk: Checker
) -> tuple[tuple[str, Concentration], ...]:
    v = doc.get("declared")
    if v is None:
        return ()
    line = _line(doc, "declared")
    if not isinstance(v, dict):
        chk.add(
            line, "declared", "'declared' must map ingredient names to amounts", "write 'declared: {Niacinamide: 5%}'"
        )
        return ()
    out: list[tuple[str, Concentration]] = []
    haystack = ingredients_text.casefold()
    for name, value in v.items():
        if name == LINE_KEY:
            continue
        amount = _amount(value)
        if amount is None:
            chk.add(
                line, f"declared.{name}", f"'{value}' is not an amount", "write a percent (5 or '5%'), ppm or count"
            )
            continue
        if str(name).casefold() not in haystack:
            chk.add(
                line,
                f"declared.{name}",
                f"'{name}' is not in the ingredient list",
                "write the name exactly as it appears under 'ingredients'",
            )
            continue
        out.append((str(name), amount))
    return tuple(out)


def parse_source(doc: Mapping[str, Any], chk: Checker) -> ExosomeSource | None:
    v = doc.get("exosome_source")
    if v is None:
        return None
    line = _line(doc, "exosome_source")
    if not isinstance(v, dict):
        chk.add(line, "exosome_source", "'exosome_source' must be a mapping", "write 'exosome_source: {origin: plant}'")
        return None
    chk.keys(v, SOURCE_KEYS, ("origin",), "exosome_source")
    origin = chk.choice(v, "origin", ORIGINS, "exosome_source")
    detail = chk.text(v, "detail", "exosome_source")
    return ExosomeSource(origin, detail) if origin else None


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return None
    if isinstance(v, str):
        found = find_concentration(v)
        if found and found[0].value is not None:
            return found[0].value
        try:
            return float(v.replace(",", ""))
        except ValueError:
            return None
    return float(v)


def parse_characterization(doc: Mapping[str, Any], chk: Checker) -> Characterization | None:
    v = doc.get("characterization")
    if v is None:
        return None
    line = _line(doc, "characterization")
    entry = "characterization"
    if not isinstance(v, dict):
        chk.add(line, entry, "'characterization' must be a mapping", "write 'characterization: {markers: [CD63]}'")
        return None
    chk.keys(v, CHARACTERIZATION_KEYS, (), entry)
    particles = None
    if v.get("particles_per_ml") is not None:
        particles = _number(v["particles_per_ml"])
        if particles is None or particles <= 0:
            chk.add(line, entry, "'particles_per_ml' must be a positive number", "write 'particles_per_ml: 2.0e9'")
    size: tuple[float, float] | None = None
    raw = v.get("size_nm")
    if raw is not None:
        parts = raw if isinstance(raw, list) else [raw]
        nums = [_number(p) for p in parts]
        if not 1 <= len(nums) <= 2 or any(n is None or n <= 0 for n in nums):
            chk.add(line, entry, "'size_nm' must be a size or a [low, high] range in nm", "write 'size_nm: [50, 200]'")
        else:
            lo, hi = float(nums[0]), float(nums[-1])  # type: ignore[arg-type]
            if lo > hi:
                chk.add(line, entry, "'size_nm' range is reversed", "write the smaller size first")
            size = (lo, hi)
    markers = tuple(m.upper() for m in chk.text_list(v, "markers", entry))
    negative = tuple(m.upper() for m in chk.text_list(v, "negative_markers", entry))
    return Characterization(
        particles_per_ml=particles,
        size_nm=size,
        markers=markers,
        negative_markers=negative,
        method=chk.text(v, "method", entry),
        reference=chk.text(v, "reference", entry),
    )


def parse_suppressions(doc: Mapping[str, Any], chk: Checker) -> tuple[Suppression, ...]:
    v = doc.get(IGNORE_KEY)
    if v is None:
        return ()
    line = doc.get(LINE_KEY)
    fix = f"write '{IGNORE_KEY}:' then '- rules: [SR01]' and 'reason: why this finding does not apply'"
    if not isinstance(v, list):
        chk.add(line, IGNORE_KEY, f"'{IGNORE_KEY}' must be a list of suppressions", fix)
        return ()
    out: list[Suppression] = []
    for item in v:
        if not isinstance(item, dict):
            chk.add(line, IGNORE_KEY, f"suppression {item!r} has no reason"[:120], fix)
            continue
        at = item.get(LINE_KEY, line)
        chk.keys(item, SUPPRESSION_KEYS, ("rules", "reason"), IGNORE_KEY)
        rules = chk.text_list(item, "rules", IGNORE_KEY)
        bad = [r for r in rules if not _CODE_RE.match(r)]
        if bad:
            chk.add(
                at, IGNORE_KEY, f"'{bad[0]}' is not a rule code or name", "use a code such as SR01 (exolabel rules)"
            )
        reason = chk.text(item, "reason", IGNORE_KEY)
        if rules and reason and not bad:
            out.append(
                Suppression(
                    tuple(rules),
                    reason,
                    chk.text(item, "ingredient", IGNORE_KEY),
                    chk.text(item, "claim", IGNORE_KEY),
                    at,
                )
            )
    return tuple(out)
