"""The result cache of ``pubsvc check``: the same command on unchanged files is answered from the
cache, and any change to a file the check could read is checked afresh (never a stale answer)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import indicator, plan_data, write_yaml

RATE = "medical_insurance_coverage"  # 基本医疗保险参保率: a rate, compared between levels


@pytest.fixture
def cached(cli, tmp_path):
    """``cached("check", …)``: the CLI with the result cache on, kept in its own folder."""
    folder = tmp_path / "cache"

    def run(*args: str, cwd: Path | None = None, env: dict | None = None):
        return cli(*args, cwd=cwd, env={"PUBSVC_NO_CACHE": None, "PUBSVC_CACHE_DIR": str(folder), **(env or {})})

    run.folder = folder
    return run


@pytest.fixture
def plans(tmp_path):
    """A city whose target (95) is weaker than its province's (96): a PS303 finding."""
    folder = tmp_path / "plans"
    write_yaml(folder / "province.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    city = write_yaml(folder / "city.yaml", plan_data("city", [indicator(RATE, 90, 95)], upper="province"))
    return city


def _broken_checker(monkeypatch):
    """From now on a fresh check fails loudly: a run that succeeds was answered from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("checked afresh")

    monkeypatch.setattr("pubsvc_cli.checker.check", refuse)


def _rules(run) -> list[str]:
    return sorted(finding["rule"] for finding in json.loads(run.stdout)["findings"])


def _edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Change ``path``'s content without changing its size or modification time."""
    assert len(old.encode()) == len(new.encode())
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size


def test_a_second_identical_check_is_answered_from_the_cache(cached, plans, monkeypatch):
    first = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    _broken_checker(monkeypatch)
    second = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert "PS303" in _rules(second)


def test_the_exit_code_and_every_format_come_from_the_cached_result_as_from_a_fresh_one(
    cached, plans, cli, monkeypatch
):
    fresh = {fmt: cli("check", str(plans), "--format", fmt, "--strict", cwd=plans.parent) for fmt in ("table", "sarif")}
    cached("check", str(plans), cwd=plans.parent)
    _broken_checker(monkeypatch)
    for fmt, run in fresh.items():
        again = cached("check", str(plans), "--format", fmt, "--strict", cwd=plans.parent)
        assert (again.returncode, again.stdout) == (run.returncode, run.stdout)
    assert fresh["table"].returncode == 1  # --strict fails on the warning, from the cache too
    selected = cached("check", str(plans), "--format", "json", "--ignore", "PS303", cwd=plans.parent)
    assert "PS303" not in _rules(selected)


def test_json_from_a_result_a_terminal_check_cached_holds_the_chains_and_the_pace(cached, plans, cli, monkeypatch):
    # The terminal's check leaves out what only JSON shows unless its result is kept for later.
    actuals = plans.parent / "actuals.csv"
    actuals.write_text(f"plan,indicator,year,value\ncity,{RATE},2022,91\n", encoding="utf-8")
    fresh = json.loads(cli("check", str(plans), "--actuals", str(actuals), "--format", "json", cwd=plans.parent).stdout)
    cached("check", str(plans), "--actuals", str(actuals), cwd=plans.parent)
    _broken_checker(monkeypatch)
    again = cached("check", str(plans), "--actuals", str(actuals), "--format", "json", cwd=plans.parent)
    report = json.loads(again.stdout)
    assert report["alignment"] == fresh["alignment"] and len(report["alignment"]) == 1
    assert [a["pace"] for a in report["progress"]] == [a["pace"] for a in fresh["progress"]]
    assert report["progress"][0]["pace"] is not None


def test_an_edit_that_keeps_the_size_and_time_of_the_upper_plan_is_checked_afresh(cached, plans):
    assert "PS303" in _rules(cached("check", str(plans), "--format", "json", cwd=plans.parent))
    _edit_keeping_size_and_time(plans.parent / "province.yaml", "target: 96", "target: 94")
    assert "PS303" not in _rules(cached("check", str(plans), "--format", "json", cwd=plans.parent))


def test_a_new_file_beside_the_plan_that_takes_the_upper_plans_id_is_seen(cached, plans):
    assert "PS303" in _rules(cached("check", str(plans), "--format", "json", cwd=plans.parent))
    (plans.parent / "province.yaml").rename(plans.parent / "省.yaml")  # found by its id, not its name
    write_yaml(plans.parent / "province.yaml", plan_data("province", [indicator(RATE, 90, 94)], level="province"))
    assert "PS303" not in _rules(cached("check", str(plans), "--format", "json", cwd=plans.parent))


def test_changed_actual_values_are_checked_afresh(cached, plans):
    actuals = plans.parent / "actuals.csv"
    actuals.write_text(f"plan,indicator,year,value\ncity,{RATE},2023,93.5\n", encoding="utf-8")
    args = ("check", str(plans), "--actuals", str(actuals), "--format", "json")
    before = json.loads(cached(*args, cwd=plans.parent).stdout)["progress"]
    _edit_keeping_size_and_time(actuals, "2023,93.5", "2023,95.5")
    after = json.loads(cached(*args, cwd=plans.parent).stdout)["progress"]
    assert [p["actual"] for p in before] == ["93.5"] and [p["actual"] for p in after] == ["95.5"]


def test_other_options_of_the_check_are_other_entries(cached, plans, monkeypatch):
    cached("check", str(plans), "--format", "json", cwd=plans.parent)
    _broken_checker(monkeypatch)
    other = cached("check", str(plans), "--method", "cagr", "--format", "json", cwd=plans.parent)
    assert other.returncode == 3 and "internal error" in other.stderr  # not served: checked afresh


@pytest.mark.parametrize("how", [("--no-cache",), ()])
def test_no_cache_neither_reads_nor_writes_entries(cached, plans, how):
    env = {} if how else {"PUBSVC_NO_CACHE": "1"}
    run = cached("check", str(plans), *how, cwd=plans.parent, env=env)
    assert "PS303" in run.stdout and run.stderr == ""
    assert not cached.folder.exists() or not list(cached.folder.iterdir())


def test_a_damaged_entry_is_a_miss_and_is_written_again(cached, plans):
    first = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    [entry] = cached.folder.glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:40])
    again = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, "")
    assert entry.stat().st_size > 40


