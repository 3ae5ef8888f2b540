"""The result cache of ``pubsvc check``: the same command on the same files gives the result of
its last run without doing the work again, as linters keep one (ruff, mypy).

The everyday check of one plan spends most of its second on starting up (importing the models
and building their validators) and reading its upper plans, not on the plan itself. An entry is
found by a fingerprint of everything the check's answer depends on:

- the command: its arguments as given and the working folder (reports name files relative to it);
- pubsvc's own code and the installed files of the libraries whose behaviour shapes the answer,
  by size and modification time (as Python itself decides whether its bytecode is current);
- the content of every file the check could read: each file given and the YAML files beside it
  (an upper plan is looked up there), the YAML files under each folder given, every YAML file of
  the data folders (``--data-dir`` and the shipped data: plans, the catalog, the standard), and
  the files of actual values.

Data files are compared by content, never by modification time, so a stale result cannot be
served: a change to any byte of any of them, or a file added or removed, gives another fingerprint. When the
files to compare exceed :data:`CONTENT_BUDGET` (a national batch), nothing is cached: hashing them
would cost more than the check saves.

Only this module reads or writes the cache; ``cli.check`` asks it first. Reporting is not cached:
``--format``, ``--lang``, ``--select`` and the rest apply to the cached result as to a fresh one.
``PUBSVC_NO_CACHE=1`` or ``--no-cache`` turn it off; ``PUBSVC_CACHE_DIR`` moves it (default:
``$XDG_CACHE_HOME/pubsvc``, else ``~/.cache/pubsvc``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import __version__
from .locations import shipped_data_dir

#: Bump when the layout of an entry changes.
ENTRY_FORMAT = 1
#: No entry when the files to compare are larger than this: a batch over a data folder of
#: thousands of plans gains nothing from a cache it must hash in full to trust.
CONTENT_BUDGET = 32 * 1024 * 1024
#: Entries kept; the oldest are removed beyond this.
MAX_ENTRIES = 256
#: Libraries whose behaviour shapes a result (parsing, validation, fuzzy matching, conversion,
#: spreadsheets): an upgrade of any of them gives another fingerprint.
LIBRARIES = ("yaml", "pydantic", "pydantic_core", "rapidfuzz", "opencc", "openpyxl")

_YAML_SUFFIXES = (".yaml", ".yml")


def cache_dir(environ=os.environ) -> Path | None:
    """Where entries live, or None when the cache is off."""
    if environ.get("PUBSVC_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    if environ.get("PUBSVC_CACHE_DIR"):
        return Path(environ["PUBSVC_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pubsvc"


def fingerprint(
    command: Sequence[str],
    given: Iterable[str],
    data_dirs: Iterable[Path],
    other_files: Iterable[Path],
) -> str | None:
    """The key of a run of ``command`` (the arguments that shape the result) on the plans, folders
    and ids ``given``, with these data folders and other input files (actual values); None when
    its files are over :data:`CONTENT_BUDGET` or cannot be read."""
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(repr(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\0")

    given = list(given)
    other_files = list(other_files)
    add(ENTRY_FORMAT, __version__, sys.version, os.getcwd(), *command, given, [str(path) for path in other_files])
    for path in _code_files():  # as Python trusts its own bytecode cache: by size and time
        status = path.stat()
        add(str(path), status.st_size, status.st_mtime_ns)
    files = _data_files([*data_dirs, shipped_data_dir()])
    for name in given:
        path = Path(name)
        if path.is_dir():
            files |= _yaml_files(path, recursive=True)
        else:
            files |= _yaml_files(path.parent if str(path.parent) else Path("."), recursive=False)
            if path.is_file():
                files.add(path.resolve())
    files |= {Path(path).resolve() for path in other_files}
    try:
        if sum(path.stat().st_size for path in files) > CONTENT_BUDGET:
            return None
        for path in sorted(files):
            add(str(path), hashlib.sha256(path.read_bytes()).digest())
    except OSError:  # a file that went away or cannot be read: the run itself will say so
        return None
    for name in LIBRARIES:
        add(name, _installed(name))
    return digest.hexdigest()


def load(key: str | None, directory: Path | None):
    """The result stored under ``key``, or None. An entry that does not read back (written by
    another version, cut short) is a miss, never an error."""
    if key is None or directory is None:
        return None
    try:
        with open(directory / f"{key}.pickle", "rb") as entry:
            stored_format, stored_key, result = pickle.load(entry)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - any damage to an entry only costs a fresh check
        return None
    return result if (stored_format, stored_key) == (ENTRY_FORMAT, key) else None


def store(key: str | None, directory: Path | None, result) -> None:
    """Keep ``result`` under ``key``, written whole or not at all; a cache that cannot be written
    (a read-only home, a full disk) is silently skipped, since the run itself succeeded."""
    if key is None or directory is None:
        return
    import tempfile

    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((ENTRY_FORMAT, key, result), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, directory / f"{key}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(directory)
    except (OSError, pickle.PicklingError):
        pass


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns)
    for path in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        path.unlink(missing_ok=True)


def _code_files() -> list[Path]:
    """pubsvc's own files (code and messages), its shipped data aside (that is data, hashed as such)."""
    package = Path(__file__).resolve().parent
    found = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name not in ("__pycache__", "data")]
        found += [Path(folder) / name for name in names]
    return sorted(found)


def _data_files(roots: Iterable[Path]) -> set[Path]:
    files: set[Path] = set()
    for root in roots:
        files |= _yaml_files(root, recursive=True)
    return files


def _yaml_files(folder: Path, recursive: bool) -> set[Path]:
    """The YAML files under ``folder``: the files an id can resolve to there. (A folder that does
    not exist has none; the run says what is missing.)"""
    if not folder.is_dir():
        return set()
    pattern = folder.rglob("*") if recursive else folder.glob("*")
    return {path.resolve() for path in pattern if path.suffix.lower() in _YAML_SUFFIXES and path.is_file()}


def _installed(name: str) -> tuple[str, int, int] | None:
    """Where ``name`` is installed, and its size and time: changed by an upgrade. Found without
    importing it, so that a cached run starts fast."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not os.path.exists(spec.origin):
        return None
    status = os.stat(spec.origin)
    return spec.origin, status.st_size, status.st_mtime_ns
