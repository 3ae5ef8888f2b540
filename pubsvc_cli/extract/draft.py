"""From what was found in a document to draft plan files: the plan's metadata, its indicator
table rows matched with the catalog, its prose and task targets, its tasks, services and
projects, each with a ``source`` quote, and ``review: needed`` with a note wherever something was
guessed. A table of an earlier plan period (a 十三五 review table) becomes a second draft.

The draft is plain data (dicts and lists, in the file format's key order); :mod:`.writing`
renders it as YAML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..normalise import normalise_name
from ..suggest import scored
from .cells import Suspicion, nature_of, read_value
from .document import SourceText, named_period, plan_number, plan_years
from .prose import ProseTarget, find_prose_targets
from .services import find_service_boxes
from .tables import Row, Table, find_tables, row_number
from .tasks import FoundTask, find_tasks

#: The lowest similarity (0–100) at which a name that is no catalog name or alias is matched with
#: a catalog entry (always for review); below it the row keeps no id.
FUZZY_MATCH = 88


@dataclass(frozen=True)
class CatalogMatch:
    id: str | None
    confidence: float  # 100 for a catalog name or alias; the similarity for a fuzzy match; 0 for none
    method: str  # exact, fuzzy, none
    suggestions: tuple[str, ...] = ()


@dataclass
class Options:
    plan_id: str
    level: str | None = None
    upper: str | None = None


@dataclass
class Draft:
    """One drafted plan file: its data, and what the summary and the tests look at."""

    plan_id: str
    data: dict
    tables: list[Table] = field(default_factory=list)
    matches: dict[int, CatalogMatch] = field(default_factory=dict)  # indicator index → catalog match
    prose: int = 0  # prose and task targets
    tasks: int = 0
    services: int = 0
    projects: int = 0
    comments: list[str] = field(default_factory=list)  # said at the top of the file (a table's note)

    @property
    def indicators(self) -> list[dict]:
        return self.data.get("indicators", [])

    @property
    def review_count(self) -> int:
        return sum(1 for entry in _entries(self.data) if entry.get("review") == "needed")


def _entries(node) -> Iterable[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from _entries(value)


class Matcher:
    """Names to catalog ids: a catalog name or alias exactly (spacing and full-width forms
    folded), else the most similar name when it is similar enough."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.names = {}
        for entry_id in catalog:
            entry = catalog[entry_id]
            for position, name in enumerate((entry.name, *entry.aliases)):
                self.names[(entry_id, position)] = normalise_name(name)

    def match(self, name: str, *, partial: bool = True) -> CatalogMatch:
        """``partial`` rewards a name that is part of a catalog name (a table cell cut off);
        without it the names are compared whole."""
        entry = self.catalog.by_name(name)
        if entry is not None:
            return CatalogMatch(entry.id, 100.0, "exact")
        best = scored(normalise_name(name), self.names, limit=5, partial=partial)
        ranked = list(dict.fromkeys(key[0] for key in best))
        if best:
            (top_id, _), score = next(iter(best.items()))
            if score >= FUZZY_MATCH:
                return CatalogMatch(top_id, round(score, 1), "fuzzy", tuple(ranked[:3]))
        return CatalogMatch(None, 0.0, "none", tuple(ranked[:3]))


# --- the plan's metadata ---------------------------------------------------------------------

_OWN_TITLE = re.compile(
    r"(?:编制|印发|制定|现将)《(?P<a>[^《》]{4,40}(?:规划|方案|计划))》|《(?P<b>[^《》]{4,40}(?:规划|方案|计划))》\s*[（(]以下简称"
    r"|中文名\s*[:：]\s*(?P<c>\S{4,40}(?:规划|方案|计划))"
)
_TITLE_LINE = re.compile(r"^\s*(?P<title>[^。，,；;:：《》]{4,40}(?:规划|方案|计划))(?:\.docx?|\.pdf|\.txt)?\s*$")
_ANY_TITLE = re.compile(r"《(?P<title>[^《》]{4,40}(?:规划|方案))》")
_TARGET_YEAR = re.compile(r"到\s*(20\d{2})\s*年")


