"""The command line: parse options, call the core, pick a reporter, set the exit code. Nothing else."""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .batch import fewer_collections
from .messages import LANGUAGES, Messages, detect_language
from .progress import Method
from .report import FORMATS, resolve_format
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


#: The --format choices: the reporter registry's formats, and auto.
OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class RulesFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of all output: zh or en. Default: $PUBSVC_LANG, else the locale, else zh.",
        show_default=False,
    ),
]
DataDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data-dir",
        help="A folder of your own plans (DIR or DIR/plans) and standards (DIR/standards), "
        "searched before the shipped data. Repeatable.",
        file_okay=False,
        exists=True,
        show_default=False,
    ),
]


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format; auto is github under GitHub Actions, else table.")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (atomically) instead of standard output.",
        dir_okay=False,
        show_default=False,
    ),
]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Warnings fail too (the same as --fail-on warning).")]
NoFailOption = Annotated[bool, typer.Option("--no-fail", help="Report only: exit 0 whatever is found.")]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Only these rules: codes or families (PS303, PS3, PS3xx); repeatable or comma-separated.",
        show_default=False,
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", help="Leave out these rules: codes or families; repeatable or comma-separated.", show_default=False
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for a batch (default: the number of cores). The output is the same whatever N.",
        show_default=False,
    ),
]
ActualsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actuals",
        help="Actual values: a .yaml, .csv or .xlsx file (long form indicator,year,value or one "
        "column per year). Repeatable.",
        exists=True,
        dir_okay=False,
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        min=1900,
        max=2200,
        help="Assess progress as of this year (default: the latest year with data).",
        show_default=False,
    ),
]
ColorOption = Annotated[
    bool | None,
    typer.Option("--color/--no-color", help="Force colour on or off (default: on for a terminal).", show_default=False),
]


@dataclass
class ReportOptions:
    output_format: OutputFormat
    output: Path | None
    fail_on: FailOn
    strict: bool
    no_fail: bool
    select: list[str] | None
    ignore: list[str] | None
    color: bool | None = None
    method: str = "linear"
    inputs: tuple[Path, ...] = ()  # the files read, which --output must never overwrite


def _report(result, messages: Messages, options: ReportOptions) -> None:
    """Filter by --select/--ignore, write the chosen format, and exit with the documented code."""
    from .report import get_reporter
    from .report.output import write_atomically
    from .result import select_rules

    result.findings = select_rules(result.findings, options.select or [], options.ignore or [])
    fail_on = FailOn.WARNING if options.strict and options.fail_on is FailOn.ERROR else options.fail_on
    name = resolve_format(options.output_format.value)
    color = False if options.output is not None else options.color
    reporter = get_reporter(name)(messages, fail_on, color=color, method=options.method)
    if options.output is None:
        reporter.write(result, sys.stdout)
    else:
        target = options.output.resolve()
        if any(target == Path(p).resolve() for p in options.inputs):
            typer.echo(messages.text("ui.output_is_input", path=str(options.output)), err=True)
            raise typer.Exit(EXIT_USAGE)
        try:
            write_atomically(options.output, lambda out: reporter.write(result, out))
        except OSError as error:
            typer.echo(
                messages.text("ui.output_error", path=str(options.output), detail=error.strerror or str(error)),
                err=True,
            )
            raise typer.Exit(EXIT_USAGE) from None
    raise typer.Exit(0 if options.no_fail else result.exit_code(fail_on))


def _is_check_result(payload: object) -> bool:
    """What ``check`` keeps in the result cache: the plan files it checked, and the result."""
    from .result import Result

    return (
        isinstance(payload, tuple)
        and len(payload) == 2
        and isinstance(payload[0], list)
        and all(isinstance(path, Path) for path in payload[0])
        and isinstance(payload[1], Result)
    )


