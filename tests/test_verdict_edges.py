"""Edges of the assessment that decide a reader's verdict: thresholds met exactly, which figures a
rate may use, where a rate starts, which proxy speaks, what a failed proxy still shows.

Every expected number is worked out by hand in the docstring.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import pandas as pd
import pytest

from analysis.assess.targets import Assessment, Settings, assess_all, assess_target
from analysis.data.units import factor
from analysis.pages.chapter import target_section

from .synthetic import dataset, target


def test_a_ratio_exactly_at_a_threshold_takes_the_better_status():
    """Share 30 (2020) → 31 (2022): 0.5 points a year; ≥ 32 by 2024 needs (32 − 31)/2 = 0.5: R = 1."""
    data = dataset({"x_share": {2020: 30, 2022: 31}})
    t = target("x_share", 32, 2024, ">=", "share", "%")
    assert assess_target(t, data).rate_ratio == 1.0
    assert assess_target(t, data, Settings(progress_on_track=1.0)).status == "on track"
    at_risk = Settings(progress_on_track=1.5, progress_at_risk=1.0)
    assert assess_target(t, data, at_risk).status == "at risk"


def test_a_series_in_percent_a_year_changes_linearly():
    """5 %/yr (2020) → 7 %/yr (2022): +1 point a year (not (7/5)^(1/2) − 1 = 18.3 % a year);
    ≥ 9 by 2024 needs 1 a year: R = 1, on track."""
    data = dataset({"g": {2020: 5, 2022: 7}}, units={"g": "%/yr"})
    a = assess_target(target("g", 9, 2024, ">=", "level", "%/yr"), data)
    assert (a.rate_mode, a.observed_rate, a.required_rate, a.status) == (
        "linear",
        1.0,
        1.0,
        "on track",
    )


def test_rates_never_use_bounds_or_part_year_figures():
    """30 (2019), 31 (2022), ≥ 33 (2024, a bound) and 36 for January-June 2024 (a part-year figure):
    the rate runs 2019 → 2022, (31 − 30)/3 = 0.3333 a year; from 31 (2022) to ≥ 35 by 2025 needs
    4/3 = 1.3333 a year; R = 0.25: off track. The latest figure shown is still the 2024 bound."""
    data = dataset(
        {"x_share": {2019: 30, 2022: 31, 2024: 33}},
        qualifiers={("x_share", 2024): ">="},
        points={"x_share": {"2024-06": 36}},
        point_kinds={("x_share", "2024-06"): "part"},
    )
    a = assess_target(target("x_share", 35, 2025, ">=", "share", "%"), data)
    assert (a.tier, a.status, a.base_label, a.n_points) == ("progress", "off track", "2019", 2)
    assert a.observed_rate == pytest.approx(1 / 3) and a.required_rate == pytest.approx(4 / 3)
    assert a.rate_ratio == pytest.approx(0.25)
    assert (a.latest_label, a.latest_value, a.latest_qualifier) == ("2024", 33, ">=")


@pytest.mark.parametrize(
    ("kind", "value", "unit", "comparator", "observed"),
    [
        ("change_vs_base", -8, "%", "<=", -2.0414),  # (94/100)^(1/3) − 1, not (94/90)^(1/8) − 1
        (
            "cumulative",
            3600,
            "万千瓦",
            "approx",
            44.225,
        ),  # (3000/1000)^(1/3) − 1, not (3000/800)^(1/8)
    ],
)
def test_a_target_measured_from_a_base_year_takes_its_rate_from_there(
    kind, value, unit, comparator, observed
):
    """With an older figure (2015) before the base year (2020), the rate still starts in 2020."""
    figures = (
        {2015: 90, 2020: 100, 2023: 94}
        if kind == "change_vs_base"
        else {2015: 800, 2020: 1000, 2023: 3000}
    )
    t = target(
        "x", value, 2025 if kind == "cumulative" else 2030, comparator, kind, unit, base_year=2020
    )
    a = assess_target(t, dataset({"x": figures}, units={"x": "index" if unit == "%" else "万千瓦"}))
    assert a.base_label == "2020" and a.observed_rate == pytest.approx(observed, abs=1e-3)


def test_a_peak_projection_needs_five_consecutive_years_exactly():
    t = target("co2", 2030, 2030, "<=", "peak", "year")
    five = assess_target(t, dataset({"co2": {y: 10 * y - 20000 for y in range(2019, 2024)}}))
    assert (five.tier, five.why, five.n_points) == ("projection", "peak", 5)
    assert (five.threshold, five.target_level) == (2030, 2030)
    three = assess_target(t, dataset({"co2": {2021: 1, 2022: 2, 2023: 3}}))
    assert (
        three.reason
        == "Not assessable: 3 consecutive yearly figure(s); simulating a peak needs at least 5."
    )


def test_a_peak_in_the_target_year_itself_counts_as_on_time():
    """100 (2016) rising 10 a year to 140 (2020), then falling 10 a year to 100 (2024); peak by 2020,
    simulated to 2025. A path that stays below 140 peaks in 2020 itself, which meets 'by 2020'."""
    turned = {
        2016: 100,
        2017: 110,
        2018: 120,
        2019: 130,
        2020: 140,
        2021: 130,
        2022: 120,
        2023: 110,
        2024: 100,
    }
    a = assess_target(target("co2", 2020, 2020, "<=", "peak", "year"), dataset({"co2": turned}))
    assert (a.why, a.peak_year, a.peak_value) == ("peak", 2020, 140)
    assert a.probability > 0.9 and a.status == "on track"


SEA_RAIL = "a06_sea_rail_growth_2025"  # proxies: Guangzhou port first, then Shenzhen port


def sea_rail(shenzhen: dict, guangzhou: dict | None = None):
    """Own series 'own' (empty); sea_rail_container_volume in Shenzhen and, optionally, Guangzhou."""
    data = dataset(
        {"sea_rail_container_volume": shenzhen, "own": {}},
        regions={"sea_rail_container_volume": "Shenzhen"},
    )
    if guangzhou:
        other = dataset({"sea_rail_container_volume": guangzhou}, region="Guangzhou")
        data = replace(data, series=pd.concat([data.series, other.series], ignore_index=True))
    return data


GROWTH = target("own", 15, 2025, ">=", "growth_per_year", "%/yr", base_year=2020, id=SEA_RAIL)


@pytest.mark.parametrize(
    "guangzhou", [None, {2023: 5}], ids=["no Guangzhou figures", "one Guangzhou figure"]
)
def test_the_next_proxy_speaks_when_the_first_cannot(guangzhou):
    """Shenzhen 10 (2020) → 15 (2023) against 15 % a year from 2020 to 2025: level 10 × 1.15^5 =
    20.1136; observed 1.5^(1/3) − 1 = 14.471 % a year; required (20.1136/15)^(1/2) − 1 = 15.797 % a
    year; R = 0.91606: at risk, on the Shenzhen proxy (Guangzhou, listed first, has no base year)."""
    a = assess_target(GROWTH, sea_rail({2020: 10, 2023: 15}, guangzhou))
    assert (a.tier, a.status, a.evidence_region) == ("proxy", "at risk", "Shenzhen")
    assert a.threshold == pytest.approx(20.1136, abs=1e-4)
    assert a.observed_rate == pytest.approx(14.4714, abs=1e-3)
    assert a.required_rate == pytest.approx(15.7975, abs=1e-3)
    assert a.rate_ratio == pytest.approx(0.91606, abs=1e-4)
    assert "(Shenzhen; narrower area)" in a.reason and "（深圳）" in a.reason_zh


OFFSHORE = "a02_offshore_wind_bases"  # proxy: installed_capacity_offshore_wind (Guangdong)


def test_a_failed_proxy_never_replaces_the_targets_own_figure():
    """Own: one figure, 100 (2023); proxy: one figure, 800 (2023); neither gives a rate. The page
    shows the target's own figure, not the proxy's."""
    data = dataset({"installed_capacity_offshore_wind": {2023: 800}, "bases": {2023: 100}})
    a = assess_target(target("bases", 2000, 2030, ">=", id=OFFSHORE), data)
    assert (a.tier, a.why, a.evidence_indicator, a.latest_value) == (
        "single figure",
        "one_figure",
        "bases",
        100,
    )
    assert a.proxy_relation == "" and not a.reason.startswith("On the proxy")


def test_a_failed_proxy_shows_its_figure_against_the_target_level():
    data = dataset({"installed_capacity_offshore_wind": {2023: 800}, "bases": {}})
    a = assess_target(target("bases", 2000, 2030, ">=", id=OFFSHORE), data)
    assert "one usable figure (800 万千瓦 (2023)) against ≥ 2,000 万千瓦 by 2030" in a.reason
    assert (a.threshold, a.target_level, a.n_points) == (2000, 2000, 1)


def test_a_proxy_peak_with_too_few_years_still_shows_its_latest_figure():
    """a02_oil_consumption_peak's proxy is CEADs CO2 from oil products: 3 figures are too few to
    simulate a peak, but the latest (120 in 2019) is shown, on the proxy."""
    data = dataset({"co2_ceads_oil_products": {2017: 100, 2018: 110, 2019: 120}, "oil": {}})
    t = target("oil", 2030, 2030, "<=", "peak", "year", id="a02_oil_consumption_peak")
    a = assess_target(t, data)
    assert (a.tier, a.why, a.status) == ("proxy", "proxy_too_few_peak", "not assessable")
    assert (a.latest_value, a.latest_label, a.evidence_indicator) == (
        120,
        "2019",
        "co2_ceads_oil_products",
    )


def test_assess_all_uses_its_settings_and_keeps_its_columns_when_empty():
    """Rate window 1: from 29.5 (2022) to 31.6 (2024), (31.6 − 29.5)/2 = 1.05 points a year."""
    data = dataset({"x_share": {2019: 30, 2022: 29.5, 2024: 31.6}})
    targets = pd.DataFrame([target("x_share", 33, 2025, ">=", "share", "%")])
    table = assess_all(targets, data, Settings(rate_window=1))
    assert (
        table.loc[0, "observed_rate"] == pytest.approx(1.05)
        and table.loc[0, "base_label"] == "2022"
    )
    empty = assess_all(targets.iloc[:0], data)
    assert list(empty.columns) == list(Assessment.__dataclass_fields__) and len(empty) == 0


def test_an_unlisted_conversion_is_refused_by_name():
    with pytest.raises(
        KeyError, match="no conversion from '千瓦' to '万吨' in src/analysis/data/units.py"
    ):
        factor("千瓦", "万吨")
    assert factor("千瓦", "千瓦") == 1.0


def section(**values) -> str:
    a = Assessment("a02_x", 2, "二（二）9", "capacity", 2030, ">=", 1500.0, "万千瓦", "x")
    a.indicator_unit, a.status, a.reason, a.reason_zh = "万千瓦", "on track", "r", "理"
    for k, v in values.items():
        setattr(a, k, v)
    t = target("x", 1500, 2030, ">=")
    t["kind"] = values.pop("kind", "capacity")
    return target_section(t, a, dataset({"x": {2023: 800}, "y": {2023: 1}}))


def test_target_section_rows_for_peaks_regions_bounds_and_rates():
    peak = section(kind="peak", target_level=2030.0, threshold=2030.0)
    assert "判断标准" not in peak
    far = section(tier="proxy", evidence_indicator="y", evidence_region="Foshan")
    assert "| 指标 Indicator | y / y (`y`) — Foshan Foshan |" in far
    bound = section(latest_value=800.0, latest_qualifier=">=", latest_label="2023", n_points=2)
    assert "| 最新值 Latest | ≥800 万千瓦 (2023)；共2个数据 · 2 figure(s) used |" in bound
    rates = section(observed_rate=10.0, required_rate=14.2857, rate_ratio=None, rate_mode="")
    assert (
        "| 实际与所需速度 Observed vs required | 10 万千瓦 a year vs 14.3 万千瓦 a year |" in rates
    )
    dicts = target_section(
        target("x", 1500),
        asdict(Assessment("a02_x", 2, "c", "capacity", 2030, ">=", 1.0, "万千瓦", "x")),
        dataset({"x": {2023: 1}}),
    )
    assert "无法评估 not assessable" in dicts  # a plain dict row reads the same as an Assessment


def test_the_rate_window_chooses_the_base_among_few_figures():
    """Figures 2012, 2019, 2022, 2024 (a progress measure): the base is the latest figure at least 5
    years before 2024, i.e. 2019 itself (exactly 5 years): (31.6 − 30)/5 = 0.32 points a year."""
    data = dataset({"x_share": {2012: 20, 2019: 30, 2022: 29.5, 2024: 31.6}})
    a = assess_target(target("x_share", 33, 2025, ">=", "share", "%"), data)
    assert (a.tier, a.base_label, a.n_points) == ("progress", "2019", 3)
    assert a.observed_rate == pytest.approx(0.32)


def test_two_figures_one_year_apart_are_enough_for_a_rate():
    """800 (2023) → 900 (2024): 12.5 % a year; ≥ 1,500 by 2030 needs (1500/900)^(1/6) − 1 = 8.8867 %."""
    a = assess_target(target("cap", 1500, 2030), dataset({"cap": {2023: 800, 2024: 900}}))
    assert (a.tier, a.status) == ("progress", "on track")
    assert a.observed_rate == pytest.approx(12.5) and a.required_rate == pytest.approx(
        8.8867, abs=1e-4
    )


@pytest.mark.parametrize(
    ("figures", "level", "comparator", "mode", "observed", "required"),
    [
        ({2021: 0, 2023: 3}, 5, ">=", "linear", 1.5, 1.0),  # from zero: no percentage change
        ({2021: 2, 2023: 0}, 5, ">=", "linear", -1.0, 2.5),  # to zero
        (
            {2021: 4, 2023: 1},
            5,
            ">=",
            "compound",
            -50.0,
            123.607,
        ),  # (1/4)^(1/2) − 1; (5/1)^(1/2) − 1
        ({2021: 2, 2023: 1}, 0.5, "<=", "compound", -29.2893, -29.2893),  # (1/2)^(1/2) − 1 both
        ({2021: 2, 2023: 1}, 0, "<=", "linear", -0.5, -0.5),  # a target of zero: linear
    ],
)
def test_percentage_rates_only_between_positive_numbers(
    figures, level, comparator, mode, observed, required
):
    a = assess_target(
        target("n", level, 2025, comparator, "level", "t"),
        dataset({"n": figures}, units={"n": "t"}),
    )
    assert a.rate_mode == mode
    assert a.observed_rate == pytest.approx(observed, abs=1e-3)
    assert a.required_rate == pytest.approx(required, abs=1e-3)


def test_a_strict_target_exactly_equalled_keeps_its_latest_figure():
    """1,500 (2024) against > 1,500: not met, and no change is needed to reach the level, so there
    is no ratio; the reason still shows the latest figure."""
    a = assess_target(target("cap", 1500, 2030, ">"), dataset({"cap": {2021: 650, 2024: 1500}}))
    assert (a.status, a.why, a.latest_value) == ("not assessable", "one_figure", 1500)
    assert "(1,500 万千瓦 (2024))" in a.reason


def test_a_peak_reason_counts_consecutive_yearly_figures_not_dated_points():
    data = dataset({"co2": {2021: 1, 2022: 2, 2023: 3}}, points={"co2": {"2024-06": 4}})
    a = assess_target(target("co2", 2030, 2030, "<=", "peak", "year"), data)
    assert a.reason.startswith("Not assessable: 3 consecutive yearly figure(s)")


def test_flows_count_to_their_own_latest_year_and_hindcasts_stop_at_theirs():
    """Flows 100 in 2021–2023 while other data reach 2024: 300 done by 2023 (2024 is not missing).
    With no yearly flow at all and a hindcast to 2022, only 2021 and 2022 are missing."""
    t = target("planted", 250, 2025, ">=", "cumulative", "万千瓦", base_year=2020)
    data = dataset(
        {"planted": {2021: 100, 2022: 100, 2023: 100}, "other": {2024: 1}},
        measures={"planted": "flow"},
    )
    assert assess_target(t, data).why == "flow_done"
    empty = dataset(
        {"planted": {}, "other": {2022: 1, 2024: 1}},
        points={"planted": {"2022-06": 3}},
        measures={"planted": "flow"},
    )
    a = assess_target(t, empty, Settings(last_data_year=2022))
    assert "missing for 2021, 2022, so the total" in a.reason


def test_target_section_names_a_national_proxy_in_both_languages():
    text = section(tier="proxy", evidence_indicator="y", evidence_region="China")
    assert "| 指标 Indicator | y / y (`y`) — 全国 China (national) |" in text


def test_a_peak_target_in_the_last_data_year_has_no_projection_of_its_own():
    """Highest 140 in 2020, falling to 100 in 2024; peak by 2024, the last data year: the verdict
    simulates 2025–2029 but projects nothing for 2024 itself."""
    turned = {
        2016: 100,
        2017: 110,
        2018: 120,
        2019: 130,
        2020: 140,
        2021: 130,
        2022: 120,
        2023: 110,
        2024: 100,
    }
    a = assess_target(target("co2", 2024, 2024, "<=", "peak", "year"), dataset({"co2": turned}))
    assert (a.why, a.peak_year, a.projected_value, a.lower) == ("peak", 2020, None, None)
    assert a.interval_source == ""  # no band for the target year, so no source for one
    assert a.probability > 0.5  # paths rising above 140 in 2025-2029 would move the peak later


def test_a_proxy_in_a_unit_without_conversion_still_shows_its_figure():
    data = dataset({"installed_capacity_offshore_wind": {2023: 800}, "bases": {}})
    a = assess_target(target("bases", 2, 2030, ">=", unit="TW", id=OFFSHORE), data)
    assert (a.tier, a.why, a.latest_value, a.latest_label) == ("proxy", "proxy_unit", 800, "2023")


def test_evidence_of_a_region_reads_that_region_s_break_and_dated_points():
    """Shenzhen: 1, 2, 3 (2020-2022), a break from 2021, a dated figure 3.5 (2023-06). Guangdong:
    10, 11 (2019-2020), no break, no dated figure. Each region's evidence keeps to its own."""
    from analysis.assess.targets import evidence

    shenzhen = dataset({"x": {2020: 1, 2021: 2, 2022: 3}}, points={"x": {"2023-06": 3.5}},
                       breaks={"x": (2021, "not comparable")}, region="Shenzhen")  # fmt: skip
    guangdong = dataset({"x": {2019: 10, 2020: 11}})
    data = replace(
        shenzhen, series=pd.concat([shenzhen.series, guangdong.series], ignore_index=True)
    )
    sz = evidence("x", data, Settings(), "Shenzhen")
    assert [f.label for f in sz.figures] == ["2021", "2022", "2023-06"] and sz.break_year == 2021
    assert sz.comparable is False  # Shenzhen's break makes old targets incomparable
    gd = evidence("x", data, Settings())
    assert [f.label for f in gd.figures] == ["2019", "2020"] and gd.break_year is None
    assert gd.comparable is True


