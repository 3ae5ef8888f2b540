"""Waivers are data: a waived finding is still reported, marked waived, and does not fail the run."""

from conftest import indicator, run_check

from pubsvc_cli.result import FailOn


def test_waived_finding_is_reported_but_does_not_fail(write_plan):
    row = indicator("nursing_beds_share", 46, 40, "约束性",
                    waivers=[{"rule": "PS201", "reason": "统计口径变化"}])
    result = run_check(write_plan(indicators=[row]))
    [f] = [f for f in result.findings if f.rule == "PS201"]
    assert f.waived and f.waiver_reason == "统计口径变化"
    assert result.summary()["waived"] == 1 and result.summary()["errors"] == 0
    assert result.exit_code(FailOn.ERROR) == 0 and result.exit_code(FailOn.WARNING) == 0


def test_unwaived_binding_regression_fails(write_plan):
    result = run_check(write_plan(indicators=[indicator("nursing_beds_share", 46, 40, "约束性")]))
    assert result.exit_code(FailOn.ERROR) == 1 and result.exit_code(FailOn.NEVER) == 0


def test_a_waiver_for_another_rule_excuses_nothing_and_is_reported_unused(write_plan):
    row = indicator("nursing_beds_share", 46, 40, "约束性", waivers=[{"rule": "PS303", "reason": "x"}])
    result = run_check(write_plan(indicators=[row]))
    assert not any(f.waived for f in result.findings)
    [unused] = [f for f in result.findings if f.rule == "PS108"]
    assert unused.location.yaml_path == "indicators[0].waivers[0].rule"


def test_waiver_naming_an_unknown_rule_is_an_error(write_plan):
    row = indicator("life_expectancy", 78, 79, waivers=[{"rule": "PS999", "reason": "x"}])
    result = run_check(write_plan(indicators=[row]))
    assert [f.rule for f in result.findings] == ["PS109"]


def test_plan_level_waiver_for_an_unavailable_upper_plan(write_plan):
    path = write_plan(indicators=[indicator("life_expectancy", 78, 79)], upper="ningxia",
                      waivers=[{"rule": "PS301", "reason": "宁夏规划文本不可得"}])
    result = run_check(path)
    [f] = result.findings
    assert f.rule == "PS301" and f.waived
