"""PS4xx — the basic public service list against the standard (see pubsvc_cli/coverage.py for
how services are matched to standard items)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..coverage import FUZZY_THRESHOLD, Match, name_key
from ..normalise import normalise_name
from ..result import Finding, Location, Severity
from ..values import Ambition, Direction, compare_ambition
from .base import PlanContext, rule

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from ..model import StandardItem


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


def _province(coverage, scope: str) -> str:  # the name a province id stands for in the standard
    return coverage.scopes.get(scope, scope)


def _coverage(ctx: PlanContext):
    """The coverage, when the plan has a service list to check."""
    coverage = ctx.coverage
    return coverage if coverage is not None and coverage.matches else None


@rule("PS401", "standard-item-missing", Severity.ERROR, variants=("several",))
def standard_item_missing(ctx: PlanContext) -> Iterator[Finding]:
    """
    Items of the standard that bind the plan are not in its service list: the national standard,
    and the plan's own province's additions where the standard lists them (Sichuan's 83 items for a
    plan in Sichuan). What a service provides counts, not its name: a service named as one item but
    describing another (PS404) counts as the item it describes. One finding per domain lists the
    items missing there. Items other provinces add to their own lists do not bind the plan.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    present = {m.counted_as.id for m in coverage.matches if m.counted_as is not None}
    missing_by_domain: dict[str, list[StandardItem]] = {}
    for item in coverage.required:
        if item.id not in present:
            missing_by_domain.setdefault(item.domain, []).append(item)
    for domain, items in missing_by_domain.items():
        if len(items) == 1:
            [item] = items
            yield _service_finding(
                ctx, "PS401", None, item=item, standard=coverage.standard_name, item_name=item.name, domain=domain
            )
        else:
            finding = _service_finding(
                ctx,
                "PS401",
                None,
                variant="several",
                standard=coverage.standard_name,
                domain=domain,
                count=len(items),
                items=tuple(item.name for item in items),
            )
            finding.service_name = domain
            yield finding


@rule("PS402", "local-addition", Severity.INFO, variants=("provincial", "upper_non_basic"))
def local_addition(ctx: PlanContext) -> Iterator[Finding]:
    """
    A service in the plan's list that is not an item of the standard it is checked against: a
    local addition, or a province's own addition to the national list (Sichuan's 义务教育免费提供作业本).
    Allowed — a province's list may exceed the national one after assessment — and named as such.
    Where an upper plan lists the same item among its non-basic services (普惠性非基本公共服务, as
    Guangxi's 专栏17 lists Guilin's 老旧小区改造), the finding says so: moving an item into the basic
    list changes who pays for it.
    """
    coverage = _coverage(ctx)
    if coverage is None:
        return
    required = {item.id for item in coverage.required}
    non_basic = {
        name_key(project.name): (plan, project)
        for plan in reversed(ctx.ancestors)
        for project in plan.plan.projects
        if project.non_basic
    }
    for match in coverage.matches:
        if match.item is None and match.method == "none":
            upper = non_basic.get(name_key(match.service.name))
            if upper is not None:
                plan, project = upper
                yield _service_finding(
                    ctx,
                    "PS402",
                    match,
                    field_name="name",
                    variant="upper_non_basic",
                    standard=coverage.standard_name,
                    upper_plan=plan.plan.plan.name,
                    box=project.box,
                    related=[plan.location(("projects", plan.plan.projects.index(project)))],
                )
            else:
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
    优抚医院 and 光荣院 — the national item 特殊群体集中供养. The service counts as the item it
    describes (PS401 then reports the named item missing, if nothing else provides it).
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


@rule("PS408", "standard-of-another-province", Severity.WARNING, variants=("unknown",))
def standard_of_another_province(ctx: PlanContext) -> Iterator[Finding]:
    """
    The service list was checked against a province's own standard (``--standard PROVINCE``)
    that does not bind the plan: the plan's chain of upper plans leads to another province, or to
    none. Its PS401 and PS402 findings then say what that province requires, not what the plan must
    provide. By default pubsvc checks a plan against the standard of its own province where the
    standard lists one, else against the national standard.
    """
    coverage = _coverage(ctx)
    if coverage is None or coverage.standard == "national":
        return
    own = ctx.province
    if own is not None and own.id == coverage.standard:
        return
    yield ctx.finding(
        "PS408",
        None,
        location=ctx.subject.location(("services",), key=True),
        variant=None if own else "unknown",
        standard=coverage.standard_name,
        province=own.plan.plan.name if own else "",
    )
