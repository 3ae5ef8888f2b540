"""The indicator catalog as pubsvc looks things up in it: by id, or by any name or alias as a plan
or an actuals file prints it. One index serves plan rows and actual values alike."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .normalise import normalise_name
from .suggest import scored

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from .model import CatalogIndicator


class CatalogIndex(Mapping[str, "CatalogIndicator"]):
    """Catalog id → entry, with a name index built once (names folded by :func:`normalise_name`,
    so that 执业(助理) and 执业（助理） are one name). Where two entries share a name or alias, the
    first in catalog order has it."""

    def __init__(self, entries: Mapping[str, CatalogIndicator] | None = None):
        self._by_id: dict[str, CatalogIndicator] = dict(entries or {})
        self._by_name: dict[str, CatalogIndicator] = {}
        for entry in self._by_id.values():
            for name in (entry.name, *entry.aliases):
                self._by_name.setdefault(normalise_name(name), entry)

    def __getitem__(self, indicator_id: str) -> CatalogIndicator:
        return self._by_id[indicator_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def by_name(self, name: str) -> CatalogIndicator | None:
        """The entry one of whose names or aliases is ``name``."""
        return self._by_name.get(normalise_name(name))

    def resolve(self, reference: Any) -> CatalogIndicator | None:
        """An entry by id, else by name or alias: how an actuals file names its indicator."""
        text = str(reference).strip()
        return self._by_id.get(text) or self.by_name(text)

    def suggestions(self, name: str | None, indicator_id: str | None = None, limit: int = 3) -> list[CatalogIndicator]:
        """The entries closest to an unknown indicator: a mistyped id is matched against ids, a
        wording against names; the best of both come first."""
        best: dict[str, float] = {}
        queries = (
            (normalise_name(name or ""), {e.id: e.name for e in self._by_id.values()}),
            (indicator_id or "", {e.id: e.id for e in self._by_id.values()}),
        )
        for query, choices in queries:
            for key, score in scored(query, choices, limit=limit, partial=True).items():
                best[key] = max(score, best.get(key, 0))
        return [self._by_id[key] for key in sorted(best, key=lambda key: -best[key])[:limit]]


def suggestion_text(entries: list[CatalogIndicator]) -> str:
    """``人均预期寿命（life_expectancy）、…`` for a message; ``—`` when there is nothing close."""
    return "、".join(f"{entry.name}（{entry.id}）" for entry in entries) or "—"
