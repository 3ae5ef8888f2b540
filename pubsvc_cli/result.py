"""What a check produces: findings with locations, gathered into one Result for a reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class FailOn(str, Enum):
    """The lowest severity that fails a run (``--fail-on``)."""

    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` makes the run fail: waived findings never do."""
        if finding.waived or self is FailOn.NEVER:
            return False
        return finding.severity.rank >= Severity(self.value).rank


#: How the data shipped with pubsvc is named in every report and location: a stable name, never
#: the site-packages path of one installation.
SHIPPED_PREFIX = "pubsvc:data/"


def yaml_path(path: tuple[str | int, ...]) -> str:
    """``indicators[3].target`` style, as a user reads it."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    plan: str | None = None  # plan id, for a location in another plan (the upper one)

    @property
    def yaml_path(self) -> str:
        return yaml_path(self.path)

    def __reduce__(self) -> tuple:
        # Pickled as its fields: a national batch sends a few hundred thousand locations from the
        # workers to the parent, and a frozen slotted dataclass' own state functions (Python code
        # run per object) took twice as long to write and a quarter longer to read.
        return (Location, (self.file, self.line, self.column, self.path, self.plan))

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass
class Finding:
    """One problem. ``args`` fill the rule's message template in the chosen language."""

    rule: str
    severity: Severity
    location: Location
    plan: str | None = None
    indicator: str | None = None
    indicator_name: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    related: list[Location] = field(default_factory=list)
    service: str | None = None  # standard item id, for service-list findings
    service_name: str | None = None  # the service's name as the plan prints it (or the item's name)
    waived: bool = False
    waiver_reason: str | None = None

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (-self.severity.rank, loc.file, loc.line or 0, loc.column or 0, self.rule)


@dataclass
class Progress:
    """Where one indicator of one plan stands, as the progress engine judged it."""

    plan: str
    indicator: str
    indicator_name: str
    nature: str | None
    year: int | None
    status: str  # a progress.Status value
    label_zh: str
    method: str  # linear, cagr, or final (the target year: achieved / not achieved)
    baseline: str
    target: str
    target_year: int
    actual: str | None
    location: Location
    reason: str | None = None  # why it could not be assessed
    recorded_verdict: str | None = None  # the plan's own verdict for that year, where it records one
    components: dict[str, Any] = field(default_factory=dict)
    position: float | None = None  # the actual value between baseline (0) and target (1)
    expected_position: float | None = None  # where the linear path expects it that year
    pace: dict[str, Any] | None = None  # progress.pace: the pace so far and the pace still needed
    # For a batch report only (tracking.ProgressOptions.details):
    series: tuple[tuple[int, str], ...] | None = None  # every value observed after the base year
    other: dict[str, Any] | None = None  # the verdict by the other method: method, status, label_zh

    @property
    def status_key(self) -> str:
        """The message key of the status as a reader sees it (基期已达标，倒退 is its own words)."""
        if self.status == "deteriorating" and self.components.get("baseline_met_target"):
            return "status.deteriorating_baseline_met"
        return f"status.{self.status}"


@dataclass
class ServiceCoverage:
    """How one plan's service list covers one domain of the standard."""

    plan: str
    standard: str  # national or a province id
    standard_name: str
    domain: str
    required: int
    present: int
    missing: list[str]  # names of required items the plan lacks
    added: list[str]  # names of the plan's services outside the required items


@dataclass(frozen=True)
class NotChecked:
    """A family of checks that did not run for a plan, and why: a report that found nothing must
    not read as compliant where nothing was looked at."""

    family: str  # PS3xx, PS4xx, PS5xx
    reason: Any  # a messages.Phrase


@dataclass(frozen=True)
class PlanSummary:
    """What a report says of a plan it covers."""

    id: str
    name: str
    level: str
    upper: str | None
    file: str
    indicators: int
    services: int = 0
    not_checked: tuple[NotChecked, ...] = ()
    ancestors: tuple[tuple[str, str], ...] = ()  # (id, the file it resolved to): the upper plan first
    # The main indicators (主要指标) an evaluation counts: the indicator table's rows, or every row
    # of a plan without a table (evaluation.headline).
    natures: tuple[tuple[str, int], ...] = ()  # (约束性 / 预期性 / "" for none, how many main indicators)
    main_indicators: int | None = None  # None: every indicator is a main one
    main_ids: tuple[str, ...] | None = None  # catalog ids of the main indicators; None: no filter


