"""A plan's actual values → one progress assessment per indicator.

Gathers the observations of each indicator (the plan file's own ``actuals`` and the rows of every
``--actuals`` file meant for this plan), checks them against the plan (years inside the plan,
no two different values for one year), and runs the progress engine on each indicator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .actuals import ActualRow
from .model import CatalogIndicator
from .model.enums import Kind
from .plans import LoadedPlan, Resolved
from .progress import Method, Series, Status, assess, far_beyond, pace, position
from .result import Finding, Location, Progress, Severity
from .values import Value

AUTO_STANDARD = "auto"


@dataclass
class ProgressOptions:
    method: Method = Method.LINEAR
    year: int | None = None
    actuals: list[Path] = field(default_factory=list)
    standard: str = (
        "auto"  # the service standard: auto (the plan's own province's, else national), national, a province id
    )
    #: The pace so far and still needed (progress.pace), for the outputs that show it: at national
    #: scale it is seconds of work and 50 MB that the terminal's counts per plan never show.
    pace: bool = True
    #: The chain of values of every compared indicator (Result.alignment), for the outputs that
    #: show it (JSON, the report): at national scale more than half of what the workers send the
    #: parent, for a terminal that never shows it. The gaps the rules report are found either way.
    chain_values: bool = True
    #: What a batch report (``pubsvc report``) shows beyond a check: every observed value (for
    #: the chart of an indicator's path) and the verdict by the other method beside the chosen one.
    details: bool = False


@dataclass
class _Observation:
    value: Value
    location: Location
    verdict: str | None = None


def plan_progress(
    subject: LoadedPlan, file_rows: list[ActualRow], options: ProgressOptions
) -> tuple[list[Progress], list[Finding]]:
    meta = subject.plan.plan
    findings: list[Finding] = []
    observed: dict[str, dict[int, _Observation]] = {}
    rows_by_id = subject.rows_by_id
    first_year, last_year = meta.base_year, meta.target_year  # once: add() runs for every value

    def add(indicator: str, year: int, observation: _Observation, year_location: Location | None = None) -> None:
        row = rows_by_id.get(indicator)
        outside = outside_limits(row.entry, observation.value, observation.location, meta.id) if row else None
        if outside is not None:
            findings.append(outside)
            return
        if not first_year <= year <= last_year:
            findings.append(
                Finding(
                    "PS112",
                    Severity.ERROR,
                    year_location or observation.location,
                    plan=meta.id,
                    indicator=indicator,
                    args={"year": year, "first": first_year, "last": last_year},
                )
            )
            return
        findings.extend(_implausible(rows_by_id.get(indicator), observation, meta.id))
        series = observed.setdefault(indicator, {})
        earlier = series.get(year)
        if earlier is not None:
            if earlier.value.canonical() != observation.value.canonical():
                findings.append(
                    Finding(
                        "PS113",
                        Severity.ERROR,
                        observation.location,
                        plan=meta.id,
                        indicator=indicator,
                        args={"year": year, "value": str(observation.value), "first": str(earlier.value)},
                        related=[earlier.location],
                    )
                )
            return
        series[year] = observation

    for row in subject.rows:
        if row.entry is None:
            continue
        for i, actual in enumerate(row.indicator.actuals):
            location = subject.location(row.path + ("actuals", i, "value"))
            add(
                row.entry.id,
                actual.year,
                _Observation(actual.value, location, actual.verdict),
                subject.location(row.path + ("actuals", i, "year")),
            )
    for file_row in file_rows:
        if file_row.plan not in (None, meta.id):
            continue
        if file_row.indicator not in rows_by_id:
            findings.append(
                Finding(
                    "PS114",
                    Severity.WARNING,
                    file_row.indicator_location or file_row.location,
                    plan=meta.id,
                    indicator=file_row.indicator,
                    args={"indicator": file_row.indicator, "plan_name": meta.name},
                )
            )
            continue
        add(file_row.indicator, file_row.year, _Observation(file_row.value, file_row.location), file_row.year_location)

    progress = [
        _assess(subject, rows_by_id[indicator], series, options)
        for indicator, series in observed.items()
        # A base-year value alone is no progress; a target year at or before the base year (PS210)
        # leaves no period to measure progress over.
        if indicator in rows_by_id
        and max(series) > meta.base_year
        and (rows_by_id[indicator].indicator.year or meta.target_year) > meta.base_year
    ]
    return progress, findings


def outside_limits(entry: CatalogIndicator, value: Value, location: Location, plan_id: str | None) -> Finding | None:
    """PS115 for an actual value outside the indicator's natural limits (a coverage of 150%, a
    negative count): it is not used, since a verdict on it would mean nothing."""
    limits = entry.limits
    if limits is None or not any(
        p.number is not None and limits.breach(p.number, p.comparator) for p in value.parts or (value,)
    ):
        return None
    return Finding(
        "PS115",
        Severity.ERROR,
        location,
        plan=plan_id,
        indicator=entry.id,
        args={
            "value": str(value),
            "min": str(limits.min if limits.min is not None else "—"),
            "max": str(limits.max if limits.max is not None else "—"),
        },
    )


def _implausible(row: Resolved | None, observation: _Observation, plan_id: str) -> list[Finding]:
    """PS506: an actual value that is possible but seldom right — beyond the catalog's plausible
    maximum, or far beyond its target — so that someone checks it before it counts as achieved."""
    if row is None or row.entry is None:
        return []
    value, entry = observation.value, row.entry
    numbers = [p.number for p in value.parts or (value,) if p.number is not None]
    beyond_max = entry.plausible_max is not None and any(n > entry.plausible_max for n in numbers)
    factor = far_beyond(value, row.indicator.target, entry.direction)
    if not beyond_max and factor is None:  # nearly every value: no finding to build
        return []

    def implausible(**args: str) -> Finding:
        return Finding(
            "PS506",
            Severity.WARNING,
            observation.location,
            plan=plan_id,
            indicator=entry.id,
            indicator_name=row.indicator.name,
            args={"value": str(value), **args},
        )

    found = []
    if beyond_max:
        found.append(implausible(limit=str(entry.plausible_max), variant="plausible_max"))
    if factor is not None:
        found.append(implausible(target=str(row.indicator.target), factor=f"{float(factor):.1f}", variant="far_beyond"))
    return found


def _assess(subject: LoadedPlan, row: Resolved, series: dict[int, _Observation], options: ProgressOptions) -> Progress:
    meta = subject.plan.plan
    indicator, entry = row.indicator, row.entry
    target_year = indicator.year or meta.target_year
    baseline = indicator.baseline
    if baseline.is_missing and meta.base_year in series:
        baseline = series[meta.base_year].value  # an observation for the base year is the baseline
    engine_input = Series(
        baseline=baseline,
        target=indicator.target,
        direction=entry.direction,
        base_year=meta.base_year,
        target_year=target_year,
        start_year=meta.start_year,
        actuals={year: o.value for year, o in series.items() if year > meta.base_year},
        natural_max=entry.limits.max if entry.limits else None,
    )
    result = assess(engine_input, options.method, options.year)
    where, expected = position(engine_input, result.actual, result.year)
    if result.status in (Status.ACHIEVED, Status.ACHIEVED_EARLY, Status.MAINTAINED):
        where = 1.0  # the whole way, even where the baseline already stood beyond the target
    elif result.status is Status.UNABLE:
        where = expected = None  # no position to show for a value that settles nothing
    observation = series.get(result.year) if result.year is not None else None
    speed = (
        pace(engine_input, result.actual, result.year) if options.pace and result.status is not Status.UNABLE else None
    )
    if speed is not None:
        # How an evaluation states it: a count grows by a rate (需年均增长 x%); a rate, a level or
        # a five-year total moves by an amount (需年均提高 x 个百分点 / x 岁 / x 个).
        speed["stated_as"] = "growth" if entry.kind is Kind.COUNT and "achieved_growth" in speed else "amount"
    series_shown = other = None
    if options.details:
        series_shown = tuple((year, str(value)) for year, value in sorted(engine_input.actuals.items()))
        other_method = Method.CAGR if options.method is Method.LINEAR else Method.LINEAR
        second = assess(engine_input, other_method, options.year)
        other = {"method": second.method, "status": second.status.value, "label_zh": second.label_zh}
    return Progress(
        plan=meta.id,
        indicator=entry.id,
        indicator_name=indicator.name,
        nature=indicator.nature.value if indicator.nature else None,
        year=result.year,
        status=result.status.value,
        label_zh=result.label_zh,
        method=result.method,
        baseline=str(baseline),
        target=str(indicator.target),
        target_year=target_year,
        actual=str(result.actual) if result.actual is not None else None,
        location=observation.location if observation else subject.location(row.path + ("target",)),
        reason=result.reason,
        recorded_verdict=observation.verdict if observation else None,
        components=result.components,
        position=where,
        expected_position=expected,
        pace=speed,
        series=series_shown,
        other=other,
    )
