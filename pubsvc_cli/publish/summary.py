"""``summary.json``: the report as data, with every calculation's components (as Open SDG
publishes its progress measures), and what changed since a previous report (``--previous``).

It is written as a stream: the header's keys, then each list with one record per line. A national
summary is a few hundred megabytes; one line per record keeps it out of memory as one object, and
is what a diff of two years' summaries compares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..report.base import headline_dict, progress_dict
from .content import Book, FindingView, PlanPage

#: Changes in this number mean a reader of summary.json must change: new keys never do.
SCHEMA_VERSION = 1
GENERATOR = "pubsvc report"
#: The lists of summary.json, in the order they are written.
SECTIONS = ("plans", "progress", "alignment", "findings")


def finding_key(finding: dict[str, Any]) -> tuple:
    """What makes a finding the same one a year later: its rule, what it is about and where in
    the plan (the YAML path, not the line, which moves when rows are added above it)."""
    return (
        finding["rule"],
        finding.get("plan"),
        finding.get("indicator"),
        finding.get("service"),
        finding.get("path") or finding.get("file"),
    )


def _finding(view: FindingView) -> dict[str, Any]:
    f = view.finding
    return {
        "rule": f.rule,
        "title": view.title,
        "severity": f.severity.value,
        "plan": f.plan,
        "indicator": f.indicator,
        "indicator_name": f.indicator_name,
        "service": f.service,
        "message": view.message,
        "file": f.location.file,
        "line": f.location.line,
        "column": f.location.column,
        "path": f.location.yaml_path or None,
        "waived": f.waived,
        "waiver_reason": f.waiver_reason,
    }


def page_records(page: PlanPage) -> dict[str, list[dict[str, Any]]]:
    """A detailed page's records for each list of summary.json."""
    records: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    records["findings"] = [_finding(view) for view in page.findings]
    plan = page.summary
    if plan is None:
        return records
    records["plans"].append(
        {
            "id": plan.id,
            "name": plan.name,
            "level": plan.level,
            "upper": plan.upper,
            "file": plan.file,
            "page": f"plans/{page.slug}.html",
            "indicators": plan.indicators,
            "services": plan.services,
            "counts": page.counts,
            "headline": headline_dict(page.headline),
            "headline_text": page.headline_text,
        }
    )
    for view in page.indicators:
        if view.progress is not None:
            entry = progress_dict(view.progress)
            entry["series"] = [list(pair) for pair in view.progress.series or ()]
            entry["other_method"] = view.progress.other
            entry["unit"] = view.line.unit
            records["progress"].append(entry)
    for chain in page.chains:
        records["alignment"].append(
            {
                "plan": plan.id,
                "indicator": chain.indicator,
                "indicator_name": chain.indicator_name,
                "chain": chain.values,
                "own_gaps": chain.own_gaps,
                "inherited_gaps": [{"short_of": a, "arose_in": o} for a, o in chain.inherited_gaps],
            }
        )
    return records


def header(book: Book) -> dict[str, Any]:
    return {
        "generator": GENERATOR,
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "lang": book.lang,
        "method": book.method,
        "year": book.year,
        "counts": book.counts,
        "headline": headline_dict(book.totals),
        "headline_text": book.totals_text,
    }


def line(record: Any) -> str:
    return _LINE(record)


#: One encoder for every record (json.dumps with options builds a new one per call): a national
#: report writes a quarter of a million records.
_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write(out: TextIO, head: dict[str, Any], sections: dict[str, list[str]], changes: Changes | None) -> None:
    """summary.json from its header and each list's records (each already one line)."""
    out.write("{\n")
    for key, value in head.items():
        out.write(f"{json.dumps(key)}:{line(value)},\n")
    if changes is not None:
        out.write(f'"changes":{line(changes.as_dict())},\n')
    for number, name in enumerate(SECTIONS):
        items = sections[name]
        out.write(f'"{name}":[' + ("\n" if items else ""))
        out.write(",\n".join(items))
        out.write("]" + (",\n" if number < len(SECTIONS) - 1 else "\n"))
    out.write("}\n")


