"""``pubsvc check``: load the plans and everything they are checked against, run the rules,
apply the waivers, and return one Result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .actuals import ActualRow, PlanRows, read_actuals_by_plan
from .alignment import chains
from .batch import ordered_map
from .catalog import CatalogIndex
from .coverage import plan_coverage, standard_index
from .hierarchy import Hierarchy
from .locations import display_path
from .messages import phrase
from .model import ServiceStandardList
from .plans import LoadedPlan, duplicate_plan_id
from .repository import Repository
from .result import (
    Alignment,
    Finding,
    IndicatorLine,
    Location,
    NotChecked,
    PlanSummary,
    PlanTable,
    Progress,
    Result,
    ServiceCoverage,
    Severity,
    TaskLine,
)
from .rules import PlanContext, iter_rules
from .tracking import AUTO_STANDARD, ProgressOptions, plan_progress
from .waivers import apply_waivers


@dataclass
class _Inputs:
    """What every plan of a run is checked against, loaded once."""

    hierarchy: Hierarchy
    catalog: CatalogIndex
    common_rows: list[ActualRow]  # rows of the --actuals files for whichever plan is checked
    sources: list[dict[str | None, PlanRows]]  # each --actuals file's rows by plan id, not yet read
    options: ProgressOptions
    standard: ServiceStandardList | None


@dataclass
class _Outcome:
    """What checking one plan file gave, in the order the Result records it."""

    load_problems: list[Finding]
    value_problems: list[Finding] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    summary: PlanSummary | None = None
    id_location: Location | None = None
    progress: list[Progress] = field(default_factory=list)
    coverage: list[ServiceCoverage] = field(default_factory=list)
    alignment: list[Alignment] = field(default_factory=list)
    table: PlanTable | None = None


def check(
    paths: list[Path],
    repository: Repository,
    options: ProgressOptions | None = None,
    jobs: int = 1,
    on_file: Callable[[], None] | None = None,
) -> Result:
    """Check every plan file in ``paths`` against the catalog, its chain of upper plans, the
    service standard and its actual values; with ``jobs`` > 1, in that many processes. The
    Result is the same, in the same order, whatever ``jobs``. ``on_file`` is called as each
    file's outcome arrives (a progress bar)."""
    options = options or ProgressOptions()
    result = Result()
    catalog, findings = repository.catalog
    result.record_data_problems(findings)
    if result.load_failed:
        return result  # every rule needs the catalog; without it each indicator would only show as unknown
    standard, findings = repository.service_standard
    result.record_data_problems(findings)
    # Each actuals file is split by plan; a plan's rows are read when (and where) it is checked.
    sources: list[dict[str | None, PlanRows]] = []
    common: list[ActualRow] = []  # rows for whichever plan is checked
    for actuals_path in options.actuals:
        grouped, findings = read_actuals_by_plan(actuals_path, catalog, display_path(actuals_path))
        result.record_data_problems(findings)
        if None in grouped:
            rows, findings = grouped.pop(None).interpret(catalog)
            common += rows
            result.record_data_problems(findings)
        sources.append(grouped)
    inputs = _Inputs(Hierarchy(repository, catalog, paths), catalog, common, sources, options, standard)
    plan_files: dict[str, Location] = {}
    for outcome in ordered_map(_check_file, paths, inputs, jobs):
        if on_file is not None:
            on_file()
        result.record_data_problems(outcome.load_problems)
        if outcome.summary is None:
            continue
        result.findings += duplicate_plan_id(outcome.summary.id, outcome.id_location, plan_files)
        result.record_data_problems(outcome.value_problems)
        result.findings += outcome.findings
        result.plans.append(outcome.summary)
        result.progress += outcome.progress
        result.coverage += outcome.coverage
        result.alignment += outcome.alignment
        if outcome.table is not None:
            result.tables.append(outcome.table)
    checked = {plan.id for plan in result.plans}
    result.findings += _actuals_of_plans_not_checked(sources, checked, catalog, result)
    return result


def _check_file(path: Path, inputs: _Inputs) -> _Outcome:
    subject, findings = inputs.hierarchy.load(path)
    outcome = _Outcome(load_problems=findings)
    if subject is None:
        return outcome
    outcome.id_location = subject.location(("plan", "id"))
    context = _context(subject, path, inputs)
    rows = list(inputs.common_rows)
    for source in inputs.sources:
        if subject.id in source:
            mine, problems = source[subject.id].interpret(inputs.catalog)
            rows += mine
            outcome.load_problems += problems  # the table's own problems: recorded once, not waived
    context.progress, value_problems = plan_progress(subject, rows, inputs.options)
    outcome.progress = context.progress
    if inputs.standard is not None and subject.plan.services:
        index = standard_index(inputs.standard)  # built only for a plan with a service list
        context.coverage = plan_coverage(subject.plan.services, index, _binding_standard(context, inputs))
        outcome.coverage = [
            ServiceCoverage(
                subject.id,
                context.coverage.standard,
                context.coverage.standard_name,
                d.domain,
                d.required,
                d.present,
                [index.items[i].name for i in d.missing],
                d.added,
            )
            for d in context.coverage.domains
        ]
    found = [finding for rule in iter_rules() if rule.check is not None for finding in rule.check(context)]
    not_checked = _not_checked(context)
    # The plan's waivers cover the problems of its actual values too (a value from an --actuals file
    # included): those are data problems, which fail the run unless waived.
    found += apply_waivers(subject, found + value_problems, not_run={n.family for n in not_checked})
    outcome.value_problems = value_problems
    outcome.findings = found
    if inputs.options.chain_values:
        outcome.alignment = [_alignment(subject.id, chain) for chain in context.chains]
    if inputs.options.details:
        outcome.table = plan_table(subject)
    outcome.summary = replace(
        subject.summary(),
        not_checked=tuple(not_checked),
        ancestors=tuple((plan.id, file) for plan, file in context.ancestor_files),
    )
    return outcome


