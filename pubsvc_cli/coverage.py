"""A plan's service list against the basic public service standard: which item each service is,
and how much of the standard each domain covers.

A service is matched to a standard item, in this order:

1. by ``standard_item`` when the plan states it;
2. by name, after folding full-width forms, spacing and traditional characters (OpenCC), to the
   item's name or one of its aliases;
3. by fuzzy name similarity (rapidfuzz ``fuzz.ratio``, the normalised Indel similarity) of at
   least :data:`FUZZY_THRESHOLD`; 特殊儿童群体基本生活 → 特殊儿童群体基本生活保障 scores 91.

A service that matches nothing is a local addition. The *description* of a service is read too,
and compared with every item's name and content (服务内容) by the cosine similarity of character
bigrams weighted by their rarity among items (tf-idf): a description far closer to another item
than to the one it is named after describes that other item.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .normalise import normalise_name, to_mainland_simplified

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from .model import Service, ServiceStandardList, StandardItem

#: Lowest rapidfuzz ``fuzz.ratio`` (0–100) at which a differently worded name is the same item.
FUZZY_THRESHOLD = 85
#: A description is about another item when it is at least this similar to that item …
DESCRIPTION_MIN_SIMILARITY = 0.25
#: … and its similarity to the named item is less than this share of that.
DESCRIPTION_RATIO = 0.5
_PUNCTUATION = set("，,、。；;：:（）()“”\"'《》·—-－ ")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The comparable form of a service name: simplified, NFKC-folded, without spaces or punctuation."""
    simplified = to_mainland_simplified(name) if _maybe_traditional(name) else name
    return "".join(ch for ch in normalise_name(simplified) if ch not in _PUNCTUATION)


def _maybe_traditional(text: str) -> bool:
    # OpenCC is only loaded for text that is not plain GB2312 (every simplified character is).
    try:
        text.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return True


@dataclass
class Match:
    """One service of a plan and the standard item it is (None: a local addition)."""

    index: int
    service: Service
    item: StandardItem | None
    method: str  # explicit, exact, alias, fuzzy, none
    score: float = 100.0
    described_as: StandardItem | None = None  # the item its description is about, when another

    @property
    def counted_as(self) -> StandardItem | None:
        """The item the service provides: what its description is about, where that is another
        item than its name says (so that the findings do not contradict each other)."""
        return self.described_as or self.item


@dataclass
class DomainCoverage:
    domain: str
    required: int
    present: int
    missing: list[str] = field(default_factory=list)  # required item ids not in the plan
    added: list[str] = field(default_factory=list)  # the plan's services outside the required items


@dataclass
class Coverage:
    standard: str  # "national" or a province id
    standard_name: str
    matches: list[Match]
    required: list[StandardItem]
    other_additions: list[StandardItem]  # other provinces' items: not binding on this plan
    domains: list[DomainCoverage]
    scopes: dict[str, str] = field(default_factory=dict)  # province id → name


