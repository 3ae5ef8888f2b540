"""Actual values from the files analysts have: YAML, CSV and Excel (.xlsx).

Every layout is a table with one header row:

* long form — columns ``indicator, year, value`` (optional ``plan``, ``note``); Chinese headers
  指标 / 年份 / 数值 (or 实际值) / 规划 / 备注 are accepted too;
* wide form — an ``indicator`` column and one column per year (``2021``, ``2022年`` …).

The indicator is a catalog id, or any catalog name or alias. Values use the plan value grammar
(``101.07``, ``≥95``, ``〔27.4〕``, ``98.6；99.1``, ``应保尽保``). Every problem is a finding with
the file, the row (as the line) and the column.

Nothing is resolved silently: a table that could be read two ways (two columns with one meaning,
a long table that also has year columns, cells beyond the header) is a finding rather than a
guess, because a wrong guess would feed wrong numbers into a verdict without anyone noticing.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from .loading import MAX_BYTES, Document, decode, read_document
from .model import CatalogIndicator
from .result import Finding, Location, Severity
from .normalise import normalise_name
from .values import GRAMMAR_HINT, Value, ValueSyntaxError, parse_value

HEADER_ALIASES = {
    "indicator": {"indicator", "id", "指标", "指标名称", "指标id"},
    "year": {"year", "年份", "年度"},
    "value": {"value", "actual", "数值", "实际值", "完成值"},
    "plan": {"plan", "规划"},
    "note": {"note", "备注", "说明"},
}
# ``2022``, ``2022年``, and ``2022.0`` as a spreadsheet or pandas writes a year stored as a float.
_YEAR_HEADER = re.compile(r"(\d{4})(?:\.0+)?\s*年?")
_YAML_TOP_KEYS = ("plan", "actuals")
_YAML_ROW_KEYS = ("indicator", "year", "value", "note")
_FORMULA_PROBLEM = ("formula without a saved value{formula}: open and save the workbook in Excel/WPS, "
                    "or enter the value")


@dataclass(frozen=True)
class ActualRow:
    """One observed value read from a file.

    ``location`` is the value's cell. The indicator's and the year's cells are kept as well, so
    that a finding about the indicator (PS114) or the year (PS112) points at the cell to fix; in a
    wide table the year's cell is its column header. The readers always set both."""

    plan: str | None
    indicator: str  # catalog id
    year: int
    value: Value
    location: Location
    note: str | None = None
    indicator_location: Location | None = None
    year_location: Location | None = None


@dataclass(frozen=True)
class _Cell:
    text: Any
    line: int
    column: int
    formula: str | None = None  # a formula whose value the workbook does not store (reported once, when read)


@dataclass(frozen=True)
class _Layout:
    """Which column holds what: the named columns (indicator, year, value, plan, note) and, in a
    wide table, the header cell of each year column."""

    keys: dict[str, int]
    years: dict[int, _Cell]  # column → header cell (its year is ``_header_year(cell.text)``)
    width: int  # the last column with a header: a filled cell beyond it belongs to no column


def read_actuals(path: Path, catalog: dict[str, CatalogIndicator], file: str | None = None) -> tuple[list[ActualRow], list[Finding]]:
    """Read one actuals file of any supported kind.

    Never raises: a reader that fails in a way not foreseen here (a library's bug on an odd
    file) reports PS101 with the exception's text, so that one file cannot end a whole check run
    with a traceback."""
    file = file or str(path)
    try:
        return _read(path, file, catalog)
    except Exception as exc:  # noqa: BLE001 - any failure on any input is a finding, never a crash
        return [], [_error("PS101", Location(file), variant="unreadable", detail=f"{type(exc).__name__}: {exc}")]


def _read(path: Path, file: str, catalog) -> tuple[list[ActualRow], list[Finding]]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_yaml(path, file, catalog)
    if suffix == ".csv":
        table, findings = _csv_table(path, file)
    elif suffix in (".xlsx", ".xlsm"):
        table, findings = _xlsx_table(path, file)
    else:
        return [], [_error("PS110", Location(file), variant="kind", detail=suffix or "(none)")]
    if table is None:
        return [], findings
    rows, problems = _from_table(table, file, catalog)
    return rows, findings + problems


def _error(rule: str, location: Location, **args: Any) -> Finding:
    return Finding(rule, Severity.ERROR, location, args=args)


def _blank(text: Any) -> bool:
    return text is None or (isinstance(text, str) and not text.strip())


