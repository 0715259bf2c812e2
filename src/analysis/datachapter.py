"""Tables of the generated "Data and sources" chapter: every figure with its source and quote."""

from __future__ import annotations

import pandas as pd

from .chapter import markdown_table, num
from .coverage import PROXIES, years_text
from .loader import Dataset
from .paths import DATA_DIR


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
        rows.append([f"`{ind.id}`", f"{ind.name_zh}<br>{ind.name_en}", ind.unit, years_text(obs["year"].tolist()),
                     latest, how])  # fmt: skip
    return markdown_table(
        ["Indicator", "Name 名称", "Unit 单位", "Years 年份", "Latest 最新", "From"], rows
    )


def figures_table(data: Dataset, indicator: str) -> str:
    """Every figure of one indicator: value, source and the quote it was read from."""
    sources = data.sources.set_index("id")
    rows = []
    for r in data.observations(indicator).itertuples():
        if r.derived:
            cite = r.quote
        else:
            s = sources.loc[r.source_id]
            cite = f"{s['publisher']}, *{s['title']}*" + (f" <{s['url']}>" if s["url"] else "")
        rows.append([r.year, f"{r.qualifier}{num(r.value, digits=8)}", cite, r.quote if not r.derived else "",
                     r.note])  # fmt: skip
    return markdown_table(["Year 年", "Value 数值", "Source 来源", "Quote 原文", "Note 说明"], rows)


def breaks_table(data: Dataset) -> str:
    if data.breaks.empty:
        return "No statistical breaks are recorded."
    return markdown_table(
        ["Indicator", "From year", "Why", "Evidence"],
        [[f"`{b.indicator}`", b.year, b.reason, b.quote] for b in data.breaks.itertuples()],
    )


def alternatives_table(data_dir=DATA_DIR) -> str:
    path = data_dir / "series_alternatives.csv"
    if not path.exists():
        return "No year has readings from more than one source."
    alt = pd.read_csv(path, dtype=str, keep_default_na=False)
    return markdown_table(["Indicator", "Year", "Value", "Chosen", "Rule", "Read from", "Quote"],
                          [[f"`{r.indicator}`", r.year, f"{r.qualifier}{r.value}", r.chosen, r.rule, r._9, r.quote]
                           for r in alt.itertuples()])  # fmt: skip


def excluded_table(data_dir=DATA_DIR) -> str:
    path = data_dir / "import_excluded.csv"
    if not path.exists():
        return "Nothing was kept out."
    ex = pd.read_csv(path, dtype=str, keep_default_na=False)
    return markdown_table(
        ["Raw file", "Line", "Indicator", "Year as printed", "Value", "Why kept out"],
        [[r.file, r.line, r.indicator, r.year, r.value, r.reason] for r in ex.itertuples()],
    )


def proxies_table() -> str:
    return markdown_table(["For target", "Proxy (context only)", "Unit", "How it is computed"],
                          [[f"`{p.target_id}`", f"{p.name_zh}<br>{p.name_en}", p.unit, p.derivation]
                           for p in PROXIES])  # fmt: skip


def coverage_markdown(coverage: pd.DataFrame) -> str:
    rows = []
    for r in coverage.itertuples():
        series = "—" if r.indicator == "—" else f"`{r.indicator}`<br>{r.years}; usable: {r.usable}"
        verdict = "✔ assessable" if r.assessable == "yes" else f"✘ {r.missing}"
        rows.append([f"`{r.target_id}`<br>{r.clause}", series, verdict])
    return markdown_table(["Target 目标", "Series and years 数据", "Assessable? 可评估性"], rows)


def wanted_markdown(wanted: pd.DataFrame) -> str:
    return markdown_table(
        ["Target", "Clause", "What is missing", "What to add"],
        [[f"`{r.target_id}`", r.clause, r._3, r._4] for r in wanted.itertuples()],
    )