@dataclass(frozen=True)
class Title:
    text: str
    quote: str
    line: int
    guessed: bool


def find_title(source: SourceText) -> Title | None:
    """The document's own title: the plan it says it is (编制《…》, 《…》（以下简称…）, 中文名：…),
    else a title line near the top, else the title it cites most often (a guess)."""
    for number, line in enumerate(source.lines[:400], start=1):
        match = _OWN_TITLE.search(line)
        if match:
            title = match["a"] or match["b"] or match["c"]
            return Title(title, match.group(0).strip(), number, guessed=False)
    for number, line in enumerate(source.lines[:50], start=1):
        match = _TITLE_LINE.match(line)
        if match and "十" in match["title"] and "五" in match["title"]:
            return Title(match["title"].strip(), line.strip(), number, guessed=False)
    counts: dict[str, int] = {}
    for match in _ANY_TITLE.finditer(source.text):
        counts[match["title"]] = counts.get(match["title"], 0) + 1
    if counts:
        title = max(counts, key=counts.get)
        line = next(n for n, text in enumerate(source.lines, start=1) if f"《{title}》" in text)
        return Title(title, f"《{title}》", line, guessed=True)
    return None


def plan_period(source: SourceText, title: str | None) -> tuple[int, int, bool]:
    """(first year, last year, guessed): from the title's 十X五, else the year the text most often
    says 到20XX年 of (a guess)."""
    named = named_period(title or "")
    if named:
        return named[0], named[1], False
    years: dict[int, int] = {}
    for found in _TARGET_YEAR.finditer(source.text):
        years[int(found[1])] = years.get(int(found[1]), 0) + 1
    end = max(years, key=years.get) if years else 2025
    return end - 4, end, True


def plan_level(title: str) -> tuple[str, bool]:
    """The level its title names (guessed: ``True`` when the title names no place)."""
    place = region_of(title) or ""
    if title.startswith(("“十", "十", "国家", "全国")) and not place:
        return "national", False
    if re.search(r"(?:省|自治区)$", place) or place in _PROVINCES:
        return "province", False
    if re.search(r"(?:市|州|盟)$", place):
        return "city", False
    if re.search(r"(?:县|旗|区)$", place):
        return "county", False
    return "city", True


_PROVINCES = {"北京", "天津", "上海", "重庆", "广西", "内蒙古", "西藏", "宁夏", "新疆"}


def region_of(title: str) -> str | None:
    """The place a title begins with (桂林市, 四川省, 广西); None when it names none (公共服务业发展…)."""
    match = re.match(r"^(?P<place>[^“”\"十《]{2,20}?)(?=“|\"|公共服务|十|基本公共服务)", title)
    if not match:
        return None
    place = match["place"].strip()
    if re.search(r"(?:省|市|自治区|县|区|州|盟|旗)$", place) or place in _PROVINCES:
        return place
    return None


# --- rows to indicators ----------------------------------------------------------------------


def _value_field(row_values: dict[str, str], role: str) -> tuple[str | None, Suspicion | None]:
    cell = row_values.get(role, "")
    if cell == "":
        return None, None
    value, suspicion = read_value(cell, role)
    return (value.text if value is not None else None), suspicion


