"""Hand-computed cases: every target kind × comparator × direction, and every evidence tier.

Each case states its figures and the expected numbers worked out by hand in its docstring; the
tests compare the assessment with those numbers, never with another call of the code under test.
Default settings: progress on track at R ≥ 0.95, at risk at 0.60 ≤ R < 0.95; 'about X' met at
0.97 X; rate window 5 years; a target without a year is judged against 2030.
"""

from __future__ import annotations

import numpy as np
import pytest

from analysis.assess.targets import STATUS_ZH, TIER_ZH, Settings, assess_target
from analysis.data.units import factor

from .synthetic import dataset, target

LINE = {y: 100 + 10 * (y - 2010) for y in range(2010, 2024)}  # 100 … 230, exact straight line


# ---------------------------------------------------------------- level / share / capacity
def test_share_at_least_progress_off_track_linear_points():
    """Share 30 (2019), 29.5 (2022), 31.6 (2024); target ≥ 33 % by 2025.
    Base = latest figure at least 5 years older than 2024: 2019. Observed (31.6 − 30)/5 = 0.32 points
    a year; required (33 − 31.6)/1 = 1.4 points a year; R = 0.32/1.4 = 0.2286 < 0.60: off track."""
    data = dataset({"x_share": {2019: 30, 2022: 29.5, 2024: 31.6}})
    a = assess_target(target("x_share", 33, 2025, ">=", "share", "%"), data)
    assert (a.tier, a.status, a.rate_mode) == ("progress", "off track", "linear")
    assert a.base_label == "2019" and a.latest_label == "2024" and a.n_points == 3
    assert a.first_year == 2019  # the first figure (the downloads' first_year column)
    assert a.observed_rate == pytest.approx(0.32) and a.required_rate == pytest.approx(1.4)
    assert a.rate_ratio == pytest.approx(0.228571, abs=1e-6)
    assert "0.32 points a year" in a.reason and "1.4 points a year" in a.reason


def test_capacity_strictly_more_than_compound_on_track():
    """Capacity 650 (2021), 800 (2023); target > 1500 by 2030.
    Observed (800/650)^(1/2) − 1 = 10.940 % a year; required (1500/800)^(1/7) − 1 = 9.3957 % a year
    (ln 1.875 = 0.62861, ÷ 7 = 0.08980); R = 1.16437 ≥ 0.95: on track."""
    a = assess_target(target("cap", 1500, 2030, ">"), dataset({"cap": {2021: 650, 2023: 800}}))
    assert (a.tier, a.status, a.rate_mode) == ("progress", "on track", "compound")
    assert a.observed_rate == pytest.approx(10.9400, abs=1e-4)
    assert a.required_rate == pytest.approx(9.3957, abs=1e-4)
    assert a.rate_ratio == pytest.approx(1.16437, abs=1e-4)


@pytest.mark.parametrize(
    ("latest", "qualifier", "status"),
    [
        (1500, "", "not achieved"),  # equal is not more than
        (1500, ">", "achieved"),  # 'more than 1,500' is more than 1,500
        (1501, "", "achieved"),
        (1600, "<", "not achieved"),  # an upper bound never shows an at-least target met
    ],
)
def test_strict_more_than_and_bounds(latest, qualifier, status):
    data = dataset({"cap": {2021: 650, 2024: latest}}, qualifiers={("cap", 2024): qualifier})
    a = assess_target(target("cap", 1500, 2030, ">"), data)
    assert (a.status == "achieved") == (status == "achieved")


@pytest.mark.parametrize(("latest", "achieved"), [(33.95, True), (34.0, True), (33.94, False)])
def test_about_x_is_met_from_97_percent_of_x(latest, achieved):
    """'About 35 %' is met at 35 × 0.97 = 33.95 or above."""
    data = dataset({"x_share": {2020: 30, 2024: latest}})
    a = assess_target(target("x_share", 35, 2030, "approx", "share", "%"), data)
    assert (a.status == "achieved") is achieved
    assert a.threshold == pytest.approx(33.95) and a.target_level == 35


def test_each_comparator_gets_the_probability_of_its_own_side():
    """Exact lines over 2010–2023 project exactly: rising 100 + 10(y − 2010) reaches 300 in 2030,
    falling 400 − 10(y − 2010) reaches 200. The calibrated band for seven years ahead is wide (the
    M3 errors scaled by the mean yearly change, 10, and skewed along the trend), so a target 50 short
    of the projection is met with P > 0.8 and one 100 beyond it with P < 0.2, on whichever side the
    comparator points."""
    rising = dataset({"cap": LINE})
    falling = dataset({"cap": {y: 400 - 10 * (y - 2010) for y in range(2010, 2024)}})
    up = assess_target(target("cap", 250, 2030, ">="), rising)
    assert up.projected_value == pytest.approx(300) and up.tier == "projection"
    assert up.probability > 0.8 and up.status == "on track"
    far = assess_target(target("cap", 400, 2030, ">="), rising)
    assert far.probability < 0.2 and far.status == "off track"
    down = assess_target(target("cap", 250, 2030, "<="), falling)
    assert down.projected_value == pytest.approx(200)
    assert down.probability > 0.8 and down.status == "on track"
    low = assess_target(target("cap", 100, 2030, "<="), falling)
    assert low.probability < 0.2 and low.status == "off track"
    assert up.probability == pytest.approx(down.probability, abs=0.02)  # mirror images, same odds


def test_at_most_target_met_by_a_falling_series():
    """PUE 1.40 (2020), 1.28 (2024); target ≤ 1.30: the latest figure meets it, achieved on one figure."""
    data = dataset({"pue": {2020: 1.40, 2024: 1.28}}, units={"pue": "PUE"})
    a = assess_target(target("pue", 1.3, None, "<=", "level", "PUE"), data)
    assert (a.status, a.tier, a.probability) == ("achieved", "single figure", 1.0)
    assert a.year_from == "horizon" and a.target_year == 2030


# ---------------------------------------------------------------- change against a base year
def test_change_vs_base_down_on_track_and_the_sign_matters():
    """Base 100 (2020); target −8 % vs 2020 by 2030: level 92.
    Falling to 94 (2023): observed (94/100)^(1/3) − 1 = −2.0414 % a year; required (92/94)^(1/7) − 1
    = −0.30676 % a year (ln 0.97872 = −0.021506, ÷ 7); R = 6.6547: on track.
    Rising to 103 instead: observed (1.03)^(1/3) − 1 = +0.9902 %; required (92/103)^(1/7) − 1
    = −1.6005 % (ln 0.89320 = −0.11294, ÷ 7); R = −0.61866 < 0: off track."""
    t = target("idx", -8, 2030, "<=", "change_vs_base", "%", base_year=2020)
    down = assess_target(t, dataset({"idx": {2020: 100, 2023: 94}}, units={"idx": "index"}))
    assert down.threshold == pytest.approx(92)
    assert down.observed_rate == pytest.approx(-2.0414, abs=1e-4)
    assert down.required_rate == pytest.approx(-0.30676, abs=1e-4)
    assert down.rate_ratio == pytest.approx(6.6547, abs=1e-3)
    assert (down.status, down.tier) == ("on track", "progress")
    up = assess_target(t, dataset({"idx": {2020: 100, 2023: 103}}, units={"idx": "index"}))
    assert up.observed_rate == pytest.approx(0.99016, abs=1e-4)
    assert up.required_rate == pytest.approx(-1.60049, abs=1e-4)
    assert up.rate_ratio == pytest.approx(-0.61866, abs=1e-4) and up.status == "off track"


