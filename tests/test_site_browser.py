"""The published site in a real browser (Debian's headless Chromium driven by Playwright).

Runs against the site that the test command has just built (``_build/html``), served on 127.0.0.1,
at desktop (1300 px) and phone (390 px) width. Every page is surveyed once per width — what it
loads, how it lays out, what its charts hold — and the tests below check that survey:

- every page loads without console errors or failed requests, and its charts render;
- phones: nothing overflows the main column, tables wrap or become cards with the status first,
  chart toolbars never cover a chart's title or its data;
- no broken output (Python reprs, "—/yr", red stars where no target is charted); charts never draw
  a line across missing years, tick each year once, show bounds as hollow markers, and do not
  magnify a flat or single figure;
- weight: at most 3 MB for any page and 1 MB for a page without charts, the chart library only
  where charts are, no icon script;
- search: the plan's key terms of every action, in Chinese and English, find their chapter first;
- hostile text in every free-text column of the data is shown as text on every page and tooltip.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlparse

import pytest

from analysis.build.book import CHAPTER_ACTIONS, BuildOptions, build, toc
from analysis.pages.keyterms import KEY_TERMS, terms_for_action
from analysis.paths import SITE_DIR

from .hostile import MARK, make_hostile_data

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHAPTERS = [f"book/chapters/action_{a:02d}.html" for a in CHAPTER_ACTIONS]


def toc_pages(entries) -> list[str]:
    """Every file of a table of contents (its chapters and their sections), as a page of the site."""
    out = []
    for entry in entries:
        out.append(f"{entry['file']}.html")
        out += toc_pages(entry.get("sections", []))
    return out


# every page of the book, from the table of contents (none is left out by a list typed here)
BOOK = toc(CHAPTER_ACTIONS)
PAGES = [f"{BOOK['root']}.html", *toc_pages(c for part in BOOK["parts"] for c in part["chapters"]),
         "search.html"]  # fmt: skip
DATA_PAGES = [p for p in PAGES if p.startswith("book/data/")]
WIDTHS = [1300, 390]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
MB = 1_000_000  # any page: 3 MB; a page without charts: 1 MB (the data chapter's too, split in pages)


def serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site():
    if not (SITE_DIR / "index.html").exists():
        pytest.fail("no built site: run `python -m analysis build` (the test command does) first")
    server, url = serve(SITE_DIR)
    yield url
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


def visit(browser, url: str, width: int = 1300):
    """Open a page; return it with the list of problems seen (console errors, failed requests)
    and the size of every response body."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    sizes: dict[str, int] = {}

    def on_response(r):
        if r.status >= 400:
            problems.append(f"HTTP {r.status}: {r.url}")
        try:
            sizes[r.url] = len(r.body())
        except Exception:  # a response without a body (redirect)
            sizes.setdefault(r.url, 0)

    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("response", on_response)
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))",
        timeout=30000,
    )
    page.wait_for_load_state("networkidle")
    return page, problems, sizes


# everything measured on a loaded page, in one pass (JavaScript run in the page)
SURVEY_JS = (Path(__file__).parent / "site_survey.js").read_text(encoding="utf-8").split("\n", 1)[1]


@pytest.fixture(scope="module")
def survey(site, browser):
    """survey(path, width) -> what the page loaded and holds; each page is loaded once a width."""
    cache: dict[tuple[str, int], dict] = {}

    def get(path: str, width: int) -> dict:
        if (path, width) not in cache:
            page, problems, sizes = visit(browser, site + path, width)
            if path == "search.html":
                page.wait_for_timeout(300)
            data = page.evaluate(SURVEY_JS)
            data.update(problems=list(problems), sizes=dict(sizes), url=page.url)
            page.close()
            cache[(path, width)] = data
        return cache[(path, width)]

    return get


# ------------------------------------------------------------------ every page, both widths


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_its_charts_render(survey, path, width):
    s = survey(path, width)
    assert s["problems"] == []
    for chart in s["charts"]:
        assert chart["plot"] is not None, f"chart {chart['id']} of {path} did not render"


