"""``exolabel ocr`` and the photo step of ``exolabel scan``: photos become ingredient text (exolabel.photo),
then go through the same tokenizer and scanner as typed text. One OCR engine per process, for every photo."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import fail

if TYPE_CHECKING:
    from exolabel.ci.photonotes import Doubt, PhotoRead
    from exolabel.labelfile.read import LabelInput
    from exolabel.model import Report
    from exolabel.photo.read import PhotoReader, PhotoText


class Progress:
    """One line on stderr, rewritten for each photo, when there are several photos and stderr is a terminal
    (``force``: always, one line per photo)."""

    def __init__(self, total: int, force: bool | None) -> None:
        tty = bool(getattr(sys.stderr, "isatty", lambda: False)())
        self.on = total > 1 and (force if force is not None else tty)
        self.tty = tty
        self.total = total
        self.done = 0

    def step(self, name: str) -> None:
        if not self.on:
            return
        self.done += 1
        line = f"exolabel: reading photo {self.done}/{self.total}: {name}"
        if self.tty:
            sys.stderr.write("\r\033[K" + line)
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.on and self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def make_reader(max_photo_bytes: int, max_photo_pixels: int) -> PhotoReader:
    from exolabel.photo.image import Limits
    from exolabel.photo.read import PhotoReader

    return PhotoReader(limits=Limits(max_photo_bytes, max_photo_pixels))


class PhotoProblem(Exception):
    """A label input whose photos cannot be read (or no OCR engine): one line for the user."""


def read_item(
    item: LabelInput, reader: PhotoReader, progress: Progress | None = None
) -> tuple[LabelInput, list[PhotoText]]:
    """``item`` with its ingredient text read from its photos (files, or the bytes that came on stdin), and what
    was read from each photo. Raises PhotoProblem naming the photo when one cannot be read or no list is found."""
    from exolabel.cli.common import STDIN
    from exolabel.photo.engine import EngineMissing
    from exolabel.photo.image import PhotoError

    where = item.source or "input"
    texts: list[PhotoText] = []
    for photo in item.photos:
        if progress is not None:
            progress.step("stdin" if photo == STDIN else photo)
        try:
            if photo == STDIN and item.photo_data is not None:
                texts.append(reader.read_bytes(item.photo_data, "stdin"))
            else:
                texts.append(reader.read_path(Path(photo)))
        except EngineMissing as e:
            raise PhotoProblem(f"{'stdin' if photo == STDIN else photo}: {e}") from None
        except PhotoError as e:
            raise PhotoProblem(str(e)) from None
    if not any(t.text.strip() for t in texts):
        where = "stdin" if where == STDIN else where
        raise PhotoProblem(f"{where}: no ingredient list found in the photo (no text, or no 'Ingredients' and no list)")
    warning = "; ".join(x for x in (item.warning, *(t.warning for t in texts)) if x) or None
    text = "\n".join(t.text for t in texts if t.text.strip())
    return replace(item, text=text, warning=warning), texts


def resolve_photos(
    items: Sequence[LabelInput],
    errors: list[dict[str, Any]],
    reader: PhotoReader,
    progress: bool | None = None,
) -> tuple[list[LabelInput], dict[str, list[PhotoText]]]:
    """Replace each photo input by the ingredient text read from its photos. A photo that cannot be read (or no
    OCR engine) becomes an error, printed here; the other inputs go on (without an engine, every photo input is
    refused without trying again). Returns the items and, by source, what was read from each input's photos."""
    from exolabel.photo.image import EXTRA_HINT

    out: list[LabelInput] = []
    read: dict[str, list[PhotoText]] = {}
    bar = Progress(sum(len(it.photos) for it in items), progress)
    missing: str | None = None
    for it in items:
        if not it.photos:
            out.append(it)
            continue
        where = it.source or "input"
        try:
            if missing:
                raise PhotoProblem(f"{it.photos[0]}: {missing}")
            item, texts = read_item(it, reader, bar)
        except PhotoProblem as e:
            bar.close()
            if EXTRA_HINT in str(e):
                missing = EXTRA_HINT
            errors.append({"source": where, "message": str(e)})
            typer.echo(f"exolabel: error: {e}", err=True)
            continue
        out.append(item)
        read[where] = texts
    bar.close()
    return out, read


