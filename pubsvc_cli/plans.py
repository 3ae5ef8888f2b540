"""A plan as the checks see it: the validated model, the document it came from (for locations),
and each indicator row resolved against the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .catalog import CatalogIndex
from .loading import Document, read_document
from .model import CatalogIndicator, Indicator, Plan
from .model.enums import StatedIn
from .model.validate import document_kind, validate
from .result import Finding, Location, PlanSummary, Severity


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
    #: What is computed from this plan for each of its lower plans (its values in their chains),
    #: computed once: a province's rows are compared by a hundred cities and counties.
    shared: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.plan.plan.id

    @cached_property
    def rows_by_id(self) -> dict[str, Resolved]:
        """Catalog id → the first row with that id (PS204 reports any second one)."""
        out: dict[str, Resolved] = {}
        for row in self.rows:
            if row.entry is not None:
                out.setdefault(row.entry.id, row)
        return out

    def location(self, path: tuple, *, key: bool = False) -> Location:
        return self.document.location(path, key=key, plan=self.id)

    def summary(self) -> PlanSummary:
        meta = self.plan.plan
        # The main indicators an evaluation counts: the table's rows (prose and task targets are
        # not 主要指标), or every row of a plan that has no table (an implementation plan).
        main = [row for row in self.rows if row.indicator.stated_in is StatedIn.TABLE] or self.rows
        natures: dict[str, int] = {}
        for row in main:
            nature = row.indicator.nature.value if row.indicator.nature else ""
            natures[nature] = natures.get(nature, 0) + 1
        everything = len(main) == len(self.rows)
        return PlanSummary(
            meta.id,
            meta.name,
            meta.level.value,
            meta.upper,
            self.document.file,
            len(self.plan.indicators),
            len(self.plan.services),
            natures=tuple(sorted(natures.items())),
            main_indicators=None if everything else len(main),
            main_ids=None if everything else tuple(row.entry.id for row in main if row.entry is not None),
        )


def resolve_rows(plan: Plan, catalog: CatalogIndex) -> list[Resolved]:
    """Pair each indicator row with its catalog entry: by ``id``, or by name/alias without one."""
    return [
        Resolved(index, indicator, catalog.get(indicator.id) if indicator.id else catalog.by_name(indicator.name))
        for index, indicator in enumerate(plan.indicators)
    ]


def plan_from_document(document: Document, catalog: CatalogIndex) -> tuple[LoadedPlan | None, list[Finding]]:
    """Validate a loaded document as a plan and resolve its rows against the catalog."""
    plan, findings = validate(document, Plan)
    if plan is None:
        return None, findings
    for finding in findings:
        finding.plan = plan.plan.id
    return LoadedPlan(plan, document, resolve_rows(plan, catalog)), findings


def load_plan(path: Path, catalog: CatalogIndex, file: str | None = None) -> tuple[LoadedPlan | None, list[Finding]]:
    """Read, validate and resolve one plan file; ``file`` is how locations name it."""
    document, findings = read_document(path, file)
    if document is None:
        return None, findings
    plan, problems = plan_from_document(document, catalog)
    return plan, findings + problems


def duplicate_plan_id(plan_id: str, here: Location, seen: dict[str, Location]) -> list[Finding]:
    """PS117 when another file of this run already has ``plan_id`` (``seen``: id → where), else
    record it: which plan an id means must never depend on the order files are read in."""
    first = seen.setdefault(plan_id, here)
    if first is here or first.file == here.file:
        return []
    return [
        Finding("PS117", Severity.ERROR, here, plan=plan_id, args={"id": plan_id, "first": first.file}, related=[first])
    ]


def is_plan_document(document: Document | None) -> bool:
    return document_kind(document) == "plan"
