"""The report's pages: ``index.html``, one page per plan under ``plans/``, ``style.css``, and
``report.md`` (the same content as text), rendered from the Jinja2 templates beside this module."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from .content import GROUP_ICONS, Book, PlanPage, nature_text
from .summary import Changes

TEMPLATES = Path(__file__).parent / "templates"
#: Lagging binding indicators named on the index page; the rest are counted (every one is on its plan's page).
LAGGING_SHOWN = 60


@lru_cache(maxsize=2)
def _environment(autoescape: bool):
    import jinja2  # lazy: only a report renders templates

    class Environment(jinja2.Environment):
        #: ``a.b`` in a template is Python's own getattr, without Jinja's fallback to ``a["b"]``:
        #: a page reads some five thousand attributes, and Jinja's method was a third of its
        #: rendering. The templates read dicts by key (``counts["errors"]``); a misspelt
        #: attribute is an AttributeError, which the tests catch as they would StrictUndefined.
        getattr = staticmethod(getattr)

    env = Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,  # a misspelt name in a template fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates are pubsvc's own files: not looked at again for every page
    )
    env.filters["cell"] = _markdown_cell
    return env


def _markdown_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: a | would end the cell, a line break the row."""
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")  # the backslash first: a\| must not undo it
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _globals(book: Book, root: str) -> dict[str, Any]:
    return {
        "book": book,
        "t": book.t,
        "nature_text": lambda head, nature: nature_text(head, nature, book.messages),
        "version": __version__,
        "root": root,
        "ICONS": GROUP_ICONS,
        "LAGGING_SHOWN": LAGGING_SHOWN,
    }


def stylesheet() -> str:
    return (TEMPLATES / "style.css").read_text(encoding="utf-8")


def index_page(book: Book, changes: Changes | None) -> str:
    template = _environment(True).get_template("index.html.j2")
    slugs = {page.summary.id: page.slug for page in book.pages if page.summary is not None}
    return template.render(**_globals(book, ""), changes=changes, slugs=slugs)


def plan_page(book: Book, page: PlanPage) -> str:
    """The HTML of one detailed page (content.detailed)."""
    template = _environment(True).get_template("plan.html.j2")
    return template.render(**_globals(book, "../"), page=page, chain=_ancestors(page, book))


def markdown_head(book: Book, changes: Changes | None) -> str:
    """report.md up to the plans' sections: the headline, what changed, the plans."""
    return _environment(False).get_template("report.md.j2").render(**_globals(book, ""), changes=changes)


def markdown_section(book: Book, page: PlanPage) -> str:
    """One plan's section of report.md."""
    return _environment(False).get_template("_plan.md.j2").render(**_globals(book, ""), page=page)


def _ancestors(page: PlanPage, book: Book) -> list[tuple[str, str]]:
    """The upper plans in the report, nation first, for the breadcrumbs."""
    chain: list[tuple[str, str]] = []
    seen = {page.slug}
    current = page
    while current.upper is not None and current.upper[0] not in seen:
        chain.insert(0, current.upper)
        seen.add(current.upper[0])
        current = book.by_slug[current.upper[0]]
    return chain
