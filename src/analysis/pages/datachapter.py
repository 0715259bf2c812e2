"""Tables of the generated "Data and sources" chapter: every figure with its source and quote.

The chapter is a page of its own (coverage, what is wanted, proxies, breaks, the indicator
catalogue) with sub-pages that carry the long evidence: one page per action with every figure of
the indicators that action's targets and context use, each beside its other readings, a page for the
indicators no action uses, and the raw rows the import kept out. Which indicator goes on which
page follows from the registry and the catalogue (:func:`figure_pages`), never from a typed list.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.data.loader import Dataset
from analysis.data.proxies import load_proxies
from analysis.pages.chapter import link as _chapter_link
from analysis.pages.chapter import num
from analysis.pages.coverage import years_text
from analysis.pages.datapages import EXCLUDED, EXCLUDED_TITLE, FOLDER, OTHER, page_name, page_title
from analysis.pages.markup import Md, bilingual, code, html_table, markdown_table, md, md_code
from analysis.paths import DATA_DIR


def link(url: str) -> Md:
    """A source's address as a link, shown literally; only web addresses become links."""
    return _chapter_link(url)


def indicator_heading(ind) -> Md:
    """The heading and note above one indicator's figures: the catalogue's note in Chinese
    (``note_zh``), then the same paragraph in English (``note``)."""
    return Md(
        f"### {md(ind.name_zh)} · {md(ind.name_en)}\n\n"
        + bilingual(
            Md(f"指标{code(ind.id)}，单位：{md(ind.unit)}。{md(ind.note_zh)}"),
            Md(f"{code(ind.id)}, unit {md(ind.unit)}. {md(ind.note)}".strip()),
        )
    )


def indicators_table(data: Dataset, pages: dict | None = None) -> str:
    """The catalogue, each indicator linked to its figures on the page of ``pages`` that has them."""
    page_of = {i: key for key, ids in (pages or {}).items() for i in ids}
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
        key = page_of.get(ind.id)
        rows.append(
            [
                code(ind.id) if key is None else html_code_link(figures_href(key, ind.id), ind.id),
                Md(f"{md(ind.name_zh)}<br>{md(ind.name_en)}"),
                ind.unit,
                years_text(obs["year"].tolist()),
                latest,
                how,
            ]
        )
    return markdown_table(
        ["指标 Indicator", "名称 Name", "单位 Unit", "年份 Years", "最新 Latest", "来自 From"], rows
    )


def figures_table(data: Dataset, indicator: str, region: str = "Guangdong") -> str:
    """Every figure of one indicator for one region: value, source and the quote it was read from."""
    from analysis.pages.chapter import source_text

    tiers = data.sources.set_index("id")["tier"] if "tier" in data.sources.columns else {}
    rows = []
    for r in data.observations(indicator, region).itertuples():
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
    return html_table(["年 Year", "数值 Value", "来源 Source", "原文 Quote", "说明 Note"],
                      ditto(rows, [2, 4]))  # fmt: skip


DITTO = Md("同上 ditto")  # the same as in the row above


def ditto(rows: list[list], columns: list[int]) -> list[list]:
    """Rows with a cell of ``columns`` that repeats the row above shown as :data:`DITTO`: a long
    source or note said once for a run of figures keeps the page light (the data pages' budget)."""
    out, previous = [], None
    for row in rows:
        shown = list(row)
        for c in columns:
            if previous is not None and str(row[c]) != "" and str(row[c]) == str(previous[c]):
                shown[c] = DITTO
        out.append(shown)
        previous = row
    return out


def breaks_table(data: Dataset) -> str:
    if data.breaks.empty:
        return bilingual("没有记录统计口径变化。", "No statistical breaks are recorded.")
    return markdown_table(
        ["指标 Indicator", "起始年 From year", "原因 Why", "依据 Evidence"],
        [[code(b.indicator), b.year, b.reason, b.quote] for b in data.breaks.itertuples()],
    )


def excluded_table(data_dir=DATA_DIR) -> str:
    path = data_dir / "import_excluded.csv"
    if not path.exists():
        return bilingual("没有未纳入的数据。", "Nothing was kept out.")
    ex = pd.read_csv(path, dtype=str, keep_default_na=False)
    return html_table(
        [
            "原始文件 Raw file",
            "行 Line",
            "指标 Indicator",
            "地区 Region",
            "原文日期 Date as printed",
            "数值 Value",
            "未纳入原因 Why kept out",
        ],
        ditto(
            [
                [r.file, r.line, r.indicator, r.region, r.year, r.value, r.reason]
                for r in ex.itertuples()
            ],
            [0, 6],
        ),  # fmt: skip
    )


