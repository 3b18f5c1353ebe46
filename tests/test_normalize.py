"""normalize_key: the one lookup key for any spelling of a name; its fast guards never change the result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exolabel.tokenizer import names as N


def reference_key(name: str) -> str:
    """normalize_key without the guards: every substitution, always."""
    if not name.isupper() and not name.islower():
        name = N._CAMEL.sub(" ", name)
    k = name.casefold()
    for rx, rep in ((N._QUOTES, ""), (N._WS, " "), (N._AROUND, r"\1"), (N._TRAIL, ""), (N._LEAD, "")):
        k = rx.sub(rep, k)
    return N._GRADE.sub("", k)


name_parts = st.lists(
    st.one_of(
        st.sampled_from(["Caprylic", " / ", "Capric", "Triglyceride", "USP", "Ph. Eur.", "NF", "usp/nf", "FCC"]),
        st.sampled_from(
            [
                "RootExtract",
                "1,2-",
                "Hexanediol",
                "'",
                '"',
                "`",
                "  ",
                "\t",
                "\n",
                ".",
                "*",
                "-",
                "+",
                ">",
                "ÉtatExtract",
                "ǅ",
            ]
        ),
        st.text(alphabet="aAzZ .,;:*-+>/'\t\n\u00a0\u2009é", max_size=5),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(name_parts)
def test_guarded_normalize_key_equals_the_reference(name: str) -> None:
    assert N.normalize_key.__wrapped__(name) == reference_key(name)


def test_examples() -> None:
    key = N.normalize_key
    assert (
        key("Caprylic / Capric Triglyceride.") == key("CAPRYLIC/CAPRIC TRIGLYCERIDE") == "caprylic/capric triglyceride"
    )
    assert key("Caffeine USP") == "caffeine"
    assert key("* Aqua ") == "aqua"
    assert key("Ipomoea Batatas RootExtract") == "ipomoea batatas root extract"


@settings(max_examples=500, deadline=None)
@given(st.one_of(name_parts, st.text(alphabet=" -/.,'()\t\n\x1c\x0b\u00a0\u2009abcAB1", max_size=20)))
def test_compact_key_deletes_what_its_pattern_deletes(key: str) -> None:
    """compact_key takes a shortcut for printable ASCII keys: the same characters go as with the regex."""
    assert N.compact_key(key) == N._COMPACT.sub("", key)
