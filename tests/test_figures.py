"""Figures: Chinese text with a real CJK font (no tofu boxes), one axis rule (plain numbers with
thousands separators, whole years), gaps of missing years left open, bounds drawn hollow, and a
flat or single figure on an axis from zero — in the interactive charts and the static ones."""

from __future__ import annotations

import json
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.offline
from matplotlib import font_manager

from analysis.assess.targets import assess_target
from analysis.data.loader import load_dataset
from analysis.data.registry import load_targets
from analysis.pages import interactive as I
from analysis.pages.figures import (
    cjk_font_family,
    gapped,
    plain_number_axes,
    png_bytes,
    use_cjk_font,
)
from analysis.pages.site import PLOTLY_JS, STATIC


def test_a_cjk_font_is_installed_and_resolves_without_fallback():
    family = cjk_font_family()
    path = font_manager.findfont(family, fallback_to_default=False)
    assert "CJK" in path or "Han" in path


def test_a_static_chart_draws_every_chinese_glyph():
    use_cjk_font()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.plot([2020, 2025], [5000, 7400], label="风电和光伏发电装机容量 目标")
        ax.set_title("广东省碳达峰实施方案（粤府〔2022〕56号）")
        ax.legend()
        png = png_bytes(fig)
    plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000


def valid(chart: dict) -> go.Figure:
    """The chart as plotly.py's figure object, which refuses any property plotly.js does not know."""
    return go.Figure(chart)


def _plotly_json(chart) -> dict:
    return json.loads(plotly.io.to_json(chart, validate=False))


def test_every_chart_the_book_draws_is_exactly_what_plotly_would_send():
    """The charts are written as plain dictionaries (no validation at build time): each one, for
    every target with figures and every context series, is a valid plotly figure, and plotly.py's
    own validated version of it sends the browser the same JSON (bar plotly.py's default template)."""
    data = load_dataset()
    targets = load_targets()
    charts = [I.co2_sources_figure(data)]
    for _, t in targets.iterrows():
        a = assess_target(t, data)
        indicator, region = I.evidence_series(t, a)
        if indicator and len(data.observations(indicator, region)):
            charts.append(I.target_figure(t, a, data))
    for ind in data.indicators.itertuples():
        obs = data.observations(ind.id)
        if len(obs) >= 2 and ind.context_for:
            charts.append(I.context_figure(ind.name_zh, ind.name_en, ind.unit, obs, data))
    assert len(charts) > 30
    kinds = {tr["type"] for c in charts for tr in c["data"]}
    assert kinds <= I.TRACE_TYPES
    for chart in charts:
        checked = _plotly_json(valid(chart))
        checked["layout"].pop("template")
        assert checked == _plotly_json(chart)


def _target(target_id: str):
    data = load_dataset()
    t = load_targets().set_index("id").loc[target_id].copy()
    t["id"] = target_id
    return t, assess_target(t, data), data


GAPPY = pd.DataFrame({"year": [2005, 2010, 2011, 2020], "value": [3.0, 4.0, 4.5, 6.0],
                      "qualifier": ["", "", "", ""], "source_id": ["s"] * 4})  # fmt: skip


def test_lines_break_at_missing_years():
    years, values = gapped(GAPPY)
    assert np.isnan(values).sum() == 2  # after 2005 and after 2011
    xs, ys = I.with_gaps(GAPPY["year"], GAPPY["value"].tolist())
    assert xs == [2005, None, 2010, 2011, None, 2020] and ys[1] is None
    fig = valid(I.context_figure("名称", "name", "万吨", GAPPY))
    assert list(fig.data[0].x) == xs


def test_static_axes_read_plain_numbers_and_whole_years():
    fig, ax = plt.subplots()
    ax.plot([2015, 2018, 2021, 2024], [1200.0, 4000.0, 9000.0, 14500.0])
    plain_number_axes(ax)
    fig.canvas.draw()
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert any("," in x for x in labels) and not any("e" in x or "k" in x for x in labels)
    assert ax.yaxis.get_offset_text().get_text() == ""
    years = [x.get_text() for x in ax.get_xticklabels() if x.get_text()]
    assert years == sorted(set(years)) and all(y.lstrip("−-").isdigit() for y in years)
    plt.close(fig)


