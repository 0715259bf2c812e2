"""Assessment on synthetic series whose right answer is known."""

from __future__ import annotations

import re

import numpy as np
import pytest

from analysis.assess.targets import Settings, assess_target, meets
from analysis.forecast.engine import forecast
from analysis.forecast.models import drift

from .synthetic import dataset, target

LINE = {y: 100 + 10 * (y - 2010) for y in range(2010, 2024)}


def test_drift_forecasts_an_exact_linear_trend_exactly():
    y = np.array(list(LINE.values()), dtype=float)
    assert drift(y, 7)[-1] == pytest.approx(300)


def test_engine_forecasts_an_exact_linear_trend_exactly():
    fc = forecast(list(LINE), list(LINE.values()), 2030)
    assert fc.point_at(2030) == pytest.approx(300)
    # the interval is calibrated on backtest errors, not on this perfect history: it still has width
    lo, hi = fc.interval(2030, 0.8)
    assert lo < 300 < hi


def test_engine_uses_only_the_latest_run_of_consecutive_years():
    years = [2000, 2001, 2010, 2011, 2012, 2013, 2014, 2015]
    fc = forecast(years, [1, 2, 10, 11, 12, 13, 14, 15], 2020)
    assert fc.first_fitted_year == 2010 and fc.n_fitted == 6


def test_engine_refuses_too_few_consecutive_points():
    with pytest.raises(ValueError, match="too few consecutive"):
        forecast([2010, 2012, 2014, 2016, 2018, 2020], [1, 2, 3, 4, 5, 6], 2030)


def test_interval_widens_with_the_horizon_and_covers_the_point():
    rng = np.random.default_rng(1)
    values = np.cumsum(5 + rng.normal(0, 3, 15))
    fc = forecast(range(2009, 2024), values, 2030)
    widths = [np.subtract(*fc.interval(y, 0.8)[::-1]) for y in (2024, 2027, 2030)]
    assert widths[0] < widths[1] < widths[2]
    lo, hi = fc.interval(2030, 0.8)
    assert lo < fc.point_at(2030) < hi
    assert fc.interval(2030, 0.95)[0] < lo and fc.interval(2030, 0.95)[1] > hi


def test_target_on_the_trend_path_is_on_track_with_probability_near_one():
    data = dataset({"cap": LINE})
    result = assess_target(target("cap", 250), data)  # path reaches 300 by 2030
    assert result.status == "on track"
    # the band is the M3 backtests' (centred on the projection): a perfect past still leaves doubt
    assert result.probability > 0.8
    assert result.projected_value == pytest.approx(300)
    assert result.required_rate == pytest.approx((250 - 230) / 7)


KINKED = {y: 100 + 10 * (y - 2010) for y in range(2010, 2019)} | {
    y: 180 + 20 * (y - 2018) for y in range(2019, 2024)
}  # 10 a year to 180 in 2018, then 20 a year to 280 in 2023


@pytest.mark.parametrize(
    ("window", "base", "rate"),
    [(5, 2018, 20.0), (10, 2013, 15.0), (20, 2010, 180 / 13)],
)
def test_observed_rate_runs_over_the_window_before_the_latest_figure(window, base, rate):
    """On a series that bends, the window decides the rate: 280 (2023) against 180 (2018) is
    100 / 5 = 20 a year; against 130 (2013), 150 / 10 = 15; a window longer than the series starts
    at its first figure, 100 (2010): 180 / 13 = 13.846. Required: (400 - 280) / 7 = 17.143 a year."""
    result = assess_target(
        target("cap", 400), dataset({"cap": KINKED}), Settings(rate_window=window)
    )
    assert result.tier == "projection" and KINKED[base] == 280 - rate * (2023 - base)
    assert result.observed_rate == pytest.approx(rate)
    assert result.required_rate == pytest.approx(120 / 7)
    assert result.rate_ratio == pytest.approx(rate / (120 / 7))
    assert f"over its last {window} years" in result.reason


def test_target_met_by_the_latest_figure_is_achieved():
    data = dataset({"cap": LINE})
    result = assess_target(target("cap", 200), data)
    assert result.status == "achieved" and result.probability == 1.0
    assert "already meets" in result.reason


def test_a_lower_bound_figure_meets_an_at_least_target():
    data = dataset({"cap": {2024: 200}}, qualifiers={("cap", 2024): ">"})
    assert assess_target(target("cap", 200, year=2025), data).status == "achieved"
    assert not meets(200, "<", ">=", 200)


def test_falling_series_against_a_rising_target_is_off_track():
    falling = {y: 500 - 8 * (y - 2010) + (3 if y % 2 else -3) for y in range(2010, 2024)}
    result = assess_target(target("cap", 600), dataset({"cap": falling}))
    assert result.status == "off track"
    assert result.probability < 0.05
    assert result.rate_ratio < 0


