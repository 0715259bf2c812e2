"""The chapter analyses drawn from published series: small multiples of related series for the
energy, industry, transport, agriculture, carbon-market and carbon-sink chapters.

Each function takes the loaded data and returns an :class:`analysis_display.Analysis` drawn only
from figures in ``data/`` (yearly figures and figures dated to a month, each with its source). A
panel whose series has no figure says so inside the chart, and the analysis carries a bilingual
note naming the file to add; with no figure at all, the analysis is that note alone.
"""

from __future__ import annotations

from analysis.data.loader import Dataset
from analysis.pages.analysis_display import (
    Analysis,
    Note,
    missing_note,
    picture_source_line,
    sources_of,
)
from analysis.pages.small_multiples import Line, Panel, draw, figures_frame, finish

SERIES_FILES = "data/series.csv, data/points.csv, data/sources.csv"
# one colour per kind of series, the same in every panel of a chart
TYPE_COLOURS = {
    "thermal": "#8c564b",
    "coal": "#3b3b3b",
    "gas": "#ff7f0e",
    "hydro": "#1f77b4",
    "nuclear": "#9467bd",
    "wind": "#17becf",
    "offshore": "#0b6e79",
    "solar": "#e0a800",
    "biomass": "#2ca02c",
}
SEQUENCE = ["#2c7fb8", "#d95f02", "#7570b3", "#1b9e77", "#e7298a", "#66a61e"]


def _empty_panel_note(data: Dataset, panel: Panel) -> Note:
    if panel.wanted:
        return missing_note(*panel.wanted)
    ids = ", ".join(line.indicator for line in panel.lines) or panel.key
    return missing_note(
        f"{panel.title_zh}（{ids}）",
        f"{panel.title_en} ({ids})",
        f"data/series.csv 中 {ids} 的年度数据",
        f"yearly rows of {ids} in data/series.csv",
    )


def series_analysis(
    data: Dataset,
    key: str,
    action: int,
    title: tuple[str, str],
    panels: list[Panel],
    palette: dict[str, str] | None = None,
    notes: list[Note] | None = None,
    split_breaks: bool = True,
    **layout,
) -> tuple[Analysis, dict]:
    """Small multiples of published series: the Analysis, and the axes by panel key (empty when
    no panel has a figure: the Analysis is then only its notes)."""
    frame = figures_frame(data, panels, split_breaks=split_breaks)
    missing = [_empty_panel_note(data, p) for p in panels if not (frame["panel"] == p.key).any()]
    notes = [*missing, *(notes or [])]
    if frame.empty:
        return Analysis(key, action, *title, notes=notes), {}
    if palette is None:
        names = list(dict.fromkeys(frame["series"]))
        palette = {n: SEQUENCE[i % len(SEQUENCE)] for i, n in enumerate(names)}
    publishers = data.sources.set_index("id")["publisher"]
    frame["publisher"] = [
        " + ".join(str(publishers.get(s, s)) for s in sid.split("+")) for sid in frame["source_id"]
    ]
    sources = sources_of(data, frame["source_id"])
    fig, axes = draw(frame, panels, palette, **layout)
    finish(fig, *title, picture_source_line(sources, SERIES_FILES))
    return Analysis(key, action, *title, fig, frame, sources=sources, notes=notes), axes


