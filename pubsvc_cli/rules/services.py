"""PS4xx — the basic public service list against the standard (see pubsvc_cli/coverage.py for
how services are matched to standard items)."""

from __future__ import annotations

from collections.abc import Iterator

from ..coverage import FUZZY_THRESHOLD, Match
from ..model import StandardItem
from ..normalise import normalise_name
from ..result import Finding, Location, Severity
from ..values import Ambition, Direction, compare_ambition
from .base import PlanContext, rule


def _service_finding(
    ctx: PlanContext,
    code: str,
    match: Match | None,
    *,
    item: StandardItem | None = None,
    field_name: str | None = None,
    severity: Severity | None = None,
    location: Location | None = None,
    **args,
) -> Finding:
    if location is None:
        path = ("services", match.index) + ((field_name,) if field_name else ()) if match else ("services",)
        location = ctx.subject.location(path, key=match is None)
    item = item or (match.item if match else None)
    finding = ctx.finding(code, None, location=location, severity=severity, **args)
    finding.service = item.id if item else None
    finding.service_name = match.service.name if match else (item.name if item else None)
    return finding


def _province(coverage, scope: str) -> str:
    return coverage.scopes.get(scope, scope)


def _coverage(ctx: PlanContext):
    """The coverage, when the plan has a service list to check."""
    coverage = ctx.coverage
    return coverage if coverage is not None and coverage.matches else None


@rule("PS401", "standard-item-missing", Severity.ERROR, variants=("other_province",))
def standard_item_missing(ctx: PlanContext) -> Iterator[Finding]:
    """
    An item of the standard is not in the plan's service list. Error for an item of the standard
    the plan is checked against (the national standard by default; ``--standard PROVINCE`` adds
    that province's own items). An item that another province adds to its own list is reported as
    info: the plan is not bound by it.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    present = {m.item.id for m in coverage.matches if m.item is not None}
    for item in coverage.required:
        if item.id not in present:
            yield _service_finding(
                ctx, "PS401", None, item=item, standard=coverage.standard_name, item_name=item.name, domain=item.domain
            )
    for item in coverage.other_additions:
        if item.id not in present:
            yield _service_finding(
                ctx,
                "PS401",
                None,
                item=item,
                severity=Severity.INFO,
                variant="other_province",
                standard=coverage.standard_name,
                item_name=item.name,
                domain=item.domain,
                province=_province(coverage, item.scope),
            )


@rule("PS402", "local-addition", Severity.INFO, variants=("provincial",))
def local_addition(ctx: PlanContext) -> Iterator[Finding]:
    """
    A service in the plan's list that is not an item of the standard it is checked against: a
    local addition (Guilin's 老旧小区改造), or a province's own addition to the national list
    (Sichuan's 义务教育免费提供作业本). Allowed — a province's list may exceed the national one after
    assessment — and named as such.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    required = {item.id for item in coverage.required}
    for match in coverage.matches:
        if match.item is None and match.method == "none":
            yield _service_finding(ctx, "PS402", match, field_name="name", standard=coverage.standard_name)
        elif match.item is not None and match.item.id not in required:
            yield _service_finding(
                ctx,
                "PS402",
                match,
                field_name="name",
                variant="provincial",
                standard=coverage.standard_name,
                province=_province(coverage, match.item.scope),
            )


@rule("PS403", "renamed-item", Severity.INFO, variants=("exact", "alias", "fuzzy"))
def renamed_item(ctx: PlanContext) -> Iterator[Finding]:
    """
    A service whose name differs from the standard item it is: matched through the standard's
    aliases, traditional/simplified and full-width folding, or fuzzy similarity (rapidfuzz
    ``fuzz.ratio`` of at least 85 of 100). The standard name is given as the suggestion.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    for match in coverage.matches:
        if match.item is None or match.method == "explicit":
            continue
        if normalise_name(match.service.name) != normalise_name(match.item.name):
            yield _service_finding(
                ctx,
                "PS403",
                match,
                field_name="name",
                variant=match.method,
                standard_name=match.item.name,
                score=f"{match.score:.0f}",
                threshold=FUZZY_THRESHOLD,
            )


@rule("PS404", "described-as-another-item", Severity.WARNING)
def described_as_another_item(ctx: PlanContext) -> Iterator[Finding]:
    """
    A service whose description is about a different standard item than its name: it uses terms
    that belong to another item's name only (集中供养 for 特殊群体集中供养) and none of its own. Guilin
    专栏10 item 3 is named 退役军人就业创业服务 but describes the concentrated support of veterans in
    优抚医院 and 光荣院 — the national item 特殊群体集中供养.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    for match in coverage.matches:
        if match.described_as is not None:
            yield _service_finding(
                ctx,
                "PS404",
                match,
                field_name="description",
                described=match.described_as.name,
                described_id=match.described_as.id,
                named=match.item.name if match.item else match.service.name,
            )


@rule("PS405", "duplicate-service", Severity.WARNING)
def duplicate_service(ctx: PlanContext) -> Iterator[Finding]:
    """Two services of the plan's list are the same standard item (or have the same name)."""
    coverage = _coverage(ctx)
    if coverage is None:
        return
    first: dict[str, Match] = {}
    for match in coverage.matches:
        key = match.item.id if match.item else "name:" + normalise_name(match.service.name)
        if key in first:
            earlier = first[key]
            yield _service_finding(
                ctx,
                "PS405",
                match,
                field_name="name",
                related=[ctx.subject.location(("services", earlier.index))],
                first=earlier.service.name,
                first_number=earlier.service.number or earlier.index + 1,
            )
        else:
            first[key] = match


@rule("PS406", "below-service-floor", Severity.ERROR)
def below_service_floor(ctx: PlanContext) -> Iterator[Finding]:
    """
    A quantitative standard the plan states for a service is below the floor the standard sets
    for the same measure (13 free health checks for children aged 0–6; at least 2 veterans' job
    fairs a year). Provincial standards may not be lower than the national one. Measures are
    matched by name and unit; a floor with ``≤`` is a ceiling.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    for match in coverage.matches:
        if match.item is None:
            continue
        for s_index, stated in enumerate(match.service.standards):
            for floor in match.item.floors:
                if normalise_name(floor.measure) != normalise_name(stated.measure) or normalise_name(
                    floor.unit
                ) != normalise_name(stated.unit):
                    continue
                direction = Direction.DECREASE if floor.value.comparator in ("<", "<=") else Direction.INCREASE
                if compare_ambition(stated.value, floor.value, direction) is Ambition.WEAKER:
                    location = ctx.subject.location(("services", match.index, "standards", s_index, "value"))
                    yield _service_finding(
                        ctx,
                        "PS406",
                        match,
                        location=location,
                        measure=stated.measure,
                        value=str(stated.value),
                        floor=str(floor.value),
                        unit=stated.unit,
                        standard_name=match.item.name,
                    )


@rule("PS407", "unknown-standard-item", Severity.ERROR)
def unknown_standard_item(ctx: PlanContext) -> Iterator[Finding]:
    """A service names a ``standard_item`` id that the standard list does not have."""
    coverage = _coverage(ctx)
    if coverage is None:
        return
    for match in coverage.matches:
        if match.method == "unknown_id":
            yield _service_finding(ctx, "PS407", match, field_name="standard_item", id=match.service.standard_item)
