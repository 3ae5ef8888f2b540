"""PS4xx on a small standard of its own: each rule fires where it must and stays silent otherwise."""

import pytest

from conftest import plan_data, write_yaml
from pubsvc_cli.coverage import StandardIndex, name_key
from pubsvc_cli.model import Service, ServiceStandardList
from pubsvc_cli.result import Severity

SOURCE = {"document": "t.txt", "quote": "q"}
STANDARD = {
    "standard": {"name": "测试标准", "edition": "2021", "national_items": 4, "source": SOURCE},
    "items": [
        {
            "id": "yy01",
            "name": "儿童健康管理",
            "domain": "幼有所育",
            "category": "儿童健康服务",
            "scope": "national",
            "source": SOURCE,
            "floors": [
                {
                    "id": "yy01.health_checks",
                    "measure": "免费健康管理次数",
                    "value": "≥13",
                    "unit": "次",
                    "source": SOURCE,
                }
            ],
        },
        {
            "id": "yy02",
            "name": "特殊儿童群体基本生活保障",
            "domain": "幼有所育",
            "category": "儿童关爱服务",
            "scope": "national",
            "source": SOURCE,
        },
        {
            "id": "zj01",
            "name": "城镇棚户区改造",
            "domain": "住有所居",
            "category": "住房改造服务",
            "scope": "national",
            "aliases": ["城镇棚户区住房改造"],
            "source": SOURCE,
        },
        {
            "id": "yj01",
            "name": "退役军人就业创业服务",
            "domain": "优军服务保障",
            "category": "优军优抚服务",
            "scope": "national",
            "source": SOURCE,
            "content": {"text": "举办退役军人专场招聘会、创业大赛，积极拓宽就业渠道。", "source": SOURCE},
        },
        {
            "id": "yj02",
            "name": "特殊群体集中供养",
            "domain": "优军服务保障",
            "category": "优军优抚服务",
            "scope": "national",
            "source": SOURCE,
            "content": {"text": "重点保障集中供养人群。", "source": SOURCE},
        },
        {
            "id": "xj01",
            "name": "义务教育免费提供作业本",
            "domain": "学有所教",
            "category": "义务教育服务",
            "scope": "sichuan",
            "source": SOURCE,
        },
    ],
}


def service(name, number=1, description=None, standards=(), **extra):
    row = {"name": name, "number": number, "source": SOURCE, **extra}
    if description:
        row["description"] = description
    if standards:
        row["standards"] = [{"measure": m, "value": v, "unit": u, "source": SOURCE} for m, v, u in standards]
    return row


@pytest.fixture
def check_services(tmp_path):
    write_yaml(tmp_path / "data" / "standards" / "basic-services.yaml", STANDARD)

    def check(services, rule=None, standard="national"):
        from pubsvc_cli.checker import check as run
        from pubsvc_cli.repository import Repository
        from pubsvc_cli.tracking import ProgressOptions

        path = write_yaml(tmp_path / "plan.yaml", plan_data("city", services=services))
        result = run([path], Repository([tmp_path / "data"]), ProgressOptions(standard=standard))
        return [f for f in result.findings if rule is None or f.rule == rule], result

    return check


ALL_NATIONAL = [
    service("儿童健康管理", 1),
    service("特殊儿童群体基本生活保障", 2),
    service("城镇棚户区改造", 3),
    service("退役军人就业创业服务", 4),
    service("特殊群体集中供养", 5),
]


def test_a_complete_list_is_silent_and_other_provinces_items_do_not_bind(check_services):
    findings, result = check_services(ALL_NATIONAL)
    assert findings == []
    covered = {c.domain: (c.required, c.present) for c in result.coverage}
    assert covered == {"幼有所育": (2, 2), "住有所居": (1, 1), "优军服务保障": (2, 2), "学有所教": (0, 0)}


def test_a_missing_national_item_is_an_error(check_services):
    findings, result = check_services(ALL_NATIONAL[:4], "PS401")
    missing = [f for f in findings if f.severity is Severity.ERROR]
    assert [(f.service, f.service_name) for f in missing] == [("yj02", "特殊群体集中供养")]
    assert next(c for c in result.coverage if c.domain == "优军服务保障").missing == ["特殊群体集中供养"]


