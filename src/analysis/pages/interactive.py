"""Interactive charts for the website (plotly, served from the site's own static files, no internet).

Each chart is the interactive twin of a static matplotlib figure: history solid, projection dashed
with its interval band, the target as a star, figures on an old statistical basis in grey, figures
published as a bound as hollow triangles, and a gap of missing years as a gap in the line. Hovering
shows the value with its unit and source; a link under the chart downloads its data as CSV.

The chart's title is an HTML caption above the chart (it wraps on a phone, and the chart's toolbar
can never cover it). Every text that comes from a data file is escaped (plotly labels understand a
few HTML tags) and reaches the tooltips only through ``customdata``, never through a template.
Axis numbers follow one rule: the plan's units with thousands separators and no SI prefixes
(15,000 万千瓦, never 15k 万千瓦).

A chart is a plain plotly figure dictionary, ``{"data": [trace, ...], "layout": {...}}``, written
out as plotly.js reads it. plotly.py's figure objects validate every property on every update, which
took a quarter of a chapter's run time; the tests validate each kind of chart with plotly.py once
instead (``go.Figure(chart)`` refuses a wrong property).
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from analysis.assess.targets import DEFAULT_SETTINGS, STATUS_ZH, Assessment, Settings, forecast_for
from analysis.assess.verdict_text import REGION_EN, REGION_ZH
from analysis.data.loader import Dataset
from analysis.pages.chapter import COMPARATOR_SYMBOL, STATUS_COLOURS, num
from analysis.pages.markup import html_text, wrap_html

BLUE, GREY, RED = "#2c7fb8", "#9e9e9e", "#d7301f"
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
TRACE_TYPES = {"scatter"}  # the only trace type drawn: the site's plotly bundle must include it
# marker of a figure by its qualifier: exact figures are dots, bounds and approximations hollow
MARKERS = {"": "circle", ">": "triangle-up-open", ">=": "triangle-up-open",
           "<": "triangle-down-open", "<=": "triangle-down-open", "~": "diamond-open"}  # fmt: skip
FLAT = 0.05  # values spanning less than this share of their size get an axis from zero
MAX_YEAR_TICKS = 7  # year labels that fit side by side on a 390 px phone
CO2_COLOURS = {"co2_emissions_carbon_monitor": "#d95f02", "co2_emissions_ceads": "#1b9e77"}

Chart = dict  # {"data": [trace dict, ...], "layout": {...}}: what plotly.js draws


def new_chart() -> Chart:
    return {"data": [], "layout": {}}


def _scatter(**properties) -> dict:
    return {"type": "scatter", **properties}


def vline(chart: Chart, x: float, line: dict, text: str) -> None:
    """A vertical line across the plot at ``x``, labelled at its top left (plotly's add_vline)."""
    layout = chart["layout"]
    layout.setdefault("shapes", []).append(
        {
            "type": "line",
            "x0": x,
            "x1": x,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "line": line,
        }
    )
    layout.setdefault("annotations", []).append(
        {
            "text": text,
            "showarrow": False,
            "x": x,
            "xref": "x",
            "xanchor": "right",
            "y": 1,
            "yref": "y domain",
            "yanchor": "top",
        }
    )


def evidence_series(target: pd.Series, assessment: Assessment) -> tuple[str, str]:
    """The series a target's chart shows: the one its verdict rests on (a proxy's, in the proxy tier)."""
    indicator = assessment.evidence_indicator or target["indicator"]
    return indicator, assessment.evidence_region or "Guangdong"


def chart_title(ind: pd.Series, assessment: Assessment, region: str) -> tuple[str, str]:
    """(Chinese, English); a proxy says so in the title, never passing for the target's own series,
    and names its place as the evidence line and the reason beside the chart do."""
    zh, en = _line(ind["name_zh"]), _line(ind["name_en"])
    if assessment.tier == "proxy":
        place = f"{REGION_ZH.get(region, region)} {REGION_EN.get(region, region)}"
        return f"替代指标 Proxy: {zh}（{place}）", en
    return zh, en


def _line(name: str) -> str:
    """A catalogue name on one line."""
    return " ".join(str(name).split())


def csv_href(indicator: str) -> str:
    """Where the build puts an indicator's data, relative to a chapter page (book/chapters/)."""
    return f"../../_static/series/{indicator}.csv"


def _sources(data: Dataset, obs: pd.DataFrame) -> list[str]:
    publishers = data.sources.set_index("id")["publisher"]
    names = [" + ".join(publishers.get(s, s) for s in sid.split("+")) for sid in obs["source_id"]]
    return [wrap_html(n if len(n) <= 120 else n[:119] + "…") for n in names]


def with_gaps(years, *columns) -> tuple[list, ...]:
    """Insert an empty point between years that are not consecutive, so the line breaks there
    instead of drawing a straight line across missing years."""
    years = [int(y) for y in years]
    out: list[list] = [[] for _ in range(len(columns) + 1)]
    for i, year in enumerate(years):
        if i and year - years[i - 1] > 1:
            for col in out:
                col.append(None)
        out[0].append(year)
        for col, values in zip(out[1:], columns, strict=True):
            col.append(values[i])
    return tuple(out)


def _history(
    chart: Chart,
    obs: pd.DataFrame,
    data: Dataset | None,
    unit: str,
    name: str,
    colour: str,
    legend_html: str | None = None,
) -> None:
    """The published figures as a line with markers; ``legend_html`` is an already escaped name."""
    if obs.empty:  # e.g. no figure yet on the statistical basis after a break
        return
    qualifiers = obs["qualifier"].tolist() if "qualifier" in obs else [""] * len(obs)
    labels = [
        html_text(f"{q}{num(v, unit)}") for q, v in zip(qualifiers, obs["value"], strict=True)
    ]
    sources = _sources(data, obs) if data is not None and "source_id" in obs else [""] * len(obs)
    years, values, labels, sources, qualifiers = with_gaps(
        obs["year"], obs["value"].tolist(), labels, sources, qualifiers
    )
    has_source = any(sources)
    chart["data"].append(
        _scatter(
            x=years,
            y=values,
            mode="lines+markers",
            name=legend_html if legend_html is not None else html_text(name),
            line={"color": colour, "width": 2.5},
            marker={
                "color": colour,
                "size": [6 if not q else 10 for q in qualifiers],
                "symbol": [MARKERS.get(q or "", "circle") for q in qualifiers],
                "line": {"width": 2, "color": colour},
            },
            customdata=[[lab, src] for lab, src in zip(labels, sources, strict=True)],
            hovertemplate="%{x}: %{customdata[0]}"
            + ("<br>来源 source: %{customdata[1]}" if has_source else "")
            + "<extra></extra>",
        )
    )
    if any(q for q in qualifiers if q):
        chart["data"].append(
            _scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="下限/约数 bound or approx.",
                marker={"symbol": "triangle-up-open", "size": 10, "color": colour},
                hoverinfo="skip",
            )
        )


