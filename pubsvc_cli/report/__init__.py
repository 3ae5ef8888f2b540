"""Reporters: one per output format, chosen by name. A reporter only presents a Result."""

from __future__ import annotations

import importlib

from .base import Reporter

#: format name → "module:class"; imported only when chosen, to keep start-up fast.
REPORTERS = {
    "table": "table:TableReporter",
    "json": "json:JsonReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    module_name, class_name = REPORTERS[name].split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, class_name)


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
