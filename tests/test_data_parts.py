"""Deferred parts of the compiled data (exolabel.datafiles.parts, exolabel.datafiles.cache): stored as their own
marshal bytes, read back unread, unmarshalled at the first use to the very values compiled; a scan of known names
never reads them; a corrupt file (a byte of a part changed) is rebuilt, never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from exolabel.datafiles import cache
from exolabel.datafiles.parts import Part, value_of
from exolabel.lexicon import Lexicon, load_lexicon
from exolabel.lexicon import loader as lexicon_loader
from exolabel.rules import loader as rules_loader
from exolabel.scanner import Scanner


def test_a_part_holds_its_value_or_its_bytes() -> None:
    rows = [["Aqua", ["Water"], "cosing"]]
    stored = Part(rows).blob()
    unread = Part(blob=stored)
    assert unread.value == rows and unread == Part(rows) and unread != rows
    assert value_of(unread) == rows and value_of(rows) is rows


@pytest.mark.parametrize("loader", [lexicon_loader, rules_loader])
def test_deferred_parts_come_back_unread_and_equal(cache_dir: Path, loader) -> None:
    plain = loader.compile_files(loader.builtin_files())
    fresh = loader.load_compiled()  # compiled and written
    stored = loader.load_compiled()  # read from the file
    for path in loader.DEFERRED:
        *outer, last = path
        a, b, c = plain, fresh, stored
        for key in outer:
            a, b, c = a[key], b[key], c[key]
        assert isinstance(b[last], Part) and isinstance(c[last], Part)
        assert c[last]._blob is not None  # not unmarshalled yet
        assert c[last].value == a[last] and b[last].value == a[last]
    assert stored == fresh
    # the rest is plain data, equal to what the files compile to
    assert {k: v for k, v in stored.items() if (k,) not in loader.DEFERRED and k != "index"} == {
        k: v for k, v in plain.items() if (k,) not in loader.DEFERRED and k != "index"
    }


def test_a_scan_of_known_names_reads_no_deferred_part(cache_dir: Path) -> None:
    load_lexicon()  # fills the cache
    scanner = Scanner(load_lexicon())
    report = scanner.scan("Water, Glycerin, Niacinamide, Human Fibroblast Conditioned Media, Phenoxyethanol")
    assert all(s.recognized for s in report.ingredients) and report.ev_ingredients
    lex = scanner.lexicon
    assert lex._compact._blob is not None and lex._vocab_rows._blob is not None
    # a name written without its spaces is looked up by its compact key: the part is read then, and gives the name
    assert scanner.scan("Water, Butyl ene Glycol").ingredients[1].known == "Butylene Glycol"
    assert lex._compact._blob is None
    assert dict(lex.vocab_compact) == lexicon_loader.compile_files(lexicon_loader.builtin_files())["index"]["compact"]


def test_the_same_lexicon_from_plain_data(cache_dir: Path) -> None:
    """Data compiled without the cache layer (tests, ``lexicon validate``) holds plain values: the same lexicon."""
    plain = Lexicon(lexicon_loader.compile_files(lexicon_loader.builtin_files()))
    cached = load_lexicon(inventory=False)
    assert plain.vocab_rows == cached.vocab_rows and dict(plain.vocab_compact) == dict(cached.vocab_compact)


def test_a_changed_byte_in_a_part_rebuilds_the_file(cache_dir: Path) -> None:
    first = lexicon_loader.load_compiled()
    (cfile,) = cache_dir.glob("lexicon-*.marshal")
    data = bytearray(cfile.read_bytes())
    blob = first["vocab"].blob()
    at = bytes(data).find(blob[-40:])  # inside the stored vocabulary rows
    assert at > 0
    data[at + 10] ^= 0x01
    cfile.write_bytes(bytes(data))
    assert cache._read(cfile) is None  # its CRC-32 no longer matches: never unmarshalled
    again = lexicon_loader.load_compiled()
    assert again == first and cache._read(cfile) == first  # rebuilt and written again


def test_entries_and_phrase_groups_stored_ready_are_the_ones_built_from_the_data(cache_dir: Path) -> None:
    """The compiled lexicon holds each EV-family entry as its Entry fields and the cue and head-noun phrase groups
    made: the lexicon read from the cache has the very entries and groups it would build from the entries' data."""
    from exolabel.lexicon import Entry
    from exolabel.lexicon.words import PhraseGroups

    load_lexicon()  # fills the cache
    lex = load_lexicon()
    plain = lexicon_loader.compile_files(lexicon_loader.builtin_files())
    lists = ("aliases", "trade_names", "sources")
    built = tuple(
        Entry(
            e["id"],
            e["term"],
            e["category"],
            e["origin"],
            e.get("detail"),
            *(tuple(e.get(k) or ()) for k in lists),
            note=e.get("note"),
            threshold=e.get("threshold"),
        )
        for e in plain["entries"]
    )
    assert lex.entries == built and all(type(e) is Entry for e in lex.entries)
    assert lex.head_groups.state() == PhraseGroups(h.pattern.phrases for h in lex.heads).state()
    assert lex.cue_groups.state() == PhraseGroups(c.pattern.phrases for c in lex.cues).state()
    assert lex.cue_groups.every("human umbilical cord stem cell conditioned media")  # and they find phrases