class StandardIndex:
    """The standard list prepared for matching: keys of names and aliases, unique name terms."""

    def __init__(self, standard: ServiceStandardList):
        self.standard = standard
        self.items = {item.id: item for item in standard.items}
        self._scores: dict[str, dict[str, float]] = {}
        self._described: dict[tuple[str, str], StandardItem | None] = {}
        self.by_key: dict[str, tuple[StandardItem, str]] = {}
        for item in standard.items:
            self.by_key.setdefault(name_key(item.name), (item, "exact"))
        for item in standard.items:
            for alias in item.aliases:
                self.by_key.setdefault(name_key(alias), (item, "alias"))
        documents = {
            item.id: _bigrams(name_key(" ".join([item.name, *item.aliases, item.content.text if item.content else ""])))
            for item in standard.items
        }
        frequency = Counter(g for counts in documents.values() for g in counts)
        self.idf = {g: math.log(len(documents) / n) for g, n in frequency.items()}
        # An inverted index (bigram → items with their weights) makes scoring a description cost
        # only the items that share a bigram with it.
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.norms: dict[str, float] = {}
        for item_id, counts in documents.items():
            vector = _weighted(counts, self.idf)
            self.norms[item_id] = math.sqrt(sum(w * w for w in vector.values()))
            for gram, weight in vector.items():
                if weight:
                    self.postings[gram].append((item_id, weight))

    def match(self, service: Service) -> tuple[StandardItem | None, str, float]:
        if service.standard_item:
            item = self.items.get(service.standard_item)
            return item, "explicit" if item else "unknown_id", 100.0
        key = name_key(service.name)
        if key in self.by_key:
            item, method = self.by_key[key]
            return item, method, 100.0
        from rapidfuzz import fuzz, process  # lazy: only for names that are not exact

        found = process.extractOne(key, list(self.by_key), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
        if found:
            return self.by_key[found[0]][0], "fuzzy", float(found[1])
        return None, "none", 0.0

    def described_item(self, service: Service, named: StandardItem | None) -> StandardItem | None:
        """The item a description is about when it is clearly not the named one: the description
        is at least :data:`DESCRIPTION_MIN_SIMILARITY` similar to another item's name and content,
        and less than :data:`DESCRIPTION_RATIO` of that similar to the named item's."""
        if not service.description or named is None:
            return None
        key = (service.description, named.id)  # the plans of a country repeat their descriptions
        if key not in self._described:
            if len(self._described) >= 1 << 14:
                self._described.clear()
            self._described[key] = self._described_item(service.description, named)
        return self._described[key]

    def _described_item(self, description: str, named: StandardItem) -> StandardItem | None:
        scores = self.description_scores(description)
        best = max((item_id for item_id in scores if item_id != named.id), key=scores.get, default=None)
        if best is None or scores[best] < DESCRIPTION_MIN_SIMILARITY:
            return None
        return self.items[best] if scores.get(named.id, 0.0) < DESCRIPTION_RATIO * scores[best] else None

    def description_scores(self, text: str) -> dict[str, float]:
        """Cosine similarity of character bigrams (weighted by rarity among items) between a
        description and each item's name, aliases and content. Scored once per text: the plans
        of a country describe their services in much the same words."""
        scores = self._scores.get(text)
        if scores is None:
            if len(self._scores) >= 1 << 14:
                self._scores.clear()
            scores = self._scores[text] = self._description_scores(text)
        return scores

    def _description_scores(self, text: str) -> dict[str, float]:
        vector = _weighted(_bigrams(name_key(text)), self.idf)
        norm = math.sqrt(sum(w * w for w in vector.values()))
        if norm == 0:
            return {}
        dot: dict[str, float] = defaultdict(float)
        for gram, weight in vector.items():
            for item_id, item_weight in self.postings.get(gram, ()):
                dot[item_id] += weight * item_weight
        return {item_id: value / (norm * self.norms[item_id]) for item_id, value in dot.items()}


#: Indexes by the id of their standard, which each entry keeps alive (so the id stays its own).
_INDEXES: dict[int, tuple[ServiceStandardList, StandardIndex]] = {}


def standard_index(standard: ServiceStandardList) -> StandardIndex:
    """The index of ``standard``, built once per standard object: the repository hands out the
    same object for the same file content, so a batch or a test run builds it once."""
    if id(standard) not in _INDEXES:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        _INDEXES[id(standard)] = (standard, StandardIndex(standard))
    return _INDEXES[id(standard)][1]


def _bigrams(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _weighted(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {g: n * idf.get(g, 0.0) for g, n in counts.items()}


def plan_coverage(services: list[Service], index: StandardIndex, chosen: str = "national") -> Coverage:
    """Match a plan's services to the standard and count coverage per domain. ``chosen`` is the
    standard checked against: ``national`` (the national items) or a province id (its list)."""
    standard = index.standard
    matches = []
    for i, service in enumerate(services):
        item, method, score = index.match(service)
        match = Match(i, service, item, method, score)
        match.described_as = index.described_item(service, item)
        matches.append(match)

    required = [item for item in standard.items if item.scope in ("national", chosen)]
    required_ids = {item.id for item in required}
    others = [item for item in standard.items if item.id not in required_ids]
    present = {m.counted_as.id for m in matches if m.counted_as is not None}
    domains: dict[str, DomainCoverage] = {}
    for item in standard.items:
        domains.setdefault(item.domain, DomainCoverage(item.domain, 0, 0))
    for item in required:
        coverage = domains[item.domain]
        coverage.required += 1
        if item.id in present:
            coverage.present += 1
        else:
            coverage.missing.append(item.id)
    for m in matches:
        if m.item is None or m.item.id not in required_ids:
            domain = m.item.domain if m.item else (m.service.domain or "—")
            domains.setdefault(domain, DomainCoverage(domain, 0, 0)).added.append(m.service.name)
    scopes = standard.standard.scopes
    name = (
        standard.standard.name if chosen == "national" else f"{standard.standard.name} + {scopes.get(chosen, chosen)}"
    )
    return Coverage(chosen, name, matches, required, others, list(domains.values()), scopes)
