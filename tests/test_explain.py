"""`exolabel explain NAME`: an INCI name or an EV-family term in plain words, the rules that flag it, sources."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from exolabel import exitcodes
from exolabel.cli import app

runner = CliRunner()


def explain(*args: str):
    return runner.invoke(app, ["explain", *args], env={"COLUMNS": "100"})


def _refs_ok(out: str) -> None:
    refs = re.findall(r"^\[(\d+)\] ", out, flags=re.M)
    assert refs == [str(i) for i in range(1, len(refs) + 1)]
    urls = re.findall(r"<(https?://[^>]+)>", out.replace("\n", ""))
    assert len(urls) == len(set(urls)), "one address listed twice"


def test_an_irritant_and_allergen() -> None:
    r = explain("Linalool")
    assert r.exit_code == exitcodes.OK, r.output
    assert r.stdout.startswith("Linalool\n")
    assert "known INCI name" in r.stdout
    assert "IR01 irritant.fragrance" in r.stdout and "AL01 allergen.eu-labelled" in r.stdout
    assert "Why: " in r.stdout and "NACDG" in r.stdout
    _refs_ok(r.stdout)


def test_human_conditioned_media_is_banned_in_eu_and_uk() -> None:
    r = explain("Human", "Fibroblast", "Conditioned", "Media")
    assert r.exit_code == exitcodes.OK, r.output
    out = " ".join(r.stdout.split())
    assert "Conditioned media: the liquid cells were grown in" in out
    assert "✖ Human cells, tissues and their products are banned in EU and UK cosmetics" in out
    assert "SR02 source.human-origin (error)" in out
    assert "Ask the brand" in out
    _refs_ok(r.stdout)


def test_a_lysate_is_not_an_exosome() -> None:
    out = " ".join(explain("Bifida Ferment Lysate").stdout.split())
    assert "not purified vesicles" in out and "not exosomes" in out
    assert "FDA-approved" not in out


@pytest.mark.parametrize("term", ["plant cell culture", "growth factors", "extracellular vesicle"])
def test_a_term_in_prose(term: str) -> None:
    r = explain(term)
    assert r.exit_code == exitcodes.OK, r.output
    assert "What it is" in r.stdout and "[1]" in r.stdout
    _refs_ok(r.stdout)


def test_an_unknown_name_is_exit_2_and_says_so() -> None:
    r = explain("Foobarin")
    assert r.exit_code == exitcodes.ERROR
    assert "neither a known INCI name nor an exosome-type term" in r.stdout


def test_market_changes_the_human_origin_verdict() -> None:
    r = explain("-m", "us", "Human Fibroblast Conditioned Media")
    assert "SR02 source.human-origin (warning)" in r.stdout and "United States" in r.stdout
    assert explain("-m", "mars", "Water").exit_code == exitcodes.ERROR


def test_an_inci_name_shows_its_cosing_function_and_cas_number() -> None:
    r = explain("Glycerin")
    assert r.exit_code == exitcodes.OK, r.output
    flat = " ".join(r.stdout.split())
    assert "CosIng function: Denaturant, Hair Conditioning, Humectant" in flat  # the inventory's functions, in order
    assert "CAS 56-81-5" in flat
    _refs_ok(r.stdout)
