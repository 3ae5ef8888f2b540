"""``--format junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as a test report.

Each plan is a test suite and each rule a test case in it, so a passing rule is visible as a
passing test and the report's shape does not depend on what was found. A case fails exactly when
the run's exit code would count one of its findings (``--fail-on``); what does not count — lower
severities and waived findings — is kept in the case's ``system-out``.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..result import Finding, PlanSummary, Result
from ..rules import Rule, iter_rules
from .base import Reporter


class JunitReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        rules = list(iter_rules())
        root = ET.Element("testsuites", name="pubsvc")
        plans = {plan.id: plan for plan in result.plans}
        for name, findings in self.groups(result).items():
            root.append(self.suite(name, findings, rules, plans.get(name)))
        suites = list(root)
        _counts(
            root,
            tests=sum(int(s.get("tests")) for s in suites),
            failures=sum(int(s.get("failures")) for s in suites),
            skipped=sum(int(s.get("skipped")) for s in suites),
        )
        ET.indent(root)
        buffer = io.BytesIO()
        _strip_invalid(root)
        ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
        out.write(buffer.getvalue().decode("utf-8") + "\n")

    @staticmethod
    def groups(result: Result) -> dict[str, list[Finding]]:
        """Findings by suite: every checked plan has one (an empty suite is a plan that passed);
        a finding without a plan (a file that did not load) goes to a suite named after its file."""
        groups: dict[str, list[Finding]] = {plan.id: [] for plan in result.plans}
        for finding in result.sorted_findings():
            groups.setdefault(finding.plan or finding.location.file, []).append(finding)
        return groups

    def suite(self, name: str, findings: list[Finding], rules: list[Rule], plan: PlanSummary | None) -> ET.Element:
        suite = ET.Element("testsuite", name=name)
        failures = skipped = 0
        not_run = dict(zip((n.family for n in plan.not_checked), self.not_checked(plan), strict=True)) if plan else {}
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{rule.code} {rule.name}")
            mine = [f for f in findings if f.rule == rule.code]
            if rule.family in not_run and not mine:  # a check that could not run is skipped, not passed
                ET.SubElement(case, "skipped", message=not_run[rule.family])
                skipped += 1
                continue
            failing = [f for f in mine if self.fail_on.fails(f)]
            if failing:
                failures += 1
                worst = max((f.severity for f in failing), key=lambda s: s.rank)
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=self.messages.text(
                        "ui.junit.failure", title=self.messages.title(rule.code), count=len(failing)
                    ),
                    type=worst.value,
                )
                failure.text = "\n".join(self.line(f) for f in failing)
            rest = [f for f in mine if not self.fail_on.fails(f)]
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(self.line(f) for f in rest)
        _counts(suite, tests=len(rules), failures=failures, skipped=skipped)
        return suite

    def line(self, finding: Finding) -> str:
        line = f"{finding.location}: [{finding.severity.value}] {self.statement(finding)}"
        if finding.waived:
            line += " " + self.messages.text("ui.junit.waived", reason=finding.waiver_reason or "—")
        return line


# Characters XML 1.0 cannot carry at all (C0 controls but tab, CR, LF; surrogates; U+FFFE/FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _strip_invalid(root: ET.Element) -> None:
    """Replace characters that would make the document unreadable (they can come from data)."""
    for element in root.iter():
        if element.text:
            element.text = _INVALID_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.set(key, _INVALID_XML.sub("\ufffd", value))


def _counts(element: ET.Element, *, tests: int, failures: int, skipped: int) -> None:
    """pubsvc has no errored checks, but readers expect all four counts."""
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))
