"""The result cache of ``pubsvc check``: the same command on the same files gives the result of
its last run without doing the work again, as linters keep one (ruff, mypy).

The everyday check of one plan spends most of its second on starting up (importing the models
and building their validators) and reading its upper plans, not on the plan itself. An entry is
found by a fingerprint of everything the check's answer depends on:

- the command: its arguments as given, what each names (a file, a folder, nothing) and the
  working folder (reports name files relative to it);
- pubsvc's own files, by content, and the installed files of the libraries whose behaviour shapes
  the answer (each package folder's files by name, size and time: an upgrade changes them);
- every folder the check could look a plan up in, walked as the check sees it (through links):
  each entry's name and kind, and each YAML file's content and the file it resolves to. These are
  the folders of the files given (an upper plan is looked up beside a plan), the folders given, the
  data folders (``--data-dir`` and the shipped data: plans, the catalog, the standard), and, for a
  plan given by name, the files of that name in the plan folders;
- the files of actual values, by content.

Files are compared by content, never by modification time, so a stale result cannot be served: a
change to any byte of any of them, a file added, removed, renamed or linked elsewhere, or a folder
created where the check looks gives another fingerprint. The fingerprint is taken again after the
check, and the result kept only if nothing changed meanwhile (a file saved during the run; only a
save undone before the run ends would go unseen). When
the files to compare exceed :data:`CONTENT_BUDGET` (a national batch), nothing is cached: hashing
them would cost more than the check saves.

Only this module reads or writes the cache; ``cli.check`` asks it first. Reporting is not cached:
``--format``, ``--lang``, ``--select`` and the rest apply to the cached result as to a fresh one.
Entries are pickles, so the folder must be the user's own: one that another user owns or may
write to is not used. ``PUBSVC_NO_CACHE=1`` or ``--no-cache`` turn the cache off;
``PUBSVC_CACHE_DIR`` moves it (default: ``$XDG_CACHE_HOME/pubsvc``, else ``~/.cache/pubsvc``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import __version__
from .locations import data_roots, plan_folders

#: Bump when the layout of an entry changes.
ENTRY_FORMAT = 2
#: No entry when the files to compare are larger than this: a batch over a data folder of
#: thousands of plans gains nothing from a cache it must hash in full to trust.
CONTENT_BUDGET = 32 * 1024 * 1024
#: Entries kept; those used least recently are removed beyond this.
MAX_ENTRIES = 256
#: Libraries whose behaviour shapes a result (parsing, validation, fuzzy matching, conversion,
#: spreadsheets, and what these build on).
LIBRARIES = (
    "yaml",
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "typing_extensions",
    "rapidfuzz",
    "opencc",
    "openpyxl",
    "et_xmlfile",
)

_YAML_SUFFIXES = (".yaml", ".yml")


class _OverBudget(Exception):
    pass


def cache_dir(environ=os.environ) -> Path | None:
    """Where entries live, or None when the cache is off."""
    if environ.get("PUBSVC_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if environ.get("PUBSVC_CACHE_DIR"):
        return Path(environ["PUBSVC_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pubsvc"


def fingerprint(
    command: Sequence[object],
    given: Iterable[str],
    data_dirs: Iterable[Path],
    other_files: Iterable[Path],
) -> str | None:
    """The key of a run of ``command`` (the options that shape the result) on the plans, folders
    and names ``given``, with these data folders and other input files (actual values); None when
    its files are over :data:`CONTENT_BUDGET` or cannot be looked at."""
    inputs = _Inputs()
    try:
        inputs.add("format", ENTRY_FORMAT, __version__, sys.version, os.getcwd(), *command)
        for path in _code_files():
            inputs.file(path, content=True, resolved="")  # where the running code is, by content
        for name in LIBRARIES:
            inputs.library(name)
        roots = data_roots([Path(d) for d in data_dirs])
        for root in roots:
            inputs.folder(root, recursive=True)
        plan_dirs = plan_folders(roots)
        for name in given:
            inputs.given(name, plan_dirs)
        for path in other_files:  # in order: each by its name as given, what it resolves to, its content
            inputs.add("other")
            inputs.file(Path(path), content=True)
        return inputs.digest()
    except (OSError, _OverBudget, ValueError, RecursionError):
        return None


def load(key: str | None, directory: Path | None, valid: Callable[[object], bool] = lambda _: True):
    """The payload stored under ``key``, or None. An entry that does not read back (written by
    another version, cut short, not what ``valid`` expects) is a miss, never an error."""
    if key is None or directory is None or not _trusted(directory):
        return None
    entry = directory / f"{key}.pickle"
    try:
        if not _trusted(entry):
            return None
        with open(entry, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # noqa: BLE001 - any damage to an entry only costs a fresh check
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (ENTRY_FORMAT, key)):
        return None
    if not valid(stored[2]):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # used: the last to be pruned
    return stored[2]


def store(key: str | None, directory: Path | None, payload: object) -> None:
    """Keep ``payload`` under ``key``, written whole or not at all; a cache that cannot be written
    (a read-only home, a full disk, a folder that is not the user's own) is silently skipped, since
    the run itself succeeded."""
    if key is None or directory is None:
        return
    import tempfile

    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(directory):
            return
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((ENTRY_FORMAT, key, payload), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, directory / f"{key}.pickle")
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # gone already when the entry was written
        _prune(directory)
    except Exception:  # noqa: BLE001 - a result that cannot be kept is only not kept
        return


class _Inputs:
    """The fingerprint being taken: what was looked at, in a fixed order, and the content to hash."""

    def __init__(self) -> None:
        self.parts: list[object] = []
        self.contents: list[Path] = []  # files whose bytes go into the fingerprint, in order
        self.size = 0
        self.walking: set[str] = set()

    def add(self, *parts: object) -> None:
        self.parts.extend(parts)

    def file(self, path: Path, content: bool, resolved: str | None = None) -> None:
        """A file as named: what it resolves to (``resolved`` when the caller knows it), its kind,
        and its content (or size and time)."""
        try:
            status = os.stat(path)
        except FileNotFoundError:
            self.add("absent", str(path), os.path.islink(path))  # a dangling link is also nothing to read
            return
        if resolved is None:
            resolved = os.path.realpath(path)
        if not stat.S_ISREG(status.st_mode):  # a folder, a pipe, a device: the check says what it is
            self.add("not-a-file", str(path), resolved, stat.S_IFMT(status.st_mode))
            return
        if content:
            self.size += status.st_size
            if self.size > CONTENT_BUDGET:
                raise _OverBudget
            self.add("file", str(path), resolved, len(self.contents))
            self.contents.append(path)
        else:
            self.add("file", str(path), resolved, status.st_size, status.st_mtime_ns)

    def folder(self, folder: Path, recursive: bool) -> None:
        """Each entry of ``folder`` by name and kind, YAML files by content; subfolders too (through
        links, once each) when ``recursive``."""
        real = os.path.realpath(folder)
        if not os.path.isdir(folder):
            self.add("no-folder", str(folder), os.path.exists(folder))
            return
        if real in self.walking:  # a link back up: walked already
            self.add("walked", str(folder), real)
            return
        self.walking.add(real)
        self.add("folder", str(folder), real)
        with os.scandir(folder) as entries:
            names = sorted((entry.name, entry.is_dir(), entry.is_symlink()) for entry in entries)
        for name, is_folder, is_link in names:
            path = folder / name
            if is_folder:
                if recursive:
                    self.folder(path, recursive=True)
                else:
                    self.add("subfolder", name)
            else:  # resolved through the folder's own real path, unless the entry is a link itself
                resolved = None if is_link else os.path.join(real, name)
                self.file(path, content=path.suffix.lower() in _YAML_SUFFIXES, resolved=resolved)
        self.walking.discard(real)

    def given(self, name: str, plan_dirs: list[Path]) -> None:
        """An argument of the check: a folder (its plan files), a file (and the folder it is in, where
        its upper plan is looked up), or a name the check looks up in the plan folders."""
        path = Path(name)
        self.add("given", name)
        if path.is_dir():
            self.folder(path, recursive=True)
        elif path.exists():
            self.file(path, content=True)
            self.folder(path.parent, recursive=False)
        else:  # looked up by name (a dangling link counts as nothing, as for the check)
            self.add("by-name", os.path.islink(path))
            if os.sep not in name and "/" not in name:
                for folder in plan_dirs:
                    for candidate in (name, *(name + suffix for suffix in _YAML_SUFFIXES)):
                        self.file(folder / candidate, content=True)

    def library(self, name: str) -> None:
        """Where ``name`` is installed and its files' names, sizes and times, found without
        importing it, so that a cached run starts fast."""
        from importlib.util import find_spec

        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        self.add("library", name)
        if spec is None or not spec.origin:
            return
        if spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                self.folder_stats(Path(location))
        else:
            self.file(Path(spec.origin), content=False)

    def folder_stats(self, folder: Path) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_file():
                    status = entry.stat()
                    self.add(entry.name, status.st_size, status.st_mtime_ns)

    def digest(self) -> str:
        digest = hashlib.sha256()
        for part in self.parts:
            digest.update(repr(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        for path in self.contents:
            with open(path, "rb") as handle:  # a regular file (checked above)
                digest.update(hashlib.sha256(handle.read()).digest())
        return digest.hexdigest()


def _trusted(path: Path) -> bool:
    """Whether ``path`` is the user's own and no one else may write to it: an entry is a pickle,
    which runs code as it loads. (On systems without owners, such as Windows, any folder is.)"""
    if not hasattr(os, "getuid"):
        return True
    try:
        status = os.stat(path)
    except OSError:
        return False
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(directory: Path) -> None:
    """Remove the entries used least recently beyond :data:`MAX_ENTRIES`, and what runs that were
    killed while writing left behind."""
    entries = sorted(directory.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns)
    for path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        path.unlink(missing_ok=True)
    an_hour_ago = time.time() - 3600
    for path in directory.glob(".entry-*.tmp"):
        if path.stat().st_mtime < an_hour_ago:
            path.unlink(missing_ok=True)


def _code_files() -> list[Path]:
    """pubsvc's own files (code and messages), its shipped data aside (that is data, walked as such)."""
    package = Path(__file__).resolve().parent
    found = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name not in ("__pycache__", "data"))
        found += [Path(folder) / name for name in sorted(names)]
    return found