def _codes(values: list[str] | None, messages: Messages) -> list[str]:
    """Rule codes and families from --select/--ignore; anything else is a usage error, so that a
    typo (PS2O1) never silently selects nothing."""
    if not values:
        return []
    import re

    from .rules import REGISTRY

    codes = [code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()]
    families = {code[:3] for code in REGISTRY}
    for code in codes:
        family = re.fullmatch(r"(PS\d)(XX)?", code)
        if code not in REGISTRY and not (family and family.group(1) in families):
            typer.echo(messages.text("ui.bad_rule_pattern", pattern=code), err=True)
            raise typer.Exit(EXIT_USAGE)
    return codes


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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """pubsvc — 公共服务规划合规检查 / public-service plan compliance checker."""


@app.command()
def check(
    plans: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plan files, folders of plan files, or names/ids of plans in the data folders "
            "(guilin.yaml, data/plans/, guilin).",
            show_default=False,
            metavar="PLAN",
        ),
    ] = None,
    every_plan: Annotated[
        bool,
        typer.Option("--all", help="Check every plan pubsvc can see: the --data-dir folders' and the shipped ones."),
    ] = False,
    jobs: JobsOption = None,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.ERROR,
    strict: StrictOption = False,
    no_fail: NoFailOption = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
    color: ColorOption = None,
    actuals: ActualsOption = None,
    method: Annotated[
        Method,
        typer.Option(
            "--method",
            help="Progress method before the target year: linear time "
            "share (时间过半、任务过半) or cagr (Open SDG compound-growth ratio).",
        ),
    ] = Method.LINEAR,
    year: YearOption = None,
    standard: Annotated[
        str,
        typer.Option(
            "--standard",
            help="Service standard to check service lists against: auto (the plan's own province's list "
            "where the standard has one, else national), national, or a province id (e.g. sichuan).",
        ),
    ] = "auto",
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check afresh: neither use nor keep the result cache (also: PUBSVC_NO_CACHE=1). "
            "A cached result is used only when no file the check could read has changed.",
        ),
    ] = False,
) -> None:
    """Validate plans and check them: internal consistency, alignment with the upper-level plan, and
    progress against actual values."""
    from . import cache

    messages = _messages(lang)
    select, ignore = _codes(select, messages), _codes(ignore, messages)  # before any work: a typo fails fast
    directory = None if no_cache else cache.cache_dir()

    def fingerprint() -> str | None:
        command = ("check", every_plan, [str(d) for d in data_dir or []], method.value, year, standard)
        return cache.fingerprint(command, plans or [], data_dir or [], actuals or []) if directory else None

    key = fingerprint()
    # The pace and the chains of values are shown by JSON only; a result kept in the cache has
    # them for every format to come. Without either (a national batch is too big to cache), they
    # are seconds of work and transfer left undone.
    shown_in_full = key is not None or resolve_format(output_format.value) == "json"
    cached = cache.load(key, directory, valid=_is_check_result)
    if cached is not None:
        paths, result = cached
    else:
        from .checker import check as run_check
        from .repository import Repository
        from .tracking import ProgressOptions

        repository = Repository(list(data_dir or []))
        paths = _plan_paths(repository, plans or [], every_plan, messages)
        _check_standard(repository, standard, messages)
        options = ProgressOptions(
            method, year, list(actuals or []), standard, pace=shown_in_full, chain_values=shown_in_full
        )
        result = run_check(paths, repository, options, jobs=jobs or _cores())
        if key is not None and fingerprint() == key:  # kept only if no file changed during the check
            cache.store(key, directory, (paths, result))  # before reporting, which filters the findings
    _report(
        result,
        messages,
        ReportOptions(
            output_format,
            output,
            fail_on,
            strict,
            no_fail,
            select,
            ignore,
            color,
            method.value,
            (*paths, *(actuals or [])),
        ),
    )


class ReportMethod(str, Enum):
    linear = "linear"
    cagr = "cagr"
    both = "both"


