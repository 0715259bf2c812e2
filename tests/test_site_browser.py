"""The published site in a real browser (Debian's headless Chromium driven by Playwright).

Runs against the site that the test command has just built (``_build/html``), served on 127.0.0.1:
every page loads without console errors or failed requests, every interactive chart renders, the
search finds Chinese and English terms, and every internal link resolves.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from analysis.build import CHAPTER_ACTIONS
from analysis.paths import SITE_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["book/overview.html", "book/method.html", "book/data.html",
         *[f"book/chapters/action_{a:02d}.html" for a in CHAPTER_ACTIONS]]  # fmt: skip
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def site():
    if not (SITE_DIR / "index.html").exists():
        pytest.fail("no built site: run `python -m analysis build` (the test command does) first")
    handler = functools.partial(QuietHandler, directory=str(SITE_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not installed: the test command installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def visit(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))",
        timeout=20000,
    )
    return page, problems


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_its_charts_render(site, browser, path):
    page, problems = visit(browser, site + path)
    charts = page.locator(".plotly-graph-div")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        assert charts.nth(i).locator(".main-svg").count() >= 1, (
            f"chart {i} of {path} did not render"
        )
    assert problems == []
    page.close()


def test_energy_chapter_has_interactive_charts_with_data_links(site, browser):
    page, _ = visit(browser, site + "book/chapters/action_02.html")
    assert page.locator(".plotly-graph-div").count() >= 5
    links = page.locator("p.chart-data a")
    assert links.count() >= 5
    response = page.request.get(urljoin(page.url, links.first.get_attribute("href")))
    assert response.ok and response.text().startswith("indicator,region,year,date,value")
    page.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("海上风电", "action_02"),
        ("森林覆盖率", "action_12"),
        ("mangrove", "action_12"),
        ("wind", "action_02"),
    ],
)
def test_search_finds_the_right_chapter(site, browser, query, expected):
    page, problems = visit(browser, site + f"search.html?q={query}")
    page.wait_for_selector("ul.search li", timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.locator("ul.search li a").all()]
    assert any(expected in (h or "") for h in hrefs), hrefs
    assert problems == []
    page.close()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if tag in ("a", "link", "script", "img") and attrs.get(key):
                self.hrefs.append(attrs[key])


def test_every_internal_link_resolves():
    missing = []
    for page in SITE_DIR.rglob("*.html"):
        if page.relative_to(SITE_DIR).parts[0] in ("_static", "_sources"):
            continue  # theme templates and page sources, not pages
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            target = urlparse(href)
            if target.scheme or target.netloc or href.startswith(("#", "mailto:", "javascript:")):
                continue
            path = (page.parent / unquote(target.path)).resolve() if target.path else page
            if target.path.endswith("/"):
                path = path / "index.html"
            if not path.exists():
                missing.append(f"{page.relative_to(SITE_DIR)} -> {href}")
    assert missing == []


@pytest.mark.parametrize("width", [390, 1280])
def test_front_page_reads_at_phone_and_desktop_width(site, browser, width, tmp_path):
    page, problems = visit(browser, site + "book/overview.html", width=width)
    assert page.locator("h1").first.inner_text().startswith("Overview")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 2, f"page scrolls sideways by {overflow}px at {width}px"
    page.screenshot(path=str(tmp_path / f"front-{width}.png"), full_page=False)
    assert problems == []
    page.close()
