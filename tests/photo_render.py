"""Label images rendered with Pillow from real ingredient lists (examples/labels), for the photo tests and
benchmarks/bench_photo.py. Each :class:`Style` fixes font, size, case, colours, rotation, blur, JPEG quality,
layout (one column, a list flowing over two columns, or a side panel) and the language of the headings; the
ground truth is the label's own ingredient text."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = Path("/usr/share/fonts/truetype/dejavu")
# heading of the ingredient panel, heading of the panel after it, its text, by language
LANGS = {
    "en": ("INGREDIENTS:", "DIRECTIONS:", "Apply morning and evening to clean skin. Avoid the eye area."),
    "fr": ("Ingrédients :", "Mode d'emploi :", "Appliquer matin et soir sur peau propre."),
    "de": ("INHALTSSTOFFE:", "Anwendung:", "Morgens und abends auf die gereinigte Haut auftragen."),
    "es": ("Ingredientes:", "Modo de uso:", "Aplicar mañana y noche sobre la piel limpia."),
    "inci": ("INCI:", "Warnings:", "For external use only. Keep out of reach of children."),
}


@dataclass(frozen=True)
class Style:
    name: str
    font: str = "DejaVuSans.ttf"  # a DejaVu file, or "default" (Pillow's bundled font)
    size: int = 22
    upper: bool = False
    fg: tuple[int, int, int] = (20, 20, 20)
    bg: tuple[int, int, int] = (255, 255, 255)
    angle: float = 0.0
    blur: float = 0.0
    quality: int = 90
    layout: str = "one"  # one | flow2 (the list flows over two columns) | side (directions left, list right)
    lang: str = "en"
    width: int = 1000


STYLES = (
    Style("sans-plain"),
    Style("serif-upper-skew", font="DejaVuSerif.ttf", size=24, upper=True, angle=4.0, lang="fr"),
    Style("mono-small-jpeg40", font="DejaVuSansMono.ttf", size=18, quality=40, lang="de", width=1100),
    Style("condensed-dark", font="DejaVuSansCondensed.ttf", size=22, fg=(245, 245, 235), bg=(40, 50, 70), lang="es"),
    Style("sans-flow2-rot-3", size=20, layout="flow2", angle=-3.0, width=1400),
    Style("default-font-blur", font="default", size=24, blur=0.8, quality=75, lang="inci"),
    Style(
        "bold-beige-side",
        font="DejaVuSans-Bold.ttf",
        size=20,
        fg=(90, 60, 40),
        bg=(240, 228, 205),
        layout="side",
        width=1400,
    ),
    Style("serif-rot8-jpeg60", font="DejaVuSerif.ttf", size=22, angle=8.0, quality=60, lang="en"),
)


def _font(style: Style, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if style.font == "default":
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(FONTS / style.font), size)


def fonts_available() -> bool:
    return all((FONTS / s.font).exists() for s in STYLES if s.font != "default")


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and font.getlength(trial) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def render(title: str, ingredients: str, style: Style, seed: int = 0) -> bytes:
    """A JPEG of a label panel: title, the ingredient panel, and other panels around it."""
    rnd = random.Random(seed)
    ingredients = " ".join(ingredients.split())
    head, next_head, next_text = LANGS[style.lang]
    if style.upper:
        ingredients, title = ingredients.upper(), title.upper()
    font = _font(style, style.size)
    bold = _font(Style("b", font="DejaVuSans-Bold.ttf") if style.font != "default" else style, style.size + 10)
    pitch = int(style.size * 1.45)
    margin = 40
    body = f"{head} {ingredients}"
    panels: list[tuple[int, list[str]]] = []  # (x, lines) columns of text, drawn from the same top
    if style.layout == "one":
        col = style.width - 2 * margin
        lines = [*_wrap(body, font, col), "", *_wrap(f"{next_head} {next_text}", font, col)]
        panels.append((margin, lines))
    elif style.layout == "flow2":
        col = (style.width - 3 * margin) // 2
        lines = _wrap(body, font, col)
        half = (len(lines) + 1) // 2
        panels.append((margin, lines[:half]))
        panels.append((2 * margin + col, [*lines[half:], "", *_wrap(f"{next_head} {next_text}", font, col)]))
    else:  # side: other panels on the left, the list on the right
        left = int((style.width - 3 * margin) * 0.38)
        right = style.width - 3 * margin - left
        other = [
            *_wrap(f"{next_head} {next_text}", font, left),
            "",
            *_wrap("Made in Korea. 50 mL / 1.69 fl. oz.", font, left),
        ]
        panels.append((margin, other))
        panels.append((2 * margin + left, _wrap(body, font, right)))
    top = margin + style.size + 10 + pitch
    height = top + max(len(p[1]) for p in panels) * pitch + margin + pitch
    img = Image.new("RGB", (style.width, height), style.bg)
    d = ImageDraw.Draw(img)
    d.text((margin, margin), title, font=bold, fill=style.fg)
    for x, lines in panels:
        for i, line in enumerate(lines):
            d.text((x + rnd.randint(0, 2), top + i * pitch), line, font=font, fill=style.fg)
    d.text(
        (margin, height - margin - style.size),
        f"LOT {rnd.randint(10000, 99999)}  EXP 2027/08",
        font=font,
        fill=style.fg,
    )
    if style.angle:
        img = img.rotate(style.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=style.bg)
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=style.quality)
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    label: Path
    style: Style


def cases(labels: list[Path], per_label: int = 2, offset: int = 0) -> list[Case]:
    """Each label in ``per_label`` styles, cycling through STYLES (from the ``offset``-th) so that every style meets
    many labels."""
    out = []
    k = offset
    for path in labels:
        for _ in range(per_label):
            style = STYLES[k % len(STYLES)]
            out.append(Case(f"{path.stem}--{style.name}", path, style))
            k += 1
    return out
