"""Text blocks for the book's pages, built from the registry, the plan and the assessment table.

Notebooks call these and display the result; they hold no wording of their own about targets.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.assess.fmt import COMPARATOR_SYMBOL, num, percent, qualified
from analysis.assess.targets import STATUS_ZH, STATUSES, TIER_ZH, TIERS, Assessment, Settings
from analysis.assess.verdict_text import REGION_EN, REGION_ZH, level_text, rate_text
from analysis.data.loader import Dataset
from analysis.data.plan import Action
from analysis.pages.markup import Md, bilingual, code, markdown_table, md, md_code

__all__ = ["Md", "bilingual", "markdown_table", "md"]  # the escaping helpers live in markup.py

KIND_EN = {
    "share": "share",
    "level": "level",
    "capacity": "capacity",
    "change_vs_base": "change against a base year",
    "growth_per_year": "growth per year",
    "cumulative": "cumulative over a plan period",
    "peak": "peak",
    "count": "count",
    "binary": "yes/no",
}
KIND_ZH = {
    "share": "比重",
    "level": "水平",
    "capacity": "装机容量",
    "change_vs_base": "相对基准年的变化",
    "growth_per_year": "年均增长",
    "cumulative": "规划期累计",
    "peak": "达峰",
    "count": "数量",
    "binary": "是否达成",
}
STATUS_COLOURS = {
    "achieved": "#1a9850",
    "on track": "#66bd63",
    "at risk": "#f39c12",
    "off track": "#d73027",
    "not assessable": "#878787",
}
TIER_EN = {
    "projection": "projection",
    "progress": "progress measure",
    "proxy": "proxy",
    "single figure": "single figure",
    "none": "no public series",
}
# a coloured dot (plain text in the notebook, coloured on the site); no emoji font is needed
STATUS_ICON = {s: f'<span style="color:{c}">●</span>' for s, c in STATUS_COLOURS.items()}


def _plan_value(t: pd.Series) -> str:
    if t["comparator"] == "range":
        return f"{num(t['value'])}–{num(t['value_max'], t['unit'])}"
    return num(t["value"], t["unit"])


def target_text(t: pd.Series) -> str:
    """The target as the plan writes it: '≥ 7,400 万千瓦 by 2030', '5–10 cities by 2025'."""
    if t["comparator"] == "unquantified":
        return "no number (" + (t["note"] or "qualitative") + ")"
    symbol = COMPARATOR_SYMBOL[t["comparator"]]
    if t["kind"] == "binary":
        value = "yes"
    elif t["kind"] == "peak":
        value = str(int(t["value"]))
    else:
        value = _plan_value(t)
    if t["kind"] == "peak":
        return f"peak in or before {value}"
    elif t["kind"] == "change_vs_base":
        text = f"{symbol} {value} vs {int(t['base_year'])}".strip()
    elif t["kind"] == "growth_per_year":  # a unit of '%/yr' says 'a year' already
        per = "" if str(t["unit"]).endswith("/yr") else " a year"
        text = f"{symbol} {value}{per} from {int(t['base_year'])}".strip()
    elif t["kind"] == "cumulative":
        text = f"{symbol} {value} added since {int(t['base_year'])}".strip()
    else:
        text = f"{symbol} {value}".strip()
    return text + (f" by {int(t['year'])}" if pd.notna(t["year"]) else " (no year given)")


def target_text_zh(t: pd.Series) -> str:
    """The same target in Chinese: '到2030年 ≥ 7,400 万千瓦', '2030年前达峰', '到2025年较2020年 ≤ -14 %'."""
    if t["comparator"] == "unquantified":
        return f"方案未给数字（{t['note_zh']}）" if t["note_zh"] else "方案未给数字"
    if t["kind"] == "peak":
        return f"{int(t['value'])}年前达峰"
    year = int(t["year"]) if pd.notna(t["year"]) else None
    if t["kind"] == "binary":
        return f"到{year}年实现" if year else "实现（未给年份）"
    value = f"{COMPARATOR_SYMBOL[t['comparator']]} {_plan_value(t)}".strip()
    if t["kind"] in ("growth_per_year", "cumulative"):  # over a span of years from the base
        span = f"{int(t['base_year'])}—{year}年" if year else f"{int(t['base_year'])}年起"
        text = span + ("每年 " if t["kind"] == "growth_per_year" else "新增 ") + value
        return text if year else text + "（未给年份）"
    if t["kind"] == "change_vs_base":
        value = f"较{int(t['base_year'])}年 {value}"
        return f"到{year}年{value}" if year else f"{value}（未给年份）"
    return f"到{year}年 {value}" if year else f"{value}（未给年份）"


def target_cell(t: pd.Series) -> Md:
    """A target-table cell: the target in Chinese, then in English, on two lines."""
    return Md(f"{md(target_text_zh(t))}<br>{md(target_text(t))}")


def tier_badge(a) -> str:
    """The evidence a verdict rests on, Chinese first: '进度测算 progress measure · indicative (4 figures)'."""
    tier = a["tier"] if isinstance(a, (dict, pd.Series)) else a.tier
    get = (lambda k: a[k]) if isinstance(a, (dict, pd.Series)) else (lambda k: getattr(a, k))
    text = f"{TIER_ZH[tier]} {TIER_EN[tier]}"
    if tier == "progress" and get("status") != "not assessable":
        text += f" · indicative ({int(get('n_points'))} figures)"
    if tier == "proxy" and get("evidence_region"):
        region = get("evidence_region")
        text += f" · {REGION_ZH.get(region, region)} {REGION_EN.get(region, region)}"
    return text


def status_badge(status: str) -> Md:
    return Md(f"{STATUS_ICON[status]} **{STATUS_ZH[status]} {status}**")


def action_header(action: Action) -> Md:
    """The action's aim quoted from the plan, and where it sits in the plan."""
    quote = "\n>\n> ".join(md(line) for line in action.aim_zh.splitlines())  # one paragraph each
    return Md(
        f"方案第{action.clause}条开篇写道： The plan's clause **{action.clause}** opens with these "
        f"words:\n\n> {quote}\n\n"
        f"*出处 Source: 《广东省碳达峰实施方案》（粤府〔2022〕56号）{action.clause}。*"
    )


