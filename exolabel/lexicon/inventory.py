"""The CosIng inventory at run time: every INCI name, its CAS and EC numbers and functions, loaded lazily.

The inventory (about 28,700 names) is read from the files :mod:`exolabel.lexicon.cosing` writes, sorted by compact
key, as a list of raw ``bytes`` lines: a name is found by bisection over them (no dictionary, no per-name string
is built), and the CAS/EC/function records and the typo index are read only when first asked for. Nothing is
read until the first name the curated vocabulary does not know (a label of common names never loads it). A newer
export imported with ``exolabel lexicon import-cosing`` replaces the packaged one (unless ``EXOLABEL_NO_IMPORTED``
is set).

For other stages: :func:`inci_record` (name -> CAS numbers, EC numbers, functions) and :func:`names_with_cas`
(CAS number -> INCI names), e.g. to link label names to regulatory entries by identity.
"""

import os
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from exolabel._fast.lazy import lazy_pattern
from exolabel.tokenizer.names import compact_key, normalize_key

__all__ = ["InciRecord", "Inventory", "default_inventory", "inci_record", "names_with_cas"]

PACKAGED_DIR = Path(__file__).with_name("data") / "cosing"
NAMES_FILE = "names.tsv"
RECORDS_FILE = "records.tsv"
SIGNATURE_FILE = "signatures.tsv"
FILES = (NAMES_FILE, RECORDS_FILE, SIGNATURE_FILE)
_BRACKETS_RE = lazy_pattern(r"\([^()]*\)")
_WORDS_RE = lazy_pattern(r"[ /]+")
_ACRONYMS_TEXT = "peg ppg bht bha edta dna rna mea tea dea hdi pvp ci pca mipa tipa smdi ipdi va vp hcl dmdm ii iii iv"
_ACRONYMS = frozenset([*_ACRONYMS_TEXT.split(" "), "spf", "uv"])  # words title-casing keeps in capitals
_NO_CASING: Mapping[str, str] = MappingProxyType({})
_LETTERS_RE = lazy_pattern(r"[A-Za-z]+")
_OCR_TWIN = "i"  # capital I printed for a lower-case l


class InciRecord(NamedTuple):
    """What the CosIng inventory says about one INCI name."""

    name: str  # title-cased as labels print it ("Citrus Aurantium Bergamia Peel Oil")
    cas: tuple[str, ...]  # CAS numbers (the 2020 export projection holds the first one only)
    ec: tuple[str, ...]  # EC (EINECS/ELINCS) numbers
    functions: tuple[str, ...]  # CosIng functions ("Skin Conditioning - Emollient", "Perfuming")


def _title_part(p: str, casing: Mapping[str, str]) -> str:
    i = len(p) - len(p.lstrip("(["))
    j = len(p.rstrip(")],."))
    core = p[i:j]
    low = core.lower()
    spelled = casing.get(low)
    if spelled is None:
        if i == 0 and low in _ACRONYMS:  # in brackets a word is a common name ("(Tea Tree)"), not an acronym
            spelled = core.upper()
        elif _OCR_TWIN in low and low.replace(_OCR_TWIN, "l") in casing:
            spelled = core.upper()  # a misprint of an abbreviation the vocabulary spells in capitals: "HCI" (HCl)
        else:
            spelled = core[:1].upper() + core[1:].lower()
    return p[:i] + spelled + p[j:]


def _title_word(word: str, casing: Mapping[str, str]) -> str:
    low = word.lower()
    if low.startswith(("sh-", "rh-")):
        return low[:3] + _title_word(word[3:], casing)
    return "-".join(_title_part(p, casing) for p in word.split("-"))


def title_inci(name: str, casing: Mapping[str, str] = _NO_CASING) -> str:
    """'CAPRYLIC/CAPRIC TRIGLYCERIDE' -> 'Caprylic/Capric Triglyceride'; keeps PEG, CI, sh- as labels print them.

    ``casing``: lower-case word -> its spelling in the curated vocabulary, where that is one spelling other than
    plain capitalization (``Lexicon.casing``: "hcl" -> "HCl", "peg" -> "PEG"); it wins over the built-in
    acronyms. A word the vocabulary spells with a lower-case "l" that CosIng misprints with a capital "I" ("HCI")
    stays in capitals. A word in brackets is capitalized like any word (a common name: "(Grapefruit)").

    (Module-level helpers, not closures: a recursive closure is a reference cycle, and the batch engine checks rows
    with the cyclic GC off.)"""
    return " ".join("/".join(_title_word(w, casing) for w in token.split("/")) for token in name.strip().split(" "))


