"""Indicator tables in a plan document's text, whatever way the extraction flattened them.

A table starts at its caption (``专栏2 …指标表``, ``表 1 …主要发展指标``, ``附表1 …指标``) and its
header row, which gives the columns' roles: category, row number, name, unit, baseline, target,
actual value, nature, verdict. Its rows come in one of two layouts:

- **rows**: one line per row, cells separated by tabs, ``|`` or runs of spaces. A cell that spans
  rows (the category) is printed on its first row only; a header repeated after a page break is
  skipped; a line holding only its first cell is a category row.
- **cells**: one cell per line, with or without blank lines between rows and with empty cells
  dropped or kept. Rows are put together from what each cell is (see :mod:`.cells`): words
  followed by a row number or a name start a row (a category, possibly wrapped over two lines),
  a nature or verdict ends it.

The table ends at a heading, a note (``注：``, ``指标解释``) or prose. A note that says brackets
mark five-year cumulative values (``〔〕内为五年积累数``, ``{}内数据为5年累计数``) is kept with the
table."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .cells import Kind, Name, clean_name, is_unit, kind_of, squeeze
from .document import SourceText, named_period

CAPTION = re.compile(r"^\s*(?P<label>(?:附表|专栏|表)\s*\d{1,2})[\s\u00a0:：.、]*(?P<title>.{0,70})$")
HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零\d]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|"
    r"(?:附表|专栏|表)\s*\d{1,2}\s)"
)
NOTE = re.compile(r"^\s*(?:注[:：]|注\s|说明[:：]|指标解释|备注[:：]|资料来源)")
CUMULATIVE_NOTE = re.compile(r"[〔{].{0,3}[〕}].{0,20}?(?:累计|积累|累积)")
#: A page number or footer that the extraction left between a table's rows (``— 12 —``, ``第 16 页``).
PAGE_MARK = re.compile(r"^[-—–]+\s*\d{1,4}\s*[-—–]+$|^第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_SEPARATORS = re.compile(r"\t+|\s*\|\s*| {2,}|\u3000+")

#: Header words of each column role (spaces removed, NFKC-folded).
_ROLE_WORDS = {
    "category": re.compile(r"^(?:分类|类别|领域|类型|服务领域|指标类别|维度|项目)$"),
    "number": re.compile(r"^(?:序号|编号|序)$"),
    "name": re.compile(r"^(?:指标|指标名称|名称|主要指标|指标内容|具体指标|指标项)$"),
    "unit": re.compile(r"^(?:单位|计量单位)$"),
    "nature": re.compile(r"^(?:属性|指标属性|指标性质|性质|指标类型)$"),
    "verdict": re.compile(r"^(?:完成情况|是否完成|完成进度)$"),
}
_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})年?(?P<suffix>.*)$")
_BASELINE_WORDS = ("情况", "现状", "现状值", "基期", "基期值", "基数", "基础值", "基准值", "值", "")
#: Baseline words that say it without a year (基期值); 情况 or 值 alone do not.
_BASELINE_ALONE = ("现状", "现状值", "基期", "基期值", "基数", "基础值", "基准值", "基期水平")
_TARGET_WORDS = ("目标", "目标值", "规划值", "预期值", "预期目标", "规划目标")
_ACTUAL_WORDS = ("完成值", "实际值", "实际", "完成", "实现值", "完成情况值", "实际完成")
#: Fragments of a header cell wrapped over two lines (``2020年`` / ``情况``, ``指标`` / ``性质``).
_FRAGMENTS = ("情况", "目标", "目标值", "性质", "属性", "完成值", "实际值", "值", "名称", "现状")


@dataclass
class Column:
    role: str  # category number name unit baseline target actual nature verdict
    header: str
    year: int | None = None
    unit: str | None = None  # a unit the header prints for every row (单位（%）, 目标值（%）)


@dataclass
class Cell:
    text: str
    line: int  # 1-based line of the document


@dataclass
class Row:
    number: int  # the row's position in the table, 1-based
    printed_number: str | None
    category: str | None
    name: Name
    unit: str | None
    values: dict[str, str]  # role → printed cell (baseline, target, actual)
    nature: str | None
    verdict: str | None
    line: int
    quote: str
    problems: list[str] = field(default_factory=list)  # extract.why.* keys about the row as a whole
    cite: int | str = 0  # how a plan file's source.row names it (see row_number)


@dataclass
class Table:
    label: str  # 专栏2, 表1
    title: str
    line: int
    columns: list[Column]
    layout: str  # rows or cells
    rows: list[Row] = field(default_factory=list)
    note: str | None = None  # the note on cumulative values, when the table has one
    note_line: int | None = None
    printed_caption: str = ""  # the caption line as printed (a quote)
    end_line: int = 0  # the first line after the table

    @property
    def caption(self) -> str:
        return " ".join(self.printed_caption.split()) or f"{self.label} {self.title}".strip()

    @property
    def target_year(self) -> int | None:
        years = [c.year for c in self.columns if c.role == "target" and c.year]
        if years:
            return years[0]
        period = named_period(self.title)
        return period[1] if period else None

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    @property
    def header_unit(self) -> str | None:
        """A unit the header prints for every row (``单位（%）``)."""
        return next((c.unit for c in self.columns if c.unit), None)

    @property
    def value_roles(self) -> list[str]:
        return [c.role for c in self.columns if c.role in ("baseline", "target", "actual", "later")]

    @property
    def later_years(self) -> list[int]:
        """Years of target columns beyond the plan's (2035年): printed, not drafted."""
        return [c.year for c in self.columns if c.role == "later" and c.year]