def _plain_number_axes(chart: Chart) -> None:
    """The one axis rule: whole years on x; plain numbers with thousands separators on y."""
    layout = chart["layout"]
    xaxis, yaxis = layout.setdefault("xaxis", {}), layout.setdefault("yaxis", {})
    xs = [x for tr in chart["data"] for x in tr.get("x", ()) if x is not None]
    xs += [s["x0"] for s in layout.get("shapes", ()) if s.get("x0") is not None]
    ys = [y for tr in chart["data"] for y in tr.get("y", ()) if y is not None and np.isfinite(y)]
    if xs:
        lo, hi = int(min(xs)), int(max(xs))
        xaxis["range"] = [lo - 0.6, hi + 0.6]
        if hi - lo <= MAX_YEAR_TICKS - 1:  # every year, at most 7 labels: they fit on a phone
            xaxis.update(tickmode="linear", tick0=lo, dtick=1)
        else:  # plotly's own choice of 1, 2, 5, 10 … years, at most 7 labels
            xaxis.update(tickmode="auto", nticks=MAX_YEAR_TICKS)
    xaxis["tickformat"] = "d"
    yaxis.update(exponentformat="none", separatethousands=True)
    if ys and min(ys) >= 0 and max(ys) - min(ys) < FLAT * max(abs(v) for v in ys):
        yaxis["rangemode"] = "tozero"  # a single or flat figure: do not magnify noise


