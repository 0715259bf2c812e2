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

from .loader import Dataset

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

    def text(self) -> str:
        lo, mid, hi = (
            self.implied(g) for g in (self.growth_low, self.growth_mean, self.growth_high)
        )
        turn = -self.intensity_rate / (1 + self.intensity_rate / 100)
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
