"""What Python compiles while the ``exolabel`` command starts (class code, regular expressions), kept between runs.

Python 3.11 writes each method of a dataclass (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, a frozen
class's ``__setattr__``...) as source text and compiles it with ``exec`` while the class statement runs; a
namedtuple's ``__new__`` is compiled with ``eval``, and ``typing`` compiles each string annotation of a
``NamedTuple`` (and of a typer command's parameters) with ``compile``. Compiling is most of the cost of making a
class: about 3 million instructions for a frozen dataclass of a few fields, and a scan makes some fifty classes
before it reads a label. Likewise ``re`` parses and compiles each pattern to a program for its C engine in Python
code (importing PyYAML runs about 80 million instructions, 15 million with the memo). :func:`install` makes those
modules compile through one memo keyed by the exact text: a code object per source text, and per pattern (text and
flags) the program ``re`` hands to ``_sre.compile``. The same text compiles to the same code and the same program,
so every class, method and pattern is what it would be without the memo (``tests/test_codecache.py``; ``re``
compares patterns by their programs). The memo is read from a ``marshal`` file per command in the compiled-data
cache and written back at exit when the run compiled something the file did not hold.

The file is trusted as Python trusts its own ``__pycache__``: its name carries the interpreter's bytecode magic
number and the regular-expression engine's (code objects and programs are only valid for the Python that wrote
them), and a CRC-32 of its bytes guards against a truncated or corrupt file, which is then ignored and
rewritten. A file past :data:`MAX_TEXTS` entries or :data:`MAX_BYTES`, or over :data:`STALE_FLOOR` with less than
half of its entries used by the run (code and data edited over many versions, an upgrade: each version's class code
and patterns are new entries), is written back with only what the run used. Only the
``exolabel`` command installs it (:func:`exolabel.cli.run`), never a program that imports exolabel; there is one
memo per process.
"""

from __future__ import annotations

import _sre
import atexit
import collections
import dataclasses
import marshal
import os
import re
import typing
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

try:  # a CRC-32 of the file guards against a truncated or corrupt one (4 instructions a byte; BLAKE2's 14)
    from zlib import crc32
except ImportError:  # pragma: no cover - a Python built without zlib
    from binascii import crc32

MAX_TEXTS = 4096
MAX_BYTES = 2 << 20  # a batch run uses about 280 kB of it; each megabyte more costs about 2 MB of memory per process
STALE_FLOOR = 256 << 10  # a file over this that the run used less than half of is written back with what it used
_CHECK = 4  # bytes of the CRC-32 before the marshal data


def file_name(command: str) -> str:
    """One memo file per command: each loads what it compiles, not what the others do (batch and check compile
    patterns a scan never needs)."""
    return f"compiled-{command}-{MAGIC_NUMBER.hex()}-sre{_sre.MAGIC}.marshal"


# re's pattern compiler (Python 3.11+: re._compiler), and whether its program can be taken from _sre.compile's call
_RE_COMPILER: Any = getattr(re, "_compiler", None)
_RE_COMPILE: Any = getattr(_RE_COMPILER, "compile", None)
_RE_OK = _RE_COMPILE is not None and getattr(_RE_COMPILER, "_sre", None) is _sre
# a pattern holding one of these may make the parser warn (a possible nested set or set operation): never kept, so
# the warning is shown on every run as without the memo
_MAY_WARN = ("[[", "--", "&&", "~~", "||")