def _plain(text: str) -> str:
    """A header cell compared as words: full-width forms folded, spaces and emphasis marks gone."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("*", "")


_PARENTHESES = re.compile(r"^(?P<words>.+?)\((?P<inside>[^()]+)\)$")


def column_for(header: str) -> Column | None:
    """The column a header cell names, or None when it is no header word. A year or a unit in
    parentheses is read too: ``目标值（2025年）`` is ``2025年目标值``, ``单位（%）`` a unit for every row."""
    plain = _plain(header)
    unit = None
    parenthesised = _PARENTHESES.match(plain)
    if parenthesised:
        inside = parenthesised["inside"]
        if re.fullmatch(r"(?:19|20)\d{2}年?", inside):
            plain = inside.rstrip("年") + "年" + parenthesised["words"]
        elif is_unit(inside):
            plain, unit = parenthesised["words"], inside
    for role, words in _ROLE_WORDS.items():
        if words.match(plain):
            return Column(role, squeeze(header), unit=unit)
    year = _YEAR.match(plain)
    words = year["suffix"] if year else plain
    role = (
        "target"
        if words in _TARGET_WORDS
        else "actual"
        if words in _ACTUAL_WORDS
        else "baseline"
        if (year and words in _BASELINE_WORDS) or (not year and words in _BASELINE_ALONE)
        else None
    )
    if role is None:
        return None
    return Column(role, " ".join(squeeze(header).split()), int(year["year"]) if year else None, unit)


def _years_settle(columns: list[Column]) -> list[Column]:
    """Bare year columns (``2020年 2025年``): the earliest is the baseline, the next the target; a
    single one, in a table without a target column, is the target (a table of targets). Of several
    target columns (``2025年目标 2035年目标``) the earliest is the target and a later one is kept
    apart (role ``later``): it is no target of this plan."""
    bare = [c for c in columns if c.role == "baseline" and c.year and _YEAR.match(_plain(c.header))["suffix"] == ""]
    if len(bare) >= 2:
        for column in sorted(bare, key=lambda c: c.year)[1:]:
            column.role = "target"
    elif len(bare) == 1 and not any(c.role == "target" for c in columns):
        bare[0].role = "target"
    targets = sorted((c for c in columns if c.role == "target"), key=lambda c: c.year or 0)
    for column in targets[1:]:
        column.role = "later"
    return columns


def split_row(line: str) -> list[str]:
    """A row line's cells, leading separators dropped: between tabs when the line has tabs, else
    between ``|``, else between runs of spaces (an ideographic space counts as a run). A space
    inside a cell of a tab or ``|`` row is the cell's own (a number whose point was lost)."""
    text = line.strip("\n")
    if not text.strip():
        return []
    if "\t" in text.strip(" \u3000"):
        return [squeeze(c) for c in re.split(r"\t+", text.strip(" \u3000"))]
    if "|" in text:
        return [squeeze(c) for c in text.strip().strip("|").split("|")]
    return [squeeze(c) for c in _SEPARATORS.split(text.lstrip(" \u3000"))]


