"""Robustness properties on arbitrary input: the YAML loader, the value grammar, the progress engine
and the actuals table interpreter never raise, and what they return keeps their contracts
(findings located inside the text, numbers finite Decimals, components free of NaN and infinity).

The strategies write text that looks like the real thing (keys, colons, indentation, brackets,
quotes, anchors, tags, Chinese and full-width characters; comparators, brackets and prose words
around numbers) with arbitrary characters mixed in. The harnesses in tests/fuzz run the same
contracts coverage-guided for longer; the last test keeps them working on their seed corpus.
"""

import importlib.util
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pubsvc_cli.actuals.csv_reader import records
from pubsvc_cli.actuals.rows import ActualRow, table_rows
from pubsvc_cli.loading import Document, decode, document_from_bytes, parse_document
from pubsvc_cli.messages import Messages
from pubsvc_cli.progress import Assessment, Method, Series, assess, far_beyond, meets, position
from pubsvc_cli.repository import Repository
from pubsvc_cli.result import Finding
from pubsvc_cli.values import Ambition, Direction, Value, ValueSyntaxError, compare_ambition, parse_value

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
CATALOG = Repository().catalog[0]
FILE = "f.yaml"

#: No deadline: a few inputs (deep nesting) take longer than the default on a loaded machine.
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- checks -------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def inside(lines, line, column):
    """Line and column name a place in the text: an existing line, a column on it or just past it."""
    if line is None or column is None or not 1 <= line <= len(lines):
        return False
    return 1 <= column <= len(lines[line - 1]) + 1


def assert_located_inside(findings, lines):
    assert isinstance(findings, list) and all(isinstance(f, Finding) for f in findings)
    for finding in findings:
        for location in (finding.location, *finding.related):
            assert location.file == FILE
            assert inside(lines, location.line, location.column), (
                f"{finding.rule} {finding.args} at {location.line}:{location.column}, "
                f"in a text of {len(lines)} line(s): {lines[-3:]!r}"
            )


def assert_finite(thing, where="components"):
    if isinstance(thing, float):
        assert math.isfinite(thing), f"{where} = {thing!r}"
    elif isinstance(thing, Decimal):
        assert thing.is_finite(), f"{where} = {thing!r}"
    elif isinstance(thing, dict):
        for key, item in thing.items():
            assert_finite(item, f"{where}[{key!r}]")
    elif isinstance(thing, (list, tuple)):
        for index, item in enumerate(thing):
            assert_finite(item, f"{where}[{index}]")


def assert_numbers_finite(value):
    assert isinstance(value, Value)
    if value.number is not None:
        assert isinstance(value.number, Decimal) and value.number.is_finite(), repr(value)
    for part in value.parts:
        assert_numbers_finite(part)


# --- strategies: YAML-ish text ------------------------------------------------------------------

KEYS = [
    "plan", "id", "name", "baseline", "target", "indicators", "actuals", "year", "value", "source",
    "名称", "指标", "目标值", "基期值", "ｉｄ", "null", "true", "1.5", "2021-01-01", "<<", "? a", "?", "",
]  # fmt: skip
SCALARS = [
    "97.5", "≥97", "＞81", "〔40〕", "{35.13}", "{≥150}", "100；100", "应保尽保", "约1000", "不低于97.5%",
    "90%以上", "—", "~", "null", "yes", "0x1F", "1:30", "1_000", ".inf", ".nan", "1e5", "3.0",
    "1.0e+99999999999999999999999999", "2021-02-30", "'单引号'", "'it''s'", '"双 \\u00e9"', '"bad \\q"',
    "'unclosed", '"unclosed', "|", ">-", "|2", "&a", "*a", "&a x", "*a", "&b {k: v}", "*b", "!!int", "!!str",
    "!!float abc", "!!bool", "!!null x", "!!timestamp", "!custom", "!!binary", "!!set", "!!map", "!", "[", "]",
    "{", "}", "[a, b]", "{a: 1}", "[[[", "- - -", ",", "：", "，", "　", "@", "`", "%YAML 1.2", "%TAG ! x",
    "---", "...", "# 注释", "\t", "\u2028", "\u2029", "\x85", "\x00", "\ufeff", "\ud800", "\x07", "\ufffe", "\r",
]  # fmt: skip
CHINESE = "规划指标目标值桂林广西应保尽保约不低于以上以下％＞＜≥≤〔〕｛｝［］：；，（）“”　１２３．"
yaml_token = st.one_of(
    st.sampled_from(SCALARS),
    st.text(alphabet=CHINESE, max_size=6),
    st.text(max_size=4),
)
yaml_value = st.lists(yaml_token, max_size=3).flatmap(
    lambda tokens: st.sampled_from([" ", "", ", ", ": ", " #"]).map(lambda sep: sep.join(tokens))
)
yaml_line = st.one_of(
    st.sampled_from([*SCALARS, "?", "? a", "- ?", ": b", "? [a]"]),
    st.builds(
        lambda indent, dash, key, colon, value: " " * indent + dash + key + colon + value,
        st.integers(0, 6),
        st.sampled_from(["", "- ", "-", "? ", ": "]),
        st.sampled_from(KEYS) | st.text(alphabet=CHINESE, max_size=4),
        st.sampled_from([": ", ":", "：", " :", ""]),
        yaml_value,
    ),
)

