"""Waivers are data: a waived finding is still reported, marked waived, and does not fail the run."""

from conftest import indicator, run_check
from pubsvc_cli.checker import check
from pubsvc_cli.repository import Repository
from pubsvc_cli.result import FailOn
from pubsvc_cli.tracking import ProgressOptions


def test_waived_finding_is_reported_but_does_not_fail(write_plan):
    row = indicator("nursing_beds_share", 46, 40, "约束性", waivers=[{"rule": "PS201", "reason": "统计口径变化"}])
    result = run_check(write_plan(indicators=[row]))
    [f] = [f for f in result.findings if f.rule == "PS201"]
    assert f.waived and f.waiver_reason == "统计口径变化"
    assert result.summary()["waived"] == 1 and result.summary()["errors"] == 0
    assert result.exit_code(FailOn.ERROR) == 0 and result.exit_code(FailOn.WARNING) == 0


def test_unwaived_binding_regression_fails(write_plan):
    result = run_check(write_plan(indicators=[indicator("nursing_beds_share", 46, 40, "约束性")]))
    assert result.exit_code(FailOn.ERROR) == 1 and result.exit_code(FailOn.NEVER) == 0


def test_a_waiver_for_another_rule_excuses_nothing_and_is_reported_unused(write_plan):
    row = indicator("nursing_beds_share", 46, 40, "约束性", waivers=[{"rule": "PS202", "reason": "x"}])
    result = run_check(write_plan(indicators=[row]))
    assert not any(f.waived for f in result.findings)
    [unused] = [f for f in result.findings if f.rule == "PS108"]
    assert unused.location.yaml_path == "indicators[0].waivers[0].rule"


def test_a_waiver_of_a_rule_that_could_not_run_is_not_called_unused(write_plan):
    # No upper plan: PS303 did not run, so a waiver of it may well be needed; nothing says "remove it".
    row = indicator("nursing_beds_share", 46, 55, "约束性", waivers=[{"rule": "PS303", "reason": "上级目标过高"}])
    result = run_check(write_plan(indicators=[row]))
    assert not [f for f in result.findings if f.rule == "PS108"]
    [plan] = result.plans
    assert [n.family for n in plan.not_checked] == ["PS3xx", "PS4xx", "PS5xx"]


def test_waiver_naming_an_unknown_rule_is_an_error(write_plan):
    row = indicator("life_expectancy", 78, 79, waivers=[{"rule": "PS999", "reason": "x"}])
    result = run_check(write_plan(indicators=[row]))
    assert [f.rule for f in result.findings] == ["PS109"]


def test_plan_level_waiver_for_an_unavailable_upper_plan(write_plan):
    path = write_plan(
        indicators=[indicator("life_expectancy", 78, 79)],
        upper="ningxia",
        waivers=[{"rule": "PS301", "reason": "宁夏规划文本不可得"}],
    )
    result = run_check(path)
    [f] = result.findings
    assert f.rule == "PS301" and f.waived


def test_an_indicator_waiver_covers_a_finding_about_a_value_from_an_actuals_file(write_plan, tmp_path):
    # The finding points into the CSV, not into the plan: the waiver still belongs to its indicator.
    row = indicator(
        "nursing_beds_share", 40, 55, "约束性", waivers=[{"rule": "PS502", "reason": "疫情期间床位转作隔离用途"}]
    )
    plan = write_plan(indicators=[row])
    (tmp_path / "a.csv").write_text("indicator,year,value\nnursing_beds_share,2023,41\n", encoding="utf-8")
    result = check([plan], Repository(), ProgressOptions(actuals=[tmp_path / "a.csv"]))
    [behind] = [f for f in result.findings if f.rule == "PS502"]
    assert behind.location.file.endswith("a.csv") and behind.waived
    assert behind.waiver_reason == "疫情期间床位转作隔离用途"
    assert not [f for f in result.findings if f.rule == "PS108"]  # the waiver is used


def test_a_plan_level_waiver_can_be_limited_to_one_indicator(write_plan):
    rows = [indicator("nursing_beds_share", 46, 40, "约束性"), indicator("nurses_per_1000", 3.5, 3, "约束性")]
    result = run_check(
        write_plan(indicators=rows, waivers=[{"rule": "PS201", "indicator": "nurses_per_1000", "reason": "口径调整"}])
    )
    assert sorted((f.indicator, f.waived) for f in result.findings if f.rule == "PS201") == [
        ("nurses_per_1000", True),
        ("nursing_beds_share", False),
    ]


def test_a_waiver_of_a_diff_rule_is_not_unused_in_check(write_plan):
    row = indicator("life_expectancy", 78, 79, waivers=[{"rule": "PS601", "reason": "下调"}])
    assert run_check(write_plan(indicators=[row])).findings == []
