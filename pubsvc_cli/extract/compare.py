"""A hand-made plan file compared with the document it was encoded from: quotes that are not in
the document (PS701), values that differ from the table cell their source names (PS702), and rows
of the document's tables for the plan's period that the file lacks (PS703)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..locations import display_path
from ..normalise import normalise_name
from ..plans import LoadedPlan, load_plan
from ..result import Finding, Location, Result
from ..rules import REGISTRY
from ..values import Value, parse_value
from .cells import clean_name, nature_of, read_value, squeeze
from .document import SourceText, fold, read_source
from .tables import Row, Table, find_tables, row_number


def compare_files(document_path: Path, plan_path: Path, catalog) -> Result:
    result = Result()
    document_file = display_path(document_path)
    source, problems = read_source(document_path, document_file)
    plan, plan_problems = load_plan(plan_path, catalog, display_path(plan_path))
    result.record_data_problems(problems + plan_problems)
    if source is None or plan is None:
        return result
    result.plans.append(plan.summary())
    result.findings += compare(source, plan, document_file)
    return result


def compare(source: SourceText, plan: LoadedPlan, document_file: str) -> list[Finding]:
    findings = list(_quotes_not_in_document(source, plan))
    meta = plan.plan.plan
    own_document = meta.source.document or source.name
    if own_document != source.name:
        return findings  # the plan names another document: only its quotes that cite this one are checked
    tables = [t for t in find_tables(source) if (t.target_year or meta.target_year) == meta.target_year]
    findings += _prose_values_not_in_quotes(plan)
    cited: set[tuple[str, int]] = set()
    named: set[tuple[str, str]] = set()
    for index, indicator in enumerate(plan.plan.indicators):
        section, cited_row = indicator.source.section, indicator.source.row
        table = next((t for t in tables if t.label == section), None)
        if table is None or not isinstance(cited_row, int):
            continue
        cited.add((table.label, cited_row))
        named.add((table.label, normalise_name(indicator.name)))
        row = _row(table, cited_row)
        if row is not None:
            findings += _differences(plan, index, indicator, table, row)
    for table in tables:
        for row in table.rows:
            number = row_number(row)
            if (table.label, number) in cited or (table.label, normalise_name(row.name.text)) in named:
                continue
            findings.append(
                Finding(
                    "PS703",
                    REGISTRY["PS703"].severity,
                    Location(document_file, row.line, 1),
                    plan=plan.id,
                    indicator_name=row.name.text,
                    args={"section": table.label, "row": number, "name": row.name.text},
                )
            )
    return findings


def _quotes_not_in_document(source: SourceText, plan: LoadedPlan):
    default = plan.plan.plan.source.document or source.name
    for path, node in _sources(plan.document.data):
        if (node.get("document") or default) != source.name:
            continue
        quote = node.get("quote")
        if isinstance(quote, str) and not source.contains(quote):
            yield Finding(
                "PS701",
                REGISTRY["PS701"].severity,
                plan.location((*path, "quote")),
                plan=plan.id,
                args={"quote": fold(quote), "document": source.name},
            )


_CHINESE_DIGITS = str.maketrans(
    {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
)


def _prose_values_not_in_quotes(plan: LoadedPlan):
    """A target stated in prose (an indicator of the text or a task, or a statement of a table
    row) must print its numbers in its own quote: 达到4.5 needs a 4.5 there."""
    for index, indicator in enumerate(plan.plan.indicators):
        stated = (
            []
            if indicator.stated_in.value == "table"
            else [(("indicators", index, "target"), indicator.target, indicator.source, indicator)]
        )
        stated += [
            (("indicators", index, "statements", j, "target"), s.target, s.source, s)
            for j, s in enumerate(indicator.statements)
        ]
        for path, value, source, entry in stated:
            if "target" in getattr(entry, "inferred", ()) or source.printed.get("target"):
                continue
            digits = _numbers_in(source.quote)
            missing = [n for n in value.numbers if n.normalize() not in digits]
            if missing:
                yield Finding(
                    "PS702",
                    REGISTRY["PS702"].severity,
                    plan.location(path),
                    plan=plan.id,
                    indicator=indicator.id,
                    indicator_name=indicator.name,
                    args={"variant": "quote", "field": "target", "value": value.text, "quote": fold(source.quote)},
                )


def _numbers_in(text: str) -> set:
    from decimal import Decimal

    folded = unicodedata.normalize("NFKC", text).translate(_CHINESE_DIGITS).replace(" ", "")
    return {Decimal(n).normalize() for n in re.findall(r"\d+(?:\.\d+)?", folded)}


def _sources(node, path=()):
    if isinstance(node, dict):
        if "quote" in node:
            yield path, node
        for key, value in node.items():
            yield from _sources(value, (*path, key))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _sources(value, (*path, position))


def _row(table: Table, number: int) -> Row | None:
    return next((row for row in table.rows if row_number(row) == number), None)


def _differences(plan: LoadedPlan, index: int, indicator, table: Table, row: Row) -> list[Finding]:
    found = []
    inferred = set(indicator.inferred)
    printed = indicator.source.printed

    def differs(field: str, value_in_file: str, in_document: str, variant: str | None = None) -> None:
        args = {
            "field": field,
            "value": value_in_file or "—",
            "printed": in_document or "—",
            "section": table.label,
            "row": row_number(row),
        }
        if variant:
            args["variant"] = variant
        found.append(
            Finding(
                "PS702",
                REGISTRY["PS702"].severity,
                plan.location(("indicators", index, field)),
                plan=plan.id,
                indicator=indicator.id,
                indicator_name=indicator.name,
                args=args,
            )
        )

    for field in ("baseline", "target"):
        if field in inferred or field not in row.values:
            continue
        _compare_value(field, getattr(indicator, field), row.values[field], printed.get(field), differs)
    if "actual" in row.values and indicator.actuals and "actuals" not in inferred:
        actual = indicator.actuals[0]
        cell = row.values["actual"]
        document_value, suspicion = read_value(cell, "actual")
        if suspicion is None and document_value is not None and not _same(actual.value, document_value):
            found.append(
                Finding(
                    "PS702",
                    REGISTRY["PS702"].severity,
                    plan.location(("indicators", index, "actuals", 0, "value")),
                    plan=plan.id,
                    indicator=indicator.id,
                    indicator_name=indicator.name,
                    args={
                        "field": "actual",
                        "value": actual.value.text,
                        "printed": squeeze(cell),
                        "section": table.label,
                        "row": row_number(row),
                    },
                )
            )
    if row.nature and "nature" not in inferred:
        nature = nature_of(row.nature)
        if (indicator.nature.value if indicator.nature else None) != nature:
            differs("nature", indicator.nature.value if indicator.nature else "", row.nature, "nature")
    unit = row.unit or clean_name(row.name.text).unit
    if unit and "unit" not in inferred and normalise_name(unit) != normalise_name(indicator.unit):
        differs("unit", indicator.unit, unit, "unit")
    return found


def _compare_value(field: str, value: Value, cell: str, printed: str | None, differs) -> None:
    document_value, suspicion = read_value(cell, field)
    if suspicion is not None:
        restored = (
            not value.is_missing
        )  # a draft leaves such a value out; a file that fills it in says how it was printed
        if suspicion.reason == "lost_point" and restored and (printed is None or fold(printed) != fold(cell)):
            differs(field, value.text, squeeze(cell), "lost_point")
        return
    if document_value is not None and not _same(value, document_value):
        differs(field, value.text, squeeze(cell))


def _same(a: Value, b: Value) -> bool:
    if a.is_missing and b.is_missing:
        return True
    return parse_value(a.text if a.text else "—").canonical() == b.canonical()
