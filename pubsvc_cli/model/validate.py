"""Plain data → pydantic models; every validation error becomes a located Finding."""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..loading import Document
from ..messages import PhrasedError, phrase
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
        what = phrase(
            "field.what_empty" if data is None else "field.what_list" if isinstance(data, list) else "field.what_text"
        )
        problem = phrase("field.file_kind", what=what, keys=tuple(model.model_fields))
        return None, [
            Finding(
                "PS106",
                Severity.ERROR,
                document.location(()),
                args={"path": phrase("where.top_level"), "problem": problem, "variant": "top_level"},
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
        return Finding("PS105", Severity.ERROR, location, args={"key": str(loc[-1]), "path": _where(loc[:-1])})
    if kind == "extra_forbidden":
        return unknown_key(document, loc, _fields_at(model, loc[:-1]))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ValueSyntaxError):
        return Finding(
            "PS107", Severity.ERROR, document.location(loc), args={"path": yaml_path(loc), "problem": cause.phrase}
        )
    problem = _problem(error)
    shown = error.get("input")
    if isinstance(shown, (str, int, float, Decimal)) and not isinstance(shown, bool) and kind != "enum":
        problem = phrase("field.found", problem=problem, value=shown)
    return Finding("PS106", Severity.ERROR, document.location(loc), args={"path": yaml_path(loc), "problem": problem})


#: Chinese words for the values of the format's English enumerations, for the did-you-mean.
ENUM_SYNONYMS = {
    "国家": "national",
    "国家级": "national",
    "全国": "national",
    "省": "province",
    "省级": "province",
    "自治区": "province",
    "直辖市": "province",
    "市": "city",
    "市级": "city",
    "地级": "city",
    "地级市": "city",
    "设区市": "city",
    "县": "county",
    "县级": "county",
    "区": "county",
    "区县": "county",
    "县区": "county",
    "县级市": "county",
    "上升": "increase",
    "提高": "increase",
    "增加": "increase",
    "越高越好": "increase",
    "下降": "decrease",
    "降低": "decrease",
    "减少": "decrease",
    "越低越好": "decrease",
    "比率": "rate",
    "比例": "rate",
    "人均": "level",
    "水平": "level",
    "总量": "count",
    "数量": "count",
    "累计": "cumulative",
    "五年累计": "cumulative",
    "表": "table",
    "表格": "table",
    "指标表": "table",
    "正文": "prose",
    "文字": "prose",
    "任务": "task",
    "约束": "约束性",
    "预期": "预期性",
}

#: The format's id patterns, said in words.
PATTERNS = {
    r"^[a-z0-9][a-z0-9_-]*$": "field.plan_id",
    r"^[a-z][a-z0-9_]*$": "field.catalog_id",
    r"^PS\d{3}$": "field.rule_code",
    r"^[a-z]{2}\d{2}$": "field.item_id",
    r"^[a-z]{2}\d{2}\.[a-z0-9_]+$": "field.floor_id",
}

#: pydantic's error types → how the problem is said (its ``ctx`` supplies the limits).
_PROBLEMS = {
    "string_type": "field.text",
    "int_type": "field.integer",
    "int_parsing": "field.integer",
    "int_from_float": "field.integer",
    "float_type": "field.number",
    "float_parsing": "field.number",
    "decimal_type": "field.number",
    "decimal_parsing": "field.number",
    "bool_type": "field.boolean",
    "bool_parsing": "field.boolean",
    "list_type": "field.list",
    "dict_type": "field.mapping",
    "model_type": "field.mapping",
    "model_attributes_type": "field.mapping",
}
_LIMITS = {
    "greater_than_equal": ("field.at_least", "ge"),
    "less_than_equal": ("field.at_most", "le"),
    "greater_than": ("field.more_than", "gt"),
    "less_than": ("field.less_than", "lt"),
    "too_short": ("field.too_short", "min_length"),
    "string_too_short": ("field.too_short", "min_length"),
}


def _problem(error: dict[str, Any]) -> Any:
    """A pydantic error in the words of the catalogs; pydantic's own English only for an error type
    the format cannot produce today."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if isinstance(ctx.get("error"), PhrasedError):
        return ctx["error"].phrase
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        given = str(error.get("input", "")).strip()
        suggestion = ENUM_SYNONYMS.get(given) if ENUM_SYNONYMS.get(given) in allowed else None
        suggestion = suggestion or next(iter(closest(given, allowed)), None)
        if suggestion:
            return phrase("field.enum_suggest", allowed=tuple(allowed), suggestion=suggestion)
        return phrase("field.found", problem=phrase("field.enum", allowed=tuple(allowed)), value=given)
    if kind in _PROBLEMS:
        return phrase(_PROBLEMS[kind])
    if kind in _LIMITS:
        key, name = _LIMITS[kind]
        return phrase(key, limit=ctx.get(name))
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return phrase(PATTERNS[pattern]) if pattern in PATTERNS else phrase("field.pattern", pattern=pattern)
    return phrase("field.other", detail=error["msg"].removeprefix("Value error, "))


def _where(path: tuple) -> Any:
    return yaml_path(path) or phrase("where.top_level")


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
            "path": _where(path[:-1]),
            "variant": "suggest" if close else None,
            "suggestion": close[0] if close else "",
            "allowed": tuple(allowed),
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
