"""Models, backtests and calibrated intervals of the forecasting engine."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.forecast import models as M
from analysis.forecast.backtest import (
    FLAT_SCALE,
    ZERO_SCALE,
    backtest_errors,
    backtest_mase,
    forecasts_with_combination,
    mase_scale,
    rolling_origin,
    skill,
    smape,
)
from analysis.forecast.calibration import LEVELS, MEDIAN, WINDOW, pooled_table
from analysis.forecast.descriptions import model_text
from analysis.forecast.engine import (
    ForecastInputError,
    TargetYearNotAhead,
    TooFewPoints,
    forecast,
)

RNG = np.random.default_rng(7)
NOISY = 100 + np.cumsum(3 + RNG.normal(0, 2, 20))
# growth that levels off
BENDING = 50 + 100 * (1 - np.exp(-np.arange(20) / 6)) + RNG.normal(0, 0.5, 20)


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


def test_drift_takes_all_the_weight_unless_damped_was_clearly_better():
    n = 8
    # damped no better, or better by a margin lost in the noise: drift alone
    assert M.weights_from_backtest({"drift": np.ones(n), "damped": np.ones(n)})["damped"] == 0
    noisy = {"drift": np.ones(n), "damped": 1 + np.array([1, -1] * (n // 2)) * 0.5 - 0.05}
    assert M.advantage(noisy)[1] < M.CLEAR_ADVANTAGE
    assert M.weights_from_backtest(noisy) == {"drift": 1.0, "damped": 0.0}
    # too short a record, however clear: drift alone
    short = {"drift": np.full(M.MIN_ORIGINS - 1, 2.0), "damped": np.full(M.MIN_ORIGINS - 1, 1.0)}
    assert M.weights_from_backtest(short)["damped"] == 0
    assert M.weights_from_backtest(None) == {"drift": 1.0, "damped": 0.0}


def test_a_clear_advantage_gets_the_shrunk_inverse_squared_error_weight():
    clear = {"drift": np.full(10, 2.0), "damped": np.full(10, 1.0)}  # half the error every time
    assert M.advantage(clear) == (10, np.inf)
    w = M.weights_from_backtest(clear)
    shrink = 10 / (10 + M.PRIOR_ORIGINS)
    assert w["damped"] == pytest.approx(0.8 * shrink)
    assert w["drift"] == pytest.approx(1 - w["damped"])
    longer = {m: np.tile(v, 3) for m, v in clear.items()}  # the same edge over a longer record
    assert M.weights_from_backtest(longer)["damped"] > w["damped"]
    assert M.weights_from_backtest(longer)["damped"] < 0.8
    perfect = {"drift": np.full(5, 1.0), "damped": np.zeros(5)}
    assert M.weights_from_backtest(perfect)["damped"] == pytest.approx(5 / (5 + M.PRIOR_ORIGINS))


def test_combination_is_the_weighted_mean_of_members_within_the_bounds():
    f = {"drift": np.array([10.0]), "damped": np.array([20.0])}
    assert M.combine(f, {"drift": 0.8, "damped": 0.2}).tolist() == pytest.approx([12.0])
    previous = {"naive": np.array([1.0]), "drift": np.array([5.0]), "damped": np.array([3.0])}
    assert M.median_of(previous, M.PREVIOUS_DEFAULT).tolist() == [3.0]
    # a steep fall: drift would run below zero; the combination mixes the members clipped at 0
    falling = np.concatenate([np.linspace(100, 60, 12), [58, 57, 56.5, 56.2]])
    weights = {"drift": 0.5, "damped": 0.5}
    out = forecasts_with_combination(falling, 30, 0.0, None, weights=weights)
    members = {m: np.clip(out[m], 0, None) for m in weights}
    assert out["combination"] == pytest.approx(M.combine(members, weights))


def test_rolling_origin_uses_only_the_past():
    y = np.arange(1, 13, dtype=float) ** 2
    bt = rolling_origin(y, 3)
    first = bt[(bt["origin"] == 5) & (bt["model"] == "naive")]
    assert first["forecast"].tolist() == [25, 25, 25]  # the last of the first 5 points
    assert first["actual"].tolist() == [36, 49, 64]


def test_windowed_backtest_fits_only_the_last_figures_and_starts_with_a_full_window():
    y = np.arange(1, 21, dtype=float) ** 2
    bt = rolling_origin(y, 2, window=8, only=("drift",))
    assert bt["origin"].min() == 8
    row = bt[(bt["origin"] == 10) & (bt["model"] == "drift") & (bt["h"] == 1)].iloc[0]
    assert row["forecast"] == pytest.approx(100 + (100 - 9) / 7)  # drift over y[2:10] only


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


def test_pooled_table_is_centred_and_never_narrows_with_the_horizon():
    table = pooled_table()
    assert table.shape == (10, len(LEVELS))
    assert np.all(np.diff(table, axis=1) >= 0)
    assert np.all(table[:, MEDIAN] == 0)
    for i in range(MEDIAN):  # every central interval, 1 % to 99 %
        width = table[:, len(LEVELS) - 1 - i] - table[:, i]
        assert np.all(np.diff(width) >= 0)
    assert np.all(np.diff(table[:, -20] - table[:, 19]) > 0)  # the 80 % band truly widens


def test_calibration_window_is_the_books_default_history():
    from analysis.assess.targets import Settings

    assert WINDOW == Settings().history_years


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


@pytest.mark.parametrize("sign", [1, -1], ids=["rising", "falling"])
def test_paths_follow_the_calibrated_quantiles_at_every_horizon(sign):
    """Issue 14.1: for falling series the paths' skew used to be mirrored."""
    fc = forecast(range(2010, 2024), 500 + sign * (NOISY[:14] - 100), 2035)
    paths = fc.sample_paths(40000)
    for h, year in enumerate(fc.years):
        for level in (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95):
            spread = fc.quantile(year, 0.95) - fc.quantile(year, 0.05)
            empirical = np.quantile(paths[:, h], level)
            assert empirical == pytest.approx(fc.quantile(year, level), abs=0.02 * spread)
    assert fc.direction == sign