# --------------------------------------------------------------------------- 二（二） energy
def energy_mix(data: Dataset) -> Analysis:
    """The generation and capacity mix over time: each type's installed capacity and generation
    as published (types on different scopes are never added into a total or a share)."""
    types = [  # (colour key, label, capacity indicator, generation indicator)
        ("thermal", "火电 thermal", "installed_capacity_thermal", "electricity_generation_thermal"),
        ("coal", "煤电 coal (part of thermal)", "installed_capacity_coal", ""),
        ("gas", "气电 gas (part of thermal)", "installed_capacity_gas", ""),
        (
            "hydro",
            "水电 hydro (incl. pumped storage)",
            "installed_capacity_hydro",
            "electricity_generation_hydro",
        ),
        ("nuclear", "核电 nuclear", "installed_capacity_nuclear", "electricity_generation_nuclear"),
        ("wind", "风电 wind", "installed_capacity_wind", "electricity_generation_wind"),
        (
            "offshore",
            "海上风电 offshore wind (part of wind)",
            "installed_capacity_offshore_wind",
            "",
        ),
        ("solar", "太阳能 solar", "installed_capacity_solar", "electricity_generation_solar"),
        (
            "biomass",
            "生物质 biomass",
            "installed_capacity_biomass",
            "electricity_generation_biomass",
        ),
    ]
    palette = {label: TYPE_COLOURS[k] for k, label, *_ in types}
    capacity = tuple(Line(c, label=lab) for _, lab, c, _ in types if c)
    generation = tuple(Line(g, label=lab) for _, lab, _, g in types if g)
    panels = [
        Panel("capacity", "装机容量（年末）", "Installed capacity, year end", "万千瓦", capacity),
        Panel("generation", "发电量", "Electricity generation", "亿千瓦时", generation),
    ]
    note = Note(
        "各类型按发布口径分别绘制，口径不同（见 data/indicators.csv 的说明），不相加为总量或占比；"
        "空心圆为月度时点数据，空心三角为下限。",
        "Each type is drawn as published; scopes differ (see the notes in data/indicators.csv), so "
        "types are never added into a total or a share. Hollow circles are figures dated to a "
        "month, hollow triangles lower bounds.",
    )
    analysis, _ = series_analysis(
        data,
        "energy-mix",
        2,
        (
            "广东电源结构：分类型装机容量与发电量",
            "Guangdong's power mix: capacity and generation by type",
        ),
        panels,
        palette,
        [note],
        ncols=2,
        height=3.6,
        aspect=1.25,
        legend="shared",
    )
    return analysis


# --------------------------------------------------------------------------- 二（四） industry
ETHYLENE_OUTPUT = "ethylene_output"


def industry_output_co2(data: Dataset) -> Analysis:
    """Output of steel, cement and petrochemicals beside their sector CO2 from CEADs. The plan's
    ethylene has no output series in data/: its panel says so and names the file to add."""
    ethylene = (
        [Line(ETHYLENE_OUTPUT)] if ETHYLENE_OUTPUT in set(data.indicators["id"]) else []
    )  # an analyst's catalogue may add it
    panels = [
        Panel(
            "steel/output",
            "钢铁：产量",
            "Steel: output",
            "万吨",
            (
                Line("crude_steel_output", label="粗钢 crude steel"),
                Line("pig_iron_output", label="生铁 pig iron"),
                Line("steel_products_output", label="钢材 steel products"),
            ),
            row="steel",
        ),
        Panel(
            "steel/co2",
            "黑色金属冶炼：二氧化碳（CEADs）",
            "Ferrous metals: CO2 (CEADs)",
            "Mt CO2",
            (Line("co2_ceads_ferrous_metals", label="黑色金属冶炼 ferrous metals"),),
            row="steel",
        ),
        Panel(
            "cement/output",
            "水泥：产量",
            "Cement: output",
            "万吨",
            (Line("cement_output", label="水泥 cement"),),
            row="cement",
        ),
        Panel(
            "cement/co2",
            "水泥生产过程与非金属矿物制品：二氧化碳（CEADs）",
            "Cement process and non-metal minerals: CO2 (CEADs)",
            "Mt CO2",
            (
                Line("co2_ceads_cement_process", label="水泥生产过程 cement process"),
                Line("co2_ceads_nonmetal_minerals", label="非金属矿物制品 non-metal minerals"),
            ),
            row="cement",
        ),
        Panel(
            "petrochem/output",
            "乙烯：产量",
            "Ethylene: output",
            "万吨",
            tuple(ethylene),
            row="petrochem",
            empty="暂无乙烯产量公开数据\nno public series\nfor ethylene output",
            wanted=(
                "乙烯产量",
                "ethylene output",
                "data/series.csv 中指标 ethylene_output 的年度数据（万吨，来源如广东统计年鉴"
                "主要工业产品产量），并在 data/indicators.csv 登记",
                "yearly rows of an indicator ethylene_output (万吨, e.g. from the Guangdong Statistical "
                "Yearbook's output of major industrial products) in data/series.csv, "
                "registered in data/indicators.csv",
            ),
        ),
        Panel(
            "petrochem/co2",
            "化学原料及制品、石油加工：二氧化碳（CEADs）",
            "Chemicals and petroleum processing: CO2 (CEADs)",
            "Mt CO2",
            (
                Line("co2_ceads_chemicals", label="化学原料及制品 chemicals"),
                Line("co2_ceads_petroleum_coking", label="石油加工炼焦 petroleum, coking"),
            ),
            row="petrochem",
        ),
    ]
    note = Note(
        "产量为国家统计局规模以上工业数据，二氧化碳为CEADs分行业清单（范围一：能源燃烧与水泥生产过程）；"
        "两者并列而不相除，CEADs清单止于其最新年份。",
        "Output is NBS industrial statistics; CO2 is the CEADs sectoral inventory (scope 1: fuel "
        "combustion and cement process). They are shown side by side, not divided; the CEADs "
        "inventory ends in its latest year.",
    )
    analysis, _ = series_analysis(
        data,
        "industry-output-co2",
        4,
        ("重点行业：产量与二氧化碳排放并列", "Key industries: output beside sector CO2"),
        panels,
        None,
        [note],
        height=2.55,
        aspect=1.55,
    )
    return analysis


