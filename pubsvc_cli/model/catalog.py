"""The indicator catalog (data/standards/indicators.yaml): one entry per indicator, matched by id."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from ..values import Direction
from .common import StrictModel
from .enums import Kind


class Limits(StrictModel):
    min: Decimal | None = None
    max: Decimal | None = None

    def breach(self, number: Decimal, comparator: str | None = None) -> str | None:
        """``above`` or ``below`` when a value can only lie outside the limits, else None.

        A plain number is outside when it passes a limit. A bound is outside only when everything
        it admits is: ``>100`` or ``≥101`` is above a limit of 100, while ``>-1`` admits 0 and is
        not below a limit of 0."""
        lower_bound, upper_bound = comparator in (">", ">="), comparator in ("<", "<=")
        if (
            self.max is not None
            and not upper_bound
            and (number > self.max or (number == self.max and comparator == ">"))
        ):
            return "above"
        if (
            self.min is not None
            and not lower_bound
            and (number < self.min or (number == self.min and comparator == "<"))
        ):
            return "below"
        return None


class CatalogIndicator(StrictModel):
    id: str = Field(..., pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(..., description="Canonical Chinese name")
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list, description="Other wordings used by plans")
    category: str | None = None
    unit: str
    other_units: list[str] = Field(
        default_factory=list,
        description="Units some plans use for a different measure of the same thing; never converted",
    )
    direction: Direction = Field(..., description="increase or decrease: which way is better (no default)")
    kind: Kind
    limits: Limits | None = Field(None, description="Natural limits, only where they truly hold")
    plausible_max: Decimal | None = Field(
        None,
        description="Beyond it a value is possible but seldom right (a coverage above 100%): a warning asks to check it",
    )
    note: str | None = None


class CatalogMeta(StrictModel):
    name: str
    version: str
    source: str | None = None


class Catalog(StrictModel):
    catalog: CatalogMeta
    indicators: list[CatalogIndicator]
