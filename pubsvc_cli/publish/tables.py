"""``findings.csv`` and ``progress.csv``: the report's rows for a spreadsheet or a script.

UTF-8 with a byte-order mark, so that Excel opens the Chinese text as Chinese; one header row;
every value as text, as the plan prints it (a 〔〕 total stays a 〔〕 total). The same rows, with
the same headers, are the workbook's sheets (``workbook.py``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..messages import Messages
from .content import PlanPage

PLAN_HEADER = [
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
INDICATOR_HEADER = [
    "plan",
    "indicator",
    "name",
    "unit",
    "nature",
    "baseline",
    "target",
    "target_year",
    "stated_in",
    "task",
]
PROGRESS_HEADER = [
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
FINDING_HEADER = [
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


def plan_row(page: PlanPage, m: Messages) -> list:
    plan = page.summary
    if plan is None:
        return ["", page.title, "", "", page.file, "", *page.counts.values(), m.text("book.unloaded")]
    return [
        plan.id,
        plan.name,
        plan.level,
        plan.upper or "",
        plan.file,
        plan.indicators,
        *page.counts.values(),
        page.headline_text,
    ]


def indicator_rows(page: PlanPage) -> list[list]:
    """The rows of a detailed page's indicator table."""
    return [
        [
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
        for line in (view.line for view in page.indicators)
    ]


def progress_rows(page: PlanPage) -> list[list]:
    rows = []
    for view in page.indicators:
        p = view.progress
        if p is None:
            continue
        pace, other = p.pace or {}, p.other or {}
        rows.append(
            [
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
        )
    return rows


def finding_rows(page: PlanPage) -> list[list]:
    return [
        [
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
        for view in page.findings
        for f in (view.finding,)
    ]


def _rate(value: float | None) -> str:
    """A growth rate as a decimal fraction to six places: the same text on every machine."""
    return "" if value is None else f"{value:.6f}"


def write_csv(out: TextIO, header: list[str], rows: Iterable[list]) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as Excel writes it
    writer.writerow(header)
    writer.writerows(rows)
