"""Every finding can be acted on where it is read: it names what it is about, points at files by
the names the user knows, and says when it is accepted (waived)."""

import json
import os
import stat

import pytest

from conftest import indicator, plan_data, write_yaml

FORMATS = ["table", "json", "parsable", "github", "sarif", "junit", "markdown"]


def test_one_line_formats_name_the_indicator_of_each_finding(cli, tmp_path):
    # A county lacking three binding indicators of its province: three lines, each naming its own.
    rows = [
        indicator(i, 90, 95, "约束性")
        for i in ("medical_insurance_coverage", "pension_insurance_coverage", "nursing_beds_share", "life_expectancy")
    ]
    write_yaml(tmp_path / "prov.yaml", plan_data("prov", rows, level="province"))
    write_yaml(tmp_path / "county.yaml", plan_data("county", [rows[3]], upper="prov", level="county"))
    lines = [line for line in cli("check", "county.yaml", "-f", "parsable").stdout.splitlines() if "PS302" in line]
    assert len(lines) == len(set(lines)) == 3
    for name in ("基本医疗保险参保率", "基本养老保险参保率", "养老机构护理型床位占比"):
        assert sum(name in line for line in lines) == 1
    for fmt in ("github", "junit", "sarif", "json"):
        out = cli("check", "county.yaml", "-f", fmt).stdout
        assert all(name in out for name in ("基本医疗保险参保率", "基本养老保险参保率")), fmt


def test_diff_names_the_removed_indicator_and_points_into_both_versions(cli, tmp_path):
    write_yaml(
        tmp_path / "old.yaml",
        plan_data("p", [indicator("nursing_beds_share", 46, 55, "约束性"), indicator("life_expectancy", 78, 79)]),
    )
    write_yaml(tmp_path / "new.yaml", plan_data("p", [indicator("life_expectancy", 78, 79.5)]))
    [line] = [
        line for line in cli("diff", "old.yaml", "new.yaml", "-f", "parsable").stdout.splitlines() if "PS602" in line
    ]
    assert line.startswith("new.yaml:") and "养老机构护理型床位占比" in line
    findings = {f["rule"]: f for f in json.loads(cli("diff", "old.yaml", "new.yaml", "-f", "json").stdout)["findings"]}
    assert findings["PS602"]["file"] == "new.yaml" and findings["PS602"]["related"][0]["file"] == "old.yaml"
    assert findings["PS604"]["related"][0]["path"] == "indicators[1].target"  # the old value's place


@pytest.mark.parametrize("fmt", FORMATS)
def test_shipped_data_is_named_by_its_stable_name_in_every_format(cli, fmt):
    out = cli("check", "guilin", "-f", fmt).stdout
    if fmt == "github":
        out = out.replace("%3A", ":")  # a workflow command escapes ':' in its properties
    assert "pubsvc:data/plans/guilin.yaml" in out
    assert "site-packages" not in out and os.sep + "data" + os.sep + "plans" not in out


def test_related_locations_in_shipped_upper_plans_use_the_stable_name(cli):
    report = json.loads(cli("check", "guilin", "-f", "json").stdout)
    sports = next(f for f in report["findings"] if f["indicator"] == "sports_area_per_capita" and f["rule"] == "PS303")
    assert sports["file"] == "pubsvc:data/plans/guilin.yaml"
    assert sports["related"][0]["file"] == "pubsvc:data/plans/guangxi.yaml"
    sarif = json.loads(cli("check", "guilin", "-f", "sarif").stdout)
    related = [
        r["physicalLocation"]["artifactLocation"]
        for result in sarif["runs"][0]["results"]
        for r in result.get("relatedLocations", [])
    ]
    assert {"uri": "pubsvc:data/plans/guangxi.yaml"} in related and all("uriBaseId" not in r for r in related)
    assert "pubsvc:data/plans/guangxi.yaml" in cli("check", "guilin", "-f", "markdown").stdout


def test_a_users_own_files_are_named_relative_to_the_working_folder(cli, tmp_path):
    write_yaml(tmp_path / "plans" / "p.yaml", plan_data("p", [indicator("life_expectancy", 79, 78)]))
    assert cli("check", "plans/p.yaml", "-f", "parsable").stdout.startswith("plans/p.yaml:")
    assert cli("check", str(tmp_path / "plans" / "p.yaml"), "-f", "parsable").stdout.startswith("plans/p.yaml:")


def test_a_waived_finding_is_marked_waived_in_parsable_and_github(cli):
    [parsable] = [line for line in cli("check", "guilin", "-f", "parsable").stdout.splitlines() if "(waived:" in line]
    assert "[waived] PS201 基本养老保险参保率：" in parsable
    [github] = [
        line
        for line in cli("check", "guilin", "-f", "github").stdout.splitlines()
        if "title=PS201" in line and "已豁免" in line
    ]
    assert github.startswith("::notice ") and "title=PS201 " in github and "（已豁免）" in github


def test_output_files_get_the_permissions_the_umask_gives(cli, tmp_path):
    old = os.umask(0o022)
    try:
        cli("check", "guilin", "-f", "json", "-o", "report.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644
    (tmp_path / "report.json").chmod(0o640)  # an existing report keeps its own
    cli("check", "guilin", "-f", "json", "-o", "report.json")
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o640
