"""The value grammar: every value a plan file or an actuals file prints — baselines, targets,
actual values, statements and service floors.

Chinese plan tables print values in a handful of forms; every one of them is parsed here and
nowhere else, into an exact :class:`Value` (numbers are :class:`~decimal.Decimal`, never float,
because a comparison here decides a verdict):

==================  =============================================================
``4.5``, ``101.07``  a plain number; whether it is a floor or a ceiling depends on
                     the indicator's desired direction
``≥97`` ``>95``      a bound (full-width ``＞ ＜ ≥ ≤`` and ASCII ``>= <=`` too)
``＞81`` ``＜18``
``〔40〕``            a five-year cumulative total; ``{35.13}`` means the same, and
``{≥150}``          a comparator may stand inside the brackets
``100；100``         a compound cell: several values, each must hold
``应保尽保``          a qualitative target ("every eligible person covered")
``约1000``           an approximate number
``不低于97.5%``       prose comparators: 不低于/不少于 (≥), 超过/高于 (>), 低于 (<),
``90%以上``          不高于/不超过 (≤), …以上 (≥), …以下/以内 (≤), 达到/控制在 (none)
``—`` ``——`` empty   missing (no value printed)
==================  =============================================================

Anything else is rejected with a message that quotes the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from .messages import Phrase, PhrasedError, phrase

#: Qualitative phrases with a fixed meaning; the tool compares them only with themselves.
QUALITATIVE_PHRASES = {
    "应保尽保": "every eligible person is covered",
    "全覆盖": "full coverage",
}

#: How a plan prints "no value" (an empty cell, dashes, a slash).
MISSING_MARKS = frozenset({"", "—", "——", "-", "--", "―", "/"})
_CUMULATIVE_BRACKETS = {"〔": "〕", "{": "}"}
_COMPARATORS = [  # longest spellings first
    (">=", ">="),
    ("≥", ">="),
    ("≧", ">="),
    ("<=", "<="),
    ("≤", "<="),
    ("≦", "<="),
    (">", ">"),
    ("<", "<"),
]
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# Prose forms of the comparators, as plans write them (不低于97.5%, 90%以上, 控制在8.5%以下).
# 以上/以下 are inclusive in Chinese official usage; 超过/低于 are strict.
_WORD_PREFIXES = [
    ("不低于", ">="),
    ("不少于", ">="),
    ("至少", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("低于", "<"),
    ("少于", "<"),
    ("小于", "<"),
    ("达到", None),
    ("达", None),
    ("控制在", None),
]
_WORD_SUFFIXES = [("以上", ">="), ("以下", "<="), ("以内", "<=")]


class Form(str, Enum):
    NUMBER = "number"
    BOUND = "bound"
    QUALITATIVE = "qualitative"
    MISSING = "missing"
    COMPOUND = "compound"


class Direction(str, Enum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ValueSyntaxError(PhrasedError):
    """A value that is not in the grammar; the phrase quotes it and lists what is accepted."""


def _hint() -> Phrase:
    return phrase("value.grammar")


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    form: Form
    number: Decimal | None = None
    comparator: str | None = None  # one of > >= < <=, for Form.BOUND
    cumulative: bool = False
    approximate: bool = False
    phrase: str | None = None  # for Form.QUALITATIVE
    parts: tuple[Value, ...] = ()

    @property
    def is_missing(self) -> bool:
        return self.form is Form.MISSING

    @property
    def numbers(self) -> list[Decimal]:
        """Every number the value states (all parts of a compound)."""
        if self.form is Form.COMPOUND:
            return [n for part in self.parts for n in part.numbers]
        return [self.number] if self.number is not None else []

    def canonical(self) -> tuple:
        """The value without its wording: 98%, 98 and 98.0 are the same; ≥98 and 98 are not."""
        return (
            self.form,
            self.comparator,
            self.number,
            self.cumulative,
            self.phrase,
            tuple(part.canonical() for part in self.parts),
        )

    def __str__(self) -> str:
        return self.text if self.text else "—"


MISSING = Value(text="", form=Form.MISSING)


def parse_value(raw: object) -> Value:
    """Parse one printed cell (a YAML string or number) into a :class:`Value`."""
    if raw is None:
        return MISSING
    if isinstance(raw, Value):
        return raw
    if isinstance(raw, bool):
        raise ValueSyntaxError(phrase("value.yes_no", value=str(raw).lower(), hint=_hint()))
    if isinstance(raw, (int, float, Decimal)):
        # Floats only arrive from spreadsheets (and Python callers): read them as Excel shows them,
        # to 15 significant digits, so that a cell holding 0.1+0.2 is 0.3, not 0.30000000000000004.
        try:
            text = _as_excel_shows(raw) if isinstance(raw, float) else str(raw)
        except ValueError:  # an integer of more digits than Python will print
            raise ValueSyntaxError(phrase("value.too_many_digits", value="…", digits=MAX_DIGITS)) from None
        return Value(text=text, form=Form.NUMBER, number=_checked_number(Decimal(text), text))
    if isinstance(raw, dict) and len(raw) == 1 and None in raw.values():
        # An unquoted {35.13} is a YAML flow mapping; say how to write the five-year total.
        inner = next(iter(raw))
        raise ValueSyntaxError(phrase("value.mapping", inner=inner))
    if not isinstance(raw, str):
        raise ValueSyntaxError(phrase("value.not_a_value", value=raw, hint=_hint()))
    return _parse_printed(raw.strip())


@lru_cache(maxsize=1 << 16)
def _parse_printed(text: str) -> Value:
    """A printed value, parsed once per text: a national table of actual values repeats the same
    few thousand numbers hundreds of times. Values are immutable, so sharing them is safe; a text
    that does not parse raises each time (errors are not cached)."""
    if _PLAIN_NUMBER.fullmatch(text):  # most cells of a table of actual values: the grammar's answer, directly
        return Value(text=text, form=Form.NUMBER, number=_checked_number(Decimal(text), text))
    return _parse_text(text, original=text, allow_compound=True)


#: A plain ASCII decimal (2.46, -3, 100): read by the full grammar as exactly this number, so it
#: takes a shortcut (a test holds the two to the same answer).
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _as_excel_shows(number: float) -> str:
    """A float to 15 significant digits (Excel's precision), without exponent or trailing zeros."""
    if number != number or number in (float("inf"), float("-inf")):
        return repr(number)  # refused by _checked_number with the text as the user wrote it
    return format(Decimal(format(number, ".15g")).normalize(), "f")


def _parse_text(text: str, *, original: str, allow_compound: bool) -> Value:
    # NFKC folds full-width forms (＜ ％ ； １) to ASCII; the printed text is kept untouched.
    folded = unicodedata.normalize("NFKC", text).strip()
    if re.search(r"\d\s+\.?\d", folded):
        # "1 5" is how a lost decimal point looks in extracted tables (Sichuan 表1): never read it as 15.
        raise ValueSyntaxError(phrase("value.lost_point", value=original))
    folded = folded.replace("\u3000", "").replace(" ", "")
    if folded in MISSING_MARKS:
        return Value(text=original, form=Form.MISSING)
    if ";" in folded or "；" in text:
        if not allow_compound:
            raise ValueSyntaxError(phrase("value.nested_compound", value=original))
        pieces = [p for p in re.split(r"[;；]", text)]
        if any(not p.strip() for p in pieces):
            raise ValueSyntaxError(phrase("value.empty_part", value=original, hint=_hint()))
        parts = tuple(_parse_text(p.strip(), original=p.strip(), allow_compound=False) for p in pieces)
        return Value(text=original, form=Form.COMPOUND, parts=parts, cumulative=all(p.cumulative for p in parts))
    if folded in QUALITATIVE_PHRASES:
        return Value(text=original, form=Form.QUALITATIVE, phrase=folded)

    cumulative = False
    opening = folded[:1]
    if opening in _CUMULATIVE_BRACKETS and folded.endswith(_CUMULATIVE_BRACKETS[opening]):
        cumulative = True
        folded = folded[1:-1].strip()
        if not folded:
            raise ValueSyntaxError(phrase("value.empty_total", value=original, hint=_hint()))

    approximate = False
    if folded.startswith("约"):
        approximate = True
        folded = folded[1:]

    comparator = None
    for spelling, canonical in _COMPARATORS:
        if folded.startswith(spelling):
            comparator = canonical
            folded = folded[len(spelling) :]
            break
    else:
        comparator, folded = _prose_comparator(folded, original)

    if folded.endswith("%"):
        folded = folded[:-1]
    if not _NUMBER.fullmatch(folded):
        raise ValueSyntaxError(phrase("value.unreadable", value=original, hint=_hint()))
    try:
        number = _checked_number(Decimal(folded), original)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise ValueSyntaxError(phrase("value.unreadable", value=original, hint=_hint())) from exc
    return Value(
        text=original,
        form=Form.BOUND if comparator else Form.NUMBER,
        number=number,
        comparator=comparator,
        cumulative=cumulative,
        approximate=approximate,
    )


#: More significant digits than any statistic has; beyond it a value is a data-entry slip.
MAX_DIGITS = 20


def _checked_number(number: Decimal, original: str) -> Decimal:
    if not number.is_finite():
        raise ValueSyntaxError(phrase("value.not_a_number", value=original, hint=_hint()))
    if len(number.as_tuple().digits) > MAX_DIGITS or abs(number.adjusted()) > MAX_DIGITS:
        raise ValueSyntaxError(phrase("value.too_many_digits", value=original, digits=MAX_DIGITS))
    return number


def _prose_comparator(folded: str, original: str) -> tuple[str | None, str]:
    """Read 不低于X / 超过X / X以上 / 控制在X以下 into a comparator and the bare number."""
    comparator = None
    for word, canonical in _WORD_PREFIXES:
        if folded.startswith(word):
            comparator, folded = canonical, folded[len(word) :]
            break
    for word, canonical in _WORD_SUFFIXES:
        if folded.endswith(word):
            if comparator is not None:
                raise ValueSyntaxError(phrase("value.two_comparators", value=original))
            comparator, folded = canonical, folded[: -len(word)]
            break
    return comparator, folded


# --- ambition: how demanding a target is, in the indicator's desired direction -------------


class Commitment(NamedTuple):  # a tuple: every comparison of two values makes two of them
    """The least a value guarantees in the desired direction: ``number`` (or beyond it when
    ``strict``). For a decreasing indicator it is a ceiling; the comparison below handles both.
    A target commits a plan to it; an observed value (``≥95``) guarantees it."""

    number: Decimal
    strict: bool


class Ambition(str, Enum):
    WEAKER = "weaker"
    NOT_WEAKER = "not_weaker"
    #: The same number, once strict and once not (``>95`` and ``≥95``): a difference of notation,
    #: not of commitment (see :func:`compare_ambition`).
    NOTATION = "notation"
    INCOMPARABLE = "incomparable"


def commitment(value: Value, direction: Direction) -> Commitment | None:
    """The level a single (non-compound) value guarantees in the desired direction, or None when
    it guarantees nothing there (a qualitative phrase, a missing value, or a bound that points the
    other way, such as ``≤5`` for an indicator that should rise)."""
    if value.form is Form.NUMBER:
        return Commitment(value.number, strict=False)
    if value.form is Form.BOUND:
        rising = direction is Direction.INCREASE
        if rising and value.comparator in (">", ">="):
            return Commitment(value.number, strict=value.comparator == ">")
        if not rising and value.comparator in ("<", "<="):
            return Commitment(value.number, strict=value.comparator == "<")
    return None


def _weaker(a: Commitment, b: Commitment, direction: Direction) -> bool:
    """True when commitment ``a`` asks for less than ``b`` (strictness aside: see NOTATION)."""
    if direction is Direction.INCREASE:
        return a.number < b.number
    return a.number > b.number


def compare_ambition(value: Value, reference: Value, direction: Direction) -> Ambition:
    """Is ``value`` less ambitious than ``reference`` (a baseline, or an upper plan's target)?

    Only a certain answer counts: WEAKER when every reading of the two values makes ``value``
    ask for less, NOT_WEAKER when it does not, INCOMPARABLE when the forms do not allow a
    comparison (a five-year total against a level, a phrase against a number, a missing value).

    The same number with and without strictness (``>95`` against ``≥95`` or ``95``) is NOTATION,
    never WEAKER: Chinese legal usage counts 以上/以下 as including the number (《民法典》第一千二百五十九条),
    and plans print one commitment as ``95%以上`` in prose and ``>95`` in a table.
    """
    if value.form is Form.MISSING or reference.form is Form.MISSING:
        return Ambition.INCOMPARABLE
    if value.cumulative != reference.cumulative:
        return Ambition.INCOMPARABLE
    if value.form is Form.COMPOUND or reference.form is Form.COMPOUND:
        if not (value.form is reference.form is Form.COMPOUND) or len(value.parts) != len(reference.parts):
            return Ambition.INCOMPARABLE
        verdicts = [compare_ambition(v, r, direction) for v, r in zip(value.parts, reference.parts, strict=True)]
        for verdict in (Ambition.WEAKER, Ambition.INCOMPARABLE, Ambition.NOTATION):
            if verdict in verdicts:
                return verdict
        return Ambition.NOT_WEAKER
    if value.form is Form.QUALITATIVE or reference.form is Form.QUALITATIVE:
        if value.form is reference.form and value.phrase == reference.phrase:
            return Ambition.NOT_WEAKER
        return Ambition.INCOMPARABLE
    mine, theirs = commitment(value, direction), commitment(reference, direction)
    if mine is None or theirs is None:
        return Ambition.INCOMPARABLE
    if mine.number == theirs.number and mine.strict != theirs.strict:
        return Ambition.NOTATION
    return Ambition.WEAKER if _weaker(mine, theirs, direction) else Ambition.NOT_WEAKER
