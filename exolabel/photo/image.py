"""Open a photo safely: the content decides the format (JPEG, PNG, WebP), limits are checked on the header
before any pixel is decoded, and every way a file can be bad becomes one :class:`PhotoError` line."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

EXTRA_HINT = 'photos need the OCR engine: pip install "exolabel[ocr]"'
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp")
FORMATS = ("JPEG", "PNG", "WEBP")
DEFAULT_MAX_BYTES = 40_000_000
DEFAULT_MAX_PIXELS = 60_000_000  # a 108-megapixel phone sensor is bigger; its photos are usually binned to 12-27 MP
MAX_SIDE = 30_000
_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
    (b"PK\x03\x04", "ZIP"),
)
_SUFFIX_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".jfif": "JPEG", ".png": "PNG", ".webp": "WEBP"}


class PhotoError(Exception):
    """A photo that cannot be read. The message is one line, for the user, and names the file."""


@dataclass(frozen=True)
class Limits:
    """What a photo may cost: file bytes and decoded pixels (width x height), both checked before decoding."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pixels: int = DEFAULT_MAX_PIXELS


@dataclass(frozen=True)
class Photo:
    """A decoded photo, upright (EXIF orientation applied), in RGB."""

    source: str
    image: Image
    format: str
    warning: str | None = None


def is_photo_path(name: str) -> bool:
    return name.lower().endswith(PHOTO_SUFFIXES)


def sniff(data: bytes) -> str | None:
    """The image format the bytes start with (by signature), or None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    for sig, fmt in _SIGNATURES:
        if data.startswith(sig):
            return fmt
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"avif", b"hevc"):
        return "HEIC/AVIF"
    return None


def read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        if path.is_dir():
            raise PhotoError(f"{path} is a directory, not a photo")
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise PhotoError(f"{path} is {size:,} bytes, over the photo limit of {limits.max_bytes:,} bytes")
        with path.open("rb") as f:
            data = f.read(limits.max_bytes + 1)
    except OSError as e:
        raise PhotoError(f"cannot read {path}: {e.strerror or e}") from None
    if len(data) > limits.max_bytes:  # grew while we read it (a pipe, a growing file)
        raise PhotoError(f"{path} is over the photo limit of {limits.max_bytes:,} bytes")
    return data


def open_photo(data: bytes, source: str, limits: Limits = Limits(), suffix: str | None = None) -> Photo:
    """Decode ``data`` into an upright RGB image, or raise PhotoError naming ``source`` and what is wrong."""
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:
        raise PhotoError(f"{source}: {EXTRA_HINT}") from None

    if len(data) > limits.max_bytes:
        raise PhotoError(f"{source} is {len(data):,} bytes, over the photo limit of {limits.max_bytes:,} bytes")
    if not data:
        raise PhotoError(f"{source} is empty: not a photo")
    kind = sniff(data)
    if kind not in FORMATS:
        what = f"a {kind} file" if kind else "not an image (no JPEG, PNG or WebP signature)"
        raise PhotoError(f"{source} is {what}: give a JPEG, PNG or WebP photo")
    warning = None
    expected = _SUFFIX_FORMAT.get((suffix or "").lower())
    if expected and expected != kind:
        warning = f"{source}: named {suffix} but is a {kind} image; read as {kind}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own warnings (corrupt EXIF...) are not the user's business
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = img.size
            if width <= 0 or height <= 0 or width > MAX_SIDE or height > MAX_SIDE:
                raise PhotoError(f"{source}: {width}x{height} pixels is not a photo size (each side 1-{MAX_SIDE:,})")
            if width * height > limits.max_pixels:
                raise PhotoError(
                    f"{source} is {width}x{height} = {width * height:,} pixels, over the limit of "
                    f"{limits.max_pixels:,} (a decompression bomb, or a photo to downscale first)"
                )
            img.seek(0)  # an animated WebP or APNG: the first frame
            img.load()
            img = _upright(img, ImageOps)
            rgb = img.convert("RGB")
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise PhotoError(
            f"{source}: too many pixels, over the limit of {limits.max_pixels:,} (a decompression bomb?): "
            + str(e).split(",")[0]
        ) from None
    except UnidentifiedImageError:
        raise PhotoError(f"{source}: corrupt {kind} file (the header cannot be read)") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, MemoryError) as e:
        detail = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise PhotoError(f"{source}: truncated or corrupt {kind} file ({detail})") from None
    return Photo(source, rgb, kind, warning)


def _upright(img: Image, image_ops: Any) -> Image:
    """``img`` turned by its EXIF orientation; as it is when the EXIF data cannot be read."""
    try:
        return image_ops.exif_transpose(img) or img
    except Exception:  # a corrupt EXIF block must not cost the photo
        return img


def load_photo(path: Path, limits: Limits = Limits()) -> Photo:
    return open_photo(read_bytes(path, limits), str(path), limits, path.suffix)
