"""The pydantic models: they *are* the file format (see docs/data-format.md).

Names are imported from their modules on first use (PEP 562), so that ``from pubsvc_cli.model
import Nature`` does not build every model: building them is a fifth of a second, and a cached
``pubsvc check`` needs none of them."""

from importlib import import_module

_MODULE_OF = {
    "Catalog": "catalog",
    "CatalogIndicator": "catalog",
    "Source": "common",
    "Waiver": "common",
    "Kind": "enums",
    "Level": "enums",
    "Nature": "enums",
    "StatedIn": "enums",
    "Actual": "plan",
    "Indicator": "plan",
    "Plan": "plan",
    "PlanMeta": "plan",
    "Statement": "plan",
    "Task": "plan",
    "Floor": "services",
    "Project": "services",
    "Service": "services",
    "ServiceStandard": "services",
    "ServiceStandardList": "services",
    "StandardItem": "services",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return __all__
