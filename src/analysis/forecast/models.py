"""Forecasting models for short yearly series (5-25 points), written for speed and clarity.

Each model maps a history ``y`` (consecutive years) to point forecasts for horizons ``1..h``.
They are vectorised numpy so that thousands of rolling-origin backtests run in seconds; the Theta
method is checked against statsmodels' ``ThetaModel`` in the tests.

- ``naive``: the last value (Naive2 for yearly data, the M4 benchmark).
- ``drift``: random walk with drift (the average yearly change).
- ``damped``: Holt's linear trend with a damped trend (Gardner & McKenzie), fitted by least squares
  on a parameter grid.
- ``theta``: the Theta method (Assimakopoulos & Nikolopoulos 2000), i.e. simple exponential
  smoothing plus half the slope of the linear trend (Hyndman & Billah 2003).
- ``loglinear``: a straight line fitted to log(y) on the recent years (positive series only).
- ``logit``: for shares and rates with bounds, a straight line on the logit of the position between
  the bounds, so forecasts never leave them.

The engine's projection starts from random walk with drift and moves towards damped trend only
when this very series' rolling-origin backtest shows damped trend clearly better
(:func:`weights_from_backtest`): drift is the model that is hard to beat on yearly data of every
kind, damped trend wins on some kinds (populations, industries) and loses on others (firms, finance,
tourism), and a short record cannot tell which kind a series is. The rule and its three settings were
chosen on the training parts of the M3 yearly series and on the book's own series, never on the M3
test values (see ``benchmarks/forecast_skill.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

MODEL_NAMES = ["naive", "drift", "damped", "theta", "loglinear", "logit"]
_ALPHAS = np.linspace(0.05, 1.0, 20)
_DAMPED_GRID = np.array(
    [
        (a, b, p)
        for a in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
        for b in (0.01, 0.05, 0.1, 0.2, 0.3)
        for p in (0.8, 0.85, 0.9, 0.94, 0.98, 1.0)
        if b <= a
    ]
)
TREND_WINDOW = 10  # years of history the log-linear and logit trends are fitted to


def naive(y: np.ndarray, h: int) -> np.ndarray:
    return np.full(h, y[-1], dtype=float)


def drift(y: np.ndarray, h: int) -> np.ndarray:
    slope = (y[-1] - y[0]) / (len(y) - 1) if len(y) > 1 else 0.0
    return y[-1] + slope * np.arange(1, h + 1)


def ses(y: np.ndarray) -> tuple[float, float]:
    """Simple exponential smoothing: (alpha, final level) minimising one-step squared errors."""
    level = np.full(len(_ALPHAS), y[0], dtype=float)
    sse = np.zeros(len(_ALPHAS))
    for value in y[1:]:
        err = value - level
        sse += err**2
        level = level + _ALPHAS * err
    best = int(np.argmin(sse))
    return float(_ALPHAS[best]), float(level[best])


def theta(y: np.ndarray, h: int) -> np.ndarray:
    """Theta method with theta=2: SES forecast plus half the OLS trend slope (with SES drift term)."""
    n = len(y)
    t = np.arange(n)
    slope = np.polyfit(t, y, 1)[0] if n > 1 else 0.0
    alpha, level = ses(y)
    steps = np.arange(1, h + 1)
    adjust = steps - 1 + 1 / alpha - ((1 - alpha) ** n) / alpha
    return level + 0.5 * slope * adjust


def damped(y: np.ndarray, h: int) -> np.ndarray:
    """Damped-trend Holt, parameters chosen on a grid by one-step squared error."""
    if len(y) < 3:
        return drift(y, h)
    a, b, p = _DAMPED_GRID[:, 0], _DAMPED_GRID[:, 1], _DAMPED_GRID[:, 2]
    level = np.full(len(a), y[0], dtype=float)
    trend = np.full(len(a), y[1] - y[0], dtype=float)
    sse = np.zeros(len(a))
    for value in y[1:]:
        fitted = level + p * trend
        err = value - fitted
        sse += err**2
        new_level = fitted + a * err
        trend = p * trend + a * b * err
        level = new_level
    best = int(np.argmin(sse))
    phi = p[best]
    damp = np.cumsum(phi ** np.arange(1, h + 1))
    return level[best] + damp * trend[best]


def loglinear(y: np.ndarray, h: int) -> np.ndarray | None:
    if np.any(y <= 0):
        return None
    recent = np.log(y[-TREND_WINDOW:])
    t = np.arange(len(recent))
    slope, intercept = np.polyfit(t, recent, 1)
    future = np.arange(len(recent), len(recent) + h)
    return np.exp(np.clip(intercept + slope * future, -700, 700))


def logit(y: np.ndarray, h: int, lower: float | None, upper: float | None) -> np.ndarray | None:
    if lower is None or upper is None:
        return None
    span = upper - lower
    eps = 1e-3
    p = np.clip((y[-TREND_WINDOW:] - lower) / span, eps, 1 - eps)
    z = np.log(p / (1 - p))
    t = np.arange(len(z))
    slope, intercept = np.polyfit(t, z, 1)
    # anchor at the last observation so the path starts where the data end
    z_future = z[-1] + slope * np.arange(1, h + 1)
    return lower + span / (1 + np.exp(-z_future))


def forecast_all(
    y: np.ndarray,
    h: int,
    lower: float | None = None,
    upper: float | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[str, np.ndarray]:
    """Point forecasts of every model (or of ``only`` these) that applies, in MODEL_NAMES order."""
    y = np.asarray(y, dtype=float)
    fns: dict[str, Callable[[], np.ndarray | None]] = {
        "naive": lambda: naive(y, h),
        "drift": lambda: drift(y, h),
        "damped": lambda: damped(y, h),
        "theta": lambda: theta(y, h),
        "loglinear": lambda: loglinear(y, h),
        "logit": lambda: logit(y, h, lower, upper),
    }
    out = {k: fn() for k, fn in fns.items() if only is None or k in only}
    return {k: v for k, v in out.items() if v is not None}


COMBINED = ("drift", "damped")  # the members of the engine's combination: anchor, challenger
PREVIOUS_DEFAULT = ("naive", "drift", "damped")  # the median rule used until 2026 (a reference)
MIN_ORIGINS = 3  # backtest origins a series needs before any weight moves away from drift
CLEAR_ADVANTAGE = 0.5  # damped must beat drift by this many standard errors over the origins
PRIOR_ORIGINS = 10  # damped's weight is shrunk by n / (n + PRIOR_ORIGINS), n = backtest origins
WEIGHT_POWER = 2  # before shrinking, weights are proportional to 1 / MASE**2 (Bates-Granger)
ModelFn = Callable[[np.ndarray, int], np.ndarray]


def median_of(forecasts: dict[str, np.ndarray], members: tuple[str, ...]) -> np.ndarray:
    """The median, at each horizon, of the member models that apply (the previous default rule)."""
    present = [forecasts[m] for m in members if m in forecasts]
    return np.median(np.vstack(present), axis=0)


def advantage(per_origin: dict[str, np.ndarray] | None) -> tuple[int, float]:
    """(origins, t): how many backtest origins, and by how many standard errors damped trend's
    mean error per origin was below drift's (0 without origins; +inf for a constant advantage)."""
    if not per_origin or "drift" not in per_origin or "damped" not in per_origin:
        return 0, 0.0
    a, b = np.asarray(per_origin["drift"], float), np.asarray(per_origin["damped"], float)
    n = len(a)
    if n < 2:
        return n, 0.0
    gain = a - b
    se = float(np.std(gain, ddof=1) / np.sqrt(n))
    if se == 0:
        return n, float(np.inf) if gain.mean() > 0 else 0.0
    return n, float(gain.mean() / se)


