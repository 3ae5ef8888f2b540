"""Orchestrates a check: load everything, run the rules, apply waivers, return one Result."""

from __future__ import annotations

from pathlib import Path

from .actuals import read_actuals
from .coverage import StandardIndex, plan_coverage
from .loading import read_document
from .model import CatalogIndicator, Plan
from .repository import Repository, display_path
from .result import Finding, PlanSummary, Result, ServiceCoverage, Severity
from .rules import REGISTRY, LoadedPlan, PlanContext, Resolved, iter_rules
from .normalise import normalise_name
from .tracking import ProgressOptions, plan_progress
from .validation import validate


def load_plan(path: Path, catalog: dict[str, CatalogIndicator]) -> tuple[LoadedPlan | None, list[Finding]]:
    """Read, validate and resolve one plan file against the catalog."""
    document, findings = read_document(path, display_path(path))
    if document is None:
        return None, findings
    plan, problems = validate(document, Plan)
    findings += problems
    if plan is None:
        return None, findings
    for finding in findings:
        finding.plan = plan.plan.id
    return LoadedPlan(plan, document, resolve_rows(plan, catalog)), findings


def resolve_rows(plan: Plan, catalog: dict[str, CatalogIndicator]) -> list[Resolved]:
    """Pair each indicator row with its catalog entry: by ``id``, or by name/alias without one."""
    by_name: dict[str, CatalogIndicator] = {}
    for entry in catalog.values():
        for name in (entry.name, *entry.aliases):
            by_name.setdefault(normalise_name(name), entry)
    rows = []
    for index, indicator in enumerate(plan.indicators):
        entry = catalog.get(indicator.id) if indicator.id else by_name.get(normalise_name(indicator.name))
        rows.append(Resolved(index, indicator, entry))
    return rows


def check(names: list[Path], repository: Repository, options: ProgressOptions | None = None) -> Result:
    """Check every plan in ``names`` (already resolved to files) against the catalog, its upper
    plan and its actual values."""
    options = options or ProgressOptions()
    result = Result()
    catalog, catalog_findings = repository.catalog
    _record(result, catalog_findings)
    if result.load_failed:
        # Every rule needs the catalog; without it each indicator would only show as unknown.
        return result
    standard, standard_findings = repository.service_standard
    _record(result, standard_findings)
    index = StandardIndex(standard) if standard is not None else None
    actual_rows = []
    for actuals_path in options.actuals:
        rows, findings = read_actuals(actuals_path, catalog, display_path(actuals_path))
        actual_rows += rows
        _record(result, findings)
    for path in names:
        subject, findings = load_plan(path, catalog)
        _record(result, findings)
        if subject is None:
            continue
        context = _context(subject, catalog, repository, path)
        context.progress, findings = plan_progress(subject, actual_rows, options)
        _record(result, findings)
        result.progress += context.progress
        if index is not None and subject.plan.services:
            context.coverage = plan_coverage(subject.plan.services, index, options.standard)
            result.coverage += [ServiceCoverage(subject.id, context.coverage.standard, context.coverage.standard_name, d.domain, d.required, d.present,
                                                [index.items[i].name for i in d.missing], d.added)
                                for d in context.coverage.domains]
        plan_findings: list[Finding] = []
        for rule in iter_rules():
            if rule.check is not None:
                plan_findings.extend(rule.check(context))
        plan_findings += apply_waivers(subject, plan_findings)
        result.findings += plan_findings
        meta = subject.plan.plan
        result.plans.append(PlanSummary(meta.id, meta.name, meta.level.value, meta.upper,
                                        subject.document.file, len(subject.plan.indicators),
                                        len(subject.plan.services)))
    return result


def _record(result: Result, findings: list[Finding]) -> None:
    known = {(f.rule, str(f.location)) for f in result.findings}
    for finding in findings:
        if (finding.rule, str(finding.location)) in known:
            continue  # the same file loaded twice (as a subject and as an upper plan)
        result.findings.append(finding)
        if finding.severity is Severity.ERROR:
            result.load_failed = True


def _context(subject: LoadedPlan, catalog: dict, repository: Repository, path: Path) -> PlanContext:
    """The rule context, with the upper plan loaded when it can be (PS301 reports when not)."""
    upper_id = subject.plan.plan.upper
    context = PlanContext(subject, catalog)
    if not upper_id:
        return context
    upper_path = repository.find_by_id(upper_id, first_in=[path.parent])
    if upper_path is None or upper_path.resolve() == path.resolve():
        context.upper_problem = "not_found"
        return context
    upper, _problems = load_plan(upper_path, catalog)
    if upper is None:
        # The upper file's own errors belong to it; `pubsvc check` on that file shows them.
        context.upper_problem = "invalid"
    context.upper = upper
    return context


def apply_waivers(subject: LoadedPlan, findings: list[Finding]) -> list[Finding]:
    """Mark findings excused by a waiver (they stay in the result, as waived) and return the
    findings about the waivers themselves: unknown rule codes and waivers that excuse nothing."""
    plan = subject.plan
    used: set[tuple] = set()
    for finding in findings:
        path = finding.location.path
        if len(path) >= 2 and path[0] == "indicators" and isinstance(path[1], int):
            for w_index, waiver in enumerate(plan.indicators[path[1]].waivers):
                if waiver.rule == finding.rule:
                    finding.waived, finding.waiver_reason = True, waiver.reason
                    used.add(("indicators", path[1], "waivers", w_index))
        for w_index, waiver in enumerate(plan.waivers):
            if waiver.rule == finding.rule and waiver.indicator in (None, finding.indicator):
                finding.waived, finding.waiver_reason = True, waiver.reason
                used.add(("waivers", w_index))

    problems: list[Finding] = []
    waiver_paths = [(("waivers", i), w) for i, w in enumerate(plan.waivers)]
    for i, indicator in enumerate(plan.indicators):
        waiver_paths += [(("indicators", i, "waivers", j), w) for j, w in enumerate(indicator.waivers)]
    for path, waiver in waiver_paths:
        location = subject.location(path + ("rule",))
        if waiver.rule not in REGISTRY:
            problems.append(Finding("PS109", Severity.ERROR, location, plan=subject.id, args={"rule": waiver.rule}))
        elif path not in used:
            problems.append(Finding("PS108", Severity.INFO, location, plan=subject.id, args={"rule": waiver.rule}))
    return problems