def test_change_vs_base_up():
    """Base 50 (2020); target +20 % by 2030: level 60. 55 in 2024: observed (55/50)^(1/4) − 1 = 2.4114 %;
    required (60/55)^(1/6) − 1 = 1.4607 %; R = 1.6508: on track."""
    t = target("eff", 20, 2030, ">=", "change_vs_base", "%", base_year=2020)
    a = assess_target(t, dataset({"eff": {2020: 50, 2024: 55}}, units={"eff": "index"}))
    assert a.threshold == pytest.approx(60)
    assert a.rate_ratio == pytest.approx(1.65083, abs=1e-4) and a.status == "on track"


def test_change_vs_base_without_the_base_year_is_not_assessable():
    t = target("idx", -8, 2030, "<=", "change_vs_base", "%", base_year=2020)
    a = assess_target(t, dataset({"idx": {2019: 100, 2023: 94}}, units={"idx": "index"}))
    assert a.status == "not assessable" and a.why == "no_base" and "2020" in a.reason


# ---------------------------------------------------------------- growth per year
def test_growth_per_year_achieved_and_off_track():
    """Base 11 (2020); target 15 % a year to 2025: level 11 × 1.15^5 = 22.125. 30 in 2023: achieved.
    14 in 2023: observed (14/11)^(1/3) − 1 = 8.3707 % (ln 1.27273 = 0.24116, ÷ 3 = 0.08039);
    required (22.125/14)^(1/2) − 1 = 25.712 %; R = 0.32556: off track."""
    t = target("teu", 15, 2025, ">=", "growth_per_year", "%/yr", base_year=2020)
    done = assess_target(t, dataset({"teu": {2020: 11, 2023: 30}}))
    assert done.threshold == pytest.approx(22.1249, abs=1e-3) and done.status == "achieved"
    slow = assess_target(t, dataset({"teu": {2020: 11, 2023: 14}}))
    assert slow.observed_rate == pytest.approx(8.3707, abs=1e-3)
    assert slow.required_rate == pytest.approx(25.712, abs=1e-2)
    assert slow.rate_ratio == pytest.approx(0.32556, abs=1e-3) and slow.status == "off track"


# ---------------------------------------------------------------- cumulative: stock, running total, flow
def test_cumulative_addition_to_a_stock():
    """Stock 1000 (2020), target +3600 by 2025 (about): level (1000 + 3600) × 0.97 = 4462.
    3000 in 2023: observed (3000/1000)^(1/3) − 1 = 44.225 %; required (4462/3000)^(1/2) − 1 = 21.957 %;
    R = 2.0142: on track."""
    t = target("gas", 3600, 2025, "approx", "cumulative", "万千瓦", base_year=2020)
    a = assess_target(t, dataset({"gas": {2020: 1000, 2023: 3000}}))
    assert a.threshold == pytest.approx(4462) and a.target_level == pytest.approx(4600)
    assert a.rate_ratio == pytest.approx(2.0142, abs=1e-3) and a.status == "on track"


def test_running_total_with_dated_points_and_a_unit_conversion():
    """Target 12 万亩 = 12 × 10,000 / 15 = 8,000 公顷 (1 公顷 = 15 亩). Running total 2,219.83 ha at end-March
    2023 (t = 2022.25) and 5,707.16 ha at end-April 2025 (t = 2024.3333). Observed (5707.16 − 2219.83)/
    2.08333 = 1,673.92 ha a year; required (8000 − 5707.16)/0.66667 = 3,439.26 ha a year; R = 0.48671."""
    data = dataset(
        {},
        points={"mangrove": {"2023-03": 2219.83, "2025-04": 5707.16}},
        units={"mangrove": "公顷"},
        measures={"mangrove": "cumulative"},
    )
    t = target("mangrove", 12, 2025, ">=", "cumulative", "万亩", base_year=2020)
    a = assess_target(t, data)
    assert a.threshold == pytest.approx(8000) and a.indicator_unit == "公顷"
    assert (a.tier, a.status, a.rate_mode) == ("progress", "off track", "linear")
    assert a.observed_rate == pytest.approx(1673.92, abs=0.01)
    assert a.required_rate == pytest.approx(3439.26, abs=0.01)
    assert a.rate_ratio == pytest.approx(0.48671, abs=1e-4)
    assert (a.base_label, a.latest_label) == ("2023-03", "2025-04")
    assert "8,000 公顷 (= 12 万亩)" in a.reason  # one stated unit, the plan's beside it


def test_cumulative_sum_of_a_yearly_flow():
    """Flows 100, 100, 100 in 2021–2023; target ≥ 250 added since 2020 by 2025: 300 done, achieved.
    With 2022 missing the total since 2020 is unknown: not assessable, naming 2022."""
    t = target("planted", 250, 2025, ">=", "cumulative", "万千瓦", base_year=2020)
    done = assess_target(
        t, dataset({"planted": {2021: 100, 2022: 100, 2023: 100}}, measures={"planted": "flow"})
    )
    assert done.status == "achieved" and done.latest_value == 300
    gap = assess_target(
        t, dataset({"planted": {2021: 100, 2023: 100}}, measures={"planted": "flow"})
    )
    assert gap.status == "not assessable" and "2022" in gap.reason


# ---------------------------------------------------------------- ranges and counts
def test_range_target():
    """5–10 cities by 2025: 7 (2023) is inside: achieved. 1 (2021) → 3 (2023): observed
    (3/1)^(1/2) − 1 = 73.205 %, required (5/3)^(1/2) − 1 = 29.099 %, R = 2.5157: on track."""
    t = target("cities", 5, 2025, "range", "count", "cities", value_max=10)
    inside = assess_target(t, dataset({"cities": {2021: 2, 2023: 7}}, units={"cities": "cities"}))
    assert inside.status == "achieved" and inside.target_level_max == 10
    short = assess_target(t, dataset({"cities": {2021: 1, 2023: 3}}, units={"cities": "cities"}))
    assert short.rate_ratio == pytest.approx(2.5157, abs=1e-3) and short.status == "on track"
    above = assess_target(t, dataset({"cities": {2021: 2, 2023: 12}}, units={"cities": "cities"}))
    assert above.status != "achieved"


