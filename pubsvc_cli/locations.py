"""Where pubsvc's shipped data lies, and how a report names a file. Kept free of heavy imports:
the result cache needs both before anything is loaded."""

from __future__ import annotations

from pathlib import Path

from .result import SHIPPED_PREFIX


def shipped_data_dir() -> Path:
    """``pubsvc_cli/data`` in an installed wheel; the repository's ``data/`` in a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / "plans").is_dir():
            return candidate
    return package / "data"


def display_path(path: Path) -> str:
    """How a report names a file: shipped data by its stable name (``pubsvc:data/plans/guangxi.yaml``)
    when pubsvc found it itself; the user's own files relative to the working folder when inside
    it (so editors can open them), else as given."""
    resolved = path.resolve()
    if path.is_absolute():
        try:
            return SHIPPED_PREFIX + resolved.relative_to(shipped_data_dir().resolve()).as_posix()
        except ValueError:
            pass
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