_WHY_TEXT = {
    "lost_point": "{field} is printed “{printed}”: a number split by a space, where a decimal point may have been lost; the value is left out",
    "unreadable": "{field} is printed “{printed}”, which is no value pubsvc reads; the value is left out",
    "missing_cell": "the row has fewer value cells than the header; which column each printed value belongs to is a guess",
    "extra_cell": "the row has a cell more than the header; it was left out",
    "split_cell": "two neighbouring cells of bare digits were one number split by spaces; it is read as printed",
    "unit_from_catalog": "no unit is printed; the unit is the catalog's",
    "no_unit": "no unit is printed and the name matches no catalog indicator",
    "fuzzy": "the name is no catalog name or alias; matched with {id} ({confidence}% similar)",
    "unmatched": "the name matches no catalog indicator (closest: {suggestions})",
    "cut_off": "the name is printed cut off (“{printed}”); it is completed from the catalog",
    "footnote": "a footnote mark “{mark}” was glued to the name and is removed",
    "prose": "a target found in prose: check its name, value, unit and year against the quote",
    "year_assumed": "the sentence names no year; the plan's last year is assumed",
    "task_units": "the task has no 责任部门 line; the units are those its text names",
    "service_fuzzy": "the name is no standard item name; matched with {item} ({score}% similar)",
    "service_unmatched": "the name matches no standard item",
}


def why(key: str, **args) -> str:
    return _WHY_TEXT[key].format(**args)


def _indicator_from_row(row: Row, table: Table, matcher: Matcher, plan_end: int) -> tuple[dict, CatalogMatch]:
    match = matcher.match(row.name.text)
    reasons: list[str] = []  # what the note says, in order
    facts: set[str] = set()  # the reasons that are no guess (they need no review)
    entry = matcher.catalog[match.id] if match.id else None
    indicator: dict = {}
    if match.id:
        indicator["id"] = match.id
    indicator["name"] = row.name.text
    completed = _completed_name(row.name.text, entry) if match.method == "fuzzy" else None
    if completed:
        indicator["name"] = completed
        reasons.append(why("cut_off", printed=row.name.text))
    if row.category:
        indicator["category"] = row.category
    inferred = []
    unit = row.unit
    if unit is None and entry is not None:
        unit, inferred = entry.unit, ["unit"]
        reasons.append(why("unit_from_catalog"))
    elif unit is None:
        unit = ""
        reasons.append(why("no_unit"))
    indicator["unit"] = unit
    suspicions = []
    for role in ("baseline", "target"):
        value, suspicion = _value_field(row.values, role)
        if value is not None:
            indicator[role] = value
        if suspicion is not None:
            suspicions.append(suspicion)
    target_year = table.target_year
    if target_year and target_year != plan_end:
        indicator["year"] = target_year
    indicator["nature"] = nature_of(row.nature) if row.nature else None
    if inferred:
        indicator["inferred"] = inferred
    actual_year = next((c.year for c in table.columns if c.role == "actual" and c.year), None) or target_year
    if "actual" in row.values and actual_year:
        value, suspicion = _value_field(row.values, "actual")
        actual = {"year": actual_year, "value": value}
        if row.verdict:
            actual["verdict"] = row.verdict
        actual["source"] = {"section": table.label, "row": row_number(row), "quote": row.quote}
        indicator["actuals"] = [actual]
        if suspicion is not None:
            suspicions.append(suspicion)
    indicator["source"] = {"section": table.label, "row": row_number(row), "quote": row.quote}
    for suspicion in suspicions:
        reasons.append(why(suspicion.reason, field=suspicion.field, printed=suspicion.printed))
    reasons += [why(problem) for problem in row.problems]
    if row.name.footnote:
        reasons.append(why("footnote", mark=row.name.footnote))
        facts.add(reasons[-1])
    if match.method == "fuzzy":
        reasons.append(why("fuzzy", id=match.id, confidence=match.confidence))
    elif match.method == "none":
        reasons.append(why("unmatched", suggestions="、".join(match.suggestions) or "—"))
    guessed = any(reason not in facts for reason in reasons)
    if not table.has("nature"):
        reasons.insert(0, "the table has no 属性/指标性质 column")
    if guessed:
        indicator["review"] = "needed"
    if reasons:
        indicator["note"] = "; ".join(reasons)
    return indicator, match


