"""The shipped data: every plan loads cleanly, every quote is in its seed, and the Guilin check
reports what a careful analyst finds by hand."""

import re
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, ROOT, SEEDS, run_check

from pubsvc_cli.result import FailOn, Severity

PLAN_FILES = sorted(PLANS.glob("*.yaml"))


def fold(text: str) -> str:
    """Whitespace runs (table cells are one per line or tab-separated in the seeds) → one space."""
    return re.sub(r"[\s\u00a0\u3000]+", " ", text).strip()


def sources(node, document=None, path=()):
    """Every ``source`` mapping in a plan file, with the document it refers to."""
    if isinstance(node, dict):
        if "quote" in node and isinstance(node.get("quote"), str):
            yield path, node.get("document") or document, node
        for key, value in node.items():
            yield from sources(value, document, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from sources(value, document, path + (i,))


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_quote_occurs_in_its_seed_document(plan_file):
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    default_document = data["plan"]["source"]["document"]
    checked = 0
    for path, document, source in sources(data, default_document):
        seed = SEEDS / document
        assert seed.is_file(), f"{plan_file.name}:{path}: no seed document {document}"
        assert fold(source["quote"]) in fold(seed.read_text(encoding="utf-8")), \
            f"{plan_file.name}:{path}: quote not found in {document}: {source['quote']!r}"
        checked += 1
    assert checked > len(data.get("indicators", []))


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_printed_values_appear_in_the_row_quote(plan_file):
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    for i, row in enumerate(data.get("indicators", [])):
        quote = fold(row["source"]["quote"])
        for key in ("baseline", "target"):
            printed = str(row.get(key, "—"))
            assert printed in quote, f"{plan_file.name}: indicators[{i}].{key} {printed!r} not in {quote!r}"


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_shipped_plan_loads_without_errors(plan_file):
    result = run_check(plan_file)
    assert not result.load_failed
    assert [f for f in result.findings if f.rule.startswith("PS1") and f.severity is Severity.ERROR] == []
    assert not [f for f in result.findings if f.rule in ("PS203", "PS204", "PS207", "PS208")]


def test_guilin_has_all_22_indicators_of_its_table():
    result = run_check(PLANS / "guilin.yaml")
    assert result.plans[0].indicators == 22 and result.plans[0].upper == "guangxi"


@pytest.fixture(scope="module")
def guilin():
    result = run_check(PLANS / "guilin.yaml")
    return {(f.rule, f.indicator_name): f for f in result.findings}, result


def test_guilin_is_less_ambitious_than_guangxi_on_sports_area_and_community_facilities(guilin):
    found, _ = guilin
    sports = found[("PS303", "人均体育场地面积")]
    assert (sports.args["target"], sports.args["upper_target"]) == ("2.2", "2.6")
    community = found[("PS303", "每百户居民拥有社区综合服务设施面积")]
    assert (community.args["target"], community.args["upper_target"]) == ("23", ">30")
    assert sports.severity is community.severity is Severity.WARNING  # Guangxi: 预期性
    assert [k for k in found if k[0] == "PS303"] == [("PS303", "人均体育场地面积"), ("PS303", "每百户居民拥有社区综合服务设施面积")]


def test_guilin_pension_regression_is_waived_by_its_own_note(guilin):
    found, _ = guilin
    pension = found[("PS201", "基本养老保险参保率")]
    assert pension.waived and "统计口径" in pension.waiver_reason


def test_guilin_training_total_regresses_against_the_previous_five_years(guilin):
    found, _ = guilin
    training = found[("PS201", "参加各类补贴性职业技能培训人数")]
    assert not training.waived
    assert (training.args["target"], training.args["baseline"]) == ("〔10〕", "〔14.08〕")


def test_guilin_counts_and_totals_are_not_comparable_with_guangxi(guilin):
    found, _ = guilin
    assert {name for rule, name in found if rule == "PS306"} == {
        "养老服务床位总量（含旅居养老服务床位）", "城镇老旧小区改造", "参加各类补贴性职业技能培训人数"}


def test_guilin_passes_by_default_and_fails_on_warnings(guilin):
    _, result = guilin
    assert result.summary() == {"errors": 0, "warnings": 3, "infos": 4, "waived": 1}
    assert result.exit_code(FailOn.ERROR) == 0 and result.exit_code(FailOn.WARNING) == 1