def find_tables(source: SourceText) -> list[Table]:
    """Every indicator table of the document, in order."""
    tables = []
    lines = source.lines
    index = 0
    while index < len(lines):
        caption = CAPTION.match(lines[index].replace("\u00a0", " "))
        if caption and "指标" in caption["title"] and "。" not in caption["title"]:
            caption_index = index
            label = re.sub(r"\s+", "", caption["label"])
            title = " ".join(caption["title"].split())
            table, index = _read_table(lines, index + 1, label, title, index + 1)
            if table is not None:
                table.printed_caption = lines[caption_index].strip()
            if table is not None and table.rows:
                tables.append(table)
            continue
        index += 1
    return tables


def _read_table(lines: list[str], start: int, label: str, title: str, caption_line: int) -> tuple[Table | None, int]:
    index = start
    while index < len(lines) and not squeeze(lines[index]):
        index += 1
    if index >= len(lines):
        return None, index
    first = split_row(lines[index])
    if len(first) >= 3 and all(column_for(c) or not c for c in first) and any(column_for(c) for c in first):
        columns = _years_settle([column_for(c) or Column("skip", c) for c in first])
        table = Table(label, title, caption_line, columns, "rows")
        end = _read_rows(table, lines, index + 1)
    else:
        columns, index = _cell_header(lines, index)
        if not columns or not any(c.role == "name" for c in columns):
            return None, start
        table = Table(label, title, caption_line, _years_settle(columns), "cells")
        end = _read_cells(table, lines, index)
    _attach_note(table, lines, end)
    table.end_line = end + 1
    return table, end


def _cell_header(lines: list[str], index: int) -> tuple[list[Column], int]:
    """Header cells printed one per line, a wrapped one (``2025年`` / ``目标``) joined again."""
    cells = []  # the next non-empty cells: enough for any header
    look = index
    while look < len(lines) and len(cells) < 40:
        text = squeeze(lines[look])
        if text:
            cells.append((text, look))
        look += 1
    columns: list[Column] = []
    position = 0
    end = index
    while position < len(cells):
        text, line = cells[position]
        joined = column_for(text + cells[position + 1][0]) if position + 1 < len(cells) else None
        if joined is not None and _plain(cells[position + 1][0]) in _FRAGMENTS:
            columns.append(joined)
            position += 2
            end = cells[position - 1][1] + 1
            continue
        column = column_for(text)
        if column is None:
            break
        columns.append(column)
        position += 1
        end = line + 1
    return columns, end


def _ends_table(text: str) -> bool:
    return bool(HEADING.match(text) or NOTE.match(text) or CAPTION.match(text))


def _is_prose(text: str) -> bool:
    return len(text) > 60 or (len(text) > 25 and "。" in text)


def _read_rows(table: Table, lines: list[str], index: int) -> int:
    """Rows of one line each; returns the index of the first line after the table."""
    category = None
    header = [_plain(c.header) for c in table.columns]
    while index < len(lines):
        raw = lines[index]
        cells = split_row(raw)
        if not cells:
            index += 1
            continue
        text = squeeze(raw)
        if PAGE_MARK.match(text) or (len(cells) == 1 and re.fullmatch(r"\d{1,4}", text)):
            index += 1  # a page number between the rows
            continue
        if _ends_table(text) or (len(cells) == 1 and _is_prose(text)):
            break
        if [_plain(c) for c in cells if c] == [h for h in header if h] or all(column_for(c) or not c for c in cells):
            index += 1  # the header again, after a page break
            continue
        filled = [c for c in cells if c]
        if all(re.fullmatch(r"[-:—=+\s]+", c) for c in filled):
            index += 1  # a ruled line between a header and its rows (|---|---|)
            continue
        if len(filled) == 1 and kind_of(filled[0]) is Kind.WORDS and not table.has("category"):
            category = filled[0]  # a category row (基本公共教育→→→→)
            index += 1
            continue
        if len(filled) == 1 and len(cells) == 1:
            break  # a line of prose or a heading the patterns did not know
        cells, merged = _rejoin_split_numbers(cells, len(table.columns))
        row = _row_by_position(table, cells, index + 1, raw) if len(cells) == len(table.columns) else None
        if row is None:
            row = _assemble(table, [Cell(c, index + 1) for c in filled], category)
        if row is not None:
            if merged:
                row.problems.append("split_cell")
            if row.category:
                category = row.category
            else:
                row.category = category
            _append(table, row)
        index += 1
    return index