def test_projection_is_the_median_of_its_own_distribution():
    """Issue 14.2: the printed point, the band and P(meet) come from one distribution."""
    for values in (NOISY, 1000 - NOISY, NOISY[:6]):
        fc = forecast(range(2024 - len(values), 2024), values, 2035)
        for year in fc.years:
            assert fc.quantile(year, 0.5) == pytest.approx(fc.point_at(year))
            assert fc.prob_at_least(year, fc.point_at(year)) == pytest.approx(0.5, abs=0.01)
            lo, hi = fc.interval(year, 0.8)
            assert lo <= fc.point_at(year) <= hi


def test_explanation_shows_each_models_projection_error_and_weight():
    fc = forecast(range(2004, 2024), BENDING, 2030)
    rows = fc.explanation(2030)
    by_model = {r["model"]: r for r in rows}
    assert set(by_model) == {*M.MODEL_NAMES, "combination"} - {"logit"}
    own = backtest_errors(BENDING)
    weights = {m: r["weight"] for m, r in by_model.items() if m != "combination"}
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights["drift"] > 0 and weights["damped"] > 0 and weights["naive"] == 0
    assert by_model["drift"]["backtest_mase"] == pytest.approx(own["drift"].mean())
    assert backtest_mase(BENDING)["damped"] == pytest.approx(own["damped"].mean())
    assert weights == pytest.approx({m: 0.0 for m in weights} | M.weights_from_backtest(own))
    weighted = sum(w * by_model[m]["projection"] for m, w in weights.items())
    assert by_model["combination"]["projection"] == pytest.approx(weighted)
    lo, hi = by_model["combination"]["interval_80"]
    assert (lo, hi) == pytest.approx(fc.interval(2030, 0.8))
    assert f"takes {weights['damped']:.0%}" in by_model["combination"]["description"]


