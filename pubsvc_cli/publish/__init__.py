"""``pubsvc report``: a check's Result as the documents of a yearly evaluation, in one folder.

content.py computes what the report says; site.py renders the pages and report.md from the
templates; tables.py, workbook.py and summary.py write the data files. ``write_report`` writes
them all into a new folder beside the target and then puts it in place, so that a reader never
sees a half-written report and a failed run leaves the previous one as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..messages import Messages
from ..result import Result

#: The files of a report, in the order they are written; a folder holding other files is not
#: a report folder, and pubsvc will not replace it.
FILES = ("index.html", "style.css", "report.md", "summary.json", "findings.csv", "progress.csv", "report.xlsx")
PAGES = "plans"


class NotAReportFolder(Exception):
    """The output folder holds files that no pubsvc report wrote: replacing it could lose them."""

    def __init__(self, path: Path, strangers: list[str]):
        super().__init__(str(path))
        self.path, self.strangers = path, strangers


def write_report(
    result: Result,
    out: Path,
    messages: Messages,
    method: str = "linear",
    year: int | None = None,
    previous: dict | None = None,
    previous_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Write the report of ``result`` into the folder ``out``; returns the files written, relative to it."""
    from . import site, summary, tables, workbook
    from .content import build

    _check_replaceable(out)
    book = build(result, messages, method, year)
    data = summary.summary(book)
    changes = summary.changes(data, previous, previous_name) if previous is not None else None
    if changes is not None:
        data["changes"] = changes.as_dict()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    written: list[str] = []
    try:

        def put(name: str, content: str | bytes) -> None:
            target = staging / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")
            written.append(name)

        put("index.html", site.index_page(book, changes))
        put("style.css", site.stylesheet())
        (staging / PAGES).mkdir()
        for done, (name, page) in enumerate(site.plan_pages(book), 1):
            put(f"{PAGES}/{name}", page)
            if progress is not None:
                progress(done)
        put("report.md", site.markdown(book, changes))
        put("summary.json", summary.dumps(data))
        put("findings.csv", tables.csv_text(*tables.finding_rows(book)))
        put("progress.csv", tables.csv_text(*tables.progress_rows(book)))
        put("report.xlsx", workbook.workbook_bytes(book))
        _set_modes(staging)
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def page_count(result: Result) -> int:
    """How many pages the report of ``result`` has (for a progress bar): a plan's each, and one
    for each file that did not load."""
    plans = {plan.id for plan in result.plans}
    unloaded = {f.location.file for f in result.findings if f.plan not in plans}
    return len(result.plans) + len(unloaded)


def _check_replaceable(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise NotAReportFolder(out, [out.name])
    strangers = sorted(
        entry.name
        for entry in out.iterdir()
        if entry.name not in FILES and not (entry.name == PAGES and entry.is_dir())
    )
    if strangers:
        raise NotAReportFolder(out, strangers)
    pages = out / PAGES
    if pages.is_dir():
        strangers = sorted(f"{PAGES}/{e.name}" for e in pages.iterdir() if not e.name.endswith(".html") or e.is_dir())
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