# --------------------------------------------------------------------------- 二（六） transport
def transport_context(data: Dataset) -> Analysis:
    """Vehicle stock (Guangdong), the national NEV share of new vehicles as context, and the
    CO2 of transport (CEADs)."""
    panels = [
        Panel(
            "stock",
            "汽车保有量（广东）",
            "Vehicle stock (Guangdong)",
            "万辆",
            (
                Line("civil_vehicle_stock", label="民用汽车保有量 civil vehicle stock"),
                Line("nev_stock", label="新能源汽车保有量 NEV stock"),
            ),
        ),
        Panel(
            "nev-share",
            "新能源汽车占比（全国，背景）",
            "NEV share of new vehicles (China, context)",
            "%",
            (
                Line(
                    "nev_share_new_vehicle_sales",
                    "China",
                    label="全国 新车销量占比 China: share of new-vehicle sales",
                ),
                Line(
                    "nev_share_new_registrations",
                    "China",
                    label="全国 新注册登记占比 China: share of new registrations",
                ),
            ),
        ),
        Panel(
            "co2",
            "交通运输仓储邮政二氧化碳（CEADs）",
            "Transport, storage and post: CO2 (CEADs)",
            "Mt CO2",
            (Line("co2_ceads_transport", label="CEADs"),),
        ),
    ]
    note = Note(
        "新能源汽车占比为全国数据，仅作背景：广东没有公开的年度新能源汽车销量占比。",
        "The NEV share is the national figure, context only: Guangdong publishes no yearly NEV "
        "share of new vehicles.",
    )
    analysis, _ = series_analysis(
        data,
        "transport-context",
        6,
        (
            "交通：汽车保有量、全国新能源汽车占比与交通排放",
            "Transport: vehicle stock, the national NEV share and transport CO2",
        ),
        panels,
        None,
        [note],
        ncols=3,
        height=3.0,
        aspect=1.1,
        sharex=False,
    )
    return analysis


# --------------------------------------------------------------------------- 二（七） agriculture
def agriculture_co2(data: Dataset) -> Analysis:
    """CO2 of farming, forestry, animal husbandry and fishery, and of rural households (CEADs)."""
    panels = [
        Panel(
            "agriculture",
            "农林牧渔业",
            "Agriculture, forestry and fishery",
            "Mt CO2",
            (Line("co2_ceads_agriculture", label="CEADs"),),
        ),
        Panel(
            "rural",
            "农村居民生活",
            "Rural households",
            "Mt CO2",
            (Line("co2_ceads_households_rural", label="CEADs"),),
        ),
    ]
    note = Note(
        "CEADs清单只含能源燃烧产生的二氧化碳，不含农业的甲烷、氧化亚氮及土壤碳汇。",
        "The CEADs inventory counts CO2 from fuel combustion only: not agriculture's methane or "
        "nitrous oxide, nor soil carbon.",
    )
    analysis, _ = series_analysis(
        data,
        "agriculture-co2",
        7,
        ("农业农村二氧化碳排放（CEADs）", "CO2 of agriculture and rural households (CEADs)"),
        panels,
        None,
        [note],
        ncols=2,
        height=3.0,
        aspect=1.3,
    )
    return analysis