def proxies_table() -> str:
    return markdown_table(
        [
            "目标 For target",
            "替代序列 Proxy series",
            "地区 Region",
            "关系 Relation",
            "与目标的差别 Gap to the target",
        ],
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
    from analysis.assess.targets import STATUS_ZH, TIER_ZH
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
        verdict = Md(
            f"{STATUS_ZH[r.status]} {md(r.status)}"
            + (f"：{md_code(r.missing_zh)}<br>{md_code(r.missing)}" if r.missing else "")
        )
        rows.append([Md(f"{code(r.target_id)}<br>{md(r.clause)}"), series, evidence, verdict])
    return markdown_table(
        ["目标 Target", "数据 Series and figures", "证据 Evidence", "结论 Verdict"], rows
    )


def wanted_markdown(wanted: pd.DataFrame) -> str:
    return markdown_table(
        [
            "目标 Target",
            "条款 Clause",
            "现有证据 Evidence now",
            "缺少什么 What is missing",
            "补充什么 What to add",
        ],
        [[code(r.target_id), r.clause, r.tier, r._4, Md(r._5)] for r in wanted.itertuples()],
    )


# ---------------------------------------------------------------- the sub-pages of every figure


def home_actions(data: Dataset, targets: pd.DataFrame, actions: list[int]) -> dict[str, int | str]:
    """Each indicator's page: the first of the book's ``actions`` whose targets measure it, whose
    context it is (the catalogue's ``context_for``), or whose derived indicators it is a part of;
    :data:`OTHER` for an indicator none of them uses."""
    from analysis.data.derive import parse_formula

    uses: dict[str, set[int]] = {i: set() for i in data.indicators["id"]}
    for t in targets.itertuples():
        if t.indicator in uses:
            uses[t.indicator].add(int(t.action))
    for ind in data.indicators.itertuples():
        uses[ind.id] |= {int(a) for a in str(ind.context_for).split()}
    formulas = {i.id: parse_formula(i.derived_from) for i in data.indicators.itertuples()}
    for _ in range(len(formulas)):  # a part is used where what it is part of is used
        changed = False
        for whole, formula in formulas.items():
            for part in formula.parts if formula else ():
                if part in uses and not uses[whole] <= uses[part]:
                    uses[part] |= uses[whole]
                    changed = True
        if not changed:
            break
    book = set(actions)
    return {i: min(u & book) if u & book else OTHER for i, u in uses.items()}


def figure_pages(data: Dataset, targets: pd.DataFrame, actions: list[int]) -> dict:
    """Page key -> the indicators with yearly figures shown on it, in catalogue order; every page
    of the book is a key (an action without figures has an empty list)."""
    home = home_actions(data, targets, actions)
    pages: dict = {key: [] for key in [*actions, OTHER]}
    shown = set(data.series["indicator"]) | set(data.alternatives["indicator"])
    for ind in data.indicators["id"]:
        if ind in shown:
            pages[home[ind]].append(ind)
    return pages


def series_regions(data: Dataset, indicator: str) -> list[str]:
    """The regions with yearly figures of an indicator: Guangdong first, then the others (figures
    shown as labelled context or proxies), in the order of the region catalogue."""
    found = set(data.series.loc[data.series["indicator"] == indicator, "region"])
    order = [r for r in data.region_catalogue["id"] if r in found]
    order += sorted(found - set(order))
    return sorted(order, key=lambda r: r != "Guangdong")


def anchor(indicator: str) -> str:
    """The id of an indicator's figures on its page (stable: made from its catalogue id)."""
    return "figures-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in indicator)


def figures_href(key: int | str, indicator: str | None = None, here: str = "") -> str:
    """The address of a figures page (and an indicator on it) from a page in ``here`` (``""``: the
    data page in book/, ``"data"``: another figures page)."""
    folder = "" if here == FOLDER else f"{FOLDER}/"
    return f"{folder}{page_name(key)}.html" + (f"#{anchor(indicator)}" if indicator else "")


def html_link(href: str, text: object) -> Md:
    """A link whose text is shown literally (raw HTML: the address is made by the code)."""
    return Md(f'<a href="{html.escape(href)}">{html.escape(str(text))}</a>')


def html_code_link(href: str, text: object) -> Md:
    """A link around an identifier set as code."""
    return Md(f'<a href="{html.escape(href)}"><code>{html.escape(str(text))}</code></a>')


def readings_table(data: Dataset, indicator: str) -> str:
    """The other readings of an indicator's figures, where sources give more than one
    (series_alternatives.csv as validated): which was chosen, by what rule, from where."""
    alt = data.alternatives[data.alternatives["indicator"] == indicator]
    return html_table(
        [
            "地区 Region",
            "时间 When",
            "数值 Value",
            "采用 Chosen",
            "规则 Rule",
            "来源等级 Standing",
            "出处 Read from",
            "原文 Quote",
        ],  # fmt: skip
        [
            [
                r["region"],
                r["period"],
                f"{r['qualifier']}{r['value']}",
                r["chosen"],
                r["rule"],
                r["tier"],
                r["from"],
                r["quote"],
            ]
            for r in alt.to_dict("records")
        ],  # fmt: skip
    )


def figures_section(data: Dataset, indicator: str) -> Md:
    """One indicator on its figures page: heading, every figure with its source and quote, and the
    other readings of the same figures."""
    ind = next(data.indicators[data.indicators["id"] == indicator].itertuples())
    parts = [f'<span id="{html.escape(anchor(indicator))}"></span>\n', indicator_heading(ind)]
    regions = series_regions(data, indicator)
    if not regions:
        parts.append(bilingual("没有公布的年度数据；以下读数是注明月份的数据（在各章中展示）。",
                               "No yearly figure is published; the readings below are of figures "
                               "dated to a month (shown in the chapters)."))  # fmt: skip
    names = dict(zip(data.region_catalogue["id"], data.region_catalogue["name_zh"], strict=True))
    for region in regions:
        if region != "Guangdong" or regions != ["Guangdong"]:
            label = (
                ""
                if region == "Guangdong"
                else "（背景或替代数据，并非广东的序列 context or proxy, never Guangdong's series）"
            )
            parts.append(Md(f"**{md(names.get(region, region))} {md(region)}**{label}"))
        parts.append(figures_table(data, indicator, region))
    readings = data.alternatives[data.alternatives["indicator"] == indicator]
    if len(readings):
        parts += [f"**其他读数 Other readings** ({len(readings)})：各来源给出的每个读数及所选用的读数。"
                  " Every reading of these figures that a source gives, and the one chosen.",
                  readings_table(data, indicator)]  # fmt: skip
    return Md("\n\n".join(parts))


def figures_intro(key: int | str, indicators: list[str], data: Dataset) -> Md:
    """What a figures page holds, with a link to the chapter it belongs to."""
    n = int(data.series["indicator"].isin(indicators).sum())
    if key == OTHER:
        what_zh = "本页列出本书各章的目标与背景都未用到的指标的全部数据"
        what = Md("The figures of the indicators that no chapter of this book uses in its targets "
                  "or context")  # fmt: skip
    else:
        from analysis.data.plan import read_plan

        action = read_plan()[int(key)]
        chapter = html_link(f"../chapters/action_{int(key):02d}.html",
                            f"{action.clause} {action.name_zh}")  # fmt: skip
        what_zh = Md(f"本页列出{chapter}一章的目标与背景所用指标的全部数据")
        what = Md("The figures of the indicators that this chapter's targets and context use")
    if not indicators:
        return bilingual(Md(f"{what_zh}：暂无公开数据。"),
                         Md(f"{what}: none of them has a published figure yet."))  # fmt: skip
    return bilingual(
        Md(f"{what_zh}：{len(indicators)}个指标、{n}个年度数据，每个数据附有来源和包含该数字的原文"
           "（单位换算之前的发布原样，换算在说明中注明；电子表格则注明文件、工作表、行和列），"
           "以及同一数据的其他读数和所选用的读数。"),
        Md(f"{what}: {len(indicators)} indicator(s), {n} yearly figure(s), each with its source and "
           "the quote that contains the number as published (before any unit conversion, which the "
           "note names), or, for a spreadsheet, the file, sheet, row and column; and every other "
           "reading of the same figures, with the one chosen."),
    )  # fmt: skip


def pages_list(pages: dict) -> Md:
    """The data page's list of its figures pages (and the page of what was kept out)."""
    lines = [f"- {html_link(figures_href(key), page_title(key))} ({len(ids)} indicator(s))"
             for key, ids in pages.items()]  # fmt: skip
    lines.append(f"- {html_link(f'{FOLDER}/{EXCLUDED}.html', EXCLUDED_TITLE)}")
    return Md("\n".join(lines))


def readings_summary(data: Dataset, pages: dict) -> str:
    """Where sources disagree, by indicator: how many figures have more than one reading, how
    many of them differ, and a link to the readings beside the figures."""
    alt = data.alternatives
    if alt.empty:
        return bilingual(
            "没有数据有多个来源的读数。", "No figure has readings from more than one source."
        )
    page_of = {i: key for key, ids in pages.items() for i in ids}
    rows = []
    for indicator, group in alt.groupby("indicator", sort=False):
        figures = group.groupby(["region", "period"]).ngroups
        differ = group[group["rule"] != "readings agree"].groupby(["region", "period"]).ngroups
        key = page_of.get(indicator)
        shown = (
            html_link(figures_href(key, indicator), indicator)
            if key is not None
            else code(indicator)
        )
        rows.append([shown, figures, differ])
    return markdown_table(["指标 Indicator", "多来源数据 Figures with more than one reading",
                           "其中读数不同 Of which the readings differ"], rows)  # fmt: skip
