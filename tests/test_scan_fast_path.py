"""The per-piece fast paths give exactly the reports of the general path.

``Scanner(fast=False)`` tokenizes every label with the general cutter and matches every ingredient one by one;
the default Scanner cuts one-line lists with ``str.split`` and, for pieces it has seen, reuses what it worked out
(parsed name, matches, rule-list hits). Each label is scanned twice so the second scan runs from the memo.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exolabel.labelfile.read import read_path
from exolabel.model import LabelInfo, Severity
from exolabel.scanner import Brief, Scanner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch_helpers import counted  # noqa: E402
from gen_catalogue import products  # noqa: E402


@pytest.fixture(scope="module")
def pair(lexicon: object) -> tuple[Scanner, Scanner]:
    return Scanner(lexicon), Scanner(lexicon, fast=False)


def _same(pair: tuple[Scanner, Scanner], text: str, label: LabelInfo | None = None) -> None:
    fast, reference = pair
    expected = reference.scan(text, label)
    brief = counted(Brief.of(expected))
    first = fast.brief(text, label)  # the first sighting: new pieces worked out, only some built
    assert counted(first) == brief
    assert fast.scan(text, label) == expected
    assert fast.scan(text, label) == expected  # now from the per-piece memo
    again = fast.brief(text, label)
    assert counted(again) == brief
    assert counted(reference.brief(text, label)) == brief  # the general path
    # a brief leaves out only what a row does not print: sources, INFO messages, and a warning's or an error's message
    # past what names its subject
    for b, f in zip(again.findings, expected.findings, strict=True):
        assert b == f or (b.sources == () and f.message.startswith(b.message))
        assert b.message or f.severity is Severity.INFO


def test_generated_catalogue(pair: tuple[Scanner, Scanner]) -> None:
    for p in products(600, 23):
        _same(pair, p["ingredients"], LabelInfo(product=p.get("name")))
    assert len(pair[0]._pieces) > 100  # the memo was used


def test_example_labels(pair: tuple[Scanner, Scanner]) -> None:
    files = sorted((ROOT / "examples" / "labels").glob("*.*"))
    assert len(files) >= 15
    for path in files:
        doc = read_path(path)
        _same(pair, doc.text, doc.label)


def test_labels_again_from_the_memo(pair: tuple[Scanner, Scanner]) -> None:
    fast, reference = pair
    texts = [p["ingredients"] for p in products(300, 5)]
    first = [fast.scan(t, None, str(i)) for i, t in enumerate(texts)]
    second = [fast.scan(t, None, str(i)) for i, t in enumerate(texts)]
    expected = [reference.scan(t, None, str(i)) for i, t in enumerate(texts)]
    assert first == expected
    assert second == expected


NAMES = [
    "Aqua",
    "Water",
    "Glycerin",
    "Glycerine",
    "Niacinimide",
    "1,2-Hexanediol",
    "Parfum",
    "Linalool",
    "Human Adipose Stem Cell Conditioned Media",
    "Exosomes",
    "Rosa Damascena Callus Extracellular Vesicles",
    "Lecithin",
    "Bifida Ferment Lysate",
    "Tocopherol (Vitamin E)",
    "Butyrospermum Parkii (Shea) Butter",
    "Titanium Dioxide [nano]",
    "Niacinamide 5%",
    "Methylisothiazolinone",
    "DMDM Hydantoin",
    "Alcohol Denat.",
    "Retinol",
    "Magic Youth Complex",
    "Phenoxyethano1",
    "Lecithin (and) Glycerin",
    "*organic",
    "",
]
SEPARATORS = [", ", ",", "; ", " • ", " | ", ",, ", "\n", ", may contain: "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(SEPARATORS)), max_size=14))
def test_random_lists(pair: tuple[Scanner, Scanner], pieces: list[tuple[str, str]]) -> None:
    _same(pair, "".join(n + s for n, s in pieces))


def test_tiny_memos_that_keep_filling_and_clearing(lexicon: object) -> None:
    small, reference = Scanner(lexicon, memo_size=7), Scanner(lexicon, fast=False)
    for p in products(300, 31):
        expected = reference.scan(p["ingredients"])
        assert small.scan(p["ingredients"]) == expected
        assert counted(small.brief(p["ingredients"])) == counted(Brief.of(expected))
    assert len(small._pieces) <= 7


def test_fast_constructors_build_the_frozen_dataclasses() -> None:
    """The fastmake constructors give objects equal to the dataclass constructors' and as frozen."""
    import dataclasses
    import pickle

    from exolabel._fast.make import make_finding, make_ingredient, make_label, make_scanned
    from exolabel.model import Finding, Ingredient, LabelInfo, ScannedIngredient, Severity
    from exolabel.tokenizer.core import tokenize

    parsed = tokenize("Niacinamide (5%)")[0].parsed
    built = [
        (
            make_ingredient(2, "Niacinamide (5%)", (3, 19), parsed, True),
            Ingredient(2, "Niacinamide (5%)", (3, 19), parsed, True),
        ),
        (
            make_finding("IR01", "irritant.fragrance", Severity.ERROR, "m", 2, ("a",), None),
            Finding("IR01", "irritant.fragrance", Severity.ERROR, "m", 2, ("a",), None),
        ),
    ]
    ing = built[0][1]
    built.append(
        (make_scanned(ing, (), "Niacinamide", None, None), ScannedIngredient(ing, (), "Niacinamide", None, None))
    )
    built.append((make_label("Exosome Serum", ("vegan",)), LabelInfo(product="Exosome Serum", claims=("vegan",))))
    built.append((make_label(None, ()), LabelInfo()))
    built.append(
        (
            make_label("Face Wash", (), "rinse-off", ("eu",), "Acme"),
            LabelInfo(product="Face Wash", product_type="rinse-off", markets=("eu",), brand="Acme"),
        )
    )
    for fast, normal in built:
        assert type(fast) is type(normal)
        assert fast == normal and hash(fast) == hash(normal) and repr(fast) == repr(normal)
        assert pickle.loads(pickle.dumps(fast)) == normal
        field = dataclasses.fields(normal)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, field, None)