def test_a_province_checked_against_its_own_standard_must_have_its_additions(check_services):
    findings, _ = check_services(ALL_NATIONAL, "PS401", standard="sichuan")
    assert [(f.service, f.severity) for f in findings] == [("xj01", Severity.ERROR)]


def test_local_and_provincial_additions_are_named(check_services):
    findings, _ = check_services(
        ALL_NATIONAL + [service("老旧小区改造", 6), service("义务教育免费提供作业本", 7)], "PS402"
    )
    assert [(f.service_name, f.args.get("variant")) for f in findings] == [
        ("老旧小区改造", None),
        ("义务教育免费提供作业本", "provincial"),
    ]
    findings, _ = check_services(ALL_NATIONAL + [service("义务教育免费提供作业本", 7)], "PS402", standard="sichuan")
    assert findings == []


def test_renamed_items_are_matched_by_alias_fuzzy_or_traditional_forms(check_services):
    services = [
        service("儿童健康管理", 1),
        service("特殊儿童群体基本生活", 2),
        service("城镇棚户区住房改造", 3),
        service("退役軍人就業創業服務", 4),
        service("特殊群体集中供养", 5),
    ]
    findings, _ = check_services(services)
    renamed = {f.service_name: (f.service, f.args["variant"]) for f in findings if f.rule == "PS403"}
    assert renamed == {
        "特殊儿童群体基本生活": ("yy02", "fuzzy"),
        "城镇棚户区住房改造": ("zj01", "alias"),
        "退役軍人就業創業服務": ("yj01", "exact"),
    }
    assert not [f for f in findings if f.rule == "PS402" or (f.rule == "PS401" and f.severity is Severity.ERROR)]


def test_fuzzy_matching_has_a_threshold():
    index = StandardIndex(ServiceStandardList.model_validate(STANDARD))
    assert index.match(Service(name="儿童保健", source=SOURCE))[0] is None  # too different: a local addition
    assert name_key("（儿童 健康管理）") == "儿童健康管理"


def test_description_of_another_item_is_caught(check_services):
    mislabelled = service(
        "退役军人就业创业服务",
        4,
        description="符合集中供养条件的退役军人在国家兴办的优抚医院、光荣院内治疗或集中供养。",
    )
    findings, _ = check_services(ALL_NATIONAL[:3] + [mislabelled], "PS404")
    assert [(f.service, f.args["described_id"]) for f in findings] == [("yj01", "yj02")]
    fitting = service("退役军人就业创业服务", 4, description="为退役军人提供就业创业指导和专场招聘会。")
    assert check_services(ALL_NATIONAL[:3] + [fitting], "PS404")[0] == []


def test_duplicate_items(check_services):
    findings, _ = check_services(ALL_NATIONAL + [service("城镇棚户区住房改造", 9)], "PS405")
    assert [(f.service, f.args["first"]) for f in findings] == [("zj01", "城镇棚户区改造")]


def test_a_standard_below_its_floor(check_services):
    low = service("儿童健康管理", 1, standards=[("免费健康管理次数", 12, "次")])
    findings, _ = check_services([low] + ALL_NATIONAL[1:], "PS406")
    assert [(f.args["value"], f.args["floor"]) for f in findings] == [("12", "≥13")]
    assert findings[0].location.yaml_path == "services[0].standards[0].value"
    ok = service("儿童健康管理", 1, standards=[("免费健康管理次数", 13, "次"), ("其他次数", 1, "次")])
    assert check_services([ok] + ALL_NATIONAL[1:], "PS406")[0] == []


def test_unknown_standard_item_id(check_services):
    findings, _ = check_services(ALL_NATIONAL + [service("某项目", 9, standard_item="zz99")], "PS407")
    assert [f.args["id"] for f in findings] == ["zz99"]


def test_a_plan_without_a_service_list_is_not_checked(check_services):
    findings, result = check_services([])
    assert findings == [] and result.coverage == []
