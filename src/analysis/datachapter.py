"""Tables of the generated "Data and sources" chapter: every figure with its source and quote."""

from __future__ import annotations

import pandas as pd

from .chapter import num
from .coverage import PROXIES, years_text
from .loader import Dataset
from .markup import Md, code, markdown_table, md
from .paths import DATA_DIR


def link(url: str) -> Md:
    """A source's address as a link, shown literally; only web addresses become links."""
    if url.startswith(("http://", "https://")) and not any(c in url for c in ' <>"`'):
        return Md(f"<{url}>")
    return md(url)


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
        rows.append([code(ind.id), Md(f"{md(ind.name_zh)}<br>{md(ind.name_en)}"), ind.unit,
                     years_text(obs["year"].tolist()), latest, how])  # fmt: skip
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
            cite = Md(
                f"{md(s['publisher'])}, *{md(s['title'])}*"
                + (f" {link(s['url'])}" if s["url"] else "")
            )
        rows.append([r.year, f"{r.qualifier}{num(r.value, digits=8)}", cite, r.quote if not r.derived else "",
                     r.note])  # fmt: skip
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
        return "No year has readings from more than one source."
    alt = pd.read_csv(path, dtype=str, keep_default_na=False)
    return markdown_table(["Indicator", "Year", "Value", "Chosen", "Rule", "Read from", "Quote"],
                          [[code(r.indicator), r.year, f"{r.qualifier}{r.value}", r.chosen, r.rule, r._9, r.quote]
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
                          [[code(p.target_id), Md(f"{md(p.name_zh)}<br>{md(p.name_en)}"), p.unit, p.derivation]
                           for p in PROXIES])  # fmt: skip


def coverage_markdown(coverage: pd.DataFrame) -> str:
    rows = []
    for r in coverage.itertuples():
        series = (
            "—"
            if r.indicator == "—"
            else Md(f"{code(r.indicator)}<br>{md(r.years)}; usable: {md(r.usable)}")
        )
        verdict = "✔ assessable" if r.assessable == "yes" else f"✘ {r.missing}"
        rows.append([Md(f"{code(r.target_id)}<br>{md(r.clause)}"), series, verdict])
    return markdown_table(["Target 目标", "Series and years 数据", "Assessable? 可评估性"], rows)


def wanted_markdown(wanted: pd.DataFrame) -> str:
    return markdown_table(
        ["Target", "Clause", "What is missing", "What to add"],
        [[code(r.target_id), r.clause, r._3, Md(r._4)] for r in wanted.itertuples()],
    )