def test_make_context_is_the_dataclass_with_known_cached_values(scanner: Scanner) -> None:
    from exolabel.rules.base import Context, make_context

    report = scanner.scan("Aqua, Exosomes, Glycerin")
    args = (report.ingredients, report.label, "leave-on", ("eu",), scanner.rule_data, scanner.lexicon, None)
    fast = make_context(*args, {"ev": report.ingredients[1:2]})
    assert fast == Context(*args)
    assert fast.ev == Context(*args).ev == report.ingredients[1:2]


def test_preload_loads_what_the_first_labels_would(lexicon: object) -> None:
    from exolabel.scanner import _UNLOADED

    s = Scanner(lexicon)
    assert s._rule_data is _UNLOADED and s.matcher._choices is None
    assert s.preload() is s
    assert s.matcher._choices and s._rule_data is not _UNLOADED and s.rule_data is not None
    data = s.rule_data
    indexes = (data._irritant_ix, data._allergen_ix, data._anchor_ix, data._active_ix)
    assert all(ix._any is not False for ix in indexes if ix.patterns)  # the name indexes' combined patterns too
    assert s.scan("Aqua, Niacinimide") == Scanner(lexicon).scan("Aqua, Niacinimide")


def test_preload_reads_the_tables_labels_read_on_the_way_and_compiles_their_patterns() -> None:
    """Run in a fresh interpreter: the Drug Facts headings and purposes and the form words, which a label reads only
    when it may need them, are read by preload (a batch parent's workers then share them)."""
    code = (
        "from exolabel.scanner import Scanner\n"
        "from exolabel.lexicon.quality import form_words\n"
        "from exolabel.tokenizer.drugfacts import patterns\n"
        "Scanner().preload()\n"
        "print(form_words.cache_info().currsize, patterns.cache_info().currsize,"
        " all('search' in p.__dict__ for p in patterns()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "1", "True"]
