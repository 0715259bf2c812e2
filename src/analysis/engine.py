"""The forecasting engine every chapter uses: models → combination → calibrated predictive distribution.

:func:`forecast` fits the models to the latest run of consecutive yearly figures, combines them
(the median of naive, drift and damped trend: the rule that scored best on M3 yearly, see the
method chapter), and attaches the per-horizon error quantiles of :mod:`calibration`. The result
answers what the assessment asks: a point, an interval, the probability of crossing a threshold,
and simulated paths for peak questions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from .backtest import (
    MIN_TRAIN,
    clip,
    direction,
    forecasts_with_combination,
    mase_scale,
    rolling_origin,
)
from .calibration import LEVELS, ErrorQuantiles, error_quantiles

MODEL_LABEL = "median of naive, drift and damped trend; intervals from backtest errors"


@dataclass(frozen=True)
class Forecast:
    last_year: int
    last_value: float
    years: np.ndarray
    point: np.ndarray  # the combination
    members: dict[str, np.ndarray]  # every model's point forecast
    scale: float
    direction: float  # +1 rising, -1 falling over the fitted window: errors are signed along it
    errors: ErrorQuantiles
    lower_bound: float | None
    upper_bound: float | None
    n_fitted: int
    first_fitted_year: int

    def _h(self, year: int) -> int:
        h = int(year) - self.last_year
        if not 1 <= h <= len(self.years):
            raise KeyError(
                f"year {year} is outside the forecast ({self.years[0]}-{self.years[-1]})"
            )
        return h

    def _clip(self, values):
        return clip(np.asarray(values, dtype=float), self.lower_bound, self.upper_bound)

    def point_at(self, year: int) -> float:
        return float(self.point[self._h(year) - 1])

    def quantile(self, year: int, level: float) -> float:
        h = self._h(year)
        q = self.errors.quantile(h, level if self.direction > 0 else 1 - level)
        return float(self._clip(self.point[h - 1] + self.scale * self.direction * q))

    def interval(self, year: int, level: float) -> tuple[float, float]:
        return self.quantile(year, (1 - level) / 2), self.quantile(year, (1 + level) / 2)

    def band(self, level: float) -> tuple[np.ndarray, np.ndarray]:
        lo = [self.quantile(y, (1 - level) / 2) for y in self.years]
        hi = [self.quantile(y, (1 + level) / 2) for y in self.years]
        return np.array(lo), np.array(hi)

    def prob_at_least(self, year: int, threshold: float) -> float:
        """P(value in ``year`` >= threshold) under the calibrated predictive distribution."""
        h = self._h(year)
        if self.upper_bound is not None and threshold > self.upper_bound:
            return 0.0
        if self.lower_bound is not None and threshold <= self.lower_bound:
            return 1.0
        z = (threshold - self.point[h - 1]) / self.scale
        if self.direction > 0:
            return self.errors.prob_error_at_least(h, z)
        return 1 - self.errors.prob_error_at_least(h, -z)

    def sample_paths(self, n: int, seed: int = 20220623) -> np.ndarray:
        """Paths (n x horizon) whose yearly marginals follow the calibrated quantiles.

        Horizons are tied together like a random walk (correlation sqrt(i/j) between horizons i<j),
        through a Gaussian copula, so a path that is high early tends to stay high.
        """
        rng = np.random.default_rng(seed)
        horizon = len(self.years)
        walk = np.cumsum(rng.standard_normal((n, horizon)), axis=1) / np.sqrt(
            np.arange(1, horizon + 1)
        )
        u = np.clip(stats.norm.cdf(walk), LEVELS[0], LEVELS[-1])
        paths = np.empty((n, horizon))
        for h in range(1, horizon + 1):
            paths[:, h - 1] = self.point[h - 1] + self.scale * np.interp(
                u[:, h - 1], LEVELS, self.errors.at(h)
            )
        return self._clip(paths)


def latest_run(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The most recent stretch of consecutive years (models assume one value per year, no gaps)."""
    years, values = np.asarray(years, int), np.asarray(values, float)
    order = np.argsort(years)
    years, values = years[order], values[order]
    start = len(years) - 1
    while start > 0 and years[start] - years[start - 1] == 1:
        start -= 1
    return years[start:], values[start:]


def forecast(
    years,
    values,
    to_year: int,
    lower: float | None = None,
    upper: float | None = None,
    backtest_h: int = 10,
) -> Forecast:
    """Forecast a yearly series to ``to_year``; raise ValueError when too few consecutive points."""
    run_years, run_values = latest_run(np.asarray(years), np.asarray(values))
    if len(run_years) < MIN_TRAIN:
        raise ValueError(
            f"too few consecutive yearly points ({len(run_years)} since {run_years[0]}; "
            f"at least {MIN_TRAIN} are needed)"
        )
    horizon = max(int(to_year) - int(run_years[-1]), 1)
    members = forecasts_with_combination(run_values, horizon, lower, upper)
    own = (
        rolling_origin(run_values, backtest_h, lower, upper)
        if len(run_values) > MIN_TRAIN
        else None
    )
    return Forecast(
        last_year=int(run_years[-1]),
        last_value=float(run_values[-1]),
        years=run_years[-1] + np.arange(1, horizon + 1),
        point=members.pop("combination"),
        members=members,
        scale=mase_scale(run_values),
        direction=direction(run_values),
        errors=error_quantiles(own, horizon),
        lower_bound=lower,
        upper_bound=upper,
        n_fitted=len(run_values),
        first_fitted_year=int(run_years[0]),
    )
