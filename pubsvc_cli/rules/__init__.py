"""The rules, one module per family; importing this package registers them all."""

from . import data, diff, document, internal, progress, services, upper  # noqa: F401  (registration happens on import)
from .base import REGISTRY, PlanContext, Rule, iter_rules

__all__ = ["REGISTRY", "PlanContext", "Rule", "iter_rules"]
