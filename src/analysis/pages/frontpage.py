"""The front page's answer to "is Guangdong on course?": one sentence, a strip per action, data as of.

Everything here is generated from the assessment table, the registry and the dataset, so a new data
vintage can never leave a stale verdict behind. The overall rating follows one documented rule:

- **on course** (在轨) — the headline target (CO2 peaks before 2030) is on track or achieved, and at
  least two thirds of the targets with a verdict are achieved or on track;
- **off course** (偏离) — the headline target is off track, or at least half of the targets with a
  verdict are off track;
- **partly on course** (部分在轨) — anything in between.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from analysis.assess.targets import STATUS_ZH, STATUSES
from analysis.data.loader import Dataset
from analysis.pages.chapter import STATUS_COLOURS

RATINGS = {
    "on course": "在轨",
    "partly on course": "部分在轨",
    "off course": "偏离",
}
GOOD = ("achieved", "on track")


@dataclass(frozen=True)
class Verdict:
    rating: str
    zh: str
    en: str


def rating(table: pd.DataFrame, headline_id: str = "a00_co2_peak_2030") -> str:
    """The overall rating by the rule in the module docstring."""
    judged = table[table["status"] != "not assessable"]
    headline = table.loc[table["target_id"] == headline_id, "status"]
    peak = headline.iloc[0] if len(headline) else "not assessable"
    good = judged["status"].isin(GOOD).sum()
    off = (judged["status"] == "off track").sum()
    if len(judged) and (peak == "off track" or off * 2 >= len(judged)):
        return "off course"
    if peak in GOOD and len(judged) and good * 3 >= 2 * len(judged):
        return "on course"
    return "partly on course"


def verdict(table: pd.DataFrame, data: Dataset, headline_id: str = "a00_co2_peak_2030") -> Verdict:
    """The front page's sentence, Chinese and English, from the assessment table."""
    counts = table["status"].value_counts()
    n = {s: int(counts.get(s, 0)) for s in STATUSES}
    judged = len(table) - n["not assessable"]
    r = rating(table, headline_id)
    head = table[table["target_id"] == headline_id]
    zh = (
        f"广东{RATINGS[r]}：方案{len(table)}个目标中有{judged}个可以依据公开数据判断——"
        f"{n['achieved']}个已实现、{n['on track']}个进展顺利、{n['at risk']}个存在风险、"
        f"{n['off track']}个偏离轨道；其余{n['not assessable']}个缺少公开数据，无法评估。"
    )
    en = (
        f"Guangdong is {r}: {judged} of the plan's {len(table)} targets can be judged on public figures — "
        f"{n['achieved']} achieved, {n['on track']} on track, {n['at risk']} at risk, {n['off track']} off "
        f"track; the other {n['not assessable']} lack public data."
    )
    if len(head):
        h = head.iloc[0]
        peak_year, peak_value = h["peak_year"], h["peak_value"]
        p = h["probability"]
        said_zh, said_en = [], []  # what follows the headline's status, if anything
        if pd.notna(peak_year):
            latest = data.observations(h["evidence_indicator"] or h["indicator"])
            latest = latest[latest["year"] <= h["latest_year"]]
            change = (
                (latest["value"].iloc[-1] / latest["value"].iloc[-2] - 1) * 100
                if len(latest) > 1
                else None
            )
            zh_peak = f"排放（Carbon Monitor）迄今最高为{int(peak_year)}年的{peak_value:,.0f}百万吨"
            en_peak = f"emissions (Carbon Monitor) were highest in {int(peak_year)} at {peak_value:,.0f} Mt"
            if change is not None:
                year = int(h["latest_year"])
                zh_peak += f"，{year}年{'下降' if change < 0 else '上升'}{abs(change):.1f}%"
                en_peak += f", and {'fell' if change < 0 else 'rose'} {abs(change):.1f} % in {year}"
            said_zh.append(zh_peak)
            said_en.append(en_peak)
        if pd.notna(p):
            said_zh.append(f"按趋势，2030年前达峰的概率为{p:.0%}")
            said_en.append(f"on the trend, the chance of a peak by 2030 is {p:.0%}")
        zh += (
            f"核心目标“2030年前碳达峰”{STATUS_ZH[h['status']]}"
            + ("：" + "；".join(said_zh) if said_zh else "")
            + "。"
        )
        en += (
            f" The headline target, CO2 peaking before 2030, is {h['status']}"
            + (": " + "; ".join(said_en) if said_en else "")
            + "."
        )
    return Verdict(r, zh, en)


def action_strip(
    table: pd.DataFrame, names: dict[int, tuple[str, str]], links: dict[int, str]
) -> str:
    """One line per action: a coloured block per target (by status, in status order), the counts,
    and a link to the chapter. HTML with every text escaped."""
    lines = ['<div class="status-strip">']
    for number, (zh, en) in names.items():
        rows = table[table["action"] == number]
        if rows.empty:
            continue
        ordered = sorted(rows.itertuples(), key=lambda r: STATUSES.index(r.status))
        blocks = "".join(
            f'<span class="strip-block" style="background:{STATUS_COLOURS[r.status]}" '
            f'title="{html.escape(r.target_id)}: {html.escape(STATUS_ZH[r.status])} {html.escape(r.status)}; '
            f'{html.escape(r.tier)}"></span>'
            for r in ordered
        )
        counts = rows["status"].value_counts()
        summary = " · ".join(f"{STATUS_ZH[s]} {int(counts[s])}" for s in STATUSES if s in counts)
        label = html.escape(f"{zh} {en}")
        link = links.get(number)
        title = f'<a href="{html.escape(link)}">{label}</a>' if link else label
        lines.append(
            f'<div class="strip-row"><span class="strip-name">{title}</span>'
            f'<span class="strip-blocks">{blocks}</span><span class="strip-counts">'
            f"{html.escape(summary)}</span></div>"
        )
    lines.append("</div>")
    return "\n".join(lines)


def data_as_of(data: Dataset, recorded_date: str | None, vintage: str) -> tuple[str, str]:
    """(Chinese, English): the newest figure of each kind of source, and the data vintage."""
    tiers = (
        data.sources.set_index("id")["tier"]
        if "tier" in data.sources.columns
        else pd.Series(dtype=str)
    )
    stored = data.series[~data.series["derived"].astype(bool)]
    newest = {}
    for _, r in stored.iterrows():
        tier = tiers.get(str(r["source_id"]).split("+")[0], "")
        newest[tier] = max(newest.get(tier, 0), int(r["year"]))
    months = data.monthly["month"].max() if len(data.monthly) else None
    points = data.points["date"].max() if len(data.points) else None
    order = ["official statistics", "government", "press", "database"]
    from analysis.data.source_tiers import TIER_ZH

    zh_parts = [f"{TIER_ZH[t]} {newest[t]}年" for t in order if t in newest]
    en_parts = [f"{t} {newest[t]}" for t in order if t in newest]
    zh = "数据截至：" + "，".join(zh_parts)
    en = "Data as of: newest yearly figure by kind of source — " + ", ".join(en_parts)
    if months:
        zh += f"；逐月二氧化碳（Carbon Monitor）至{months}"
        en += f"; monthly CO2 (Carbon Monitor) to {months}"
    if points:
        zh += f"；最新时点数据{points}"
        en += f"; newest dated figure {points}"
    when = f"{recorded_date}，" if recorded_date else ""
    zh += f"。数据版本 {when}`{vintage}`。"
    en += f". Data vintage {recorded_date + ', ' if recorded_date else ''}`{vintage}`."
    return zh, en
