"""What a batch report says, computed once from a check's Result, for every output to present:
the site's pages, report.md, the CSV files, the workbook and summary.json.

Nothing here writes a file or knows a format. Every text is in the report's language already;
every list is in a stable order (the plans in the order they were checked, findings as the
check's sort key), so that the same inputs give byte-identical output.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from ..evaluation import GROUP_ORDER, GROUPS, Headline, headlines
from ..messages import Messages
from ..model.enums import Nature
from ..report.base import statement
from ..result import (
    Alignment,
    Finding,
    IndicatorLine,
    PlanSummary,
    PlanTable,
    Progress,
    Result,
    ServiceCoverage,
    Severity,
)
from .charts import Axis, Chart, chart, level
from .departments import DepartmentTasks, by_department

#: Status group → the icon shown beside its words (never colour alone).
GROUP_ICONS = {"ahead": "▲", "on_track": "●", "behind": "▼", "unable": "?", "not_assessed": "–"}
SEVERITY_ICONS = {"error": "✖", "warning": "⚠", "info": "ℹ"}


@dataclass
class IndicatorView:
    """One indicator of a plan page."""

    line: IndicatorLine
    progress: Progress | None
    group: str  # evaluation.GROUPS, or not_assessed
    status: str  # the verdict in words ("" when not assessed)
    other_status: str | None  # the other method's verdict, where it differs
    achieved: str | None  # the pace so far, in words
    needed: str | None  # the pace still needed to reach the target, in words (never without achieved)
    chart: Chart | None
    nature: str  # the nature in words ("—" when the plan does not say)

    @property
    def icon(self) -> str:
        return GROUP_ICONS[self.group]


@dataclass
class ChainView:
    """One indicator of a plan beside each ancestor's value; the gaps said apart."""

    indicator: str
    indicator_name: str
    values: list[dict[str, Any]]  # plan, plan_name, level, baseline, target, nature, carried
    own_gaps: list[str]  # ancestors whose target the plan falls short of, the gap arising here
    inherited_gaps: list[tuple[str, str]]  # (ancestor short of, the plan where it arose)


@dataclass
class Standing:
    """A plan's target for one indicator among the plans with the same upper plan."""

    indicator: str
    indicator_name: str
    unit: str
    baseline: str
    target: str
    change: str | None  # target − baseline, where both are numbers
    nature: str | None
    rank: int | None  # 1 = the most ambitious target of the siblings stating one
    of: int  # sibling plans (this one included) that state a numeric target
    lowest: str | None
    highest: str | None
    binding: int  # of the siblings with the indicator, how many make it 约束性
    plans: int  # siblings with the indicator (this one included)
    nature_text: str  # the nature in words ("—" when the plan does not say)
    rank_text: str  # "rank of of" in words ("—" without a rank)


@dataclass
class FindingView:
    rule: str
    title: str
    severity: str
    severity_text: str
    icon: str
    message: str
    location: str
    waived: bool
    waiver_reason: str | None
    finding: Finding


@dataclass
class DepartmentView:
    name: str
    printed: list[str]
    leads: list[tuple[int, str]]  # (task number, title)
    joins: list[tuple[int, str]]
    indicators: list[IndicatorView]  # indicators stated by the tasks it leads


