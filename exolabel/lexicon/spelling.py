"""British spellings of words of INCI names ("Sodium Laureth Sulphate", "Aluminium Hydroxide", "Hydrolysed
Collagen"), and shop words for an INCI word ("Lavandula Angustifolia Essential Oil"), respelled the way the INCI names
are ("sulfate", "aluminum", "hydrolyzed", "oil").

The table is data (``data/quality/spellings.csv``: the spelling written, the INCI spelling, where in a word it is
matched, and a dictionary page giving both), read at the first name the vocabulary does not know;
:meth:`exolabel.lexicon.Lexicon.canonical` tries such a name respelled, so a name known as written stays itself.
Pure but for reading that file once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from exolabel.lexicon.quality import read_table

DATA = Path(__file__).with_name("data") / "quality" / "spellings.csv"
_COLUMNS = ["written", "inci", "where", "source"]
_WHERE = ("word", "end", "any")


class Respelling(NamedTuple):
    written: str
    inci: str
    where: str  # word: the whole word; end: the end of a word; any: anywhere in a word
    sources: tuple[str, ...]


def read_spellings(path: Path = DATA) -> list[Respelling]:
    """The lines of a spellings file, validated; raises ValueError naming the file, the line and the fix."""
    problems: list[str] = []
    rows: list[Respelling] = []
    for (written, inci, where, _source), sources in read_table(path, _COLUMNS, problems):
        for part in (written, inci):
            # (whole words may be several: "essential oil" -> "oil")
            if not re.fullmatch(r"[a-z]+(?: [a-z]+)*" if where == "word" else r"[a-z]+", part):
                problems.append(f"{path}: '{written}': '{part}' is not a lower-case word part; write letters a-z only")
        if written == inci:
            problems.append(f"{path}: '{written}' is respelled as itself; give the INCI spelling")
        if where not in _WHERE:
            problems.append(f"{path}: '{written}': where '{where}' is not one of {', '.join(_WHERE)}")
        rows.append(Respelling(written, inci, where, sources))
    if problems:
        raise ValueError("\n".join(problems))
    return rows


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern finding every respelling's written form where it applies, and written -> INCI spelling."""
    rows = sorted(read_spellings(), key=lambda r: -len(r.written))  # the longest first where two could match
    where = {"word": r"\b{}\b", "end": r"\B{}\b", "any": "{}"}
    pattern = re.compile("|".join(where[r.where].format(re.escape(r.written)) for r in rows))
    return pattern, {r.written: r.inci for r in rows}


def respelled(key: str) -> str | None:
    """The normalized name ``key`` with its British spellings respelled ("sodium laureth sulphate" -> "sodium laureth
    sulfate"), or None when it has none."""
    pattern, inci = _table()
    new = pattern.sub(lambda m: inci[m.group()], key)
    return new if new != key else None
