"""The regional-peaking chapter's analysis: county-level units ranked by CO2 in the latest year of
CEADs' county inventory (``data/county_co2.csv``), beside the year in which each had its highest
figure. The ranking is a table (every unit, in the CSV); the chart draws the largest.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from analysis.data.loader import Dataset
from analysis.pages.analysis_display import (
    Analysis,
    Note,
    missing_note,
    mpl_text,
    picture_source_line,
    sources_of,
)
from analysis.pages.small_multiples import finish, style


def county_table(data: Dataset) -> pd.DataFrame | None:
    """The county figures of the data folder (data/county_co2.csv), or None without the file."""
    from analysis.data.county import load_county

    return load_county(data.data_dir, set(data.sources["id"]))


def county_rank(counties: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """One row per county-level unit, largest CO2 in ``year`` (default: the latest) first, with
    the year of its highest figure and whether that is the year ranked."""
    year = int(counties["year"].max()) if year is None else year
    upto = counties[counties["year"] <= year]
    first = int(upto["year"].min())
    rows = []
    for code, g in upto.groupby("county_code", sort=True):
        g = g.sort_values("year")
        now = g[g["year"] == year]
        if now.empty:
            continue
        top = g.loc[g["value"].idxmax()]
        r = now.iloc[0]
        rows.append(
            {
                "county_code": code,
                "county_zh": r["county_zh"],
                "county_en": r["county_en"],
                "city_zh": r["city_zh"],
                "city_en": r["city_en"],
                "year": year,
                "value": float(r["value"]),
                "unit": r["unit"],
                "highest_year": int(top["year"]),
                "highest_value": float(top["value"]),
                "years": f"{first}-{year}",
                "highest_in_ranked_year": int(top["year"]) == year,
                "source_id": r["source_id"],
            }
        )
    frame = pd.DataFrame(rows).sort_values(["value", "county_code"], ascending=[False, True])
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)


def highest_year_counts(ranking: pd.DataFrame) -> pd.DataFrame:
    """How many county-level units had their highest figure in each year of the span."""
    first, last = (int(y) for y in ranking["years"].iloc[0].split("-"))
    counts = ranking["highest_year"].value_counts()
    return pd.DataFrame(
        {
            "year": range(first, last + 1),
            "units": [int(counts.get(y, 0)) for y in range(first, last + 1)],
        }
    )


def county_ranking(data: Dataset, year: int | None = None, top: int = 20) -> Analysis:
    """Counties ranked by CO2 in the latest year of CEADs' county inventory (the ``top`` largest
    drawn, every one in the CSV), beside how many had their highest figure in each year."""
    title = (
        "各县区二氧化碳排放排名（CEADs县级清单）",
        "County CO2 ranking (CEADs county inventory)",
    )
    counties = county_table(data)
    if counties is None or counties.empty:
        return Analysis(
            "county-ranking",
            14,
            *title,
            notes=[
                missing_note(
                    "县级二氧化碳排放",
                    "county-level CO2",
                    "data/county_co2.csv（运行 python -m analysis import-data，由 shared/data/raw/ceads/ 的"
                    "县级清单导入）",
                    "data/county_co2.csv (run python -m analysis import-data, which imports the county "
                    "inventory in shared/data/raw/ceads/)",
                )
            ],
        )
    ranking = county_rank(counties, year)
    counts = highest_year_counts(ranking)
    year = int(ranking["year"].iloc[0])
    first = int(counts["year"].min())
    sources = sources_of(data, ranking["source_id"])
    shown = ranking.head(top).copy()
    shown["label"] = [
        f"{mpl_text(z)}（{mpl_text(c)}）"
        for z, c in zip(shown["county_zh"], shown["city_zh"], strict=True)
    ]  # noqa: E501
    now_zh, earlier_zh = f"{year}年最高 highest in {year}", "更早年份最高 highest earlier"
    shown["when"] = [now_zh if h else earlier_zh for h in shown["highest_in_ranked_year"]]
    unit = str(ranking["unit"].iloc[0])
    with style():
        fig, (left, right) = plt.subplots(
            1, 2, figsize=(10, 0.28 * len(shown) + 2.2), gridspec_kw={"width_ratios": [1.5, 1]}
        )
        sns.barplot(
            shown,
            x="value",
            y="label",
            hue="when",
            hue_order=[now_zh, earlier_zh],
            palette={now_zh: "#d95f02", earlier_zh: "#7570b3"},
            dodge=False,
            ax=left,
            orient="h",
        )
        left.set_title(
            f"{year}年排放最多的{len(shown)}个县区\nThe {len(shown)} largest emitters in {year}",
            fontsize=9.5,
            loc="left",
        )
        left.set_xlabel(mpl_text(unit), fontsize=9)
        left.set_ylabel("")
        left.tick_params(labelsize=8)
        left.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        left.legend(loc="lower right", fontsize=7.5, framealpha=0.9)
        counts_shown = counts.assign(
            when=[now_zh if y == year else earlier_zh for y in counts["year"]]
        )
        sns.barplot(
            counts_shown,
            x="year",
            y="units",
            hue="when",
            hue_order=[now_zh, earlier_zh],
            palette={now_zh: "#d95f02", earlier_zh: "#7570b3"},
            dodge=False,
            ax=right,
            legend=False,
        )
        right.set_title(
            f"各县区{first}—{year}年间排放最高的年份\nYear of each unit's highest "
            f"figure, {first}-{year}",
            fontsize=9.5,
            loc="left",
        )
        right.set_xlabel("")
        right.set_ylabel("县区数 county-level units", fontsize=9)
        right.tick_params(labelsize=8)
        for bars in right.containers:
            right.bar_label(bars, fontsize=7.5, padding=1)
    finish(fig, *title, picture_source_line(sources, "data/county_co2.csv, data/sources.csv"))
    notes = [
        Note(
            f"按{year}年排放量排序的全部{len(ranking)}个县级单位见CSV；“最高年份”只指{first}—{year}"
            "年内数值最高的一年，不等于已经达峰。",
            f"All {len(ranking)} county-level units, ranked by their {year} emissions, are in the CSV. "
            f"'Year of the highest figure' is only the highest year within {first}-{year}: it is not a "
            "peak.",
        ),
        Note(
            "副本未注明单位，按CEADs县级清单的单位读作Mt CO2；"
            "县级清单由省级清单降尺度得到，县区之和不必等于省级清单。",
            "The copy prints no unit: read as Mt CO2, the unit of CEADs' county inventories. The county "
            "inventory is downscaled, so the counties need not add up to the provincial inventory.",
        ),
    ]
    analysis = Analysis("county-ranking", 14, *title, fig, None, ranking, sources, notes)
    analysis.extra = {"highest_year_counts": counts}
    return analysis
