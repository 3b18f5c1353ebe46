"""The real OCR engine (the ``ocr`` extra) on label images rendered from real lists (tests/photo_render.py):
the ingredient section is found and scanned with most names and the EV-family ingredient recognized, the model
is loaded once for many photos, and ``exolabel ocr`` / ``scan`` work as a real subprocess.
benchmarks/bench_photo.py measures the same on every example label."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from exolabel.photo import engine as photo_engine

if not photo_engine.available():
    pytest.skip('the OCR engine is not installed: pip install -e ".[ocr]" (CI installs it)', allow_module_level=True)

from photo_render import STYLES, fonts_available, render

from exolabel.labelfile.read import read_path
from exolabel.photo.image import Photo
from exolabel.photo.read import PhotoReader

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "examples" / "labels"
pytestmark = pytest.mark.skipif(not fonts_available(), reason="the DejaVu fonts are not installed")
STYLE = {s.name: s for s in STYLES}
CASES = [  # (label, style): one-column English, a list over two tilted columns, light on dark in Spanish
    ("aq-skin-solutions-active-serum", "sans-plain"),
    ("dr-drawing-salmon-dna-rejuvenation-ampoule", "sans-flow2-rot-3"),
    ("estee-lauder-micro-essence-treatment-lotion", "condensed-dark"),
]


@pytest.fixture(scope="module")
def reader() -> PhotoReader:
    return PhotoReader().load()


def names(scanner, text: str) -> Counter:
    return Counter((s.known or s.ingredient.key).casefold() for s in scanner.scan(text).ingredients)


@pytest.mark.parametrize(("label", "style"), CASES)
def test_rendered_label_is_read_and_scanned(reader, scanner, label: str, style: str) -> None:
    item = read_path(LABELS / f"{label}.yaml")
    text = reader.read_bytes(render(item.label.product or label, item.text, STYLE[style]), label)
    assert text.section.heading is not None
    want, have = names(scanner, item.text), names(scanner, text.text)
    recall = sum((want & have).values()) / sum(want.values())
    assert recall >= 0.9, (recall, sorted((want - have).elements()))
    ev_want = {s.matches[0].id for s in scanner.scan(item.text).ev_ingredients}
    assert ev_want and ev_want <= {s.matches[0].id for s in scanner.scan(text.text).ev_ingredients}
    assert "Apply" not in text.text and "LOT" not in text.text  # the next panels are left out


def test_model_is_loaded_once_for_many_photos(monkeypatch) -> None:
    import rapidocr

    made = []
    real = rapidocr.RapidOCR

    def counting(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(rapidocr, "RapidOCR", counting)
    reader = PhotoReader()
    item = read_path(LABELS / "skinmedica-tns-recovery-complex.yaml")
    small = "Ingredients: " + item.text[:60]
    for style in ("sans-plain", "mono-small-jpeg40"):
        reader.read_bytes(render("TNS", small, STYLE[style]), style)
    assert len(made) == 1


def test_cli_ocr_and_scan_as_a_subprocess(tmp_path: Path) -> None:
    item = read_path(LABELS / "skinmedica-tns-recovery-complex.yaml")
    photo = tmp_path / "tns.jpg"
    photo.write_bytes(render("TNS Recovery Complex", item.text, STYLE["sans-plain"]))
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "exolabel", "ocr", str(photo)], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert "INGREDIENTS: Human Neonatal Fibroblast Conditioned Media" in p.stdout and "DIRECTIONS" in p.stdout
    p = subprocess.run(
        [sys.executable, "-m", "exolabel", "scan", str(photo), "--format", "json", "--fail-on", "never"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    (res,) = json.loads(p.stdout)["results"]
    assert res["ingredients"][0]["name"] == "Human Neonatal Fibroblast Conditioned Media"
    assert res["photo"]["photos"][0]["heading"] == "INGREDIENTS"


def test_upside_down_photo_is_turned(reader, scanner) -> None:
    from PIL import Image

    item = read_path(LABELS / "aq-skin-solutions-active-serum.yaml")
    data = render(item.label.product or "x", item.text, STYLE["sans-plain"])
    upright = Image.open(io.BytesIO(data)).convert("RGB")
    text = reader.read_photo(Photo("flipped.jpg", upright.transpose(Image.Transpose.ROTATE_180), "JPEG"))
    assert text.section.heading == "INGREDIENTS"
    assert "Human Fibroblast Conditioned Media" in text.text


def test_photo_piped_to_scan_and_a_photo_label_file_in_check_as_subprocesses(tmp_path: Path) -> None:
    item = read_path(LABELS / "skinmedica-tns-recovery-complex.yaml")
    data = render("TNS Recovery Complex", item.text, STYLE["sans-plain"])
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "exolabel"]
    p = subprocess.run([*cmd, "scan", "-", "--format", "json", "--fail-on", "never"], input=data, capture_output=True)
    assert p.returncode == 0, p.stderr.decode()
    (res,) = json.loads(p.stdout)["results"]
    assert res["ingredients"][0]["name"] == "Human Neonatal Fibroblast Conditioned Media"
    assert res["photo"]["photos"][0]["source"] == "stdin"
    (tmp_path / "back.jpg").write_bytes(data)
    (tmp_path / "tns.yaml").write_text("product: TNS Recovery Complex\nmarkets: [eu]\nphoto: back.jpg\n")
    p = subprocess.run([*cmd, "check", str(tmp_path), "--isolated"], capture_output=True, text=True, env=env)
    assert p.returncode == 1, p.stdout + p.stderr  # human-origin conditioned media: banned in the EU
    assert "tns.yaml:3:1: error SR02" in p.stdout or "tns.yaml:3:1" in p.stdout, p.stdout
    assert "Traceback" not in p.stderr
