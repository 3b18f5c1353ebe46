"""Load, validate and compile the lexicon data files.

The built-in data lives in ``exolabel/lexicon/data``; users add files with ``--lexicon PATH`` (same schemas).
Validation collects every problem (unknown keys, duplicate ids, alias collisions across files, unresolved
sources, bad categories/origins) and raises :class:`~exolabel.datafiles.load.DataError` naming file, line, entry and
fix. The validated data is compiled to one JSON-able dict and cached on disk keyed by the files' content hash,
because parsing YAML costs far more than reading JSON on every start.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from exolabel.datafiles.cache import load_cached
from exolabel.datafiles.load import LINE_KEY, Checker, DataError, Problem, load_yaml_text, read_text_file
from exolabel.model import CATEGORIES, ORIGINS
from exolabel.tokenizer.names import normalize_key

DATA_DIR = Path(__file__).with_name("data")
COMPILED_VERSION = 8
CATEGORY_FILES = tuple(f"{c}.yaml" for c in CATEGORIES)
VOCAB_FILE = "inci_names.csv"
VOCAB_HEADER = ["name", "synonyms", "source"]
# other names of INCI names, one a line with its kind and source ids ("a|b"): whole names (English common names,
# older INCI names, US names) and the start of botanical names (a plant's common name or a botanical synonym, for
# its binomial: "Indian Mulberry Leaf Extract" -> "Morinda Citrifolia Leaf Extract"); see other_names.csv
VARIANTS_HEADER = ["name", "inci", "kind", "source"]
WHOLE_KINDS = ("colour-index", "common", "renamed", "us")
PLANT_KINDS = ("plant-common", "plant-synonym")
VARIANT_KINDS = WHOLE_KINDS + PLANT_KINDS
SOURCE_KEYS = ("id", "title", "url", "note")
ENTRY_KEYS = ("id", "term", "aliases", "trade_names", "origin", "detail", "sources", "note", "threshold", "category")
LOOKALIKE_KEYS = ("id", "term", "aliases", "looks_like", "why", "sources")
CUE_KEYS = ("id", "words", "kind", "origin", "detail", "sources")
HEAD_KEYS = ("id", "phrases", "category", "by_origin", "priority", "sources", "note")


# what a scan reads only on the way (see exolabel.datafiles.parts): the vocabulary rows (the indexes below hold what a
# scan looks up) and the compact-key index (asked only for a name the exact index lacks); 273 of 502 kB
DEFERRED = (("vocab",), ("index", "compact"))


def builtin_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".csv") and p.is_file())


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and the .yaml/.yml/.csv files of directories, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml", ".csv") and q.is_file()))
        else:
            out.append(p)
    return out


def load_compiled(extra: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The validated, compiled lexicon (built-in data plus ``extra`` user files), from cache when possible."""
    files = builtin_files() + expand_paths(extra)
    return load_cached("lexicon", files, COMPILED_VERSION, compile_files, DEFERRED)


def compile_files(files: Sequence[Path]) -> dict[str, Any]:
    """Validate ``files`` together and compile them. Raises DataError listing every problem."""
    problems: list[Problem] = []
    docs: list[tuple[Path, Any]] = []
    vocab_rows: list[list[str]] = []
    variant_rows: list[list[Any]] = []
    for f in files:
        try:
            if f.suffix == ".csv":
                rows, variants = _load_csv(f)
                vocab_rows.extend(rows)
                variant_rows.extend(variants)
            else:
                docs.append((f, load_yaml_text(read_text_file(f), str(f))))
        except DataError as e:
            problems.extend(e.problems)
    out: dict[str, Any] = {
        "version": COMPILED_VERSION,
        "sources": {},
        "entries": [],
        "lookalikes": [],
        "cues": [],
        "genera": {},
        "heads": [],
        "vocab": vocab_rows,
        "variants": [],
        "plants": [],
    }
    ids: dict[str, str] = {}
    source_refs: list[tuple[str, int | None, str, list[str]]] = []
    for f, doc in docs:
        chk = Checker(str(f))
        kind = _kind_of(doc)
        if kind == "sources":
            for it in chk.top(doc, "sources"):
                chk.keys(it, SOURCE_KEYS, ("id", "title"), it.get("id"))
                sid = chk.entry_id(it, ids)
                if sid:
                    out["sources"][sid] = {"title": chk.text(it, "title", sid), "url": it.get("url")}
        elif kind == "entries":
            _compile_entries(chk, doc, ids, out, source_refs)
        elif kind == "lookalikes":
            for it in chk.top(doc, "lookalikes"):
                lid = chk.entry_id(it, ids, "la.")
                chk.keys(it, LOOKALIKE_KEYS, ("id", "term", "why", "sources"), lid)
                looks = chk.text_list(it, "looks_like", lid)
                for c in looks:
                    if c not in CATEGORIES:
                        chk.add(
                            it.get(LINE_KEY),
                            lid,
                            f"looks_like '{c}' is not a category",
                            f"use: {', '.join(CATEGORIES)}",
                        )
                srcs = chk.text_list(it, "sources", lid)
                source_refs.append((str(f), it.get(LINE_KEY), lid or "?", srcs))
                out["lookalikes"].append(
                    {
                        "id": lid,
                        "term": chk.text(it, "term", lid),
                        "aliases": chk.text_list(it, "aliases", lid),
                        "why": chk.text(it, "why", lid),
                        "looks_like": looks,
                        "sources": srcs,
                        "file": str(f),
                        "line": it.get(LINE_KEY),
                    }
                )
        elif kind == "cues":
            _compile_cues(chk, doc, ids, out, source_refs)
        elif kind == "heads":
            _compile_heads(chk, doc, ids, out, source_refs)
        else:
            chk.add(
                doc.get(LINE_KEY) if isinstance(doc, dict) else None,
                None,
                "not a lexicon file (no 'sources', 'entries', 'lookalikes', 'cues' or 'heads' list)",
                "see exolabel/lexicon/data/README.md for the schemas",
            )
        problems.extend(chk.problems)
    problems.extend(_compile_variants(variant_rows, out, source_refs))
    for path, line, entry, srcs in source_refs:
        for s in srcs:
            if s not in out["sources"]:
                problems.append(
                    Problem(
                        path,
                        line,
                        entry,
                        f"source '{s}' is not defined",
                        "add it to a sources file ('sources: - id: ...') or fix the id",
                    )
                )
    problems.extend(_alias_collisions(out))
    if problems:
        raise DataError(problems)
    from exolabel.lexicon import build_index

    out["index"] = build_index(out)
    return out


