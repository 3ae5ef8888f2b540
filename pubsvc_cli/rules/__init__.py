"""The rules, one module per family; importing this package registers them all."""

from . import data, diff, internal, progress, services, upper  # noqa: F401  (registration happens on import)
from .base import REGISTRY, LoadedPlan, PlanContext, Resolved, Rule, iter_rules

__all__ = ["REGISTRY", "LoadedPlan", "PlanContext", "Resolved", "Rule", "iter_rules"]
