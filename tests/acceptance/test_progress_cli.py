"""Progress against actual values, through the real command line."""

import json

from conftest import PLANS, ROOT, indicator, plan_data, write_yaml

EXAMPLE_XLSX = ROOT / "examples" / "guilin-actuals-illustrative.xlsx"
EXAMPLE_CSV = ROOT / "examples" / "guilin-actuals-illustrative.csv"


def progress_of(proc):
    return progress_of_report(json.loads(proc.stdout))


def progress_of_report(report):
    return {p["indicator"]: p for p in report["progress"]}


def test_guilin_13th_reproduces_the_plans_own_verdict_in_all_20_rows(cli):
    proc = cli("check", "guilin-13th", "-f", "json")
    report = json.loads(proc.stdout)
    progress = report["progress"]
    assert len(progress) == 20
    computed = {"achieved": "已完成", "not_achieved": "未完成"}
    assert [computed[p["status"]] for p in progress] == [p["recorded_verdict"] for p in progress]
    assert all(p["label_zh"] == p["recorded_verdict"] for p in progress)
    assert not [f for f in report["findings"] if f["rule"] == "PS505"]
    not_achieved = sorted(f["indicator_name"] for f in report["findings"] if f["rule"] == "PS501")
    assert not_achieved == sorted(
        [
            "城镇新增就业人数",
            "农民工职业技能培训",
            "生活不能自理特困人员集中供养率",
            "广播、电视综合人口覆盖率",
            "经常参加体育锻炼人数比例",
        ]
    )


def test_guangxi_13th_gets_a_verdict_for_all_20_rows(cli):
    progress = json.loads(cli("check", "guangxi-13th", "-f", "json").stdout)["progress"]
    assert len(progress) == 20
    assert all(p["status"] in ("achieved", "not_achieved") for p in progress)
    statuses = {p["indicator"]: p["status"] for p in progress}
    assert statuses["public_library_visits"] == "not_achieved"  # 1162.78 against 2000
    assert statuses["medical_insurance_coverage"] == "achieved"  # >95 guarantees >95


def test_a_recorded_verdict_that_the_numbers_contradict_is_reported(cli, tmp_path):
    text = (PLANS / "guilin-13th.yaml").read_text(encoding="utf-8").replace("verdict: 未完成", "verdict: 已完成", 1)
    (tmp_path / "g13.yaml").write_text(text, encoding="utf-8")
    report = json.loads(cli("check", "g13.yaml", "-f", "json").stdout)
    [wrong] = [f for f in report["findings"] if f["rule"] == "PS505"]
    assert wrong["indicator"] == "urban_new_jobs"


def test_example_spreadsheet_gives_progress_for_guilin(cli):
    proc = cli("check", "guilin", "--actuals", str(EXAMPLE_XLSX), "--lang", "en")
    assert "Progress (linear time share)" in proc.stdout
    assert "behind" in proc.stdout and "target met at the base year, maintained" in proc.stdout
    progress = progress_of(cli("check", "guilin", "--actuals", str(EXAMPLE_XLSX), "-f", "json"))
    assert progress["childcare_places_per_1000"]["status"] == "behind"
    assert progress["childcare_places_per_1000"]["label_zh"] == "滞后"
    training = progress["subsidised_vocational_training"]
    assert training["actual"] == "〔6.3〕" and training["status"] == "on_track"  # 2.1 + 1.8 + 2.4 of 〔10〕
    # 98 at the base year against ≥96: 基期已达标, and 98.1 in 2023 keeps it — not 提前实现.
    pension = progress["pension_insurance_coverage"]
    assert (pension["status"], pension["label_zh"]) == ("maintained", "基期已达标，保持")


