"""The code Python compiles while it makes a class, kept between runs of the ``exolabel`` command.

Python 3.11 writes each method of a dataclass (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, a frozen
class's ``__setattr__``...) as source text and compiles it with ``exec`` while the class statement runs; a
namedtuple's ``__new__`` is compiled with ``eval``, and ``typing`` compiles each string annotation of a
``NamedTuple`` (and of a typer command's parameters) with ``compile``. Compiling is most of the cost of making a
class: about 3 million instructions for a frozen dataclass of a few fields, and a scan makes some fifty classes
before it reads a label (about 110 million instructions of a cold ``scan`` with them, README "Speed").
:func:`install` makes those three modules compile through a memo of code objects keyed by the exact source text:
the same text compiles to the same code, so every class and method is what it would be without the memo
(``tests/test_codecache.py``). The memo is read from one ``marshal`` file in the compiled-data cache and written
back at exit when the run compiled a text the file did not hold.

The file is trusted as Python trusts its own ``__pycache__``: its name carries the interpreter's bytecode magic
number (code objects are only valid for the Python that wrote them), and a BLAKE2 digest of its bytes guards
against a truncated or corrupt file, which is then ignored and rewritten. A file past :data:`MAX_TEXTS` texts
(code edited over many versions) starts over. Only the ``exolabel`` command installs it (:func:`exolabel.cli.run`),
never a program that imports exolabel; there is one memo per process.
"""

from __future__ import annotations

import atexit
import collections
import dataclasses
import marshal
import os
import typing
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

try:  # CPython's built-in BLAKE2 (``hashlib`` would load OpenSSL)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b

MAX_TEXTS = 4096
_DIGEST = 16
FILE_NAME = f"classcode-{MAGIC_NUMBER.hex()}.marshal"


class CodeMemo:
    """(mode, source text) -> code object, for ``exec`` (dataclasses), ``eval`` (namedtuple) and ``compile``
    (typing); ``added`` counts the texts compiled since the file was read or saved."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.codes: dict[tuple[str, str], CodeType] = _read(path) if path is not None else {}
        self.added = 0

    def compiled(self, source: str, mode: str) -> CodeType:
        code = self.codes.get((mode, source))
        if code is None:
            # dont_inherit: compile as exec/eval would from dataclasses/collections (no __future__ flags of this module)
            code = self.codes[(mode, source)] = compile(source, "<string>", mode, dont_inherit=True)
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

    def save(self) -> None:
        """Write the memo if this run compiled something new (atomically; a cache that cannot be written is skipped)."""
        if not self.added or self.path is None:
            return
        codes = self.codes if len(self.codes) <= MAX_TEXTS else {}
        try:
            body = marshal.dumps(codes)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(blake2b(body, digest_size=_DIGEST).digest() + body)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass
        self.added = 0


def _read(path: Path) -> dict[tuple[str, str], CodeType]:
    """The memo stored at ``path``; empty when it is missing, unreadable, or its bytes do not match their digest."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    body = memoryview(data)[_DIGEST:]
    if len(data) <= _DIGEST or blake2b(body, digest_size=_DIGEST).digest() != data[:_DIGEST]:
        return {}
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


_INSTALLED: list[CodeMemo] = []


def install(directory: Path | None) -> CodeMemo | None:
    """Make ``dataclasses``, ``collections.namedtuple`` and ``typing`` compile through one memo stored in
    ``directory`` (None: no cache, nothing is installed). Once per process; later calls return the installed memo."""
    if _INSTALLED:
        return _INSTALLED[0]
    if directory is None:
        return None
    memo = CodeMemo(directory / FILE_NAME)
    # the name each module looks up when it compiles a class or an annotation (module globals shadow the builtins)
    dataclasses.exec = memo.exec  # type: ignore[attr-defined]
    collections.eval = memo.eval  # type: ignore[attr-defined]
    typing.compile = memo.compile  # type: ignore[attr-defined]
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
