"""Rolling-origin backtests and the accuracy measures of the M3/M4 competitions.

A backtest refits every model on the first ``n`` years for each origin ``n`` and compares its
forecasts with the years that follow. Errors are also kept *scaled* by the in-sample mean absolute
yearly change (the MASE denominator) and signed along the direction the series moved in its
training window, which makes them comparable across rising and falling series: the interval
calibration pools these scaled errors per horizon.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .models import COMBINATION, combine, forecast_all

MIN_TRAIN = 5  # fewest points any model is fitted to (and the book's minimum for a projection)


def mase_scale(y: np.ndarray) -> float:
    """Mean absolute one-step naive error in sample; a flat series falls back to its level."""
    y = np.asarray(y, dtype=float)
    scale = float(np.mean(np.abs(np.diff(y)))) if len(y) > 1 else 0.0
    if scale > 0:
        return scale
    level = float(np.mean(np.abs(y))) if len(y) else 0.0
    return level * 0.01 if level > 0 else 1.0


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


def forecasts_with_combination(
    y: np.ndarray, h: int, lower: float | None = None, upper: float | None = None
) -> dict[str, np.ndarray]:
    forecasts = forecast_all(y, h, lower, upper)
    forecasts["combination"] = clip(combine(forecasts, COMBINATION), lower, upper)
    return forecasts


def clip(values: np.ndarray, lower: float | None, upper: float | None) -> np.ndarray:
    return np.clip(values, -np.inf if lower is None else lower, np.inf if upper is None else upper)


def rolling_origin(
    y: np.ndarray,
    h_max: int,
    lower: float | None = None,
    upper: float | None = None,
    min_train: int = MIN_TRAIN,
    max_origins: int | None = None,
) -> pd.DataFrame:
    """Errors of every model at every origin and horizon: one row per (origin, model, h)."""
    y = np.asarray(y, dtype=float)
    origins = list(range(min_train, len(y)))
    if max_origins is not None:
        origins = origins[-max_origins:]
    keys = ("origin", "model", "h", "forecast", "actual", "scale", "direction")
    cols: dict[str, list] = {k: [] for k in keys}
    for origin in origins:
        train, horizon = y[:origin], min(h_max, len(y) - origin)
        actual = y[origin : origin + horizon]
        scale, sign = mase_scale(train), direction(train)
        for model, forecast in forecasts_with_combination(train, horizon, lower, upper).items():
            cols["origin"].append(np.full(horizon, origin))
            cols["model"].append(np.full(horizon, model, dtype=object))
            cols["h"].append(np.arange(1, horizon + 1))
            cols["forecast"].append(forecast)
            cols["actual"].append(actual)
            cols["scale"].append(np.full(horizon, scale))
            cols["direction"].append(np.full(horizon, sign))
    if not cols["h"]:
        return pd.DataFrame(columns=[*cols, "scaled_error"])
    out = pd.DataFrame({k: np.concatenate(v) for k, v in cols.items()})
    # error in units of the yearly change, measured along the series' direction of travel, so that
    # "the trend ran further than forecast" means the same for rising and falling series
    out["scaled_error"] = (out["actual"] - out["forecast"]) / out["scale"] * out["direction"]
    return out


def skill(errors: pd.DataFrame) -> pd.DataFrame:
    """sMAPE, MASE and OWA (vs the naive forecast, i.e. Naive2 on yearly data) per model.

    ``errors`` has columns series, model, forecast, actual, scale (one row per point forecast).
    Means are taken per series first, then across series, as in the competitions. A model that
    applies to only some series (e.g. the bounded logit trend) is compared with naive on those same
    series, so its OWA is not flattered or penalised by the others.
    """
    e = errors.assign(
        smape=smape(errors["actual"], errors["forecast"]),
        mase=np.abs(errors["actual"] - errors["forecast"]) / errors["scale"],
    )
    per_series = e.groupby(["model", "series"])[["smape", "mase"]].mean()
    table = per_series.groupby("model").mean()
    if "naive" in table.index:
        naive = per_series.loc["naive"]
        owa = {}
        for model in table.index:
            mine = per_series.loc[model]
            base = naive.loc[naive.index.intersection(mine.index)].mean()
            owa[model] = 0.5 * (
                mine["smape"].mean() / base["smape"] + mine["mase"].mean() / base["mase"]
            )
        table["owa"] = pd.Series(owa)
    return table
