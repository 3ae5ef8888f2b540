"""The specification by example: every folder under tests/cases/<family>/<case>/ is a run of pubsvc
and the findings it must produce. Add a case by adding a folder; it is picked up automatically.

A case folder holds:

* the plan file(s): ``plan.yaml`` is the one checked; other plans beside it (an upper plan, named
  ``<id>.yaml``) are found as they would be beside a user's plan;
* optional actual values or other inputs (``actuals.csv`` …), named by ``case.yaml``;
* ``case.yaml``: ``about`` (what the case shows, required), ``command`` (check, validate,
  diff or extract; default check), ``files`` (the files given to the command; default ``plan.yaml``, for
  diff ``old.yaml new.yaml``, for extract ``document.txt plan.yaml`` with ``args: [--check]``), ``args`` (more options, e.g. ``[--actuals, actuals.csv]``);
* ``expected.yaml``: ``exit`` (the exit code) and ``findings``, in the order pubsvc reports them,
  each ``{rule, severity, line, column}`` plus ``indicator`` (catalog id) or ``service`` (standard
  item id) when the finding has one, ``file`` when it is not the first file, ``waived: true``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(path.parent for path in CASES_DIR.glob("*/*/expected.yaml"))
DEFAULT_FILES = {
    "check": ["plan.yaml"],
    "validate": ["plan.yaml"],
    "diff": ["old.yaml", "new.yaml"],
    "extract": ["document.txt", "plan.yaml"],
}


def case_run(case: Path) -> tuple[str, list[str], list[str]]:
    """(command, files, extra options) of a case folder."""
    spec_file = case / "case.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) if spec_file.is_file() else {}
    command = spec.get("command", "check")
    return command, spec.get("files", DEFAULT_FILES[command]), [str(a) for a in spec.get("args", [])]


def shape(finding: dict, first_file: str) -> dict:
    """A reported finding as a case's expected.yaml writes it."""
    out = {
        "rule": finding["rule"],
        "severity": finding["severity"],
        "line": finding["line"],
        "column": finding["column"],
    }
    for key in ("indicator", "service"):
        if finding[key] is not None:
            out[key] = finding[key]
    if finding["file"] != first_file:
        out["file"] = finding["file"]
    if finding["waived"]:
        out["waived"] = True
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.parent.name}/{case.name}")
def test_case_produces_exactly_its_expected_findings(case, cli):
    command, files, args = case_run(case)
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    proc = cli(command, *files, "--format", "json", *args, cwd=case)
    assert proc.stdout, proc.stderr
    report = json.loads(proc.stdout)
    assert [shape(f, files[0]) for f in report["findings"]] == expected["findings"]
    assert proc.returncode == expected["exit"]


#: Rules a case folder cannot produce, and the test that does instead.
ELSEWHERE = {"PS609": ("acceptance/test_ci_gating.py", "test_diff_base_says_so_for_untracked_plan_files")}  # git


def test_every_rule_has_a_case_that_produces_it():
    """A rule no case produces is a rule nobody has seen fire."""
    from pubsvc_cli.rules import REGISTRY

    produced = set()
    for case in CASES:
        expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
        produced |= {finding["rule"] for finding in expected["findings"]}
    assert sorted(set(REGISTRY) - produced - set(ELSEWHERE)) == []
    for module, test in ELSEWHERE.values():
        assert f"def {test}(" in (Path(__file__).parent / module).read_text(encoding="utf-8")


def test_every_case_says_what_it_shows():
    for case in CASES:
        spec = (
            yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8")) if (case / "case.yaml").is_file() else {}
        )
        assert spec.get("about"), f"{case}: case.yaml needs an about: line"


def test_cases_are_filed_under_their_family():
    """tests/cases/PS2xx-internal/… holds cases of PS2xx rules (valid/ holds cases without findings)."""
    for case in CASES:
        family = case.parent.name.split("-")[0]
        rules = {f["rule"] for f in yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))["findings"]}
        if family == "valid":
            assert rules == set(), case
        else:  # a case of the family, or one that shows when the family's rules stay silent
            assert not rules or any(rule.startswith(family[:3]) for rule in rules), f"{case}: no {family} finding"
