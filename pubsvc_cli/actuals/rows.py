"""A table's header and rows → actual values. The same for every file format.

Every layout is a table with one header row:

* long form — columns ``indicator, year, value`` (optional ``plan``, ``note``); Chinese headers
  指标 / 年份 / 数值 (or 实际值) / 规划 / 备注 are accepted too;
* wide form — an ``indicator`` column and one column per year (``2021``, ``2022年`` …).

The indicator is a catalog id, or any catalog name or alias. Values use the plan value grammar
(``101.07``, ``≥95``, ``〔27.4〕``, ``98.6；99.1``, ``应保尽保``).

Nothing is resolved silently: a table that could be read two ways (two columns with one meaning,
a long table that also has year columns, cells beyond the header) is a finding rather than a
guess, because a wrong guess would feed wrong numbers into a verdict without anyone noticing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..catalog import CatalogIndex, suggestion_text
from ..messages import Phrase, phrase
from ..result import Finding, Location
from ..values import Value, ValueSyntaxError, parse_value
from .table import Cell, Table, UnreadableTable, blank, cells, error, shown

HEADER_ALIASES = {
    "indicator": {"indicator", "id", "指标", "指标名称", "指标id"},
    "year": {"year", "年份", "年度"},
    "value": {"value", "actual", "数值", "实际值", "完成值"},
    "plan": {"plan", "规划"},
    "note": {"note", "备注", "说明"},
}
# ``2022``, ``2022年``, and ``2022.0`` as a spreadsheet or pandas writes a year stored as a float.
_YEAR_HEADER = re.compile(r"(\d{4})(?:\.0+)?\s*年?")


@dataclass(slots=True)  # not frozen: a national table makes 700,000, and frozen ones cost twice as much to make
class ActualRow:
    """One observed value read from a file.

    ``location`` is the value's cell. The indicator's and the year's cells are kept as well, so
    that a finding about the indicator (PS114) or the year (PS112) points at the cell to fix; in a
    wide table the year's cell is its column header."""

    plan: str | None
    indicator: str  # catalog id
    year: int
    value: Value
    location: Location
    note: str | None = None
    #: The indicator's cell and the year's: a Location, or for a row read from a line of text the
    #: column on the value's line (made into a Location when asked: few rows are ever reported).
    indicator_cell: Location | int | None = None
    year_cell: Location | int | None = None

    @property
    def indicator_location(self) -> Location | None:
        return self._cell(self.indicator_cell)

    @property
    def year_location(self) -> Location | None:
        return self._cell(self.year_cell)

    def _cell(self, cell: Location | int | None) -> Location | None:
        if isinstance(cell, int):
            return Location(self.location.file, self.location.line, cell)
        return cell


@dataclass(frozen=True)
class _Layout:
    """Which column holds what: the named columns (indicator, year, value, plan, note) and, in a
    wide table, the header cell of each year column."""

    keys: dict[str, int]
    years: dict[int, Cell]  # column → header cell (its year is ``_header_year(cell.text)``)
    width: int  # the last column with a header: a filled cell beyond it belongs to no column


def table_rows(table: Table, catalog: CatalogIndex) -> tuple[list[ActualRow], list[Finding]]:
    """Every actual value of a table, and a finding for every row that cannot be read. A streamed
    table that breaks off (an open quote in a CSV file) gives no rows at all, only why."""
    try:
        return _table_rows(table, catalog)
    except UnreadableTable as broken:
        return [], [broken.finding]


def _table_rows(table: Table, catalog: CatalogIndex) -> tuple[list[ActualRow], list[Finding]]:
    records = iter(table.rows)
    header = next(records, None)
    if header is None:
        return [], [error("PS110", Location(table.file), variant="empty", detail="")]
    layout, findings = _layout(header, table.file)
    if layout is None:
        return [], findings
    rows, problems = _table_rows_after(layout, records, catalog)
    return rows, findings + problems


def _table_rows_after(layout: _Layout, records, catalog: CatalogIndex) -> tuple[list[ActualRow], list[Finding]]:
    """The rows of the records below a header read as ``layout``."""
    findings: list[Finding] = []
    rows: list[ActualRow] = []
    for record in records:
        extra = next((c for c in record if c.column > layout.width and not c.blank), None)
        if extra is not None:
            # Often an unquoted thousands separator (1,234) that shifts every cell after it; reading the
            # row anyway could take the wrong cell as the value.
            findings.append(
                error(
                    "PS110",
                    extra.location,
                    variant="layout",
                    detail=phrase(
                        "table.beyond_header", row=extra.location.line, column=extra.column, width=layout.width
                    ),
                )
            )
            continue
        for row, problems in _record_rows(record, layout, catalog):
            findings += problems
            if row:
                rows.append(row)
    return rows, findings


