"""Basic public service items: the numbered items of a plan's boxes (``专栏3 “幼有所育”项目`` /
``1.农村免费孕前优生健康检查。免费为……``) and the lists of a service table (``表 2 …基本公共服务项目
清单``: a domain cell, a content cell, and the items separated by commas), each matched with the
standard list. A box whose items are mostly standard items is a service box; the items of any other
box are the plan's projects."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import SourceText
from .tables import CAPTION, HEADING

_ITEM = re.compile(
    r"^\s*(?:[-*•·]\s*)?(?P<number>\d{1,2})\s*[.．、]\s*(?:\*\*)?(?P<name>[^。：:*；;，,]{2,40}?)(?:\*\*)?\s*[。：:；;](?P<rest>.*)$"
)
_DOMAIN_COUNT = re.compile(r"\s*[(（]\s*共\s*\d+\s*项?\s*[)）]")
_LIST_SEPARATORS = re.compile(r"\s*[,，、；;]\s*")
#: Share of a box's items that must be standard items for the box to be a service box.
SERVICE_BOX_SHARE = 0.5
#: The lowest match score (0–100) at which a name is taken as a standard item (the service check's
#: own fuzzy threshold, so that what the draft matches the check matches too).
_MATCH_FLOOR = 85


@dataclass(frozen=True)
class FoundItem:
    name: str
    box: str  # 专栏3, 表2
    number: int | None
    domain: str | None
    description: str | None
    line: int
    quote: str
    standard_item: str | None  # the standard item's id when matched
    method: str  # exact, alias, fuzzy, none
    score: float


@dataclass(frozen=True)
class FoundBox:
    label: str
    title: str
    line: int
    items: tuple[FoundItem, ...]
    is_service_box: bool


def find_service_boxes(source: SourceText, index) -> list[FoundBox]:
    """Boxes (专栏 without 指标 in the caption) and service tables (清单), with their items.
    ``index`` is the standard's :class:`~pubsvc_cli.coverage.StandardIndex`."""
    domains = sorted({item.domain for item in index.standard.items}, key=len, reverse=True)
    boxes = []
    lines = source.lines
    for number, line in enumerate(lines):
        caption = CAPTION.match(line.replace("\u00a0", " "))
        if not caption or "指标" in caption["title"]:
            continue
        label = re.sub(r"\s+", "", caption["label"])
        title = " ".join(caption["title"].split())
        domain = next((d for d in domains if d in title), None)
        if "清单" in title:
            items = _list_items(lines, number + 1, label, domains, index)
        else:
            items = _box_items(lines, number + 1, label, domain, index)
        if items:
            matched = sum(1 for item in items if item.standard_item)
            boxes.append(FoundBox(label, title, number + 1, tuple(items), matched >= SERVICE_BOX_SHARE * len(items)))
    return boxes


def _match(index, name: str) -> tuple[str | None, str, float]:
    from ..model.services import Service  # the index matches services; build one for the name

    item, method, score = index.match(Service(name=name, source={"quote": name}))
    if item is None or score < _MATCH_FLOOR:
        return None, "none", score
    return item.id, method, score


def _box_items(lines: list[str], start: int, label: str, domain: str | None, index) -> list[FoundItem]:
    items = []
    for number in range(start, min(start + 200, len(lines))):
        text = lines[number].strip()
        if not text:
            continue
        if HEADING.match(text) or CAPTION.match(text.replace("\u00a0", " ")):
            break
        item = _ITEM.match(text)
        if not item:
            if items:
                continue  # a wrapped description line
            if len(text) > 60:
                break
            continue
        name = item["name"].strip()
        standard_item, method, score = _match(index, name)
        quote = f"{item['number']}.{name}" if f"{item['number']}.{name}" in text else name
        description = item["rest"].strip().lstrip("*").strip() or None
        items.append(
            FoundItem(
                name, label, int(item["number"]), domain, description, number + 1, quote, standard_item, method, score
            )
        )
    return items


def _list_items(lines: list[str], start: int, label: str, domains: list[str], index) -> list[FoundItem]:
    """Items of a service list table: in each domain's row, the cell whose pieces are item names."""
    items: list[FoundItem] = []
    domain = None
    end = min(start + 400, len(lines))
    number = start - 1
    while number + 1 < end:
        number += 1
        text = lines[number].replace("\u00a0", " ").strip()
        if not text:
            continue
        if HEADING.match(text) or (CAPTION.match(text) and number > start):
            break
        if text in domains:
            domain = text
            continue
        first_line = number
        while _is_item_list(text, index) and not re.search(r"[,，、；;。)）]\s*$", text):
            # An item list wrapped over lines (…职工基 / 养老保险,…; ( 共 / 4 )): read on when the
            # next line's first words complete the last item, with a space where the line broke,
            # as the folded document has it.
            following = _next_text(lines, number, end)
            if following is None or following[1] in domains or HEADING.match(following[1]):
                break
            last = _LIST_SEPARATORS.split(text)[-1].strip()
            head = _LIST_SEPARATORS.split(following[1])[0].strip()
            completes = re.match(r"[(（]?\s*共|\d+\s*[)）]", f"{last} {head}".split("(")[-1].strip()) or (
                _match(index, last + head)[2] > _match(index, last)[2]
            )
            if not completes:
                break
            number, text = following[0], f"{text} {following[1]}"
        text = _DOMAIN_COUNT.sub("", text)  # 工伤保险 ( 共 12 ): the count of the domain's items
        pieces = [p.strip(" 。.") for p in _LIST_SEPARATORS.split(text) if p.strip(" 。.")]
        if len(pieces) < 2 or domain is None:
            continue
        matches = [_match(index, piece) for piece in pieces]
        if sum(1 for m in matches if m[0]) < len(pieces) / 2:
            continue  # the content cell (为城乡居民提供……), not the list of items
        for position, (piece, (standard_item, method, score)) in enumerate(zip(pieces, matches, strict=False)):
            following = pieces[position + 1] if position + 1 < len(pieces) else None
            quote = piece if following is None else _joined_quote(text, piece, following)
            items.append(
                FoundItem(
                    piece, label, len(items) + 1, domain, None, first_line + 1, quote, standard_item, method, score
                )
            )
    return items


def _is_item_list(text: str, index) -> bool:
    """A line whose pieces are mostly standard items (not the content cell 为城乡居民提供……)."""
    pieces = [p.strip(" 。.") for p in _LIST_SEPARATORS.split(_DOMAIN_COUNT.sub("", text)) if p.strip(" 。.")]
    return len(pieces) >= 2 and sum(1 for p in pieces if _match(index, p)[0]) >= len(pieces) / 2


def _next_text(lines: list[str], number: int, end: int) -> tuple[int, str] | None:
    """The next line with text after ``number`` (a line of no-break spaces is empty)."""
    for following in range(number + 1, end):
        text = lines[following].replace("\u00a0", " ").strip()
        if text:
            return following, text
    return None


def _joined_quote(text: str, piece: str, following: str) -> str:
    """The item with the next one, as printed (``农村免费孕前优生健康检查, 孕产妇健康服务``): a name
    alone may occur elsewhere in the text too."""
    match = re.search(re.escape(piece) + r"\s*[,，、；;]\s*" + re.escape(following), text)
    return match.group(0) if match else piece