@pytest.mark.parametrize("unit", ["%", "%/yr", "year", "yes/no", "TW"])
def test_a_target_in_another_unit_than_its_series_is_refused_by_name(unit):
    """A level target of 40 in % (or %/yr, year, yes/no, TW) on a series in 万千瓦 has no
    conversion: refused with both units named, never compared as if 40 % were 40 万千瓦."""
    data = dataset({"cap": {2020: 30, 2023: 50}})
    a = assess_target(target("cap", 40, 2030, ">=", "level", unit), data)
    assert (a.status, a.why, a.tier) == ("not assessable", "unit", "progress")
    assert a.reason == (
        f"Not assessable: the target is in {unit} and the series in 万千瓦, with no conversion "
        "listed in src/analysis/data/units.py."
    )
    assert a.reason_zh == (
        f"无法评估：目标单位为{unit}，数据单位为万千瓦，src/analysis/data/units.py 中没有换算系数。"
    )


@pytest.mark.parametrize(
    ("flows", "year", "why", "tier"),
    [
        ({2021: 300}, 2025, "flow_done", "single figure"),  # one yearly flow already above 250
        ({2021: 100, 2022: 200}, 2025, "flow_done", "progress"),
        ({2021: 50, 2022: 50}, 2022, "flow_passed", "progress"),  # 100 of 250 when 2022 is over
    ],
)
def test_a_running_total_of_flows_is_a_single_figure_or_a_progress_measure(flows, year, why, tier):
    t = target("planted", 250, year, ">=", "cumulative", "万千瓦", base_year=2020)
    a = assess_target(t, dataset({"planted": flows}, measures={"planted": "flow"}))
    assert (a.why, a.tier) == (why, tier)


