"""The progress engine: final-year verdicts for every target form, the linear time share and the
Open SDG compound-growth ratio, and the edges (zero base, base beyond target, gross rates, gaps)."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pubsvc_cli.progress import Method, Series, Status, assess, meets, position
from pubsvc_cli.values import Direction, parse_value

#: A better status ranks higher: what the monotonicity property compares.
RANK = {
    Status.DETERIORATING: 0,
    Status.NOT_ACHIEVED: 1,
    Status.BEHIND: 1,
    Status.ON_TRACK: 2,
    Status.AHEAD: 3,
    Status.ACHIEVED: 4,
    Status.ACHIEVED_EARLY: 4,
    Status.MAINTAINED: 4,
}

UP, DOWN = Direction.INCREASE, Direction.DECREASE


def series(baseline, target, actuals, direction=UP, natural_max=None):
    return Series(
        parse_value(baseline),
        parse_value(target),
        direction,
        2020,
        2025,
        2021,
        {year: parse_value(v) for year, v in actuals.items()},
        Decimal(natural_max) if natural_max is not None else None,
    )


@pytest.mark.parametrize(
    "actual, target, direction, expected",
    [
        ("101.07", "≥97", UP, True),
        ("96.9", "≥97", UP, False),
        ("97", ">97", UP, False),
        ("9.58", "＜18", DOWN, True),
        ("18", "＜18", DOWN, False),
        ("46", "30", UP, True),  # a plain target is a floor for a rising indicator
        ("15", "50", UP, False),
        ("3.1", "3.0", DOWN, False),  # … and a ceiling for a falling one
        ("≥95", "≥95", UP, True),  # a bound actual: achieved only when the bound guarantees it
        (">95", ">95", UP, True),
        (">95", ">97", UP, None),  # could be 96 or 98: open
        ("<90", "≥95", UP, False),
        ("98.6；99.1", "100；100", UP, False),  # compound: every part must hold
        ("100；100", "100；100", UP, True),
        ("〔27.4〕", "〔40〕", UP, False),
        ("〔6.17〕", "〔5〕", UP, True),
        ("应保尽保", "应保尽保", UP, True),
        ("约1000", "约1000", UP, True),
    ],
)
def test_meets_every_target_form(actual, target, direction, expected):
    assert meets(parse_value(actual), parse_value(target), direction) is expected


def test_full_coverage_meets_a_qualitative_target_only_at_the_natural_maximum():
    assert meets(parse_value("100"), parse_value("应保尽保"), UP, Decimal(100)) is True
    assert meets(parse_value("99"), parse_value("应保尽保"), UP, Decimal(100)) is None


def test_final_year_verdicts():
    assert assess(series("—", "≥97", {2025: "101.07"})).status is Status.ACHIEVED
    assert assess(series("—", "〔40〕", {2025: "〔27.4〕"})).status is Status.NOT_ACHIEVED
    assert assess(series("—", ">97", {2025: ">95"})).status is Status.UNABLE


def test_cumulative_target_sums_yearly_values_or_takes_a_total_to_date():
    yearly = {2021: "2", 2022: "2.5", 2023: "3", 2024: "2", 2025: "1"}
    done = assess(series("〔14.08〕", "〔10〕", yearly))
    assert done.status is Status.ACHIEVED and done.actual.number == Decimal("10.5")
    assert assess(series("〔14.08〕", "〔10〕", {2023: "〔6.1〕"})).status is Status.ON_TRACK  # 6.1 of 10 at 3/5
    assert assess(series("〔14.08〕", "〔10〕", {2023: "〔7〕"})).status is Status.AHEAD
    gap = assess(series("〔14.08〕", "〔10〕", {2021: "2", 2023: "3"}))
    assert gap.status is Status.UNABLE and gap.reason == "missing_years"


@pytest.mark.parametrize(
    "actual_2023, expected",
    [
        ("4.0", Status.AHEAD),  # expected at 3/5 of the way: 1.6 + 2.9 × 0.6 = 3.34
        ("3.4", Status.ON_TRACK),
        ("3.2", Status.ON_TRACK),  # within 10% of the expected progress (ratio 0.92)
        ("3.1", Status.BEHIND),  # ratio 0.86
        ("2.5", Status.BEHIND),
        ("1.5", Status.DETERIORATING),
        ("4.5", Status.ACHIEVED_EARLY),
    ],
)
def test_linear_time_share(actual_2023, expected):
    result = assess(series("1.6", "4.5", {2023: actual_2023}))
    assert result.status is expected
    if expected not in (Status.ACHIEVED_EARLY,):
        assert Decimal(result.components["expected"]) == Decimal("3.34")


def test_linear_for_a_falling_indicator():
    assert assess(series("9.58", "＜8", {2022: "9.0"}, DOWN)).status is Status.ON_TRACK  # 0.58 of 1.58 at 2/5
    assert assess(series("9.58", "＜8", {2022: "9.9"}, DOWN)).status is Status.DETERIORATING


def test_a_target_met_at_the_base_year_is_maintained_or_lost_never_achieved_early():
    # Guilin 基本养老保险参保率: 98 in 2020, target ≥96: 基期已达标, then 保持 or 倒退.
    kept = assess(series("98", "≥96", {2022: "97"}))
    assert (kept.status, kept.label_zh) == (Status.MAINTAINED, "基期已达标，保持")
    lost = assess(series("98", "≥96", {2022: "95"}))
    assert (lost.status, lost.label_zh) == (Status.DETERIORATING, "基期已达标，倒退")
    assert assess(series("98", "≥96", {2025: "97"})).status is Status.ACHIEVED  # the target year's verdict


def test_a_five_year_total_is_never_met_at_the_base_year():
    # Its baseline is the previous period's total (〔14.08〕); this period's total accrues from zero.
    assert assess(series("〔14.08〕", "〔10〕", {2023: "〔6.3〕"})).status is Status.ON_TRACK


def test_gross_rates_above_100_are_ordinary_numbers():
    assert assess(series("99.2", "100.7", {2022: "100.3"})).status is Status.AHEAD
    assert assess(series("99.2", "100.7", {2025: "101.2"})).status is Status.ACHIEVED


def test_missing_baseline_and_missing_data():
    assert assess(series("—", "100", {2022: "60"})).reason == "no_baseline"
    assert assess(series("1", "2", {})).reason == "no_data"
    assert assess(series("1", "2", {2022: "1.5"}), year=2021).reason == "no_data"


def test_year_option_uses_data_up_to_that_year():
    result = assess(series("1.6", "4.5", {2022: "2.8", 2024: "4.6"}), year=2023)
    assert result.year == 2022 and result.status is Status.ON_TRACK


class TestCompoundGrowthRatio:
    def test_components_are_reported(self):
        result = assess(series("1.6", "4.5", {2023: "3.0"}), Method.CAGR)
        c = result.components
        assert c["cagr_observed"] == pytest.approx((3.0 / 1.6) ** (1 / 3) - 1)
        assert c["cagr_required"] == pytest.approx((4.5 / 1.6) ** (1 / 5) - 1)
        assert c["ratio"] == pytest.approx(c["cagr_observed"] / c["cagr_required"])
        assert result.status is Status.ON_TRACK  # ratio ≈ 1.0 ≥ 0.95

    @pytest.mark.parametrize(
        "actual, status, label",
        [
            ("2.6", Status.BEHIND, "progress made but acceleration needed"),
            ("1.8", Status.BEHIND, "limited progress"),
            ("1.5", Status.DETERIORATING, "deterioration"),
        ],
    )
    def test_cut_points(self, actual, status, label):
        result = assess(series("1.6", "4.5", {2023: actual}), Method.CAGR)
        assert (result.status, result.components["sdg_label"]) == (status, label)

    def test_zero_base_is_replaced(self):
        result = assess(series("0", "10", {2022: "3"}), Method.CAGR)
        assert result.components["y0"] == 0.001 and result.status is Status.ON_TRACK

    def test_without_a_numeric_target_the_growth_is_scaled_near_the_limit(self):
        result = assess(series("90", "应保尽保", {2023: "93"}, natural_max=100), Method.CAGR)
        assert 0 < result.components["c"] < 1 and result.status is Status.ON_TRACK

    def test_a_met_target_is_achieved_whatever_the_trend(self):
        assert assess(series("5", "4", {2022: "4.9"}, DOWN), Method.CAGR).status is Status.BEHIND
        assert assess(series("5", "4", {2022: "3.9"}, DOWN), Method.CAGR).status is Status.ACHIEVED_EARLY


# --- properties ---------------------------------------------------------------------------

amounts = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("500"), places=2)
years = st.integers(min_value=2021, max_value=2025)


@given(amounts, amounts, amounts, amounts, years, st.sampled_from(list(Method)))
def test_a_better_actual_never_gets_a_worse_status(base, target, a, b, year, method):
    assume(base != target)
    low, high = sorted((a, b))
    worse = assess(series(str(base), str(target), {year: str(low)}), method)
    better = assess(series(str(base), str(target), {year: str(high)}), method)
    assume(Status.UNABLE not in (worse.status, better.status))
    assert RANK[better.status] >= RANK[worse.status]


@given(amounts, amounts, amounts, years)
def test_direction_symmetry(base, target, actual, year):
    """Mirroring every value around a point and flipping the direction changes nothing."""
    up = assess(series(str(base), str(target), {year: str(actual)}))
    mirror = Decimal(1000)
    down = assess(series(str(mirror - base), str(mirror - target), {year: str(mirror - actual)}, DOWN))
    assert up.status is down.status


@given(st.lists(st.decimals(min_value=0, max_value=50, places=2), min_size=5, max_size=5), amounts)
def test_cumulative_total_is_the_exact_sum(values, target):
    yearly = {2021 + i: str(v) for i, v in enumerate(values)}
    result = assess(series("—", f"〔{target}〕", yearly))
    assert result.actual.number == sum(values)
    assert result.status is (Status.ACHIEVED if sum(values) >= target else Status.NOT_ACHIEVED)


# --- exact band edges, bounds that settle or do not, periods of no length ----------------------


def test_a_value_exactly_on_a_band_edge_gets_that_edges_label():
    # Base year 2020, target year 2026: in 2021 the time share is 1/6 exactly. The path to 16 from 10
    # expects 11 in 2021; 10.9 is 0.9 of the expected progress, exactly the lower edge of 基本符合预期.
    on_edge = Series(parse_value("10"), parse_value("16"), UP, 2020, 2026, 2021, {2021: parse_value("10.9")})
    result = assess(on_edge)
    assert result.status is Status.ON_TRACK and result.components["ratio"] == "0.9"
    assert result.components["time_share"] == "1/6"
    just_below = Series(parse_value("10"), parse_value("16"), UP, 2020, 2026, 2021, {2021: parse_value("10.89")})
    assert assess(just_below).status is Status.BEHIND
    upper_edge = Series(parse_value("10"), parse_value("16"), UP, 2020, 2026, 2021, {2021: parse_value("11.1")})
    assert assess(upper_edge).status is Status.ON_TRACK  # 1.1 is inside the band; above it is 快于预期


def test_an_at_least_bound_settles_nothing_short_of_the_target():
    # ≥96 may be 98 (on the way to 97.5) or 96 (below the baseline 97): no verdict is certain.
    result = assess(series("97", "97.5", {2023: "≥96"}))
    assert (result.status, result.reason) == (Status.UNABLE, "bound")
    assert assess(series("97", "97.5", {2023: "≥98"})).status is Status.ACHIEVED_EARLY  # certainly met


def test_an_at_most_bound_settles_only_a_certain_fall():
    assert assess(series("97", "97.5", {2023: "≤95"})).status is Status.DETERIORATING  # every value ≤95 is a fall
    assert assess(series("90", "97.5", {2023: "≤95"})).reason == "bound"  # 95 would be ahead, 80 a fall


def test_an_unsettled_bound_points_to_the_latest_value_that_settles_it():
    result = assess(series("97", "97.5", {2022: "96.8", 2023: "≥96"}))
    assert (result.status, result.reason) == (Status.UNABLE, "bound_earlier")
    assert result.components["latest_settled"] == {
        "year": 2022,
        "status": "deteriorating",
        "label_zh": "倒退",
        "actual": "96.8",
    }


def test_a_target_year_at_the_base_year_has_no_position_and_no_crash():
    no_period = Series(parse_value("1"), parse_value("2"), UP, 2020, 2020, 2021, {2021: parse_value("1.5")})
    assert position(no_period, parse_value("1.5"), 2021) == (None, None)
    assert assess(no_period).method == "final"  # the year is past the target year: the final verdict


def test_the_pace_so_far_and_the_pace_still_needed_in_exact_amounts_and_growth_rates():
    from pubsvc_cli.progress import pace

    # 78.3 in 2020 → 79.3 in 2025; 78.6 in 2022: 0.15 a year so far, 0.7 still to go in 3 years.
    s = series("78.3", "79.3", {2022: "78.6"})
    got = pace(s, parse_value("78.6"), 2022)
    assert {k: got[k] for k in ("year", "years_left", "target_met", "achieved_per_year", "required_per_year")} == {
        "year": 2022,
        "years_left": 3,
        "target_met": False,
        "achieved_per_year": "0.15",
        "required_per_year": "7/30",
    }
    assert got["achieved_growth"] == pytest.approx((78.6 / 78.3) ** 0.5 - 1)
    assert got["required_growth"] == pytest.approx((79.3 / 78.6) ** (1 / 3) - 1)


def test_a_falling_indicator_needs_a_negative_pace():
    from pubsvc_cli.progress import pace

    got = pace(series("16.9", "14.5", {2023: "16.0"}, direction=DOWN), parse_value("16.0"), 2023)
    assert got["achieved_per_year"] == "-0.3" and got["required_per_year"] == "-0.75"
    assert got["required_growth"] < 0 < 1 + got["required_growth"]


def test_nothing_is_required_once_the_target_is_met_or_its_year_has_come():
    from pubsvc_cli.progress import pace

    met = pace(series("1.6", "4.5", {2023: "4.6"}), parse_value("4.6"), 2023)
    assert met["target_met"] and "required_per_year" not in met and "required_growth" not in met
    final = pace(series("1.6", "4.5", {2025: "4.0"}), parse_value("4.0"), 2025)
    assert final["years_left"] == 0 and not final["target_met"] and "required_per_year" not in final


def test_a_five_year_total_paces_what_it_adds_a_year_without_a_growth_rate():
    from pubsvc_cli.progress import pace

    got = pace(series("—", "〔40〕", {2021: "〔9〕", 2022: "〔10〕"}), parse_value("〔19〕"), 2022)
    assert got["achieved_per_year"] == "9.5" and got["required_per_year"] == "7"
    assert "achieved_growth" not in got and "required_growth" not in got


def test_no_pace_without_numbers_or_without_a_year_since_the_base_year():
    from pubsvc_cli.progress import pace

    assert pace(series("—", "80", {2022: "75"}), parse_value("75"), 2022) is None  # no baseline
    assert pace(series("70", "应保尽保", {2022: "75"}), parse_value("75"), 2022) is None
    assert pace(series("70", "80", {}), parse_value("70"), 2020) is None
    assert pace(series("70", "80", {}), None, None) is None