@dataclass
class PlanPage:
    """Everything one plan's page shows; ``summary`` is None for a file that did not load."""

    slug: str  # the page's file name without .html
    title: str
    summary: PlanSummary | None
    file: str
    headline: Headline | None
    headline_text: str
    counts: dict[str, int]
    indicators: list[IndicatorView] = field(default_factory=list)
    chains: list[ChainView] = field(default_factory=list)
    standings: list[Standing] = field(default_factory=list)
    coverage: list[ServiceCoverage] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    departments: list[DepartmentView] = field(default_factory=list)
    upper: tuple[str, str] | None = None  # (slug, name)
    lower: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    not_checked: list[str] = field(default_factory=list)
    siblings: int = 0
    target_year: int | None = None  # the plan's own (an indicator may state another)

    @property
    def waived(self) -> list[FindingView]:
        return [f for f in self.findings if f.waived]

    @property
    def main_indicators(self) -> list[IndicatorView]:
        """The rows of the plan's indicator table (every row for a plan without one)."""
        return [v for v in self.indicators if v.line.stated_in == "table"] or self.indicators

    @property
    def charted(self) -> list[IndicatorView]:
        """The indicators with a chart (assessed, with a numeric baseline and target)."""
        return [view for view in self.indicators if view.chart is not None]

    @property
    def axes(self) -> list[Axis]:
        """The bottom axes of the page's charts, each once (charts of one period share one)."""
        return list(dict.fromkeys(view.chart.axis for view in self.charted))

    @property
    def other_indicators(self) -> list[IndicatorView]:
        """Targets stated elsewhere (prose, tasks), when the plan has a table."""
        main = self.main_indicators
        if main is self.indicators:
            return []
        shown = {id(view) for view in main}
        return [view for view in self.indicators if id(view) not in shown]


