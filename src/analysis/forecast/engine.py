"""The forecasting engine every chapter uses: models → combination → calibrated predictive distribution.

:func:`forecast` fits the models to the latest run of consecutive yearly figures. Its projection is
random walk with drift, moved towards damped trend only when a rolling-origin backtest on the
series' own figures shows damped trend clearly better, and only as far as the length of that record
allows (:func:`models.weights_from_backtest`). Around that projection
it places the per-horizon error quantiles of :mod:`calibration`, so that the projection is the
median of the very distribution the band, the probability of meeting a target and the simulated
paths come from. The result answers what the assessment asks: a point, an interval, the
probability of crossing a threshold, simulated paths for peak and cumulative questions, and
:meth:`Forecast.explanation`, how the projection was made.

Bad input raises a subclass of :class:`ForecastInputError` (a ``ValueError``) that names the
series: values that are not finite, a target year that is not after the last figure (answer such a
target from the figure itself), and :class:`TooFewPoints` (the assessment's progress-measure tier).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr  # the normal CDF; scipy.stats would cost 1 s of import per kernel

from analysis.forecast.backtest import (
    MIN_TRAIN,
    backtest_errors,
    clip,
    direction,
    forecasts_with_combination,
    mase_scale,
)
from analysis.forecast.calibration import LEVELS, ErrorQuantiles, error_quantiles
from analysis.forecast.descriptions import model_text
from analysis.forecast.models import (
    CLEAR_ADVANTAGE,
    COMBINED,
    MIN_ORIGINS,
    MODEL_NAMES,
    PRIOR_ORIGINS,
    advantage,
    weights_from_backtest,
)

MODEL_LABEL = (
    "random walk with drift, moved towards damped trend where the series' own backtest clearly "
    "favours it; intervals from backtest errors"
)


class ForecastInputError(ValueError):
    """Input the engine cannot forecast from; the message names the series and the problem."""


class TooFewPoints(ForecastInputError):
    """Fewer consecutive yearly figures than a projection needs (assess them by progress instead)."""


class TargetYearNotAhead(ForecastInputError):
    """The year asked for is not after the last figure: answer from the figure itself."""


@dataclass(frozen=True)
class Forecast:
    last_year: int
    last_value: float
    years: np.ndarray
    point: np.ndarray  # the combination: the median of the predictive distribution
    members: dict[str, np.ndarray]  # every model's point forecast (within the bounds)
    weights: dict[str, float]  # each model's weight in the combination (0 for non-members)
    backtest: dict[str, float]  # each model's backtest MASE on this series (absent if too short)
    origins: int  # backtest origins behind the weights (0 when the series is too short)
    advantage: float  # damped trend's advantage over drift there, in standard errors
    scale: float  # the series' mean absolute yearly change over the fitted figures
    direction: float  # +1 rising, -1 falling over the fitted window: errors are signed along it
    errors: ErrorQuantiles
    lower_bound: float | None
    upper_bound: float | None
    n_fitted: int
    first_fitted_year: int
    name: str = "series"

    def _h(self, year: int) -> int:
        h = int(year) - self.last_year
        if not 1 <= h <= len(self.years):
            raise KeyError(
                f"{self.name}: year {year} is outside the forecast ({self.years[0]}-{self.years[-1]})"
            )
        return h

    def _clip(self, values):
        return clip(np.asarray(values, dtype=float), self.lower_bound, self.upper_bound)

    def _value(self, h: int, u):
        """The predictive distribution's quantile function at horizon h, for levels u in (0, 1)."""
        u = np.asarray(u, dtype=float)
        q = np.interp(u if self.direction > 0 else 1 - u, LEVELS, self.errors.at(h))
        return self._clip(self.point[h - 1] + self.scale * self.direction * q)

    def point_at(self, year: int) -> float:
        """The projection: the median of the predictive distribution in ``year``."""
        return float(self.point[self._h(year) - 1])

    def quantile(self, year: int, level: float) -> float:
        return float(self._value(self._h(year), level))

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
        """Paths (n x horizon) whose yearly marginals are exactly the calibrated distribution.

        Horizons are tied together like a random walk (correlation sqrt(i/j) between horizons i<j),
        through a Gaussian copula, so a path that is high early tends to stay high. Each year's
        value is read off the same quantile function as :meth:`quantile`, falling series included.
        """
        rng = np.random.default_rng(seed)
        horizon = len(self.years)
        walk = np.cumsum(rng.standard_normal((n, horizon)), axis=1) / np.sqrt(
            np.arange(1, horizon + 1)
        )
        u = np.clip(ndtr(walk), LEVELS[0], LEVELS[-1])
        return np.column_stack([self._value(h, u[:, h - 1]) for h in range(1, horizon + 1)])

    def explanation(self, year: int) -> list[dict]:
        """How the projection for ``year`` was made: one row per model, the combination last.

        Each row: ``model``, ``description`` (and ``description_zh``, both from
        :mod:`descriptions`, the catalogue the method chapter quotes too), ``projection`` (to
        ``year``), ``backtest_mase`` (mean error over a rolling-origin backtest on this series'
        fitted figures, in units of its average yearly change; None when the series is too
        short), ``weight`` in the combination.
        The combination's row also carries its 80 % interval, where the interval came from, and in
        its description why the weights are what they are.
        """
        h = self._h(year)
        rows = [
            {
                "model": m,
                "description": model_text(m).en,
                "description_zh": model_text(m).zh,
                "projection": float(self.members[m][h - 1]),
                "backtest_mase": self.backtest.get(m),
                "weight": float(self.weights.get(m, 0.0)),
            }
            for m in MODEL_NAMES
            if m in self.members
        ]
        lo, hi = self.interval(year, 0.8)
        combination = model_text("combination")
        rows.append(
            {
                "model": "combination",
                "description": f"{combination.en}: {self.weighing()}",
                "description_zh": f"{combination.zh}：{self.weighing('zh')}",
                "projection": self.point_at(year),
                "backtest_mase": None,
                "weight": 1.0,
                "interval_80": (lo, hi),
                "interval_source": self.errors.source[h - 1],
            }
        )
        return rows

    def weighing(self, language: str = "en") -> str:
        """Why drift and damped trend weigh what they do here, in one sentence (``language``
        "en" or "zh": the same branch of the rule and the same numbers in either)."""
        words = WEIGHING_WORDS[language]
        n, t = self.origins, self.advantage
        if n < MIN_ORIGINS:
            branch = "short"
        elif t <= 0:
            branch = "none"
        elif t <= CLEAR_ADVANTAGE:
            branch = "small"
        else:
            branch = "clear"
        shown = words["margin"].format(t=t) if np.isfinite(t) else words["every origin"]
        weight = f"{self.weights['damped']:.0%}" if branch == "clear" else ""
        return words[branch].format(
            n=n, needed=MIN_TRAIN + MIN_ORIGINS, fitted=self.n_fitted, shown=shown,
            clear=CLEAR_ADVANTAGE, weight=weight, prior=PRIOR_ORIGINS,
        )  # fmt: skip