class _Recorder:
    """Stands for the ``_sre`` module inside ``re._compiler`` while one pattern compiles: keeps the arguments of
    its ``_sre.compile`` call (the pattern, its flags, program and groups)."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _sre.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


class CodeMemo:
    """(mode, source text) -> code object, for ``exec`` (dataclasses), ``eval`` (namedtuple) and ``compile``
    (typing), and ("re", pattern, flags) -> the pattern's program for ``re``; ``added`` counts the entries compiled
    since the file was read or saved."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.codes: dict[tuple[Any, ...], Any] = {}
        self.size = 0  # the bytes of the file read
        if path is not None:
            self.codes, self.size = _read(path)
        self.added = 0
        self.used: set[tuple[Any, ...]] = set()  # the entries this run asked for

    def compiled(self, source: str, mode: str) -> CodeType:
        key = (mode, source)
        self.used.add(key)
        code = self.codes.get(key)
        if code is None:
            # dont_inherit: compile as exec/eval would from dataclasses/collections (no __future__ flags of this module)
            code = self.codes[key] = compile(source, "<string>", mode, dont_inherit=True)
            self.added += 1
        return code

    def compile(self, source: Any, filename: str, mode: str) -> CodeType:
        """``compile(source, filename, mode)`` as ``typing.ForwardRef`` calls it for a string annotation."""
        if type(source) is str and filename == "<string>":
            return self.compiled(source, mode)
        return compile(source, filename, mode, dont_inherit=True)  # pragma: no cover - typing passes '<string>'

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        exec(self.compiled(source, "exec") if type(source) is str else source, globals, locals)

    def eval(self, source: Any, globals: Any = None, locals: Any = None) -> Any:
        return eval(self.compiled(source, "eval") if type(source) is str else source, globals, locals)

    def regex(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile(pattern, flags)``, which ``re.compile`` and the module functions call for a
        pattern not in re's own cache: a text pattern's program (what ``_sre.compile`` is given) is kept, so the next
        run builds the same pattern object without parsing and compiling the expression."""
        if type(pattern) is not str or flags & re.DEBUG or any(w in pattern for w in _MAY_WARN):
            return _RE_COMPILE(pattern, flags)
        key = ("re", pattern, flags)
        self.used.add(key)
        program = self.codes.get(key)
        if program is not None:
            return _sre.compile(pattern, *program)
        recorder = _Recorder()
        _RE_COMPILER._sre = recorder
        try:
            compiled = _RE_COMPILE(pattern, flags)
        finally:
            _RE_COMPILER._sre = _sre
        if recorder.args is not None and recorder.args[0] is pattern:
            _, final_flags, code, groups, groupindex, indexgroup = recorder.args
            # the program's opcodes are int subclasses (named constants), which marshal does not store: plain ints
            self.codes[key] = (int(final_flags), [int(c) for c in code], int(groups), dict(groupindex), indexgroup)
            self.added += 1
        return compiled

    def save(self) -> None:
        """Write the memo if this run compiled something new, or the file is full (then with only the entries this
        run used), atomically; a cache that cannot be written is skipped."""
        full = len(self.codes) > MAX_TEXTS or self.size > MAX_BYTES
        # or mostly what older versions compiled (each entry costs memory in every process that reads the file)
        full = full or (self.size > STALE_FLOOR and 2 * len(self.used & self.codes.keys()) < len(self.codes))
        if self.path is None or not (self.added or full):
            return
        codes = {k: v for k, v in self.codes.items() if k in self.used} if full else self.codes
        try:
            body = marshal.dumps(codes)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(crc32(body).to_bytes(_CHECK, "little") + body)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass
        self.codes, self.size, self.added = codes, len(body) + _CHECK, 0


def _read(path: Path) -> tuple[dict[tuple[Any, ...], Any], int]:
    """The memo stored at ``path`` and the file's size; empty when it is missing, unreadable, or its bytes do not match
    their CRC-32."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}, 0
    body = memoryview(data)[_CHECK:]
    if len(data) <= _CHECK or crc32(body).to_bytes(_CHECK, "little") != data[:_CHECK]:
        return {}, len(data)
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}, len(data)
    return (value if isinstance(value, dict) else {}), len(data)


_INSTALLED: list[CodeMemo] = []


def install(directory: Path | None, command: str = "other") -> CodeMemo | None:
    """Make ``dataclasses``, ``collections.namedtuple``, ``typing`` and ``re`` compile through one memo stored in
    ``directory`` for ``command`` (None: no cache, nothing is installed). Once per process; later calls return
    the installed memo."""
    if _INSTALLED:
        return _INSTALLED[0]
    if directory is None:
        return None
    memo = CodeMemo(directory / file_name(command))
    # the name each module looks up when it compiles a class or an annotation (module globals shadow the builtins)
    dataclasses.exec = memo.exec  # type: ignore[attr-defined]
    collections.eval = memo.eval  # type: ignore[attr-defined]
    typing.compile = memo.compile  # type: ignore[attr-defined]
    if _RE_OK:
        _RE_COMPILER.compile = memo.regex
    atexit.register(memo.save)
    _INSTALLED.append(memo)
    return memo


def uninstall() -> None:
    """Undo :func:`install` (tests): the modules compile with the builtins again, and the memo is saved."""
    if _INSTALLED:
        memo = _INSTALLED.pop()
        atexit.unregister(memo.save)
        memo.save()
        dataclasses.__dict__.pop("exec", None)
        collections.__dict__.pop("eval", None)
        typing.__dict__.pop("compile", None)
        if _RE_OK:
            _RE_COMPILER.compile = _RE_COMPILE
