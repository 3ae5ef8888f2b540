"""The value grammar: every form printed in the seed tables, exact decimals, and ambition."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pubsvc_cli.values import (
    Ambition,
    Direction,
    Form,
    ValueSyntaxError,
    compare_ambition,
    parse_value,
)

UP, DOWN = Direction.INCREASE, Direction.DECREASE


@pytest.mark.parametrize(
    "text, form, number, comparator, cumulative",
    [
        ("4.5", Form.NUMBER, "4.5", None, False),
        (Decimal("101.07"), Form.NUMBER, "101.07", None, False),
        ("≥97", Form.BOUND, "97", ">=", False),
        (">95", Form.BOUND, "95", ">", False),
        ("＞81", Form.BOUND, "81", ">", False),
        ("＜18", Form.BOUND, "18", "<", False),
        ("≤5", Form.BOUND, "5", "<=", False),
        ("<=5", Form.BOUND, "5", "<=", False),
        ("〔40〕", Form.NUMBER, "40", None, True),
        ("{35.13}", Form.NUMBER, "35.13", None, True),
        ("{≥150}", Form.BOUND, "150", ">=", True),
        ("〔≥150〕", Form.BOUND, "150", ">=", True),
        ("98%", Form.NUMBER, "98", None, False),
        ("９８．５", Form.NUMBER, "98.5", None, False),
    ],
)
def test_numeric_forms_parse_to_exact_decimals(text, form, number, comparator, cumulative):
    value = parse_value(text)
    assert value.form is form
    assert value.number == Decimal(number)
    assert value.comparator == comparator
    assert value.cumulative is cumulative


def test_printed_text_is_kept_verbatim():
    assert parse_value("＞81").text == "＞81"
    assert str(parse_value(Decimal("3.0"))) == "3.0"


def test_compound_cell_holds_every_part():
    value = parse_value("100；100")
    assert value.form is Form.COMPOUND
    assert [p.number for p in value.parts] == [Decimal(100), Decimal(100)]
    assert parse_value("98.6;≥99").parts[1].comparator == ">="


@pytest.mark.parametrize(
    "text, comparator, number",
    [
        ("不低于97.5%", ">=", "97.5"),
        ("超过102.7%", ">", "102.7"),
        ("90%以上", ">=", "90"),
        ("控制在8.5%以下", "<=", "8.5"),
        ("低于18", "<", "18"),
        ("不超过5", "<=", "5"),
        ("达到98%", None, "98"),
    ],
)
def test_prose_comparators_read_as_bounds(text, comparator, number):
    value = parse_value(text)
    assert (value.comparator, value.number, value.text) == (comparator, Decimal(number), text)


def test_qualitative_and_approximate_and_missing():
    assert parse_value("应保尽保").phrase == "应保尽保"
    approx = parse_value("约1000")
    assert approx.approximate and approx.number == Decimal(1000)
    for text in ("—", "——", "", None, "  "):
        assert parse_value(text).is_missing


@pytest.mark.parametrize(
    "text", ["abc", "1.2.3", "{}", "100；", "≥", "约", "〔40", "大约90", "1,000", "不低于90以上", True]
)
def test_anything_else_is_rejected_with_the_text_quoted(text):
    with pytest.raises(ValueSyntaxError) as raised:
        parse_value(text)
    assert repr(text) in str(raised.value) or str(text).lower() in str(raised.value).lower()


def test_decimal_arithmetic_decides_exactly():
    # 0.1 + 0.2 as floats is 0.30000000000000004 > 0.3; the grammar never produces floats.
    total = parse_value("0.1").number + parse_value("0.2").number
    assert compare_ambition(parse_value(str(total)), parse_value("0.3"), UP) is Ambition.NOT_WEAKER
    assert compare_ambition(parse_value("3.0"), parse_value("≥3"), UP) is Ambition.NOT_WEAKER


@pytest.mark.parametrize(
    "value, reference, direction, expected",
    [
        ("2.2", "2.6", UP, Ambition.WEAKER),  # Guilin 人均体育场地面积 against Guangxi
        ("23", ">30", UP, Ambition.WEAKER),  # Guilin 社区综合服务设施面积
        ("30", ">30", UP, Ambition.NOTATION),  # the same number, strict or not: notation, not commitment
        (">30", "30", UP, Ambition.NOTATION),
        ("≥95", ">95", UP, Ambition.NOTATION),  # guilin-13th against guangxi-13th: 95%以上 printed as >95
        ("97.5", ">97", UP, Ambition.NOT_WEAKER),  # Guilin 基本医疗保险参保率 against Guangxi
        ("≥96", "98", UP, Ambition.WEAKER),  # Guilin 基本养老保险参保率 against its baseline
        (">97", ">95", UP, Ambition.NOT_WEAKER),
        ("95", ">95", UP, Ambition.NOTATION),
        ("94.9", ">95", UP, Ambition.WEAKER),
        ("≥102.7", "97", UP, Ambition.NOT_WEAKER),
        ("〔10〕", "〔14.08〕", UP, Ambition.WEAKER),  # five-year totals
        ("{≥150}", "{254.86}", UP, Ambition.WEAKER),
        ("〔8.56〕", "〔5.50〕", UP, Ambition.NOT_WEAKER),
        ("〔10〕", "10", UP, Ambition.INCOMPARABLE),  # a total against a level
        ("＜18", "＜20", DOWN, Ambition.NOT_WEAKER),  # lower is better
        ("20", "＜18", DOWN, Ambition.WEAKER),
        ("18", "＜18", DOWN, Ambition.NOTATION),
        ("18.1", "＜18", DOWN, Ambition.WEAKER),
        ("≤5", "3", UP, Ambition.INCOMPARABLE),  # a ceiling says nothing for a rising indicator
        ("应保尽保", "应保尽保", UP, Ambition.NOT_WEAKER),
        ("应保尽保", "100", UP, Ambition.INCOMPARABLE),
        ("—", "5", UP, Ambition.INCOMPARABLE),
        ("100；98", "100；99", UP, Ambition.WEAKER),  # every part must hold
        ("100；100", "100；99", UP, Ambition.NOT_WEAKER),
        ("100；100", "100", UP, Ambition.INCOMPARABLE),
        ("约1000", "1100", UP, Ambition.WEAKER),
    ],
)
def test_ambition_follows_direction_and_bounds(value, reference, direction, expected):
    assert compare_ambition(parse_value(value), parse_value(reference), direction) is expected


decimals = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(decimals, decimals)
def test_ambition_is_a_strict_order_on_plain_numbers(a, b):
    va, vb = parse_value(a), parse_value(b)
    weaker_up = compare_ambition(va, vb, UP) is Ambition.WEAKER
    assert weaker_up == (a < b)
    # Reversing the direction reverses the verdict (direction symmetry).
    assert (compare_ambition(va, vb, DOWN) is Ambition.WEAKER) == (a > b)


@given(decimals)
def test_a_strict_bound_and_its_number_differ_in_notation_only(a):
    # 以上 includes the number (《民法典》第一千二百五十九条): >a and a are one commitment, written twice.
    assert compare_ambition(parse_value(a), parse_value(f">{a}"), UP) is Ambition.NOTATION
    assert compare_ambition(parse_value(f">{a}"), parse_value(a), UP) is Ambition.NOTATION
    assert compare_ambition(parse_value(f"{a}以上"), parse_value(f">{a}"), UP) is Ambition.NOTATION


@given(st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,25})?", fullmatch=True))
def test_a_plain_decimal_reads_as_the_full_grammar_reads_it(text):
    from pubsvc_cli.values import ValueSyntaxError, _parse_printed, _parse_text

    try:
        expected = _parse_text(text, original=text, allow_compound=True)
    except ValueSyntaxError as error:  # too many digits: the shortcut refuses it the same way
        with pytest.raises(ValueSyntaxError) as refused:
            _parse_printed(text)
        assert refused.value.phrase == error.phrase
        return
    assert _parse_printed(text) == expected
