"""The front page's verdict: the overall rating rule, the sentence's numbers, escaping."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.frontpage import action_strip, rating, verdict


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
    from analysis.assess import assess_all
    from analysis.loader import load_dataset
    from analysis.registry import load_targets

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
