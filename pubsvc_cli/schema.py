"""JSON Schemas of the file formats, generated from the pydantic models (which are the format)."""

from __future__ import annotations

import json

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "plan": "pubsvc plan file",
    "catalog": "pubsvc indicator catalog",
    "standard": "pubsvc basic public service standard",
}


def json_schema(kind: str = "plan") -> str:
    from .model import Catalog, Plan, ServiceStandardList

    model = {"plan": Plan, "catalog": Catalog, "standard": ServiceStandardList}[kind]
    generated = model.model_json_schema()
    schema = {"$schema": SCHEMA_DIALECT, **generated, "title": TITLES[kind]}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