def test_explanation_says_why_drift_stands_alone():
    fc = forecast(range(2004, 2024), NOISY, 2030)  # a steady trend with noise: drift did better
    rows = {r["model"]: r for r in fc.explanation(2030)}
    assert rows["drift"]["weight"] == 1.0 and rows["damped"]["weight"] == 0.0
    assert rows["combination"]["projection"] == pytest.approx(rows["drift"]["projection"])
    assert "drift alone" in rows["combination"]["description"]


def test_explanation_of_a_short_series_has_no_backtest_and_drift_alone():
    fc = forecast(range(2019, 2024), [1.0, 2, 4, 5, 7], 2025)
    rows = {r["model"]: r for r in fc.explanation(2025)}
    assert rows["drift"]["backtest_mase"] is None
    assert rows["drift"]["weight"] == 1.0 and rows["damped"]["weight"] == 0.0
    assert "at least 8 consecutive figures" in rows["combination"]["description"]


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_values_that_are_not_finite_are_refused_naming_the_series(bad):
    values = list(NOISY[:10])
    values[4] = bad
    with pytest.raises(ForecastInputError, match="wind capacity.*2014"):
        forecast(range(2010, 2020), values, 2030, name="wind capacity")


def test_a_year_not_after_the_last_figure_is_refused_not_forecast_one_year_ahead():
    for year in (2019, 2015):
        with pytest.raises(TargetYearNotAhead, match="co2.*not after the last figure"):
            forecast(range(2010, 2020), NOISY[:10], year, name="co2")


def test_too_few_consecutive_points_raise_their_own_exception():
    with pytest.raises(TooFewPoints, match="solar: too few consecutive") as caught:
        forecast([2010, 2012, 2020, 2021, 2022, 2023], [1, 2, 3, 4, 5, 6], 2030, name="solar")
    assert isinstance(caught.value, ValueError)  # older callers catching ValueError still work
    with pytest.raises(TooFewPoints):
        forecast([], [], 2030)


def test_flat_and_all_zero_series_get_the_documented_scale():
    flat = forecast(range(2015, 2024), [40.0] * 9, 2030)
    assert flat.scale == pytest.approx(40 * FLAT_SCALE)
    assert flat.point_at(2030) == pytest.approx(40)
    lo, hi = flat.interval(2030, 0.8)
    assert lo < 40 < hi and hi - lo < 40
    zero = forecast(range(2015, 2024), [0.0] * 9, 2030, lower=0.0)
    assert zero.scale == ZERO_SCALE == mase_scale(np.zeros(9))
    assert zero.point_at(2030) == 0 and zero.interval(2030, 0.8)[0] == 0


def test_shipped_calibration_table_is_reproducible_byte_for_byte():
    from analysis.forecast.calibration import TABLE_FILE, calibrate_from_m3, table_text
    from analysis.forecast.m3 import load_m3
    from analysis.paths import shared_dir

    if not (shared_dir() / "data" / "benchmarks" / "m3_yearly.csv").exists():
        pytest.skip("shared M3 data not present")
    table, counts = calibrate_from_m3(load_m3())
    assert table_text(table, counts).encode("utf-8") == TABLE_FILE.read_bytes()


def test_explanation_rows_name_their_fields_and_where_each_interval_came_from():
    """Every row has the same fields; the combination's weight is 1 and it has no backtest of its own.
    From 2023 the table covers h = 1 … 10: 2033 is 'M3 backtests', 2034 (h = 11) is extrapolated."""
    fc = forecast(range(2004, 2024), NOISY, 2034)
    rows = fc.explanation(2033)
    fields = {"model", "description", "description_zh", "projection", "backtest_mase", "weight"}
    for r in rows[:-1]:
        assert set(r) == fields and r["description"] == model_text(r["model"]).en
        assert r["description_zh"] == model_text(r["model"]).zh
    last = rows[-1]
    assert set(last) == fields | {"interval_80", "interval_source"}
    assert (last["model"], last["weight"], last["backtest_mase"]) == ("combination", 1.0, None)
    # the combination says why it weighs what it does (the sentences: test_weighing_*)
    assert last["description"] == f"{model_text('combination').en}: {fc.weighing()}"
    assert last["description_zh"] == f"{model_text('combination').zh}：{fc.weighing('zh')}"
    assert last["interval_source"] == "M3 backtests"
    assert fc.explanation(2034)[-1]["interval_source"] == "M3 backtests, extrapolated"
    assert fc.explanation(2024)[-1]["interval_source"] == "M3 backtests"


