"""The pydantic models: they *are* the file format (see docs/data-format.md)."""

from .catalog import Catalog, CatalogIndicator, Kind
from .common import Source, Waiver
from .services import Floor, Project, Service, ServiceStandard, ServiceStandardList, StandardItem
from .plan import Actual, Indicator, Level, Nature, Plan, PlanMeta, Statement, StatedIn, Task

__all__ = [
    "Catalog", "CatalogIndicator", "Indicator", "Kind", "Level", "Nature", "Plan", "PlanMeta",
    "Source", "Waiver", "Actual", "Statement", "StatedIn", "Task",
    "Floor", "Project", "Service", "ServiceStandard", "ServiceStandardList", "StandardItem",
]
