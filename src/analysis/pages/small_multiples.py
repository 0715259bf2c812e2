"""Small multiples of related published series, drawn with seaborn's FacetGrid in the book's style.

A chapter analysis names its panels and the series in each (:class:`Panel`, :class:`Line`);
:func:`figures_frame` collects exactly the published figures they need (yearly figures, and figures
dated to a month), and :func:`draw` lays them out one panel per facet. The rules are those of the
book's other charts (``figures.py``): the plan's units on the y axis with thousands separators,
whole years, a line that breaks at a gap of missing years, a figure published as a bound drawn as
a hollow triangle, figures dated to a month as hollow circles (a status) or squares (part of a year)
never joined to the yearly line, and a series on a new statistical basis drawn as its own segment:
the line is never joined across a break.

seaborn does the layout (the facets, shared year axis, one colour per series across panels); the
lines themselves are drawn with matplotlib so that those rules hold exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from analysis.data.loader import Dataset
from analysis.pages.analysis_display import mpl_text
from analysis.pages.figures import gapped, plain_number_axes, use_cjk_font

BOUND_MARKERS = {">": "^", ">=": "^", "<": "v", "<=": "v", "~": "D"}
OLD_BASIS, NEW_BASIS = "旧口径 old basis", "新口径 new basis"


@dataclass(frozen=True)
class Line:
    """One published series in a panel; its label defaults to the catalogue's names."""

    indicator: str
    region: str = "Guangdong"
    label: str = ""
    points: bool = True  # also draw the figures dated to a month


@dataclass(frozen=True)
class Panel:
    """A facet: its title (Chinese, English), the unit of its y axis and its series. ``empty``
    is shown inside the panel when none of its series has a figure."""

    key: str
    title_zh: str
    title_en: str
    unit: str
    lines: tuple[Line, ...] = field(default_factory=tuple)
    empty: str = "暂无公开数据 no public series"
    row: str = ""  # for a grid of rows x columns; '' for a single row of panels
    # if empty: what is missing and the file to add, Chinese and English (what_zh, what_en,
    # file_zh, file_en), for its note
    wanted: tuple[str, str, str, str] = ()


def style() -> dict:
    """seaborn's white grid with the book's CJK font (seaborn's own styles name Arial first).
    The font is also set globally, as for the book's other charts: a figure is saved after the
    style's context has ended, and its text finds its font then."""
    family = use_cjk_font()
    return sns.axes_style(
        "whitegrid",
        rc={
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "svg.hashsalt": "gdcpt",
            "grid.color": "#e3e3e3",
            "axes.edgecolor": "#bbbbbb",
        },
    )


def series_label(data: Dataset, line: Line) -> str:
    if line.label:
        return line.label
    if line.indicator not in set(data.indicators["id"]):
        return line.indicator
    ind = data.indicator(line.indicator)
    return f"{ind['name_zh']} {ind['name_en']}"