def test_a_cumulative_target_on_a_rate_series_is_refused_in_words():
    """A running total needs a cumulative series, a stock (base plus the added amount) or yearly
    flows; a rate is none of them."""
    t = target("x", 100, 2030, ">=", "cumulative", "万千瓦", base_year=2020)
    a = assess_target(t, dataset({"x": {2020: 1, 2023: 5}}, measures={"x": "rate"}))
    assert (a.status, a.why) == ("not assessable", "flow_sum")
    assert a.reason == (
        "Not assessable: a cumulative target is counted on a running total, a stock or yearly flows, "
        "and this series is none of them (its measure in data/indicators.csv)."
    )
    assert a.reason_zh == (
        "无法评估：累计目标需按累计值、存量或逐年流量计算，该序列均不是（见 data/indicators.csv 中的 measure）。"
    )


def test_the_assessment_row_carries_the_target_as_registered():
    """The identifying columns come from the registry row unchanged (the downloads and the overview
    read them); a target without a year is judged against the horizon and says so."""
    t = target("cap", 1500, None, ">", unit="万千瓦", clause="二（二）9", action=2)
    a = assess_target(t, dataset({"cap": {2021: 650, 2023: 800}}))
    assert (a.target_id, a.action, a.clause, a.kind, a.target_year, a.comparator) == (
        "a02_cap",
        2,
        "二（二）9",
        "capacity",
        2030,
        ">",
    )
    assert (a.target_value, a.unit, a.indicator, a.year_from) == (
        1500.0,
        "万千瓦",
        "cap",
        "horizon",
    )
    assert a.target_level_max is None  # only a range has an upper end
    none = assess_target(t, dataset({"cap": {2021: 650, 2023: 800}}), Settings(horizon_year=None))
    assert (none.target_year, none.year_from, none.why) == (None, "none", "no_year")
    assert none.reason == (
        "No verdict: the plan gives no target year. Latest figure 800 万千瓦 (2023) against the target "
        "level > 1,500 万千瓦."
    )
    assert (
        none.reason_zh
        == "无法判断：方案未给出目标年份。最新数据800 万千瓦 (2023)，目标水平> 1,500 万千瓦。"
    )
    words = assess_target(target("cap", None, 2030, "unquantified", unit=""), dataset({"cap": {}}))
    assert words.target_value is None and words.why == "unquantified"


