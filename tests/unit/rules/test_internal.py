"""PS2xx: each internal-consistency rule fires where it must and stays silent where it must."""

from conftest import codes, indicator, run_check
from pubsvc_cli.result import Severity


def findings_of(write_plan, rule, *rows):
    result = run_check(write_plan(indicators=list(rows)))
    return [f for f in result.findings if f.rule == rule]


class TestTargetBelowBaseline:
    def test_fires_for_a_lower_target_of_a_rising_indicator(self, write_plan):
        [f] = findings_of(write_plan, "PS201", indicator("life_expectancy", baseline=79, target=78.5))
        assert f.severity is Severity.WARNING and f.location.yaml_path == "indicators[0].target"

    def test_binding_indicator_regression_is_an_error(self, write_plan):
        [f] = findings_of(write_plan, "PS201", indicator("nursing_beds_share", baseline=46, target=40, nature="约束性"))
        assert f.severity is Severity.ERROR

    def test_bound_below_the_baseline_regresses(self, write_plan):
        assert findings_of(write_plan, "PS201", indicator("pension_insurance_coverage", baseline=98, target="≥96"))

    def test_cumulative_total_below_the_previous_total_regresses(self, write_plan):
        [f] = findings_of(
            write_plan, "PS201", indicator("subsidised_vocational_training", baseline="〔14.08〕", target="〔10〕")
        )
        assert f.args["variant"] == "cumulative"

    def test_silent_for_progress_equality_and_incomparable_forms(self, write_plan):
        assert not findings_of(
            write_plan,
            "PS201",
            indicator("life_expectancy", baseline=78.8, target=79.3),
            indicator("disability_subsidy_coverage", baseline=100, target=100),
            indicator("medical_insurance_coverage", baseline=">95", target=">97"),
            indicator("orphan_support_coverage", baseline="应保尽保", target="应保尽保"),
            indicator("old_residential_renovation", baseline="〔5.50〕", target="〔8.56〕"),
            indicator("new_area_elderly_facility_compliance", baseline="—", target=100),
        )


def test_unit_differs_from_catalog(write_plan):
    result = run_check(
        write_plan(
            indicators=[
                indicator("life_expectancy", unit="年"),
                indicator("old_residential_renovation", unit="万个", baseline="〔1〕", target="〔2〕"),
                indicator("physicians_per_1000", unit="人"),
                indicator(
                    "medical_insurance_coverage", unit="％", baseline=95, target=96
                ),  # full-width % is the same unit
            ]
        )
    )
    found = {f.indicator: f for f in result.findings if f.rule == "PS202"}
    assert set(found) == {"life_expectancy", "old_residential_renovation"}
    assert found["life_expectancy"].severity is Severity.WARNING
    assert found["old_residential_renovation"].severity is Severity.INFO  # another measure, listed in the catalog


def test_unknown_indicator_suggests_the_closest_catalog_names(write_plan):
    result = run_check(
        write_plan(
            indicators=[
                indicator("life_expectancy_x", name="人均预期寿命"),
                indicator("", name="每千人口注册护士数"),
                indicator("", name="每千人口拥有执业（助理）医师数"),  # a catalog name: resolves without an id
            ]
        )
    )
    unknown = [f for f in result.findings if f.rule == "PS203"]
    assert len(unknown) == 2
    assert "life_expectancy" in unknown[0].args["suggestions"]
    assert "nurses_per_1000" in unknown[1].args["suggestions"]


def test_duplicate_indicator_points_at_the_first(write_plan):
    result = run_check(
        write_plan(
            indicators=[indicator("life_expectancy"), indicator("nurses_per_1000"), indicator("", name="人均预期寿命")]
        )
    )
    [dup] = [f for f in result.findings if f.rule == "PS204"]
    assert dup.location.yaml_path == "indicators[2].name"
    assert dup.args["first_row"] == 1 and dup.related


def test_missing_target_is_an_error_and_missing_baseline_info(write_plan):
    result = run_check(write_plan(indicators=[indicator("life_expectancy", baseline="—", target="")]))
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["PS205"].severity is Severity.ERROR
    assert by_rule["PS206"].severity is Severity.INFO
    assert "PS201" not in by_rule


def test_natural_limits_only_where_they_hold(write_plan):
    result = run_check(
        write_plan(
            indicators=[
                indicator("medical_insurance_coverage", baseline=97, target=101),
                indicator("preschool_gross_enrolment", baseline=99.2, target=100.7),  # gross rates may pass 100
                indicator("life_expectancy", baseline=-1, target=79),
            ]
        )
    )
    assert sorted((f.indicator, f.args["variant"]) for f in result.findings if f.rule == "PS207") == [
        ("life_expectancy", "below"),
        ("medical_insurance_coverage", "above"),
    ]


def test_name_that_does_not_match_its_id(write_plan):
    result = run_check(
        write_plan(
            indicators=[
                indicator("medical_insurance_coverage", name="基本养老保险参保率", baseline=90, target=95),
                indicator("physicians_per_1000", name="每千人口拥有执业(助理)医师数"),  # half-width brackets: same name
            ]
        )
    )
    assert [f.indicator for f in result.findings if f.rule == "PS208"] == ["medical_insurance_coverage"]


def test_a_clean_plan_has_no_findings(write_plan):
    result = run_check(write_plan(indicators=[indicator("life_expectancy", baseline=78.8, target=79.3)]))
    assert codes(result) == []


class TestStatementsDisagree:
    def statements(self, write_plan, target, *stated):
        row = indicator(
            "compulsory_education_retention",
            101.07,
            target,
            "约束性",
            statements=[{"target": t, "source": {"section": "第四章", "quote": "q"}} for t in stated],
        )
        return [f for f in run_check(write_plan(indicators=[row])).findings if f.rule == "PS209"]

    def test_a_different_commitment_is_a_warning(self, write_plan):
        [f] = self.statements(write_plan, "≥102.7", "不低于102%")
        assert f.severity is Severity.WARNING and f.args["variant"] == "differ"
        assert f.location.yaml_path == "indicators[0].statements[0].target" and f.related

    def test_the_same_number_strict_in_one_place_is_a_difference_of_notation(self, write_plan):
        [f] = self.statements(write_plan, "≥102.7", "超过102.7%")  # 以上 includes the number: notation only
        assert f.severity is Severity.INFO and f.args["variant"] == "notation"

    def test_a_statement_in_another_unit_is_a_warning(self, write_plan):
        row = indicator(
            "compulsory_education_retention",
            101.07,
            102.7,
            "约束性",
            statements=[{"target": 102.7, "unit": "‰", "source": {"quote": "q"}}],
        )
        [f] = [f for f in run_check(write_plan(indicators=[row])).findings if f.rule == "PS209"]
        assert f.severity is Severity.WARNING and f.args["variant"] == "unit"

    def test_the_same_commitment_in_other_words_is_info(self, write_plan):
        [f] = self.statements(write_plan, "97.5", "不低于97.5%")
        assert f.severity is Severity.INFO and f.args["variant"] == "worded"

    def test_identical_statements_are_silent(self, write_plan):
        assert not self.statements(write_plan, "98", "98%", "达到98%")

    def test_a_statement_for_another_year_is_not_compared(self, write_plan):
        row = indicator(
            "life_expectancy", 78, 79, statements=[{"target": 78.5, "year": 2022, "source": {"quote": "q"}}]
        )
        assert not [f for f in run_check(write_plan(indicators=[row])).findings if f.rule == "PS209"]
