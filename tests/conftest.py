"""Shared helpers: writing small plan files, running the checker in-process and the CLI for real."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"

#: The folder of the source documents the shipped data was encoded from (the provenance quotes are
#: checked against them). Not part of the repository: the tests that need it are skipped when it is
#: absent, unless PUBSVC_REQUIRE_SOURCES=1 (set by .ci/run), which makes its absence a failure.
SOURCES_VARIABLE = "PUBSVC_SOURCES"
REQUIRE_SOURCES_VARIABLE = "PUBSVC_REQUIRE_SOURCES"
DEFAULT_SOURCES = ROOT.parent / "shared" / "seeds"


def sources_folder() -> Path:
    return Path(os.environ.get(SOURCES_VARIABLE) or DEFAULT_SOURCES)


def source_document(name: str) -> Path:
    """A source document by file name, in the sources folder or its sibling ``reference/`` (the
    layout of ``shared/``: the plan texts in ``seeds/``, the national facts in ``reference/``).

    Skips the calling test when the folder is absent; fails it when the folder is required, or
    when the folder is there but lacks the document (a quote that names no real source)."""
    folder = sources_folder()
    if not folder.is_dir():
        message = (
            f"the source documents are not here ({folder} does not exist): set {SOURCES_VARIABLE} "
            "to the folder of the seed plan texts to check the provenance quotes"
        )
        if os.environ.get(REQUIRE_SOURCES_VARIABLE, "").strip() not in ("", "0"):
            pytest.fail(f"{REQUIRE_SOURCES_VARIABLE} is set and {message}", pytrace=False)
        pytest.skip(message)
    for candidate in (folder / name, folder.parent / "reference" / name):
        if candidate.is_file():
            return candidate
    pytest.fail(f"no source document {name} in {folder} or {folder.parent / 'reference'}", pytrace=False)


def indicator(
    id: str,
    baseline: Any = 1,
    target: Any = 2,
    nature: str = "预期性",
    unit: str | None = None,
    name: str | None = None,
    **extra: Any,
) -> dict:
    """One indicator row; unit and name default to the catalog's."""
    from pubsvc_cli.repository import Repository

    entry = Repository().catalog[0].get(id)
    row = {
        "id": id,
        "name": name or (entry.name if entry else id),
        "unit": unit or (entry.unit if entry else "%"),
        "baseline": baseline,
        "target": target,
        "nature": nature,
        "source": {"quote": "test"},
    }
    if id == "":
        del row["id"]
    row.update(extra)
    return row


def plan_data(
    plan_id: str = "city", indicators: list | None = None, upper: str | None = None, level: str = "city", **extra: Any
) -> dict:
    meta = {
        "id": plan_id,
        "name": f"{plan_id} plan",
        "level": level,
        "region": plan_id,
        "period": "2021-2025",
        "base_year": 2020,
        "source": {"document": "test.txt", "quote": "test"},
    }
    if upper:
        meta["upper"] = upper
    data = {"plan": meta, "indicators": indicators or []}
    data.update(extra)
    return data


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_check(*paths: Path, data_dirs: list[Path] = ()):
    """The checker in-process (fast); acceptance tests run the real CLI instead."""
    from pubsvc_cli.checker import check
    from pubsvc_cli.repository import Repository

    return check(list(paths), Repository(list(data_dirs)))


def codes(result, rule_prefix: str = "") -> list[str]:
    return sorted(f.rule for f in result.findings if f.rule.startswith(rule_prefix))


@pytest.fixture
def write_plan(tmp_path):
    """write_plan(name, **plan_data kwargs) → path of a plan file in a fresh folder."""

    def write(name: str = "city", **kwargs: Any) -> Path:
        return write_yaml(tmp_path / f"{name}.yaml", plan_data(name, **kwargs))

    return write


def pubsvc_executable() -> list[str]:
    """The installed console script when on PATH beside this Python, else ``python -m pubsvc_cli``."""
    script = Path(sys.executable).with_name("pubsvc")
    if script.exists():
        return [str(script)]
    found = shutil.which("pubsvc")
    return [found] if found else [sys.executable, "-m", "pubsvc_cli"]


#: The tests check afresh, so that a test that changes pubsvc's behaviour (a monkeypatch) is never
#: answered from the result cache; the cache's own tests turn it back on.
NO_CACHE = {"PUBSVC_NO_CACHE": "1"}


def _user_environment() -> dict[str, str | None]:
    """The variables a user's shell would not set for a plain run: pubsvc's own, the locale and
    the terminal size (None removes a variable)."""
    return {
        key: None for key in os.environ if key.startswith(("PUBSVC_", "LC_", "LANG")) or key in ("COLUMNS", "LINES")
    }


@dataclass
class Run:
    """What a run of ``pubsvc`` left: its exit code and what it wrote."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path):
    """Run ``pubsvc`` in this process, from an empty folder, exactly as the console script would
    (its entry point ``main``, so usage errors and internal errors exit with their own codes):
    ``cli("check", "guilin", cwd=…, env={…})``. Fast; the real subprocess is ``installed_cli``."""
    from typer.testing import CliRunner

    from pubsvc_cli.cli import main

    def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> Run:
        with (
            contextlib.chdir(cwd or tmp_path),
            CliRunner().isolation(env={**_user_environment(), **NO_CACHE, **(env or {})}) as (out, err, _),
        ):
            try:
                main(list(args))
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            return Run(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))

    return run


@pytest.fixture
def installed_cli(tmp_path):
    """Run the installed ``pubsvc`` command for real, in a subprocess from an empty folder: for the
    few smoke tests of what only a real process shows (the console script, the console's encoding,
    a hang, what reaches the terminal)."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        environment = {k: v for k, v in os.environ.items() if k not in _user_environment()}
        environment.update({**NO_CACHE, **(env or {})})
        return subprocess.run(
            [*pubsvc_executable(), *args],
            cwd=cwd or tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    return run


def loaded_plan(tmp_path: Path, name: str = "city", **kwargs: Any):
    """A plan written to a file and loaded as the checks see it (a ``plans.LoadedPlan``)."""
    from pubsvc_cli.plans import load_plan
    from pubsvc_cli.repository import Repository

    path = write_yaml(tmp_path / f"{name}.yaml", plan_data(name, **kwargs))
    plan, findings = load_plan(path, Repository().catalog[0], path.name)
    assert plan is not None, findings
    return plan