def plan_table(subject: LoadedPlan) -> PlanTable:
    """The plan's indicator table and tasks as a batch report shows them."""
    meta = subject.plan.plan
    return PlanTable(
        meta.id,
        meta.base_year,
        meta.target_year,
        tuple(
            IndicatorLine(
                row.entry.id if row.entry else None,
                row.indicator.name,
                row.indicator.unit,
                row.indicator.nature.value if row.indicator.nature else None,
                str(row.indicator.baseline),
                str(row.indicator.target),
                row.indicator.year or meta.target_year,
                row.entry.direction.value if row.entry else None,
                row.indicator.stated_in.value,
                row.indicator.task,
            )
            for row in subject.rows
        ),
        tuple(
            TaskLine(
                task.number,
                task.title,
                task.group,
                tuple(task.responsible),
            )
            for task in subject.plan.tasks
        ),
    )


def _alignment(plan_id: str, chain) -> Alignment:
    row = chain.row
    return Alignment(
        plan_id,
        row.entry.id,
        row.indicator.name,
        tuple(chain.values),
        tuple((gap.ancestor, gap.origin) for gap in chain.gaps),
    )


def _not_checked(context: PlanContext) -> list[NotChecked]:
    """The families of checks that could not run for this plan, with the reason."""
    meta = context.plan.plan
    skipped = []
    if context.upper is None and meta.level.value != "national":
        if meta.upper:
            reason = phrase("skip.upper_problem", upper=meta.upper)
        elif meta.upper_name:
            reason = phrase("skip.upper_not_encoded", name=meta.upper_name)
        else:
            reason = phrase("skip.no_upper")
        skipped.append(NotChecked("PS3xx", reason))
    if not context.plan.services:
        skipped.append(NotChecked("PS4xx", phrase("skip.no_services")))
    if not context.progress:
        skipped.append(NotChecked("PS5xx", phrase("skip.no_actuals")))
    return skipped


def _binding_standard(context: PlanContext, inputs: _Inputs) -> str:
    """The standard a plan's service list is checked against: ``--standard`` when given, else the
    plan's own province's list where the standard has one, else the national list."""
    if inputs.options.standard != AUTO_STANDARD:
        return inputs.options.standard
    province = context.province
    return province.id if province is not None and province.id in inputs.standard.standard.scopes else "national"


def _context(subject: LoadedPlan, path: Path, inputs: _Inputs) -> PlanContext:
    """The rule context, with the chain of upper plans loaded as far as it goes: the direct upper
    plan (PS301 says why when it cannot be), its upper plan, and so on up to the nation."""
    chain = inputs.hierarchy.chain(subject, path)
    context = PlanContext(subject, inputs.catalog, upper_problem=chain.problem, cycle=chain.cycle)
    context.ancestor_files = chain.ancestors
    context.ancestors = [plan for plan, _file in chain.ancestors]
    if chain.missing_id is not None:
        context.upper_suggestions = inputs.hierarchy.ids_like(chain.missing_id, path.parent)
    if context.ancestors and context.upper_problem is None:
        context.upper = context.ancestors[0]
        context.chains = chains(subject, context.ancestors)
    return context


def _actuals_of_plans_not_checked(
    sources: list[dict[str | None, PlanRows]], checked: set[str], catalog: CatalogIndex, result: Result
) -> list[Finding]:
    """PS116: rows meant for a plan that this run does not check, once per plan (at its first row);
    the problems of those rows are recorded too, as when every row was read."""
    counts: dict[str, list] = {}
    for source in sources:
        for plan_id, group in source.items():
            if plan_id is None or plan_id in checked:
                continue
            rows, problems = group.interpret(catalog)
            result.record_data_problems(problems)
            if rows:
                entry = counts.setdefault(plan_id, [rows[0].location, 0])
                entry[1] += len(rows)
    return [
        Finding(
            "PS116",
            Severity.WARNING,
            counts[plan_id][0],
            plan=plan_id,
            args={"plan_id": plan_id, "count": counts[plan_id][1]},
        )
        for plan_id in sorted(counts)
    ]
