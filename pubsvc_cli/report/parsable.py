"""``--format parsable``: one ``file:line:col: [severity] CODE message`` line per finding.

The shape of yamllint's and compilers' parsable output, so that editors, ``grep`` and problem
matchers pick the findings up without knowing anything about pubsvc. Only the message is in the
user's language; the structure around it (the severity, ``[waived]`` for an accepted finding, the
reason) stays fixed so that a pattern written once matches whichever language the run used.
"""

from __future__ import annotations

from typing import TextIO

from ..result import Finding, Result
from .base import Reporter


class ParsableReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        for finding in result.sorted_findings():
            out.write(self.line(finding) + "\n")

    def line(self, finding: Finding) -> str:
        """One finding on one line: a message never spans lines here, or a line-based reader
        would take its second line for a finding of its own."""
        level = "waived" if finding.waived else finding.severity.value  # an accepted finding is no error
        line = f"{one_line(str(finding.location))}: [{level}] {finding.rule} {one_line(self.statement(finding))}"
        if finding.waived:
            line += f" (waived: {one_line(finding.waiver_reason or '—')})"
        return line


def one_line(text: str) -> str:
    return " ".join(text.splitlines())
