"""Figures: Chinese text with a real CJK font (no tofu boxes), one axis rule (plain numbers with
thousands separators, whole years), gaps of missing years left open, bounds drawn hollow, and a
flat or single figure on an axis from zero — in the static charts and their interactive twins."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import plotly.offline
from matplotlib import font_manager

from analysis.assess.targets import assess_target
from analysis.data.loader import load_dataset
from analysis.data.registry import load_targets
from analysis.pages import interactive as I
from analysis.pages.figures import cjk_font_family, context_chart, gapped, png_bytes, target_chart
from analysis.pages.site import PLOTLY_JS, STATIC


def test_a_cjk_font_is_installed_and_resolves_without_fallback():
    family = cjk_font_family()
    path = font_manager.findfont(family, fallback_to_default=False)
    assert "CJK" in path or "Han" in path


def test_target_chart_draws_every_chinese_glyph():
    data = load_dataset()
    t = load_targets().set_index("id").loc["a02_wind_solar_capacity_2030"].copy()
    t["id"] = "a02_wind_solar_capacity_2030"
    result = assess_target(t, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = target_chart(t, result, data)
        png = png_bytes(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    ax = fig.axes[0]
    texts = [ax.get_title(loc="left"), *[t.get_text() for t in ax.get_legend().get_texts()]]
    assert any("风电" in s for s in texts) and any("目标" in s for s in texts)


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
    fig = I.context_figure("名称", "name", "万吨", GAPPY)
    assert list(fig.data[0].x) == xs


def test_static_axes_read_plain_numbers_and_whole_years():
    t, a, data = _target("a02_wind_solar_capacity_2030")
    fig = target_chart(t, a, data)
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert any("," in x for x in labels) and not any("e" in x or "k" in x for x in labels)
    assert ax.yaxis.get_offset_text().get_text() == ""
    years = [x.get_text() for x in ax.get_xticklabels() if x.get_text()]
    assert years == sorted(set(years)) and all(y.isdigit() for y in years)


def test_a_single_bound_figure_is_hollow_and_not_magnified():
    one = pd.DataFrame({"year": [2024], "value": [200.0], "qualifier": [">"]})
    fig = I.context_figure("新型储能装机容量", "storage", "万千瓦", one)
    assert list(fig.data[0].marker.symbol) == ["triangle-up-open"]
    assert any("bound" in (tr.name or "") for tr in fig.data)
    assert fig.layout.yaxis.rangemode == "tozero"  # not an axis of 199-201
    assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == "d"
    flat = context_chart("x", "x", "u", pd.DataFrame({"year": [2020, 2021], "value": [200, 201]}))
    assert flat.axes[0].get_ylim()[0] == 0


def test_bound_figures_of_a_target_are_hollow_in_both_charts():
    t, a, data = _target("a02_new_storage_2025")  # figures published as "more than …"
    fig = I.target_figure(t, a, data)
    history = fig.data[0]
    qualifiers = data.observations("installed_capacity_new_storage")["qualifier"].tolist()
    assert [s.endswith("-open") for s in history.marker.symbol] == [q != "" for q in qualifiers]
    assert any("bound" in (tr.name or "") for tr in fig.data)
    static = target_chart(t, a, data)
    hollow = [ln for ln in static.axes[0].get_lines() if ln.get_markerfacecolor() == "white"]
    assert len(hollow) >= sum(q != "" for q in qualifiers)


def test_interactive_axes_have_no_si_prefixes_and_the_title_is_a_caption():
    t, a, data = _target("a02_wind_solar_capacity_2030")
    fig = I.target_figure(t, a, data)
    assert fig.layout.yaxis.exponentformat == "none" and fig.layout.yaxis.separatethousands
    assert not fig.layout.title.text  # the caption carries it: a toolbar can never cover it
    page = I.to_html(fig, t["id"], t["indicator"])
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
    figures = [I.target_figure(t, a, data), I.context_figure("名称", "name", "万吨", GAPPY)]
    assert {tr.type for f in figures for tr in f.data} <= I.TRACE_TYPES


def test_a_cached_chart_is_the_png_its_drawing_makes_and_is_not_drawn_again(tmp_path, monkeypatch):
    from analysis.pages import chart_cache
    from analysis.pages.figures import draw_target_chart, target_chart_inputs

    monkeypatch.setattr(chart_cache, "CHART_DIR", tmp_path / "charts")
    t, result, data = _target("a02_wind_solar_capacity_2030")
    inputs = target_chart_inputs(t, result, data)
    drawn = png_bytes(draw_target_chart(**inputs))
    assert chart_cache.png("target", draw_target_chart, inputs) == drawn
    assert len(list((tmp_path / "charts").glob("*.png"))) == 1

    def must_not_draw(**_):
        raise AssertionError("an unchanged chart was drawn again")

    again = target_chart_inputs(t, result, data)  # a new frame with the same figures
    assert chart_cache.png("target", must_not_draw, again) == drawn


def test_a_chart_whose_figures_changed_is_drawn_again(tmp_path, monkeypatch):
    from analysis.pages import chart_cache

    monkeypatch.setattr(chart_cache, "CHART_DIR", tmp_path / "charts")
    inputs = {"title_zh": "风电", "title_en": "Wind", "unit": "万千瓦", "series": GAPPY, "note": ""}
    first = chart_cache.png("context", context_chart, inputs)
    changed = {**inputs, "series": GAPPY.assign(value=[3.0, 4.0, 4.5, 6.5])}
    calls = []

    def draw(**kwargs):
        calls.append(kwargs)
        return context_chart(**kwargs)

    second = chart_cache.png("context", draw, changed)
    assert len(calls) == 1 and second != first
    assert second == png_bytes(context_chart(**changed))
    assert chart_cache.png("context", draw, {**inputs, "note": "来源"}) != first  # any input counts
    assert len(calls) == 2


def test_the_headline_chart_names_its_red_line_as_the_plan_does():
    """The dotted line at 2030 on the front page's CO2 chart says what it is, in both languages."""
    fig = I.co2_sources_figure(load_dataset())
    [line] = [s for s in fig.layout.shapes if s.x0 == 2030 and s.line.dash == "dot"]
    texts = [a.text for a in fig.layout.annotations]
    assert "2030年前达峰<br>peak before 2030" in texts
