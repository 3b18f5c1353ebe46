"""How much of a real label exolabel reads: figures for the README (it prints them; it is not a test).

    python benchmarks/bench_recognition.py                 # all of it
    python benchmarks/bench_recognition.py --typos 2000    # EV-family recall on that many misspelled CosIng names

1. The share of unrecognized ingredients over every bundled real label (``examples/labels``, YAML and messy text)
   and over the catalogue sample (``examples/catalogue/sample.csv``), and the rows refused as "no ingredient list".
2. EV-family recall: every EV-family name of the CosIng inventory (exosomes, vesicles, conditioned media, lysates,
   callus and cell cultures, by their head nouns), each given one random typo (a letter deleted, doubled,
   substituted or swapped with the next, anywhere in the name) or one OCR confusion (l/I/1, O/0, rn/m, cl/d), is
   scanned alone: the share still classified in the EV family, and the share read as some *other* EV-family
   category than the intact name (a wrong answer rather than a missed one).
3. Texts that are not ingredient lists (retailer placeholders, spreadsheet errors, prose): the share refused.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exolabel.labelfile.read import read_path  # noqa: E402
from exolabel.lexicon.inventory import PACKAGED_DIR, Inventory  # noqa: E402
from exolabel.model import Report  # noqa: E402
from exolabel.rules.lexicon_rules import has_letter, not_a_list  # noqa: E402
from exolabel.scanner import Scanner  # noqa: E402

EV_HEADS = re.compile(r"\b(?:EXOSOMES?|VESICLES|CONDITIONED MEDIA|LYSATE|CALLUS|CELL CULTURE|MERISTEM)\b")
OCR_PAIRS = [("l", "1"), ("l", "I"), ("i", "l"), ("o", "0"), ("m", "rn"), ("d", "cl"), ("I", "1"), ("O", "0")]
NOT_LISTS = [
    "Visit the Dr. Jart+ boutique",
    "Visit the CeraVe Store",
    "No Info",
    "N/A",
    "n/a",
    "None",
    "#NAME?",
    "#VALUE!",
    "#N/A",
    "See packaging",
    "Ingredients not available",
    "Coming soon",
    "TBD",
    "This lightweight serum hydrates, plumps and brightens your skin for a radiant, youthful glow.",
    "Our best-selling cream, now in a bigger size. Clinically proven to reduce fine lines in 4 weeks.",
    "Please refer to the product packaging for the most up to date list of ingredients.",
    "Formulated with exosomes and peptides for visible results.",
]


def is_refused(report: Report, text: str) -> bool:
    """What scan and batch refuse as "no ingredient list"."""
    ings = report.ingredients
    if not ings:
        return has_letter(text)
    bad = [s for s in ings if not s.recognized]
    return not_a_list(len(ings), bad, [s for s in ings if s.matches]) is not None


def unrecognized_share(scanner: Scanner, texts: list[tuple[str, str]]) -> tuple[int, int, int, list[str]]:
    total = unknown = refused = 0
    names: list[str] = []
    for _where, text in texts:
        report = scanner.scan(text)
        if is_refused(report, text):
            refused += 1
            continue
        bad = [s for s in report.ingredients if not s.recognized]
        total += len(report.ingredients)
        unknown += len(bad)
        names.extend(s.ingredient.name for s in bad)
    return total, unknown, refused, names


def bundled_labels() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "examples" / "labels").iterdir()):
        if path.suffix in (".yaml", ".txt"):
            item = read_path(path)
            out.append((path.name, item.text))
    return out


def catalogue_rows() -> list[tuple[str, str]]:
    with (ROOT / "examples" / "catalogue" / "sample.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["SKU"], r["INCI"]) for r in csv.DictReader(fh) if (r.get("INCI") or "").strip()]


def one_typo(rng: random.Random, name: str) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters)
    op = rng.randrange(4)
    if op == 0:
        return name[:i] + name[i + 1 :]
    if op == 1:
        return name[:i] + name[i] + name[i:]
    if op == 2 and i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice("aeiourstlnm") + name[i + 1 :]


def one_ocr(rng: random.Random, name: str) -> str | None:
    spots = [(i, a, b) for a, b in OCR_PAIRS for i in range(len(name)) if name.startswith(a, i)]
    if not spots:
        return None
    i, a, b = rng.choice(spots)
    return name[:i] + b + name[i + len(a) :]


def categories(scanner: Scanner, text: str) -> set[str]:
    report = scanner.scan(text)
    return {m.category for s in report.ingredients for m in s.matches}


def ev_recall(scanner: Scanner, n: int, seed: int) -> None:
    inv = Inventory(PACKAGED_DIR)
    names = []
    for row in range(len(inv)):
        name = inv.name_at(row)
        if EV_HEADS.search(name.upper()):
            names.append(name)
    rng = random.Random(seed)
    for kind, damage in (("one typo", one_typo), ("one OCR confusion", one_ocr)):
        hit = wrong = tried = 0
        misses: list[str] = []
        for _ in range(n):
            name = rng.choice(names)
            want = categories(scanner, name)
            if not want:
                continue
            bad = damage(rng, name)
            if bad is None or bad == name:
                continue
            tried += 1
            got = categories(scanner, bad)
            if got:
                hit += 1
                wrong += not (got & want)
            elif len(misses) < 8:
                misses.append(f"{bad!r} (from {name!r})")
        print(
            f"EV-family recall, CosIng EV-family names with {kind}: {hit}/{tried} = {hit / max(tried, 1):.3f} "
            f"(another EV category than the intact name: {wrong}); {len(names)} names, seed {seed}"
        )
        for m in misses:
            print(f"    missed: {m}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--typos", type=int, default=1000, help="misspelled names per kind (default 1000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=15, help="unrecognized names to list per corpus")
    args = ap.parse_args()
    scanner = Scanner()
    for what, texts in (("bundled real labels", bundled_labels()), ("catalogue sample", catalogue_rows())):
        total, unknown, refused, names = unrecognized_share(scanner, texts)
        print(
            f"{what}: {len(texts)} texts, {total} ingredients, {unknown} unrecognized = {unknown / max(total, 1):.2%}"
            f"; {refused} refused as no ingredient list"
        )
        for name in names[: args.show]:
            print(f"    unrecognized: {name}")
    refused = sum(is_refused(scanner.scan(text), text) for text in NOT_LISTS)
    print(f"not-a-list texts refused: {refused}/{len(NOT_LISTS)}")
    ev_recall(scanner, args.typos, args.seed)


if __name__ == "__main__":
    main()
