"""Read what the user gives us: text, stdin bytes, ``.txt`` ingredient files and YAML/JSON/TOML label files.

Bytes are decoded with BOM detection (UTF-8, UTF-16, UTF-32), then UTF-8, then Latin-1/cp1252 with a warning;
binary data (NUL bytes in an 8-bit stream, image signatures) is refused with a clear message. A ``.txt`` file's
lines that start with ``#`` are comments: they are blanked, not removed, so spans still point into the file.
Label files are validated with errors naming file, line, key and fix.
"""

import codecs
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exolabel.datafiles.load import LINE_KEY, Checker, DataError, Problem, load_toml_text, load_yaml_text
from exolabel.labelfile.extras import (
    Suppression,
    parse_characterization,
    parse_declared,
    parse_source,
    parse_suppressions,
)
from exolabel.model import PRODUCT_TYPES, LabelInfo

DEFAULT_MAX_LABEL_BYTES = 5_000_000
LABEL_KEYS = (
    "product",
    "brand",
    "url",
    "markets",
    "product_type",
    "claims",
    "ingredients",
    "declared",
    "exosome_source",
    "characterization",
    "exolabel-ignore",
    "notes",
    "photo",
)
LABEL_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .xlsx/.docx)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


class InputError(Exception):
    """An input that cannot be checked. The message is one line, for the user."""


@dataclass(frozen=True)
class LabelInput:
    """One label to scan: its ingredient text, facts and where it came from."""

    text: str
    label: LabelInfo
    source: str | None
    warning: str | None = None
    raw: dict[str, Any] | None = None  # the parsed label file (with line numbers), for rules that need it
    suppressions: tuple[Suppression, ...] = ()  # the label file's 'exolabel-ignore' entries
    photos: tuple[str, ...] = ()  # photos to read the ingredient list from (paths), instead of ``text``
    photo_data: bytes | None = None  # the photo itself when it came on stdin (then ``photos`` is ('-',))


# Byte-order marks and the codec each one means (UTF-32 first: its LE mark starts with UTF-16's).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, what: str = "input") -> tuple[str, str | None]:
    """Decode ``data`` to text; return (text, warning). Raise InputError for binary data."""
    for sig, kind in _SIGNATURES.items():
        if data.startswith(sig):
            raise InputError(f"{what} is {kind}, not text: give the ingredient list as text")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), None
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{what} starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}"
                ) from None
    if data[:2000].count(b"\x00") > len(data[:2000]) // 4 and len(data) >= 4:
        # UTF-16 without BOM: every other byte is NUL for Latin text
        even, odd = data[0:2000:2].count(0), data[1:2000:2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(enc), f"{what}: no byte-order mark; read as {enc.upper()}"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{what} contains NUL bytes: it looks like a binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        if sum(1 for b in data[:4096] if b < 9 or 13 < b < 32) > 8:
            raise InputError(f"{what} is not text (binary bytes at offset {e.start})") from None
        try:
            text = data.decode("cp1252")
            enc = "Windows-1252"
        except UnicodeDecodeError:
            text, enc = data.decode("latin-1"), "Latin-1"
        return text, f"{what} is not valid UTF-8 (byte {e.start}); read as {enc}"


def blank_comments(text: str) -> str:
    """Blank lines that start with '#', keeping offsets."""
    if "#" not in text:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("#"):
            body = line.rstrip("\r\n")
            out.append(" " * len(body) + line[len(body) :])
        else:
            out.append(line)
    return "".join(out)


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_LABEL_BYTES) -> LabelInput:
    """Read a ``.txt`` ingredient file or a label file."""
    return read_path_with_text(path, max_bytes)[0]


