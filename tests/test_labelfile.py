"""Reading inputs: encodings, binary refusal, comments, label files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from exolabel.datafiles.load import DataError
from exolabel.labelfile.read import InputError, blank_comments, decode_bytes, read_path

TEXT = "Water, Glycérine, Niacinamide"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
)
def test_decodes_unicode_encodings(data: bytes) -> None:
    text, _warning = decode_bytes(data)
    assert text == TEXT


def test_latin1_falls_back_with_a_warning() -> None:
    text, warning = decode_bytes(TEXT.encode("latin-1"))
    assert text == TEXT and warning and "not valid UTF-8" in warning


@pytest.mark.parametrize(
    ("data", "what"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"), (b"%PDF-1.7", "PDF"), (b"abc\x00\x01\x02def\xff\xfe\x00", "binary")],
)
def test_binary_input_is_refused(data: bytes, what: str) -> None:
    with pytest.raises(InputError, match=what if what != "binary" else "NUL|binary|not text"):
        decode_bytes(data)


def test_comment_lines_are_blanked_keeping_offsets() -> None:
    text = "# Source: x\nWater, Glycerin\n  # note\n"
    out = blank_comments(text)
    assert len(out) == len(text) and "Source" not in out and out.index("Water") == text.index("Water")


def test_label_file_yaml(tmp_path: Path) -> None:
    p = tmp_path / "l.yaml"
    p.write_text(
        "product: P\nbrand: B\nmarkets: [EU]\nproduct_type: rinse-off\nclaims: [vegan]\n"
        "ingredients: [Water, Glycerin]\n",
        encoding="utf-8",
    )
    li = read_path(p)
    assert li.text == "Water, Glycerin"
    assert (li.label.product, li.label.markets, li.label.product_type, li.label.claims) == (
        "P",
        ("eu",),
        "rinse-off",
        ("vegan",),
    )


@pytest.mark.parametrize(
    ("name", "text", "needle"),
    [
        ("a.yaml", "product: P\ningredients: 5\n", "'ingredients' must be text or a list"),
        ("b.yaml", "product: P\ningrediants: Water\n", "unknown key 'ingrediants'"),
        ("c.yaml", "product: P\nproduct_type: face\ningredients: Water\n", "product_type: face"),
        ("d.json", '{"product": "P", "ingredients": ', "invalid JSON"),
        ("e.yaml", "- just\n- a list\n", "must be a mapping"),
    ],
)
def test_label_file_errors_name_the_problem(tmp_path: Path, name: str, text: str, needle: str) -> None:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=needle):
        read_path(p)