def text_rows(
    file: str, header: list[Cell], records: list[tuple[int, tuple[str, ...]]], catalog: CatalogIndex
) -> tuple[list[ActualRow], list[Finding]]:
    """The rows of a table of texts (a CSV file's records, by record number) below ``header``,
    exactly as :func:`table_rows` reads them as cells. A national table has hundreds of thousands
    of plain rows (an indicator, a year, a number); those are read from their texts directly, and
    any other record (a problem to report, a wide table) goes through the cells."""
    layout, findings = _layout(header, file)
    if layout is None:
        return [], findings
    if layout.years:  # a wide table: one observation per year column, through the cells
        rows, problems = _table_rows_after(layout, (cells(file, n, r) for n, r in records), catalog)
        return rows, findings + problems
    keys, width = layout.keys, layout.width
    indicator_at, year_at, value_at = keys["indicator"] - 1, keys["year"] - 1, keys["value"] - 1
    plan_at, note_at = keys.get("plan", 0) - 1, keys.get("note", 0) - 1
    needed = max(indicator_at, year_at, value_at) + 1
    entries: dict[str, Any] = {}
    years: dict[str, int | None] = {}
    rows: list[ActualRow] = []
    for number, record in records:
        row = None
        if len(record) >= needed and (len(record) <= width or not any(text.strip() for text in record[width:])):
            reference, year_text, value_text = record[indicator_at].strip(), record[year_at], record[value_at]
            if reference not in entries:
                entries[reference] = catalog.resolve(reference)
            if year_text not in years:
                years[year_text] = _year(year_text)
            entry, year = entries[reference], years[year_text]
            if reference and entry is not None and year is not None and value_text.strip():
                try:
                    value = parse_value(value_text)
                except ValueSyntaxError:
                    value = None
                if value is not None and not value.is_missing:
                    plan = record[plan_at].strip() if 0 <= plan_at < len(record) else ""
                    row = ActualRow(
                        plan or None,
                        entry.id,
                        year,
                        value,
                        Location(file, number, value_at + 1),
                        (record[note_at] if note_at < len(record) else None) if note_at >= 0 else None,
                        indicator_at + 1,
                        year_at + 1,
                    )
        if row is not None:
            rows.append(row)
            continue
        more, problems = _table_rows_after(layout, [cells(file, number, record)], catalog)
        rows += more
        findings += problems
    return rows, findings


def plan_column(header: list[Cell], file: str) -> tuple[int | None, list[Finding]]:
    """The column of the plan id in a table with this header (None: the table has none), or the
    findings that say why the header cannot be read (then no row can be)."""
    layout, findings = _layout(header, file)
    if layout is None:
        return None, findings
    return layout.keys.get("plan"), []


def _header_key(text: Any) -> str | None:
    name = str(text or "").strip().lower()
    for key, spellings in HEADER_ALIASES.items():
        if name in spellings:
            return key
    return None


def _header_year(text: Any) -> int | None:
    match = _YEAR_HEADER.fullmatch(str(text if text is not None else "").strip())
    return int(match[1]) if match else None


def _layout(header: list[Cell], file: str) -> tuple[_Layout | None, list[Finding]]:
    """Read the header row; None (with findings) when it does not say unambiguously where the
    indicator, the years and the values are.

    Two columns with one meaning are an error, since either could hold the data; only two note
    columns (备注 and 说明 side by side is common) are let be, the first one being kept."""
    seen: dict[str, Cell] = {}
    duplicates = []
    for cell in header:
        key = _header_key(cell.text)
        year = _header_year(cell.text)
        meaning = key or (str(year) if year is not None else None)
        if meaning is None or (meaning == "note" and meaning in seen):
            continue
        if meaning in seen:
            first = seen[meaning]
            duplicates.append(
                error(
                    "PS110",
                    cell.location,
                    variant="layout",
                    detail=phrase(
                        "table.two_columns",
                        meaning=meaning,
                        first=shown(first.text),
                        first_column=first.column,
                        second=shown(cell.text),
                        second_column=cell.column,
                    ),
                )
            )
        else:
            seen[meaning] = cell
    if duplicates:
        return None, duplicates
    keys = {meaning: cell.column for meaning, cell in seen.items() if meaning in HEADER_ALIASES}
    years = {cell.column: cell for meaning, cell in seen.items() if meaning not in HEADER_ALIASES}
    long_columns = [name for name in ("year", "value") if name in keys]
    if years and long_columns:
        first = min(years.values(), key=lambda c: c.column)
        years_shown = ", ".join(str(c.text).strip() for c in years.values())
        detail = phrase("table.long_and_wide", long=", ".join(long_columns), years=years_shown)
        return None, [error("PS110", first.location, variant="layout", detail=detail)]
    if "indicator" not in keys or not ({"year", "value"} <= keys.keys() or years):
        found = ", ".join(str(c.text) for c in header if not c.blank)
        return None, [error("PS110", Location(file, header[0].location.line, 1), variant="columns", detail=found)]
    width = max(c.column for c in header if not c.blank)
    return _Layout(keys, years, width), []