yaml_text = st.one_of(
    st.builds(
        lambda lines, newline, end: newline.join(lines) + end,
        st.lists(yaml_line, max_size=8),
        st.sampled_from(["\n", "\r\n", "\r"]),
        st.sampled_from(["", "\n"]),
    ),
    st.text(max_size=40),
)


@st.composite
def deep_text(draw):
    """Nesting past the loader's limit (64) and past libyaml's own (1,000), after some text."""
    prefix = draw(st.sampled_from(["", "a: ", "名称名称: ", "- ", "key:\n  "]))
    opener = draw(st.sampled_from(["[", "{a: ", "- ", "[{", "&x [*x, "]))
    depth = draw(st.sampled_from([63, 64, 65, 66, 200, 999, 1000, 1001, 1100]))
    closer = draw(st.sampled_from(["", "]" * depth, "\n"]))
    return prefix + opener * depth + closer


# --- the loader ---------------------------------------------------------------------------------


@quick
@given(st.one_of(yaml_text, deep_text()))
@example("a: [")  # found by fuzz_loader: an unclosed flow at the end of a file without a final newline
@example("0:\n  0:\n  0")
def test_the_loader_never_raises_and_locates_every_finding_inside_the_text(text):
    document, findings = parse_document(text, FILE)
    assert document is None or isinstance(document, Document)
    assert_located_inside(findings, _LINE_BREAK.split(text))


@quick
@given(
    st.one_of(
        st.binary(max_size=60),
        st.tuples(yaml_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"])).map(
            lambda pair: pair[0].encode(pair[1], "replace")
        ),
    )
)
def test_loading_bytes_never_raises_and_locates_every_finding_inside_the_file(raw):
    document, findings = document_from_bytes(raw, FILE)
    text, _ = decode(raw, FILE)
    if text is None:
        assert document is None and findings
        assert_located_inside(findings, raw.split(b"\n"))
    else:
        assert_located_inside(findings, _LINE_BREAK.split(text))


@settings(quick, max_examples=60)
@given(yaml_text)
@example("?")  # found by fuzz_loader: the empty value of an explicit key at the end of the file
def test_every_value_and_key_of_a_loaded_document_is_marked_inside_the_text(text):
    # Not the loader's own contract, but every later finding (PS104 for a missing key, PS106 …) is
    # located at these marks: one outside the text is a finding an editor cannot jump to.
    document, _ = parse_document(text, FILE)
    if document is None:
        return
    lines = _LINE_BREAK.split(text)
    for marks in (document.value_marks, document.key_marks):
        for path, (line, column) in marks.items():
            assert inside(lines, line, column), f"{path} marked at {line}:{column} in {lines!r}"


@settings(quick, max_examples=60)
@given(yaml_text)
@example("a: 1.0e+99999999999999999999")
def test_no_text_reaches_the_loaders_catch_all_for_its_own_bugs(text):
    # yaml.unforeseen is the finding of last resort, for an exception the loader did not foresee.
    _document, findings = parse_document(text, FILE)
    said = [f.args["problem"] for f in findings if getattr(f.args.get("problem"), "key", None) == "yaml.unforeseen"]
    assert not said, said


@settings(quick, max_examples=40)
@given(yaml_text)
def test_every_loader_finding_renders_in_both_languages(text):
    _document, findings = parse_document(text, FILE)
    for lang in ("en", "zh"):
        for finding in findings:
            assert Messages(lang).finding(finding.rule, finding.args)


# --- strategies: value-grammar-ish text -----------------------------------------------------------

PREFIXES = ["", "约", "≥", "≤", ">", "<", ">=", "<=", "＞", "＜", "≧", "≦", "不低于", "不少于", "至少", "超过",
            "高于", "低于", "不超过", "达到", "达", "控制在", " ", "约≥", "≥约", "大约"]  # fmt: skip
