"""``findings.csv`` and ``progress.csv``: the report's rows for a spreadsheet or a script.

UTF-8 with a byte-order mark, so that Excel opens the Chinese text as Chinese; one header row;
every value as text, as the plan prints it (a 〔〕 total stays a 〔〕 total). The same rows, with
the same headers, are the workbook's sheets (``workbook.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .content import Book


def plan_rows(book: Book) -> tuple[list[str], Iterator[list]]:
    m = book.messages
    header = [
        "plan",
        "name",
        "level",
        "upper",
        "file",
        "indicators",
        "errors",
        "warnings",
        "infos",
        "waived",
        "headline",
    ]

    def rows() -> Iterator[list]:
        for page in book.pages:
            plan = page.summary
            if plan is None:
                yield ["", page.title, "", "", page.file, "", *page.counts.values(), m.text("book.unloaded")]
                continue
            yield [
                plan.id,
                plan.name,
                plan.level,
                plan.upper or "",
                plan.file,
                plan.indicators,
                *page.counts.values(),
                page.headline_text,
            ]

    return header, rows()


def indicator_rows(book: Book) -> tuple[list[str], Iterator[list]]:
    header = ["plan", "indicator", "name", "unit", "nature", "baseline", "target", "target_year", "stated_in", "task"]

    def rows() -> Iterator[list]:
        for page in book.pages:
            for view in page.indicators:
                line = view.line
                yield [
                    page.summary.id,
                    line.id or "",
                    line.name,
                    line.unit,
                    line.nature or "",
                    line.baseline,
                    line.target,
                    line.target_year,
                    line.stated_in,
                    "" if line.task is None else line.task,
                ]

    return header, rows()


def progress_rows(book: Book) -> tuple[list[str], Iterator[list]]:
    header = [
        "plan",
        "indicator",
        "name",
        "nature",
        "unit",
        "baseline",
        "target",
        "target_year",
        "year",
        "actual",
        "status",
        "status_text",
        "method",
        "other_method",
        "other_status",
        "achieved_per_year",
        "required_per_year",
        "achieved_growth",
        "required_growth",
        "pace_achieved",
        "pace_needed",
        "file",
        "line",
    ]

    def rows() -> Iterator[list]:
        for page in book.pages:
            for view in page.indicators:
                p = view.progress
                if p is None:
                    continue
                pace = p.pace or {}
                other = p.other or {}
                yield [
                    p.plan,
                    p.indicator,
                    p.indicator_name,
                    p.nature or "",
                    view.line.unit,
                    p.baseline,
                    p.target,
                    p.target_year,
                    "" if p.year is None else p.year,
                    p.actual or "",
                    p.status,
                    view.status,
                    p.method,
                    other.get("method", ""),
                    other.get("status", ""),
                    pace.get("achieved_per_year", ""),
                    pace.get("required_per_year", ""),
                    _rate(pace.get("achieved_growth")),
                    _rate(pace.get("required_growth")),
                    view.achieved or "",
                    view.needed or "",
                    p.location.file,
                    "" if p.location.line is None else p.location.line,
                ]

    return header, rows()


def finding_rows(book: Book) -> tuple[list[str], Iterator[list]]:
    header = [
        "severity",
        "rule",
        "title",
        "plan",
        "indicator",
        "service",
        "message",
        "file",
        "line",
        "column",
        "path",
        "waived",
        "waiver_reason",
    ]

    def rows() -> Iterator[list]:
        for page in book.pages:
            for view in page.findings:
                f = view.finding
                yield [
                    f.severity.value,
                    f.rule,
                    view.title,
                    f.plan or "",
                    f.indicator or "",
                    f.service or "",
                    view.message,
                    f.location.file,
                    "" if f.location.line is None else f.location.line,
                    "" if f.location.column is None else f.location.column,
                    f.location.yaml_path,
                    "yes" if f.waived else "no",
                    f.waiver_reason or "",
                ]

    return header, rows()


def _rate(value: float | None) -> str:
    """A growth rate as a decimal fraction to six places: the same text on every machine."""
    return "" if value is None else f"{value:.6f}"


def csv_text(header: list[str], rows: Iterator[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as Excel writes it
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()
