"""PS1xx — data: problems found while reading and validating a file, and waiver bookkeeping.

These are reported by the loader and the checker rather than by a check function; they are
registered here so that ``pubsvc rules``, the docs and the output formats know them. PS101–PS107
and PS110 mean a file could not be loaded or validated (``load_failure``): such a run fails
whatever ``--fail-on`` says. The others are about the values of a file that loaded."""

from __future__ import annotations

from ..result import Severity
from .base import reported_rule

reported_rule(
    "PS101",
    "file-unreadable",
    Severity.ERROR,
    variants=("encoding", "too_large", "too_complex", "directory", "unreadable", "utf16", "nul"),
    load_failure=True,
    doc="""
    The file cannot be read: it does not exist, is a folder, is too large, or is not UTF-8 text.

    Plan files are UTF-8 (a byte-order mark is accepted). For a file saved by a Chinese-locale
    editor in GBK/GB18030, re-save it as UTF-8; the error gives the line and column of the first
    byte that is not UTF-8.
""",
)

reported_rule(
    "PS102",
    "yaml-syntax",
    Severity.ERROR,
    variants=("quote",),
    load_failure=True,
    doc="""
    The file is not valid YAML. The location is where the parser gave up; the mistake is often
    just before it (an unclosed quote or bracket, a tab used for indentation).

    Note that a value starting with ``{``, ``[``, ``>`` or ``|`` must be quoted in YAML:
    write ``target: "{35.13}"`` and ``target: ">95"``.
""",
)

reported_rule(
    "PS103",
    "duplicate-key",
    Severity.ERROR,
    load_failure=True,
    doc="""
    The same key appears twice in one mapping. YAML parsers usually keep the last value silently;
    pubsvc keeps the first and reports the second, so no value is lost without notice.
""",
)

reported_rule(
    "PS104",
    "unknown-key",
    Severity.ERROR,
    variants=("suggest",),
    load_failure=True,
    doc="""
    A key that the file format does not define (often a typo; the closest allowed key is
    suggested). Unknown keys are errors rather than being ignored, because an ignored ``traget``
    would silently drop a target.
""",
)

reported_rule(
    "PS105",
    "missing-key",
    Severity.ERROR,
    load_failure=True,
    doc="""
    A required key is absent, for example an indicator without ``nature`` or ``unit``, or a
    plan without ``id``.
""",
)

reported_rule(
    "PS106",
    "invalid-field",
    Severity.ERROR,
    variants=("top_level",),
    load_failure=True,
    doc="""
    A key has a value of the wrong type or outside its allowed set, for example ``level: town``
    (allowed: national, province, city, county) or ``nature: 指导性`` (allowed: 约束性, 预期性).
""",
)

reported_rule(
    "PS107",
    "invalid-value",
    Severity.ERROR,
    load_failure=True,
    doc="""
    A baseline, target or actual value that is not in the value grammar. Accepted forms: a number
    (``4.5``), a bound (``≥97``, ``>95``, ``＞81``, ``＜18``, ``≤5``), a five-year cumulative total
    (``〔40〕`` or ``{35.13}``, a comparator may stand inside), a compound cell (``100；100``),
    ``应保尽保``, an approximate number (``约1000``), or ``—`` / empty for a missing value.
""",
)

reported_rule(
    "PS108",
    "unused-waiver",
    Severity.INFO,
    doc="""
    A waiver that excuses no finding: the value it was written for has changed, or the rule no
    longer fires. Remove it so that it cannot hide a future problem by accident.
""",
)

reported_rule(
    "PS109",
    "waiver-unknown-rule",
    Severity.ERROR,
    doc="""
    A waiver names a rule code that does not exist. ``pubsvc rules`` lists the codes.
""",
)

reported_rule(
    "PS110",
    "actuals-layout",
    Severity.ERROR,
    variants=("kind", "columns", "empty", "yaml", "yaml_row", "layout", "no_worksheet"),
    load_failure=True,
    doc="""
    An actuals file whose layout pubsvc cannot read: not .yaml/.csv/.xlsx, no header row with an
    indicator column and either year and value columns (long form) or year columns (wide form),
    or a YAML file without an ``actuals`` list. The message lists the columns found.
""",
)

reported_rule(
    "PS111",
    "actuals-unknown-indicator",
    Severity.ERROR,
    doc="""
    A row of an actuals file names an indicator that is neither a catalog id nor a catalog name or
    alias. The closest catalog names are suggested; the row is skipped.
""",
)

reported_rule(
    "PS112",
    "actuals-year-outside-plan",
    Severity.ERROR,
    doc="""
    An actual value for a year outside the plan (before its base year or after its last year).
""",
)

reported_rule(
    "PS113",
    "actuals-conflict",
    Severity.ERROR,
    doc="""
    Two different values for the same indicator and year (in one file, in two files, or in a file
    and the plan itself). The first is kept; fix the other.
""",
)

reported_rule(
    "PS114",
    "actuals-not-in-plan",
    Severity.WARNING,
    doc="""
    An actuals file gives values for an indicator the plan does not have; they are not used.
""",
)

reported_rule(
    "PS115",
    "actual-outside-natural-limits",
    Severity.ERROR,
    doc="""
    An actual value outside the indicator's natural limits (a coverage rate of 150%, a negative
    count). It is not used: a progress verdict on it would be meaningless.
""",
)

reported_rule(
    "PS116",
    "actuals-for-another-plan",
    Severity.WARNING,
    doc="""
    Rows of an actuals file name a plan (a ``plan`` column, or ``plan:`` in a YAML file) that is not
    among the plans checked; they are not used. Check that plan too, or fix the plan id.
""",
)

reported_rule(
    "PS117",
    "duplicate-plan-id",
    Severity.ERROR,
    doc="""
    Two files of one run have the same ``plan.id``: which plan the id means (as an upper plan,
    in a report) would depend on the order the files are read in. The second file is reported, with
    the first as the related location; give one of them another id.
""",
)