def test_short_series_gets_a_progress_measure_not_a_projection():
    """1 -> 3 in two years is 73.2 % a year compounded; 600 by 2030 from 3 in 2023 needs 113.2 % a year."""
    result = assess_target(target("cap", 600), dataset({"cap": {2021: 1, 2022: 2, 2023: 3}}))
    assert (result.tier, result.status) == ("progress", "at risk")
    assert result.observed_rate == pytest.approx(73.205, abs=1e-3)
    assert result.required_rate == pytest.approx(113.17, abs=1e-2)
    assert result.rate_ratio == pytest.approx(0.6469, abs=1e-3)
    assert result.probability is None and result.model == ""
    assert "Indicative (3 figures)" in result.reason and "参考判断（3个数据）" in result.reason_zh


def test_unquantified_and_missing_series_are_not_assessable_with_reasons():
    data = dataset({"cap": LINE})
    t = target("cap", float("nan"), comparator="unquantified", note="Per the national assignment")
    assert "no number" in assess_target(t, data).reason
    t = target("", 5, data_wanted="Demand response capability, yearly")
    result = assess_target(t, data)
    assert result.status == "not assessable" and "Demand response capability" in result.reason


def test_bounded_share_projection_never_leaves_its_bounds():
    share = {y: 60 + 4 * (y - 2010) for y in range(2010, 2020)}  # reaches 96 in 2019
    data = dataset({"x_share": share}, bounds={"x_share": (0, 100)})
    result = assess_target(target("x_share", 99.5, kind="share", unit="%"), data)
    assert result.upper <= 100 and result.projected_value <= 100


def test_approximate_target_allows_the_stated_tolerance():
    data = dataset({"cap": LINE})  # latest 230
    assert assess_target(target("cap", 235, comparator="approx"), data).status == "achieved"
    strict = Settings(approx_tolerance=0.0)
    assert assess_target(target("cap", 235, comparator="approx"), data, strict).status != "achieved"


def test_peak_of_a_series_that_has_turned_down_is_likely_before_the_target_year():
    turned = {y: 100 + 10 * (y - 2005) for y in range(2005, 2013)}  # up to 170 in 2012
    turned.update({y: 170 - 6 * (y - 2012) for y in range(2013, 2023)})  # down to 110 in 2022
    t = target("co2", 2030, kind="peak", unit="year", comparator="<=")
    result = assess_target(t, dataset({"co2": turned}))
    assert result.probability > 0.7 and result.status == "on track"


def test_peak_of_a_steadily_rising_series_is_off_track():
    t = target("co2", 2030, kind="peak", unit="year", comparator="<=")
    result = assess_target(t, dataset({"co2": LINE}))
    assert result.status == "off track"


def test_hindcast_setting_ignores_later_data():
    result = assess_target(
        target("cap", 250), dataset({"cap": LINE}), Settings(last_data_year=2018)
    )
    assert result.latest_year == 2018


@pytest.mark.parametrize(
    "kwargs", [{"interval_level": 1.5}, {"on_track": 0.2, "off_track": 0.5}, {"history_years": 1}]
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        Settings(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"interval_level": 0.0}, "interval_level must be between 0 and 1, got 0.0"),
        ({"interval_level": 1.0}, "interval_level must be between 0 and 1, got 1.0"),
        ({"on_track": 1.01}, "thresholds must satisfy 0 <= off_track <= on_track <= 1"),
        ({"off_track": -0.01}, "thresholds must satisfy 0 <= off_track <= on_track <= 1"),
        ({"progress_at_risk": -0.1}, "progress thresholds must satisfy 0 <= progress_at_risk"),
        ({"progress_at_risk": 0.96}, "progress thresholds must satisfy 0 <= progress_at_risk"),
        (
            {"approx_tolerance": -0.01},
            "approx_tolerance must be >= 0, rate_window and max_age >= 1",
        ),
        ({"rate_window": 0}, "approx_tolerance must be >= 0, rate_window and max_age >= 1"),
        ({"max_age": 0}, "approx_tolerance must be >= 0, rate_window and max_age >= 1"),
        ({"history_years": 1}, "history_years must be at least 2 or None, got 1"),
    ],
)
def test_settings_outside_their_range_are_refused_with_the_rule(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Settings(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"interval_level": 0.999},
        {"off_track": 0.0, "on_track": 0.0},
        {"off_track": 1.0, "on_track": 1.0},
        {"progress_at_risk": 0.0},
        {"progress_at_risk": 0.95, "progress_on_track": 0.95},
        {"approx_tolerance": 0.0, "rate_window": 1, "max_age": 1},
        {"history_years": 2},
        {"history_years": None},
    ],
)
def test_settings_at_the_edges_of_their_range_are_accepted(kwargs):
    s = Settings(**kwargs)
    assert all(getattr(s, k) == v for k, v in kwargs.items())
