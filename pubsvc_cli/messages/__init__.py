"""User-facing text: one message catalog per language (``zh.py``, ``en.py``), keyed by rule code.

A finding stores its rule code and arguments; the text is made here, in the language the user
chose, so that every output format says the same thing.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("zh", "en")
_NATURE_ARGS = ("nature", "upper_nature", "ancestor_nature", "origin_nature")
_STATUS_ARGS = ("status", "settled_status")  # progress statuses, shown in the run's language
_LEVEL_ARGS = ("level", "upper_level")  # plan levels


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


@dataclass(frozen=True)
class Phrase:
    """Words to be said in the run's language: a message key of the catalogs and its arguments
    (which may be phrases themselves). A finding's detail is a phrase, never an English sentence,
    so that a run speaks one language throughout."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:  # for logs and tests; reporters render phrases in the chosen language
        return Messages("en").render(self)


def phrase(key: str, **args: Any) -> Phrase:
    return Phrase(key, args)


class PhrasedError(ValueError):
    """A problem with the input, said as a phrase (``str()`` gives its English words)."""

    def __init__(self, said: Phrase):
        super().__init__(str(said))
        self.phrase = said


class Messages:
    def __init__(self, lang: str = "zh"):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.catalog: dict[str, str] = importlib.import_module(f"{__name__}.{lang}").MESSAGES
        self._plain: dict[str, str] = {}  # the texts of keys said without arguments (labels, headings)

    def text(self, key: str, **args: Any) -> str:
        if not args:  # a label: a batch report says each one on every page, looked up once
            said = self._plain.get(key)
            if said is None:
                said = self._plain[key] = self.catalog[key].format()
            return said
        return self.catalog[key].format(**{name: self.render(value) for name, value in args.items()})

    def render(self, value: Any) -> Any:
        """A phrase in this language; a tuple as a list of words (、 in Chinese); anything else as it is."""
        if isinstance(value, Phrase):
            return self.text(value.key, **value.args)
        if isinstance(value, tuple):
            return self.catalog["ui.list_separator"].join(str(self.render(item)) for item in value)
        return value

    def has(self, key: str) -> bool:
        return key in self.catalog

    def title(self, code: str) -> str:
        return self.catalog[f"{code}.title"]

    def doc(self, code: str, docstring: str) -> str:
        """The rule's documentation: its docstring in English, the catalog's text in Chinese."""
        return self.catalog.get(f"{code}.doc", docstring)

    def finding(self, rule: str, args: Mapping[str, Any]) -> str:
        values = {k: ("" if v is None else self.render(v)) for k, v in args.items()}
        for name in _NATURE_ARGS:
            if name in values and f"nature.{values[name]}" in self.catalog:
                values[name] = self.catalog[f"nature.{values[name]}"]
        for name in _STATUS_ARGS:
            if name in values and f"status.{values[name]}" in self.catalog:
                values[name] = self.catalog[f"status.{values[name]}"]
        for name in _LEVEL_ARGS:
            if name in values and f"ui.level.{values[name]}" in self.catalog:
                values[name] = self.catalog[f"ui.level.{values[name]}"]
        variant = values.pop("variant", "")
        key = (
            f"{rule}.message.{variant}"
            if variant and f"{rule}.message.{variant}" in self.catalog
            else f"{rule}.message"
        )
        return self.catalog[key].format(**values)
