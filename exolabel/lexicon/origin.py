"""Read the biological source of an EV-family name from the whole name.

INCI names put the source first: "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media Extract" is
human, "Centella Asiatica Callus Extracellular Vesicles" plant, "Lactococcus/Milk Ferment Lysate" microbial.
Precedence: a microbial genus opening a ferment ("Yarrowia/Fish Scale ... Ferment Lysate" is microbial) and an
explicit species word (human, bovine, pig...) > recombinant/synthetic markers ("sh-", "rh-", "recombinant": a
human conditioned medium mixed with an sh- peptide is still human) > the genus that opens a botanical or
microbial name > the default of a tissue word (callus -> plant, milk -> animal, fibroblast -> unspecified)
> unspecified. Among species words the earliest in the name wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from exolabel.lexicon.words import key_words

if TYPE_CHECKING:
    from exolabel.lexicon import Lexicon

_RANK = {"species": 0, "synthetic": 1, "genus": 2, "tissue": 3, "none": 4}


def read_origin(
    lex: Lexicon, key: str, head_start: int | None = None, words: Iterable[str] | None = None
) -> tuple[str, str | None]:
    """(origin, detail) for a normalized name ``key``; ``head_start`` is where the head phrase begins; ``words``:
    ``key_words(key)`` when the caller has it."""
    if words is None:
        words = key_words(key)
    prefix = key[:head_start] if head_start is not None else key
    best_rank, origin = _RANK["none"], "unspecified"
    tissue_details: list[tuple[int, str]] = []
    species_end = 0
    species_start = len(key)
    found = lex.cue_groups.every(key, words)  # cue number -> its phrase in the key (cue.pattern.search)
    for n, cue in enumerate(lex.cues):
        m = found.get(n)
        if m is None:
            continue
        if cue.kind == "species" and cue.origin:
            rank = _RANK["synthetic"] if cue.origin == "synthetic" else _RANK["species"]
            if rank < best_rank or (rank == best_rank and m.start() < species_start):
                best_rank, origin = rank, cue.origin
                species_start, species_end = m.start(), m.end()
        elif cue.kind == "tissue":
            tissue_details.append((m.start(), cue.detail or m.group(0)))
            if cue.origin and _RANK["tissue"] < best_rank:
                best_rank, origin = _RANK["tissue"], cue.origin
    first = key.split(" ", 1)[0].split("/", 1)[0]
    genus_origin = lex.genera.get(first)
    if genus_origin == "microbial" and " ferment" in key:
        best_rank, origin, species_end = _RANK["species"], "microbial", 0  # the organism doing the fermenting
    elif genus_origin and _RANK["genus"] < best_rank and " " in key:
        best_rank, origin = _RANK["genus"], genus_origin
    detail = _detail(prefix, species_end if best_rank <= _RANK["species"] else 0)
    if detail is None and tissue_details:
        detail = ", ".join(d for _, d in sorted(tissue_details))
    return origin, detail


def _detail(prefix: str, start: int) -> str | None:
    """The words between the species word and the head phrase, e.g. "umbilical cord mesenchymal stem cell"."""
    words = prefix[start:].strip(" -/,")
    return words or None
