"""The headline of an evaluation: how a plan's main indicators (主要指标: the rows of its
indicator table) stand, counted as a Chinese mid-term or annual evaluation (中期评估 / 年度监测)
states them.

"22项主要指标中，N项提前实现或快于预期，M项基本符合预期，K项滞后": the progress statuses fall
into those groups, binding (约束性) and expected (预期性) indicators are counted apart, and the
binding indicators that lag are named, since they are the ones an evaluation must explain. The
reports show this; JSON carries it, so that it is computed here once, from the progress
assessments, and never by a reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model.enums import Nature
from .progress import Status
from .result import PlanSummary, Progress

#: Status → the group an evaluation counts it in. The target year's 已完成 and a baseline that
#: already met its target and still does (保持) count with 提前实现; 未完成 and 倒退 with 滞后.
GROUPS = {
    Status.ACHIEVED_EARLY.value: "ahead",
    Status.AHEAD.value: "ahead",
    Status.ACHIEVED.value: "ahead",
    Status.MAINTAINED.value: "ahead",
    Status.ON_TRACK.value: "on_track",
    Status.BEHIND.value: "behind",
    Status.DETERIORATING.value: "behind",
    Status.NOT_ACHIEVED.value: "behind",
    Status.UNABLE.value: "unable",
}
GROUP_ORDER = ("ahead", "on_track", "behind", "unable", "not_assessed")


def _counts() -> dict[str, int]:
    return dict.fromkeys(GROUP_ORDER, 0)


@dataclass
class Headline:
    """A plan's indicators by group; ``not_assessed``: indicators without an actual value."""

    plan: str
    indicators: int
    counts: dict[str, int] = field(default_factory=_counts)
    by_nature: dict[str, dict[str, int]] = field(default_factory=dict)  # 约束性 / 预期性 / "" (none) → counts
    lagging_binding: list[tuple[str, str, str]] = field(default_factory=list)  # (id, name, status)


def headline(plan: PlanSummary, progress: list[Progress]) -> Headline:
    """The headline of ``plan`` from its progress assessments (those of other plans are skipped)."""
    out = Headline(plan.id, plan.indicators if plan.main_indicators is None else plan.main_indicators)
    main = None if plan.main_ids is None else set(plan.main_ids)
    out.by_nature = {nature.value: _counts() for nature in Nature}
    for nature, count in plan.natures:
        out.by_nature.setdefault(nature, _counts())["not_assessed"] = count
    for item in progress:
        if item.plan != plan.id or (main is not None and item.indicator not in main):
            continue  # another plan's, or a target stated in the prose (not a main indicator)
        group = GROUPS[item.status]
        out.counts[group] += 1
        of_nature = out.by_nature.setdefault(item.nature or "", _counts())
        of_nature[group] += 1
        of_nature["not_assessed"] = max(of_nature["not_assessed"] - 1, 0)
        if group == "behind" and item.nature == Nature.BINDING.value:
            out.lagging_binding.append((item.indicator, item.indicator_name, item.status))
    # An indicator without any actual value is not assessed (and not in ``progress``).
    out.counts["not_assessed"] = max(out.indicators - sum(out.counts.values()), 0)
    return out


def headlines(plans: list[PlanSummary], progress: list[Progress]) -> list[Headline]:
    """Every plan's headline, in the order of ``plans``, in one pass over the assessments."""
    by_plan: dict[str, list[Progress]] = {}
    for item in progress:
        by_plan.setdefault(item.plan, []).append(item)
    return [headline(plan, by_plan.get(plan.id, [])) for plan in plans]
