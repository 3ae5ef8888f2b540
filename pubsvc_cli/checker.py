"""Orchestrates a check: load everything, run the rules, apply waivers, return one Result."""

from __future__ import annotations

from pathlib import Path

from .actuals import read_actuals
from .coverage import StandardIndex, plan_coverage
from .loading import Document, read_document
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
    plan, problems = plan_from_document(document, catalog)
    return plan, findings + problems


def plan_from_document(document: Document, catalog: dict[str, CatalogIndicator]) -> tuple[LoadedPlan | None, list[Finding]]:
    """Validate a loaded document as a plan and resolve its rows against the catalog."""
    plan, findings = validate(document, Plan)
    if plan is None:
        return None, findings
    for finding in findings:
        finding.plan = plan.plan.id
    return LoadedPlan(plan, document, resolve_rows(plan, catalog)), findings


def is_plan_document(document: Document | None) -> bool:
    return document is not None and isinstance(document.data, dict) and "plan" in document.data


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
    checked = {plan.id for plan in result.plans}
    for plan_id in sorted({row.plan for row in actual_rows if row.plan and row.plan not in checked}):
        first = next(row for row in actual_rows if row.plan == plan_id)
        result.findings.append(Finding("PS116", Severity.WARNING, first.location, plan=plan_id,
                                       args={"plan_id": plan_id, "count": sum(r.plan == plan_id for r in actual_rows)}))
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
    if upper_id == subject.id:
        context.upper_problem = "self"
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


DIFF_FAMILY = "PS6"


def apply_waivers(subject: LoadedPlan, findings: list[Finding], *, for_diff: bool = False) -> list[Finding]:
    """Mark findings excused by a waiver (they stay in the result, as waived) and return the
    findings about the waivers themselves: unknown rule codes and waivers that excuse nothing.
    Waivers of ``pubsvc diff`` rules (PS6xx) belong to the diff, the others to ``check``: each
    command judges only its own, so neither reports the other's as unused."""
    plan = subject.plan

    def mine(waiver) -> bool:
        return waiver.rule.startswith(DIFF_FAMILY) == for_diff

    used: set[tuple] = set()
    for finding in findings:
        path = finding.location.path
        if len(path) >= 2 and path[0] == "indicators" and isinstance(path[1], int):
            for w_index, waiver in enumerate(plan.indicators[path[1]].waivers):
                if waiver.rule == finding.rule and mine(waiver):
                    finding.waived, finding.waiver_reason = True, waiver.reason
                    used.add(("indicators", path[1], "waivers", w_index))
        for w_index, waiver in enumerate(plan.waivers):
            if waiver.rule == finding.rule and mine(waiver) and waiver.indicator in (None, finding.indicator):
                finding.waived, finding.waiver_reason = True, waiver.reason
                used.add(("waivers", w_index))

    problems: list[Finding] = []
    waiver_paths = [(("waivers", i), w) for i, w in enumerate(plan.waivers)]
    for i, indicator in enumerate(plan.indicators):
        waiver_paths += [(("indicators", i, "waivers", j), w) for j, w in enumerate(indicator.waivers)]
    for path, waiver in waiver_paths:
        if not mine(waiver):
            continue
        location = subject.location(path + ("rule",))
        if waiver.rule not in REGISTRY:
            problems.append(Finding("PS109", Severity.ERROR, location, plan=subject.id, args={"rule": waiver.rule}))
        elif path not in used:
            problems.append(Finding("PS108", Severity.INFO, location, plan=subject.id, args={"rule": waiver.rule}))
    return problems


# --- validate -----------------------------------------------------------------------------


def validate_files(files: list[Path], repository: Repository) -> Result:
    """Load and validate data files of every kind; no rule that needs another file runs."""
    from .actuals import read_actuals
    from .model import Catalog, ServiceStandardList

    result = Result()
    catalog = repository.catalog[0]
    for path in files:
        if path.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
            _record(result, read_actuals(path, catalog, display_path(path))[1])
            continue
        document, findings = read_document(path, display_path(path))
        _record(result, findings)
        if document is None:
            continue
        data = document.data if isinstance(document.data, dict) else {}
        if "plan" in data:
            plan, problems = validate(document, Plan)
            _record(result, problems)
            if plan is not None:
                meta = plan.plan
                result.plans.append(PlanSummary(meta.id, meta.name, meta.level.value, meta.upper, document.file,
                                                len(plan.indicators), len(plan.services)))
        elif "catalog" in data:
            _record(result, validate(document, Catalog)[1])
        elif "standard" in data:
            _record(result, validate(document, ServiceStandardList)[1])
        elif "actuals" in data:
            _record(result, read_actuals(path, catalog, display_path(path))[1])
        else:
            _record(result, [Finding("PS106", Severity.ERROR, document.location(()), args={
                "path": "(top level)", "problem": "not a pubsvc file: expected a top-level plan, catalog, standard or actuals key"})])
    return result


# --- diff ---------------------------------------------------------------------------------


def diff_files(old_path: Path, new_path: Path, repository: Repository) -> Result:
    """Compare two plan files."""
    catalog = repository.catalog[0]
    old, old_findings = load_plan(old_path, catalog)
    new, new_findings = load_plan(new_path, catalog)
    return _diff_result([(old, new, old_findings + new_findings)])


def diff_revision(revision: str, paths: list[Path], repository: Repository) -> Result:
    """Compare plan files in the working tree with their version at a git revision. Files that are
    plans in neither version (a catalog, actual values) are left to ``validate``. A folder among
    ``paths`` stands for the changed YAML files below it."""
    from .gitrev import changed_files, check_revision, file_at
    from .loading import decode, parse_document

    check_revision(revision)
    catalog = repository.catalog[0]
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    if folders or not paths:
        files += changed_files(revision, folders)
    pairs = []
    for path in files:
        label = f"{revision}:{path.as_posix()}"
        old_bytes = file_at(revision, path)
        old_document, findings = None, []
        if old_bytes is not None:
            text, findings = decode(old_bytes, label)
            if text is not None:
                old_document, findings = parse_document(text, label)
        new_document, problems = read_document(path, display_path(path)) if path.is_file() else (None, [])
        findings += problems
        if not (is_plan_document(old_document) or is_plan_document(new_document) or findings):
            continue
        versions = []
        for document in (old_document, new_document):
            loaded, problems = plan_from_document(document, catalog) if is_plan_document(document) else (None, [])
            findings += problems
            versions.append(loaded)
        pairs.append((*versions, findings))
    return _diff_result(pairs)


def missing_paths(revision: str, paths: list[Path]) -> list[Path]:
    """Paths that exist neither in the working tree nor at ``revision``."""
    from .gitrev import file_at

    return [p for p in paths if not p.exists() and file_at(revision, p) is None]


def _diff_result(pairs) -> Result:
    from .diffing import change_findings, diff_plans

    result = Result()
    for old, new, findings in pairs:
        _record(result, findings)
        if old is None and new is None:
            continue
        changes = diff_plans(old, new)
        found = change_findings(changes)
        if new is not None:
            found += apply_waivers(new, found, for_diff=True)
        result.findings += found
        result.changes += changes
        meta = (new or old).plan.plan
        result.plans.append(PlanSummary(meta.id, meta.name, meta.level.value, meta.upper,
                                        (new or old).document.file, len((new or old).plan.indicators),
                                        len((new or old).plan.services)))
    return result
