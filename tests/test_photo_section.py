"""Reading order and the ingredient section, on OCR lines built by hand (no engine needed): headings in several
languages, the next panel, two columns, a title across both, skew, no heading, hyphenated line ends and the
confidence of each word."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from exolabel.photo.engine import OcrLine, OcrWord
from exolabel.photo.layout import blocks, skew_angle
from exolabel.photo.section import find_section, full_text, load_headings, normalize

ROOT = Path(__file__).resolve().parents[1]


def line(
    text: str, x: float, y: float, h: float = 20, conf: float = 0.99, angle: float = 0.0, low: tuple[str, ...] = ()
) -> OcrLine:
    """A text line at (x, y), 10 px per character, rotated by ``angle`` degrees about the origin."""
    a = math.radians(angle)

    def rot(px: float, py: float) -> tuple[float, float]:
        return (px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a))

    w = 10 * len(text)
    words = []
    cx = x
    for word in text.split(" "):
        ww = 10 * len(word)
        box = (rot(cx, y), rot(cx + ww, y), rot(cx + ww, y + h), rot(cx, y + h))
        words.append(OcrWord(word, 0.5 if word in low else conf, box))
        cx += ww + 10
    return OcrLine(text, conf, (rot(x, y), rot(x + w, y), rot(x + w, y + h), rot(x, y + h)), tuple(words))


def section(lines: list[OcrLine]):
    return find_section(blocks(tuple(lines)))


def test_heading_then_list_then_next_panel() -> None:
    s = section(
        [
            line("Recovery Serum 30 mL", 0, 0, h=30),
            line("INGREDIENTS: Water, Glycerin, Human Fibroblast", 0, 60),
            line("Conditioned Media, Niacinamide.", 0, 85),
            line("DIRECTIONS: apply twice daily, morning and night.", 0, 110),
        ]
    )
    assert s.heading == "INGREDIENTS"
    assert s.text == "Water, Glycerin, Human Fibroblast Conditioned Media, Niacinamide."


@pytest.mark.parametrize(
    ("heading", "panel"),
    [
        ("Ingrédients :", "Mode d'emploi : appliquer, masser."),
        ("INHALTSSTOFFE:", "Anwendung: morgens, abends."),
        ("Ingredientes:", "Modo de uso: aplicar, masajear."),
        ("INCI:", "Warnings: external use, only."),
        ("INGREDlENTS:", "Caution: avoid eyes, rinse."),  # the OCR read I as l
        ("1NGRED1ENTS", "Made in Korea, by X."),  # no colon, alone on its line; 1 for I
        ("전성분:", "주의사항: 눈에, 들어가지"),
        ("İçindekiler:", "Uyarılar: göze, temas ettirmeyin."),  # Turkish: dotted capital I, cedilla
        ("ÜRÜN BİLEŞENLERİ", "Kullanım şartları: yüze, masaj."),
        ("ICINDEKILER:", "UYARILAR: harici, kullanılır."),  # printed without the Turkish letters
        ("Zutaten:", "Anwendung: morgens, abends."),  # the German heading of food labels
    ],
)
def test_headings_in_several_languages_and_the_next_panel(heading: str, panel: str) -> None:
    s = section(
        [
            line(heading, 0, 0),
            line("Aqua, Glycerin, Lactobacillus", 0, 25),
            line("Extracellular Vesicles", 0, 50),
            line(panel, 0, 75),
        ]
    )
    assert s.text == "Aqua, Glycerin, Lactobacillus Extracellular Vesicles", (heading, s)


def test_bilingual_heading_and_a_bullet_separated_list() -> None:
    s = section(
        [line("INGREDIENTS/INGRÉDIENTS: AQUA/WATER/EAU · SODIUM", 0, 0), line("LAURETH SULFATE · PARFUM", 0, 25)]
    )
    assert s.heading == "INGREDIENTS/INGRÉDIENTS"
    assert s.text == "AQUA/WATER/EAU · SODIUM LAURETH SULFATE · PARFUM"


def test_a_heading_inside_a_row_needs_a_full_stop_before_it_and_a_colon() -> None:
    s = section([line("Net 50 mL. Ingredients: Water, Glycerin, Squalane", 0, 0)])
    assert s.text == "Water, Glycerin, Squalane"
    s = section(
        [
            line("Key ingredients: Exosomes, Niacinamide, Peptides", 0, 0),
            line("Ingredients: Water, Glycerin, Exosomes", 0, 60),
        ]
    )
    assert s.text == "Water, Glycerin, Exosomes"


def test_turkish_heading_after_a_warning_in_the_same_row() -> None:
    """As on examples/photos/cleanser-tr-icindekiler.jpg: a warning's last words, a full stop, then the heading,
    read as one row with the spaces dropped and the dotted capital I read as a plain i."""
    s = section(
        [
            line("yerlerden uzak tutun.Haricenkullanilir.icindekiler: Aqua, Decyl Glucoside*,", 0, 0),
            line("Parfum, Sodium Benzoate, Disodium EDTA.", 0, 25),
        ]
    )
    assert s.heading == "icindekiler"
    assert s.text == "Aqua, Decyl Glucoside*, Parfum, Sodium Benzoate, Disodium EDTA."


def test_stray_letters_of_a_neighbouring_panel_beside_the_list_are_not_read_into_it() -> None:
    """As on examples/photos/cookies-en-ingredients.jpg: the cut-off edge of the next panel ("Ty", "F", "P") stands
    just right of the list, too close for a blank band; the letters are a block of their own, read last."""
    lines = [
        line("INGREDIENTS", 0, 0),
        line("Ty", 520, 0),
        line("Wheat flour (with Calcium carbonate, Iron),", 0, 25),
        line("Sugar, Palm oil, Salt, Flavourings.", 0, 50),
        line("F", 520, 50),
        line("ALLERGY ADVICE", 0, 75),
        line("P", 520, 75),
    ]
    s = section(lines)
    assert s.heading == "INGREDIENTS"
    assert s.text == "Wheat flour (with Calcium carbonate, Iron), Sugar, Palm oil, Salt, Flavourings."
    assert full_text(blocks(tuple(lines))).endswith("ALLERGY ADVICE\n\nTy\nF\nP")
    # a short line within the text's width stays in its row
    s = section([line("INGREDIENTS: Water, Glycerin, Vitamin", 0, 0), line("E, Aqua", 0, 25)])
    assert s.text == "Water, Glycerin, Vitamin E, Aqua"


def test_list_flowing_over_two_columns_under_a_title() -> None:
    left = [
        line("Night Cream", 0, 0, h=30),
        line("Ingredients: Water, Glycerin,", 0, 60),
        line("Squalane, Bifida Ferment", 0, 85),
        line("Lysate, Niacinamide,", 0, 110),
    ]
    right = [
        line("Panthenol, Sodium Hya-", 400, 60),
        line("luronate, Tocopherol", 400, 85),
        line("Directions: apply at night, gently.", 400, 135),
    ]
    lot = [line("LOT 4711", 0, 185)]
    s = section(left + right + lot)
    assert s.text == (
        "Water, Glycerin, Squalane, Bifida Ferment Lysate, Niacinamide, Panthenol, Sodium Hyaluronate, Tocopherol"
    )


def test_side_panel_is_not_read_into_the_list() -> None:
    s = section(
        [
            line("Directions: apply daily", 0, 0),
            line("to clean skin. Made in", 0, 25),
            line("France.", 0, 50),
            line("Ingredients: Aqua, Glycerin,", 400, 0),
            line("Parfum, Linalool", 400, 25),
        ]
    )
    assert s.text == "Aqua, Glycerin, Parfum, Linalool"


@pytest.mark.parametrize("angle", [-12.0, -5.0, 4.0, 9.0])
def test_skewed_photo_keeps_rows_and_columns(angle: float) -> None:
    lines = [
        line("Ingredients: Water, Glycerin,", 0, 0, angle=angle),
        line("Butylene Glycol, Adenosine", 0, 25, angle=angle),
        line("Directions: apply daily, gently.", 0, 50, angle=angle),
    ]
    assert abs(math.degrees(skew_angle(tuple(lines))) - angle) < 0.5
    assert section(lines).text == "Water, Glycerin, Butylene Glycol, Adenosine"


def test_without_a_heading_the_most_list_like_block_is_taken() -> None:
    s = section(
        [
            line("Hydra Gel", 0, 0, h=30),
            line("Aqua, Glycerin, Niacinamide, Panthenol,", 0, 80),
            line("Allantoin, Xanthan Gum", 0, 105),
            line("Keep cool and dry", 0, 200),
        ]
    )
    assert s.heading is None
    assert s.text == "Aqua, Glycerin, Niacinamide, Panthenol, Allantoin, Xanthan Gum"


@pytest.mark.parametrize("heading", ["INGREDIENTS:", None])
def test_a_sentence_under_a_list_that_ended_with_a_full_stop_is_left_out(heading: str | None) -> None:
    rows = [line(heading, 0, 0)] if heading else []
    rows += [
        line("Aqua, Hydrated Silica, Sorbitol, Glycerin,", 0, 25),
        line("Sodium Fluoride, Sodium Hydroxide.", 0, 50),
        line("Do not use if you are allergic to any of the ingredients.", 0, 75),
    ]
    s = section(rows)
    assert s.heading == (heading.rstrip(":") if heading else None)
    assert s.text == "Aqua, Hydrated Silica, Sorbitol, Glycerin, Sodium Fluoride, Sodium Hydroxide."
    # a list that goes on after a full stop is kept whole: its next row has separators
    s = section([line("INGREDIENTS: Aqua, Glycerin.", 0, 0), line("May contain: CI 77491, CI 77492.", 0, 25)])
    assert s.text == "Aqua, Glycerin. May contain: CI 77491, CI 77492."


def test_sentences_after_the_lists_full_stop_in_the_same_row_are_left_out() -> None:
    """As on examples/photos/cola-light-de-zutaten.jpg and cookies-en-ingredients.jpg: statements, or the next
    panel's heading with stray letters, follow the list's closing full stop in its last row."""
    s = section(
        [
            line("Zutaten: Wasser, Kohlensäure, Süßungsmittel (Natriumcyclamat,", 0, 0),
            line("Aroma, Aroma Koffein. Enthält eine Phenylalaninquelle. Light-ohne Zucker.", 0, 25),
        ]
    )
    assert s.text == "Wasser, Kohlensäure, Süßungsmittel (Natriumcyclamat, Aroma, Aroma Koffein."
    assert s.words[-1].text == "Koffein."
    s = section([line("INGREDIENTS: Sugar, Salt, Flavourings. F", 0, 0), line("V ALLERGY ADVICE P", 0, 25)])
    assert s.text == "Sugar, Salt, Flavourings."
    # kept: an abbreviation inside a name, a full stop before more names, one word after the full stop
    for text in ("Water, Tocopherol (Vit. E Acetate)", "Aqua, Glycerin. May contain: CI 77491, CI 77492."):
        assert section([line("INCI: " + text, 0, 0)]).text == text
    assert section([line("INCI: Aqua, Glycerin. Vegan", 0, 0)]).text == "Aqua, Glycerin. Vegan"


def test_one_name_per_line_keeps_its_line_breaks() -> None:
    s = section([line("Ingredients", 0, 0), line("Water", 0, 25), line("Glycerin", 0, 50), line("Squalane", 0, 75)])
    assert s.text == "Water\nGlycerin\nSqualane"


def test_word_confidence_is_kept_with_spans_into_the_text() -> None:
    s = section(
        [
            line("Ingredients: Water, Glycerln, Adenosine", 0, 0, low=("Glycerln,",)),
            line("Human Adipose Stem Cell Conditioned Media", 0, 25),
        ]
    )
    assert [w.text for w in s.doubtful] == ["Glycerln,"]
    w = s.doubtful[0]
    assert s.text[w.span[0] : w.span[1]] == "Glycerln,"
    for word in s.words:
        assert s.text[word.span[0] : word.span[1]] == word.text


def test_full_text_keeps_every_row_in_reading_order() -> None:
    lines = [line("Title", 0, 0, h=30), line("B right", 400, 60), line("A left", 0, 60), line("A2", 0, 85)]
    assert full_text(blocks(tuple(lines))) == "Title\n\nA left\nA2\n\nB right"


def test_heading_data_loads_and_folds() -> None:
    h = load_headings()
    assert "ingredients" in h.ingredients and "inhaitsstoffe" in h.ingredients  # l folds to i
    assert normalize("Ingrédients")[0] == "ingredients"
    assert normalize("INGREDlENTS")[0] == normalize("1NGREDIENTS")[0]
    assert normalize("İçindekiler")[0] == normalize("ICINDEKILER")[0] == normalize("içindekiler")[0] == "icindekiier"
    assert "icindekiier" in h.ingredients and "urunbiiesenieri" in h.ingredients and "uyariiar" in h.next_panel


def test_fuzz_regression_rows_full_of_stops_and_bars() -> None:
    """fuzz/regressions/image/ocr-rows-full-of-stops-and-bars (found by issue 19's fuzzer; first byte: the image
    target's mode, 6 = OCR text; tests/test_fuzz_regressions.py replays it through the target too): a 16 KB OCR
    text whose rows hold many '.', '|' and ')' made the heading search quadratic; it is linear now."""
    data = (ROOT / "fuzz" / "regressions" / "image" / "ocr-rows-full-of-stops-and-bars").read_bytes()[1:]
    rows = data.decode("utf-8", "replace").splitlines()
    lines = [line(r, 0, 25 * i) for i, r in enumerate(rows) if r.strip()]
    lines.append(line("x" + ". |)" * 4000 + " Ingredients: Water, Glycerin", 0, 25 * len(rows) + 50))
    s = section(lines)
    assert isinstance(s.text, str)
