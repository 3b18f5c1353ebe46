"""The on-disk cache of compiled data files (lexicon, rule lists), keyed by the files' content hash.

Parsing and validating YAML costs far more than reading stored data, so each loader compiles its files once to a
dict of plain values (str, int, float, bool, None, list, dict) and stores it under ``~/.cache/exolabel``
(``EXOLABEL_CACHE_DIR`` overrides the folder, ``EXOLABEL_NO_CACHE=1`` disables the cache). The file holds the
dict in ``marshal`` format (read in about half the time of JSON) behind a BLAKE2 digest of those bytes: a file
whose digest does not match (truncated, corrupt, written by another Python) is rebuilt, never unmarshalled; the
file name carries the marshal format version and the Python version, which is all marshal's format depends on.
A read-only cache folder only costs parse time.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
    """``compile_files(files)``, read from ``<cache>/<prefix>-<hash>.marshal`` when the files are unchanged."""
    try:
        digest = hash_files(files, version)
    except OSError as e:
        from exolabel.datafiles.load import DataError, Problem

        raise DataError(
            [Problem(str(getattr(e, "filename", "?")), None, None, f"cannot read: {e.strerror}", "check the path")]
        ) from None
    cache = cache_dir()
    cfile = cache / f"{prefix}-{digest}-{_FORMAT}.marshal" if cache else None
    if cfile is not None:
        stored = _read(cfile)
        if stored is not None:
            return stored
    compiled = compile_files(files)
    if cfile is not None:
        _write(cfile, compiled)
    return compiled


# what marshal's byte format depends on: its own version and the Python that wrote it
_FORMAT = f"m{marshal.version}-py{sys.version_info[0]}{sys.version_info[1]}"
_DIGEST = 16


def _read(cfile: Path) -> dict[str, Any] | None:
    """The dict stored in ``cfile``; None when it is missing, unreadable, or its bytes do not match their digest."""
    try:
        data = cfile.read_bytes()
    except OSError:
        return None
    body = memoryview(data)[_DIGEST:]
    if len(data) <= _DIGEST or blake2b(body, digest_size=_DIGEST).digest() != data[:_DIGEST]:
        return None
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return value if isinstance(value, dict) else None


def _write(cfile: Path, compiled: dict[str, Any]) -> None:
    """Store ``compiled`` atomically (a temporary file renamed); a cache that cannot be written is skipped."""
    try:
        body = marshal.dumps(compiled)
        cfile.parent.mkdir(parents=True, exist_ok=True)
        tmp = cfile.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(blake2b(body, digest_size=_DIGEST).digest() + body)
        os.replace(tmp, cfile)
    except (OSError, ValueError):  # ValueError: a value marshal cannot store (a compiler bug; the data still loads)
        pass
