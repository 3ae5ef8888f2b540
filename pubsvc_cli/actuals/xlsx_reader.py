"""Excel workbooks (.xlsx, .xlsm) → a table: the worksheet named ``actuals`` (or ``实际值``),
else the first worksheet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..messages import phrase
from ..result import Finding, Location
from .table import Cell, Table, blank, error

_FORMULA_PROBLEM = "formula without a saved value{formula}: open and save the workbook in Excel/WPS, or enter the value"


def read_xlsx(path: Path, file: str) -> tuple[Table | None, list[Finding]]:
    from openpyxl import load_workbook  # lazy: heavy, and only needed for spreadsheets

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways (zip, XML, keys); all are "unreadable"
        return None, [
            error("PS101", Location(file), variant="unreadable", detail=phrase("file.workbook", detail=str(exc)))
        ]
    try:
        sheet = _actuals_sheet(book)
        if sheet is None:
            return None, [error("PS110", Location(file), variant="no_worksheet", detail="")]
        title = sheet.title
        rows = [
            [Cell(c.value, c.column, Location(file, c.row, c.column)) for c in row if hasattr(c, "row")]
            for row in sheet.iter_rows()
        ]
    finally:
        book.close()
    blanks = {(c.location.line, c.column) for row in rows for c in row if c.text is None}
    formulas = _uncached_formulas(path, title, blanks) if blanks else {}
    findings = [
        error(
            "PS107",
            Location(file, line, column),
            path=_coordinate(line, column),
            problem=phrase("table.formula", formula=f" ({text})" if text else ""),
        )
        for (line, column), text in sorted(formulas.items())
    ]
    rows = [
        [
            replace(c, formula=formulas[(c.location.line, c.column)]) if (c.location.line, c.column) in formulas else c
            for c in row
        ]
        for row in rows
    ]
    return Table(file, [row for row in rows if any(not blank(c.text) or c.formula is not None for c in row)]), findings


def _actuals_sheet(book: Any) -> Any:
    """The worksheet named ``actuals`` (or ``实际值``), else the first worksheet, else None.

    Only worksheets count: a chart sheet holds no cells (and has no rows to iterate), and a
    workbook often opens on its chart."""
    sheets = book.worksheets
    named = {sheet.title.strip().lower(): sheet for sheet in sheets}
    return next((named[n] for n in ("actuals", "实际值") if n in named), sheets[0] if sheets else None)


def _uncached_formulas(path: Path, title: str, blanks: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Which of the empty-looking cells are formulas with no saved value, and their text.

    A workbook written by a script (``=90+2``) stores the formula but no result; reading with
    ``data_only`` gives None, indistinguishable from an empty cell. Only when such cells exist is
    the workbook read a second time, with formulas."""
    from openpyxl import load_workbook

    found: dict[tuple[int, int], str] = {}
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        last = max(line for line, _ in blanks)
        for row in book[title].iter_rows(max_row=last):
            for c in row:
                if hasattr(c, "row") and (c.row, c.column) in blanks and c.data_type == "f":
                    found[(c.row, c.column)] = str(getattr(c.value, "text", c.value) or "")
    finally:
        book.close()
    return found


def _coordinate(line: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{line}"
