"""Photos in every command that reads labels, with a stand-in engine (no models needed): a photo piped on stdin
(recognised by its bytes, with the photo limits), ``tokens`` and ``diff`` on photos, ``check`` on label files
with ``photo:`` (findings placed at the ``photo`` key, an unreadable photo a problem of that file). The real
engine and a real subprocess: tests/test_photo_ocr.py."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app, photo_cmd
from exolabel.photo.image import Limits
from exolabel.photo.read import PhotoReader

pytest.importorskip("PIL", reason='Pillow comes with the ocr extra: pip install -e ".[ocr]"')
from PIL import Image
from test_photo_scan import StandIn

runner = CliRunner()


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    eng = StandIn()
    monkeypatch.setattr(photo_cmd, "make_reader", lambda b, px: PhotoReader(eng, Limits(b, px)))
    return eng


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (120, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, format=fmt)
    return buf.getvalue()


def invoke(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_photo_on_stdin_is_recognised_by_its_bytes_and_scanned(engine) -> None:
    r = invoke("scan", "-", "--format", "json", "--fail-on", "never", input=image_bytes("PNG"))
    assert r.exit_code == exitcodes.OK, r.output
    (res,) = json.loads(r.stdout)["results"]
    assert [i["name"] for i in res["ingredients"]][:2] == ["Water", "Human Adipose Stem Cell Conditioned Media"]
    assert res["photo"]["photos"][0]["source"] == "stdin"
    assert res["photo"]["low_confidence"][0]["word"] == "Glycerln,"
    assert engine.reads == 1


def test_text_on_stdin_is_still_text(engine) -> None:
    r = invoke("scan", "-", "--format", "json", "--fail-on", "never", input=b"Water, Glycerin, Niacinamide")
    assert r.exit_code == exitcodes.OK
    assert "photo" not in json.loads(r.stdout)["results"][0] and engine.reads == 0


def test_photo_on_stdin_has_the_photo_limits_not_the_label_limit(engine) -> None:
    data = image_bytes("JPEG", (400, 300))
    r = invoke("scan", "-", "--max-label-bytes", "100", "--fail-on", "never", input=data)
    assert r.exit_code == exitcodes.OK, r.output  # a label limit of 100 bytes does not apply to a photo
    r = invoke("scan", "-", "--max-photo-bytes", "100", input=data)
    assert r.exit_code == exitcodes.ERROR
    assert "stdin is a photo over --max-photo-bytes 100" in r.stderr and "Traceback" not in r.output
    r = invoke("scan", "-", "--max-photo-pixels", "1000", input=data)
    assert r.exit_code == exitcodes.ERROR and "over the limit of 1,000" in r.stderr
    assert engine.reads == 1


@pytest.mark.parametrize(("fmt", "named"), [("GIF", "a GIF file"), ("TIFF", "a TIFF file")])
def test_other_image_on_stdin_is_named(engine, fmt: str, named: str) -> None:
    r = invoke("scan", "-", input=image_bytes(fmt))
    assert r.exit_code == exitcodes.ERROR
    assert f"stdin is {named}: give a JPEG, PNG or WebP photo" in r.stderr and engine.reads == 0


def test_truncated_photo_on_stdin_is_one_clean_error(engine) -> None:
    r = invoke("scan", "-", input=image_bytes("JPEG", (400, 300))[:300])
    assert r.exit_code == exitcodes.ERROR
    (line,) = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert line.startswith("exolabel: error: stdin: truncated or corrupt JPEG file")


def test_tokens_reads_photos(engine, tmp_path: Path) -> None:
    (tmp_path / "box.webp").write_bytes(image_bytes("WEBP"))
    r = invoke("tokens", str(tmp_path / "box.webp"), "--format", "json")
    assert r.exit_code == exitcodes.OK, r.output
    (res,) = json.loads(r.stdout)["results"]
    assert [i["name"] for i in res["ingredients"]] == [
        "Water",
        "Human Adipose Stem Cell Conditioned Media",
        "Glycerln",
        "Linalool",
    ]
    r = invoke("tokens", "-", input=image_bytes("PNG"))
    assert r.exit_code == exitcodes.OK and "Human Adipose Stem Cell Conditioned Media" in r.stdout


def test_tokens_without_the_engine_names_the_extra(monkeypatch, tmp_path: Path) -> None:
    import exolabel.photo.engine as eng

    monkeypatch.setattr(eng, "available", lambda: False)
    (tmp_path / "box.jpg").write_bytes(image_bytes())
    r = invoke("tokens", str(tmp_path / "box.jpg"), "Water, Glycerin")
    assert r.exit_code == exitcodes.ERROR
    assert 'pip install "exolabel[ocr]"' in r.stderr and "Glycerin" in r.stdout  # the text input still shown


def test_diff_between_a_typed_list_and_a_photo(engine, tmp_path: Path) -> None:
    (tmp_path / "new.jpg").write_bytes(image_bytes())
    old = tmp_path / "old.yaml"
    old.write_text("product: Serum\ningredients: Water, Glycerin, Linalool\n", encoding="utf-8")
    r = invoke("diff", str(old), str(tmp_path / "new.jpg"), "--format", "json", "--fail-on", "never")
    assert r.exit_code == exitcodes.OK, r.output
    d = json.loads(r.stdout)["diff"]
    assert d["ingredients"]["added"] == ["Human Adipose Stem Cell Conditioned Media", "Glycerln"]
    assert d["ingredients"]["removed"] == ["Glycerin"]
    assert any(f["rule"] == "SR02" for f in d["findings"]["new"]), d["findings"]["new"]


def test_diff_with_an_unreadable_photo_is_exit_2_once(engine, tmp_path: Path) -> None:
    (tmp_path / "new.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 50)
    r = invoke("diff", "Water, Glycerin", str(tmp_path / "new.jpg"))
    assert r.exit_code == exitcodes.ERROR
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("exolabel: error:")]
    assert len(errors) == 1 and "new.jpg" in errors[0], r.stderr


def _repo(tmp_path: Path, photo: bytes) -> Path:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "back.jpg").write_bytes(photo)
    (tmp_path / "labels" / "serum.yaml").write_text(
        "product: Recovery Serum\nmarkets: [eu]\n\nphoto: back.jpg\n", encoding="utf-8"
    )
    (tmp_path / "labels" / "toner.yaml").write_text("product: Toner\ningredients: Water, Glycerin\n", encoding="utf-8")
    return tmp_path / "labels"


def test_check_reads_label_files_with_a_photo(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    r = invoke("check", str(labels), "--isolated", "--format", "json")
    assert r.exit_code == exitcodes.FINDINGS, r.output
    doc = json.loads(r.stdout)
    (serum,) = [x for x in doc["results"] if x["source"].endswith("serum.yaml")]
    assert [i["name"] for i in serum["ingredients"]][:2] == ["Water", "Human Adipose Stem Cell Conditioned Media"]
    found = [f for f in serum["findings"] if f["ingredient"] is not None]
    assert any(f["rule"] == "SR02" for f in found), found
    assert {f["location"]["line"] for f in found} == {4}  # the 'photo:' line: the names are not in the file
    assert doc["errors"] == [] and doc["summary"]["files"] == 2 and engine.reads == 1


def test_check_with_an_unreadable_photo_is_that_files_problem(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, b"GIF89a" + b"\x00" * 40)
    r = invoke("check", str(labels), "--isolated", "--format", "json")
    assert r.exit_code == exitcodes.ERROR, r.output
    doc = json.loads(r.stdout)
    text = json.dumps(doc)
    assert "is a GIF file: give a JPEG, PNG or WebP photo" in text and "no ingredient text" not in text
    assert "Traceback" not in r.output


LOW_NOTE = "note: low OCR confidence, check these words on the label: 'Glycerln,' (55%, ingredient #3 'Glycerln')"


def test_check_text_shows_what_was_read_from_the_photo_at_its_line(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    r = invoke("check", str(labels / "serum.yaml"), "--isolated", "--no-color")
    assert r.exit_code == exitcodes.FINDINGS, r.output
    lines = r.stdout.splitlines()
    at = f"{labels / 'serum.yaml'}:4:1: "
    # the notes come first, at the 'photo:' line, then the findings; the photo named as the label file names it
    assert lines[0] == at + "note: read from photo back.jpg (stand-in): under 'INGREDIENTS'"
    assert lines[1] == at + LOW_NOTE
    assert any(ln.startswith(at) and " SR02 " in ln for ln in lines[2:])
    assert lines[-1].startswith("1 file checked: 1 errors")  # notes are not counted as findings or errors


def test_check_json_has_the_photo_object_of_each_label_read_from_photos(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    r = invoke("check", str(labels), "--isolated", "--format", "json")
    results = {Path(x["source"]).name: x for x in json.loads(r.stdout)["results"]}
    assert "photo" not in results["toner.yaml"]
    photo = results["serum.yaml"]["photo"]
    assert photo["photos"] == [
        {
            "source": "back.jpg",
            "engine": "stand-in",
            "heading": "INGREDIENTS",
            "text": "Water, Human Adipose Stem Cell Conditioned Media, Glycerln, Linalool.",
        }
    ]
    assert photo["low_confidence"] == [{"word": "Glycerln,", "confidence": 0.55, "ingredient": 2, "name": "Glycerln"}]


def test_check_places_doubtful_words_of_a_second_photo_in_its_own_ingredients(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    (labels / "side.jpg").write_bytes(image_bytes())
    (labels / "serum.yaml").write_text("product: Serum\nphoto: [back.jpg, side.jpg]\n", encoding="utf-8")
    r = invoke("check", str(labels / "serum.yaml"), "--isolated", "--format", "json")
    (res,) = json.loads(r.stdout)["results"]
    names = [i["name"] for i in res["ingredients"]]
    doubts = res["photo"]["low_confidence"]
    assert [d["ingredient"] for d in doubts] == [2, 6] and {names[2], names[6]} == {"Glycerln"}
    assert [p["source"] for p in res["photo"]["photos"]] == ["back.jpg", "side.jpg"]


def test_check_sarif_and_github_carry_the_photo_notes(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    r = invoke("check", str(labels), "--isolated", "--format", "sarif")
    (inv,) = json.loads(r.stdout)["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is True
    notes = [n for n in inv["toolExecutionNotifications"] if n["level"] == "note"]
    assert [n["message"]["text"] for n in notes][1] == LOW_NOTE.removeprefix("note: ")
    region = notes[1]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"].endswith("labels/serum.yaml")
    assert region["region"] == {"startLine": 4, "startColumn": 1}
    r = invoke("check", str(labels), "--isolated", "--format", "github")
    notices = [ln for ln in r.stdout.splitlines() if ln.startswith("::notice ") and "OCR" in ln]
    assert len(notices) == 1 and "serum.yaml,line=4,col=1," in notices[0] and "'Glycerln,' (55%25" in notices[0]


def test_check_keeps_the_photo_notes_of_a_label_it_could_not_check(engine, tmp_path: Path) -> None:
    labels = _repo(tmp_path, image_bytes())
    (labels / "serum.yaml").write_text("product: Serum\nmarkets: [atlantis]\nphoto: back.jpg\n", encoding="utf-8")
    r = invoke("check", str(labels / "serum.yaml"), "--isolated", "--format", "json")
    assert r.exit_code == exitcodes.ERROR, r.output
    (err,) = json.loads(r.stdout)["errors"]
    assert "atlantis" in err["message"] and err["photo"]["low_confidence"][0]["ingredient"] is None
    r = invoke("check", str(labels / "serum.yaml"), "--isolated", "--no-color")
    assert "note: read from photo back.jpg" in r.stdout and "note: low OCR confidence" in r.stdout


def test_ocr_reads_a_photo_piped_in(engine) -> None:
    r = invoke("ocr", "-", "--section", input=image_bytes("PNG"))
    assert r.exit_code == exitcodes.OK, r.output
    assert r.stdout.strip() == "Water, Human Adipose Stem Cell Conditioned Media, Glycerln, Linalool."
    r = invoke("ocr", "-", "--max-photo-bytes", "50", input=image_bytes("PNG"))
    assert r.exit_code == exitcodes.ERROR and "stdin is a photo over --max-photo-bytes 50" in r.stderr