def test_weights_of_tiny_backtest_errors_do_not_overflow():
    """Found by hypothesis: MASE values near 1e-275 overflowed (1e-275)^-2 to inf and the weights to
    NaN. The weights depend only on the ratio of the errors. Five origins, drift's error twice
    damped's at each (a constant advantage: t = +inf): damped's raw weight is
    (1/1**2) / (1/2**2 + 1/1**2) = 0.8, shrunk by 5 / (5 + 10) to 4/15, at any scale."""
    for scale in (1.0, 1e-275):
        per_origin = {"drift": np.full(5, 2 * scale), "damped": np.full(5, 1 * scale)}
        w = M.weights_from_backtest(per_origin)
        assert w["damped"] == pytest.approx(4 / 15) and w["drift"] == pytest.approx(11 / 15)
    fc = forecast(
        range(2000, 2006), [0.0, 0, 0, 0, 0, 3.66879530190735e-275], 2040, lower=0.0, upper=100.0
    )
    assert np.all(np.isfinite(fc.point)) and np.all(fc.point >= 0)


WEIGHING = [  # (facts of the backtest set by hand, the English sentence, the Chinese one)
    pytest.param(
        {"origins": 2, "n_fitted": 7, "advantage": 9.0},
        "drift alone (a backtest needs at least 8 consecutive figures; this series has 7)",
        "只用漂移（回测至少需要8个连续数据，本序列只有7个）",
        id="short",
    ),
    *[
        pytest.param(
            {"origins": 3, "advantage": t},
            "drift alone: over 3 backtest origins damped trend did no better than drift",
            "只用漂移：在3个回测起点上，阻尼趋势并不比漂移好",
            id=f"none t={t}",
        )
        for t in (-0.2, 0.0)
    ],
    *[
        pytest.param(
            {"origins": 15, "advantage": t},
            f"drift alone: over 15 backtest origins damped trend was better by only {shown} "
            "standard errors (more than 0.5 needed)",
            f"只用漂移：在15个回测起点上，阻尼趋势只好{shown}个标准误（需要超过0.5个）",
            id=f"small t={t}",
        )
        for t, shown in ((0.34, "0.3"), (0.5, "0.5"))
    ],
    pytest.param(
        {"origins": 12, "advantage": 1.26, "damped": 0.3},
        "damped trend was better over 12 backtest origins (by 1.3 standard errors), so it takes "
        "30%: its weight 1/MASE² shrunk by 12/(12+10) for the length of the record",
        "在12个回测起点上阻尼趋势更好（1.3个标准误），因此占30%：其权重1/MASE²按记录长度乘以"
        "12/(12+10)收缩",
        id="clear",
    ),
    pytest.param(
        {"origins": 12, "advantage": float("inf"), "damped": 0.3},
        "damped trend was better over 12 backtest origins (by the same margin at every origin), so "
        "it takes 30%: its weight 1/MASE² shrunk by 12/(12+10) for the length of the record",
        "在12个回测起点上阻尼趋势更好（在每个起点上都好同样多），因此占30%：其权重1/MASE²按记录长度"
        "乘以12/(12+10)收缩",
        id="clear, the same margin at every origin",
    ),
]


@pytest.mark.parametrize(("facts", "en", "zh"), WEIGHING)
def test_weighing_states_the_rule_and_its_numbers_in_one_sentence(facts, en, zh):
    """One sentence per branch of the rule, in English and in Chinese (the same branch, the same
    numbers), on a forecast whose backtest facts are set by hand: fewer than 3 origins (a backtest
    needs 5 + 3 = 8 figures), no advantage (t <= 0), too small an advantage (0 < t <= 0.5), and a
    clear one, stated with its weight and the shrinkage n/(n+10)."""
    from dataclasses import replace

    fc = forecast(range(2004, 2024), NOISY, 2030)
    assert (fc.origins, fc.n_fitted) == (15, 20)  # origins at 5, 6, …, 19 figures
    facts = dict(facts)
    if "damped" in facts:
        facts["weights"] = fc.weights | {"damped": facts.pop("damped")}
    fc = replace(fc, **facts)
    assert fc.weighing() == en
    assert fc.weighing("zh") == zh


