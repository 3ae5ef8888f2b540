"""Pieces shared by every file: provenance, waivers, and the value type."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema

from ..values import Value, parse_value

#: A value as printed in a plan (see ``pubsvc_cli.values`` for the grammar).
PlanValue = Annotated[
    Value,
    PlainValidator(parse_value),
    PlainSerializer(lambda v: v.text, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}],
            "description": "A value as printed: 4.5, ≥97, ＜18, 〔40〕, {35.13}, 100；100, 应保尽保, 约1000, — (missing)",
        }
    ),
]


#: ``review: needed`` marks what ``pubsvc extract`` guessed: a person checks it against the document
#: (the entry's ``note`` says what was guessed) and then removes the key.
Review = Annotated[
    Literal["needed"] | None,
    Field(None, description="needed: drafted by pubsvc extract from a guess; check it, then remove the key"),
]


class StrictModel(BaseModel):
    """Unknown keys are errors (with a did-you-mean), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(StrictModel):
    """Where a value comes from: which document, which table or section, which row, and a short
    verbatim quote that a test finds in the source text."""

    document: str | None = Field(None, description="Source file name under shared/seeds/ (defaults to the plan's)")
    section: str | None = Field(None, description="Table, box or section, e.g. 专栏2")
    row: int | str | None = Field(None, description="Row or item number within the section")
    quote: str = Field(..., min_length=1, description="Short verbatim quote; whitespace runs match any whitespace")
    printed: dict[str, str] = Field(
        default_factory=dict,
        description="How a value was printed when the encoded value restores it (Sichuan's lost decimal "
        'points: {baseline: "1 5"} for 1.5); keys are field names',
    )
    note: str | None = None


class Waiver(StrictModel):
    """An accepted exception: the finding of ``rule`` on this value is reported as waived."""

    rule: str = Field(..., pattern=r"^PS\d{3}$", description="The rule code being waived, e.g. PS201")
    indicator: str | None = Field(None, description="Catalog id the waiver is limited to (plan-level waivers only)")
    reason: str = Field(..., min_length=1)
    source: Source | None = None