@app.command()
def report(
    plans: Annotated[
        list[str] | None,
        typer.Argument(
            help="Plan files, folders of plan files, or names/ids of plans (default: every plan pubsvc can see).",
            show_default=False,
            metavar="PLAN",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="The report folder: created, or replaced when it holds a previous report (never another folder).",
            file_okay=False,
        ),
    ] = Path("pubsvc-report"),
    every_plan: Annotated[
        bool, typer.Option("--all", help="Every plan pubsvc can see (the default without PLAN).")
    ] = False,
    actuals: ActualsOption = None,
    year: YearOption = None,
    method: Annotated[
        ReportMethod,
        typer.Option(
            "--method",
            help="Progress method: linear, cagr, or both (linear, with the cagr verdict beside it where they differ).",
        ),
    ] = ReportMethod.both,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="The summary.json of an earlier report: add what changed since (verdicts, new and resolved findings).",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    standard: Annotated[
        str, typer.Option("--standard", help="Service standard, as for check: auto, national or a province id.")
    ] = "auto",
    jobs: JobsOption = None,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the yearly evaluation of many plans into a folder: a static site (index.html and one
    page per plan), report.md, findings.csv, progress.csv, report.xlsx and summary.json."""
    from .checker import check as run_check
    from .publish import HoldsCurrentFolder, NotAReportFolder, page_count, write_report
    from .publish.summary import PreviousError, read_previous
    from .repository import Repository
    from .tracking import ProgressOptions

    messages = _messages(lang)
    earlier = None
    if previous is not None:
        try:
            earlier = read_previous(previous)
        except PreviousError as error:
            typer.echo(messages.text(error.key, **error.args_), err=True)
            raise typer.Exit(EXIT_USAGE) from None
    repository = Repository(list(data_dir or []))
    paths = _plan_paths(repository, plans or [], every_plan or not plans, messages)
    _check_standard(repository, standard, messages)
    chosen = Method.CAGR if method is ReportMethod.cagr else Method.LINEAR
    options = ProgressOptions(chosen, year, list(actuals or []), standard, pace=True, details=True)
    with _progress_bar(messages) as bar:
        task = bar.add_task(messages.text("ui.report.checking"), total=len(paths)) if bar else None
        result = run_check(
            paths, repository, options, jobs=jobs or _cores(), on_file=(lambda: bar.advance(task)) if bar else None
        )
        pages = bar.add_task(messages.text("ui.report.progress"), total=page_count(result)) if bar else None
        try:
            write_report(
                result,
                out,
                messages,
                method.value,
                year,
                earlier,
                str(previous) if previous else "",
                progress=(lambda done: bar.update(pages, completed=done)) if bar else None,
                jobs=jobs or _cores(),
            )
        except NotAReportFolder as error:
            files = ", ".join(error.strangers[:5])
            typer.echo(messages.text("ui.report.not_a_report_folder", path=str(out), files=files), err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except HoldsCurrentFolder:
            typer.echo(messages.text("ui.report.out_is_cwd", path=str(out)), err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as error:
            typer.echo(messages.text("ui.output_error", path=str(out), detail=error.strerror or str(error)), err=True)
            raise typer.Exit(EXIT_USAGE) from None
    typer.echo(messages.text("ui.report.written", path=str(out), pages=page_count(result)), err=True)
    raise typer.Exit(0)


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None


def _progress_bar(messages: Messages):
    """A rich progress bar on a terminal's stderr; nothing when stderr is a pipe or a file (CI logs)."""
    if not sys.stderr.isatty():
        return _NoBar()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (searched for .yaml/.yml/.csv/.xlsx), glob patterns, or ids of plans in the data folders.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    every_file: Annotated[
        bool,
        typer.Option("--all", help="Validate every plan and standard pubsvc can see (--data-dir folders and shipped)."),
    ] = False,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.ERROR,
    strict: StrictOption = False,
    no_fail: NoFailOption = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
    color: ColorOption = None,
    jobs: JobsOption = None,
) -> None:
    """Load and validate data files (plans, catalogs, service standards, actual values): the
    fast check for pre-commit. Every problem in every file is reported, not just the first."""
    from .hierarchy import all_plan_files
    from .repository import Repository
    from .validator import validate_files

    messages = _messages(lang)
    select, ignore = _codes(select, messages), _codes(ignore, messages)  # before any work: a typo fails fast
    repository = Repository(list(data_dir or []))
    if not paths and not every_file:
        typer.echo(messages.text("ui.validate_usage"), err=True)
        raise typer.Exit(EXIT_USAGE)
    files = _expand(paths or [], messages, repository)
    if every_file:
        files = _once([*files, *repository.standard_files(), *all_plan_files(repository)])
    result = validate_files(files, repository.catalog[0], jobs=jobs or _cores())
    _report(
        result,
        messages,
        ReportOptions(output_format, output, fail_on, strict, no_fail, select, ignore, color, inputs=tuple(files)),
    )


