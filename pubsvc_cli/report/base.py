"""The reporter interface and what every format shares."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from typing import Any, TextIO

from ..messages import Messages
from ..result import FailOn, Finding, Location, PlanSummary, Progress, Result
from ..rules import REGISTRY


class Reporter(ABC):
    def __init__(
        self, messages: Messages, fail_on: FailOn = FailOn.ERROR, color: bool | None = None, method: str = "linear"
    ):
        self.messages = messages
        self.fail_on = fail_on
        self.color = color
        self.method = method  # the progress method asked for, for the section title

    @abstractmethod
    def write(self, result: Result, out: TextIO) -> None:
        """Present ``result`` on ``out``; each format implements it."""

    def message(self, finding: Finding) -> str:
        """The finding's message, for formats that show what it is about beside it (a column)."""
        return self.messages.finding(finding.rule, finding.args)

    def statement(self, finding: Finding) -> str:
        """The message led by what it is about (see :func:`statement`)."""
        return statement(self.messages, finding)

    def not_checked(self, plan: PlanSummary) -> list[str]:
        """What was not checked for ``plan``, one line each: with no finding, a report must not
        read as compliant where nothing was looked at."""
        m = self.messages
        return [
            m.text("skip.line", family=m.text(f"skip.family.{n.family}"), rules=n.family, reason=n.reason)
            for n in plan.not_checked
        ]

    def title(self, finding: Finding) -> str:
        return self.messages.title(finding.rule)


def statement(messages: Messages, finding: Finding) -> str:
    """The message led by what it is about — the indicator or service by name — for formats
    that show a finding as one line of text: each can be acted on where it is read."""
    message = messages.finding(finding.rule, finding.args)
    subject = finding.indicator_name or finding.service_name
    if not subject or subject in message:
        return message
    return messages.text("ui.about", subject=subject, message=message)


def console_width(out: TextIO, default: int) -> int | None:
    """A terminal's own width; $COLUMNS when set; else ``default``, wide enough for Chinese tables
    (rich's 80 columns would wrap every row when the report goes to a pipe or a file)."""
    if out.isatty() or os.environ.get("COLUMNS", "").isdigit():
        return None
    return default


def writes_unicode(out: TextIO) -> bool:
    """JSON is escaped to ASCII for a stream that cannot carry every character (a GBK console)."""
    return (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "") in ("utf8", "utf8sig")


def location_dict(location: Location) -> dict[str, Any]:
    return {
        "file": location.file,
        "line": location.line,
        "column": location.column,
        "path": location.yaml_path or None,
        "plan": location.plan,
    }


def plan_dict(reporter: Reporter, plan: PlanSummary) -> dict[str, Any]:
    """The stable JSON shape of a plan the report covers."""
    return {
        "id": plan.id,
        "name": plan.name,
        "level": plan.level,
        "upper": plan.upper,
        "file": plan.file,
        "indicators": plan.indicators,
        "services": plan.services,
        "not_checked": [{"rules": n.family, "reason": reporter.messages.render(n.reason)} for n in plan.not_checked],
        "ancestors": [{"id": plan_id, "file": file} for plan_id, file in plan.ancestors],
    }


def headline_dict(headline: Any) -> dict[str, Any]:
    """The stable JSON shape of a plan's headline (evaluation.Headline)."""
    return {
        "indicators": headline.indicators,
        "counts": headline.counts,
        "by_nature": headline.by_nature,
        "lagging_binding": [
            {"indicator": indicator, "indicator_name": name, "status": status}
            for indicator, name, status in headline.lagging_binding
        ],
    }


def alignment_dict(alignment: Any) -> dict[str, Any]:
    """One indicator of a plan beside the same indicator in each ancestor, nearest first; a gap
    names the ancestor whose target the plan falls short of and the plan where it arose."""
    values = alignment.values

    def value(v: Any) -> dict[str, Any]:
        return {
            "plan": v.plan,
            "level": v.level,
            "carried": v.location is not None,
            "unit": v.unit,
            "baseline": v.baseline,
            "target": v.target,
            "nature": v.nature,
            "file": v.location.file if v.location else None,
            "line": v.location.line if v.location else None,
        }

    return {
        "plan": alignment.plan,
        "indicator": alignment.indicator,
        "indicator_name": alignment.indicator_name,
        "chain": [value(v) for v in values],
        "gaps": [
            {
                "short_of": values[ancestor + 1].plan,
                "arose_in": values[0].plan if origin is None else values[origin + 1].plan,
                "inherited": origin is not None,
            }
            for ancestor, origin in alignment.gaps
        ],
    }


def progress_dict(progress: Progress) -> dict[str, Any]:
    """The stable JSON shape of a progress assessment."""
    return {
        "plan": progress.plan,
        "indicator": progress.indicator,
        "indicator_name": progress.indicator_name,
        "nature": progress.nature,
        "year": progress.year,
        "status": progress.status,
        "label_zh": progress.label_zh,
        "method": progress.method,
        "baseline": progress.baseline,
        "target": progress.target,
        "target_year": progress.target_year,
        "actual": progress.actual,
        "reason": progress.reason,
        "recorded_verdict": progress.recorded_verdict,
        "position": progress.position,
        "expected_position": progress.expected_position,
        "components": progress.components,
        "pace": progress.pace,
        "file": progress.location.file,
        "line": progress.location.line,
    }


def change_dict(change: Any) -> dict[str, Any]:
    """One change found by ``pubsvc diff``."""
    return {
        "plan": change.plan,
        "indicator": change.indicator,
        "indicator_name": change.indicator_name,
        "field": change.field,
        "kind": change.kind,
        "old": change.old,
        "new": change.new,
        "nature": change.nature.value if change.nature else None,
        "file": change.location.file,
        "line": change.location.line,
    }


def finding_dict(reporter: Reporter, finding: Finding) -> dict[str, Any]:
    """The stable JSON shape of a finding (keys are added over time, never removed)."""
    loc = finding.location
    return {
        "rule": finding.rule,
        "rule_name": REGISTRY[finding.rule].name,
        "title": reporter.title(finding),
        "severity": finding.severity.value,
        "plan": finding.plan,
        "indicator": finding.indicator,
        "indicator_name": finding.indicator_name,
        "service": finding.service,
        "service_name": finding.service_name,
        "message": reporter.statement(finding),
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "path": loc.yaml_path or None,
        "waived": finding.waived,
        "waiver_reason": finding.waiver_reason,
        "related": [location_dict(r) for r in finding.related],
    }
