"""CSV files → a table. UTF-8 (with or without a BOM) and, as Excel on a Chinese-locale Windows
saves them, GB18030/GBK."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..loading import decode, read_bytes
from ..messages import phrase
from ..result import Finding, Location
from .table import Table, UnreadableTable, cells, error


def read_csv(path: Path, file: str) -> tuple[Table | None, list[Finding]]:
    """A table whose rows are read as they are used: a national table of 680,000 rows is read
    through once, never held as cells."""
    text, findings = read_csv_text(path, file)
    return records(text, file) if text is not None else (None, findings)


def read_csv_text(path: Path, file: str) -> tuple[str | None, list[Finding]]:
    """The text of a CSV file. No size limit: a CSV has no nesting for a hostile file to abuse,
    and the csv module limits the length of a cell."""
    raw, findings = read_bytes(path, file, limit=None)
    if raw is None:
        return None, findings
    text, findings = decode(raw, file)
    if text is None and findings[0].args.get("variant") == "encoding":  # not UTF-16 or binary: maybe GBK
        try:
            return raw.decode("gb18030"), []
        except UnicodeDecodeError:
            return None, findings
    return text, findings


def records(text: str, file: str) -> tuple[Table | None, list[Finding]]:
    """The non-empty records of a CSV text as cells, as they are read; the line of a cell is its
    record's number.

    The reader is strict: a quote left open would otherwise swallow every following row into one
    cell without a word. A record the csv module cannot read raises :class:`UnreadableTable` to
    whoever reads the rows, and no row read before it counts (``table_rows``), since what
    follows it cannot be trusted to be aligned."""
    return Table(file, (cells(file, number, record) for number, record in raw_records(text, file))), []


def raw_records(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """(record number, its texts) for every record that is not blank; see :func:`records`."""
    lines = plain_lines(text)
    return plain_records(lines) if lines is not None else _csv_records(text, file)


def plain_lines(text: str) -> list[str] | None:
    """The lines of a CSV text whose records are its lines cut at the commas, as the csv module
    reads them: a text without quote characters, NULs or lone carriage returns, and without a
    line longer than the longest cell the csv module accepts. None for any other text, which only
    the csv module reads right. Tables of actual values are usually plain, and cutting lines is
    several times as fast."""
    if '"' in text or "\0" in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the line break that ends the last record
    if max(map(len, lines), default=0) > csv.field_size_limit():
        return None
    return lines


def plain_records(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """:func:`raw_records` of a plain text's lines (:func:`plain_lines`)."""
    for number, line in enumerate(lines, 1):
        record = line.split(",")
        if any(map(str.strip, record)):  # a record's cells are texts: blank is white space only
            yield number, record


def _csv_records(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UnreadableTable(
                error(
                    "PS101",
                    Location(file, number),
                    variant="unreadable",
                    detail=phrase("table.csv_row", row=number, problem=_problem(exc)),
                )
            ) from None
        if any(map(str.strip, record)):  # a csv record's cells are texts: blank is white space only
            yield number, record


def _problem(exc: csv.Error) -> Any:
    """The csv module's complaint in the words of someone who edits the file."""
    text = str(exc)
    if "field larger than field limit" in text:
        return phrase("table.csv_long_cell", limit=csv.field_size_limit())
    if "unexpected end of data" in text:
        return phrase("table.csv_open_quote")
    if "expected after" in text:
        return phrase("table.csv_after_quote")
    return text