def _expand(patterns: list[str], messages: Messages, repository=None) -> list[Path]:
    """Files as given, folders searched for the data files pubsvc reads (YAML, and the CSV and
    Excel tables of actual values), glob patterns expanded (``**`` too), and plan ids looked up
    in the data folders. A path that yields no file is a usage error: a pre-commit or CI step
    that checks nothing must not pass."""
    import glob

    from .actuals import READERS

    files: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in READERS and p.is_file())
        elif path.exists():
            found = [path]
        elif glob.has_magic(pattern):
            found = [Path(m) for m in sorted(glob.glob(pattern, recursive=True)) if Path(m).is_file()]
        elif repository is not None and (by_id := repository.find_plan(pattern)) is not None:
            found = [by_id]
        else:
            typer.echo(messages.text("ui.path_not_found", path=pattern), err=True)
            raise typer.Exit(EXIT_USAGE)
        if not found:
            typer.echo(messages.text("ui.path_no_files", path=pattern), err=True)
            raise typer.Exit(EXIT_USAGE)
        files += found
    return _once(files)


def _once(paths: list[Path]) -> list[Path]:
    """Each file once, as first named: ``check guilin guilin.yaml`` checks one file."""
    seen: set[Path] = set()
    once = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            once.append(path)
    return once


@app.command()
def diff(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW plan files; with --base, the plan files to compare (default: every changed YAML file).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    base: Annotated[
        str | None, typer.Option("--base", help="A git revision: compare the working tree with it.", show_default=False)
    ] = None,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.ERROR,
    strict: StrictOption = False,
    no_fail: NoFailOption = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
    color: ColorOption = None,
) -> None:
    """What changed between two versions of plans, indicator by indicator: target, baseline, nature
    and unit, each classified strengthened, weakened, added, removed or re-worded. Weakening or
    removing a 约束性 target is an error; weakening a 预期性 one a warning."""
    from .diffing import diff_files, diff_revision, missing_paths
    from .gitrev import GitError
    from .repository import Repository

    messages = _messages(lang)
    select, ignore = _codes(select, messages), _codes(ignore, messages)  # before any work: a typo fails fast
    repository = Repository(list(data_dir or []))
    if base is None:
        if not paths or len(paths) != 2:
            typer.echo(messages.text("ui.diff_usage"), err=True)
            raise typer.Exit(EXIT_USAGE)
        old, new = (Path(p) for p in paths)
        for path in (old, new):
            if not path.is_file():
                key = "ui.not_a_file" if path.exists() else "ui.path_not_found"
                typer.echo(messages.text(key, path=str(path)), err=True)
                raise typer.Exit(EXIT_USAGE)
        result = diff_files(old, new, repository)
        inputs = (old, new)
    else:
        try:
            missing = missing_paths(base, [Path(p) for p in paths or []])
            if missing:
                typer.echo(messages.text("ui.path_not_found", path=str(missing[0])), err=True)
                raise typer.Exit(EXIT_USAGE)
            result = diff_revision(base, [Path(p) for p in paths or []], repository)
            inputs = tuple(Path(p) for p in paths or [])
        except GitError as error:
            typer.echo(messages.text("ui.git_error", detail=str(error)), err=True)
            raise typer.Exit(EXIT_USAGE) from None
    _report(
        result,
        messages,
        ReportOptions(output_format, output, fail_on, strict, no_fail, select, ignore, color, inputs=inputs),
    )


