"""Every user-facing text exists in both languages; the language is chosen as documented."""

import string

import pytest

from pubsvc_cli.messages import Messages, detect_language
from pubsvc_cli.rules import REGISTRY

ZH, EN = Messages("zh"), Messages("en")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_catalogs_have_the_same_keys_and_placeholders():
    zh_keys = {k for k in ZH.catalog if not k.endswith(".doc")}
    assert zh_keys == set(EN.catalog)
    for key in EN.catalog:
        assert fields(ZH.catalog[key]) == fields(EN.catalog[key]), key


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_has_a_title_message_and_documentation(code):
    for messages in (ZH, EN):
        assert messages.has(f"{code}.title") and messages.has(f"{code}.message")
    assert REGISTRY[code].doc, "the rule's docstring is its English documentation"
    assert ZH.has(f"{code}.doc"), "the Chinese documentation lives in the zh catalog"


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, "zh"),
        ({"PUBSVC_LANG": "en"}, "en"),
        ({"PUBSVC_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "fr_FR.UTF-8"}, "zh"),
    ],
)
def test_language_comes_from_pubsvc_lang_then_locale_then_chinese(environ, expected):
    assert detect_language(environ) == expected


def test_nature_is_translated_in_english_messages():
    text = EN.finding("PS303", {"target": "2.2", "upper_target": "2.6", "upper_plan": "广西", "upper_nature": "预期性"})
    assert "expected 预期性" in text
