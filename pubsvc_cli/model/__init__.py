"""The pydantic models: they *are* the file format (see docs/data-format.md)."""

from .catalog import Catalog, CatalogIndicator, Kind
from .common import Source, Waiver
from .plan import Actual, Indicator, Level, Nature, Plan, PlanMeta, StatedIn, Statement, Task
from .services import Floor, Project, Service, ServiceStandard, ServiceStandardList, StandardItem

__all__ = [
    "Catalog",
    "CatalogIndicator",
    "Indicator",
    "Kind",
    "Level",
    "Nature",
    "Plan",
    "PlanMeta",
    "Source",
    "Waiver",
    "Actual",
    "Statement",
    "StatedIn",
    "Task",
    "Floor",
    "Project",
    "Service",
    "ServiceStandard",
    "ServiceStandardList",
    "StandardItem",
]
