"""Inputs found by an adversarial review: each must give a clear, located answer — never a
traceback, a hang, a wrong location, or silently lost data."""

import json
import xml.etree.ElementTree as ElementTree

from test_ci_gating import git

from conftest import indicator, plan_data, write_yaml


def no_traceback(proc):
    assert "Traceback" not in proc.stdout + proc.stderr and "internal error" not in proc.stderr
    return proc


def test_names_with_brackets_are_text_not_markup(cli, tmp_path):
    data = plan_data(
        "t1",
        [indicator("", name="未知指标[/]x", baseline=1, target=2)],
        services=[{"name": "自创服务[/]", "source": {"quote": "q"}}],
    )
    data["plan"]["name"] = "规划[bold]x[/bold]"
    write_yaml(tmp_path / "m.yaml", data)
    for command in (("check", "m.yaml"), ("show", "m.yaml")):
        proc = no_traceback(cli(*command))
        assert proc.returncode in (0, 1)
    assert "未知指标[/]x" in cli("check", "m.yaml").stdout
    assert "规划[bold]x[/bold]" in cli("show", "m.yaml").stdout


def test_values_that_are_no_numbers_a_plan_can_state(cli, tmp_path):
    for bad in (".nan", ".inf", "1" + "0" * 40, "9 5"):
        write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, bad)]))
        proc = no_traceback(cli("check", "p.yaml", "-f", "parsable"))
        assert proc.returncode == 1 and "PS107" in proc.stdout, bad


def test_output_problems_are_usage_errors_and_inputs_are_never_overwritten(cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, 79)]))
    before = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    proc = no_traceback(cli("check", "p.yaml", "-o", "p.yaml"))
    assert proc.returncode == 2 and (tmp_path / "p.yaml").read_text(encoding="utf-8") == before
    proc = no_traceback(cli("check", "p.yaml", "-o", "p.yaml/x.json"))
    assert proc.returncode == 2 and "p.yaml/x.json" in proc.stderr
    assert no_traceback(cli("schema", "-o", "/proc/x.json")).returncode == 2


def test_unknown_rule_codes_in_select_and_ignore_are_usage_errors(cli):
    for option in (("--select", "PS2O1"), ("--ignore", "x"), ("--ignore", "PS"), ("--select", "PS9")):
        proc = no_traceback(cli("check", "guilin", *option))
        assert proc.returncode == 2, option
    assert cli("check", "guilin", "--select", "ps4xx", "-f", "json").returncode == 1


def test_diff_base_finds_non_ascii_file_names_and_old_versions_that_were_not_utf8(cli, tmp_path):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    write_yaml(repo / "plans" / "桂林.yaml", plan_data("gl", [indicator("nursing_beds_share", 46, 55, "约束性")]))
    (repo / "plans" / "latin.yaml").write_bytes(b"plan: {id: latin, name: \xff}\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plans")
    write_yaml(repo / "plans" / "桂林.yaml", plan_data("gl", [indicator("nursing_beds_share", 46, 50, "约束性")]))
    write_yaml(repo / "plans" / "latin.yaml", plan_data("latin", [indicator("life_expectancy", 78, 79)]))
    proc = no_traceback(cli("diff", "--base", "HEAD", "-f", "json", cwd=repo))
    report = json.loads(proc.stdout)
    assert [(c["plan"], c["kind"]) for c in report["changes"] if c["plan"] == "gl"] == [("gl", "weakened")]
    assert any(f["rule"] == "PS101" and f["file"] == "HEAD:plans/latin.yaml" for f in report["findings"])
    assert no_traceback(cli("diff", "--base", "HEAD", "plans/nonexistent.yaml", cwd=repo)).returncode == 2


def test_a_plan_whose_upper_is_itself(cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, 79)], upper="t1"))
    [finding] = [f for f in json.loads(cli("check", "p.yaml", "-f", "json").stdout)["findings"] if f["rule"] == "PS301"]
    assert "itself" in cli("check", "p.yaml", "--lang", "en").stdout


def test_base_year_errors_point_at_base_year(cli, tmp_path):
    data = plan_data("t1", [indicator("life_expectancy", 78, 79)])
    data["plan"]["base_year"] = 2025
    write_yaml(tmp_path / "p.yaml", data)
    [finding] = json.loads(cli("check", "p.yaml", "-f", "json").stdout)["findings"]
    assert finding["path"] == "plan.base_year"


def test_target_years_outside_the_plan(cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, 79, year=1999)]))
    findings = json.loads(cli("check", "p.yaml", "-f", "json").stdout)["findings"]
    assert [(f["rule"], f["path"]) for f in findings] == [("PS210", "indicators[0].year")]


def test_actuals_outside_natural_limits_and_for_other_plans(cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("pension_insurance_coverage", 90, 95, "约束性")]))
    (tmp_path / "a.csv").write_text(
        "plan,indicator,year,value\nt1,pension_insurance_coverage,2022,150\nother,pension_insurance_coverage,2022,93\n",
        encoding="utf-8",
    )
    report = json.loads(cli("check", "p.yaml", "--actuals", "a.csv", "-f", "json").stdout)
    rules = {f["rule"]: f for f in report["findings"]}
    assert rules["PS115"]["line"] == 2 and rules["PS116"]["plan"] == "other"
    assert report["progress"] == []


def test_junit_stays_well_formed_with_control_characters_in_the_data(cli, tmp_path):
    (tmp_path / "p.yaml").write_text('plan: {id: t1}\n"bad\\x01key": 1\n', encoding="utf-8")
    proc = no_traceback(cli("check", "p.yaml", "-f", "junit"))
    ElementTree.fromstring(proc.stdout.encode("utf-8"))


def test_debug_switch_zero_means_off(cli, tmp_path):
    proc = cli("check", "guilin", "--formt", "x", env={"PUBSVC_DEBUG": "0"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_two_files_with_the_same_name_are_told_apart(cli, tmp_path):
    for folder in ("a", "b"):
        write_yaml(tmp_path / folder / "plan.yaml", plan_data(f"p{folder}", [indicator("life_expectancy", 79, 78)]))
    out = cli("check", "a/plan.yaml", "b/plan.yaml").stdout
    assert "a/plan.yaml:" in out and "b/plan.yaml:" in out


def test_a_year_outside_the_plan_points_at_the_year_cell(cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("pension_insurance_coverage", 90, 95)]))
    (tmp_path / "a.csv").write_text("indicator,year,value\npension_insurance_coverage,2019,92\n", encoding="utf-8")
    [finding] = [
        f
        for f in json.loads(cli("check", "p.yaml", "--actuals", "a.csv", "-f", "json").stdout)["findings"]
        if f["rule"] == "PS112"
    ]
    assert (finding["line"], finding["column"]) == (2, 2)