# ---------------------------------------------------------------- peak by a year
def test_peak_already_behind_and_still_rising():
    """A series highest in its first year (498 in 2012) and falling 5 a year to 2024: every simulated
    path stays below that highest figure, so the peak year is 2012 ≤ 2030: P near 1. A series rising 10 a year
    peaks, on most paths, at the end of the simulation (2035): P < 0.2."""
    falling = {y: 500 - 5 * (y - 2012) + (2 if y % 2 else -2) for y in range(2012, 2025)}
    t = target("co2", 2030, 2030, "<=", "peak", "year")
    a = assess_target(t, dataset({"co2": falling}, units={"co2": "Mt CO2"}))
    assert (
        a.tier == "projection"
        and (a.peak_year, a.peak_value) == (2012, 498)
        and a.probability > 0.95
    )
    rising = assess_target(t, dataset({"co2": LINE}, units={"co2": "Mt CO2"}))
    assert rising.probability < 0.2 and rising.status == "off track"
    assert "Highest so far" in a.reason and "迄今最高" in a.reason_zh


def test_peak_needs_five_consecutive_years():
    t = target("co2", 2030, 2030, "<=", "peak", "year")
    a = assess_target(t, dataset({"co2": {2021: 1, 2022: 2, 2023: 3}}, units={"co2": "Mt CO2"}))
    assert a.status == "not assessable" and a.why == "too_few_peak"


# ---------------------------------------------------------------- tiers and their edges
def test_tier_projection_needs_five_consecutive_yearly_figures():
    five = assess_target(
        target("cap", 400), dataset({"cap": {y: LINE[y] for y in range(2019, 2024)}})
    )
    four = assess_target(
        target("cap", 400), dataset({"cap": {y: LINE[y] for y in range(2020, 2024)}})
    )
    gappy = assess_target(
        target("cap", 400),
        dataset({"cap": {2015: 150, 2017: 170, 2019: 190, 2021: 210, 2023: 230}}),
    )
    assert (five.tier, four.tier, gappy.tier) == ("projection", "progress", "progress")
    assert five.probability is not None and four.probability is None


def test_single_figure_tier():
    """One figure: achieved if it meets the target, otherwise no verdict (a rate needs two)."""
    meets = assess_target(target("cap", 200, 2025), dataset({"cap": {2024: 250}}))
    below = assess_target(target("cap", 200, 2025), dataset({"cap": {2024: 150}}))
    assert (meets.tier, meets.status) == ("single figure", "achieved")
    assert (below.tier, below.status, below.why) == (
        "single figure",
        "not assessable",
        "one_figure",
    )


def test_none_tier_names_the_series_to_add():
    a = assess_target(target("cap", 200), dataset({"other": {2024: 1}, "cap": {}}))
    assert (a.tier, a.status, a.why) == ("none", "not assessable", "no_figures")
    assert (
        "data/series.csv" in a.reason
        and "`cap`" in a.reason
        and "python -m analysis wanted" in a.reason
    )


def test_target_year_passed():
    """A 2025 target and a 2025 figure below it: off track, P = 0. Published only as 'more than 7,500'
    against 8,000, the year has passed but whether it was met is not printed: not assessable."""
    t = target("cap", 8000, 2025, ">=")
    missed = assess_target(t, dataset({"cap": {2023: 6000, 2025: 7000}}))
    assert (missed.status, missed.probability, missed.why) == ("off track", 0.0, "passed")
    bound = assess_target(
        t, dataset({"cap": {2023: 6000, 2025: 7500}}, qualifiers={("cap", 2025): ">="})
    )
    assert (bound.status, bound.why) == ("not assessable", "passed_bound")


def test_stale_figures_give_no_rate_verdict():
    """Latest figure 2009, the book's newest data 2024: 15 years old > 10: no verdict."""
    data = dataset({"peak": {2005: 1088, 2009: 1582}, "newest": {2024: 1}})
    a = assess_target(target("peak", 5500, 2030), data)
    assert a.status == "not assessable" and a.why == "stale" and "15 years" in a.reason
    fresh = assess_target(target("peak", 5500, 2030), data, Settings(max_age=20))
    assert fresh.status != "not assessable"


def test_lowest_standing_figures_are_shown_never_used():
    """30 % (2020) from an opinion column is set aside: the verdict rests on 20.5 (2010) → 27.5 (2023)."""
    data = dataset({"x_share": {2010: 20.5, 2020: 30, 2023: 27.5}}, secondary={("x_share", 2020)})
    a = assess_target(target("x_share", 32, 2025, ">=", "share", "%"), data)
    assert a.base_label == "2010" and a.n_points == 2
    assert a.observed_rate == pytest.approx(7 / 13)


def test_a_break_that_makes_old_targets_incomparable_gives_no_verdict():
    data = dataset(
        {"cover_share": {2020: 58.7, 2021: 58.74, 2022: 53.03, 2025: 53.39}},
        breaks={"cover_share": (2022, "not comparable")},
    )
    a = assess_target(target("cover_share", 59, 2030, "approx", "share", "%"), data)
    assert (a.status, a.why) == ("not assessable", "basis")
    assert a.observed_rate == pytest.approx(
        (53.39 - 53.03) / 3
    )  # the rate on the new basis is still shown
    ok = dataset(
        {"cover_share": {2020: 58.7, 2022: 53.03, 2025: 53.39}},
        breaks={"cover_share": (2022, "comparable")},
    )
    assert (
        assess_target(target("cover_share", 59, 2030, "approx", "share", "%"), ok).status
        == "off track"
    )


