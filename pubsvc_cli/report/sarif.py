"""``--format sarif``: a SARIF 2.1.0 log, the format code-scanning services (GitHub's among them)
import, so findings can be tracked across runs rather than only printed.

Every rule is described once in ``tool.driver.rules`` and each result points at its rule by
``ruleIndex``; the texts are in the language the user chose (``run.language`` says which).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..result import SHIPPED_PREFIX, Finding, Location, Result, Severity
from ..rules import Rule, iter_rules
from .base import Reporter, writes_unicode

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        rules = list(iter_rules())
        index = {rule.code: i for i, rule in enumerate(rules)}
        run = {
            "tool": {
                "driver": {"name": "pubsvc", "version": __version__, "rules": [self.rule(rule) for rule in rules]}
            },
            "language": self.messages.lang,
            "results": [self.result(f, index[f.rule]) for f in result.sorted_findings()],
            "invocations": [{"executionSuccessful": True}],
        }
        json.dump(
            {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]},
            out,
            ensure_ascii=not writes_unicode(out),
            indent=2,
        )
        out.write("\n")

    def rule(self, rule: Rule) -> dict[str, Any]:
        return {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": self.messages.title(rule.code)},
            "fullDescription": {"text": self.messages.doc(rule.code, rule.doc)},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }

    def result(self, finding: Finding, rule_index: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index,
            "level": _LEVEL[finding.severity],
            "message": {"text": self.statement(finding)},
        }
        if finding.location.file:
            out["locations"] = [{"physicalLocation": physical_location(finding.location)}]
        related = [
            {"id": i, "physicalLocation": physical_location(r)}
            for i, r in enumerate(finding.related, start=1)
            if r.file
        ]
        if related:
            out["relatedLocations"] = related
        properties = {
            "plan": finding.plan,
            "indicator": finding.indicator,
            "indicator_name": finding.indicator_name,
            "service": finding.service,
            "service_name": finding.service_name,
        }
        properties = {key: value for key, value in properties.items() if value is not None}
        if properties:
            out["properties"] = properties
        if finding.waived:
            suppression = {"kind": "inSource"}
            if finding.waiver_reason:
                suppression["justification"] = finding.waiver_reason
            out["suppressions"] = [suppression]
        return out


def physical_location(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(location.file)}
    if location.line is not None:
        region = {"startLine": location.line}
        if location.column is not None:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def artifact_location(file: str, root: Path | None = None) -> dict[str, str]:
    """A relative path becomes a relative URI against ``%SRCROOT%``, which is what code scanning
    resolves against the repository; so does an absolute path inside ``root`` (the working
    directory, where a CI job runs). Any other absolute path can only be a ``file:`` URI."""
    if file.startswith(SHIPPED_PREFIX):  # data shipped with pubsvc: its stable name, a URI of its own
        return {"uri": quote(file, safe=":/")}
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to((root or Path.cwd()).resolve())
        except ValueError:
            return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}
