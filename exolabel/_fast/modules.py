"""The ``exolabel`` command's own modules served from its code memo, not found and read one ``.pyc`` file at a time.

An ordinary import of a module asks each finder on ``sys.meta_path`` in turn, looks the name up in the package
directory's listing, reads the stat data of the source and of its ``.pyc``, reads and checks the ``.pyc`` and only
then unmarshals its code: about 330,000 instructions a module in Python 3.11 before the module's own code runs,
and a scan imports some sixty of exolabel's. :func:`serve` puts a :class:`ModuleFinder` first on ``sys.meta_path``;
it answers for the package's modules that its file in the compiled-data cache holds (one file per command, read
and unmarshalled at once) and leaves every other name to the ordinary finders.

A stored module is served only while its source file's size and modification time (in nanoseconds) and its
directory's modification time are what they were when it was stored: an edited source, or a file added to or
removed from its directory (which can change what an ordinary import would find there, such as a package or an
extension module of the same name), makes the ordinary import run instead. At exit, before the memo is saved, each
module of the package that the run imported the ordinary way is stored: its code as the import system's own
loader gives it (the ``.pyc`` when valid, else compiled from the source), between two reads of its stat data that
agree, and only when the source is at least :data:`SETTLED_NS` old (a file rewritten within one tick of the clock
keeps its modification time).

A served module is what an ordinary import makes of the same file: its spec comes from importlib's
``spec_from_file_location`` with a ``SourceFileLoader`` (so the same ``__file__``, ``__cached__``, ``__path__``,
``get_source`` and resource reader) whose ``get_code`` returns the stored code. Entries are keyed by the package's
directory and the optimisation level (``-O``), so two installs sharing one cache, or an optimised run, never serve
each other's code. The file is trusted as Python trusts its own ``__pycache__``: its name carries the interpreter's
bytecode magic number, it is replaced atomically (never seen half-written), and one that does not unmarshal to the
expected form is ignored and rewritten. It is rewritten with the modules of the run that writes it (another
install's, and modules this run did not import, are dropped).
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
import time
from importlib.machinery import ModuleSpec, SourceFileLoader
from importlib.util import MAGIC_NUMBER, spec_from_file_location
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, NamedTuple

SETTLED_NS = 2_000_000_000  # a source younger than this is not stored (its stat data may not show the next edit)


def file_name(command: str) -> str:
    """One file per command: each loads the modules it imports, not the others'."""
    return f"modules-{command}-{MAGIC_NUMBER.hex()}.marshal"


class Stored(NamedTuple):
    """One module in the file: where its source is, the stat data it was stored with, and its code."""

    origin: str
    package: bool
    mtime_ns: int
    size: int
    dir_mtime_ns: int
    code: CodeType


class _StoredLoader(SourceFileLoader):
    """The ordinary source loader of ``path``, except that its code is the stored one."""

    def __init__(self, fullname: str, path: str, code: CodeType) -> None:
        super().__init__(fullname, path)
        self._code = code

    def get_code(self, fullname: str) -> CodeType:
        return self._code if fullname == self.name else super().get_code(fullname)