@dataclass
class Changes:
    """What moved since the previous report: statuses, new findings and resolved ones."""

    previous: str
    status_moved: list[dict[str, Any]] = field(default_factory=list)
    new_findings: list[dict[str, Any]] = field(default_factory=list)
    resolved_findings: list[dict[str, Any]] = field(default_factory=list)
    new_plans: list[str] = field(default_factory=list)
    gone_plans: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous": self.previous,
            "status_moved": self.status_moved,
            "new_findings": self.new_findings,
            "resolved_findings": self.resolved_findings,
            "new_plans": self.new_plans,
            "gone_plans": self.gone_plans,
        }


class PreviousError(ValueError):
    """The --previous file is not a summary.json that pubsvc report wrote."""

    def __init__(self, key: str, **args: Any):
        super().__init__(key)
        self.key, self.args_ = key, args


def read_previous(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PreviousError("book.previous.unreadable", path=str(path), detail=error.strerror or str(error)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        where = f"{path}:{error.lineno}:{error.colno}" if isinstance(error, json.JSONDecodeError) else str(path)
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise PreviousError("book.previous.not_json", path=where, detail=detail) from None
    if not isinstance(data, dict) or data.get("generator") != GENERATOR or not _readable(data):
        raise PreviousError("book.previous.not_summary", path=str(path))
    return data


#: What each record of a previous summary must hold to be compared and shown: (key, types).
_TEXT, _MAYBE_TEXT, _MAYBE_INT = (str,), (str, type(None)), (int, type(None))
_FIELDS = {
    "plans": (("id", _TEXT),),
    "progress": (("plan", _TEXT), ("indicator", _TEXT), ("status", _TEXT), ("year", _MAYBE_INT)),
    "findings": (
        ("rule", _TEXT),
        ("message", _TEXT),
        ("file", _TEXT),
        ("line", _MAYBE_INT),
        ("plan", _MAYBE_TEXT),
        ("indicator", _MAYBE_TEXT),
        ("service", _MAYBE_TEXT),
        ("path", _MAYBE_TEXT),
    ),
}


def _readable(data: dict[str, Any]) -> bool:
    """Every list of records is there, each record a mapping with its fields of the right types
    and each status one the progress engine gives (a file edited by hand, or another tool's)."""
    from ..progress import Status

    statuses = {status.value for status in Status}
    for name, fields in _FIELDS.items():
        records = data.get(name)
        if not isinstance(records, list):
            return False
        for record in records:
            if not isinstance(record, dict):
                return False
            for key, types in fields:
                value = record.get(key)
                if not isinstance(value, types) or isinstance(value, bool):
                    return False
            if name == "progress" and record["status"] not in statuses:
                return False
    return True


def changes(
    progress: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    plans: list[str],
    previous: dict[str, Any],
    name: str,
) -> Changes:
    """Compare this report's records (its progress and findings records, its plan ids) with a
    previous summary."""
    out = Changes(name)
    before = {(p["plan"], p["indicator"]): p for p in previous["progress"]}
    for item in progress:
        old = before.get((item["plan"], item["indicator"]))
        if old is not None and old.get("status") != item["status"]:
            out.status_moved.append(
                {
                    "plan": item["plan"],
                    "indicator": item["indicator"],
                    "indicator_name": item["indicator_name"],
                    "from": old.get("status"),
                    "from_year": old.get("year"),
                    "to": item["status"],
                    "to_year": item["year"],
                }
            )
    old_findings = previous["findings"]
    old_keys = {finding_key(f) for f in old_findings}
    new_keys = {finding_key(f) for f in findings}
    out.new_findings = [f for f in findings if finding_key(f) not in old_keys and not f["waived"]]
    out.resolved_findings = [f for f in old_findings if finding_key(f) not in new_keys]
    old_plans = {p["id"] for p in previous["plans"]}
    out.new_plans = sorted(set(plans) - old_plans)
    out.gone_plans = sorted(str(p) for p in old_plans - set(plans))
    return out
