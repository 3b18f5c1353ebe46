"""Words of quality and processing a label may put before an INCI name ("Organic Argania Spinosa Kernel Oil",
"Unrefined Sclerocarya Birrea Seed Oil", "Cold Pressed Cocos Nucifera Oil"), and words of physical form a label or a
shop may put after the name of one substance ("Squalane Oil", "Niacinamide Powder"), which are no part of the name.

They are data (``data/quality/quality_words.csv`` and ``form_words.csv``: a phrase and the pages that use it so),
read at the first name the vocabulary does not know; :meth:`exolabel.lexicon.Lexicon.canonical` tries such a name
without them, so a known name that starts or ends with one stays itself. Pure but for reading those files once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "quality" / "quality_words.csv"
FORMS = DATA.with_name("form_words.csv")
_COLUMNS = ["word", "source"]


def read_table(path: Path, columns: list[str], problems: list[str]) -> list[tuple[list[str], tuple[str, ...]]]:
    """The rows of one of these small sourced CSV files (``#`` comment lines and blank lines left out, the header line
    ``columns`` first, a ``source`` column last): each row's stripped cells and its sources, the ``https://``
    addresses joined by "|". A row with another number of cells, or without a source, adds to ``problems`` (the
    caller raises them with its own); a file without the header raises ValueError."""
    import csv  # (only a name the vocabulary does not know reads these files: most scans never import csv)

    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"]
    if not lines or next(csv.reader(lines[:1])) != columns:
        raise ValueError(f"{path}: no header line; start with {','.join(columns)}")
    rows: list[tuple[list[str], tuple[str, ...]]] = []
    for cells in csv.reader(lines[1:]):
        if len(cells) != len(columns):
            problems.append(f"{path}: {cells}: give {','.join(columns)}")
            continue
        cells = [c.strip() for c in cells]
        sources = tuple(s for s in cells[-1].split("|") if s)
        if not sources or not all(s.startswith("https://") for s in sources):
            problems.append(f"{path}: '{cells[0]}' has no source; give the https:// address of a page")
        rows.append((cells, sources))
    return rows


def read_words(path: Path = DATA) -> list[tuple[str, tuple[str, ...]]]:
    """(phrase, sources) of each line of a quality-words file, validated; raises ValueError listing every problem."""
    problems: list[str] = []
    rows = read_table(path, _COLUMNS, problems)
    for (word, _source), _sources in rows:
        if not word or word != word.lower():
            problems.append(f"{path}: '{word}' is not a lower-case phrase; write it in lower case")
    if problems:
        raise ValueError("\n".join(problems))
    return [(cells[0], sources) for cells, sources in rows]


@lru_cache(maxsize=1)
def quality_words() -> tuple[str, ...]:
    """The built-in quality words, longest first (read once per process)."""
    return tuple(sorted((w for w, _ in read_words()), key=len, reverse=True))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of each quality word."""
    return frozenset(w.split(" ", 1)[0] for w in quality_words())


def without_quality(key: str) -> str | None:
    """The normalized name ``key`` without the quality words at its start ("organic cold pressed cocos nucifera oil"
    -> "cocos nucifera oil"), or None when it starts with none (or is nothing else)."""
    if key.split(" ", 1)[0] not in _first_words():
        return None  # (every quality word is a phrase followed by a space: it starts with the key's first word)
    words = quality_words()
    rest = key
    found = True
    while found:
        found = False
        for w in words:
            if rest.startswith(w) and rest[len(w) : len(w) + 1] == " ":
                rest = rest[len(w) + 1 :]
                found = True
                break
    return rest if rest != key and rest else None


@lru_cache(maxsize=1)
def form_words() -> frozenset[str]:
    """The built-in form words (read once per process)."""
    return frozenset(w for w, _ in read_words(FORMS))


def without_form(key: str) -> str | None:
    """The normalized name ``key`` without the one form word at its end ("squalane oil" -> "squalane"), or None when
    it ends with none (or is nothing else)."""
    space = key.rfind(" ")
    if space <= 0 or key[space + 1 :] not in form_words():
        return None
    return key[:space].rstrip() or None
