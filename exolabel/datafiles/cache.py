"""The on-disk cache of compiled data files (lexicon, rule lists), keyed by the files' content hash.

Parsing and validating YAML costs far more than reading JSON, so each loader compiles its files once to a
JSON-able dict and stores it under ``~/.cache/exolabel`` (``EXOLABEL_CACHE_DIR`` overrides the folder,
``EXOLABEL_NO_CACHE=1`` disables the cache). A corrupt or unreadable cache file is rebuilt, never trusted; a
read-only cache folder only costs parse time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from exolabel.datafiles.load import DataError, Problem

try:  # CPython's built-in BLAKE2: ``import hashlib`` would load OpenSSL on every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b


def hash_files(files: Sequence[Path], version: int) -> str:
    """A content hash of ``files`` (names and bytes, in order) and the compiled format ``version``."""
    h = blake2b(f"v{version}".encode(), digest_size=12)
    for f in files:
        h.update(str(f.name).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path | None:
    if os.environ.get("EXOLABEL_NO_CACHE"):
        return None
    base = os.environ.get("EXOLABEL_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "exolabel" if not os.environ.get("EXOLABEL_CACHE_DIR") else root


def load_cached(
    prefix: str, files: Sequence[Path], version: int, compile_files: Callable[[Sequence[Path]], dict[str, Any]]
) -> dict[str, Any]:
    """``compile_files(files)``, read from ``<cache>/<prefix>-<hash>.json`` when the files are unchanged."""
    try:
        digest = hash_files(files, version)
    except OSError as e:
        raise DataError(
            [Problem(str(getattr(e, "filename", "?")), None, None, f"cannot read: {e.strerror}", "check the path")]
        ) from None
    cache = cache_dir()
    cfile = cache / f"{prefix}-{digest}.json" if cache else None
    if cfile is not None and cfile.is_file():
        try:
            return json.loads(cfile.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    compiled = compile_files(files)
    if cfile is not None:
        try:
            cfile.parent.mkdir(parents=True, exist_ok=True)
            tmp = cfile.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(compiled, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, cfile)
        except OSError:
            pass
    return compiled