def word_casing(names: Iterable[str]) -> dict[str, str]:
    """Lower-case word -> spelling, for the words ``names`` always spell one way that is not plain capitalization
    ("HCl", "PEG", "EDTA"); a word also written capitalized or in another way is left out ("TEA-Lauryl Sulfate"
    and "(Tea Tree)")."""
    spellings: dict[str, set[str]] = {}
    plain: set[str] = set()
    for name in names:
        for w in _LETTERS_RE.findall(name):
            if len(w) == 1 or w[1:].islower():
                plain.add(w.lower())
            else:
                spellings.setdefault(w.lower(), set()).add(w)
    return {k: next(iter(v)) for k, v in sorted(spellings.items()) if len(v) == 1 and k not in plain}


def signature(key: str) -> str:
    """A normalized name's word count and word initials ("caprylic/capric triglyceride" -> "3:cct").

    A typo keeps the number of words and the first letter of each (the matcher's test of a typo), so a misspelled
    name is looked up only among the names with its signature."""
    words = [w for w in _WORDS_RE.split(key) if w]
    return f"{len(words)}:" + "".join(w[0] for w in words)


def _body_lines(path: Path) -> list[bytes]:
    """The lines of a file :mod:`exolabel.lexicon.cosing` wrote, after its ``#`` provenance lines."""
    data = path.read_bytes()
    body = 0
    while data.startswith(b"#", body):
        body = data.index(b"\n", body) + 1
    lines = data[body:].split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def _find(lines: list[bytes], key: bytes) -> int | None:
    """The first of the sorted ``lines`` whose first tab-separated field is ``key``, or None."""
    probe = key + b"\t"
    i = bisect_left(lines, probe)
    return i if i < len(lines) and lines[i].startswith(probe) else None


class Inventory:
    """The CosIng INCI names of one inventory folder: exact lookup by compact key, typo candidates by signature."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names: list[bytes] | None = None
        self._records: list[bytes] | None = None
        self._sigs: list[bytes] | None = None
        self._by_cas: dict[str, list[int]] | None = None

    def _lines(self) -> list[bytes]:
        if self._names is None:
            self._names = _body_lines(self.folder / NAMES_FILE)
        return self._names

    def _signatures(self) -> list[bytes]:
        if self._sigs is None:
            self._sigs = _body_lines(self.folder / SIGNATURE_FILE)
        return self._sigs

    def preload(self) -> None:
        """Read the names and typo signatures now (the first unknown name would), e.g. before worker processes
        are forked so that they share the pages."""
        self._lines()
        self._signatures()

    def header(self) -> list[str]:
        """The provenance lines of the inventory (source, export date, reuse basis), without the '# '."""
        with (self.folder / NAMES_FILE).open(encoding="utf-8") as fh:
            return [line[2:].rstrip("\n") for line in iter(fh.readline, "") if line.startswith("# ")]

    def __len__(self) -> int:
        return len(self._lines())

    def row_of(self, key: str, compacted: bool = False) -> int | None:
        """The row of a normalized name (compared by compact key: spaces, hyphens and brackets do not count);
        ``compacted``: ``key`` is a compact key already."""
        return _find(self._lines(), (key if compacted else compact_key(key)).encode())

    def name_of(self, key: str, casing: Mapping[str, str] = _NO_CASING, compacted: bool = False) -> str | None:
        """The INCI name (title-cased, see :func:`title_inci`) for a normalized name (``compacted``: its compact
        key), or None when the inventory does not hold it."""
        row = self.row_of(key, compacted)
        return None if row is None else self.name_at(row, casing)

    def name_at(self, row: int, casing: Mapping[str, str] = _NO_CASING) -> str:
        return title_inci(self._lines()[row].split(b"\t", 1)[1].decode(), casing)

    def record_at(self, row: int, casing: Mapping[str, str] = _NO_CASING) -> InciRecord:
        if self._records is None:
            self._records = _body_lines(self.folder / RECORDS_FILE)
        cas, ec, funs = self._records[row].decode().split("\t")
        split = lambda s: tuple(s.split("|")) if s else ()  # noqa: E731
        return InciRecord(self.name_at(row, casing), split(cas), split(ec), split(funs))

    def record(self, name: str, casing: Mapping[str, str] = _NO_CASING) -> InciRecord | None:
        """The record of an INCI name as written on a label (case, spacing; a common name in brackets is tried
        with and without: "Citrus Aurantium Bergamia (Bergamot) Fruit Oil"); its name spelled with ``casing``
        (see :func:`title_inci`)."""
        key = normalize_key(name)
        row = self.row_of(key)
        if row is None and "(" in key:
            key = normalize_key(_BRACKETS_RE.sub(" ", key))
            row = self.row_of(key)
        if row is None:
            return None
        lines = self._lines()
        ck = lines[row].split(b"\t", 1)[0] + b"\t"
        for r in range(row, len(lines)):  # compact keys may collide: prefer the row whose own key is the same
            if not lines[r].startswith(ck):
                break
            if normalize_key(lines[r].split(b"\t", 1)[1].decode()) == key:
                return self.record_at(r, casing)
        return self.record_at(row, casing)

    def names_after(self, compact: str, casing: Mapping[str, str] = _NO_CASING) -> Iterator[tuple[str, list[str]]]:
        """(INCI name, its words after them) for each name whose leading words have the compact key ``compact``
        ("rosadamascena" -> ("Rosa Damascena Flower Oil", ["Flower", "Oil"]), ...), in the inventory's order; the
        name itself when it is those words only is left out."""
        from exolabel.lexicon.species import tail_words  # (species imports this module)

        lines = self._lines()
        probe = compact.encode()
        i = bisect_left(lines, probe)
        while i < len(lines) and lines[i].startswith(probe):
            name = self.name_at(i, casing)
            tail = tail_words(name, compact)
            if tail:
                yield name, tail
            i += 1

    def rows_with_cas(self, cas: str) -> list[int]:
        if self._by_cas is None:
            self.record_at(0)  # loads the records
            by_cas: dict[str, list[int]] = {}
            for r, line in enumerate(self._records or ()):
                field = line.split(b"\t", 1)[0]
                if field:
                    for c in field.decode().split("|"):
                        by_cas.setdefault(c, []).append(r)
            self._by_cas = by_cas
        return self._by_cas.get(cas.strip(), [])

    def same_signature(self, sig: str, shortest: int, longest: int) -> list[str]:
        """The normalized names with the word-count-and-initials signature ``sig`` whose length is in
        ``shortest..longest`` (the lengths a fuzzy match can accept)."""
        lines = self._signatures()
        prefix = sig.encode() + b":"
        i = bisect_left(lines, prefix + b"%03d" % max(shortest, 0))
        last = prefix + b"%03d\t" % min(longest, 999)
        out: list[str] = []
        while i < len(lines) and lines[i] < last and lines[i].startswith(prefix):
            out.extend(lines[i].decode().split("\t", 1)[1].split("|"))
            i += 1
        return out


def cache_folder() -> Path:
    """Where ``import-cosing`` puts a user's newer export (``EXOLABEL_CACHE_DIR`` or ``~/.cache/exolabel``)."""
    base = os.environ.get("EXOLABEL_CACHE_DIR")
    if base:
        return Path(base) / "cosing"
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "exolabel" / "cosing"


