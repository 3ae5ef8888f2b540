"""The headline of an evaluation: a plan's indicators counted as 提前实现或快于预期 / 基本符合预期 /
滞后, binding and expected apart, the lagging binding ones named."""

from __future__ import annotations

from pubsvc_cli.evaluation import GROUPS, headline, headlines
from pubsvc_cli.progress import Status
from pubsvc_cli.result import Location, PlanSummary, Progress


def progress(plan, indicator, status, nature):
    return Progress(
        plan, indicator, f"指标{indicator}", nature, 2023, status, "", "linear", "1", "2", 2025, "1.5", Location("a")
    )


def summary(plan_id, indicators, natures):
    return PlanSummary(plan_id, "规划", "city", None, "a.yaml", indicators, natures=tuple(natures.items()))


def test_every_status_falls_into_one_group_of_the_evaluation():
    assert set(GROUPS) == {status.value for status in Status}
    assert {status for status, group in GROUPS.items() if group == "ahead"} == {
        "achieved_early",
        "ahead",
        "achieved",
        "maintained",
    }
    assert {status for status, group in GROUPS.items() if group == "behind"} == {
        "behind",
        "deteriorating",
        "not_achieved",
    }


def test_a_plans_indicators_are_counted_by_group_and_nature_and_the_lagging_binding_named():
    plan = summary("guilin", 6, {"约束性": 3, "预期性": 2, "": 1})
    items = [
        progress("guilin", "a", "ahead", "约束性"),
        progress("guilin", "b", "behind", "约束性"),
        progress("guilin", "c", "on_track", "预期性"),
        progress("guilin", "d", "deteriorating", "预期性"),
        progress("guangxi", "e", "behind", "约束性"),  # another plan's: not counted
    ]
    head = headline(plan, items)
    assert head.counts == {"ahead": 1, "on_track": 1, "behind": 2, "unable": 0, "not_assessed": 2}
    assert head.by_nature["约束性"] == {"ahead": 1, "on_track": 0, "behind": 1, "unable": 0, "not_assessed": 1}
    assert head.by_nature["预期性"] == {"ahead": 0, "on_track": 1, "behind": 1, "unable": 0, "not_assessed": 0}
    assert head.by_nature[""]["not_assessed"] == 1
    assert head.lagging_binding == [("b", "指标b", "behind")]


def test_a_plan_without_actual_values_has_every_indicator_not_assessed():
    head = headline(summary("p", 4, {"约束性": 4}), [])
    assert head.counts["not_assessed"] == 4 and sum(head.counts.values()) == 4
    assert head.lagging_binding == []


def test_headlines_follow_the_order_of_the_plans():
    plans = [summary("b", 1, {"": 1}), summary("a", 1, {"": 1})]
    heads = headlines(plans, [progress("a", "x", "ahead", None)])
    assert [h.plan for h in heads] == ["b", "a"]
    assert heads[1].counts["ahead"] == 1 and heads[0].counts["not_assessed"] == 1
