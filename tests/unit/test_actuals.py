"""Reading actual values from YAML, CSV and Excel: layouts, names, and located errors."""

import datetime
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from pubsvc_cli.actuals import csv_reader, read_actuals
from pubsvc_cli.messages import Messages
from pubsvc_cli.repository import Repository

CATALOG = Repository().catalog[0]
EN = Messages("en")


def read(path):
    return read_actuals(path, CATALOG, path.name)


def where(findings):
    return [(f.rule, f.location.line, f.location.column) for f in findings]


def text(finding):
    return EN.finding(finding.rule, finding.args)


def workbook(*rows, title="actuals"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def patch_sheet(path, old, new):
    """Rewrite one string in the first worksheet's XML: cell contents openpyxl would not write."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            target.writestr(info, data)


def test_long_form_csv_by_id_name_and_alias(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "indicator,year,value\nlife_expectancy,2022,79.0\n学前教育毛入园率,2022,100.1\n"
        "每千人口拥有执业(助理)医师数,2023,≥2.95\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert findings == []
    assert [(r.indicator, r.year, r.value.text) for r in rows] == [
        ("life_expectancy", 2022, "79.0"),
        ("preschool_gross_enrolment", 2022, "100.1"),
        ("physicians_per_1000", 2023, "≥2.95"),
    ]
    assert (rows[0].location.line, rows[0].location.column) == (2, 3)


def test_wide_form_with_chinese_headers_and_gbk_encoding(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(
        "指标,2021年,2022年\n人均预期寿命,78.9,\n参加各类补贴性职业技能培训人数,2.1,〔4.0〕\n".encode("gbk")
    )
    rows, findings = read(path)
    assert findings == []
    assert [(r.indicator, r.year, r.value.text) for r in rows] == [
        ("life_expectancy", 2021, "78.9"),
        ("subsidised_vocational_training", 2021, "2.1"),
        ("subsidised_vocational_training", 2022, "〔4.0〕"),
    ]


def test_errors_carry_the_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,year,value\n人均寿命期望,2022,79\nlife_expectancy,二〇二二,79\nlife_expectancy,2022,七十九\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert rows == []
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [
        ("PS111", 2, 1),
        ("PS106", 3, 2),
        ("PS107", 4, 3),
    ]
    assert "life_expectancy" in findings[0].args["suggestions"]


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("name,amount\nx,1\n", encoding="utf-8")
    _, findings = read(path)
    assert findings[0].rule == "PS110" and "name, amount" in str(findings[0].args["detail"])


def test_xlsx_long_form_reads_numbers_exactly(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "actuals"
    sheet.append(["indicator", "year", "value"])
    sheet.append(["life_expectancy", 2022, 79.1])
    sheet.append(["medical_insurance_coverage", 2023, "≥96"])
    sheet.append(["nosuch", 2023, 1])
    path = tmp_path / "a.xlsx"
    book.save(path)
    rows, findings = read(path)
    assert [(r.indicator, r.year, r.value.number) for r in rows] == [
        ("life_expectancy", 2022, Decimal("79.1")),
        ("medical_insurance_coverage", 2023, Decimal("96")),
    ]
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("PS111", 4, 1)]


def test_a_file_that_is_not_a_workbook_is_a_finding(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    _, findings = read(path)
    assert findings[0].rule == "PS101"


def test_yaml_actuals_with_locations(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "plan: guilin\nactuals:\n  - {indicator: life_expectancy, year: 2022, value: 79.0}\n"
        "  - {indicator: life_expectancy, year: 2023, value: abc}\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert [(r.plan, r.year) for r in rows] == [("guilin", 2022)]
    assert [(f.rule, f.location.line) for f in findings] == [("PS107", 4)]


@pytest.mark.parametrize("name", ["a.txt", "a.json"])
def test_unsupported_kinds(tmp_path, name):
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    assert read(path)[1][0].rule == "PS110"


# --- robustness: nothing crashes, nothing is resolved silently --------------------------------


def test_messages_use_the_specific_variant(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert text(read(path)[1][0]) == "unsupported actuals file type '.txt': use .yaml, .csv or .xlsx"
    empty = tmp_path / "empty.csv"
    empty.write_text("\n,,\n", encoding="utf-8")
    assert text(read(empty)[1][0]) == "the actuals file is empty"


def test_a_csv_cell_over_the_field_limit_is_a_located_finding(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(
        "indicator,year,value\nlife_expectancy,2022,79\nlife_expectancy,2023," + "9" * 200_000 + "\n", encoding="utf-8"
    )
    rows, findings = read(path)
    assert rows == []
    assert where(findings) == [("PS101", 3, None)]
    assert "row 3" in str(findings[0].args["detail"]) and "longer than" in text(findings[0])


def test_a_quote_left_open_in_a_csv_is_a_finding_not_a_swallowed_file(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(
        'indicator,year,value\n"life_expectancy,2022,79\nmedical_insurance_coverage,2023,96\n', encoding="utf-8"
    )
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS101", 2, None)]
    assert "never closed" in str(findings[0].args["detail"])


def test_a_chart_sheet_before_the_data_is_skipped(tmp_path):
    book = workbook(["indicator", "year", "value"], ["life_expectancy", 2022, 79.1], title="data")
    chart = BarChart()
    chart.add_data(Reference(book["data"], min_col=3, min_row=1, max_row=2))
    book.create_chartsheet("chart", 0).add_chart(chart)
    path = tmp_path / "chart.xlsx"
    book.save(path)
    rows, findings = read(path)
    assert findings == [] and [(r.indicator, r.year) for r in rows] == [("life_expectancy", 2022)]


def test_a_workbook_with_only_chart_sheets_is_a_layout_finding(tmp_path):
    book = Workbook()
    book.remove(book.active)
    book.create_chartsheet("chart").add_chart(BarChart())
    path = tmp_path / "only_chart.xlsx"
    book.save(path)
    rows, findings = read(path)
    assert rows == [] and [f.rule for f in findings] == ["PS110"]
    assert text(findings[0]) == "the workbook has no worksheet, only chart sheets"


def test_a_formula_without_a_saved_value_is_reported_at_its_cell(tmp_path):
    book = workbook(
        ["indicator", "year", "value"], ["life_expectancy", 2022, "=90+2"], ["medical_insurance_coverage", 2023, 96]
    )
    book.active["E7"].font = Font(bold=True)  # a formatted empty cell is no formula
    path = tmp_path / "formula.xlsx"
    book.save(path)
    rows, findings = read(path)
    assert [(r.indicator, r.year) for r in rows] == [("medical_insurance_coverage", 2023)]
    assert where(findings) == [("PS107", 2, 3)]
    assert findings[0].args["path"] == "C2"
    assert "formula without a saved value" in text(findings[0]) and "=90+2" in text(findings[0])


def test_two_columns_with_one_meaning_are_ambiguous(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("indicator,value,year,数值\nlife_expectancy,79,2022,80\n", encoding="utf-8")
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS110", 1, 4)]
    assert "'value'" in str(findings[0].args["detail"]) and "'数值' (column 4)" in text(findings[0])


def test_two_year_columns_for_one_year_are_ambiguous(tmp_path):
    path = tmp_path / "dup_year.csv"
    path.write_text("指标,2022,2022年\nlife_expectancy,79,80\n", encoding="utf-8")
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS110", 1, 3)]


def test_two_note_columns_are_accepted(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("indicator,year,value,备注,说明\nlife_expectancy,2022,79,a,b\n", encoding="utf-8")
    rows, findings = read(path)
    assert findings == [] and [r.note for r in rows] == ["a"]


def test_a_long_table_with_a_year_column_is_ambiguous(tmp_path):
    path = tmp_path / "both.csv"
    path.write_text("indicator,year,value,2023\nlife_expectancy,2022,79,80\n", encoding="utf-8")
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS110", 1, 4)]
    assert "long" in str(findings[0].args["detail"]) and "wide" in str(findings[0].args["detail"])


def test_filled_cells_beyond_the_header_are_reported_and_the_row_skipped(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("indicator,year,value\nlife_expectancy,2022,1,234\nlife_expectancy,2023,79,,\n", encoding="utf-8")
    rows, findings = read(path)
    assert [(r.year, r.value.text) for r in rows] == [(2023, "79")]  # empty trailing cells are harmless
    assert where(findings) == [("PS110", 2, 4)]
    assert "beyond" in str(findings[0].args["detail"])


def test_unknown_keys_in_yaml_actuals_are_errors(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "plan: guilin\nsource: 统计公报\nactuals:\n"
        "  - {indicator: life_expectancy, year: 2022, value: 79.0, extra: 1}\n"
        "  - {indicator: life_expectancy, year: 2023, vaule: 79.5}\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert [r.year for r in rows] == [2022]
    assert where(findings) == [("PS104", 2, 1), ("PS104", 4, 59), ("PS104", 5, 46), ("PS110", 5, 5)]
    top, extra, typo = findings[:3]
    assert text(top) == "no key 'source' under '(top level)'; allowed keys: plan, actuals"
    assert text(extra) == "no key 'extra' under 'actuals[0]'; allowed keys: indicator, year, value, note"
    assert text(typo) == (
        "no key 'vaule' under 'actuals[1]'; did you mean 'value'? Allowed keys: indicator, year, value, note"
    )


def test_rows_carry_the_indicator_and_year_locations(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("indicator,year,value\nlife_expectancy,2022,79\n", encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text("指标,2021年,2022年\n人均预期寿命,,78.9\n", encoding="utf-8")
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text("actuals:\n  - indicator: life_expectancy\n    year: 2022\n    value: 79\n", encoding="utf-8")

    def cells(row):
        return [(loc.line, loc.column) for loc in (row.indicator_location, row.year_location, row.location)]

    assert cells(read(long)[0][0]) == [(2, 1), (2, 2), (2, 3)]
    assert cells(read(wide)[0][0]) == [(2, 1), (1, 3), (2, 3)]  # a wide table's year is its column header
    assert cells(read(yaml_file)[0][0]) == [(2, 16), (3, 11), (4, 12)]


def test_integral_decimal_years_are_years_and_messages_show_no_repr(tmp_path):
    path = tmp_path / "years.yaml"
    path.write_text(
        "actuals:\n  - {indicator: life_expectancy, year: 2022.0, value: 79}\n"
        "  - {indicator: life_expectancy, year: 2023.5, value: 80}\n"
        "  - {indicator: life_expectancy, year: [2024], value: 81}\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert [r.year for r in rows] == [2022]
    assert [str(f.args["problem"]) for f in findings] == ["'2023.5' is not a year", "a list is not a year"]


def test_float_years_and_dates_from_a_workbook(tmp_path):
    path = tmp_path / "years.xlsx"
    workbook(
        ["indicator", "year", "value"],
        ["life_expectancy", 2022, 79],
        ["life_expectancy", 2023.5, 80],
        ["life_expectancy", 2024, datetime.datetime(2024, 1, 1)],
    ).save(path)
    patch_sheet(path, b'<c r="B2" t="n"><v>2022</v>', b'<c r="B2" t="n"><v>2022.0</v>')
    rows, findings = read(path)
    assert [r.year for r in rows] == [2022]
    assert where(findings) == [("PS106", 3, 2), ("PS107", 4, 3)]
    assert str(findings[0].args["problem"]) == "'2023.5' is not a year"
    assert str(findings[1].args["problem"]).startswith("'2024-01-01 00:00:00' is a date or time, not a value")


def test_nan_and_infinity_are_not_values(tmp_path):
    path = tmp_path / "nan.yaml"
    path.write_text(
        "actuals:\n  - {indicator: life_expectancy, year: 2022, value: .nan}\n"
        "  - {indicator: life_expectancy, year: 2023, value: .inf}\n",
        encoding="utf-8",
    )
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS107", 2, 53), ("PS107", 3, 53)]
    assert "'.nan'" in str(findings[0].args["problem"])  # the text as written, rejected by the value grammar
    book_path = tmp_path / "inf.xlsx"
    workbook(["indicator", "year", "value"], ["life_expectancy", 2022, 12345.678]).save(book_path)
    patch_sheet(book_path, b"<v>12345.678</v>", b"<v>1e999</v>")  # float('1e999') is infinity
    rows, findings = read(book_path)
    assert rows == [] and where(findings) == [("PS107", 2, 3)]
    assert str(findings[0].args["problem"]).startswith("'inf' is not a number")


def test_a_workbook_the_library_cannot_parse_is_a_finding_not_a_traceback(tmp_path):
    path = tmp_path / "nan.xlsx"
    workbook(["indicator", "year", "value"], ["life_expectancy", 2022, 12345.678]).save(path)
    patch_sheet(path, b"<v>12345.678</v>", b"<v>NaN</v>")  # openpyxl fails on int("NaN")
    rows, findings = read(path)
    assert rows == [] and [f.rule for f in findings] == ["PS101"]
    assert "NaN" in text(findings[0])


def test_read_actuals_never_raises(tmp_path, monkeypatch):
    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(csv_reader, "records", broken)
    path = tmp_path / "a.csv"
    path.write_text("indicator,year,value\n", encoding="utf-8")
    rows, findings = read(path)
    assert rows == [] and where(findings) == [("PS101", None, None)]
    assert text(findings[0]) == "cannot read the file: RuntimeError: boom"


def test_values_without_an_indicator_are_reported_not_skipped(tmp_path):
    # A merged indicator cell keeps its text in its first row only; the rows below lose it.
    path = tmp_path / "merged.xlsx"
    workbook(
        ["indicator", "year", "value"], ["life_expectancy", 2022, 79.0], [None, 2023, 79.2], [None, None, None]
    ).save(path)
    rows, findings = read(path)
    assert [(r.indicator, r.year) for r in rows] == [("life_expectancy", 2022)]
    assert where(findings) == [("PS106", 3, 1)] and "merged cell" in text(findings[0])
    wide = tmp_path / "wide.csv"
    wide.write_text("指标,2021,2022\nlife_expectancy,78.9,79.0\n,79.1,\n", encoding="utf-8")
    assert where(read(wide)[1]) == [("PS106", 3, 1)]


def test_a_yaml_row_without_an_indicator_is_an_error(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("actuals:\n  - {indicator: , year: 2022, value: 79}\n", encoding="utf-8")
    rows, findings = read(path)
    assert rows == [] and [f.rule for f in findings] == ["PS106"] and findings[0].location.line == 2


def test_a_row_of_missing_marks_without_an_indicator_holds_no_value(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("指标,2021,2022\nlife_expectancy,78.9,79.0\n,—,—\n", encoding="utf-8")
    rows, findings = read(path)
    assert len(rows) == 2 and findings == []


def test_utf16_csv_without_a_byte_order_mark_is_named_not_read_as_gbk(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("indicator,year,value\nlife_expectancy,2022,79\n".encode("utf-16-le"))
    rows, findings = read(path)
    assert rows == [] and [(f.rule, f.args["variant"]) for f in findings] == [("PS101", "utf16")]


_CELLS = st.sampled_from(
    [
        "",
        " ",
        "childcare_places_per_1000",
        " 每千人口拥有3岁以下婴幼儿托位数 ",
        "no_such_indicator",
        "2022",
        "2022年",
        "1999",
        "二〇二二",
        "4.5",
        "-3",
        "≥96",
        "〔10〕",
        "—",
        "1 5",
        "abc",
        "98%",
        "1;2",
        "guilin",
        "note",
    ]
)


@given(
    st.lists(st.lists(_CELLS, min_size=0, max_size=7), max_size=12),
    st.sampled_from(
        [
            ["plan", "indicator", "year", "value"],
            ["indicator", "year", "value", "note"],
            ["plan", "indicator", "year", "value", "note"],
            ["indicator", "2021", "2022"],
        ]
    ),
)
def test_a_table_of_texts_reads_as_the_same_table_of_cells(records, header_texts):
    """The shortcut for the plain rows of a national CSV (rows.text_rows) gives the rows and the
    findings, in the same order, that the cells would give (rows.table_rows)."""
    from pubsvc_cli.actuals.rows import table_rows, text_rows
    from pubsvc_cli.actuals.table import Table

    header = csv_reader.cells("t.csv", 1, header_texts)
    numbered = [(number, tuple(record)) for number, record in enumerate(records, start=2) if any(record)]
    cells = [header, *(csv_reader.cells("t.csv", n, r) for n, r in numbered)]
    assert _as_read(text_rows("t.csv", header, numbered, CATALOG)) == _as_read(
        table_rows(Table("t.csv", cells), CATALOG)
    )


def _as_read(read) -> str:
    """Rows and findings as every reader of them sees them (a row's cells by their locations)."""
    rows, findings = read
    seen = [
        (r.plan, r.indicator, r.year, repr(r.value), r.location, r.note, r.indicator_location, r.year_location)
        for r in rows
    ]
    return repr((seen, findings))


def test_plain_rows_and_problem_rows_of_a_national_table_read_as_their_cells():
    from pubsvc_cli.actuals.rows import table_rows, text_rows
    from pubsvc_cli.actuals.table import Table

    header = csv_reader.cells("t.csv", 1, ["plan", "indicator", "year", "value", "note"])
    records = [
        ("guilin", "childcare_places_per_1000", "2022", "2.46", ""),
        ("guilin", "每千人口拥有3岁以下婴幼儿托位数", "2023年", "≥3", "估计"),
        ("", "childcare_places_per_1000", "2024", "4.5"),
        ("guilin", "no_such_indicator", "2022", "1"),
        ("guilin", "childcare_places_per_1000", "20x2", "1"),
        ("guilin", "childcare_places_per_1000", "2022", "1 5"),
        ("guilin", "childcare_places_per_1000", "2022", "—", ""),
        ("guilin", "childcare_places_per_1000", "2022", "3", "", "1,234"),
        ("guilin", "", "2022", "3"),
        ("guilin", "childcare_places_per_1000"),
    ]
    numbered = list(enumerate(records, start=2))
    rows, findings = text_rows("t.csv", header, numbered, CATALOG)
    cells = [header, *(csv_reader.cells("t.csv", n, r) for n, r in numbered)]
    assert _as_read((rows, findings)) == _as_read(table_rows(Table("t.csv", cells), CATALOG))
    assert [(row.plan, row.year, str(row.value)) for row in rows] == [
        ("guilin", 2022, "2.46"),
        ("guilin", 2023, "≥3"),
        (None, 2024, "4.5"),
    ]
    assert {f.rule for f in findings} >= {"PS111", "PS106", "PS107", "PS110"}


_CSV_TEXT = st.lists(
    st.sampled_from(
        [
            "plan",
            "indicator",
            "year",
            "value",
            "guilin",
            "childcare_places_per_1000",
            "2022",
            "2.46",
            "1 5",
            "中文",
            ",",
            ",",
            ",",
            "\n",
            "\n",
            "\r\n",
            "\r",
            " ",
            "\t",
            '"',
            '""',
            "\0",
            "\u2028",
            "\x0c",
        ]
    ),
    max_size=40,
).map("".join)


def _read(records):
    try:
        return list(records)
    except csv_reader.UnreadableTable as broken:
        return repr(broken.finding)


@given(_CSV_TEXT)
def test_a_plain_csv_text_cut_at_its_commas_reads_as_the_csv_module_reads_it(text):
    """raw_records cuts a plain text's lines itself (csv_reader.plain_lines): the same records,
    numbered the same, as the csv module gives; any other text goes to the csv module."""
    assert _read(csv_reader.raw_records(text, "t.csv")) == _read(csv_reader._csv_records(text, "t.csv"))


@given(_CSV_TEXT.map(lambda body: "plan,indicator,year,value\n" + body))
def test_a_plain_national_table_splits_by_plan_as_its_csv_records_do(tmp_path_factory, text):
    """The split of a plain table keeps each plan's lines; split into texts when the plan is
    checked, they read as the csv module's records of the same plan."""
    from pubsvc_cli.actuals import read_actuals_by_plan

    path = tmp_path_factory.mktemp("split") / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    grouped, findings = read_actuals_by_plan(path, CATALOG, "t.csv")
    by_plan = {plan: group.interpret(CATALOG) for plan, group in grouped.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("pubsvc_cli.actuals.plain_lines", lambda text: None)  # the csv module's reading
        grouped_csv, findings_csv = read_actuals_by_plan(path, CATALOG, "t.csv")
    assert repr(findings) == repr(findings_csv)
    assert repr(by_plan) == repr({plan: group.interpret(CATALOG) for plan, group in grouped_csv.items()})
