"""Hostile and broken photos (issue 19, images): every row runs ``exolabel scan`` on a bad image as a real
subprocess with memory and CPU limits, and asserts exit 2, one line naming the file and the problem, no
traceback. None of these reaches the OCR engine: the checks come before any pixel is decoded or any model loaded."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_bad_inputs import assert_clean_failure, run

from exolabel import exitcodes
from exolabel.photo.image import Limits, PhotoError, open_photo, sniff

PIL = pytest.importorskip("PIL", reason='Pillow comes with the ocr extra: pip install -e ".[ocr]"')
from PIL import Image  # noqa: E402


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header claims width x height pixels (decompressing it would need 10^10 pixels)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def small(fmt: str = "JPEG", size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(buf, format=fmt)
    return buf.getvalue()


def gif() -> bytes:
    return small("GIF")


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    filename: str
    message: str


CASES = [
    Case("decompression bomb (PNG header: 10^10 pixels)", png_bomb, "bomb.png", "over the limit"),
    Case("JPEG cut in half", lambda: small()[: len(small()) // 2], "cut.jpg", "truncated or corrupt"),
    Case("PNG with a broken chunk", lambda: small("PNG")[:40] + b"\x00" * 30, "broken.png", "corrupt"),
    Case("signature only", lambda: b"\xff\xd8\xff\xe0" + bytes(10), "header.jpg", "corrupt"),
    Case("text named .jpg", lambda: b"Water, Glycerin, Niacinamide", "list.jpg", "not an image"),
    Case("a GIF named .png", gif, "anim.png", "GIF"),
    Case("a PDF named .jpg", lambda: b"%PDF-1.7\n" + bytes(100), "doc.jpg", "PDF"),
    Case("empty .webp", lambda: b"", "empty.webp", "empty"),
    Case("WebP header with garbage", lambda: b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(40), "bad.webp", "corrupt"),
    Case("0 x 0 pixels", lambda: png_bomb(0, 0), "zero.png", "corrupt"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_photo_is_one_clean_error(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.filename
    path.write_bytes(case.content())
    p = run("scan", str(path))
    assert_clean_failure(p, exitcodes.ERROR, case.message)
    assert str(path) in p.stderr


def test_a_bad_photo_does_not_stop_the_other_inputs(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_bomb())
    p = run("scan", str(bomb), "Water, Human Fibroblast Conditioned Media", "--format", "json")
    assert p.returncode == exitcodes.ERROR
    assert "Traceback" not in p.stderr
    assert '"Human Fibroblast Conditioned Media"' in p.stdout  # the text input is still scanned and reported


def test_photo_over_the_byte_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(small())
    p = run("scan", str(path), "--max-photo-bytes", "100")
    assert_clean_failure(p, exitcodes.ERROR, "over the photo limit of 100 bytes")


def test_pixel_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(small("PNG", (400, 300)))
    p = run("scan", str(path), "--max-photo-pixels", "1000")
    assert_clean_failure(p, exitcodes.ERROR, "120,000 pixels, over the limit of 1,000")


def test_corrupt_exif_prints_no_python_warning(tmp_path: Path) -> None:
    """A JPEG whose EXIF block is cut short: Pillow warns 'Corrupt EXIF data'; the user sees only exolabel's own
    lines (the photo holds no text, so scan says no list was found, or names the extra when it is absent)."""
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(
        buf, format="JPEG", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x05\x00\x12\x01"
    )
    path = tmp_path / "exif.jpg"
    path.write_bytes(buf.getvalue())
    p = run("scan", str(path))
    assert_clean_failure(p, exitcodes.ERROR, str(path))
    assert "Warning" not in p.stderr


def test_missing_photo_is_a_clean_error(tmp_path: Path) -> None:
    p = run("scan", str(tmp_path / "nope.jpg"))
    assert_clean_failure(p, exitcodes.ERROR, "cannot read")


def test_content_decides_the_format_and_a_wrong_suffix_is_a_warning() -> None:
    photo = open_photo(small("PNG"), "label.jpg", Limits(), ".jpg")
    assert photo.format == "PNG"
    assert photo.warning and "named .jpg but is a PNG image" in photo.warning
    assert photo.image.mode == "RGB" and photo.image.size == (64, 48)


def test_exif_orientation_is_applied() -> None:
    img = Image.new("RGB", (80, 40), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: the upright photo is 40 x 80
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    assert open_photo(buf.getvalue(), "p.jpg").image.size == (40, 80)


def test_bomb_is_refused_on_the_header_alone() -> None:
    with pytest.raises(PhotoError, match="decompression bomb"):
        open_photo(png_bomb(), "bomb.png", Limits())


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"\xff\xd8\xff\xe0", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"RIFF\0\0\0\0WEBPVP8 ", "WEBP"), (b"hi", None)],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind
