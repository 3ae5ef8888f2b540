"""PS7xx — a plan file compared with the document it was encoded from (``pubsvc extract --check
DOCUMENT PLAN``): a second pair of eyes for the people who encode plans. Reported by
:mod:`pubsvc_cli.extract.compare`, not by a check function."""

from __future__ import annotations

from ..result import Severity
from .base import reported_rule

reported_rule(
    "PS701",
    "quote-not-in-document",
    Severity.ERROR,
    doc="""
    A ``source.quote`` of the plan file is not in the document. Quotes are matched with whitespace
    runs folded (table cells are one per line or tab-separated in extracted text) and, for a
    document in traditional characters, after conversion to simplified mainland wording. A quote
    that is not found is mistyped, paraphrased or from another document (then say so with
    ``source.document``).
""",
)

reported_rule(
    "PS702",
    "value-differs-from-document",
    Severity.ERROR,
    variants=("lost_point", "printed", "nature", "unit", "quote", "verdict", "no_row", "no_section"),
    doc="""
    A baseline, target, actual value or its verdict, unit or nature of the plan file differs from
    the cell of the document's table row that its ``source`` names (section and row), or that row
    is not in the document. Values are compared as
    values (98 and 98.0 are equal; ≥98 and 98 are not). A field listed in ``inferred`` is not
    compared. A cell whose decimal point may have been lost (``1 5``) must be recorded in
    ``source.printed`` when the file restores the value, and the restored number must read as the
    printed digits with a decimal point where the space is. A target stated in prose (an indicator
    of the text or a task, or a statement) must print its numbers in its own quote.
""",
)

reported_rule(
    "PS703",
    "document-row-missing",
    Severity.WARNING,
    doc="""
    A row of one of the document's indicator tables for the plan's period has no indicator in the
    plan file that cites it (``source.section`` and ``source.row``), nor one with its name. The
    location is the row's line in the document.
""",
)

reported_rule(
    "PS704",
    "other-document",
    Severity.WARNING,
    doc="""
    The plan file says it was encoded from another document (``plan.source.document``) than the
    one given. It is compared with the given one all the same: a renamed copy of the document
    passes; the wrong document shows as quotes that are not in it (PS701).
""",
)
