"""The on-disk cache of compiled data files (lexicon, rule lists), keyed by the files' content hash.

Parsing and validating YAML costs far more than reading stored data, so each loader compiles its files once to a
dict of plain values (str, int, float, bool, None, list, dict) and stores it under ``~/.cache/exolabel``
(``EXOLABEL_CACHE_DIR`` overrides the folder, ``EXOLABEL_NO_CACHE=1`` disables the cache). The file holds the
dict in ``marshal`` format (read in about half the time of JSON) behind a BLAKE2 digest of those bytes: a file
whose digest does not match (truncated, corrupt, written by another Python) is rebuilt, never unmarshalled; the
file name carries the marshal format version and the Python version, which is all marshal's format depends on.
A read-only cache folder only costs parse time.

Hashing the data files on every start reads them all (the CosIng records file in the rule data's key alone is 1.1
MB), so, as git's index does, a small pointer file maps the files' stat data (path, size, mtime, ctime, inode) to
the content hash last computed for them. A pointer is written only when every file's stamps are over a second older
than the hashing: a file changed afterwards gets a newer ctime (which no program can set back), so its stat data no
longer match and its bytes are hashed again.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
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
    cache = cache_dir()
    signed = stat_signature(files, version) if cache is not None else None
    pointer = cache / f"{prefix}-stat-{signed[0]}.txt" if cache is not None and signed is not None else None
    digest = _read_pointer(pointer) if pointer is not None else None
    if digest is None:
        started = time.time_ns()
        try:
            digest = hash_files(files, version)
        except OSError as e:
            from exolabel.datafiles.load import DataError, Problem

            raise DataError(
                [Problem(str(getattr(e, "filename", "?")), None, None, f"cannot read: {e.strerror}", "check the path")]
            ) from None
        if pointer is not None and signed is not None and signed[1] < started - _SETTLED_NS:
            _write_bytes(pointer, digest.encode())
    cfile = cache / f"{prefix}-{digest}-{_FORMAT}.marshal" if cache else None
    if cfile is not None:
        stored = _read(cfile)
        if stored is not None:
            return stored
    compiled = compile_files(files)
    if cfile is not None:
        _write(cfile, compiled)
    return compiled


_SETTLED_NS = 1_000_000_000  # a pointer is kept only for files whose stamps are older than this before the hashing


def stat_signature(files: Sequence[Path], version: int) -> tuple[str, int] | None:
    """A digest of the files' stat data (absolute path, size, mtime, ctime, inode) and ``version``, with the newest
    of their mtimes and ctimes (ns); None when a file cannot be stat'ed (the hashing then says why)."""
    h = blake2b(f"v{version}".encode(), digest_size=12)
    newest = 0
    try:
        for f in files:
            st = os.stat(f)
            h.update(f"{os.path.abspath(f)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n".encode())
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    except OSError:
        return None
    return h.hexdigest(), newest


def _read_pointer(pointer: Path) -> str | None:
    """The content hash a pointer file holds (24 hex digits, as :func:`hash_files` writes); None otherwise."""
    try:
        text = pointer.read_bytes().decode("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) == 24 and all(c in "0123456789abcdef" for c in text) else None


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
    """Store ``compiled`` behind its digest; a value marshal cannot store (a compiler bug) is skipped, the data still
    loads."""
    try:
        body = marshal.dumps(compiled)
    except ValueError:
        return
    _write_bytes(cfile, blake2b(body, digest_size=_DIGEST).digest() + body)


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``path`` atomically (a temporary file renamed); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
