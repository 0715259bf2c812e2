"""The data chapter in pages: every figure and every other reading is on exactly one page of the
built site, the data page links each indicator to it, and which page follows from the registry and
the catalogue (an indicator is on the page of the first action whose targets or context use it)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from analysis.build.book import CHAPTER_ACTIONS, toc
from analysis.pages.datachapter import anchor, figure_pages, home_actions
from analysis.pages.datapages import FOLDER, OTHER, page_keys, page_name, sub_pages
from analysis.pages.notebook import open_data
from analysis.paths import SITE_DIR


@pytest.fixture(scope="module")
def inputs():
    return open_data()


def test_every_indicator_with_figures_or_readings_is_on_exactly_one_page(inputs):
    data, targets = inputs
    pages = figure_pages(data, targets, CHAPTER_ACTIONS)
    assert list(pages) == page_keys(CHAPTER_ACTIONS)
    shown = Counter(i for ids in pages.values() for i in ids)
    wanted = set(data.series["indicator"]) | set(data.alternatives["indicator"])  # every region
    assert set(shown) == wanted and set(shown.values()) == {1}


def test_an_indicator_is_on_the_page_of_the_first_action_that_uses_it(inputs):
    data, targets = inputs
    home = home_actions(data, targets, CHAPTER_ACTIONS)
    for t in targets.itertuples():
        if t.indicator in home:
            assert home[t.indicator] != OTHER and home[t.indicator] <= t.action, t.id
    for ind in data.indicators.itertuples():
        for action in map(int, ind.context_for.split()):
            assert home[ind.id] <= action, ind.id
    # a part of a derived indicator goes with what it is part of (GDP with CO2 per GDP)
    parts = data.indicators[data.indicators["derived_from"] != ""]
    for whole in parts.itertuples():
        for part in re.split(r"[+*/-]", whole.derived_from):
            part = part.strip()
            if part in home and home[whole.id] != OTHER:
                assert home[part] != OTHER and home[part] <= home[whole.id], (part, whole.id)


def test_a_book_of_some_chapters_puts_the_rest_on_the_other_page(inputs):
    data, targets = inputs
    every = figure_pages(data, targets, CHAPTER_ACTIONS)
    some = figure_pages(data, targets, [0, 2, 12])
    assert list(some) == [0, 2, 12, OTHER]
    assert sorted(i for ids in some.values() for i in ids) == sorted(
        i for ids in every.values() for i in ids
    )
    assert set(every[4]) <= set(some[OTHER]) | set(some[0]) | set(some[2]) | set(some[12])


def test_the_table_of_contents_lists_every_data_page():
    [method_and_data] = [p for p in toc(CHAPTER_ACTIONS)["parts"] if "Method" in p["caption"]]
    [data] = [c for c in method_and_data["chapters"] if c["file"] == "book/data"]
    assert [s["file"] for s in data["sections"]] == [
        f"book/{p}" for p in sub_pages(CHAPTER_ACTIONS)
    ]


def _built(relative: str) -> str:
    path = SITE_DIR / "book" / relative
    if not path.exists():
        pytest.fail(f"no built site page {path}: the test command builds the site first")
    return path.read_text(encoding="utf-8")


def _rows(html: str) -> int:
    return len(re.findall(r"<tr\b", html.split('<div class="bd-article', 1)[-1])) - len(
        re.findall(r"<thead", html)
    )


def test_the_built_pages_hold_every_figure_and_reading_once_with_a_link_from_the_data_page(inputs):
    data, targets = inputs
    pages = figure_pages(data, targets, CHAPTER_ACTIONS)
    hub = _built("data.html")
    rows = 0
    for key, indicators in pages.items():
        html = _built(f"{FOLDER}/{page_name(key)}.html")
        for indicator in indicators:
            assert html.count(f'id="{anchor(indicator)}"') == 1, indicator
            assert f'href="{FOLDER}/{page_name(key)}.html#{anchor(indicator)}"' in hub, indicator
        rows += _rows(html)
    assert rows == len(data.series) + len(data.alternatives)  # every figure, every reading
    assert f'href="{FOLDER}/excluded.html"' in hub
    excluded = _built(f"{FOLDER}/excluded.html")
    import pandas as pd

    from analysis.paths import DATA_DIR

    assert _rows(excluded) == len(pd.read_csv(DATA_DIR / "import_excluded.csv", dtype=str))
