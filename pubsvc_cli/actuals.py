"""Actual values from the files analysts have: YAML, CSV and Excel (.xlsx).

Every layout is a table with one header row:

* long form — columns ``indicator, year, value`` (optional ``plan``, ``note``); Chinese headers
  指标 / 年份 / 数值 (or 实际值) / 规划 / 备注 are accepted too;
* wide form — an ``indicator`` column and one column per year (``2021``, ``2022年`` …).

The indicator is a catalog id, or any catalog name or alias. Values use the plan value grammar
(``101.07``, ``≥95``, ``〔27.4〕``, ``98.6；99.1``, ``应保尽保``). Every problem is a finding with
the file, the row (as the line) and the column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .loading import decode, read_document
from .model import CatalogIndicator
from .result import Finding, Location, Severity
from .normalise import normalise_name
from .targets import Value, ValueSyntaxError, parse_value

HEADER_ALIASES = {
    "indicator": {"indicator", "id", "指标", "指标名称", "指标id"},
    "year": {"year", "年份", "年度"},
    "value": {"value", "actual", "数值", "实际值", "完成值"},
    "plan": {"plan", "规划"},
    "note": {"note", "备注", "说明"},
}
_YEAR_HEADER = re.compile(r"(\d{4})\s*年?")


@dataclass(frozen=True)
class ActualRow:
    """One observed value read from a file."""

    plan: str | None
    indicator: str  # catalog id
    year: int
    value: Value
    location: Location
    note: str | None = None


@dataclass(frozen=True)
class _Cell:
    text: Any
    line: int
    column: int


def read_actuals(path: Path, catalog: dict[str, CatalogIndicator], file: str | None = None) -> tuple[list[ActualRow], list[Finding]]:
    """Read one actuals file of any supported kind."""
    file = file or str(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_yaml(path, file, catalog)
    if suffix == ".csv":
        table, findings = _csv_table(path, file)
    elif suffix in (".xlsx", ".xlsm"):
        table, findings = _xlsx_table(path, file)
    else:
        return [], [_error("PS110", Location(file), problem="kind", detail=suffix or "(none)")]
    if table is None:
        return [], findings
    rows, problems = _from_table(table, file, catalog)
    return rows, findings + problems


def _error(rule: str, location: Location, **args: Any) -> Finding:
    return Finding(rule, Severity.ERROR, location, args=args)


# --- readers ------------------------------------------------------------------------------


def _csv_table(path: Path, file: str) -> tuple[list[list[_Cell]] | None, list[Finding]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [_error("PS101", Location(file), problem="unreadable", detail=exc.strerror or str(exc))]
    text, findings = decode(raw, file)
    if text is None:
        # Excel on a Chinese-locale Windows saves CSV as GB18030/GBK: accept it as well.
        try:
            text, findings = raw.decode("gb18030"), []
        except UnicodeDecodeError:
            return None, findings
    rows = []
    for line_no, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        rows.append([_Cell(value, line_no, col) for col, value in enumerate(record, start=1)])
    return rows, []


def _xlsx_table(path: Path, file: str) -> tuple[list[list[_Cell]] | None, list[Finding]]:
    from openpyxl import load_workbook  # lazy: heavy, and only needed for spreadsheets

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways (zip, XML, keys); all are "unreadable"
        return None, [_error("PS101", Location(file), problem="unreadable", detail=f"not a readable .xlsx workbook ({exc})")]
    try:
        names = {name.strip().lower(): name for name in book.sheetnames}
        sheet = book[next((names[n] for n in ("actuals", "实际值") if n in names), book.sheetnames[0])]
        rows = []
        for row in sheet.iter_rows():
            cells = [_Cell(c.value, c.row, c.column) for c in row if hasattr(c, "row")]
            if any(c.text not in (None, "") for c in cells):
                rows.append(cells)
        return rows, []
    finally:
        book.close()


def _from_yaml(path: Path, file: str, catalog) -> tuple[list[ActualRow], list[Finding]]:
    document, findings = read_document(path, file)
    if document is None:
        return [], findings
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("actuals"), list):
        return [], findings + [_error("PS110", document.location(()), problem="yaml", detail="")]
    plan = data.get("plan")
    rows: list[ActualRow] = []
    for i, item in enumerate(data["actuals"]):
        path_ = ("actuals", i)
        if not isinstance(item, dict) or not {"indicator", "year", "value"} <= item.keys():
            findings.append(_error("PS110", document.location(path_), problem="yaml_row", detail=""))
            continue
        row, problems = _row(plan if plan is None else str(plan), item["indicator"], item["year"], item["value"],
                             {k: document.location(path_ + (k,)) for k in ("indicator", "year", "value")},
                             catalog, item.get("note"))
        findings += problems
        if row:
            rows.append(row)
    return rows, findings


def _header_key(text: Any) -> str | None:
    name = str(text or "").strip().lower()
    for key, spellings in HEADER_ALIASES.items():
        if name in spellings:
            return key
    return None


def _from_table(table: list[list[_Cell]], file: str, catalog) -> tuple[list[ActualRow], list[Finding]]:
    if not table:
        return [], [_error("PS110", Location(file), problem="empty", detail="")]
    header = table[0]
    keys = {_header_key(c.text): c.column for c in header if _header_key(c.text)}
    years = {}
    for cell in header:
        match = _YEAR_HEADER.fullmatch(str(cell.text if cell.text is not None else "").strip())
        if match:
            years[cell.column] = int(match[1])
    if "indicator" not in keys or not ({"year", "value"} <= keys.keys() or years):
        found = ", ".join(str(c.text) for c in header if c.text not in (None, ""))
        return [], [_error("PS110", Location(file, header[0].line if header else 1, 1), problem="columns", detail=found)]
    rows: list[ActualRow] = []
    findings: list[Finding] = []
    for record in table[1:]:
        cells = {c.column: c for c in record}
        line = record[0].line if record else 0

        def cell(column: int | None) -> _Cell:
            return cells.get(column, _Cell(None, line, column or 1))

        indicator = cell(keys["indicator"])
        if indicator.text in (None, ""):
            continue
        plan_cell = cell(keys.get("plan"))
        plan = str(plan_cell.text).strip() if "plan" in keys and plan_cell.text not in (None, "") else None
        note = cell(keys.get("note")).text if "note" in keys else None
        if years:  # wide form
            pairs: Iterator[tuple[Any, _Cell, _Cell]] = (
                (year, _Cell(year, line, column), cell(column)) for column, year in years.items())
        else:
            year_cell, value_cell = cell(keys["year"]), cell(keys["value"])
            pairs = iter([(year_cell.text, year_cell, value_cell)])
        for year, year_cell, value_cell in pairs:
            if years and value_cell.text in (None, ""):
                continue  # a wide table leaves years without data empty
            locations = {"indicator": Location(file, indicator.line, indicator.column),
                         "year": Location(file, year_cell.line, year_cell.column),
                         "value": Location(file, value_cell.line, value_cell.column)}
            row, problems = _row(plan, indicator.text, year, value_cell.text, locations, catalog, note)
            findings += problems
            if row:
                rows.append(row)
    return rows, findings


# --- one value ----------------------------------------------------------------------------


def _row(plan, indicator, year, value, locations: dict[str, Location], catalog, note) -> tuple[ActualRow | None, list[Finding]]:
    findings = []
    entry = resolve_indicator(indicator, catalog)
    if entry is None:
        findings.append(_error("PS111", locations["indicator"], indicator=str(indicator),
                               suggestions=_suggest(str(indicator), catalog)))
    year_number = _year(year)
    if year_number is None:
        findings.append(_error("PS106", locations["year"], path="year", problem=f"{year!r} is not a year"))
    if isinstance(value, str) and value.strip() == "":
        value = None
    try:
        parsed = parse_value(value)
    except ValueSyntaxError as exc:
        findings.append(_error("PS107", locations["value"], path="value", problem=str(exc)))
        parsed = None
    if parsed is not None and parsed.is_missing:
        return None, findings  # an empty cell is no observation
    if findings or entry is None or year_number is None or parsed is None:
        return None, findings
    return ActualRow(plan, entry.id, year_number, parsed, locations["value"], note), findings


def _year(value: Any) -> int | None:
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    match = _YEAR_HEADER.fullmatch(text)
    return int(match[1]) if match else None


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
