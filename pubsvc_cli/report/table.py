"""``--format table`` (the default): findings for a person at a terminal, grouped by severity."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..result import Finding, Location, Result, Severity
from ..rules import REGISTRY
from .base import Reporter, console_width

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: More plans than this and the terminal shows counts per plan and the failing plans' findings.
BATCH_FROM = 20
BATCH_DETAIL_PLANS = 50
_COUNTS = ("errors", "warnings", "infos", "waived")


class TableReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        # markup=False: plan data (names with [brackets]) is text, never rich markup.
        console = Console(
            file=out,
            force_terminal=self.color,
            no_color=self.color is False,
            markup=False,
            width=console_width(out, 160),
            highlight=False,
            soft_wrap=False,
        )
        m = self.messages
        if len(result.plans) > BATCH_FROM:
            self._write_batch(result, console)
            return
        for plan in result.plans:
            header = Text(
                m.text("ui.plan_header", name=plan.name, id=plan.id, level=m.text(f"ui.level.{plan.level}")),
                style="bold",
            )
            if plan.upper:
                header.append("  " + m.text("ui.plan_upper", upper=plan.upper), style="dim")
            header.append(f"  {plan.file}", style="dim")
            console.print(header)
            if plan.ancestors:
                chain = " → ".join(f"{plan_id} ({file})" for plan_id, file in plan.ancestors)
                console.print("  " + m.text("ui.plan_chain", chain=chain), style="dim")
            for line in self.not_checked(plan):
                console.print(f"  {line}", style="dim")
        if result.progress:
            console.print(self._progress_table(result))
        if result.changes:
            console.print(self._changes_table(result))
        for plan in result.plans:
            rows = [c for c in result.coverage if c.plan == plan.id]
            if rows:
                console.print(self._coverage_table(rows))
        findings = result.sorted_findings()
        self._full_paths = _ambiguous_names(findings)
        active = [f for f in findings if not f.waived]
        for severity in Severity:
            group = [f for f in active if f.severity is severity]
            if group:
                title = f"{m.text(f'ui.severity.{severity.value}')} ({len(group)})"
                console.print(self._table(title, group, _STYLE[severity]))
        waived = [f for f in findings if f.waived]
        if waived:
            console.print(self._table(f"{m.text('ui.waived')} ({len(waived)})", waived, "dim"))
        if not findings:
            console.print(m.text("ui.no_findings"), style="green")
        self._write_verdict(result, console)

    def _write_verdict(self, result: Result, console: Console) -> None:
        m = self.messages
        summary = result.summary()
        console.print(m.text("ui.summary", plans=len(result.plans), **summary))
        if result.load_failed:
            console.print(m.text("ui.load_failed"), style="bold red")
        code = result.exit_code(self.fail_on)
        verdict = m.text("ui.verdict.fail" if code else "ui.verdict.pass", fail_on=self.fail_on.value)
        console.print(verdict, style="bold red" if code else "bold green")

    def _write_batch(self, result: Result, console: Console) -> None:
        """Many plans: a line of counts per plan, then the failing findings of the plans that
        fail (at most :data:`BATCH_DETAIL_PLANS` of them); the machine formats carry the rest."""
        m = self.messages
        by_plan: dict[str | None, list[Finding]] = {}
        for finding in result.sorted_findings():
            by_plan.setdefault(finding.plan, []).append(finding)
        columns = ("id", "level", "upper", "errors", "warnings", "infos", "waived", "verdict", "name")
        rows: list[list[tuple[str, str | None]]] = []
        failing: list[tuple[str, list[Finding]]] = []
        for plan in result.plans:
            findings = by_plan.get(plan.id, [])
            counts = {severity: 0 for severity in Severity}
            for f in findings:
                if not f.waived:
                    counts[f.severity] += 1
            fails = [f for f in findings if self.fail_on.fails(f) or (REGISTRY[f.rule].load_failure and not f.waived)]
            if fails:
                failing.append((f"{plan.name} ({plan.id})", fails))
            verdict = m.text("ui.verdict.fail_short" if fails else "ui.verdict.pass_short")
            rows.append(
                [
                    (plan.id, None),
                    (m.text(f"ui.level.{plan.level}"), None),
                    (plan.upper or "—", None),
                    *((str(counts[s]), None) for s in Severity),
                    (str(sum(f.waived for f in findings)), None),
                    (verdict, "red" if fails else "green"),
                    (" ".join(plan.name.splitlines()), None),  # one line, whatever the name holds
                ]
            )
        console.print(m.text("ui.batch.title", plans=len(result.plans)), style="bold")
        header = [m.text(f"ui.batch.col.{key}") for key in columns]
        right = {k for k, key in enumerate(columns) if key in _COUNTS}
        # The name last: a terminal too narrow for the lines cuts the name first; a file or a
        # pipe gets whole lines.
        console.print(_aligned(header, rows, right), no_wrap=True, overflow="ignore", crop=console.is_terminal, end="")
        checked = {plan.id for plan in result.plans}
        unloaded = [f for plan_id, found in by_plan.items() if plan_id not in checked for f in found if not f.waived]
        if unloaded:
            failing.insert(0, (m.text("ui.batch.unloaded"), unloaded))
        if failing:
            shown = failing[:BATCH_DETAIL_PLANS]
            count = sum(len(found) for _name, found in shown)
            console.print(m.text("ui.batch.failing", plans=len(failing), findings=count), style="bold")
            self._full_paths = _ambiguous_names([f for _name, found in shown for f in found])
            for name, found in shown:
                worst = max(found, key=lambda f: f.severity.rank).severity
                console.print(self._table(name, found, _STYLE[worst]))
            if len(failing) > BATCH_DETAIL_PLANS:
                console.print(m.text("ui.batch.more", count=len(failing) - BATCH_DETAIL_PLANS), style="dim")
        console.print(m.text("ui.batch.detail"), style="dim")
        self._write_verdict(result, console)

    def _table(self, title: str, findings: list[Finding], style: str) -> Table:
        m = self.messages
        table = Table(title=title, title_style=style, title_justify="left", show_lines=False, expand=False)
        table.add_column(m.text("ui.col.location"), no_wrap=True, style="dim")
        table.add_column(m.text("ui.col.rule"), no_wrap=True, style=style)
        table.add_column(m.text("ui.col.indicator"), overflow="fold", max_width=40)
        table.add_column(m.text("ui.col.message"), overflow="fold")
        for f in findings:
            text = Text(self.message(f))
            for related in f.related[:3]:
                text.append(f"\n{m.text('ui.see_also')} {_short(related, self._full_paths)}", style="dim")
            if len(f.related) > 3:
                text.append(f" (+{len(f.related) - 3})", style="dim")
            if f.waived:
                text.append(f"\n{m.text('ui.waiver_reason')}: {f.waiver_reason}", style="dim italic")
            table.add_row(_short(f.location, self._full_paths), f.rule, f.indicator_name or f.service_name or "", text)
        return table

    def _progress_table(self, result: Result) -> Table:
        m = self.messages
        title = m.text("ui.progress.title", method=m.text(f"ui.progress.method.{self.method}"))
        table = Table(title=title, title_style="bold", title_justify="left")
        for key in ("indicator", "baseline", "target", "actual", "status", "bar"):
            table.add_column(
                m.text(f"ui.progress.col.{key}"),
                overflow="fold",
                max_width=40 if key == "indicator" else None,
                no_wrap=key == "bar",
            )
        for p in result.progress:
            status = Text(m.text(p.status_key), style=_STATUS_STYLE.get(p.status, ""))
            if p.recorded_verdict:
                status.append("\n" + m.text("ui.progress.recorded", verdict=p.recorded_verdict), style="dim")
            actual = f"{p.actual} ({p.year})" if p.actual is not None else "—"
            target = p.target if p.target_year == p.year or p.year is None else f"{p.target} ({p.target_year})"
            table.add_row(p.indicator_name, p.baseline, target, actual, status, _bar(p.position, p.expected_position))
        return table

    def _changes_table(self, result: Result) -> Table:
        m = self.messages
        table = Table(title=m.text("ui.changes.title"), title_style="bold", title_justify="left")
        for key in ("indicator", "field", "kind", "old", "new"):
            table.add_column(
                m.text(f"ui.changes.col.{key}"), overflow="fold", max_width=40 if key == "indicator" else None
            )
        for c in result.changes:
            style = {
                "weakened": "red",
                "removed": "red",
                "changed": "yellow",
                "strengthened": "green",
                "added": "green",
            }
            table.add_row(
                c.indicator_name,
                m.text(f"ui.changes.field.{c.field}"),
                Text(m.text(f"ui.changes.kind.{c.kind}"), style=style.get(c.kind, "")),
                c.old or "—",
                c.new or "—",
            )
        return table

    def _coverage_table(self, rows) -> Table:
        m = self.messages
        table = Table(
            title=m.text("ui.coverage.title", standard=rows[0].standard_name), title_style="bold", title_justify="left"
        )
        for key in ("domain", "required", "present", "missing", "added"):
            table.add_column(
                m.text(f"ui.coverage.col.{key}"),
                overflow="fold",
                justify="right" if key in ("required", "present") else "left",
            )
        for c in rows:
            missing = Text("、".join(c.missing), style="red") if c.missing else Text("—", style="dim")
            table.add_row(c.domain, str(c.required), str(c.present), missing, "、".join(c.added) or "—")
        table.add_row(
            Text(m.text("ui.coverage.total"), style="bold"),
            str(sum(c.required for c in rows)),
            str(sum(c.present for c in rows)),
            str(sum(len(c.missing) for c in rows)),
            str(sum(len(c.added) for c in rows)),
        )
        return table


_STATUS_STYLE = {
    "achieved": "green",
    "achieved_early": "bold green",
    "ahead": "green",
    "on_track": "green",
    "behind": "yellow",
    "maintained": "green",
    "not_achieved": "red",
    "deteriorating": "bold red",
    "unable_to_assess": "dim",
}
BAR_WIDTH = 12


def _aligned(header: list[str], rows: list[list[tuple[str, str | None]]], right: set[int]) -> Text:
    """Rows of one-line cells (text, style) as columns two spaces apart under a bold header and a
    rule. A rich Table lays out about a thousand rows a second, several seconds for a country's
    plans, and these cells need no wrapping."""
    widths = [max([cell_len(h)] + [cell_len(row[k][0]) for row in rows]) for k, h in enumerate(header)]
    last = len(widths) - 1
    out = Text()

    def line(cells: list[tuple[str, str | None]]) -> None:
        for k, (text, style) in enumerate(cells):
            pad = " " * (widths[k] - cell_len(text))
            out.append(pad + text if k in right else text + (pad if k < last else ""), style)
            out.append("  " if k < last else "\n")

    line([(h, "bold") for h in header])
    out.append("  ".join("─" * w for w in widths[:last]) + "  " + "─" * min(widths[last], 40) + "\n", "dim")
    for row in rows:
        line(row)
    return out


def _bar(position: float | None, expected: float | None) -> Text:
    """``███████│░░░░░``: filled up to where the actual value stands between baseline and target;
    the bar marks where the linear path expects it that year."""
    if position is None:
        return Text("")
    filled = round(position * BAR_WIDTH)
    bar = Text("█" * filled, style="green" if expected is None or position >= expected else "yellow")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    if expected is not None and expected < 1:
        at = min(BAR_WIDTH, round(expected * BAR_WIDTH))
        bar = bar[:at] + Text("│", style="bold") + bar[at:]
    return bar


def _ambiguous_names(findings: list[Finding]) -> set[str]:
    """File names shared by different paths in this report: those are shown in full."""
    paths_by_name: dict[str, set[str]] = {}
    for f in findings:
        for location in (f.location, *f.related):
            paths_by_name.setdefault(PurePath(location.file).name, set()).add(location.file)
    return {name for name, paths in paths_by_name.items() if len(paths) > 1}


def _short(location: Location, full: set[str] = frozenset()) -> str:
    """``guilin.yaml:96:13``: the full path is in the plan's header line and in every other format,
    and here too when two files of the report share a name."""
    name = PurePath(location.file).name
    return str(location if name in full else replace(location, file=name))
