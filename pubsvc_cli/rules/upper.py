"""PS3xx — alignment with the upper-level plan named by ``plan.upper``.

Indicators are paired by catalog id. Only rates and per-capita levels are compared across
levels; counts and five-year totals depend on the size of the place and are reported as not
comparable, never as conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.enums import Nature, StatedIn
from ..result import Finding, Severity
from ..values import Ambition, Form, compare_ambition
from .base import REGISTRY, PlanContext, nature_text, rule
from .internal import same_unit

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from ..plans import Resolved


@rule("PS301", "upper-plan-not-found", Severity.ERROR, variants=("suggest", "invalid", "self"))
def upper_plan_not_found(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan names an upper-level plan (``plan.upper``) that pubsvc cannot find (in ``--data-dir``,
    beside the plan file, or in the shipped data): an error, with the closest plan ids pubsvc can
    see, since a mistyped id would otherwise skip every alignment check in silence. An upper plan
    that is known but not encoded is written as ``upper_name`` (its title) with ``upper: null``. A
    plan naming itself is an error too; an upper plan whose file does not load is a warning (that
    file's own check says why). The upper-level rules are skipped in every case.
    """
    problem = ctx.upper_problem
    if not ctx.plan.plan.upper or ctx.upper is not None or problem == "cycle":
        return
    variant = (
        "suggest" if problem == "not_found" and ctx.upper_suggestions else None if problem == "not_found" else problem
    )
    yield ctx.finding(
        "PS301",
        None,
        location=ctx.subject.location(("plan", "upper")),
        severity=Severity.WARNING if problem == "invalid" else None,
        variant=variant,
        upper=ctx.plan.plan.upper,
        suggestions=tuple(ctx.upper_suggestions),
    )


def _pairs(ctx: PlanContext) -> Iterator[tuple[Resolved | None, Resolved]]:
    """(the plan's row or None, the upper plan's row) for every catalogued upper indicator."""
    if ctx.upper is None:
        return
    mine = ctx.subject.rows_by_id
    for upper_row in ctx.upper.rows:
        if upper_row.entry is not None:
            yield mine.get(upper_row.entry.id), upper_row


def _upper_args(ctx: PlanContext, upper_row: Resolved) -> dict:
    return {
        "upper_plan": ctx.upper.plan.plan.name,
        "upper_id": ctx.upper.id,
        "upper_nature": nature_text(upper_row.indicator.nature),
    }


@rule("PS302", "missing-upper-indicator", Severity.WARNING, by_nature=True, variants=("prose",))
def upper_indicator_missing(ctx: PlanContext) -> Iterator[Finding]:
    """
    An indicator of the upper-level plan's main table is absent from the plan: a gap in the
    cascade of targets. Error when the upper indicator is 约束性 (a binding target the plan does
    not carry down), warning when it is 预期性 or its nature is unknown. A target the upper plan
    states only in its prose or project boxes is listed as info: lower plans often do not restate
    those, so they are listed together in one info finding.
    """
    prose_gaps = []
    for row, upper_row in _pairs(ctx):
        if row is not None:
            continue
        if upper_row.indicator.stated_in is not StatedIn.TABLE:
            prose_gaps.append(upper_row)
            continue
        yield ctx.finding(
            "PS302",
            None,
            location=ctx.subject.location(("indicators",), key=True),
            severity_follows=upper_row.indicator.nature,
            related=[ctx.upper.location(upper_row.path)],
            about=upper_row,
            **_upper_args(ctx, upper_row),
        )
    if prose_gaps:  # one finding for them all: they are many, and not binding on the plan
        yield ctx.finding(
            "PS302",
            None,
            location=ctx.subject.location(("indicators",), key=True),
            severity=Severity.INFO,
            variant="prose",
            count=len(prose_gaps),
            examples="、".join(r.indicator.name for r in prose_gaps[:5]),
            related=[ctx.upper.location(r.path) for r in prose_gaps],
            **_upper_args(ctx, prose_gaps[0]),
        )