# ---------------------------------------------------------------- units and labels
@pytest.mark.parametrize(
    ("units", "value", "expected", "equivalence"),
    [
        (("万千瓦", "万千瓦"), 7400, 7400, "identity"),
        (("GW", "万千瓦"), 1, 100, "1 GW = 10^6 kW = 100 × 10^4 kW"),
        (("MW", "万千瓦"), 500, 50, "1 MW = 10^3 kW = 0.1 × 10^4 kW"),
        (("million kW", "万千瓦"), 12.51, 1251, "10^6 kW = 100 × 10^4 kW"),
        (("亿千瓦", "万千瓦"), 1.52, 15200, "10^8 kW = 10^4 × 10^4 kW"),
        (("万千瓦时", "亿千瓦时"), 85_020_000, 8502, "10^4 kWh × 10^4 = 10^8 kWh"),
        (("TWh", "亿千瓦时"), 279.2, 2792, "1 TWh = 10^9 kWh = 10 × 10^8 kWh"),
        (("GWh", "亿千瓦时"), 100, 1, "1 GWh = 10^6 kWh = 0.01 × 10^8 kWh"),
        (("billion kWh", "亿千瓦时"), 120, 1200, "10^9 kWh = 10 × 10^8 kWh"),
        (("亿千瓦时", "亿千瓦时"), 1, 1, "identity"),
        (("ton", "万吨"), 172_345_000, 17234.5, "10^4 t = 1 万吨"),
        (("万吨", "万吨"), 1, 1, "identity"),
        (("million t", "万吨"), 227.39, 22739, "10^6 t = 100 万吨"),
        (("辆", "万辆"), 3_617_800, 361.78, "10^4 vehicles = 1 万辆"),
        (("万辆", "万辆"), 1, 1, "identity"),
        (("million vehicles", "万辆"), 2.89, 289, "10^6 = 100 × 10^4"),
        (("亿吨标准煤", "万吨标准煤"), 3.65, 36500, "10^8 t = 10^4 × 10^4 t"),
        (("公顷", "万亩"), 8000, 12, "1 公顷 = 15 亩"),
        (("万亩", "公顷"), 12, 8000, "1 亩 = 1/15 公顷"),
        (("万亩", "万亩"), 1, 1, "identity"),
        (("亩", "万亩"), 8857, 0.8857, "10^4 亩 = 1 万亩"),
        (("公顷", "公顷"), 1, 1, "identity"),
        (("元", "亿元"), 5.75e9, 57.5, "10^8 元 = 1 亿元"),
        (("亿元", "亿元"), 1, 1, "identity"),
        (("billion yuan", "亿元"), 6.56, 65.6, "10^9 元 = 10 亿元"),
        (("t CO2", "Mt CO2"), 37_050_558.51, 37.05055851, "10^6 t = 1 Mt"),
        (("TEU", "万标箱"), 605_000, 60.5, "10^4 TEU = 1 万标箱"),
        (("万个", "个"), 17.3, 173_000, "1 万 = 10^4"),
        (("% decline", "%"), 2.93, -2.93, "a decline of 2.93 % is a change of −2.93 %"),
    ],
)
def test_every_unit_conversion_against_a_published_equivalence(units, value, expected, equivalence):
    assert value * factor(*units) == pytest.approx(expected), equivalence


def test_every_listed_factor_has_an_equivalence_test():
    from analysis.data.units import FACTORS

    tested = {
        case[0]
        for case in test_every_unit_conversion_against_a_published_equivalence.pytestmark[0].args[1]
    }
    assert tested == set(FACTORS)


def test_status_and_tier_labels_in_both_languages():
    assert STATUS_ZH == {
        "achieved": "已实现",
        "on track": "进展顺利",
        "at risk": "存在风险",
        "off track": "偏离轨道",
        "not assessable": "无法评估",
    }
    assert TIER_ZH == {
        "projection": "预测",
        "progress": "进度测算",
        "proxy": "替代指标",
        "single figure": "单一数据",
        "none": "无数据",
    }


def test_thresholds_are_parameters():
    """R = 0.2286 (first case): off track by default; at risk when at risk starts at 0.2."""
    data = dataset({"x_share": {2019: 30, 2022: 29.5, 2024: 31.6}})
    t = target("x_share", 33, 2025, ">=", "share", "%")
    assert assess_target(t, data, Settings(progress_at_risk=0.2)).status == "at risk"
    assert (
        assess_target(t, data, Settings(progress_on_track=0.2, progress_at_risk=0.1)).status
        == "on track"
    )
    assert np.isclose(assess_target(t, data).rate_ratio, 0.2285714, atol=1e-6)


# ---------------------------------------------------------------- projections read off the calibration table
FALLING_LINE = {y: 400 - 10 * (y - 2010) for y in range(2010, 2024)}  # 400 … 270


@pytest.mark.parametrize(
    ("series", "comparator", "value", "value_max", "probability", "status"),
    [
        (LINE, ">=", 250, None, 0.853851, "on track"),
        (LINE, ">", 350, None, 0.208431, "off track"),
        (LINE, "range", 250, 400, 0.743773, "on track"),
        (FALLING_LINE, "<=", 250, None, 0.853851, "on track"),
        (FALLING_LINE, ">=", 300, None, 0.029612, "off track"),
    ],
)
def test_projection_probability_read_off_the_calibration_table(
    series, comparator, value, value_max, probability, status
):
    """Exact lines project exactly: the rising 100 + 10(y − 2010) reaches 300 in 2030 and the
    falling 400 − 10(y − 2010) reaches 200; their mean yearly change (the scale) is 10; 2030 is
    h = 7 years after 2023. Row h = 7 of calibration/m3_yearly_scaled_errors.csv, interpolated
    linearly between levels: E = −5 lies between q(0.145) = −5.02309 and q(0.150) = −4.92262, so
    P(E ≥ −5) = 1 − (0.145 + 0.005 × 0.02309/0.10047) = 0.853851; E = 5 between q(0.790) = 4.96052
    and q(0.795) = 5.08631: P(E ≥ 5) = 1 − (0.790 + 0.005 × 0.03948/0.12579) = 0.208431; E = 10
    between q(0.885) = 9.59831 and q(0.890) = 10.0064: P(E ≥ 10) = 1 − (0.885 + 0.005 ×
    0.40169/0.40809) = 0.110078; E = −10 between q(0.025) = −10.8353 and q(0.030) = −9.9297:
    P(E ≥ −10) = 1 − (0.025 + 0.005 × 0.8353/0.9056) = 0.970388.
    Rising: P(≥ 250) = P(E ≥ −5); P(> 350) = P(E ≥ 5); P(250–400) = 0.853851 − 0.110078. Falling, errors
    signed along the fall: P(≤ 250) = P(E ≥ −5) = 0.853851, P(≥ 300) = 1 − P(E ≥ −10) = 0.029612.
    80 % interval of the rising line: 300 + 10 × q(0.1) = 300 − 64.0998, 300 + 10 × q(0.9) = 300 + 109.888.
    An exact line has zero backtest error for drift, so the projection is drift's alone."""
    extra = {"value_max": value_max} if value_max is not None else {}
    a = assess_target(target("cap", value, 2030, comparator, **extra), dataset({"cap": series}))
    assert (a.tier, a.status, a.why) == ("projection", status, "projection")
    assert a.probability == pytest.approx(probability, abs=1e-5)
    assert a.projected_value == pytest.approx(300 if series is LINE else 200)
    assert a.interval_level == 0.8 and a.interval_source == "M3 backtests"
    if series is LINE:
        assert (a.lower, a.upper) == pytest.approx((235.9002, 409.888), abs=1e-3)
        assert a.observed_rate == pytest.approx(10)  # (230 − 180) / 5
        assert a.required_rate == pytest.approx((value - 230) / 7) and a.rate_mode == "linear"
        assert a.rate_ratio == pytest.approx(10 / ((value - 230) / 7))
    else:  # the band is the mirror image: 200 − 109.888, 200 + 64.0998
        assert (a.lower, a.upper) == pytest.approx((90.112, 264.0998), abs=1e-3)
    assert (a.n_points, a.first_year, a.latest_year, a.latest_label) == (14, 2010, 2023, "2023")
    assert a.model.startswith("random walk with drift, moved towards damped trend")


