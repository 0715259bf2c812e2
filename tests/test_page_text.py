"""What the pages state: numbers as written, targets as the plan writes them, statuses, counts.

Every expected string is a literal worked out from the rules in fmt.py and chapter.py's docstrings
(four significant figures, thousands separated, '—' for a missing number; Chinese label first).
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace

import pandas as pd
import pytest

from analysis.assess.fmt import num, percent, qualified
from analysis.assess.targets import Assessment, Settings
from analysis.pages.chapter import (
    action_header,
    downloads_line,
    markdown_table,
    measures_checklist,
    projection_details,
    readings_note,
    settings_note,
    source_text,
    status_badge,
    status_counts,
    status_legend,
    summary_table,
    target_cell,
    target_heading,
    target_section,
    target_text,
    target_text_zh,
    tier_badge,
)

from .synthetic import dataset, target

DOT = {
    "achieved": '<span style="color:#1a9850">●</span>',
    "on track": '<span style="color:#66bd63">●</span>',
    "at risk": '<span style="color:#f39c12">●</span>',
    "off track": '<span style="color:#d73027">●</span>',
    "not assessable": '<span style="color:#878787">●</span>',
}


@pytest.mark.parametrize(
    ("x", "kwargs", "text"),
    [
        (None, {}, "—"),
        (math.nan, {"unit": "%"}, "—"),
        (15000, {"unit": "万千瓦"}, "15,000 万千瓦"),  # never '15k'
        (10000, {}, "10,000"),
        (12345.6, {}, "12,346"),  # five digits and more: whole numbers
        (9999.4, {}, "9,999"),
        (1234.56, {}, "1,235"),  # four significant figures
        (0.1234567, {}, "0.1235"),
        (0.1234567, {"digits": 3}, "0.123"),
        (1234.56, {"digits": 3}, "1,235"),  # at or above 10^3 with three digits: whole
        (-12.5, {"unit": "%"}, "-12.5 %"),
        (0.0001, {}, "0.0001"),
        (2e-05, {}, "0.00002000"),  # tiny: fixed notation, never 2e-05
        (2e-05, {"digits": 3}, "0.0000200"),
        (7400.0, {"unit": ""}, "7,400"),
        (123.456, {}, "123.5"),  # below 10,000: four significant figures, decimals kept
        (40.25, {}, "40.25"),
        (9999.4, {}, "9,999"),
        (10000.4, {}, "10,000"),  # from 10,000: whole numbers
    ],
)
def test_numbers_are_written_one_way(x, kwargs, text):
    assert num(x, **kwargs) == text


@pytest.mark.parametrize(
    ("p", "text"), [(None, "—"), (math.nan, "—"), (0.854, "85%"), (1.0, "100%"), (0.0, "0%")]
)
def test_probabilities_are_whole_percentages(p, text):
    assert percent(p) == text


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "text"),
    [
        (7531.0, ">=", "公顷", "≥7,531 公顷"),
        (7531.0, ">", "公顷", ">7,531 公顷"),
        (1.3, "<=", "", "≤1.3"),
        (1.3, "<", "PUE", "<1.3 PUE"),
        (1.1, "~", "", "~1.1"),
        (5.0, "", "个", "5 个"),
        (5.0, None, "", "5"),
        (None, ">=", "%", "≥—"),
    ],
)
def test_a_bound_is_written_as_a_reader_writes_it(value, qualifier, unit, text):
    assert qualified(value, qualifier, unit) == text


def test_a_figure_without_qualifier_or_unit_and_an_unknown_qualifier_as_written():
    assert qualified(5.0) == "5"
    assert qualified(5.0, "about ") == "about 5"  # not in the table: shown as the data write it


def row(**values) -> pd.Series:
    base = {
        "id": "a02_x",
        "action": 2,
        "clause": "二（二）9",
        "year": 2030,
        "kind": "capacity",
        "comparator": ">=",
        "value": 7400.0,
        "unit": "万千瓦",
        "base_year": pd.NA,
        "indicator": "x",
        "quote_zh": "到2030年达到7400万千瓦",
        "summary_en": "7,400 万千瓦 by 2030",
        "note": "",
        "note_zh": "",
        "value_max": pd.NA,
    }
    return pd.Series(base | values)


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ({}, "≥ 7,400 万千瓦 by 2030"),
        ({"comparator": ">", "value": 1500.0}, "> 1,500 万千瓦 by 2030"),
        ({"comparator": "<=", "kind": "level", "value": 1.3, "unit": "PUE"}, "≤ 1.3 PUE by 2030"),
        ({"comparator": "approx", "kind": "share", "value": 35.0, "unit": "%", "year": pd.NA},
         "≈ 35 % (no year given)"),
        ({"comparator": "range", "kind": "count", "value": 5.0, "value_max": 10.0, "unit": "个",
          "year": 2025}, "5–10 个 by 2025"),
        ({"kind": "binary", "comparator": "==", "value": 1.0, "unit": "yes/no", "year": 2025},
         "= yes by 2025"),
        ({"kind": "peak", "comparator": "<=", "value": 2030.0, "unit": "year"},
         "peak in or before 2030"),
        ({"kind": "change_vs_base", "comparator": "<=", "value": -14.0, "unit": "%",
          "base_year": 2020, "year": 2025}, "≤ -14 % vs 2020 by 2025"),
        ({"kind": "growth_per_year", "value": 15.0, "unit": "%/yr", "base_year": 2020,
          "year": 2025}, "≥ 15 %/yr from 2020 by 2025"),
        ({"kind": "growth_per_year", "value": 5.0, "unit": "%", "base_year": 2020,
          "year": 2025}, "≥ 5 % a year from 2020 by 2025"),
        ({"kind": "cumulative", "comparator": "approx", "value": 3600.0, "base_year": 2020,
          "year": 2025}, "≈ 3,600 万千瓦 added since 2020 by 2025"),
        ({"comparator": "unquantified", "value": math.nan, "unit": "",
          "note": "per the national assignment"}, "no number (per the national assignment)"),
        ({"comparator": "unquantified", "value": math.nan, "unit": ""}, "no number (qualitative)"),
    ],
)  # fmt: skip
def test_targets_as_the_plan_writes_them(values, text):
    assert target_text(row(**values)) == text


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ({}, "到2030年 ≥ 7,400 万千瓦"),
        ({"comparator": "approx", "kind": "share", "value": 35.0, "unit": "%", "year": pd.NA},
         "≈ 35 %（未给年份）"),
        ({"comparator": "range", "kind": "count", "value": 5.0, "value_max": 10.0, "unit": "个",
          "year": 2025}, "到2025年 5–10 个"),
        ({"kind": "binary", "comparator": "==", "value": 1.0, "unit": "yes/no", "year": 2025},
         "到2025年实现"),
        ({"kind": "binary", "comparator": "==", "value": 1.0, "unit": "yes/no", "year": pd.NA},
         "实现（未给年份）"),
        ({"kind": "peak", "comparator": "<=", "value": 2030.0, "unit": "year"}, "2030年前达峰"),
        ({"kind": "change_vs_base", "comparator": "<=", "value": -14.0, "unit": "%",
          "base_year": 2020, "year": 2025}, "到2025年较2020年 ≤ -14 %"),
        ({"kind": "change_vs_base", "comparator": ">=", "value": 10.0, "unit": "%",
          "base_year": 2020, "year": pd.NA}, "较2020年 ≥ 10 %（未给年份）"),
        ({"kind": "growth_per_year", "value": 15.0, "unit": "%/yr", "base_year": 2020,
          "year": 2025}, "2020—2025年每年 ≥ 15 %/yr"),
        ({"kind": "growth_per_year", "value": 15.0, "unit": "%/yr", "base_year": 2020,
          "year": pd.NA}, "2020年起每年 ≥ 15 %/yr（未给年份）"),
        ({"kind": "cumulative", "comparator": "approx", "value": 3600.0, "base_year": 2020,
          "year": 2025}, "2020—2025年新增 ≈ 3,600 万千瓦"),
        ({"comparator": "unquantified", "value": math.nan, "unit": ""}, "方案未给数字"),
        ({"comparator": "unquantified", "value": math.nan, "unit": "", "note": "per the national "
          "assignment", "note_zh": "按国家下达指标"}, "方案未给数字（按国家下达指标）"),
    ],
)  # fmt: skip
def test_targets_in_chinese_as_the_plan_writes_them(values, text):
    """Literal Chinese, written here: the year first as the plan words it (到2030年, 2030年前达峰)."""
    assert target_text_zh(row(**values)) == text


def test_a_target_cell_is_chinese_then_english_and_escapes_the_data():
    cell = target_cell(row(unit="<b>万千瓦</b>"))
    assert cell == "到2030年 ≥ 7,400 \\<b\\>万千瓦\\</b\\><br>≥ 7,400 \\<b\\>万千瓦\\</b\\> by 2030"


def test_status_badges_put_the_chinese_label_first():
    assert status_badge("achieved") == f"{DOT['achieved']} **已实现 achieved**"
    assert status_badge("on track") == f"{DOT['on track']} **进展顺利 on track**"
    assert status_badge("at risk") == f"{DOT['at risk']} **存在风险 at risk**"
    assert status_badge("off track") == f"{DOT['off track']} **偏离轨道 off track**"
    assert status_badge("not assessable") == f"{DOT['not assessable']} **无法评估 not assessable**"


@pytest.mark.parametrize(
    ("tier", "status", "region", "text"),
    [
        ("projection", "on track", "", "预测 projection"),
        ("progress", "at risk", "", "进度测算 progress measure · indicative (3 figures)"),
        ("progress", "not assessable", "", "进度测算 progress measure"),
        ("proxy", "on track", "Shenzhen", "替代指标 proxy · 深圳 Shenzhen"),
        ("proxy", "on track", "China", "替代指标 proxy · 全国 China (national)"),
        ("proxy", "off track", "Foshan", "替代指标 proxy · Foshan Foshan"),
        ("proxy", "off track", "", "替代指标 proxy"),
        ("single figure", "achieved", "", "单一数据 single figure"),
        ("none", "not assessable", "", "无数据 no public series"),
    ],
)
def test_tier_badges_from_an_assessment_or_a_table_row(tier, status, region, text):
    a = Assessment("a02_x", 2, "二（二）9", "capacity", 2030, ">=", 1.0, "万千瓦", "x")
    a.tier, a.status, a.evidence_region, a.n_points = tier, status, region, 3
    assert tier_badge(a) == text
    assert tier_badge(asdict(a)) == text
    assert tier_badge(pd.Series(asdict(a))) == text


def test_cells_are_escaped_so_a_pipe_or_a_newline_cannot_break_the_table():
    assert markdown_table(["A", "B"], [["x|y", "two\nlines"], [1, 2.5]]) == (
        "| A | B |\n|---|---|\n| x\\|y | two lines |\n| 1 | 2.5 |"
    )


def test_counts_by_status_and_tier_with_totals():
    """Ten targets counted by hand: achieved 2 single figure + 1 progress; on track 1 projection;
    at risk 1 progress; off track 1 proxy; not assessable 3 none + 1 proxy. Column totals 1, 2, 2, 2, 3."""
    pairs = (
        [("achieved", "single figure")] * 2
        + [("achieved", "progress"), ("on track", "projection"), ("at risk", "progress")]
        + [("off track", "proxy"), ("not assessable", "proxy")]
        + [("not assessable", "none")] * 3
    )
    table = pd.DataFrame(pairs, columns=["status", "tier"])
    assert status_counts(table).splitlines() == [
        "| 状态 Status | 预测 projection | 进度测算 progress measure | 替代指标 proxy | 单一数据 single figure "
        "| 无数据 no public series | 合计 Total |",
        "|---|---|---|---|---|---|---|",
        f"| {DOT['achieved']} 已实现 achieved | 0 | 1 | 0 | 2 | 0 | 3 |",
        f"| {DOT['on track']} 进展顺利 on track | 1 | 0 | 0 | 0 | 0 | 1 |",
        f"| {DOT['at risk']} 存在风险 at risk | 0 | 1 | 0 | 0 | 0 | 1 |",
        f"| {DOT['off track']} 偏离轨道 off track | 0 | 0 | 1 | 0 | 0 | 1 |",
        f"| {DOT['not assessable']} 无法评估 not assessable | 0 | 0 | 1 | 0 | 3 | 4 |",
        "| 合计 Total | 1 | 2 | 2 | 2 | 3 | 10 |",
    ]


def test_an_empty_status_or_tier_still_gets_its_row_and_column():
    table = pd.DataFrame([("on track", "projection")], columns=["status", "tier"])
    lines = status_counts(table).splitlines()
    assert len(lines) == 8
    assert lines[3] == f"| {DOT['on track']} 进展顺利 on track | 1 | 0 | 0 | 0 | 0 | 1 |"
    assert lines[-1] == "| 合计 Total | 1 | 0 | 0 | 0 | 0 | 1 |"


def assessment(**values) -> Assessment:
    a = Assessment("a02_x", 2, "二（二）9", "capacity", 2030, ">=", 7400.0, "万千瓦", "x")
    for k, v in values.items():
        setattr(a, k, v)
    return a


def test_summary_table_states_latest_probability_and_status():
    targets = pd.DataFrame(
        [
            row(),
            row(id="a02_y", indicator="", quote_zh="目标乙", summary_en="goal y", value=3.0,
                comparator="range", value_max=6.0, kind="count", unit="个", year=2025),
            row(id="a02_z", quote_zh="目标丙", summary_en="goal z"),
        ]
    )  # fmt: skip
    table = pd.DataFrame(
        [
            asdict(
                assessment(
                    tier="projection",
                    status="on track",
                    indicator_unit="万千瓦",
                    latest_value=1678.0,
                    latest_qualifier=">=",
                    latest_label="2024",
                    probability=0.854,
                )
            ),
            asdict(assessment(target_id="a02_y", indicator="", why="no_series")),
            asdict(assessment(target_id="a02_z", latest_value=5.0, latest_label="2023")),
        ]
    )
    lines = summary_table(targets, table).splitlines()
    assert lines[0] == (
        "| 条款 Clause | 目标 Target | 目标值 Goal | 证据 Evidence | 最新 Latest | P(meet) | 状态 Status |"
    )
    assert lines[2] == (
        "| 二（二）9 | 到2030年达到7400万千瓦<br>7,400 万千瓦 by 2030 "
        "| 到2030年 ≥ 7,400 万千瓦<br>≥ 7,400 万千瓦 by 2030 | 预测 projection "
        f"| ≥1,678 万千瓦 (2024) | 85% | {DOT['on track']} 进展顺利 on track |"
    )
    assert lines[3] == (
        "| 二（二）9 | 目标乙<br>goal y | 到2025年 3–6 个<br>3–6 个 by 2025 | 无数据 no public series | — | — "
        f"| {DOT['not assessable']} 无法评估 not assessable |"
    )
    assert (
        "| 无数据 no public series | 5 (2023) | — |" in lines[4]
    )  # no unit known: the bare number
    assert len(lines) == 5


def test_target_section_states_every_number_in_one_unit():
    """A progress verdict: 650 (2021) → 800 (2023) against > 1,500 by 2030, in 万千瓦."""
    data = dataset({"x": {2021: 650, 2023: 800}})
    a = assessment(
        comparator=">",
        target_value=1500.0,
        tier="progress",
        status="on track",
        indicator_unit="万千瓦",
        target_level=1500.0,
        threshold=1500.0,
        latest_value=800.0,
        latest_label="2023",
        n_points=2,
        observed_rate=10.94,
        required_rate=9.3957,
        rate_ratio=1.16437,
        rate_mode="compound",
        reason="Indicative.",
        reason_zh="参考判断。",
        evidence_indicator="x",
    )
    lines = target_section(row(comparator=">", value=1500.0), a, data).splitlines()
    assert lines == [
        "| 项目 Item | 数值 Value |",
        "|---|---|",
        # '>' escaped as Markdown (a reader sees '>')
        "| 目标 Target | 到2030年 \\> 1,500 万千瓦<br>\\> 1,500 万千瓦 by 2030 |",
        "| 类型 Kind | 装机容量 capacity |",
        "| 判断标准 Level judged (万千瓦) | \\> 1,500 万千瓦 |",
        "| 证据 Evidence | 进度测算 progress measure · indicative (2 figures) |",
        "| 指标 Indicator | x / x (`x`) |",
        "| 最新值 Latest | 800 万千瓦 (2023)；共2个数据 · 2 figure(s) used |",
        "| 实际与所需速度 Observed vs required | 10.9 % a year vs 9.4 % a year (ratio 1.16) |",
        f"| 状态 Status | {DOT['on track']} **进展顺利 on track**<br>参考判断。<br>Indicative. |",
    ]


def test_target_section_of_a_projection_on_a_proxy():
    """Projection 300 (80 % interval 250 – 350) and P = 0.91 on a Shenzhen proxy series."""
    data = dataset({"x": {2021: 650}, "y": {2021: 1}})
    a = assessment(
        tier="proxy",
        status="on track",
        indicator_unit="万千瓦",
        evidence_indicator="y",
        evidence_region="Shenzhen",
        projected_value=300.0,
        interval_level=0.8,
        lower=250.0,
        upper=350.0,
        probability=0.91,
        observed_rate=10.0,
        required_rate=None,
        reason="r",
        reason_zh="理由",
    )
    text = target_section(row(), a, data)
    assert "| 指标 Indicator | y / y (`y`) — 深圳 Shenzhen |" in text
    assert "| 预测 Projection 2030 | 300 万千瓦 (80%区间 interval 250 – 350 万千瓦) |" in text
    assert "| 达标概率 P(meet) | 91% |" in text
    assert "Observed vs required" not in text  # no required rate, no row
    assert "判断标准" not in text and "最新值" not in text  # no level, no latest figure


def test_settings_note_prints_every_threshold():
    """Chinese first, then English, each stating every threshold of the settings."""
    assert settings_note(Settings()) == (
        "本页所用参数：区间80%；达标概率不低于70%为进展顺利，低于30%为偏离轨道；进度测算中实际速度达到"
        "所需速度的95%为进展顺利，低于60%为偏离轨道；未给年份的目标按2030年判断；最新数据早于10年以上"
        "不作速度判断；“左右”按目标值的97%计；实际速度按最近5年计算；预测拟合最近15年数据。\n\n"
        "Settings used: 80% intervals; on track if P(meet) ≥ 70%, off track if below 30%, at risk in "
        "between; progress measures on track if the observed rate is at least 95% of the required "
        "rate, off track below 60%; targets without a year judged against 2030; no rate verdict on a "
        "figure more than 10 years old; 'about X' counts as met at X × (1 − 3%); observed rate over "
        "the last 5 years; fitted on the last 15 years of data."
    )
    hindcast = Settings(history_years=None, last_data_year=2019, interval_level=0.9)
    zh, en = settings_note(hindcast).split("\n\n")
    assert zh.startswith("本页所用参数：区间90%；") and zh.endswith(
        "预测拟合全部年份的数据，截至2019年。"
    )
    assert en.endswith("fitted on every year of data up to 2019.")
    assert en.startswith("Settings used: 90% intervals;")


def test_settings_note_says_when_targets_without_a_year_are_not_judged():
    """With no horizon year, a target the plan gives no year is not judged, and the note says so
    in both languages, where the horizon year stood."""
    zh, en = settings_note(Settings(horizon_year=None)).split("\n\n")
    assert "低于60%为偏离轨道；未给年份的目标不作判断；最新数据早于10年以上" in zh
    assert "off track below 60%; targets without a year not judged; no rate verdict" in en
    assert "2030" not in zh + en


def test_a_real_assessment_reads_the_same_in_the_table():
    """The text helpers take an Assessment or its table row alike (the overview uses rows)."""
    data = dataset({"x": {2021: 650, 2023: 800}})
    from analysis.assess.targets import assess_target

    a = assess_target(target("x", 1500, 2030, ">"), data)
    t = row(comparator=">", value=1500.0)
    assert target_section(t, a, data) == target_section(t, pd.Series(asdict(a)), data)


def test_action_header_and_target_heading_quote_the_plan():
    from analysis.data.plan import Action, Measure

    action = Action(
        2, "能源绿色低碳转型行动", "Energy", "第一行。\n第二行。", (Measure(9, "风电", "t"),)
    )
    assert action_header(action) == (
        "方案第二（二）条开篇写道： The plan's clause **二（二）** opens with these words:\n\n"
        "> 第一行。\n>\n> 第二行。\n\n"
        "*出处 Source: 《广东省碳达峰实施方案》（粤府〔2022〕56号）二（二）。*"
    )
    assert target_heading(row()) == (
        "### 到2030年达到7400万千瓦\n\n**7,400 万千瓦 by 2030**\n\n"
        "— 《广东省碳达峰实施方案》二（二）9 · target id `a02_x`"
    )


def test_measures_checklist_points_to_registered_targets():
    from analysis.data.plan import Action, Measure

    action = Action(
        2, "能源", "Energy", "", (Measure(9, "风电光伏", "t"), Measure(10, "核电", "t"))
    )
    targets = pd.DataFrame(
        {"clause": ["二（二）9", "二（二）9", "二（三）10"], "id": ["a", "b", "c"]}
    )
    blocks = measures_checklist(action, targets).split("\n\n")
    assert blocks[:2] == [
        "本行动的每项措施，按方案编号列出，附关键词和方案原文。没有量化指标的措施是本书列出但"
        "无法度量的承诺。",
        "Every measure of this action, as numbered in the plan, with its key terms and the plan's "
        "words. Measures without a number are commitments the book lists but cannot measure.",
    ]
    assert blocks[2:4] == ["### 9. 风电光伏", "二（二）9 — 量化目标 numbered target(s): `a`, `b`"]
    # measure 9's key terms (keyterms.py), each an index entry in Chinese then English
    assert blocks[4].startswith(
        "关键词 Key terms: {index}`!新型电力系统` {index}`!new-type power system` · "
    )
    assert blocks[5] == ":::{dropdown} 方案原文 The plan's words\nt\n:::"
    assert blocks[6:8] == ["### 10. 核电", "二（二）10 — 方案未给数字 no number in the plan"]
    assert len(blocks) == 10


def test_downloads_line_links_every_table():
    assert downloads_line("../") == (
        "Downloads 下载: [assessment CSV](../downloads/assessment.csv) · [JSON](../downloads/assessment.json)"
        " | [series CSV](../downloads/series.csv) · [JSON](../downloads/series.json)"
        " | [sources CSV](../downloads/sources.csv) · [JSON](../downloads/sources.json)"
    )
    assert downloads_line().startswith("Downloads 下载: [assessment CSV](downloads/assessment.csv)")


def test_status_legend_explains_every_status_and_tier():
    lines = status_legend().splitlines()
    assert len(lines) == 11 and lines[5] == ""
    assert lines[0].startswith(
        f"- {DOT['achieved']} **已实现 achieved** — 最新公布的数据已达到目标。 the latest"
    )
    assert lines[4].startswith(f"- {DOT['not assessable']} **无法评估 not assessable** — ")
    assert lines[6].startswith("- **预测 projection** — 至少5个连续年度数据")
    assert lines[10].startswith("- **无数据 no public series** — 没有公开数据")


def test_projection_details_list_each_model_and_the_combination():
    explanation = [
        {"model": "drift", "description": "d", "description_zh": "漂", "projection": 1234.56,
         "backtest_mase": 0.876, "weight": 0.6},
        {"model": "naive", "description": "n", "description_zh": "朴", "projection": 1000.0,
         "backtest_mase": None, "weight": 0.0},
        {"model": "combination", "description": "c", "description_zh": "合", "projection": 1200.0,
         "backtest_mase": None,
         "weight": 1.0, "interval_80": (1100.0, 1300.0), "interval_source": "M3 backtests"},
    ]  # fmt: skip
    text = projection_details(explanation, "万千瓦", 2030)
    assert text.startswith("<details><summary>预测方法 How this projection was made</summary>\n\n")
    assert text.endswith(  # the table, then the note in Chinese, then in English, each a paragraph
        "(M3 backtests) | — | 100% |\n\n"
        "MASE：本序列向前一步回测的平均绝对误差，以序列的平均年变化量为单位（越低越好）；"
        "回测表现越好的模型权重越高。\n\n"
        "MASE: mean absolute error of one-step-ahead backtests on this series, in units of its "
        "average yearly change (lower is better); the weights favour the models that did better."
        "\n\n</details>"
    )
    assert (
        "| 模型 Model | 说明 What it does | 2030年预测 Projection | 回测误差 Backtest MASE | 权重 Weight |"
        in text
    )
    assert "| drift | 漂<br>d | 1,235 万千瓦 | 0.88 | 60% |" in text  # Chinese first
    assert "| naive | 朴<br>n | 1,000 万千瓦 | — | 0% |" in text
    assert (
        "| combination | 合<br>c | 1,200 万千瓦; 80 % interval 1,100–1,300 万千瓦 (M3 backtests) | — | 100% |"
        in text
    )


READINGS = dataset(
    {"x": {2020: 10, 2021: 11, 2022: 12}},
    secondary={("x", 2021), ("x", 2022)},
    points={"x": {"2023-06": 13}},
)


def test_source_text_names_publisher_title_and_whether_the_link_is_the_original():
    sources = pd.DataFrame(
        [
            {"id": "s", "publisher": "统计局", "title": "年鉴", "url": "http://a", "link": "original",
             "tier": "official statistics"},
            {"id": "r", "publisher": "Bureau", "title": "Bulletin", "url": "http://b",
             "link": "republished copy", "tier": "press"},
            {"id": "n", "publisher": "P", "title": "T", "url": "", "link": "original", "tier": "press"},
            {"id": "weak", "publisher": "an opinion column", "title": "t", "url": "", "link": "",
             "tier": "secondary"},
        ]
    )  # fmt: skip
    data = replace(READINGS, sources=sources)
    # link targets in angle brackets (CommonMark: a parenthesis in an address cannot end the link)
    assert source_text("s", data) == "统计局, *年鉴* ([原文 original](<http://a>))"
    assert source_text("r", data) == "Bureau, *Bulletin* ([转载 republished copy](<http://b>))"
    assert source_text("n+s", data) == "P, *T* + 统计局, *年鉴* ([原文 original](<http://a>))"
    assert source_text("gone", data) == "gone"
    assert source_text("gone+s", data) == "gone + 统计局, *年鉴* ([原文 original](<http://a>))"


def test_readings_note_states_the_conflict_the_choice_and_what_is_set_aside():
    sources = pd.DataFrame(
        [{"id": "s", "publisher": "统计局", "title": "年鉴", "url": "", "link": "original",
          "tier": "official statistics"},
         {"id": "weak", "publisher": "专栏", "title": "评论", "url": "", "link": "original",
          "tier": "secondary"}]
    )  # fmt: skip
    points = READINGS.points.assign(
        source_id="weak"
    )  # the dated point is of the lowest standing too

    def reading(period, value, qualifier, chosen, rule, tier, source, region="Guangdong"):
        return {"indicator": "x", "region": region, "period": period, "value": value,
                "qualifier": qualifier, "chosen": chosen, "rule": rule, "tier": tier,
                "source_id": source}  # fmt: skip

    alt = [  # listed out of order: the note sorts by period
        reading("2020", "10", "", "yes", "higher standing", "official statistics", "s"),
        reading("2020", "9.5", "~", "no", "higher standing", "press", "weak"),
        reading("2020", "9.8", "", "no", "higher standing", "blog", "weak"),
        reading("2018", "7", "", "no", "higher standing", "press", "s"),  # nothing chosen: skipped
        reading("2017", "6", "", "yes", "later revision", "government", "s"),
        reading("2017", "5", "", "no", "later revision", "press", "s"),
        reading(
            "2019", "9", "", "yes", "readings agree", "press", "s"
        ),  # agreement: not a conflict
        reading("2019", "9", "", "no", "readings agree", "press", "weak"),
        reading("2020", "1", "", "yes", "higher standing", "press", "s", region="Shenzhen"),
        reading("2020", "2", "", "no", "higher standing", "press", "s", region="Shenzhen"),
    ]
    data = replace(READINGS, sources=sources, alternatives=pd.DataFrame(alt), points=points)
    text = readings_note("x", "Guangdong", data)
    # '~' (about) is escaped as Markdown: a reader sees ~9.5
    assert text.splitlines() == [
        "**读数冲突 Conflicting readings** (the choice rule prefers a later revision, then the source of "
        "higher standing, then an exact figure):",
        "",
        "- 2017: **6** (government: 统计局, *年鉴*) — 按规则选用 chosen by the rule “later revision” over "
        "5 (媒体报道 press: 统计局, *年鉴*)",
        "- 2020: **10** (official statistics: 统计局, *年鉴*) — 按规则选用 chosen by the rule “higher standing” "
        "over "
        "\\~9.5 (媒体报道 press: 专栏, *评论*); 9.8 (blog blog: 专栏, *评论*)",
        "",
        "**未采用 Shown, not used** (sources of the lowest standing — opinion columns, unattributed pages "
        "— never set a verdict):",
        "",
        "- 2021: 11 万千瓦 — 次要来源，不用于判断 专栏, *评论*",
        "- 2022: 12 万千瓦 — 次要来源，不用于判断 专栏, *评论*",
        "- 2023-06: 13 万千瓦 — 次要来源，不用于判断 专栏, *评论*",
    ]
    shenzhen = readings_note("x", "Shenzhen", data)
    assert "over 2 (媒体报道 press: 统计局, *年鉴*)" in shenzhen and "未采用" not in shenzhen
    assert readings_note("y", "Guangdong", data) == ""


def test_targets_intro_says_how_to_read_the_charts_or_why_there_are_none():
    from analysis.pages.chapter import targets_intro

    none = pd.DataFrame(columns=["id"])
    some = pd.DataFrame({"id": ["a"]})
    assert targets_intro(none, charts=True, stars=True) == (
        "方案在本行动中没有给出量化目标，因此这里没有可与目标对照的图表；下文列出本行动的措施，"
        "以及描述这一领域的公开数据序列。\n\n"
        "The plan sets no quantitative target in this action, so there is nothing to chart against a "
        "target here; its measures are listed below, with published series that describe the field."
    )
    assert targets_intro(some, charts=False, stars=True) == (
        "本行动的目标尚无公开数据序列，因此无法作图；下文每个目标都说明缺少什么数据。\n\n"
        "No target of this action has a published series yet, so none can be charted; each target "
        "below says what is missing."
    )
    legend = (
        "每张图中，实线为已公布的历史数据，虚线为预测值及其区间带{}。空心三角表示只以界限"
        "（“超过……”）或约数公布的数据；空心圆点和方块表示注明月份或只覆盖部分年份的数据。\n\n"
        "Each chart shows the published history as a solid line, the projection as a dashed line with "
        "its interval band{}. Hollow triangles are figures published only as a bound (“more than …”) "
        "or as an approximation; hollow circles and squares are figures dated to a month or covering "
        "part of a year."
    )
    assert targets_intro(some, charts=True, stars=True) == legend.format(
        "，红色星号为目标年份的目标值", " and the target as a red star at its year"
    )
    assert targets_intro(some, charts=True, stars=False) == legend.format("", "")


def test_key_terms_line_makes_each_term_an_index_entry_chinese_first():
    from analysis.pages.chapter import key_terms_line

    assert key_terms_line([]) == ""
    assert key_terms_line([("碳达峰", "carbon peak"), ("储能", "energy storage")]) == (
        "关键词 Key terms: {index}`!碳达峰` {index}`!carbon peak` · {index}`!储能` {index}`!energy storage`"
    )


def test_the_main_targets_have_no_measures_of_their_own_and_say_so():
    from analysis.data.plan import Action

    text = measures_checklist(Action(0, "主要目标", "Main targets", "", ()), pd.DataFrame())
    assert text.startswith(
        "第一（二）条提出方案的主要目标，本身没有编号措施：措施1–54分属十五项行动，每项行动各有一章。\n\n"
        "Clause 一（二） sets the plan's main targets and has no numbered measures of its own: measures "
        "1–54 belong to the fifteen actions, each with its own chapter.\n\n"
        "关键词 Key terms: {index}`!碳达峰` {index}`!carbon peak` · {index}`!二氧化碳排放` "
    )  # measure 0's terms (keyterms.py): the headline's, starting with 碳达峰 carbon peak


@pytest.mark.parametrize(
    ("url", "label", "shown"),
    [
        ("https://a.org/x?y=1", "原文", "[原文](<https://a.org/x?y=1>)"),
        ("https://a.org/X", "原文", "[原文](<https://a.org/X>)"),  # capitals are fine
        ("http://a.org", None, "<http://a.org>"),
        ("javascript:alert(1)", "x", "javascript:alert(1)"),  # not a web address: text only
        ("ftp://a.org", "x", "ftp://a.org"),
        ("https://a.org/a b", "x", "https://a.org/a b"),  # a space would end the link
        ("https://a.org/<b>", "x", "https://a.org/\\<b\\>"),
        ('https://a.org/"', "x", 'https://a.org/"'),
        ("https://a.org/`", "x", "https://a.org/\\`"),
        ("https://a.org/\nb", "x", "https://a.org/ b"),
    ],
)
def test_only_a_clean_web_address_becomes_a_link(url, label, shown):
    from analysis.pages.chapter import link

    assert link(url, label) == shown