class SchemaKind(str, Enum):
    plan = "plan"
    catalog = "catalog"
    standard = "standard"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Option("--kind", help="Which file format.")] = SchemaKind.plan,
    output: OutputOption = None,
) -> None:
    """Write the JSON Schema of a file format (from the pydantic models), for editors: a
    `# yaml-language-server: $schema=...` line at the top of a plan file gives completion and
    validation."""
    from .report.output import write_atomically
    from .schema import json_schema

    text = json_schema(kind.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomically(output, lambda out: out.write(text))
    except OSError as error:
        messages = _messages(None)
        typer.echo(messages.text("ui.output_error", path=str(output), detail=error.strerror or str(error)), err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _plan_paths(repository, names: list[str], every_plan: bool, messages: Messages) -> list[Path]:
    """The plan files to check: each file as given, the plan files under each folder, each name
    or id looked up in the data folders, and with ``--all`` every plan pubsvc can see."""
    from .hierarchy import all_plan_files, plan_files_in

    if not names and not every_plan:
        typer.echo(messages.text("ui.check_usage"), err=True)
        raise typer.Exit(EXIT_USAGE)
    paths: list[Path] = []
    for name in names:
        if Path(name).is_dir():
            found = plan_files_in(Path(name))
            if not found:
                typer.echo(messages.text("ui.path_no_plans", path=name), err=True)
                raise typer.Exit(EXIT_USAGE)
            paths += found
        else:
            paths.append(_resolve(repository, name, messages))
    if every_plan:
        paths += all_plan_files(repository)
    return _once(paths)


def _cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _resolve(repository, name: str, messages: Messages) -> Path:
    path = repository.find_plan(name)
    if path is None:
        dirs = ", ".join(str(d) for d in repository.plan_dirs)
        typer.echo(messages.text("ui.plan_not_found", name=name, dirs=dirs), err=True)
        raise typer.Exit(EXIT_USAGE)
    return path


def _check_standard(repository, standard: str, messages: Messages) -> None:
    """--standard must be auto, the national standard or a province whose items the list carries."""
    if standard in ("auto", "national"):
        return
    service_standard, _ = repository.service_standard
    scopes = sorted({item.scope for item in service_standard.items} - {"national"}) if service_standard else []
    if standard not in scopes:
        typer.echo(
            messages.text("ui.bad_standard", standard=standard, choices=", ".join(["auto", "national", *scopes])),
            err=True,
        )
        raise typer.Exit(EXIT_USAGE)


@app.command("list")
def list_plans(
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the plans in the data folders: id, name, level, upper plan, period, counts."""
    from .hierarchy import all_plan_files
    from .locations import display_path
    from .plans import load_plan
    from .report.plans import write_plan_list
    from .repository import Repository

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    catalog, _ = repository.catalog
    plans, broken = [], []
    for path in all_plan_files(repository):
        loaded, _findings = load_plan(path, catalog, display_path(path))
        if loaded is None:
            broken.append(str(path))
        else:
            plans.append(loaded)
    write_plan_list(plans, broken, messages, output_format.value, sys.stdout)
    raise typer.Exit(1 if broken else 0)


@app.command()
def show(
    plan: Annotated[
        str,
        typer.Argument(
            help="A plan file, or the name/id of a plan in the data folders.", show_default=False, metavar="PLAN"
        ),
    ],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one plan's indicators as a table."""
    from .checker import check as run_check
    from .locations import display_path
    from .plans import load_plan
    from .report import get_reporter
    from .report.plans import write_plan
    from .repository import Repository

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    path = _resolve(repository, plan, messages)
    loaded, _findings = load_plan(path, repository.catalog[0], display_path(path))
    if loaded is None:
        # Show why it does not load, exactly as `pubsvc check` would.
        get_reporter(output_format.value)(messages).write(run_check([path], repository), sys.stdout)
        raise typer.Exit(1)
    write_plan(loaded, messages, output_format.value, sys.stdout)


class LevelChoice(str, Enum):
    national = "national"
    province = "province"
    city = "city"
    county = "county"


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="DOCUMENT.txt (the plan's plain text); with --check, DOCUMENT.txt PLAN.yaml.",
            show_default=False,
            metavar="DOCUMENT [PLAN]",
        ),
    ],
    check_file: Annotated[
        bool, typer.Option("--check", help="Compare PLAN.yaml with DOCUMENT.txt instead of drafting one.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Where to write the draft (default: ID.draft.yaml here).", dir_okay=False, show_default=False
        ),
    ] = None,
    plan_id: Annotated[
        str | None, typer.Option("--id", help="The draft's plan id (default: from the file name).", show_default=False)
    ] = None,
    level: Annotated[
        LevelChoice | None,
        typer.Option("--level", help="The plan's level (default: read from its title).", show_default=False),
    ] = None,
    upper: Annotated[
        str | None, typer.Option("--upper", help="Id of the upper-level plan.", show_default=False)
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace existing draft files: the one --out names and an earlier plan's draft beside it.",
        ),
    ] = False,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.ERROR,
    strict: StrictOption = False,
    no_fail: NoFailOption = False,
    lang: LangOption = None,
    data_dir: DataDirOption = None,
    color: ColorOption = None,
) -> None:
    """Draft a plan file from a plan document's plain text: its indicator tables, prose and task
    targets, tasks with their responsible units, and service items, each with a source quote and
    `review: needed` wherever it guessed. With --check, compare a hand-made plan file with the
    document: quotes not in it, values that differ, rows the file lacks."""
    import re as _re

    from .repository import Repository

    messages = _messages(lang)
    repository = Repository(list(data_dir or []))
    if len(paths) != (2 if check_file else 1):
        typer.echo(messages.text("ui.extract.usage"), err=True)
        raise typer.Exit(EXIT_USAGE)
    for path in paths:
        if not path.is_file():
            key = "ui.not_a_file" if path.exists() else "ui.path_not_found"
            typer.echo(messages.text(key, path=str(path)), err=True)
            raise typer.Exit(EXIT_USAGE)
    if check_file:
        from .extract.compare import compare_files

        result = compare_files(paths[0], paths[1], repository.catalog[0])
        options = ReportOptions(output_format, output, fail_on, strict, no_fail, None, None, color, inputs=tuple(paths))
        _report(result, messages, options)
        return
    from .extract import Options, default_plan_id, draft_paths, extract_document
    from .locations import display_path
    from .report.output import write_texts_atomically

    document = paths[0]
    if plan_id is not None and not _re.fullmatch(r"[a-z0-9][a-z0-9_-]*", plan_id):
        typer.echo(messages.text("ui.extract.bad_id", id=plan_id), err=True)
        raise typer.Exit(EXIT_USAGE)
    options = Options(plan_id or default_plan_id(document), level.value if level else None, upper)
    stages = ("tables", "tasks", "services", "prose", "draft")
    with _progress_bar(messages) as bar:
        task = bar.add_task(messages.text("ui.extract.reading", file=document.name), total=len(stages)) if bar else None

        def step(stage: str) -> None:
            if bar is not None:
                bar.update(task, description=messages.text(f"ui.extract.stage.{stage}"), completed=stages.index(stage))

        extraction, problems = extract_document(document, display_path(document), repository, options, step)
    if extraction is None:
        _report(
            _result_of(problems),
            messages,
            ReportOptions(output_format, None, fail_on, strict, no_fail, None, None, color),
        )
        raise typer.Exit(1)
    if any(f.rule == "PS101" for f in extraction.problems):  # beyond what one plan file may hold
        typer.echo(messages.text("ui.extract.too_large", file=document.name), err=True)
        raise typer.Exit(1)
    if extraction.problems:  # the extractor wrote a file the loader refuses: a bug, said plainly
        detail = "; ".join(f"{f.location}: {f.rule}" for f in extraction.problems[:3])
        typer.echo(messages.text("ui.extract.invalid_draft", detail=detail), err=True)
        raise typer.Exit(EXIT_INTERNAL)
    paths_of_drafts = draft_paths(out or Path(f"{options.plan_id}.draft.yaml"), extraction.drafts)
    # Only drafts that hold something are written (a document may print only an earlier plan's table).
    written = [i for i, d in enumerate(extraction.drafts) if d.indicators or d.tasks or d.services or d.projects]
    if not written:
        typer.echo(messages.text("ui.extract.nothing", file=document.name), err=True)
        raise typer.Exit(1)
    targets = [paths_of_drafts[i] for i in written]
    texts = [extraction.texts[i] for i in written]
    if len({t.resolve() for t in targets}) < len(targets):
        typer.echo(messages.text("ui.extract.same_path", path=str(targets[-1])), err=True)
        raise typer.Exit(EXIT_USAGE)
    for target in targets:
        problem = (
            "ui.extract.is_document"
            if target.resolve() == document.resolve()
            else "ui.extract.not_regular"
            if target.exists() and not target.is_file()
            else "ui.extract.exists"
            if target.exists() and not force
            else None
        )
        if problem:
            typer.echo(messages.text(problem, path=str(target)), err=True)
            raise typer.Exit(EXIT_USAGE)
    _say_extraction(extraction, [extraction.drafts[i] for i in written], document, messages)
    try:
        write_texts_atomically(list(zip(targets, texts, strict=True)))
    except OSError as error:
        typer.echo(
            messages.text("ui.output_error", path=str(error.filename or out), detail=error.strerror or str(error)),
            err=True,
        )
        raise typer.Exit(EXIT_USAGE) from None
    for target in targets:
        typer.echo(messages.text("ui.extract.written", path=str(target)), err=True)