# ------------------------------------------------------------------ item 3: phones


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_nothing_overflows_the_main_column(survey, path, width):
    s = survey(path, width)
    assert s["overflow"] <= 1, f"the page scrolls sideways by {s['overflow']}px"
    assert s["article"]["hidden"] <= 1
    for t in s["tables"]:
        assert t["right"] <= s["article"]["right"] + 1, f"a table sticks out of {path}"
        if width < 700:  # a phone reads every table without scrolling it sideways
            assert t["hidden"] <= 1 and t["boxHidden"] <= 1, t
    for c in s["charts"]:
        assert c["chart"]["right"] <= s["article"]["right"] + 1


STATIC_CHARTS = [  # the overview's status map is a table (test_status_map_keeps_action_names…)
    "book/chapters/action_02.html",
    "book/chapters/action_07.html",
    "book/chapters/action_14.html",
]
STATIC_JS = """() => [...document.querySelectorAll('figure.chart-analysis img')].map((img) => {
  const box = img.closest('.chart-scroll'), r = box.getBoundingClientRect();
  return {id: img.closest('figure').id, natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
          boxRight: r.right, scrolls: box.scrollWidth - box.clientWidth,
          hint: getComputedStyle(img.closest('figure').querySelector('.chart-scroll-hint')).display};
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", STATIC_CHARTS)
def test_static_charts_keep_readable_labels_on_phones(site, browser, path, width):
    """The static charts (status map, small multiples): on a phone each keeps most of its own
    pixel size (squeezed to the column its labels were about 4 px high) and scrolls sideways in
    its own box, with a hint; on a desktop it fits the column. The page never scrolls sideways."""
    page, problems, _ = visit(browser, site + path, width)
    charts = page.evaluate(STATIC_JS)
    s = page.evaluate(SURVEY_JS)
    page.close()
    assert problems == [] and charts, path
    assert s["overflow"] <= 1 and s["article"]["hidden"] <= 1
    for c in charts:
        assert c["boxRight"] <= s["article"]["right"] + 1, c
        if width < 700:
            assert (
                c["shown"] >= 0.85 * c["natural"] and c["scrolls"] > 0 and c["hint"] == "block"
            ), c
        else:
            assert c["shown"] <= c["natural"] and c["scrolls"] <= 1 and c["hint"] == "none", c


# After scrolling the status map's box to its right end: where each action's name cell is, which
# element is drawn at its centre (the page scrolled to each row in turn), and the last column's cells.
HEAT_JS = """() => {
  const box = document.querySelector('#analysis-status-heatmap .table-scroll');
  box.scrollLeft = box.scrollWidth;
  const b = box.getBoundingClientRect();
  const names = [...box.querySelectorAll('tbody th.heat-name')].map((th) => {
    const r0 = th.getBoundingClientRect();
    window.scrollBy(0, r0.top + r0.height / 2 - innerHeight / 2);
    const r = th.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const last = th.parentElement.lastElementChild.getBoundingClientRect();
    return {text: th.innerText, left: r.left, right: r.right, width: r.width, onTop: th.contains(hit),
            href: th.querySelector('a')?.getAttribute('href') || null, lastRight: last.right,
            fontSize: parseFloat(getComputedStyle(th.querySelector('.heat-zh')).fontSize)};
  });
  return {scrolls: box.scrollWidth - box.clientWidth, scrollLeft: box.scrollLeft,
          left: b.left, right: b.right, names,
          cells: [...box.querySelectorAll('td.heat-cell')].map((td) => td.textContent)};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_status_map_keeps_action_names_in_view_while_scrolled(site, browser, width):
    """The front page's status map: one row per action of the plan, its name (Chinese, then English)
    as text linked to its chapter. On a phone the counts scroll sideways in the map's own box and,
    scrolled to the right end, every name is still in the box and drawn on top, readable, beside
    the last column; on a desktop the whole map fits the column."""
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.plan import read_plan
    from analysis.data.registry import load_targets

    plan = read_plan()
    table = assess_all(load_targets(), load_dataset())
    page, problems, _ = visit(browser, site + "book/overview.html", width)
    heat = page.evaluate(HEAT_JS)
    s = page.evaluate(SURVEY_JS)
    assert problems == [] and s["overflow"] <= 1
    assert len(heat["names"]) == len(plan)
    if width < 700:
        assert heat["scrolls"] > 0 and heat["scrollLeft"] > 0
    else:
        assert heat["scrolls"] <= 1
    for name, number in zip(heat["names"], sorted(plan), strict=True):
        action = plan[number]
        assert name["text"].index(action.name_zh) < name["text"].index(action.name_en), name
        assert heat["left"] - 1 <= name["left"] and name["right"] <= heat["right"] + 1, name
        assert name["onTop"] and name["width"] >= 100 and name["fontSize"] >= 12, name
        assert name["lastRight"] <= heat["right"] + 1  # the last column is in view beside it
        if number in CHAPTER_ACTIONS:
            assert name["href"] == f"chapters/action_{number:02d}.html", name
            assert page.request.get(urljoin(page.url, name["href"])).ok
    assert sum(int(c) for c in heat["cells"] if c) == 2 * len(table)  # tiers, then statuses
    page.close()


TABLED = ["book/overview.html", "book/data.html", "book/data/figures_02.html",
          "book/data/excluded.html", "book/method.html", *CHAPTERS[:4]]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_phone_tables_read_status_first(survey, path):
    s = survey(path, 390)
    pairs = [t for t in s["tables"] if "table-pairs" in t["cls"]]
    cards = [t for t in s["tables"] if "table-cards" in t["cls"]]
    assert pairs or cards or path not in TABLED  # the pages known to hold tables do
    assert len(pairs) + len(cards) == len(s["tables"])  # every table is laid out for phones
    for t in pairs:
        if t["hasStatusRow"]:
            assert t["firstRow"].startswith(("Status", "状态")), t
    for t in cards:
        for card in t["cards"]:
            if card["hasStatus"]:
                assert card["first"].startswith(("Status", "状态")), card


def _overlap(a, b) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


CHARTED = ["book/overview.html", "book/chapters/action_00.html", "book/chapters/action_02.html",
           "book/chapters/action_12.html"]  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_chart_toolbars_never_cover_titles_or_data(survey, path, width):
    s = survey(path, width)
    assert s["charts"] or path not in CHARTED  # the pages known to hold charts do
    for c in s["charts"]:
        assert c["caption"] and c["captionText"].strip(), f"chart {c['id']} has no title"
        assert c["modebar"] is not None
        assert not _overlap(c["modebar"], c["caption"]), c["id"]
        assert not _overlap(c["modebar"], c["plot"]), c["id"]
        assert c["caption"]["right"] <= s["article"]["right"] + 1  # the title wraps, never cut


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_chart_legends_are_never_cut_at_the_charts_edge(survey, path, width):
    """A legend entry wider than the chart is clipped by plotly (the headline chart's source
    names at 390 px): every entry ends inside its chart."""
    for c in survey(path, width)["charts"]:
        for entry in c["legendEntries"]:
            assert entry["right"] <= c["chart"]["right"] + 1, f"{c['id']}: {entry['text']!r} cut"


# ------------------------------------------------------------------ item 4: broken output

BROKEN = ["IPython.core.display", "object at 0x", "—/yr", "<chart>", "Traceback", "nan%"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_broken_output(survey, path, width):
    text = survey(path, width)["text"]
    assert [b for b in BROKEN if b in text] == []


@pytest.mark.parametrize("path", CHAPTERS)
def test_red_stars_are_explained_only_where_a_target_is_charted(survey, path):
    s = survey(path, 1300)
    stars = [c for c in s["charts"] for t in c["traces"] if t["symbols"] == "star"]
    assert ("red star" in s["text"]) == bool(stars), path


def test_headline_chapter_lists_its_key_terms_instead_of_a_python_object(survey):
    text = survey("book/chapters/action_00.html", 1300)["text"]
    assert "no numbered measures" in text
    assert all(zh in text for zh, _ in terms_for_action(0))


def _line_segments(trace):
    xs = trace["x"] or []
    return [(a, b) for a, b in zip(xs, xs[1:], strict=False) if a is not None and b is not None]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHAPTERS)
def test_charts_never_bridge_missing_years_and_tick_each_year_once(survey, path, width):
    for c in survey(path, width)["charts"]:
        assert len(c["ticks"]) == len(set(c["ticks"])), (c["id"], c["ticks"])
        for t in c["traces"]:
            if "lines" in t["mode"]:
                gaps = [(a, b) for a, b in _line_segments(t) if b - a > 1]
                assert gaps == [], f"{c['id']}: a line crosses the missing years {gaps}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHAPTERS)
def test_bounds_are_hollow_and_flat_figures_are_not_magnified(survey, path, width):
    for c in survey(path, width)["charts"]:
        values = [v for t in c["traces"] for v in (t["y"] or []) if v is not None]
        lo, hi = c["yrange"]
        assert lo <= min(values) and hi >= max(values), c["id"]  # every figure is in view
        if min(values) >= 0 and max(values) - min(values) < 0.05 * max(values):
            assert lo <= 0, f"{c['id']}: a flat figure on an axis of {lo}-{hi}"
        for t in c["traces"]:
            if "lines" not in t["mode"]:  # published figures are the history lines' points
                continue
            symbols = t["symbols"] if isinstance(t["symbols"], list) else None
            for i, label in enumerate(t["labels"]):
                if label and label.startswith(("&gt;", "&lt;", ">", "<", "~")):
                    assert symbols and symbols[i].endswith("-open"), (c["id"], label)
                    assert any("bound" in entry for entry in c["legend"]), c["id"]


@pytest.mark.parametrize("width", WIDTHS)
def test_new_storage_chart_shows_its_bound_figures_honestly(survey, width):
    """Published as "more than 100 / 200 万千瓦": hollow triangles, named in the legend; whole
    years, each once."""
    chart = next(
        c for c in survey("book/chapters/action_02.html", width)["charts"]
        if c["id"] == "a02_new_storage_2025"
    )  # fmt: skip
    assert all(t.isdigit() for t in chart["ticks"]) and len(set(chart["ticks"])) == len(
        chart["ticks"]
    )
    history = chart["traces"][0]
    bounds = [i for i, label in enumerate(history["labels"]) if label and label.startswith("&gt;")]
    assert bounds and all(history["symbols"][i] == "triangle-up-open" for i in bounds)
    assert any("bound" in entry for entry in chart["legend"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", CHAPTERS)
def test_axis_numbers_are_plain_with_thousands_separators(survey, path, width):
    """One rule for every axis: the plan's units, no SI prefixes ("15k 万千瓦" was ambiguous)."""
    for c in survey(path, width)["charts"]:
        for tick in c["yticks"]:
            assert re.fullmatch(r"[−-]?\d{1,3}(,\d{3})*(\.\d+)?", tick), (c["id"], tick)


def test_large_capacities_read_in_full(survey):
    chart = next(
        c for c in survey("book/chapters/action_02.html", 1300)["charts"]
        if c["id"] == "a02_wind_solar_capacity_2030"
    )  # fmt: skip
    assert "15,000" in chart["yticks"] or "16,000" in chart["yticks"], chart["yticks"]


# ------------------------------------------------------------------ item 6: weight


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_weight_and_chart_library_only_where_charts_are(survey, path, width):
    s = survey(path, width)
    total = sum(s["sizes"].values())
    urls = list(s["sizes"])
    plotly = [u for u in urls if "plotly" in u]
    assert not [u for u in urls if "fontawesome.js" in u]  # the icons come from the web font
    if s["charts"]:
        assert total <= 3 * MB, f"{path}: {total / MB:.2f} MB"
        assert len(plotly) == 1 and "plotly-basic" in plotly[0]
    else:
        assert total <= 1 * MB, f"{path}: {total / MB:.2f} MB"
        own = sum(n for u, n in s["sizes"].items() if u.split("?")[0] == s["url"].split("?")[0]
                  or u.split("?")[0].endswith("/searchindex.js"))  # fmt: skip
        assert total - own <= 0.8 * MB, f"{path}: {(total - own) / MB:.2f} MB besides its text"
        assert plotly == []
    if path != "search.html":
        assert not [u for u in urls if "searchindex.js" in u]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path", ["book/chapters/action_02.html", "book/overview.html", "search.html"]
)
def test_icons_come_from_the_cut_down_font(survey, path, width):
    """A glyph missing from the cut-down font would make the browser fetch the theme's full font
    (the same family is declared twice), so fetching only the small one shows every icon is in it."""
    s = survey(path, width)
    icon = s["icon"]
    assert icon and "Font Awesome" in icon["font"] and icon["content"] not in ("", "none")
    fonts = [u for u in s["sizes"] if "webfonts" in u]
    assert fonts and all(u.split("?")[0].endswith("-book.woff") for u in fonts), fonts
    assert sum(s["sizes"][u] for u in fonts) < 20_000


# ------------------------------------------------------------------ item 5: search


def search(browser, site, query: str, width: int = 1300):
    """Search through the site's own search page; return the result links, best first, and the
    page's problems."""
    page, problems, _ = visit(browser, site + "search.html?q=" + quote(query), width)
    page.wait_for_function(
        "document.querySelector('#search-results .search-summary')?.innerText.length > 0",
        timeout=15000,
    )
    if page.locator("ul.search li").count():  # each hit's summary is fetched after the list
        page.wait_for_selector("ul.search li:first-child p.context", timeout=10000)
    hrefs = [a.get_attribute("href") or "" for a in page.locator("ul.search li a").all()]
    summaries = [li.inner_text() for li in page.locator("ul.search li").all()]
    page.close()
    return hrefs, summaries, problems


def _page(href: str) -> str:
    return href.split("#")[0].removesuffix(".html").removeprefix("book/")


# a key term of every action's measures, as the plan writes it (even actions) or in English (odd);
# every term in both languages is checked below through the search page's own functions
QUERIES = [(terms_for_action(a)[0][a % 2], a) for a in CHAPTER_ACTIONS]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("query", "action"), QUERIES)
def test_search_finds_each_actions_terms_in_its_chapter_first(browser, site, query, action, width):
    hrefs, summaries, problems = search(browser, site, query, width)
    assert hrefs, f"nothing found for {query!r}"
    assert _page(hrefs[0]) == f"chapters/action_{action:02d}", hrefs[:3]
    pages = [_page(h) for h in hrefs]
    listing = [i for i, p in enumerate(pages) if p == "data" or p.startswith("data/")]
    if listing:  # the data chapter and its pages of figures list every term's figures
        assert pages.index(f"chapters/action_{action:02d}") < listing[0]
    summary = summaries[0].lower()  # the hit shows the text of its measure, around the term
    assert "key terms" in summary and any(w[:5].lower() in summary for w in query.split())
    assert problems == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("碳排放权交易", "action_10"),  # a phrase on the markets chapter that once found nothing
        ("碳排放权交易市场", "action_10"),  # not an indexed word: split as the index was
        ("数据中心", "action_03"),
        ("新能源汽车", "action_06"),
        ("碳普惠", "action_10"),
        ("近零碳", "action_15"),
        ("发展海上风电", "action_02"),
        ("emissions trading", "action_10"),
        ("green buildings", "action_05"),
        ("mangrove", "action_12"),
        ("wind", "action_02"),
    ],
)
def test_search_answers_the_plans_words_with_their_chapter(browser, site, query, expected):
    hrefs, _, problems = search(browser, site, query, 390)
    assert hrefs and expected in hrefs[0], hrefs[:4]
    assert problems == []