def test_a_range_in_another_unit_converts_both_ends_and_a_range_may_start_at_zero():
    """10-20 万亩 on a series in 公顷 (1 公顷 = 15 亩, so 1 万亩 = 666.667 公顷): 6,666.67 to
    13,333.3 公顷; 9,000 公顷 (2023) lies in it: achieved. A range of 0-10 % keeps its upper end 10."""
    data = dataset({"area": {2020: 5000, 2023: 9000}}, units={"area": "公顷"})
    a = assess_target(target("area", 10, 2030, "range", "level", "万亩", value_max=20), data)
    assert (a.target_level, a.target_level_max) == pytest.approx((6666.667, 13333.333), abs=1e-3)
    assert a.status == "achieved"
    share = dataset({"x_share": {2020: 12, 2023: 11}})
    b = assess_target(target("x_share", 0, 2030, "range", "share", "%", value_max=10), share)
    assert (b.target_level, b.target_level_max) == (0, 10)


def test_a_year_already_passed_unmet_is_off_track_on_the_figure_alone():
    """200 (2025) against ≥ 300 by 2025: the year is over."""
    a = assess_target(target("cap", 300, 2025), dataset({"cap": {2020: 100, 2025: 200}}))
    assert (a.status, a.why, a.tier, a.probability) == ("off track", "passed", "single figure", 0.0)