@dataclass
class TreeNode:
    slug: str
    name: str
    level: str
    counts: dict[str, int]
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class _Sources:
    """The result's records by plan, for :func:`detailed` to fill a page in."""

    both: bool  # show the other method's verdict beside the chosen one
    tables: dict[str, PlanTable] = field(default_factory=dict)
    progress: dict[str, dict[str, Progress]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    chains: dict[str, list[Alignment]] = field(default_factory=dict)
    coverage: dict[str, list[ServiceCoverage]] = field(default_factory=dict)
    families: dict[str, list[str]] = field(default_factory=dict)  # upper plan → its lower plans with a table
    #: Each family's indicators across its plans, filled in as pages need them: a worker renders
    #: a family's pages one after another, and each compares itself with the same numbers.
    _by_family: dict[str, dict[str, _Shared]] = field(default_factory=dict, repr=False)

    def shared(self, upper: str) -> dict[str, _Shared]:
        found = self._by_family.get(upper)
        if found is None:
            found = self._by_family[upper] = _shared(self.tables[member].indicators for member in self.families[upper])
        return found


@dataclass(frozen=True)
class MatrixCell:
    group: str
    icon: str
    text: str  # the verdict in words, for the cell's title and screen readers


@dataclass
class Book:
    """The whole report."""

    lang: str
    method: str
    year: int | None
    pages: list[PlanPage]
    totals: Headline  # every plan's indicators together
    totals_text: str
    counts: dict[str, int]
    matrix_columns: list[tuple[str, str]]  # (indicator id, name): the indicators most plans share
    matrix: list[tuple[PlanPage, list[MatrixCell | None]]]
    tree: list[TreeNode]
    messages: Messages
    sources: _Sources = field(default_factory=lambda: _Sources(False), repr=False)

    def t(self, key: str, **args: Any) -> str:
        return self.messages.text(key, **args)

    @cached_property
    def by_slug(self) -> dict[str, PlanPage]:
        return {page.slug: page for page in self.pages}


#: At most this many indicators in the index's progress matrix (the most widely shared ones):
#: beyond it a row no longer fits a screen or a printed page.
MATRIX_COLUMNS = 24


def build(result: Result, messages: Messages, method: str = "linear", year: int | None = None) -> Book:
    """The report of ``result`` (a check run with ``ProgressOptions.details``): what the index
    shows, and each plan's page in outline; :func:`detailed` fills one page in, so that the
    pages of a national batch are computed where they are rendered (in worker processes)."""
    m = messages
    plans = result.plans
    sources = _Sources(method == "both")
    sources.tables = {table.plan: table for table in result.tables}
    for item in result.progress:
        sources.progress.setdefault(item.plan, {})[item.indicator] = item
    heads = headlines(plans, result.progress)
    plan_ids = {plan.id for plan in plans}
    unowned: list[Finding] = []
    for finding in result.sorted_findings():
        if finding.plan in plan_ids:
            sources.findings.setdefault(finding.plan, []).append(finding)
        else:
            unowned.append(finding)
    for alignment in result.alignment:
        sources.chains.setdefault(alignment.plan, []).append(alignment)
    for item in result.coverage:
        sources.coverage.setdefault(item.plan, []).append(item)
    for plan in plans:
        if plan.upper and plan.id in sources.tables:
            sources.families.setdefault(plan.upper, []).append(plan.id)

    page_names = _slugs(plans)
    slugs: dict[str, str] = {}  # plan id → the page its links go to (the first plan with the id)
    names: dict[str, str] = {}
    for plan, slug in zip(plans, page_names, strict=True):
        slugs.setdefault(plan.id, slug)
        names.setdefault(plan.id, plan.name)
    children: dict[str, list[PlanSummary]] = {}
    for plan in plans:
        if plan.upper in slugs:
            children.setdefault(plan.upper, []).append(plan)

    pages: list[PlanPage] = []
    for plan, head, slug in zip(plans, heads, page_names, strict=True):
        table = sources.tables.get(plan.id)
        pages.append(
            PlanPage(
                slug=slug,
                title=plan.name,
                summary=plan,
                file=plan.file,
                headline=head,
                headline_text=headline_text(head, m),
                counts=_counts(sources.findings.get(plan.id, [])),
                upper=(slugs[plan.upper], names[plan.upper]) if plan.upper in slugs else None,
                lower=[(slugs[c.id], c.name) for c in children.get(plan.id, [])],
                target_year=table.target_year if table else None,
                not_checked=[
                    m.text("skip.line", family=m.text(f"skip.family.{n.family}"), rules=n.family, reason=n.reason)
                    for n in plan.not_checked
                ],
            )
        )
    pages += _unloaded_pages(unowned, m, {page.slug for page in pages})

    totals = Headline("", sum(head.indicators for head in heads))
    totals.by_nature = {nature.value: dict.fromkeys(GROUP_ORDER, 0) for nature in Nature}
    for head in heads:
        for group, count in head.counts.items():
            totals.counts[group] += count
        for nature, counts in head.by_nature.items():
            into = totals.by_nature.setdefault(nature, dict.fromkeys(GROUP_ORDER, 0))
            for group, count in counts.items():
                into[group] += count
        totals.lagging_binding += head.lagging_binding
    columns = _matrix_columns(sources.tables.values())
    matrix = [(page, _matrix_row(page, columns, sources, m)) for page in pages if page.summary]
    return Book(
        lang=m.lang,
        method=method,
        year=year,
        pages=pages,
        totals=totals,
        totals_text=headline_text(totals, m),
        counts=result.summary(),
        matrix_columns=columns,
        matrix=matrix,
        tree=_tree(pages),
        messages=m,
        sources=sources,
    )


def detailed(book: Book, page: PlanPage) -> PlanPage:
    """``page`` with everything its own page shows: indicators, charts, chains, standings,
    coverage, findings and departments (a page for a file that did not load has it already)."""
    if page.summary is None:
        return page
    m, sources, plan_id = book.messages, book.sources, page.summary.id
    table = sources.tables.get(plan_id)
    progress = sources.progress.get(plan_id, {})
    views = [
        _indicator_view(line, progress.get(line.id or ""), table, m, sources.both)
        for line in (table.indicators if table else ())
    ]
    family = sources.families.get(page.summary.upper or "", [])
    standings: list[Standing] = []
    if table is not None and len(family) > 1:
        shared = sources.shared(page.summary.upper or "")
        for line in table.indicators:
            if line.id is not None and (siblings := shared.get(line.id)) is not None and siblings.plans > 1:
                standings.append(_standing(line, siblings, m))
    return replace(
        page,
        indicators=views,
        chains=[_chain_view(a, m) for a in sources.chains.get(plan_id, [])],
        standings=standings,
        siblings=len(family) - 1 if standings else 0,
        coverage=sources.coverage.get(plan_id, []),
        findings=[_finding_view(f, m) for f in sources.findings.get(plan_id, [])],
        departments=_departments(table, views) if table else [],
    )


def headline_text(head: Headline, m: Messages) -> str:
    """ "22项主要指标中，N项提前实现或快于预期，M项基本符合预期，K项滞后" and what remains."""
    counts = head.counts
    text = m.text(
        "book.headline",
        indicators=head.indicators,
        ahead=counts["ahead"],
        on_track=counts["on_track"],
        behind=counts["behind"],
    )
    if counts["unable"]:
        text += m.text("book.headline.unable", count=counts["unable"])
    if counts["not_assessed"]:
        text += m.text("book.headline.not_assessed", count=counts["not_assessed"])
    return text + m.text("book.headline.end")


def nature_text(head: Headline, nature: str, m: Messages) -> str:
    counts = head.by_nature.get(nature) or dict.fromkeys(GROUP_ORDER, 0)
    return m.text(
        "book.headline.nature",
        nature=m.text(f"nature.{nature}"),
        total=sum(counts.values()),
        ahead=counts["ahead"],
        on_track=counts["on_track"],
        behind=counts["behind"],
    )


def _slugs(plans: list[PlanSummary]) -> list[str]:
    """Each plan's page name, in the order of ``plans``: its id (ids are ``[a-z0-9_-]``, safe in a
    URL); a second plan with the same id (PS110) gets a numbered page, so that no page
    overwrites another. Links by id go to the first."""
    slugs: list[str] = []
    used: set[str] = set()
    for plan in plans:
        slug, number = plan.id, 2
        while slug in used:
            slug, number = f"{plan.id}-{number}", number + 1
        used.add(slug)
        slugs.append(slug)
    return slugs


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0, "waived": 0}
    key = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
    for finding in findings:
        counts["waived" if finding.waived else key[finding.severity]] += 1
    return counts


