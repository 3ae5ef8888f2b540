"""PS2xx — a plan's internal consistency: its own baselines, units and catalog references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..catalog import suggestion_text
from ..messages import phrase
from ..model.enums import StatedIn
from ..normalise import normalise_name
from ..result import Finding, Severity
from ..values import Ambition, Value, compare_ambition
from .base import PlanContext, nature_text, rule


@rule("PS201", "target-below-baseline", Severity.WARNING, by_nature=True, variants=("cumulative",))
def target_less_ambitious_than_baseline(ctx: PlanContext) -> Iterator[Finding]:
    """
    The target asks for less than the plan's own base-year value: a planned regression.

    The comparison follows the indicator's desired direction (a lower target is a regression for
    a rate that should rise, a higher one for a rate that should fall) and the bounds of both
    values (``≥96`` against ``98`` regresses; ``>97`` against ``>95`` does not). A five-year
    cumulative target (``〔10〕``) is compared with the previous five-year total when the baseline
    is one (``〔14.08〕``). Error for a 约束性 indicator, warning for a 预期性 one.

    A real change of statistical scope is not a regression: record it as a waiver on the
    indicator, with the plan's own explanation as the reason.
    """
    for row in ctx.subject.rows:
        ind, entry = row.indicator, row.entry
        if entry is None or ind.target.is_missing or ind.baseline.is_missing:
            continue
        if compare_ambition(ind.target, ind.baseline, entry.direction) is Ambition.WEAKER:
            yield ctx.finding(
                "PS201",
                row,
                "target",
                severity_follows=ind.nature,
                variant="cumulative" if ind.target.cumulative else None,
                target=str(ind.target),
                baseline=str(ind.baseline),
                nature=nature_text(ind.nature),
            )


@rule("PS202", "unit-differs-from-catalog", Severity.WARNING, variants=("other_measure",))
def unit_differs_from_catalog(ctx: PlanContext) -> Iterator[Finding]:
    """
    The indicator's unit is not the catalog's. Values in different units cannot be compared, so
    comparisons with other plans are skipped for it. A unit the catalog lists as another measure
    of the same thing (the national 城镇老旧小区改造 counts compounds, 万个, where provinces count
    dwellings, 万套) is reported as info: it is legitimate, and never converted.
    """
    for row in ctx.subject.rows:
        entry = row.entry
        if entry is None or same_unit(row.indicator.unit, entry.unit):
            continue
        other = any(same_unit(row.indicator.unit, u) for u in entry.other_units)
        yield ctx.finding(
            "PS202",
            row,
            "unit",
            severity=Severity.INFO if other else Severity.WARNING,
            variant="other_measure" if other else None,
            unit=row.indicator.unit,
            catalog_unit=entry.unit,
        )


def same_unit(a: str, b: str) -> bool:
    return normalise_name(a) == normalise_name(b)


@rule("PS203", "unknown-indicator", Severity.ERROR, variants=("by_id", "by_name"))
def unknown_indicator(ctx: PlanContext) -> Iterator[Finding]:
    """
    The indicator matches no catalog entry: its ``id`` is not a catalog id, or (without an id)
    its name is neither a catalog name nor an alias. The closest catalog names are suggested.
    Add the id, or add the indicator to ``data/standards/indicators.yaml`` (or to the catalog in
    your ``--data-dir``) with its direction and kind. Rules that need the catalog skip it.
    """
    for row in ctx.subject.rows:
        if row.entry is not None:
            continue
        ind = row.indicator
        yield ctx.finding(
            "PS203",
            row,
            "id" if ind.id else "name",
            variant="by_id" if ind.id else "by_name",
            id=ind.id or "",
            suggestions=suggestion_text(ctx.catalog.suggestions(ind.name, ind.id)),
        )


@rule("PS204", "duplicate-indicator", Severity.ERROR)
def duplicate_indicator(ctx: PlanContext) -> Iterator[Finding]:
    """
    Two rows of one plan map to the same catalog indicator. Upper-level comparisons and progress
    would silently use only one of them; keep one row (put a second measure under its own id).
    """
    seen: dict[str, list] = defaultdict(list)
    for row in ctx.subject.rows:
        if row.entry is not None:
            seen[row.entry.id].append(row)
    for rows in seen.values():
        first = rows[0]
        for row in rows[1:]:
            yield ctx.finding(
                "PS204",
                row,
                "id" if row.indicator.id else "name",
                related=[ctx.subject.location(first.path)],
                first_row=first.index + 1,
            )


@rule("PS205", "missing-target", Severity.ERROR)
def missing_target(ctx: PlanContext) -> Iterator[Finding]:
    """The indicator has no target (``—`` or absent): nothing can be checked against it."""
    for row in ctx.subject.rows:
        if row.indicator.target.is_missing:
            yield ctx.finding("PS205", row, "target")


#: From this many rows on, the rows without a baseline are one finding: a table without a baseline
#: column (the 13th-plan result tables) is one fact, not twenty.
MANY_MISSING_BASELINES = 3


@rule("PS206", "missing-baseline", Severity.INFO, variants=("many",))
def missing_baseline(ctx: PlanContext) -> Iterator[Finding]:
    """
    A row of the plan's indicator table has no base-year value (``—``), as for a new indicator
    without statistics. The target cannot be checked for regression and progress cannot be
    measured from a baseline. Where three or more rows have none (a table without a baseline
    column), one finding says how many and points at each. Targets stated in prose or in tasks
    seldom come with a baseline, so they are not reported.
    """
    table = [row for row in ctx.subject.rows if row.indicator.stated_in is StatedIn.TABLE]
    missing = [row for row in table if row.indicator.baseline.is_missing]
    if len(missing) < MANY_MISSING_BASELINES:
        for row in missing:
            yield ctx.finding("PS206", row, "baseline")
        return
    yield ctx.finding(
        "PS206",
        None,
        location=ctx.subject.location(("indicators",), key=True),
        variant="many",
        count=len(missing),
        rows=len(table),
        examples=tuple(row.indicator.name for row in missing[:3]),
        related=[ctx.subject.location(row.path) for row in missing],
    )


@rule("PS207", "outside-natural-limits", Severity.ERROR, variants=("above", "below"))
def outside_natural_limits(ctx: PlanContext) -> Iterator[Finding]:
    """
    A baseline or target lies outside the indicator's natural limits, such as a participation
    rate above 100% or a negative count. Limits are set in the catalog only where they truly
    hold: gross enrolment and retention rates have no upper limit (Guilin's 学前教育毛入园率 target
    is 100.7).
    """
    for row in ctx.subject.rows:
        limits = row.entry.limits if row.entry else None
        if limits is None:
            continue
        for field_name in ("baseline", "target"):
            value: Value = getattr(row.indicator, field_name)
            for part in value.parts or (value,):
                if part.number is None:
                    continue
                side = limits.breach(part.number, part.comparator)
                if side is not None:
                    limit = limits.max if side == "above" else limits.min
                    yield ctx.finding("PS207", row, field_name, variant=side, value=str(value), limit=str(limit))


@rule("PS208", "name-differs-from-catalog", Severity.WARNING)
def name_differs_from_catalog(ctx: PlanContext) -> Iterator[Finding]:
    """
    The indicator names a catalog id, but its printed name is neither the catalog name nor one of
    its aliases: the id may be wrong. When the wording is right, add it to the catalog entry's
    ``aliases``.
    """
    for row in ctx.subject.rows:
        ind, entry = row.indicator, row.entry
        if entry is None or not ind.id:
            continue
        names = {normalise_name(n) for n in [entry.name, *entry.aliases]}
        if normalise_name(ind.name) not in names:
            yield ctx.finding("PS208", row, "name", id=entry.id, catalog_name=entry.name)


@rule("PS209", "statements-disagree", Severity.WARNING, variants=("differ", "worded", "notation", "unit"))
def statements_disagree(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan states the same target twice and the two statements differ: the table says
    ``≥102.7`` and the prose 超过102.7% (more than, not at least), or the table 97.5 and the prose
    不低于97.5%. A different commitment is a warning (which one binds the government?); the same
    commitment in other words is reported as info, so that the published text can be made
    consistent. Statements for another year than the target's are not compared.
    """
    for row in ctx.subject.rows:
        ind, entry = row.indicator, row.entry
        if entry is None or ind.target.is_missing:
            continue
        for i, statement in enumerate(ind.statements):
            if statement.year not in (None, ind.year or ctx.plan.plan.target_year):
                continue
            one_way = compare_ambition(statement.target, ind.target, entry.direction)
            other_way = compare_ambition(ind.target, statement.target, entry.direction)
            if statement.unit and not same_unit(statement.unit, ind.unit):
                variant, severity = "unit", Severity.WARNING
            elif Ambition.INCOMPARABLE in (one_way, other_way) or Ambition.WEAKER in (one_way, other_way):
                variant, severity = "differ", Severity.WARNING
            elif Ambition.NOTATION in (one_way, other_way):
                variant, severity = "notation", Severity.INFO
            elif statement.target.canonical() != ind.target.canonical():
                variant, severity = "worded", Severity.INFO
            else:
                continue
            location = ctx.subject.location(row.path + ("statements", i, "target"))
            yield ctx.finding(
                "PS209",
                row,
                location=location,
                severity=severity,
                variant=variant,
                related=[ctx.subject.location(row.path + ("target",))],
                statement=str(statement.target),
                target=str(ind.target),
                section=statement.source.section or phrase("where.statement"),
                primary=ind.source.section or phrase("where.table"),
                unit=ind.unit,
                statement_unit=statement.unit or ind.unit,
            )


