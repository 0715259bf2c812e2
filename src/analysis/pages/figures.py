"""Charts: history solid, projection dashed with its band, the target as a marker at its year.

Chinese labels need a CJK font; :func:`use_cjk_font` finds Noto Sans CJK (Debian package
``fonts-noto-cjk``) and refuses to draw without it, so a figure never shows tofu boxes.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.assess.targets import DEFAULT_SETTINGS, STATUS_ZH, Assessment, Settings, forecast_for  # noqa: E402
from analysis.data.loader import Dataset  # noqa: E402
from analysis.pages.chapter import COMPARATOR_SYMBOL, STATUS_COLOURS  # noqa: E402

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC"]
CJK_FILES = [
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
]


class FontMissing(RuntimeError):
    """No CJK font: install the Debian package fonts-noto-cjk (the set-up command does)."""


def cjk_font_family() -> str:
    """Name of an installed CJK font family, registering Noto's .ttc files if needed."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for path in CJK_FILES:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise FontMissing(
        "no CJK font found: install Debian's fonts-noto-cjk (apt-get install "
        "fonts-noto-cjk); Chinese labels would otherwise render as boxes"
    )


def use_cjk_font() -> str:
    family = cjk_font_family()
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "gdcpt"
    return family


FLAT = (
    0.05  # the same rule as the interactive charts: a flat or single figure gets a zero-based axis
)


def gapped(obs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Years and values with a NaN between years that are not consecutive: the line breaks at a gap
    of missing years instead of bridging it."""
    years, values = [], []
    for i, (y, v) in enumerate(zip(obs["year"], obs["value"], strict=True)):
        if i and y - years[-1] > 1:
            years.append(years[-1] + 0.5)
            values.append(np.nan)
        years.append(y)
        values.append(v)
    return np.array(years, dtype=float), np.array(values, dtype=float)


def _plain(value: float, _pos=None, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def plain_number_axes(ax) -> None:
    """Whole years on x; plain numbers with thousands separators on y (no 1e4, no offset)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    lines = [ln.get_ydata() for ln in ax.get_lines()]
    values = np.concatenate([np.asarray(v, dtype=float) for v in lines]) if lines else []
    values = values[np.isfinite(values)] if len(values) else values
    if len(values) and values.min() >= 0 and np.ptp(values) < FLAT * np.abs(values).max():
        ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], values.max() * 1.15))
    ticks = ax.get_yticks()
    step = np.min(np.diff(ticks)) if len(ticks) > 1 else 1.0
    decimals = max(0, int(-np.floor(np.log10(step)))) if step > 0 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: _plain(v, pos, decimals)))


def target_chart(
    target: pd.Series, assessment: Assessment, data: Dataset, settings: Settings = DEFAULT_SETTINGS
):
    """One figure per target; returns the matplotlib Figure (the notebook displays it)."""
    return draw_target_chart(**target_chart_inputs(target, assessment, data, settings))


