"""The reason for a verdict in words, in Chinese and in English, from the assessment's numbers.

Every number in a reason comes from the :class:`~analysis.assess.targets.Assessment` (or the registry), in
the unit of the series the verdict rests on; a target written in another unit is shown in both
("8,000 公顷 (= 12 万亩)"). The two languages say the same thing, sentence for sentence.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.assess.fmt import COMPARATOR_SYMBOL as SYMBOL
from analysis.assess.fmt import num, percent, qualified

REGION_ZH = {"Guangdong": "广东", "Guangzhou": "广州", "Shenzhen": "深圳", "China": "全国"}
REGION_EN = {
    "Guangdong": "Guangdong",
    "Guangzhou": "Guangzhou",
    "Shenzhen": "Shenzhen",
    "China": "China (national)",
}


def _isnum(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def level_text(a, target: pd.Series, unit: str) -> str:
    """The target as a level in the evidence's unit, with the plan's own unit beside when different."""
    if a.comparator == "range" and _isnum(a.target_level_max):
        text = f"{num(a.target_level)}–{num(a.target_level_max, unit)}"
    else:
        text = f"{SYMBOL.get(a.comparator, '')} {num(a.target_level, unit)}".strip()
    plan_unit = target["unit"]
    if (
        plan_unit
        and plan_unit not in ("%", "%/yr", "year", unit)
        and target["kind"] not in ("change_vs_base", "growth_per_year")
        and _isnum(a.target_value)
    ):
        shown = (
            f"{num(a.target_value)}–{num(target['value_max'])}"
            if a.comparator == "range"
            else num(a.target_value)
        )
        text += f" (= {shown} {plan_unit})"
    if target["kind"] == "change_vs_base":
        text += f" ({float(target['value']):+g} % vs {int(target['base_year'])})"
    elif target["kind"] == "growth_per_year":
        text += f" ({float(target['value']):g} % a year from {int(target['base_year'])})"
    elif target["kind"] == "cumulative":
        text += f" (added since {int(target['base_year'])})"
    return text


def level_text_zh(a, target: pd.Series, unit: str) -> str:
    text = re.sub(r" \(added since (\d{4})\)", r"（\1年起累计）", level_text(a, target, unit))
    text = re.sub(r" \(([+-]?[\d.]+) % vs (\d{4})\)", r"（较\2年\1 %）", text)
    return (
        text.replace(" vs ", " 较")
        .replace(" % a year from ", " %/年，自")
        .replace(")", "）")
        .replace(" (", "（")
    )


def rate_text(value: float | None, mode: str, unit: str, zh: bool = False) -> str:
    """A rate of change: '0.8 points a year', '2.2 % a year', '120 万千瓦 a year'."""
    if not _isnum(value):
        return "—"
    if mode == "compound":
        return f"{num(value, digits=3)} %" + ("/年" if zh else " a year")
    if unit == "%":
        return f"{num(value, digits=3)}" + (" 个百分点/年" if zh else " points a year")
    return f"{num(value, unit, digits=3)}" + ("/年" if zh else " a year")


def _figure(value, qualifier, label, unit) -> str:
    return f"{qualified(value, qualifier, unit)} ({label})"


def explain(a, target: pd.Series, data, settings, details: dict) -> tuple[str, str]:
    """(English, Chinese) reason for an assessment."""
    why = a.why
    proxy = why.startswith("proxy_") or a.tier == "proxy"
    code = why.removeprefix("proxy_")
    unit = a.indicator_unit or target["unit"]
    en, zh = _core(code, a, target, data, settings, details, unit)
    if a.year_from == "horizon" and code not in ("unquantified", "no_series", "no_figures"):
        en = (
            f"The plan gives no year for this target; it is judged against the plan's horizon, {a.target_year}. "
            + en
        )
        zh = f"方案未给出该目标的年份，按方案期末{a.target_year}年判断。" + zh
    if proxy and a.evidence_indicator:
        ind = data.indicator(a.evidence_indicator)
        region = a.evidence_region
        en = (
            f"On the proxy {ind['name_en']} ({REGION_EN.get(region, region)}; {a.proxy_relation}): {en} "
            f"Gap to the target: {a.proxy_gap_en}"
        )
        zh = (
            f"按替代指标“{ind['name_zh']}”（{REGION_ZH.get(region, region)}）：{zh}"
            f"与目标的差别：{a.proxy_gap_zh}"
        )
    return en, zh


def _core(code, a, target, data, settings, details, unit) -> tuple[str, str]:
    lvl, lvl_zh = (
        (level_text(a, target, unit), level_text_zh(a, target, unit))
        if _isnum(a.target_level)
        else ("", "")
    )
    latest = (
        _figure(a.latest_value, a.latest_qualifier, a.latest_label, unit)
        if _isnum(a.latest_value)
        else ""
    )
    year = a.target_year
    if code == "unquantified":
        note, note_zh = target["note"] or "qualitative", target["note_zh"] or "定性目标"
        return (
            f"The plan states no number for this target ({note}).",
            f"方案未给出该目标的数值（{note_zh}）。",
        )
    if code == "no_series":
        return (
            f"Not assessable: no public series. {target['data_wanted']}",
            f"无法评估：无公开数据序列。所需数据：{target['data_wanted']}",
        )
    if code == "no_figures":
        ind = data.indicator(target["indicator"])
        wanted = f" Where to find it: {target['data_wanted']}" if target["data_wanted"] else ""
        return (
            f"Not assessable: no public series for {ind['name_en']} yet. Add its figures to "
            f"data/series.csv as indicator `{target['indicator']}` (`python -m analysis wanted` writes the "
            f"rows to fill).{wanted}",
            f"无法评估：尚无“{ind['name_zh']}”的公开数据。请在 data/series.csv 中以指标 `{target['indicator']}` "
            f"补充数据（`python -m analysis wanted` 生成待填写的行）。",
        )
    if code == "unit":
        return (
            f"Not assessable: the target is in {details.get('target_unit')} and the series in "
            f"{details.get('unit')}, with no conversion listed in src/analysis/data/units.py.",
            f"无法评估：目标单位为{details.get('target_unit')}，数据单位为{details.get('unit')}，"
            "src/analysis/data/units.py 中没有换算系数。",
        )
    if code == "flow_sum":
        return (
            "Not assessable: a cumulative target is counted on a running total, a stock or yearly "
            "flows, and this series is none of them (its measure in data/indicators.csv).",
            "无法评估：累计目标需按累计值、存量或逐年流量计算，该序列均不是"
            "（见 data/indicators.csv 中的 measure）。",
        )
    if code in ("no_base", "base_bound"):
        base = details.get("base_year") or (
            int(target["base_year"]) if pd.notna(target["base_year"]) else ""
        )
        have = f" The latest figure is {latest}." if latest else ""
        bound = " only as a bound" if code == "base_bound" else ""
        return (
            f"Not assessable: no exact {base} figure{bound}, which the target is measured from.{have}",
            f"无法评估：缺少作为基数的{base}年确切数据。"
            + (f"最新数据为{latest}。" if latest else ""),
        )
    if code == "no_year":
        return (
            f"No verdict: the plan gives no target year. Latest figure {latest} against the target "
            f"level {lvl}.",
            f"无法判断：方案未给出目标年份。最新数据{latest}，目标水平{lvl_zh}。",
        )
    if code == "one_figure":
        return (
            f"Not assessable: one usable figure ({latest}) against {lvl} by {year}; a rate of change "
            f"needs two figures at least a year apart.",
            f"无法评估：仅有一个可用数据（{latest}），目标为{year}年{lvl_zh}；计算变化速度需要至少相隔一年的两个数据。",
        )
    if code == "basis":
        start = data.break_year(
            a.evidence_indicator or target["indicator"], a.evidence_region or "Guangdong"
        )
        rates = ""
        rates_zh = ""
        if _isnum(a.observed_rate):
            rates = (
                f" On the new basis it moved {rate_text(a.observed_rate, a.rate_mode, unit)} from "
                f"{a.base_label} to {a.latest_label}; {rate_text(a.required_rate, a.rate_mode, unit)} "
                f"would reach {lvl} by {year}."
            )
            rates_zh = (
                f"按新口径，{a.base_label}至{a.latest_label}年均变化"
                f"{rate_text(a.observed_rate, a.rate_mode, unit, True)}，{year}年达到{lvl_zh}需"
                f"{rate_text(a.required_rate, a.rate_mode, unit, True)}。"
            )
        return (
            f"No verdict: figures from {start} are on a new statistical basis, not comparable with the one "
            f"the target was set on (see the break note), and the target has not been restated on it. "
            f"Latest {latest}.{rates}",
            f"无法判断：{start}年起数据采用新统计口径，与制定目标时的口径不可比（见口径说明），且目标尚未按新口径重新表述。"
            f"最新数据{latest}。{rates_zh}",
        )
    if code == "passed_bound":
        return (
            f"Not known: the target year {year} has passed and the latest figure is published only as a bound "
            f"({latest}) short of the target level {lvl}, so whether it was met is not printed.",
            f"尚不可知：目标年份{year}年已过，最新数据仅以区间形式公布（{latest}），低于目标水平{lvl_zh}，无法判断是否达标。",
        )
    if code == "stale":
        age = details.get("age")
        return (
            f"No verdict: the latest figure ({latest}) is {age} years older than the newest data of the book, too "
            "old to say where the target stands now.",
            f"无法判断：最新数据（{latest}）比本书最新数据早{age}年，过于陈旧，无法判断目前进展。",
        )
    if code == "too_few_peak":
        n = details.get("n", a.n_points)
        return (
            f"Not assessable: {n} consecutive yearly figure(s); simulating a peak needs at least 5.",
            f"无法评估：仅有{n}个连续年度数据，模拟达峰至少需要5个。",
        )
    if code == "achieved":
        return (
            f"Achieved: the latest figure ({latest}) already meets the target level of {lvl}.",
            f"已实现：最新数据（{latest}）已达到目标水平{lvl_zh}。",
        )
    if code == "passed":
        return (
            f"Off track: the target year {year} has passed and the latest figure ({latest}) does not meet {lvl}.",
            f"偏离轨道：目标年份{year}年已过，最新数据（{latest}）未达到{lvl_zh}。",
        )
    if code == "projection":
        span = f"{a.first_year}–{a.latest_year}" if a.first_year else ""
        return (
            f"{percent(a.probability)} chance of reaching {lvl} by {year} (projection from {a.n_points} "
            f"consecutive yearly figures, {span}); over its last {settings.rate_window} years the series "
            f"moved {rate_text(a.observed_rate, 'linear', unit)}"
            f", and {rate_text(a.required_rate, 'linear', unit)} "
            f"is needed from {a.latest_label}.",
            f"{year}年达到{lvl_zh}的概率为{percent(a.probability)}（基于{span}年{a.n_points}个连续年度数据的预测）；"
            f"近{settings.rate_window}年年均变化{rate_text(a.observed_rate, 'linear', unit, True)}，"
            f"自{a.latest_label}起需年均{rate_text(a.required_rate, 'linear', unit, True)}。",
        )
    if code == "progress":
        ratio = f"{a.rate_ratio:.2f}" if _isnum(a.rate_ratio) else "—"
        return (
            f"Indicative ({a.n_points} figures): from {a.base_label} to {a.latest_label} it moved "
            f"{rate_text(a.observed_rate, a.rate_mode, unit)}; {rate_text(a.required_rate, a.rate_mode, unit)} "
            f"is needed to reach {lvl} by {year} (ratio observed/required {ratio}).",
            f"参考判断（{a.n_points}个数据）：{a.base_label}至{a.latest_label}年均变化"
            f"{rate_text(a.observed_rate, a.rate_mode, unit, True)}；{year}年达到{lvl_zh}需年均"
            f"{rate_text(a.required_rate, a.rate_mode, unit, True)}（实际/所需之比{ratio}）。",
        )
    if code == "peak":
        obs = data.observations(a.evidence_indicator, a.evidence_region)
        obs = obs[obs["year"] <= a.latest_year] if a.latest_year else obs
        last, before = obs["value"].iloc[-1], obs["value"].iloc[-2] if len(obs) > 1 else None
        change = (last / before - 1) * 100 if before else None
        direction = ("fell" if change < 0 else "rose") if change is not None else ""
        direction_zh = ("下降" if change < 0 else "上升") if change is not None else ""
        move = (
            f"; in {a.latest_year} it {direction} {abs(change):.1f} % on the year before"
            if change is not None
            else ""
        )
        move_zh = (
            f"；{a.latest_year}年较上年{direction_zh}{abs(change):.1f}%"
            if change is not None
            else ""
        )
        return (
            f"{percent(a.probability)} of simulated paths reach their highest value in or before {year} "
            f"({a.n_points} yearly figures, {a.first_year}–{a.latest_year}). Highest so far: "
            f"{num(a.peak_value, unit)} in {a.peak_year}{move}.",
            f"{percent(a.probability)}的模拟路径在{year}年或之前达到峰值（基于{a.first_year}—{a.latest_year}年"
            f"{a.n_points}个年度数据）。迄今最高：{a.peak_year}年{num(a.peak_value, unit)}{move_zh}。",
        )
    if code == "flow_gaps":
        missing = ", ".join(str(y) for y in details.get("missing", []))
        return (
            f"Not assessable: yearly figures missing for {missing}, so the total since {details.get('base_year')} "
            "is unknown.",
            f"无法评估：缺少{missing}年的数据，无法计算{details.get('base_year')}年以来的累计量。",
        )
    if code == "flow_short":
        return (
            f"Not assessable: {num(details.get('done'), unit)} done so far, too few yearly figures to project "
            "the remaining years.",
            f"无法评估：目前累计{num(details.get('done'), unit)}，年度数据太少，无法预测剩余年份。",
        )
    if code == "flow_done":
        return (
            f"Achieved: {num(a.latest_value, unit)} done by {a.latest_label}, meeting {lvl}.",
            f"已实现：截至{a.latest_label}年累计{num(a.latest_value, unit)}，达到{lvl_zh}。",
        )
    if code == "flow_passed":
        return (
            f"Off track: {num(a.latest_value, unit)} done by {year}, short of {lvl}.",
            f"偏离轨道：截至{year}年累计{num(a.latest_value, unit)}，未达到{lvl_zh}。",
        )
    if code == "flow_projection":
        return (
            f"{num(a.latest_value, unit)} done so far; {percent(a.probability)} chance the total reaches {lvl} "
            f"by {year}.",
            f"目前累计{num(a.latest_value, unit)}；{year}年累计达到{lvl_zh}的概率为{percent(a.probability)}。",
        )
    return (f"Not assessable ({code}).", f"无法评估（{code}）。")