def figures_frame(data: Dataset, panels: list[Panel], split_breaks: bool = True) -> pd.DataFrame:
    """One row per published figure that a panel draws: its panel, series label, time, value,
    qualifier, unit and source. With ``split_breaks``, a series with a statistical break becomes
    two series, the old and the new basis, so that no line joins them."""
    rows = []
    names = data.indicators.set_index("id")
    for panel in panels:
        for line in panel.lines:
            label = series_label(data, line)
            obs = data.observations(line.indicator, line.region)
            start = data.break_year(line.indicator, line.region) if split_breaks else None
            for r in obs.itertuples():
                basis = ""
                if start is not None:
                    basis = OLD_BASIS if r.year < start else NEW_BASIS
                rows.append(
                    {
                        "panel": panel.key,
                        "row": panel.row,
                        "series": label,
                        "basis": basis,
                        "indicator": line.indicator,
                        "region": line.region,
                        "year": int(r.year),
                        "date": "",
                        "kind": "year",
                        "time": float(r.year),
                        "value": float(r.value),
                        "qualifier": r.qualifier,
                        "unit": r.unit,
                        "source_id": r.source_id,
                        "derived": bool(r.derived),
                    }
                )
            if not line.points:
                continue
            for r in data.dated_points(line.indicator, line.region).itertuples():
                rows.append(
                    {
                        "panel": panel.key,
                        "row": panel.row,
                        "series": label,
                        "basis": "",
                        "indicator": line.indicator,
                        "region": line.region,
                        "year": pd.NA,
                        "date": r.date,
                        "kind": r.kind,
                        "time": float(r.time),
                        "value": float(r.value),
                        "qualifier": r.qualifier,
                        "unit": r.unit,
                        "source_id": r.source_id,
                        "derived": bool(getattr(r, "derived", False)),
                    }
                )
    columns = [
        "panel",
        "row",
        "series",
        "basis",
        "indicator",
        "region",
        "year",
        "date",
        "kind",
        "time",
        "value",
        "qualifier",
        "unit",
        "source_id",
        "derived",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["name_zh"] = frame["indicator"].map(names["name_zh"]) if len(frame) else []
    frame["name_en"] = frame["indicator"].map(names["name_en"]) if len(frame) else []
    return frame


def _draw_series(data: pd.DataFrame, color=None, label=None, **_):
    """One series in one facet: yearly line (gapped; one segment per basis) and markers."""
    ax = plt.gca()
    yearly = data[data["kind"] == "year"].sort_values("time")
    label = mpl_text(label)
    segments = [(b, g) for b, g in yearly.groupby("basis", sort=False)] if len(yearly) else []
    for basis, seg in segments:
        old = basis == OLD_BASIS
        colour = "#9e9e9e" if old else color
        name = label + (f" · {basis}" if basis else "")
        xs, ys = gapped(seg)
        ax.plot(xs, ys, "-", color=colour, lw=1.8, label=name, zorder=3)
        exact = seg[seg["qualifier"] == ""]
        ax.plot(exact["year"], exact["value"], "o", color=colour, ms=3.5, zorder=3)
        for _, r in seg[seg["qualifier"] != ""].iterrows():
            marker = BOUND_MARKERS.get(r["qualifier"], "D")
            ax.plot(r["year"], r["value"], marker, color=colour, mfc="white", ms=6.5, zorder=4)
    dated = data[data["kind"] != "year"]
    for kind, marker in (("status", "o"), ("part", "s")):
        rows = dated[dated["kind"] == kind]
        if len(rows):
            ax.plot(
                rows["time"],
                rows["value"],
                marker,
                color=color,
                mfc="white",
                mew=1.4,
                ms=5.5,
                ls="none",
                zorder=4,
                label=None if segments else label,
            )


def draw(
    frame: pd.DataFrame,
    panels: list[Panel],
    palette: dict[str, str],
    ncols: int | None = None,
    height: float = 2.9,
    aspect: float = 1.35,
    legend: str = "panel",
    sharex: bool = True,
):
    """The facets of ``panels`` drawn from ``frame`` (see :func:`figures_frame`); returns the
    matplotlib Figure and its axes by panel key. ``legend``: 'panel' (each panel its own) or
    'shared' (one, below the panels)."""
    keys = [p.key for p in panels]
    rows = list(dict.fromkeys(p.row for p in panels))
    grid_rows = len(rows) > 1
    frame = frame.copy()
    if frame.empty:  # FacetGrid needs a row per facet; an empty panel says so instead
        frame = pd.DataFrame(
            {
                "panel": keys,
                "row": [p.row for p in panels],
                "series": "",
                "kind": "none",
                "time": np.nan,
                "value": np.nan,
            }
        )
    hue_order = [s for s in palette if s in set(frame["series"])]
    with style():
        common = dict(hue="series", hue_order=hue_order, palette=palette, sharex=sharex,
                      sharey=False, height=height, aspect=aspect, dropna=False, despine=False)  # fmt: skip
        if grid_rows:
            cols = list(dict.fromkeys(p.key.split("/")[-1] for p in panels))
            frame["col"] = frame["panel"].str.split("/").str[-1]
            grid = sns.FacetGrid(
                frame, row="row", col="col", row_order=rows, col_order=cols, **common
            )
            axes = {f"{r}/{c}": ax for (r, c), ax in grid.axes_dict.items()}
        else:
            grid = sns.FacetGrid(frame, col="panel", col_order=keys, col_wrap=ncols, **common)
            axes = dict(grid.axes_dict)
        grid.map_dataframe(_draw_series)
        grid.set_titles("")
        for panel in panels:
            ax = axes[panel.key]
            ax.set_title(
                f"{mpl_text(panel.title_zh)}\n{mpl_text(panel.title_en)}", fontsize=9.5, loc="left"
            )
            ax.set_ylabel(mpl_text(panel.unit), fontsize=9)
            ax.set_xlabel("")
            ax.tick_params(labelbottom=True, labelsize=8.5)
            if not ax.get_lines():
                empty = "\n".join(mpl_text(t) for t in str(panel.empty).splitlines())
                ax.text(
                    0.5,
                    0.5,
                    empty,
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="#777",
                )
                ax.set_yticks([])
                ax.set_ylabel("")
            else:
                plain_number_axes(ax)
                if legend == "panel":
                    ax.legend(loc="best", fontsize=7, framealpha=0.9)
        for ax in axes.values():  # at most about six year labels, on whole years
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, steps=[1, 2, 5, 10]))
        fig = grid.figure
        if legend == "shared":
            handles: dict = {}
            for ax in axes.values():
                for h, lab in zip(*ax.get_legend_handles_labels(), strict=True):
                    handles.setdefault(lab, h)
            fig._shared_legend = handles  # placed under the panels by finish()
    return fig, axes


def finish(fig, title_zh: str, title_en: str, source_line: str, legend_columns: int = 3):
    """The title (Chinese first) above, a shared legend and the source line below the panels, as
    in the book's other charts. Margins are set in inches, so they hold at any figure height."""
    handles = getattr(fig, "_shared_legend", {})
    rows = -(-len(handles) // legend_columns) if handles else 0
    top_in, bottom_in = 0.62, 0.3 + (0.2 * rows + 0.1 if rows else 0)
    fig.set_figheight(fig.get_figheight() + top_in + bottom_in)  # the panels keep their height
    height = fig.get_figheight()
    fig.suptitle(
        f"{mpl_text(title_zh)}\n{mpl_text(title_en)}",
        fontsize=11,
        x=0.01,
        y=1 - 0.08 / height,
        ha="left",
        va="top",
    )
    bottom = bottom_in / height
    fig.tight_layout(rect=(0, bottom, 1, 1))  # tight_layout keeps room for the suptitle itself
    if handles:
        fig.legend(
            list(handles.values()),
            list(handles),
            loc="upper left",
            ncol=legend_columns,
            fontsize=7.5,
            frameon=False,
            bbox_to_anchor=(0.01, bottom),
            handlelength=1.8,
            columnspacing=1.2,
        )
    fig.text(0.01, 0.06 / height, source_line, fontsize=7, color="#555")
    return fig