def test_input_errors_name_the_series_and_say_what_is_wrong():
    """Each refusal's whole message (the book shows it to an analyst as the reason)."""
    with pytest.raises(
        ForecastInputError, match=r"^wind: years and values differ in length \(3 and 4\)$"
    ):
        forecast([2020, 2021, 2022], [1.0, 2, 3, 4], 2030, name="wind")
    with pytest.raises(TooFewPoints, match="^wind: no figures to forecast from$"):
        forecast([], [], 2030, name="wind")
    with pytest.raises(ForecastInputError, match="^wind: years must be whole numbers$"):
        forecast([2019, 2020, 2020.5, 2021, 2022], [1.0, 2, 3, 4, 5], 2030, name="wind")
    with pytest.raises(ForecastInputError, match="^wind: a year appears twice$"):
        forecast([2019, 2020, 2020, 2021, 2022], [1.0, 2, 3, 4, 5], 2030, name="wind")
    with pytest.raises(
        ForecastInputError, match="^wind: values must be finite numbers, got 2011: nan$"
    ):
        forecast(range(2010, 2015), [1.0, None, 3, 4, 5], 2030, name="wind")  # a missing value
    bad = [np.nan, np.inf, 3, np.nan, np.nan, -np.inf, np.nan, 8]  # six bad values: five are shown
    with pytest.raises(ForecastInputError) as err:
        forecast(range(2010, 2018), bad, 2030, name="wind")
    assert str(err.value) == (
        "wind: values must be finite numbers, got 2010: nan, 2011: inf, 2013: nan, 2014: nan, 2015: -inf"
    )
    with pytest.raises(TargetYearNotAhead) as err:
        forecast(range(2015, 2020), [1.0, 2, 3, 4, 5], 2019)
    assert str(err.value) == (  # without a name the series is called 'series'
        "series: 2019 is not after the last figure (2019); answer it from the published figure, not "
        "from a forecast"
    )
    with pytest.raises(
        TooFewPoints, match=r"^series: too few consecutive yearly points \(1 since 2020"
    ):
        forecast(
            [2015, 2016, 2017, 2018, 2020], [1.0, 2, 3, 4, 5], 2030
        )  # the gap leaves 2020 alone


def test_years_outside_the_forecast_are_refused_by_name_and_span():
    fc = forecast(range(2014, 2024), [100.0 + 10 * i for i in range(10)], 2030, name="co2")
    assert fc.last_value == 190 and fc.name == "co2"
    for year in (2023, 2031):
        with pytest.raises(
            KeyError, match=rf"co2: year {year} is outside the forecast \(2024-2030\)"
        ):
            fc.point_at(year)


def test_latest_run_is_the_stretch_after_the_last_gap():
    """2010-2018 then 2020-2021: the run is 2020-2021, however long the run before the gap."""
    from analysis.forecast.engine import latest_run

    years, values = latest_run([2021, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2020],
                               [21.0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20])  # fmt: skip
    assert years.tolist() == [2020, 2021] and values.tolist() == [20, 21]
    years, values = latest_run([2016, 2017, 2018, 2020], [1.0, 2, 3, 4])
    assert years.tolist() == [2020] and values.tolist() == [4]


SHARE_RISING = [60.0, 70, 78, 85, 90, 94, 96, 97.5, 98.5, 99.2]  # 2014-2023, towards 100 %