# --------------------------------------------------------------------------- 二（十） markets
def carbon_market(data: Dataset) -> Analysis:
    """GDEA and CEA prices on the last trading day of each year; the GDEA volume and value traded
    since 2013 as published on dated occasions. No yearly volume of either market is in data/."""
    panels = [
        Panel(
            "price",
            "年末收盘价",
            "Closing price, last trading day of the year",
            "元/吨",
            (
                Line("gdea_year_end_price", label="广东 GDEA"),
                Line("cea_year_end_price", "China", label="全国 CEA"),
            ),
        ),
        Panel(
            "volume",
            "广东配额累计成交量（2013年以来）",
            "GDEA traded since 2013 (running total)",
            "万吨",
            (Line("gdea_cumulative_volume", label="广东 GDEA"),),
        ),
        Panel(
            "value",
            "广东配额累计成交额（2013年以来）",
            "GDEA turnover since 2013 (running total)",
            "亿元",
            (Line("gdea_cumulative_value", label="广东 GDEA"),),
        ),
    ]
    notes = [
        missing_note(
            "广东（GDEA）和全国（CEA）碳市场的年度成交量",
            "yearly traded volumes of the GDEA and CEA markets",
            "data/series.csv 中新指标（如 cea_yearly_volume，万吨）的年度数据，来源为交易所年度报告",
            "yearly rows of a new indicator such as cea_yearly_volume (万吨) in data/series.csv, "
            "read from the exchanges' yearly reports",
        ),
        Note(
            "累计成交量和成交额是在不同日期公布的累计数（空心圆），不连线、不推算年度值。",
            "The volume and value traded are running totals published on different dates (hollow "
            "circles): they are not joined, and no yearly figure is worked out from them.",
        ),
    ]
    analysis, _ = series_analysis(
        data,
        "carbon-market",
        10,
        (
            "碳市场：广东与全国配额价格及广东成交",
            "Carbon markets: GDEA and CEA prices, GDEA trading",
        ),
        panels,
        None,
        notes,
        ncols=3,
        height=3.0,
        aspect=1.1,
        sharex=False,
    )
    return analysis


# --------------------------------------------------------------------------- 二（十二） sinks
def forest_break(data: Dataset) -> Analysis:
    """Forest cover and growing stock across the survey break: the figures before and after the
    break year of data/breaks.csv are drawn as two segments, never joined, with the break marked.
    Figures dated to a month are left out: their basis is stated only in their notes."""
    lines = {"cover": "forest_coverage_rate", "stock": "forest_stock_volume"}
    units = {
        i: data.indicator(i)["unit"] if i in set(data.indicators["id"]) else ""
        for i in lines.values()
    }
    panels = [
        Panel(
            "cover",
            "森林覆盖率",
            "Forest cover",
            units[lines["cover"]] or "%",
            (Line(lines["cover"], label="森林覆盖率 forest cover", points=False),),
        ),
        Panel(
            "stock",
            "森林蓄积量",
            "Forest growing stock",
            units[lines["stock"]] or "亿立方米",
            (Line(lines["stock"], label="森林蓄积量 growing stock", points=False),),
        ),
    ]
    notes = []
    for indicator in lines.values():
        start = data.break_year(indicator)
        if start is None:
            continue
        row = data.breaks[
            (data.breaks["indicator"] == indicator) & (data.breaks["year"] == start)
        ].iloc[0]
        ind = data.indicator(indicator)
        same = "可比" if row["old_targets"] == "comparable" else "不可比"
        notes.append(
            Note(
                f"{ind['name_zh']}：{start}年起为新口径（{same}），新旧口径分段绘制，绝不相连；原因见 "
                "data/breaks.csv。",
                f"{ind['name_en']}: a new basis from {start} ({row['old_targets']} with the old one); "
                f"the two bases are drawn as separate segments, never joined. Why: {row['reason']}",
            )
        )
    notes.append(
        Note(
            "月度时点数据未画出：其口径只在说明中注明（见各目标的图）。",
            "Figures dated to a month are not drawn here: their basis is stated only in their notes "
            "(they are in each target's chart).",
        )
    )
    analysis, axes = series_analysis(
        data,
        "forest-break",
        12,
        ("森林覆盖率与蓄积量：口径变化前后分段", "Forest cover and stock across the survey break"),
        panels,
        None,
        notes,
        ncols=2,
        height=3.1,
        aspect=1.3,
    )
    for key, indicator in lines.items():
        start = data.break_year(indicator)
        if start is not None and key in axes:
            axes[key].axvline(
                start - 0.5, color="#555", ls="--", lw=1, label=f"口径变化 break {start}"
            )
            axes[key].legend(loc="best", fontsize=7, framealpha=0.9)
    return analysis
