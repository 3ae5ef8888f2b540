"""``pubsvc report``: a check's Result as the documents of a yearly evaluation, in one folder.

content.py computes what the report says; site.py renders the pages and report.md from the
templates; tables.py, workbook.py and summary.py write the data files. ``write_report`` writes
them all into a new folder beside the target and then puts it in place, so that a reader never
sees a half-written report and a failed run leaves the previous one as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..messages import Messages
from ..result import Result

if TYPE_CHECKING:
    from .content import Book

#: The files of a report, in the order they are written; a folder holding other files is not
#: a report folder, and pubsvc will not replace it.
FILES = ("index.html", "style.css", "report.md", "summary.json", "findings.csv", "progress.csv", "report.xlsx")
PAGES = "plans"


class NotAReportFolder(Exception):
    """The output folder holds files that no pubsvc report wrote: replacing it could lose them."""

    def __init__(self, path: Path, strangers: list[str]):
        super().__init__(str(path))
        self.path, self.strangers = path, strangers


@dataclass
class _PageOutput:
    """What rendering one page gave, besides its HTML file: its parts of the other files."""

    markdown: str
    records: dict[str, list[str]]  # summary.json's lists: one line per record
    plan_row: list
    indicator_rows: list[list]
    progress_rows: list[list]
    finding_rows: list[list]
    progress: list[dict]  # for --previous: the assessments and findings as summary.json holds them
    findings: list[dict]


@dataclass
class _Job:
    book: Book
    pages: Path  # the staging folder's plans/
    compare: bool  # keep the records for --previous


def _render(index: int, job: _Job) -> _PageOutput:
    """Fill in one page, write its HTML, and give its parts of the other files: run in the
    worker processes for a batch (content.detailed and the templates are most of the work)."""
    from . import site, summary, tables
    from .content import detailed

    book = job.book
    page = detailed(book, book.pages[index])
    (job.pages / f"{page.slug}.html").write_text(site.plan_page(book, page), encoding="utf-8", newline="")
    records = summary.page_records(page)
    return _PageOutput(
        site.markdown_section(book, page),
        {name: [summary.line(record) for record in items] for name, items in records.items()},
        tables.plan_row(page, book.messages),
        tables.indicator_rows(page) if page.summary else [],
        tables.progress_rows(page),
        tables.finding_rows(page),
        [{k: r[k] for k in ("plan", "indicator", "indicator_name", "status", "year")} for r in records["progress"]]
        if job.compare
        else [],
        records["findings"] if job.compare else [],
    )


class HoldsCurrentFolder(Exception):
    """The output folder is the current folder or above it: replacing it would pull the folder
    the command runs in (and the shell's) out from under them."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


def write_report(
    result: Result,
    out: Path,
    messages: Messages,
    method: str = "linear",
    year: int | None = None,
    previous: dict | None = None,
    previous_name: str = "",
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> list[str]:
    """Write the report of ``result`` into the folder ``out``; returns the files written,
    relative to it. Pages are rendered in up to ``jobs`` processes; the files are the same
    whatever ``jobs``."""
    import gc

    from ..batch import ordered_map
    from . import site, summary, tables, workbook
    from .content import build

    _check_replaceable(out)
    book = build(result, messages, method, year)
    written: list[str] = []
    beside: _Beside | None = None
    staging: Path | None = None
    # The result and the book live until the report is written: the collector need not walk their
    # millions of objects again (2.5 s of the parent's collections at national scale), nor the
    # forked workers touch, and so copy, the memory they share with this process.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
        (staging / PAGES).mkdir()
        outputs: list[_PageOutput] = []
        job = _Job(book, staging / PAGES, previous is not None)
        for done, output in enumerate(ordered_map(_render, range(len(book.pages)), job, jobs), 1):
            outputs.append(output)
            if progress is not None:
                progress(done)
        written += [f"{PAGES}/{page.slug}.html" for page in book.pages]
        changes = None
        if previous is not None:
            changes = summary.changes(
                [item for o in outputs for item in o.progress],
                [item for o in outputs for item in o.findings],
                [page.summary.id for page in book.pages if page.summary],
                previous,
                previous_name,
            )

        def put(name: str, write: Callable[[TextIO], None] | bytes) -> None:
            target = staging / name
            if isinstance(write, bytes):
                target.write_bytes(write)
            else:
                with target.open("w", encoding="utf-8", newline="") as stream:
                    write(stream)
            written.append(name)

        def markdown(stream: TextIO) -> None:
            stream.write(site.markdown_head(book, changes))
            for output in outputs:
                stream.write(output.markdown)

        sections = {name: [line for o in outputs for line in o.records[name]] for name in summary.SECTIONS}
        head = summary.header(book)
        finding_rows = [row for o in outputs for row in o.finding_rows]
        progress_rows = [row for o in outputs for row in o.progress_rows]
        sheet = messages.text
        sheets = [
            (sheet("book.sheet.plans"), tables.PLAN_HEADER, [o.plan_row for o in outputs]),
            (
                sheet("book.sheet.indicators"),
                tables.INDICATOR_HEADER,
                [row for o in outputs for row in o.indicator_rows],
            ),
            (sheet("book.sheet.progress"), tables.PROGRESS_HEADER, progress_rows),
            (sheet("book.sheet.findings"), tables.FINDING_HEADER, finding_rows),
        ]
        # The workbook is written by a second process while this one writes the other files:
        # at national scale each takes about ten seconds.
        beside = _Beside(lambda: (staging / "report.xlsx").write_bytes(workbook.workbook_bytes(sheets)))
        put("index.html", lambda out: out.write(site.index_page(book, changes)))
        put("style.css", lambda out: out.write(site.stylesheet()))
        put("report.md", markdown)
        put("summary.json", lambda out: summary.write(out, head, sections, changes))
        put("findings.csv", lambda out: tables.write_csv(out, tables.FINDING_HEADER, finding_rows))
        put("progress.csv", lambda out: tables.write_csv(out, tables.PROGRESS_HEADER, progress_rows))
        beside.join()
        written.append("report.xlsx")
        _set_modes(staging)
        _swap_in(staging, out)
    except BaseException:
        if beside is not None:
            beside.stop()  # before the folder it writes into goes
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if not frozen_before:  # objects a caller froze itself stay frozen
            gc.unfreeze()
    return written


class _Beside:
    """Work done by a forked process while this one goes on; ``join`` waits for it and raises
    if it failed. Where fork is not available, the work is done at once, here."""

    def __init__(self, work: Callable[[], None]):
        import multiprocessing

        self.process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            work()
            return
        self.process = multiprocessing.get_context("fork").Process(target=_run_then_leave, args=(work,))
        self.process.start()

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()

    def join(self) -> None:
        if self.process is None:
            return
        self.process.join()
        code = self.process.exitcode
        if code in (_NO_SPACE, _OS_ERROR):
            number = errno.ENOSPC if code == _NO_SPACE else errno.EIO
            raise OSError(number, os.strerror(number))
        if code != 0:
            raise RuntimeError(f"the process writing report.xlsx failed (exit code {code})")


#: How the forked process says why it failed: the disk is full, another error of the system,
#: anything else (a bug, reported as one).
_NO_SPACE, _OS_ERROR = 28, 5


def _run_then_leave(work: Callable[[], None]) -> None:
    """In the forked process: do the work and leave at once (nothing of the parent's to clean up)."""
    code = 0
    try:
        work()
    except OSError as error:
        code = _NO_SPACE if error.errno in (errno.ENOSPC, errno.EDQUOT) else _OS_ERROR
    except BaseException:
        code = 1
    os._exit(code)


def page_count(result: Result) -> int:
    """How many pages the report of ``result`` has (for a progress bar): a plan's each, and one
    for each file that did not load."""
    plans = {plan.id for plan in result.plans}
    unloaded = {f.location.file for f in result.findings if f.plan not in plans}
    return len(result.plans) + len(unloaded)


def _check_replaceable(out: Path) -> None:
    """Refuse an output folder that holds anything a report does not write: a report's files as
    files (a folder named report.md holds someone's files), plans/ as a folder of pages, none of
    them through a link; the folder the command runs in, or one above it, is never moved away."""
    try:
        inside = Path.cwd().resolve().is_relative_to(out.resolve())
    except OSError:
        inside = False
    if inside:
        raise HoldsCurrentFolder(out)
    if not out.exists():
        return
    if not out.is_dir() or out.is_symlink():
        raise NotAReportFolder(out, [out.name])

    def own(entry: Path, names: tuple[str, ...]) -> bool:
        return not entry.is_symlink() and entry.is_file() and (entry.name in names or names == ("*.html",))

    strangers = sorted(
        entry.name
        for entry in out.iterdir()
        if not (own(entry, FILES) or (entry.name == PAGES and entry.is_dir() and not entry.is_symlink()))
    )
    pages = out / PAGES
    if not strangers and pages.is_dir():
        strangers = sorted(
            f"{PAGES}/{e.name}" for e in pages.iterdir() if not (own(e, ("*.html",)) and e.name.endswith(".html"))
        )
    if strangers:
        raise NotAReportFolder(out, strangers)


def _set_modes(folder: Path) -> None:
    """mkdtemp makes the folder private (0700); a report is for others to read, as the umask allows."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    for path in folder.rglob("*"):
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def _swap_in(staging: Path, out: Path) -> None:
    """Put the finished report in place of the old one: the old folder is moved aside, the new
    one renamed to its name, and only then is the old one removed."""
    if not out.exists():
        os.replace(staging, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    os.rmdir(aside)
    os.replace(out, aside)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(aside, out)  # the old report back, as it was
        raise
    shutil.rmtree(aside, ignore_errors=True)