@pytest.mark.parametrize("key", [2, 12, "other"])
def test_search_finds_an_indicators_figures_on_their_page(browser, site, key):
    """The figures moved to pages of their own are still found, by the indicator's name."""
    from analysis.pages.datachapter import figure_pages
    from analysis.pages.datapages import page_name
    from analysis.pages.notebook import open_data

    data, targets = open_data()
    indicator = figure_pages(data, targets, CHAPTER_ACTIONS)[key][0]
    hrefs, _, problems = search(browser, site, data.indicator(indicator)["name_zh"], 390)
    assert any(_page(h) == f"data/{page_name(key)}" for h in hrefs), hrefs[:6]
    assert problems == []


def test_every_key_term_ranks_its_own_chapter_first(browser, site):
    """All 170-odd key terms in both languages, through Sphinx's own search functions."""
    page, problems, _ = visit(browser, site + "search.html")
    page.wait_for_function("typeof Search !== 'undefined' && Search._index !== null")
    terms = [(q, m) for m, pairs in KEY_TERMS.items() for pair in pairs for q in pair]
    firsts = page.evaluate(
        """(queries) => queries.map((q) => {
             const parsed = Search._parseQuery(q);
             const results = Search._performSearch(...parsed);
             return results.length ? results[results.length - 1][0] : null;  // shown first
           })""",
        [q for q, _ in terms],
    )
    owner = {m.number: a.number for a in _plan().values() for m in a.measures} | {0: 0}
    wrong = [
        (q, first) for (q, m), first in zip(terms, firsts, strict=True)
        if first != f"book/chapters/action_{owner[m]:02d}"
    ]  # fmt: skip
    assert wrong == []
    assert problems == []
    page.close()