def targets_intro(targets: pd.DataFrame, charts: bool, stars: bool) -> Md:
    """How to read this chapter's target charts, or why there are none. ``charts``: some target is
    charted; ``stars``: some chart marks a target level (the red star)."""
    if targets.empty:
        return bilingual(
            "方案在本行动中没有给出量化目标，因此这里没有可与目标对照的图表；下文列出本行动的措施，"
            "以及描述这一领域的公开数据序列。",
            "The plan sets no quantitative target in this action, so there is nothing to chart "
            "against a target here; its measures are listed below, with published series that "
            "describe the field.",
        )
    if not charts:
        return bilingual(
            "本行动的目标尚无公开数据序列，因此无法作图；下文每个目标都说明缺少什么数据。",
            "No target of this action has a published series yet, so none can be charted; each "
            "target below says what is missing.",
        )
    star_zh = "，红色星号为目标年份的目标值" if stars else ""
    star_en = " and the target as a red star at its year" if stars else ""
    return bilingual(
        f"每张图中，实线为已公布的历史数据，虚线为预测值及其区间带{star_zh}。空心三角表示只以界限"
        "（“超过……”）或约数公布的数据；空心圆点和方块表示注明月份或只覆盖部分年份的数据。",
        "Each chart shows the published history as a solid line, the projection as a dashed line "
        f"with its interval band{star_en}. Hollow triangles are figures published only as a bound "
        "(“more than …”) or as an approximation; hollow circles and squares are figures dated to "
        "a month or covering part of a year.",
    )


def target_heading(t: pd.Series) -> Md:
    """Chinese first: the plan's own words (verbatim) as the heading, then the English summary."""
    return Md(
        f"### {md(t['quote_zh'])}\n\n"
        f"**{md(t['summary_en'])}**\n\n"
        f"— 《广东省碳达峰实施方案》{md(t['clause'])} · target id {code(t['id'])}"
    )


def _get(a):
    return (lambda k: getattr(a, k)) if isinstance(a, Assessment) else (lambda k: a[k])


