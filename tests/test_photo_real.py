"""The real photos of examples/photos: each is copied unchanged from a public source whose licence allows it (the
label file names the source, the licence and the photo's sha256; licences/ keeps the licence texts; the README's
table lists it), has its typed ground truth in truth/, and is read by the real OCR engine with its names found.
benchmarks/bench_photo.py --real measures the same."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from exolabel.labelfile.read import read_path
from exolabel.photo import engine as photo_engine

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = ROOT / "examples" / "photos"
LABELS = sorted(p for p in PHOTOS.glob("*.yaml"))
# (label file, heading the list is found under (None: no heading of sections.yaml), names of the typed list that
# must be found, at least)
EXPECTED = {
    "sensodyne-toothpaste": ("INGREDIENTS", 14),
    "cleanser-tr-icindekiler": ("icindekiler", 12),  # "İçindekiler:" read without its dot and cedilla
    # food labels (Open Food Facts' client library's test photos): the names are not INCI names, so a name counts
    # only when read exactly
    "cookies-en-ingredients": ("INGREDIENTS", 7),  # of 9: "Emulsifers", "Partiallyinverted"
    "hazelnut-fr-3613042717385": ("Ingrédients", 5),
    "cola-light-de-zutaten": (None, 3),  # of 7: "Zutaten" cut by the photo's edge, read "taten"; "E 15Ud";
    # words cut at the right edge
}


def test_every_real_photo_has_its_source_licence_checksum_and_truth() -> None:
    assert {p.stem for p in LABELS} == set(EXPECTED)
    readme = (PHOTOS / "README.md").read_text(encoding="utf-8")
    licences = {p.name for p in (PHOTOS / "licences").iterdir()}
    for label in LABELS:
        head = label.read_text(encoding="utf-8")
        item = read_path(label)
        (photo,) = (Path(p) for p in item.photos)
        assert re.search(r"(?m)^# Source: https://github\.com/\S+/blob/[0-9a-f]{40}/\S+$", head), label.name
        assert re.search(r"(?m)^# Licence: (MIT|Apache-2\.0|CC0|CC BY(-SA)? [0-9.]+)\b", head), label.name
        digest = hashlib.sha256(photo.read_bytes()).hexdigest()
        assert f"sha256 {digest}" in " ".join(head.split()).replace("# ", ""), (label.name, digest)
        repo = re.search(r"github\.com/([^/]+)/([^/]+)/blob/", head)
        assert repo and f"{repo[1]}-{repo[2]}.LICENSE" in licences, label.name
        assert photo.name in readme, f"{photo.name} is not in examples/photos/README.md"
        truth = read_path(PHOTOS / "truth" / label.name)
        assert truth.text.strip() and not truth.photos


def _names(scanner, text: str) -> Counter:
    return Counter((s.known or s.ingredient.key).casefold() for s in scanner.scan(text).ingredients)


@pytest.mark.skipif(not photo_engine.available(), reason='the OCR engine is not installed: pip install -e ".[ocr]"')
@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem)
def test_real_photo_is_read_and_its_names_found(scanner, label: Path) -> None:
    from exolabel.photo.read import PhotoReader

    heading, at_least = EXPECTED[label.stem]
    (photo,) = read_path(label).photos
    got = PhotoReader().read_path(Path(photo))
    assert got.section.heading == heading
    want = _names(scanner, read_path(PHOTOS / "truth" / label.name).text)
    have = _names(scanner, got.text)
    found = sum((want & have).values())
    assert found >= at_least, (found, sorted((want - have).elements()), got.text)