def _plan():
    from analysis.data.plan import read_plan

    return read_plan()


def test_energy_chapter_has_interactive_charts_with_data_links(site, browser):
    page, _, _ = visit(browser, site + "book/chapters/action_02.html")
    assert page.locator(".plotly-graph-div").count() >= 5
    links = page.locator("p.chart-data a")
    assert links.count() >= 5
    response = page.request.get(urljoin(page.url, links.first.get_attribute("href")))
    assert response.ok and response.text().startswith("indicator,region,year,date,value")
    page.close()


def test_chart_tooltip_shows_value_unit_and_source(site, browser):
    page, _, _ = visit(browser, site + "book/chapters/action_02.html", 390)
    text = hover_first_point(page, "a02_wind_solar_capacity_2030")
    assert "万千瓦" in text and "来源 source" in text
    page.close()


def hover_first_point(page, div_id: str, trace: int = 0) -> str:
    page.evaluate(
        "([id, t]) => Plotly.Fx.hover(document.getElementById(id), [{curveNumber: t, pointNumber: 0}])",
        [div_id, trace],
    )
    page.wait_for_selector(f"#{div_id} .hoverlayer .hovertext", timeout=5000)
    return page.locator(f"#{div_id} .hoverlayer .hovertext").first.text_content()


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


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_reads_at_phone_and_desktop_width(survey, width):
    s = survey("book/overview.html", width)
    assert s["text"].lstrip().startswith("广东是否在碳达峰的轨道上？")
    assert s["overflow"] <= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_answers_first_with_a_strip_the_co2_chart_and_the_data_date(
    site, browser, width
):
    """The verdict box comes first, Chinese before English, with a rating from the rule; then one
    strip row per action with targets, each linked to its chapter; the CO2 chart on both sources;
    and the date of the data."""
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.frontpage import RATINGS, rating

    table = assess_all(load_targets(), load_dataset())
    page, problems, _ = visit(browser, site + "book/overview.html", width)
    box = page.locator(".verdict")
    assert box.count() == 1 and problems == []
    expected = rating(table)
    assert box.locator(".verdict-rating").inner_text() == f"{RATINGS[expected]} · {expected}"
    zh, en = box.locator(".verdict-zh").inner_text(), box.locator(".verdict-en").inner_text()
    assert zh.startswith("广东") and en.startswith(f"Guangdong is {expected}")
    assert box.bounding_box()["y"] < page.locator(".strip-row").first.bounding_box()["y"]
    rows = page.locator(".strip-row")
    assert rows.count() == table["action"].nunique()
    blocks = page.locator(".strip-block")
    assert blocks.count() == len(table)
    for i in range(rows.count()):
        href = rows.nth(i).locator("a").get_attribute("href")
        assert re.fullmatch(r"chapters/action_\d\d\.html", href), href
        assert page.request.get(urljoin(page.url, href)).ok
    charts = page.locator(".plotly-graph-div")
    assert charts.count() == 1  # the headline CO2 chart, both sources as separate lines
    assert page.evaluate("document.querySelector('.plotly-graph-div').data.length") >= 2
    text = page.inner_text("main")
    assert "数据截至" in text and "Data as of" in text and "data vintage" in text.lower()
    assert box.bounding_box()["x"] >= 0 and box.bounding_box()["width"] <= width
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_apostrophes_in_english_text_are_not_full_width(site, browser, width):
    """'plan’s' drawn by a CJK font takes a full em for the apostrophe ("plan ’ s")."""
    page, _, _ = visit(browser, site + "book/chapters/action_02.html", width)
    ratio = page.evaluate(
        """() => {
          const walker = document.createTreeWalker(document.querySelector('.bd-article'), NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const i = node.data.search(/[A-Za-z][’'][a-z]/);
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(node, i + 1); range.setEnd(node, i + 2);
            const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
            return range.getBoundingClientRect().width / size;
          }
          return null;
        }"""
    )
    page.close()
    assert ratio is not None and ratio < 0.45, f"an apostrophe takes {ratio:.2f} em"


