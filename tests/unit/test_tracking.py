"""A plan's actual values → one progress assessment per indicator, and the findings about the
values themselves (years outside the plan, conflicting values, values the plan has no use for)."""

import dataclasses

from conftest import indicator, loaded_plan
from pubsvc_cli.actuals import ActualRow
from pubsvc_cli.progress import Method
from pubsvc_cli.result import Location
from pubsvc_cli.tracking import ProgressOptions, plan_progress
from pubsvc_cli.values import parse_value


def file_row(indicator_id, year, value, plan=None, line=2):
    location = Location("a.csv", line, 3)
    return ActualRow(
        plan,
        indicator_id,
        year,
        parse_value(value),
        location,
        indicator_cell=Location("a.csv", line, 1),
        year_cell=Location("a.csv", line, 2),
    )


def progress_of(plan, rows=(), **options):
    return plan_progress(plan, list(rows), ProgressOptions(**options))


def test_values_in_the_plan_file_are_assessed_where_they_are_written(tmp_path):
    plan = loaded_plan(
        tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, "约束性", actuals=[{"year": 2023, "value": 49}])]
    )
    [progress], findings = progress_of(plan)
    assert findings == []
    assert (progress.indicator, progress.year, progress.actual, progress.status) == (
        "nursing_beds_share",
        2023,
        "49",
        "on_track",
    )
    assert progress.location.yaml_path == "indicators[0].actuals[0].value" and progress.nature == "约束性"


def test_file_values_for_this_plan_or_for_no_plan_are_used_and_others_left_alone(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55)])
    rows = [
        file_row("nursing_beds_share", 2022, 41, plan="other"),
        file_row("nursing_beds_share", 2023, 49, plan="city"),
    ]
    [progress], findings = progress_of(plan, rows)
    assert findings == [] and (progress.year, progress.actual) == (2023, "49")
    assert progress.location == Location("a.csv", 2, 3)


def test_the_latest_year_is_assessed_unless_a_year_is_asked_for(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55)])
    rows = [file_row("nursing_beds_share", 2022, 47), file_row("nursing_beds_share", 2024, 41, line=3)]
    assert [p.year for p in progress_of(plan, rows)[0]] == [2024]
    [as_of_2022], _ = progress_of(plan, rows, year=2022)
    assert (as_of_2022.year, as_of_2022.status) == (2022, "ahead")


def test_a_value_for_an_indicator_the_plan_lacks_is_ps114_at_its_indicator_cell(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55)])
    progress, [finding] = progress_of(plan, [file_row("life_expectancy", 2023, 79)])
    assert progress == [] and (finding.rule, finding.location, finding.indicator) == (
        "PS114",
        Location("a.csv", 2, 1),
        "life_expectancy",
    )


def test_a_year_outside_the_plan_is_ps112_at_the_year(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55)])
    progress, [finding] = progress_of(plan, [file_row("nursing_beds_share", 2019, 41)])
    assert progress == [] and (finding.rule, finding.location) == ("PS112", Location("a.csv", 2, 2))
    assert (finding.args["first"], finding.args["last"]) == (2020, 2025)


def test_two_different_values_for_one_year_keep_the_first_and_point_at_both(tmp_path):
    plan = loaded_plan(
        tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, actuals=[{"year": 2023, "value": 49}])]
    )
    [progress], [conflict] = progress_of(plan, [file_row("nursing_beds_share", 2023, 50)])
    assert progress.actual == "49"  # the plan's own value, read first
    assert conflict.rule == "PS113" and conflict.location == Location("a.csv", 2, 3)
    assert conflict.related[0].yaml_path == "indicators[0].actuals[0].value"


def test_the_same_value_twice_in_other_words_is_no_conflict(tmp_path):
    plan = loaded_plan(
        tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, actuals=[{"year": 2023, "value": 49}])]
    )
    _progress, findings = progress_of(plan, [file_row("nursing_beds_share", 2023, "49%")])
    assert findings == []


def test_a_value_outside_the_natural_limits_is_ps115_and_not_used(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("pension_insurance_coverage", 90, 95)])
    progress, [finding] = progress_of(plan, [file_row("pension_insurance_coverage", 2023, 150)])
    assert progress == [] and finding.rule == "PS115" and finding.args["max"] == "100"


def test_a_base_year_value_alone_is_no_progress_but_serves_as_the_missing_baseline(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", "—", 55)])
    assert progress_of(plan, [file_row("nursing_beds_share", 2020, 40)]) == ([], [])
    [progress], _ = progress_of(
        plan, [file_row("nursing_beds_share", 2020, 40), file_row("nursing_beds_share", 2023, 49, line=3)]
    )
    assert progress.baseline == "40" and progress.status == "on_track"


def test_the_target_year_gives_the_final_verdict_and_the_method_is_passed_on(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55)])
    [final], _ = progress_of(plan, [file_row("nursing_beds_share", 2025, 54)])
    assert (final.status, final.method, final.label_zh) == ("not_achieved", "final", "未完成")
    [cagr], _ = progress_of(plan, [file_row("nursing_beds_share", 2023, 49)], method=Method.CAGR)
    assert cagr.method == "cagr" and "cagr_required" in cagr.components


def test_an_indicator_of_its_own_target_year_is_judged_against_that_year(tmp_path):
    plan = loaded_plan(tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, year=2023)])
    [progress], _ = progress_of(plan, [file_row("nursing_beds_share", 2023, 56)])
    assert (progress.target_year, progress.status) == (2023, "achieved")


def test_a_recorded_verdict_travels_with_its_value(tmp_path):
    plan = loaded_plan(
        tmp_path,
        indicators=[
            indicator("nursing_beds_share", 40, 55, actuals=[{"year": 2025, "value": 56, "verdict": "未完成"}])
        ],
    )
    [progress], _ = progress_of(plan)
    assert (progress.status, progress.recorded_verdict) == ("achieved", "未完成")


def test_an_indicator_whose_target_year_is_the_base_year_gets_no_progress_and_no_crash(tmp_path):
    # PS210 reports the year; progress over a period of no length would divide by zero.
    plan = loaded_plan(
        tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, year=2020, actuals=[{"year": 2021, "value": 49}])]
    )
    assert progress_of(plan) == ([], [])


def test_the_pace_is_computed_only_when_asked_for_and_otherwise_changes_nothing(tmp_path):
    plan = loaded_plan(
        tmp_path, indicators=[indicator("nursing_beds_share", 40, 55, "约束性", actuals=[{"year": 2023, "value": 49}])]
    )
    [with_pace], _ = progress_of(plan)
    [without], _ = progress_of(plan, pace=False)
    assert with_pace.pace["achieved_per_year"] == "3" and with_pace.pace["required_per_year"] == "3"
    assert without.pace is None
    assert dataclasses.replace(with_pace, pace=None) == without
