"""The report and the web app in a real browser: Debian's chromium driven by Playwright.

Skipped, with the reason, when ``/usr/bin/chromium`` or the ``playwright`` package is
missing (``.ci/run`` installs chromium with apt-get; a Playwright browser download does not
work on this project's machines).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.views.conftest import HOSTILE_MARKUP, HOSTILE_TITLE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install -y chromium"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="needs playwright: pip install -e '.[dev]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def open_report(page: Page, report: Path) -> list[str]:
    """Open the report with every request other than the file itself refused; return the
    requests that were attempted."""
    attempted: list[str] = []

    def refuse(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", refuse)
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready]")
    return attempted


def click_edge(page: Page, a: str, b: str) -> None:
    """A real mouse click on the middle of the edge a–b as drawn on the canvas."""
    page.locator("#network-canvas").scroll_into_view_if_needed()
    point: dict[str, float] = page.evaluate(
        """([a, b]) => {
            const cy = window.detenteGraph;
            const edge = cy.edges().filter(e =>
                (e.data('source') === a && e.data('target') === b) ||
                (e.data('source') === b && e.data('target') === a))[0];
            const mid = edge.renderedMidpoint();
            const box = cy.container().getBoundingClientRect();
            return {x: box.left + mid.x, y: box.top + mid.y};
        }""",
        [a, b],
    )
    page.mouse.click(point["x"], point["y"])


def test_report_opens_offline_with_the_network(page: Page, report_file: Path) -> None:
    attempted = open_report(page, report_file)
    assert attempted == []
    nodes: list[str] = page.evaluate("window.detenteGraph.nodes().map(n => n.id())")
    assert {"iran", "taliban", "isis-k", "tajikistan"} <= set(nodes)
    edges: list[dict[str, Any]] = page.evaluate(
        "window.detenteGraph.edges().map(e => ({a: e.data('source'), b: e.data('target'),"
        " color: e.style('line-color')}))"
    )
    colours = {frozenset((e["a"], e["b"])): e["color"] for e in edges}
    assert colours[frozenset(("iran", "isis-k"))] == "rgb(215,48,39)"  # hostile: red
    assert colours[frozenset(("iran", "tajikistan"))] == "rgb(26,152,80)"  # cooperative: green
    assert page.locator("#dyads figure.dyad").count() >= 1
    assert page.locator("#balance").is_visible()


def test_clicking_an_edge_shows_its_evidence(page: Page, report_file: Path) -> None:
    open_report(page, report_file)
    click_edge(page, "iran", "isis-k")
    panel = page.locator("#edge-panel")
    assert "Iran" in panel.locator("h3").inner_text()
    assert "ISIS-K" in panel.locator("h3").inner_text()
    items = panel.locator("#edge-evidence li")
    assert items.count() >= 1
    assert "Kerman" in items.first.inner_text()


def test_evidence_search(page: Page, report_file: Path) -> None:
    open_report(page, report_file)
    rows = page.locator("#evidence-table tbody tr")
    total = rows.count()
    page.fill("#evidence-search", "kerman")
    visible = page.locator("#evidence-table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("Kerman" in text for text in visible.all_inner_texts())


def test_hostile_document_does_not_run(page: Page, report_file: Path) -> None:
    open_report(page, report_file)
    assert page.evaluate("window.pwned") is None
    assert page.title() == "detente report"
    assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    page.fill("#evidence-search", "Israel")
    row_text = page.locator("#evidence-table tbody tr:not([hidden])").first.inner_text()
    assert HOSTILE_MARKUP in row_text  # shown as the text it is
    assert HOSTILE_TITLE in row_text
    click_edge(page, "iran", "israel")
    assert HOSTILE_MARKUP in page.locator("#edge-evidence").inner_text()
    assert page.evaluate("window.pwned") is None


def test_web_app_views_and_hostile_text(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector("body[data-ready]")
    nodes: list[str] = page.evaluate("window.detenteGraph.nodes().map(n => n.id())")
    assert {"iran", "taliban"} <= set(nodes)
    page.wait_for_selector("#pick-actor option[value='iran']", state="attached")
    page.select_option("#pick-actor", "iran")
    page.fill("#pick-since", "2024-01-01")
    with page.expect_response(lambda r: "/api/view" in r.url):
        page.click("#apply")
    page.wait_for_function("window.detenteViews.state.data.filters.actor === 'iran'")
    edges: list[list[str]] = page.evaluate(
        "window.detenteGraph.edges().map(e => [e.data('source'), e.data('target')])"
    )
    assert edges and all("iran" in pair for pair in edges)
    click_edge(page, "iran", "israel")
    assert HOSTILE_MARKUP in page.locator("#edge-evidence").inner_text()
    assert page.evaluate("window.pwned") is None and page.title() == "detente"


def test_web_app_claim_box(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.wait_for_selector("body[data-ready]")
    page.fill("#claim-text", "Iran supports ISIS-K")
    with page.expect_response(lambda r: "/api/check" in r.url) as answer:
        page.press("#claim-text", "Enter")
    if answer.value.status == 501:
        message = page.locator("#claim-error")
        message.wait_for()
        assert "[E603]" in message.inner_text() and "claim checking" in message.inner_text()
        pytest.xfail("this detente has no claim checker (issue 5): the box says so")
    verdict = page.locator("#claim-verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "Verdict: contradicted"
    assert "Kerman" in page.locator("#claim-result").inner_text()


def test_an_event_with_several_reports_is_one_row_listing_them(
    page: Page, repeated_report: Path
) -> None:
    open_report(page, repeated_report)
    assert "2 events, from 4 reports" in page.locator("#evidence .intro").inner_text()
    rows = page.locator("#evidence-table tbody tr")
    assert rows.count() == 2
    signing = rows.filter(has_text="peace agreement")
    assert signing.count() == 1
    assert signing.locator("td.reports-count").inner_text() == "3"
    reports = signing.locator("ol.reports li")
    assert reports.count() == 3
    listed = reports.all_inner_texts()
    assert any("A year after the deal · 2025-05-02 · sentence 0" in text for text in listed)
    assert any("A second wire on the deal · 2024-05-04" in text for text in listed)
    # a report other than the one shown is found by the search too
    page.fill("#evidence-search", "two years of talks")
    visible = page.locator("#evidence-table tbody tr:not([hidden])")
    assert visible.count() == 1 and "peace agreement" in visible.first.inner_text()
    click_edge(page, "armenia", "azerbaijan")
    panel = page.locator("#edge-evidence")
    assert "3 reports in 3 documents" in panel.inner_text()
    assert panel.locator("ol.reports li").count() == 3