# ------------------------------------------------------------------ item 7: hostile data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The book built from a data folder with hostile text in every free-text column."""
    root = tmp_path_factory.mktemp("hostile-site")
    data = make_hostile_data(root / "data")
    opts = BuildOptions(data_dir=data, actions=[0, 2, 12], site_dir=root / "html",
                        book_dir=root / "book")  # fmt: skip
    opts.log = lambda *_: None
    build(opts)
    server, url = serve(root / "html")
    yield url
    server.shutdown()


HOSTILE_PAGES = ["book/overview.html", "book/data.html", "book/changelog.html", "book/method.html",
                 "book/data/figures_02.html", "book/data/figures_other.html",
                 "book/data/excluded.html", "book/chapters/action_00.html",
                 "book/chapters/action_02.html", "book/chapters/action_12.html"]  # fmt: skip
INJECTED_JS = """() => ({
  scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes("alert('")).length,
  handlers: document.querySelectorAll('[onerror], img[src="x"]').length,
  links: [...document.querySelectorAll('a[href^="javascript"]')].length,
  bold: [...document.querySelectorAll('strong, b, em, sub')]
    .filter((e) => /^(bold|b|c|link)$/.test(e.textContent)).length,
  shown: document.body.innerText.includes("HOSTILE7<script>alert('s')</script>"),
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_data_is_shown_as_text_on_every_page(hostile_site, browser, path, width):
    page, problems, _ = visit(browser, hostile_site + path, width)
    found = page.evaluate(INJECTED_JS)
    page.close()
    assert [p for p in problems if p.startswith("dialog")] == []  # no script ran
    assert found["scripts"] == 0 and found["handlers"] == 0 and found["links"] == 0
    assert found["bold"] == 0
    if path in ("book/data.html", "book/data/figures_02.html", "book/chapters/action_02.html"):
        assert found["shown"]  # and the reader sees the text as it is


def test_hostile_data_in_chart_tooltips_and_titles_is_text(hostile_site, browser):
    page, problems, _ = visit(browser, hostile_site + "book/chapters/action_02.html")
    text = hover_first_point(page, "a02_wind_solar_capacity_2030")
    tip = page.locator("#a02_wind_solar_capacity_2030 .hoverlayer")
    assert MARK in text and "<script>" in text  # the publisher's name, as text
    assert tip.locator("b, img, script").count() == 0
    captions = page.locator("figure.chart figcaption")
    assert any(MARK in captions.nth(i).inner_text() for i in range(captions.count()))
    assert page.locator("figure.chart figcaption img, figure.chart figcaption b").count() == 0
    assert [p for p in problems if p.startswith("dialog")] == []
    page.close()


def test_hostile_data_in_search_results_is_text(hostile_site, browser):
    page, problems, _ = visit(browser, hostile_site + "search.html?q=" + quote(MARK))
    page.wait_for_selector("ul.search li", timeout=15000)
    page.wait_for_timeout(500)
    results = page.locator("ul.search")
    assert results.locator("li").count() >= 3  # the data, chapters and overview hold it
    assert results.locator("img, script, b, strong").count() == 0
    assert [p for p in problems if p.startswith("dialog")] == []
    page.close()


def test_search_shows_section_titles_as_text(site, browser):
    """Sphinx puts section titles into result links as HTML; today's data headings are rubrics
    (not in the index), so feed the search page an index with a hostile section title."""
    page, problems, _ = visit(browser, site + "search.html")
    page.wait_for_function("typeof Search !== 'undefined' && Search._index !== null")
    title = "电力 <img src=x onerror=alert('t')> title"
    page.evaluate(
        "(t) => { Search.setIndex({...Search._index, alltitles: {[t]: [[0, null]]}});"
        "         Search.performSearch(t); }",
        title,
    )
    page.wait_for_selector("ul.search li", timeout=15000)
    page.wait_for_timeout(300)
    links = page.locator("ul.search li a")
    assert any("<img src=x" in links.nth(i).inner_text() for i in range(links.count()))
    assert page.locator("ul.search img").count() == 0
    assert problems == []
    page.close()


# where the magnifier glyph ends and where typed text starts, in every visible search box
SEARCH_BOX_JS = """() => [...document.querySelectorAll('form.bd-search')]
  .filter(f => f.getClientRects().length && f.querySelector('input').getClientRects().length)
  .map(f => {
    const icon = f.querySelector('.fa-magnifying-glass, svg').getBoundingClientRect();
    const input = f.querySelector('input');
    const box = input.getBoundingClientRect();
    return {icon_right: icon.right, text_left: box.left + parseFloat(getComputedStyle(input).paddingLeft),
            icon_width: icon.width};
  })"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where", ["search.html", "book/overview.html"])
