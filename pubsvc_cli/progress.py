"""The progress engine: where an indicator stands against its target, as of a year.

Two published methods (see docs/methodology.md, with sources):

* ``linear`` — the Chinese planning practice of 时间过半、任务过半: the expected value in year y
  is ``baseline + (target − baseline) × (y − base year) / (target year − base year)``, and for a
  five-year cumulative target ``target × (y − base year) / (target year − base year)``.
* ``cagr`` — the compound-growth ratio of Open SDG (``sdg-build`` ProgressMeasure, after
  Eurostat): ``R = s·d·CAGR_observed / |CAGR_required|`` with cut points 0.95 and 0.60, and
  natural-limit scaling when there is no numeric target.

Both map onto the official labels of the 2023 mid-term evaluation (提前实现 / 快于预期 /
基本符合预期 / 滞后) plus deteriorating and unable to assess; in the target year the verdict is
achieved / not achieved (已完成 / 未完成). An indicator whose baseline already met the target is
基期已达标: then maintained (保持) or moving away (倒退), never 提前实现. A bounded actual value
(``≥96``) gives a verdict only where every value it admits gives the same one; otherwise the
verdict is unable to assess, with the latest earlier year whose value does settle it.

The linear method is exact (fractions: a value exactly on a band edge gets that edge's label);
the growth rates of the cagr method need fractional powers and are computed in floats *after*
the exact checks (a met target is decided exactly, never by a float).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from enum import Enum
from fractions import Fraction
from typing import Any

from .values import Direction, Form, Value, commitment

#: 基本符合预期 band of the linear method: actual progress within ±10% of the expected progress.
LINEAR_TOLERANCE = Fraction(1, 10)
#: Open SDG cut points for the ratio of observed to required growth.
CAGR_ON_TRACK = 0.95
CAGR_MODERATE = 0.60
#: Open SDG's exponent for the natural-limit scaling factor C.
LIMIT_EXPONENT = 4.44
#: Open SDG replaces a base or target of zero by this, to keep growth rates finite.
ZERO_SUBSTITUTE = 0.001
#: An actual value this many times beyond its target (a third of it, for one that should fall) is
#: more likely a unit or entry slip than an achievement.
FAR_FACTOR = 3


class Status(str, Enum):
    ACHIEVED = "achieved"  # 已完成 (target year)
    NOT_ACHIEVED = "not_achieved"  # 未完成 (target year)
    ACHIEVED_EARLY = "achieved_early"  # 提前实现
    AHEAD = "ahead"  # 快于预期
    ON_TRACK = "on_track"  # 基本符合预期
    BEHIND = "behind"  # 滞后
    MAINTAINED = "maintained"  # 基期已达标，保持: the baseline met the target and the value still does
    DETERIORATING = "deteriorating"  # 倒退: moving away from the target
    UNABLE = "unable_to_assess"  # 无法评估


LABEL_ZH = {
    Status.ACHIEVED: "已完成",
    Status.NOT_ACHIEVED: "未完成",
    Status.ACHIEVED_EARLY: "提前实现",
    Status.AHEAD: "快于预期",
    Status.ON_TRACK: "基本符合预期",
    Status.BEHIND: "滞后",
    Status.MAINTAINED: "基期已达标，保持",
    Status.DETERIORATING: "倒退",
    Status.UNABLE: "无法评估",
}


class Method(str, Enum):
    LINEAR = "linear"
    CAGR = "cagr"


@dataclass(frozen=True)
class Series:
    """What the engine needs about one indicator of one plan."""

    baseline: Value
    target: Value
    direction: Direction
    base_year: int
    target_year: int
    start_year: int
    actuals: dict[int, Value]  # year → value as observed
    natural_max: Decimal | None = None


@dataclass
class Assessment:
    status: Status
    year: int | None  # the year assessed (latest with data, or --year)
    actual: Value | None  # the value that year (a cumulative target: the total to date)
    method: str
    reason: str | None = None  # why unable to assess, as a message key suffix
    components: dict[str, Any] = field(default_factory=dict)

    @property
    def label_zh(self) -> str:
        if self.status is Status.DETERIORATING and self.components.get("baseline_met_target"):
            return "基期已达标，倒退"
        return LABEL_ZH[self.status]


class _Unable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- does a value meet a target? -----------------------------------------------------------


def meets(actual: Value, target: Value, direction: Direction, natural_max: Decimal | None = None) -> bool | None:
    """True when ``actual`` certainly meets ``target``, False when it certainly does not, None
    when the forms leave it open (a bound actual that straddles the target, a phrase)."""
    if target.form is Form.COMPOUND:
        if actual.form is not Form.COMPOUND or len(actual.parts) != len(target.parts):
            return None
        verdicts = [meets(a, t, direction, natural_max) for a, t in zip(actual.parts, target.parts, strict=True)]
        if False in verdicts:
            return False
        return None if None in verdicts else True
    if actual.form is Form.COMPOUND or actual.form is Form.MISSING or target.form is Form.MISSING:
        return None
    if target.form is Form.QUALITATIVE:
        if actual.form is Form.QUALITATIVE:
            return actual.phrase == target.phrase
        # 应保尽保 / 全覆盖 is met by full coverage: the natural maximum of a coverage rate.
        if (
            natural_max is not None
            and actual.number is not None
            and actual.comparator in (None, ">=")
            and actual.number >= natural_max
        ):
            return True
        return None
    if actual.form is Form.QUALITATIVE:
        return None
    low, high = _interval(actual)
    goal = target.number
    comparator = target.comparator or (">=" if direction is Direction.INCREASE else "<=")
    if comparator in (">=", ">"):
        strict = comparator == ">"
        if low is not None and (low[0] > goal or (low[0] == goal and (not strict or low[1]))):
            return True
        if high is not None and (high[0] < goal or (high[0] == goal and (strict or high[1]))):
            return False
        return None
    strict = comparator == "<"
    if high is not None and (high[0] < goal or (high[0] == goal and (not strict or high[1]))):
        return True
    if low is not None and (low[0] > goal or (low[0] == goal and (strict or low[1]))):
        return False
    return None


def far_beyond(actual: Value, target: Value, direction: Direction) -> Fraction | None:
    """How many times its target an actual value is, when it is more than :data:`FAR_FACTOR` times
    beyond it in the desired direction (Guilin's 农村危房改造: 5.76 against 0.54); else None."""
    if target.form not in (Form.NUMBER, Form.BOUND) or actual.form not in (Form.NUMBER, Form.BOUND):
        return None
    if target.number is None or actual.number is None or target.number <= 0 or actual.number <= 0:
        return None
    beyond, within = (
        (target.number, actual.number) if direction is Direction.DECREASE else (actual.number, target.number)
    )
    if not beyond > FAR_FACTOR * within:  # exact in Decimal (a small integer factor); most values are not
        return None
    return Fraction(beyond) / Fraction(within)


def _interval(value: Value) -> tuple[tuple[Decimal, bool] | None, tuple[Decimal, bool] | None]:
    """(lower end, upper end) of what a value can be, each (number, open?); None = unbounded."""
    n = value.number
    if value.comparator is None:
        return (n, False), (n, False)
    if value.comparator in (">", ">="):
        return (n, value.comparator == ">"), None
    return None, (n, value.comparator == "<")


def _guaranteed(value: Value, direction: Direction) -> Decimal | None:
    """The number an observation guarantees in the desired direction (≥95 guarantees 95 for a
    rising indicator), or None when it guarantees nothing there."""
    level = commitment(value, direction)
    return level.number if level is not None else None


# --- the engine ---------------------------------------------------------------------------


def assess(series: Series, method: Method = Method.LINEAR, year: int | None = None) -> Assessment:
    """Assess one indicator as of ``year`` (default: the latest year with data)."""
    # A value of the base year or before is no progress (and no growth period to divide by).
    usable = {
        y: v
        for y, v in series.actuals.items()
        if not v.is_missing and y > series.base_year and (year is None or y <= year)
    }
    if not usable:
        return Assessment(Status.UNABLE, year, None, method.value, reason="no_data")
    latest_year = max(usable)
    assessment = _assess_year(series, usable, latest_year, method)
    if assessment.reason == "bound":
        # The latest value is a bound that does not settle it; say what the latest one that does says.
        for earlier in sorted((y for y in usable if y < latest_year), reverse=True):
            previous = _assess_year(series, {y: v for y, v in usable.items() if y <= earlier}, earlier, method)
            if previous.status is not Status.UNABLE:
                assessment.reason = "bound_earlier"
                assessment.components["latest_settled"] = {
                    "year": earlier,
                    "status": previous.status.value,
                    "label_zh": previous.label_zh,
                    "actual": str(previous.actual),
                }
                break
    return assessment


def _assess_year(series: Series, usable: dict[int, Value], latest_year: int, method: Method) -> Assessment:
    """The verdict on the value of ``latest_year`` (the latest of ``usable``)."""
    try:
        actual = _to_date(series, usable, latest_year)
    except _Unable as unable:
        return Assessment(Status.UNABLE, latest_year, None, method.value, reason=unable.reason)
    verdict = meets(actual, series.target, series.direction, series.natural_max)
    unsettled = "bound" if actual.form is Form.BOUND else "forms"
    if latest_year >= series.target_year:
        if verdict is None:
            return Assessment(Status.UNABLE, latest_year, actual, "final", reason=unsettled)
        status = Status.ACHIEVED if verdict else Status.NOT_ACHIEVED
        return Assessment(status, latest_year, actual, "final", components={"meets_target": verdict})
    if series.target_year <= series.base_year:
        return Assessment(Status.UNABLE, latest_year, actual, method.value, reason="no_period")
    if _baseline_met(series):
        # 基期已达标: the question is only whether the value still meets the target.
        components = {"baseline_met_target": True, "meets_target": verdict}
        if verdict is None:
            return Assessment(Status.UNABLE, latest_year, actual, method.value, reason=unsettled, components=components)
        status = Status.MAINTAINED if verdict else Status.DETERIORATING
        return Assessment(status, latest_year, actual, method.value, components=components)
    if verdict:
        return Assessment(Status.ACHIEVED_EARLY, latest_year, actual, method.value, components={"meets_target": True})
    try:
        if method is Method.CAGR and not series.target.cumulative:
            assessment = _cagr(series, usable, latest_year, actual)
        else:
            assessment = _linear(series, latest_year, actual)
            if method is Method.CAGR:
                assessment.components["note"] = "cumulative target: growth rates do not apply, linear time share used"
    except _Unable as unable:
        return Assessment(Status.UNABLE, latest_year, actual, method.value, reason=unable.reason)
    return _settled(assessment, actual, series.direction)


def _baseline_met(series: Series) -> bool:
    """基期已达标. Not for a five-year total: its baseline is the previous period's total, and this
    period's total accrues from zero."""
    if series.baseline.is_missing or series.target.cumulative:
        return False
    return meets(series.baseline, series.target, series.direction, series.natural_max) is True


def _settled(assessment: Assessment, actual: Value, direction: Direction) -> Assessment:
    """A verdict on a bounded value stands only when every value the bound admits gives it.

    ``≥96`` for a rising indicator admits any value from 96 up, and some of those would meet the
    target (提前实现): no verdict short of that is certain. ``≤90`` admits 90 and anything below:
    only the worst verdict (倒退) is certain, and only when 90 itself gets it."""
    if actual.form is not Form.BOUND:
        return assessment
    at_least = commitment(actual, direction) is not None
    if not at_least and assessment.status is Status.DETERIORATING:
        return assessment
    assessment.components["bound_verdict"] = assessment.status.value
    return Assessment(
        Status.UNABLE, assessment.year, actual, assessment.method, reason="bound", components=assessment.components
    )


def _to_date(series: Series, usable: dict[int, Value], latest_year: int) -> Value:
    """The value to judge: the latest observation, or for a five-year total the total to date —
    a cumulative-to-date observation (〔27.4〕) as given, else the sum of the yearly values."""
    latest = usable[latest_year]
    if not series.target.cumulative:
        if latest.cumulative:
            raise _Unable("cumulative_actual")
        return latest
    if latest.cumulative:
        return latest
    years = range(series.start_year, latest_year + 1)
    missing = [y for y in years if y not in usable]
    if missing:
        raise _Unable("missing_years")
    total = Decimal(0)
    for y in years:
        value = usable[y]
        if value.form is not Form.NUMBER:
            raise _Unable("forms")
        total += value.number
    return Value(text=f"〔{total}〕", form=Form.NUMBER, number=total, cumulative=True)


def _numbers(series: Series, actual: Value) -> tuple[Decimal, Decimal, Decimal]:
    """(baseline, target, actual) as numbers for the trend methods; a bounded actual value
    counts as its bound (``_settled`` decides whether the verdict stands)."""
    target = series.target
    if target.form not in (Form.NUMBER, Form.BOUND):
        raise _Unable("target_form")
    if actual.form not in (Form.NUMBER, Form.BOUND):
        raise _Unable("forms")
    current = actual.number
    if target.cumulative:
        return Decimal(0), target.number, current  # a total accrues from zero
    base = _guaranteed(series.baseline, series.direction) if not series.baseline.is_missing else None
    if base is None:
        raise _Unable("no_baseline")
    return base, target.number, current


def _linear(series: Series, latest_year: int, actual: Value) -> Assessment:
    """时间过半、任务过半, in exact fractions: the share of the way from baseline to target against
    the share of the period that has passed."""
    base, goal, current = (Fraction(n) for n in _numbers(series, actual))
    time_share = Fraction(latest_year - series.base_year, series.target_year - series.base_year)
    gap = goal - base
    components: dict[str, Any] = {
        "baseline": _exact(base),
        "target": _exact(goal),
        "actual": _exact(current),
        "base_year": series.base_year,
        "target_year": series.target_year,
        "year": latest_year,
        "time_share": _exact(time_share),
        "expected": _exact(base + gap * time_share),
    }
    if time_share <= 0:
        raise _Unable("no_gap")
    if gap == 0 or (gap < 0) == (series.direction is Direction.INCREASE):
        raise _Unable("no_gap")  # the target asks for no move, or for a move the wrong way
    progress_share = (current - base) / gap
    ratio = progress_share / time_share
    components.update(progress_share=_exact(progress_share), ratio=_exact(ratio), tolerance=_exact(LINEAR_TOLERANCE))
    if progress_share < 0:
        status = Status.DETERIORATING
    elif ratio > 1 + LINEAR_TOLERANCE:
        status = Status.AHEAD
    elif ratio >= 1 - LINEAR_TOLERANCE:
        status = Status.ON_TRACK
    else:
        status = Status.BEHIND
    return Assessment(status, latest_year, actual, Method.LINEAR.value, components=components)


def _exact(number: Fraction) -> str:
    """A fraction as a decimal when it has a finite one (``0.4``), else as ``p/q`` (``1/6``)."""
    denominator = number.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{number.numerator}/{number.denominator}"
    value = Decimal(number.numerator) / Decimal(number.denominator)
    return format(value.normalize(), "f")


def _cagr(series: Series, usable: dict[int, Value], latest_year: int, actual: Value) -> Assessment:
    d = 1 if series.direction is Direction.INCREASE else -1
    if not series.baseline.is_missing:
        t0, first = series.base_year, series.baseline
    else:  # Open SDG takes the first data point as the base
        t0 = min(usable)
        first = usable[t0]
        if t0 == latest_year:
            raise _Unable("two_points")
    base_level = _guaranteed(first, series.direction)
    current = actual.number if actual.form in (Form.NUMBER, Form.BOUND) else None
    if base_level is None or current is None:
        raise _Unable("forms")
    y0 = float(base_level) or ZERO_SUBSTITUTE
    yi = float(current) or ZERO_SUBSTITUTE
    s = -1 if y0 < 0 else 1
    components: dict[str, Any] = {"y0": y0, "t0": t0, "yi": yi, "ti": latest_year, "direction": d, "s": s}
    if (yi / y0) <= 0:
        raise _Unable("sign_change")
    cagr_observed = (yi / y0) ** (1 / (latest_year - t0)) - 1
    components["cagr_observed"] = cagr_observed
    if series.target.form in (Form.NUMBER, Form.BOUND):
        y_target = float(series.target.number) or ZERO_SUBSTITUTE
        components.update(yT=y_target, tT=series.target_year)
        if y_target / y0 <= 0:
            raise _Unable("sign_change")
        cagr_required = (y_target / y0) ** (1 / (series.target_year - t0)) - 1
        components["cagr_required"] = cagr_required
        if cagr_required == 0:
            raise _Unable("no_gap")
        ratio = s * d * cagr_observed / abs(cagr_required)
        components.update(ratio=ratio, thresholds=[CAGR_ON_TRACK, CAGR_MODERATE])
        if ratio >= CAGR_ON_TRACK:
            status, sdg = Status.ON_TRACK, "substantial progress / on track"
        elif ratio >= CAGR_MODERATE:
            status, sdg = Status.BEHIND, "progress made but acceleration needed"
        elif ratio >= 0:
            status, sdg = Status.BEHIND, "limited progress"
        else:
            status, sdg = Status.DETERIORATING, "deterioration"
    else:  # no numeric target (应保尽保): the growth itself, scaled near a natural limit
        limit = float(series.natural_max) if series.natural_max is not None else None
        scale = _limit_scale(y0, limit)
        p = s * d * cagr_observed
        components.update(p=p, c=scale, limit=limit)
        if p >= 0.015 * scale:
            status, sdg = Status.ON_TRACK, "substantial progress"
        elif p >= 0.005 * scale:
            status, sdg = Status.BEHIND, "moderate progress"
        elif p >= 0:
            status, sdg = Status.BEHIND, "limited progress"
        else:
            status, sdg = Status.DETERIORATING, "deterioration"
    components["sdg_label"] = sdg
    if not all(math.isfinite(v) for v in components.values() if isinstance(v, float)):
        raise _Unable("out_of_range")  # growth rates of extreme values: no verdict, and no Infinity in JSON
    return Assessment(status, latest_year, actual, Method.CAGR.value, components=components)


def position(series: Series, actual: Value | None, year: int | None) -> tuple[float | None, float | None]:
    """Where the actual value sits between baseline (0) and target (1), clipped to [0, 1], and
    where the linear path expects it that year — for the compact visual of the reports."""
    if actual is None or year is None:
        return None, None
    try:
        base, goal, current = _numbers(series, actual)
    except _Unable:
        return None, None
    if goal == base or series.target_year <= series.base_year:
        return None, None
    share = float((current - base) / (goal - base))
    expected = (year - series.base_year) / (series.target_year - series.base_year)
    return max(0.0, min(1.0, share)), max(0.0, min(1.0, expected))


def pace(series: Series, actual: Value | None, year: int | None) -> dict[str, Any] | None:
    """How fast the indicator moved a year from the baseline to ``actual`` (its value in
    ``year``), and how fast it must move a year from there to reach the target in the target
    year: the 需年均提高 / 需年均增长 of an evaluation, against the pace achieved so far.

    Both as an amount a year in the indicator's unit (exact: a decimal, or ``p/q``; a percentage
    moves by percentage points; a five-year total by what it adds a year) and, for values that
    grow from a positive level, as a compound growth rate a year (a float). Nothing is required
    once the target is met or its year has come. None where there is no pace to state: no
    numeric baseline, target or value, or no year since the base year."""
    if actual is None or year is None or year <= series.base_year:
        return None
    try:
        base, goal, current = _numbers(series, actual)
    except _Unable:
        return None
    elapsed, left = year - series.base_year, series.target_year - year
    met = meets(actual, series.target, series.direction, series.natural_max) is True
    out: dict[str, Any] = {
        "year": year,
        "years_left": max(left, 0),
        "target_met": met,
        "achieved_per_year": _per_year(current - base, elapsed),
    }
    needed = left > 0 and not met
    if needed:
        out["required_per_year"] = _per_year(goal - current, left)
    if not series.target.cumulative and base > 0 and current > 0:  # a total accrues: no growth rate
        with localcontext(_WIDE):
            out["achieved_growth"] = float(current / base) ** (1 / elapsed) - 1
            if needed and goal > 0:
                out["required_growth"] = float(goal / current) ** (1 / left) - 1
    return out


#: Wide enough that a quotient of two plan values is exact or rounded far below a float's precision.
_WIDE = Context(prec=60)


def _per_year(amount: Decimal, years: int) -> str:
    """``amount / years`` exactly, as :func:`_exact` writes it: a decimal when it has a finite one
    (every ``years`` of only 2s and 5s), else ``p/q``. In decimals where it can: the pace is
    computed for every assessment of a national report, and fractions cost three times as much."""
    rest = years
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        return _exact(Fraction(amount) / years)
    with localcontext(_WIDE):
        value = amount / years
    return "0" if value == 0 else format(value.normalize(), "f")


def _limit_scale(y0: float, limit: float | None) -> float:
    """Open SDG's C: thresholds shrink as the base value approaches a natural limit."""
    if limit is None or limit <= 0 or y0 <= 0:
        return 1.0  # the scaling is defined for positive values below a positive limit only
    if y0 <= limit:
        return 1 - math.pow(y0 / limit, LIMIT_EXPONENT)
    if y0 < 2 * limit:
        return 1 - math.pow((2 * limit - y0) / limit, LIMIT_EXPONENT)
    return 1.0
