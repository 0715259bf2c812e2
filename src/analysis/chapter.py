"""Text blocks for the book's pages, built from the registry, the plan and the assessment table.

Notebooks call these and display the result; they hold no wording of their own about targets.
"""

from __future__ import annotations

import math

import pandas as pd

from .assess import STATUS_ZH, STATUSES, Assessment, Settings
from .loader import Dataset
from .markup import Md, code, markdown_table, md
from .plan import Action

__all__ = ["Md", "markdown_table", "md"]  # the escaping helpers live in markup.py

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
STATUS_COLOURS = {
    "achieved": "#1a9850",
    "on track": "#66bd63",
    "at risk": "#f39c12",
    "off track": "#d73027",
    "not assessable": "#878787",
}
# a coloured dot (plain text in the notebook, coloured on the site); no emoji font is needed
STATUS_ICON = {s: f'<span style="color:{c}">●</span>' for s, c in STATUS_COLOURS.items()}


COMPARATOR_SYMBOL = {">=": "≥", "<=": "≤", "approx": "≈", "==": "=", "unquantified": ""}


def num(x: float | None, unit: str = "", digits: int = 4) -> str:
    """A number as a reader wants it: a few significant digits, thousands separated, or '—'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    text = f"{x:,.{digits}g}" if abs(x) < 10**digits else f"{x:,.0f}"
    return f"{text} {unit}".strip()


def target_text(t: pd.Series) -> str:
    """The target as a comparison: '≥ 7400 万千瓦 by 2030'."""
    if t["comparator"] == "unquantified":
        return "no number (" + (t["note"] or "qualitative") + ")"
    symbol = COMPARATOR_SYMBOL[t["comparator"]]
    if t["kind"] == "binary":
        value = "yes"
    elif t["kind"] == "peak":
        value = str(int(t["value"]))
    else:
        value = num(t["value"], t["unit"])
    if t["kind"] == "peak":
        return f"peak in or before {value}"
    elif t["kind"] == "change_vs_base":
        text = f"{symbol} {value} vs {int(t['base_year'])}"
    else:
        text = f"{symbol} {value}"
    return text + (f" by {int(t['year'])}" if pd.notna(t["year"]) else " (no year given)")


def status_badge(status: str) -> Md:
    return Md(f"{STATUS_ICON[status]} **{STATUS_ZH[status]} {status}**")


def action_header(action: Action) -> Md:
    """The action's aim quoted from the plan, and where it sits in the plan."""
    quote = "\n>\n> ".join(md(line) for line in action.aim_zh.splitlines())  # one paragraph each
    return Md(
        f"The plan's clause **{action.clause}** opens with these words:\n\n> {quote}\n\n"
        f"*Source: 《广东省碳达峰实施方案》(粤府〔2022〕56号), {action.clause}.*"
    )


def targets_intro(targets: pd.DataFrame, data: Dataset) -> Md:
    """How to read this chapter's target charts, or why there are none."""
    if targets.empty:
        return Md(
            "The plan sets no quantitative target in this action, so there is nothing to chart "
            "against a target here; its measures are listed below, with published series that "
            "describe the field."
        )
    charted = [i for i in targets["indicator"] if i and len(data.observations(i))]
    if not charted:
        return Md(
            "No target of this action has a published series yet, so none can be charted; each "
            "target below says what is missing."
        )
    return Md(
        "Each chart shows the published history as a solid line, the projection as a dashed line "
        "with its interval band, and the target as a red star at its year. Hollow triangles are "
        "figures published only as a bound (“more than …”) or as an approximation."
    )


def target_heading(t: pd.Series) -> Md:
    """Chinese first: the plan's own words (verbatim) as the heading, then the English summary."""
    return Md(
        f"### {md(t['quote_zh'])}\n\n"
        f"**{md(t['summary_en'])}**\n\n"
        f"— 《广东省碳达峰实施方案》{md(t['clause'])} · target id {code(t['id'])}"
    )


def target_section(t: pd.Series, a: Assessment | pd.Series, data: Dataset) -> str:
    """Markdown for one target: the plan's words, the target, and what the data say."""
    get = (lambda k: getattr(a, k)) if isinstance(a, Assessment) else (lambda k: a[k])
    parts = []
    unit = (
        t["unit"]
        if t["kind"] != "peak"
        else (data.indicator(t["indicator"])["unit"] if t["indicator"] else "")
    )
    rows = [["Target 目标", target_text(t)], ["Kind", KIND_EN[t["kind"]]]]
    if t["indicator"]:
        ind = data.indicator(t["indicator"])
        rows.append(
            [
                "Indicator 指标",
                Md(f"{md(ind['name_zh'])} / {md(ind['name_en'])} ({code(t['indicator'])})"),
            ]
        )
    if get("latest_year") is not None and not _isnan(get("latest_year")):
        rows.append(
            [
                "Latest value 最新值",
                f"{get('latest_qualifier')}{num(get('latest_value'), unit)} "
                f"({int(get('latest_year'))}); {int(get('n_points'))} yearly "
                f"figure(s) since {int(get('first_year'))}",
            ]
        )
    if get("projected_value") is not None and not _isnan(get("projected_value")):
        level = get("interval_level")
        rows.append(
            [
                f"Projection {int(t['year']) if pd.notna(t['year']) else ''}",
                f"{num(get('projected_value'), unit)} ({level:.0%} interval "
                f"{num(get('lower'))} – {num(get('upper'))}; {get('model')})",
            ]
        )
    if get("probability") is not None and not _isnan(get("probability")):
        rows.append(["Probability of meeting it", f"{get('probability'):.0%}"])
    if get("observed_rate") is not None and not _isnan(get("observed_rate")):
        rows.append(
            rate_row(get("observed_rate"), get("required_rate"), get("rate_ratio"), t, unit)
        )
    rows.append(["Status 状态", Md(f"{status_badge(get('status'))}: {md(get('reason'))}")])
    parts.append(markdown_table(["Item 项目", "Value 数值"], rows))
    return Md("\n".join(parts))


