"""The pydantic models: they *are* the file format (see docs/data-format.md)."""

from .catalog import Catalog, CatalogIndicator, Kind
from .common import Source, Waiver
from .plan import Indicator, Level, Nature, Plan, PlanMeta

__all__ = [
    "Catalog", "CatalogIndicator", "Indicator", "Kind", "Level", "Nature", "Plan", "PlanMeta",
    "Source", "Waiver",
]
