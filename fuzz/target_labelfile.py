"""The label-file fuzz target: bytes as a user's label file, read the way ``exolabel scan``/``check`` read one.

The first byte picks the file's extension (``.yaml``, ``.yml``, ``.json``, ``.toml`` or ``.txt``); the rest is the
file. It goes through ``read_path_with_text`` (size limit, decoding, comment blanking, label-file validation: the
``declared``, ``exosome_source``, ``characterization`` and ``exolabel-ignore`` parsers) on a real file. The only
exceptions allowed out are the documented user errors (``InputError``, ``DataError``); what comes back must be
well-formed: text, a ``LabelInfo`` of the right types, suppressions that name a rule.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from exolabel.datafiles.load import DataError
from exolabel.labelfile.read import InputError, read_path_with_text
from exolabel.model import LabelInfo

MAX_INPUT = 65_536
SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".txt")


@lru_cache(maxsize=1)
def scratch() -> Path:
    """A private folder for the files an input is written to (in RAM where the system has /dev/shm)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    d = Path(tempfile.mkdtemp(prefix="exolabel-fuzz-", dir=base))
    atexit.register(shutil.rmtree, d, True)
    return d


def warm_up() -> None:
    """Import what reading a label file imports lazily (TOML, YAML), before fuzzing starts."""
    for i, body in enumerate((b"ingredients: Water", b"{}", b"a: [", b'ingredients = "Water"', b"Water")):
        run_one(bytes([i]) + body)


def run_one(data: bytes) -> None:
    if not data or len(data) > MAX_INPUT:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    path = scratch() / f"label{suffix}"
    path.write_bytes(data[1:])
    try:
        item, text = read_path_with_text(path)
    except (InputError, DataError) as e:
        assert str(e).strip(), "an error without a message"
        return
    assert isinstance(item.text, str) and isinstance(text, str)
    if suffix == ".txt":
        assert len(item.text) == len(text), "comment blanking moved the offsets"
    label = item.label
    assert isinstance(label, LabelInfo)
    for name in ("product", "brand", "url", "product_type"):
        v = getattr(label, name)
        assert v is None or isinstance(v, str), (name, v)
    assert all(isinstance(c, str) for c in label.claims), label.claims
    assert all(isinstance(m, str) for m in label.markets), label.markets
    for s in item.suppressions:
        assert s.rules and all(isinstance(r, str) and r for r in s.rules), s
        assert isinstance(s.reason, str), s
