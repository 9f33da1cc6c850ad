"""The web page in a real browser: Debian's Chromium driven by Playwright against `dateline
serve`'s application on loopback. Loads the page, filters the timeline, opens an article and
checks its highlights, checks that an article holding markup runs nothing, and saves a
screenshot of each view (into $DATELINE_SCREENSHOTS when set: `make screenshots` writes the
README's images to docs/screenshots)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers_api import build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from dateline.api import create_app

    db = build_store(tmp_path_factory.mktemp("web") / "web.duckdb")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db, token=""), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    # bypass_csp lets the test's own waits run; it also means the markup test below checks
    # the page's escaping itself, not only the Content-Security-Policy behind it
    context = browser.new_context(
        viewport={"width": 1280, "height": 860},
        color_scheme="light",
        base_url=base_url,
        bypass_csp=True,
    )
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    opened.on("dialog", lambda dialog: (problems.append("dialog opened"), dialog.dismiss()))
    offsite: list[str] = []
    opened.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base_url)
            else (offsite.append(route.request.url), route.abort())
        ),
    )
    yield opened
    context.close()
    assert not offsite, f"the page asked for something off the server: {offsite}"
    assert not problems, problems


def _shoot(page: Any, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("DATELINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def _ready(page: Any, view: str) -> None:
    page.wait_for_selector(f"#view[data-ready='{view}']", timeout=15000)


def test_timeline_loads_and_filters(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    _ready(page, "timeline")
    assert page.locator(".event-row").count() == 8
    assert page.locator("#timeline-chart rect.bar").count() >= 3
    assert "8 of 8 events" in page.locator("#event-count").inner_text()
    _shoot(page, "timeline", tmp_path)

    page.select_option("#filter-type", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('.event-row').length === 3")
    assert "type=ASSAULT" in page.url
    assert set(page.locator(".event-row .type").all_inner_texts()) == {"ASSAULT"}

    page.fill("#filter-actor", "kenya")
    page.select_option("#filter-type", "")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('.event-row').length === 3")
    assert page.locator(".event-row .type").all_inner_texts() == ["CONSULT"] * 3


def test_article_view_highlights_every_kind_of_span(page: Any, tmp_path: Path) -> None:
    page.goto("/#/timeline?type=ASSAULT&place=kupiansk")
    _ready(page, "timeline")
    page.locator(".event-row .event-link").first.click()
    _ready(page, "event")
    text = page.locator("#article-text")
    assert text.locator(".m-trigger.selected").inner_text() == "shelled"
    assert text.locator(".m-sentence").count() >= 1
    assert text.locator(".m-actor").count() >= 2
    assert "Friday" in text.locator(".m-date").all_inner_texts()
    assert "Kupiansk" in text.locator(".m-place").all_inner_texts()
    assert "15 civilians" in text.locator(".m-figure").all_inner_texts()
    assert page.locator("#event-card .type").inner_text() == "ASSAULT"
    _shoot(page, "article", tmp_path)

    # clicking another event's trigger in the text opens that event
    triggers = text.locator(".m-trigger:not(.selected)")
    if triggers.count():
        before = page.url
        triggers.first.click()
        page.wait_for_function(f"location.href !== {before!r}")
        assert text.locator(".m-trigger.selected").count() >= 1


def test_quotes_search_and_open_in_article(page: Any, tmp_path: Path) -> None:
    page.goto("/#/quotes")
    _ready(page, "quotes")
    assert page.locator(".quote-row").count() == 2
    page.fill("#quote-speaker", "syniehubov")
    page.click("#quote-search button")
    page.wait_for_function("document.querySelectorAll('.quote-row').length === 1")
    _shoot(page, "quotes", tmp_path)
    page.locator(".quote-row a.open-article").click()
    _ready(page, "article")
    assert "deliberate strike" in page.locator("#article-text .selected-quote").first.inner_text()


def test_map_and_network_draw(page: Any, tmp_path: Path) -> None:
    page.goto("/#/map")
    _ready(page, "map")
    assert page.locator("#map-chart path.country").count() > 150
    assert page.locator("#map-chart path.country.shade-5").count() >= 1
    dots = page.locator("#map-chart circle.place-dot")
    assert dots.count() == 3  # Kupiansk, Paris, Lima
    _shoot(page, "map", tmp_path)
    page.locator("#map-chart circle.place-dot[data-place='Paris']").click()
    page.wait_for_function("document.querySelectorAll('#place-events .event-row').length === 3")

    page.goto("/#/network")
    _ready(page, "network")
    assert page.locator("#network-chart line.link").count() == 3
    assert page.locator("#network-chart g.node").count() == 5
    _shoot(page, "network", tmp_path)
    page.locator("#network-chart g.node", has_text="Russia").first.click()
    _ready(page, "timeline")
    assert "actor=Russia" in page.url


def test_markup_in_an_article_runs_nothing(page: Any) -> None:
    page.goto("/#/timeline?place=lima")
    _ready(page, "timeline")
    page.locator(".event-row .event-link").first.click()
    _ready(page, "event")
    text = page.locator("#article-text")
    shown = text.inner_text()
    assert "<script>window.__pwned = 'text'</script>" in shown
    assert "onerror=" in shown
    assert "<script>" in page.locator("#article-title").inner_text()
    assert text.locator("script, img").count() == 0
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
