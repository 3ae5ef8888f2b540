"""PS6xx — changes between two versions of a plan (``pubsvc diff``). Reported by
``pubsvc_cli.diffing``, with the severities declared here; registered here so that docs, SARIF
and ``pubsvc rules`` know them."""

from __future__ import annotations

from ..result import Severity
from .base import reported_rule

reported_rule(
    "PS601",
    "target-weakened",
    Severity.WARNING,
    by_nature=True,
    doc="""
    The new version asks for less than the old one (direction-aware: 4.5 → 4.0 for a level that
    should rise; ≥97 → 95), or no longer states a target at all (95 → —). Error when the indicator was 约束性, warning when 预期性. A change with a
    waiver (rule PS601 on the indicator, with the reason) is reported as waived.
""",
)

reported_rule(
    "PS602",
    "indicator-removed",
    Severity.WARNING,
    by_nature=True,
    doc="""
    An indicator of the old version is gone from the new one. Error when it was 约束性, warning
    when 预期性. Waive it with a plan-level waiver naming the indicator's id.
""",
)

reported_rule(
    "PS603",
    "nature-weakened-in-change",
    Severity.ERROR,
    doc="""
    An indicator changed from 约束性 (binding) to 预期性 (expected).
""",
)

reported_rule(
    "PS604",
    "strengthened",
    Severity.INFO,
    doc="""
    A target asks for more than before (or is set where there was none), or an indicator became
    约束性.
""",
)

reported_rule(
    "PS605",
    "indicator-added",
    Severity.INFO,
    doc="""
    An indicator that the old version did not have.
""",
)

reported_rule(
    "PS606",
    "target-reworded",
    Severity.INFO,
    doc="""
    A target written differently with the same commitment (98 → 98%, 97.5 → 不低于97.5%).
""",
)

reported_rule(
    "PS607",
    "change-not-comparable",
    Severity.WARNING,
    variants=("unit",),
    doc="""
    A change that cannot be judged stronger or weaker: the unit changed (the values are no
    longer comparable), or the old and new targets have forms that cannot be compared (a phrase
    and a number, a five-year total and a level). A reviewer must judge it.
""",
)

reported_rule(
    "PS608",
    "baseline-revised",
    Severity.INFO,
    doc="""
    The base-year value changed: a correction of statistics, which moves what the target means.
""",
)

reported_rule(
    "PS609",
    "untracked-plan-file",
    Severity.INFO,
    doc="""
    ``pubsvc diff --base REF`` compares the files git tracks; a plan file git does not track is
    not compared, and this says so rather than leaving it out in silence. ``git add`` it, and it is
    compared as a new plan (its indicators added); name it on the command line to compare it now.
""",
)
