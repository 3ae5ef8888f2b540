"""``pubsvc extract`` at the command line: it writes a draft that validates, never replaces a
file unasked, says what it found, and in --check mode reports like every other command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

COUNTY = Path(__file__).parent.parent / "extract" / "county-plan.txt"


def test_extract_writes_a_draft_that_validate_accepts_and_says_what_it_found(cli, tmp_path):
    shutil.copy(COUNTY, tmp_path / "county-plan.txt")
    run = cli("extract", "county-plan.txt", "--id", "county", "--upper", "province", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "附表1 示范县“十四五”主要指标, 4 rows (one line per row)" in run.stderr
    assert (
        "county: 1 indicator table(s) with 4 rows; 6 targets in the text and tasks; 2 tasks; 3 service items"
        in run.stderr
    )
    draft = tmp_path / "county.draft.yaml"
    assert 'review: "needed"' in draft.read_text(encoding="utf-8")
    assert cli("validate", "county.draft.yaml").returncode == 0


def test_extract_never_replaces_an_existing_file_without_force(cli, tmp_path):
    shutil.copy(COUNTY, tmp_path / "county-plan.txt")
    (tmp_path / "mine.yaml").write_text("keep me\n", encoding="utf-8")
    run = cli("extract", "county-plan.txt", "--out", "mine.yaml", "--lang", "en")
    assert run.returncode == 2 and "mine.yaml exists; use --force" in run.stderr
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "keep me\n"
    assert cli("extract", "county-plan.txt", "--out", "mine.yaml", "--force").returncode == 0
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8").startswith("# DRAFT written by `pubsvc extract`")


def test_a_document_in_utf16_with_a_bom_is_read_and_one_in_gbk_is_a_located_error(cli, tmp_path):
    text = COUNTY.read_text(encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    assert cli("extract", "utf16.txt").returncode == 0
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    run = cli("extract", "gbk.txt", "--format", "json")
    (finding,) = json.loads(run.stdout)["findings"]
    assert run.returncode == 1 and (finding["rule"], finding["file"], finding["line"]) == ("PS101", "gbk.txt", 1)
    assert not (tmp_path / "gbk.draft.yaml").exists()


def test_a_text_without_a_plan_in_it_writes_nothing(cli, tmp_path):
    (tmp_path / "letter.txt").write_text("各位同事：\n明天开会。\n", encoding="utf-8")
    run = cli("extract", "letter.txt", "--lang", "en")
    assert run.returncode == 1 and "is it the plain text of a plan?" in run.stderr
    assert list(tmp_path.glob("*.yaml")) == []


def test_extract_check_passes_its_own_draft_and_fails_on_a_changed_value(cli, tmp_path):
    shutil.copy(COUNTY, tmp_path / "county-plan.txt")
    assert cli("extract", "county-plan.txt", "--out", "county.yaml").returncode == 0
    run = cli("extract", "--check", "county-plan.txt", "county.yaml", "--format", "json")
    report = json.loads(run.stdout)
    assert [f["rule"] for f in report["findings"]] == [] and run.returncode == 0
    draft = tmp_path / "county.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace('target: "92"', 'target: "95"', 1), encoding="utf-8")
    run = cli("extract", "--check", "county-plan.txt", "county.yaml", "--format", "json")
    assert [f["rule"] for f in json.loads(run.stdout)["findings"]] == ["PS702"] and run.returncode == 1


def test_extract_usage_errors_exit_2(cli, tmp_path):
    assert cli("extract", "--check", "only-one.txt").returncode == 2
    assert cli("extract", "missing.txt").returncode == 2
    shutil.copy(COUNTY, tmp_path / "county-plan.txt")
    assert cli("extract", "county-plan.txt", "--id", "Not An Id").returncode == 2


THIRTEENTH = """示范县“十四五”基本公共服务规划

专栏1 “十三五”时期主要指标完成情况

指标\t2020年目标\t2020年实际值\t完成情况
九年义务教育巩固率（%）\t≥97\t101.07\t已完成

专栏2 “十四五”时期主要指标

指标\t单位\t2020年情况\t2025年目标\t属性
九年义务教育巩固率\t%\t101.07\t≥102.7\t约束性
"""


def test_two_drafts_are_written_together_or_not_at_all(cli, tmp_path):
    (tmp_path / "plan.txt").write_text(THIRTEENTH, encoding="utf-8")
    run = cli("extract", "plan.txt", "--id", "c", "--out", "c-13th.yaml", "--lang", "en")
    assert run.returncode == 2 and "would be written to one file" in run.stderr
    (tmp_path / "c-13th.yaml").mkdir()  # where the earlier plan's draft would go
    run = cli("extract", "plan.txt", "--id", "c", "--out", "c.yaml", "--force", "--lang", "en")
    assert run.returncode == 2 and "c-13th.yaml is not a regular file" in run.stderr
    assert not (tmp_path / "c.yaml").exists()
    (tmp_path / "c-13th.yaml").rmdir()
    assert cli("extract", "plan.txt", "--id", "c", "--out", "c.yaml").returncode == 0
    assert 'period: "2016-2020"' in (tmp_path / "c-13th.yaml").read_text(encoding="utf-8")
    assert 'period: "2021-2025"' in (tmp_path / "c.yaml").read_text(encoding="utf-8")


def test_a_document_printing_only_an_earlier_plans_table_drafts_that_plan(cli, tmp_path):
    text = THIRTEENTH.split("专栏2")[0]
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    run = cli("extract", "plan.txt", "--id", "c", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["c-13th.draft.yaml"]
    assert "c: 0 indicator" not in run.stderr