class ModuleFinder:
    """A ``sys.meta_path`` finder for the modules of one package (``package``, imported from ``root``) stored in
    the file at ``path`` (None: nothing stored or saved); the names it does not serve are left to the finders
    after it."""

    def __init__(self, path: Path | None, package: str, root: str) -> None:
        self.path = path
        self.prefix = package + "."
        self.root = root
        self.stored: dict[tuple[str, int, str], Stored] = _read(path) if path is not None else {}
        self.served: set[str] = set()  # names this run imported from the file
        self.new: set[str] = set()  # names this run imported the ordinary way and stored
        self._dirs: dict[str, int | None] = {}  # directory -> modification time, read once per process
        self._before = frozenset(sys.modules)  # imported before the finder: loaded ordinarily on every run

    def key(self, name: str) -> tuple[str, int, str]:
        return (self.root, sys.flags.optimize, name)

    def find_spec(self, name: str, path: Any = None, target: ModuleType | None = None) -> ModuleSpec | None:
        if not name.startswith(self.prefix):
            return None
        stored = self.stored.get(self.key(name))
        if stored is None:
            return None
        try:
            st = os.stat(stored.origin)
        except OSError:
            return None
        if st.st_mtime_ns != stored.mtime_ns or st.st_size != stored.size:
            return None
        if self._dir_mtime(os.path.dirname(stored.origin)) != stored.dir_mtime_ns:
            return None
        self.served.add(name)
        locations = [os.path.dirname(stored.origin)] if stored.package else None
        loader = _StoredLoader(name, stored.origin, stored.code)
        return spec_from_file_location(name, stored.origin, loader=loader, submodule_search_locations=locations)

    def invalidate_caches(self) -> None:
        self._dirs.clear()

    def _dir_mtime(self, directory: str) -> int | None:
        if directory not in self._dirs:
            try:
                self._dirs[directory] = os.stat(directory).st_mtime_ns
            except OSError:
                self._dirs[directory] = None
        return self._dirs[directory]

    def store_imported(self) -> int:
        """Add each module of the package that this process imported the ordinary way since the finder was made;
        returns how many this run has stored."""
        now = time.time_ns()
        for name, module in list(sys.modules.items()):
            if not name.startswith(self.prefix) or name in self._before or name in self.served or name in self.new:
                continue
            stored = _stored_form(name, module, self.root, now)
            if stored is not None:
                self.stored[self.key(name)] = stored
                self.new.add(name)
        return len(self.new)

    def save(self) -> None:
        """Store the modules imported the ordinary way and, if there were any, write the file (atomically) with
        the modules this run imported, served or stored (a module edited since is stored as it is now); a cache
        that cannot be written is skipped."""
        if self.path is None or not self.store_imported():
            return
        used = self.served | self.new
        keep = {k: tuple(v) for k, v in self.stored.items() if k[0] == self.root and k[2] in used}
        try:
            body = marshal.dumps(keep)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(body)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass


def _read(path: Path) -> dict[tuple[str, int, str], Stored]:
    """The modules stored at ``path``; none when it is missing, unreadable or not of the expected form."""
    try:
        value = marshal.loads(path.read_bytes())
        return {k: Stored(*v) for k, v in value.items()}
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        return {}


def _stored_form(name: str, module: ModuleType, root: str, now: int) -> Stored | None:
    """``module`` as the file stores it, or None when it did not come from a source file under ``root`` or its
    source is not settled (too new, or changed while its code was read)."""
    spec = getattr(module, "__spec__", None)
    loader = getattr(spec, "loader", None)
    origin = getattr(spec, "origin", None)
    if type(loader) is not SourceFileLoader or not isinstance(origin, str):
        return None
    if not origin.startswith(root + os.sep):
        return None
    directory = os.path.dirname(origin)
    try:
        before, dir_before = os.stat(origin), os.stat(directory)
        if now - before.st_mtime_ns < SETTLED_NS:
            return None
        code = loader.get_code(name)
        after, dir_after = os.stat(origin), os.stat(directory)
    except (OSError, ImportError, SyntaxError, ValueError):
        return None
    if code is None or (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return None
    if dir_before.st_mtime_ns != dir_after.st_mtime_ns:
        return None
    package = spec.submodule_search_locations is not None
    return Stored(origin, package, after.st_mtime_ns, after.st_size, dir_after.st_mtime_ns, code)


def serve(directory: Path | None, command: str, package: ModuleType) -> ModuleFinder | None:
    """Serve ``package``'s modules from ``command``'s file in ``directory`` for the rest of the process, and save
    at exit the ones imported the ordinary way. None when there is no cache directory or the package has no
    single directory of its own."""
    paths = list(getattr(package, "__path__", ()))
    if directory is None or len(paths) != 1:
        return None
    finder = ModuleFinder(directory / file_name(command), package.__name__, os.path.abspath(paths[0]))
    sys.meta_path.insert(0, finder)
    atexit.register(finder.save)
    return finder


def withdraw(finder: ModuleFinder) -> None:
    """Undo :func:`serve` (tests): later imports find modules the ordinary way; nothing is saved at exit."""
    atexit.unregister(finder.save)
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
