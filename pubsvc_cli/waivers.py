"""Waivers: accepted exceptions written in the plan file next to what they excuse.

A waived finding stays in the result, marked waived with its reason; it no longer fails a run.
A waiver on an indicator excuses the findings about that indicator, wherever the value behind
the finding comes from (the plan file, or an ``--actuals`` spreadsheet); a plan-level waiver
excuses a rule's findings in the whole plan, or for one ``indicator`` id. Waivers that excuse
nothing, or name no rule, are findings themselves (PS108, PS109).
"""

from __future__ import annotations

from .plans import LoadedPlan
from .result import Finding, Severity
from .rules import REGISTRY

#: Waivers of ``pubsvc diff`` rules (PS6xx) belong to the diff, the others to ``check``.
DIFF_FAMILY = "PS6"


def apply_waivers(
    subject: LoadedPlan, findings: list[Finding], *, for_diff: bool = False, not_run: set[str] = frozenset()
) -> list[Finding]:
    """Mark the findings that a waiver of ``subject`` excuses and return the findings about the
    waivers themselves. Each command judges only its own waivers (``for_diff``: the PS6xx ones),
    so that neither reports the other's as unused; a waiver of a rule whose family did not run
    (``not_run``: PS3xx without an upper plan) is not unused either — it may well be needed."""
    plan = subject.plan

    def mine(rule: str) -> bool:
        return rule.startswith(DIFF_FAMILY) == for_diff

    used: set[tuple] = set()
    for finding in findings:
        index = _row_index(subject, finding)
        if index is not None:
            for w_index, waiver in enumerate(plan.indicators[index].waivers):
                if waiver.rule == finding.rule and mine(waiver.rule):
                    _waive(finding, waiver.reason)
                    used.add(("indicators", index, "waivers", w_index))
        for w_index, waiver in enumerate(plan.waivers):
            if waiver.rule == finding.rule and mine(waiver.rule) and waiver.indicator in (None, finding.indicator):
                _waive(finding, waiver.reason)
                used.add(("waivers", w_index))

    problems: list[Finding] = []
    waivers = [(("waivers", i), w) for i, w in enumerate(plan.waivers)]
    for i, indicator in enumerate(plan.indicators):
        waivers += [(("indicators", i, "waivers", j), w) for j, w in enumerate(indicator.waivers)]
    for path, waiver in waivers:
        if not mine(waiver.rule):
            continue
        location = subject.location(path + ("rule",))
        if waiver.rule not in REGISTRY:
            problems.append(Finding("PS109", Severity.ERROR, location, plan=subject.id, args={"rule": waiver.rule}))
        elif path not in used and REGISTRY[waiver.rule].family not in not_run:
            problems.append(Finding("PS108", Severity.INFO, location, plan=subject.id, args={"rule": waiver.rule}))
    return problems


def _row_index(subject: LoadedPlan, finding: Finding) -> int | None:
    """The indicator row of ``subject`` a finding is about: the row its location is in, within the
    plan file; else the row of its catalog indicator (a value read from an actuals file)."""
    location = finding.location
    path = location.path
    if (
        location.file == subject.document.file
        and len(path) >= 2
        and path[0] == "indicators"
        and isinstance(path[1], int)
    ):
        return path[1] if path[1] < len(subject.plan.indicators) else None
    if finding.plan == subject.id and finding.indicator is not None:
        row = subject.rows_by_id.get(finding.indicator)
        return row.index if row is not None else None
    return None


def _waive(finding: Finding, reason: str) -> None:
    finding.waived, finding.waiver_reason = True, reason