def test_peak_projection_of_a_falling_line():
    """500 − 5(y − 2012), 2012–2024: highest 500 in 2012; simulated to 2035. In 2030 (h = 6) the
    projection is 500 − 5 × 18 = 410, scale 5, errors signed along the fall: the 80 % interval is
    410 − 5 × q6(0.9) = 410 − 5 × 9.47873 = 362.60635 to 410 − 5 × q6(0.1) = 410 + 5 × 5.46554 = 437.3277.
    Observed over the last 5 years: (440 − 465) / 5 = −5 a year."""
    falling = {y: 500 - 5 * (y - 2012) for y in range(2012, 2025)}
    t = target("co2", 2030, 2030, "<=", "peak", "year")
    a = assess_target(t, dataset({"co2": falling}, units={"co2": "Mt CO2"}))
    assert (a.tier, a.why, a.status) == ("projection", "peak", "on track")
    assert (a.peak_year, a.peak_value, a.n_points) == (2012, 500, 13)
    assert a.projected_value == pytest.approx(410)
    assert (a.lower, a.upper) == pytest.approx((362.60635, 437.3277), abs=1e-3)
    assert a.observed_rate == pytest.approx(-5) and a.rate_mode == "linear"
    assert a.probability > 0.95 and a.required_rate is None
    assert (
        "Highest so far: 500 Mt CO2 in 2012; in 2024 it fell 1.1 % on the year before." in a.reason
    )
    assert "Highest so far" in a.reason and a.latest_label == "2024" and a.latest_value == 440


# ---------------------------------------------------------------- more kinds and comparators
def test_at_most_level_not_yet_met_progress_compound():
    """PUE 1.60 (2019), 1.50 (2022); target ≤ 1.3 by 2025. Observed (1.5/1.6)^(1/3) − 1 = −2.1283 % a
    year; required (1.3/1.5)^(1/3) − 1 = −4.6580 % a year; R = 0.45691 < 0.60: off track."""
    data = dataset({"pue": {2019: 1.6, 2022: 1.5}}, units={"pue": "PUE"})
    a = assess_target(target("pue", 1.3, 2025, "<=", "level", "PUE"), data)
    assert (a.tier, a.status, a.rate_mode, a.base_label) == (
        "progress",
        "off track",
        "compound",
        "2019",
    )
    assert a.observed_rate == pytest.approx(-2.12831, abs=1e-4)
    assert a.required_rate == pytest.approx(-4.65805, abs=1e-4)
    assert a.rate_ratio == pytest.approx(0.45691, abs=1e-4)
    assert "-2.13 % a year" in a.reason and "-4.66 % a year" in a.reason


def test_binary_target():
    """'Every service area has fast charging' (== 1, yes/no): 1 in 2023 is achieved; 0 in 2025, the
    target year, is off track; 0 and 0 (2021, 2023) need (1 − 0)/2 = 0.5 a year and moved 0: R = 0."""
    t = target("fast", 1, 2025, "==", "binary", "yes/no")
    units = {"fast": "yes/no"}
    done = assess_target(t, dataset({"fast": {2021: 0, 2023: 1}}, units=units))
    assert (done.status, done.probability, done.threshold) == ("achieved", 1.0, 1.0)
    missed = assess_target(t, dataset({"fast": {2021: 0, 2025: 0}}, units=units))
    assert (missed.status, missed.why, missed.probability) == ("off track", "passed", 0.0)
    flat = assess_target(t, dataset({"fast": {2021: 0, 2023: 0}}, units=units))
    assert (flat.status, flat.rate_mode) == ("off track", "linear")
    assert (flat.observed_rate, flat.required_rate, flat.rate_ratio) == (0.0, 0.5, 0.0)


def test_change_vs_base_published_only_as_a_bound_is_not_assessable():
    t = target("idx", -8, 2030, "<=", "change_vs_base", "%", base_year=2020)
    data = dataset(
        {"idx": {2020: 100, 2023: 94}}, units={"idx": "index"}, qualifiers={("idx", 2020): ">"}
    )
    a = assess_target(t, data)
    assert (a.status, a.why) == ("not assessable", "base_bound")
    assert "no exact 2020 figure only as a bound" in a.reason


@pytest.mark.parametrize(
    ("comparator", "latest", "qualifier", "why", "status"),
    [
        ("<=", 1.4, "<=", "passed_bound", "not assessable"),  # 'at most 1.4' against ≤ 1.3: unknown
        ("<=", 1.4, "<", "passed_bound", "not assessable"),
        ("<=", 1.4, ">", "passed", "off track"),  # 'more than 1.4' is surely above 1.3
        ("<=", 1.4, "~", "passed", "off track"),
        (">", 1.2, ">", "passed_bound", "not assessable"),  # 'more than 1.2' against > 1.3: unknown
        (">", 1.2, "<", "passed", "off track"),
    ],
)
def test_a_passed_target_year_and_bounds(comparator, latest, qualifier, why, status):
    data = dataset({"pue": {2020: 1.5, 2025: latest}}, units={"pue": "PUE"},
                   qualifiers={("pue", 2025): qualifier})  # fmt: skip
    a = assess_target(target("pue", 1.3, 2025, comparator, "level", "PUE"), data)
    assert (a.why, a.status) == (why, status)
    assert a.probability == (0.0 if status == "off track" else None)


def test_range_passed_above_its_top_is_off_track():
    t = target("cities", 5, 2025, "range", "count", "cities", value_max=10)
    a = assess_target(t, dataset({"cities": {2021: 2, 2025: 12}}, units={"cities": "cities"}))
    assert (a.status, a.why, a.target_level, a.target_level_max) == ("off track", "passed", 5, 10)


# ---------------------------------------------------------------- yearly flows summed over a plan period
FLOWS = {y: 10 * (y - 2015) for y in range(2016, 2024)}  # 10, 20, … 80 in 2016–2023


