"""Rolling-origin backtests, the engine's combination, and the accuracy measures of M3/M4.

A backtest refits a model on the first ``n`` years for each origin ``n`` and compares its
forecasts with the years that follow. The engine uses backtests twice: on the series itself, to
decide how far to move from drift towards damped trend (:func:`combination_weights`), and on the
training parts of the M3 yearly series, to calibrate its intervals (:mod:`calibration`). Errors
are also kept *scaled* by the in-sample mean absolute yearly change (the MASE denominator) and
signed along the direction the series moved in its training window, which makes them comparable
across rising and falling series.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.forecast.models import (
    COMBINED,
    PREVIOUS_DEFAULT,
    combine,
    forecast_all,
    median_of,
    weights_from_backtest,
)

MIN_TRAIN = 5  # fewest points any model is fitted to (and the book's minimum for a projection)
INNER_H = 6  # horizons of the series' own backtest that weighs the combination (as in M3)
FLAT_SCALE = 0.01  # a series that never changed: its scale is 1 % of its mean absolute level
ZERO_SCALE = 1.0  # a series that is zero throughout: one unit of the indicator


def mase_scale(y: np.ndarray) -> float:
    """Mean absolute yearly change in sample: the unit in which errors and intervals are measured.

    A flat series has no yearly change to measure by, so it gets ``FLAT_SCALE`` times its mean
    absolute level (its intervals are narrow but not empty); an all-zero series gets ``ZERO_SCALE``
    (one unit of its indicator).
    """
    y = np.asarray(y, dtype=float)
    scale = float(np.mean(np.abs(np.diff(y)))) if len(y) > 1 else 0.0
    if scale > 0:
        return scale
    level = float(np.mean(np.abs(y))) if len(y) else 0.0
    return level * FLAT_SCALE if level > 0 else ZERO_SCALE


def direction(y: np.ndarray) -> float:
    """+1 if the series rose over its window, -1 if it fell (errors are measured along this)."""
    return -1.0 if len(y) > 1 and y[-1] < y[0] else 1.0


def smape(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Symmetric MAPE in percent, per point (the M3/M4 definition)."""
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    denom = np.abs(actual) + np.abs(forecast)
    return np.where(
        denom == 0, 0.0, 200 * np.abs(actual - forecast) / np.where(denom == 0, 1, denom)
    )


def clip(values: np.ndarray, lower: float | None, upper: float | None) -> np.ndarray:
    return np.clip(values, -np.inf if lower is None else lower, np.inf if upper is None else upper)


def backtest_errors(
    y: np.ndarray,
    models: tuple[str, ...] | None = None,
    lower: float | None = None,
    upper: float | None = None,
    h_max: int = INNER_H,
    min_train: int = MIN_TRAIN,
) -> dict[str, np.ndarray]:
    """Each model's scaled absolute error at every origin of a backtest on ``y`` itself.

    Origins run from ``min_train`` points to the last but one; each forecasts up to ``h_max``
    years, and its error is the mean absolute error over them divided by the training part's mean
    absolute yearly change (one MASE per origin). Empty when ``y`` is too short for one origin.
    """
    y = np.asarray(y, dtype=float)
    errors: dict[str, list[float]] = {}
    for origin in range(min_train, len(y)):
        train, actual = y[:origin], y[origin : origin + h_max]
        scale = mase_scale(train)
        for model, f in forecast_all(train, len(actual), lower, upper, only=models).items():
            errors.setdefault(model, []).append(
                float(np.mean(np.abs(actual - clip(f, lower, upper)))) / scale
            )
    return {m: np.array(v) for m, v in errors.items()}


def backtest_mase(
    y: np.ndarray,
    models: tuple[str, ...] | None = None,
    lower: float | None = None,
    upper: float | None = None,
    h_max: int = INNER_H,
    min_train: int = MIN_TRAIN,
) -> dict[str, float]:
    """Each model's mean scaled absolute error over the origins of :func:`backtest_errors`."""
    errors = backtest_errors(y, models, lower, upper, h_max, min_train)
    return {m: float(np.mean(v)) for m, v in errors.items()}


def combination_weights(
    y: np.ndarray, lower: float | None = None, upper: float | None = None
) -> dict[str, float]:
    """The engine's weights of drift and damped trend on this series (see weights_from_backtest)."""
    return weights_from_backtest(backtest_errors(y, COMBINED, lower, upper))


