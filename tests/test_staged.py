"""Labels checked stage by stage (``Scanner.brief_many``, what a batch worker runs over a few dozen rows at a time)
give what ``Scanner.brief`` gives one label at a time, and a label that raises is reported in its own place only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exolabel.catalogue.engine import STAGE_ROWS, BatchOptions, RawRow, RowChecker
from exolabel.labelfile.read import read_path
from exolabel.model import LabelInfo
from exolabel.scanner import Scanner
from exolabel.tokenizer.core import TooManyIngredients

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_catalogue import products  # noqa: E402


def _jobs() -> list[tuple[str, LabelInfo | None, str | None]]:
    rows = [*products(150, 3), *products(60, 3, "botanical")]
    jobs: list[tuple[str, LabelInfo | None, str | None]] = [
        (p["ingredients"], LabelInfo(product=p["name"]), f"row {i}") for i, p in enumerate(rows)
    ]
    for path in sorted((ROOT / "examples" / "labels").glob("*.*")):
        doc = read_path(path)
        if doc.text:
            jobs.append((doc.text, doc.label, path.name))
    return jobs


def test_stage_by_stage_gives_what_one_at_a_time_gives(lexicon: object) -> None:
    jobs = _jobs()
    staged = Scanner(lexicon).brief_many(jobs)  # type: ignore[arg-type]
    one = Scanner(lexicon)  # type: ignore[arg-type]
    assert staged == [one.brief(*job) for job in jobs]
    assert sum(len(b.findings) for b in staged) > 500  # type: ignore[union-attr]


def test_a_label_that_raises_is_reported_in_its_place(lexicon: object, monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = Scanner(lexicon, max_ingredients=5)  # type: ignore[arg-type]
    jobs: list[tuple[str, LabelInfo | None, str | None]] = [
        ("Aqua, Glycerin", None, "a"),
        ("A, B, C, D, E, F, G, H", None, "b"),  # over the limit: raised while cutting
        ("Aqua, Linalool", None, "c"),
    ]
    out = scanner.brief_many(jobs)
    assert isinstance(out[1], TooManyIngredients)
    assert out[0] == scanner.brief(*jobs[0]) and out[2] == scanner.brief(*jobs[2])

    def broken(part: str) -> None:
        raise RuntimeError(f"cannot read {part.strip()!r}")

    monkeypatch.setattr(scanner, "_new_piece", broken)  # raised while working out new pieces
    out = scanner.brief_many([("Aqua, Glycerin", None, "a"), ("Aqua, Zzyzx Root Oil", None, "b")])
    assert out[0] == scanner.brief("Aqua, Glycerin")
    assert isinstance(out[1], RuntimeError) and "Zzyzx" in str(out[1])


def test_a_batch_row_that_raises_gets_its_message_and_the_others_their_results(lexicon: object) -> None:
    scanner = Scanner(lexicon, max_ingredients=5)  # type: ignore[arg-type]
    checker = RowChecker(BatchOptions(), scanner)
    texts = ["Aqua, Glycerin", "A, B, C, D, E, F, G, H", "Aqua, Linalool"] * (STAGE_ROWS // 2)
    rows = [RawRow(i + 1, f"t:{i + 1}", t, None, None, None, None, None, None, None) for i, t in enumerate(texts)]
    values = checker.values(rows)
    assert [v.row for v in values] == [r.number for r in rows]
    for v, t in zip(values, texts, strict=True):
        if t.startswith("A, B"):
            assert v.status == "error" and v.message.startswith("internal error while checking this row: TooMany")
        else:
            assert v.status != "error" and v.ingredients == 2
