"""Tables of the generated "Data and sources" chapter: every figure with its source and quote."""

from __future__ import annotations

import pandas as pd

from analysis.data.loader import Dataset
from analysis.data.proxies import load_proxies
from analysis.pages.chapter import link as _chapter_link
from analysis.pages.chapter import num
from analysis.pages.coverage import years_text
from analysis.pages.markup import Md, code, markdown_table, md
from analysis.paths import DATA_DIR


def link(url: str) -> Md:
    """A source's address as a link, shown literally; only web addresses become links."""
    return _chapter_link(url)


def indicator_heading(ind) -> Md:
    """The heading and note above one indicator's figures."""
    return Md(
        f"### {md(ind.name_zh)} · {md(ind.name_en)}\n\n{code(ind.id)}, unit {md(ind.unit)}. "
        f"{md(ind.note)}"
    )


def indicators_table(data: Dataset) -> str:
    rows = []
    for ind in data.indicators.itertuples():
        obs = data.observations(ind.id)
        latest = (
            "—"
            if obs.empty
            else f"{obs['qualifier'].iloc[-1]}{num(obs['value'].iloc[-1])} ({obs['year'].iloc[-1]})"
        )
        how = (
            f"derived: {ind.derived_from}"
            if ind.derived_from
            else f"{obs['source_id'].nunique()} source(s)"
        )
        rows.append(
            [
                code(ind.id),
                Md(f"{md(ind.name_zh)}<br>{md(ind.name_en)}"),
                ind.unit,
                years_text(obs["year"].tolist()),
                latest,
                how,
            ]
        )
    return markdown_table(
        ["Indicator", "Name 名称", "Unit 单位", "Years 年份", "Latest 最新", "From"], rows
    )


def figures_table(data: Dataset, indicator: str) -> str:
    """Every figure of one indicator: value, source and the quote it was read from."""
    from analysis.pages.chapter import source_text

    tiers = data.sources.set_index("id")["tier"] if "tier" in data.sources.columns else {}
    rows = []
    for r in data.observations(indicator).itertuples():
        if r.derived:
            cite = r.quote
        else:
            cite = Md(f"{source_text(r.source_id, data)} — {md(tiers.get(r.source_id, ''))}")
        rows.append(
            [
                r.year,
                f"{r.qualifier}{num(r.value, digits=8)}",
                cite,
                r.quote if not r.derived else "",
                r.note,
            ]
        )
    return markdown_table(["Year 年", "Value 数值", "Source 来源", "Quote 原文", "Note 说明"], rows)


def breaks_table(data: Dataset) -> str:
    if data.breaks.empty:
        return "No statistical breaks are recorded."
    return markdown_table(
        ["Indicator", "From year", "Why", "Evidence"],
        [[code(b.indicator), b.year, b.reason, b.quote] for b in data.breaks.itertuples()],
    )


def alternatives_table(data_dir=DATA_DIR) -> str:
    path = data_dir / "series_alternatives.csv"
    if not path.exists():
        return "No figure has readings from more than one source."
    alt = pd.read_csv(path, dtype=str, keep_default_na=False)
    return markdown_table(
        [
            "Indicator",
            "Region",
            "When",
            "Value",
            "Chosen",
            "Rule",
            "Standing",
            "Read from",
            "Quote",
        ],
        [
            [
                code(r.indicator),
                r.region,
                r.period,
                f"{r.qualifier}{r.value}",
                r.chosen,
                r.rule,
                r.tier,
                r._11,
                r.quote,
            ]
            for r in alt.itertuples()
        ],
    )


def excluded_table(data_dir=DATA_DIR) -> str:
    path = data_dir / "import_excluded.csv"
    if not path.exists():
        return "Nothing was kept out."
    ex = pd.read_csv(path, dtype=str, keep_default_na=False)
    return markdown_table(
        ["Raw file", "Line", "Indicator", "Region", "Date as printed", "Value", "Why kept out"],
        [
            [r.file, r.line, r.indicator, r.region, r.year, r.value, r.reason]
            for r in ex.itertuples()
        ],
    )


def proxies_table() -> str:
    return markdown_table(
        ["For target", "Proxy series", "Region", "Relation", "Gap to the target 与目标的差别"],
        [
            [
                code(p.target_id),
                code(p.indicator),
                p.region,
                p.relation,
                Md(f"{md(p.gap_zh)}<br>{md(p.gap_en)}"),
            ]
            for p in load_proxies()
        ],
    )


def coverage_markdown(coverage: pd.DataFrame) -> str:
    from analysis.assess.targets import TIER_ZH
    from analysis.pages.chapter import TIER_EN

    rows = []
    for r in coverage.itertuples():
        series = (
            "—"
            if r.indicator == "—"
            else Md(f"{code(r.indicator)}<br>years: {md(r.years)}; dated: {md(r.points)}")
        )
        evidence = f"{TIER_ZH[r.tier]} {TIER_EN[r.tier]}" + (
            f" ({r.evidence}, {r.region})" if r.tier == "proxy" else ""
        )
        verdict = f"{r.status}" + (f": {r.missing}" if r.missing else "")
        rows.append([Md(f"{code(r.target_id)}<br>{md(r.clause)}"), series, evidence, verdict])
    return markdown_table(
        ["Target 目标", "Series and figures 数据", "Evidence 证据", "Verdict 结论"], rows
    )


def wanted_markdown(wanted: pd.DataFrame) -> str:
    return markdown_table(
        ["Target", "Clause", "Evidence now", "What is missing", "What to add"],
        [[code(r.target_id), r.clause, r.tier, r._4, Md(r._5)] for r in wanted.itertuples()],
    )
