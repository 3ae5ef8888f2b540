"""``pubsvc report``: the yearly evaluation of many plans, written into one folder, through the
real command line (in-process). What a reader opens is checked by its content: pages, links,
findings, CSV, the workbook and summary.json."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PLANS, ROOT, indicator, plan_data, write_yaml

EXAMPLE_CSV = ROOT / "examples" / "guilin-actuals-illustrative.csv"
SHIPPED = sorted(path.stem for path in PLANS.glob("*.yaml"))


class _Page(HTMLParser):
    """The links, resources and text of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("link", "script", "img", "iframe", "source", "embed") and (values.get("href") or values.get("src")):
            self.resources.append(values.get("href") or values.get("src"))
        if tag == "svg":
            self.svgs += 1

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def shipped_report(tmp_path_factory):
    """The report of every shipped plan, with Guilin's illustrative actual values given to Guilin
    alone (a table without a plan column applies to every plan it is given with)."""
    from typer.testing import CliRunner

    from pubsvc_cli.cli import main

    out = tmp_path_factory.mktemp("report") / "site"
    others = [name for name in SHIPPED if name != "guilin"]
    with CliRunner().isolation(env={"PUBSVC_NO_CACHE": "1", "PUBSVC_LANG": "zh"}):
        with pytest.raises(SystemExit) as done:
            main(["report", *others, "--out", str(out)])
        assert done.value.code == 0
        alone = out.parent / "guilin"
        with pytest.raises(SystemExit) as done:
            main(["report", "guilin", "--out", str(alone), "--actuals", str(EXAMPLE_CSV)])
        assert done.value.code == 0
    return out, alone


def test_every_plan_has_a_page_and_every_link_resolves_inside_the_folder(cli, tmp_path):
    out = tmp_path / "report"
    run = cli("report", "--out", str(out))
    assert run.returncode == 0, run.stderr
    pages = sorted(path.stem for path in (out / "plans").glob("*.html"))
    assert pages == SHIPPED
    for html in [out / "index.html", *(out / "plans").glob("*.html")]:
        page = parse(html)
        for href in page.links + page.resources:
            target, _, fragment = href.partition("#")
            assert not re.match(r"^[a-z]+:|^//", href), f"{html.name} links outside the report: {href}"
            resolved = (html.parent / target).resolve() if target else html
            assert resolved.is_file(), f"{html.name}: {href} does not exist"
            assert resolved.is_relative_to(out.resolve())
            if fragment:
                assert fragment in parse(resolved).ids, f"{html.name}: #{fragment} is not on {target}"
    index = parse(out / "index.html")
    for name in ("桂林市公共服务“十四五”规划", "四川省“十四五”公共服务规划", "吴忠市“十四五”公共服务发展实施方案"):
        assert name in "".join(index.text)


def test_no_page_references_anything_outside_the_report(cli, tmp_path):
    out = tmp_path / "report"
    assert cli("report", "--out", str(out)).returncode == 0
    for path in out.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            # The SVG namespace is a name, not a request; anything else with a scheme would be fetched.
            assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", text), path
            assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", text), path
            assert "@import" not in text and "<script" not in text, path


def test_every_finding_of_the_check_appears_on_its_page_and_in_the_data_files(cli, tmp_path):
    out = tmp_path / "report"
    assert cli("report", "--out", str(out)).returncode == 0
    checked = json.loads(cli("check", "--all", "-f", "json", "--no-fail").stdout)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    key = ["rule", "file", "line", "column"]
    assert sorted([f[k] for k in key] for f in summary["findings"]) == sorted(
        [f[k] for k in key] for f in checked["findings"]
    )
    for finding in checked["findings"]:
        page = (out / "plans" / f"{finding['plan']}.html").read_text(encoding="utf-8")
        location = f"{finding['file']}:{finding['line']}" if finding["line"] else finding["file"]
        assert finding["rule"] in page and location in page
    rows = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(checked["findings"])
    report_md = (out / "report.md").read_text(encoding="utf-8")
    assert report_md.count("`PS") >= len(checked["findings"])