def inventory_folder() -> Path:
    """The folder of the inventory in use: an imported export in the cache, else the packaged one."""
    if not os.environ.get("EXOLABEL_NO_IMPORTED"):
        user = cache_folder()
        if all((user / f).is_file() for f in FILES):
            return user
    return PACKAGED_DIR


@lru_cache(maxsize=4)
def _inventory_at(folder: Path) -> Inventory:
    return Inventory(folder)


def default_inventory() -> Inventory:
    """The inventory in use (one object per folder and process; it reads its files at first use)."""
    return _inventory_at(inventory_folder())


@lru_cache(maxsize=1)
def builtin_casing() -> Mapping[str, str]:
    """How the built-in curated vocabulary spells the words it never writes plainly capitalized ("hcl" -> "HCl"):
    the casing scans show CosIng names with (``Lexicon.casing`` of the built-in lexicon), read from the compiled
    lexicon's cache."""
    from exolabel.lexicon.loader import load_compiled  # here: the lexicon package imports this module

    return MappingProxyType(dict(load_compiled()["index"]["casing"]))


def inci_record(name: str, casing: Mapping[str, str] | None = None) -> InciRecord | None:
    """CAS numbers, EC numbers and functions of an INCI name per the CosIng inventory (None: not in it), its name
    spelled as scans show it (``casing``; default :func:`builtin_casing`: "Pyridoxine HCl", not "HCL").

    >>> inci_record("Citrus Aurantium Bergamia (Bergamot) Fruit Oil").cas
    ('8007-75-8',)
    """
    return default_inventory().record(name, builtin_casing() if casing is None else casing)


def names_with_cas(cas: str, casing: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The INCI names the CosIng inventory gives the CAS number ``cas`` ("8007-75-8" -> the bergamot oils), spelled
    as scans show them (``casing``; default :func:`builtin_casing`)."""
    inv = default_inventory()
    spelled = builtin_casing() if casing is None else casing
    return tuple(inv.name_at(r, spelled) for r in inv.rows_with_cas(cas))
