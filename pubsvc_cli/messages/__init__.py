"""User-facing text: one message catalog per language (``zh.py``, ``en.py``), keyed by rule code.

A finding stores its rule code and arguments; the text is made here, in the language the user
chose, so that every output format says the same thing.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("zh", "en")
_NATURE_ARGS = ("nature", "upper_nature")


def detect_language(environ: Mapping[str, str] = os.environ) -> str:
    """``PUBSVC_LANG``, else the locale variables (LC_ALL, LC_MESSAGES, LANG), else Chinese.

    A C or POSIX locale says nothing about the user's language, so it falls through to Chinese.
    """
    explicit = environ.get("PUBSVC_LANG", "").strip().lower()
    if explicit[:2] in LANGUAGES:
        return explicit[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value.startswith(LANGUAGES):
            return value[:2]
        if value and not value.startswith(("c.", "posix")) and value != "c":
            return "zh"  # another language: the tool's own default
    return "zh"


class Messages:
    def __init__(self, lang: str = "zh"):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.catalog: dict[str, str] = importlib.import_module(f"{__name__}.{lang}").MESSAGES

    def text(self, key: str, **args: Any) -> str:
        template = self.catalog[key]
        return template.format(**args) if args else template

    def has(self, key: str) -> bool:
        return key in self.catalog

    def title(self, code: str) -> str:
        return self.catalog[f"{code}.title"]

    def doc(self, code: str, docstring: str) -> str:
        """The rule's documentation: its docstring in English, the catalog's text in Chinese."""
        return self.catalog.get(f"{code}.doc", docstring)

    def finding(self, rule: str, args: Mapping[str, Any]) -> str:
        values = {k: ("" if v is None else v) for k, v in args.items()}
        for name in _NATURE_ARGS:
            if name in values and f"nature.{values[name]}" in self.catalog:
                values[name] = self.catalog[f"nature.{values[name]}"]
        variant = values.pop("variant", "")
        key = (
            f"{rule}.message.{variant}"
            if variant and f"{rule}.message.{variant}" in self.catalog
            else f"{rule}.message"
        )
        return self.catalog[key].format(**values)
