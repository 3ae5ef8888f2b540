"""``--format github``: GitHub Actions workflow commands, so findings appear as annotations on the
pull request's changed lines without uploading anything.

A waived finding is demoted to a notice: it stays visible where it is, but it is not shown as a
problem to fix.
"""

from __future__ import annotations

from typing import TextIO

from ..result import Finding, Result, Severity
from .base import Reporter

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


class GithubReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        for finding in result.sorted_findings():
            out.write(self.command(finding) + "\n")
        out.write(self.messages.text("ui.summary", plans=len(result.plans), **result.summary()) + "\n")

    def command(self, finding: Finding) -> str:
        loc = finding.location
        properties = {
            "file": loc.file,
            "line": loc.line,
            "col": loc.column,
            "title": f"{finding.rule} {self.title(finding)}"
            + (self.messages.text("ui.github.waived_title") if finding.waived else ""),
        }
        listed = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in properties.items()
            if value is not None and value != ""
        )
        message = self.statement(finding)
        if finding.waived:
            message += " " + self.messages.text("ui.github.waived", reason=finding.waiver_reason or "—")
        level = "notice" if finding.waived else _COMMAND[finding.severity]
        return f"::{level} {listed}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """The runner's own rule for a command's message (``escapeData`` in @actions/core): ``%``
    first, so that the escapes it adds are not escaped again."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value also ends at ``,`` and the message begins at ``::``, so those are escaped
    too (``escapeProperty`` in @actions/core)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