def _fits(role: str, cell: str) -> bool:
    """Whether a cell can stand in a column of this role."""
    if not cell:
        return True
    kind = kind_of(cell)
    if role == "unit":
        return kind is Kind.UNIT
    if role in ("baseline", "target", "actual", "later"):
        return kind in (Kind.VALUE, Kind.UNIT) or cell in ("应保尽保", "全覆盖")
    if role == "nature":
        return kind is Kind.NATURE
    if role == "verdict":
        return kind is Kind.VERDICT
    return True


def _rejoin_split_numbers(cells: list[str], width: int) -> tuple[list[str], bool]:
    """A row with more cells than its header, where two neighbouring cells are bare digits: a
    number that a run of spaces split (``99  2``, a decimal point lost), rejoined with a space
    so that the value is flagged, not read as two values."""
    merged = False
    cells = list(cells)
    while len(cells) > width:
        pairs = [
            i for i in range(len(cells) - 1) if re.fullmatch(r"\d+", cells[i]) and re.fullmatch(r"\d+%?", cells[i + 1])
        ]
        if not pairs:
            break
        # The digits after a lost point are few (1 5, 100 7): of several candidate pairs, the one
        # whose second part is shortest.
        i = min(pairs, key=lambda i: (len(cells[i + 1].rstrip("%")), i))
        cells[i : i + 2] = [f"{cells[i]} {cells[i + 1]}"]
        merged = True
    return cells, merged


def _row_by_position(table: Table, cells: list[str], line: int, raw: str) -> Row | None:
    by_role: dict[str, str] = {}
    for column, cell in zip(table.columns, cells, strict=False):
        if column.role != "skip":
            by_role[column.role] = cell
    if not by_role.get("name") or not all(_fits(role, cell) for role, cell in by_role.items()):
        return None  # a cell in the wrong column (an empty cell the separators swallowed): read by kind
    name = clean_name(by_role["name"])
    quoted = [
        c for column, c in zip(table.columns, cells, strict=False) if c and column.role not in ("category", "skip")
    ]
    return Row(
        number=0,
        printed_number=by_role.get("number") or None,
        category=by_role.get("category") or None,
        name=name,
        unit=by_role.get("unit") or name.unit or table.header_unit,
        values={role: by_role.get(role, "") for role in table.value_roles},
        nature=by_role.get("nature") or None,
        verdict=by_role.get("verdict") or None,
        line=line,
        quote=_verbatim(raw, quoted),
    )


def _verbatim(raw: str, quoted: list[str]) -> str:
    """The row as printed, from its first quoted cell to its last (separators such as ``|`` kept,
    so that the quote is found in the document)."""
    start = raw.find(quoted[0])
    end = raw.rfind(quoted[-1])
    if start < 0 or end < start:
        return " ".join(quoted)
    return " ".join(raw[start : end + len(quoted[-1])].split())


def _read_cells(table: Table, lines: list[str], index: int) -> int:
    """Rows of one cell per line; returns the index of the first line after the table."""
    cells: list[Cell] = []
    end = index
    while end < len(lines):
        text = squeeze(lines[end])
        if (
            text
            and not PAGE_MARK.match(text)
            and not (re.fullmatch(r"\d{1,4}", text) and not _expects_number(table, cells))
        ):
            if _ends_table(text) or _is_prose(text):
                break
            cells.append(Cell(text, end + 1))
        end += 1
    category = None
    for group in _groups(table, cells):
        row = _assemble(table, group, category)
        if row is None:
            continue
        if row.category:
            category = row.category
        else:
            row.category = category
        _append(table, row)
    return end


def _expects_number(table: Table, cells: list[Cell]) -> bool:
    """Whether a bare number after these cells belongs to the table (a row number or a value),
    not to the page: a value is due after a row's name, a row number after its nature."""
    if not cells or table.has("number"):
        return True
    return kind_of(cells[-1].text) not in (Kind.NATURE, Kind.VERDICT)


def _is_row_number(table: Table, text: str) -> bool:
    return table.has("number") and re.fullmatch(r"\d{1,3}", text) is not None