SUFFIXES = ["", "%", "％", "以上", "以下", "以内", " ", "%以上", "以上%"]
BRACKETS = [("", ""), ("〔", "〕"), ("{", "}"), ("｛", "｝"), ("(", ")"), ("〔", ""), ("", "〕")]
ODD_NUMBERS = ["NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e5", "1E+999999999", "٣", "①", "²", "½", "１０",
               "1 5", "1\u30005", "1.2.3", ".", "-", "+.5", "1.", "0" * 30, "9" * 21, "0." + "0" * 25 + "1"]  # fmt: skip
number_text = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**25), 10**25).map(str),
    st.from_regex(r"[+-]?\d{0,4}(\.\d{0,4})?", fullmatch=True),
    st.sampled_from(ODD_NUMBERS),
)
simple_value_text = st.builds(
    lambda bracket, prefix, number, suffix: bracket[0] + prefix + number + suffix + bracket[1],
    st.sampled_from(BRACKETS),
    st.sampled_from(PREFIXES),
    number_text,
    st.sampled_from(SUFFIXES),
)
value_text = st.one_of(
    simple_value_text,
    st.lists(simple_value_text, min_size=1, max_size=3).flatmap(
        lambda parts: st.sampled_from(["；", ";", "；；", " ； ", "﹔"]).map(lambda sep: sep.join(parts))
    ),
    st.sampled_from(["应保尽保", "全覆盖", "—", "——", "-", "/", "", "　", " 应保尽保 ", "〔〕", "{}", "约"]),
    st.text(alphabet="0123456789.%约≥≤＞＜<>=〔〕{}；; 　不低于以上下内达到控制在应保尽全覆盖—-+eE", max_size=12),
    st.text(max_size=8),
)


def _parsed_or_missing(raw):
    """The parsed value, or the missing value for text outside the grammar (no filtering: a
    strategy that throws most of its draws away is slow, and Hypothesis says so)."""
    try:
        return parse_value(raw)
    except ValueSyntaxError:
        return parse_value(None)


#: Values written the way plans write them, nearly all in the grammar: drawing parsed values from
#: these is quick, where filtering arbitrary text for the few that parse would not be.
plain_number = st.decimals(min_value=-1000, max_value=10**6, places=3, allow_nan=False).map(str)
grammatical_text = st.one_of(
    st.builds(
        lambda bracket, prefix, number, suffix: bracket[0] + prefix + number + suffix + bracket[1],
        st.sampled_from([("", ""), ("", ""), ("〔", "〕"), ("{", "}")]),
        st.sampled_from(["", "", "约", "≥", "≤", ">", "<", "＞", "＜", "不低于", "超过", "低于", "不超过", "达到"]),
        plain_number | st.sampled_from(["0", "0.0", "-0", "100", "0.001", "9" * 20, "0." + "0" * 19 + "1"]),
        st.sampled_from(["", "%", "以上", "以下"]),
    ),
    st.sampled_from(["应保尽保", "全覆盖", "—", "", "100；100", "≥1；≤2", "98.6；99.1", "〔≥150〕；〔10〕"]),
)
parsed_value = st.one_of(
    grammatical_text.map(_parsed_or_missing),
    st.decimals(allow_nan=False, allow_infinity=False).map(_parsed_or_missing),
    value_text.map(_parsed_or_missing),
)


# --- the value grammar ----------------------------------------------------------------------------


@settings(quick, max_examples=150)
@given(value_text)
def test_parse_value_raises_only_value_syntax_error_and_states_only_finite_decimals(text):
    try:
        value = parse_value(text)
    except ValueSyntaxError:
        return
    assert_numbers_finite(value)


@settings(quick, max_examples=100)
@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.decimals(),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3) | st.none(), st.none() | st.integers(), max_size=2),
        st.tuples(st.integers()),
        st.binary(max_size=4),
    )
)
def test_parse_value_of_any_python_object_raises_only_value_syntax_error(raw):
    try:
        value = parse_value(raw)
    except ValueSyntaxError:
        return
    assert_numbers_finite(value)


@pytest.mark.parametrize(
    "raw", [10**4300, -(10**5000), 10**4299 * 7], ids=["4301-digits", "minus-5001-digits", "7e4299"]
)
def test_parse_value_of_an_integer_too_long_to_print_is_a_value_syntax_error(raw):
    # Python refuses str() of an int of more than 4,300 digits (ValueError, CVE-2020-10735).
    with pytest.raises(ValueSyntaxError):
        parse_value(raw)


@settings(quick, max_examples=60)
@given(parsed_value, parsed_value, st.sampled_from(list(Direction)))
def test_compare_ambition_returns_an_ambition_for_any_two_parsed_values(a, b, direction):
    assert isinstance(compare_ambition(a, b, direction), Ambition)


# --- the progress engine ----------------------------------------------------------------------------


