"""Actual values from the files analysts have: YAML, CSV and Excel.

One reader per format turns a file into a :class:`~.table.Table` (``READERS``, by file suffix);
one interpreter (:mod:`.rows`) turns any table into :class:`ActualRow` values. Every problem is a
finding with the file, the row (as the line) and the column; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..catalog import CatalogIndex
from ..loading import Document
from ..messages import phrase
from ..result import Finding, Location
from .csv_reader import read_csv
from .rows import ActualRow, table_rows
from .table import Table, error
from .xlsx_reader import read_xlsx
from .yaml_reader import document_table, read_yaml

Reader = Callable[[Path, str], "tuple[Table | None, list[Finding]]"]

#: File suffix → the reader of that format. Add an input format here (see CONTRIBUTING.md).
READERS: dict[str, Reader] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".csv": read_csv,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
}


def read_actuals(path: Path, catalog: CatalogIndex, file: str | None = None) -> tuple[list[ActualRow], list[Finding]]:
    """Read one actuals file of any supported kind; ``file`` is how locations name it.

    Never raises: a reader that fails in a way not foreseen here (a library's bug on an odd
    file) reports PS101 with the exception's text, so that one file cannot end a whole check run
    with a traceback."""
    file = file or str(path)
    try:
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            return [], [
                error("PS110", Location(file), variant="kind", detail=path.suffix.lower() or phrase("file.no_suffix"))
            ]
        table, findings = reader(path, file)
        if table is None:
            return [], findings
        rows, problems = table_rows(table, catalog)
        return rows, findings + problems
    except Exception as exc:  # noqa: BLE001 - any failure on any input is a finding, never a crash
        return [], [error("PS101", Location(file), variant="unreadable", detail=f"{type(exc).__name__}: {exc}")]


def actuals_from_document(document: Document, catalog: CatalogIndex) -> tuple[list[ActualRow], list[Finding]]:
    """The actual values of a YAML document already loaded (by ``pubsvc validate``)."""
    table, findings = document_table(document)
    if table is None:
        return [], findings
    rows, problems = table_rows(table, catalog)
    return rows, findings + problems


__all__ = ["READERS", "ActualRow", "actuals_from_document", "read_actuals"]
