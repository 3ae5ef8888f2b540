"""Reading YAML: positions for every value, exact numbers, and located errors instead of exceptions."""

import subprocess
import sys
from decimal import Decimal

import pytest

from pubsvc_cli import loading
from pubsvc_cli.loading import parse_document, read_document
from pubsvc_cli.messages import Messages


def test_every_value_and_key_has_its_line_and_column():
    doc, findings = parse_document("plan:\n  id: x\nindicators:\n  - name: a\n    target: 4.5\n", "f.yaml")
    assert findings == []
    assert doc.location(("indicators", 0, "target")).line == 5
    assert doc.location(("indicators", 0, "target")).column == 13
    assert doc.location(("plan", "id"), key=True).column == 3


def test_a_missing_path_is_located_at_its_nearest_parent():
    doc, _ = parse_document("plan:\n  id: x\n", "f.yaml")
    location = doc.location(("plan", "name"))
    assert (location.line, location.column) == (2, 3)
    assert location.yaml_path == "plan.name"


def test_numbers_are_decimals_written_as_in_the_file():
    doc, _ = parse_document("a: 3.0\nb: 0.1\nc: 101.07\nd: 7\n", "f.yaml")
    assert doc.data == {"a": Decimal("3.0"), "b": Decimal("0.1"), "c": Decimal("101.07"), "d": Decimal(7)}
    assert str(doc.data["a"]) == "3.0"


def test_duplicate_key_keeps_the_first_value_and_reports_the_second():
    doc, findings = parse_document("target: 1\nname: a\ntarget: 2\n", "f.yaml")
    assert doc.data["target"] == 1
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("PS103", 3, 1)]
    assert findings[0].args["first_line"] == 1


def test_syntax_error_is_a_located_finding():
    doc, findings = parse_document("plan:\n  id: [unclosed\n  name: x\n", "f.yaml")
    assert doc is None
    assert findings[0].rule == "PS102"
    assert findings[0].location.line is not None


def test_unquoted_braces_are_explained():
    # {35.13} unquoted is a YAML flow mapping, not a value: the hint says to quote it.
    doc, findings = parse_document("target: {35.13\n", "f.yaml")
    assert findings and findings[0].rule == "PS102" and findings[0].args["variant"] == "quote"
    doc, findings = parse_document("target: >95\n", "f.yaml")
    assert findings[0].args["variant"] == "quote"


def test_the_advice_to_quote_is_given_only_where_quoting_helps():
    doc, findings = parse_document("name: a: b\n", "f.yaml")
    assert findings[0].rule == "PS102" and findings[0].args["variant"] is None
    assert "quoted" not in Messages("en").finding("PS102", findings[0].args)


def test_non_utf8_file_is_located_at_the_first_bad_byte(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("name: ok\nunit: 万人\n".encode("gbk"))
    doc, findings = read_document(path)
    assert doc is None
    assert findings[0].rule == "PS101" and findings[0].args["variant"] == "encoding"
    assert (findings[0].location.line, findings[0].location.column) == (2, 7)


def test_utf8_bom_and_utf16_are_accepted(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffname: 桂林\n".encode("utf-8"))
    assert read_document(bom)[0].data == {"name": "桂林"}
    utf16 = tmp_path / "u16.yaml"
    utf16.write_bytes("name: 桂林\n".encode("utf-16"))
    assert read_document(utf16)[0].data == {"name": "桂林"}


def test_alias_bomb_is_refused_not_expanded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    doc, findings = parse_document("\n".join(lines) + "\n", "bomb.yaml")
    assert doc is None and findings[0].rule == "PS101" and findings[0].args["variant"] == "too_complex"


def test_missing_file_and_folder_are_findings(tmp_path):
    assert read_document(tmp_path / "nope.yaml")[1][0].args["variant"] == "unreadable"
    assert read_document(tmp_path)[1][0].args["variant"] == "directory"


def test_empty_file_loads_as_nothing():
    doc, findings = parse_document("", "f.yaml")
    assert doc.data is None and findings == []


# --- robustness: nothing in the file can crash the loader or slip through as a wrong value --------


EN = Messages("en")


def where(finding):
    return finding.rule, finding.location.line, finding.location.column


@pytest.mark.parametrize("text", ["'[' * 30000 + ']' * 30000", "'{a: ' * 60000 + '}' * 60000", "'- ' * 30000 + 'x'"])
def test_deep_nesting_is_refused_without_crashing_the_process(text):
    # PyYAML's composer recursed once per level and overflowed the C stack (exit 139), so this runs
    # in a child process: a crash must fail the test, not kill the test run.
    code = (
        "from pubsvc_cli.loading import parse_document\n"
        f"doc, findings = parse_document({text}, 'deep.yaml')\n"
        "print(doc, [(f.rule, f.args['variant']) for f in findings])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.strip() == "None [('PS101', 'too_complex')]"


@pytest.mark.parametrize("levels", [100, 1500, 30000])
def test_deep_nesting_is_located_where_the_limit_is_crossed_whatever_refuses_it(levels):
    # From 1,000 levels of flow nesting on, libyaml (PyYAML >= 6.0.2) refuses the file itself, before
    # pubsvc's own limit is reached: the user still gets the same finding at the same place.
    doc, findings = parse_document("a: 桂林\nb: " + "[" * levels + "]" * levels, "f.yaml")
    assert doc is None and [where(f) for f in findings] == [
        ("PS101", 2, loading.MAX_DEPTH + 4)
    ]  # the mapping is a level too
    assert findings[0].args["variant"] == "too_complex"
    assert str(findings[0].args["detail"]) == f"nested more than {loading.MAX_DEPTH} levels deep"
    doc, findings = parse_document("[" * loading.MAX_DEPTH + "]" * loading.MAX_DEPTH, "f.yaml")
    assert findings == [] and doc is not None


def test_recursion_error_is_a_finding_not_a_crash(monkeypatch):
    def deep(*_args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loading._Builder, "build", deep)
    monkeypatch.setattr(loading, "_direct_build", deep)
    doc, findings = parse_document("a: 1\n", "f.yaml")
    assert doc is None and findings[0].rule == "PS101" and findings[0].args["variant"] == "too_complex"


def test_any_other_loader_error_is_a_located_finding(monkeypatch):
    def broken(*_args):
        raise ValueError("something unforeseen")

    monkeypatch.setattr(loading, "_decimal", broken)  # the number's value, in either builder
    monkeypatch.setattr(loading, "_PLAIN", {})  # not one read before
    doc, findings = parse_document("a:\n  b: 1\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 2, 6)]
    assert "something unforeseen" in str(findings[0].args["problem"])


@pytest.mark.parametrize(
    "value, kind",
    [("!!int abc", "integer"), ("!!float abc", "number"), ("!!timestamp abc", "date"), ("!!bool abc", "boolean")],
)
def test_a_scalar_that_does_not_fit_its_tag_is_a_located_finding(value, kind):
    doc, findings = parse_document(f"name: x\ntarget: {value}\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 2, 9)]
    assert f"'abc' is not a valid {kind}" in str(findings[0].args["problem"])
    assert findings[0].location.yaml_path == "target"


def test_every_bad_scalar_is_reported_not_only_the_first():
    doc, findings = parse_document("a: !!int x\nb: !!bool y\nc: !foo z\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 1, 4), ("PS102", 2, 4), ("PS102", 3, 4)]
    assert "!foo" in str(findings[2].args["problem"])


def test_dates_stay_the_text_written():
    # 2021-02-30 made PyYAML raise ValueError; 2021-01-01 became a datetime.date the models refuse.
    doc, findings = parse_document("target: 2021-02-30\nperiod: 2021-01-01\nat: 2021-01-01 10:00:00\n", "f.yaml")
    assert findings == []
    assert doc.data == {"target": "2021-02-30", "period": "2021-01-01", "at": "2021-01-01 10:00:00"}


def test_yaml_only_values_stay_text():
    # '=' (the YAML 1.1 "value" key) had no constructor and failed the whole file.
    doc, findings = parse_document("a: =\nb: <<\n", "f.yaml")
    assert findings == [] and doc.data == {"a": "=", "b": "<<"}


@pytest.mark.parametrize(
    "text",
    [
        "1:30",
        "-1:30",
        "190:20:30",
        "0b101",
        "0o17",
        "0x1F",
        "1_000",
        "1_000.5",
        ".nan",
        ".NaN",
        ".inf",
        "-.inf",
        "+.Inf",
        "!!int 1:30",
        "!!float .nan",
    ],
)
def test_yaml_1_1_number_forms_stay_text_for_the_value_grammar(text):
    doc, findings = parse_document(f"target: {text}\n", "f.yaml")
    assert findings == [] and doc.data == {"target": text.removeprefix("!!int ").removeprefix("!!float ")}


def test_plain_decimals_are_read_as_before():
    doc, _ = parse_document("a: 4.5\nb: 101.07\nc: 3.0\nd: -2\ne: +5\nf: .5\ng: 1.5e+3\nh: 017\ni: 1e3\n", "f.yaml")
    assert doc.data == {
        "a": Decimal("4.5"),
        "b": Decimal("101.07"),
        "c": Decimal("3.0"),
        "d": Decimal(-2),
        "e": Decimal(5),
        "f": Decimal("0.5"),
        "g": Decimal("1.5e+3"),
        "h": Decimal(17),
        "i": "1e3",
    }  # YAML 1.1 needs a dot in a float: 1e3 always was text
    assert str(doc.data["c"]) == "3.0"


MERGE = "row: &row\n  name: a\n  target: 1\nplan:\n  <<: *row\n  target: 2\n"


def test_a_written_key_overrides_a_merged_one_and_is_no_duplicate():
    doc, findings = parse_document(MERGE, "f.yaml")
    assert findings == []
    assert doc.data["plan"] == {"name": "a", "target": Decimal(2)}
    assert doc.data["row"] == {"name": "a", "target": Decimal(1)}


def test_merged_values_are_located_where_they_are_written():
    doc, _ = parse_document(MERGE, "f.yaml")
    assert (doc.location(("plan", "name")).line, doc.location(("plan", "name")).column) == (2, 9)
    assert (doc.location(("plan", "target")).line, doc.location(("plan", "target")).column) == (6, 11)
    assert doc.location(("plan", "target"), key=True).line == 6


def test_a_key_written_twice_next_to_a_merge_is_still_a_duplicate():
    doc, findings = parse_document(MERGE + "  target: 3\n", "f.yaml")
    assert [where(f) for f in findings] == [("PS103", 7, 3)] and findings[0].args["first_line"] == 6
    assert doc.data["plan"]["target"] == 2


def test_of_several_merged_mappings_the_first_wins():
    doc, findings = parse_document("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n", "f.yaml")
    assert findings == [] and doc.data["c"] == {"x": 1, "y": 2}


def test_merging_something_else_than_a_mapping_is_a_located_finding():
    doc, findings = parse_document("a:\n  <<: 5\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 2, 7)]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_invisible_line_separators_are_reported_where_an_editor_shows_them(separator):
    # PyYAML counts them as line breaks, so every later line number was off by one.
    doc, findings = parse_document(f"plan:\n  name: 桂林{separator}市\n  bad: [\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 2, 11)]
    assert f"U+{ord(separator):04X}" in str(findings[0].args["problem"])


def test_each_separator_is_reported_with_lines_counted_as_an_editor_does():
    doc, findings = parse_document("a: 1\r\nb: x\u2028y\u2029\r\nc: z\u2028\n", "f.yaml")
    assert [where(f) for f in findings] == [("PS102", 2, 5), ("PS102", 2, 7), ("PS102", 3, 5)]


def test_a_nul_byte_is_located():
    doc, findings = parse_document("a: 1\nb: x\0y\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS101", 2, 5)]
    assert findings[0].args["variant"] == "nul"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path, encoding):
    path = tmp_path / "u16.yaml"
    path.write_bytes("plan:\n  name: 桂林市\n  id: guilin\n".encode(encoding))
    doc, findings = read_document(path)
    assert doc is None and [where(f) for f in findings] == [("PS101", 1, 1)]
    order = "LE" if encoding.endswith("le") else "BE"
    assert EN.finding("PS101", findings[0].args) == (
        f"the file looks like UTF-16 ({order}) without a byte-order mark; save it as UTF-8"
    )


def test_the_specific_file_messages_are_shown(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("name: ok\nunit: 万人\n".encode("gbk"))
    finding = read_document(path)[1][0]
    assert EN.finding(finding.rule, finding.args) == "the file is not UTF-8 (byte 0xcd here); save it as UTF-8"
    assert EN.finding("PS101", read_document(tmp_path)[1][0].args) == "this is a folder, not a plan file"


def test_keys_are_the_text_written():
    doc, findings = parse_document("plan:\n  null: c\n  2021-01-01: f\n  true: e\n  1.5: x\n  ~: y\n", "f.yaml")
    assert findings == []
    assert list(doc.data["plan"]) == ["null", "2021-01-01", "true", "1.5", "~"]
    assert doc.location(("plan", "true"), key=True).yaml_path == "plan.true"
    assert doc.location(("plan", "2021-01-01"), key=True).line == 3


def test_keys_that_differ_only_as_text_are_not_duplicates():
    doc, findings = parse_document("true: a\nyes: b\n1: c\n1.0: d\n", "f.yaml")
    assert findings == [] and len(doc.data) == 4


def test_a_list_as_key_is_located_and_other_problems_still_reported():
    doc, findings = parse_document("? [a]\n: b\nc: d\nc: e\n", "f.yaml")
    assert doc is None and [where(f) for f in findings] == [("PS102", 1, 3), ("PS103", 4, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "a: *nope\n",
        "a: &x 1\nb: &x 2\n",
        "a: 1\n---\nb: 2\n",
        "a: \x07\n",
        "a: \ud800\n",
        "a: !!binary aGk=\n",
        "x: &x\n  a: 1\n  <<: *x\n",
        "a: &a [*a]\n",
    ],
)
def test_odd_yaml_never_raises(text):
    doc, findings = parse_document(text, "f.yaml")
    assert doc is not None or all(f.location.line is not None for f in findings)


def test_a_fifo_is_refused_without_reading_it(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    doc, findings = read_document(tmp_path / "pipe.yaml")  # would block forever if it were read
    assert doc is None and findings[0].args["variant"] == "unreadable"


@pytest.mark.parametrize(
    "text, quote",
    [
        ("plan:\n\tid: x\n", False),  # a tab: quoting does not help
        ("a: @x\n", True),  # a reserved character
        ("a: `x\n", True),
        ("a: *x\n", True),  # an alias
    ],
)
def test_quoting_is_advised_for_a_value_that_yaml_reads_as_syntax(text, quote):
    _doc, [finding] = parse_document(text, "f.yaml")
    assert (finding.args["variant"] == "quote") is quote


def test_a_plain_text_means_the_same_in_every_file_read_whatever_was_read_before(monkeypatch):
    # Plain texts are resolved once and remembered (loading._PLAIN); the memory is bounded.
    monkeypatch.setattr(loading, "MAX_PLAIN_TEXTS", 4)
    monkeypatch.setattr(loading, "_PLAIN", {})
    text = "a: 1.10\nb: yes\nc: ~\nd: 1:30\ne: '1.10'\nf: <<x\n"
    expected = {"a": Decimal("1.10"), "b": True, "c": None, "d": "1:30", "e": "1.10", "f": "<<x"}
    for _ in range(3):
        doc, findings = parse_document(text, "f.yaml")
        assert findings == [] and doc.data == expected
        assert [type(doc.data[k]) for k in "abe"] == [Decimal, bool, str]
    assert len(loading._PLAIN) <= 4
    long_number = "1" * 40 + ".5"  # longer than the remembered texts: resolved each time
    assert parse_document(f"x: {long_number}\n", "f.yaml")[0].data == {"x": Decimal(long_number)}
