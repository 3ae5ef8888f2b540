"""Responsible units (责任单位) of an implementation plan's tasks, by department.

A plan prints its units as its drafters typed them: "市财政局" in one task, "财政局" in the next
(the 市 of a unit listed after another 市 unit is left out), "市发展改革委", "市发展和改革委员会"
and "市发展和改革委" for one commission. A view by department must count these as one. The
first unit of a task is its lead (牵头单位), as the plans list them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalise import normalise_name
from ..result import TaskLine

#: The plan's own level, printed before a unit of its government (市财政局 in a city's plan).
_LEVEL_PREFIX = re.compile(r"^(?:省|自治区|市|州|盟|县|区|旗)(?=.)")
#: Names that begin with a level's character without being prefixed by it: 市场监督管理局 is the
#: market regulator, 市委/市政府 are the party committee and the government themselves.
_NOT_A_PREFIX = ("市场", "市委", "市政府", "省委", "省政府", "县委", "县政府", "区委", "区政府", "州委", "州政府")

#: Short and variant names → the full name (after the level prefix is taken off).
ALIASES = {
    "发展改革委": "发展和改革委员会",
    "发展和改革委": "发展和改革委员会",
    "发改委": "发展和改革委员会",
    "卫生健康委": "卫生健康委员会",
    "卫健委": "卫生健康委员会",
    "人社局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局",
    "住建局": "住房和城乡建设局",
    "医保局": "医疗保障局",
    "文旅局": "文化旅游体育广电局",
    "国资委": "国有资产监督管理委员会",
    "各县(市、区)人民政府": "各县(市、区)",
}


def department(unit: str) -> str:
    """The department a printed unit names: 市财政局 and 财政局 are 财政局; 市发展改革委 is
    发展和改革委员会; 市场监督管理局 stays itself."""
    name = normalise_name(unit)  # full-width brackets and spacing folded: 各县（市、区） = 各县(市、区)
    if not name.startswith(_NOT_A_PREFIX) or name.startswith("市市场"):
        name = _LEVEL_PREFIX.sub("", name, count=1)
    return ALIASES.get(name, name)


@dataclass
class DepartmentTasks:
    """One department: the tasks it leads and those it takes part in, by number."""

    name: str
    printed: list[str] = field(default_factory=list)  # the names the plan prints for it, in order of appearance
    leads: list[int] = field(default_factory=list)
    joins: list[int] = field(default_factory=list)


def by_department(tasks: tuple[TaskLine, ...] | list[TaskLine]) -> list[DepartmentTasks]:
    """Every department named by the tasks, most tasks led first, then by name (a stable order)."""
    found: dict[str, DepartmentTasks] = {}
    for task in tasks:
        for position, unit in enumerate(task.responsible):
            entry = found.setdefault(department(unit), DepartmentTasks(department(unit)))
            if unit not in entry.printed:
                entry.printed.append(unit)
            target = entry.leads if position == 0 else entry.joins
            if task.number not in entry.leads and task.number not in entry.joins:
                target.append(task.number)
    return sorted(found.values(), key=lambda d: (-len(d.leads), -len(d.joins), d.name))
