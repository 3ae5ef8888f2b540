"""The documentation stays true to the code."""

import subprocess
import sys

from conftest import ROOT
from pubsvc_cli.report.rules import markdown
from pubsvc_cli.rules import iter_rules


def test_docs_rules_md_is_generated_from_the_rules():
    expected = markdown(list(iter_rules()))
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "regenerate with: pubsvc rules --format markdown > docs/rules.md"


def test_readme_shows_the_main_job_and_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pubsvc check guilin.yaml" in readme
    assert "pytest" in readme
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in run


def test_cli_starts_without_importing_heavy_modules():
    code = (
        "import sys, pubsvc_cli.cli; "
        "print(','.join(m for m in ('pydantic', 'rapidfuzz', 'rich.table', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert "rapidfuzz" not in out and "pydantic" not in out
