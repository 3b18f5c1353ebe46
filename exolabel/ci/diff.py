"""Two versions of one label compared: ingredients added, removed or moved, claims added or removed, and
findings that appear or go. Ingredients are compared by their normalized key (so "AQUA" and "Aqua" are the
same), findings by rule and subject (ingredient key or claim), counted as multisets. Pure."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from exolabel.model import Finding, Report


@dataclass(frozen=True)
class FindingChange:
    finding: Finding
    subject: str | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.finding.to_dict(), "subject": self.subject}


@dataclass(frozen=True)
class LabelDiff:
    old: str | None
    new: str | None
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[tuple[str, int, int], ...]  # name, old position, new position (1-based)
    claims_added: tuple[str, ...]
    claims_removed: tuple[str, ...]
    findings_new: tuple[FindingChange, ...]
    findings_gone: tuple[FindingChange, ...]

    @property
    def changed(self) -> bool:
        return any(
            (self.added, self.removed, self.moved, self.claims_added, self.claims_removed, self.findings_new,
             self.findings_gone)
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "ingredients": {
                "added": list(self.added),
                "removed": list(self.removed),
                "moved": [{"name": n, "from": a, "to": b} for n, a, b in self.moved],
            },
            "claims": {"added": list(self.claims_added), "removed": list(self.claims_removed)},
            "findings": {
                "new": [f.to_dict() for f in self.findings_new],
                "gone": [f.to_dict() for f in self.findings_gone],
            },
        }


def _subject(report: Report, f: Finding) -> tuple[str, str | None]:
    if f.ingredient is not None:
        for s in report.ingredients:
            if s.ingredient.index == f.ingredient:
                return s.ingredient.key, s.ingredient.name
    if f.claim is not None and 0 <= f.claim < len(report.label.claims):
        claim = report.label.claims[f.claim]
        return "claim:" + claim.casefold(), claim
    return "", None


def _finding_changes(a: Report, b: Report) -> tuple[tuple[FindingChange, ...], tuple[FindingChange, ...]]:
    def keyed(r: Report) -> list[tuple[tuple[str, str], FindingChange]]:
        out = []
        for f in r.findings:
            key, name = _subject(r, f)
            out.append(((f.rule, key), FindingChange(f, name)))
        return out

    ka, kb = keyed(a), keyed(b)
    left_a, left_b = Counter(k for k, _ in ka), Counter(k for k, _ in kb)
    new, gone = [], []
    for k, fc in kb:
        if left_a[k] > 0:
            left_a[k] -= 1
        else:
            new.append(fc)
    for k, fc in ka:
        if left_b[k] > 0:
            left_b[k] -= 1
        else:
            gone.append(fc)
    return tuple(new), tuple(gone)


def diff_reports(old: Report, new: Report) -> LabelDiff:
    old_pos = {s.ingredient.key: (i, s.ingredient.name) for i, s in enumerate(old.ingredients)}
    new_pos = {s.ingredient.key: (i, s.ingredient.name) for i, s in enumerate(new.ingredients)}
    added = tuple(name for k, (_, name) in new_pos.items() if k not in old_pos)
    removed = tuple(name for k, (_, name) in old_pos.items() if k not in new_pos)
    # "moved": shared ingredients outside the longest common ordering (one that jumps is moved, not the rest)
    common_old = [k for k in old_pos if k in new_pos]
    common_new = sorted(common_old, key=lambda k: new_pos[k][0])
    sm = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    stay = {common_new[b.b + i] for b in sm.get_matching_blocks() for i in range(b.size)}
    moved = tuple((new_pos[k][1], old_pos[k][0] + 1, new_pos[k][0] + 1) for k in common_new if k not in stay)
    oc = {c.casefold(): c for c in old.label.claims}
    nc = {c.casefold(): c for c in new.label.claims}
    fn, fg = _finding_changes(old, new)
    return LabelDiff(
        old.source,
        new.source,
        added,
        removed,
        moved,
        tuple(c for k, c in nc.items() if k not in oc),
        tuple(c for k, c in oc.items() if k not in nc),
        fn,
        fg,
    )


def render_text(d: LabelDiff) -> str:
    lines = [f"--- {d.old or 'old'}", f"+++ {d.new or 'new'}"]
    if not d.changed:
        lines.append("no changes in ingredients, claims or findings")
    if d.added or d.removed or d.moved:
        lines.append(f"ingredients: {len(d.added)} added, {len(d.removed)} removed, {len(d.moved)} moved")
        lines.extend(f"  + {n}" for n in d.added)
        lines.extend(f"  - {n}" for n in d.removed)
        lines.extend(f"  ~ {n}: position {a} -> {b}" for n, a, b in d.moved)
    if d.claims_added or d.claims_removed:
        lines.append("claims:")
        lines.extend(f"  + {c}" for c in d.claims_added)
        lines.extend(f"  - {c}" for c in d.claims_removed)
    if d.findings_new or d.findings_gone:
        lines.append(f"findings: {len(d.findings_new)} new, {len(d.findings_gone)} gone")
        for sign, group in (("+", d.findings_new), ("-", d.findings_gone)):
            lines.extend(f"  {sign} {fc.finding.severity.value} {fc.finding.rule} {fc.finding.message}" for fc in group)
    return "\n".join(lines) + "\n"
