"""pubsvc extract, layout by layout: each test is a small plan text written for it (no seed file)
and what the extractor must find in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubsvc_cli.extract.cells import clean_name, read_value
from pubsvc_cli.extract.document import source_text
from pubsvc_cli.extract.draft import Options, build_drafts
from pubsvc_cli.extract.prose import find_prose_targets
from pubsvc_cli.extract.tables import find_tables
from pubsvc_cli.extract.tasks import find_tasks
from pubsvc_cli.extract.writing import render
from pubsvc_cli.loading import parse_document
from pubsvc_cli.plans import plan_from_document
from pubsvc_cli.repository import Repository

COUNTY = Path(__file__).parent.parent / "extract" / "county-plan.txt"


@pytest.fixture(scope="module")
def repository():
    return Repository([])


def tables_of(text: str):
    return find_tables(source_text(text, "plan.txt"))


def test_one_cell_per_line_table_with_wrapped_headers_and_spanning_categories():
    text = "专栏2 某市“十四五”时期公共服务领域发展指标表\n\n\t分类\n\t序号\n\t指标\n\t单位\n\t2020年\n情况\n\t2025年\n\n目标\n\t指标\n\n性质\n\n"
    text += "\t幼有所育\n\t1\n\t每千人口拥有3岁以下婴幼儿托位数\n\t个\n\t1.6\n\t4.5\n\t预期性\n\n"
    text += "\t\n\t2\n\t孤儿和事实无人抚养儿童保障覆盖率\n\t%\n\t应保尽保\n\t应保尽保\n\t约束性\n\n"
    text += "\t住有\n\n所居\n\t3\n\t城镇老旧小区改造\n\t万套\n\t〔5.50〕\n\t〔8.56〕\n\t预期性\n\n指标解释：\n\n1.〔〕内数据为5年累计数。\n"
    (table,) = tables_of(text)
    assert table.layout == "cells"
    assert [c.role for c in table.columns] == ["category", "number", "name", "unit", "baseline", "target", "nature"]
    assert [(r.printed_number, r.category, r.name.text, r.unit, r.values, r.nature) for r in table.rows] == [
        ("1", "幼有所育", "每千人口拥有3岁以下婴幼儿托位数", "个", {"baseline": "1.6", "target": "4.5"}, "预期性"),
        (
            "2",
            "幼有所育",
            "孤儿和事实无人抚养儿童保障覆盖率",
            "%",
            {"baseline": "应保尽保", "target": "应保尽保"},
            "约束性",
        ),
        ("3", "住有所居", "城镇老旧小区改造", "万套", {"baseline": "〔5.50〕", "target": "〔8.56〕"}, "预期性"),
    ]
    assert table.note == "1.〔〕内数据为5年累计数。"


def test_tab_separated_rows_with_category_rows_and_a_header_repeated_after_a_page_break():
    text = "专栏 1 某省“十三五”基本公共服务规划主要指标完成情况\n\n指标\t单位\t目标值\t2020 年完成值\t属性\n"
    text += "基本公共教育\t\t\t\t\n九年义务教育巩固率\t%\t95\t96\t约束性\n\n"
    text += "指标\t单位\t目标值\t2020年完成值\t属性\n基本社会保险\t\t\t\t\n基本养老保险参保率\t%\t>90\t90.43\t约束性\n\n注：{}内数据为5年累计数。\n"
    (table,) = tables_of(text)
    assert table.layout == "rows" and table.target_year == 2020
    assert [(r.category, r.name.text, r.values, r.nature) for r in table.rows] == [
        ("基本公共教育", "九年义务教育巩固率", {"target": "95", "actual": "96"}, "约束性"),
        ("基本社会保险", "基本养老保险参保率", {"target": ">90", "actual": "90.43"}, "约束性"),
    ]
    assert table.note == "注：{}内数据为5年累计数。"


def test_cells_without_row_numbers_and_with_stray_empty_cells_keep_every_row():
    nbsp = "\u00a0"
    text = f"表 1{nbsp}{nbsp}主要发展指标\n\n{nbsp}\n类别\n\n指标名称\n\n2020{nbsp}\n\n情况\n\n2025{nbsp}\n\n目标\n\n指标性质\n\n"
    text += f"幼有所育\n\n每千人口 3{nbsp}岁以下婴幼儿托位数( 个)\n\n1{nbsp}5\n\n4{nbsp}5\n\n预期性\n\n{nbsp}\n\n"
    text += "新建城区居住( 小) 区配套建设养老服务设施达标率\n\n100\n\n\u00a0\n\n约束性\n\n第三章 下一章\n"
    (table,) = tables_of(text)
    first, second = table.rows
    assert (first.category, first.name.text, first.unit) == ("幼有所育", "每千人口 3 岁以下婴幼儿托位数", "个")
    assert first.values == {"baseline": f"1{nbsp}5", "target": f"4{nbsp}5"}
    assert second.problems == ["missing_cell"] and second.category == "幼有所育"


def test_a_number_split_by_a_space_is_flagged_never_joined():
    value, suspicion = read_value("1\u00a05", "baseline")
    assert value is None and (suspicion.field, suspicion.reason) == ("baseline", "lost_point")
    value, suspicion = read_value("＜18", "target")
    assert suspicion is None and value.comparator == "<" and str(value.number) == "18"


@pytest.mark.parametrize(
    ("cell", "name", "unit", "footnote"),
    [
        ("九年义务教育巩固率（%）", "九年义务教育巩固率", "%", None),
        ("孕产妇死亡率（1/10万）", "孕产妇死亡率", "1/10万", None),
        ("养老服务床位总量（含旅居养老服务床位）", "养老服务床位总量（含旅居养老服务床位）", None, None),
        ("每千人口拥有执业( 助理) 医师数( 人)", "每千人口拥有执业( 助理) 医师数", "人", None),
        (
            "新建城区、新建居住区配套建设养老服务设施达标率 ¹",
            "新建城区、新建居住区配套建设养老服务设施达标率",
            None,
            "¹",
        ),
        ("每万人接受公共文化设施服务次数2", "每万人接受公共文化设施服务次数", None, "2"),
        ("5岁以下儿童死亡率", "5岁以下儿童死亡率", None, None),
    ],
)
def test_name_cells_give_up_their_unit_and_footnote_mark(cell, name, unit, footnote):
    assert clean_name(cell) == (clean_name(cell).__class__(name, unit, footnote))


@pytest.mark.parametrize(
    ("sentence", "name", "target", "year"),
    [
        ("到2025年，全市学前教育毛入园率达到100.7%。", "学前教育毛入园率", "达到100.7%", 2025),
        ("基本医疗保险参保率不低于97.5%。", "基本医疗保险参保率", "不低于97.5%", None),
        (
            "到2025年,严重致残致畸的出生缺陷疾病发生率控制在8.5‰以下。",
            "严重致残致畸的出生缺陷疾病发生率",
            "8.5以下",
            2025,
        ),
        ("到2025年，新建幼儿园133所。", "新建幼儿园", "133", 2025),
        ("每个乡镇至少建成1所综合养老服务中心。", "建成综合养老服务中心", "至少1", None),
        ("分层次支持建设60个左右高水平学科。", "建设高水平学科", "约60", None),
        ("孤儿和事实无人抚养儿童保障覆盖率实现应保尽保。", "孤儿和事实无人抚养儿童保障覆盖率", "应保尽保", None),
        ("14 个设区市各建成 1-2 所公办综合性托育中心。", "建成公办综合性托育中心", "≥1；≤2", None),
        ("学前教育毛入园率由2020年的90%提高到95%。", "学前教育毛入园率", "95%", None),
        ("2023年底，护理型床位占比达到55%。", "护理型床位占比", "达到55%", 2023),
        ("孕产妇死亡率控制在10/10万以下。", "孕产妇死亡率", "10以下", None),
        ("基本医疗保险参保率达到９７．５％。", "基本医疗保险参保率", "达到97.5%", None),
        ("建成“乡村 1. 5 小时”服务圈。", "建成“乡村”服务圈", "1.5", None),
        ("新建50所、改扩建180所（次）普通高中。", "新建普通高中", "50", None),
    ],
)
def test_prose_targets_are_read_with_their_comparator(sentence, name, target, year):
    found = find_prose_targets(source_text("第二章 主要目标\n" + sentence, "plan.txt"))
    assert (name, target, year) in [(f.name, f.target, f.year) for f in found]


def test_a_prose_number_split_by_a_space_is_flagged_and_left_out():
    (found,) = find_prose_targets(source_text("第二章 目标\n到2025年，学前教育毛入园率达到9 5%。", "plan.txt"))
    assert (found.name, found.target, found.printed, "lost_point" in found.guessed) == (
        "学前教育毛入园率",
        "",
        "9 5%",
        True,
    )


def test_prose_of_a_review_of_the_past_and_words_that_are_no_numbers_are_no_targets():
    text = "第一节 发展成效\n全市养老保险参保率达到98%，均完成“十三五”规划目标。\n第二节 发展短板\n入托比例仅为4.1%。\n"
    text += "第三节 目标\n准确把握两个大局，落实“五个扎实”新要求，建设一批基地，打造一支队伍。\n"
    assert find_prose_targets(source_text(text, "plan.txt")) == []


def test_numbered_tasks_carry_their_responsible_units_and_group():
    text = "(一)推进基本公共服务均等可及\n1.优化城乡义务教育资源。推进标准化建设。\n责任部门:市教育局,市委编办\n"
    text += "2.强化卫生设施建设。加强建设。\n责任单位:市卫生健康委员会、各县(市、区)\n"
    tasks = find_tasks(source_text(text, "plan.txt"))
    assert [(t.number, t.title, t.group, t.responsible) for t in tasks] == [
        (1, "优化城乡义务教育资源", "(一)推进基本公共服务均等可及", ("市教育局", "市委编办")),
        (2, "强化卫生设施建设", "(一)推进基本公共服务均等可及", ("市卫生健康委员会", "各县(市、区)")),
    ]


def test_traditional_text_with_taiwan_wording_is_read_as_mainland_simplified():
    source = source_text("1.最佳化城鄉義務教育資源。推進學校建設。\n責任部門:市教育局\n", "plan.txt")
    assert source.converted
    assert [t.title for t in find_tasks(source)] == ["优化城乡义务教育资源"]


def test_a_plan_text_in_another_layout_drafts_a_plan_file_that_validates(repository):
    """The county text is laid out as none of the seeds: a pipe table with a ruled line, 计量单位
    and 2020年基期值 headers, a footnote mark, a lost decimal point, 牵头单位 tasks, a service box."""
    from pubsvc_cli.coverage import standard_index

    source = source_text(COUNTY.read_text(encoding="utf-8"), COUNTY.name)
    standard, _ = repository.service_standard
    (draft,) = build_drafts(source, repository.catalog[0], standard_index(standard), Options("county"))
    text = render(draft)
    document, findings = parse_document(text, "county.yaml")
    plan, more = plan_from_document(document, repository.catalog[0])
    assert findings + more == [] and plan is not None
    meta = plan.plan.plan
    assert (meta.name, meta.level.value, meta.period, meta.region) == (
        "示范县“十四五”基本公共服务规划",
        "county",
        "2021-2025",
        "示范县",
    )
    table = [i for i in plan.plan.indicators if i.stated_in.value == "table"]
    assert [(i.id, i.baseline.text, i.target.text, i.nature.value) for i in table] == [
        ("preschool_gross_enrolment", "88", "92", "预期性"),
        ("compulsory_education_retention", "", "≥97", "约束性"),  # 9 6: left out and flagged
        ("life_expectancy", "78.1", "79", "预期性"),
        ("urban_new_jobs", "〔1.2〕", "〔1.5〕", "预期性"),
    ]
    flagged = table[1]
    assert flagged.review == "needed" and "9 6" in flagged.note
    assert [s.target.text for s in table[0].statements] == ["达到92%"]
    prose = [
        (i.name, i.target.text, i.stated_in.value, i.task, i.year)
        for i in plan.plan.indicators
        if i.stated_in.value != "table"
    ]
    assert ("养老机构护理型床位占比", "达到55%", "task", 2, 2023) in prose
    assert ("基本养老保险参保率", "不低于95%", "prose", None, None) in prose
    assert [(t.number, t.responsible) for t in plan.plan.tasks] == [
        (1, ["县教育局", "县发展改革局"]),
        (2, ["县民政局"]),
    ]
    assert [s.name for s in plan.plan.services] == ["预防接种", "儿童健康管理", "孕产妇健康服务"]
    for entry in [*plan.plan.indicators, *plan.plan.tasks, *plan.plan.services]:
        assert source.contains(entry.source.quote), entry.source.quote
    assert all(i.review == "needed" for i in plan.plan.indicators if i.stated_in.value != "table")


@pytest.mark.parametrize(
    ("text", "period"), [("“十三五”时期", (2016, 2020)), ("十四五规划", (2021, 2025)), ("主要指标", None)]
)
def test_a_five_year_plan_named_in_a_caption_gives_its_years(text, period):
    from pubsvc_cli.extract.document import named_period

    assert named_period(text) == period


def test_check_compares_an_actual_value_and_its_verdict_with_the_document(tmp_path, repository):
    from pubsvc_cli.extract.compare import compare_files

    (tmp_path / "doc.txt").write_text(
        "示范县“十三五”规划\n\n专栏1 “十三五”时期主要指标完成情况\n\n指标\t2020年目标\t2020年实际值\t完成情况\n"
        "九年义务教育巩固率（%）\t≥97\t101.07\t已完成\n\n注：〔〕内为五年累计数\n",
        encoding="utf-8",
    )
    plan = """plan: {id: c13, name: 示范县“十三五”规划, level: county, period: 2016-2020, base_year: 2015,
  source: {document: doc.txt, quote: 示范县“十三五”规划}}
