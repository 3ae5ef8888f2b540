"""The closed vocabularies of the file format: plain enums, free of pydantic, so that code that
only names a level or a nature (the rules, the reporters, a cached result) need not build the models."""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class StatedIn(str, Enum):
    TABLE = "table"  # a row of the plan's main indicator table
    PROSE = "prose"  # a target stated in the text or a project box
    TASK = "task"  # a target inside a numbered task of an implementation plan


class Nature(str, Enum):
    BINDING = "约束性"
    EXPECTED = "预期性"


class Kind(str, Enum):
    RATE = "rate"  # a percentage or ratio: comparable between plans of different levels
    LEVEL = "level"  # a per-capita or average level (years, square metres per person): comparable
    COUNT = "count"  # an absolute total (beds, people): depends on the population, not comparable
    CUMULATIVE = "cumulative"  # a five-year total: depends on size, not comparable

    @property
    def comparable_across_levels(self) -> bool:
        return self in (Kind.RATE, Kind.LEVEL)
