"""The one shape every actuals reader yields: a table of located cells, its first row the header."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..messages import phrase
from ..result import Finding, Location, Severity


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its content as the file holds it, its column in the table, and where it is.

    ``location`` is what a finding points at: the file, line and column of a spreadsheet cell, or
    the place of a value in a YAML file. ``formula`` is a workbook formula with no saved value,
    which the reader has already reported."""

    text: Any
    column: int
    location: Location
    formula: str | None = None

    @property
    def blank(self) -> bool:
        return blank(self.text)


@dataclass
class Table:
    """The rows of one file's table, the header first; rows with nothing in them are left out.
    ``rows`` may be a stream, read once (a CSV file's rows are read as they are interpreted)."""

    file: str
    rows: Iterable[list[Cell]]


class UnreadableTable(Exception):
    """A streamed table broke off in the middle: ``finding`` says where and why; no row of the
    table is used."""

    def __init__(self, finding: Finding):
        super().__init__(finding)
        self.finding = finding


def cells(file: str, number: int, record: list[str] | tuple[str, ...]) -> list[Cell]:
    """One record of texts (a CSV record, numbered as its line) as cells."""
    return [Cell(value, column, Location(file, number, column)) for column, value in enumerate(record, start=1)]


def blank(text: Any) -> bool:
    return text is None or (isinstance(text, str) and not text.strip())


def error(rule: str, location: Location, **args: Any) -> Finding:
    return Finding(rule, Severity.ERROR, location, args=args)


def shown(value: Any) -> Any:
    """A cell as a message shows it (the message quotes it): its text, never a Python repr such as
    ``Decimal('2022.0')``; a list or mapping is named as such, in the run's language."""
    if isinstance(value, list):
        return phrase("table.a_list")
    if isinstance(value, dict):
        return phrase("table.a_mapping")
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()
