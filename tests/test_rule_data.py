"""The rule data files (exolabel/rules/data): valid, cited, consistent with the primary-source exports.

Each test collects every offender before failing, so one run lists everything to fix. Comparisons with the
shared research exports (CosIng inventory, EU fragrance allergen table) skip when /work/shared is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import SHARED

from exolabel.datafiles.load import load_yaml
from exolabel.rules.loader import builtin_files, compile_files
from exolabel.tokenizer.names import normalize_key

REG = SHARED / "research" / "regulatory" / "data"
LISTS = {"irritants": "irritant", "allergens": "allergen", "anchors": "anchor", "actives": "active"}

# Names that cannot be found by scanning them as one ingredient, with the reason.
UNSCANNABLE = {
    "1,2-Benzisothiazol-3(2H)-One": "chemical-name alias; the tokenizer reads '(2H)' as a bracketed alias",
    "3-Methyl-5-(2,2,3-Trimethyl-3-Cyclopentenyl)Pent-4-En-2-Ol": "chemical name; '(2,2,3-...)' read as a bracket",
}
# Entries none of whose names is in the December 2020 CosIng inventory export, with the reason (see the comments
# above each entry in the YAML files).
NOT_IN_COSING_2020 = {
    "irr.paraformaldehyde": "Annex II/1578 name, not an INCI name in the 2020 export",
    "alg.lippia-citriodora-absolute": "Annex III glossary name; the 2020 export has no absolute",
}


def _inventory() -> set[str]:
    path = REG / "cosing_inventory_2020_inci_cas_function.csv"
    if not path.is_file():
        pytest.skip("no shared CosIng inventory export")
    with path.open(encoding="utf-8") as f:
        return {normalize_key(r["inci_name"]) for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def compiled() -> dict:
    return compile_files(builtin_files())


def _names(entry: dict) -> list[str]:
    first = [entry["name"]] if entry.get("name") else [entry["label_name"], *entry["inci"]]
    return [*first, *entry.get("aliases", ())]


def test_counts_match_the_regulation(compiled) -> None:
    statuses = [e["status"] for e in compiled["allergens"]]
    assert statuses.count("label_required") == 81  # Annex III after Reg. (EU) 2023/1545
    assert statuses.count("prohibited") == 2  # HICC, Lilial
    assert {m["id"] for m in compiled["markets"]} >= {"eu", "uk", "us", "kr"}


def test_every_source_is_defined_used_and_linked(compiled) -> None:
    used = {
        s
        for k in ("irritants", "allergens", "anchors", "actives", "claims", "markets", "animal_notes", "plants")
        for e in compiled[k]
        for s in e["sources"]
    }
    defined = set(compiled["sources"])
    unused = sorted(defined - used)
    unlinked = sorted(sid for sid, s in compiled["sources"].items() if not s.get("url"))
    assert not unused, f"sources nobody cites: {unused}"
    assert not unlinked, f"sources without a url: {unlinked}"
    assert used <= defined  # compile_files already refuses undefined ones


def test_every_entry_needs_a_source_and_a_reason(compiled) -> None:
    offenders = [e["id"] for k in LISTS for e in compiled[k] if not e["sources"]]
    offenders += [e["id"] for e in compiled["irritants"] if not e["why"] or not e["concern"]]
    offenders += [e["id"] for e in compiled["anchors"] if not e["basis"]]
    offenders += [e["id"] for e in compiled["actives"] if not e["evidence"]]
    assert not offenders, offenders


def test_every_name_scans_to_its_own_entry(scanner, compiled) -> None:
    """Scanning a list name (or alias) must find that entry: no other entry or vocabulary mapping shadows it."""
    data = scanner.rule_data
    offenders = []
    for kind, attr in LISTS.items():
        for e in compiled[kind]:
            for n in _names(e):
                if n in UNSCANNABLE:
                    continue
                report = scanner.scan(n)
                if len(report.ingredients) != 1:
                    offenders.append((e["id"], n, f"read as {len(report.ingredients)} ingredients"))
                    continue
                got = getattr(data.hits(report.ingredients[0]), attr)
                if got is None or got.id != e["id"]:
                    offenders.append((e["id"], n, got.id if got else None))
    assert not offenders, offenders


def test_typo_corrected_names_still_hit(scanner) -> None:
    report = scanner.scan("Aqua, linalol, Phenoxyethano1")
    hits = [scanner.rule_data.hits(s) for s in report.ingredients]
    assert hits[1].allergen is not None and hits[1].allergen.label_name == "Linalool"
    assert hits[2].anchor is not None and hits[2].anchor.name == "Phenoxyethanol"


def test_patterns_each_match_a_name(compiled) -> None:
    """An anchored pattern that matches none of the examples it was written for is dead."""
    samples = {
        "irr.alcohol-denat": ["sd alcohol 40-b", "alcohol denat. sd alcohol 39-c", "sd alcohol 40"],
        "irr.retinol": ["retinyl palmitate", "retinyl acetate"],
        "irr.sodium-lauryl-sulfate": ["ammonium lauryl sulfate", "tea-lauryl sulfate", "magnesium lauryl sulfate"],
    }
    offenders = []
    for k in LISTS:
        for e in compiled[k]:
            for p in e.get("patterns", ()):
                tries = samples.get(e["id"], [normalize_key(n) for n in _names(e)] + [e.get("name", "").casefold()])
                if not any(re.match(p, t) for t in tries):
                    offenders.append((e["id"], p))
    assert not offenders, f"patterns with no matching example (add one to 'samples'): {offenders}"


@pytest.mark.skipif(not (REG / "cosing_inventory_2020_inci_cas_function.csv").is_file(), reason="no shared research")
def test_inci_names_are_in_the_cosing_inventory(compiled) -> None:
    inventory = _inventory()
    offenders = []
    for k in LISTS:
        for e in compiled[k]:
            if e["id"] in NOT_IN_COSING_2020:
                continue
            if not any(normalize_key(n) in inventory for n in _names(e)):
                offenders.append((e["id"], _names(e)[0]))
    assert not offenders, f"no INCI name of these entries is in the CosIng inventory: {offenders}"
    stale = [
        i
        for i in NOT_IN_COSING_2020
        if any(normalize_key(n) in inventory for k in LISTS for e in compiled[k] if e["id"] == i for n in _names(e))
    ]
    assert not stale, f"exceptions no longer needed: {stale}"


@pytest.mark.skipif(not (REG / "eu_fragrance_allergens.csv").is_file(), reason="no shared research")
def test_allergens_match_the_eu_annex_iii_table(compiled) -> None:
    with (REG / "eu_fragrance_allergens.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    inventory = _inventory()
    ours = {normalize_key(e["label_name"]): e for e in compiled["allergens"]}
    offenders = []
    for r in rows:
        e = ours.get(normalize_key(r["label_name"]))
        if e is None:
            offenders.append((r["label_name"], "missing"))
            continue
        if e["status"] != r["status"]:
            offenders.append((r["label_name"], f"status {e['status']} != {r['status']}"))
        # the table's column mixes INCI names with chemical descriptions: compare the real INCI names only
        covered = {normalize_key(n) for n in r["inci_names_covered"].split(";") if normalize_key(n) in inventory}
        missing = covered - {normalize_key(n) for n in (*e["inci"], *e["aliases"])}
        if missing:
            offenders.append((r["label_name"], f"INCI names not covered: {sorted(missing)}"))
        for col, key in (
            ("leave_on_label_threshold_pct", "leave_on_threshold_pct"),
            ("rinse_off_label_threshold_pct", "rinse_off_threshold_pct"),
        ):
            want = float(r[col]) if r[col] else None
            if want != e[key]:
                offenders.append((r["label_name"], f"{key} {e[key]} != {want}"))
    extra = set(ours) - {normalize_key(r["label_name"]) for r in rows}
    assert not offenders, offenders
    assert not extra, f"allergens not in the Annex III table: {sorted(extra)}"


def test_files_are_the_documented_ones() -> None:
    names = sorted(p.name for p in builtin_files())
    readme = (Path(builtin_files()[0]).parent / "README.md").read_text(encoding="utf-8")
    undocumented = [n for n in names if f"`{n}`" not in readme]
    assert not undocumented, f"describe these files in exolabel/rules/data/README.md: {undocumented}"


_ANNEX_REF = re.compile(r"\b(II|III|IV|V|VI)/(\d+[a-z]?)\b")


@pytest.mark.skipif(not (REG / "cosing_annex_III.csv").is_file(), reason="no shared research")
def test_annex_references_exist_and_match_the_cas_numbers() -> None:
    """Every 'II/1136', 'III/84', 'V/57' cited in the data is an entry of that CosIng annex export; an allergen's
    CAS numbers agree with its Annex III entry."""
    annex: dict[str, dict[str, str]] = {}
    for roman in ("II", "III", "IV", "V", "VI"):
        with (REG / f"cosing_annex_{roman}.csv").open(encoding="utf-8") as f:
            annex[roman] = {r["reference_number"].strip(): r.get("cas_number") or "" for r in csv.DictReader(f)}
    offenders = []
    for path in builtin_files():
        text = path.read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("#") or "url:" in line:
                continue
            for roman, ref in _ANNEX_REF.findall(line):
                if ref not in annex[roman]:
                    offenders.append(f"{path.name}:{lineno}: {roman}/{ref} is not in the Annex {roman} export")
    doc = load_yaml(Path(builtin_files()[0]).parent / "allergens.yaml")
    for e in doc["entries"]:
        roman, ref = e["annex"].split("/")
        listed = annex[roman].get(ref, "")
        if e.get("cas") and re.search(r"\d", listed) and not any(c in listed for c in e["cas"]):
            offenders.append(f"allergens.yaml:{e['__line__']}: {e['id']} CAS {e['cas']} not in {e['annex']} ({listed})")
    assert not offenders, "\n".join(offenders)


def test_name_index_quick_reject_agrees_with_trying_each_pattern(scanner) -> None:
    """NameIndex rejects a name with one alternation of all patterns; the answers are those of the plain loop."""
    from exolabel.rules.lists import NameIndex

    def naive(ix: NameIndex, key: str) -> object:
        hit = ix.exact.get(key)
        if hit is not None:
            return ix.entries[hit]
        return next((ix.entries[i] for pat, i in ix.patterns if pat.match(key)), None)

    data = scanner.rule_data
    indexes = [data._irritant_ix, data._allergen_ix, data._anchor_ix, data._active_ix]
    keys = [*list(scanner.lexicon.vocab)[:3000], "sd alcohol 40-b", "alcohol denat", "retinyl palmitate", "x"]
    for ix in indexes:
        for key in keys:
            assert ix.get(key) == naive(ix, key), key
    assert any(ix._any not in (None, False) for ix in indexes)  # built at the first name the exact index lacks
    odd = NameIndex(("a", "b", "c"), [([], [r"^(?P<n>ab)c"]), ([], [r"^(?P<n>ab)d"]), ([], [r"^(x)\1"])])
    assert odd._any is False  # not built yet
    assert [odd.get(k) for k in ("abc", "abd", "xx", "abe")] == ["a", "b", "c", None]
    assert odd._any is None  # same group name twice, or a back-reference: no combined pattern


def test_claim_and_ev_number_quick_rejects_agree_with_the_full_searches(scanner) -> None:
    """RuleData.claims_in / ev_number_in skip texts without any claim word; the answers are the full searches'."""
    import random

    data = scanner.rule_data
    phrases = [p for c in data.claims for p in c.phrases]
    words = [*phrases, "Product", "123", "2000", "10,000 ppm", "serum", "-", "exo", "EXOSOME", "5%", "non-"]
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 6))) for _ in range(3000)]
    # glued, hyphenated, plural, upper-cased and non-ASCII neighbours: the word test must still never say "absent"
    # where the regex finds a phrase
    joins = ["", "-", "/", "s ", "_", "é ", "ı", ". "]
    for _ in range(3000):
        t = "".join(rng.choice(words) + rng.choice(joins) for _ in range(rng.randint(1, 5)))
        texts.append(t.upper() if rng.random() < 0.2 else t)
    # IGNORECASE also matches a long s, a Kelvin sign or a dotless i against s, k and i
    odd = ["Exo\u017fome Shot 2000", "\u017ftem cell serum", "\u212aills acne", "vegan \u0131", "V\u0131rgin Exosome"]
    skipped = 0
    for text in [*texts, *odd, "Product 123", "Exosome Shot 2000", "10,000 ppm exosomes"]:
        naive = [(m.span(), c, m.group(0)) for c in data.claims if (m := c.pattern.search(text)) is not None]
        assert data.claims_in(text) == naive, text
        full = data.ev_number.search(text)
        quick = data.ev_number_in(text)
        assert (quick.group(0) if quick else None) == (full.group(0) if full else None), text
        if not data.may_mention(text):  # the engine then skips every rule that reads label text
            assert naive == [] and full is None, text
            skipped += 1
    assert data.claims_in("Exosome Shot 2000") and data.ev_number_in("Exosome Shot 2000")
    assert data.may_mention("Exosome Shot 2000") and not data.may_mention("Product 123")
    assert skipped > 300  # the word test does turn texts away (628 of these 6,000)


