"""The reason for every verdict, in both languages, sentence for sentence, as literals.

Each case sets the assessment's numbers by hand and states the whole sentence a reader gets; a
changed word, number, unit or sign in either language fails here.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import pytest

from analysis.assess.targets import Assessment, Settings
from analysis.assess.verdict_text import explain, level_text, level_text_zh, rate_text

from .synthetic import dataset, target

S = Settings()
DATA = dataset(
    {"cap": {2021: 650, 2023: 800}, "co2": {2021: 500.0, 2022: 520.0, 2023: 494.0}},
    units={"co2": "Mt CO2"},
    breaks={"cap": (2022, "not comparable")},
)


def a_(**values) -> Assessment:
    a = Assessment("a02_cap", 2, "二（二）9", "capacity", 2030, ">=", 1500.0, "万千瓦", "cap")
    a.indicator_unit = "万千瓦"
    for k, v in values.items():
        setattr(a, k, v)
    return a


def t_(**values) -> pd.Series:
    return target("cap", values.pop("value", 1500.0), **values)


def reason(a, t=None, details=None, data=DATA, settings=S) -> tuple[str, str]:
    return explain(a, t_() if t is None else t, data, settings, details or {})


LEVEL = {"target_level": 1500.0, "threshold": 1500.0, "target_value": 1500.0}
LATEST = {"latest_value": 800.0, "latest_label": "2023", "latest_year": 2023}


@pytest.mark.parametrize(
    ("mode", "unit", "value", "en", "zh"),
    [
        ("compound", "万千瓦", 2.2149, "2.21 % a year", "2.21 %/年"),
        ("linear", "%", 0.8, "0.8 points a year", "0.8 个百分点/年"),
        ("linear", "%", 1.23456, "1.23 points a year", "1.23 个百分点/年"),  # three figures
        ("linear", "万千瓦", 120.0, "120 万千瓦 a year", "120 万千瓦/年"),
        ("linear", "万千瓦", -1234.5, "-1,234 万千瓦 a year", "-1,234 万千瓦/年"),
        ("linear", "%", None, "—", "—"),
        ("compound", "%", math.nan, "—", "—"),
    ],
)
def test_rates_in_words(mode, unit, value, en, zh):
    assert rate_text(value, mode, unit) == en
    assert rate_text(value, mode, unit, zh=True) == zh


@pytest.mark.parametrize(
    ("avalues", "tvalues", "unit", "en", "zh"),
    [
        ({}, {}, "万千瓦", "≥ 1,500 万千瓦", "≥ 1,500 万千瓦"),
        ({"comparator": "<=", "target_level": 1.3}, {"unit": "PUE", "value": 1.3}, "PUE",
         "≤ 1.3 PUE", "≤ 1.3 PUE"),
        ({"comparator": "range", "target_level": 5.0, "target_level_max": 10.0, "target_value": 5.0},
         {"comparator": "range", "unit": "个", "value": 5.0, "value_max": 10.0}, "个",
         "5–10 个", "5–10 个"),
        ({"target_level": 8000.0, "target_value": 12.0}, {"unit": "万亩", "value": 12.0}, "公顷",
         "≥ 8,000 公顷 (= 12 万亩)", "≥ 8,000 公顷（= 12 万亩）"),
        ({"comparator": "range", "target_level": 8000.0, "target_level_max": 16000.0,
          "target_value": 12.0}, {"comparator": "range", "unit": "万亩", "value": 12.0,
                                  "value_max": 24.0}, "公顷",
         "8,000–16,000 公顷 (= 12–24 万亩)", "8,000–16,000 公顷（= 12–24 万亩）"),
        ({"comparator": "<=", "target_level": 92.0, "target_value": -8.0},
         {"kind": "change_vs_base", "unit": "%", "value": -8.0, "base_year": 2020}, "index",
         "≤ 92 index (-8 % vs 2020)", "≤ 92 index（较2020年-8 %）"),
        ({"comparator": ">=", "target_level": 60.0, "target_value": 20.0},
         {"kind": "change_vs_base", "unit": "%", "value": 20.0, "base_year": 2020}, "index",
         "≥ 60 index (+20 % vs 2020)", "≥ 60 index（较2020年+20 %）"),
        ({"target_level": 22.125, "target_value": 15.0},
         {"kind": "growth_per_year", "unit": "%/yr", "value": 15.0, "base_year": 2020}, "万标箱",
         "≥ 22.12 万标箱 (15 % a year from 2020)", "≥ 22.12 万标箱（15 %/年，自2020）"),
        ({"comparator": "approx", "target_level": 4600.0, "threshold": 4462.0, "target_value": 3600.0},
         {"kind": "cumulative", "comparator": "approx", "value": 3600.0, "base_year": 2020}, "万千瓦",
         "≈ 4,600 万千瓦 (added since 2020)", "≈ 4,600 万千瓦（2020年起累计）"),
        ({"target_level": 35.0, "target_value": 35.0}, {"unit": "%", "kind": "share", "value": 35.0},
         "%", "≥ 35 %", "≥ 35 %"),
    ],
)  # fmt: skip
def test_the_target_level_in_the_evidence_unit_with_the_plans_beside(
    avalues, tvalues, unit, en, zh
):
    a = a_(**(LEVEL | avalues))
    t = t_(**tvalues)
    assert level_text(a, t, unit) == en
    assert level_text_zh(a, t, unit) == zh


def test_achieved_and_passed():
    a = a_(**LEVEL, **LATEST, why="achieved", latest_qualifier=">")
    assert reason(a) == (
        "Achieved: the latest figure (>800 万千瓦 (2023)) already meets the target level of ≥ 1,500 万千瓦.",
        "已实现：最新数据（>800 万千瓦 (2023)）已达到目标水平≥ 1,500 万千瓦。",
    )
    a = a_(**LEVEL, **LATEST, why="passed", target_year=2023)
    assert reason(a) == (
        "Off track: the target year 2023 has passed and the latest figure (800 万千瓦 (2023)) does not "
        "meet ≥ 1,500 万千瓦.",
        "偏离轨道：目标年份2023年已过，最新数据（800 万千瓦 (2023)）未达到≥ 1,500 万千瓦。",
    )


def test_progress_measure_in_words():
    a = a_(**LEVEL, **LATEST, why="progress", tier="progress", n_points=2, base_label="2021",
           observed_rate=10.94, required_rate=9.3957, rate_ratio=1.16437, rate_mode="compound")  # fmt: skip
    assert reason(a) == (
        "Indicative (2 figures): from 2021 to 2023 it moved 10.9 % a year; 9.4 % a year is needed to "
        "reach ≥ 1,500 万千瓦 by 2030 (ratio observed/required 1.16).",
        "参考判断（2个数据）：2021至2023年均变化10.9 %/年；"
        "2030年达到≥ 1,500 万千瓦需年均9.4 %/年（实际/所需之比1.16）。",
    )
    a.rate_ratio = None
    assert "(ratio observed/required —)" in reason(a)[0] and "（实际/所需之比—）" in reason(a)[1]
    a.rate_mode, a.observed_rate, a.required_rate, a.rate_ratio = "linear", 75.0, 100.0, 0.75
    assert reason(a) == (  # a linear rate in the series' unit, in both languages
        "Indicative (2 figures): from 2021 to 2023 it moved 75 万千瓦 a year; 100 万千瓦 a year is needed "
        "to reach ≥ 1,500 万千瓦 by 2030 (ratio observed/required 0.75).",
        "参考判断（2个数据）：2021至2023年均变化75 万千瓦/年；"
        "2030年达到≥ 1,500 万千瓦需年均100 万千瓦/年（实际/所需之比0.75）。",
    )


def test_projection_in_words():
    a = a_(**LEVEL, **LATEST, why="projection", tier="projection", probability=0.854, n_points=13,
           first_year=2011, observed_rate=10.0, required_rate=14.2857)  # fmt: skip
    assert reason(a) == (
        "85% chance of reaching ≥ 1,500 万千瓦 by 2030 (projection from 13 consecutive yearly figures, "
        "2011–2023); over its last 5 years the series moved 10 万千瓦 a year, and 14.3 万千瓦 a year is "
        "needed from 2023.",
        "2030年达到≥ 1,500 万千瓦的概率为85%（基于2011–2023年13个连续年度数据的预测）；近5年年均变化10 万千瓦/年，"
        "自2023起需年均14.3 万千瓦/年。",
    )
    a.first_year = None
    assert "yearly figures, )" in reason(a)[0]
    assert "over its last 8 years" in reason(a, settings=Settings(rate_window=8))[0]


def test_a_target_without_a_year_says_it_is_judged_against_the_horizon():
    a = a_(**LEVEL, **LATEST, why="achieved", year_from="horizon")
    en, zh = reason(a)
    assert en.startswith(
        "The plan gives no year for this target; it is judged against the plan's horizon, 2030. Achieved:"
    )
    assert zh.startswith("方案未给出该目标的年份，按方案期末2030年判断。已实现：")
    for code in ("unquantified", "no_series", "no_figures"):
        a = a_(why=code, year_from="horizon")
        t = t_(note="n", data_wanted="w")
        assert not reason(a, t)[0].startswith("The plan gives no year"), code


def test_unquantified_no_series_and_no_figures():
    assert reason(
        a_(why="unquantified"), t_(note="per the national assignment", note_zh="按国家下达指标")
    ) == (
        "The plan states no number for this target (per the national assignment).",
        "方案未给出该目标的数值（按国家下达指标）。",
    )
    assert reason(a_(why="unquantified"), t_(note="", note_zh="")) == (
        "The plan states no number for this target (qualitative).",
        "方案未给出该目标的数值（定性目标）。",
    )
    assert reason(a_(why="no_series"), t_(data_wanted="Yearly demand response, NDRC.")) == (
        "Not assessable: no public series. Yearly demand response, NDRC.",
        "无法评估：无公开数据序列。所需数据：Yearly demand response, NDRC.",
    )
    assert reason(a_(why="no_figures"), t_(data_wanted="Guangdong Statistical Yearbook 8-3.")) == (
        "Not assessable: no public series for cap yet. Add its figures to data/series.csv as indicator "
        "`cap` (`python -m analysis wanted` writes the rows to fill). Where to find it: Guangdong "
        "Statistical Yearbook 8-3.",
        "无法评估：尚无“cap”的公开数据。请在 data/series.csv 中以指标 `cap` 补充数据（`python -m analysis wanted` "
        "生成待填写的行）。",
    )
    assert reason(a_(why="no_figures"))[0].endswith("writes the rows to fill).")


def test_reasons_without_a_verdict():
    assert reason(a_(why="unit"), details={"target_unit": "万亩", "unit": "km2"}) == (
        "Not assessable: the target is in 万亩 and the series in km2, with no conversion listed in "
        "src/analysis/data/units.py.",
        "无法评估：目标单位为万亩，数据单位为km2，src/analysis/data/units.py 中没有换算系数。",
    )
    assert reason(a_(**LATEST, why="no_base"), details={"base_year": 2020}) == (
        "Not assessable: no exact 2020 figure, which the target is measured from. The latest figure is "
        "800 万千瓦 (2023).",
        "无法评估：缺少作为基数的2020年确切数据。最新数据为800 万千瓦 (2023)。",
    )
    assert reason(a_(why="base_bound"), t_(base_year=2015)) == (
        "Not assessable: no exact 2015 figure only as a bound, which the target is measured from.",
        "无法评估：缺少作为基数的2015年确切数据。",
    )
    assert reason(a_(**LEVEL, **LATEST, why="no_year")) == (
        "No verdict: the plan gives no target year. Latest figure 800 万千瓦 (2023) against the target "
        "level ≥ 1,500 万千瓦.",
        "无法判断：方案未给出目标年份。最新数据800 万千瓦 (2023)，目标水平≥ 1,500 万千瓦。",
    )
    assert reason(a_(**LEVEL, **LATEST, why="one_figure")) == (
        "Not assessable: one usable figure (800 万千瓦 (2023)) against ≥ 1,500 万千瓦 by 2030; a rate of "
        "change needs two figures at least a year apart.",
        "无法评估：仅有一个可用数据（800 万千瓦 (2023)），目标为2030年≥ 1,500 万千瓦；"
        "计算变化速度需要至少相隔一年的两个数据。",
    )
    assert reason(
        a_(**LEVEL, **LATEST, why="passed_bound", latest_qualifier=">=", target_year=2023)
    ) == (
        "Not known: the target year 2023 has passed and the latest figure is published only as a bound "
        "(≥800 万千瓦 (2023)) short of the target level ≥ 1,500 万千瓦, so whether it was met is not printed.",
        "尚不可知：目标年份2023年已过，最新数据仅以区间形式公布（≥800 万千瓦 (2023)），"
        "低于目标水平≥ 1,500 万千瓦，无法判断是否达标。",
    )
    assert reason(a_(**LATEST, why="stale"), details={"age": 15}) == (
        "No verdict: the latest figure (800 万千瓦 (2023)) is 15 years older than the newest data of the "
        "book, too old to say where the target stands now.",
        "无法判断：最新数据（800 万千瓦 (2023)）比本书最新数据早15年，过于陈旧，无法判断目前进展。",
    )
    assert reason(a_(why="too_few_peak", n_points=3), details={"n": 4}) == (
        "Not assessable: 4 consecutive yearly figure(s); simulating a peak needs at least 5.",
        "无法评估：仅有4个连续年度数据，模拟达峰至少需要5个。",
    )
    assert reason(a_(why="too_few_peak", n_points=3))[0].startswith("Not assessable: 3 consecutive")
    assert reason(a_(why="mystery")) == ("Not assessable (mystery).", "无法评估（mystery）。")


def test_a_new_statistical_basis_with_and_without_rates():
    a = a_(**LEVEL, **LATEST, why="basis")
    assert reason(a) == (
        "No verdict: figures from 2022 are on a new statistical basis, not comparable with the one the "
        "target was set on (see the break note), and the target has not been restated on it. Latest "
        "800 万千瓦 (2023).",
        "无法判断：2022年起数据采用新统计口径，与制定目标时的口径不可比（见口径说明），且目标尚未按新口径重新表述。"
        "最新数据800 万千瓦 (2023)。",
    )
    a.observed_rate, a.required_rate, a.rate_mode, a.base_label = 0.12, 1.9, "linear", "2022"
    en, zh = reason(a, data=DATA)
    assert en.endswith(
        "Latest 800 万千瓦 (2023). On the new basis it moved 0.12 万千瓦 a year from 2022 to 2023; "
        "1.9 万千瓦 a year would reach ≥ 1,500 万千瓦 by 2030."
    )
    assert zh.endswith(
        "按新口径，2022至2023年均变化0.12 万千瓦/年，2030年达到≥ 1,500 万千瓦需1.9 万千瓦/年。"
    )
    a.observed_rate, a.required_rate, a.rate_mode = 10.94, 9.3957, "compound"
    en, zh = reason(a, data=DATA)
    assert en.endswith(
        "it moved 10.9 % a year from 2022 to 2023; 9.4 % a year would reach ≥ 1,500 万千瓦 by 2030."
    )
    assert zh.endswith("2022至2023年均变化10.9 %/年，2030年达到≥ 1,500 万千瓦需9.4 %/年。")


def test_a_new_basis_is_dated_by_the_break_of_the_series_the_verdict_rests_on():
    """Guangdong's cap series changed basis in 2022, Shenzhen's in 2019: a Shenzhen proxy says 2019."""
    shenzhen = dataset({"cap": {2019: 1, 2020: 2}}, breaks={"cap": (2019, "not comparable")},
                       region="Shenzhen")  # fmt: skip
    data = replace(DATA, series=pd.concat([DATA.series, shenzhen.series], ignore_index=True),
                   breaks=pd.concat([DATA.breaks, shenzhen.breaks], ignore_index=True))  # fmt: skip
    a = a_(**LEVEL, **LATEST, why="basis", evidence_indicator="cap", evidence_region="Shenzhen")
    assert reason(a, data=data)[0].startswith(
        "No verdict: figures from 2019 are on a new statistical"
    )
    assert reason(a, data=data)[1].startswith("无法判断：2019年起数据采用新统计口径")


def test_a_peak_in_words_names_the_highest_figure_and_the_last_change():
    """co2 500 (2021), 520 (2022), 494 (2023): 494 / 520 − 1 = −5.0 %, it fell."""
    a = a_(why="peak", tier="projection", indicator="co2", evidence_indicator="co2",
           evidence_region="Guangdong", indicator_unit="Mt CO2", probability=0.62, n_points=3,
           first_year=2021, latest_year=2023, peak_year=2022, peak_value=520.0)  # fmt: skip
    t = target("co2", 2030, 2030, "<=", "peak", "year")
    assert reason(a, t) == (
        "62% of simulated paths reach their highest value in or before 2030 (3 yearly figures, "
        "2021–2023). Highest so far: 520 Mt CO2 in 2022; in 2023 it fell 5.0 % on the year before.",
        "62%的模拟路径在2030年或之前达到峰值（基于2021—2023年3个年度数据）。"
        "迄今最高：2022年520 Mt CO2；2023年较上年下降5.0%。",
    )
    a.latest_year = 2022  # 520 / 500 − 1 = +4.0 %: it rose
    assert reason(a, t)[0].endswith("in 2022 it rose 4.0 % on the year before.")
    assert reason(a, t)[1].endswith("2022年较上年上升4.0%。")
    small = dataset({"co2": {2022: 1000.0, 2023: 1005.0}}, units={"co2": "Mt CO2"})
    a.latest_year = 2023  # 1,005 / 1,000 − 1 = +0.5 %: a rise, however small
    assert reason(a, t, data=small)[0].endswith("in 2023 it rose 0.5 % on the year before.")
    assert reason(a, t, data=small)[1].endswith("2023年较上年上升0.5%。")
    a.latest_year = 2021  # one figure: no change to state
    assert reason(a, t)[0].endswith("Highest so far: 520 Mt CO2 in 2022.")
    assert reason(a, t)[1].endswith("迄今最高：2022年520 Mt CO2。")


def test_cumulative_flows_in_words():
    t = t_(kind="cumulative", value=250.0, base_year=2020, year=2025)
    level = {"target_level": 250.0, "threshold": 250.0, "target_value": 250.0, "target_year": 2025}
    assert reason(a_(why="flow_gaps"), t, {"missing": [2022, 2023], "base_year": 2020}) == (
        "Not assessable: yearly figures missing for 2022, 2023, so the total since 2020 is unknown.",
        "无法评估：缺少2022, 2023年的数据，无法计算2020年以来的累计量。",
    )
    assert reason(a_(why="flow_short"), t, {"done": 1234.5}) == (
        "Not assessable: 1,234 万千瓦 done so far, too few yearly figures to project the remaining years.",
        "无法评估：目前累计1,234 万千瓦，年度数据太少，无法预测剩余年份。",
    )
    done = a_(**level, why="flow_done", latest_value=300.0, latest_label="2023")
    assert reason(done, t) == (
        "Achieved: 300 万千瓦 done by 2023, meeting ≥ 250 万千瓦 (added since 2020).",
        "已实现：截至2023年累计300 万千瓦，达到≥ 250 万千瓦（2020年起累计）。",
    )
    passed = a_(**level, why="flow_passed", latest_value=200.0, latest_label="2025")
    assert reason(passed, t) == (
        "Off track: 200 万千瓦 done by 2025, short of ≥ 250 万千瓦 (added since 2020).",
        "偏离轨道：截至2025年累计200 万千瓦，未达到≥ 250 万千瓦（2020年起累计）。",
    )
    projected = a_(**level, why="flow_projection", latest_value=200.0, probability=0.4)
    assert reason(projected, t) == (
        "200 万千瓦 done so far; 40% chance the total reaches ≥ 250 万千瓦 (added since 2020) by 2025.",
        "目前累计200 万千瓦；2025年累计达到≥ 250 万千瓦（2020年起累计）的概率为40%。",
    )


def test_a_proxy_verdict_is_labelled_with_the_proxy_and_its_gap():
    a = a_(**LEVEL, **LATEST, why="achieved", tier="proxy", evidence_indicator="co2",
           evidence_region="Shenzhen", proxy_relation="narrower area", proxy_gap_en="Only Shenzhen.",
           proxy_gap_zh="仅深圳。")  # fmt: skip
    en, zh = reason(a)
    assert en == (
        "On the proxy co2 (Shenzhen; narrower area): Achieved: the latest figure (800 万千瓦 (2023)) already "
        "meets the target level of ≥ 1,500 万千瓦. Gap to the target: Only Shenzhen."
    )
    assert (
        zh
        == "按替代指标“co2”（深圳）：已实现：最新数据（800 万千瓦 (2023)）已达到目标水平≥ 1,500 万千瓦。"
        "与目标的差别：仅深圳。"
    )
    a.evidence_region = "China"
    assert "(China (national); narrower area)" in reason(a)[0] and "（全国）" in reason(a)[1]
    a.evidence_region = "Foshan"
    assert "(Foshan; narrower area)" in reason(a)[0] and "（Foshan）" in reason(a)[1]
    failed = a_(why="proxy_one_figure", tier="none", evidence_indicator="co2",
                evidence_region="Guangdong", proxy_relation="related series", proxy_gap_en="g",
                proxy_gap_zh="差")  # fmt: skip
    en, zh = reason(failed)
    assert en.startswith("On the proxy co2 (Guangdong; related series): Not assessable: one usable")
    assert zh.startswith("按替代指标“co2”（广东）：无法评估：仅有一个可用数据")
    failed.evidence_indicator = ""  # no proxy series named: no proxy wording
    assert reason(failed)[0].startswith("Not assessable: one usable")