def target_chart_inputs(
    target: pd.Series, assessment: Assessment, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> dict:
    """Everything a target's chart is drawn from, taken out of the data set: the drawing reads
    nothing else, so these also name the chart (:mod:`chart_cache`)."""
    indicator, region = evidence_series(target, assessment)
    year = assessment.target_year
    fc = (
        forecast_for(indicator, year, data, settings, region)
        if assessment.model and year and assessment.kind != "cumulative"
        else None
    )
    projection = None
    if fc is not None:
        lo, hi = fc.band(settings.interval_level)
        projection = (
            [fc.last_year, *fc.years],
            [fc.last_value, *fc.point],
            [fc.last_value, *lo],
            [fc.last_value, *hi],
        )
    return {
        "target": target,
        "assessment": assessment,
        "ind": data.indicator(indicator),
        "region": region,
        "obs": data.observations(indicator, region),
        "start": data.break_year(indicator, region),
        "points": data.dated_points(indicator, region),
        "projection": projection,
        "interval_level": settings.interval_level,
    }


def draw_target_chart(
    target: pd.Series,
    assessment: Assessment,
    ind: pd.Series,
    region: str,
    obs: pd.DataFrame,
    start: int | None,
    points: pd.DataFrame,
    projection: tuple | None,
    interval_level: float,
):
    """Draw a target's chart from what :func:`target_chart_inputs` took out of the data."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=110)
    if start is not None:  # figures on an old statistical basis: shown grey, not used by the model
        old = obs[obs["year"] < start]
        ax.plot(
            old["year"], old["value"], "o-", color="#9e9e9e", lw=1.5, ms=4, label="旧口径 old basis"
        )
        ax.axvline(start - 0.5, color="#555", ls="--", lw=1, label=f"口径变化 break {start}")
        obs = obs[obs["year"] >= start]
    exact = obs[obs["qualifier"] == ""]
    ax.plot(*gapped(obs), "-", color="#2c7fb8", lw=2, label="历史 history", zorder=3)
    ax.plot(exact["year"], exact["value"], "o", color="#2c7fb8", ms=4, zorder=3)
    bounded = obs[obs["qualifier"] != ""]
    for _, row in bounded.iterrows():
        marker = {">": "^", ">=": "^", "<": "v", "<=": "v"}.get(row["qualifier"], "D")
        ax.plot(row["year"], row["value"], marker, color="#2c7fb8", ms=7, mfc="white", zorder=4)
    if len(bounded):
        ax.plot([], [], "^", color="#2c7fb8", mfc="white", label="下限/约数 bound or approx.")
    for kind, marker, label in (
        ("status", "o", "月度时点 figure dated to a month"),
        ("part", "s", "部分年份 part of a year"),
    ):
        rows = points[points["kind"] == kind]
        if len(rows):
            ax.plot(
                rows["time"],
                rows["value"],
                marker,
                color="#2c7fb8",
                ms=6,
                mfc="white",
                mew=1.5,
                ls="none",
                zorder=4,
                label=label,
            )
    year = assessment.target_year
    if projection is not None:
        xs, point, lo, hi = projection
        ax.plot(xs, point, "--", color="#2c7fb8", lw=1.8, label="预测 projection")
        ax.fill_between(
            xs,
            lo,
            hi,
            color="#2c7fb8",
            alpha=0.15,
            lw=0,
            label=f"{interval_level:.0%} 区间 interval",
        )
    level = assessment.target_level
    if year and level is not None and not pd.isna(level):
        symbol = COMPARATOR_SYMBOL[target["comparator"]]
        label = f"目标 target {year}: {symbol} {level:,.4g}"
        if target["kind"] in ("change_vs_base", "growth_per_year", "cumulative"):
            suffix = "" if target["kind"] == "cumulative" else "%"
            label += f" ({target['value']:+g}{suffix} vs {int(target['base_year'])})"
        ax.plot(
            [year], [level], marker="*", ms=16, color="#d7301f", ls="none", zorder=5, label=label
        )
    elif year and target["kind"] == "peak":
        ax.axvline(year, color="#d7301f", ls=":", lw=1.5, label=f"达峰期限 peak by {year}")
    ax.set_title(chart_title(ind, assessment, region), fontsize=11, loc="left")
    ax.set_ylabel(ind["unit"])
    ax.set_xlabel("年份 year")
    ax.grid(alpha=0.3)
    plain_number_axes(ax)
    status = assessment.status
    ax.text(  # above the axes, right: a badge inside them could cover a figure
        1.0,
        1.02,
        f"{STATUS_ZH[status]} {status}",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=10,
        color="white",
        bbox={"boxstyle": "round", "fc": STATUS_COLOURS[status], "ec": "none"},
    )
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    fig.text(
        0.01,
        0.005,
        "来源 Source: data/series.csv (see Data and sources)"
        + (f"; 数据截至 {int(obs['year'].max())}" if len(obs) else ""),
        fontsize=7,
        color="#555",
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def evidence_series(target: pd.Series, assessment: Assessment) -> tuple[str, str]:
    """The series a target's chart shows: the one its verdict rests on (a proxy's, in the proxy tier)."""
    indicator = assessment.evidence_indicator or target["indicator"]
    return indicator, assessment.evidence_region or "Guangdong"


def chart_title(ind: pd.Series, assessment: Assessment, region: str) -> str:
    """Chinese first; a proxy says so in the title, never passing for the target's own series."""
    if assessment.tier == "proxy":
        place = {
            "China": "全国 China",
            "Guangzhou": "广州 Guangzhou",
            "Shenzhen": "深圳 Shenzhen",
        }.get(region, region)
        return f"替代指标 Proxy: {_line(ind['name_zh'])}（{place}）\n{_line(ind['name_en'])}"
    return f"{_line(ind['name_zh'])}\n{_line(ind['name_en'])}"


def _line(name: str) -> str:
    """A catalogue name on one line (the title's line break separates Chinese from English)."""
    return " ".join(str(name).split())


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes (what the notebook embeds; independent of the plotting backend)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()


def context_chart(title_zh: str, title_en: str, unit: str, series: pd.DataFrame, note: str = ""):
    """A plain history chart for a context indicator or a proxy: no target, no projection."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(6.4, 3.2), dpi=110)
    ax.plot(*gapped(series), "-", color="#6a51a3", lw=1.8)
    ax.plot(series["year"], series["value"], "o", color="#6a51a3", ms=3.5)
    ax.set_title(f"{title_zh}\n{title_en}", fontsize=10)
    ax.set_ylabel(unit)
    ax.grid(alpha=0.3)
    plain_number_axes(ax)
    if note:
        fig.text(0.01, 0.005, note, fontsize=7, color="#555")
    fig.tight_layout(rect=(0, 0.04 if note else 0, 1, 1))
    return fig


CO2_COLOURS = {"co2_emissions_carbon_monitor": "#d95f02", "co2_emissions_ceads": "#1b9e77"}


def co2_sources_chart(data: Dataset, since: int = 2005):
    """The headline chart: CO2 on each source as its own line (never spliced), Chinese first."""
    from analysis.assess.headline import CO2_SOURCES

    use_cjk_font()
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=110)
    for indicator, (name_en, name_zh) in CO2_SOURCES.items():
        obs = data.observations(indicator)
        obs = obs[obs["year"] >= since]
        if obs.empty:
            continue
        colour = CO2_COLOURS.get(indicator, "#333")
        ax.plot(*gapped(obs), "-", color=colour, lw=2, label=f"{name_zh}\n{name_en}")
        ax.plot(obs["year"], obs["value"], "o", color=colour, ms=4)
        top = obs.loc[obs["value"].idxmax()]
        ax.plot([top["year"]], [top["value"]], "*", color=colour, ms=12, mec="white")
    ax.axvline(2030, color="#d7301f", ls=":", lw=1.5, label="2030年前达峰 peak before 2030")
    ax.set_title(
        "广东二氧化碳排放：两个来源并列，不拼接\nGuangdong's CO2 on two sources, side by side, never spliced",
        fontsize=11,
    )
    ax.set_ylabel("Mt CO2")
    ax.grid(alpha=0.3)
    plain_number_axes(ax)
    ax.legend(loc="lower right", fontsize=7.5, framealpha=0.9)
    fig.text(
        0.01,
        0.005,
        "★ 迄今最高 highest so far · 来源 Source: data/series.csv, data/monthly.csv (CEADs; Carbon "
        "Monitor, yearly sums of complete years)",
        fontsize=7,
        color="#555",
    )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig
