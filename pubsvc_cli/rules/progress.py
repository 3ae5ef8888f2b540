"""PS5xx — progress against actual values (see docs/methodology.md for the methods)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.enums import Nature
from ..progress import Status
from ..result import Finding, Progress, Severity
from .base import PlanContext, rule

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from ..plans import Resolved

#: How a plan records a verdict, mapped to the engine's final-year statuses.
RECORDED_VERDICTS = {"已完成": Status.ACHIEVED, "完成": Status.ACHIEVED, "未完成": Status.NOT_ACHIEVED}


def _rows(ctx: PlanContext) -> Iterator[tuple[Progress, Resolved]]:
    by_id = ctx.subject.rows_by_id
    for progress in ctx.progress:
        yield progress, by_id[progress.indicator]


def _finding(ctx: PlanContext, code: str, progress: Progress, row: Resolved, **args) -> Finding:
    nature = Nature(progress.nature) if progress.nature else None
    return ctx.finding(
        code,
        row,
        location=progress.location,
        severity_follows=row.indicator.nature,
        actual=progress.actual or "—",
        year=progress.year,
        target=progress.target,
        target_year=progress.target_year,
        status=progress.status,
        nature=nature.value if nature else "unknown",
        **args,
    )


@rule("PS501", "target-not-achieved", Severity.WARNING, by_nature=True)
def target_not_achieved(ctx: PlanContext) -> Iterator[Finding]:
    """
    In the target year, the actual value does not meet the target (未完成). Every target form is
    judged: comparators, plain numbers by the indicator's direction, five-year totals (the sum of
    the yearly values, or a total-to-date value), compound cells (every part must hold),
    qualitative targets, and bounded actual values (achieved only when the bound guarantees it).
    Error for a 约束性 indicator, warning for a 预期性 one.
    """
    for progress, row in _rows(ctx):
        if progress.status == Status.NOT_ACHIEVED.value:
            yield _finding(ctx, "PS501", progress, row)


@rule("PS502", "behind-schedule", Severity.WARNING, by_nature=True)
def behind_schedule(ctx: PlanContext) -> Iterator[Finding]:
    """
    Before the target year, the indicator is behind the expected path (滞后): with ``--method
    linear`` its progress from the baseline is less than 90% of the share of the period that has
    passed (时间过半、任务过半); with ``--method cagr`` its observed growth is less than 95% of the
    growth the target requires (Open SDG). Error for a 约束性 indicator, warning for a 预期性 one.
    """
    for progress, row in _rows(ctx):
        if progress.status == Status.BEHIND.value:
            yield _finding(ctx, "PS502", progress, row)


@rule("PS503", "deteriorating", Severity.WARNING, by_nature=True)
def deteriorating(ctx: PlanContext) -> Iterator[Finding]:
    """
    The indicator moves away from its target: the latest value is worse than the baseline (or
    than the target the baseline had already met). Error for a 约束性 indicator, warning for a
    预期性 one.
    """
    for progress, row in _rows(ctx):
        if progress.status == Status.DETERIORATING.value:
            yield _finding(ctx, "PS503", progress, row)


@rule(
    "PS504",
    "unable-to-assess",
    Severity.INFO,
    variants=(
        "no_data",
        "no_baseline",
        "forms",
        "bound",
        "bound_earlier",
        "no_period",
        "target_form",
        "missing_years",
        "cumulative_actual",
        "two_points",
        "no_gap",
        "sign_change",
        "out_of_range",
    ),
)
def unable_to_assess(ctx: PlanContext) -> Iterator[Finding]:
    """
    The indicator has actual values but its progress cannot be assessed, and the reason is said:
    no baseline for a trend, a qualitative target, a bounded actual value that does not settle
    the question, a five-year total with missing years.
    """
    for progress, row in _rows(ctx):
        if progress.status == Status.UNABLE.value:
            settled = progress.components.get("latest_settled") or {}
            yield _finding(
                ctx,
                "PS504",
                progress,
                row,
                variant=progress.reason,
                settled_year=settled.get("year", ""),
                settled_actual=settled.get("actual", ""),
                settled_status=settled.get("status", ""),
            )


@rule("PS505", "recorded-verdict-differs", Severity.WARNING)
def recorded_verdict_differs(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan records its own verdict for a year (Guilin's 13th-plan table: 已完成 / 未完成) and the
    verdict computed from its target and actual value differs. Either the recorded verdict or one
    of the values is wrong.
    """
    for progress, row in _rows(ctx):
        recorded = RECORDED_VERDICTS.get((progress.recorded_verdict or "").strip())
        if recorded is None or progress.status not in (Status.ACHIEVED.value, Status.NOT_ACHIEVED.value):
            continue
        if recorded.value != progress.status:
            yield _finding(ctx, "PS505", progress, row, recorded=progress.recorded_verdict)


@rule("PS506", "implausible-actual", Severity.WARNING, variants=("plausible_max", "far_beyond"))
def implausible_actual(ctx: PlanContext) -> Iterator[Finding]:
    """
    An actual value that is possible but seldom right, reported with its numbers so that someone
    checks it before it counts: beyond the catalog's plausible maximum (a coverage of 127%, where
    the rate as some places compute it can exceed 100), or more than three times its target (a
    third of it, for an indicator that should fall) — Guilin's 13th-plan 农村危房改造 target 0.54
    against 5.76, both 万户. Reported while the actual values are read (by ``tracking``).
    """
    return iter(())
