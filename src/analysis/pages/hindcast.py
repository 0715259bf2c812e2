"""Hindcasts: the book's own method run as if it were an earlier year, beside what then happened.

For every series with enough figures up to the origin year and a published figure for the outcome
year, the engine projects the outcome year from the data up to the origin only; the table shows the
projection, its interval and the actual figure. This is how a reader learns how far to trust today's
ratings.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.assess.targets import DEFAULT_SETTINGS, Settings, forecast_for
from analysis.data.loader import Dataset


def hindcast(
    data: Dataset, origin: int = 2015, outcome: int = 2020, settings: Settings = DEFAULT_SETTINGS
):
    """One row per series that can be hindcast: projection from data up to ``origin`` vs the outcome."""
    as_of = replace(settings, last_data_year=origin)
    rows = []
    for ind in data.indicators.itertuples():
        obs = data.observations(ind.id).set_index("year")
        if outcome not in obs.index:
            continue
        fc = forecast_for(ind.id, outcome, data, as_of)
        if fc is None or fc.last_year != origin:
            continue
        lo, hi = fc.interval(outcome, as_of.interval_level)
        actual = float(obs.loc[outcome, "value"])
        rows.append({
            "indicator": ind.id, "name_zh": ind.name_zh, "name_en": ind.name_en, "unit": ind.unit,
            "fitted": f"{fc.first_fitted_year}-{fc.last_year}", "projected": fc.point_at(outcome),
            "lower": lo, "upper": hi, "actual": actual, "inside": lo <= actual <= hi,
            "error_pct": 100 * (fc.point_at(outcome) - actual) / actual if actual else float("nan"),
        })  # fmt: skip
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame, level: float = DEFAULT_SETTINGS.interval_level) -> str:
    from analysis.pages.markup import bilingual

    if table.empty:
        return bilingual(
            "没有序列在起点年份之前有足够的数据、同时有结果年份的数据。",
            "No series has enough figures before the origin year and a figure for the outcome year.",
        )
    inside = int(table["inside"].sum())
    median = table["error_pct"].abs().median()
    zh = (
        f"{len(table)}个序列中，有{inside}个（{inside / len(table):.0%}）的结果落在五年前预测的"
        f"{level:.0%}区间之内；预测的绝对误差中位数为{median:.1f}%。"
    )
    return bilingual(zh, (
        f"Of {len(table)} series, the outcome fell inside the {level:.0%} interval projected five years "
        f"earlier for {inside} ({inside / len(table):.0%}); the median absolute error of the projection was "
        f"{median:.1f} %."
    ))  # fmt: skip


def table_markdown(table: pd.DataFrame) -> str:
    from analysis.pages.chapter import num
    from analysis.pages.markup import Md, markdown_table, md

    return markdown_table(
        ["指标 Series", "拟合年份 Fitted on", "预测 Projected", "80%区间 80 % interval", "实际 Actual",
         "是否落在区间内 Inside?"],
        [[Md(f"{md(r.name_zh)}<br>{md(r.name_en)}"), r.fitted, num(r.projected, r.unit),
          f"{num(r.lower)} – {num(r.upper)}", num(r.actual, r.unit), "yes" if r.inside else Md("**no**")]
         for r in table.itertuples()],
    )  # fmt: skip
