"""Baselines: today's findings recorded so that only new ones fail.

A finding's fingerprint is (file, rule, subject), where the file is relative to the baseline's directory and
the subject is the ingredient's name (casefolded), ``claim:`` + the claim text, or empty for a finding about
the whole label: line numbers are left out, so editing a label elsewhere keeps its findings baselined. Counts
make it a multiset: a second identical finding in the same file is new. Pure apart from reading/writing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from exolabel.datafiles.load import DataError, Problem, read_text_file

SCHEMA = 1
DEFAULT_NAME = ".exolabel-baseline.json"


@dataclass(frozen=True, order=True)
class Key:
    file: str
    rule: str
    subject: str

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"{self.file}\0{self.rule}\0{self.subject}".encode()).hexdigest()[:16]


def relative(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes (absolute when on another drive)."""
    p = Path(path).resolve()
    try:
        return Path(os.path.relpath(p, root.resolve())).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass(frozen=True)
class Baseline:
    path: Path
    counts: Counter[Key]

    @property
    def root(self) -> Path:
        return self.path.parent

    def split(self, keys: Iterable[Key]) -> list[bool]:
        """For each key in order: True when the baseline covers it (each entry's count covers that many
        findings in one call; call once per file)."""
        used: Counter[Key] = Counter()
        out = []
        for k in keys:
            covered = used[k] < self.counts.get(k, 0)
            if covered:
                used[k] += 1
            out.append(covered)
        return out


def load(path: Path) -> Baseline:
    text = read_text_file(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(
            [Problem(str(path), e.lineno, None, f"invalid JSON: {e.msg}", "rewrite it with --write-baseline")]
        ) from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("findings"), list):
        raise DataError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"not an exolabel baseline (schema {SCHEMA})",
                    "rewrite it with --write-baseline",
                )
            ]
        )
    counts: Counter[Key] = Counter()
    for i, e in enumerate(doc["findings"]):
        try:
            k = Key(str(e["file"]), str(e["rule"]), str(e.get("subject", "")))
            n = int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise DataError(
                [
                    Problem(
                        str(path),
                        None,
                        f"findings[{i}]",
                        "needs 'file', 'rule' and 'count'",
                        "rewrite it with --write-baseline",
                    )
                ]
            ) from None
        counts[k] += n
    return Baseline(path, counts)


def render(keys: Iterable[Key]) -> str:
    counts = Counter(keys)
    findings = [{"file": k.file, "rule": k.rule, "subject": k.subject, "count": n} for k, n in sorted(counts.items())]
    doc = {"schema": SCHEMA, "tool": "exolabel", "findings": findings}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
