"""Actual values from the files analysts have: YAML, CSV and Excel.

One reader per format turns a file into a :class:`~.table.Table` (``READERS``, by file suffix);
one interpreter (:mod:`.rows`) turns any table into :class:`ActualRow` values. Every problem is a
finding with the file, the row (as the line) and the column; nothing here raises.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ..catalog import CatalogIndex
from ..loading import Document
from ..messages import phrase
from ..result import Finding, Location
from .csv_reader import cells, plain_lines, plain_records, raw_records, read_csv, read_csv_text
from .rows import ActualRow, plan_column, table_rows, text_rows
from .table import Cell, Table, UnreadableTable, error
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


@dataclass
class PlanRows:
    """The rows of one actuals file meant for one plan (``plan`` None: for whichever plan is
    checked), interpreted when that plan is checked: in a batch, by the worker that checks it."""

    file: str
    plan: str | None
    header: list[Cell] | None = None  # set for rows still to interpret: the table's header
    records: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (record number, texts)
    lines: str = ""  # or the lines of a plain CSV (csv_reader.plain_lines), joined by line breaks,
    numbers: array = field(default_factory=lambda: array("L"))  # and their record numbers
    rows: list[ActualRow] = field(default_factory=list)  # rows already interpreted

    def interpret(self, catalog: CatalogIndex) -> tuple[list[ActualRow], list[Finding]]:
        """The rows as actual values, and the problems of the cells they come from."""
        if self.header is None:
            return self.rows, []
        records = self.records or [
            (number, tuple(line.split(","))) for number, line in zip(self.numbers, self.lines.split("\n"), strict=True)
        ]
        return text_rows(self.file, self.header, records, catalog)


def read_actuals_by_plan(
    path: Path, catalog: CatalogIndex, file: str | None = None
) -> tuple[dict[str | None, PlanRows], list[Finding]]:
    """An actuals file's rows by the plan they are for, and the problems of the file as a whole.

    A CSV table with a plan column (a national table of 680,000 rows) is only split by that
    column here; each plan's rows are interpreted when that plan is checked, so that the work is
    spread with the plans. Every other file is read at once."""
    file = file or str(path)
    if path.suffix.lower() == ".csv":
        try:
            return _split_csv(path, catalog, file)
        except UnreadableTable as broken:
            return {}, [broken.finding]
        except Exception as exc:  # noqa: BLE001 - as in read_actuals: a finding, never a crash
            return {}, [error("PS101", Location(file), variant="unreadable", detail=f"{type(exc).__name__}: {exc}")]
    rows, findings = read_actuals(path, catalog, file)
    grouped: dict[str | None, PlanRows] = {}
    for row in rows:
        grouped.setdefault(row.plan, PlanRows(file, row.plan)).rows.append(row)
    return grouped, findings


def _split_csv(path: Path, catalog: CatalogIndex, file: str) -> tuple[dict[str | None, PlanRows], list[Finding]]:
    text, findings = read_csv_text(path, file)
    if text is None:
        return {}, findings
    lines = plain_lines(text)
    records = plain_records(lines) if lines is not None else raw_records(text, file)
    first = next(records, None)
    if first is None:
        return {}, findings + [error("PS110", Location(file), variant="empty", detail="")]
    header = cells(file, *first)
    column, problems = plan_column(header, file)
    if problems:
        return {}, findings + problems
    if column is None:  # rows for whichever plan is checked: read them now, once
        rows, problems = table_rows(Table(file, chain([header], (cells(file, n, r) for n, r in records))), catalog)
        return ({None: PlanRows(file, None, rows=rows)} if rows else {}), findings + problems
    grouped: dict[str | None, PlanRows] = {}
    if lines is not None:  # each plan's lines as they are, cut into texts when that plan is checked
        plan_lines: dict[str | None, tuple[list[str], array]] = {}
        for number, line in enumerate(lines[first[0] :], first[0] + 1):
            texts = line.split(",", column)
            plan = texts[column - 1].strip() if len(texts) >= column else ""
            if not plan and not any(map(str.strip, line.split(","))):
                continue  # a blank record
            mine, numbers = plan_lines.setdefault(plan or None, ([], array("L")))
            mine.append(line)
            numbers.append(number)
        # One text per plan, not one per row: a third of the memory, in the process and in each
        # worker that inherits it.
        return {
            key: PlanRows(file, key, header, lines="\n".join(mine), numbers=numbers)
            for key, (mine, numbers) in plan_lines.items()
        }, findings
    # One string object per repeated text: a national table repeats its plan ids, indicators and
    # years hundreds of thousands of times, and one copy of each keeps the split table small.
    one_copy = {}.setdefault
    for number, record in records:
        plan = record[column - 1].strip() if len(record) >= column else ""
        key = plan or None
        group = grouped.get(key)
        if group is None:
            group = grouped[key] = PlanRows(file, key, header)
        group.records.append((number, tuple(map(one_copy, record, record))))
    return grouped, findings


__all__ = ["READERS", "ActualRow", "PlanRows", "actuals_from_document", "read_actuals", "read_actuals_by_plan"]
