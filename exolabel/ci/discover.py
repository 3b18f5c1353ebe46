"""Which files ``exolabel check`` reads: label files under the paths given, chosen by include/exclude globs.

Globs are relative to the directory of the config file that declares them (the current directory for globs
given on the command line without a config), never to the directory being walked, so ``exolabel check``,
``exolabel check labels`` and ``exolabel check`` run inside ``labels/`` choose the same files. Hidden files and
directories are never label files. A symbolic link is read only when its target stays inside the repository
root (``boundary``); one that leads out of it is not read and is reported as skipped, with the reason.
Pure apart from listing directories and resolving links.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from exolabel.labelfile.read import LABEL_SUFFIXES

CHECK_SUFFIXES = (*LABEL_SUFFIXES, ".txt")


@lru_cache(maxsize=256)
def glob_re(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regex over '/'-separated relative paths. '**' spans directories; a pattern
    without '/' matches a file or directory name at any depth."""
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    if "/" not in pat.rstrip("/"):
        pat = "**/" + pat
    out, i = [], 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    return re.compile("".join(out).rstrip("/") + "(?:/.*)?$")


def matches(rel: str, patterns: Iterable[str]) -> bool:
    return any(glob_re(p).match(rel) for p in patterns)


def relative(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, links left unresolved (absolute when on another
    drive)."""
    p = Path(os.path.abspath(path))
    try:
        return Path(os.path.relpath(p, os.path.abspath(root))).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass(frozen=True)
class Globs:
    """Include and exclude globs, relative to ``root`` (the declaring config file's directory)."""

    root: Path
    include: tuple[str, ...]
    exclude: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(self.include)

    def selects(self, path: Path) -> bool:
        """Whether the file at ``path`` is a label file these globs choose."""
        return self.selects_rel(relative(path, self.root))

    def selects_rel(self, rel: str) -> bool:
        """Whether the file at ``rel`` ('/'-separated, relative to the root) is a label file these globs choose."""
        parts = rel.split("/")
        if any(p.startswith(".") and p != ".." for p in parts):
            return False
        if not parts[-1].lower().endswith(CHECK_SUFFIXES):
            return False
        return matches(rel, self.include) and not matches(rel, self.exclude)

    def prunes(self, directory: Path) -> bool:
        """Whether nothing under ``directory`` can be chosen: hidden or excluded."""
        rel = relative(directory, self.root)
        if rel == ".":
            return False
        return any(p.startswith(".") and p != ".." for p in rel.split("/")) or matches(rel + "/", self.exclude)


@dataclass(frozen=True)
class Skipped:
    """A file or directory not read, and why (shown as a warning in every output format)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Discovery:
    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...] = ()


def inside(path: Path, boundary: Path) -> bool:
    """Whether ``path``, with every link resolved, is ``boundary`` or below it."""
    return path.resolve().is_relative_to(boundary.resolve())


def _escapes(path: Path, boundary: Path) -> bool:
    """A path that is written inside ``boundary`` but whose links lead out of it."""
    return inside(Path(os.path.abspath(path)).parent, boundary) and not inside(path, boundary)


def _link_note(path: Path) -> str:
    return f"symbolic link to a {'directory' if path.is_dir() else 'file'} outside the repository root: not read"


def discover(paths: Sequence[Path], globs: Globs, boundary: Path, *, filter_files: bool = False) -> Discovery:
    """Label files under ``paths``. Directories are walked for the files ``globs`` choose (hidden ones and
    directory links are not entered); a file named explicitly is checked whatever the globs say, unless
    ``filter_files`` (pre-commit passes every changed file) applies them to it too. Links that resolve outside
    ``boundary`` are skipped wherever they are met."""
    out: dict[Path, None] = {}
    skipped: dict[Path, Skipped] = {}
    for start in paths:
        if _escapes(start, boundary):
            skipped[start] = Skipped(start, _link_note(start))
            continue
        if not start.is_dir():
            if not filter_files or globs.selects(start):
                out[start] = None
            continue
        for dirpath, dirnames, filenames in os.walk(start):
            here = Path(dirpath)
            rel_dir = relative(here, globs.root)
            prefix = "" if rel_dir == "." else rel_dir + "/"
            keep = []
            for d in sorted(dirnames):
                sub = here / d
                if globs.prunes(sub):
                    continue
                if sub.is_symlink():
                    if not inside(sub, boundary):
                        skipped[sub] = Skipped(sub, _link_note(sub))
                    continue  # os.walk does not follow directory links; in-tree ones are walked where they point
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                if not globs.selects_rel(prefix + name):
                    continue
                f = here / name
                if f.is_symlink() and not inside(f, boundary):
                    skipped[f] = Skipped(f, _link_note(f))
                else:
                    out[f] = None
    return Discovery(tuple(out), tuple(skipped.values()))


def repository_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` holding ``.git``, else ``start`` itself."""
    here = start.resolve()
    for d in (here, *here.parents):
        if (d / ".git").exists():
            return d
    return here
