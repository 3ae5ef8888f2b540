"""Where pubsvc's data lies (the shipped data, the data folders and their plan folders) and how a
report names a file. Kept free of heavy imports: the result cache needs these before anything is
loaded, and must see the folders exactly as the repository does."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .result import SHIPPED_PREFIX


@lru_cache(maxsize=1)
def shipped_data_dir() -> Path:
    """``pubsvc_cli/data`` in an installed wheel; the repository's ``data/`` in a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / "plans").is_dir():
            return candidate
    return package / "data"


def data_roots(data_dirs: list[Path]) -> list[Path]:
    """The data folders, in the order an id is looked up: ``--data-dir`` ones, then the shipped data."""
    return [*data_dirs, shipped_data_dir()]


def plan_folders(roots: list[Path]) -> list[Path]:
    """Where each data folder keeps its plans: its ``plans/`` subfolder when it has one, else itself."""
    return [root / "plans" if (root / "plans").is_dir() else root for root in roots]


def display_path(path: Path) -> str:
    """How a report names a file: shipped data by its stable name (``pubsvc:data/plans/guangxi.yaml``)
    when pubsvc found it itself; the user's own files relative to the working folder when inside
    it (so editors can open them), else as given."""
    resolved = path.resolve()
    if path.is_absolute():
        try:
            return SHIPPED_PREFIX + resolved.relative_to(_resolved(str(shipped_data_dir()))).as_posix()
        except ValueError:
            pass
    try:
        return str(resolved.relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """A folder's real path, once per folder: a batch names thousands of files against the same two
    (the working folder, by its name as the system gives it now, and the shipped data)."""
    return Path(folder).resolve()