def weights_from_backtest(per_origin: dict[str, np.ndarray] | None) -> dict[str, float]:
    """The engine's weights of drift and damped trend from the series' own backtest.

    ``per_origin`` maps each model to its scaled error (MASE) at each backtest origin. Drift takes
    all the weight unless the series has at least ``MIN_ORIGINS`` origins and damped trend beat
    drift by more than ``CLEAR_ADVANTAGE`` standard errors over them. Then damped trend gets its
    inverse-squared-error weight, shrunk by n / (n + ``PRIOR_ORIGINS``): a short record moves the
    projection only a little away from drift, a long and clear one moves it further.
    """
    n, t = advantage(per_origin)
    if n < MIN_ORIGINS or not t > CLEAR_ADVANTAGE:
        return {"drift": 1.0, "damped": 0.0}
    drift_err = float(np.mean(per_origin["drift"]))
    damped_err = float(np.mean(per_origin["damped"]))
    if damped_err <= 0:
        raw = 1.0
    else:
        errors = np.array([drift_err, damped_err])
        inverse = (errors / errors.min()) ** -float(WEIGHT_POWER)  # scaled first: no overflow
        raw = float(inverse[1] / inverse.sum())
    w = raw * n / (n + PRIOR_ORIGINS)
    return {"drift": 1.0 - w, "damped": w}


def combine(forecasts: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """The weighted mean, at each horizon, of the member forecasts."""
    return sum(w * forecasts[m] for m, w in weights.items())
