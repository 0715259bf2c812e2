"""The headline question: will Guangdong's CO2 peak before 2030? A coherence check beside the model.

The statistical peak assessment extrapolates the emissions series itself. This module asks the same
question another way: CO2 = (CO2 per unit of real GDP) × real GDP. If the intensity keeps falling at
its recent rate and the economy grows at its recent rates, do emissions rise or fall, and when does
the decline of intensity overtake growth?
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.loader import Dataset

INTENSITY_WINDOW = 10  # years of CO2 intensity used for its trend
GROWTH_WINDOW = 5  # most recent years of real GDP growth used for the growth path


@dataclass(frozen=True)
class Coherence:
    intensity_years: tuple[int, int]
    intensity_rate: float  # % per year, log-linear trend of CO2 per unit of real GDP
    growth_years: tuple[int, int]
    growth_low: float
    growth_mean: float
    growth_high: float

    def implied(self, growth: float) -> float:
        """Implied yearly change of CO2 (%) for a real growth rate (%)."""
        return ((1 + growth / 100) * (1 + self.intensity_rate / 100) - 1) * 100

    def _implications(self) -> tuple[float, float, float, float]:
        """Implied yearly CO2 change at the low, mean and high growth, and the growth (%) at which
        emissions stop rising: the numbers both languages state."""
        lo, mid, hi = (
            self.implied(g) for g in (self.growth_low, self.growth_mean, self.growth_high)
        )
        return lo, mid, hi, -self.intensity_rate / (1 + self.intensity_rate / 100)

    def text_zh(self) -> str:
        """The check in Chinese, the same numbers as :meth:`text`."""
        lo, mid, hi, turn = self._implications()
        return (
            f"{self.intensity_years[0]}—{self.intensity_years[1]}年，单位实际地区生产总值二氧化碳排放年均下降"
            f"{-self.intensity_rate:.1f}%（CEADs排放量÷按公布的实际增长率链接的实际地区生产总值指数）。"
            f"{self.growth_years[0]}—{self.growth_years[1]}年实际地区生产总值年均增长{self.growth_mean:.1f}%"
            f"（介于{self.growth_low:.1f}%与{self.growth_high:.1f}%之间）。若两者延续，排放量每年将变化"
            f"{mid:+.1f}%（在这一增长区间内为{lo:+.1f}%至{hi:+.1f}%）。实际增长率降到每年约{turn:.1f}%以下，"
            "或强度下降更快，排放即停止上升。"
        )

    def text(self) -> str:
        lo, mid, hi, turn = self._implications()
        return (
            f"From {self.intensity_years[0]} to {self.intensity_years[1]}, CO2 per unit of real GDP fell "
            f"{-self.intensity_rate:.1f} % a year (CEADs emissions ÷ an index of real GDP built from the "
            f"published growth rates). Real GDP grew {self.growth_mean:.1f} % a year on average in "
            f"{self.growth_years[0]}-{self.growth_years[1]} (between {self.growth_low:.1f} % and "
            f"{self.growth_high:.1f} %). If both continued, emissions would change by {mid:+.1f} % a year "
            f"(from {lo:+.1f} % to {hi:+.1f} % across that range of growth). Emissions stop rising once real "
            f"growth falls below about {turn:.1f} % a year, or the intensity falls faster."
        )


def real_gdp_index(data: Dataset) -> pd.Series:
    """An index of real GDP (first year = 100), chained from the published real growth rates."""
    growth = data.observations("gdp_real_growth").set_index("year")["value"].sort_index()
    years = growth.index.tolist()
    if years != list(range(years[0], years[-1] + 1)):
        raise ValueError("real growth rates have gaps; the index cannot be chained")
    index = 100 * np.cumprod(1 + growth.iloc[1:].to_numpy() / 100)
    return pd.Series([100.0, *index], index=years, name="real_gdp_index")


def co2_intensity(data: Dataset) -> pd.Series:
    co2 = data.observations("co2_emissions_ceads").set_index("year")["value"]
    gdp = real_gdp_index(data)
    both = pd.concat([co2, gdp], axis=1, keys=["co2", "gdp"]).dropna()
    return (both["co2"] / both["gdp"]).rename("co2_per_real_gdp")


def coherence(data: Dataset) -> Coherence:
    intensity = co2_intensity(data).iloc[-INTENSITY_WINDOW:]
    slope = np.polyfit(intensity.index.to_numpy(), np.log(intensity.to_numpy()), 1)[0]
    growth = data.observations("gdp_real_growth").set_index("year")["value"].iloc[-GROWTH_WINDOW:]
    return Coherence(
        (int(intensity.index[0]), int(intensity.index[-1])),
        float((np.exp(slope) - 1) * 100),
        (int(growth.index[0]), int(growth.index[-1])),
        float(growth.min()),
        float(growth.mean()),
        float(growth.max()),
    )


# ---------------------------------------------------------------- the peak on each CO2 source
CO2_SOURCES = {  # indicator -> how the book names the source
    "co2_emissions_carbon_monitor": (
        "Carbon Monitor (model estimate, monthly, from 2019)",
        "Carbon Monitor（模型估算，逐月，2019年起）",
    ),
    "co2_emissions_ceads": (
        "CEADs inventory (IPCC sectoral, yearly, to 2019)",
        "CEADs清单（IPCC部门法，逐年，至2019年）",
    ),
}


@dataclass(frozen=True)
class PeakOnSource:
    indicator: str
    name_en: str
    name_zh: str
    first_year: int
    last_year: int
    peak_year: int
    peak_value: float
    last_change: float | None  # % change of the latest year on the year before
    probability: float | None
    status: str
    tier: str


def peaks_by_source(target: pd.Series, data: Dataset, settings) -> list[PeakOnSource]:
    """The peak target assessed on every CO2 source side by side (never spliced into one series)."""
    from analysis.assess.targets import assess_target

    out = []
    for indicator, (name_en, name_zh) in CO2_SOURCES.items():
        obs = data.observations(indicator)
        if settings.last_data_year is not None:
            obs = obs[obs["year"] <= settings.last_data_year]
        if obs.empty:
            continue
        a = assess_target(pd.Series({**target.to_dict(), "indicator": indicator}), data, settings)
        top = obs.loc[obs["value"].idxmax()]
        change = (obs["value"].iloc[-1] / obs["value"].iloc[-2] - 1) * 100 if len(obs) > 1 else None
        out.append(
            PeakOnSource(
                indicator,
                name_en,
                name_zh,
                int(obs["year"].iloc[0]),
                int(obs["year"].iloc[-1]),
                int(top["year"]),
                float(top["value"]),
                change,
                a.probability,
                a.status,
                a.tier,
            )
        )
    return out


def peak_words(peaks: list[PeakOnSource], partial=None, year: int = 2030) -> tuple[str, str]:
    """(Chinese, English) plain words: which year is highest so far, the latest direction, how far
    each source reaches, and the probability of a peak by the target year on each."""
    zh, en = [], []
    for p in peaks:
        move_en = (
            ""
            if p.last_change is None
            else f"; in {p.last_year} it {'fell' if p.last_change < 0 else 'rose'} {abs(p.last_change):.1f} %"
        )
        move_zh = (
            ""
            if p.last_change is None
            else f"，{p.last_year}年较上年{'下降' if p.last_change < 0 else '上升'}{abs(p.last_change):.1f}%"
        )
        prob_en = (
            ""
            if p.probability is None
            else f"; {p.probability:.0%} chance of a peak by {year} ({p.status})"
        )
        prob_zh = "" if p.probability is None else f"；{year}年前达峰概率{p.probability:.0%}"
        en.append(
            f"{p.name_en}, {p.first_year}–{p.last_year}: highest so far in {p.peak_year} "
            f"({p.peak_value:,.1f} Mt){move_en}{prob_en}."
        )
        zh.append(
            f"{p.name_zh}，{p.first_year}—{p.last_year}年：迄今最高为{p.peak_year}年"
            f"（{p.peak_value:,.1f}百万吨）{move_zh}{prob_zh}。"
        )
    if partial is not None and partial.change is not None:
        en.append(
            f"Carbon Monitor, {partial.label}: {partial.total:,.1f} Mt, {partial.change:+.1f} % on "
            f"the same months of {partial.year - 1} (an incomplete year, never shown as a full one)."
        )
        zh.append(
            f"Carbon Monitor {partial.year}年1—{partial.months}"
            f"月：{partial.total:,.1f}百万吨，较{partial.year - 1}年"
            f"同期{'下降' if partial.change < 0 else '上升'}{abs(partial.change):.1f}%（非完整年份）。"
        )
    return " ".join(zh), " ".join(en)