def read_path_with_text(path: Path, max_bytes: int = DEFAULT_MAX_LABEL_BYTES) -> tuple[LabelInput, str]:
    """Read a ``.txt`` ingredient file or a label file; also return the file's decoded text (for locating)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path} is a directory: name files, or use 'exolabel check DIR'")
        if size > max_bytes:
            raise InputError(f"{path} is {size:,} bytes, over --max-label-bytes {max_bytes:,}")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None
    text, warning = decode_bytes(data, str(path))
    if path.suffix.lower() in LABEL_SUFFIXES:
        return parse_label_file(text, str(path), path.suffix.lower(), warning), text
    return LabelInput(blank_comments(text), LabelInfo(), str(path), warning), text


def read_text(text: str, source: str | None = None, max_bytes: int = DEFAULT_MAX_LABEL_BYTES) -> LabelInput:
    if len(text) > max_bytes:
        raise InputError(f"{source or 'input'} is {len(text):,} characters, over --max-label-bytes {max_bytes:,}")
    return LabelInput(text, LabelInfo(), source)


def parse_label_file(text: str, path: str, suffix: str, warning: str | None = None) -> LabelInput:
    doc = _parse_document(text, path, suffix)
    chk = Checker(path)
    if not isinstance(doc, dict):
        raise DataError(
            [
                Problem(
                    path,
                    None,
                    None,
                    "a label file must be a mapping of keys",
                    "write 'product: ...' and 'ingredients: ...' at the top level",
                )
            ]
        )
    photos = _photos(doc, chk, path)
    chk.keys(doc, LABEL_KEYS, () if photos else ("ingredients",), None)
    if photos and doc.get("ingredients") not in (None, "", []):
        chk.add(
            doc.get(LINE_KEY),
            None,
            "a label file gives either 'ingredients' or 'photo', not both",
            "keep 'photo' to read the list from the photo, or 'ingredients' to use the typed list",
        )
    ingredients = doc.get("ingredients")
    if isinstance(ingredients, list):
        if not all(isinstance(x, str) for x in ingredients):
            chk.add(
                doc.get(LINE_KEY),
                None,
                "'ingredients' list items must be strings",
                "write each ingredient as a quoted string",
            )
            ingredients = ""
        else:
            ingredients = ", ".join(ingredients)
    elif ingredients is not None and not isinstance(ingredients, str):
        chk.add(
            doc.get(LINE_KEY),
            None,
            f"'ingredients' must be text or a list, not {type(ingredients).__name__}",
            "write 'ingredients: |' followed by the list",
        )
        ingredients = ""
    claims = chk.text_list(doc, "claims", None)
    markets = [m.casefold() for m in chk.text_list(doc, "markets", None)]
    ptype = chk.choice(doc, "product_type", PRODUCT_TYPES, None)
    product = chk.text(doc, "product", None)
    brand = chk.text(doc, "brand", None)
    url = chk.text(doc, "url", None)
    declared = parse_declared(doc, ingredients or "", chk)
    source = parse_source(doc, chk)
    characterization = parse_characterization(doc, chk)
    suppressions = parse_suppressions(doc, chk)
    chk.raise_if_any()
    label = LabelInfo(
        product=product,
        brand=brand,
        claims=tuple(claims),
        markets=tuple(markets),
        product_type=ptype,
        url=url,
        declared=declared,
        exosome_source=source,
        characterization=characterization,
    )
    return LabelInput(ingredients or "", label, path, warning, doc, suppressions, photos)


def _photos(doc: dict[str, Any], chk: Checker, path: str) -> tuple[str, ...]:
    """The label file's ``photo`` (a path or a list of paths, relative to the label file's folder)."""
    value = doc.get("photo")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(x, str) and x.strip() for x in items):
        chk.add(
            doc.get(LINE_KEY),
            None,
            "'photo' must be a file name or a list of file names",
            "write 'photo: back-of-box.jpg' (relative to this label file)",
        )
        return ()
    base = Path(path).parent
    return tuple(str(base / x.strip()) for x in items)


def _parse_document(text: str, path: str, suffix: str) -> Any:
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise DataError(
                [
                    Problem(
                        path,
                        e.lineno,
                        None,
                        f"invalid JSON: {e.msg} (column {e.colno})",
                        "fix the JSON syntax at that line",
                    )
                ]
            ) from None
        except RecursionError:
            raise DataError([Problem(path, None, None, "JSON nested too deeply", "flatten the file")]) from None
    if suffix == ".toml":
        return load_toml_text(text, path, "use YAML or JSON, or upgrade Python")
    return load_yaml_text(text, path)