def _present(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x != ""


def target_section(t: pd.Series, a: Assessment | pd.Series, data: Dataset) -> str:
    """Markdown for one target: the target, the evidence and its tier, the numbers, the verdict.

    Every value is in one stated unit, the unit of the series the verdict rests on; a target the
    plan writes in another unit is shown in both.
    """
    get = _get(a)
    unit = get("indicator_unit") or t["unit"]
    rows = [
        ["目标 Target", target_cell(t)],
        ["类型 Kind", f"{KIND_ZH[t['kind']]} {KIND_EN[t['kind']]}"],
    ]
    if _present(get("target_level")) and t["kind"] != "peak":
        rows.append([f"判断标准 Level judged ({unit})", level_text(_Row(get), t, unit)])
    rows.append(["证据 Evidence", tier_badge(a)])
    indicator = get("evidence_indicator") or t["indicator"]
    if indicator:
        ind = data.indicator(indicator)
        region = get("evidence_region") or "Guangdong"
        place = (
            ""
            if region == "Guangdong"
            else f" — {REGION_ZH.get(region, region)} {REGION_EN.get(region, region)}"
        )
        rows.append(
            [
                "指标 Indicator",
                Md(f"{md(ind['name_zh'])} / {md(ind['name_en'])} ({code(indicator)}){md(place)}"),
            ]
        )
    if _present(get("latest_value")):
        rows.append(
            [
                "最新值 Latest",
                f"{qualified(get('latest_value'), get('latest_qualifier'), unit)} "
                f"({get('latest_label')})；共{int(get('n_points'))}个数据 · {int(get('n_points'))} figure(s) used",
            ]
        )
    if _present(get("projected_value")):
        level = get("interval_level")
        rows.append(
            [
                f"预测 Projection {get('target_year')}",
                f"{num(get('projected_value'), unit)} ({level:.0%}区间 interval {num(get('lower'))} – "
                f"{num(get('upper'))} {unit})",
            ]
        )
    if _present(get("probability")):
        rows.append(["达标概率 P(meet)", percent(get("probability"))])
    if _present(get("observed_rate")) and _present(get("required_rate")):
        ratio = get("rate_ratio")
        mode = get("rate_mode") or "linear"
        rows.append(
            [
                "实际与所需速度 Observed vs required",
                f"{rate_text(get('observed_rate'), mode, unit)} vs {rate_text(get('required_rate'), mode, unit)}"
                + (f" (ratio {ratio:.2f})" if _present(ratio) else ""),
            ]
        )
    status = get("status")
    reasons = f"{md_code(get('reason_zh'))}<br>{md_code(get('reason'))}"
    rows.append(["状态 Status", Md(f"{status_badge(status)}<br>{reasons}")])
    return markdown_table(["项目 Item", "数值 Value"], rows)


class _Row:
    """Attribute access over an Assessment or a table row, for the text helpers."""

    def __init__(self, get):
        self._get = get

    def __getattr__(self, name):
        return self._get(name)


def summary_table(targets: pd.DataFrame, table: pd.DataFrame) -> Md:
    """One line per target: clause, target, evidence, latest, probability, status."""
    merged = targets.merge(table, left_on="id", right_on="target_id", suffixes=("", "_a"))
    rows = []
    for _, r in merged.iterrows():
        unit = r["indicator_unit"] or ""
        latest = (
            "—"
            if not _present(r["latest_value"])
            else (
                f"{qualified(r['latest_value'], r['latest_qualifier'], unit)} ({r['latest_label']})"
            )
        )
        rows.append(
            [
                r["clause"],
                Md(f"{md(r['quote_zh'])}<br>{md(r['summary_en'])}"),
                target_cell(r),
                tier_badge(r),
                latest,
                percent(r["probability"]),
                Md(f"{STATUS_ICON[r['status']]} {STATUS_ZH[r['status']]} {r['status']}"),
            ]
        )
    return markdown_table(
        [
            "条款 Clause",
            "目标 Target",
            "目标值 Goal",
            "证据 Evidence",
            "最新 Latest",
            "P(meet)",
            "状态 Status",
        ],
        rows,
    )


STATUS_MEANING = {
    "achieved": (
        "最新公布的数据已达到目标。",
        "the latest published figure already meets the target.",
    ),
    "on track": (
        "预测达标概率不低于进展顺利阈值，或实际变化速度不低于所需速度的该比例。",
        "the projected probability of meeting the target is at or above the on-track threshold, or "
        "the observed rate of change is at least that share of the rate required.",
    ),
    "at risk": (
        "概率或速度之比介于两个阈值之间。",
        "the probability, or the ratio of rates, is between the two thresholds.",
    ),
    "off track": (
        "概率或速度之比低于偏离轨道阈值，或目标年份已过而未达标。",
        "the probability, or the ratio of rates, is below the off-track threshold, or the target year "
        "has passed unmet.",
    ),
    "not assessable": (
        "方案未给出数值，或没有公开数据，或数据不足以判断；均说明原因。",
        "the plan gives no number, no public series exists, or the figures cannot support a "
        "verdict; the reason is always given.",
    ),
}
TIER_MEANING = {
    "projection": (
        "至少5个连续年度数据：用校准后的预测分布估计达标概率。",
        "five or more consecutive yearly figures: the calibrated forecast gives the probability.",
    ),
    "progress": (
        "2—4个数据（含月度时点）：比较实际年均变化与剩余年份所需变化，结论为参考性判断。",
        "two to four figures (or dated points): the observed yearly change against the change still "
        "required; an indicative verdict.",
    ),
    "proxy": (
        "本身无数据时使用的替代指标（较小地区、相关指标或全国数据），注明其与目标的差别。",
        "a named stand-in (a narrower area, a related series or a national figure), with its gap to the "
        "target in words.",
    ),
    "single figure": (
        "仅有一个已公布数据：若已达标则为已实现，否则无法判断。",
        "one published figure: achieved if it meets the target, otherwise no verdict.",
    ),
    "none": (
        "没有公开数据：注明所缺数据、发布机构及补充方式。",
        "nothing public: the missing series, its publisher and the file to add are named.",
    ),
}


def status_legend() -> Md:
    lines = [f"- {status_badge(s)} — {zh} {en}" for s, (zh, en) in STATUS_MEANING.items()]
    lines.append("")
    lines += [
        f"- **{TIER_ZH[t]} {TIER_EN[t]}** — {zh} {en}" for t, (zh, en) in TIER_MEANING.items()
    ]
    return Md("\n".join(lines))


def status_counts(table: pd.DataFrame) -> Md:
    """Targets by status (rows) and evidence tier (columns), with totals."""
    counts = pd.crosstab(table["status"], table["tier"]).reindex(
        index=STATUSES, columns=TIERS, fill_value=0
    )
    rows = [
        [
            Md(f"{STATUS_ICON[s]} {STATUS_ZH[s]} {s}"),
            *[int(counts.loc[s, t]) for t in TIERS],
            int(counts.loc[s].sum()),
        ]
        for s in STATUSES
    ]
    rows.append(["合计 Total", *[int(counts[t].sum()) for t in TIERS], int(counts.values.sum())])
    return markdown_table(
        ["状态 Status", *[f"{TIER_ZH[t]} {TIER_EN[t]}" for t in TIERS], "合计 Total"], rows
    )


def projection_details(explanation: list[dict], unit: str, year: int) -> Md:
    """'How this projection was made', folded: each model's projection, its backtest error on this
    series and its weight in the combination (from the engine's explanation)."""
    rows = []
    for r in explanation:
        mase = "—" if r["backtest_mase"] is None else f"{r['backtest_mase']:.2f}"
        extra = ""
        if "interval_80" in r:
            lo, hi = r["interval_80"]
            extra = f"; 80 % interval {num(lo)}–{num(hi, unit)} ({r['interval_source']})"
        rows.append(
            [
                r["model"],
                Md(f"{md(r['description_zh'])}<br>{md(r['description'])}"),
                num(r["projection"], unit) + extra,
                mase,
                f"{r['weight']:.0%}",
            ]
        )
    table = markdown_table(
        [
            "模型 Model",
            "说明 What it does",
            f"{year}年预测 Projection",
            "回测误差 Backtest MASE",
            "权重 Weight",
        ],
        rows,
    )
    return Md(
        "<details><summary>预测方法 How this projection was made</summary>\n\n"
        + table
        + "\n\n"
        + bilingual(
            "MASE：本序列向前一步回测的平均绝对误差，以序列的平均年变化量为单位（越低越好）；"
            "回测表现越好的模型权重越高。",
            "MASE: mean absolute error of one-step-ahead backtests on this series, in units of its "
            "average yearly change (lower is better); the weights favour the models that did better.",
        )
        + "\n\n</details>"
    )


def source_text(source_id: str, data: Dataset) -> Md:
    """Publisher and title; a link to a reposting site is labelled 'republished copy', not the publisher."""
    sources = data.sources.set_index("id")
    parts = []
    for sid in str(source_id).split("+"):
        if sid not in sources.index:
            parts.append(md(sid))
            continue
        s = sources.loc[sid]
        text = f"{md(s['publisher'])}, *{md(s['title'])}*"
        if s["url"]:
            label = (
                "转载 republished copy"
                if s.get("link", "") == "republished copy"
                else "原文 original"
            )
            text += f" ({link(s['url'], label)})"
        parts.append(text)
    return Md(" + ".join(parts))


def link(url: str, label: str | None = None) -> Md:
    """A web address as a link (the address itself, or ``label``); anything else is shown as text,
    so a data file can never make a javascript: or broken link."""
    if not url.startswith(("http://", "https://")) or any(c in url for c in ' <>"`\n'):
        return md(url)
    return Md(f"[{md(label)}](<{url}>)" if label else f"<{url}>")


def readings_note(indicator: str, region: str, data: Dataset) -> Md:
    """Where readings of the same figure conflict, which was chosen and why; and the figures of the
    lowest standing (opinion, unattributed pages) that are shown but never used for a verdict."""
    from analysis.data.source_tiers import TIER_ZH as SOURCE_TIER_ZH

    lines = []
    alt = data.alternatives
    rows = alt[
        (alt["indicator"] == indicator)
        & (alt["region"] == region)
        & (alt["rule"] != "readings agree")
    ]
    for period, group in rows.groupby("period", sort=True):
        chosen = group[group["chosen"] == "yes"]
        others = group[group["chosen"] != "yes"]
        if chosen.empty:
            continue
        c = chosen.iloc[0]
        shown = "; ".join(
            f"{md(o.qualifier)}{md(o.value)} ({md(SOURCE_TIER_ZH.get(o.tier, o.tier))} {md(o.tier)}: "
            f"{source_text(o.source_id, data)})"
            for o in others.itertuples()
        )
        lines.append(
            f"- {md(period)}: **{md(c['qualifier'])}{md(c['value'])}** ({md(c['tier'])}: "
            f"{source_text(c['source_id'], data)}) — 按规则选用 chosen by the rule “{md(c['rule'])}” over "
            f"{shown}"
        )
    weak = []
    for frame, when in (
        (data.observations(indicator, region), "year"),
        (data.dated_points(indicator, region), "label"),
    ):
        for r in frame.itertuples():
            if data.is_secondary(r.source_id):
                weak.append(
                    f"- {md(getattr(r, when))}: {md(r.qualifier)}{md(num(r.value, r.unit))} — "
                    f"次要来源，不用于判断 {source_text(r.source_id, data)}"
                )
    text = ""
    if lines:
        text += (
            "**读数冲突 Conflicting readings** (the choice rule pr"
            "efers a later revision, then the source of higher "
            "standing, then an exact figure):\n\n" + "\n".join(lines) + "\n\n"
        )
    if weak:
        text += (
            "**未采用 Shown, not used** (sources of the lowest standing — opinion columns, unattributed pages — "
            "never set a verdict):\n\n" + "\n".join(weak)
        )
    return Md(text.strip())


def key_terms_line(terms: list[tuple[str, str]]) -> Md:
    """The plan's key terms of a measure, Chinese then English; each is a main entry of the search
    index (Sphinx's ``index`` role), so a search for it ranks this place first."""
    if not terms:
        return Md("")
    shown = " · ".join(f"{{index}}`!{zh}` {{index}}`!{en}`" for zh, en in terms)
    return Md(f"关键词 Key terms: {shown}")


def measures_checklist(action: Action, targets: pd.DataFrame) -> Md:
    """Every measure of the action with the plan's words; those with a registered number point to
    their targets. The main targets (action 0) have no measures of their own: say so."""
    from analysis.pages.keyterms import terms_for_measure

    if not action.measures:
        return Md(
            bilingual(
                f"第{action.clause}条提出方案的主要目标，本身没有编号措施：措施1–54分属十五项行动，"
                "每项行动各有一章。",
                f"Clause {action.clause} sets the plan's main targets and has no numbered measures "
                "of its own: measures 1–54 belong to the fifteen actions, each with its own chapter.",
            )
            + "\n\n"
            + key_terms_line(terms_for_measure(0))
        )
    blocks = [
        bilingual(
            "本行动的每项措施，按方案编号列出，附关键词和方案原文。没有量化指标的措施是本书列出但"
            "无法度量的承诺。",
            "Every measure of this action, as numbered in the plan, with its key terms and the "
            "plan's words. Measures without a number are commitments the book lists but cannot "
            "measure.",
        )
    ]
    for m in action.measures:
        clause = f"{action.clause}{m.number}"
        ids = targets.loc[targets["clause"] == clause, "id"].tolist()
        mark = (
            f"量化目标 numbered target(s): {', '.join(code(i) for i in ids)}"
            if ids
            else "方案未给数字 no number in the plan"
        )
        blocks.append(
            f"### {m.number}. {md(m.title)}\n\n{md(clause)} — {mark}\n\n"
            f"{key_terms_line(terms_for_measure(m.number))}\n\n"
            f":::{{dropdown}} 方案原文 The plan's words\n{md(m.text)}\n:::"
        )
    return Md("\n\n".join(blocks))


def downloads_line(prefix: str = "") -> Md:
    """Links to the book's downloadable tables (``prefix`` is the path from the page to book/)."""
    links = [
        f"[{name} CSV]({prefix}downloads/{name}.csv) · [JSON]({prefix}downloads/{name}.json)"
        for name in ("assessment", "series", "sources")
    ]
    return Md("Downloads 下载: " + " | ".join(links))


def settings_note(settings: Settings) -> str:
    if settings.horizon_year is None:
        horizon_zh, horizon_en = "未给年份的目标不作判断", "targets without a year not judged"
    else:
        horizon_zh = f"未给年份的目标按{settings.horizon_year}年判断"
        horizon_en = f"targets without a year judged against {settings.horizon_year}"
    if settings.history_years is None:
        fitted_zh, fitted_en = "预测拟合全部年份的数据", "fitted on every year of data"
    else:
        fitted_zh = f"预测拟合最近{settings.history_years}年数据"
        fitted_en = f"fitted on the last {settings.history_years} years of data"
    zh = (
        f"本页所用参数：区间{settings.interval_level:.0%}；达标概率不低于{settings.on_track:.0%}为进展顺利，低于"
        f"{settings.off_track:.0%}为偏离轨道；进度测算中实际速度达到所需速度的{settings.progress_on_track:.0%}为进展顺利，"
        f"低于{settings.progress_at_risk:.0%}为偏离轨道；{horizon_zh}；最新数据早于"
        f"{settings.max_age}年以上不作速度判断；“左右”按目标值的{1 - settings.approx_tolerance:.0%}计；"
        f"实际速度按最近{settings.rate_window}年计算；{fitted_zh}"
        + (f"，截至{settings.last_data_year}年" if settings.last_data_year else "")
        + "。"
    )
    return (
        zh
        + "\n\n"
        + (
            f"Settings used: {settings.interval_level:.0%} intervals; on track if P(meet) ≥ "
            f"{settings.on_track:.0%}, off track if below {settings.off_track:.0%}, at risk in between; "
            f"progress measures on track if the observed rate is at least {settings.progress_on_track:.0%} of the "
            f"required rate, off track below {settings.progress_at_risk:.0%}; {horizon_en}; "
            f"no rate verdict on a figure more than {settings.max_age} years old; "
            f"'about X' counts as met at X × (1 − {settings.approx_tolerance:.0%}); observed rate over the "
            f"last {settings.rate_window} years; {fitted_en}"
            + (f" up to {settings.last_data_year}" if settings.last_data_year else "")
            + "."
        )
    )