def _completed_name(printed: str, entry) -> str | None:
    """The catalog name (or alias) that a cut-off printed name begins, as a table cell too narrow
    for it leaves it (``困难残疾人生活补贴和重度残疾人护``)."""
    folded = normalise_name(printed)
    for name in (entry.name, *entry.aliases):
        if len(folded) >= 8 and normalise_name(name).startswith(folded) and normalise_name(name) != folded:
            return name
    return None


def _prose_indicator(
    target: ProseTarget, match: CatalogMatch, matcher: Matcher, plan_end: int, task: int | None
) -> dict:
    entry = matcher.catalog[match.id] if match.id else None
    indicator: dict = {}
    if match.id:
        indicator["id"] = match.id
    indicator["name"] = target.name
    if entry is not None and entry.category:
        indicator["category"] = entry.category
    reasons = _prose_reasons(target)
    unit = target.unit or (entry.unit if entry is not None else None)
    if target.unit is None and entry is not None:
        indicator["unit"] = unit
        indicator["inferred"] = ["unit"]
    else:
        indicator["unit"] = unit or ""
    if target.target:
        indicator["target"] = target.target
    if target.year and target.year != plan_end:
        indicator["year"] = target.year
    indicator["nature"] = None
    indicator["stated_in"] = "task" if task else "prose"
    if task:
        indicator["task"] = task
    if "inferred" in indicator:
        indicator["inferred"] = indicator.pop("inferred")
    indicator["source"] = _prose_source(target)
    if match.method == "fuzzy":
        reasons.append(why("fuzzy", id=match.id, confidence=match.confidence))
    elif match.method == "none":
        reasons.append(why("unmatched", suggestions="、".join(match.suggestions) or "—"))
    indicator["review"] = "needed"
    indicator["note"] = "; ".join(reasons)
    return indicator


def _prose_reasons(target: ProseTarget) -> list[str]:
    return [
        why(key, field="target", printed=target.printed) if key == "lost_point" else why(key) for key in target.guessed
    ]


def _prose_source(target: ProseTarget) -> dict:
    source = {"quote": target.quote}
    if target.section:
        return {"section": target.section, **source}
    return source


def _statement(target: ProseTarget, plan_end: int) -> dict:
    statement: dict = {"target": target.target or "—"}
    if target.unit:
        statement["unit"] = target.unit
    if target.year and target.year != plan_end:
        statement["year"] = target.year
    statement["source"] = _prose_source(target)
    statement["review"] = "needed"
    statement["note"] = "; ".join(_prose_reasons(target))
    return statement


# --- the whole draft ---------------------------------------------------------------------------


def build_drafts(source: SourceText, catalog, standard_index, options: Options, step=None) -> list[Draft]:
    """The draft of the document's own plan, then one per earlier plan period whose table it prints.
    ``step`` is told the name of each stage as it starts (for a progress display)."""
    step = step or (lambda _stage: None)
    step("tables")
    matcher = Matcher(catalog)
    title = find_title(source)
    start, end, period_guessed = plan_period(source, title.text if title else None)
    tables = find_tables(source)
    # A table aiming at a year of the plan's period or later is the plan's own (its rows keep a
    # ``year`` when it is not the last); one aiming before it is an earlier plan's (a 十三五 review).
    own = [t for t in tables if (t.target_year or end) >= start]
    own.sort(key=lambda t: (t.target_year or end) != end)  # the period's own table first: it keeps the catalog ids
    earlier: dict[int, list[Table]] = {}
    for table in tables:
        if table not in own:
            earlier.setdefault(plan_number(table.target_year), []).append(table)
    table_lines = _table_spans(tables)
    step("tasks")
    tasks = find_tasks(source)
    step("services")
    boxes = find_service_boxes(source, standard_index) if standard_index is not None else []
    step("prose")
    prose = find_prose_targets(source, skip_lines=table_lines)

    step("draft")
    main = Draft(options.plan_id, {}, tables=own)
    if source.converted:
        main.comments.append(
            "The document is in traditional characters (Taiwan wording): it was read, and is quoted, "
            "as simplified characters with mainland wording (pubsvc_cli/normalise.py)."
        )
    main.data["plan"] = _meta(source, title, options, start, end, period_guessed)
    _add_table_indicators(main, own, matcher, plan_end=end)
    _add_prose(main, prose, tasks, matcher, end)
    if tasks:
        main.data["tasks"] = [_task(task) for task in tasks]
        main.tasks = len(tasks)
    services = [item for box in boxes if box.is_service_box for item in box.items]
    projects = [item for box in boxes if not box.is_service_box for item in box.items]
    if services:
        main.data["services"] = [_service(item, standard_index) for item in services]
        main.services = len(services)
    if projects:
        main.data["projects"] = [_project(item) for item in projects]
        main.projects = len(projects)
    drafts = [main]
    for number, group in sorted(earlier.items()):
        drafts.append(_earlier_draft(source, group, number, options, matcher, title))
    return drafts


