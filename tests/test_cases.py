"""Example files under tests/cases/{valid,invalid}/<case>/: plan.yaml and the findings it must
produce (expected.yaml). Add a case by adding a folder."""

from pathlib import Path

import pytest
import yaml
from conftest import run_check

CASES = sorted(Path(__file__).parent.joinpath("cases").glob("*/*/plan.yaml"))


@pytest.mark.parametrize("plan", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_case_produces_exactly_its_expected_findings(plan):
    expected = yaml.safe_load(plan.with_name("expected.yaml").read_text(encoding="utf-8"))["findings"]
    result = run_check(plan)
    actual = [{"rule": f.rule, "line": f.location.line, "column": f.location.column} for f in result.sorted_findings()]
    assert actual == expected
    assert result.load_failed is (plan.parent.parent.name == "invalid")
