"""Reporters: one per output format, chosen by name. A reporter only presents a Result."""

from __future__ import annotations

import importlib
import os
from typing import Mapping

from .base import Reporter

#: format name → "module:class"; imported only when chosen, to keep start-up fast.
REPORTERS = {
    "table": "table:TableReporter",
    "json": "json:JsonReporter",
    "parsable": "parsable:ParsableReporter",
    "github": "github:GithubReporter",
    "sarif": "sarif:SarifReporter",
    "junit": "junit:JunitReporter",
    "markdown": "markdown:MarkdownReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    module_name, class_name = REPORTERS[name].split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, class_name)


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """``auto`` is not a format of its own: it picks annotations when running under GitHub Actions
    (which sets ``GITHUB_ACTIONS=true``) and the terminal table everywhere else."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "table"


__all__ = ["REPORTERS", "Reporter", "get_reporter", "resolve_format"]
