"""Generate a realistic synthetic product catalogue for benchmarks.

Ingredient names are drawn Zipf-like from exolabel's own known-INCI vocabulary (so frequent names repeat, as on
real shelves), with water first in most products, 2% of names given one typo, case modes, messy separators,
"Ingredients:" prefixes, "(5%)" strengths, "May contain" tails and footnotes; ~3% of products carry an
EV-family term (from the lexicon), and a few have an "Exosome" product name with no EV ingredient.
``--kind botanical`` makes a harder catalogue: besides those names, about a third of each list are plant names
composed from genus, species, part and preparation (most of them in no vocabulary, as on real shelves of
botanical products) and one product in six carries a cell-culture term composed from a source and a preparation
("... Callus Culture Extract", "... Stem Cell Conditioned Media"). Deterministic for a given seed. Usage:

    python benchmarks/gen_catalogue.py --n 100000 --format csv --out /tmp/cat.csv
    python benchmarks/gen_catalogue.py --n 100000 --kind botanical --format csv --out /tmp/botanical.csv

Formats: csv, jsonl, txt (one list per line), parquet (needs pyarrow), xlsx (needs openpyxl).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exolabel.lexicon import load_lexicon  # noqa: E402

PREFIXES = ["Ingredients: ", "INGREDIENTS: ", "INCI: ", "Ingrédients : ", "Inhaltsstoffe: ", ""]
SEPARATORS = [", ", ", ", ", ", ",", " • ", " · ", "\n", "; "]
EXOSOME_NAMES = ["Exosome Shot 2000", "Exosome Glow Serum", "Stem Cell Renewal Ampoule"]
# parts of botanical INCI names (genus species + part + preparation); the combinations are synthetic
GENERA = [
    "Camellia",
    "Rosa",
    "Centella",
    "Aloe",
    "Citrus",
    "Lavandula",
    "Rosmarinus",
    "Calendula",
    "Chamomilla",
    "Panax",
    "Vitis",
    "Malus",
    "Olea",
    "Prunus",
    "Glycyrrhiza",
    "Curcuma",
    "Hibiscus",
    "Opuntia",
    "Moringa",
    "Argania",
    "Simmondsia",
    "Butyrospermum",
    "Theobroma",
    "Cocos",
    "Helianthus",
    "Salvia",
    "Thymus",
    "Mentha",
    "Melaleuca",
    "Eucalyptus",
    "Leontopodium",
    "Saussurea",
    "Morus",
    "Paeonia",
    "Magnolia",
    "Nelumbo",
    "Lilium",
    "Iris",
    "Narcissus",
    "Punica",
    "Ficus",
    "Vaccinium",
    "Rubus",
    "Fragaria",
    "Hippophae",
    "Betula",
    "Quercus",
    "Pinus",
    "Cedrus",
    "Juniperus",
    "Artemisia",
    "Houttuynia",
    "Portulaca",
    "Polygonum",
    "Scutellaria",
    "Angelica",
    "Ginkgo",
    "Zingiber",
    "Cinnamomum",
    "Syzygium",
    "Santalum",
]
EPITHETS = [
    "sinensis",
    "damascena",
    "asiatica",
    "barbadensis",
    "limon",
    "angustifolia",
    "officinalis",
    "recutita",
    "ginseng",
    "vinifera",
    "domestica",
    "europaea",
    "amygdalus",
    "glabra",
    "longa",
    "sabdariffa",
    "ficus-indica",
    "oleifera",
    "spinosa",
    "chinensis",
    "parkii",
    "cacao",
    "nucifera",
    "annuus",
    "sclarea",
    "vulgaris",
    "piperita",
    "alternifolia",
    "globulus",
    "alpinum",
    "involucrata",
    "alba",
    "suffruticosa",
    "grandiflora",
    "candidum",
    "germanica",
    "pseudonarcissus",
    "granatum",
    "carica",
    "myrtillus",
    "idaeus",
    "vesca",
    "rhamnoides",
    "pendula",
    "robur",
    "sylvestris",
    "atlantica",
    "communis",
    "annua",
    "cordata",
    "oleracea",
    "multiflorum",
    "baicalensis",
    "gigas",
    "biloba",
    "officinale",
    "cassia",
    "aromaticum",
    "album",
    "japonica",
    "orientalis",
    "indica",
    "montana",
]
PARTS = ["Leaf", "Flower", "Root", "Fruit", "Seed", "Peel", "Bark", "Stem", "Callus", "Meristem Cell", "Sprout"]
PREPARATIONS = ["Extract", "Oil", "Water", "Powder", "Juice", "Ferment Extract", "Culture Extract", "Cell Extract"]
CULTURE_SOURCES = [
    "Human Adipose Derived Mesenchymal",
    "Human Umbilical Cord Mesenchymal",
    "Human Bone Marrow",
    "Human Dermal Fibroblast",
    "Human Keratinocyte",
    "Bovine Colostrum",
    "Equine Adipose",
]
CULTURE_PREPARATIONS = [
    "Stem Cell Conditioned Media",
    "Stem Cell Conditioned Media Extract",
    "Cell Culture Medium",
    "Stem Cell Exosomes",
    "Derived Extracellular Vesicles",
    "Cell Lysate",
]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i] + word[i:]
    if op == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def _botanical(rng: random.Random) -> str:
    genus, species = rng.choice(GENERA), rng.choice(EPITHETS).capitalize()
    plant = genus if rng.random() < 0.1 else f"{genus} {species}"
    return f"{plant} {rng.choice(PARTS)} {rng.choice(PREPARATIONS)}"


def _culture(rng: random.Random) -> str:
    if rng.random() < 0.5:
        cell = rng.choice(["Callus", "Meristem Cell", "Stem Cell"])
        return f"{rng.choice(GENERA)} {rng.choice(EPITHETS).capitalize()} {cell} Culture Extract"
    return f"{rng.choice(CULTURE_SOURCES)} {rng.choice(CULTURE_PREPARATIONS)}"


def products(n: int, seed: int, kind: str = "project") -> Iterator[dict[str, str]]:
    lex = load_lexicon()
    vocab = [name for name, _syn, _src in lex.vocab_rows if name.casefold() not in ("aqua", "water")]
    ev_terms = [e.term for e in lex.entries]
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(vocab))]
    cum_weights = list(itertools.accumulate(weights))  # what choices() would recompute on every call
    for pid in range(n):
        k = rng.randint(15, 40)
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < k:
            name = rng.choices(vocab, cum_weights=cum_weights)[0]
            if name not in seen:
                seen.add(name)
                names.append(name)
        if kind == "botanical":
            for _ in range(k // 3):
                names.insert(rng.randrange(len(names) + 1), _botanical(rng))
            if rng.random() < 1 / 6:
                names.insert(rng.randint(0, min(6, len(names))), _culture(rng))
        if rng.random() < 0.88:
            names.insert(0, rng.choice(["Water", "Aqua", "Water (Aqua)", "Aqua/Water/Eau"]))
        if rng.random() < 0.03:
            for term in rng.sample(ev_terms, rng.randint(1, 2)):
                names.insert(rng.randint(1, min(8, len(names))), term)
        names = [_typo(rng, n_) if rng.random() < 0.02 else n_ for n_ in names]
        if rng.random() < 0.08:
            i = rng.randrange(1, len(names))
            names[i] = f"{names[i]} ({rng.choice(['0.5', '1', '2', '5', '10'])}%)"
        mode = rng.random()
        if mode < 0.2:
            names = [x.upper() for x in names]
        elif mode < 0.26:
            names = [x.lower() for x in names]
        text = rng.choice(SEPARATORS if rng.random() < 0.3 else [", "]).join(names)
        if rng.random() < 0.35:
            text = rng.choice(PREFIXES) + text
        if rng.random() < 0.05:
            text += ". May contain (+/-): CI 77491, CI 77891, CI 77499"
        if rng.random() < 0.03:
            text += "\n*organic"
        product = rng.choice(EXOSOME_NAMES) if rng.random() < 0.005 else f"Product {pid}"
        yield {"id": f"P{pid:07d}", "name": product, "ingredients": text}


def write_binary(fmt: str, out: Path, rows: Iterator[dict[str, str]], group: int = 8192) -> None:
    """Parquet (small row groups, so readers stream with little memory) or Excel (.xlsx, write-only mode)."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("id", pa.string()), ("name", pa.string()), ("ingredients", pa.string())])
        with pq.ParquetWriter(out, schema, compression="zstd") as w:
            buf: list[dict[str, str]] = []
            for r in rows:
                buf.append(r)
                if len(buf) == group:
                    w.write_table(pa.Table.from_pylist(buf, schema=schema), row_group_size=group)
                    buf = []
            w.write_table(pa.Table.from_pylist(buf, schema=schema), row_group_size=group)
        return
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Products")
    ws.append(["id", "name", "ingredients"])
    for r in rows:
        ws.append([r["id"], r["name"], r["ingredients"]])
    wb.save(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--format", choices=["csv", "jsonl", "txt", "parquet", "xlsx"], default="csv")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--kind", choices=["project", "botanical"], default="project")
    args = ap.parse_args()
    rows = products(args.n, args.seed, args.kind)
    if args.format in ("parquet", "xlsx"):
        write_binary(args.format, args.out, rows)
        return
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        if args.format == "csv":
            w = csv.DictWriter(fh, fieldnames=["id", "name", "ingredients"])
            w.writeheader()
            w.writerows(rows)
        elif args.format == "jsonl":
            for p in rows:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        else:
            for p in rows:
                fh.write(p["ingredients"].replace("\n", " ") + "\n")


if __name__ == "__main__":
    main()
