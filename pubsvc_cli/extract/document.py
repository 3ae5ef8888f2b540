"""A plan document's plain text, as the extractor reads it: decoded like any file pubsvc reads,
converted to simplified characters and mainland wording when it went through a Taiwan-style
converter, split into numbered lines, and searchable for a quote with whitespace runs folded
(table cells are one per line or tab-separated, so a row quoted with spaces is found as printed)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..loading import decode, read_bytes
from ..normalise import to_mainland_simplified
from ..result import Finding

#: A plan document may be long (a national plan is about 200 KB of text); this is a bound against
#: a wrong file, not a limit a real plan reaches.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

#: Share of the Chinese characters that the conversion to simplified changes, above which a text
#: is taken as written in traditional characters (a simplified text scores 0–0.3 %: a few variant
#: characters; a text in traditional characters scores about 25 %).
TRADITIONAL_SHARE = 0.02

_WHITESPACE = re.compile(r"[\s\u00a0\u3000]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


_PLAN_NUMBER = re.compile(r"十([一二三四五六七八九])五")
_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def named_period(text: str) -> tuple[int, int] | None:
    """The years of the five-year plan that ``text`` names (``“十三五”`` → 2016–2020). Plans
    from the third on are numbered from 1966 in five-year steps."""
    match = _PLAN_NUMBER.search(text)
    return plan_years(10 + _DIGITS[match[1]]) if match else None


def plan_years(number: int) -> tuple[int, int]:
    """The first and last year of the ``number``-th five-year plan (13 → 2016–2020)."""
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def plan_number(year: int) -> int:
    """The five-year plan that ``year`` falls in (2016–2020 → 13)."""
    return (year - 1966) // 5 + 3


def fold(text: str) -> str:
    """Whitespace runs (tabs, line breaks, no-break and ideographic spaces) → one space."""
    return _WHITESPACE.sub(" ", text).strip()


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters: the share of its Chinese characters
    that the conversion to simplified changes, each character converted on its own (a wording
    the conversion replaces would shift every later position)."""
    characters = _CJK.findall(text[:200_000])
    if not characters:
        return False
    from ..normalise import to_simplified_character

    changed = sum(1 for ch in characters if to_simplified_character(ch) != ch)
    return changed / len(characters) > TRADITIONAL_SHARE


@dataclass
class SourceText:
    """The text the extractor reads, with what was done to it."""

    name: str  # the file name as drafts cite it (``source.document``)
    text: str  # simplified, mainland wording; line breaks kept
    converted: bool = False  # the printed text was in traditional characters
    printed: str | None = None  # the text as printed, when it was converted
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def folded_printed(self) -> str:
        return fold(self.printed) if self.printed is not None else ""

    def contains(self, quote: str) -> bool:
        """Whether ``quote`` occurs in the text, whitespace runs matching any whitespace: in the
        converted text, or in the text as printed (a quote copied from a traditional original)."""
        folded = fold(quote)
        return bool(folded) and (folded in self.folded or (self.printed is not None and folded in self.folded_printed))

    def span(self, quote: str) -> tuple[int, int] | None:
        """Where ``quote`` first occurs in the folded text (start, end), or None."""
        folded = fold(quote)
        start = self.folded.find(folded) if folded else -1
        return (start, start + len(folded)) if start >= 0 else None


def source_text(text: str, name: str) -> SourceText:
    """A document's text prepared for reading: traditional characters converted, line ends unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_traditional(text):
        return SourceText(name, to_mainland_simplified(text), converted=True, printed=text)
    return SourceText(name, text)


def read_source(path: Path, file: str) -> tuple[SourceText | None, list[Finding]]:
    """Read a plan document in any encoding ``validate`` accepts (UTF-8 with or without a BOM,
    UTF-16 with a BOM); an unreadable file is a located PS101 finding."""
    raw, findings = read_bytes(path, file, limit=MAX_DOCUMENT_BYTES)
    if raw is None:
        return None, findings
    text, findings = decode(raw, file)
    if text is None:
        return None, findings
    return source_text(text, path.name), []