def test_cumulative_flow_projected_to_the_target_year():
    """Flows 10 (2016) … 80 (2023), an exact line; target ≥ 350 added since 2020 by 2025. Done so far:
    2021–2023 = 60 + 70 + 80 = 210. The projection adds 90 (2024) + 100 (2025): 400 in all, so P > 0.5;
    against ≥ 450 (50 beyond the projection) P < 0.5."""
    t = target("added", 350, 2025, ">=", "cumulative", "万千瓦", base_year=2020)
    data = dataset({"added": FLOWS}, measures={"added": "flow"})
    a = assess_target(t, data)
    assert (a.tier, a.why) == ("projection", "flow_projection")
    assert (a.latest_value, a.latest_label, a.n_points) == (210, "2023", 3)
    assert a.projected_value == pytest.approx(400)
    assert a.lower < 400 < a.upper and a.threshold == 350
    assert 0.5 < a.probability <= 1 and a.status in ("on track", "at risk")
    assert "210 万千瓦 done so far;" in a.reason and "by 2025" in a.reason
    far = assess_target(
        target("added", 450, 2025, ">=", "cumulative", "万千瓦", base_year=2020), data
    )
    assert far.probability < 0.5 and far.projected_value == pytest.approx(400)
    about = assess_target(
        target("added", 450, 2025, "approx", "cumulative", "万千瓦", base_year=2020), data
    )
    assert about.threshold == pytest.approx(436.5) and about.target_level == 450  # 450 × 0.97


def test_cumulative_flow_passed_short_or_too_short_to_project():
    """Flows 2021–2025 of 60 each: 300 by 2025 against ≥ 350: off track, P = 0. With only 2021–2023
    (three figures) the remaining years cannot be projected: not assessable, 180 done."""
    t = target("added", 350, 2025, ">=", "cumulative", "万千瓦", base_year=2020)
    passed = assess_target(
        t, dataset({"added": {y: 60 for y in range(2021, 2026)}}, measures={"added": "flow"})
    )
    assert (passed.status, passed.why, passed.probability, passed.latest_value) == (
        "off track",
        "flow_passed",
        0.0,
        300,
    )
    short = assess_target(
        t, dataset({"added": {2021: 60, 2022: 60, 2023: 60}}, measures={"added": "flow"})
    )
    assert (short.status, short.why) == ("not assessable", "flow_short")
    assert "180 万千瓦 done so far" in short.reason
    assert (short.latest_value, short.latest_label, short.threshold) == (180, "2023", 350)


# ---------------------------------------------------------------- the proxy tier
def test_proxy_tier_from_data_proxies_csv():
    """a02_offshore_wind_bases has no series of its own; data/proxies.csv names all offshore wind
    (installed_capacity_offshore_wind). 500 (2021) → 800 (2023) against ≥ 2,000 by 2030: observed
    (800/500)^(1/2) − 1 = 26.491 % a year; required (2000/800)^(1/7) − 1 = 13.985 % a year
    (ln 2.5 = 0.916291, ÷ 7 = 0.130899); R = 1.8942: on track, labelled as the proxy's."""
    data = dataset({"installed_capacity_offshore_wind": {2021: 500, 2023: 800}, "bases": {}})
    t = target("bases", 2000, 2030, ">=", id="a02_offshore_wind_bases")
    a = assess_target(t, data)
    assert (a.tier, a.status, a.why) == ("proxy", "on track", "progress")
    assert (a.evidence_indicator, a.evidence_region) == (
        "installed_capacity_offshore_wind",
        "Guangdong",
    )
    assert a.proxy_relation == "related series" and a.proxy_gap_en.startswith("All offshore wind")
    assert a.observed_rate == pytest.approx(26.4911, abs=1e-3)
    assert a.required_rate == pytest.approx(13.9852, abs=1e-3)
    assert a.rate_ratio == pytest.approx(1.89422, abs=1e-4)
    assert a.reason.startswith(
        "On the proxy installed_capacity_offshore_wind (Guangdong; related series): Indicative (2 figures)"
    )
    assert a.reason.endswith("Gap to the target: " + a.proxy_gap_en)
    assert (
        "按替代指标“installed_capacity_offshore_wind”（广东）：参考判断（2个数据）" in a.reason_zh
    )


def test_a_proxy_without_a_verdict_still_shows_its_figure():
    """One proxy figure, 800 (2023), below ≥ 2,000: no rate, so no verdict; the proxy's figure is shown
    and the reason says why, on the proxy."""
    data = dataset({"installed_capacity_offshore_wind": {2023: 800}, "bases": {}})
    a = assess_target(target("bases", 2000, 2030, ">=", id="a02_offshore_wind_bases"), data)
    assert (a.tier, a.status, a.why) == ("proxy", "not assessable", "proxy_one_figure")
    assert (a.latest_value, a.latest_label, a.evidence_indicator) == (
        800,
        "2023",
        "installed_capacity_offshore_wind",
    )
    assert a.reason.startswith("On the proxy installed_capacity_offshore_wind")
    assert "one usable figure (800 万千瓦 (2023))" in a.reason


def test_own_figures_without_a_verdict_fall_back_to_a_proxy_with_one():
    """Own series: one figure below the target (no rate). The proxy has two: its verdict is used."""
    data = dataset(
        {"installed_capacity_offshore_wind": {2021: 500, 2023: 800}, "bases": {2023: 100}}
    )
    a = assess_target(target("bases", 2000, 2030, ">=", id="a02_offshore_wind_bases"), data)
    assert (a.tier, a.status, a.evidence_indicator) == (
        "proxy",
        "on track",
        "installed_capacity_offshore_wind",
    )
    assert a.latest_value == 800


def test_no_verdict_keeps_what_is_known():
    """Stale (2009 against newest 2024): latest 1,582 (2009), 2 figures, the progress measure's numbers
    (1088 → 1582 over 4 years: (1582/1088)^(1/4) − 1 = 9.8098 % a year) but status not assessable."""
    data = dataset({"peak": {2005: 1088, 2009: 1582}, "newest": {2024: 1}})
    a = assess_target(target("peak", 5500, 2030), data)
    assert (a.status, a.why, a.tier) == ("not assessable", "stale", "progress")
    assert (a.latest_value, a.latest_label, a.n_points, a.threshold) == (1582, "2009", 2, 5500)
    assert a.observed_rate == pytest.approx(9.8098, abs=1e-3) and a.probability is None
    peak = assess_target(
        target("co2", 2030, 2030, "<=", "peak", "year"),
        dataset({"co2": {2021: 1, 2022: 2, 2023: 3}}, units={"co2": "Mt CO2"}),
    )
    assert (peak.latest_value, peak.latest_label, peak.n_points, peak.indicator_unit) == (
        3,
        "2023",
        3,
        "Mt CO2",
    )


