"""A rule is declared in one place, and the declaration is checked when it is registered."""

import ast
import re
from pathlib import Path

import pytest

from pubsvc_cli.messages import Messages
from pubsvc_cli.model import Nature
from pubsvc_cli.result import Severity
from pubsvc_cli.rules import REGISTRY, iter_rules
from pubsvc_cli.rules.base import reported_rule

PACKAGE = Path(__file__).resolve().parents[2] / "pubsvc_cli"


def test_a_rule_without_its_messages_cannot_be_registered():
    with pytest.raises(RuntimeError, match="PS999: no zh message for PS999.title"):
        reported_rule("PS999", "no-messages", Severity.INFO, doc="A rule nobody wrote messages for.")
    assert "PS999" not in REGISTRY


def test_a_message_variant_must_exist_in_every_language(monkeypatch):
    monkeypatch.delitem(REGISTRY, "PS201")  # declared again, with one variant too many
    with pytest.raises(RuntimeError, match=r"PS201: no zh message for PS201\.message\.nowhere"):
        reported_rule("PS201", "target-below-baseline", Severity.WARNING, doc="x", variants=("cumulative", "nowhere"))


def test_a_rule_code_is_registered_once():
    with pytest.raises(RuntimeError, match="registered twice"):
        reported_rule("PS101", "again", Severity.ERROR, doc="x")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_variant_in_the_catalogs_is_declared_by_its_rule(lang):
    for key in Messages(lang).catalog:
        match = re.fullmatch(r"(PS\d{3})\.(title|doc|message)(?:\.(\w+))?", key)
        if key.startswith("PS"):
            assert match and match[1] in REGISTRY, f"{key}: no such rule"
            if match[3]:
                assert match[3] in REGISTRY[match[1]].variants, f"{key}: {match[1]} declares no variant {match[3]}"


def test_severity_follows_the_nature_only_where_declared():
    by_nature = {rule.code for rule in iter_rules() if rule.by_nature}
    assert by_nature == {"PS201", "PS302", "PS303", "PS312", "PS501", "PS502", "PS503", "PS601", "PS602"}
    ps303 = REGISTRY["PS303"]
    assert [ps303.severity_for(n) for n in (Nature.BINDING, Nature.EXPECTED, None)] == [
        Severity.ERROR,
        Severity.WARNING,
        Severity.WARNING,
    ]
    assert REGISTRY["PS304"].severity_for(Nature.EXPECTED) is Severity.ERROR  # fixed severity


def test_every_variant_a_finding_can_carry_is_declared():
    """The variants the code passes are literal strings: each must be one its rule declares."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            code = next(
                (
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str) and re.fullmatch(r"PS\d{3}", a.value)
                ),
                None,
            )
            for keyword in node.keywords:
                if code and keyword.arg == "variant":
                    for variant in _values(keyword.value):
                        assert variant in REGISTRY[code].variants, f"{path.name}:{node.lineno}: {code} {variant}"


def _values(expression: ast.expr) -> list[str]:
    """The strings an expression can evaluate to: ``"a" if x else "b"`` gives a and b (strings that
    are compared, as in ``x == "c"``, are not values)."""
    compared = {id(n) for c in ast.walk(expression) if isinstance(c, ast.Compare) for n in ast.walk(c)}
    return [
        n.value
        for n in ast.walk(expression)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value and id(n) not in compared
    ]


def test_only_the_loader_reads_yaml():
    """One YAML path: every data file goes through pubsvc_cli.loading, with its limits and positions."""
    readers = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import yaml|from yaml\b)", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert readers == ["loading.py"]