def _result_of(findings):
    from .result import Result

    result = Result()
    result.record_data_problems(findings)
    return result


def _say_extraction(extraction, drafts, document: Path, messages: Messages) -> None:
    """The summary: tables found, rows, prose targets, tasks, items, and what needs review."""
    if extraction.converted:
        typer.echo(messages.text("ui.extract.converted", file=document.name), err=True)
    for draft in drafts:
        for table in draft.tables:
            layout = messages.text(f"ui.extract.layout.{table.layout}")
            typer.echo(
                messages.text(
                    "ui.extract.table",
                    label=table.label,
                    title=table.title,
                    rows=len(table.rows),
                    layout=layout,
                    plan=draft.plan_id,
                ),
                err=True,
            )
    for draft in drafts:
        typer.echo(
            messages.text(
                "ui.extract.summary",
                plan=draft.plan_id,
                tables=len(draft.tables),
                rows=sum(len(t.rows) for t in draft.tables),
                prose=draft.prose,
                tasks=draft.tasks,
                services=draft.services,
                projects=draft.projects,
                review=draft.review_count,
            ),
            err=True,
        )


@app.command()
def rules(
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.table,
    lang: LangOption = None,
) -> None:
    """List every rule: code, default severity, title and documentation."""
    from .report.rules import write_rules

    write_rules(_messages(lang), output_format.value, sys.stdout)


