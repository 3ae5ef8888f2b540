"""What a table cell is: a value, a unit, a nature (约束性/预期性), a verdict (已完成/未完成), a row
number, or words; and the clean-up of an indicator's name cell (a unit printed in its last
parentheses, a footnote mark glued to its end). Cell text is never repaired silently: a number
that looks damaged is reported as a :class:`Suspicion` for a person to decide."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from ..messages import PhrasedError
from ..values import MISSING_MARKS, QUALITATIVE_PHRASES, Value, parse_value


class Kind(str, Enum):
    VALUE = "value"
    UNIT = "unit"
    NATURE = "nature"
    VERDICT = "verdict"
    NUMBER = "number"  # a row number (序号)
    WORDS = "words"  # a name, a category, a heading


NATURES = ("约束性", "预期性")
VERDICTS = ("已完成", "未完成", "基本完成", "超额完成")

#: Units as plan tables print them: a count word, optionally scaled (万人次), or a rate.
_UNIT_WORDS = (
    "人次|人|个|张|套|户|元|岁|年|所|家|次|平方米|平方公里|公里|册|件|小时|天|辆|床|间|座|处|项|名|位|"
    "种|台|支|队|场|分|千克|吨|元/人|元/月|元/年|人/万人|个/万人"
)
_UNIT = re.compile(rf"^(?:[万千百亿]?(?:{_UNIT_WORDS})|%|‰|‱|1/10万|1/万|/10万|/万|万|亿元|万元|%o)$")
#: Words that are read as missing values in a value column: the grammar's marks, and the words and
#: mixed dashes extracted tables print.
_MISSING = MISSING_MARKS | {"无", "暂无", "—-", "-—"}
#: A number whose digits a stray space splits: how a lost decimal point looks (``1 5`` for 1.5).
_SPLIT_NUMBER = re.compile(r"\d\s+\d")  # \s: every Unicode space (no-break, thin, ideographic …)
_VALUE_CHARS = re.compile(r"^[〔{\[(（]?[<>≤≥≦≧=约]*\s*[+-]?[\d.\s\u00a0]+%?\s*(?:以上|以下|以内|左右)?[〕}\])）]?$")
_FOOTNOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰*＊※"


def squeeze(text: str) -> str:
    """A cell without its surrounding whitespace (every Unicode space, and a stray BOM)."""
    return text.strip().strip("\ufeff").strip()


def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", squeeze(text))


def is_unit(text: str) -> bool:
    return bool(_UNIT.match(folded(text).replace(" ", "")))


def is_nature(text: str) -> bool:
    return folded(text).replace(" ", "").startswith(NATURES)


def nature_of(text: str) -> str | None:
    text = folded(text).replace(" ", "")
    return next((n for n in NATURES if text.startswith(n)), None)


def is_verdict(text: str) -> bool:
    return folded(text).replace(" ", "") in VERDICTS


def is_value(text: str) -> bool:
    """A printed value: a number, a bound, a five-year total, a compound, a fixed phrase, or a
    missing mark; also a number damaged by a stray space (it is flagged, not refused)."""
    cell = folded(text)
    if cell in _MISSING or cell.replace(" ", "") in QUALITATIVE_PHRASES:
        return True
    parts = re.split(r"[;；]", cell)
    return all(_VALUE_CHARS.match(part.strip()) and re.search(r"\d", part) for part in parts)


def kind_of(text: str) -> Kind:
    cell = squeeze(text)
    if is_nature(cell):
        return Kind.NATURE
    if is_verdict(cell):
        return Kind.VERDICT
    if is_unit(cell):
        return Kind.UNIT
    if is_value(cell):
        return Kind.VALUE
    return Kind.WORDS


@dataclass(frozen=True)
class Suspicion:
    """Something in a cell a person must look at; ``reason`` is a message key (``extract.why.*``)."""

    field: str
    printed: str
    reason: str


def read_value(text: str, field_name: str) -> tuple[Value | None, Suspicion | None]:
    """The value a cell prints, or why it could not be read as printed.

    A number split by a space (``1 5``) is never joined: it may be 1.5 whose point was lost, or
    two numbers. The draft leaves the value out and says so."""
    cell = squeeze(text)
    if _SPLIT_NUMBER.search(cell) or _SPLIT_NUMBER.search(unicodedata.normalize("NFKC", cell)):
        return None, Suspicion(field_name, cell, "lost_point")
    if folded(cell) in _MISSING:
        return parse_value("—"), None
    try:
        return parse_value(folded(cell).replace(" ", "")), None
    except PhrasedError:
        return None, Suspicion(field_name, cell, "unreadable")


@dataclass(frozen=True)
class Name:
    text: str  # the name without a unit in parentheses or a footnote mark
    unit: str | None = None  # a unit printed in the name's last parentheses (九年义务教育巩固率（%）)
    footnote: str | None = None  # a footnote mark or number that was glued to the end


_TRAILING_PARENS = re.compile(r"^(?P<name>.*?)\s*[(（]\s*(?P<inside>[^()（）]+?)\s*[)）]\s*$")
_GLUED_DIGITS = re.compile(r"^(?P<name>.*[\u4e00-\u9fff）)])\s*(?P<mark>\d{1,2})$")


def clean_name(text: str) -> Name:
    """Split a name cell into the name, a unit printed in its last parentheses, and a footnote
    mark glued to its end (``达标率 ¹``, ``达标率1``): a Chinese indicator name never ends in a
    bare number, so trailing digits after a character are a footnote reference."""
    name = " ".join(squeeze(text).split())
    footnote = None
    stripped = name.rstrip(_FOOTNOTE_MARKS + " ")
    if stripped != name:
        footnote, name = name[len(stripped) :].strip(), stripped
    unit = None
    match = _TRAILING_PARENS.match(name)
    if match and is_unit(match["inside"]):
        name, unit = match["name"].strip(), folded(match["inside"]).replace(" ", "")
    glued = _GLUED_DIGITS.match(name)
    if glued and footnote is None:
        name, footnote = glued["name"], glued["mark"]
    return Name(name, unit, footnote)
