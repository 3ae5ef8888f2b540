"""The command line: parse options, call the core, pick a reporter, set the exit code. Nothing else."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .messages import LANGUAGES, Messages, detect_language
from .progress import Method
from .result import FailOn

EXIT_USAGE = 2
EXIT_INTERNAL = 3

app = typer.Typer(
    name="pubsvc",
    help="Check Chinese public-service five-year plans (公共服务“十四五”规划) against their targets, "
         "their upper-level plans and the basic public service standard.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


class RulesFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


LangOption = Annotated[Optional[str], typer.Option(
    "--lang", help="Language of all output: zh or en. Default: $PUBSVC_LANG, else the locale, else zh.",
    show_default=False)]
DataDirOption = Annotated[Optional[list[Path]], typer.Option(
    "--data-dir", help="A folder of your own plans (DIR or DIR/plans) and standards (DIR/standards), "
                       "searched before the shipped data. Repeatable.",
    file_okay=False, show_default=False)]


def _messages(lang: str | None) -> Messages:
    chosen = (lang or detect_language()).lower()
    if chosen not in LANGUAGES:
        typer.echo(Messages("en").text("ui.bad_lang", lang=chosen), err=True)
        raise typer.Exit(EXIT_USAGE)
    return Messages(chosen)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pubsvc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """pubsvc — 公共服务规划合规检查 / public-service plan compliance checker."""


@app.command()
def check(
    plans: Annotated[list[str], typer.Argument(help="Plan files, or names/ids of plans in the data folders (guilin.yaml, guilin).", show_default=False, metavar="PLAN")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.ERROR,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
    color: Annotated[Optional[bool], typer.Option("--color/--no-color", help="Force colour on or off (default: on for a terminal).", show_default=False)] = None,
    actuals: Annotated[Optional[list[Path]], typer.Option(
        "--actuals", help="Actual values: a .yaml, .csv or .xlsx file (long form indicator,year,value or one "
                          "column per year). Repeatable.", exists=True, dir_okay=False, show_default=False)] = None,
    method: Annotated[Method, typer.Option("--method", help="Progress method before the target year: linear time "
                                                            "share (时间过半、任务过半) or cagr (Open SDG compound-growth ratio).")] = Method.LINEAR,
    year: Annotated[Optional[int], typer.Option("--year", min=1900, max=2200, help="Assess progress as of this year "
                                                "(default: the latest year with data).", show_default=False)] = None,
    standard: Annotated[str, typer.Option("--standard", help="Service standard to check service lists against: "
                                          "national, or a province id (e.g. sichuan) for its own list.")] = "national",
) -> None:
    """Validate plans and check them: internal consistency, alignment with the upper-level plan, and
    progress against actual values."""
    from .checker import check as run_check
    from .report import get_reporter
    from .repository import Repository
    from .tracking import ProgressOptions

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    paths = [_resolve(repository, name, messages) for name in plans]
    _check_standard(repository, standard, messages)
    result = run_check(paths, repository, ProgressOptions(method, year, list(actuals or []), standard))
    reporter = get_reporter(output_format.value)(messages, fail_on, color=color, method=method.value)
    reporter.write(result, sys.stdout)
    raise typer.Exit(result.exit_code(fail_on))


def _resolve(repository, name: str, messages: Messages) -> Path:
    path = repository.find_plan(name)
    if path is None:
        dirs = ", ".join(str(d) for d in repository.plan_dirs)
        typer.echo(messages.text("ui.plan_not_found", name=name, dirs=dirs), err=True)
        raise typer.Exit(EXIT_USAGE)
    return path


def _check_standard(repository, standard: str, messages: Messages) -> None:
    """--standard must name the national standard or a province whose items the list carries."""
    if standard == "national":
        return
    service_standard, _ = repository.service_standard
    scopes = sorted({item.scope for item in service_standard.items} - {"national"}) if service_standard else []
    if standard not in scopes:
        typer.echo(messages.text("ui.bad_standard", standard=standard, choices=", ".join(["national", *scopes])), err=True)
        raise typer.Exit(EXIT_USAGE)


@app.command("list")
def list_plans(
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the plans in the data folders: id, name, level, upper plan, period, counts."""
    from .checker import load_plan
    from .report.plans import write_plan_list
    from .repository import Repository

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    catalog, _ = repository.catalog
    plans, broken = [], []
    for path in repository.plan_files():
        loaded, _findings = load_plan(path, catalog)
        if loaded is None:
            broken.append(str(path))
        else:
            plans.append(loaded)
    write_plan_list(plans, broken, messages, output_format.value, sys.stdout)
    raise typer.Exit(1 if broken else 0)


@app.command()
def show(
    plan: Annotated[str, typer.Argument(help="A plan file, or the name/id of a plan in the data folders.", show_default=False, metavar="PLAN")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one plan's indicators as a table."""
    from .checker import check as run_check, load_plan
    from .report import get_reporter
    from .report.plans import write_plan
    from .repository import Repository

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    path = _resolve(repository, plan, messages)
    loaded, _findings = load_plan(path, repository.catalog[0])
    if loaded is None:
        # Show why it does not load, exactly as `pubsvc check` would.
        get_reporter(output_format.value)(messages).write(run_check([path], repository), sys.stdout)
        raise typer.Exit(1)
    write_plan(loaded, messages, output_format.value, sys.stdout)


@app.command()
def rules(
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.table,
    lang: LangOption = None,
) -> None:
    """List every rule: code, default severity, title and documentation."""
    from .report.rules import write_rules

    write_rules(_messages(lang), output_format.value, sys.stdout)


def main() -> None:
    """Console entry point: no Python traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:
        # The reader (head, less) went away; exit quietly as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug in pubsvc: say so plainly and point to the debug switch
        if os.environ.get("PUBSVC_DEBUG"):
            raise
        sys.stderr.write(
            f"pubsvc: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in pubsvc, not in your data. Run again with PUBSVC_DEBUG=1 for details "
            "and report it.\n"
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
