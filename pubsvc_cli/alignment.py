"""A plan's targets against every plan above it, up to the nation.

For each indicator of a plan that an ancestor also carries, the chain of values (the plan, its
upper plan, …, the nation) and, against each ancestor, whether the plan's target asks for less.
A gap is placed where it arises: against ancestor A, the plan's gap is its *own* unless a plan in
between carries the indicator and already falls short of A while the plan meets that plan's
target, in which case the highest such plan is where the gap arose and the plan *inherits* it. A
plan that falls short of the plan in between as well adds a gap of its own, judged by A's nature
(a binding national target is not softened by a weak province). Rules PS303 (the direct upper plan), PS312 (an
ancestor further up) and PS313 (an inherited gap) report from this.

Only rates and per-capita levels in the same unit are compared (as in PS303); counts and
five-year totals depend on the size of the place (PS306).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model.enums import Nature
from .result import Location
from .values import Ambition, compare_ambition

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from .plans import LoadedPlan, Resolved


@dataclass(frozen=True)
class ChainValue:
    """One plan's value for the indicator: the plan itself first, then each ancestor."""

    plan: str
    plan_name: str
    level: str
    unit: str | None = None
    baseline: str | None = None
    target: str | None = None
    nature: str | None = None
    location: Location | None = None  # the row; None when the plan does not carry the indicator


@dataclass(frozen=True)
class Gap:
    """The plan's target asks for less than ``ancestor``'s (index into the ancestors, 0 = the
    direct upper plan). ``origin`` is the index of the plan in between where the gap arose, or
    None when the gap is the plan's own."""

    ancestor: int
    origin: int | None = None


@dataclass
class IndicatorChain:
    """A plan's indicator with the values of every ancestor, and its gaps against them."""

    row: Resolved
    values: list[ChainValue]  # the plan, then its ancestors nearest first
    gaps: list[Gap] = field(default_factory=list)
    rows: list[Resolved | None] = field(default_factory=list)  # each ancestor's row, or None


def chains(subject: LoadedPlan, ancestors: list[LoadedPlan]) -> list[IndicatorChain]:
    """Every catalogued indicator of ``subject`` that at least one ancestor carries."""
    from .rules.internal import same_unit  # one definition of "the same unit"

    out = []
    for row in subject.rows:
        entry = row.entry
        if entry is None or subject.rows_by_id.get(entry.id) is not row:
            continue  # unknown, or a second row of one indicator (PS204)
        upper_rows = [ancestor.rows_by_id.get(entry.id) for ancestor in ancestors]
        if not any(upper_rows):
            continue
        chain = IndicatorChain(row, [_value(subject, row)], rows=upper_rows)
        chain.values += [_shared_value(a, r) for a, r in zip(ancestors, upper_rows, strict=True)]
        if entry.kind.comparable_across_levels:
            for k, theirs in enumerate(upper_rows):
                if not _weaker(row, theirs, same_unit):
                    continue
                between = [j for j in range(k) if _weaker(upper_rows[j], theirs, same_unit)]
                origin = between[-1] if between else None
                if origin is not None and _weaker(row, upper_rows[origin], same_unit):
                    origin = None  # short of that plan too: part of the gap is this plan's own
                chain.gaps.append(Gap(k, origin))
        out.append(chain)
    return out


def _weaker(mine: Resolved | None, theirs: Resolved | None, same_unit) -> bool:
    """``mine``'s target asks for less than ``theirs``'s, both in the same unit."""
    return (
        mine is not None
        and theirs is not None
        and same_unit(mine.indicator.unit, theirs.indicator.unit)
        and compare_ambition(mine.indicator.target, theirs.indicator.target, mine.entry.direction) is Ambition.WEAKER
    )


def _shared_value(plan: LoadedPlan, row: Resolved | None) -> ChainValue:
    """An ancestor's value, made once for all its lower plans."""
    key = ("chain_value", row.index if row is not None else None)
    if key not in plan.shared:
        plan.shared[key] = _value(plan, row)
    return plan.shared[key]


def _value(plan: LoadedPlan, row: Resolved | None) -> ChainValue:
    meta = plan.plan.plan
    if row is None:
        return ChainValue(meta.id, meta.name, meta.level.value)
    indicator = row.indicator
    return ChainValue(
        meta.id,
        meta.name,
        meta.level.value,
        indicator.unit,
        None if indicator.baseline.is_missing else str(indicator.baseline),
        None if indicator.target.is_missing else str(indicator.target),
        indicator.nature.value if indicator.nature else None,
        plan.location(row.path),
    )


def binding(row: Resolved | None) -> bool:
    return row is not None and row.indicator.nature is Nature.BINDING
