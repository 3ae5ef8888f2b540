"""What a rule is, the registry of rules, and the context a rule checks."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..loading import Document
from ..model import CatalogIndicator, Indicator, Nature, Plan
from ..result import Finding, Location, Progress, Severity

Check = Callable[["PlanContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One check with a stable code. ``doc`` (the function's docstring) is its documentation;
    titles and messages in each language live in ``pubsvc_cli.messages``."""

    code: str
    name: str
    severity: Severity  # the default; some rules raise it for binding (约束性) indicators
    doc: str
    check: Check | None = None  # None for problems found while loading, before any rule runs

    @property
    def family(self) -> str:
        return self.code[:3] + "xx"


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a check function as a rule; its docstring is the rule's documentation."""

    def register(check: Check) -> Check:
        if code in REGISTRY:
            raise RuntimeError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), check)
        return check

    return register


def reported_rule(code: str, name: str, severity: Severity, doc: str) -> None:
    """Register a rule that another stage reports (the loader, the diff): it has no check function."""
    REGISTRY[code] = Rule(code, name, severity, inspect.cleandoc(doc))


def severity_for(nature: Nature | None) -> Severity:
    """A broken binding (约束性) commitment is an error; an expected (预期性) one a warning."""
    return Severity.ERROR if nature is Nature.BINDING else Severity.WARNING


def nature_text(nature: Nature | None) -> str:
    """The nature as a message argument; the catalogs translate "unknown"."""
    return nature.value if nature else "unknown"


@dataclass
class Resolved:
    """An indicator row of a plan with its catalog entry (None when it matches none)."""

    index: int
    indicator: Indicator
    entry: CatalogIndicator | None

    @property
    def path(self) -> tuple:
        return ("indicators", self.index)


@dataclass
class LoadedPlan:
    plan: Plan
    document: Document
    rows: list[Resolved] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.plan.plan.id

    def by_id(self) -> dict[str, Resolved]:
        """Catalog id → first row with that id."""
        out: dict[str, Resolved] = {}
        for row in self.rows:
            if row.entry is not None:
                out.setdefault(row.entry.id, row)
        return out

    def location(self, path: tuple, *, key: bool = False) -> Location:
        return self.document.location(path, key=key, plan=self.id)


@dataclass
class PlanContext:
    """Everything a rule may look at for one plan."""

    subject: LoadedPlan
    catalog: dict[str, CatalogIndicator]
    upper: LoadedPlan | None = None
    upper_problem: str | None = None  # why the upper plan is absent: "not_found" or "invalid"
    progress: list[Progress] = field(default_factory=list)  # assessments of the plan's actual values
    coverage: Any = None  # coverage.Coverage of the plan's service list, when there is a standard

    @property
    def plan(self) -> Plan:
        return self.subject.plan

    def finding(self, code: str, row: Resolved | None, field_name: str | None = None, *,
                severity: Severity | None = None, related: list[Location] | None = None,
                location: Location | None = None, **args: Any) -> Finding:
        """A finding about ``row`` (or the plan when None), located at its ``field_name``."""
        if location is None:
            path = row.path + ((field_name,) if field_name else ()) if row else ("plan",)
            location = self.subject.location(path)
        indicator_name = row.indicator.name if row else args.pop("indicator_name", None)
        return Finding(
            rule=code,
            severity=severity or REGISTRY[code].severity,
            location=location,
            plan=self.subject.id,
            indicator=row.entry.id if row and row.entry else None,
            indicator_name=indicator_name,
            args=args,
            related=related or [],
        )


def iter_rules() -> Iterator[Rule]:
    return iter(sorted(REGISTRY.values(), key=lambda r: r.code))