def test_a_single_bound_figure_is_hollow_and_not_magnified():
    one = pd.DataFrame({"year": [2024], "value": [200.0], "qualifier": [">"]})
    fig = valid(I.context_figure("新型储能装机容量", "storage", "万千瓦", one))
    assert list(fig.data[0].marker.symbol) == ["triangle-up-open"]
    assert any("bound" in (tr.name or "") for tr in fig.data)
    assert fig.layout.yaxis.rangemode == "tozero"  # not an axis of 199-201
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == "d"
    flat, ax = plt.subplots()
    ax.plot([2020, 2021], [200, 201])
    plain_number_axes(ax)
    assert ax.get_ylim()[0] == 0  # the static charts follow the same rule
    plt.close(flat)


def test_bound_figures_of_a_target_are_hollow():
    t, a, data = _target("a02_new_storage_2025")  # figures published as "more than …"
    fig = valid(I.target_figure(t, a, data))
    history = fig.data[0]
    qualifiers = data.observations("installed_capacity_new_storage")["qualifier"].tolist()
    assert [s.endswith("-open") for s in history.marker.symbol] == [q != "" for q in qualifiers]
    assert any("bound" in (tr.name or "") for tr in fig.data)


def test_interactive_axes_have_no_si_prefixes_and_the_title_is_a_caption():
    t, a, data = _target("a02_wind_solar_capacity_2030")
    fig = valid(I.target_figure(t, a, data))
    assert fig.layout.yaxis.exponentformat == "none" and fig.layout.yaxis.separatethousands
    assert not fig.layout.title.text  # the caption carries it: a toolbar can never cover it
    page = I.to_html(I.target_figure(t, a, data), t["id"], t["indicator"])
    assert page.startswith('<figure class="chart"><figcaption') and "风电和光伏发电装机容量" in page
    assert "进展顺利 on track" in page.split("</figcaption>")[0]


def test_the_site_bundle_draws_every_trace_type_and_matches_plotly():
    """The vendored basic bundle is the plotly.js version the Python plotly embeds, and the book
    draws no trace type the bundle lacks."""
    bundle = (STATIC / PLOTLY_JS).read_text(encoding="utf-8")[:300]
    assert f"v{plotly.offline.get_plotlyjs_version()}" in bundle and "basic" in bundle
    assert (STATIC / PLOTLY_JS).with_name("LICENSE").exists()
    assert I.TRACE_TYPES <= {"scatter", "bar", "pie"}  # what plotly.js-basic-dist holds
    t, a, data = _target("a00_co2_peak_2030")
    figures = [
        valid(I.target_figure(t, a, data)),
        valid(I.context_figure("名称", "name", "万吨", GAPPY)),
    ]
    assert {tr.type for f in figures for tr in f.data} <= I.TRACE_TYPES


def test_the_headline_chart_names_its_red_line_as_the_plan_does():
    """The dotted line at 2030 on the front page's CO2 chart says what it is, in both languages."""
    fig = valid(I.co2_sources_figure(load_dataset()))
    [line] = [s for s in fig.layout.shapes if s.x0 == 2030 and s.line.dash == "dot"]
    texts = [a.text for a in fig.layout.annotations]
    assert "2030年前达峰<br>peak before 2030" in texts


def test_an_interactive_chart_is_shown_once_without_a_png_twin(monkeypatch):
    """The page shows the HTML chart; a PNG beside it would never be seen, only drawn."""
    from analysis.pages import notebook as N

    shown = []
    monkeypatch.setattr(N, "display", lambda obj, raw=False: shown.append((obj, raw)))
    N._show_chart(I.context_figure("名称", "name", "万吨", GAPPY), "context-x", "wind")
    [(bundle, raw)] = shown
    assert raw and set(bundle) == {"text/html", "text/plain"}
    assert (
        bundle["text/html"].startswith('<figure class="chart">')
        and "wind.csv" in bundle["text/html"]
    )
    assert bundle["text/plain"] == "图表 Chart: 名称 name"


def test_a_proxy_chart_names_its_place_in_both_languages():
    """A proxy's title says it is a proxy and where it is from, Chinese first (广东 Guangdong for a
    related Guangdong series, never the bare English id), as the evidence line beside it does."""
    data = load_dataset()
    for _, t in load_targets().iterrows():
        a = assess_target(t, data)
        if a.tier == "proxy" and a.evidence_indicator:
            ind = data.indicator(a.evidence_indicator)
            zh, _ = I.chart_title(ind, a, a.evidence_region or "Guangdong")
            assert zh.startswith("替代指标 Proxy: ")
            place = zh[zh.rindex("（") + 1 : -1]
            assert any("\u4e00" <= c <= "\u9fff" for c in place), zh