def _indicator_view(
    line: IndicatorLine, progress: Progress | None, table: PlanTable | None, m: Messages, show_other: bool
) -> IndicatorView:
    if progress is None:
        group, status, other = "not_assessed", m.text("book.not_assessed"), None
        achieved = needed = None
    else:
        group = GROUPS[progress.status]
        status = m.text(progress.status_key)
        other = None
        if show_other and progress.other and progress.other["status"] != progress.status:
            other = m.text(
                "book.by_method",
                method=m.text(f"book.method.{progress.other['method']}"),
                status=m.text(f"status.{progress.other['status']}"),
            )
        achieved, needed = _pace_texts(progress.pace, line.unit, m)
    drawn = (
        chart(line.baseline, line.target, table.base_year, line.target_year, progress.series)
        if table is not None and progress is not None  # drawn for an assessed indicator only
        else None
    )
    nature = m.text(f"nature.{line.nature}") if line.nature else "—"
    return IndicatorView(line, progress, group, status, other, achieved, needed, drawn, nature)


def _short(exact: str) -> str:
    """An exact pace (a decimal or p/q) as an evaluation prints it: two decimals at most."""
    if "/" in exact:
        number = Fraction(exact)
        value = Decimal(number.numerator) / Decimal(number.denominator)
    else:  # a decimal, read as it is (most paces)
        value = Decimal(exact)
    text = format(value.quantize(Decimal("0.01")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _pace_texts(pace: dict[str, Any] | None, unit: str, m: Messages) -> tuple[str | None, str | None]:
    """(the pace so far, the pace still needed) in an evaluation's words: a count grows by a rate
    (年均增长 x%), anything else moves by an amount (年均提高 x 个百分点 / x 岁)."""
    if not pace:
        return None, None
    unit_text = m.text("book.points") if unit.strip() == "%" else unit
    if pace.get("stated_as") == "growth" and "achieved_growth" in pace:
        achieved = m.text("book.pace.achieved_growth", rate=f"{pace['achieved_growth'] * 100:.1f}")
    else:
        achieved = m.text("book.pace.achieved_amount", amount=_short(pace["achieved_per_year"]), unit=unit_text)
    if pace.get("target_met"):
        return achieved, m.text("book.pace.met")
    if "required_per_year" not in pace:
        return achieved, None  # the target year has come: nothing left to require
    if pace.get("stated_as") == "growth" and "required_growth" in pace:
        needed = m.text("book.pace.needed_growth", rate=f"{pace['required_growth'] * 100:.1f}")
    else:
        needed = m.text("book.pace.needed_amount", amount=_short(pace["required_per_year"]), unit=unit_text)
    return achieved, needed


def _chain_view(alignment: Alignment, m: Messages) -> ChainView:
    values = [
        {
            "plan": v.plan,
            "plan_name": v.plan_name,
            "level": m.text(f"ui.level.{v.level}") if m.has(f"ui.level.{v.level}") else v.level,
            "baseline": v.baseline,
            "target": v.target,
            "nature": m.text(f"nature.{v.nature}") if v.nature and m.has(f"nature.{v.nature}") else (v.nature or ""),
            "carried": v.location is not None,
        }
        for v in alignment.values
    ]
    own, inherited = [], []
    for ancestor, origin in alignment.gaps:
        short_of = alignment.values[ancestor + 1].plan_name
        if origin is None:
            own.append(short_of)
        else:
            inherited.append((short_of, alignment.values[origin + 1].plan_name))
    return ChainView(alignment.indicator, alignment.indicator_name, values, own, inherited)


def _finding_view(finding: Finding, m: Messages) -> FindingView:
    message = statement(m, finding)
    severity = finding.severity.value
    return FindingView(
        finding.rule,
        m.title(finding.rule),
        severity,
        m.text(f"ui.severity.{severity}"),
        SEVERITY_ICONS[severity],
        message,
        str(finding.location),
        finding.waived,
        finding.waiver_reason,
        finding,
    )


def _departments(table: PlanTable, views: list[IndicatorView]) -> list[DepartmentView]:
    titles = {task.number: task.title for task in table.tasks}
    by_task: dict[int, list[IndicatorView]] = {}
    for view in views:
        if view.line.task is not None:
            by_task.setdefault(view.line.task, []).append(view)
    out = []
    for unit in by_department(table.tasks):
        out.append(_department_view(unit, titles, by_task))
    return out


def _department_view(
    unit: DepartmentTasks, titles: dict[int, str], by_task: dict[int, list[IndicatorView]]
) -> DepartmentView:
    return DepartmentView(
        unit.name,
        unit.printed,
        [(n, titles[n]) for n in unit.leads],
        [(n, titles[n]) for n in unit.joins],
        [view for n in unit.leads for view in by_task.get(n, [])],
    )


@dataclass
class _Shared:
    """One indicator across the plans with the same upper plan: what every sibling's standing
    compares itself with, computed once for the family rather than once for each of its pages."""

    targets: list[Decimal]  # the numeric targets, sorted
    binding: int  # how many make it 约束性
    plans: int  # how many have it


def _shared(lines_of_family: Iterable[Iterable[IndicatorLine]]) -> dict[str, _Shared]:
    shared: dict[str, _Shared] = {}
    for lines in lines_of_family:
        by_id = {line.id: line for line in lines if line.id}  # an id twice in a table: its last row
        for line_id, line in by_id.items():
            entry = shared.get(line_id)
            if entry is None:
                entry = shared[line_id] = _Shared([], 0, 0)
            entry.plans += 1
            entry.binding += line.nature == Nature.BINDING.value
            if (number := level(line.target)) is not None:
                entry.targets.append(number)
    for entry in shared.values():
        entry.targets.sort()
    return shared


def _standing(line: IndicatorLine, family: _Shared, m: Messages) -> Standing:
    targets = family.targets
    own, base = level(line.target), level(line.baseline)
    rank = None
    if own is not None and line.direction:
        # 1 + how many siblings state a more ambitious target (higher, or lower for a decrease)
        better = (
            len(targets) - bisect_right(targets, own) if line.direction == "increase" else bisect_left(targets, own)
        )
        rank = better + 1
    change = None
    if own is not None and base is not None:
        difference = own - base
        change = ("+" if difference > 0 else "") + format(difference.normalize(), "f")
    return Standing(
        line.id or "",
        line.name,
        line.unit,
        line.baseline,
        line.target,
        change,
        line.nature,
        rank,
        len(targets),
        format(targets[0].normalize(), "f") if targets else None,
        format(targets[-1].normalize(), "f") if targets else None,
        family.binding,
        family.plans,
        m.text(f"nature.{line.nature}") if line.nature else "—",
        m.text("book.rank", rank=rank, of=len(targets)) if rank else "—",
    )


def _unloaded_pages(findings: list[Finding], m: Messages, used: set[str]) -> list[PlanPage]:
    """A page for each file whose findings belong to no plan of the report (a plan file that did
    not load, a broken actual-values file): the batch goes on, and the page says what is wrong."""
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    pages = []
    for number, (file, found) in enumerate(sorted(by_file.items()), 1):
        slug = f"file-{number}"
        while slug in used:
            slug += "-"
        pages.append(
            PlanPage(
                slug=slug,
                title=file,
                summary=None,
                file=file,
                headline=None,
                headline_text=m.text("book.unloaded"),
                counts=_counts(found),
                findings=[_finding_view(f, m) for f in found],
            )
        )
    return pages


def _matrix_columns(tables: Iterable[PlanTable]) -> list[tuple[str, str]]:
    """The indicators most plans carry (catalog ids), most widely shared first."""
    seen: dict[str, list] = {}
    for table in tables:
        for line in table.indicators:
            if line.id:
                entry = seen.setdefault(line.id, [0, line.name, len(seen)])
                entry[0] += 1
    ordered = sorted(seen.items(), key=lambda item: (-item[1][0], item[1][2]))
    return [(indicator, entry[1]) for indicator, entry in ordered[:MATRIX_COLUMNS]]


def _matrix_row(page: PlanPage, columns: list[tuple[str, str]], sources: _Sources, m: Messages) -> list:
    table = sources.tables.get(page.summary.id)
    carried = {line.id for line in table.indicators} if table else set()
    progress = sources.progress.get(page.summary.id, {})
    row: list[MatrixCell | None] = []
    for indicator, _name in columns:
        if indicator not in carried:
            row.append(None)
        elif indicator in progress:
            item = progress[indicator]
            group = GROUPS[item.status]
            row.append(MatrixCell(group, GROUP_ICONS[group], m.text(item.status_key)))
        else:
            row.append(MatrixCell("not_assessed", GROUP_ICONS["not_assessed"], m.text("book.not_assessed")))
    return row


def _tree(pages: list[PlanPage]) -> list[TreeNode]:
    """The hierarchy, nation → provinces → cities → counties: a plan whose upper plan is not in
    the report is a root, and so is a plan caught in a cycle of upper plans (PS3xx says so)."""
    ordered: list[tuple[PlanSummary, TreeNode]] = []
    nodes: dict[str, TreeNode] = {}
    for page in pages:
        if page.summary is not None:
            node = TreeNode(page.slug, page.title, page.summary.level, page.counts)
            ordered.append((page.summary, node))
            nodes.setdefault(page.summary.id, node)
    roots = []
    for summary, node in ordered:
        parent = nodes.get(summary.upper) if summary.upper else None
        if parent is not None and parent is not node:
            parent.children.append(node)
        else:
            roots.append(node)
    reached: set[int] = set()
    todo = list(roots)
    while todo:
        node = todo.pop()
        reached.add(id(node))
        todo += node.children
    parents = {id(child): node for _summary, node in ordered for child in node.children}
    for _summary, node in ordered:
        if id(node) not in reached:  # in a cycle: shown at the top, the cycle cut above it
            parent = parents[id(node)]
            parent.children = [child for child in parent.children if child is not node]
            roots.append(node)
            todo = [node]
            while todo:
                current = todo.pop()
                reached.add(id(current))
                todo += [child for child in current.children if id(child) not in reached]
    return roots
