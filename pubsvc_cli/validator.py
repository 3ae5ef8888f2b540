"""``pubsvc validate``: load and validate data files of every kind — plans, catalogs, service
standards and actual values — each on its own. No rule that needs another file runs: this is the
fast check for pre-commit, and it reports every problem in every file, not just the first."""

from __future__ import annotations

from pathlib import Path

from .actuals import READERS, actuals_from_document, read_actuals
from .catalog import CatalogIndex
from .loading import YAML_SUFFIXES, Document, read_document
from .messages import phrase
from .model import Catalog, ServiceStandardList
from .model.validate import document_kind, validate
from .plans import plan_from_document
from .repository import display_path
from .result import Finding, Result, Severity


def validate_files(files: list[Path], catalog: CatalogIndex) -> Result:
    """Every file's problems; ``catalog`` resolves the indicators that plans and actuals name."""
    result = Result()
    for path in files:
        file = display_path(path)
        suffix = path.suffix.lower()
        if suffix in READERS and suffix not in YAML_SUFFIXES:  # a spreadsheet of actual values
            result.record_data_problems(read_actuals(path, catalog, file)[1])
            continue
        document, findings = read_document(path, file)
        result.record_data_problems(findings)
        if document is not None:
            _validate_document(document, catalog, result)
    return result


def _validate_document(document: Document, catalog: CatalogIndex, result: Result) -> None:
    """A YAML file is a plan, a catalog, a service standard or actual values by its top-level key."""
    kind = document_kind(document)
    if kind == "plan":
        plan, findings = plan_from_document(document, catalog)
        result.record_data_problems(findings)
        if plan is not None:
            result.plans.append(plan.summary())
    elif kind == "catalog":
        result.record_data_problems(validate(document, Catalog)[1])
    elif kind == "standard":
        result.record_data_problems(validate(document, ServiceStandardList)[1])
    elif kind == "actuals":
        result.record_data_problems(actuals_from_document(document, catalog)[1])
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