# the sentences of :meth:`Forecast.weighing`, one per branch of the rule, in each language
WEIGHING_WORDS = {
    "en": {
        "short": "drift alone (a backtest needs at least {needed} consecutive figures; this series "
        "has {fitted})",
        "none": "drift alone: over {n} backtest origins damped trend did no better than drift",
        "small": "drift alone: over {n} backtest origins damped trend was better by only {shown} "
        "(more than {clear} needed)",
        "clear": "damped trend was better over {n} backtest origins (by {shown}), so it takes "
        "{weight}: its weight 1/MASE² shrunk by {n}/({n}+{prior}) for the length of the record",
        "margin": "{t:.1f} standard errors",
        "every origin": "the same margin at every origin",
    },
    "zh": {
        "short": "只用漂移（回测至少需要{needed}个连续数据，本序列只有{fitted}个）",
        "none": "只用漂移：在{n}个回测起点上，阻尼趋势并不比漂移好",
        "small": "只用漂移：在{n}个回测起点上，阻尼趋势只好{shown}（需要超过{clear}个）",
        "clear": "在{n}个回测起点上阻尼趋势更好（{shown}），因此占{weight}：其权重1/MASE²按记录长度"
        "乘以{n}/({n}+{prior})收缩",
        "margin": "{t:.1f}个标准误",
        "every origin": "在每个起点上都好同样多",
    },
}


