"""Interactive charts for the website (plotly, served from the site's own static files, no internet).

Each chart is the interactive twin of a static matplotlib figure: history solid, projection dashed
with its interval band, the target as a star, figures on an old statistical basis in grey. Hovering
shows the value with its unit and source; a link under the chart downloads its data as CSV.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go

from .assess import DEFAULT_SETTINGS, STATUS_ZH, Assessment, Settings, forecast_for
from .chapter import COMPARATOR_SYMBOL, STATUS_COLOURS
from .loader import Dataset

BLUE, GREY, RED = "#2c7fb8", "#9e9e9e", "#d7301f"
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def csv_href(indicator: str) -> str:
    """Where the build puts an indicator's data, relative to a chapter page (book/chapters/)."""
    return f"../../_static/series/{indicator}.csv"


def _sources(data: Dataset, obs: pd.DataFrame) -> list[str]:
    publishers = data.sources.set_index("id")["publisher"]
    return [
        " + ".join(publishers.get(s, s) for s in sid.split("+"))[:80] for sid in obs["source_id"]
    ]


def _history(
    fig: go.Figure, obs: pd.DataFrame, data: Dataset, unit: str, name: str, colour: str
) -> None:
    labels = [f"{q}{v:,.4g}" for q, v in zip(obs["qualifier"], obs["value"], strict=True)]
    fig.add_trace(
        go.Scatter(
            x=obs["year"],
            y=obs["value"],
            mode="lines+markers",
            name=name,
            line={"color": colour, "width": 2.5},
            customdata=list(zip(labels, _sources(data, obs), strict=True)),
            hovertemplate="%{x}: %{customdata[0]} "
            + unit
            + "<br>来源 source: %{customdata[1]}<extra></extra>",
        )
    )


def _layout(fig: go.Figure, title_zh: str, title_en: str, unit: str) -> go.Figure:
    fig.update_layout(
        title={"text": f"{title_zh}<br><sup>{title_en}</sup>", "x": 0.01},
        template="plotly_white",
        font={"family": FONT, "size": 13},
        height=420,
        margin={"l": 60, "r": 20, "t": 70, "b": 50},
        hovermode="closest",
        legend={"orientation": "h", "y": -0.18},
        yaxis_title=unit,
        xaxis_title="年份 year",
    )
    fig.update_xaxes(tickformat="d")
    return fig


def target_figure(
    target: pd.Series, a: Assessment, data: Dataset, settings: Settings = DEFAULT_SETTINGS
):
    from .figures import chart_title, evidence_series

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
            labels = [f"{q}{v:,.4g}" for q, v in zip(rows["qualifier"], rows["value"], strict=True)]
            fig.add_trace(
                go.Scatter(
                    x=rows["time"],
                    y=rows["value"],
                    mode="markers",
                    name=name,
                    marker={"symbol": symbol, "size": 10, "color": BLUE, "line": {"width": 2}},
                    customdata=list(zip(rows["label"], labels, _sources(data, rows), strict=True)),
                    hovertemplate="%{customdata[0]}: %{customdata[1]} "
                    + unit
                    + "<br>来源 source: %{customdata[2]}<extra></extra>",
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
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[fc.last_value, *fc.point],
                mode="lines",
                name="预测 projection",
                line={"color": BLUE, "dash": "dash"},
                customdata=[[fc.last_value, fc.last_value]]
                + [list(fc.interval(y, settings.interval_level)) for y in fc.years],
                hovertemplate="%{x}: %{y:,.4g} "
                + unit
                + " (interval %{customdata[0]:,.4g}–%{customdata[1]:,.4g})"
                "<extra>projection</extra>",
            )
        )
    symbol = COMPARATOR_SYMBOL[target["comparator"]]
    if a.target_year and a.target_level is not None and not pd.isna(a.target_level):
        fig.add_trace(
            go.Scatter(
                x=[a.target_year],
                y=[a.target_level],
                mode="markers",
                name=f"目标 target {a.target_year}",
                marker={"symbol": "star", "size": 18, "color": RED},
                hovertemplate=f"target {a.target_year}: {symbol} %{{y:,.4g}} {unit}<extra></extra>",
            )
        )
    elif a.target_year and target["kind"] == "peak":
        fig.add_vline(
            x=a.target_year,
            line={"color": RED, "dash": "dot"},
            annotation_text=f"peak by {a.target_year}",
        )
    fig.add_annotation(
        text=f"{STATUS_ZH[a.status]} {a.status}",
        xref="paper",
        yref="paper",
        x=0.01,
        y=0.98,
        showarrow=False,
        font={"color": "white"},
        bgcolor=STATUS_COLOURS[a.status],
        borderpad=4,
    )
    title_zh, title_en = chart_title(ind, a, region).split("\n")
    return _layout(fig, title_zh, title_en, unit)


def context_figure(
    title_zh: str, title_en: str, unit: str, series: pd.DataFrame, data: Dataset | None = None
):
    fig = go.Figure()
    if data is not None and "source_id" in series:
        _history(fig, series, data, unit, "历史 history", "#6a51a3")
    else:
        fig.add_trace(
            go.Scatter(
                x=series["year"],
                y=series["value"],
                mode="lines+markers",
                name=title_en,
                line={"color": "#6a51a3"},
                hovertemplate="%{x}: %{y:,.4g} " + unit + "<extra></extra>",
            )
        )
    return _layout(fig, title_zh, title_en, unit)


def to_html(fig: go.Figure, div_id: str, indicator: str | None = None) -> str:
    """An embeddable chart (plotly.js is loaded once by the site) and its data link."""
    div_id = re.sub(r"[^a-zA-Z0-9_-]", "-", div_id)
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)
    if indicator:
        href = html.escape(csv_href(indicator))
        body += f'<p class="chart-data"><a href="{href}" download>数据下载 Download the data (CSV)</a></p>'
    return body
