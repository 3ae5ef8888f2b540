"""Reading YAML: positions for every value, exact numbers, and located errors instead of exceptions."""

from decimal import Decimal

from pubsvc_cli.loading import parse_document, read_document


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
    assert findings and findings[0].rule == "PS102"


def test_non_utf8_file_is_located_at_the_first_bad_byte(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("name: ok\nunit: 万人\n".encode("gbk"))
    doc, findings = read_document(path)
    assert doc is None
    assert findings[0].rule == "PS101" and findings[0].args["problem"] == "encoding"
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
    assert doc is None and findings[0].rule == "PS101" and findings[0].args["problem"] == "too_complex"


def test_missing_file_and_folder_are_findings(tmp_path):
    assert read_document(tmp_path / "nope.yaml")[1][0].args["problem"] == "unreadable"
    assert read_document(tmp_path)[1][0].args["problem"] == "directory"


def test_empty_file_loads_as_nothing():
    doc, findings = parse_document("", "f.yaml")
    assert doc.data is None and findings == []
