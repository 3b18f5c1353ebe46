"""``exolabel tokens``: the tokenizer's view of a label, for debugging a split (its own module: ``exolabel scan``
never builds its options)."""

from __future__ import annotations

import json

import typer

from exolabel import exitcodes
from exolabel.cli import cli_app as app
from exolabel.cli import common as c
from exolabel.tokenizer.core import DEFAULT_MAX_INGREDIENTS


@app.command()
def tokens(
    inputs: list[str] | None = typer.Argument(None, help=c.INPUTS_HELP, show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    lexicon: list[str] = typer.Option([], "--lexicon", help="Extra lexicon/vocabulary file or directory."),
    max_label_bytes: int = typer.Option(5_000_000, "--max-label-bytes", help="Refuse labels larger than this."),
    max_ingredients: int = typer.Option(
        DEFAULT_MAX_INGREDIENTS, "--max-ingredients", help="Refuse labels with more ingredients than this."
    ),
    max_photo_bytes: int = typer.Option(40_000_000, "--max-photo-bytes", help="Photos: refuse larger files."),
    max_photo_pixels: int = typer.Option(60_000_000, "--max-photo-pixels", help="Photos: refuse more pixels."),
) -> None:
    """Show how the tokenizer reads a label (for debugging a split); photos are read by OCR first."""
    from exolabel.lexicon import load_lexicon
    from exolabel.tokenizer.core import Tokenizer, TooManyIngredients

    items, errors = c.read_inputs(inputs or (), max_label_bytes, max_photo_bytes)
    for e in errors:
        typer.echo(f"exolabel: error: {e['message']}", err=True)
    if any(it.photos for it in items):
        from exolabel.cli import photo_cmd

        items, _ = photo_cmd.resolve_all(items, errors, max_photo_bytes, max_photo_pixels)
    tok = Tokenizer(load_lexicon(lexicon), max_ingredients=max_ingredients)
    results = []
    for it in items:
        try:
            ings = tok.tokenize(it.text)
        except TooManyIngredients as e:
            errors.append({"source": it.source, "message": f"{it.source or '<text>'}: {e}"})
            typer.echo(f"exolabel: error: {it.source or '<text>'}: {e}", err=True)
            continue
        results.append(
            {
                "source": it.source,
                "ingredients": [
                    {
                        "index": i.index,
                        "text": i.text,
                        "span": list(i.span),
                        "name": i.name,
                        "key": i.key,
                        "aliases": list(i.aliases),
                        "common_name": i.common_name,
                        "concentration": i.concentration.to_dict() if i.concentration else None,
                        "markers": list(i.markers),
                    }
                    for i in ings
                ],
            }
        )
    if fmt == "json":
        typer.echo(json.dumps({"schema": 1, "results": results}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r["source"]:
                typer.echo(f"# {r['source']}")
            for i in r["ingredients"]:
                extra = []
                if i["aliases"]:
                    extra.append("aliases=" + "|".join(i["aliases"]))
                if i["common_name"]:
                    extra.append(f"common={i['common_name']}")
                if i["concentration"]:
                    extra.append(f"amount={i['concentration']['text']} ({i['concentration']['kind']})")
                if i["markers"]:
                    extra.append("markers=" + ",".join(i["markers"]))
                typer.echo(f"{i['index'] + 1:>3}  {i['name']}  [{i['span'][0]}:{i['span'][1]}]  " + "  ".join(extra))
    raise typer.Exit(exitcodes.ERROR if errors else exitcodes.OK)