def _groups(table: Table, cells: list[Cell]) -> Iterator[list[Cell]]:
    """The cells of each row: a row ends with its nature or verdict (when the table has one),
    or where the next row's words or number begin after its values."""
    closing = Kind.NATURE if table.has("nature") else Kind.VERDICT if table.has("verdict") else None
    header = {_plain(c.header) for c in table.columns}
    group: list[Cell] = []
    for cell in cells:
        if not group and _plain(cell.text) in header:
            continue  # a header repeated after a page break
        kind = kind_of(cell.text)
        started_values = any(kind_of(c.text) is Kind.VALUE for c in group if not _is_row_number(table, c.text))
        if group and started_values and (kind is Kind.WORDS or _is_row_number(table, cell.text)) and closing is None:
            yield group
            group = []
        elif group and started_values and kind is Kind.WORDS and closing is not None:
            yield group  # a row whose nature cell is missing
            group = []
        group.append(cell)
        if kind is closing:
            yield group
            group = []
    if group:
        yield group


def _assemble(table: Table, cells: list[Cell], category: str | None) -> Row | None:
    """One row from its cells, by what each cell is."""
    words: list[Cell] = []
    printed_number = None
    unit = None
    values: list[Cell] = []
    nature = verdict = None
    extra = False
    for cell in cells:
        kind = kind_of(cell.text)
        if _is_row_number(table, cell.text) and not values and printed_number is None and unit is None:
            printed_number = cell.text
            words_before_number = list(words)
            words = []
            if words_before_number:
                category = "".join(c.text for c in words_before_number)
            continue
        if kind is Kind.NATURE:
            nature = cell.text
        elif kind is Kind.VERDICT:
            verdict = cell.text
        elif kind is Kind.UNIT and words and not values and unit is None and table.has("unit"):
            unit = cell.text
        elif kind in (Kind.VALUE, Kind.UNIT) and words:
            values.append(cell)
        elif kind is Kind.WORDS and not values:
            words.append(cell)
        else:
            extra = True
    if not words:
        return None
    if printed_number is None and len(words) > 1:
        category = "".join(c.text for c in words[:-1]) if len(words) == 2 or len(words[0].text) <= 10 else category
        name_cells = words[-1:]
    else:
        name_cells = words
    name = clean_name("".join(c.text for c in name_cells))
    roles = table.value_roles
    problems = []
    texts, merged = _rejoin_split_numbers([c.text for c in values], len(roles))
    if merged:
        problems.append("split_cell")
        values = [Cell(text, values[0].line) for text in texts]
    if len(values) < len(roles):
        problems.append("missing_cell")
    if len(values) > len(roles) or extra:
        problems.append("extra_cell")
    first = next(c for c in cells if c.text == (printed_number or name_cells[0].text))
    quoted = cells[cells.index(first) :]
    return Row(
        number=0,
        printed_number=printed_number,
        category=category if printed_number is not None or len(words) > 1 else None,
        name=name,
        unit=unit or name.unit or table.header_unit,
        values={role: values[i].text if i < len(values) else "" for i, role in enumerate(roles)},
        nature=nature,
        verdict=verdict,
        line=first.line,
        quote=" ".join(c.text for c in quoted),
        problems=problems,
    )


def row_number(row: Row) -> int | str:
    """The row as a plan file's ``source.row`` cites it: its printed 序号; in a table without
    序号 its position; a row without 序号 in a table that has them (其中：…) the number before it
    and its place after it, ``"2.1"``."""
    return row.cite


def _append(table: Table, row: Row) -> None:
    row.number = len(table.rows) + 1
    if row.printed_number and row.printed_number.isdigit():
        row.cite = int(row.printed_number)
    elif table.has("number"):
        last = next((r.cite for r in reversed(table.rows) if isinstance(r.cite, int)), 0)
        row.cite = f"{last}.{sum(1 for r in table.rows if str(r.cite).startswith(f'{last}.')) + 1}"
    else:
        row.cite = row.number
    table.rows.append(row)


def _attach_note(table: Table, lines: list[str], end: int) -> None:
    """The note on cumulative values: in the lines that follow the table (its notes), up to the
    next heading."""
    for index in range(end, min(end + 40, len(lines))):
        text = squeeze(lines[index])
        if index > end and (HEADING.match(text) and not NOTE.match(text)):
            return
        if CUMULATIVE_NOTE.search(text):
            table.note, table.note_line = text, index + 1
            return


__all__ = ["Table", "Row", "Column", "find_tables", "column_for", "split_row"]
