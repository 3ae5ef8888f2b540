"""``pubsvc validate``: load and validate data files of every kind — plans, catalogs, service
standards and actual values — each on its own. No rule that needs another file runs: this is the
fast check for pre-commit, and it reports every problem in every file, not just the first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .actuals import READERS, ActualRow, actuals_from_document, read_actuals
from .batch import ordered_map
from .catalog import CatalogIndex
from .loading import YAML_SUFFIXES, Document, read_document
from .locations import display_path
from .messages import phrase
from .model import Catalog, ServiceStandardList
from .model.validate import document_kind, validate
from .plans import duplicate_plan_id, plan_from_document
from .result import Finding, Location, PlanSummary, Result, Severity
from .rules import REGISTRY, PlanContext
from .tracking import outside_limits


@dataclass
class _Outcome:
    """What validating one file gave."""

    problems: list[Finding] = field(default_factory=list)  # recorded once each (Result.record_data_problems)
    findings: list[Finding] = field(
        default_factory=list
    )  # the plan's PS207 (natural limits) and PS213 (awaiting review)
    summary: PlanSummary | None = None
    id_location: Location | None = None


def validate_files(files: list[Path], catalog: CatalogIndex, jobs: int = 1) -> Result:
    """Every file's problems; ``catalog`` resolves the indicators that plans and actuals name, and
    its natural limits are checked too (they need nothing else): a negative rate is an error here
    as it is in ``check``. Two files with one plan id are an error. With ``jobs`` > 1, files are
    validated in that many processes; the Result is the same."""
    result = Result()
    plan_files: dict[str, Location] = {}
    for outcome in ordered_map(_validate_file, files, catalog, jobs):
        result.record_data_problems(outcome.problems)
        if outcome.summary is not None:
            result.plans.append(outcome.summary)
            result.findings += outcome.findings
            result.findings += duplicate_plan_id(outcome.summary.id, outcome.id_location, plan_files)
    return result


def _validate_file(path: Path, catalog: CatalogIndex) -> _Outcome:
    file = display_path(path)
    suffix = path.suffix.lower()
    if suffix in READERS and suffix not in YAML_SUFFIXES:  # a spreadsheet of actual values
        return _Outcome(_actuals_problems(*read_actuals(path, catalog, file), catalog))
    document, findings = read_document(path, file)
    if document is None:
        return _Outcome(findings)
    outcome = _validate_document(document, catalog)
    outcome.problems = findings + outcome.problems
    return outcome


def _actuals_problems(rows: list[ActualRow], findings: list[Finding], catalog: CatalogIndex) -> list[Finding]:
    """An actuals file's problems, values outside their indicators' natural limits included."""
    outside = [outside_limits(catalog[row.indicator], row.value, row.location, row.plan) for row in rows]
    return findings + [finding for finding in outside if finding is not None]


def _validate_document(document: Document, catalog: CatalogIndex) -> _Outcome:
    """A YAML file is a plan, a catalog, a service standard or actual values by its top-level key."""
    kind = document_kind(document)
    if kind == "plan":
        plan, findings = plan_from_document(document, catalog)
        if plan is None:
            return _Outcome(findings)
        return _Outcome(
            findings,
            [
                rule_finding
                for code in ("PS207", "PS213")
                for rule_finding in REGISTRY[code].check(PlanContext(plan, catalog))
            ],
            plan.summary(),
            plan.location(("plan", "id")),
        )
    if kind == "catalog":
        return _Outcome(validate(document, Catalog)[1])
    if kind == "standard":
        return _Outcome(validate(document, ServiceStandardList)[1])
    if kind == "actuals":
        return _Outcome(_actuals_problems(*actuals_from_document(document, catalog), catalog))
    return _Outcome(
        [
            Finding(
                "PS106",
                Severity.ERROR,
                document.location(()),
                args={
                    "path": phrase("where.top_level"),
                    "problem": phrase("field.not_pubsvc"),
                    "variant": "top_level",
                },
            )
        ]
    )