def test_csv_files_start_with_a_byte_order_mark_so_that_excel_reads_chinese(shipped_report):
    out, alone = shipped_report
    for folder in (out, alone):
        for name in ("findings.csv", "progress.csv"):
            raw = (folder / name).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), name
    progress = list(csv.DictReader(io.StringIO((alone / "progress.csv").read_text(encoding="utf-8-sig"))))
    childcare = next(row for row in progress if row["indicator"] == "childcare_places_per_1000")
    assert childcare["actual"] == "3.1" and childcare["year"] == "2023"
    assert childcare["status_text"] == "滞后"
    # 1.6 → 3.1 in three years is 0.5 a year; 3.1 → 4.5 in the two years left needs 0.7 a year.
    assert childcare["achieved_per_year"] == "0.5" and childcare["required_per_year"] == "0.7"
    assert childcare["pace_needed"] == "需年均提高 0.7 个"


def test_the_workbook_opens_with_a_frozen_header_and_a_filter_on_every_sheet(shipped_report):
    from openpyxl import load_workbook

    _out, alone = shipped_report
    workbook = load_workbook(alone / "report.xlsx")
    assert workbook.sheetnames == ["规划", "指标", "进度", "问题"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.max_row >= 2
    progress = workbook["进度"]
    header = [cell.value for cell in progress[1]]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in progress.iter_rows(min_row=2)]
    assert {row["indicator"] for row in rows} >= {"childcare_places_per_1000", "preschool_gross_enrolment"}
    assert workbook.properties.creator == "pubsvc"


