"""pubsvc check through its command line (in-process: the `cli` fixture runs the entry point as the console script does)."""

import json

from conftest import indicator, plan_data, write_yaml
from pubsvc_cli.rules import REGISTRY


def assert_no_traceback(proc):
    assert "Traceback" not in proc.stdout + proc.stderr


def test_check_in_english(cli):
    proc = cli("check", "guilin", "--lang", "en")
    assert proc.returncode == 1
    assert "1 plan(s) checked: 1 error(s), 6 warning(s), 19 info, 1 waived." in proc.stdout
    assert "less ambitious than 2.6" in proc.stdout
    assert cli("check", "guilin", env={"PUBSVC_LANG": "en"}).stdout == proc.stdout
    assert "共检查" in cli("check", "guilin", env={"LANG": "zh_CN.UTF-8"}).stdout


def test_check_json_is_one_parseable_object(cli):
    proc = cli("check", "guilin", "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["version"] == 1
    assert report["summary"] == {"errors": 1, "warnings": 6, "infos": 19, "waived": 1}
    assert report["plans"][0]["id"] == "guilin"
    required = {
        "rule",
        "severity",
        "plan",
        "indicator",
        "indicator_name",
        "service",
        "service_name",
        "message",
        "file",
        "line",
        "waived",
    }
    for finding in report["findings"]:
        assert required <= finding.keys()
        assert finding["severity"] in ("error", "warning", "info")
    sports = next(f for f in report["findings"] if f["indicator"] == "sports_area_per_capita")
    assert sports["rule"] == "PS303" and sports["file"].endswith("guilin.yaml") and sports["line"] > 0
    assert sports["related"][0]["file"].endswith("guangxi.yaml")


def test_fail_on_sets_the_exit_code(cli):
    assert cli("check", "guangxi", "--fail-on", "warning").returncode == 1  # warnings, no errors
    assert cli("check", "guangxi", "--fail-on", "error").returncode == 0
    assert cli("check", "guilin", "--fail-on", "error").returncode == 1
    assert cli("check", "guilin", "--fail-on", "never").returncode == 0


def test_several_plans_in_one_run(cli):
    report = json.loads(cli("check", "guilin", "guangxi", "-f", "json").stdout)
    assert [p["id"] for p in report["plans"]] == ["guilin", "guangxi"]


def test_unknown_plan_is_a_usage_error(cli):
    proc = cli("check", "atlantis.yaml")
    assert proc.returncode == 2
    assert "atlantis.yaml" in proc.stderr
    assert_no_traceback(proc)


def test_broken_yaml_is_a_located_error_without_traceback(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan:\n  id: x\n  name: [unclosed\nindicators: []\n", encoding="utf-8")
    proc = cli("check", "bad.yaml", "--format", "json", "--fail-on", "never")
    assert proc.returncode == 1  # a file that cannot be loaded fails whatever --fail-on says
    [finding] = json.loads(proc.stdout)["findings"]
    assert finding["rule"] == "PS102" and finding["line"] == 4
    table = cli("check", "bad.yaml", "--lang", "en")
    assert "bad.yaml:4:" in table.stdout
    assert_no_traceback(table)


def test_schema_violation_is_located_with_a_did_you_mean(cli, tmp_path):
    data = plan_data("mine", [indicator("life_expectancy", 78, 79)])
    data["indicators"][0]["natrue"] = data["indicators"][0].pop("nature")
    write_yaml(tmp_path / "mine.yaml", data)
    proc = cli("check", "mine.yaml", "--lang", "en")
    assert proc.returncode == 1
    assert "did you mean 'nature'" in proc.stdout
    assert "mine.yaml:" in proc.stdout
    assert_no_traceback(proc)


def test_data_dir_plans_are_found_and_their_upper_resolved(cli, tmp_path):
    own = tmp_path / "own"
    write_yaml(
        own / "plans" / "prov.yaml", plan_data("prov", [indicator("sports_area_per_capita", 2, 2.6)], level="province")
    )
    write_yaml(
        own / "plans" / "town.yaml", plan_data("town", [indicator("sports_area_per_capita", 1.9, 2.2)], upper="prov")
    )
    proc = cli("check", "town", "--data-dir", str(own), "-f", "json")
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"]] == ["PS303"]


def test_rules_lists_every_rule(cli):
    proc = cli("rules", "--format", "json")
    assert proc.returncode == 0
    listed = json.loads(proc.stdout)
    assert [r["code"] for r in listed] == sorted(REGISTRY)
    assert all(r["title"] and r["doc"] for r in listed)
    assert "PS303" in cli("rules").stdout


def test_version_and_help(cli):
    assert cli("--version").stdout.startswith("pubsvc ")
    assert "check" in cli("--help").stdout


def test_check_runs_on_every_shipped_plan_without_a_crash(cli):
    from conftest import PLANS

    for plan in sorted(PLANS.glob("*.yaml")):
        proc = cli("check", plan.stem, "-f", "json")
        assert proc.returncode in (0, 1), proc.stderr
        report = json.loads(proc.stdout)
        assert report["plans"][0]["id"] == plan.stem
        assert_no_traceback(proc)


def test_service_coverage_per_domain_in_table_and_json(cli):
    table = cli("check", "guilin", "--lang", "en").stdout
    assert "Basic public service list coverage" in table and "优军服务保障" in table
    report = json.loads(cli("check", "guilin", "-f", "json").stdout)
    coverage = {c["domain"]: c for c in report["coverage"]}
    assert coverage["住有所居"]["added"] == ["推进城镇老旧小区改造", "农村人居环境整治工程"]
    missing = next(f for f in report["findings"] if f["rule"] == "PS401" and f["severity"] == "error")
    assert (missing["service"], missing["service_name"]) == ("yj03", "退役军人就业创业服务")


def test_a_province_is_checked_against_its_own_list_by_default(cli):
    national = json.loads(cli("check", "sichuan", "--standard", "national", "-f", "json").stdout)
    own = json.loads(cli("check", "sichuan", "-f", "json").stdout)
    assert len([f for f in national["findings"] if f["rule"] == "PS402"]) == 3
    assert not [f for f in own["findings"] if f["rule"] in ("PS401", "PS402")]
    other = json.loads(cli("check", "guilin", "--standard", "sichuan", "-f", "json").stdout)
    [warning] = [f for f in other["findings"] if f["rule"] == "PS408"]  # Guilin is in Guangxi
    assert "广西" in warning["message"]
    bad = cli("check", "sichuan", "--standard", "atlantis")
    assert bad.returncode == 2 and "atlantis" in bad.stderr


def test_check_takes_a_folder_and_all_and_says_so_when_given_nothing(cli, tmp_path):
    folder = tmp_path / "plans"
    write_yaml(folder / "p.yaml", plan_data("p", [indicator("medical_insurance_coverage", 95, 96)], level="province"))
    write_yaml(folder / "sub" / "c.yaml", plan_data("c", [indicator("medical_insurance_coverage", 95, 96)], upper="p"))
    report = json.loads(cli("check", str(folder), "-f", "json").stdout)
    assert [p["id"] for p in report["plans"]] == ["p", "c"]
    everything = json.loads(cli("check", "--all", "--data-dir", str(tmp_path), "-f", "json").stdout)
    ids = [p["id"] for p in everything["plans"]]
    assert {"p", "guilin", "guangxi", "national"} <= set(ids) and len(ids) == len(set(ids))
    nothing = cli("check")
    assert nothing.returncode == 2 and "--all" in nothing.stderr
    (tmp_path / "empty").mkdir()
    empty = cli("check", str(tmp_path / "empty"))
    assert empty.returncode == 2 and "没有规划文件" in empty.stderr


def test_many_plans_at_the_terminal_show_counts_per_plan_and_the_failing_plans_findings(cli, tmp_path):
    rate = "medical_insurance_coverage"
    write_yaml(tmp_path / "prov.yaml", plan_data("prov", [indicator(rate, 95, 96, "约束性")], level="province"))
    for i in range(24):
        target = 90 if i == 7 else 97  # one city weaker than a binding provincial target
        write_yaml(
            tmp_path / f"city{i:02}.yaml",
            plan_data(f"city{i:02}", [indicator(rate, 85, target, "约束性")], upper="prov"),
        )
    proc = cli("check", str(tmp_path), "--lang", "en")
    assert proc.returncode == 1
    assert "Results per plan (25 plans)" in proc.stdout
    assert "Findings of the plans that fail (1 plans" in proc.stdout
    assert "city07" in proc.stdout and "PS303" in proc.stdout
    assert "PS302" not in proc.stdout  # an info or passing plan's detail is left to the machine formats
    assert "25 plan(s) checked: 1 error(s)" in proc.stdout


def test_validate_takes_plan_ids_and_all(cli, tmp_path):
    assert cli("validate", "guilin").returncode == 0
    write_yaml(tmp_path / "plans" / "bad.yaml", plan_data("bad", [indicator("medical_insurance_coverage", 95, -3)]))
    report = json.loads(cli("validate", "--all", "--data-dir", str(tmp_path), "-f", "json").stdout)
    files = {p["file"] for p in report["plans"]}
    assert "pubsvc:data/plans/guilin.yaml" in files and any(f.endswith("bad.yaml") for f in files)
    assert any(f["rule"] == "PS207" for f in report["findings"])
    nothing = cli("validate")
    assert nothing.returncode == 2 and "--all" in nothing.stderr


def test_guilin_inherits_three_national_gaps_from_guangxi(cli):
    """Guilin meets Guangxi's targets for three indicators on which Guangxi itself is short of the
    nation: three PS313 infos on Guilin, and the chain of values in the JSON output."""
    report = json.loads(cli("check", "guilin", "-f", "json").stdout)
    inherited = sorted(f["indicator"] for f in report["findings"] if f["rule"] == "PS313")
    assert inherited == ["physicians_per_1000", "public_culture_visits_per_10000", "working_age_schooling_years"]
    assert report["plans"][0]["ancestors"] == [
        {"id": "guangxi", "file": "pubsvc:data/plans/guangxi.yaml"},
        {"id": "national", "file": "pubsvc:data/plans/national.yaml"},
    ]
    schooling = next(a for a in report["alignment"] if a["indicator"] == "working_age_schooling_years")
    assert [(v["plan"], v["target"]) for v in schooling["chain"]] == [
        ("guilin", "11.2"),
        ("guangxi", "10.7"),
        ("national", "11.3"),
    ]
    assert schooling["gaps"] == [{"short_of": "national", "arose_in": "guangxi", "inherited": True}]


def test_the_interrupt_message_is_in_the_language_the_run_asked_for(monkeypatch):
    from pubsvc_cli.cli import _language_of

    monkeypatch.setenv("PUBSVC_LANG", "zh")
    assert [_language_of(args) for args in (["check", "--lang", "en"], ["check", "--lang=en"], ["check"])] == [
        "en",
        "en",
        "zh",
    ]


def test_the_counts_per_plan_line_up_in_columns_whatever_the_names_and_lose_nothing_in_a_file(cli, tmp_path):
    from rich.cells import cell_len

    write_yaml(tmp_path / "prov.yaml", plan_data("prov", [indicator("life_expectancy", 78, 79)], level="province"))
    for i in range(22):
        data = plan_data(f"c{i:02}", [indicator("life_expectancy", 78, 79)], upper="prov")
        data["plan"]["name"] = "桂林市" * (1 + i % 5) + " city plan with a long name" * (i == 3)
        write_yaml(tmp_path / f"c{i:02}.yaml", data)
    out = cli("check", str(tmp_path), "--lang", "zh").stdout.splitlines()
    header = next(k for k, line in enumerate(out) if line.startswith("规划编号"))
    rows = out[header + 2 : header + 25]
    assert [row.split()[0] for row in rows] == [*(f"c{i:02}" for i in range(22)), "prov"]
    verdict_ends = {cell_len(row[: row.index("通过") + 2]) for row in rows}
    assert len(verdict_ends) == 1  # every verdict in one column, CJK names counted at their width
    assert any(row.endswith(" city plan with a long name") for row in rows)  # not cut in a file