@pytest.mark.parametrize(
    ("figures", "settings", "why"),
    [
        ({2009: 5, 2014: 6}, Settings(), "progress"),  # 10 years older than 2024: still judged
        ({2008: 5, 2013: 6}, Settings(), "stale"),  # 11 years
        (
            {2008: 5, 2013: 6},
            Settings(last_data_year=2015),
            "progress",
        ),  # a hindcast to 2015: 2 years
    ],
)
def test_a_figure_is_too_old_only_beyond_ten_years_of_the_newest_data(figures, settings, why):
    """The book's newest data: 2024 (another series), or the hindcast's last year."""
    data = dataset({"x": figures, "other": {2015: 1, 2024: 1}})
    a = assess_target(target("x", 10, 2030), data, settings)
    assert a.why == why
    if why == "stale":
        assert a.reason.startswith(
            "No verdict: the latest figure (6 万千瓦 (2013)) is 11 years older"
        )


def test_a_proxy_missing_from_the_catalogue_is_a_data_error_naming_proxies_csv():
    """a02_offshore_wind_bases has a proxy (installed_capacity_offshore_wind) in data/proxies.csv;
    a catalogue without it is refused as bad data, not skipped."""
    from analysis.errors import DataError

    with pytest.raises(DataError) as err:
        assess_target(target("bases", 2000, 2030, id=OFFSHORE), dataset({"bases": {2023: 100}}))
    assert "proxy indicator 'installed_capacity_offshore_wind' of a02_offshore_wind_bases" in str(
        err.value.problems[0]
    )


