"""The front page's verdict: the overall rating rule, the sentence's numbers, escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pages.frontpage import action_strip, data_as_of, rating, verdict


def table(statuses: list[str], peak: str) -> pd.DataFrame:
    rows = [
        {"target_id": f"a01_t{i}", "action": 1, "status": s, "tier": "progress"}
        for i, s in enumerate(statuses)
    ]
    rows.append(
        {"target_id": "a00_co2_peak_2030", "action": 0, "status": peak, "tier": "projection"}
    )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("statuses", "peak", "expected"), [
    (["achieved", "on track", "on track", "not assessable"], "on track", "on course"),  # 4 of 4 judged good
    (["achieved", "on track", "at risk", "at risk"], "on track", "partly on course"),  # 3 of 5 good < 2/3
    (["achieved", "on track", "on track", "at risk"], "on track", "on course"),  # 4 of 5 good >= 2/3
    (["achieved", "achieved", "achieved"], "at risk", "partly on course"),  # the headline decides 'on'
    (["achieved", "achieved", "achieved"], "off track", "off course"),  # headline off track
    (["off track", "off track", "achieved"], "at risk", "off course"),  # 2 of 4 judged off: half
    (["off track", "achieved", "achieved", "at risk"], "at risk", "partly on course"),  # 1 of 5 off
])  # fmt: skip
def test_rating_rule(statuses, peak, expected):
    assert rating(table(statuses, peak)) == expected


def test_sentence_counts_match_a_count_done_here():
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets

    data = load_dataset()
    t = assess_all(load_targets(indicators=data.indicators), data)
    v = verdict(t, data)
    judged = sum(s != "not assessable" for s in t["status"])
    assert (
        f"{judged} of the plan's {len(t)} targets" in v.en
        and f"{len(t)}个目标中有{judged}个" in v.zh
    )
    for status, zh in (
        ("achieved", "已实现"),
        ("on track", "进展顺利"),
        ("at risk", "存在风险"),
        ("off track", "偏离轨道"),
    ):
        n = sum(s == status for s in t["status"])
        assert f"{n} {status}" in v.en and f"{n}个{zh}" in v.zh
    peak = t.set_index("target_id").loc["a00_co2_peak_2030"]
    assert f"{peak['probability']:.0%}" in v.en and f"highest in {int(peak['peak_year'])}" in v.en
    assert v.en.startswith(f"Guangdong is {v.rating}:")


def test_strip_escapes_every_text_and_links_the_chapter():
    t = pd.DataFrame(
        [{"target_id": "a01_<script>", "action": 1, "status": "on track", "tier": "proxy"}]
    )
    html_text = action_strip(t, {1: ("<b>名</b>", "A & B")}, {1: "chapters/action_01.html"})
    assert (
        "<script>" not in html_text and "&lt;script&gt;" in html_text and "&lt;b&gt;" in html_text
    )
    assert 'href="chapters/action_01.html"' in html_text and "A &amp; B" in html_text
    assert html_text.count('class="strip-block"') == 1


def _headline_table(peak: dict) -> pd.DataFrame:
    """Six targets of action 1 (1 achieved, 2 on track, 1 off track, 2 not assessable) and the
    headline row ``peak``."""
    statuses = ["achieved", "on track", "on track", "off track", "not assessable", "not assessable"]
    t = table(statuses, peak.get("status", "at risk"))
    for column in ("peak_year", "peak_value", "probability", "latest_year"):
        t[column] = None
    t["indicator"], t["evidence_indicator"] = "x", ""
    for column, value in peak.items():
        t.loc[t["target_id"] == "a00_co2_peak_2030", column] = value
    return t


def test_verdict_sentence_worked_out_by_hand():
    """Seven targets, two not assessable: 5 judged — 1 achieved, 2 on track, 1 at risk (the
    headline), 1 off track. The headline is at risk and 1 × 2 < 5 off: 'partly on course'.
    CO2 (Carbon Monitor) 600 (2022), 650.4 (2023), 637.392 (2024), and 700 in 2025, after the
    headline's latest year (2024), so not read: highest 650 Mt in 2023, and 637.392 / 650.4 − 1 =
    −2.0 % in 2024; P = 0.41 → 41%."""
    from .synthetic import dataset

    data = dataset({"co2": {2022: 600, 2023: 650.4, 2024: 637.392, 2025: 700}})
    peak = {"status": "at risk", "peak_year": 2023, "peak_value": 650.4, "probability": 0.41,
            "latest_year": 2024, "indicator": "co2_peak", "evidence_indicator": "co2"}  # fmt: skip
    v = verdict(_headline_table(peak), data)
    assert v.rating == "partly on course"
    assert v.en == (
        "Guangdong is partly on course: 5 of the plan's 7 targets can be judged on public figures — "
        "1 achieved, 2 on track, 1 at risk, 1 off track; the other 2 lack public data. The headline "
        "target, CO2 peaking before 2030, is at risk: emissions (Carbon Monitor) were highest in "
        "2023 at 650 Mt, and fell 2.0 % in 2024; on the trend, the chance of a peak by 2030 is 41%."
    )
    assert v.zh == (
        "广东部分在轨：方案7个目标中有5个可以依据公开数据判断——1个已实现、2个进展顺利、1个存在风险、"
        "1个偏离轨道；其余2个缺少公开数据，无法评估。核心目标“2030年前碳达峰”存在风险："
        "排放（Carbon Monitor）迄今最高为2023年的650百万吨，2024年下降2.0%；按趋势，2030年前达峰的"
        "概率为41%。"
    )


def test_verdict_of_a_rising_headline_on_its_own_indicator_and_without_a_probability():
    """No evidence indicator: the headline's own series is read. 1,200 (2023) → 1,260 (2024) is
    +5.0 %, 'rose'/'上升'; with no probability the sentence ends after the change."""
    from .synthetic import dataset

    data = dataset({"co2_peak": {2023: 1200, 2024: 1260}})
    peak = {"status": "on track", "peak_year": 2024, "peak_value": 1260.0, "latest_year": 2024,
            "indicator": "co2_peak"}  # fmt: skip
    v = verdict(_headline_table(peak), data)
    assert v.en.endswith(
        "is on track: emissions (Carbon Monitor) were highest in 2024 at 1,260 Mt, and rose 5.0 % "
        "in 2024."
    )
    assert v.zh.endswith(
        "进展顺利：排放（Carbon Monitor）迄今最高为2024年的1,260百万吨，2024年上升5.0%。"
    )
    one = verdict(_headline_table(peak), dataset({"co2_peak": {2024: 1260}}))
    assert one.en.endswith("were highest in 2024 at 1,260 Mt.")  # one figure: no change to state
    assert one.zh.endswith("迄今最高为2024年的1,260百万吨。")


def test_verdict_of_a_headline_with_nothing_more_to_say_ends_at_its_status():
    """A headline not assessable has no peak and no probability: the sentence ends at the status
    (it read 'is not assessable: .' / '无法评估：。'). A probability without a highest figure
    follows the status directly."""
    from .synthetic import dataset

    data = dataset({"x": {2020: 1}})
    v = verdict(_headline_table({"status": "not assessable"}), data)
    assert v.en.endswith(
        "the other 3 lack public data. The headline target, CO2 peaking before 2030, is not assessable."
    )
    assert v.zh.endswith("无法评估。核心目标“2030年前碳达峰”无法评估。")
    p_only = verdict(_headline_table({"status": "at risk", "probability": 0.4}), data)
    assert p_only.en.endswith("is at risk: on the trend, the chance of a peak by 2030 is 40%.")
    assert p_only.zh.endswith("存在风险：按趋势，2030年前达峰的概率为40%。")


@pytest.mark.parametrize(("statuses", "peak", "expected"), [
    (["achieved", "at risk"], "on track", "on course"),  # 2 of 3 judged good: exactly two thirds
    (["achieved", "at risk", "at risk"], "on track", "partly on course"),  # 2 of 4 good
    (["off track", "achieved"], "on track", "on course"),  # 1 of 3 off is less than half
    (["achieved", "not assessable", "not assessable", "not assessable"], "on track", "on course"),
    (["not assessable", "not assessable"], "not assessable", "partly on course"),  # nothing judged
])  # fmt: skip
def test_rating_rule_at_its_edges(statuses, peak, expected):
    """Two thirds good counts as on course; half off (not a third) as off course; targets not
    assessable are left out of both counts."""
    assert rating(table(statuses, peak)) == expected


def test_rating_without_the_headline_or_with_another_headline():
    """Without the headline row its status counts as not assessable: never 'on course'. Another
    headline id names the row that decides."""
    all_good = table(["achieved", "on track"], "on track")
    assert rating(all_good[all_good["target_id"] != "a00_co2_peak_2030"]) == "partly on course"
    assert rating(all_good, headline_id="a01_t0") == "on course"
    mixed = table(["off track", "achieved", "achieved", "achieved"], "on track")
    assert rating(mixed) == "on course" and rating(mixed, headline_id="a01_t0") == "off course"
    mixed[["peak_year", "peak_value", "probability"]] = None  # no peak to read
    v = verdict(mixed, None, headline_id="a01_t0")
    assert v.rating == "off course" and v.en.startswith("Guangdong is off course:")
    assert v.en.endswith("The headline target, CO2 peaking before 2030, is off track.")


def test_verdict_counts_a_status_nobody_has_as_zero():
    """No target at risk or achieved: the sentence says 0 for each, in both languages. Judged: 3,
    of which 2 on track (the headline is one): 2 × 3 ≥ 2 × 3, on course."""
    t = table(["on track", "off track", "not assessable"], "on track")
    t[["peak_year", "peak_value", "probability"]] = None
    v = verdict(t, None)
    assert v.en == (
        "Guangdong is on course: 3 of the plan's 4 targets can be judged on public figures — "
        "0 achieved, 2 on track, 0 at risk, 1 off track; the other 1 lack public data. The headline "
        "target, CO2 peaking before 2030, is on track."
    )
    assert v.zh == (
        "广东在轨：方案4个目标中有3个可以依据公开数据判断——0个已实现、2个进展顺利、0个存在风险、"
        "1个偏离轨道；其余1个缺少公开数据，无法评估。核心目标“2030年前碳达峰”进展顺利。"
    )


def test_verdict_of_a_small_rise():
    """1,000 (2023) → 1,005 (2024): +0.5 %, a rise however small."""
    from .synthetic import dataset

    peak = {"status": "at risk", "peak_year": 2024, "peak_value": 1005.0, "latest_year": 2024,
            "indicator": "co2_peak"}  # fmt: skip
    v = verdict(_headline_table(peak), dataset({"co2_peak": {2023: 1000, 2024: 1005}}))
    assert v.en.endswith("at 1,005 Mt, and rose 0.5 % in 2024.")
    assert v.zh.endswith("迄今最高为2024年的1,005百万吨，2024年上升0.5%。")


def test_action_strip_literal():
    """Action 1 has three targets given out of status order; action 2 none (skipped, and action 3
    after it still shown); action 3 has no chapter link. Blocks in status order (achieved, on track,
    …, not assessable), each titled with its id, status in both languages and tier; counts in
    status order."""
    t = pd.DataFrame([
        {"target_id": "a01_b", "action": 1, "status": "not assessable", "tier": "none"},
        {"target_id": "a01_a", "action": 1, "status": "on track", "tier": "projection"},
        {"target_id": "a01_c", "action": 1, "status": "on track", "tier": "progress"},
        {"target_id": "a03_a", "action": 3, "status": "achieved", "tier": "single figure"},
    ])  # fmt: skip
    names = {1: ("节能", "Energy saving"), 2: ("空", "Empty"), 3: ("工业", "Industry")}
    strip = action_strip(t, names, {1: "chapters/action_01.html", 2: "chapters/action_02.html"})
    on, none, done = "#66bd63", "#878787", "#1a9850"
    assert strip.splitlines() == [
        '<div class="status-strip">',
        '<div class="strip-row"><span class="strip-name"><a href="chapters/action_01.html">节能 Energy '
        'saving</a></span><span class="strip-blocks">'
        f'<span class="strip-block" style="background:{on}" title="a01_a: 进展顺利 on track; projection"></span>'
        f'<span class="strip-block" style="background:{on}" title="a01_c: 进展顺利 on track; progress"></span>'
        f'<span class="strip-block" style="background:{none}" title="a01_b: 无法评估 not assessable; none">'
        '</span></span><span class="strip-counts">进展顺利 2 · 无法评估 1</span></div>',
        '<div class="strip-row"><span class="strip-name">工业 Industry</span><span class="strip-blocks">'
        f'<span class="strip-block" style="background:{done}" title="a03_a: 已实现 achieved; single figure">'
        '</span></span><span class="strip-counts">已实现 1</span></div>',
        "</div>",
    ]


def test_data_as_of_names_the_newest_year_of_each_kind_of_source():
    """Newest stored (not derived) yearly figure per tier of its (first) source, in any row order:
    official 2023 (its 2022 row comes after it),
    government 2021, press 2024, database 2025 (a row of 'd+s', read by its first source d);
    a derived 2026 row and a secondary 2027 row are not counted or shown. Monthly CO2 to the latest
    month 2025-11, dated figures to 2025-06, then the vintage."""
    from analysis.data.loader import Dataset

    tiers = ["official statistics", "government", "press", "database", "secondary"]
    sources = pd.DataFrame({"id": ["s", "g", "p", "d", "w"], "tier": tiers})

    def figure(year, source, derived=False):
        return {"indicator": "x", "region": "Guangdong", "year": year, "value": 1.0, "source_id": source,
                "derived": derived}  # fmt: skip

    series = pd.DataFrame([figure(2023, "s"), figure(2022, "s"), figure(2021, "g"), figure(2024, "p"),
                           figure(2020, "d"), figure(2025, "d+s"), figure(2026, "s", True),
                           figure(2027, "w")])  # fmt: skip
    monthly = pd.DataFrame({"month": ["2025-11", "2025-03"]})
    points = pd.DataFrame({"date": ["2024-12", "2025-06"]})
    data = Dataset(pd.DataFrame(), sources, series, None, points=points, monthly=monthly)
    zh, en = data_as_of(data, "2026-12-01", "abc123")
    assert zh == (
        "数据截至：官方统计 2023年，政府发布 2021年，媒体报道 2024年，数据库/模型 2025年；"
        "逐月二氧化碳（Carbon Monitor）至2025-11；最新时点数据2025-06。数据版本 2026-12-01，`abc123`。"
    )
    assert en == (
        "Data as of: newest yearly figure by kind of source — official statistics 2023, government 2021, "
        "press 2024, database 2025; monthly CO2 (Carbon Monitor) to 2025-11; newest dated figure "
        "2025-06. Data vintage 2026-12-01, `abc123`."
    )
    bare = Dataset(pd.DataFrame(), sources, series.iloc[:2], None)  # no months, no points, no date
    assert data_as_of(bare, None, "v1") == (
        "数据截至：官方统计 2023年。数据版本 `v1`。",
        "Data as of: newest yearly figure by kind of source — official statistics 2023. Data vintage `v1`.",
    )