def _record_rows(
    record: list[Cell], layout: _Layout, catalog: CatalogIndex
) -> Iterator[tuple[ActualRow | None, list[Finding]]]:
    """The observations of one table row: one in a long table, one per filled year in a wide one."""
    cells = {c.column: c for c in record}
    first = record[0].location

    def cell(column: int | None) -> Cell:
        """The cell in ``column``; a row shorter than the header has empty cells at its end."""
        if column in cells:
            return cells[column]
        return Cell(None, column or 1, Location(first.file, first.line, column or 1))

    keys = layout.keys
    indicator = cell(keys["indicator"])
    if indicator.formula is not None:
        return  # reported when the workbook was read
    plan_cell = cell(keys.get("plan"))
    plan = str(plan_cell.text).strip() if "plan" in keys and not plan_cell.blank else None
    note = cell(keys.get("note")).text if "note" in keys else None
    if layout.years:  # wide form: the year is the column's header
        pairs = [(_header_year(header.text), header, cell(column)) for column, header in layout.years.items()]
    else:
        year_cell = cell(keys["year"])
        pairs = [(year_cell.text, year_cell, cell(keys["value"]))]
    if indicator.blank:
        # Values without an indicator: in a spreadsheet often a merged cell, whose text only its
        # first row holds. A row of missing marks (—) holds no value.
        if any(_holds_a_value(value_cell) for _year, _cell, value_cell in pairs):
            problem = phrase("table.indicator_empty_row")
            yield None, [error("PS106", indicator.location, path="indicator", problem=problem)]
        return
    for year, year_cell, value_cell in pairs:
        if layout.years and value_cell.blank:
            continue  # a wide table leaves years without data empty
        if year_cell.formula is not None or value_cell.formula is not None:
            continue  # reported when the workbook was read
        yield _row(plan, indicator, year, year_cell, value_cell, catalog, note)


def _row(
    plan: str | None, indicator: Cell, year: Any, year_cell: Cell, value_cell: Cell, catalog: CatalogIndex, note: Any
) -> tuple[ActualRow | None, list[Finding]]:
    """One observation, or the findings that say why a cell cannot be one."""
    findings = []
    entry = None
    if isinstance(indicator.text, (list, dict)):
        findings.append(
            error(
                "PS106",
                indicator.location,
                path="indicator",
                problem=phrase("table.not_an_indicator", value=shown(indicator.text)),
            )
        )
    else:
        reference = str(indicator.text).strip()
        entry = catalog.resolve(reference)
        if entry is None:
            findings.append(
                error(
                    "PS111",
                    indicator.location,
                    indicator=reference,
                    suggestions=suggestion_text(catalog.suggestions(reference, reference)),
                )
            )
    value = None if value_cell.blank else value_cell.text
    year_number = _year(year)
    if year_number is None and not (blank(year) and value is None):  # a row with neither is a template row
        if blank(year):
            problem = phrase("table.year_empty")
        elif isinstance(year, (list, dict)):
            problem = phrase("table.thing_not_a_year", what=shown(year))
        else:
            problem = phrase("table.not_a_year", value=shown(year))
        findings.append(error("PS106", year_cell.location, path="year", problem=problem))
    parsed = None
    problem = _value_problem(value)
    if problem:
        findings.append(error("PS107", value_cell.location, path="value", problem=problem))
    else:
        try:
            parsed = parse_value(value)
        except ValueSyntaxError as exc:
            findings.append(error("PS107", value_cell.location, path="value", problem=exc.phrase))
    if parsed is not None and parsed.is_missing:
        return None, findings  # an empty cell is no observation
    if findings or entry is None or year_number is None or parsed is None:
        return None, findings
    return ActualRow(
        plan,
        entry.id,
        year_number,
        parsed,
        value_cell.location,
        note,
        indicator_cell=indicator.location,
        year_cell=year_cell.location,
    ), findings


def _holds_a_value(cell: Cell) -> bool:
    """Whether a cell holds anything: not empty, and not a missing mark such as —."""
    if cell.blank:
        return False
    try:
        return not parse_value(cell.text).is_missing
    except ValueSyntaxError:
        return True  # something that is no value: the row is still not empty


def _value_problem(value: Any) -> Phrase | None:
    """What the value grammar cannot say about a non-text cell, in plain words.

    NaN and infinity arrive as floats (YAML ``.nan``, a workbook's ``1e999``) and would otherwise
    become Decimal NaN/Infinity, which no comparison handles; other objects (a spreadsheet date, a
    YAML list) would reach the message as a Python repr."""
    if (isinstance(value, float) and not math.isfinite(value)) or (
        isinstance(value, Decimal) and not value.is_finite()
    ):
        return phrase("value.not_a_number_cell", value=shown(value), hint=phrase("value.grammar"))
    if isinstance(value, list) or (isinstance(value, dict) and not (len(value) == 1 and None in value.values())):
        return phrase("value.list" if isinstance(value, list) else "value.mapping_cell", hint=phrase("value.grammar"))
    if value is not None and not isinstance(value, (str, int, float, Decimal, dict)):
        return phrase("value.date", value=shown(value), hint=phrase("value.grammar"))  # from a spreadsheet
    return None


def _year(value: Any) -> int | None:
    """A year from a cell: ``2022``, ``2022年``, and an integral 2022.0 as a float or Decimal (a
    spreadsheet stores every number as a float; YAML ``2022.0`` is a Decimal)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, (list, dict)):
        return None
    return _header_year(value)