def _table_spans(tables: list[Table]) -> set[int]:
    """The lines of the tables, caption to last row: their cells are no prose."""
    return {line for table in tables for line in range(table.line, table.end_line)}


def _meta(
    source: SourceText, title: Title | None, options: Options, start: int, end: int, period_guessed: bool
) -> dict:
    reasons = []
    name = title.text if title else source.name
    if title is None:
        reasons.append("the document states no title; the file name stands in for it")
    elif title.guessed:
        reasons.append("the title is the plan the text cites most often")
    level = options.level
    if level is None:
        level, guessed = plan_level(name)
        reasons.append(
            "the level is read from the title" if not guessed else "the title names no place; the level is a guess"
        )
    region = region_of(name)
    meta: dict = {
        "id": options.plan_id,
        "name": name,
        "level": level,
        "region": region,
        "period": f"{start}-{end}",
        "base_year": start - 1,
        "upper": options.upper,
    }
    if region:
        reasons.append("the region is the place the title names")
    if period_guessed:
        reasons.append(f"the period is guessed from the years the text aims at (到{end}年)")
    if options.upper is None:
        reasons.append("no upper-level plan given (--upper)")
    meta["source"] = {
        "document": source.name,
        "quote": title.quote if title else source.lines[0].strip() or source.name,
    }
    if reasons:
        meta["review"] = "needed"
        meta["note"] = "Drafted by pubsvc extract: " + "; ".join(reasons) + "."
    return meta


def _add_table_indicators(draft: Draft, tables: list[Table], matcher: Matcher, plan_end: int) -> None:
    indicators = draft.data.setdefault("indicators", [])
    seen: dict[str, int] = {}
    for table in tables:
        for row in table.rows:
            indicator, match = _indicator_from_row(row, table, matcher, plan_end)
            if match.id and match.id in seen:
                # A second row for one catalog indicator would be a duplicate (PS204): keep the row
                # without the id and say so.
                indicator.pop("id")
                indicator["review"] = "needed"
                indicator["note"] = (indicator.get("note", "") + "; " if indicator.get("note") else "") + (
                    f"matches {match.id} like row {seen[match.id]}; the id is left out"
                )
                match = CatalogMatch(None, match.confidence, "duplicate", match.suggestions)
            elif match.id:
                seen[match.id] = row.number
            draft.matches[len(indicators)] = match
            indicators.append(indicator)
        draft.comments.append(f"{table.caption}: {len(table.rows)} rows ({table.layout} layout).")
        if table.later_years:
            years = "、".join(str(y) for y in table.later_years)
            draft.comments.append(
                f"{table.label} also prints targets for {years}: they are no targets of this plan and are not drafted."
            )
        if table.note:
            draft.comments.append(f"{table.label}: {table.note} — 〔〕 and {{}} mark five-year cumulative values.")