def rate_row(observed, required, ratio, t: pd.Series, unit: str) -> list:
    """Observed against required change per year; a target with no level to reach (a peak) has
    no required rate, and the row says why instead of printing a dash."""
    if required is None or _isnan(required):
        why = (
            "a peak target asks for the series to turn, not for a level"
            if t["kind"] == "peak"
            else "the target sets no level to reach"
        )
        return ["Observed rate", f"{num(observed, unit)} a year; no required rate: {why}"]
    text = f"{num(observed, unit)}/yr vs {num(required, unit)}/yr"
    return [
        "Observed vs required rate",
        text + ("" if ratio is None or _isnan(ratio) else f" (ratio {ratio:.2f})"),
    ]


def _isnan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


def summary_table(targets: pd.DataFrame, table: pd.DataFrame) -> Md:
    """One line per target: clause, target, latest, probability, status (for chapters and overview)."""
    merged = targets.merge(table, left_on="id", right_on="target_id", suffixes=("", "_a"))
    rows = []
    for _, r in merged.iterrows():
        latest = (
            "—"
            if pd.isna(r["latest_year"])
            else (f"{r['latest_qualifier']}{num(r['latest_value'])} ({int(r['latest_year'])})")
        )
        prob = "—" if pd.isna(r["probability"]) else f"{r['probability']:.0%}"
        rows.append(
            [
                r["clause"],
                r["summary_en"],
                target_text(r),
                latest,
                prob,
                Md(f"{STATUS_ICON[r['status']]} {STATUS_ZH[r['status']]} {r['status']}"),
            ]
        )
    return markdown_table(
        ["Clause 条款", "Target", "Goal 目标", "Latest 最新", "P(meet)", "Status 状态"], rows
    )


STATUS_MEANING = {
    "achieved": "the latest published figure already meets the target.",
    "on track": "the projection gives a probability of meeting the target at or above the on-track threshold.",
    "at risk": "the probability is between the two thresholds.",
    "off track": "the probability is below the off-track threshold.",
    "not assessable": "the plan gives no number, no public series exists, or there are too few yearly figures "
    "for an honest projection; the reason is always given.",
}


def status_legend() -> Md:
    return Md(
        "\n".join(f"- {status_badge(s)} — {meaning}" for s, meaning in STATUS_MEANING.items())
    )


def status_counts(table: pd.DataFrame) -> Md:
    counts = table["status"].value_counts()
    return markdown_table(
        ["Status 状态", "Targets"],
        [[Md(f"{STATUS_ICON[s]} {STATUS_ZH[s]} {s}"), int(counts.get(s, 0))] for s in STATUSES]
        + [["Total 合计", int(counts.sum())]],
    )


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
    from .keyterms import terms_for_measure

    if not action.measures:
        return Md(
            f"Clause {action.clause} sets the plan's main targets and has no numbered measures of "
            "its own: measures 1–54 belong to the fifteen actions, each with its own chapter.\n\n"
            + key_terms_line(terms_for_measure(0))
        )
    blocks = [
        "Every measure of this action, as numbered in the plan, with its key terms and the plan's "
        "words. Measures without a number are commitments the book lists but cannot measure."
    ]
    for m in action.measures:
        clause = f"{action.clause}{m.number}"
        ids = targets.loc[targets["clause"] == clause, "id"].tolist()
        mark = (
            f"numbered target(s): {', '.join(code(i) for i in ids)}"
            if ids
            else "no number in the plan"
        )
        blocks.append(
            f"### {m.number}. {md(m.title)}\n\n{md(clause)} — {mark}\n\n"
            f"{key_terms_line(terms_for_measure(m.number))}\n\n"
            f":::{{dropdown}} 方案原文 The plan's words\n{md(m.text)}\n:::"
        )
    return Md("\n\n".join(blocks))


def downloads_line(prefix: str = "") -> Md:
    """Links to the book's downloadable tables (``prefix`` is the path from the page to book/)."""
    links = [f"[{name} CSV]({prefix}downloads/{name}.csv) · [JSON]({prefix}downloads/{name}.json)"
             for name in ("assessment", "series", "sources")]  # fmt: skip
    return Md("Downloads 下载: " + " | ".join(links))


def settings_note(settings: Settings) -> str:
    return (
        f"Settings used: {settings.interval_level:.0%} intervals; on track if P(meet) ≥ "
        f"{settings.on_track:.0%}, off track if below {settings.off_track:.0%}, at risk in between; "
        f"'about X' counts as met at X × (1 − {settings.approx_tolerance:.0%}); observed rate over the "
        f"last {settings.rate_window} years; fitted on the last "
        f"{settings.history_years or 'all'} years of data"
        + (f" up to {settings.last_data_year}" if settings.last_data_year else "")
        + "."
    )