def _quoted(value: Any) -> str:
    """A value as a message shows it: the text, quoted; never a Python repr such as ``Decimal('2022.0')``."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{str(value).strip()}'"


# --- readers ------------------------------------------------------------------------------


def _csv_table(path: Path, file: str) -> tuple[list[list[_Cell]] | None, list[Finding]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, [_error("PS101", Location(file), variant="too_large", detail=f"{MAX_BYTES // (1024 * 1024)} MiB")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [_error("PS101", Location(file), variant="unreadable", detail=exc.strerror or str(exc))]
    text, findings = decode(raw, file)
    if text is None:
        # Excel on a Chinese-locale Windows saves CSV as GB18030/GBK: accept it as well.
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, findings
    return _csv_records(text, file)


def _csv_records(text: str, file: str) -> tuple[list[list[_Cell]] | None, list[Finding]]:
    """The non-empty records of a CSV text; the line of a cell is its record's number.

    The reader is strict: a quote left open would otherwise swallow every following row into one
    cell without a word. A record the csv module cannot read ends the reading, and no partial
    table is returned, since what follows it cannot be trusted to be aligned."""
    rows: list[list[_Cell]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return rows, []
        except csv.Error as exc:
            return None, [_error("PS101", Location(file, number), variant="unreadable",
                                 detail=f"row {number}: {_csv_problem(exc)}")]
        if any(not _blank(value) for value in record):
            rows.append([_Cell(value, number, col) for col, value in enumerate(record, start=1)])


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in the words of someone who edits the file."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit()} characters (is a quote left open?)"
    if "unexpected end of data" in text:
        return "a quoted cell is never closed (a quote is left open)"
    if "expected after" in text:
        return "text follows a closing quote inside a cell (double the quote, \"\", to write one)"
    return text


def _xlsx_table(path: Path, file: str) -> tuple[list[list[_Cell]] | None, list[Finding]]:
    from openpyxl import load_workbook  # lazy: heavy, and only needed for spreadsheets

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways (zip, XML, keys); all are "unreadable"
        return None, [_error("PS101", Location(file), variant="unreadable", detail=f"not a readable .xlsx workbook ({exc})")]
    try:
        sheet = _actuals_sheet(book)
        if sheet is None:
            return None, [_error("PS110", Location(file), variant="no_worksheet", detail="")]
        title = sheet.title
        rows = [[_Cell(c.value, c.row, c.column) for c in row if hasattr(c, "row")] for row in sheet.iter_rows()]
    finally:
        book.close()
    blanks = {(c.line, c.column) for row in rows for c in row if c.text is None}
    formulas = _uncached_formulas(path, title, blanks) if blanks else {}
    findings = [_error("PS107", Location(file, line, column), path=_coordinate(line, column),
                       problem=_FORMULA_PROBLEM.format(formula=f" ({text})" if text else ""))
                for (line, column), text in sorted(formulas.items())]
    rows = [[replace(c, formula=formulas[(c.line, c.column)]) if (c.line, c.column) in formulas else c for c in row]
            for row in rows]
    return [row for row in rows if any(not _blank(c.text) or c.formula is not None for c in row)], findings


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


def _from_yaml(path: Path, file: str, catalog) -> tuple[list[ActualRow], list[Finding]]:
    document, findings = read_document(path, file)
    if document is None:
        return [], findings
    data = document.data
    if isinstance(data, dict):
        findings += _unknown_keys(document, data, (), _YAML_TOP_KEYS)
    if not isinstance(data, dict) or not isinstance(data.get("actuals"), list):
        return [], findings + [_error("PS110", document.location(()), variant="yaml", detail="")]
    plan = data.get("plan")
    rows: list[ActualRow] = []
    for i, item in enumerate(data["actuals"]):
        path_ = ("actuals", i)
        if isinstance(item, dict):
            findings += _unknown_keys(document, item, path_, _YAML_ROW_KEYS)
        if not isinstance(item, dict) or not {"indicator", "year", "value"} <= item.keys():
            findings.append(_error("PS110", document.location(path_), variant="yaml_row", detail=""))
            continue
        row, problems = _row(plan if plan is None else str(plan), item["indicator"], item["year"], item["value"],
                             {k: document.location(path_ + (k,)) for k in ("indicator", "year", "value")},
                             catalog, item.get("note"))
        findings += problems
        if row:
            rows.append(row)
    return rows, findings


def _unknown_keys(document: Document, mapping: dict, path: tuple, allowed: tuple[str, ...]) -> list[Finding]:
    """PS104 for every key the actuals format does not define, as the plan validator reports them:
    an ignored ``vaule`` would silently drop a value."""
    findings = []
    where = document.location(path).yaml_path or "(top level)"
    for key in mapping:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        findings.append(_error("PS104", document.location(path + (key,), key=True),
                               key=str(key), path=where, variant="suggest" if close else None,
                               suggestion=close[0] if close else "", allowed=", ".join(allowed)))
    return findings


# --- tables -------------------------------------------------------------------------------


def _header_key(text: Any) -> str | None:
    name = str(text or "").strip().lower()
    for key, spellings in HEADER_ALIASES.items():
        if name in spellings:
            return key
    return None


def _header_year(text: Any) -> int | None:
    match = _YEAR_HEADER.fullmatch(str(text if text is not None else "").strip())
    return int(match[1]) if match else None


def _layout(header: list[_Cell], file: str) -> tuple[_Layout | None, list[Finding]]:
    """Read the header row; None (with findings) when it does not say unambiguously where the
    indicator, the years and the values are.

    Two columns with one meaning are an error, since either could hold the data; only two note
    columns (备注 and 说明 side by side is common) are let be, the first one being kept."""
    seen: dict[str, _Cell] = {}
    duplicates = []
    for cell in header:
        key = _header_key(cell.text)
        year = _header_year(cell.text)
        meaning = key or (str(year) if year is not None else None)
        if meaning is None or (meaning == "note" and meaning in seen):
            continue
        if meaning in seen:
            first = seen[meaning]
            duplicates.append(_error("PS110", Location(file, cell.line, cell.column), variant="layout",
                                     detail=f"two columns mean '{meaning}': {_quoted(first.text)} (column {first.column}) "
                                            f"and {_quoted(cell.text)} (column {cell.column}); keep one"))
        else:
            seen[meaning] = cell
    if duplicates:
        return None, duplicates
    keys = {meaning: cell.column for meaning, cell in seen.items() if meaning in HEADER_ALIASES}
    years = {cell.column: cell for meaning, cell in seen.items() if meaning not in HEADER_ALIASES}
    long_columns = [name for name in ("year", "value") if name in keys]
    if years and long_columns:
        first = min(years.values(), key=lambda c: c.column)
        shown = ", ".join(str(c.text).strip() for c in years.values())
        return None, [_error("PS110", Location(file, first.line, first.column), variant="layout",
                             detail=f"both long-form columns ({', '.join(long_columns)}) and year columns ({shown}): "
                                    "a table is either long (indicator, year, value) or wide (indicator, 2021, 2022 …)")]
    if "indicator" not in keys or not ({"year", "value"} <= keys.keys() or years):
        found = ", ".join(str(c.text) for c in header if not _blank(c.text))
        return None, [_error("PS110", Location(file, header[0].line, 1), variant="columns", detail=found)]
    width = max(c.column for c in header if not _blank(c.text))
    return _Layout(keys, years, width), []


def _from_table(table: list[list[_Cell]], file: str, catalog) -> tuple[list[ActualRow], list[Finding]]:
    if not table:
        return [], [_error("PS110", Location(file), variant="empty", detail="")]
    layout, findings = _layout(table[0], file)
    if layout is None:
        return [], findings
    rows: list[ActualRow] = []
    for record in table[1:]:
        extra = next((c for c in record if c.column > layout.width and not _blank(c.text)), None)
        if extra is not None:
            # Often an unquoted thousands separator (1,234) that shifts every cell after it; reading the
            # row anyway could take the wrong cell as the value.
            findings.append(_error("PS110", Location(file, extra.line, extra.column), variant="layout",
                                   detail=f"row {extra.line} has a filled cell in column {extra.column}, beyond the "
                                          f"header's last column ({layout.width}); the row is skipped "
                                          "(an unquoted comma, or a column without a header?)"))
            continue
        for row, problems in _record_rows(record, layout, file, catalog):
            findings += problems
            if row:
                rows.append(row)
    return rows, findings


def _record_rows(record: list[_Cell], layout: _Layout, file: str, catalog) -> Iterator[tuple[ActualRow | None, list[Finding]]]:
    """The observations of one table row: one in a long table, one per filled year in a wide one."""
    cells = {c.column: c for c in record}
    line = record[0].line if record else 0

    def cell(column: int | None) -> _Cell:
        return cells.get(column, _Cell(None, line, column or 1))

    def location(c: _Cell) -> Location:
        return Location(file, c.line, c.column)

    keys = layout.keys
    indicator = cell(keys["indicator"])
    if _blank(indicator.text) or indicator.formula is not None:
        return  # no indicator (or one whose formula is already reported)
    plan_cell = cell(keys.get("plan"))
    plan = str(plan_cell.text).strip() if "plan" in keys and not _blank(plan_cell.text) else None
    note = cell(keys.get("note")).text if "note" in keys else None
    if layout.years:  # wide form: the year is the column's header
        pairs = [(_header_year(header.text), header, cell(column)) for column, header in layout.years.items()]
    else:
        year_cell = cell(keys["year"])
        pairs = [(year_cell.text, year_cell, cell(keys["value"]))]
    for year, year_cell, value_cell in pairs:
        if layout.years and _blank(value_cell.text):
            continue  # a wide table leaves years without data empty
        if year_cell.formula is not None or value_cell.formula is not None:
            continue  # reported when the workbook was read
        locations = {"indicator": location(indicator), "year": location(year_cell), "value": location(value_cell)}
        yield _row(plan, indicator.text, year, value_cell.text, locations, catalog, note)


# --- one value ----------------------------------------------------------------------------


def _row(plan, indicator, year, value, locations: dict[str, Location], catalog, note) -> tuple[ActualRow | None, list[Finding]]:
    findings = []
    entry = None
    if isinstance(indicator, (list, dict)):
        findings.append(_error("PS106", locations["indicator"], path="indicator",
                               problem=f"{_quoted(indicator)} is not an indicator id or name"))
    else:
        entry = resolve_indicator(indicator, catalog)
        if entry is None:
            findings.append(_error("PS111", locations["indicator"], indicator=str(indicator).strip(),
                                   suggestions=_suggest(str(indicator), catalog)))
    year_number = _year(year)
    if year_number is None and not (_blank(year) and _blank(value)):  # a row with neither is a template row
        problem = "the year is empty" if _blank(year) else f"{_quoted(year)} is not a year"
        findings.append(_error("PS106", locations["year"], path="year", problem=problem))
    if _blank(value):
        value = None
    parsed = None
    problem = _value_problem(value)
    if problem:
        findings.append(_error("PS107", locations["value"], path="value", problem=problem))
    else:
        try:
            parsed = parse_value(value)
        except ValueSyntaxError as exc:
            findings.append(_error("PS107", locations["value"], path="value", problem=str(exc)))
    if parsed is not None and parsed.is_missing:
        return None, findings  # an empty cell is no observation
    if findings or entry is None or year_number is None or parsed is None:
        return None, findings
    return ActualRow(plan, entry.id, year_number, parsed, locations["value"], note,
                     indicator_location=locations["indicator"], year_location=locations["year"]), findings


def _value_problem(value: Any) -> str | None:
    """What the value grammar cannot say about a non-text cell, in plain words.

    NaN and infinity arrive as floats (YAML ``.nan``, a workbook's ``1e999``) and would otherwise
    become Decimal NaN/Infinity, which no comparison handles; other objects (a spreadsheet date, a
    YAML list) would reach the message as a Python repr."""
    if (isinstance(value, float) and not math.isfinite(value)) or (isinstance(value, Decimal) and not value.is_finite()):
        return f"{_quoted(value)} is not a number; {GRAMMAR_HINT}"
    if isinstance(value, list) or (isinstance(value, dict) and not (len(value) == 1 and None in value.values())):
        return f"{_quoted(value)} is not a value; {GRAMMAR_HINT}"
    if value is not None and not isinstance(value, (str, int, float, Decimal, dict)):
        return f"{_quoted(value)} is not a value; {GRAMMAR_HINT}"  # a date or time from a spreadsheet
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


def resolve_indicator(reference: Any, catalog: dict[str, CatalogIndicator]) -> CatalogIndicator | None:
    """A catalog entry by id, or by any catalog name or alias (spacing and full-width folded)."""
    text = str(reference).strip()
    if text in catalog:
        return catalog[text]
    wanted = normalise_name(text)
    for entry in catalog.values():
        if wanted in {normalise_name(n) for n in (entry.name, *entry.aliases)}:
            return entry
    return None


def _suggest(text: str, catalog: dict[str, CatalogIndicator]) -> str:
    from rapidfuzz import fuzz, process

    choices = {entry.id: entry.name for entry in catalog.values()}
    matches = process.extract(normalise_name(text), choices, scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    return "、".join(f"{name}（{cid}）" for name, _score, cid in matches) or "—"
