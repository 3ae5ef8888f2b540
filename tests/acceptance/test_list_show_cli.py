"""``pubsvc list`` and ``pubsvc show`` on the shipped data and on a folder of one's own."""

import json

from conftest import PLANS, indicator, plan_data, write_yaml


def test_list_shows_every_shipped_plan(cli):
    proc = cli("list", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    listed = {p["id"]: p for p in json.loads(proc.stdout)["plans"]}
    assert set(listed) == {p.stem for p in PLANS.glob("*.yaml")}
    assert listed["guilin"]["upper"] == "guangxi" and listed["guilin"]["indicators"] >= 22
    assert listed["national"]["level"] == "national"
    assert (
        listed["guilin"]["services"] == 81
        and listed["sichuan"]["services"] == 83
        and listed["guangxi"]["projects"] == 57
    )
    table = cli("list").stdout
    assert "桂林市公共服务“十四五”规划" in table and "国家级" in table


def test_list_includes_a_data_dir_and_reports_broken_files(cli, tmp_path):
    own = tmp_path / "own"
    write_yaml(own / "plans" / "town.yaml", plan_data("town", [indicator("life_expectancy", 78, 79)]))
    (own / "plans" / "broken.yaml").write_text("plan: [\n", encoding="utf-8")
    proc = cli("list", "--data-dir", str(own), "-f", "json")
    report = json.loads(proc.stdout)
    assert "town" in {p["id"] for p in report["plans"]}
    assert report["unloadable"][0].endswith("broken.yaml")
    assert proc.returncode == 1


def test_show_prints_a_plans_indicators(cli):
    proc = cli("show", "guilin", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "人均体育场地面积" in proc.stdout and "≥102.7" in proc.stdout and "〔14.08〕" in proc.stdout
    report = json.loads(cli("show", "national", "-f", "json").stdout)
    renovation = next(i for i in report["indicators"] if i["id"] == "old_residential_renovation")
    assert renovation["unit"] == "万个" and renovation["nature"] is None and renovation["baseline"] is None


def test_show_unknown_plan_is_a_usage_error(cli):
    proc = cli("show", "atlantis")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