def test_every_number_on_a_target_section_is_in_its_one_stated_unit():
    """On every target's section, a number followed by a unit uses the unit of the series the verdict
    rests on (or %); the plan's own unit appears only in an explicit conversion '(= 12 万亩)'."""
    import re

    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.chapter import target_section

    data = load_dataset()
    targets = load_targets(indicators=data.indicators)
    table = assess_all(targets, data).set_index("target_id")
    units = sorted(
        (set(data.indicators["unit"]) | set(targets["unit"])) - {"", "%", "%/yr", "year", "个"},
        key=len,
    )
    pattern = re.compile(
        r"([(（]= )?[\d,.]+ ("
        + "|".join(re.escape(u) for u in reversed(units))
        + r")(?![A-Za-z0-9_])"
    )
    checked = 0
    for _, t in targets.iterrows():
        a = table.loc[t["id"]]
        text = target_section(t, a, data).split("| 证据 Evidence")[
            1
        ]  # after the plan's own target line
        for m in pattern.finditer(text):
            unit = m.group(2)
            if m.group(1):  # an explicit conversion to the plan's unit
                assert unit == t["unit"], (t["id"], m.group(0))
            else:
                assert unit == a["indicator_unit"], (t["id"], m.group(0), a["indicator_unit"])
            checked += 1
    assert checked > 50
    row = targets[targets["id"] == "a12_mangrove_2025"].iloc[0]
    mangrove = target_section(row, table.loc["a12_mangrove_2025"], data)
    assert "8,000 公顷 (= 12 万亩)" in mangrove and "万亩 (20" not in mangrove


def test_cumulative_flow_edges():
    """Exactly the level (100 + 100 + 50 = 250 against ≥ 250) is achieved; the reason names the base
    year of a gap; a flow published only as a dated part-year figure has no yearly total at all."""
    t = target("planted", 250, 2025, ">=", "cumulative", "万千瓦", base_year=2020)
    exact = assess_target(
        t, dataset({"planted": {2021: 100, 2022: 100, 2023: 50}}, measures={"planted": "flow"})
    )
    assert (exact.status, exact.why, exact.latest_value, exact.latest_qualifier) == (
        "achieved",
        "flow_done",
        250,
        "",
    )
    assert (exact.tier, exact.n_points, exact.latest_label) == ("progress", 3, "2023")
    assert exact.probability == 1.0  # already met
    gap = assess_target(
        t, dataset({"planted": {2021: 100, 2023: 100}}, measures={"planted": "flow"})
    )
    assert gap.reason == (
        "Not assessable: yearly figures missing for 2022, so the total since 2020 is unknown."
    )
    only_points = assess_target(
        t,
        dataset(
            {"planted": {}, "other": {2024: 1}},
            points={"planted": {"2024-06": 30}},
            measures={"planted": "flow"},
        ),
    )  # the book's newest data are of 2024: 2021-2024 are missing
    assert (only_points.why, only_points.status) == ("flow_gaps", "not assessable")
    assert "missing for 2021, 2022, 2023, 2024, so the total since 2020" in only_points.reason


def test_cumulative_flow_band_and_probability_agree():
    """The band of the projected total is the central 80 % of the same simulated totals the
    probability counts: a target at the band's lower end is met with P ≈ 0.9, at its upper end with
    P ≈ 0.1 (and a 50 % band lies inside the 80 % band)."""
    data = dataset({"added": FLOWS}, measures={"added": "flow"})
    a = assess_target(
        target("added", 350, 2025, ">=", "cumulative", "万千瓦", base_year=2020), data
    )
    low = assess_target(
        target("added", a.lower, 2025, ">=", "cumulative", "万千瓦", base_year=2020), data
    )
    high = assess_target(
        target("added", a.upper, 2025, ">=", "cumulative", "万千瓦", base_year=2020), data
    )
    assert low.probability == pytest.approx(0.9, abs=0.01)
    assert high.probability == pytest.approx(0.1, abs=0.01)
    half = assess_target(
        target("added", 350, 2025, ">=", "cumulative", "万千瓦", base_year=2020),
        data,
        Settings(interval_level=0.5),
    )
    assert a.lower < half.lower < 400 < half.upper < a.upper and half.interval_level == 0.5


def test_band_of_the_rising_line_read_off_the_calibration_table():
    """The chart's band is the interval of every year: in 2030 (h = 7) 300 + 10 × q(0.1) = 300 − 64.0998
    = 235.9002 and 300 + 10 × q(0.9) = 409.888 at 80 %; at 50 %, 300 + 10 × q(0.25) = 300 − 30.904
    = 269.096 and 300 + 10 × q(0.75) = 300 + 40.15 = 340.15."""
    from analysis.forecast.engine import forecast

    fc = forecast(list(LINE), list(LINE.values()), 2030)
    lo, hi = fc.band(0.8)
    assert (lo[-1], hi[-1]) == pytest.approx((235.9002, 409.888), abs=1e-3)
    for year, low, high in zip(fc.years, lo, hi, strict=True):
        assert (low, high) == pytest.approx(fc.interval(year, 0.8))
    lo50, hi50 = fc.band(0.5)
    assert (lo50[-1], hi50[-1]) == pytest.approx((269.096, 340.15), abs=1e-3)


# ---------------------------------------------------------------- projections at their edges
def test_a_strict_target_exactly_equalled_is_projected_with_no_rate_still_needed():
    """The line reaches 230 in 2023; '> 230 by 2030' is not met by 230 itself. Projection 300 in 2030
    (h = 7, scale 10): P(> 230) = P(E ≥ (230 − 300)/10 = −7); −7 lies between q7(0.075) = −7.20518
    and q7(0.080) = −6.98132: P = 1 − (0.075 + 0.005 × 0.20518/0.22386) = 0.920417: on track.
    Required: (230 − 230)/7 = 0 a year, so there is no ratio to state."""
    a = assess_target(target("cap", 230, 2030, ">"), dataset({"cap": LINE}))
    assert (a.tier, a.status, a.why) == ("projection", "on track", "projection")
    assert a.probability == pytest.approx(0.920417, abs=1e-6)
    assert a.required_rate == 0 and a.rate_ratio is None and a.observed_rate == pytest.approx(10)


def test_a_projection_below_the_indicator_s_lower_bound_is_held_at_it():
    """100, 90, …, 10 (2014-2023), an indicator that cannot go below 0; target ≤ 5 by 2025 (h = 2).
    Drift would reach −10; held at 0. Scale 10, falling: P(≤ 5) = 1 − P(≥ 5) = P(E ≥ −0.5), and −0.5
    lies between q2(0.395) = −0.52796 and q2(0.400) = −0.499283: P = 1 − (0.395 + 0.005 × 0.974997)
    = 0.600125: at risk. The 80 % interval: 0 − 10 × q2(0.9) = −31.8466, held at 0, to
    0 − 10 × q2(0.1) = 28.9836."""
    falling = {y: 100 - 10 * (y - 2014) for y in range(2014, 2024)}
    a = assess_target(target("cap", 5, 2025, "<=", "level"), dataset({"cap": falling}))
    assert (a.tier, a.status) == ("projection", "at risk")
    assert a.projected_value == 0 and a.probability == pytest.approx(0.600125, abs=1e-6)
    assert (a.lower, a.upper) == pytest.approx((0.0, 28.9836), abs=1e-4)