def test_irritant_and_allergen_entries_are_made_when_first_named(scanner) -> None:
    """RuleData makes an irritant or allergen entry at its first lookup, once: the entries and their order are
    those of the compiled data, and a label that names none makes none."""
    from exolabel._fast.lazy import LazyEntries
    from exolabel.rules.lists import RuleData
    from exolabel.rules.loader import load_compiled

    compiled = load_compiled(())
    data = RuleData(compiled)
    assert isinstance(data.irritants, LazyEntries) and data.irritants._made.count(None) == len(compiled["irritants"])
    assert data.hits(scanner.scan("Water, Glycerin").ingredients[0]).allergen is None
    assert data.irritants._made.count(None) == len(compiled["irritants"])
    assert data.allergens._made.count(None) == len(compiled["allergens"])
    limonene = data.hits(scanner.scan("Water, Limonene").ingredients[1]).allergen
    assert limonene is not None and limonene.label_name == "Limonene"
    at = next(i for i, d in enumerate(compiled["allergens"]) if d["id"] == limonene.id)
    assert data.allergens._made.count(None) == len(compiled["allergens"]) - 1 and data.allergens._made[at] is limonene
    assert [a.id for a in data.allergens] == [d["id"] for d in compiled["allergens"]]
    assert data.allergens[at] is limonene and data.allergens[-1] is data.allergens[len(data.allergens) - 1]
    assert data.allergens[:2] == tuple(data.allergens)[:2]
