"""What changed between two versions of a plan, and how serious each change is."""

import pytest

from conftest import indicator, loaded_plan
from pubsvc_cli.diffing import change_findings, diff_plans
from pubsvc_cli.result import Severity


def changes_between(tmp_path, old_rows, new_rows):
    old = loaded_plan(tmp_path / "old", indicators=old_rows)
    new = loaded_plan(tmp_path / "new", indicators=new_rows)
    return diff_plans(old, new)


def kinds(changes):
    return [(c.indicator, c.field, c.kind) for c in changes]


@pytest.mark.parametrize(
    "old, new, kind",
    [
        (4.5, 4.0, "weakened"),  # a level that should rise asks for less
        (4.0, 4.5, "strengthened"),
        ("≥97", 95, "weakened"),
        (98, "98%", "reworded"),  # the same commitment in other words
        (97.5, "不低于97.5%", "reworded"),
        (95, "应保尽保", "changed"),  # a phrase and a number cannot be compared
    ],
)
def test_a_target_change_is_classified_by_the_direction_aware_comparison(tmp_path, old, new, kind):
    changes = changes_between(
        tmp_path, [indicator("medical_insurance_coverage", 90, old)], [indicator("medical_insurance_coverage", 90, new)]
    )
    assert kinds(changes) == [("medical_insurance_coverage", "target", kind)]


def test_for_an_indicator_that_should_fall_a_higher_target_is_weaker(tmp_path):
    # 孕产妇死亡率 should fall: 18 → 19 asks for less.
    changes = changes_between(
        tmp_path,
        [indicator("maternal_mortality", 20, 18, "约束性")],
        [indicator("maternal_mortality", 20, 19, "约束性")],
    )
    assert kinds(changes) == [("maternal_mortality", "target", "weakened")]


def test_a_unit_change_makes_the_targets_incomparable(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("sports_area_per_capita", 2, 2.6)],
        [indicator("sports_area_per_capita", 2, 2.2, unit="平方米/人")],
    )
    assert kinds(changes) == [
        ("sports_area_per_capita", "unit", "changed"),
        ("sports_area_per_capita", "target", "changed"),
    ]


def test_nature_changes_to_and_from_binding(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("life_expectancy", 78, 79, "约束性"), indicator("sports_area_per_capita", 2, 2.6, "预期性")],
        [indicator("life_expectancy", 78, 79, "预期性"), indicator("sports_area_per_capita", 2, 2.6, "约束性")],
    )
    assert kinds(changes) == [
        ("life_expectancy", "nature", "weakened"),
        ("sports_area_per_capita", "nature", "strengthened"),
    ]


def test_a_revised_baseline_is_reported_but_not_a_reformatted_one(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("life_expectancy", 78, 79), indicator("nurses_per_1000", 3, 3.5)],
        [indicator("life_expectancy", 78.2, 79), indicator("nurses_per_1000", "3.0", 3.5)],
    )
    assert kinds(changes) == [("life_expectancy", "baseline", "revised")]


def test_added_and_removed_indicators_and_the_nature_they_had(tmp_path):
    changes = changes_between(
        tmp_path, [indicator("nurses_per_1000", 3, 3.5, "约束性")], [indicator("life_expectancy", 78, 79)]
    )
    assert kinds(changes) == [("nurses_per_1000", "indicator", "removed"), ("life_expectancy", "indicator", "added")]
    removed = changes[0]
    assert removed.old == "3.5" and removed.new is None and removed.nature.value == "约束性"
    assert removed.location.file == "city.yaml" and removed.location.path == ("indicators",)  # where it would be


def test_indicators_outside_the_catalog_are_paired_by_name(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("", name="本地指标（ＡＢ）", baseline=1, target=2)],
        [indicator("", name="本地指标(AB)", baseline=1, target=2)],
    )
    assert changes == []  # full-width and half-width spellings are one name


def test_an_unchanged_plan_has_no_changes(tmp_path):
    rows = [indicator("life_expectancy", 78, 79), indicator("nursing_beds_share", 46, 55, "约束性")]
    assert changes_between(tmp_path, rows, rows) == []


def test_a_plan_added_or_removed_as_a_whole(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("life_expectancy", 78, 79)])
    assert kinds(diff_plans(None, plan)) == [("life_expectancy", "indicator", "added")]
    assert kinds(diff_plans(plan, None)) == [("life_expectancy", "indicator", "removed")]


@pytest.mark.parametrize(
    "nature, field, old, new, rule, severity",
    [
        ("约束性", "target", 55, 50, "PS601", Severity.ERROR),
        ("预期性", "target", 55, 50, "PS601", Severity.WARNING),
        ("约束性", "target", 50, 55, "PS604", Severity.INFO),
        ("约束性", "target", 55, "55%", "PS606", Severity.INFO),
        ("约束性", "target", 55, "应保尽保", "PS607", Severity.WARNING),
        ("约束性", "baseline", 46, 45, "PS608", Severity.INFO),
    ],
)
def test_each_change_is_reported_by_its_rule_with_the_declared_severity(
    tmp_path, nature, field, old, new, rule, severity
):
    before = {"baseline": 46, "target": 55, field: old}
    after = {"baseline": 46, "target": 55, field: new}
    changes = changes_between(
        tmp_path,
        [indicator("nursing_beds_share", nature=nature, **before)],
        [indicator("nursing_beds_share", nature=nature, **after)],
    )
    [finding] = change_findings(changes)
    assert (finding.rule, finding.severity, finding.indicator) == (rule, severity, "nursing_beds_share")
    assert finding.location.yaml_path == f"indicators[0].{field}"


def test_removing_a_binding_indicator_is_an_error_and_an_expected_one_a_warning(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("nursing_beds_share", 46, 55, "约束性"), indicator("life_expectancy", 78, 79, "预期性")],
        [],
    )
    assert [(f.rule, f.severity, f.indicator) for f in change_findings(changes)] == [
        ("PS602", Severity.ERROR, "nursing_beds_share"),
        ("PS602", Severity.WARNING, "life_expectancy"),
    ]


def test_a_binding_indicator_made_expected_is_an_error_and_a_unit_change_names_the_unit(tmp_path):
    changes = changes_between(
        tmp_path,
        [indicator("nursing_beds_share", 46, 55, "约束性")],
        [indicator("nursing_beds_share", 46, 55, "预期性", unit="‰")],
    )
    found = {f.rule: f for f in change_findings(changes)}
    assert found["PS603"].severity is Severity.ERROR
    assert found["PS607"].args["variant"] == "unit" and (found["PS607"].args["old"], found["PS607"].args["new"]) == (
        "%",
        "‰",
    )


def test_values_are_compared_exactly(tmp_path):
    # 0.1 + 0.2 style float noise must not turn an unchanged target into a change.
    changes = changes_between(
        tmp_path, [indicator("nurses_per_1000", 3, 3.3)], [indicator("nurses_per_1000", 3, "3.30")]
    )
    assert kinds(changes) == [("nurses_per_1000", "target", "reworded")]
