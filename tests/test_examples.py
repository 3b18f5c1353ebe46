"""Real labels in examples/labels: what each one must be read as, plus snapshots of the full reading.

The expectations are the behaviour that matters (EV-family terms, their category and origin, look-alikes
that must not match); the snapshots pin everything else the tokenizer and matcher say about each label.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_snapshot, dump

from exolabel.labelfile.read import read_path
from exolabel.report import text as text_report

LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"
FILES = sorted(p for p in LABELS.iterdir() if p.suffix in (".yaml", ".txt"))

# file stem -> set of (category, origin) the label must show, and nothing else
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "skinmedica-tns-recovery-complex": {("conditioned_media", "human")},
    "skinmedica-tns-recovery-complex.messy": {("conditioned_media", "human")},
    "aq-skin-solutions-active-serum": {("conditioned_media", "human")},
    "aq-skin-solutions-recovery-serum": {("conditioned_media", "human")},
    "medicube-one-day-exosome-shot-2000": {("extracellular_vesicle", "microbial")},
    "medicube-one-day-exosome-shot-2000.messy": {("extracellular_vesicle", "microbial")},
    "medicube-pdrn-pink-collagen-exosome-shot-2000-serum": {
        ("exosome", "animal"),
        ("extracellular_vesicle", "microbial"),
    },
    "dr-zenovia-peptide-ceramide-repairing-moisturizer": {("plant_cell_culture", "plant")},
    "olehenriksen-goodnight-glow-bakuchiol-sleeping-creme": {("plant_cell_culture", "plant")},
    "alpyn-beauty-melt-moisturizer-with-bakuchiol-and-squalane": {("plant_cell_culture", "plant")},
    "dr-jart-cicapair-tiger-grass-calming-mist": {("plant_cell_culture", "plant")},
    "charlotte-tilbury-mini-charlottes-magic-cream": {("plant_cell_culture", "plant")},
    "estee-lauder-micro-essence-treatment-lotion": {("lysate", "microbial")},
    "tula-24-7-moisture-hydrating-day-night-cream": {("lysate", "microbial")},
    "community-sixty-six-hydrating-oil-free-gel-moisturizer": {("lysate", "microbial")},
    "clinique-city-block-sheer-oil-free-daily-face-protector-spf-25": {("lysate", "microbial")},
    "shiseido-bio-performance-advanced-super-revitalizing-cream": {("lysate", "microbial")},
    "dr-drawing-salmon-dna-rejuvenation-ampoule": {("growth_factor", "synthetic"), ("conditioned_media", "plant")},
    "incellderm-cocktail-aqua-bb": {("growth_factor", "unspecified"), ("growth_factor", "synthetic")},
    "incellderm-cocktail-aqua-bb.messy": {("growth_factor", "unspecified"), ("growth_factor", "synthetic")},
    "luzern-serum-absolut-radiance.scraped": {("lysate", "microbial")},
    "clinique-id-custom-blend-hydrator-collection.scraped": {("lysate", "microbial")},
    "ren-overnight-glow-dark-spot-sleeping-cream.scraped": {("lysate", "microbial")},
    # negatives: look-alikes everywhere, no EV-family material
    "skin-inc-pure-serum-mist.scraped": set(),
    "tony-moly-green-vita-water-gel-cream.scraped": set(),
    "cosdna-serum-table.scraped": set(),
    "urtekram-lime-roll-on-deodorant.scraped": set(),
    "dermoliva-crema-humectante-facial.scraped": set(),
    "frudia-my-orchard-peach-body-essence.scraped": set(),
    "green-essence-cucumber-charcoal-facial-mask.scraped": set(),
    "muac-transforming-anti-aging-mist.scraped": set(),
    "sea-silt-clay-mask-made-in-spain.scraped": set(),
    "first-aid-beauty-ultra-repair-oil-control-moisturizer.scraped": set(),
    "augustinus-bader-the-rich-cream-with-tfc8": set(),
    "algenist-genius-ultimate-anti-aging-cream": set(),
    "algenist-gentle-rejuvenating-cleanser": set(),
    "sk-ii-skinpower-cream": set(),
    "la-mer-the-treatment-lotion": set(),
    "riman-incellderm-radiansome-100-microfluidizer-essential-toner": set(),
    "medicube-pdrn-pink-cica-soothing-toner": set(),
    "clarins-one-step-gentle-exfoliating-cleanser": set(),
    "clinique-clarifying-lotion-4": set(),
    "suave-daily-clarifying-shampoo": set(),
    "supergoop-resetting-100-mineral-powder-sunscreen-spf-35": set(),
    # US "Drug Facts" panels (sunscreens, an antiperspirant, an acne product)
    "sun-bum-spf-30-premium-moisturizing-sunscreen-lotion.scraped": set(),
    "zinka-clear-zinc-oxide-sunscreen.scraped": set(),
    "equate-clinical-strength-antiperspirant.scraped": set(),
    "salicylic-acid-acne-treatment-dailymed-00764a10.scraped": set(),
    "acne-treatment-gel-dailymed-688783fd.scraped": set(),  # a DailyMed page pasted whole: panel, then its table
}
# look-alikes that must be recognized as such (never as EV material) where they occur
LOOKALIKE_NAMES = (
    "lecithin",
    "hydrolysate",
    "polysorbate",
    "ferment filtrate",
    "sodium dna",
    "yeast extract",
    "milk protein",
    "oligopeptide-177",
    "exopolysaccharide",
    "lysine",
    "lysinate",
)


def stem(p: Path) -> str:
    return p.name.rsplit(".", 1)[0]


def test_every_example_has_expectations() -> None:
    assert {stem(p) for p in FILES} == set(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=stem)
def test_example_label_is_read_correctly(scanner, path: Path) -> None:
    item = read_path(path)
    report = scanner.scan(item.text, item.label, str(path))
    got = {(m.category, m.origin) for s in report.ingredients for m in s.matches}
    assert got == EXPECTED[stem(path)]
    assert len(report.ingredients) >= 8
    for s in report.ingredients:
        if any(w in s.ingredient.key for w in LOOKALIKE_NAMES):
            assert not s.matches, f"look-alike {s.ingredient.name!r} matched {s.matches}"
    # the tokenizer keeps the text as written
    for s in report.ingredients:
        a, b = s.ingredient.span
        assert item.text[a:b] == s.ingredient.text


@pytest.mark.parametrize("path", FILES, ids=stem)
def test_example_label_snapshot(scanner, path: Path) -> None:
    item = read_path(path)
    report = scanner.scan(item.text, item.label, path.name)
    reading = [
        {
            k: v
            for k, v in s.to_dict().items()
            if k in ("index", "name", "known", "correction", "concentration", "markers", "matches", "aliases")
        }
        for s in report.ingredients
    ]
    assert_snapshot(f"labels/{stem(path)}.json", dump(reading))


@pytest.mark.parametrize(
    "name", ["skinmedica-tns-recovery-complex.yaml", "medicube-one-day-exosome-shot-2000.messy.txt"]
)
def test_text_report_snapshot(scanner, name: str) -> None:
    item = read_path(LABELS / name)
    report = scanner.scan(item.text, item.label, name)
    sources = {**scanner.lexicon.sources, **scanner.rule_data.sources}
    out = text_report.render([report], color=False, width=100, sources=sources)
    assert "Verdict:" in out
    assert_snapshot(f"text/{stem(LABELS / name)}.txt", out)
