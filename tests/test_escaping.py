"""Text from data files is shown as text: in every table, heading and paragraph, and in every chart.

Pages are rendered with the same MyST parser (and extensions) as the book; charts are checked in
the figure data that plotly.js draws. The built site with the same hostile data is checked in a
real browser in test_site_browser.py.
"""

from __future__ import annotations

import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from analysis import chapter as C
from analysis import datachapter as D
from analysis.assess import assess_all
from analysis.coverage import PROXIES, coverage_table, data_wanted
from analysis.hindcast import hindcast, table_markdown
from analysis.loader import load_dataset
from analysis.markup import Md, code, markdown_table, md
from analysis.notebook import open_chapter, related_targets_text
from analysis.registry import load_targets

from .hostile import HOSTILE, live_markup, make_hostile_data, shown_literally

PARSER = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "linkify"}), RendererHTML
)


def render(markdown: str) -> str:
    return PARSER.render(markdown)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = make_hostile_data(tmp_path_factory.mktemp("hostile") / "data")
    return folder, load_dataset(folder)


def test_md_shows_every_markup_character_literally():
    html = render(md(HOSTILE))
    assert live_markup(html) == [] and shown_literally(html)
    assert "\n" not in md("a\nb")  # a value never starts a new Markdown block
    assert render(md("x | y")).strip() == "<p>x | y</p>"


def test_table_cells_are_escaped_unless_composed_as_markup():
    html = render(markdown_table(["a", "b"], [[HOSTILE, Md("**ok** | `x`")]]))
    assert live_markup(html) == [] and shown_literally(html)
    assert "<strong>ok</strong>" in html and "<code>x</code>" in html  # trusted markup stays
    assert html.count("<td>") == 2  # neither pipe split a cell
    assert code("a`b") == "`ab`"


def test_every_page_block_shows_hostile_data_as_text(hostile):
    folder, data = hostile
    targets = load_targets(indicators=data.indicators)
    table = assess_all(targets, data)
    coverage = coverage_table(targets, data, table)
    blocks = [
        D.indicators_table(data),
        D.breaks_table(data),
        D.alternatives_table(folder),
        D.excluded_table(folder),
        D.coverage_markdown(coverage),
        D.wanted_markdown(data_wanted(coverage, targets)),
        D.proxies_table(),
        related_targets_text(folder),
        table_markdown(hindcast(data, 2015, 2020)),
        C.summary_table(targets, table),
    ]
    for ind in data.indicators.itertuples():
        blocks.append(D.indicator_heading(ind))
        if not data.observations(ind.id).empty:
            blocks.append(D.figures_table(data, ind.id))
    for action in (0, 2, 4, 12):
        ch = open_chapter(action, folder)
        for (_, t), a in zip(ch.targets.iterrows(), ch.assessments, strict=True):
            blocks += [C.target_heading(t), C.target_section(t, a, data)]
    shown = 0
    for block in blocks:
        html = render(block)
        assert live_markup(html) == [], block[:300]
        shown += shown_literally(html)
    assert shown >= len(data.indicators)  # the hostile text is there, as text


def test_proxies_are_registered_with_text_only():
    for p in PROXIES:
        assert render(md(p.derivation)).count("<") == 2  # only the paragraph tags
