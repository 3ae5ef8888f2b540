"""YAML actuals files → a table. The format::

    plan: guilin            # optional: the plan the values belong to
    actuals:
      - {indicator: life_expectancy, year: 2022, value: 79.0, note: …}

Each item is a record of the long table ``indicator, year, value, plan, note``; its cells point at
the item's values in the file."""

from __future__ import annotations

from pathlib import Path

from ..loading import Document, read_document
from ..messages import phrase
from ..model.validate import unknown_key
from ..result import Finding
from .table import Cell, Table, blank, error

TOP_KEYS = ("plan", "actuals")
ROW_KEYS = ("indicator", "year", "value", "note")
COLUMNS = ("indicator", "year", "value", "plan", "note")
_REQUIRED = {"indicator", "year", "value"}


def read_yaml(path: Path, file: str) -> tuple[Table | None, list[Finding]]:
    document, findings = read_document(path, file)
    if document is None:
        return None, findings
    table, problems = document_table(document)
    return table, findings + problems


def document_table(document: Document) -> tuple[Table | None, list[Finding]]:
    """The table of a loaded YAML document (``pubsvc validate`` has loaded it already)."""
    data = document.data
    findings: list[Finding] = []
    if isinstance(data, dict):
        findings += [unknown_key(document, (key,), list(TOP_KEYS)) for key in data if key not in TOP_KEYS]
    if not isinstance(data, dict) or not isinstance(data.get("actuals"), list):
        return None, findings + [error("PS110", document.location(()), variant="yaml", detail="")]
    plan = data.get("plan")
    header = [Cell(name, column, document.location(())) for column, name in enumerate(COLUMNS, start=1)]
    rows = [header]
    for i, item in enumerate(data["actuals"]):
        path = ("actuals", i)
        if isinstance(item, dict):
            findings += [unknown_key(document, path + (key,), list(ROW_KEYS)) for key in item if key not in ROW_KEYS]
        if not isinstance(item, dict) or not _REQUIRED <= item.keys():
            findings.append(error("PS110", document.location(path), variant="yaml_row", detail=""))
            continue
        if blank(item["indicator"]):
            findings.append(
                error(
                    "PS106",
                    document.location(path + ("indicator",)),
                    path="indicator",
                    problem=phrase("table.indicator_empty"),
                )
            )
            continue
        values = {**item, "plan": None if plan is None else str(plan)}
        where = {**{key: path + (key,) for key in ROW_KEYS}, "plan": ("plan",)}
        rows.append(
            [
                Cell(values.get(name), column, document.location(where[name]))
                for column, name in enumerate(COLUMNS, start=1)
            ]
        )
    return Table(document.file, rows), findings
