"""The report's pages in a real browser (Debian's chromium, driven by Playwright): what a reader
sees, not only what the files hold. Run by ``.ci/run`` (``pytest -m browser``), which installs
the browser and a CJK font; skipped elsewhere when no browser is installed, unless
PUBSVC_REQUIRE_BROWSER=1 makes that a failure."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

EXAMPLE_CSV = ROOT / "examples" / "guilin-actuals-illustrative.csv"
#: The flags a headless browser needs on a closed, sandboxed CI machine: without the
#: background-networking ones it keeps trying to reach Google's update and sync hosts.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CJK_FAMILIES = ("CJK", "Source Han", "WenQuanYi", "WQY", "Droid Sans Fallback", "PingFang", "YaHei", "Hiragino")


def _browser_path() -> str:
    found = os.environ.get("PUBSVC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = "no chromium here: .ci/run installs Debian's chromium and fonts-noto-cjk for this test"
    if os.environ.get("PUBSVC_REQUIRE_BROWSER", "").strip() not in ("", "0"):
        pytest.fail(f"PUBSVC_REQUIRE_BROWSER is set and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from pubsvc_cli.cli import main

    out = tmp_path_factory.mktemp("browser") / "report"
    with CliRunner().isolation(env={"PUBSVC_NO_CACHE": "1", "PUBSVC_LANG": "zh"}):
        with pytest.raises(SystemExit) as done:
            main(["report", "guilin", "guangxi", "national", "--actuals", str(EXAMPLE_CSV), "--out", str(out)])
    assert done.value.code == 0
    return out


@pytest.fixture(scope="module")
def browser():
    executable = _browser_path()
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def visit(browser, report, tmp_path):
    """visit(relative path) → (page, what went wrong): console errors, page errors and every
    request for anything outside the report folder (refused, and recorded)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, device_scale_factor=1)
    problems: list[str] = []
    inside = report.resolve().as_uri()

    def route(request_route):
        url = request_route.request.url
        if url.startswith(inside + "/"):
            request_route.continue_()
        else:
            problems.append(f"request outside the report: {url}")
            request_route.abort()

    context.route("**/*", route)

    def open_page(relative: str):
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.goto((report / relative).resolve().as_uri(), wait_until="load")
        page.screenshot(path=str(tmp_path / (relative.replace("/", "-") + ".png")), full_page=True)
        return page, problems

    yield open_page
    context.close()


def _fonts_drawing(page, selector: str) -> list[str]:
    """The fonts the browser really drew the element's text with (DevTools' platform fonts)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in fonts if font["glyphCount"] > 0]


def test_the_index_shows_every_plan_the_headline_and_the_matrix_with_no_error(visit):
    page, problems = visit("index.html")
    assert problems == []
    body = page.inner_text("body")
    for name in ("桂林市公共服务“十四五”规划", "广西公共服务“十四五”规划", "“十四五”公共服务规划"):
        assert name in body
    assert "项主要指标中" in page.inner_text("section.headline")
    assert page.locator("table.matrix tbody tr").count() == 3
    assert page.locator("nav.tree a").count() == 3


def test_a_plan_page_draws_its_charts_and_chinese_text_in_a_cjk_font(visit):
    page, problems = visit("plans/guilin.html")
    assert problems == []
    assert page.inner_text("h1") == "桂林市公共服务“十四五”规划"
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 5
    first = charts.first.bounding_box()
    assert first is not None and first["width"] > 200 and first["height"] > 100  # drawn, not collapsed
    assert page.locator("figure.chart svg circle.actual").count() >= 10
    assert page.locator("figure.chart svg title").first.text_content()
    # The axis each chart takes from the page's one drawing of it is drawn, across the plot.
    axis = page.evaluate("document.querySelector('figure.chart svg use').getBBox().width")
    assert axis > 250
    fonts = _fonts_drawing(page, "h1")
    assert fonts and any(part in family for family in fonts for part in CJK_FAMILIES), fonts


def test_links_from_the_index_open_the_plan_pages(visit):
    page, problems = visit("index.html")
    page.click("table.plans >> text=桂林市公共服务“十四五”规划")
    page.wait_for_load_state("load")
    assert page.url.endswith("plans/guilin.html")
    assert "主要指标" in page.inner_text("main")
    assert problems == []


def test_a_plan_page_prints_as_an_a4_document(visit, tmp_path):
    page, problems = visit("plans/guilin.html")
    pdf = tmp_path / "guilin.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) >= 2  # a plan page runs over several printed pages
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 in points
    assert problems == []