def _kind_of(doc: Any) -> str:
    if not isinstance(doc, dict):
        return "?"
    for k in ("sources", "entries", "lookalikes", "cues", "heads"):
        if k in doc:
            return k
    return "?"


def _compile_entries(chk: Checker, doc: dict, ids: dict, out: dict, refs: list) -> None:
    file_cat = doc.get("category")
    if file_cat not in CATEGORIES:
        chk.add(
            doc.get(LINE_KEY),
            None,
            f"file category {file_cat!r} is not one of the categories",
            f"start the file with 'category: <one of {', '.join(CATEGORIES)}>'",
        )
    for it in chk.top(doc, "entries", extra=("category",)):
        eid = chk.entry_id(it, ids)
        chk.keys(it, ENTRY_KEYS, ("id", "term", "origin", "sources"), eid)
        cat = chk.choice(it, "category", CATEGORIES, eid) or file_cat
        origin = chk.choice(it, "origin", ORIGINS, eid)
        thr = it.get("threshold")
        if thr is not None and not (isinstance(thr, (int, float)) and 50 <= thr <= 100):
            chk.add(it.get(LINE_KEY), eid, f"threshold {thr!r} out of range", "use a number between 50 and 100")
            thr = None
        srcs = chk.text_list(it, "sources", eid)
        refs.append((chk.path, it.get(LINE_KEY), eid or "?", srcs))
        out["entries"].append(
            {
                "id": eid,
                "term": chk.text(it, "term", eid),
                "category": cat,
                "origin": origin,
                "detail": chk.text(it, "detail", eid),
                "aliases": chk.text_list(it, "aliases", eid),
                "trade_names": chk.text_list(it, "trade_names", eid),
                "sources": srcs,
                "note": chk.text(it, "note", eid),
                "threshold": thr,
                "file": chk.path,
                "line": it.get(LINE_KEY),
            }
        )


def _compile_cues(chk: Checker, doc: dict, ids: dict, out: dict, refs: list) -> None:
    for it in chk.top(doc, "cues", extra=("genera", "genera_sources")):
        cid = chk.entry_id(it, ids, "cue.")
        chk.keys(it, CUE_KEYS, ("id", "words", "kind"), cid)
        kind = chk.choice(it, "kind", ("species", "tissue"), cid)
        origin = chk.choice(it, "origin", ORIGINS, cid)
        if kind == "species" and origin is None:
            chk.add(
                it.get(LINE_KEY), cid, "a species cue needs an origin", f"add 'origin: <one of {', '.join(ORIGINS)}>'"
            )
        srcs = chk.text_list(it, "sources", cid)
        refs.append((chk.path, it.get(LINE_KEY), cid or "?", srcs))
        out["cues"].append(
            {
                "id": cid,
                "words": [normalize_key(w) for w in chk.text_list(it, "words", cid)],
                "kind": kind,
                "origin": origin,
                "detail": chk.text(it, "detail", cid),
            }
        )
    genera = doc.get("genera") or {}
    if not isinstance(genera, dict):
        chk.add(
            doc.get(LINE_KEY),
            None,
            "'genera' must map an origin to a list of genus names",
            "write 'genera:' then 'plant: [Rosa, ...]'",
        )
        return
    for origin, names in genera.items():
        if origin == LINE_KEY:
            continue
        if origin not in ORIGINS:
            chk.add(
                genera.get(LINE_KEY), None, f"genera origin '{origin}' unknown", f"use one of: {', '.join(ORIGINS)}"
            )
            continue
        for g in names or []:
            if isinstance(g, str) and g.strip():
                out["genera"][g.strip().casefold()] = origin


