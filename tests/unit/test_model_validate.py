"""Schema validation: every pydantic error becomes a located finding with a helpful message."""

from pubsvc_cli.loading import parse_document
from pubsvc_cli.messages import Messages
from pubsvc_cli.model import Plan
from pubsvc_cli.model.validate import validate

GOOD = """\
plan:
  id: city
  name: 测试
  level: city
  region: 测试市
  period: 2021-2025
  base_year: 2020
  source: {document: t.txt, quote: q}
indicators:
  - id: life_expectancy
    name: 人均预期寿命
    unit: 岁
    baseline: 78.8
    target: 79.3
    nature: 预期性
    source: {quote: q}
"""


def problems(text: str):
    doc, findings = parse_document(text, "p.yaml")
    assert findings == []
    model, findings = validate(doc, Plan)
    return model, findings


def test_a_valid_plan_validates():
    model, findings = problems(GOOD)
    assert findings == []
    assert str(model.indicators[0].target) == "79.3"
    assert model.plan.target_year == 2025


def test_unknown_key_is_located_at_the_key_with_a_did_you_mean():
    _, findings = problems(GOOD.replace("    target: 79.3", "    traget: 79.3"))
    unknown = [f for f in findings if f.rule == "PS104"]
    assert len(unknown) == 1
    assert (unknown[0].location.line, unknown[0].location.column) == (14, 5)
    message = Messages("en").finding("PS104", unknown[0].args)
    assert "did you mean 'target'" in message


def test_missing_key_names_the_key_and_its_place():
    _, findings = problems(GOOD.replace("    nature: 预期性\n", ""))
    assert [(f.rule, f.args["key"], f.args["path"]) for f in findings] == [("PS105", "nature", "indicators[0]")]
    assert findings[0].location.line == 10


def test_value_outside_the_grammar_quotes_it_at_its_position():
    _, findings = problems(GOOD.replace("target: 79.3", "target: 七十九"))
    assert [f.rule for f in findings] == ["PS107"]
    assert (findings[0].location.line, findings[0].location.column) == (14, 13)
    assert "'七十九'" in str(findings[0].args["problem"])


def test_wrong_enum_value_lists_the_allowed_ones():
    _, findings = problems(GOOD.replace("nature: 预期性", "nature: 指导性"))
    assert findings[0].rule == "PS106"
    assert "约束性" in str(findings[0].args["problem"]) and "指导性" in str(findings[0].args["problem"])


def test_period_and_base_year_are_checked():
    _, findings = problems(GOOD.replace("period: 2021-2025", "period: 2025-2021"))
    assert findings[0].rule == "PS106" and "period" in findings[0].args["path"]
    _, findings = problems(GOOD.replace("base_year: 2020", "base_year: 2030"))
    assert findings[0].rule == "PS106"


def test_a_file_that_is_not_a_mapping_is_reported():
    doc, _ = parse_document("- just\n- a list\n", "p.yaml")
    _, findings = validate(doc, Plan)
    assert findings[0].rule == "PS106"


def test_the_kind_of_a_file_comes_from_its_top_level_keys():
    from pubsvc_cli.model.validate import document_kind

    def kind(text):
        return document_kind(parse_document(text, "f.yaml")[0])

    assert kind("plan: {id: x}\nindicators: []\n") == "plan"
    assert kind("plan: {id: x}\nactuals: []\n") == "plan"  # a plan with a stray key is still a plan
    assert kind("plan: guilin\nactuals: []\n") == "actuals"  # an actuals file naming its plan
    assert kind("actuals: []\n") == "actuals"
    assert kind("catalog: {}\nindicators: []\n") == "catalog"
    assert kind("standard: {}\nitems: []\n") == "standard"
    assert kind("hello: world\n") is None and kind("") is None