def main(argv: list[str] | None = None, *, finish: Callable[[object], NoReturn] | None = None) -> None:
    """Console entry point (``argv`` defaults to the command line): no Python traceback ever
    reaches the user. Exits with the documented code; ``finish``, when given, ends the process
    with the command's exit code instead."""
    if sys.stdout is None:  # closed by the shell (>&-): the output goes nowhere, the exit code still counts
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if (sys.stdout.encoding or "utf-8").lower().replace("-", "") != "utf8":
        # A GBK or ASCII console cannot show every character: replace those, never crash on them.
        sys.stdout.reconfigure(errors="replace")
    previous = _catch_interrupts()
    try:
        with fewer_collections():  # a command builds many objects and few cycles (batch.GC_THRESHOLD)
            try:
                app(args=argv, prog_name="pubsvc")
            except SystemExit as done:
                if finish is not None:  # before the collector is set back (see run)
                    finish(done.code)
                raise
    except (KeyboardInterrupt, _Interrupted):
        sys.stderr.write(Messages(_language_of(sys.argv[1:] if argv is None else argv)).text("ui.interrupted") + "\n")
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:
        # The reader (head, less) went away; exit quietly as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # a bug in pubsvc: say so plainly and point to the debug switch
        if isinstance(exc, OSError) and exc.errno in _FULL:  # stdout redirected to a full disk
            _say_output_lost(exc)
            sys.exit(EXIT_USAGE)
        if os.environ.get("PUBSVC_DEBUG", "").strip().lower() not in ("", "0", "false", "no"):
            raise
        sys.stderr.write(
            f"pubsvc: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in pubsvc, not in your data. Run again with PUBSVC_DEBUG=1 for details "
            "and report it.\n"
        )
        sys.exit(EXIT_INTERNAL)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


