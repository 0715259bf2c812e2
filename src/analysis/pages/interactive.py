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
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.assess.targets import DEFAULT_SETTINGS, STATUS_ZH, Assessment, Settings, forecast_for
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
    fig: go.Figure, obs: pd.DataFrame, data: Dataset | None, unit: str, name: str, colour: str
) -> None:
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
    fig.add_trace(
        go.Scatter(
            x=years,
            y=values,
            mode="lines+markers",
            name=html_text(name),
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
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="下限/约数 bound or approx.",
                marker={"symbol": "triangle-up-open", "size": 10, "color": colour},
                hoverinfo="skip",
            )
        )


def _plain_number_axes(fig: go.Figure) -> None:
    """The one axis rule: whole years on x; plain numbers with thousands separators on y."""

    def values(v):
        return () if v is None else list(v)

    xs = [x for tr in fig.data for x in values(tr.x) if x is not None]
    xs += [s.x0 for s in fig.layout.shapes if s.x0 is not None]
    ys = [y for tr in fig.data for y in values(tr.y) if y is not None and np.isfinite(y)]
    if xs:
        lo, hi = int(min(xs)), int(max(xs))
        fig.update_xaxes(range=[lo - 0.6, hi + 0.6])
        if hi - lo <= MAX_YEAR_TICKS - 1:  # every year, at most 7 labels: they fit on a phone
            fig.update_xaxes(tickmode="linear", tick0=lo, dtick=1)
        else:  # plotly's own choice of 1, 2, 5, 10 … years, at most 7 labels
            fig.update_xaxes(tickmode="auto", nticks=MAX_YEAR_TICKS)
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(exponentformat="none", separatethousands=True)
    if ys and min(ys) >= 0 and max(ys) - min(ys) < FLAT * max(abs(v) for v in ys):
        fig.update_yaxes(rangemode="tozero")  # a single or flat figure: do not magnify noise


def _layout(
    fig: go.Figure, title_zh: str, title_en: str, unit: str, height: int = 400
) -> go.Figure:
    """Shared look; the x axis needs no title (its ticks are years), which leaves the space under
    the chart to the legend, even on a phone where its entries stack."""
    fig.update_layout(
        meta={"title_zh": str(title_zh), "title_en": str(title_en)},  # shown as the caption
        template="none",
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"family": FONT, "size": 13, "color": "#2a3f5f"},
        height=height,
        margin={"l": 48, "r": 16, "t": 36, "b": 30},
        hovermode="closest",
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "x": 0, "y": -0.08, "yanchor": "top", "traceorder": "normal"},
        yaxis_title=html_text(unit),
    )
    fig.update_xaxes(gridcolor="#ebf0f8", linecolor="#c8d4e3", zeroline=False)
    fig.update_yaxes(  # automargin: the unit never overlaps long tick labels such as 11,500
        gridcolor="#ebf0f8",
        linecolor="#c8d4e3",
        zeroline=False,
        automargin=True,
        title_standoff=6,
    )
    _plain_number_axes(fig)
    return fig


def target_figure(
    target: pd.Series, a: Assessment, data: Dataset, settings: Settings = DEFAULT_SETTINGS
):
    from analysis.pages.figures import chart_title, evidence_series

    indicator, region = evidence_series(target, a)
    ind = data.indicator(indicator)
    unit = ind["unit"]
    obs = data.observations(indicator, region)
    fig = go.Figure()
    start = data.break_year(indicator, region)
    if start is not None:
        _history(
            fig, obs[obs["year"] < start], data, unit, f"旧口径 old basis (before {start})", GREY
        )
        obs = obs[obs["year"] >= start]
    _history(fig, obs, data, unit, "历史 history", BLUE)
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
            fig.add_trace(
                go.Scatter(
                    x=rows["time"],
                    y=rows["value"],
                    mode="markers",
                    name=name,
                    marker={"symbol": symbol, "size": 10, "color": BLUE, "line": {"width": 2}},
                    customdata=list(zip(when, labels, _sources(data, rows), strict=True)),
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
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[fc.last_value, *hi],
                mode="lines",
                line={"width": 0},
                showlegend=False,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[fc.last_value, *lo],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(44,127,184,0.18)",
                name=f"{settings.interval_level:.0%} 区间 interval",
                hoverinfo="skip",
            )
        )
        level = f"{settings.interval_level:.0%}"
        labels = [html_text(num(fc.last_value, unit))] + [
            html_text(f"{num(p, unit)} ({level} interval {num(i[0])} – {num(i[1])})")
            for p, i in zip(
                fc.point, (fc.interval(y, settings.interval_level) for y in fc.years), strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[fc.last_value, *fc.point],
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
        fig.add_trace(
            go.Scatter(
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
        fig.add_vline(
            x=a.target_year,
            line={"color": RED, "dash": "dot"},
            annotation_text=f"达峰期限 peak by {a.target_year}",
            annotation_position="top left",
        )
    title_zh, title_en = chart_title(ind, a, region).split("\n")
    fig = _layout(fig, title_zh, title_en, unit)
    fig.layout.meta["status"] = a.status  # the badge sits in the caption, never over the data
    return fig


def context_figure(
    title_zh: str, title_en: str, unit: str, series: pd.DataFrame, data: Dataset | None = None
):
    """A history chart without target or projection (context indicators and proxies)."""
    fig = go.Figure()
    _history(fig, series, data, unit, "历史 history", "#6a51a3")
    return _layout(fig, title_zh, title_en, unit, height=320)


def to_html(fig: go.Figure, div_id: str, indicator: str | None = None) -> str:
    """An embeddable chart: its caption, the chart (plotly.js is loaded by the page) and its data
    link."""
    div_id = re.sub(r"[^a-zA-Z0-9_-]", "-", div_id)
    meta = fig.layout.meta or {}
    fig = go.Figure(fig).update_layout(meta=None)
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
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)
    if indicator:
        href = html.escape(csv_href(indicator))
        body += f'<p class="chart-data"><a href="{href}" download>数据下载 Download the data (CSV)</a></p>'
    return f'<figure class="chart">{caption}{body}</figure>'


def co2_sources_figure(data: Dataset, since: int = 2005) -> go.Figure:
    """The headline chart: CO2 on each source as its own line (never spliced), Chinese first."""
    from analysis.assess.headline import CO2_SOURCES
    from analysis.pages.figures import CO2_COLOURS

    fig = go.Figure()
    for indicator, (name_en, name_zh) in CO2_SOURCES.items():
        obs = data.observations(indicator)
        obs = obs[obs["year"] >= since]
        _history(
            fig, obs, data, "Mt CO2", f"{name_zh} {name_en}", CO2_COLOURS.get(indicator, "#333")
        )
        # the long source names on lines of their own, Chinese above English: a phone cuts one line
        one_line, two_lines = (
            html_text(f"{name_zh} {name_en}"),
            f"{wrap_html(name_zh, 30)}<br>{wrap_html(name_en, 36)}",
        )
        fig.update_traces(name=two_lines, selector={"name": one_line})
    fig.add_vline(  # the plan's deadline, named as in the static twin
        x=2030,
        line={"color": RED, "dash": "dot"},
        annotation_text="2030年前达峰<br>peak before 2030",
        annotation_position="top left",
    )
    return _layout(
        fig,
        "广东二氧化碳排放：两个来源并列，不拼接",
        "Guangdong's CO2 on two sources, side by side, never spliced",
        "Mt CO2",
    )