def test_members_and_backtest_keep_to_the_bounds():
    """Every model's forecast is clipped to the bounds (drift alone would run past 100 % and below
    0); the series' own backtest scores the clipped forecasts, as the combination uses them."""
    up = forecast(range(2014, 2024), SHARE_RISING, 2035, lower=0.0, upper=100.0)
    free = forecast(range(2014, 2024), SHARE_RISING, 2035)
    assert free.members["drift"].max() > 100 and up.members["drift"].max() == 100
    assert all(m.max() <= 100 for m in up.members.values())
    assert up.backtest == pytest.approx(backtest_mase(np.array(SHARE_RISING), None, 0.0, 100.0))
    assert up.backtest["drift"] < free.backtest["drift"]  # clipping towards the truth helps
    falling = [40.0 - v * 0.4 for v in SHARE_RISING]  # 16 … 0.32, falling towards 0
    down = forecast(range(2014, 2024), falling, 2035, lower=0.0, upper=100.0)
    assert forecast(range(2014, 2024), falling, 2035).members["drift"].min() < 0
    assert down.members["drift"].min() == 0 and all(m.min() >= 0 for m in down.members.values())
    assert down.backtest == pytest.approx(backtest_mase(np.array(falling), None, 0.0, 100.0))


def test_probability_at_and_beyond_the_bounds():
    """The line 50, 55, …, 95 (2014-2023) projects to exactly 100 in 2024 (h = 1, scale 5): P(≥ 100),
    the upper bound itself, is P(E ≥ 0) = 0.5 (the table's median is 0); above the bound it is 0.
    The falling line 100, 90, …, 10 projects to 0 in 2024: P(≥ 0), the lower bound, is 1 (every
    value is at least the bound). P(≥ 5): z = 5 / 10 = 0.5, signed along the fall −0.5, which lies
    between q1(0.335) = −0.507482 and q1(0.340) = −0.486972: P(E ≥ −0.5) = 1 − (0.335 + 0.005 ×
    0.007482/0.02051) = 0.663176, so P(≥ 5) = 1 − 0.663176 = 0.336824."""
    rising = forecast(range(2014, 2024), [50.0 + 5 * i for i in range(10)], 2024, 0.0, 100.0)
    assert rising.point_at(2024) == pytest.approx(100)
    assert rising.prob_at_least(2024, 100) == pytest.approx(0.5)
    assert rising.prob_at_least(2024, 100.5) == 0.0
    falling = forecast(range(2014, 2024), [100.0 - 10 * i for i in range(10)], 2024, 0.0, 100.0)
    assert falling.point_at(2024) == pytest.approx(0)
    assert falling.prob_at_least(2024, 0) == 1.0 and falling.prob_at_least(2024, -1) == 1.0
    assert falling.prob_at_least(2024, 5) == pytest.approx(0.336824, abs=1e-6)


def test_sample_paths_keep_to_the_table_and_move_like_a_random_walk():
    """The line 100, 110, …, 190 (2014-2023) projects 200 in 2024 (h = 1, scale 10). Paths are read
    off the table, clipped to its extreme levels 0.005 and 0.995: in 2024 none is below
    200 + 10 × q1(0.005) = 200 − 56.4649 = 143.5351 or above 200 + 10 × q1(0.995) = 251.4544, and
    with 4,000 paths about 20 sit at each edge. Horizons 1 and 2 are tied like a random walk
    (correlation √(1/2) of the normal scores), a rank correlation of (6/π)·asin(√(1/2)/2) = 0.690."""
    from scipy import stats as st

    fc = forecast(range(2014, 2024), [100.0 + 10 * i for i in range(10)], 2030)
    paths = fc.sample_paths(4000)
    assert paths.shape == (4000, 7)
    assert paths[:, 0].min() == pytest.approx(143.5351) and paths[:, 0].max() == pytest.approx(
        251.4544
    )
    assert 5 < (paths[:, 0] == paths[:, 0].min()).sum() < 40
    rho = st.spearmanr(paths[:, 0], paths[:, 1]).statistic
    assert rho == pytest.approx(0.690, abs=0.03)
    assert np.array_equal(paths, fc.sample_paths(4000))  # the same paths every time (fixed seed)


