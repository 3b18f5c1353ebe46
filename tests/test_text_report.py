"""The shopper's report as a person reads it: snapshots of the default and detailed reports at 80 and 100 columns,
one screen for the bundled TNS label, each source once, no plural slips, the verdict in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import assert_snapshot

from exolabel.labelfile.read import read_path
from exolabel.report import text as text_report
from exolabel.report.guidance import PATH as GUIDANCE
from exolabel.report.guidance import GuidanceError, load_guidance, parse
from exolabel.report.verdict import plural

LABELS = Path(__file__).resolve().parents[1] / "examples" / "labels"
TNS = "skinmedica-tns-recovery-complex.yaml"
SNAP_LABELS = [
    TNS,  # human conditioned media + fragrance allergens
    "medicube-one-day-exosome-shot-2000.messy.txt",  # microbial vesicles, typos, unrecognized names
    "estee-lauder-micro-essence-treatment-lotion.yaml",  # a ferment lysate: not exosomes
    "dr-jart-cicapair-tiger-grass-calming-mist.yaml",  # a callus culture and an essential oil
    "dr-drawing-salmon-dna-rejuvenation-ampoule.yaml",  # plant conditioned media + recombinant growth factor
]
FILES = sorted(p for p in LABELS.iterdir() if p.suffix in (".yaml", ".txt"))


def render(scanner, path: Path, width: int, details: bool = False, avoid: tuple[str, ...] = ()) -> str:
    item = read_path(path)
    report = scanner.scan(item.text, item.label, f"examples/labels/{path.name}")
    sources = {**scanner.lexicon.sources, **scanner.rule_data.sources}
    return text_report.render([report], width=width, sources=sources, details=details, avoid=avoid)


def lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


@pytest.mark.parametrize("details", [False, True], ids=["default", "details"])
@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("name", SNAP_LABELS)
def test_report_snapshot(scanner, name: str, width: int, details: bool) -> None:
    out = render(scanner, LABELS / name, width, details)
    assert all(len(line) <= width for line in lines(out)), "a line is wider than the terminal"
    mode = "details" if details else "default"
    assert_snapshot(f"text/{Path(name).stem}.{width}.{mode}.txt", out)


def test_tns_default_report_fits_one_screen_at_100_columns(scanner) -> None:
    out = render(scanner, LABELS / TNS, 100)
    assert len(lines(out)) <= 30, "\n".join(lines(out))
    assert "source:" not in out


def _check_references(out: str) -> None:
    refs = re.findall(r"^\[(\d+)\] ", out, flags=re.M)
    assert refs == [str(i) for i in range(1, len(refs) + 1)], "references are numbered 1..n, each once"
    body = out.split("\n[1] ", 1)[0]
    cited = {int(n) for group in re.findall(r"\[([\d,]+)\]", body) for n in group.split(",")}
    assert cited == set(range(1, len(refs) + 1)), "every reference is cited and every citation has a reference"


@pytest.mark.parametrize("details", [False, True])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_source_once_and_every_citation_resolves(scanner, path: Path, details: bool) -> None:
    out = render(scanner, path, 100, details)
    _check_references(out)
    titles = re.findall(r"^\[\d+\] (.*)$", out, flags=re.M)
    assert len(titles) == len(set(titles)), "a source is listed twice"
    assert "EV-family" not in out  # jargon the shopper never needs


_SLIP = re.compile(r"(?<![\d.,/])\b1 (?!%)([a-z]+s)\b|\b(?:[02-9]|\d{2,}) (error|warning|note|ingredient)\b")
_SINGULAR_S = {"process", "analysis", "this", "is", "was", "has", "does", "gas", "mass", "vs"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_plural_slips(scanner, path: Path) -> None:
    for details in (False, True):
        out = render(scanner, path, 100, details)
        slips = [m.group(0) for m in _SLIP.finditer(out) if (m.group(1) or "") not in _SINGULAR_S]
        assert not slips, slips
        assert "this exosomes" not in out and "this extracellular vesicles" not in out


def test_plural() -> None:
    assert [plural(n, "warning") for n in (0, 1, 2)] == ["0 warnings", "1 warning", "2 warnings"]
    assert plural(1, "analysis", "analyses") == "1 analysis" and plural(3, "analysis", "analyses") == "3 analyses"


def test_a_ban_in_the_verdict_is_said_of_its_own_ingredient_only(scanner) -> None:
    """The EU/UK ban on human material follows the human-derived item, and the items are set apart by semicolons,
    so it never reads as said of the growth factors or the exosomes listed after or before it."""
    from exolabel.report.guidance import load_guidance
    from exolabel.report.verdict import build

    text = "Water, Exosomes, Human Umbilical Cord Blood Stem Cell Conditioned Media, Sh-Oligopeptide-1, Glycerin"
    head = build(scanner.scan(text), load_guidance()).headline
    assert head == (
        "Exosomes of unstated source; conditioned media from human cells, banned in EU/UK cosmetics; "
        "growth factors from a lab process (not living tissue)."
    )
    only = build(scanner.scan("Aqua, Sh-Oligopeptide-1, Glycerin"), load_guidance()).headline
    assert only == "Growth factors from a lab process (not living tissue)."  # no ban, no semicolon


def test_the_verdict_names_a_vesicle_trade_name_on_the_list(scanner) -> None:
    from exolabel.report.guidance import load_guidance
    from exolabel.report.verdict import build

    head = build(scanner.scan("Water, Rose Exosomes (Rosa Damascena Flower Extract), Glycerin"), load_guidance())
    assert head.headline == (
        "No exosomes, conditioned media or growth factors; 'Rose Exosomes' on the list is a trade name for "
        "Rosa Damascena Flower Extract."
    )


def test_verdict_tells_vesicles_from_lysates_and_callus(scanner) -> None:
    lysate = render(scanner, LABELS / "estee-lauder-micro-essence-treatment-lotion.yaml", 100)
    assert lysate.splitlines()[1].startswith("Verdict: No exosomes: lysate")
    callus = render(scanner, LABELS / "dr-jart-cicapair-tiger-grass-calming-mist.yaml", 100)
    assert "Verdict: No exosomes: plant cell-culture (callus) extract" in callus
    assert "FDA-approved" not in lysate  # the exosome facts are about real vesicles and conditioned media
    tns = render(scanner, LABELS / TNS, 100)
    assert tns.splitlines()[1].startswith("Verdict: Conditioned media from human cells, banned in EU/UK cosmetics")
    assert "✖ Human cells, tissues and their products are banned in EU and UK cosmetics" in tns
    assert "No exosome product is FDA-approved" in tns
    assert "Ask the brand" in tns and "Patch-test Parfum and Linalool first" in tns


def test_a_term_is_explained_the_first_time_only(scanner) -> None:
    text = "Water, Human Fibroblast Conditioned Media, Human Adipose Stem Cell Conditioned Media, Glycerin"
    report = scanner.scan(text)
    out = text_report.render([report], width=100)
    assert out.count("the liquid cells") == 1 and out.count("conditioned media") >= 2


def test_avoid_list_is_called_out_at_the_top(scanner) -> None:
    out = render(scanner, LABELS / TNS, 100, avoid=("fragrance", "Coumarin", "human", "essential-oils"))
    top = lines(out)[1:5]
    assert "3 ingredients on your avoid list" in " ".join(top) or "4 ingredients on your avoid list" in " ".join(top)
    avoid_line = next(line for line in lines(out) if line.startswith("Avoid list"))
    assert "#12 Parfum (fragrance)" in avoid_line and "#1 Human Neonatal" in avoid_line
    assert "Coumarin" in out.split("What it is")[0]


def test_pasted_label_is_titled_pasted_list(scanner) -> None:
    report = scanner.scan("Water, Glycerin", source="-")
    assert text_report.render([report], width=80).startswith("pasted list")


# the guidance data ------------------------------------------------------------------------------------------------
def test_guidance_sources_resolve(scanner) -> None:
    g = load_guidance()
    known = {*g.sources, *scanner.lexicon.sources, *scanner.rule_data.sources}
    cited = [s for entries in (g.terms.values(), g.facts, g.questions, g.advice) for e in entries for s in e.sources]
    assert cited and not sorted(set(cited) - known)
    assert all(e.sources for entries in (g.terms.values(), g.facts, g.questions, g.advice) for e in entries)


def test_guidance_validation_names_entry_and_fix() -> None:
    doc = yaml.safe_load(GUIDANCE.read_text(encoding="utf-8"))
    doc["facts"][0]["level"] = "fatal"
    doc["facts"][1]["colour"] = "red"
    doc["terms"] = doc["terms"][1:]
    with pytest.raises(GuidanceError) as e:
        parse(doc, "g.yaml")
    msg = str(e.value)
    assert "g.yaml: facts (fact.human-banned): unknown level 'fatal' (fix: use error, warning or info)" in msg
    assert "unknown key 'colour'" in msg and "terms (exosome): no entry for this lexicon category" in msg


@pytest.mark.skipif(not (Path(__file__).resolve().parents[2] / "shared").is_dir(), reason="../shared is absent")
def test_guidance_agrees_with_the_shared_buyer_guidance() -> None:
    shared = (Path(__file__).resolve().parents[2] / "shared/research/buyer-guidance.md").read_text(encoding="utf-8")
    assert "FDA has approved no exosome product" in shared and "Annex II entry 416" in shared
    assert "30-150 nm" in shared and "CD9, CD63, CD81" in shared
    g = load_guidance()
    assert "30-150 nm" in g.terms["exosome"].explain
    assert any("CD9/CD63/CD81" in q.text for q in g.questions)
