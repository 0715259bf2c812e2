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

from analysis.assess.targets import assess_all, assess_target
from analysis.data.loader import load_dataset
from analysis.data.proxies import load_proxies
from analysis.data.registry import load_targets
from analysis.pages import chapter as C
from analysis.pages import datachapter as D
from analysis.pages import interactive as I
from analysis.pages.coverage import coverage_table, data_wanted
from analysis.pages.hindcast import hindcast, table_markdown
from analysis.pages.markup import (
    Md,
    code,
    html_table,
    html_text,
    markdown_table,
    md,
    md_code,
    wrap_html,
)
from analysis.pages.notebook import open_chapter, peak_summary, related_targets_text

from .hostile import HOSTILE, MARK, live_markup, make_hostile_data, shown_literally

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


def test_an_html_table_shows_data_as_text_and_composed_markup_as_markup():
    """The long tables of figures are written as HTML; the page must read as the Markdown table
    did: hostile cells literal, composed cells (links, code, line breaks) live, one HTML block."""
    table = html_table(
        ["年 Year", "来源 Source"],
        [[HOSTILE, Md(f"[统计公报](https://example.org) {code('series.csv')}<br>{md(HOSTILE)}")]],
    )
    page = render(table)
    assert live_markup(page) == [] and shown_literally(page)
    assert (
        '<a href="https://example.org">统计公报</a>' in page and "<code>series.csv</code>" in page
    )
    assert "<br>" in page and "\n\n" not in table  # no blank line: Markdown keeps one HTML block
    assert page.count("<tr") == 2 and page.count("<td>") == 2
    # one cell a line: the search index, which strips the tags, keeps neighbouring cells apart
    assert all(line.count("<td") <= 1 for line in table.splitlines())
    assert "'" in render(html_table(["x"], [["plan's"]]))  # no &#x27; for the index to keep


def test_backtick_spans_in_a_reason_become_code_and_nothing_becomes_markup():
    html = render(md_code("add rows (`python -m analysis wanted`) for **x**"))
    assert "<code>python -m analysis wanted</code>" in html and "`" not in html
    assert "<strong>" not in html and "**x**" in html
    hostile = render(md_code(f"`{HOSTILE}` and {HOSTILE}"))
    assert live_markup(hostile) == [] and shown_literally(hostile)
    assert render(md_code("one ` backtick")).strip() == "<p>one ` backtick</p>"  # unpaired: literal


def test_table_cells_are_escaped_unless_composed_as_markup():
    html = render(markdown_table(["a", "b"], [[HOSTILE, Md("**ok** | `x`")]]))
    assert live_markup(html) == [] and shown_literally(html)
    assert "<strong>ok</strong>" in html and "<code>x</code>" in html  # trusted markup stays
    assert html.count("<td>") == 2  # neither pipe split a cell
    assert code("a`b") == "`ab`"


def test_chart_labels_are_escaped_and_wrapped():
    assert "<" not in html_text("<b>x</b>") and "&lt;b&gt;" in html_text("<b>x</b>")
    lines = wrap_html("广东省统计局 " * 10, width=20).split("<br>")
    assert len(lines) > 2 and all(len(line) <= 20 for line in lines)


def test_every_page_block_shows_hostile_data_as_text(hostile):
    folder, data = hostile
    targets = load_targets(indicators=data.indicators)
    table = assess_all(targets, data)
    coverage = coverage_table(targets, data, table)
    blocks = [
        D.indicators_table(data),
        D.breaks_table(data),
        D.readings_summary(data, D.figure_pages(data, targets, list(range(16)))),
        D.indicators_table(data, D.figure_pages(data, targets, list(range(16)))),
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
    for key, ids in D.figure_pages(data, targets, list(range(16))).items():
        blocks.append(D.figures_intro(key, ids, data))
        blocks += [D.figures_section(data, i) for i in ids]
    for action in (0, 2, 4, 12):
        ch = open_chapter(action, folder)
        for (_, t), a in zip(ch.targets.iterrows(), ch.assessments, strict=True):
            blocks += [C.target_heading(t), C.target_section(t, a, data)]
            indicator, region = I.evidence_series(t, a)
            if indicator:
                blocks.append(C.readings_note(indicator, region, data))
        if action == 0:
            blocks.append(peak_summary(ch))
    blocks += [C.source_text(s, data) for s in data.sources["id"]]
    shown = 0
    for block in blocks:
        html = render(block)
        assert live_markup(html) == [], block[:300]
        shown += shown_literally(html)
    assert shown >= len(data.indicators)  # the hostile text is there, as text


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def test_every_chart_escapes_hostile_data_and_keeps_it_out_of_templates(hostile):
    folder, data = hostile
    figures = []
    for action in (0, 2, 4, 12):  # target charts, proxies among them
        ch = open_chapter(action, folder)
        for (_, t), a in zip(ch.targets.iterrows(), ch.assessments, strict=True):
            indicator, region = I.evidence_series(t, a)
            if indicator and (
                len(data.observations(indicator, region))
                or len(data.dated_points(indicator, region))
            ):
                figures.append(I.target_figure(t, a, data, ch.settings))
    for ind in data.indicators.itertuples():
        obs = data.observations(ind.id)
        if len(obs) >= 2:
            figures.append(I.context_figure(ind.name_zh, ind.name_en, ind.unit, obs, data))
    assert len(figures) > 20
    seen = 0
    for fig in figures:
        page = I.to_html(fig, "chart")
        caption = page[: page.index("</figcaption>")]
        assert live_markup(caption) == []
        assert "title_zh" not in page  # the raw caption text stays in Python, escaped above
        spec = {"data": fig["data"], "layout": dict(fig["layout"])}
        spec["layout"].pop("meta", None)
        for trace in spec["data"]:
            assert MARK not in trace.get("hovertemplate", "")  # data never becomes a template
        for text in _strings(spec):
            if MARK in text:
                seen += 1
                assert "<" not in text.replace("<br>", ""), text
    assert seen > 20


def test_an_indicators_note_in_both_languages_is_shown_as_text(hostile):
    """Under an indicator's heading, note_zh (with the hostile text) is the Chinese paragraph and
    note the English one: each shows the hostile text literally."""
    _, data = hostile
    ind = next(i for i in data.indicators.itertuples() if i.id == "non_fossil_share_energy")
    _heading, zh, en = D.indicator_heading(ind).split("\n\n")
    # the real notes come before the hostile text
    assert "外省输入电力" in zh and "other provinces" in en
    for paragraph in (zh, en):
        html = render(paragraph)
        assert live_markup(html) == [] and shown_literally(html)


def test_repository_registers_are_escaped_too():
    """targets.csv and proxies.csv always come from the repository; their text is escaped anyway."""
    t = load_targets().iloc[0].copy()
    t["quote_zh"], t["summary_en"] = HOSTILE, HOSTILE
    assert live_markup(render(C.target_heading(t))) == []
    assert load_proxies() and live_markup(render(D.proxies_table())) == []
    # a target's notes are shown where the plan gives no number: in the target cell and the reason
    targets = load_targets()
    t = targets[targets["comparator"] == "unquantified"].iloc[0].copy()
    t["note_zh"], t["note"] = "中文说明" + HOSTILE, "English note" + HOSTILE
    data = load_dataset()
    cell, section = C.target_cell(t), C.target_section(t, assess_target(t, data), data)
    for block, times in ((cell, 1), (section, 2)):  # the section: the target cell and the reason
        html = render(block)
        assert live_markup(html) == [] and shown_literally(html)
        assert html.count("中文说明 " + MARK) == html.count("English note " + MARK) == times