#: Errors of writing to a file that cannot take more (input files' errors are findings, never
#: raised this far: what reaches main with one of these is the output).
_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def _say_output_lost(error: OSError) -> None:
    """The output could not be written whole: say so (the caller exits 2, as for ``--output``),
    and let the rest of it go nowhere rather than fail again at exit."""
    if sys.stderr is not None:
        message = Messages(_language_of(sys.argv[1:])).text(
            "ui.output_error", path="stdout", detail=error.strerror or str(error)
        )
        sys.stderr.write(message + "\n")
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Interrupted(BaseException):
    """Ctrl-C, raised past typer (which turns a KeyboardInterrupt into a silent exit 130) so that
    :func:`main` says the run was interrupted."""


def _interrupt(signum, frame) -> None:
    # A second Ctrl-C while the first stops the worker processes would cut that short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise _Interrupted


def _language_of(args: list[str]) -> str:
    """The language a run asked for (``--lang``), for a message given before typer has read it."""
    for i, arg in enumerate(args):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None and value.lower() in LANGUAGES:
            return value.lower()
    return detect_language()


def _catch_interrupts():
    """Ctrl-C raises :class:`_Interrupted` during the run; the handler it replaces, to put back.
    None where Ctrl-C is ignored (a background job) or cannot be caught (not the main thread)."""
    try:
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return None
        return signal.signal(signal.SIGINT, _interrupt)
    except ValueError:
        return None


def run() -> None:
    """The console script (``pubsvc``): :func:`main`, then a quick exit. Tearing the interpreter
    down (freeing every object of the run, module by module) costs a fifth of a cached check; as
    mypy does, pubsvc flushes its output and leaves without it. The command's own exit leaves from
    inside :func:`main`, before the collection thresholds are set back: at Python's defaults the
    next allocation starts a full collection, 1.2 s over a national batch's result. Nothing is
    left to clean up by then: reports are written and closed, worker processes joined."""
    try:
        main(finish=_leave)
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    _leave(code)


def _leave(code: object) -> NoReturn:
    if code is not None and not isinstance(code, int):
        if sys.stderr is not None:
            sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the shell closed it (2>&-)
                stream.flush()
        except BrokenPipeError:  # the reader went away, as in main()
            code = 1 if stream is sys.stdout else code
        except OSError as error:
            if stream is sys.stdout and error.errno in _FULL:  # the last of the output did not fit
                _say_output_lost(error)
                code = EXIT_USAGE
        except ValueError:
            pass
    _stop_workers()
    os._exit(code or 0)


def _stop_workers() -> None:
    """Worker processes still alive at the end (an interrupted batch whose pool did not finish
    stopping them) would outlive a run that leaves without the interpreter's own cleanup."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=1)


if __name__ == "__main__":  # pragma: no cover
    run()
