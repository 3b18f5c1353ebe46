"""``exolabel scan PHOTO`` end to end with a stand-in engine (no models needed): the ingredient section goes
through the same scanner as text, low-confidence words are marked in the text and JSON reports, label files
name photos with ``photo:``, several photos get a progress line, and a missing engine is one line naming the
extra."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from exolabel import exitcodes
from exolabel.cli import main, photo_cmd
from exolabel.photo.engine import OcrLine, OcrWord
from exolabel.photo.read import PhotoReader

pytest.importorskip("PIL", reason='Pillow comes with the ocr extra: pip install -e ".[ocr]"')
from PIL import Image

LINES = (
    ("Recovery Serum", 0.99, ()),
    ("INGREDIENTS: Water, Human Adipose Stem Cell", 0.97, ()),
    ("Conditioned Media, Glycerln, Linalool.", 0.71, ("Glycerln,",)),
    ("DIRECTIONS: apply twice daily.", 0.99, ()),
)


class StandIn:
    """Returns the same four lines for every photo; counts its model loads and reads."""

    name = "stand-in"

    def __init__(self) -> None:
        self.loads = 0
        self.reads = 0

    def load(self) -> None:
        self.loads += 1

    def read(self, image: Image.Image) -> tuple[OcrLine, ...]:
        self.reads += 1
        out = []
        for i, (text, conf, low) in enumerate(LINES):
            y = 40.0 * i + (30 if i else 0)
            words, x = [], 0.0
            for w in text.split():
                box = ((x, y), (x + 10 * len(w), y), (x + 10 * len(w), y + 20), (x, y + 20))
                words.append(OcrWord(w, 0.55 if w in low else 0.99, box))
                x += 10 * len(w) + 10
            out.append(OcrLine(text, conf, ((0, y), (x, y), (x, y + 20), (0, y + 20)), tuple(words)))
        return tuple(out)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    eng = StandIn()
    monkeypatch.setattr(photo_cmd, "make_reader", lambda *a: PhotoReader(eng))
    return eng


def jpeg(path: Path) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buf, format="JPEG")
    path.write_bytes(buf.getvalue())
    return path


def test_photo_is_scanned_like_text_and_doubtful_words_are_marked(engine, tmp_path, capsys) -> None:
    code = main(["scan", str(jpeg(tmp_path / "box.jpg")), "--show-text", "--no-color", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert code == exitcodes.OK
    assert "#2 Human Adipose Stem Cell Conditioned Media" in out  # the photo's list went through the scanner
    assert f"Read from photo {tmp_path / 'box.jpg'} (stand-in" in out and "under 'INGREDIENTS'" in out
    assert "check these words on the label: 'Glycerln,' (55%, ingredient #3)" in out
    assert "Water, Human Adipose Stem Cell Conditioned Media, Glycerln, Linalool." in out
    assert "DIRECTIONS" not in out


def test_json_result_carries_the_photo_and_its_doubtful_words(engine, tmp_path, capsys) -> None:
    main(["scan", str(jpeg(tmp_path / "box.jpg")), "--format", "json", "--fail-on", "never"])
    (res,) = json.loads(capsys.readouterr().out)["results"]
    assert [i["name"] for i in res["ingredients"]][:2] == ["Water", "Human Adipose Stem Cell Conditioned Media"]
    photo = res["photo"]
    assert photo["photos"][0]["heading"] == "INGREDIENTS" and photo["photos"][0]["engine"] == "stand-in"
    assert "DIRECTIONS: apply twice daily." in photo["photos"][0]["full_text"]
    assert photo["low_confidence"] == [{"word": "Glycerln,", "confidence": 0.55, "ingredient": 2}]


def test_label_file_with_photo_keeps_its_facts_and_one_engine_reads_every_photo(engine, tmp_path, capsys) -> None:
    jpeg(tmp_path / "back.jpg")
    jpeg(tmp_path / "side.png")
    label = tmp_path / "serum.yaml"
    label.write_text("product: Recovery Serum\nmarkets: [eu]\nphoto: back.jpg\n", encoding="utf-8")
    code = main(["scan", str(label), str(tmp_path / "side.png"), "--format", "json", "--progress"])
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert [r["product"] for r in doc["results"]] == ["Recovery Serum", None]
    assert code == exitcodes.FINDINGS  # human-origin conditioned media is an error for the EU market
    assert engine.reads == 2 and engine.loads <= 1
    assert "reading photo 1/2" in captured.err and "reading photo 2/2" in captured.err


def test_label_file_cannot_give_both_ingredients_and_photo(tmp_path, capsys) -> None:
    label = tmp_path / "x.yaml"
    label.write_text("ingredients: Water\nphoto: a.jpg\n", encoding="utf-8")
    assert main(["scan", str(label)]) == exitcodes.ERROR
    assert "either 'ingredients' or 'photo'" in capsys.readouterr().err


def test_without_the_engine_one_line_names_the_extra(monkeypatch, tmp_path, capsys) -> None:
    import exolabel.photo.engine as eng

    monkeypatch.setattr(eng, "available", lambda: False)
    code = main(["scan", str(jpeg(tmp_path / "a.jpg")), str(jpeg(tmp_path / "b.jpg")), "Water, Glycerin"])
    err = capsys.readouterr().err
    assert code == exitcodes.ERROR
    lines = [ln for ln in err.splitlines() if "error" in ln]
    assert len(lines) == 2 and all('pip install "exolabel[ocr]"' in ln for ln in lines), lines
    assert "Traceback" not in err
