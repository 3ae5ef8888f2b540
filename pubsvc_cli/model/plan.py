"""A plan file: metadata and the indicator table."""

from __future__ import annotations

import re

from pydantic import Field, ValidationInfo, field_validator

from ..messages import PhrasedError, phrase
from ..values import MISSING
from .common import PlanValue, Review, Source, StrictModel, Waiver
from .enums import Level, Nature, StatedIn
from .services import Project, Service


class PlanMeta(StrictModel):
    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Stable id, e.g. guilin")
    name: str
    level: Level
    region: str | None = Field(None, description="The place; null when the document does not name it")
    period: str = Field(..., description="Start and end year, e.g. 2021-2025")
    base_year: int = Field(..., ge=1949, le=2200, description="The year of the baseline values")
    upper: str | None = Field(None, description="Id of the upper-level plan")
    upper_name: str | None = Field(None, description="The upper-level plan's title, when it is known but not encoded")
    source: Source
    review: Review = None
    note: str | None = None

    @field_validator("period")
    @classmethod
    def _period_is_years(cls, value: str) -> str:
        match = re.fullmatch(r"(\d{4})\s*[-–—~至]\s*(\d{4})", value)
        if not match or int(match[1]) > int(match[2]):
            raise PhrasedError(phrase("field.period"))
        return f"{match[1]}-{match[2]}"

    @property
    def start_year(self) -> int:
        return int(self.period.split("-")[0])

    @property
    def target_year(self) -> int:
        return int(self.period.split("-")[1])

    @field_validator("base_year")
    @classmethod
    def _base_year_before_period(cls, value: int, info: ValidationInfo) -> int:
        # A field validator (not a model one) so that the error is located at base_year itself.
        period = info.data.get("period")
        if period and value >= int(period.split("-")[1]):
            raise PhrasedError(phrase("field.base_year", year=value, last=period.split("-")[1]))
        return value


class Statement(StrictModel):
    """Another place where the plan states the same target (usually prose restating a table row)."""

    target: PlanValue
    unit: str | None = Field(None, description="The unit the statement uses, when it is not the indicator's")
    year: int | None = Field(None, description="Target year, when not the plan's last year")
    source: Source
    review: Review = None
    note: str | None = None


class Actual(StrictModel):
    """An observed value for one year, with the plan's own verdict where it records one."""

    year: int = Field(..., ge=1949, le=2200)
    value: PlanValue
    verdict: str | None = Field(None, description="The verdict as recorded in the source (已完成 / 未完成)")
    source: Source | None = None
    note: str | None = None


class Indicator(StrictModel):
    id: str | None = Field(None, description="Catalog id; when absent the name is looked up in the catalog")
    name: str = Field(..., description="The name as printed in the plan")
    category: str | None = None
    unit: str
    baseline: PlanValue = MISSING
    target: PlanValue = MISSING
    year: int | None = Field(
        None, ge=1949, le=2200, description="Target year, when not the plan's last year (到2022年……)"
    )
    nature: Nature | None = Field(..., description="约束性 or 预期性; null when the source does not say (with a note)")
    stated_in: StatedIn = Field(StatedIn.TABLE, description="table (main indicator table), prose or task")
    task: int | None = Field(None, description="Number of the task that states it (implementation plans)")
    inferred: list[str] = Field(
        default_factory=list,
        description="Fields whose value is inferred rather than stated (baseline, target, nature, …)",
    )
    statements: list[Statement] = Field(
        default_factory=list, description="Other statements of this target in the same plan (prose)"
    )
    actuals: list[Actual] = Field(default_factory=list)
    source: Source
    waivers: list[Waiver] = Field(default_factory=list)
    review: Review = None
    note: str | None = None


class Task(StrictModel):
    """A numbered task of an implementation plan, with its responsible units."""

    number: int
    title: str
    group: str | None = Field(None, description="The heading the task stands under")
    responsible: list[str] = Field(..., min_length=1, description="责任部门/责任单位, one per entry")
    source: Source
    review: Review = None
    note: str | None = None


class Plan(StrictModel):
    plan: PlanMeta
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    services: list[Service] = Field(default_factory=list, description="The plan's basic public service list")
    projects: list[Project] = Field(default_factory=list, description="Items of the plan's project boxes")
    waivers: list[Waiver] = Field(
        default_factory=list, description="Plan-level waivers, e.g. for an upper plan known to be unavailable"
    )
