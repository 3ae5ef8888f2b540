"""Plain data → pydantic models; every validation error becomes a located Finding."""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..loading import Document
from ..result import Finding, Severity, yaml_path
from ..suggest import closest
from ..values import ValueSyntaxError

M = TypeVar("M", bound=BaseModel)


def document_kind(document: Document | None) -> str | None:
    """Which file format a YAML document is, by its top-level keys: plan, catalog, standard or
    actuals (None: none of them). A plan's ``plan`` is a mapping; an actuals file's ``plan`` names
    one by its id, beside an ``actuals`` list. The one place that decides it, for every command."""
    data = document.data if document is not None else None
    if not isinstance(data, dict):
        return None
    if "plan" in data and (isinstance(data["plan"], dict) or "indicators" in data or "actuals" not in data):
        return "plan"
    for kind in ("catalog", "standard", "actuals"):
        if kind in data:
            return kind
    return None


def validate(document: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a loaded document against ``model``; on failure, return one finding per error."""
    data = document.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        loc = document.location(())
        return None, [
            Finding(
                "PS106",
                Severity.ERROR,
                loc,
                args={
                    "path": "(top level)",
                    "problem": f"the file is {what}, expected a mapping with the keys {', '.join(model.model_fields)}",
                },
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_finding(document, model, error) for error in exc.errors(include_url=False)]


def _finding(document: Document, model: type[BaseModel], error: dict[str, Any]) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        location = document.location(loc[:-1])
        location = type(location)(location.file, location.line, location.column, loc, location.plan)
        return Finding(
            "PS105", Severity.ERROR, location, args={"key": str(loc[-1]), "path": yaml_path(loc[:-1]) or "(top level)"}
        )
    if kind == "extra_forbidden":
        return unknown_key(document, loc, _fields_at(model, loc[:-1]))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ValueSyntaxError):
        return Finding(
            "PS107", Severity.ERROR, document.location(loc), args={"path": yaml_path(loc), "problem": str(cause)}
        )
    problem = error["msg"].removeprefix("Value error, ")
    shown = error.get("input")
    if isinstance(shown, (str, int, float)) and not isinstance(shown, bool):
        problem = f"{problem} (found {shown!r})"
    return Finding("PS106", Severity.ERROR, document.location(loc), args={"path": yaml_path(loc), "problem": problem})


def unknown_key(document: Document, path: tuple, allowed: list[str]) -> Finding:
    """PS104 for the key at ``path`` that the format does not define, located at the key, with the
    closest allowed key as a suggestion: an ignored ``traget`` would silently drop a target."""
    key = str(path[-1])
    close = closest(key, allowed)
    return Finding(
        "PS104",
        Severity.ERROR,
        document.location(path, key=True),
        args={
            "key": key,
            "path": yaml_path(path[:-1]) or "(top level)",
            "variant": "suggest" if close else None,
            "suggestion": close[0] if close else "",
            "allowed": ", ".join(allowed),
        },
    )


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for a did-you-mean)."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or step not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[step].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """``list[Indicator] | None`` → ``Indicator``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