def _layout(chart: Chart, title_zh: str, title_en: str, unit: str, height: int = 400) -> Chart:
    """Shared look; the x axis needs no title (its ticks are years), which leaves the space under
    the chart to the legend, even on a phone where its entries stack."""
    chart["layout"].update(
        meta={"title_zh": str(title_zh), "title_en": str(title_en)},  # shown as the caption
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 13, "color": "#2a3f5f"},
        height=height,
        margin={"l": 48, "r": 16, "t": 36, "b": 30},
        hovermode="closest",
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "x": 0, "y": -0.08, "yanchor": "top", "traceorder": "normal"},
        xaxis={"gridcolor": "#ebf0f8", "linecolor": "#c8d4e3", "zeroline": False},
        yaxis={  # automargin: the unit never overlaps long tick labels such as 11,500
            "title": {"text": html_text(unit), "standoff": 6},
            "gridcolor": "#ebf0f8",
            "linecolor": "#c8d4e3",
            "zeroline": False,
            "automargin": True,
        },
    )
    _plain_number_axes(chart)
    return chart


def target_figure(
    target: pd.Series, a: Assessment, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> Chart:
    indicator, region = evidence_series(target, a)
    ind = data.indicator(indicator)
    unit = ind["unit"]
    obs = data.observations(indicator, region)
    chart = new_chart()
    start = data.break_year(indicator, region)
    if start is not None:
        _history(
            chart, obs[obs["year"] < start], data, unit, f"旧口径 old basis (before {start})", GREY
        )
        obs = obs[obs["year"] >= start]
    _history(chart, obs, data, unit, "历史 history", BLUE)
    points = data.dated_points(indicator, region)
    for kind, symbol, name in (
        ("status", "circle-open", "月度时点 figure dated to a month"),
        ("part", "square-open", "部分年份 part of a year"),
    ):
        rows = points[points["kind"] == kind]
        if len(rows):
            labels = [
                html_text(f"{q}{num(v, unit)}")
                for q, v in zip(rows["qualifier"], rows["value"], strict=True)
            ]
            when = [html_text(w) for w in rows["label"]]
            chart["data"].append(
                _scatter(
                    x=rows["time"].tolist(),
                    y=rows["value"].tolist(),
                    mode="markers",
                    name=name,
                    marker={"symbol": symbol, "size": 10, "color": BLUE, "line": {"width": 2}},
                    customdata=[
                        list(c) for c in zip(when, labels, _sources(data, rows), strict=True)
                    ],
                    hovertemplate="%{customdata[0]}: %{customdata[1]}"
                    "<br>来源 source: %{customdata[2]}<extra></extra>",
                )
            )
    fc = (
        forecast_for(indicator, a.target_year, data, settings, region)
        if a.model and a.target_year and a.kind != "cumulative"
        else None
    )
    if fc is not None:
        lo, hi = fc.band(settings.interval_level)
        xs = [fc.last_year, *fc.years.tolist()]
        chart["data"] += [
            _scatter(
                x=xs,
                y=[fc.last_value, *hi.tolist()],
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            ),
            _scatter(
                x=xs,
                y=[fc.last_value, *lo.tolist()],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(44,127,184,0.18)",
                name=f"{settings.interval_level:.0%} 区间 interval",
                hoverinfo="skip",
            ),
        ]
        level = f"{settings.interval_level:.0%}"
        labels = [html_text(num(fc.last_value, unit))] + [
            html_text(f"{num(p, unit)} ({level} interval {num(i[0])} – {num(i[1])})")
            for p, i in zip(
                fc.point, (fc.interval(y, settings.interval_level) for y in fc.years), strict=True
            )
        ]
        chart["data"].append(
            _scatter(
                x=xs,
                y=[fc.last_value, *fc.point.tolist()],
                mode="lines",
                name="预测 projection",
                line={"color": BLUE, "dash": "dash"},
                customdata=[[lab] for lab in labels],
                hovertemplate="%{x}: %{customdata[0]}<extra>预测 projection</extra>",
            )
        )
    symbol = COMPARATOR_SYMBOL[target["comparator"]]
    if a.target_year and a.target_level is not None and not pd.isna(a.target_level):
        label = html_text(f"{symbol} {num(a.target_level, unit)}")
        chart["data"].append(
            _scatter(
                x=[a.target_year],
                y=[a.target_level],
                mode="markers",
                name=f"目标 target {a.target_year}",
                marker={"symbol": "star", "size": 18, "color": RED},
                customdata=[[label]],
                hovertemplate=f"目标 target {a.target_year}: %{{customdata[0]}}<extra></extra>",
            )
        )
    elif a.target_year and target["kind"] == "peak":
        vline(
            chart, a.target_year, {"color": RED, "dash": "dot"}, f"达峰期限 peak by {a.target_year}"
        )
    title_zh, title_en = chart_title(ind, a, region)
    chart = _layout(chart, title_zh, title_en, unit)
    chart["layout"]["meta"]["status"] = a.status  # the badge sits in the caption, not on the data
    return chart


def context_figure(
    title_zh: str, title_en: str, unit: str, series: pd.DataFrame, data: Dataset | None = None
) -> Chart:
    """A history chart without target or projection (context indicators and proxies)."""
    chart = new_chart()
    _history(chart, series, data, unit, "历史 history", "#6a51a3")
    return _layout(chart, title_zh, title_en, unit, height=320)


def to_html(chart: Chart, div_id: str, indicator: str | None = None) -> str:
    """An embeddable chart: its caption, the chart (plotly.js is loaded by the page) and its data
    link."""
    import plotly.io

    div_id = re.sub(r"[^a-zA-Z0-9_-]", "-", div_id)
    meta = chart["layout"].get("meta") or {}
    drawn = {
        "data": chart["data"],
        "layout": {k: v for k, v in chart["layout"].items() if k != "meta"},
    }
    status = meta.get("status")
    badge = (
        f'<span class="chart-status" style="background:{STATUS_COLOURS[status]}">'
        f"{STATUS_ZH[status]} {status}</span>"
        if status
        else ""
    )
    caption = (
        f'<figcaption class="chart-title"><span class="chart-title-zh">'
        f"{html_text(meta.get('title_zh', ''))}</span> "
        f'<span class="chart-title-en">{html_text(meta.get("title_en", ""))}</span>'
        f"{badge}</figcaption>"
    )
    body = plotly.io.to_html(
        drawn,
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config=CONFIG,
        validate=False,
    )
    if indicator:
        href = html.escape(csv_href(indicator))
        body += f'<p class="chart-data"><a href="{href}" download>数据下载 Download the data (CSV)</a></p>'
    return f'<figure class="chart">{caption}{body}</figure>'


def co2_sources_figure(data: Dataset, since: int = 2005) -> Chart:
    """The headline chart: CO2 on each source as its own line (never spliced), Chinese first."""
    from analysis.assess.headline import CO2_SOURCES

    chart = new_chart()
    for indicator, (name_en, name_zh) in CO2_SOURCES.items():
        obs = data.observations(indicator)
        obs = obs[obs["year"] >= since]
        # the long source names on lines of their own, Chinese above English: a phone cuts one line
        legend = f"{wrap_html(name_zh, 30)}<br>{wrap_html(name_en, 36)}"
        _history(
            chart,
            obs,
            data,
            "Mt CO2",
            f"{name_zh} {name_en}",
            CO2_COLOURS.get(indicator, "#333"),
            legend_html=legend,
        )
    vline(chart, 2030, {"color": RED, "dash": "dot"}, "2030年前达峰<br>peak before 2030")
    return _layout(
        chart,
        "广东二氧化碳排放：两个来源并列，不拼接",
        "Guangdong's CO2 on two sources, side by side, never spliced",
        "Mt CO2",
    )