def latest_run(years: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The most recent stretch of consecutive years (models assume one value per year, no gaps)."""
    years, values = np.asarray(years, int), np.asarray(values, float)
    order = np.argsort(years, kind="stable")
    years, values = years[order], values[order]
    start = len(years) - 1
    while start > 0 and years[start] - years[start - 1] == 1:
        start -= 1
    return years[start:], values[start:]


def _checked(years, values, name: str) -> tuple[np.ndarray, np.ndarray]:
    years, values = np.asarray(years), np.asarray(values, dtype=float)
    if years.shape != values.shape or years.ndim != 1:
        raise ForecastInputError(
            f"{name}: years and values differ in length ({years.size} and {values.size})"
        )
    if years.size == 0:
        raise TooFewPoints(f"{name}: no figures to forecast from")
    bad = ~np.isfinite(values)
    if bad.any():
        shown = ", ".join(f"{y}: {v}" for y, v in zip(years[bad][:5], values[bad][:5], strict=True))
        raise ForecastInputError(f"{name}: values must be finite numbers, got {shown}")
    if not np.all(np.isfinite(years.astype(float))) or np.any(years.astype(float) % 1):
        raise ForecastInputError(f"{name}: years must be whole numbers")
    years = years.astype(int)
    if len(np.unique(years)) != len(years):
        raise ForecastInputError(f"{name}: a year appears twice")
    return years, values


def forecast(
    years,
    values,
    to_year: int,
    lower: float | None = None,
    upper: float | None = None,
    name: str = "series",
) -> Forecast:
    """Forecast a yearly series to ``to_year`` from its latest run of consecutive figures.

    Raises :class:`TooFewPoints` when that run is shorter than ``MIN_TRAIN``,
    :class:`TargetYearNotAhead` when ``to_year`` is not after its last year, and
    :class:`ForecastInputError` for values that are not finite; every message names ``name``.
    """
    years, values = _checked(years, values, name)
    run_years, run_values = latest_run(years, values)
    if len(run_years) < MIN_TRAIN:
        raise TooFewPoints(
            f"{name}: too few consecutive yearly points ({len(run_years)} since {run_years[0]}; "
            f"at least {MIN_TRAIN} are needed)"
        )
    last = int(run_years[-1])
    if int(to_year) <= last:
        raise TargetYearNotAhead(
            f"{name}: {to_year} is not after the last figure ({last}); "
            "answer it from the published figure, not from a forecast"
        )
    horizon = int(to_year) - last
    per_origin = backtest_errors(run_values, None, lower, upper)
    own = {m: float(np.mean(v)) for m, v in per_origin.items()}
    weights = weights_from_backtest(per_origin)
    origins, edge = advantage(per_origin)
    members = forecasts_with_combination(run_values, horizon, lower, upper, weights=weights)
    point = members.pop("combination")
    return Forecast(
        last_year=last,
        last_value=float(run_values[-1]),
        years=last + np.arange(1, horizon + 1),
        point=point,
        members={m: clip(f, lower, upper) for m, f in members.items()},
        weights={m: weights.get(m, 0.0) for m in members} | {m: weights[m] for m in COMBINED},
        backtest=own,
        origins=origins,
        advantage=edge,
        scale=mase_scale(run_values),
        direction=direction(run_values),
        errors=error_quantiles(horizon),
        lower_bound=lower,
        upper_bound=upper,
        n_fitted=len(run_values),
        first_fitted_year=int(run_years[0]),
        name=name,
    )