@dataclass(frozen=True)
class Alignment:
    """One indicator of a plan beside the same indicator in every ancestor plan (alignment.py)."""

    plan: str
    indicator: str
    indicator_name: str
    values: tuple[Any, ...]  # alignment.ChainValue: the plan, then each ancestor nearest first
    gaps: tuple[tuple[int, int | None], ...] = ()  # (ancestor index, where the gap arose: None = here)


@dataclass(frozen=True)
class IndicatorLine:
    """One row of a plan's indicator table as the plan states it, for a batch report (pages,
    sibling standings): every row, with or without actual values."""

    id: str | None  # catalog id; None for a row the catalog does not know
    name: str
    unit: str
    nature: str | None
    baseline: str
    target: str
    target_year: int
    direction: str | None  # increase or decrease (the catalog's); None for a row the catalog does not know
    stated_in: str
    task: int | None


@dataclass(frozen=True)
class TaskLine:
    """A numbered task of an implementation plan and its responsible units, the lead first."""

    number: int
    title: str
    group: str | None
    responsible: tuple[str, ...]


@dataclass(frozen=True)
class PlanTable:
    """What a batch report shows of a plan beyond its findings: its indicator table and tasks."""

    plan: str
    base_year: int
    target_year: int
    indicators: tuple[IndicatorLine, ...]
    tasks: tuple[TaskLine, ...] = ()


@dataclass
class Result:
    plans: list[PlanSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    coverage: list[ServiceCoverage] = field(default_factory=list)
    changes: list[Any] = field(default_factory=list)  # diffing.Change, from `pubsvc diff`
    alignment: list[Alignment] = field(default_factory=list)
    tables: list[PlanTable] = field(default_factory=list)  # for a batch report only (ProgressOptions.details)
    _seen: set[tuple] = field(default_factory=set, repr=False, compare=False)

    def record_data_problems(self, findings: list[Finding]) -> None:
        """Add findings about data files, each once: the same file can be read twice in one run
        (named twice, or as two plans' actuals), and its problems are reported once."""
        for finding in findings:
            key = (finding.rule, finding.plan, finding.indicator, finding.location)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.findings.append(finding)

    @property
    def load_failed(self) -> bool:
        """A data file could not be loaded or validated (a rule declared ``load_failure``): the run
        cannot have checked everything, whatever ``--fail-on`` says. A finding about the values in
        a file that loaded (an actual value outside the plan's years) is not one."""
        from .rules import REGISTRY  # the rules import this module; ask the registry at run time

        return any(REGISTRY[f.rule].load_failure and not f.waived for f in self.findings)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and not f.waived)

    @property
    def waived(self) -> int:
        return sum(1 for f in self.findings if f.waived)

    def summary(self) -> dict[str, int]:
        return {
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "waived": self.waived,
        }

    def exit_code(self, fail_on: FailOn) -> int:
        """0 when nothing reaches ``fail_on``; 1 when something does or a file could not load."""
        if self.load_failed:
            return 1
        return 1 if any(fail_on.fails(f) for f in self.findings) else 0


def _matches(rule: str, pattern: str) -> bool:
    """PS303 matches itself; PS3 and PS3xx match the whole family."""
    prefix = pattern.upper().rstrip("X")
    return rule == pattern.upper() or (len(prefix) < len(rule) and rule.startswith(prefix))


def select_rules(findings: list[Finding], select: list[str], ignore: list[str]) -> list[Finding]:
    """Keep the findings of the selected rules (all when none is selected), minus the ignored ones."""
    return [
        f
        for f in findings
        if (not select or any(_matches(f.rule, p) for p in select)) and not any(_matches(f.rule, p) for p in ignore)
    ]
