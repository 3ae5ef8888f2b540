"""The shipped data: every plan loads cleanly, every quote is in its source document, every printed
value is in its quote, and the checks report what a careful analyst finds by hand."""

import re

import pytest
import yaml

from conftest import PLANS, run_check, source_document
from pubsvc_cli.normalise import to_mainland_simplified
from pubsvc_cli.result import FailOn, Severity

PLAN_FILES = sorted(PLANS.glob("*.yaml"))
#: Documents stored in traditional characters; their data is encoded in normalised form.
TRADITIONAL = {"wuzhong-city-implementation-plan.txt"}


def fold(text: str) -> str:
    """Whitespace runs (table cells are one per line or tab-separated in the seeds) → one space."""
    return re.sub(r"[\s\u00a0\u3000]+", " ", text).strip()


_TEXTS: dict[str, str] = {}


def source_text(document: str) -> str:
    if document not in _TEXTS:
        text = source_document(document).read_text(encoding="utf-8")
        _TEXTS[document] = fold(to_mainland_simplified(text) if document in TRADITIONAL else text)
    return _TEXTS[document]


def sources(node, document, path=()):
    """Every mapping that carries a ``source`` (or is one), with the document it refers to."""
    if isinstance(node, dict):
        if isinstance(node.get("quote"), str):
            yield path, node.get("document") or document, node
        for key, value in node.items():
            yield from sources(value, document, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from sources(value, document, path + (i,))


def load(plan_file):
    return yaml.safe_load(plan_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_quote_occurs_in_its_source_document(plan_file):
    data = load(plan_file)
    checked = 0
    for path, document, source in sources(data, data["plan"]["source"]["document"]):
        assert fold(source["quote"]) in source_text(document), (
            f"{plan_file.name}:{'.'.join(map(str, path))}: quote not in {document}: {source['quote']!r}"
        )
        checked += 1
    assert checked > len(data.get("indicators", []))


def printed_values(row):
    """(field, printed text, quote) for every value of a row that the source printed."""
    source = row["source"]
    for key in ("baseline", "target"):
        if row.get(key) is None or key in row.get("inferred", []):
            continue
        yield key, source.get("printed", {}).get(key, str(row[key])), source["quote"]
    for statement in row.get("statements", []):
        yield (
            "statement",
            statement["source"].get("printed", {}).get("target", str(statement["target"])),
            statement["source"]["quote"],
        )
    for actual in row.get("actuals", []):
        if actual.get("source"):
            yield (
                f"actual {actual['year']}",
                actual["source"].get("printed", {}).get("value", str(actual["value"])),
                actual["source"]["quote"],
            )


def bare(text: str) -> str:
    """The number as printed, without the % that a target value may add or drop."""
    return fold(text).replace("%", "").replace("％", "")


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_printed_values_appear_in_their_quote(plan_file):
    for i, row in enumerate(load(plan_file).get("indicators", [])):
        for field, printed, quote in printed_values(row):
            if printed in ("—", "", "None"):
                continue
            assert bare(printed) in bare(quote), (
                f"{plan_file.name}: indicators[{i}] {field} {printed!r} not in {quote!r}"
            )


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_shipped_plan_loads_without_errors(plan_file):
    result = run_check(plan_file)
    assert not result.load_failed
    assert [f for f in result.findings if f.rule.startswith("PS1") and f.severity is Severity.ERROR] == []
    assert not [f for f in result.findings if f.rule in ("PS203", "PS204", "PS207", "PS208")], [
        (f.rule, f.indicator_name, f.args) for f in result.findings if f.rule in ("PS203", "PS204", "PS207", "PS208")
    ]


def test_guilin_has_all_22_indicators_of_its_table():
    result = run_check(PLANS / "guilin.yaml")
    table_rows = [i for i in load(PLANS / "guilin.yaml")["indicators"] if i.get("stated_in", "table") == "table"]
    assert len(table_rows) == 22 and result.plans[0].upper == "guangxi"


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
    assert {"养老服务床位总量（含旅居养老服务床位）", "城镇老旧小区改造", "参加各类补贴性职业技能培训人数"} <= {
        name for rule, name in found if rule == "PS306"
    }


def test_guilins_only_error_is_the_missing_national_service_item(guilin):
    _, result = guilin
    errors = [f for f in result.findings if f.severity is Severity.ERROR and not f.waived]
    # 专栏10 item 3 is named 退役军人就业创业服务 but describes 特殊群体集中供养: by content, the item
    # missing is the veterans' employment service.
    assert [(f.rule, f.service_name) for f in errors] == [("PS401", "退役军人就业创业服务")]
    assert result.exit_code(FailOn.ERROR) == 1 and result.exit_code(FailOn.NEVER) == 0


# --- the national plan: unknowns stay unknown ---------------------------------------------


def test_national_plan_records_unknowns_as_null_never_guessed():
    data = load(PLANS / "national.yaml")
    rows = data["indicators"]
    assert len(rows) == 22
    assert all(row["nature"] is None for row in rows)  # which 7 are binding is unknown
    known_baselines = {row["id"]: row["baseline"] for row in rows if row["baseline"] is not None}
    assert {k: str(v) for k, v in known_baselines.items()} == {
        "childcare_places_per_1000": "1.8",
        "working_age_schooling_years": "10.8",
        "physicians_per_1000": "2.9",
    }
    renovation = next(r for r in rows if r["id"] == "old_residential_renovation")
    assert renovation["unit"] == "万个" and "target" in renovation["inferred"]


def test_guangxi_against_national_compares_what_it_can_and_says_what_it_cannot():
    result = run_check(PLANS / "guangxi.yaml")
    found = {(f.rule, f.indicator): f for f in result.findings}
    # Guangxi's 10.7 years of schooling is below the national 11.3; nature unknown → warning, not error.
    assert found[("PS303", "working_age_schooling_years")].severity is Severity.WARNING
    assert found[("PS303", "physicians_per_1000")].args["upper_target"] == "3.2"
    # 万套 against 万个: different measures, never compared.
    assert found[("PS305", "old_residential_renovation")].severity is Severity.INFO
    assert ("PS303", "old_residential_renovation") not in found
    assert found[("PS308", None)].args["count"] == 22
    assert not [f for f in result.findings if f.rule == "PS304"]  # cannot be checked, and is not guessed


# --- the other plans: what each must hold ----------------------------------------------------


def rows_of(plan_id):
    return load(PLANS / f"{plan_id}.yaml")["indicators"]


def test_sichuan_restores_lost_decimal_points_and_keeps_the_printed_cell():
    rows = {row["id"]: row for row in rows_of("sichuan")}
    assert len(rows) == 15
    childcare = rows["childcare_places_per_1000"]
    assert (str(childcare["baseline"]), str(childcare["target"])) == ("1.5", "4.5")
    assert childcare["source"]["printed"]["baseline"] == "1\u00a05"
    assert str(rows["working_age_schooling_years"]["target"]) == "10.51"
    assert "old_residential_renovation" in load(PLANS / "sichuan.yaml")["plan"]["note"]  # what 表1 lacks


def test_sichuan_template_gaps_are_reported_against_the_national_plan():
    result = run_check(PLANS / "sichuan.yaml")
    gaps = [f for f in result.findings if f.rule == "PS302" and f.args.get("variant") != "prose"]
    assert len(gaps) == 7 and all(f.severity is Severity.WARNING for f in gaps)  # national natures unknown


def test_wuzhong_has_50_tasks_with_responsible_units_in_mainland_simplified_chinese():
    data = load(PLANS / "wuzhong.yaml")
    assert [t["number"] for t in data["tasks"]] == list(range(1, 51))
    assert all(t["responsible"] for t in data["tasks"])

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    for text in strings(data):
        assert to_mainland_simplified(text) == text, f"not normalised: {text!r}"
    targets = {row["id"]: row for row in data["indicators"]}
    assert str(targets["preschool_gross_enrolment"]["target"]) in ("95%", "95")
    assert str(targets["nursing_beds_share"]["target"]) in ("60%", "60")


def test_the_unnamed_city_names_no_region_and_no_upper_plan():
    meta = load(PLANS / "unnamed-city.yaml")["plan"]
    assert meta["region"] is None and meta.get("upper") is None
    assert len(rows_of("unnamed-city")) >= 10


def test_13th_plan_tables_have_20_rows_with_2020_results():
    for plan_id in ("guilin-13th", "guangxi-13th"):
        rows = rows_of(plan_id)
        assert len(rows) == 20
        assert all(row["actuals"][0]["year"] == 2020 for row in rows)
    verdicts = [row["actuals"][0]["verdict"] for row in rows_of("guilin-13th")]
    assert verdicts.count("已完成") == 15 and verdicts.count("未完成") == 5


def test_guilin_and_guangxi_prose_targets_share_ids():
    guilin = {row["id"]: row for row in rows_of("guilin")}
    guangxi = {row["id"]: row for row in rows_of("guangxi")}
    assert str(guilin["childhood_immunisation_coverage"]["target"]).startswith("达到98")
    assert "90" in str(guangxi["childhood_immunisation_coverage"]["target"])


def test_guilin_prose_that_disagrees_with_its_table_is_reported():
    result = run_check(PLANS / "guilin.yaml")
    by_indicator = {(f.indicator, f.args["variant"]): f for f in result.findings if f.rule == "PS209"}
    # 超过102.7% in the prose, ≥102.7 in the table: the same number, a difference of notation only.
    notation = by_indicator[("compulsory_education_retention", "notation")]
    assert notation.args["statement"] == "超过102.7%" and notation.severity is Severity.INFO
    assert by_indicator[("medical_insurance_coverage", "worded")].severity is Severity.INFO
    # 累计达到10万人 in the prose, 万人次 in 专栏2 row 7: persons against person-times.
    units = by_indicator[("subsidised_vocational_training", "unit")]
    assert (units.severity, units.args["statement_unit"], units.args["unit"]) == (Severity.WARNING, "万人", "万人次")


@pytest.mark.parametrize("plan_file", PLAN_FILES, ids=lambda p: p.stem)
def test_every_indicator_maps_to_a_catalog_id(plan_file):
    from pubsvc_cli.repository import Repository

    catalog = Repository().catalog[0]
    assert all(row.get("id") in catalog for row in load(plan_file)["indicators"])


# --- the basic public service list -----------------------------------------------------------

STANDARD_FILE = PLANS.parent / "standards" / "basic-services.yaml"


def test_the_standard_list_has_83_items_80_national_in_9_domains():
    items = load(STANDARD_FILE)["items"]
    assert len(items) == 83
    national = [i for i in items if i["scope"] == "national"]
    assert len(national) == 80
    per_domain = {}
    for item in national:
        per_domain[item["domain"]] = per_domain.get(item["domain"], 0) + 1
    assert per_domain == {
        "幼有所育": 9,
        "学有所教": 9,
        "劳有所得": 12,
        "病有所医": 16,
        "老有所养": 4,
        "住有所居": 3,
        "弱有所扶": 14,
        "优军服务保障": 4,
        "文体服务保障": 9,
    }
    assert sorted(i["name"] for i in items if i["scope"] == "sichuan") == sorted(
        ["义务教育免费提供作业本", "民族自治地区普通高中免费提供教科书", "计划生育特殊家庭住院护理保险补贴"]
    )
    assert len({i["category"] for i in items}) == 22
    restored = next(i for i in items if i["name"] == "农村留守儿童关爱保护")
    assert restored["source"]["printed"]["name"] == "农村留守儿童关爱保"


def test_every_standard_quote_occurs_in_its_source():
    data = load(STANDARD_FILE)
    for path, document, source in sources(data, "sichuan-province-plan.txt"):
        assert fold(source["quote"]) in source_text(document), f"{path}: {source['quote']!r}"
    for item in data["items"]:
        printed = item["source"].get("printed", {}).get("name", item["name"])
        assert fold(printed) in fold(item["source"]["quote"])


@pytest.fixture(scope="module")
def guilin_services():
    result = run_check(PLANS / "guilin.yaml")
    return [f for f in result.findings if f.rule.startswith("PS4")], result


def test_guilin_lacks_by_content_the_veterans_employment_service_its_item_3_is_named_after(guilin_services):
    findings, result = guilin_services
    assert [(f.service, f.service_name) for f in findings if f.rule == "PS401"] == [("yj03", "退役军人就业创业服务")]
    [described] = [f for f in findings if f.rule == "PS404"]  # the same item 3, said once and consistently
    assert described.args["described"] == "特殊群体集中供养" and described.args["named"] == "退役军人就业创业服务"
    veterans = next(c for c in result.coverage if c.domain == "优军服务保障")
    assert (veterans.required, veterans.present, veterans.missing) == (4, 3, ["退役军人就业创业服务"])
    assert not [
        f for f in findings if f.rule == "PS401" and f.severity is Severity.INFO
    ]  # Sichuan's items: not Guilin's


def test_guilin_local_additions_and_renamed_items(guilin_services):
    findings, _ = guilin_services
    assert sorted(f.service_name for f in findings if f.rule == "PS402") == [
        "农村人居环境整治工程",
        "推进城镇老旧小区改造",
    ]
    renamed = {f.service_name: f.args["standard_name"] for f in findings if f.rule == "PS403"}
    assert renamed["特殊儿童群体基本生活"] == "特殊儿童群体基本生活保障"
    assert renamed["城镇棚户区住房改造"] == "城镇棚户区改造"
    assert renamed["贫困地区学生营养膳食补助"] == "试点区域学生营养膳食补助"


def test_guilins_mislabelled_veterans_item_is_caught(guilin_services):
    findings, _ = guilin_services
    [mislabelled] = [f for f in findings if f.rule == "PS404"]
    assert (mislabelled.service_name, mislabelled.args["described"]) == ("退役军人就业创业服务", "特殊群体集中供养")


def test_guilin_meets_the_service_floors_it_restates(guilin_services):
    findings, _ = guilin_services
    assert not [f for f in findings if f.rule in ("PS405", "PS406", "PS407")]


def test_sichuan_is_checked_against_its_own_list_and_its_additions_against_the_national_one():
    assert not [f for f in run_check(PLANS / "sichuan.yaml").findings if f.rule.startswith("PS4")]
    from pubsvc_cli.checker import check
    from pubsvc_cli.repository import Repository
    from pubsvc_cli.tracking import ProgressOptions

    result = check([PLANS / "sichuan.yaml"], Repository(), ProgressOptions(standard="national"))
    additions = sorted(f.service_name for f in result.findings if f.rule == "PS402")
    assert additions == sorted(
        ["义务教育免费提供作业本", "民族自治地区普通高中免费提供教科书", "计划生育特殊家庭住院护理保险补贴"]
    )
    assert all(f.args["variant"] == "provincial" for f in result.findings if f.rule == "PS402")
    assert not [f for f in result.findings if f.rule == "PS401" and f.severity is Severity.ERROR]


def test_guangxi_boxes_are_projects_not_a_service_list():
    data = load(PLANS / "guangxi.yaml")
    assert len(data["projects"]) == 57 and "services" not in data
    assert not [f for f in run_check(PLANS / "guangxi.yaml").findings if f.rule.startswith("PS4")]
