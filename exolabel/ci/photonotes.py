"""What ``exolabel check`` says about a label file whose list was read from photos: which photo, under which
heading, and the words the OCR engine read with low confidence, each with the ingredient it is part of.

The ``ci`` stage never runs OCR (the ``read_photos`` callback of :class:`exolabel.ci.check.CheckOptions` does):
the callback hands back :class:`PhotoRead` records, and this module turns them, with the label's report, into
:class:`Doubt` records (for JSON) and ``note`` diagnostics at the ``photo:`` line (for text, SARIF and GitHub).
Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exolabel.ci.diagnostic import Diagnostic
from exolabel.model import Report

SHOWN_WORDS = 12  # low-confidence words named in one note; the rest are counted


@dataclass(frozen=True)
class PhotoWord:
    """A word read with low confidence: its text, the engine's confidence (0-1) and its span in the label's
    ingredient text (the text of every photo of the label, joined as it was scanned)."""

    text: str
    confidence: float
    span: tuple[int, int]


@dataclass(frozen=True)
class PhotoRead:
    """What was read from one photo of a label file: the photo as named, the engine, the heading the list was
    found under (None: no heading, the most list-like block), the ingredient text and its doubtful words."""

    source: str
    engine: str
    heading: str | None
    text: str
    doubtful: tuple[PhotoWord, ...] = ()


@dataclass(frozen=True)
class Doubt:
    """A low-confidence word and the ingredient its span falls in (index and name as read; None: in none)."""

    word: str
    confidence: float
    ingredient: int | None
    name: str | None = None


def doubts(report: Report | None, photos: Sequence[PhotoRead]) -> tuple[Doubt, ...]:
    """Every doubtful word of ``photos``, in reading order, with the ingredient of ``report`` it belongs to."""
    out = []
    ingredients = report.ingredients if report is not None else ()
    for p in photos:
        for w in p.doubtful:
            lo, hi = w.span
            hit = next(
                (s.ingredient for s in ingredients if s.ingredient.span[0] < hi and lo < s.ingredient.span[1]), None
            )
            out.append(Doubt(w.text, w.confidence, hit.index if hit else None, hit.name if hit else None))
    return tuple(out)


def _word(d: Doubt) -> str:
    where = f", ingredient #{d.ingredient + 1} '{d.name}'" if d.ingredient is not None else ""
    return f"'{d.word}' ({d.confidence:.0%}{where})"


def notes(
    photos: Sequence[PhotoRead], found: Sequence[Doubt], path: str, line: int, column: int
) -> tuple[Diagnostic, ...]:
    """The ``note`` diagnostics of a label read from ``photos``, at the ``photo:`` key's ``line`` and ``column``:
    one per photo (where the list was found), then one naming the words to check on the label."""
    out = []
    for p in photos:
        where = f"under '{p.heading}'" if p.heading else "no 'Ingredients' heading found, the most list-like block"
        out.append(Diagnostic(f"read from photo {p.source} ({p.engine}): {where}", path, line, column, "note"))
    if found:
        shown = ", ".join(_word(d) for d in found[:SHOWN_WORDS])
        more = f" and {len(found) - SHOWN_WORDS} more" if len(found) > SHOWN_WORDS else ""
        message = f"low OCR confidence, check these words on the label: {shown}{more}"
        out.append(Diagnostic(message, path, line, column, "note"))
    return tuple(out)