def _compile_heads(chk: Checker, doc: dict, ids: dict, out: dict, refs: list) -> None:
    for it in chk.top(doc, "heads"):
        hid = chk.entry_id(it, ids, "head.")
        chk.keys(it, HEAD_KEYS, ("id", "phrases", "category", "sources"), hid)
        cat = chk.choice(it, "category", CATEGORIES, hid)
        by_origin = it.get("by_origin") or {}
        clean = {}
        if isinstance(by_origin, dict):
            for o, c in by_origin.items():
                if o == LINE_KEY:
                    continue
                if o not in ORIGINS or c not in CATEGORIES:
                    chk.add(
                        it.get(LINE_KEY),
                        hid,
                        f"by_origin '{o}: {c}' is invalid",
                        "map an origin to a category, e.g. 'plant: plant_nanovesicle'",
                    )
                else:
                    clean[o] = c
        srcs = chk.text_list(it, "sources", hid)
        refs.append((chk.path, it.get(LINE_KEY), hid or "?", srcs))
        out["heads"].append(
            {
                "id": hid,
                "phrases": [normalize_key(p) for p in chk.text_list(it, "phrases", hid)],
                "category": cat,
                "by_origin": clean,
                "priority": int(it.get("priority") or 50),
                "sources": srcs,
                "note": chk.text(it, "note", hid),
            }
        )


def _load_csv(path: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    """A vocabulary CSV (``name,synonyms,source``) or an other-names CSV (``name,inci,kind,source``):
    (vocabulary rows, other-name rows [name, inci, kind, source, file, line])."""
    import csv  # (read when the compiled data is rebuilt only)

    text = read_text_file(path)
    chk = Checker(str(path))
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header not in (VOCAB_HEADER, VARIANTS_HEADER):
        chk.add(
            1,
            None,
            f"header is {header!r}",
            f"the first line must be '{','.join(VOCAB_HEADER)}' (INCI names with synonyms) or "
            f"'{','.join(VARIANTS_HEADER)}' (other names of INCI names)",
        )
        chk.raise_if_any()
    fields = VOCAB_HEADER if header == VOCAB_HEADER else VARIANTS_HEADER
    rows: list[list[Any]] = []
    variants: list[list[Any]] = []
    for lineno, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(fields) or not row[0].strip():
            chk.add(
                lineno,
                row[0] if row else None,
                f"expected {len(fields)} fields ({','.join(fields)}), got {len(row)}",
                'quote names that contain commas, e.g. "1,2-Hexanediol"',
            )
            continue
        cells = [c.strip() for c in row]
        if fields is VOCAB_HEADER:
            name, syn, src = cells
            rows.append([name, [s.strip() for s in syn.split("|") if s.strip()], src])
            continue
        name, inci, kind, src = cells
        if kind not in VARIANT_KINDS:
            chk.add(lineno, name, f"kind '{kind}' is not one of {', '.join(VARIANT_KINDS)}", "fix the kind")
        elif not inci or not src:
            chk.add(lineno, name, "the INCI name and the source are required", "fill in both cells")
        else:
            variants.append([name, inci, kind, src, str(path), lineno])
    chk.raise_if_any()
    return rows, variants


def _compile_variants(
    rows: list[list[Any]], out: dict[str, Any], source_refs: list[tuple[str, int | None, str, list[str]]]
) -> list[Problem]:
    """Other names: each names one INCI name (or binomial), never itself, and once per scope (whole names, plant
    names); their sources are checked with the rest. Whole names go to ``variants``, plant names to ``plants``."""
    problems: list[Problem] = []
    seen: dict[tuple[bool, str], tuple[str, int]] = {}
    for name, inci, kind, src, path, line in rows:
        k = normalize_key(name)
        plant = kind in PLANT_KINDS
        if k == normalize_key(inci):
            problems.append(Problem(path, line, name, "the other name is the INCI name itself", "remove the line"))
            continue
        other = seen.get((plant, k))
        if other is not None:
            problems.append(Problem(path, line, name, f"'{name}' is already on line {other[1]}", "keep one line"))
            continue
        seen[(plant, k)] = (normalize_key(inci), line)
        srcs = [x.strip() for x in src.split("|") if x.strip()]
        source_refs.append((path, line, name, srcs))
        out["plants" if plant else "variants"].append([name, inci, kind, srcs])
    return problems


def _alias_collisions(out: dict[str, Any]) -> list[Problem]:
    """An alias or term may name one EV entry or look-alike only."""
    seen: dict[str, str] = {}
    problems = []
    items = [(e, "entry") for e in out["entries"]] + [(la, "lookalike") for la in out["lookalikes"]]
    for item, _kind in items:
        names = [item.get("term"), *list(item.get("aliases") or []), *list(item.get("trade_names") or [])]
        for n in names:
            if not n:
                continue
            k = normalize_key(n)
            other = seen.get(k)
            if other is not None and other != item["id"]:
                problems.append(
                    Problem(
                        item.get("file", "lexicon"),
                        item.get("line"),
                        item["id"],
                        f"'{n}' is already a term or alias of '{other}'",
                        "remove the alias from one of the two entries",
                    )
                )
            else:
                seen[k] = item["id"]
    return problems
