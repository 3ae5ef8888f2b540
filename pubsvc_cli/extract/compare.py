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
from .prose import chinese_numbers
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
    meta = plan.plan.plan
    cited_document = meta.source.document or source.name
    findings: list[Finding] = []
    if cited_document != source.name:
        # Compared all the same (the user named this document), and said: a renamed copy is fine,
        # the wrong document shows as quotes that are not in it.
        findings.append(
            Finding(
                "PS704",
                REGISTRY["PS704"].severity,
                plan.location(("plan", "source", "document") if meta.source.document else ("plan", "source")),
                plan=plan.id,
                args={"cited": cited_document, "given": source.name},
            )
        )
    findings += _quotes_not_in_document(source, plan, cited_document)
    findings += _prose_values_not_in_quotes(plan)
    cited_sections = {i.source.section for i in plan.plan.indicators}
    tables = [t for t in find_tables(source) if _of_the_plan(t, meta, cited_sections)]
    cited: set[tuple[str, int]] = set()
    named: set[tuple[str, str]] = set()
    labels = {t.label for t in tables}
    for index, indicator in enumerate(plan.plan.indicators):
        section, cited_row = indicator.source.section, indicator.source.row
        if indicator.stated_in.value != "table" or cited_row is None or section is None:
            continue
        if section not in labels:
            if tables and re.fullmatch(r"(?:附表|专栏|表)\d+", section):
                findings.append(_differs(plan, index, indicator, ("source", "section"), "no_section", section=section))
            continue
        table, row = _cited(tables, section, cited_row, indicator.name)
        cited.add((table.label, cited_row))
        named.add((table.label, normalise_name(indicator.name)))
        if row is None:
            findings.append(
                _differs(plan, index, indicator, ("source", "row"), "no_row", section=table.label, row=cited_row)
            )
            continue
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


def _of_the_plan(table: Table, meta, cited_sections: set) -> bool:
    """A table of the plan's own period (a 十三五 review table is not the 十四五 plan's), or one the
    plan cites."""
    year = table.target_year or meta.target_year
    return meta.start_year <= year <= meta.target_year or table.label in cited_sections


def _quotes_not_in_document(source: SourceText, plan: LoadedPlan, cited_document: str):
    """The quotes that cite the plan's own document (no ``document`` of their own), checked against
    the document given."""
    for path, node in _sources(plan.document.data):
        if (node.get("document") or cited_document) != cited_document:
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

    folded = chinese_numbers(unicodedata.normalize("NFKC", text)).replace(" ", "")
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


def _cited(tables: list[Table], section: str, number, name: str) -> tuple[Table, Row | None]:
    """The table and row a source cites; of two tables with one label (a document that prints a
    table twice), the one whose row of that number has that name."""
    candidates = [t for t in tables if t.label == section]
    found = [(t, r) for t in candidates for r in t.rows if row_number(r) == number]
    for table, row in found:
        if normalise_name(row.name.text) == normalise_name(name):
            return table, row
    return found[0] if found else (candidates[0], None)


def _differs(plan: LoadedPlan, index: int, indicator, field_path: tuple, variant: str | None = None, **args) -> Finding:
    """A PS702 finding about indicator ``index``, located at ``field_path`` inside it."""
    if variant:
        args["variant"] = variant
    return Finding(
        "PS702",
        REGISTRY["PS702"].severity,
        plan.location(("indicators", index, *field_path)),
        plan=plan.id,
        indicator=indicator.id,
        indicator_name=indicator.name,
        args=args,
    )


def _differences(plan: LoadedPlan, index: int, indicator, table: Table, row: Row) -> list[Finding]:
    found = []
    inferred = set(indicator.inferred)
    where = {"section": table.label, "row": row_number(row)}

    def differs(path: tuple, variant: str | None, field: str, value: str, printed: str) -> None:
        found.append(
            _differs(
                plan, index, indicator, path, variant, field=field, value=value or "—", printed=printed or "—", **where
            )
        )

    for field in ("baseline", "target"):
        if field not in inferred and field in row.values:
            value, cell = getattr(indicator, field), row.values[field]
            problem = _value_problem(value, cell, indicator.source.printed.get(field))
            if problem is not None:
                differs((field,), problem or None, field, value.text, squeeze(cell))
    if "actual" in row.values and indicator.actuals and "actuals" not in inferred:
        actual = indicator.actuals[0]
        problem = _value_problem(
            actual.value, row.values["actual"], actual.source.printed.get("value") if actual.source else None
        )
        if problem is not None:
            differs(
                ("actuals", 0, "value"), problem or None, "actual", actual.value.text, squeeze(row.values["actual"])
            )
        if row.verdict and actual.verdict != squeeze(row.verdict):
            path = ("actuals", 0, "verdict") if actual.verdict else ("actuals", 0)
            differs(path, "verdict", "verdict", actual.verdict or "", squeeze(row.verdict))
    if row.nature and "nature" not in inferred:
        nature = nature_of(row.nature)
        if (indicator.nature.value if indicator.nature else None) != nature:
            differs(("nature",), "nature", "nature", indicator.nature.value if indicator.nature else "", row.nature)
    unit = row.unit or clean_name(row.name.text).unit
    if unit and "unit" not in inferred and normalise_name(unit) != normalise_name(indicator.unit):
        differs(("unit",), "unit", "unit", indicator.unit, unit)
    return found


def _value_problem(value: Value, cell: str, printed: str | None) -> str | None:
    """Why the file's value is not what the cell prints (a PS702 variant; "" for a plain
    difference), or None when it is.

    A cell whose decimal point may have been lost (``1 5``) is never read: a file that leaves the
    value out (a draft) is fine; one that restores it must say how it was printed
    (``source.printed``), and the restored number must read as the printed digits with a point
    where the space is."""
    document_value, suspicion = read_value(cell, "value")
    if suspicion is not None:
        if suspicion.reason != "lost_point" or value.is_missing:
            return None
        if printed is None or fold(printed) != fold(cell):
            return "lost_point"
        return None if _restores(printed, value) else "printed"
    if document_value is not None and not _same(value, document_value):
        return ""
    return None


def _restores(printed: str, value: Value) -> bool:
    """Whether ``value`` reads the printed digits with the space as a decimal point (1 5 → 1.5)."""
    text = re.sub(r"\s+", ".", unicodedata.normalize("NFKC", printed).strip(), count=1)
    try:
        return [n.normalize() for n in parse_value(text).numbers] == [n.normalize() for n in value.numbers]
    except ValueError:
        return False


def _same(a: Value, b: Value) -> bool:
    return a.canonical() == b.canonical()
