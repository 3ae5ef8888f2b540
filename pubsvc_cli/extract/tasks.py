"""Numbered tasks of an implementation plan, with their responsible units:

    (一)推进基本公共服务均等可及
    1.优化城乡义务教育资源。推进义务教育学校标准化建设……
    责任部门:市教育局,市委编办

A task is a numbered paragraph whose responsible units (责任部门 / 责任单位 / 牵头单位) follow it
within a few lines; the group is the (一)/（二）heading it stands under."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import SourceText

_TASK = re.compile(r"^\s*(?P<number>\d{1,3})\s*[.．、]\s*(?P<title>[^。；;：:]{2,40})[。；;：:]")
_RESPONSIBLE = re.compile(r"^\s*(?:责任|牵头|负责|主责)(?:部门|单位)\s*[:：]\s*(?P<units>.+?)\s*$")
_GROUP = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)\s*\S.{0,40}$")
#: Units a task's own text names, for a task printed without a 责任部门 line (市财政局, 各有关部门(单位)).
_NAMED_UNIT = re.compile(
    r"(?:市|各|县|区)(?:[^，,。、；;\s“”()（）]|[(（][^()（）]{1,8}[)）]){0,14}?"
    r"(?:局|委员会|委|办|部门(?:[(（]单位[)）])?|中心|人民政府|政府)"
    r"(?![^，,。；;]{0,8}报告)"  # not the bodies a unit reports to (重大事项及时向市委、市政府报告)
)
_UNIT_SEPARATORS = re.compile(r"[、，,；;\s]+")
#: How far after a task's first line its responsible units may stand (a task of a few paragraphs).
_REACH = 6


@dataclass(frozen=True)
class FoundTask:
    number: int
    title: str
    group: str | None
    responsible: tuple[str, ...]
    line: int  # the task's first line
    last_line: int  # the line of its responsible units
    quote: str
    units_from_text: bool = False  # no 责任部门 line: the units are those its text names


def split_units(text: str) -> tuple[str, ...]:
    """``市民政局、财政局,各县(市、区)`` → the units, a separator inside parentheses kept."""
    units, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        if depth == 0 and _UNIT_SEPARATORS.fullmatch(ch):
            units.append(current)
            current = ""
        else:
            current += ch
    return tuple(u.strip() for u in [*units, current] if u.strip())


def find_tasks(source: SourceText) -> list[FoundTask]:
    """The numbered tasks that have responsible units: on a 责任部门 line after the task, or, for a
    task of the same numbering without one, the units its own text names (flagged for review)."""
    tasks: list[FoundTask] = []
    group = None
    lines = source.lines
    for index, line in enumerate(lines):
        if _GROUP.match(line) and "。" not in line:
            group = line.strip()
            continue
        task = _TASK.match(line)
        if not task:
            continue
        number, title = int(task["number"]), task["title"].strip()
        quote = f"{task['number']}{line.strip()[len(task['number']) :][: len(title) + 1]}"
        units = _responsible_line(lines, index)
        if units is not None:
            tasks.append(FoundTask(number, title, group, split_units(units[0]), index + 1, units[1] + 1, quote))
        elif tasks and number == tasks[-1].number + 1:
            named = tuple(dict.fromkeys(m.group(0) for m in _NAMED_UNIT.finditer(line[task.end() :])))
            if named:
                tasks.append(FoundTask(number, title, group, named, index + 1, index + 1, quote, units_from_text=True))
    return tasks


def _responsible_line(lines: list[str], index: int) -> tuple[str, int] | None:
    for offset in range(1, _REACH + 1):
        if index + offset >= len(lines) or _TASK.match(lines[index + offset]):
            return None
        units = _RESPONSIBLE.match(lines[index + offset])
        if units:
            return units["units"].rstrip("。."), index + offset
    return None