def forecasts_with_combination(
    y: np.ndarray,
    h: int,
    lower: float | None = None,
    upper: float | None = None,
    weights: dict[str, float] | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[str, np.ndarray]:
    """Point forecasts of the models (or ``only`` these, plus the members) and the "combination"."""
    y = np.asarray(y, dtype=float)
    weights = combination_weights(y, lower, upper) if weights is None else weights
    wanted = None if only is None else tuple({*only, *COMBINED})
    forecasts = forecast_all(y, h, lower, upper, only=wanted)
    # each member within the bounds first, so a drift that runs below zero cannot drag its partner
    members = {m: clip(forecasts[m], lower, upper) for m in weights}
    forecasts["combination"] = clip(combine(members, weights), lower, upper)
    if only is not None:
        forecasts = {k: v for k, v in forecasts.items() if k in only or k == "combination"}
    return forecasts


def previous_default(y: np.ndarray, h: int) -> np.ndarray:
    """The median of naive, drift and damped trend: the engine's rule until 2026, kept as a reference."""
    return median_of(forecast_all(y, h, only=PREVIOUS_DEFAULT), PREVIOUS_DEFAULT)


def rolling_origin(
    y: np.ndarray,
    h_max: int,
    lower: float | None = None,
    upper: float | None = None,
    min_train: int = MIN_TRAIN,
    max_origins: int | None = None,
    window: int | None = None,
    only: tuple[str, ...] | None = None,
    partial_windows: bool = False,
) -> pd.DataFrame:
    """Errors of every model at every origin and horizon: one row per (origin, model, h).

    With ``window``, each origin fits only its last ``window`` points and origins start only once
    that many are available (the way the book calls the engine, on its last ``history_years``);
    with ``partial_windows`` too, origins start at ``min_train`` and fit at most ``window`` points.
    The column ``n_fitted`` says how many.
    """
    y = np.asarray(y, dtype=float)
    first = min_train if window is None or partial_windows else max(min_train, window)
    origins = list(range(first, len(y)))
    if max_origins is not None:
        origins = origins[-max_origins:]
    keys = ("origin", "model", "h", "forecast", "actual", "scale", "direction", "n_fitted")
    cols: dict[str, list] = {k: [] for k in keys}
    for origin in origins:
        train = y[:origin] if window is None else y[max(0, origin - window) : origin]
        horizon = min(h_max, len(y) - origin)
        actual = y[origin : origin + horizon]
        scale, sign = mase_scale(train), direction(train)
        forecasts = forecasts_with_combination(train, horizon, lower, upper, only=only)
        for model, forecast in forecasts.items():
            cols["origin"].append(np.full(horizon, origin))
            cols["model"].append(np.full(horizon, model, dtype=object))
            cols["h"].append(np.arange(1, horizon + 1))
            cols["forecast"].append(forecast)
            cols["actual"].append(actual)
            cols["scale"].append(np.full(horizon, scale))
            cols["direction"].append(np.full(horizon, sign))
            cols["n_fitted"].append(np.full(horizon, len(train)))
    if not cols["h"]:
        return pd.DataFrame(columns=[*cols, "scaled_error"])
    out = pd.DataFrame({k: np.concatenate(v) for k, v in cols.items()})
    # error in units of the yearly change, measured along the series' direction of travel, so that
    # "the trend ran further than forecast" means the same for rising and falling series
    out["scaled_error"] = (out["actual"] - out["forecast"]) / out["scale"] * out["direction"]
    return out


def skill(errors: pd.DataFrame, reference: str = "naive") -> pd.DataFrame:
    """sMAPE, MASE and OWA (vs ``reference``: naive, i.e. Naive2 on yearly data) per model.

    ``errors`` has columns series, model, forecast, actual, scale (one row per point forecast).
    Means are taken per series first, then across series, as in the competitions. A model that
    applies to only some series (e.g. the bounded logit trend) is compared with the reference on
    those same series, so its OWA is not flattered or penalised by the others.
    """
    e = errors.assign(
        smape=smape(errors["actual"], errors["forecast"]),
        mase=np.abs(errors["actual"] - errors["forecast"]) / errors["scale"],
    )
    per_series = e.groupby(["model", "series"])[["smape", "mase"]].mean()
    table = per_series.groupby("model").mean()
    if reference in table.index:
        base_all = per_series.loc[reference]
        owa = {}
        for model in table.index:
            mine = per_series.loc[model]
            base = base_all.loc[base_all.index.intersection(mine.index)].mean()
            owa[model] = 0.5 * (
                mine["smape"].mean() / base["smape"] + mine["mase"].mean() / base["mase"]
            )
        table["owa"] = pd.Series(owa)
    return table
