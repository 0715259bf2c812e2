"""Models, backtests and calibrated intervals of the forecasting engine."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import models as M
from analysis.backtest import rolling_origin, skill, smape
from analysis.calibration import LEVELS, OWN_MIN, error_quantiles, pooled_table
from analysis.engine import forecast

RNG = np.random.default_rng(7)
NOISY = 100 + np.cumsum(3 + RNG.normal(0, 2, 20))


def test_theta_matches_statsmodels():
    from statsmodels.tsa.forecasting.theta import ThetaModel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ThetaModel(NOISY, period=1, deseasonalize=False).fit().forecast(6).to_numpy()
    assert M.theta(NOISY, 6) == pytest.approx(reference, rel=0.01)


def test_naive_and_drift_are_what_they_say():
    y = np.array([1.0, 3.0, 4.0, 7.0])
    assert M.naive(y, 3).tolist() == [7, 7, 7]
    assert M.drift(y, 2).tolist() == [9, 11]


def test_damped_trend_flattens_and_holt_reproduces_a_line():
    line = np.arange(10, 30, dtype=float)
    assert M.damped(line, 5) == pytest.approx([30, 31, 32, 33, 34])
    bent = np.array([10, 20, 28, 34, 38, 40, 41, 41.5, 41.8, 42], dtype=float)
    steps = np.diff(M.damped(bent, 6))
    assert np.all(steps <= 1.0)


def test_logit_model_never_leaves_its_bounds():
    share = np.array([60, 70, 78, 85, 90, 94, 96, 97.5], dtype=float)
    f = M.logit(share, 30, 0.0, 100.0)
    assert np.all((f > 0) & (f < 100)) and f[-1] > share[-1]
    assert M.logit(share, 3, None, None) is None
    assert M.loglinear(np.array([1.0, -1.0, 2, 3, 4]), 2) is None


def test_combination_is_the_median_of_its_members():
    f = {"naive": np.array([1.0]), "drift": np.array([5.0]), "damped": np.array([3.0])}
    assert M.combine(f, ("naive", "drift", "damped")).tolist() == [3.0]


def test_rolling_origin_uses_only_the_past():
    y = np.arange(1, 13, dtype=float) ** 2
    bt = rolling_origin(y, 3)
    first = bt[(bt["origin"] == 5) & (bt["model"] == "naive")]
    assert first["forecast"].tolist() == [25, 25, 25]  # the last of the first 5 points
    assert first["actual"].tolist() == [36, 49, 64]


def test_skill_gives_owa_one_for_naive():
    errors = pd.DataFrame(
        {
            "series": ["a"] * 4,
            "model": ["naive", "naive", "drift", "drift"],
            "forecast": [1, 2, 1, 2],
            "actual": [2, 2, 1, 2],
            "scale": [1, 1, 1, 1],
        }
    )
    table = skill(errors)
    assert table.loc["naive", "owa"] == pytest.approx(1.0)
    assert table.loc["drift", "owa"] == pytest.approx(0.0)
    assert smape([100], [100])[0] == 0 and smape([0], [0])[0] == 0


def test_pooled_table_is_monotone_and_widens_with_horizon():
    table = pooled_table()
    assert table.shape == (10, len(LEVELS))
    assert np.all(np.diff(table, axis=1) >= 0)
    width = table[:, -20] - table[:, 19]  # 90 % - 10 % quantile
    assert np.all(np.diff(width) > 0)


def test_own_errors_are_used_only_when_there_are_enough():
    long = 100 + np.cumsum(RNG.normal(1, 1, 60))
    own = rolling_origin(long, 2)
    quantiles = error_quantiles(own, 12)
    assert quantiles.source[0] == "own backtest" and (own["h"] == 1).sum() >= OWN_MIN
    assert quantiles.source[9] == "pooled M3 table"
    assert quantiles.source[11] == "pooled M3 table, extrapolated"


def test_falling_series_gets_the_mirror_image_of_a_rising_one():
    up = forecast(range(2010, 2024), NOISY[:14], 2030)
    down = forecast(range(2010, 2024), 1000 - NOISY[:14], 2030)
    lo_up, hi_up = up.interval(2030, 0.8)
    lo_down, hi_down = down.interval(2030, 0.8)
    assert 1000 - hi_down == pytest.approx(lo_up) and 1000 - lo_down == pytest.approx(hi_up)
    assert down.prob_at_least(2030, 1000 - up.point_at(2030)) == pytest.approx(
        1 - up.prob_at_least(2030, up.point_at(2030)), abs=0.02
    )


def test_probability_falls_as_the_threshold_rises():
    fc = forecast(range(2004, 2024), NOISY, 2030)
    probs = [
        fc.prob_at_least(2030, t)
        for t in np.linspace(fc.point_at(2030) - 80, fc.point_at(2030) + 80, 9)
    ]
    assert all(a >= b for a, b in zip(probs, probs[1:], strict=False))
    assert probs[0] > 0.9 and probs[-1] < 0.1


def test_paths_follow_the_calibrated_marginals():
    fc = forecast(range(2004, 2024), NOISY, 2030)
    paths = fc.sample_paths(20000)
    lo, hi = fc.interval(2030, 0.8)
    inside = np.mean((paths[:, -1] >= lo) & (paths[:, -1] <= hi))
    assert inside == pytest.approx(0.8, abs=0.02)


def test_shipped_calibration_table_is_reproducible_from_m3_training_data(tmp_path):
    from analysis.calibration import calibrate_from_m3, write_table
    from analysis.m3 import load_m3
    from analysis.paths import shared_dir

    if not (shared_dir() / "data" / "benchmarks" / "m3_yearly.csv").exists():
        pytest.skip("shared M3 data not present")
    table, counts = calibrate_from_m3(load_m3())
    write_table(table, counts, tmp_path / "t.csv")
    pooled_table.cache_clear()
    assert pooled_table(tmp_path / "t.csv") == pytest.approx(pooled_table(), rel=1e-5)