@rule("PS210", "target-year-outside-plan", Severity.ERROR)
def target_year_outside_plan(ctx: PlanContext) -> Iterator[Finding]:
    """
    An indicator's own target ``year`` (or a statement's) lies at or before the plan's base year,
    or after its last year: a typo, or a target that belongs to another plan.
    """
    meta = ctx.plan.plan
    for row in ctx.subject.rows:
        years = [((), row.indicator.year)] + [
            (("statements", i), s.year) for i, s in enumerate(row.indicator.statements)
        ]
        for path, year in years:
            if year is not None and not meta.base_year < year <= meta.target_year:
                location = ctx.subject.location(row.path + path + ("year",))
                yield ctx.finding(
                    "PS210", row, location=location, year=year, first=meta.base_year + 1, last=meta.target_year
                )


@rule("PS212", "implausible-value", Severity.WARNING)
def implausible_value(ctx: PlanContext) -> Iterator[Finding]:
    """
    A baseline or target beyond the catalog's plausible maximum for the indicator (a coverage
    above 100% where such rates can, as some places compute them, exceed 100): possible, but often
    a slip or a different denominator. Checked so that someone confirms it; PS207 is for values
    that cannot be at all.
    """
    for row in ctx.subject.rows:
        entry = row.entry
        if entry is None or entry.plausible_max is None:
            continue
        for field_name in ("baseline", "target"):
            value: Value = getattr(row.indicator, field_name)
            if any(
                p.number is not None and p.number > entry.plausible_max and p.comparator not in ("<", "<=")
                for p in value.parts or (value,)
            ):
                yield ctx.finding("PS212", row, field_name, value=str(value), limit=str(entry.plausible_max))