def _comparable(ctx: PlanContext) -> Iterator[tuple[Resolved, Resolved]]:
    """Pairs whose units agree; unit mismatches are PS305's business."""
    for row, upper_row in _pairs(ctx):
        if row is not None and same_unit(row.indicator.unit, upper_row.indicator.unit):
            yield row, upper_row


@rule("PS303", "less-ambitious-than-upper", Severity.WARNING, by_nature=True)
def less_ambitious_than_upper(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan's target asks for less than the upper-level plan's target for the same indicator
    (direction-aware: 2.2 against 2.6 for a level that should rise; 23 against ``>30``). Error
    when the upper indicator is 约束性 — a lower plan may not weaken a binding target — and
    warning when it is 预期性. Only rates and per-capita levels are compared (see PS306).
    """
    for row, upper_row in _comparable(ctx):
        entry = row.entry
        if not entry.kind.comparable_across_levels:
            continue
        ambition = compare_ambition(row.indicator.target, upper_row.indicator.target, entry.direction)
        if ambition is Ambition.NOTATION:
            yield ctx.finding(
                "PS309",
                row,
                "target",
                related=[ctx.upper.location(upper_row.path + ("target",))],
                target=str(row.indicator.target),
                upper_target=str(upper_row.indicator.target),
                **_upper_args(ctx, upper_row),
            )
        elif ambition is Ambition.WEAKER:
            yield ctx.finding(
                "PS303",
                row,
                "target",
                severity_follows=upper_row.indicator.nature,
                related=[ctx.upper.location(upper_row.path + ("target",))],
                target=str(row.indicator.target),
                upper_target=str(upper_row.indicator.target),
                **_upper_args(ctx, upper_row),
            )


@rule("PS304", "nature-weakened", Severity.ERROR)
def nature_weakened(ctx: PlanContext) -> Iterator[Finding]:
    """
    The upper-level plan makes the indicator 约束性 (binding) and the plan makes it 预期性
    (expected): a binding commitment turned into an aspiration.
    """
    for row, upper_row in _pairs(ctx):
        if row is None:
            continue
        if upper_row.indicator.nature is Nature.BINDING and row.indicator.nature is Nature.EXPECTED:
            yield ctx.finding(
                "PS304",
                row,
                "nature",
                related=[ctx.upper.location(upper_row.path + ("nature",))],
                **_upper_args(ctx, upper_row),
            )


@rule("PS305", "unit-differs-from-upper", Severity.WARNING, variants=("other_measure",))
def unit_differs_from_upper(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan and the upper-level plan state the same indicator in different units; the targets
    are not compared. Info instead of a warning when the catalog lists the other unit as a
    different measure of the same thing (provinces count 城镇老旧小区改造 in dwellings, 万套, the
    national plan in compounds, 万个).
    """
    for row, upper_row in _pairs(ctx):
        if row is not None and not same_unit(row.indicator.unit, upper_row.indicator.unit):
            known = row.entry is not None and any(
                same_unit(unit, other)
                for unit in (row.indicator.unit, upper_row.indicator.unit)
                for other in row.entry.other_units
            )
            yield ctx.finding(
                "PS305",
                row,
                "unit",
                related=[ctx.upper.location(upper_row.path + ("unit",))],
                severity=Severity.INFO if known else Severity.WARNING,
                variant="other_measure" if known else None,
                unit=row.indicator.unit,
                upper_unit=upper_row.indicator.unit,
                **_upper_args(ctx, upper_row),
            )


@rule("PS306", "not-comparable-across-levels", Severity.INFO, variants=("count", "cumulative"))
def not_comparable_across_levels(ctx: PlanContext) -> Iterator[Finding]:
    """
    A count (养老服务床位总量) or a five-year total (城镇老旧小区改造, 参加各类补贴性职业技能培训人数)
    depends on the size of the place: a city's total is naturally smaller than its province's.
    Such targets are listed for information and never reported as conflicts.
    """
    for row, upper_row in _comparable(ctx):
        if not row.entry.kind.comparable_across_levels:
            yield ctx.finding(
                "PS306",
                row,
                "target",
                related=[ctx.upper.location(upper_row.path + ("target",))],
                variant=row.entry.kind.value,
                target=str(row.indicator.target),
                upper_target=str(upper_row.indicator.target),
                **_upper_args(ctx, upper_row),
            )


@rule("PS307", "cannot-compare-with-upper", Severity.INFO, variants=("upper_unknown",))
def cannot_compare_with_upper(ctx: PlanContext) -> Iterator[Finding]:
    """
    A comparable indicator whose two targets cannot be compared: the upper plan's value is unknown
    (recorded as ``—`` or null), or the forms differ (a phrase such as 应保尽保 against a number, a
    five-year total against a level). Said plainly rather than guessed.
    """
    for row, upper_row in _comparable(ctx):
        if not row.entry.kind.comparable_across_levels:
            continue
        mine, theirs = row.indicator.target, upper_row.indicator.target
        if mine.is_missing:
            continue  # PS205 reports the plan's own missing target
        if compare_ambition(mine, theirs, row.entry.direction) is Ambition.INCOMPARABLE:
            variant = "upper_unknown" if theirs.form is Form.MISSING else None  # else: the forms differ
            yield ctx.finding(
                "PS307",
                row,
                "target",
                related=[ctx.upper.location(upper_row.path + ("target",))],
                variant=variant,
                target=str(mine),
                upper_target=str(theirs),
                **_upper_args(ctx, upper_row),
            )


@rule("PS308", "upper-nature-unknown", Severity.INFO)
def upper_nature_unknown(ctx: PlanContext) -> Iterator[Finding]:
    """
    The upper-level plan's table does not say (or the data does not know) whether some shared
    indicators are 约束性 or 预期性 — the national plan has 7 binding indicators, but which seven
    is not known. For those indicators, PS304 cannot be checked and PS302/PS303 are warnings, not
    errors. Reported once per plan, with the count.
    """
    unknown = [
        upper_row
        for row, upper_row in _pairs(ctx)
        if upper_row.indicator.nature is None and upper_row.indicator.stated_in is StatedIn.TABLE
    ]
    if unknown:
        yield ctx.finding(
            "PS308",
            None,
            location=ctx.subject.location(("plan", "upper")),
            count=len(unknown),
            upper_plan=ctx.upper.plan.plan.name,
            upper_id=ctx.upper.id,
        )


@rule("PS309", "notation-differs-from-upper", Severity.INFO)
def notation_differs_from_upper(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan and the upper-level plan state the same number for an indicator, one of them
    strictly and the other not: ``≥95`` against ``>95``, ``95%以上`` against ``>95``. This is a
    difference of notation, not of commitment: in Chinese legal usage 以上 and 以下 include the
    number itself (《民法典》第一千二百五十九条), and plans print one commitment both ways. Reported
    as info (by PS303's check), so that the texts can be made consistent; never a conflict.
    """
    return iter(())  # reported by less_ambitious_than_upper, which makes the comparison once


@rule("PS310", "upper-chain-cycle", Severity.ERROR)
def upper_chain_cycle(ctx: PlanContext) -> Iterator[Finding]:
    """
    Following ``plan.upper`` from the plan comes back to the plan (a → b → a): no plan in the
    chain has an upper plan to be aligned with. The finding names the chain; fix the ``upper`` of
    the plan that is wrong.
    """
    if ctx.upper_problem == "cycle":
        yield ctx.finding("PS310", None, location=ctx.subject.location(("plan", "upper")), chain=" → ".join(ctx.cycle))


LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}


@rule("PS311", "upper-level-order", Severity.ERROR)
def upper_level_order(ctx: PlanContext) -> Iterator[Finding]:
    """
    The upper plan is not of a higher level than the plan: a city whose upper plan is a county, or
    a province whose upper plan is another province. The levels go national → province → city →
    county; an upper plan is always of a higher one. Either ``level`` or ``upper`` is wrong.
    """
    if ctx.upper is None:
        return
    level, upper_level = ctx.plan.plan.level.value, ctx.upper.plan.plan.level.value
    if LEVEL_RANK[upper_level] >= LEVEL_RANK[level]:
        yield ctx.finding(
            "PS311",
            None,
            location=ctx.subject.location(("plan", "upper")),
            level=level,
            upper_level=upper_level,
            upper=ctx.upper.id,
        )


def _severity(rule_code: str, row: Resolved | None) -> Severity:
    return REGISTRY[rule_code].severity_for(row.indicator.nature if row is not None else None)


def _chain_gaps(ctx: PlanContext):
    """(chain, the plan's own gap against an ancestor above the upper plan, or None; the gap it
    inherits, or None) for every indicator with a gap, reporting each once (see alignment.py)."""
    for chain in ctx.chains:
        direct = next((gap for gap in chain.gaps if gap.ancestor == 0), None)
        direct_rank = _severity("PS303", chain.rows[0]).rank if direct is not None else 0

        def weight(gap, rows=chain.rows):  # the most severe first, then the nearest ancestor
            return (_severity("PS312", rows[gap.ancestor]).rank, -gap.ancestor)

        own = [gap for gap in chain.gaps if gap.ancestor > 0 and gap.origin is None]
        further = max(own, key=weight, default=None)
        if further is not None and _severity("PS312", chain.rows[further.ancestor]).rank <= direct_rank:
            further = None  # PS303 already says it, as severely
        inherited = None
        if direct is None and further is None:
            inherited = max((gap for gap in chain.gaps if gap.origin is not None), key=weight, default=None)
        if further is not None or inherited is not None:
            yield chain, further, inherited


def _ancestor_args(ctx: PlanContext, chain, index: int, prefix: str) -> dict:
    plan, row = ctx.ancestors[index], chain.rows[index]
    return {
        f"{prefix}_plan": plan.plan.plan.name,
        f"{prefix}_id": plan.id,
        f"{prefix}_target": str(row.indicator.target),
        f"{prefix}_nature": nature_text(row.indicator.nature),
    }


@rule("PS312", "less-ambitious-than-higher-plan", Severity.WARNING, by_nature=True)
def less_ambitious_than_higher_plan(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan's target asks for less than the target of a plan further up its chain (the upper
    plan's upper plan, … the nation), and the gap is the plan's own: the plans in between leave
    the indicator out, meet that target, or ask for more than the plan does (they cannot excuse
    it; a weak province does not soften a binding national target for its cities). A 约束性
    (binding) target binds every level below it,
    so a county target weaker than a binding national target is an error even where the province
    and the city leave the indicator out; against a 预期性 target it is a warning. Not repeated
    when PS303 already reports the same target against the upper plan as severely.
    """
    for chain, gap, _inherited in _chain_gaps(ctx):
        if gap is None:
            continue
        row, upper_row = chain.row, chain.rows[gap.ancestor]
        yield ctx.finding(
            "PS312",
            row,
            "target",
            severity_follows=upper_row.indicator.nature,
            related=[ctx.ancestors[gap.ancestor].location(upper_row.path + ("target",))],
            target=str(row.indicator.target),
            levels=gap.ancestor,
            **_ancestor_args(ctx, chain, gap.ancestor, "ancestor"),
        )


@rule("PS313", "inherited-gap", Severity.INFO)
def inherited_gap(ctx: PlanContext) -> Iterator[Finding]:
    """
    The plan's target meets its upper plan's but falls short of a plan further up, because a plan
    in between is short itself (Guilin meets Guangxi's 11.2 years of schooling; Guangxi is below
    the nation's 11.3). The gap arose in that plan, whose own check reports it (PS303 or PS312);
    here it is information, pointing at where it arose.
    """
    for chain, _gap, inherited in _chain_gaps(ctx):
        if inherited is None:
            continue
        row = chain.row
        ancestor_row, origin_row = chain.rows[inherited.ancestor], chain.rows[inherited.origin]
        yield ctx.finding(
            "PS313",
            row,
            "target",
            related=[
                ctx.ancestors[inherited.origin].location(origin_row.path + ("target",)),
                ctx.ancestors[inherited.ancestor].location(ancestor_row.path + ("target",)),
            ],
            target=str(row.indicator.target),
            **_ancestor_args(ctx, chain, inherited.ancestor, "ancestor"),
            **_ancestor_args(ctx, chain, inherited.origin, "origin"),
        )
