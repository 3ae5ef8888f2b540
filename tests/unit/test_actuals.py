"""Reading actual values from YAML, CSV and Excel: layouts, names, and located errors."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from pubsvc_cli.actuals import read_actuals
from pubsvc_cli.repository import Repository

CATALOG = Repository().catalog[0]


def read(path):
    return read_actuals(path, CATALOG, path.name)


def test_long_form_csv_by_id_name_and_alias(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("indicator,year,value\nlife_expectancy,2022,79.0\n学前教育毛入园率,2022,100.1\n"
                    "每千人口拥有执业(助理)医师数,2023,≥2.95\n", encoding="utf-8")
    rows, findings = read(path)
    assert findings == []
    assert [(r.indicator, r.year, r.value.text) for r in rows] == [
        ("life_expectancy", 2022, "79.0"), ("preschool_gross_enrolment", 2022, "100.1"),
        ("physicians_per_1000", 2023, "≥2.95")]
    assert (rows[0].location.line, rows[0].location.column) == (2, 3)


def test_wide_form_with_chinese_headers_and_gbk_encoding(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes("指标,2021年,2022年\n人均预期寿命,78.9,\n参加各类补贴性职业技能培训人数,2.1,〔4.0〕\n".encode("gbk"))
    rows, findings = read(path)
    assert findings == []
    assert [(r.indicator, r.year, r.value.text) for r in rows] == [
        ("life_expectancy", 2021, "78.9"), ("subsidised_vocational_training", 2021, "2.1"),
        ("subsidised_vocational_training", 2022, "〔4.0〕")]


def test_errors_carry_the_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("indicator,year,value\n人均寿命期望,2022,79\nlife_expectancy,二〇二二,79\nlife_expectancy,2022,七十九\n",
                    encoding="utf-8")
    rows, findings = read(path)
    assert rows == []
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [
        ("PS111", 2, 1), ("PS106", 3, 2), ("PS107", 4, 3)]
    assert "life_expectancy" in findings[0].args["suggestions"]


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("name,amount\nx,1\n", encoding="utf-8")
    _, findings = read(path)
    assert findings[0].rule == "PS110" and "name, amount" in findings[0].args["detail"]


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
        ("life_expectancy", 2022, Decimal("79.1")), ("medical_insurance_coverage", 2023, Decimal("96"))]
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("PS111", 4, 1)]


def test_a_file_that_is_not_a_workbook_is_a_finding(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    _, findings = read(path)
    assert findings[0].rule == "PS101"


def test_yaml_actuals_with_locations(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("plan: guilin\nactuals:\n  - {indicator: life_expectancy, year: 2022, value: 79.0}\n"
                    "  - {indicator: life_expectancy, year: 2023, value: abc}\n", encoding="utf-8")
    rows, findings = read(path)
    assert [(r.plan, r.year) for r in rows] == [("guilin", 2022)]
    assert [(f.rule, f.location.line) for f in findings] == [("PS107", 4)]


@pytest.mark.parametrize("name", ["a.txt", "a.json"])
def test_unsupported_kinds(tmp_path, name):
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    assert read(path)[1][0].rule == "PS110"