WANDER = np.array([99.8, 98.3, 99.6, 95.1, 98.7, 98.7, 99.3, 99.0, 102.0, 100.2, 101.9, 101.5])
LEVELLING = np.array(
    [53.1, 68.3, 90.0, 101.9, 112.5, 121.0, 124.7, 132.3, 135.2, 144.4, 142.1, 143.1]
)


def test_ses_is_statsmodels_simple_exponential_smoothing_with_the_best_grid_alpha():
    """statsmodels as the reference: SES from the first figure, one-step squared errors over the
    rest, the alpha of the grid with the least of them (here 0.45, inside the grid), its last level."""
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    fits = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for alpha in M._ALPHAS:
            model = SimpleExpSmoothing(
                WANDER[1:], initialization_method="known", initial_level=WANDER[0]
            )
            fits[alpha] = model.fit(smoothing_level=alpha, optimized=False)
    best = min(fits, key=lambda a: fits[a].sse)
    assert best == pytest.approx(0.45)
    assert M.ses(WANDER) == pytest.approx((best, fits[best].forecast(1)[0]))


def test_damped_is_statsmodels_damped_holt_with_the_best_grid_parameters():
    """statsmodels as the reference: Holt's damped trend from level y0 and trend y1 − y0, the grid
    point with the least one-step squared error, and its forecast h = 1 … 6."""
    from statsmodels.tsa.holtwinters import Holt

    fits = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for a, b, p in M._DAMPED_GRID:
            model = Holt(LEVELLING[1:], damped_trend=True, initialization_method="known",
                         initial_level=LEVELLING[0], initial_trend=LEVELLING[1] - LEVELLING[0])  # fmt: skip
            fits[a, b, p] = model.fit(
                smoothing_level=a, smoothing_trend=b, damping_trend=p, optimized=False
            )
    best = min(fits, key=lambda k: fits[k].sse)
    assert 0 < best[1] < best[0] < 1 and best[2] < 1  # a damped, smoothed trend, inside the grid
    assert M.damped(LEVELLING, 6) == pytest.approx(fits[best].forecast(6))


def test_logit_follows_a_logistic_path_between_bounds_other_than_zero():
    """Between 10 and 60 (span 50), y = 10 + 50 / (1 + e^−z) with z = −2 + 0.5 t (t = 0 … 9): the logit
    line is fitted exactly and continues from z = 2.5: h = 1, 2, 3 give z = 3, 3.5, 4, i.e.
    10 + 50 × 0.952574 = 57.6287, 10 + 50 × 0.970688 = 58.5344 and 10 + 50 × 0.982014 = 59.1007."""
    z = -2 + 0.5 * np.arange(10)
    y = 10 + 50 / (1 + np.exp(-z))
    assert M.logit(y, 3, 10.0, 60.0) == pytest.approx([57.6287, 58.5344, 59.1007], abs=1e-4)


def test_logit_of_a_share_that_touches_its_bounds_stays_finite_and_inside():
    """A share at 0 % and at 100 % (its bounds) is held 0.1 % of the span inside them, so the
    logit stays finite."""
    touching = np.array([0.0, 10, 30, 60, 85, 95, 99, 100, 100, 100])
    f = M.logit(touching, 5, 0.0, 100.0)
    assert np.all(np.isfinite(f)) and np.all((f > 99) & (f < 100))
    assert np.all(np.isfinite(M.logit(touching[::-1], 5, 0.0, 100.0)))


def test_loglinear_is_steady_percentage_growth_and_needs_positive_figures():
    """0.5 × 1.1^t (t = 0 … 9), values below 1 included: the next three are 0.5 × 1.1^10 = 1.29687,
    0.5 × 1.1^11 = 1.42656 and 0.5 × 1.1^12 = 1.56921. A zero or a negative figure: no log, no model."""
    y = 0.5 * 1.1 ** np.arange(10)
    assert M.loglinear(y, 3) == pytest.approx([1.29687, 1.42656, 1.56921], abs=1e-5)
    assert M.loglinear(np.array([0.0, 1, 2, 3, 4]), 2) is None
    assert M.loglinear(np.array([-1.0, 1, 2, 3, 4]), 2) is None


