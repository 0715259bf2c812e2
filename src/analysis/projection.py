"""Project a short yearly series to a target year, with an interval from the model's own residuals.

The spine uses one honest, simple model: a random walk with drift. Its h-step forecast error
variance is ``h * s^2 * (1 + h / m)`` (``s`` the standard deviation of the m yearly changes, the
second term for the uncertainty of the estimated drift), and quantiles use Student's t with
``m - 1`` degrees of freedom because the samples here are tiny. Bounded indicators (shares) are
clipped to their bounds. The full multi-model engine replaces this module's internals later; its
output type stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import stats

MIN_POINTS = 5


@dataclass(frozen=True)
class Projection:
    """A forecast for the years after the last observation."""

    model: str
    last_year: int
    last_value: float
    years: np.ndarray
    mean: np.ndarray
    scale: np.ndarray  # scale of the t distribution at each horizon
    df: int
    lower_bound: float | None = None
    upper_bound: float | None = None
    drift: float = 0.0
    sigma: float = 0.0
    span: int = 1  # years covered by the fitted changes
    notes: list[str] = field(default_factory=list)

    def _clip(self, values):
        lo = -np.inf if self.lower_bound is None else self.lower_bound
        hi = np.inf if self.upper_bound is None else self.upper_bound
        return np.clip(values, lo, hi)

    def at(self, year: int) -> tuple[float, float]:
        """(mean, scale) for one forecast year."""
        index = int(np.searchsorted(self.years, year))
        if index >= len(self.years) or self.years[index] != year:
            raise KeyError(
                f"year {year} is not in the projection ({self.years[0]}-{self.years[-1]})"
            )
        return float(self.mean[index]), float(self.scale[index])

    def point(self, year: int) -> float:
        return float(self._clip(self.at(year)[0]))

    def interval(self, year: int, level: float) -> tuple[float, float]:
        mean, scale = self.at(year)
        q = stats.t.ppf(0.5 + level / 2, self.df)
        return tuple(float(v) for v in self._clip(np.array([mean - q * scale, mean + q * scale])))

    def band(self, level: float) -> tuple[np.ndarray, np.ndarray]:
        q = stats.t.ppf(0.5 + level / 2, self.df)
        return self._clip(self.mean - q * self.scale), self._clip(self.mean + q * self.scale)

    def prob_at_least(self, year: int, threshold: float) -> float:
        """Probability that the value in ``year`` is at least ``threshold``."""
        mean, scale = self.at(year)
        if scale == 0:
            return float(mean >= threshold)
        return float(stats.t.sf((threshold - mean) / scale, self.df))

    def sample_paths(self, n: int, seed: int = 20220623) -> np.ndarray:
        """Simulated future paths (n x horizon) consistent with the drift model's error growth."""
        rng = np.random.default_rng(seed)
        steps = stats.t.rvs(self.df, size=(n, len(self.years)), random_state=rng) * self.sigma
        drift = self.drift + stats.t.rvs(self.df, size=(n, 1), random_state=rng) * (
            self.sigma / np.sqrt(self.span)
        )
        return self._clip(self.last_value + np.cumsum(drift + steps, axis=1))


def drift_projection(
    years, values, to_year: int, lower_bound: float | None = None, upper_bound: float | None = None
) -> Projection:
    """Fit a random walk with drift to consecutive or gapped yearly values and project to ``to_year``.

    Gaps are handled by using changes per year between observed years (``(y_j - y_i)/(t_j - t_i)``),
    weighted by the gap, so a missing year is never filled in.
    """
    years = np.asarray(years, dtype=int)
    values = np.asarray(values, dtype=float)
    order = np.argsort(years)
    years, values = years[order], values[order]
    if len(years) < MIN_POINTS:
        raise ValueError(f"too few points for a projection ({len(years)} < {MIN_POINTS})")
    gaps = np.diff(years)
    changes = np.diff(values)
    drift = float(changes.sum() / gaps.sum())
    # residual of each change against the drift, standardised to a one-year step
    resid = (changes - drift * gaps) / np.sqrt(gaps)
    m = len(resid)
    sigma = float(np.sqrt((resid**2).sum() / max(m - 1, 1)))
    last_year, last_value = int(years[-1]), float(values[-1])
    horizon = max(to_year - last_year, 1)
    h = np.arange(1, horizon + 1)
    mean = last_value + drift * h
    scale = sigma * np.sqrt(h * (1 + h / gaps.sum()))
    return Projection(
        "random walk with drift",
        last_year,
        last_value,
        last_year + h,
        mean,
        scale,
        max(m - 1, 1),
        lower_bound,
        upper_bound,
        drift,
        sigma,
        int(gaps.sum()),
    )