def test_the_same_inputs_give_byte_identical_reports(cli, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        assert cli("report", "guilin", "--actuals", str(EXAMPLE_CSV), "--out", str(out)).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_headline_counts_the_main_indicators_as_an_evaluation_states_them(shipped_report):
    out, alone = shipped_report
    page = (out / "plans" / "guilin-13th.html").read_text(encoding="utf-8")
    # The plan's own 2020 verdicts: 15 of its 20 rows 已完成, 5 未完成.
    assert "20项主要指标中，15项提前实现或快于预期，0项基本符合预期，5项滞后。" in page
    guilin = (alone / "plans" / "guilin.html").read_text(encoding="utf-8")
    assert re.search(r"22项主要指标中，\d+项提前实现或快于预期，\d+项基本符合预期，\d+项滞后", guilin)
    assert "约束性指标9项" in guilin and "预期性指标13项" in guilin


def test_a_plan_page_shows_the_pace_needed_and_a_chart_with_its_numbers(shipped_report):
    _out, alone = shipped_report
    html = alone / "plans" / "guilin.html"
    page = parse(html)
    text = html.read_text(encoding="utf-8")
    assert page.svgs >= 5
    assert "需年均提高 0.7 个" in text and "已年均提高 0.5 个" in text  # 每千人口拥有3岁以下婴幼儿托位数
    assert "需年均提高 0.2 个百分点" in text  # 学前教育毛入园率 100.3 → 100.7 in two years
    # Every chart has a title, and its numbers in a table, which is the chart's text alternative.
    charts = re.findall(r'<svg role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', text)
    assert charts and all(
        f'id="{title}"' in text and f'<table class="numbers" id="{numbers}">' in text for title, numbers in charts
    )
    childcare = re.search(
        r'<table class="numbers" id="[^"]+"><caption[^>]*>每千人口拥有3岁以下婴幼儿托位数的数值</caption>(.*?)</table>',
        text,
        re.S,
    )[1]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", childcare)
    assert cells == ["2020 基期值", "1.6", "2021", "2.0", "2022", "2.6", "2023", "3.1", "2025 目标值", "4.5"]
    # Each chart draws the axis of its period, which the page holds once, with its years.
    axes = re.findall(r'<use href="#([^"]+)"/>', text)
    assert len(axes) == len(charts) and set(axes) == {"axis-2020-2025"}
    axis = re.search(r'<g id="axis-2020-2025" class="axis">(.*?)</g>', text, re.S)[1]
    assert [int(year) for year in re.findall(r">(\d{4})</text>", axis)] == list(range(2020, 2026))


def test_both_methods_side_by_side_only_where_they_differ(cli, tmp_path):
    both, linear = tmp_path / "both", tmp_path / "linear"
    assert cli("report", "guilin", "--actuals", str(EXAMPLE_CSV), "--out", str(both)).returncode == 0
    args = ("report", "guilin", "--actuals", str(EXAMPLE_CSV), "--method", "linear", "--out", str(linear))
    assert cli(*args).returncode == 0
    with_both = (both / "plans" / "guilin.html").read_text(encoding="utf-8")
    assert "按复合增长（Open SDG 方法）：基本符合预期" in with_both
    assert "按复合增长" not in (linear / "plans" / "guilin.html").read_text(encoding="utf-8")
    summary = json.loads((linear / "summary.json").read_text(encoding="utf-8"))
    # The data keep both verdicts (a five-year total is assessed linearly by either method).
    other = {item["indicator"]: item["other_method"] for item in summary["progress"]}
    assert other["childcare_places_per_1000"] == {"method": "cagr", "status": "on_track", "label_zh": "基本符合预期"}
    assert other["subsidised_vocational_training"]["method"] == "linear"


def test_the_comparison_with_every_ancestor_says_own_and_inherited_gaps_apart(shipped_report):
    out, _alone = shipped_report
    # Guilin's file without the illustrative values: its chain is Guangxi, then the nation.
    text = (out.parent / "guilin" / "plans" / "guilin.html").read_text(encoding="utf-8")
    row = re.search(r"<th scope=\"row\">劳动年龄人口平均受教育年限</th>(.*?)</tr>", text, re.S)
    assert row is not None
    assert "10.2 → 11.2" in row[1] and "11.3" in row[1]
    assert "低于“十四五”公共服务规划的目标（差距源于广西公共服务“十四五”规划）" in row[1]


def test_sibling_plans_are_ranked_on_the_indicators_they_share(cli, tmp_path):
    folder = tmp_path / "plans"
    write_yaml(folder / "prov.yaml", plan_data("prov", [indicator("life_expectancy", 78, 79)], level="province"))
    for plan_id, target in (("a", "80"), ("b", "79.5"), ("c", "81")):
        rows = [indicator("life_expectancy", 78, target, nature="约束性" if plan_id == "c" else "预期性")]
        write_yaml(folder / f"{plan_id}.yaml", plan_data(plan_id, rows, upper="prov"))
    out = tmp_path / "report"
    run = cli("report", str(folder), "--out", str(out), "--data-dir", str(tmp_path))
    assert run.returncode == 0, run.stderr
    text = (out / "plans" / "a.html").read_text(encoding="utf-8")
    row = re.search(r"<table class=\"siblings\">.*?</table>", text, re.S)[0]
    assert "第2/3" in row  # 80 among 81, 80, 79.5: the second most demanding
    assert "79.5–81" in row and "+2" in row and "1/3" in row  # range, planned change, binding in one of three


def test_the_department_view_merges_the_names_a_plan_prints_for_one_unit(shipped_report):
    out, _alone = shipped_report
    text = (out / "plans" / "wuzhong.html").read_text(encoding="utf-8")
    table = re.search(r"<table class=\"departments\">.*?</table>", text, re.S)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>", table)
    names = [re.sub(r"<br>.*", "", row) for row in rows]
    assert "财政局" in names and "市财政局" not in names
    assert "发展和改革委员会" in names and "市发展改革委" not in names
    assert "市场监督管理局" in names  # 市场 is no level prefix
    assert "规划中写作：财政局、市财政局" in table or "规划中写作：市财政局、财政局" in table


def test_a_broken_plan_file_gets_a_page_that_says_what_is_wrong_and_the_batch_goes_on(cli, tmp_path):
    folder = tmp_path / "plans"
    write_yaml(folder / "good.yaml", plan_data("good", [indicator("life_expectancy", 78, 80)]))
    (folder / "broken.yaml").write_text("plan:\n  id: broken\n  level: [unclosed\n", encoding="utf-8")
    out = tmp_path / "report"
    run = cli("report", str(folder), "--out", str(out))
    assert run.returncode == 0, run.stderr
    pages = {path.name: path.read_text(encoding="utf-8") for path in (out / "plans").glob("*.html")}
    assert "good.html" in pages
    broken = [text for text in pages.values() if "broken.yaml" in text and "PS10" in text]
    assert broken and "文件未能读取" in broken[0]
    assert "broken.yaml" in (out / "index.html").read_text(encoding="utf-8")


def test_a_folder_that_is_not_a_report_is_never_replaced(cli, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work", encoding="utf-8")
    run = cli("report", "guilin", "--out", str(out))
    assert run.returncode == 2
    assert "thesis.docx" in run.stderr and "不会覆盖" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine.")]  # no staging folder left behind


def test_a_previous_report_is_replaced_whole_with_no_page_left_from_it(cli, tmp_path):
    out = tmp_path / "report"
    assert cli("report", "guilin", "sichuan", "--out", str(out)).returncode == 0
    assert (out / "plans" / "sichuan.html").exists()
    assert cli("report", "guilin", "--out", str(out)).returncode == 0
    assert sorted(p.name for p in (out / "plans").iterdir()) == ["guilin.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_previous_adds_what_changed_since_the_last_report(cli, tmp_path):
    last_year = tmp_path / "2022.csv"
    last_year.write_text("指标,2021年,2022年\nchildcare_places_per_1000,2.0,2.9\n", encoding="utf-8")
    old, new = tmp_path / "old", tmp_path / "new"
    assert cli("report", "guilin", "--actuals", str(last_year), "--out", str(old)).returncode == 0
    run = cli(
        "report", "guilin", "--actuals", str(EXAMPLE_CSV), "--out", str(new), "--previous", str(old / "summary.json")
    )
    assert run.returncode == 0, run.stderr
    changes = json.loads((new / "summary.json").read_text(encoding="utf-8"))["changes"]
    moved = {c["indicator"]: (c["from"], c["to"]) for c in changes["status_moved"]}
    assert moved["childcare_places_per_1000"] == ("ahead", "behind")  # 2.9 in 2022, then 3.1 in 2023
    new_rules = {f["rule"] for f in changes["new_findings"]}
    assert new_rules  # the new year's values bring findings the old report lacked (none resolved here)
    index = (new / "index.html").read_text(encoding="utf-8")
    assert "与上次报告" in index and "每千人口拥有3岁以下婴幼儿托位数" in index


@pytest.mark.parametrize(
    "content, words",
    [('{"plans": []}', "不是 pubsvc report 写出的 summary.json"), ("{not json", "不是有效的 JSON")],
)
def test_a_previous_file_that_is_no_report_summary_is_a_usage_error(cli, tmp_path, content, words):
    previous = tmp_path / "summary.json"
    previous.write_text(content, encoding="utf-8")
    run = cli("report", "guilin", "--out", str(tmp_path / "out"), "--previous", str(previous))
    assert run.returncode == 2
    assert words in run.stderr and str(previous) in run.stderr
    assert not (tmp_path / "out").exists()


def test_the_report_speaks_english_when_asked(cli, tmp_path):
    out = tmp_path / "report"
    assert cli("report", "guilin", "--out", str(out), "--lang", "en").returncode == 0
    text = (out / "plans" / "guilin.html").read_text(encoding="utf-8")
    assert "Main indicators" in text and "Against the upper-level plans" in text
    assert "主要指标" not in text and "检查发现" not in text
    assert '<html lang="en">' in text


def test_outside_a_terminal_the_report_says_one_line_and_draws_no_progress_bar(cli, tmp_path):
    run = cli("report", "guilin", "--out", str(tmp_path / "report"))
    assert run.returncode == 0
    assert run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"报告已写入 {tmp_path / 'report'}：1 个页面，以及 index.html、report.md、summary.json、findings.csv、"
        "progress.csv、report.xlsx"
    ]


def test_a_folder_named_like_a_report_file_is_someones_folder_and_is_never_replaced(cli, tmp_path):
    out = tmp_path / "report"
    (out / "report.md").mkdir(parents=True)
    (out / "report.md" / "notes.txt").write_text("precious", encoding="utf-8")
    run = cli("report", "guilin", "--out", str(out))
    assert run.returncode == 2 and "report.md" in run.stderr
    assert (out / "report.md" / "notes.txt").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("out", [".", "../here"])
def test_the_current_folder_cannot_be_the_report_folder(cli, tmp_path, out):
    here = tmp_path / "here"
    here.mkdir()
    run = cli("report", "guilin", "--out", out, cwd=here)
    assert run.returncode == 2
    assert "当前文件夹" in run.stderr and "--out report" in run.stderr
    assert here.is_dir() and list(here.iterdir()) == []


def test_two_plans_with_one_id_get_a_page_each(cli, tmp_path):
    folder = tmp_path / "plans"
    write_yaml(folder / "one.yaml", plan_data("dd", [indicator("life_expectancy", 78, 80)]))
    write_yaml(folder / "two.yaml", plan_data("dd", [indicator("life_expectancy", 77, 80)]))
    out = tmp_path / "report"
    assert cli("report", str(folder), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in (out / "plans").iterdir()) == ["dd-2.html", "dd.html"]
    assert "two.yaml" in (out / "plans" / "dd-2.html").read_text(encoding="utf-8")


def test_plans_caught_in_a_cycle_of_upper_plans_are_still_in_the_hierarchy(cli, tmp_path):
    folder = tmp_path / "plans"
    write_yaml(folder / "ca.yaml", plan_data("ca", [indicator("life_expectancy", 78, 80)], upper="cb"))
    write_yaml(
        folder / "cb.yaml", plan_data("cb", [indicator("life_expectancy", 78, 80)], upper="ca", level="province")
    )
    out = tmp_path / "report"
    run = cli("report", str(folder), "--out", str(out))
    assert run.returncode == 0, run.stderr
    tree = re.search(r'<nav class="tree".*?</nav>', (out / "index.html").read_text(encoding="utf-8"), re.S)[0]
    assert tree.count('href="plans/ca.html"') == 1 and tree.count('href="plans/cb.html"') == 1


@pytest.mark.parametrize(
    "records",
    [
        '"plans":[{}],"progress":[{}],"findings":[{"rule":"PS501"}]',
        '"plans":[{"id":[1]}],"progress":[{"plan":[1],"indicator":{}}],"findings":[{"rule":["x"],"plan":{}}]',
        '"plans":[],"progress":[{"plan":"guilin","indicator":"x","status":"great","year":2023}],"findings":[]',
        '"plans":[],"progress":[],"findings":' + "[" * 100000 + "]" * 100000,
    ],
)
def test_a_previous_summary_with_records_it_cannot_hold_is_a_usage_error(cli, tmp_path, records):
    previous = tmp_path / "summary.json"
    previous.write_text('{"generator":"pubsvc report",' + records + "}", encoding="utf-8")
    run = cli("report", "guilin", "--out", str(tmp_path / "out"), "--previous", str(previous))
    assert run.returncode == 2, run.stderr
    assert str(previous) in run.stderr and "Traceback" not in run.stderr


def test_report_md_has_one_list_item_a_line_and_cells_that_stay_cells(cli, tmp_path):
    folder = tmp_path / "plans"
    rows = [indicator("life_expectancy", 78, 80, name="寿命\\|延长\\")]
    write_yaml(folder / "odd.yaml", plan_data("odd", rows, upper="no|such\nplan"))
    out = tmp_path / "report"
    assert cli("report", str(folder), "guilin", "--out", str(out)).returncode == 0
    text = (out / "report.md").read_text(encoding="utf-8")
    assert all(line.count("(`") <= 1 for line in text.splitlines())  # one finding a line, never two run together
    table = [line for line in text.splitlines() if line.startswith("| odd plan")]
    assert len(table) == 1 and "no\\|such plan" in table[0]
    assert "寿命\\\\\\|延长\\\\" in text


def test_text_from_a_plan_is_shown_as_text_never_as_markup(cli, tmp_path):
    # Names reach the page in headings, tables, the chart's title and text alternative and its
    # table of numbers (some of them written with escaping by hand, for speed).
    folder = tmp_path / "plans"
    name = '寿命<b onclick="x()">长</b> & <script>'
    row = indicator("life_expectancy", 78, 80, name=name, actuals=[{"year": 2022, "value": 79}])
    data = plan_data("odd", [row])
    data["plan"]["name"] = "<i>奇</i>规划"
    write_yaml(folder / "odd.yaml", data)
    out = tmp_path / "report"
    assert cli("report", str(folder), "--out", str(out)).returncode == 0
    for path in (out / "index.html", out / "plans" / "odd.html"):
        html = path.read_text(encoding="utf-8")
        tags = set(re.findall(r"<([a-z]+)[\s>/]", html))
        assert not tags & {"b", "i", "script"}, path
        assert "<i>奇</i>规划" in "".join(parse(path).text)
    page = (out / "plans" / "odd.html").read_text(encoding="utf-8")
    assert (
        page.count("寿命&lt;b onclick=&#34;x()&#34;&gt;长&lt;/b&gt; &amp; &lt;script&gt;") >= 4
    )  # table, chart ×2, numbers


def test_a_report_that_cannot_make_its_folder_says_so_and_leaves_the_collector_as_it_was(cli, tmp_path):
    import gc

    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    run = cli("report", "guilin", "--out", str(tmp_path / "afile" / "sub" / "out"))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert gc.get_freeze_count() == 0
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "not a folder"
