"""The parts of ``pubsvc report`` that compute rather than render: department names, chart
geometry, the pace in an evaluation's words, the workbook's fixed times."""

from __future__ import annotations

import io
import zipfile

import pytest

from pubsvc_cli.messages import Messages
from pubsvc_cli.publish.charts import chart
from pubsvc_cli.publish.content import _pace_texts
from pubsvc_cli.publish.departments import by_department, department
from pubsvc_cli.result import TaskLine


@pytest.mark.parametrize(
    "printed, unit",
    [
        ("市财政局", "财政局"),
        ("财政局", "财政局"),
        ("市发展改革委", "发展和改革委员会"),
        ("市发展和改革委", "发展和改革委员会"),
        ("发展和改革委员会", "发展和改革委员会"),
        ("市卫生健康委员会", "卫生健康委员会"),
        ("市场监督管理局", "市场监督管理局"),  # 市场 (market) is no level prefix
        ("市市场监督管理局", "市场监督管理局"),
        ("市委宣传部", "市委宣传部"),  # the party committee's own department keeps its name
        ("市政府办", "市政府办"),
        ("各县（市、区）人民政府", "各县(市、区)"),
        ("自治区民政厅", "民政厅"),
    ],
)
def test_a_unit_is_named_by_its_department_whatever_prefix_or_short_form_the_plan_prints(printed, unit):
    assert department(printed) == unit


def test_departments_count_the_tasks_they_lead_apart_from_those_they_join():
    tasks = [
        TaskLine(1, "优化义务教育资源", None, ("市教育局", "财政局")),
        TaskLine(2, "学前教育", None, ("教育局", "市财政局")),
        TaskLine(3, "兜底保障", None, ("市财政局", "民政局", "财政局")),
    ]
    units = {unit.name: unit for unit in by_department(tasks)}
    assert set(units) == {"教育局", "财政局", "民政局"}
    assert units["教育局"].leads == [1, 2] and units["教育局"].joins == []
    assert units["财政局"].leads == [3] and units["财政局"].joins == [1, 2]  # task 3 counted once
    assert units["财政局"].printed == ["财政局", "市财政局"]
    assert [unit.name for unit in by_department(tasks)][0] == "教育局"  # most tasks led first


def test_a_chart_puts_baseline_and_target_at_the_ends_and_each_value_at_its_year():
    drawn = chart("1.6", "4.5", 2020, 2025, ((2021, "2.0"), (2023, "3.1")))
    assert drawn is not None
    assert drawn.baseline.x < drawn.actuals[0].x < drawn.actuals[1].x < drawn.target.x
    assert drawn.baseline.y > drawn.actuals[0].y > drawn.actuals[1].y > drawn.target.y  # higher is up
    assert drawn.target_line_y == drawn.target.y
    assert [year for _x, year in drawn.axis.ticks] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert drawn.polyline == f"{drawn.actuals[0].x},{drawn.actuals[0].y} {drawn.actuals[1].x},{drawn.actuals[1].y}"


def test_a_chart_keeps_apart_values_that_differ_beyond_a_floats_sixteen_digits():
    drawn = chart("12345678901234567.1", "12345678901234567.9", 2020, 2025, ((2022, "12345678901234567.5"),))
    assert drawn is not None
    assert drawn.baseline.y > drawn.actuals[0].y > drawn.target.y


@pytest.mark.parametrize(
    "baseline, target", [("应保尽保", "应保尽保"), ("〔14.08〕", "〔10〕"), ("", "100"), ("1", "2")]
)
def test_no_chart_is_drawn_for_values_that_have_no_level_to_draw(baseline, target):
    # Qualitative and missing values have no level; a five-year total (〔〕) is a sum, not a level.
    drawn = chart(baseline, target, 2020, 2025 if baseline != "1" else 2020, ())
    assert drawn is None


def test_the_pace_is_said_as_growth_for_counts_and_as_points_for_percentages():
    zh = Messages("zh")
    growth = {
        "stated_as": "growth",
        "achieved_growth": 0.0412,
        "required_growth": 0.0655,
        "achieved_per_year": "1",
        "required_per_year": "2",
        "target_met": False,
    }
    assert _pace_texts(growth, "万人", zh) == ("已年均增长 4.1%", "需年均增长 6.6%")
    points = {"stated_as": "amount", "achieved_per_year": "1/3", "required_per_year": "0.25", "target_met": False}
    assert _pace_texts(points, "%", zh) == ("已年均提高 0.33 个百分点", "需年均提高 0.25 个百分点")
    met = {"stated_as": "amount", "achieved_per_year": "0.4", "target_met": True}
    assert _pace_texts(met, "岁", zh) == ("已年均提高 0.4 岁", "已达到目标")


def test_the_workbook_carries_one_fixed_time_so_that_the_same_report_gives_the_same_bytes(monkeypatch):
    from pubsvc_cli.publish.workbook import _fixed_times

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2026-12-02T01:02:03Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-02T01:02:04Z</dcterms:modified></cp:coreProperties>',
        )
    import datetime

    fixed = _fixed_times(raw.getvalue(), datetime.datetime(2024, 6, 1, 12, 0, 0))
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        info = archive.getinfo("docProps/core.xml")
        core = archive.read(info).decode()
    assert info.date_time == (2024, 6, 1, 12, 0, 0)
    assert core.count("2024-06-01T12:00:00Z") == 2 and "2026" not in core


def test_fixing_the_times_copies_every_other_entry_of_the_workbook_as_it_was():
    import datetime

    from pubsvc_cli.publish.workbook import _fixed_times, workbook_bytes

    sheets = [("指标", ["id", "value"], [["a", 1], ["b", "二"]]), ("空", ["x"], [])]
    first, again = workbook_bytes(sheets), workbook_bytes(sheets)
    assert first == again
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:  # an entry stored, not compressed, stays readable
        archive.writestr("stored.txt", "纯文本")
        archive.writestr("docProps/core.xml", "<dc:creator></dc:creator>", zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(io.BytesIO(_fixed_times(raw.getvalue(), datetime.datetime(2000, 1, 1)))) as archive:
        assert archive.testzip() is None
        assert archive.read("stored.txt").decode() == "纯文本"
        assert archive.read("docProps/core.xml") == b"<dc:creator>pubsvc</dc:creator>"
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(first))
    assert [[c.value for c in row] for row in book["指标"].iter_rows()] == [["id", "value"], ["a", 1], ["b", "二"]]