def _add_prose(draft: Draft, prose: list[ProseTarget], tasks: list[FoundTask], matcher: Matcher, end: int) -> None:
    indicators = draft.data.setdefault("indicators", [])
    by_id = {ind["id"]: ind for ind in indicators if ind.get("id")}
    by_name = {normalise_name(ind["name"]): ind for ind in indicators}
    said: set[tuple] = set()
    for target in prose:
        key = (normalise_name(target.name), target.target, target.quote)
        if key in said:
            continue  # the same words twice (a repeated paragraph) make one target
        said.add(key)
        # A prose name is matched whole (no partial credit): 新建 is not 新建幼儿园.
        match = matcher.match(target.name, partial=False)
        known = by_id.get(match.id) if match.id else by_name.get(normalise_name(target.name))
        if known is not None:
            known.setdefault("statements", []).append(_statement(target, end))
            _move_after_statements(known)
            draft.prose += 1
            continue
        task = next((t.number for t in tasks if t.line <= target.line <= t.last_line), None)
        indicator = _prose_indicator(target, match, matcher, end, task)
        if match.id:
            by_id[match.id] = indicator
        by_name[normalise_name(target.name)] = indicator
        draft.matches[len(indicators)] = match
        indicators.append(indicator)
        draft.prose += 1


def _move_after_statements(indicator: dict) -> None:
    """Keep the file format's key order: statements before actuals and source."""
    for key in ("actuals", "source", "review", "note"):
        if key in indicator:
            indicator[key] = indicator.pop(key)


def _task(task: FoundTask) -> dict:
    entry = {
        "number": task.number,
        "title": task.title,
        "group": task.group,
        "responsible": list(task.responsible),
        "source": {"section": f"任务{task.number}", "quote": task.quote},
    }
    if task.group is None:
        entry.pop("group")
    if task.units_from_text:
        entry["review"] = "needed"
        entry["note"] = why("task_units")
    return entry


def _service(item, standard_index) -> dict:
    entry = {"name": item.name}
    if item.domain:
        entry["domain"] = item.domain
    entry["box"] = item.box
    if item.number is not None:
        entry["number"] = item.number
    if item.description:
        entry["description"] = item.description
    if item.method == "fuzzy":
        entry["standard_item"] = item.standard_item
    entry["source"] = {"section": item.box, "row": item.number, "quote": item.quote}
    if item.method == "fuzzy":
        entry["review"] = "needed"
        entry["note"] = why("service_fuzzy", item=item.standard_item, score=round(item.score, 1))
    elif item.standard_item is None:
        entry["review"] = "needed"
        entry["note"] = why("service_unmatched")
    return entry


def _project(item) -> dict:
    entry = {"name": item.name, "box": item.box}
    if item.number is not None:
        entry["number"] = item.number
    if item.domain:
        entry["domain"] = item.domain
    if item.description:
        entry["description"] = item.description
    entry["source"] = {"section": item.box, "row": item.number, "quote": item.quote}
    return entry


def _earlier_draft(source, tables: list[Table], ordinal: int, options: Options, matcher: Matcher, title) -> Draft:
    start, year = plan_years(ordinal)
    plan_id = f"{options.plan_id}-{ordinal}th"
    first = tables[0]
    name = re.sub(r"表$", "", first.title)
    draft = Draft(plan_id, {}, tables=tables)
    level = options.level or (plan_level(title.text)[0] if title else "city")
    draft.data["plan"] = {
        "id": plan_id,
        "name": name,
        "level": level,
        "region": region_of(title.text) if title else None,
        "period": f"{start}-{year}",
        "base_year": start - 1,
        "upper": f"{options.upper}-{ordinal}th" if options.upper else None,
        "source": {"document": source.name, "section": first.label, "quote": first.caption},
        "review": "needed",
        "note": f"Drafted by pubsvc extract from {first.label}, a table of the {start}–{year} plan printed in "
        f"{title.text if title else source.name}.",
    }
    _add_table_indicators(draft, tables, matcher, plan_end=year)
    return draft
