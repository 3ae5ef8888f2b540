"""Absence of a check is visible: "no findings" must not read as compliant where nothing was
looked at, and a waiver of a rule that could not run is not called unused."""

import json
import xml.etree.ElementTree as ElementTree

from conftest import ROOT


def test_a_plan_whose_upper_plan_is_not_encoded_says_its_alignment_was_not_checked(cli):
    table = cli("check", "wuzhong").stdout
    assert "未检查与上级规划衔接（PS3xx）：上级规划《宁夏回族自治区“十四五”公共服务发展规划》未收录" in table
    assert "未发现问题" in table  # true, and no longer alone
    [plan] = json.loads(cli("check", "wuzhong", "-f", "json").stdout)["plans"]
    assert [n["rules"] for n in plan["not_checked"]] == ["PS3xx", "PS4xx", "PS5xx"]
    assert (
        "not encoded"
        in json.loads(cli("check", "wuzhong", "-f", "json", "--lang", "en").stdout)["plans"][0]["not_checked"][0][
            "reason"
        ]
    )
    assert "未检查与上级规划衔接" in cli("check", "wuzhong", "-f", "markdown").stdout


def test_a_plan_that_names_no_upper_plan_says_so(cli):
    [plan] = json.loads(cli("check", "unnamed-city", "-f", "json", "--lang", "en").stdout)["plans"]
    assert plan["not_checked"][0] == {"rules": "PS3xx", "reason": "the plan names no upper-level plan"}


def test_junit_reports_checks_that_could_not_run_as_skipped(cli):
    root = ElementTree.fromstring(cli("check", "wuzhong", "-f", "junit").stdout.encode("utf-8"))
    suite = root.find("testsuite[@name='wuzhong']")
    skipped = [case.get("name") for case in suite if case.find("skipped") is not None]
    assert "PS303 less-ambitious-than-upper" in skipped and "PS401 standard-item-missing" in skipped
    assert int(suite.get("skipped")) == len(skipped) and int(root.get("skipped")) == len(skipped)


def test_what_did_run_is_not_listed(cli):
    actuals = str(ROOT / "examples" / "guilin-actuals-illustrative.csv")
    [plan] = json.loads(cli("check", "guilin", "--actuals", actuals, "-f", "json").stdout)["plans"]
    assert plan["not_checked"] == []  # an upper plan, a service list and actual values: everything ran
    assert json.loads(cli("check", "national", "-f", "json").stdout)["plans"][0]["not_checked"][0]["rules"] != "PS3xx"