def test_a_proxy_in_another_region_is_projected_on_that_region_s_figures():
    """a06_sea_rail_growth_2025 (15 % a year from 2020 to 2025) on its Shenzhen proxy 10, 11, …, 15
    (2018-2023); no Guangdong figures at all. Level 12 (2020) × 1.15^5 = 24.136286. Projection 17 in
    2025 (h = 2, scale 1): P(E ≥ 7.136286) with q2(0.985) = 6.87003, q2(0.990) = 7.97405:
    1 − (0.985 + 0.005 × 0.241170) = 0.013794: off track. Interval 17 + q2(0.1) = 14.10164 to
    17 + q2(0.9) = 20.18466. Observed (15 − 10)/5 = 1 a year; required (24.136286 − 15)/2 = 4.568143;
    R = 0.218907."""
    data = dataset(
        {"sea_rail_container_volume": {y: 10 + (y - 2018) for y in range(2018, 2024)}, "own": {}},
        regions={"sea_rail_container_volume": "Shenzhen"},
    )
    t = target("own", 15, 2025, ">=", "growth_per_year", "%/yr", base_year=2020,
               id="a06_sea_rail_growth_2025")  # fmt: skip
    a = assess_target(t, data)
    assert (a.tier, a.why, a.status, a.evidence_region) == (
        "proxy",
        "projection",
        "off track",
        "Shenzhen",
    )
    assert a.threshold == pytest.approx(24.136286, abs=1e-6)
    assert a.projected_value == pytest.approx(17) and a.probability == pytest.approx(
        0.013794, abs=1e-6
    )
    assert (a.lower, a.upper) == pytest.approx((14.10164, 20.18466), abs=1e-5)
    assert a.observed_rate == pytest.approx(1) and a.required_rate == pytest.approx(
        4.568143, abs=1e-6
    )
    assert a.rate_ratio == pytest.approx(0.218907, abs=1e-6)


@pytest.mark.parametrize(
    ("probability", "status"),
    [(0.7, "on track"), (0.6999, "at risk"), (0.3, "at risk"), (0.2999, "off track"), (1.0, "on track"),
     (0.0, "off track")],
)  # fmt: skip
def test_status_from_probability_at_its_thresholds(probability, status):
    """On track from P = 70 % (inclusive), off track below 30 %, at risk in between."""
    from analysis.assess.targets import status_from_probability

    assert status_from_probability(probability, Settings()) == status


def test_about_and_exactly_targets_are_projected_on_the_at_least_side():
    """'About 300 by 2030' on the line (300 in 2030, scale 10, h = 7) is met at 0.97 × 300 = 291:
    P(E ≥ −0.9), with q7(0.425) = −0.901603 and q7(0.430) = −0.836532: 1 − (0.425 + 0.005 ×
    0.001603/0.065071) = 0.574877, at risk. A yes/no target '== 1' on five zeros (2019-2023, bounds
    0 and 1, scale 1 as for an all-zero series): P(≥ 1) = P(E ≥ 1), with q7(0.580) = 0.971778 and
    q7(0.585) = 1.01558: 1 − (0.580 + 0.005 × 0.644308) = 0.416778, at risk (never the other side)."""
    about = assess_target(target("cap", 300, 2030, "approx"), dataset({"cap": LINE}))
    assert (about.tier, about.status, about.threshold) == (
        "projection",
        "at risk",
        pytest.approx(291),
    )
    assert about.probability == pytest.approx(0.574877, abs=1e-6)
    zeros = dataset({"done": {y: 0 for y in range(2019, 2024)}}, units={"done": "yes/no"},
                    bounds={"done": (0, 1)})  # fmt: skip
    yes = assess_target(target("done", 1, 2030, "==", "binary", "yes/no"), zeros)
    assert (yes.tier, yes.status) == ("projection", "at risk")
    assert yes.probability == pytest.approx(0.416778, abs=1e-6)


def test_the_band_beyond_the_table_says_it_is_extrapolated():
    """The table covers h = 1 … 10: from 2023, 2033 is h = 10 ('M3 backtests') and 2034 is h = 11
    ('M3 backtests, extrapolated')."""
    inside = assess_target(target("cap", 250, 2033), dataset({"cap": LINE}))
    beyond = assess_target(target("cap", 250, 2034), dataset({"cap": LINE}))
    assert inside.interval_source == "M3 backtests"
    assert beyond.interval_source == "M3 backtests, extrapolated"


@pytest.mark.parametrize(
    ("value", "qualifier", "comparator", "level", "level_max", "met"),
    [
        (1600, "<=", ">=", 1500, None, False),  # 'at most 1,600' never shows at least 1,500
        (1600, "<", ">=", 1500, None, False),
        (1600, "<=", ">", 1500, None, False),
        (1500, ">", ">", 1500, None, True),  # 'more than 1,500' is more than 1,500
        (1500, ">=", ">", 1500, None, False),
        (1.3, "", "<=", 1.3, None, True),  # at most: equal is met
        (1.2, ">", "<=", 1.3, None, False),  # 'more than 1.2' may be above 1.3
        (1.2, ">=", "<=", 1.3, None, False),
        (1.2, "<", "<=", 1.3, None, True),
        (10, "", "range", 10, 20, True),  # both ends of a range are in it
        (20, "", "range", 10, 20, True),
        (20.5, "", "range", 10, 20, False),
        (15, "~", "range", 10, 20, False),  # an approximate figure cannot place itself in a range
        (97, "", "approx", 97, None, True),  # 'about' compares as 'at least' its level
        (1, "", "==", 1, None, True),
        (0, "", "==", 1, None, False),
        (5, "", "unquantified", 1, None, False),  # nothing to meet
    ],
)
def test_meets_by_comparator_and_qualifier(value, qualifier, comparator, level, level_max, met):
    from analysis.assess.targets import meets

    assert meets(value, qualifier, comparator, level, level_max) is met


def test_consecutive_run_counts_back_from_the_latest_year():
    from analysis.assess.targets import consecutive_run

    assert consecutive_run([]) == 0
    assert consecutive_run([2024]) == 1
    assert consecutive_run([2019, 2020, 2021, 2022, 2024]) == 1  # the gap before 2024 ends the run
    assert consecutive_run([2023, 2010, 2021, 2022]) == 3  # order does not matter
    assert consecutive_run(range(2015, 2025)) == 10


def test_about_a_running_total_is_met_at_97_percent():
    """About 1,000 公顷 planted since 2020, on a running total: met at 0.97 × 1,000 = 970; the total
    stands at 980 (2023): achieved."""
    data = dataset({"area": {2021: 300, 2023: 980}}, units={"area": "公顷"},
                   measures={"area": "cumulative"})  # fmt: skip
    t = target("area", 1000, 2025, "approx", "cumulative", "公顷", base_year=2020)
    a = assess_target(t, data)
    assert (a.threshold, a.target_level, a.status) == (pytest.approx(970), 1000, "achieved")
