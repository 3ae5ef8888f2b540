"""PS3xx: alignment with the upper-level plan, one small pair of plans per behaviour."""

import pytest

from conftest import indicator, run_check
from pubsvc_cli.messages import Messages
from pubsvc_cli.result import Severity


@pytest.fixture
def pair(write_plan):
    """pair(city_rows, province_rows) → findings of the city checked against the province."""

    def check(city_rows, province_rows, rule=None):
        write_plan("province", indicators=province_rows, level="province")
        result = run_check(write_plan("city", indicators=city_rows, upper="province"))
        return [f for f in result.findings if rule is None or f.rule == rule]

    return check


def test_less_ambitious_than_an_expected_upper_target_is_a_warning(pair):
    [f] = pair(
        [indicator("sports_area_per_capita", 1.91, 2.2)], [indicator("sports_area_per_capita", 2.01, 2.6)], "PS303"
    )
    assert f.severity is Severity.WARNING
    assert f.args["upper_target"] == "2.6" and f.related[0].plan == "province"


def test_less_ambitious_than_a_binding_upper_target_is_an_error(pair):
    [f] = pair(
        [indicator("nursing_beds_share", 46, 50, "约束性")],
        [indicator("nursing_beds_share", 44, 55, "约束性")],
        "PS303",
    )
    assert f.severity is Severity.ERROR


def test_as_or_more_ambitious_is_silent(pair):
    assert not pair(
        [indicator("medical_insurance_coverage", 97, 97.5, "约束性"), indicator("life_expectancy", 78.8, 79.3)],
        [indicator("medical_insurance_coverage", ">95", ">97", "约束性"), indicator("life_expectancy", 78, 79)],
        "PS303",
    )


def test_counts_and_totals_are_not_comparable_never_conflicts(pair):
    found = pair(
        [
            indicator("elderly_care_beds_total", 3.19, 3.3),
            indicator("old_residential_renovation", "〔5.50〕", "〔8.56〕"),
        ],
        [indicator("elderly_care_beds_total", 27.2, 32.5), indicator("old_residential_renovation", "{19.48}", "{35}")],
    )
    assert sorted(f.rule for f in found) == ["PS306", "PS306"]
    assert all(f.severity is Severity.INFO for f in found)


def test_missing_upper_indicator_is_a_gap_by_nature(pair):
    found = pair(
        [indicator("life_expectancy")],
        [indicator("life_expectancy"), indicator("nursing_beds_share", 44, 55, "约束性"), indicator("nurses_per_1000")],
        "PS302",
    )
    assert sorted((f.indicator_name, f.severity.value) for f in found) == [
        ("养老机构护理型床位占比", "error"),
        ("每千人口拥有注册护士数", "warning"),
    ]
    assert all(f.related for f in found)


def test_nature_weakened_from_binding_to_expected(pair):
    assert [
        f.indicator
        for f in pair(
            [indicator("nursing_beds_share", 46, 55, "预期性")],
            [indicator("nursing_beds_share", 44, 55, "约束性")],
            "PS304",
        )
    ] == ["nursing_beds_share"]
    assert not pair(
        [indicator("nursing_beds_share", 46, 55, "约束性")],
        [indicator("nursing_beds_share", 44, 55, "预期性")],
        "PS304",
    )


def test_unit_mismatch_skips_the_comparison(pair):
    found = pair(
        [indicator("old_residential_renovation", "〔1〕", "〔2〕", unit="万套")],
        [indicator("old_residential_renovation", "—", "约21.9", unit="万个")],
    )
    assert "PS305" in [f.rule for f in found]
    assert not [f for f in found if f.rule in ("PS303", "PS306")]


def test_cannot_compare_says_so(pair):
    found = pair(
        [indicator("orphan_support_coverage", 100, 100), indicator("life_expectancy", 78, 79)],
        [indicator("orphan_support_coverage", "应保尽保", "应保尽保"), indicator("life_expectancy", "—", "—")],
        "PS307",
    )
    english = sorted(Messages("en").finding(f.rule, f.args) for f in found)
    assert english[0].startswith("cannot compare: 100 here, 应保尽保 in") and english[0].endswith("(different forms)")
    assert english[1].startswith("cannot compare: the target in") and english[1].endswith("is unknown")


def test_upper_plan_not_found_is_reported_not_a_crash(write_plan):
    result = run_check(write_plan("city", indicators=[indicator("life_expectancy")], upper="atlantis"))
    [f] = [f for f in result.findings if f.rule == "PS301"]
    assert f.args["upper"] == "atlantis" and f.location.yaml_path == "plan.upper"


def test_broken_upper_plan_is_reported_as_unloadable(write_plan, tmp_path):
    (tmp_path / "province.yaml").write_text("plan: [broken\n", encoding="utf-8")
    result = run_check(write_plan("city", indicators=[indicator("life_expectancy")], upper="province"))
    [f] = [f for f in result.findings if f.rule == "PS301"]
    assert f.args["variant"] == "invalid"
    assert not result.load_failed  # the city itself loaded fine


def test_upper_plan_found_by_id_in_another_file_name(write_plan, tmp_path):
    from conftest import plan_data, write_yaml

    write_yaml(
        tmp_path / "some-other-name.yaml",
        plan_data("prov", [indicator("sports_area_per_capita", 2, 2.6)], level="province"),
    )
    result = run_check(write_plan("city", indicators=[indicator("sports_area_per_capita", 1.9, 2.2)], upper="prov"))
    assert [f.rule for f in result.findings] == ["PS303"]


def test_upper_nature_unknown_is_said_once_and_weakens_severity(pair):
    found = pair(
        [indicator("nursing_beds_share", 46, 50, "约束性")],
        [indicator("nursing_beds_share", None, 55, None), indicator("nurses_per_1000", None, 3.8, None)],
    )
    by_rule = {f.rule: f for f in found}
    assert by_rule["PS308"].args["count"] == 2
    assert by_rule["PS303"].severity is Severity.WARNING  # not an error: the upper nature is unknown
    assert by_rule["PS302"].severity is Severity.WARNING
    assert "PS304" not in by_rule


def test_a_gap_in_upper_prose_targets_is_only_info(pair):
    found = pair(
        [indicator("life_expectancy")],
        [indicator("life_expectancy"), indicator("nurses_per_1000", nature=None, stated_in="prose")],
        "PS302",
    )
    assert [(f.severity, f.args["variant"]) for f in found] == [(Severity.INFO, "prose")]


def test_units_the_catalog_knows_as_another_measure_are_info(pair):
    [f] = pair(
        [indicator("old_residential_renovation", "〔1〕", "〔2〕")],
        [indicator("old_residential_renovation", None, "〔约21.9〕", unit="万个")],
        "PS305",
    )
    assert f.severity is Severity.INFO and f.args["variant"] == "other_measure"