def test_a_bound_that_cannot_show_a_fall_is_not_called_one(cli):
    # 基本医疗保险参保率 (约束性): 97 at the base year, ≥96 in 2023. A value of at least 96 may be 98:
    # it cannot show a fall, so 2023 is 无法评估, with the latest value that settles it (96.8 in 2022).
    proc = cli("check", "guilin", "--actuals", str(EXAMPLE_XLSX), "-f", "json", "--lang", "en")
    report = json.loads(proc.stdout)
    medical = progress_of_report(report)["medical_insurance_coverage"]
    assert (medical["year"], medical["actual"], medical["status"], medical["reason"]) == (
        2023,
        "≥96",
        "unable_to_assess",
        "bound_earlier",
    )
    assert medical["components"]["latest_settled"] == {
        "year": 2022,
        "status": "deteriorating",
        "label_zh": "倒退",
        "actual": "96.8",
    }
    findings = [f for f in report["findings"] if f["indicator"] == "medical_insurance_coverage"]
    assert [f["rule"] for f in findings if f["rule"].startswith("PS5")] == ["PS504"]
    [unable] = [f for f in findings if f["rule"] == "PS504"]
    assert unable["message"].startswith("基本医疗保险参保率: progress cannot be assessed from the value of 2023, ≥96")
    assert unable["message"].endswith("the latest value that settles it, 96.8 in 2022, is deteriorating")
    behind = [f for f in report["findings"] if f["rule"] == "PS502"]
    assert behind and all(f["severity"] == "warning" for f in behind)  # 预期性 indicators


def test_binding_indicator_moving_away_is_an_error_and_fails(cli, tmp_path):
    plan = write_yaml(
        tmp_path / "p.yaml", plan_data("p", [indicator("medical_insurance_coverage", 97, 97.5, "约束性")])
    )
    (tmp_path / "a.csv").write_text("indicator,year,value\nmedical_insurance_coverage,2023,96.8\n", encoding="utf-8")
    proc = cli("check", str(plan), "--actuals", "a.csv", "-f", "json")
    assert proc.returncode == 1
    [deteriorating] = [f for f in json.loads(proc.stdout)["findings"] if f["rule"] == "PS503"]
    assert deteriorating["severity"] == "error" and deteriorating["file"] == "a.csv"


def test_cagr_method_and_year(cli):
    progress = progress_of(
        cli("check", "guilin", "--actuals", str(EXAMPLE_CSV), "--method", "cagr", "--year", "2022", "-f", "json")
    )
    childcare = progress["childcare_places_per_1000"]
    assert childcare["year"] == 2022 and childcare["method"] == "cagr"
    assert {"cagr_observed", "cagr_required", "ratio", "y0", "yi", "yT"} <= childcare["components"].keys()
    assert progress["subsidised_vocational_training"]["method"] == "linear"  # totals have no growth rate


def test_bad_actuals_are_located_errors(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,year,value\nlife_expectancy,2030,80\nnosuch,2022,1\nlife_expectancy,2022,x\n", encoding="utf-8"
    )
    proc = cli("check", "guilin", "--actuals", str(bad), "--lang", "en", "--fail-on", "never")
    assert proc.returncode == 1
    assert "bad.csv:2:" in proc.stdout and "bad.csv:3:1" in proc.stdout and "bad.csv:4:3" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_missing_actuals_file_is_a_usage_error(cli):
    proc = cli("check", "guilin", "--actuals", "nope.csv")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_json_gives_each_plan_its_headline_and_each_assessment_its_pace(cli):
    """The headline counts the progress assessments of the same output, and every indicator
    without one as not assessed; the pace of an assessed number is stated."""
    from pubsvc_cli.evaluation import GROUPS

    report = json.loads(cli("check", "guilin", "--actuals", str(EXAMPLE_CSV), "-f", "json").stdout)
    head = report["plans"][0]["headline"]
    statuses = [p["status"] for p in report["progress"]]
    # The main indicators (主要指标) are the 22 rows of Guilin's table, not its 67 targets with the prose.
    assert sum(head["counts"].values()) == head["indicators"] == 22
    assert report["plans"][0]["indicators"] == 67
    for group in ("ahead", "on_track", "behind", "unable"):
        assert head["counts"][group] == sum(GROUPS[s] == group for s in statuses)
    binding_behind = [
        p["indicator"] for p in report["progress"] if p["nature"] == "约束性" and GROUPS[p["status"]] == "behind"
    ]
    assert [item["indicator"] for item in head["lagging_binding"]] == binding_behind
    childcare = next(p for p in report["progress"] if p["indicator"] == "childcare_places_per_1000")
    assert (childcare["baseline"], childcare["actual"], childcare["target"], childcare["year"]) == (
        "1.6",
        "3.1",
        "4.5",
        2023,
    )
    assert childcare["pace"]["achieved_per_year"] == "0.5" and childcare["pace"]["required_per_year"] == "0.7"
