"""Basic public services: the standard list (data/standards/basic-services.yaml), a plan's own
service list, and a plan's project boxes."""

from __future__ import annotations

from pydantic import Field

from .common import PlanValue, Review, Source, StrictModel


class Floor(StrictModel):
    """A quantitative service standard that a plan's own standard for the item must meet."""

    id: str = Field(
        ..., pattern=r"^[a-z]{2}\d{2}\.[a-z0-9_]+$", description="<item id>.<measure slug>, e.g. yy06.health_checks"
    )
    measure: str = Field(..., description="What is measured, as the plans word it (e.g. 免费健康管理次数)")
    value: PlanValue = Field(..., description="The floor with its comparator, e.g. ≥13 (a ceiling: ≤…)")
    unit: str
    per: str | None = Field(None, description="Per whom or per what period, e.g. 每人 / 每年")
    source: Source
    note: str | None = None


class Content(StrictModel):
    """What an item provides (服务内容), in words a plan's description would use."""

    text: str
    source: Source
    note: str | None = None


class StandardItem(StrictModel):
    id: str = Field(..., pattern=r"^[a-z]{2}\d{2}$", description="Domain code and number, e.g. yy01")
    name: str = Field(..., description="The item's name (restored where the source lost characters)")
    domain: str = Field(..., description="One of the nine areas, e.g. 幼有所育")
    category: str = Field(..., description="One of the 22 national categories, e.g. 优孕优生服务")
    scope: str = Field(..., description="national (in the national standard) or the id of the province that adds it")
    aliases: list[str] = Field(default_factory=list, description="Other wordings plans use for the item")
    content: Content | None = Field(
        None, description="What the item provides; used to recognise it in a plan's description"
    )
    floors: list[Floor] = Field(default_factory=list)
    source: Source
    note: str | None = None


class StandardMeta(StrictModel):
    name: str
    edition: str = Field(..., description="The edition the list comes from, e.g. 2021")
    national_items: int = Field(..., description="How many items the national standard has (80 in 2021)")
    scopes: dict[str, str] = Field(default_factory=dict, description="Province ids used as item scopes → their names")
    source: Source
    note: str | None = None


class ServiceStandardList(StrictModel):
    standard: StandardMeta
    items: list[StandardItem]


class ServiceStandard(StrictModel):
    """A quantitative standard a plan states for one of its service items."""

    measure: str
    value: PlanValue
    unit: str
    per: str | None = None
    source: Source
    note: str | None = None


class Service(StrictModel):
    """One item of a plan's basic public service list, as printed."""

    name: str = Field(..., description="The item's name as printed in the plan")
    domain: str | None = None
    box: str | None = Field(None, description="The box (专栏) or table that lists it")
    number: int | None = Field(None, description="Its number in the box")
    description: str | None = Field(None, description="What the plan says the item provides")
    standard_item: str | None = Field(None, description="Standard item id, when the match must be stated explicitly")
    standards: list[ServiceStandard] = Field(default_factory=list)
    source: Source
    review: Review = None
    note: str | None = None


class Project(StrictModel):
    """An item of a project box (工程/项目专栏): something the plan will build or do, not a service."""

    name: str
    box: str
    non_basic: bool = Field(
        False, description="An item of the plan's 普惠性非基本公共服务 (non-basic service) boxes, not of the basic list"
    )
    number: int | None = None
    domain: str | None = None
    description: str | None = None
    source: Source
    review: Review = None
    note: str | None = None