def test_the_search_icon_never_covers_the_typed_text(site, browser, where, width):
    """The search page's box and the search dialog of a page (opened from its search button); its
    placeholder reads Chinese first."""
    page, problems, _ = visit(browser, site + where, width)
    if where != "search.html":
        page.locator(
            "button.search-button:visible, button.search-button-field:visible"
        ).first.click()
    box = page.locator("form.bd-search input:visible").first
    placeholder = box.get_attribute("placeholder") or ""
    box.type("碳排放权交易")
    boxes = page.evaluate(SEARCH_BOX_JS)
    page.close()
    assert boxes, f"{where}: no visible search box"
    assert re.match(r"[\u4e00-\u9fff]", placeholder), (
        f"placeholder not Chinese first: {placeholder!r}"
    )
    for b in boxes:
        assert b["icon_width"] > 0, f"{where}: the magnifier is not drawn"
        assert b["icon_right"] <= b["text_left"], f"{where} at {width} px: icon over the text {b}"
    assert problems == []


# every search control a reader can see: the theme's search buttons and fields, and search boxes
# outside the search dialog (the search page's own box)
SEARCH_CONTROLS_JS = """() => [...document.querySelectorAll(
    'button.search-button, button.search-button-field, form.bd-search')]
  .filter(el => !el.closest('dialog') && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}))
  .map(el => { const r = el.getBoundingClientRect();
               return {cls: el.className, left: r.left, right: r.right, top: r.top, width: r.width}; })
  .filter(c => c.width > 0)"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path", ["book/overview.html", "book/chapters/action_09.html", "book/method.html"]
)
def test_exactly_one_search_control_is_shown_and_it_searches(site, browser, path, width):
    """The theme once drew a second search field in a header bar above the sidebar's (1300 px).
    One control on every page and width, inside the window; it opens the search box, and a query
    typed there lands on the search page with results."""
    page, problems, _ = visit(browser, site + path, width)
    controls = page.evaluate(SEARCH_CONTROLS_JS)
    assert len(controls) == 1, f"{path} at {width} px: {controls}"
    assert 0 <= controls[0]["left"] and controls[0]["right"] <= width and controls[0]["top"] >= 0
    page.locator("button.search-button:visible, button.search-button-field:visible").click()
    box = page.locator("form.bd-search input:visible")
    assert box.count() == 1
    box.fill("碳排放权交易")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    page.wait_for_selector("ul.search li a", timeout=15000)
    assert page.locator("ul.search li a").count() >= 1
    assert problems == []
    page.close()
