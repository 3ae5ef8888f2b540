"""``pubsvc check``: load the plans and everything they are checked against, run the rules,
apply the waivers, and return one Result."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .actuals import ActualRow, read_actuals
from .catalog import CatalogIndex
from .coverage import plan_coverage, standard_index
from .messages import phrase
from .plans import LoadedPlan, duplicate_plan_id, load_plan
from .repository import Repository, display_path
from .result import Finding, Location, NotChecked, Result, ServiceCoverage, Severity
from .rules import PlanContext, iter_rules
from .tracking import AUTO_STANDARD, ProgressOptions, plan_progress
from .waivers import apply_waivers


@dataclass
class _Inputs:
    """What every plan of a run is checked against, loaded once."""

    repository: Repository
    catalog: CatalogIndex
    actual_rows: list[ActualRow]
    options: ProgressOptions


def check(paths: list[Path], repository: Repository, options: ProgressOptions | None = None) -> Result:
    """Check every plan file in ``paths`` against the catalog, its upper plan, the service
    standard and its actual values."""
    options = options or ProgressOptions()
    result = Result()
    catalog, findings = repository.catalog
    result.record_data_problems(findings)
    if result.load_failed:
        return result  # every rule needs the catalog; without it each indicator would only show as unknown
    _standard, findings = repository.service_standard
    result.record_data_problems(findings)
    actual_rows: list[ActualRow] = []
    for actuals_path in options.actuals:
        rows, findings = read_actuals(actuals_path, catalog, display_path(actuals_path))
        actual_rows += rows
        result.record_data_problems(findings)
    inputs = _Inputs(repository, catalog, actual_rows, options)
    plan_files: dict[str, Location] = {}
    for path in paths:
        subject, findings = load_plan(path, catalog, display_path(path))
        result.record_data_problems(findings)
        if subject is not None:
            result.findings += duplicate_plan_id(subject, plan_files)
            _check_plan(subject, path, inputs, result)
    result.findings += _actuals_of_plans_not_checked(actual_rows, {plan.id for plan in result.plans})
    return result


def _check_plan(subject: LoadedPlan, path: Path, inputs: _Inputs, result: Result) -> None:
    context = _context(subject, inputs.catalog, inputs.repository, path)
    context.progress, value_problems = plan_progress(subject, inputs.actual_rows, inputs.options)
    result.progress += context.progress
    standard = inputs.repository.service_standard[0] if subject.plan.services else None
    if standard is not None:
        index = standard_index(standard)  # built only for a plan with a service list
        context.coverage = plan_coverage(subject.plan.services, index, _binding_standard(context, standard, inputs))
        result.coverage += [
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
    result.record_data_problems(value_problems)
    result.findings += found
    result.plans.append(replace(subject.summary(), not_checked=tuple(not_checked)))


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


def _binding_standard(context: PlanContext, standard, inputs: _Inputs) -> str:
    """The standard a plan's service list is checked against: ``--standard`` when given, else the
    plan's own province's list where the standard has one, else the national list."""
    if inputs.options.standard != AUTO_STANDARD:
        return inputs.options.standard
    province = context.province
    return province.id if province is not None and province.id in standard.standard.scopes else "national"


def _context(subject: LoadedPlan, catalog: CatalogIndex, repository: Repository, path: Path) -> PlanContext:
    """The rule context, with the chain of upper plans loaded as far as it goes: the direct upper
    plan (PS301 says why when it cannot be), its upper plan, and so on up to the nation."""
    context = PlanContext(subject, catalog)
    seen, current, current_path = [subject.id], subject, path
    while current.plan.plan.upper:
        upper_id = current.plan.plan.upper
        if upper_id in seen:  # a cycle; the plans of this one's chain report their own
            if upper_id == subject.id:
                context.upper_problem = "self" if current is subject else "cycle"
                context.cycle = [*seen, upper_id]
            break
        upper_path = repository.find_by_id(upper_id, first_in=[current_path.parent])
        upper, _problems = load_plan(upper_path, catalog, display_path(upper_path)) if upper_path else (None, [])
        if upper is None:
            if current is subject:
                # The upper file's own errors belong to it; `pubsvc check` on that file shows them.
                context.upper_problem = "invalid" if upper_path else "not_found"
                if upper_path is None:
                    context.upper_suggestions = repository.plan_ids_like(upper_id)
            break
        context.ancestors.append(upper)
        seen.append(upper_id)
        current, current_path = upper, upper_path
    if context.ancestors and context.upper_problem is None:
        context.upper = context.ancestors[0]
    return context


def _actuals_of_plans_not_checked(rows: list[ActualRow], checked: set[str]) -> list[Finding]:
    """PS116: rows meant for a plan that this run does not check, once per plan (at its first row)."""
    first: dict[str, ActualRow] = {}
    count: dict[str, int] = {}
    for row in rows:
        if row.plan and row.plan not in checked:
            first.setdefault(row.plan, row)
            count[row.plan] = count.get(row.plan, 0) + 1
    return [
        Finding(
            "PS116",
            Severity.WARNING,
            first[plan_id].location,
            plan=plan_id,
            args={"plan_id": plan_id, "count": count[plan_id]},
        )
        for plan_id in sorted(first)
    ]