def resolve_all(
    items: Sequence[LabelInput],
    errors: list[dict[str, Any]],
    max_photo_bytes: int,
    max_photo_pixels: int,
    progress: bool | None = None,
) -> tuple[list[LabelInput], dict[str, list[PhotoText]]]:
    """:func:`resolve_photos` with a new reader when some input is a photo; the items unchanged otherwise (no
    OCR import for text)."""
    if not any(it.photos for it in items):
        return list(items), {}
    return resolve_photos(items, errors, make_reader(max_photo_bytes, max_photo_pixels), progress)


def label_reader(
    max_photo_bytes: int, max_photo_pixels: int
) -> Callable[[LabelInput], tuple[LabelInput, tuple[PhotoRead, ...]]]:
    """For ``exolabel check``: a label input with ``photo:`` -> the same input with the text read from its photos,
    and what was read from each (one engine for every file); a photo that cannot be read raises InputError (the
    file's problem)."""
    from exolabel.labelfile.read import InputError

    readers: list[PhotoReader] = []  # made on the first photo: no OCR import for a repository without photos

    def read(item: LabelInput) -> tuple[LabelInput, tuple[PhotoRead, ...]]:
        if not readers:
            readers.append(make_reader(max_photo_bytes, max_photo_pixels))
        try:
            done, texts = read_item(item, readers[0])
        except PhotoProblem as e:
            raise InputError(str(e)) from None
        return done, photo_reads(texts)

    return read


def photo_reads(texts: Sequence[PhotoText]) -> tuple[PhotoRead, ...]:
    """What was read from each photo, its doubtful words' spans moved into the text the photos make together
    (each photo's list joined by a line break, as :func:`read_item` joins them; photos without a list skipped)."""
    from exolabel.ci.photonotes import PhotoRead, PhotoWord

    out = []
    offset = 0
    for t in texts:
        if not t.text.strip():
            continue
        words = tuple(
            PhotoWord(w.text, w.confidence, (w.span[0] + offset, w.span[1] + offset)) for w in t.section.doubtful
        )
        out.append(PhotoRead(t.source, t.engine, t.section.heading, t.text, words))
        offset += len(t.text) + 1
    return tuple(out)


def doubts(report: Report, texts: Sequence[PhotoText]) -> tuple[Doubt, ...]:
    """The low-confidence words of a photo report, each with the ingredient its span falls in."""
    from exolabel.ci import photonotes

    return photonotes.doubts(report, photo_reads(texts))


def photo_note(report: Report, texts: Sequence[PhotoText], show_text: bool) -> str:
    """The photo part of the text report: where the list was found, the words to check, the text as read."""
    lines = []
    for t in texts:
        where = (
            f"under '{t.section.heading}'"
            if t.section.heading
            else "no 'Ingredients' heading found: the most list-like block"
        )
        lines.append(f"Read from photo {t.source} ({t.engine}, {t.seconds:.1f} s): {where}")
    ds = doubts(report, texts)
    if ds:
        shown = ", ".join(
            f"'{d.word}' ({d.confidence:.0%}{f', ingredient #{d.ingredient + 1}' if d.ingredient is not None else ''})"
            for d in ds[:12]
        )
        more = f" and {len(ds) - 12} more" if len(ds) > 12 else ""
        lines.append(f"Low OCR confidence, check these words on the label: {shown}{more}")
    else:
        lines.append("Every word was read with high OCR confidence.")
    if show_text:
        lines.append("Ingredient text as read (fix it and scan it as text if needed):")
        lines.extend("  " + ln for t in texts for ln in t.text.splitlines())
    return "\n".join(lines) + "\n"


def _photo_fields(t: PhotoText) -> dict[str, Any]:
    """What the JSON outputs say of one photo as read."""
    return {
        "source": t.source,
        "engine": t.engine,
        "seconds": round(t.seconds, 3),
        "heading": t.section.heading,
        "text": t.text,
        "full_text": t.full_text,
    }


def photo_json(report: Report, texts: Sequence[PhotoText]) -> dict[str, Any]:
    return {
        "photos": [_photo_fields(t) for t in texts],
        "low_confidence": [
            {"word": d.word, "confidence": round(d.confidence, 3), "ingredient": d.ingredient}
            for d in doubts(report, texts)
        ],
    }