def test_loglinear_never_overflows_or_reaches_zero():
    """The log-line is held within ±700 (e^±700 is about 1e±304) so runaway growth or collapse gives
    huge or tiny but finite, positive numbers."""
    t = np.arange(10)
    assert np.all(np.isfinite(M.loglinear(np.exp(50.0 * t), 10)))
    assert np.all(M.loglinear(np.exp(-50.0 * t), 10) > 0)


def test_advantage_is_the_mean_gain_in_standard_errors():
    """Gains (drift's error minus damped's) 1 and 2: mean 1.5, standard deviation √0.5, standard
    error √0.5 / √2 = 0.5, so t = 3. Gains 1 and 3: sd √2, se 1, t = 2. One origin: no spread to
    measure, t = 0; a missing model or no backtest: (0, 0)."""
    assert M.advantage({"drift": [2.0, 3.0], "damped": [1.0, 1.0]}) == pytest.approx((2, 3.0))
    assert M.advantage({"drift": [2.0, 4.0], "damped": [1.0, 1.0]}) == pytest.approx((2, 2.0))
    assert M.advantage({"drift": [2.0], "damped": [1.0]}) == (1, 0.0)
    assert M.advantage({"drift": [1.0, 1.0], "damped": [2.0, 2.0]}) == (2, 0.0)  # constant loss
    for missing in ({"drift": [2.0, 3.0]}, {"damped": [1.0, 1.0]}, {}, None):
        assert M.advantage(missing) == (0, 0.0)


def test_the_rule_at_its_edges_three_origins_and_exactly_half_a_standard_error():
    """Three origins, damped half drift's error at each: t = +inf, raw weight 0.8, shrunk by
    3 / (3 + 10): 2.4 / 13 = 0.184615. Gains 3.5, −0.5, −0.5, −0.5: mean 0.5, sd 2, se 1, so
    t = 0.5 exactly, which is not more than 0.5: drift alone."""
    three = {"drift": np.full(3, 2.0), "damped": np.full(3, 1.0)}
    assert M.weights_from_backtest(three)["damped"] == pytest.approx(2.4 / 13)
    edge = {"drift": np.array([4.5, 0.5, 0.5, 0.5]), "damped": np.ones(4)}
    assert M.advantage(edge) == (4, 0.5)
    assert M.weights_from_backtest(edge) == {"drift": 1.0, "damped": 0.0}


def test_explanation_of_a_bounded_share_includes_the_logit_model():
    """With both bounds the logit line is one of the models shown, its projection that of
    models.logit on the fitted figures."""
    fc = forecast(range(2014, 2024), SHARE_RISING, 2030, lower=0.0, upper=100.0)
    rows = {r["model"]: r for r in fc.explanation(2030)}
    assert set(rows) == {*M.MODEL_NAMES, "combination"}
    expected = M.logit(np.array(SHARE_RISING), 7, 0.0, 100.0)[-1]
    assert rows["logit"]["projection"] == pytest.approx(expected) and rows["logit"]["weight"] == 0


def test_theta_is_ses_plus_half_the_trend_with_the_published_adjustment():
    """Hyndman & Billah (2003), theta = 2: SES forecast + ½ b0 (h − 1 + 1/α − (1 − α)^n / α), with b0
    the least-squares slope. On WANDER (n = 12) the grid's α is 0.45 (see the SES test); the SES level
    and the slope come from statsmodels and numpy, the formula is written out here."""
    from statsmodels.tsa.holtwinters import SimpleExpSmoothing

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SimpleExpSmoothing(
            WANDER[1:], initialization_method="known", initial_level=WANDER[0]
        )
        level = model.fit(smoothing_level=0.45, optimized=False).forecast(1)[0]
    b0 = np.polyfit(np.arange(12), WANDER, 1)[0]
    h = np.arange(1, 5)
    expected = level + 0.5 * b0 * (h - 1 + 1 / 0.45 - (1 - 0.45) ** 12 / 0.45)
    assert M.theta(WANDER, 4) == pytest.approx(expected, rel=1e-9)
