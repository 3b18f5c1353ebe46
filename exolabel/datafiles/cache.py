"""The on-disk cache of compiled data files (lexicon, rule lists), keyed by the files' content hash.

Parsing and validating YAML costs far more than reading stored data, so each loader compiles its files once to a
dict of plain values (str, int, float, bool, None, list, dict) and stores it under ``~/.cache/exolabel``
(``EXOLABEL_CACHE_DIR`` overrides the folder, ``EXOLABEL_NO_CACHE=1`` disables the cache). The file holds the
dict in ``marshal`` format (read in about half the time of JSON) behind a CRC-32 of those bytes: a file whose
check does not match (truncated, corrupt) is rebuilt, never unmarshalled; the file name carries the data files'
content hash (so changed data is never read from an older file), the marshal format version and the Python
version, which is all marshal's format depends on. A read-only cache folder only costs parse time. Parts a loader
names as ``deferred`` (keys, or paths of keys into nested dicts) are stored as their own marshal bytes and come
back as :class:`exolabel.datafiles.parts.Part` values, unmarshalled when first read.

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
try:  # the check of a stored file: 4 instructions a byte, BLAKE2 14 (the file name already says which data it is)
    from zlib import crc32
except ImportError:  # pragma: no cover - a Python built without zlib
    from binascii import crc32

from exolabel.datafiles.parts import Part

KeyPath = tuple[str, ...]  # a deferred part: keys from the top of the compiled dict


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
    prefix: str,
    files: Sequence[Path],
    version: int,
    compile_files: Callable[[Sequence[Path]], dict[str, Any]],
    deferred: Sequence[KeyPath] = (),
) -> dict[str, Any]:
    """``compile_files(files)``, read from ``<cache>/<prefix>-<hash>.marshal`` when the files are unchanged; the
    values at the ``deferred`` paths (those present) are :class:`Part` s, from the cache or freshly compiled."""
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
            prune(pointer.parent, f"{prefix}-stat-", KEEP_POINTERS, pointer)
    cfile = cache / f"{prefix}-{digest}-{_FORMAT}.marshal" if cache else None
    if cfile is not None:
        stored = _read(cfile)
        if stored is not None:
            return stored
    compiled = compile_files(files)
    for path in deferred:
        _swap(compiled, path, Part)
    if cfile is not None:
        _write(cfile, compiled, deferred)
        prune(cfile.parent, f"{prefix}-", KEEP_COMPILED, cfile, _is_compiled)
    return compiled


# Each change of the data files (an edited user lexicon, a new version) writes a compiled file and a pointer: a
# write keeps the newest of its kind, so the folder stays bounded (a file pruned and needed again is rebuilt).
KEEP_COMPILED = 4  # per prefix, the file just written included
KEEP_POINTERS = 16


def _is_compiled(rest: str) -> bool:
    """Is ``rest`` (a file name after ``<prefix>-``) a compiled data file: a 24-digit hash, then the format or an
    older format's suffix ("-m4-py311c.marshal", ".json")?"""
    return len(rest) > 25 and rest[24] in "-." and all(c in "0123456789abcdef" for c in rest[:24])


def prune(folder: Path, start: str, keep: int, written: Path, kind: Callable[[str], bool] | None = None) -> None:
    """Remove the oldest files of ``folder`` whose name starts with ``start`` (and whose rest ``kind`` accepts), so
    that ``keep`` remain, never ``written``; files that vanish or cannot be removed meanwhile are skipped."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(start) and (kind is None or kind(n[len(start) :]))]
    except OSError:
        return
    if len(names) <= keep:
        return
    from contextlib import suppress

    dated = []
    for n in names:
        try:
            dated.append((os.stat(folder / n).st_mtime_ns, n))
        except OSError:
            continue
    dated.sort(reverse=True)
    kept = {written.name}
    for _mtime, n in dated:
        if n in kept:
            continue
        if len(kept) < keep:
            kept.add(n)
            continue
        with suppress(OSError):
            os.remove(folder / n)


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
# ("c": the file is a CRC-32 then marshal's (deferred paths, data); older files had a BLAKE2 digest and the bare data)
_FORMAT = f"m{marshal.version}-py{sys.version_info[0]}{sys.version_info[1]}c"
_CHECK = 4


def _read(cfile: Path) -> dict[str, Any] | None:
    """The dict stored in ``cfile``, its deferred parts as unread :class:`Part` s; None when it is missing,
    unreadable, or its bytes do not match their CRC-32."""
    try:
        data = cfile.read_bytes()
    except OSError:
        return None
    body = memoryview(data)[_CHECK:]
    if len(data) <= _CHECK or crc32(body).to_bytes(_CHECK, "little") != data[:_CHECK]:
        return None
    try:
        paths, value = marshal.loads(body)
        if not isinstance(value, dict):
            return None
        for path in paths:
            _swap(value, tuple(path), _unread)
    except (ValueError, EOFError, TypeError, KeyError):
        return None
    return value


def _unread(blob: Any) -> Part:
    if type(blob) is not bytes:
        raise TypeError("a deferred part is stored as bytes")
    return Part(blob=blob)


def _swap(data: dict[str, Any], path: KeyPath, make: Callable[[Any], Any]) -> None:
    """Replace the value at ``path`` in ``data`` (nested dicts) by ``make(value)``, if the path is there."""
    *outer, last = path
    for key in outer:
        data = data.get(key)  # type: ignore[assignment]
        if not isinstance(data, dict):
            return
    if last in data:
        data[last] = make(data[last])


def _write(cfile: Path, compiled: dict[str, Any], deferred: Sequence[KeyPath] = ()) -> None:
    """Store ``compiled`` (its deferred :class:`Part` s as their marshal bytes) behind its CRC-32; a value marshal
    cannot store (a compiler bug) is skipped, the data still loads."""
    stored = _stored_copy(compiled, deferred)
    try:
        body = marshal.dumps(([list(p) for p in deferred], stored))
    except ValueError:
        return
    _write_bytes(cfile, crc32(body).to_bytes(_CHECK, "little") + body)


def _stored_copy(compiled: dict[str, Any], deferred: Sequence[KeyPath]) -> dict[str, Any]:
    """``compiled`` with each deferred part as its bytes (the dicts on a part's path copied, the rest shared)."""
    out = dict(compiled)
    for path in deferred:
        *outer, last = path
        data = out
        for key in outer:
            inner = data.get(key)
            if not isinstance(inner, dict):
                break
            data[key] = data = dict(inner)
        else:
            if isinstance(data.get(last), Part):
                data[last] = data[last].blob()
    return out


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``path`` atomically (a temporary file renamed); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