indicators:
  - {id: compulsory_education_retention, name: 九年义务教育巩固率, unit: "%", target: "≥97", nature: null,
     actuals: [{year: 2020, value: 101.07, verdict: 未完成}],
     source: {section: 专栏1, row: 1, quote: "九年义务教育巩固率（%） ≥97 101.07 已完成"}}
"""
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    result = compare_files(tmp_path / "doc.txt", tmp_path / "plan.yaml", repository.catalog[0])
    assert [(f.rule, f.args.get("variant"), f.location.yaml_path) for f in result.findings] == [
        ("PS702", "verdict", "indicators[0].actuals[0].verdict")
    ]


AWKWARD = (
    "示范市“十四五”公共服务规划\n\n附表1 主要指标\n\n"
    "序号\t指标\t单位\t2020年\t2025年\t2035年\t属性\n"
    "1\t学前教育毛入园率\t%\t90\t95\t98\t预期性\n"
    "2\t九年义务教育巩固率\t\t9\u30009\t97\t98\t约束性\n"
    "\t其中：农村九年义务教育巩固率\t%\t95\t96\t97\t约束性\n\n"
    "附表2 其他指标\n\n"
    "序号    指标名称          单位    2020年    2025年目标    属性\n"
    "1       高中阶段教育毛入学率   %       99       100  7        预期性\n"
    "2       人均预期寿命               99  2     100.7        预期性\n\n"
    "第二章 目标\n到2025年，新建十五所幼儿园，参保率不低于9\u20092%，实现行政村\u2028文化中心全覆盖。\n"
)


def test_awkward_tables_are_read_by_what_their_cells_are_and_flag_what_they_cannot_tell(repository, tmp_path):
    (tmp_path / "doc.txt").write_text(AWKWARD, encoding="utf-8")
    first, second = tables_of(AWKWARD)
    assert [c.role for c in first.columns][3:6] == ["baseline", "target", "later"]  # 2035 is no target
    assert [(r.cite, r.values["baseline"], r.values["target"]) for r in first.rows] == [
        (1, "90", "95"),
        (2, "9\u30009", "97"),  # the tab row keeps the ideographic space inside its cell
        ("2.1", "95", "96"),  # a sub-row without 序号 is cited after the row it follows
    ]
    assert [(r.values, r.problems) for r in second.rows] == [
        ({"baseline": "99", "target": "100 7"}, ["split_cell"]),  # the short second part is the lost point
        ({"baseline": "99 2", "target": "100.7"}, ["split_cell"]),
    ]


def test_a_draft_passes_its_own_check_whatever_it_had_to_flag(repository, tmp_path, cli):
    (tmp_path / "doc.txt").write_text(AWKWARD, encoding="utf-8")
    assert cli("extract", "doc.txt", "--out", "draft.yaml").returncode == 0
    draft = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert "also prints targets for 2035" in draft and 'target: "15"' in draft and "\\u2028" in draft
    run = cli("extract", "--check", "doc.txt", "draft.yaml", "--format", "json")
    import json

    assert [f["rule"] for f in json.loads(run.stdout)["findings"] if f["severity"] == "error"] == []
    assert cli("validate", "draft.yaml").returncode == 0