def test_dated_points_in_the_evidence():
    """Yearly 100 (2022), 110 (2023); dated ≥ 111 (2023-12, the same moment as the 2023 figure, so
    after it), 105 (2023-06, from a source of the lowest standing: never used), and 112 (2024-01)."""
    from analysis.assess.targets import evidence

    data = dataset({"x": {2022: 100, 2023: 110}},
                   points={"x": {"2023-12": 111, "2023-06": 105, "2024-01": 112}},
                   qualifiers={("x", "2023-12"): ">="})  # fmt: skip
    data.points.loc[data.points["date"] == "2023-06", "source_id"] = "weak"
    ev = evidence("x", data, Settings())
    assert [(f.label, f.value, f.qualifier) for f in ev.figures] == [
        ("2022", 100, ""), ("2023", 110, ""), ("2023-12", 111, ">="), ("2024-01", 112, "")
    ]  # fmt: skip
    cut = evidence("x", data, Settings(last_data_year=2023))  # up to the end of 2023, Dec included
    assert [f.label for f in cut.figures] == ["2022", "2023", "2023-12"]
    broken = dataset({"x": {2022: 100, 2023: 110}}, points={"x": {"2023-12": 111}},
                     breaks={"x": (2023, "comparable")})  # fmt: skip
    assert [f.label for f in evidence("x", broken, Settings()).figures] == ["2023", "2023-12"]