#: A series is mostly plain numbers and bounds (so that the trend methods run), with any parsed value.
series_value = st.one_of(
    plain_number.map(parse_value),
    plain_number.map(parse_value),
    grammatical_text.map(_parsed_or_missing),
    parsed_value,
)


@st.composite
def any_series(draw):
    """A Series of parsed values with base_year < target_year and start_year = base_year + 1; its
    actual values fall in any year around the period (before the base year too)."""
    base_year = draw(st.integers(2000, 2030))
    target_year = draw(st.integers(base_year + 1, base_year + 10))
    # Most often the years that are edges: the one before the base year, the base year, the target year.
    edges = [base_year - 1, base_year, base_year + 1, target_year - 1, target_year]
    years = st.sampled_from(edges) | st.integers(base_year - 2, target_year + 2)
    natural = series_value.map(lambda v: v.number)  # None for a value without a number
    return Series(
        baseline=draw(series_value),
        target=draw(series_value),
        direction=draw(st.sampled_from(list(Direction))),
        base_year=base_year,
        target_year=target_year,
        start_year=base_year + 1,
        actuals=draw(st.dictionaries(years, series_value, min_size=1, max_size=5)),
        natural_max=draw(st.none() | natural),
    )


@settings(quick, max_examples=50)
@given(any_series(), st.sampled_from(list(Method)), st.none() | st.integers(1995, 2045))
@example(  # found by fuzz_values: a value in the base year, assessed by growth rate
    Series(parse_value("1"), parse_value("2"), Direction.INCREASE, 2020, 2025, 2021, {2020: parse_value("1.5")}),
    Method.CAGR,
    None,
)
def test_assess_never_raises_and_reports_only_finite_components(series, method, year):
    for as_of in (year, *series.actuals):  # as of the year drawn, and as of every year with a value
        result = assess(series, method, as_of)
        assert isinstance(result, Assessment)
        assert_finite(result.components)


@settings(quick, max_examples=40)
@given(any_series())
def test_meets_far_beyond_and_position_never_raise_and_position_stays_within_zero_and_one(series):
    for actual in series.actuals.values():
        assert meets(actual, series.target, series.direction, series.natural_max) in (True, False, None)
        ratio = far_beyond(actual, series.target, series.direction)
        assert ratio is None or ratio > 3
        for year in series.actuals:
            for share in position(series, actual, year):
                assert share is None or 0.0 <= share <= 1.0


# --- the actuals table interpreter ------------------------------------------------------------------

HEADERS = ["indicator", "year", "value", "plan", "note", "指标", "年份", "数值", "实际值", "规划", "备注", "说明",
           "id", "Year", "2021", "2022年", "2023.0", " 2024 ", "0000", "２０２２", "", "value"]  # fmt: skip
indicator_reference = st.sampled_from(sorted(CATALOG)[:20] + [e.name for e in list(CATALOG.values())[:20]])
csv_cell = st.one_of(
    st.sampled_from(HEADERS),
    indicator_reference,
    st.integers(1990, 2030).map(str),
    value_text,
    st.text(max_size=5),
).flatmap(
    lambda cell: st.sampled_from(
        [cell, f'"{cell}"', '"' + cell.replace('"', '""') + '"', f'"{cell}', f'{cell}"x', f'"{cell},\n{cell}"']
    )
)
csv_row = st.lists(csv_cell, max_size=6).map(",".join)


@st.composite
def csv_text(draw):
    header = ",".join(draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5)))
    rows = draw(st.lists(csv_row, max_size=5))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join([header, *rows])


@settings(quick, max_examples=50)
@given(st.one_of(csv_text(), st.text(max_size=60)))
def test_the_table_interpreter_never_raises(text):
    table, findings = records(text, "a.csv")
    assert isinstance(findings, list)
    if table is None:
        assert findings
        return
    rows, problems = table_rows(table, CATALOG)
    assert all(isinstance(row, ActualRow) for row in rows)
    assert all(isinstance(problem, Finding) for problem in problems)
    for row in rows:
        assert_numbers_finite(row.value)


# --- the fuzz harnesses keep working ----------------------------------------------------------------


def _harness(target):
    spec = importlib.util.spec_from_file_location(f"fuzz_{target}", FUZZ / f"fuzz_{target}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["loader", "values", "actuals"])
def test_every_fuzz_harness_accepts_every_file_of_its_seed_corpus(target):
    harness = _harness(target)
    seeds = sorted(path for path in (FUZZ / "corpus" / target).iterdir() if path.is_file())
    assert seeds, f"no seed corpus for {target}"
    for seed in seeds:
        harness.one_input(seed.read_bytes())