@rule("PS213", "awaiting-review", Severity.WARNING)
def awaiting_review(ctx: PlanContext) -> Iterator[Finding]:
    """
    An entry is marked ``review: needed``: ``pubsvc extract`` drafted it from a guess (its
    ``note`` says which). Check it against the document, correct it, and remove the key. Run with
    ``--strict`` (or ``--fail-on warning``) in CI to keep unreviewed drafts out.
    """
    plan = ctx.plan
    entries: list[tuple[tuple, Any]] = [(("plan",), plan.plan)]
    for i, indicator in enumerate(plan.indicators):
        entries.append((("indicators", i), indicator))
        entries += [(("indicators", i, "statements", j), s) for j, s in enumerate(indicator.statements)]
    for key in ("tasks", "services", "projects"):
        entries += [((key, i), entry) for i, entry in enumerate(getattr(plan, key))]
    flagged = [(path, entry) for path, entry in entries if entry.review == "needed"]
    if not flagged:  # every reviewed plan: nothing more to do
        return
    rows = {row.path: row for row in ctx.subject.rows}
    for path, entry in flagged:
        yield ctx.finding(
            "PS213",
            rows.get(path[:2]) if path[0] == "indicators" else None,
            location=ctx.subject.location((*path, "review")),
            note=entry.note or "—",
        )