def test_the_projection_window_is_the_last_fifteen_years_or_all_of_them():
    """Twenty consecutive figures 2004-2023: the engine fits the last 15 (2009-2023) by default and
    all 20 with history_years = None."""
    line = {y: 100 + 10 * (y - 2004) for y in range(2004, 2024)}
    t = target("cap", 500, 2030)
    default = assess_target(t, dataset({"cap": line}))
    everything = assess_target(t, dataset({"cap": line}), Settings(history_years=None))
    assert (default.n_points, default.first_year) == (15, 2009)
    assert (everything.n_points, everything.first_year) == (20, 2004)


def test_the_span_a_reason_states_is_the_span_it_counts():
    """A projection counts the consecutive figures it was fitted to: with 2011 missing from
    2004-2023, the run 2012-2023 (12 figures). A peak searches the last 15 years: 2009-2023 of a
    twenty-year series (it said '15 yearly figures, 2004–2023')."""
    gap = {y: 100 + 10 * (y - 2004) for y in range(2004, 2024) if y != 2011}
    a = assess_target(target("cap", 500, 2030), dataset({"cap": gap}))
    assert (a.why, a.n_points, a.first_year, a.latest_year) == ("projection", 12, 2012, 2023)
    assert "(projection from 12 consecutive yearly figures, 2012–2023)" in a.reason
    assert "（基于2012–2023年12个连续年度数据的预测）" in a.reason_zh
    falling = {y: 500 - 5 * (y - 2004) for y in range(2004, 2024)}
    peak = assess_target(target("co2", 2030, 2030, "<=", "peak", "year"),
                         dataset({"co2": falling}, units={"co2": "Mt CO2"}))  # fmt: skip
    assert (peak.why, peak.n_points, peak.first_year) == ("peak", 15, 2009)
    assert "(15 yearly figures, 2009–2023)" in peak.reason
    assert "（基于2009—2023年15个年度数据）" in peak.reason_zh