def add_photo_json(doc: dict[str, Any], reports: Sequence[Report], read: Mapping[str, list[PhotoText]]) -> None:
    """Add a ``photo`` object to each result of the JSON document that was read from photos."""
    for result, report in zip(doc["results"], reports, strict=True):
        texts = read.get(report.source or "input")
        if texts:
            result["photo"] = photo_json(report, texts)


@app.command()
def ocr(
    photos: list[str] = typer.Argument(
        ..., help="Photos of labels (JPEG, PNG, WebP); '-' for a photo piped in.", show_default=False
    ),
    section: bool = typer.Option(False, "--section", help="Print only the ingredient section, as scan reads it."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    progress: bool | None = typer.Option(None, "--progress/--no-progress", help="Progress line (default: terminal)."),
    max_photo_bytes: int = typer.Option(40_000_000, "--max-photo-bytes", help="Refuse larger photo files."),
    max_photo_pixels: int = typer.Option(60_000_000, "--max-photo-pixels", help="Refuse photos with more pixels."),
) -> None:
    """Print the text read from photos (to check it, fix it and paste it back into 'exolabel scan')."""
    import json

    from exolabel.photo.engine import EngineMissing
    from exolabel.photo.image import PhotoError

    if fmt not in ("text", "json"):
        raise fail(f"unknown --format '{fmt}' (use text or json)")
    reader = make_reader(max_photo_bytes, max_photo_pixels)
    bar = Progress(len(photos), progress)
    results, errors = [], []
    for p in photos:
        bar.step(p)
        try:
            t = reader.read_path(Path(p)) if p != "-" else reader.read_bytes(_stdin_photo(max_photo_bytes), "stdin")
        except EngineMissing as e:
            bar.close()
            raise fail(str(e)) from None
        except PhotoError as e:
            bar.close()
            errors.append({"source": p, "message": str(e)})
            typer.echo(f"exolabel: error: {e}", err=True)
            continue
        if t.warning:
            typer.echo(f"exolabel: warning: {t.warning}", err=True)
        results.append(t)
    bar.close()
    if fmt == "json":
        doc = {
            "schema": 1,
            "results": [
                {
                    **_photo_fields(t),
                    "words": [
                        {"text": w.text, "confidence": round(w.confidence, 3), "span": list(w.span)}
                        for w in t.section.words
                    ],
                }
                for t in results
            ],
            "errors": errors,
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for i, t in enumerate(results):
            if len(photos) > 1:
                typer.echo(("\n" if i else "") + f"# {t.source}")
            typer.echo(t.text if section else t.full_text)
    raise typer.Exit(exitcodes.ERROR if errors else exitcodes.OK)


def _stdin_photo(max_bytes: int) -> bytes:
    """The photo piped in, refused (PhotoError) when over ``max_bytes``."""
    from exolabel.photo.image import PhotoError

    data = bytes(sys.stdin.buffer.read(max_bytes + 1))
    if len(data) > max_bytes:
        raise PhotoError(f"stdin is a photo over --max-photo-bytes {max_bytes:,}")
    return data


def render_with_photos(
    reports: Sequence[Report],
    errors: Sequence[Mapping[str, Any]],
    sources: Mapping[str, Mapping[str, Any]],
    read: Mapping[str, list[PhotoText]],
    fmt: str,
    show_text: bool,
    markets: Sequence[str] | None = None,
    text_options: Mapping[str, Any] | None = None,
) -> str:
    """The scan output when some inputs were photos: each photo report followed by what was read and the words
    to check (text), or a ``photo`` object in its result (JSON). ``text_options``: the text renderer's options."""
    if fmt == "json":
        import json

        from exolabel.report import json as json_report

        doc = json_report.document(reports, errors, sources, markets)
        add_photo_json(doc, reports, read)
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from exolabel.report import text as text_report

    opts = dict(text_options or {})
    width = int(opts.get("width", 100))
    parts = []
    for i, rep in enumerate(reports):
        body = text_report.render([rep], sources=sources, **opts).rstrip("\n") + "\n"
        texts = read.get(rep.source or "input")
        if texts:
            body += photo_note(rep, texts, show_text)
        parts.append(("─" * min(width, 60) + "\n" if i else "") + body)
    tail = text_report.render([], sources=sources, errors=errors, **opts) if errors else ""
    return "".join(parts) + tail
