"""``exolabel lexicon validate|lookup|import-cosing``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import fail

lexicon_app = typer.Typer(help="Inspect, validate and extend the lexicon.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("validate")
def validate(
    paths: list[Path] = typer.Argument(None, help="User lexicon files or directories (default: the built-in data)."),
) -> None:
    """Validate the built-in lexicon and any user files; list every problem with file, line, entry and fix."""
    from exolabel.datafiles.load import DataError
    from exolabel.lexicon.loader import builtin_files, compile_files, expand_paths

    files = builtin_files() + expand_paths(paths or [])
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        raise fail(f"no such file: {', '.join(missing)}")
    try:
        compiled = compile_files(files)
    except DataError as e:
        typer.echo(str(e), err=True)
        typer.echo(f"exolabel: {len(e.problems)} problem(s) found", err=True)
        raise typer.Exit(exitcodes.FINDINGS) from None
    typer.echo(
        f"ok: {len(files)} files, {len(compiled['entries'])} EV-family entries, "
        f"{len(compiled['lookalikes'])} look-alikes, {len(compiled['heads'])} head patterns, "
        f"{len(compiled['vocab'])} known INCI names, {len(compiled['sources'])} sources"
    )


@lexicon_app.command("lookup")
def lookup(
    term: str = typer.Argument(..., help="An ingredient name, as printed on a label."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon file or directory."),
) -> None:
    """Show how exolabel identifies one ingredient name."""
    from exolabel.lexicon import load_lexicon
    from exolabel.lexicon.match import Matcher
    from exolabel.tokenizer.core import Tokenizer

    lex = load_lexicon(lexicon)
    ings = Tokenizer(lex).tokenize(term)
    if not ings:
        raise fail("no ingredient name in the input")
    matcher = Matcher(lex)
    scanned = [matcher.scan_ingredient(i) for i in ings]
    results = [s.to_dict() for s in scanned]
    for r, s in zip(results, scanned, strict=True):
        # the look-alike the scan found, also through an OCR reading ("Lecith1n") or the name's alias in brackets
        la = s.lookalike
        r["lookalike"] = None
        if la:
            entry = next(x for x in lex.lookalikes if x.id == la)
            r["lookalike"] = {"id": entry.id, "term": entry.term, "why": entry.why}
    if fmt == "json":
        typer.echo(json.dumps({"schema": 1, "results": results}, ensure_ascii=False, indent=2))
        return
    for r in results:
        typer.echo(f"{r['text']!r} -> key {ings[r['index']].key!r}")
        if r["known"]:
            typer.echo(f"  known INCI name: {r['known']}")
        if r["correction"]:
            cor = r["correction"]
            typer.echo(f"  read as: {cor['name']} ({cor['method']}, score {cor['score']})")
        for m in r["matches"]:
            typer.echo(
                f"  {m['category']} · origin {m['origin']}"
                + (f" ({m['detail']})" if m["detail"] else "")
                + f" · {m['method']} {m['score']} · {m['id']} '{m['term']}'"
            )
        if r["lookalike"]:
            typer.echo(f"  look-alike {r['lookalike']['id']}: {r['lookalike']['why']}")
        if not (r["known"] or r["correction"] or r["matches"] or r["lookalike"]):
            typer.echo("  not recognized")


@lexicon_app.command("import-cosing")
def import_cosing_cmd(
    path: Path = typer.Argument(..., help="The official CosIng Ingredients & Fragrance inventory CSV export."),
) -> None:
    """Add the complete CosIng inventory to the known-INCI vocabulary (cached for later runs)."""
    from exolabel.lexicon.cosing import import_cosing

    out, n = import_cosing(path)
    typer.echo(f"imported {n:,} INCI names into {out}; later scans use them (unset with EXOLABEL_NO_IMPORTED=1)")
