"""``pubsvc validate``: load and validate data files of every kind — plans, catalogs, service
standards and actual values — each on its own. No rule that needs another file runs: this is the
fast check for pre-commit, and it reports every problem in every file, not just the first."""

from __future__ import annotations

from pathlib import Path

from .actuals import READERS, ActualRow, actuals_from_document, read_actuals
from .catalog import CatalogIndex
from .loading import YAML_SUFFIXES, Document, read_document
from .messages import phrase
from .model import Catalog, ServiceStandardList
from .model.validate import document_kind, validate
from .plans import duplicate_plan_id, plan_from_document
from .repository import display_path
from .result import Finding, Location, Result, Severity
from .rules import REGISTRY, PlanContext
from .tracking import outside_limits


def validate_files(files: list[Path], catalog: CatalogIndex) -> Result:
    """Every file's problems; ``catalog`` resolves the indicators that plans and actuals name, and
    its natural limits are checked too (they need nothing else): a negative rate is an error here
    as it is in ``check``. Two files with one plan id are an error."""
    result = Result()
    plan_files: dict[str, Location] = {}
    for path in files:
        file = display_path(path)
        suffix = path.suffix.lower()
        if suffix in READERS and suffix not in YAML_SUFFIXES:  # a spreadsheet of actual values
            result.record_data_problems(_actuals_problems(*read_actuals(path, catalog, file), catalog))
            continue
        document, findings = read_document(path, file)
        result.record_data_problems(findings)
        if document is not None:
            _validate_document(document, catalog, result, plan_files)
    return result


def _actuals_problems(rows: list[ActualRow], findings: list[Finding], catalog: CatalogIndex) -> list[Finding]:
    """An actuals file's problems, values outside their indicators' natural limits included."""
    outside = [outside_limits(catalog[row.indicator], row.value, row.location, row.plan) for row in rows]
    return findings + [finding for finding in outside if finding is not None]


def _validate_document(
    document: Document, catalog: CatalogIndex, result: Result, plan_files: dict[str, Location]
) -> None:
    """A YAML file is a plan, a catalog, a service standard or actual values by its top-level key."""
    kind = document_kind(document)
    if kind == "plan":
        plan, findings = plan_from_document(document, catalog)
        result.record_data_problems(findings)
        if plan is not None:
            result.plans.append(plan.summary())
            result.findings += REGISTRY["PS207"].check(PlanContext(plan, catalog))
            result.findings += duplicate_plan_id(plan.id, plan.location(("plan", "id")), plan_files)
    elif kind == "catalog":
        result.record_data_problems(validate(document, Catalog)[1])
    elif kind == "standard":
        result.record_data_problems(validate(document, ServiceStandardList)[1])
    elif kind == "actuals":
        result.record_data_problems(_actuals_problems(*actuals_from_document(document, catalog), catalog))
    else:
        result.record_data_problems(
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
