"""Reporters: one per output format, chosen by name. A reporter only presents a Result.

``REPORTERS`` is the one list of output formats: the command line's ``--format`` choices come
from it. Importing this package is cheap; a reporter's module is imported only when chosen."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Reporter

#: format name → "module:class" in this package. Add an output format here (see CONTRIBUTING.md).
REPORTERS = {
    "table": "table:TableReporter",
    "json": "json:JsonReporter",
    "parsable": "parsable:ParsableReporter",
    "github": "github:GithubReporter",
    "sarif": "sarif:SarifReporter",
    "junit": "junit:JunitReporter",
    "markdown": "markdown:MarkdownReporter",
}
#: Not a format of its own: github under GitHub Actions, else table.
AUTO = "auto"
FORMATS = (*REPORTERS, AUTO)


def get_reporter(name: str) -> type[Reporter]:
    module_name, class_name = REPORTERS[name].split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, class_name)


def resolve_format(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """``auto`` picks annotations when running under GitHub Actions (which sets
    ``GITHUB_ACTIONS=true``) and the terminal table everywhere else."""
    if name != AUTO:
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "table"


__all__ = ["AUTO", "FORMATS", "REPORTERS", "get_reporter", "resolve_format"]
