"""``--format markdown``: a report to post as a pull-request comment.

The verdict comes first, in the heading, since that is what a reviewer looks for; then one section
per plan with its findings, its waived findings folded away (accepted, so not to be read every
time), its progress and its service-list coverage.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..result import Finding, PlanSummary, Progress, Result, ServiceCoverage
from .base import Reporter


class MarkdownReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        out.write("\n".join(self.lines(result)).rstrip("\n") + "\n")

    def lines(self, result: Result) -> Iterable[str]:
        m = self.messages
        failed = result.exit_code(self.fail_on)
        verdict = m.text("ui.verdict.fail" if failed else "ui.verdict.pass", fail_on=self.fail_on.value)
        yield f"## {'❌' if failed else '✅'} {m.text('ui.markdown.title', verdict=verdict)}"
        yield ""
        yield m.text("ui.summary", plans=len(result.plans), **result.summary())
        if result.load_failed:
            yield ""
            yield f"**{m.text('ui.load_failed')}**"
        yield ""
        plan_ids = {plan.id for plan in result.plans}
        for plan in result.plans:
            yield from self.plan_section(plan, result)
        others = [f for f in result.sorted_findings() if f.plan not in plan_ids]
        if others:
            yield f"### {m.text('ui.markdown.other_files')}"
            yield ""
            yield from self.findings(others)

    def plan_section(self, plan: PlanSummary, result: Result) -> Iterable[str]:
        m = self.messages
        level = m.text(f"ui.level.{plan.level}") if m.has(f"ui.level.{plan.level}") else plan.level
        yield f"### {m.text('ui.plan_header', name=plan.name, id=plan.id, level=level)}"
        yield ""
        yield f"`{plan.file}`"
        yield ""
        for line in self.not_checked(plan):
            yield f"- {line}"
        if plan.not_checked:
            yield ""
        yield from self.findings([f for f in result.sorted_findings() if f.plan == plan.id])
        progress = [p for p in result.progress if p.plan == plan.id]
        if progress:
            yield from self.progress(progress)
        coverage = [c for c in result.coverage if c.plan == plan.id]
        if coverage:
            yield from self.coverage(coverage)

    def findings(self, findings: list[Finding]) -> Iterable[str]:
        m = self.messages
        active = [f for f in findings if not f.waived]
        waived = [f for f in findings if f.waived]
        columns = [m.text(f"ui.col.{key}") for key in ("severity", "location", "rule", "indicator", "message")]
        if active:
            yield from table(columns, [self.row(f) for f in active])
        else:
            yield f"_{m.text('ui.no_findings')}_"
            yield ""
        if waived:
            yield f"<details><summary>{m.text('ui.waived')} ({len(waived)})</summary>"
            yield ""
            yield from table(
                columns + [m.text("ui.waiver_reason")], [self.row(f) + [f.waiver_reason or "—"] for f in waived]
            )
            yield "</details>"
            yield ""

    def row(self, f: Finding) -> list[str]:
        m = self.messages
        text = self.message(f)
        if f.related:  # the first few, as in the table: a reviewer follows one, not fifty
            text += "\n" + m.text("ui.see_also") + " " + ", ".join(str(r) for r in f.related[:3])
            if len(f.related) > 3:
                text += f" (+{len(f.related) - 3})"
        return [
            m.text(f"ui.severity.{f.severity.value}"),
            f"`{f.location}`",
            f"`{f.rule}` {self.title(f)}",
            f.indicator_name or f.service_name or "",
            text,
        ]

    def progress(self, rows: list[Progress]) -> Iterable[str]:
        m = self.messages
        yield f"#### {m.text('ui.progress.title', method=m.text(f'ui.progress.method.{self.method}'))}"
        yield ""
        columns = [m.text(f"ui.progress.col.{key}") for key in ("indicator", "target", "actual", "status")]
        body = []
        for p in rows:
            target = p.target if p.year is None or p.target_year == p.year else f"{p.target} ({p.target_year})"
            actual = f"{p.actual} ({p.year})" if p.actual is not None else "—"
            body.append([p.indicator_name, target, actual, m.text(p.status_key)])
        yield from table(columns, body)

    def coverage(self, rows: list[ServiceCoverage]) -> Iterable[str]:
        m = self.messages
        yield f"#### {m.text('ui.coverage.title', standard=rows[0].standard_name)}"
        yield ""
        columns = [m.text(f"ui.coverage.col.{key}") for key in ("domain", "required", "present", "missing", "added")]
        body = [
            [c.domain, str(c.required), str(c.present), "、".join(c.missing) or "—", "、".join(c.added) or "—"]
            for c in rows
        ]
        body.append(
            [
                f"**{m.text('ui.coverage.total')}**",
                str(sum(c.required for c in rows)),
                str(sum(c.present for c in rows)),
                str(sum(len(c.missing) for c in rows)),
                str(sum(len(c.added) for c in rows)),
            ]
        )
        yield from table(columns, body)


def table(columns: list[str], rows: list[list[str]]) -> Iterable[str]:
    yield "| " + " | ".join(cell(c) for c in columns) + " |"
    yield "|" + "---|" * len(columns)
    for row in rows:
        yield "| " + " | ".join(cell(c) for c in row) + " |"
    yield ""


def cell(text: str) -> str:
    """A ``|`` would end the cell and a line break the row, so neither may stay as it is."""
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")