def test_a_cache_that_cannot_be_written_does_not_fail_the_check(cached, cli, plans, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    run = cached("check", str(plans), cwd=plans.parent, env={"PUBSVC_CACHE_DIR": str(blocker / "cache")})
    fresh = cli("check", str(plans), cwd=plans.parent)
    assert (run.returncode, run.stdout, run.stderr) == (fresh.returncode, fresh.stdout, "")


def test_inputs_over_the_budget_are_not_cached(cached, plans, monkeypatch):
    monkeypatch.setattr("pubsvc_cli.cache.CONTENT_BUDGET", 1000)
    cached("check", str(plans), cwd=plans.parent)
    assert not cached.folder.exists() or not list(cached.folder.glob("*.pickle"))


def test_the_oldest_entries_go_beyond_the_limit(cached, plans, monkeypatch):
    monkeypatch.setattr("pubsvc_cli.cache.MAX_ENTRIES", 2)
    for year in ("2022", "2023", "2024"):
        cached("check", str(plans), "--year", year, cwd=plans.parent)
    assert len(list(cached.folder.glob("*.pickle"))) == 2


def test_the_shipped_plans_read_the_same_from_the_cache(cached, cli):
    fresh = cli("check", "guilin", "wuzhong", "--format", "json")
    cached("check", "guilin", "wuzhong", "--format", "json")
    again = cached("check", "guilin", "wuzhong", "--format", "json")
    assert (again.returncode, again.stdout) == (fresh.returncode, fresh.stdout)
    assert list(cached.folder.glob("*.pickle"))


def test_a_link_pointed_at_another_upper_plan_is_checked_afresh(cached, tmp_path):
    """Which name points at which file is part of what the check read, not only the files' content."""
    folder, archive = tmp_path / "plans", tmp_path / "archive"
    write_yaml(archive / "v1.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    write_yaml(archive / "v2.yaml", plan_data("province", [indicator(RATE, 90, 94)], level="province"))
    city = write_yaml(folder / "city.yaml", plan_data("city", [indicator(RATE, 90, 95)], upper="province"))
    (folder / "province.yaml").symlink_to(archive / "v1.yaml")
    args = ("check", str(city), "--data-dir", str(archive), "--format", "json")
    assert "PS303" in _rules(cached(*args, cwd=folder))
    (folder / "province.yaml").unlink()
    (folder / "province.yaml").symlink_to(archive / "v2.yaml")
    assert "PS303" not in _rules(cached(*args, cwd=folder))


def test_an_upper_plan_in_a_linked_plans_folder_of_a_data_dir_is_compared_by_content(cached, tmp_path):
    real, data = tmp_path / "real", tmp_path / "data"
    province = write_yaml(real / "province.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    city = write_yaml(tmp_path / "work" / "city.yaml", plan_data("city", [indicator(RATE, 90, 95)], upper="province"))
    data.mkdir()
    (data / "plans").symlink_to(real)
    args = ("check", str(city), "--data-dir", str(data), "--format", "json")
    assert "PS303" in _rules(cached(*args, cwd=city.parent))
    _edit_keeping_size_and_time(province, "target: 96", "target: 94")
    assert "PS303" not in _rules(cached(*args, cwd=city.parent))


def test_a_plans_folder_created_in_a_data_dir_is_seen(cached, tmp_path):
    data = tmp_path / "data"
    write_yaml(data / "mine.yaml", plan_data("mine", [indicator(RATE, 90, 95)]))
    assert cached("check", "mine", "--data-dir", str(data)).returncode in (0, 1)
    (data / "plans").mkdir()  # now the plans are looked for in data/plans, which has none
    assert cached("check", "mine", "--data-dir", str(data)).returncode == 2


def test_a_plan_named_without_a_yaml_suffix_is_compared_by_content(cached, tmp_path):
    data = tmp_path / "data"
    write_yaml(data / "plans" / "province.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    draft = write_yaml(data / "plans" / "draft", plan_data("draft", [indicator(RATE, 90, 95)], upper="province"))
    assert "PS303" in _rules(cached("check", "draft", "--data-dir", str(data), "--format", "json"))
    _edit_keeping_size_and_time(draft, "target: 95", "target: 97")
    assert "PS303" not in _rules(cached("check", "draft", "--data-dir", str(data), "--format", "json"))


def test_a_name_that_becomes_a_folder_is_checked_afresh(cached, tmp_path):
    assert cached("check", "guilin", cwd=tmp_path).returncode == 1
    (tmp_path / "guilin").mkdir()
    run = cached("check", "guilin", cwd=tmp_path)
    assert run.returncode == 2 and "guilin" in run.stderr  # a folder without plans, as a fresh check says


def test_a_file_saved_during_the_check_keeps_its_result_out_of_the_cache(cached, plans, monkeypatch):
    """An editor saving while pre-commit runs: the result may mix the old content and the new, so
    it is not kept, and the next run checks the saved file afresh."""
    from pubsvc_cli import checker

    real_check = checker.check
    province = plans.parent / "province.yaml"

    def check_while_saving(*args, **kwargs):
        result = real_check(*args, **kwargs)
        province.write_text(province.read_text(encoding="utf-8").replace("target: 96", "target: 94"), encoding="utf-8")
        return result

    monkeypatch.setattr(checker, "check", check_while_saving)
    cached("check", str(plans), cwd=plans.parent)
    assert not cached.folder.exists() or not list(cached.folder.glob("*.pickle"))
    monkeypatch.setattr(checker, "check", real_check)
    assert "PS303" not in _rules(cached("check", str(plans), "--format", "json", cwd=plans.parent))


def test_a_cache_folder_others_may_write_to_is_not_used(cached, plans, monkeypatch):
    cached("check", str(plans), cwd=plans.parent)
    cached.folder.chmod(0o777)
    _broken_checker(monkeypatch)
    run = cached("check", str(plans), cwd=plans.parent)
    assert run.returncode == 3  # checked afresh (and the broken checker says so): the entry was not loaded


def test_an_entry_that_is_not_a_check_result_is_a_miss(cached, plans):
    import pickle

    first = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    [entry] = cached.folder.glob("*.pickle")
    format_, key, _payload = pickle.loads(entry.read_bytes())
    entry.write_bytes(pickle.dumps((format_, key, ([], "not a result"))))
    again = cached("check", str(plans), "--format", "json", cwd=plans.parent)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, "")


def test_the_fingerprint_is_none_without_a_working_folder_and_survives_a_dangling_link(tmp_path, monkeypatch):
    from pubsvc_cli import cache

    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    key = cache.fingerprint(("check",), [str(tmp_path / "gone.yaml")], [], [])
    assert key is not None
    (tmp_path / "nowhere.yaml").write_text("plan: {}\n", encoding="utf-8")
    assert cache.fingerprint(("check",), [str(tmp_path / "gone.yaml")], [], []) != key

    def no_folder():
        raise FileNotFoundError("the working folder was removed")

    monkeypatch.setattr(os, "getcwd", no_folder)
    assert cache.fingerprint(("check",), [], [], []) is None


def test_a_pipe_given_as_actual_values_is_reported_not_read_forever(installed_cli, plans, tmp_path):
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    env = {"PUBSVC_NO_CACHE": "0", "PUBSVC_CACHE_DIR": str(tmp_path / "cache")}
    run = installed_cli("check", str(plans), "--actuals", str(pipe), cwd=plans.parent, env=env)  # 60 s timeout
    assert run.returncode == 1 and "PS101" in run.stdout


def test_plans_in_any_subfolder_of_a_given_folder_are_compared_by_content(cached, tmp_path):
    folder = tmp_path / "mine" / "__pycache__"  # a folder name the code walk leaves out, but not the data walk
    write_yaml(folder / "province.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    city = write_yaml(folder / "city.yaml", plan_data("city", [indicator(RATE, 90, 95)], upper="province"))
    args = ("check", str(tmp_path / "mine"), "--format", "json")
    assert "PS303" in _rules(cached(*args, cwd=tmp_path))
    _edit_keeping_size_and_time(city, "target: 95", "target: 97")
    assert "PS303" not in _rules(cached(*args, cwd=tmp_path))


def test_a_dangling_link_named_like_the_plan_leaves_it_looked_up_and_compared_by_content(cached, tmp_path):
    data = tmp_path / "data"
    write_yaml(data / "plans" / "province.yaml", plan_data("province", [indicator(RATE, 90, 96)], level="province"))
    draft = write_yaml(data / "plans" / "draft", plan_data("draft", [indicator(RATE, 90, 95)], upper="province"))
    (tmp_path / "draft").symlink_to(tmp_path / "nowhere")
    args = ("check", "draft", "--data-dir", str(data), "--format", "json")
    assert "PS303" in _rules(cached(*args, cwd=tmp_path))
    _edit_keeping_size_and_time(draft, "target: 95", "target: 97")
    assert "PS303" not in _rules(cached(*args, cwd=tmp_path))
