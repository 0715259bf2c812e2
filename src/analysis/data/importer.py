"""Import cited figures from the shared raw files into the tables of ``data/``.

Run ``python -m analysis import-data``: re-runnable and deterministic, its output depends only on
the raw files and the configuration below. Every row of every long raw table (the 11-column files
under ``shared/data/raw`` and ``data/raw``) meets exactly one fate, recorded in
``import_ledger.csv``:

- ``series``: the chosen figure for an indicator, region and calendar year (``series.csv``);
- ``alternative``: another reading of the same figure, kept with the rule that chose between them
  (``series_alternatives.csv``);
- ``point``: a figure dated to a month (a status such as "capacity at end-August 2025", a running
  total "to 2023-03") or to part of a year ("2020 H1") (``points.csv``);
- ``monthly``: one month of a monthly series (Carbon Monitor), summed to years by the loader
  (``monthly.csv``);
- ``related-target``: a plan target quoted in the raw files, for cross-checks (``related_targets.csv``);
- ``county``: a county-level unit's CO2 for every year of the wide county file (``county_co2.csv``,
  see :mod:`county`);
- ``excluded``: kept out on purpose, with the reason (``import_excluded.csv``).

Each imported row keeps its publisher, title, address, the quote it was read from and its note; a
unit conversion is an explicit factor from :mod:`units`, named in the row's note. Sources get a tier
(:mod:`source_tiers`). CO2 inventories are read from the CEADs workbooks themselves (:mod:`ceads`),
and one cell of the CREA power-capacity export (wind, end-November 2024) from that file.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.data import ceads, county
from analysis.data import schemas as S
from analysis.data.periods import Period, parse_period
from analysis.data.source_tiers import link_kind, rank, tier_of
from analysis.data.units import factor
from analysis.errors import DataError, Problem
from analysis.paths import DATA_DIR, REPO_ROOT, shared_dir

RAW_COLUMNS = [
    "indicator",
    "region",
    "year",
    "value",
    "unit",
    "source_publisher",
    "source_title",
    "source_url",
    "retrieved_via",
    "quote",
    "note",
]
COLUMN_ALIASES = {
    "publisher": "source_publisher",
    "title": "source_title",
    "where_read": "retrieved_via",
    "quote_or_cell": "quote",
}
GBA = "Guangdong (Greater Bay Area grid)"
PS, EE, EH, IBT, ITX, SWM, SCP, BUL, TBY, CM = (
    "power.csv",
    "energy_emissions.csv",
    "energy_headline.csv",
    "industry_buildings_transport.csv",
    "industry_transport_extra.csv",
    "sinks_waste_market.csv",
    "sinks_circular_power_extra.csv",
    "bulletins_extra.csv",
    "transport_buildings_yearly.csv",
    "energy_panel_extra.csv",
)
NAT = "national_2026_12/china_yearly.csv"
NBS_VEHICLES = "hunt_2026_12/nbs_civil_vehicles_guangdong.csv"

# Files under the raw folder that are not long tables: what each is and how the book uses it.
ORIGINALS: dict[str, str] = {
    "ceads/*.xlsx": "CEADs inventory workbooks: the CO2 series are read cell by cell from these (ceads.py)",
    "ceads/ceads_guangdong_long.csv": "every cell of the CEADs Guangdong sheets, a flat copy of the workbooks "
    "(the importer reads the workbooks themselves)",
    "ceads/teanet9ja_guangdong_county_co2_2008_2017.csv": "CEADs county CO2 2008-2017 (unit not stated in the "
    "copy, read as Mt CO2): imported into county_co2.csv (county.py), never into the province's series",
    "energy_emissions_sources/*.csv": "CREA exports of regional GDP, the machine-readable origin of GDP rows",
    "energy_panel_sources/*.csv": "Carbon Monitor monthly panel (31 provinces), origin of energy_panel_extra.csv",
    "ibt_sources/*.csv": "CREA exports of industrial output, origin of industry_buildings_transport.csv rows",
    "market_sources/*.csv": "Wind exports of GDEA/CEA prices, origin of the market rows in sinks_waste_market.csv",
    "power_sources/crea_china_co2_guangdong_extract.csv": "CREA power export: origin of power.csv capacity rows; "
    "the end-November 2024 wind cell is read from it (see CREA_CELLS)",
    "power_sources/*.csv": "CREA power exports, origin of power.csv rows",
    "hunt_2026_12/sources/*.csv": "byte copies of the NBS civil-vehicle crawl, origin of "
    "nbs_civil_vehicles_guangdong.csv",
    "national_2026_12/owid_energy_china_2005_2024_rows.csv": "OWID energy rows for China as copied; the same "
    "figures are in china_yearly.csv",
}


@dataclass(frozen=True)
class Mapping:
    """Raw rows (indicator, region, unit as printed) that feed one catalogue indicator.

    ``unit`` is the printed unit's key in :data:`units.FACTORS`; rows whose printed unit does not
    start with ``raw_unit`` are not taken. ``file`` limits the mapping to one raw file.
    """

    raw_indicator: str
    raw_unit: str
    indicator: str
    unit: str
    region: str = "Guangdong"
    to_region: str = ""  # region in data/ when it differs from the raw one
    file: str = ""
    monthly: bool = False
    note: str = ""

    def takes(self, file: str, row: dict) -> bool:
        return (
            (not self.file or self.file == file)
            and row["indicator"] == self.raw_indicator
            and row["region"] == self.region
            and row["unit"].startswith(self.raw_unit)
        )


def _m(raw, raw_unit, indicator, unit, **kw) -> Mapping:
    return Mapping(raw, raw_unit, indicator, unit, **kw)


_GBA_NOTE = (
    "Reported for the Greater Bay Area grid; all its pumped-storage stations are in Guangdong."
)
KAOZHOUYANG = "Huizhou (Kaozhouyang demonstration zone)"
_ZONE_NOTE = (
    "One of the province's mangrove demonstration zones (Kaozhouyang, Huidong county, Huizhou), filed under "
    "Guangdong as evidence for the province's demonstration-zone target, never as a province-wide total."
)
_CEADS_ROWS = {  # CEADs figures of energy_emissions.csv, checked against the workbooks
    "co2_emissions_ceads_total": "co2_emissions_ceads",
    "co2_emissions_ceads_agriculture": "co2_ceads_agriculture",
    "co2_emissions_ceads_construction": "co2_ceads_construction",
    "co2_emissions_ceads_ferrous_metals": "co2_ceads_ferrous_metals",
    "co2_emissions_ceads_fuel_natural_gas": "co2_ceads_natural_gas",
    "co2_emissions_ceads_fuel_raw_coal": "co2_ceads_raw_coal",
    "co2_emissions_ceads_households_rural": "co2_ceads_households_rural",
    "co2_emissions_ceads_households_urban": "co2_ceads_households_urban",
    "co2_emissions_ceads_nonmetal_mineral_products": "co2_ceads_nonmetal_minerals",
    "co2_emissions_ceads_petroleum_processing_coking": "co2_ceads_petroleum_coking",
    "co2_emissions_ceads_power_heat_sector": "co2_ceads_power_heat",
    "co2_emissions_ceads_process_cement": "co2_ceads_cement_process",
    "co2_emissions_ceads_transport_storage_post": "co2_ceads_transport",
    "co2_emissions_ceads_wholesale_retail_catering": "co2_ceads_commerce",
}

MAPPINGS: list[Mapping] = [
    # power capacity, year end (CREA compilation of Wind/NBS/CEC series; >= 6 MW plants for most types)
    _m("installed_capacity_wind", "万千瓦", "installed_capacity_wind", "万千瓦"),
    _m("installed_capacity_wind", "GW", "installed_capacity_wind", "GW"),
    _m("installed_capacity_solar", "万千瓦", "installed_capacity_solar", "万千瓦"),
    _m("installed_capacity_solar", "MW", "installed_capacity_solar", "MW"),
    _m("installed_capacity_thermal", "万千瓦", "installed_capacity_thermal", "万千瓦"),
    _m(
        "installed_capacity_hydro_incl_pumped_storage",
        "万千瓦",
        "installed_capacity_hydro",
        "万千瓦",
    ),
    _m("installed_capacity_nuclear", "万千瓦", "installed_capacity_nuclear", "万千瓦"),
    _m("installed_capacity_total", "万千瓦", "installed_capacity_total", "万千瓦"),
    _m("installed_capacity_total", "GW", "installed_capacity_total", "GW"),
    _m("installed_capacity_biomass", "万千瓦", "installed_capacity_biomass", "万千瓦"),
    _m("installed_capacity_coal", "GW", "installed_capacity_coal", "GW"),
    _m("installed_capacity_gas", "万千瓦", "installed_capacity_gas", "万千瓦"),
    _m("installed_capacity_new_storage", "万千瓦", "installed_capacity_new_storage", "万千瓦"),
    _m("installed_capacity_new_energy_total", "万千瓦", "installed_capacity_new_energy", "万千瓦"),
    _m(
        "installed_capacity_pumped_storage",
        "万千瓦",
        "installed_capacity_pumped_storage",
        "万千瓦",
        region=GBA,
        to_region="Guangdong",
        note=_GBA_NOTE,
    ),
    _m(
        "installed_capacity_pumped_storage",
        "million kW",
        "installed_capacity_pumped_storage",
        "million kW",
        region=GBA,
        to_region="Guangdong",
        note=_GBA_NOTE,
    ),
    _m("installed_capacity_offshore_wind", "万千瓦", "installed_capacity_offshore_wind", "万千瓦"),
    _m(
        "installed_capacity_offshore_wind",
        "million kW",
        "installed_capacity_offshore_wind",
        "million kW",
    ),
    _m("new_capacity_added_wind", "万千瓦", "capacity_added_wind", "万千瓦"),
    _m("new_capacity_added_solar", "万千瓦", "capacity_added_solar", "万千瓦"),
    _m("new_capacity_added_solar", "GW", "capacity_added_solar", "GW"),
    _m("new_capacity_added_thermal", "万千瓦", "capacity_added_thermal", "万千瓦"),
    _m("new_capacity_added_hydro", "万千瓦", "capacity_added_hydro", "万千瓦"),
    _m("new_capacity_added_nuclear", "万千瓦", "capacity_added_nuclear", "万千瓦"),
    _m("new_capacity_added_biomass", "万千瓦", "capacity_added_biomass", "万千瓦"),
    _m("new_capacity_added_offshore_wind", "万千瓦", "capacity_added_offshore_wind", "万千瓦"),
    _m(
        "new_capacity_added_pumped_storage",
        "million kW",
        "capacity_added_pumped_storage",
        "million kW",
        region="Guangdong",
    ),
    # electricity (Wind 'YTD' series: the December value is the year's total)
    _m("electricity_consumption_total", "万千瓦时", "electricity_consumption", "万千瓦时"),
    _m("electricity_consumption_total", "亿千瓦时", "electricity_consumption", "亿千瓦时"),
    _m("electricity_generation_thermal", "万千瓦时", "electricity_generation_thermal", "万千瓦时"),
    _m("electricity_generation_thermal", "TWh", "electricity_generation_thermal", "TWh"),
    _m("electricity_generation_hydro", "万千瓦时", "electricity_generation_hydro", "万千瓦时"),
    _m("electricity_generation_nuclear", "万千瓦时", "electricity_generation_nuclear", "万千瓦时"),
    _m("electricity_generation_wind", "万千瓦时", "electricity_generation_wind", "万千瓦时"),
    _m("electricity_generation_solar", "万千瓦时", "electricity_generation_solar", "万千瓦时"),
    _m("electricity_generation_biomass", "亿千瓦时", "electricity_generation_biomass", "亿千瓦时"),
    _m("utilization_hours_wind", "hours", "utilization_hours_wind", "hours"),
    _m("utilization_hours_solar", "hours", "utilization_hours_solar", "hours"),
    _m("west_east_power_received", "亿千瓦时", "west_east_power_received", "亿千瓦时"),
    _m("west_east_power_received", "GWh", "west_east_power_received", "GWh"),
    _m("west_east_power_received", "billion kWh", "west_east_power_received", "billion kWh"),
    _m("west_east_power_received_peak", "万千瓦", "west_east_power_received_peak", "万千瓦"),
    _m("peak_load_dispatched", "亿千瓦", "peak_load", "亿千瓦"),
    _m("electricity_peak_load", "万千瓦", "peak_load", "万千瓦"),
    # energy
    _m("non_fossil_share_primary_energy", "%", "non_fossil_share_energy", "%"),
    _m("coal_share_primary_energy", "%", "coal_share_energy", "%"),
    _m("oil_share_primary_energy", "%", "oil_share_energy", "%"),
    _m("natural_gas_share_primary_energy", "%", "gas_share_energy", "%"),
    _m(
        "energy_intensity",
        "吨标准煤/万元 (GDP at 2005",
        "energy_intensity_2005_prices",
        "吨标准煤/万元",
    ),
    _m(
        "energy_intensity_yoy_change",
        "% (change in energy consumption per 10,000 yuan GDP",
        "energy_intensity_change",
        "%",
    ),
    _m("energy_intensity_yoy_change", "% vs 2008", "energy_intensity_change", "%"),
    _m(
        "energy_intensity_yoy_decline",
        "% decline vs previous year",
        "energy_intensity_change",
        "% decline",
    ),
    _m("total_energy_consumption", "亿吨标准煤", "total_energy_consumption", "亿吨标准煤"),
    _m("oil_products_consumption", "万吨", "oil_products_consumption", "万吨"),
    _m(
        "co2_emissions_carbon_monitor",
        "t CO2",
        "co2_emissions_carbon_monitor",
        "t CO2",
        monthly=True,
        note="One month of Carbon Monitor's model estimate; yearly totals are the sum of 12 months, "
        "derived by the loader.",
    ),
    *[_m(raw, "Mt CO2", ind, "Mt CO2", file=EE) for raw, ind in _CEADS_ROWS.items()],
    # economy
    _m("gdp_current_prices", "亿元", "gdp_current_prices", "亿元"),
    _m("gdp_real_growth", "%", "gdp_real_growth", "%"),
    _m("population_year_end", "10000 persons", "population_year_end", "万人"),
    # industry
    _m(
        "hightech_manufacturing_share",
        "% of VA of industry above designated size",
        "hightech_manufacturing_share",
        "%",
    ),
    _m("hightech_manufacturing_share", "% of value added", "hightech_manufacturing_share", "%"),
    _m(
        "advanced_manufacturing_share",
        "% of VA of industry above designated size",
        "advanced_manufacturing_share",
        "%",
    ),
    _m("advanced_manufacturing_share", "% of value added", "advanced_manufacturing_share", "%"),
    _m("crude_steel_output", "10000 tons", "crude_steel_output", "万吨"),
    _m("pig_iron_output", "10000 tons", "pig_iron_output", "万吨"),
    _m("steel_products_output", "10000 tons", "steel_products_output", "万吨"),
    _m("cement_output", "ton", "cement_output", "ton"),
    _m("motor_vehicle_output", "unit (辆)", "motor_vehicle_output", "辆"),
    _m("nev_production", "万辆", "nev_production", "万辆"),
    # buildings
    _m("green_building_share_new", "% of new urban buildings", "green_building_share_new", "%"),
    _m(
        "green_building_share_new",
        "% of newly started civil buildings",
        "green_building_share_new",
        "%",
        region="Guangzhou",
    ),
    _m(
        "green_building_share_new",
        "% of new civil buildings",
        "green_building_share_new",
        "%",
        region="Shenzhen",
    ),
    _m(
        "star1plus_green_building_share_new",
        "%",
        "star_green_building_share_new",
        "%",
        region="Guangzhou",
    ),
    _m(
        "high_star_green_building_share_new",
        "%",
        "high_star_green_building_share_new",
        "%",
        region="Guangzhou",
    ),
    _m("prefab_building_share_new", "%", "prefab_building_share_new", "%"),
    _m("prefab_building_share_new", "%", "prefab_building_share_new", "%", region="Shenzhen"),
    _m("prefab_building_share_new", "%", "prefab_building_share_new", "%", region="China"),
    _m(
        "construction_waste_local_resource_utilisation_rate",
        "%",
        "construction_waste_utilisation_rate",
        "%",
        region="Shenzhen",
    ),
    _m(
        "construction_waste_resource_utilisation_rate",
        "%",
        "construction_waste_utilisation_rate",
        "%",
        region="Shenzhen",
        note="Printed without 本地 (local); its 2020 base (13 %) matches the local rate's 13.5 %, so one series.",
    ),
    # transport
    _m(
        "sea_rail_container_volume",
        "万标",
        "sea_rail_container_volume",
        "万标箱",
        region="Guangzhou",
    ),
    _m("sea_rail_container_volume", "TEU", "sea_rail_container_volume", "TEU", region="Guangzhou"),
    _m(
        "sea_rail_container_volume",
        "万标箱",
        "sea_rail_container_volume",
        "万标箱",
        region="Shenzhen",
    ),
    _m("green_travel_share", "%", "green_travel_share", "%", region="Guangzhou"),
    _m("expressway_service_area_charging_coverage", "%", "expressway_charging_coverage", "%"),
    _m("nev_sales_share_of_new_vehicles", "%", "nev_share_new_vehicle_sales", "%", region="China"),
    _m("nev_share_new_vehicle_sales", "%", "nev_share_new_vehicle_sales", "%", region="China"),
    _m("nev_share_new_registrations", "%", "nev_share_new_registrations", "%", region="China"),
    _m("nev_new_registration_share", "%", "nev_share_new_registrations", "%", region="China"),
    _m("civil_vehicles_stock_nbs", "万辆", "civil_vehicle_stock", "万辆", file=NBS_VEHICLES),
    _m("public_charging_points", "public charging p", "public_charging_points", "个"),
    _m("public_charging_points", "万个", "public_charging_points", "万个"),
    _m("nev_stock", "万辆", "nev_stock", "万辆"),
    _m("nev_stock", "million vehicles", "nev_stock", "million vehicles"),
    # data centres (national context and proxy)
    _m(
        "datacenter_new_large_pue_national",
        "PUE",
        "datacenter_new_large_pue",
        "PUE",
        region="China",
    ),
    _m(
        "datacenter_avg_pue_national_green_dc",
        "PUE",
        "datacenter_green_dc_avg_pue",
        "PUE",
        region="China",
    ),
    # ecosystems
    _m("forest_coverage_rate", "%", "forest_coverage_rate", "%"),
    _m("forest_stock_volume", "亿立方米", "forest_stock_volume", "亿立方米"),
    _m("mangrove_area", "万公顷", "mangrove_area", "万公顷"),
    _m("mangrove_afforestation", "公顷", "mangrove_afforestation", "公顷"),
    _m("mangrove_restoration", "公顷", "mangrove_restoration", "公顷"),
    _m("mangrove_afforestation_cumulative", "公顷", "mangrove_afforestation_cumulative", "公顷"),
    _m("mangrove_restoration_cumulative", "公顷", "mangrove_restoration_cumulative", "公顷"),
    *[
        _m(raw, "亩", raw, "亩", region=KAOZHOUYANG, to_region="Guangdong", note=_ZONE_NOTE)
        for raw in ("mangrove_demo_zone_afforestation", "mangrove_demo_zone_restoration")
    ],
    # waste, water and markets
    _m("urban_msw_harmless_treatment_rate", "%", "msw_harmless_treatment_rate", "%"),
    _m("msw_incineration_and_biochemical_share", "%", "msw_incineration_biochemical_share", "%"),
    _m("key_industry_water_reuse_rate", "%", "industrial_water_reuse_rate_key_firms", "%"),
    # public institutions (national figures, proxies for the per-m2 and per-person targets)
    *[
        _m(ind, unit, ind, unit, region="China")
        for ind, unit in (
            ("public_inst_energy_per_area", "kgce/m2"),
            ("public_inst_energy_per_capita", "kgce/person"),
        )
    ],
    _m("gdea_close_price_last_trading_day", "元/吨", "gdea_year_end_price", "元/吨"),
    _m("gdea_cumulative_volume_since_2013", "million t", "gdea_cumulative_volume", "million t"),
    _m("gdea_cumulative_value_since_2013", "billion yuan", "gdea_cumulative_value", "billion yuan"),
    _m("cea_latest_price_last_trading_day", "元/吨", "cea_year_end_price", "元/吨", region="China"),
    # national context
    _m(
        "non_fossil_share_energy_consumption",
        "% of total energy consumption (non-fossil",
        "non_fossil_share_energy",
        "%",
        region="China",
    ),
    _m(
        "energy_intensity_yoy_change",
        "% (change in energy consumption per 10,000 yuan GDP",
        "energy_intensity_change",
        "%",
        region="China",
    ),
    _m(
        "coal_share_energy_consumption",
        "% of total energy consumption",
        "coal_share_energy",
        "%",
        region="China",
    ),
]


@dataclass(frozen=True)
class RowRule:
    """Matches raw rows by file, indicator, year as printed and a piece of the quote."""

    file: str
    raw_indicator: str
    year: str
    quote_contains: str
    reason: str = ""
    vintage: int = 0  # publication year, for the choice rule (used by VINTAGES only)

    def matches(self, file: str, row: dict) -> bool:
        return (self.file, self.raw_indicator, self.year) == (
            file,
            row["indicator"],
            row["year"],
        ) and (self.quote_contains in row["quote"])


EXCLUSIONS: list[RowRule] = [
    RowRule(
        SWM,
        "forest_coverage_rate",
        "2012",
        "约57.7",
        "low-trust aggregator page, publisher unknown",
    ),
    RowRule(
        SWM, "forest_stock_volume", "2012", "4.83", "low-trust aggregator page, publisher unknown"
    ),
    RowRule(
        SWM,
        "forest_stock_volume",
        "2010",
        "活立木蓄积量",
        "standing timber volume (活立木蓄积量), a wider concept than forest stock (森林蓄积量)",
    ),
    RowRule(
        SWM,
        "forest_stock_volume",
        "2022 (reported 2022-06)",
        "6.24",
        "reference year not printed and the figure (6.24 亿m³) fits neither the old (5.84 in 2021) nor the new "
        "basis (5.78 in 2022); the source note says 'use with caution'",
    ),
    RowRule(
        BUL,
        "nev_production",
        "2022",
        "预计",
        "a forecast (预计) made before the year's statistics, printed as '近130万辆'",
    ),
    RowRule(
        SCP,
        "urban_msw_harmless_treatment_rate",
        "2024",
        "生活垃圾無害化處理率",
        "covers all household waste, not only urban; and 保持100% is a status, not a yearly statistic",
    ),
    RowRule(
        PS,
        "installed_capacity_wind",
        "2014",
        "1.7GW",
        "a rounded secondary figure (1.7 GW, BloombergNEF) for a year the Wind/NBS series gives exactly (174.00)",
    ),
    RowRule(
        PS,
        "installed_capacity_solar",
        "2014",
        "500MW",
        "a rounded secondary figure (500 MW, BloombergNEF) outside the Wind/NBS series, which starts in 2018",
    ),
    RowRule(
        TBY,
        "sea_rail_container_volume",
        "2024",
        "13.35 million",
        "printed as 'projected': a forecast, not an outcome",
    ),
    RowRule(
        NBS_VEHICLES,
        "civil_vehicles_stock_nbs_2021_unverified",
        "2021",
        "",
        "two conflicting 2021 readings flagged unverified by the compiler; kept out until checked against the "
        "China Statistical Yearbook 2022",
    ),
    RowRule(
        PS,
        "electricity_generation_offshore_wind_annual_equivalent",
        "2024",
        "",
        "the annual generation potential of the installed fleet, not the year's actual generation",
    ),
]

# Rows printed under a calendar year whose note or quote dates them to a month: a status on that date,
# not the year's figure (rule, the date 'YYYY-MM', what the note says)
STATUS_DATES: list[tuple[RowRule, str, str]] = [
    (
        RowRule(PS, "installed_capacity_offshore_wind", "2025", "截至2025年8月底"),
        "2025-08",
        "as of end-August 2025",
    ),
    (
        RowRule(PS, "installed_capacity_new_energy_total", "2025", "截至2025年8月底"),
        "2025-08",
        "as of end-August 2025",
    ),
    (
        RowRule(PS, "installed_capacity_new_energy_total", "2024", "5016"),
        "2024-04",
        "status as of about 2024-04-11",
    ),
    (
        RowRule(PS, "installed_capacity_new_energy_total", "2025", "6542"),
        "2025-02",
        "status date not stated; published about February 2025",
    ),
    (
        RowRule(PS, "installed_capacity_pumped_storage", "2023", "已建成投运6座"),
        "2023-09",
        "as of 2023-09-28",
    ),
    (
        RowRule(PS, "installed_capacity_pumped_storage", "2022", "近1000"),
        "2022-05",
        "as of 2022-05-28",
    ),
    (
        RowRule(PS, "installed_capacity_pumped_storage", "2022", "9.68 million"),
        "2022-05",
        "as of 2022-05-28",
    ),
    (
        RowRule(PS, "installed_capacity_offshore_wind", "2023", "has exceeded"),
        "2024-01",
        "published 2024-01-19",
    ),
    (
        RowRule(PS, "installed_capacity_offshore_wind", "2025", "As of this June"),
        "2025-06",
        "as of end-June 2025",
    ),
    (
        RowRule(PS, "installed_capacity_biomass", "2021", "2021年上半年"),
        "2021-06",
        "as of end-June 2021",
    ),
    (RowRule(SWM, "mangrove_area", "2024", "约1.1万公顷"), "2024-06", "published 2024-06-08"),
    (RowRule(SWM, "mangrove_area", "2025", "1.14万公顷"), "2025-07", "published 2025-07-26"),
]

# Publication years, for the rule "the latest revision first" (read off each row's note)
VINTAGES: list[RowRule] = [
    RowRule(SCP, "forest_coverage_rate", "2015", "56.92%提高到58.66%", vintage=2021),
    RowRule(SWM, "forest_coverage_rate", "2015", "57 58.8 58", vintage=2016),
    RowRule(SWM, "forest_coverage_rate", "2015", "58.8 percent", vintage=2016),
    RowRule(SCP, "forest_stock_volume", "2015", "5.02億", vintage=2021),
    RowRule(SWM, "forest_stock_volume", "2015", "4.38 5.61 5.51", vintage=2016),
    RowRule(SWM, "urban_msw_harmless_treatment_rate", "2010", "65.5 90", vintage=2016),
    RowRule(SWM, "urban_msw_harmless_treatment_rate", "2010", "为70.2%", vintage=2012),
    RowRule(
        ITX, "high_star_green_building_share_new", "2024", "高星级绿色建筑占比达到60%", vintage=2024
    ),
    RowRule(TBY, "high_star_green_building_share_new", "2024", "72%", vintage=2025),
]

# A second figure printed in the same quote as a raw row (a table row "base, actual, target"):
# (rule matching the raw row, year of the extra figure, the figure as printed, what it is)
EXTRA_READINGS: list[tuple[RowRule, str, str, str]] = [
    (
        RowRule(SWM, "key_industry_water_reuse_rate", "2015", "65 80.6"),
        "2010",
        "65",
        "2010 base column of the same evaluation table row",
    ),
]

# Cells of machine-readable exports read directly: (file, line, indicator, year, qualifier, note)
CREA_CELLS: list[tuple[str, int, str, int, str, str]] = [
    (
        "power_sources/crea_china_co2_guangdong_extract.csv",
        200,
        "installed_capacity_wind",
        2024,
        ">=",
        "End-November 2024 reading (the December 2024 cell is 0.00, i.e. missing). Capacity is a stock that "
        "only falls when plants retire, so the year-end 2024 figure is at least this: recorded as a lower bound.",
    ),
]

# Statistical breaks: the year a new basis starts, why, a raw row that documents it, and whether a
# target set on the old basis can still be judged on the new one
BREAKS: list[tuple[str, int, str, RowRule, str]] = [
    (
        "forest_coverage_rate",
        2022,
        "Figures from 2022 integrate the Third National Land Survey (国土三调): about 53 % instead of about "
        "58-59 % before; the two bases are not comparable, and the plan's 59 % target was set on the old one.",
        RowRule(SWM, "forest_coverage_rate", "2023", "53.03"),
        "not comparable",
    ),
    (
        "forest_stock_volume",
        2022,
        "Figures from 2022 are on the basis that integrates the Third National Land Survey (国土三调); the level "
        "barely moved (5.84 亿m³ in 2021 on the old basis, 5.78 in 2022 on the new), so the 6.6 亿m³ target "
        "stays comparable.",
        RowRule(SWM, "forest_stock_volume", "2022 (reported 2023-06)", "5.78"),
        "comparable",
    ),
]

# Publications named as where to read a missing figure (the `wanted` worksheet cites them; no figure
# of the book has been read from them yet): id, publisher, title, address, tier
WANTED_SOURCES: list[tuple[str, str, str, str, str]] = [
    (
        "wanted-gd-stats-communique",
        "广东省统计局 (Guangdong Provincial Bureau of Statistics)",
        "广东省国民经济和社会发展统计公报 (yearly statistical communiqué)",
        "http://stats.gd.gov.cn/tjgb/",
        "official statistics",
    ),
    (
        "wanted-gd-stats-yearbook",
        "广东省统计局 (Guangdong Provincial Bureau of Statistics)",
        "广东统计年鉴 (Guangdong Statistical Yearbook)",
        "http://stats.gd.gov.cn/gdtjnj/",
        "official statistics",
    ),
    (
        "wanted-nbs-energy-intensity",
        "国家统计局、国家发展和改革委员会、国家能源局",
        "分省（区、市）万元地区生产总值能耗降低率等指标公报 (yearly)",
        "https://www.stats.gov.cn/",
        "official statistics",
    ),
    (
        "wanted-gd-drc",
        "广东省发展和改革委员会 / 广东省能源局",
        "statements and plans of the Guangdong DRC and Energy Bureau",
        "http://drc.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-gd-housing",
        "广东省住房和城乡建设厅",
        "statements of the Guangdong Department of Housing and Urban-Rural Development",
        "http://zfcxjst.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-gd-forestry",
        "广东省林业局",
        "statements of the Guangdong Forestry Administration",
        "http://lyj.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-gd-transport",
        "广东省交通运输厅",
        "statements of the Guangdong Department of Transport",
        "http://td.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-gd-industry",
        "广东省工业和信息化厅",
        "statements of the Guangdong Department of Industry and Information Technology",
        "http://gdii.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-gd-ecology",
        "广东省生态环境厅",
        "statements of the Guangdong Department of Ecology and Environment",
        "http://gdee.gd.gov.cn/",
        "government",
    ),
    (
        "wanted-nea",
        "国家能源局 (National Energy Administration)",
        "NEA notices and monitoring reports",
        "http://www.nea.gov.cn/",
        "government",
    ),
]

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_SCIENTIFIC = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*[×x\*]\s*10\^?([+-]?\d+)$")
_QUALIFIERS = [
    (">=", ">="),
    ("<=", "<="),
    (">", ">"),
    ("<", "<"),
    ("超过", ">"),
    ("近", "~"),
    ("约", "~"),
    ("~", "~"),
]
EQUAL_TOLERANCE = 0.005  # two readings within 0.5 % of each other corroborate one another


def parse_value(text: str) -> tuple[float, str]:
    """Split a printed value into a number and a qualifier ('>', '~', ...); refuse anything else.

    Thousands separators are removed; a qualifier such as '>200' or '约30' is kept, never dropped;
    a number printed as '1.2×10^4' is read as 12000.
    """
    raw = text.strip().replace(",", "")
    qualifier = ""
    for token, symbol in _QUALIFIERS:
        if raw.startswith(token):
            qualifier, raw = symbol, raw[len(token) :].strip()
            break
    if raw.endswith("以上"):
        qualifier, raw = ">=", raw[:-2].strip()
    if m := _SCIENTIFIC.match(raw):
        return float(m.group(1)) * 10 ** int(m.group(2)), qualifier
    if not _NUMBER.match(raw):
        raise ValueError(f"cannot read a number from {text!r}")
    return float(raw), qualifier


def source_id(publisher: str, title: str, url: str, via: str) -> str:
    """A stable id for one publication: readable prefix plus a short content hash."""
    digest = hashlib.sha1("\x1f".join([publisher, title, url, via]).encode("utf-8")).hexdigest()[:8]
    prefix = re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-")[:24].strip("-") or "src"
    return f"{prefix}-{digest}"


def is_target_row(row: dict) -> bool:
    """Plan targets in the raw files: context and cross-checks, never history."""
    name = row["indicator"]
    return name.startswith("target_") or name.endswith(("_target", "_plan"))


def long_files(raw_dir: Path) -> list[Path]:
    """Every long raw table (11 raw columns, or their aliases) under ``raw_dir``, sorted."""
    found = []
    for path in sorted(raw_dir.rglob("*.csv")):
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle), [])
        except UnicodeDecodeError:
            continue
        names = {COLUMN_ALIASES.get(h.strip("\ufeff"), h.strip("\ufeff")) for h in header}
        if set(RAW_COLUMNS) - {"source_url"} <= names:
            found.append(path)
    return found


def _read_raw(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise DataError(
            [Problem(str(path), "raw file not found (is the shared folder beside the repo?)")]
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            fixed = {COLUMN_ALIASES.get(k, k): (v or "") for k, v in row.items() if k is not None}
            fixed.setdefault("source_url", "")
            rows.append(fixed)
        return rows


def _catalogue(data_dir: Path, column: str) -> dict[str, str]:
    with (Path(data_dir) / "indicators.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row[column] for row in csv.DictReader(handle)}


def _source(row: dict) -> dict:
    publisher = row["source_publisher"]
    sid = source_id(publisher, row["source_title"], row["source_url"], row["retrieved_via"])
    return {
        "id": sid,
        "publisher": publisher,
        "title": row["source_title"],
        "year": "",
        "url": row["source_url"],
        "table_page": "",
        "retrieved_via": row["retrieved_via"],
        "tier": tier_of(publisher),
        "link": link_kind(publisher, row["source_url"]),
    }


@dataclass
class Candidate:
    indicator: str
    region: str
    period: Period
    value: float
    qualifier: str
    source: dict
    quote: str
    note: str
    where: str  # raw file and line it came from
    vintage: int
    order: int
    ledger: tuple[str, int] | None = None  # (file, line) of the raw row, None for workbook cells

    @property
    def key(self) -> tuple:
        when = self.period.year if self.period.kind == "year" else self.period.date
        return (self.indicator, self.region, self.period.kind == "year", when)

    @property
    def tier_rank(self) -> int:
        return rank(self.source.get("tier", ""))


def choose(candidates: list[Candidate]) -> tuple[Candidate, str]:
    """The choice rule for one indicator, region and date, and its explanation.

    Readings within 0.5 % corroborate each other (the one of highest standing is kept). Otherwise:
    a later revision by the publisher wins where the publication years are known (VINTAGES); then
    the reading of higher standing (source tier); then an exact figure over a rounded or bounded
    one. Conflicting readings with nothing to decide between them are an error.
    """
    by_standing = sorted(candidates, key=lambda c: (c.tier_rank, c.order))
    first = by_standing[0]
    if len(candidates) == 1:
        return first, "only reading"
    if all(
        abs(c.value - first.value) <= EQUAL_TOLERANCE * max(abs(first.value), 1e-9)
        for c in candidates
    ):
        return first, "readings agree"
    if all(c.vintage for c in candidates):
        best = max(candidates, key=lambda c: c.vintage)
        if sum(c.vintage == best.vintage for c in candidates) == 1:
            return best, f"latest revision first (published {best.vintage})"
    top = [c for c in by_standing if c.tier_rank == first.tier_rank]
    if len(top) == 1:
        return first, f"higher-standing source ({first.source.get('tier')})"
    exact = [c for c in top if c.qualifier == ""]
    if len(exact) == 1:
        return exact[0], "exact figure over a rounded or bounded one"
    shown = "; ".join(f"{c.value:g} ({c.where})" for c in candidates)
    raise DataError(
        [
            Problem(
                "src/analysis/data/importer.py",
                f"conflicting readings for {first.indicator} "
                f"{first.region} {first.period.label} with nothing to choose by: {shown}; "
                "add them to VINTAGES or EXCLUSIONS",
            )
        ]
    )


@dataclass
class Ledger:
    """The fate of every raw row, and the rows kept out."""

    rows: list[dict] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)

    def record(self, file: str, line: int, row: dict, fate: str, detail: str = "") -> None:
        self.rows.append(
            {
                "file": file,
                "line": line,
                "fate": fate,
                "indicator": row["indicator"],
                "region": row["region"],
                "year": row["year"],
                "value": row["value"],
                "detail": detail,
            }
        )
        if fate == "excluded":
            self.excluded.append(
                {
                    "file": file,
                    "line": line,
                    "indicator": row["indicator"],
                    "region": row["region"],
                    "year": row["year"],
                    "value": row["value"],
                    "reason": detail,
                }
            )


def _unmapped_reason(row: dict) -> str:
    region = row["region"]
    known = [m for m in MAPPINGS if m.raw_indicator == row["indicator"]]
    if known:
        regions = sorted({m.region for m in known})
        units = sorted({m.raw_unit for m in known if m.region == region})
        if region not in regions:
            return (
                f"'{row['indicator']}' is imported for {', '.join(regions)} only; the {region} figure is context "
                "no target, proxy or chart uses"
            )
        return (
            f"printed in a unit the import does not map ({row['unit']!r}; mapped: {', '.join(units)}), for a "
            "figure the mapped series already covers or no chart needs"
        )
    if region != "Guangdong" and not region.startswith("Guangdong ("):
        return (
            f"{region} figure: context for another area; no target, proxy or chart of the book uses "
            f"'{row['indicator']}' for it"
        )
    return (
        f"not in the indicator catalogue: no target, proxy or chart of the book uses '{row['indicator']}' "
        f"({row['unit']})"
    )


class _Import:
    """One pass over the raw files: candidates, monthly rows, related targets, and the ledger."""

    def __init__(self, raw_dir: Path, data_dir: Path, extra_dirs: list[Path]):
        self.raw_dir, self.units = raw_dir, _catalogue(data_dir, "unit")
        self.measures = _catalogue(data_dir, "measure")
        self.ledger, self.problems = Ledger(), []
        self.candidates: list[Candidate] = []
        self.monthly: list[dict] = []
        self.related: list[dict] = []
        self.sources: dict[str, dict] = {}
        self.order = 0
        self.roots = [(raw_dir, "")] + [(d, "data/raw/") for d in extra_dirs if d.exists()]

    def run(self) -> None:
        self._ceads()
        self._crea_cells()
        for root, prefix in self.roots:
            for path in long_files(root):
                name = prefix + path.relative_to(root).as_posix()
                for line, row in enumerate(_read_raw(path), start=2):
                    self._row(name, line, row)
        if self.problems:
            raise DataError(self.problems)

    def _next(self) -> int:
        self.order += 1
        return self.order

    def _ceads(self) -> None:
        for row in ceads.rows_for_import(self.raw_dir / "ceads"):
            where = f"ceads/{row['quote'].split(',')[0].removeprefix('file ')}"
            self.candidates.append(
                Candidate(
                    row["indicator"],
                    "Guangdong",
                    Period("year", row["year"], label=str(row["year"])),
                    row["value"],
                    "",
                    _source(row),
                    row["quote"],
                    row["note"],
                    where,
                    0,
                    self._next(),
                )
            )

    def _crea_cells(self) -> None:
        for file, line, indicator, year, qualifier, note in CREA_CELLS:
            path = self.raw_dir / file
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
            cell = rows[line - 2]
            value, _ = parse_value(cell["value_as_published"])
            row = {
                "source_publisher": "Wind Information (万得) database, series source field: 'Wind'; compiled by "
                "CREA (energyandcleanair)",
                "source_title": cell["file"],
                "source_url": "",
                "retrieved_via": f"shared/data/raw/{file}",
            }
            quote = (
                f"file {file}, line {line}: {cell['series_name']} [ID {cell['wind_series_id']}], "
                f"{cell['period']}: {cell['value_as_published']}"
            )
            self.candidates.append(
                Candidate(
                    indicator,
                    "Guangdong",
                    Period("year", year, label=str(year)),
                    value,
                    qualifier,
                    _source(row),
                    quote,
                    note,
                    f"{file} line {line}",
                    0,
                    self._next(),
                )
            )

    def _row(self, file: str, line: int, row: dict) -> None:
        record = self.ledger.record
        if is_target_row(row):
            source = _source(row)
            self.sources.setdefault(source["id"], source)
            self.related.append(
                {
                    "indicator": row["indicator"],
                    "region": row["region"],
                    "year": row["year"],
                    "value": row["value"],
                    "unit": row["unit"],
                    "source_id": source["id"],
                    "from": f"{file} line {line}",
                    "quote": row["quote"],
                    "note": row["note"],
                }
            )
            return record(file, line, row, "related-target")
        reason = next((e.reason for e in EXCLUSIONS if e.matches(file, row)), None)
        if reason:
            return record(file, line, row, "excluded", reason)
        mapping = next((m for m in MAPPINGS if m.takes(file, row)), None)
        if mapping is None:
            return record(file, line, row, "excluded", _unmapped_reason(row))
        period = parse_period(row["year"], monthly=mapping.monthly)
        redated = next(((d, why) for rule, d, why in STATUS_DATES if rule.matches(file, row)), None)
        if redated:
            year, month = int(redated[0][:4]), int(redated[0][5:])
            period = Period("status", year, month, redated[0])
        if period.kind == "period":
            if self.measures.get(mapping.indicator) != "cumulative":
                return record(file, line, row, "excluded", f"cannot be dated: {period.reason}")
            period = Period("year", period.year, label=str(period.year))
            row = {
                **row,
                "note": " | ".join(
                    n
                    for n in (
                        row["note"],
                        f"total over {row['year']}, the running total at the end of its last year",
                    )
                    if n
                ),
            }
        if period.kind == "undated":
            return record(file, line, row, "excluded", f"cannot be dated: {period.reason}")
        try:
            value, qualifier = parse_value(row["value"])
        except ValueError as exc:
            return record(file, line, row, "excluded", f"value cannot be read as a number: {exc}")
        to_unit = self.units[mapping.indicator]
        scale = factor(mapping.unit, to_unit)
        notes = [n for n in (row["note"], mapping.note) if n]
        if scale != 1:
            notes.append(
                f"converted from {mapping.unit} to {to_unit} by x{scale:g} (src/analysis/data/units.py)"
            )
        if period.kind in ("status", "part") and period.label != row["year"]:
            notes.append(
                f"date as printed: {row['year']}"
                + (f"; dated {redated[0]} ({redated[1]})" if redated else "")
            )
        region = mapping.to_region or mapping.region
        source = _source(row)
        if period.kind == "month":
            self.sources.setdefault(source["id"], source)
            self.monthly.append(
                {
                    "indicator": mapping.indicator,
                    "region": region,
                    "month": period.date,
                    "value": _fmt(value * scale),
                    "unit": to_unit,
                    "source_id": source["id"],
                    "quote": row["quote"],
                    "note": " | ".join(notes),
                }
            )
            return record(file, line, row, "monthly", f"{mapping.indicator} {region} {period.date}")
        vintage = next((v.vintage for v in VINTAGES if v.matches(file, row)), 0)
        self.candidates.append(
            Candidate(
                mapping.indicator,
                region,
                period,
                value * scale,
                qualifier,
                source,
                row["quote"],
                " | ".join(notes),
                f"{file} line {line}",
                vintage,
                self._next(),
                (file, line),
            )
        )
        for rule, year, printed, what in EXTRA_READINGS:
            if rule.matches(file, row):
                extra, extra_q = parse_value(printed)
                self.candidates.append(
                    Candidate(
                        mapping.indicator,
                        region,
                        Period("year", int(year), label=year),
                        extra * scale,
                        extra_q,
                        source,
                        row["quote"],
                        " | ".join([*notes, what]),
                        f"{file} line {line} ({what})",
                        vintage,
                        self._next(),
                    )
                )


def _fmt(value: float) -> str:
    return f"{value:.12g}"


def build_tables(
    raw_dir: Path, data_dir: Path = DATA_DIR, extra_dirs: list[Path] | None = None
) -> dict:
    """All output tables as lists of rows, from the raw files; pure, no writing."""
    extra_dirs = [DATA_DIR / "raw"] if extra_dirs is None else extra_dirs
    run = _Import(Path(raw_dir), Path(data_dir), extra_dirs)
    run.run()
    groups: dict[tuple, list[Candidate]] = {}
    for c in run.candidates:
        groups.setdefault(c.key, []).append(c)
    series, points, alternatives = [], [], []
    raw_fates: dict[tuple[str, int], tuple[str, str]] = {}
    for key in sorted(groups, key=lambda k: (k[0], k[1], not k[2], str(k[3]))):
        group = groups[key]
        chosen, rule = choose(group)
        run.sources.setdefault(chosen.source["id"], chosen.source)
        row = {
            "indicator": chosen.indicator,
            "region": chosen.region,
            "value": _fmt(chosen.value),
            "qualifier": chosen.qualifier,
            "unit": run.units[chosen.indicator],
            "source_id": chosen.source["id"],
            "quote": chosen.quote,
            "note": chosen.note,
        }
        yearly = key[2]
        if yearly:
            series.append(
                {
                    "indicator": row["indicator"],
                    "region": row["region"],
                    "year": chosen.period.year,
                    **{
                        k: row[k]
                        for k in ("value", "qualifier", "unit", "source_id", "quote", "note")
                    },
                }
            )
        else:
            points.append(
                {
                    "indicator": row["indicator"],
                    "region": row["region"],
                    "date": chosen.period.date,
                    "kind": chosen.period.kind,
                    "label": chosen.period.label,
                    **{
                        k: row[k]
                        for k in ("value", "qualifier", "unit", "source_id", "quote", "note")
                    },
                }
            )
        label = f"{chosen.indicator} {chosen.region} {chosen.period.label}"
        for c in group:
            fate = ("series" if yearly else "point") if c is chosen else "alternative"
            if c.ledger:
                raw_fates[c.ledger] = (fate, label + ("" if c is chosen else f" ({rule})"))
        if len(group) > 1:
            for c in sorted(group, key=lambda c: c.order):
                run.sources.setdefault(c.source["id"], c.source)
                alternatives.append(
                    {
                        "indicator": c.indicator,
                        "region": c.region,
                        "period": c.period.label,
                        "value": _fmt(c.value),
                        "qualifier": c.qualifier,
                        "chosen": "yes" if c is chosen else "no",
                        "rule": rule,
                        "vintage": c.vintage or "",
                        "tier": c.source.get("tier", ""),
                        "source_id": c.source["id"],
                        "from": c.where,
                        "quote": c.quote,
                    }
                )
    ledger = _ledger(run, raw_fates)
    county_rows = _county(run, ledger)
    breaks = _breaks(run.raw_dir, run.sources)
    for sid, publisher, title, url, tier in WANTED_SOURCES:
        run.sources[sid] = {
            "id": sid,
            "publisher": publisher,
            "title": title,
            "year": "",
            "url": url,
            "table_page": "",
            "retrieved_via": "named as where to read a missing figure",
            "tier": tier,
            "link": "original",
        }
    return {
        "series": series,
        "points": points,
        "monthly": sorted(run.monthly, key=lambda r: (r["indicator"], r["region"], r["month"])),
        "alternatives": alternatives,
        "sources": sorted(run.sources.values(), key=lambda s: s["id"]),
        "breaks": breaks,
        "excluded": run.ledger.excluded,
        "related_targets": run.related,
        "ledger": sorted(ledger, key=lambda r: (r["file"], int(r["line"]))),
        "county": county_rows,
    }


def _county(run: _Import, ledger: list[dict]) -> list[dict]:
    """The wide county file: its figures, its source, and the fate of each of its rows."""
    sid = source_id(*(county.SOURCE[k] for k in ("publisher", "title", "url", "retrieved_via")))
    figures, fates = county.import_rows(run.raw_dir, sid)
    run.sources[sid] = county.source_row(sid)
    for r in fates:
        ledger.append({k: r[k] for k in ("file", "line", "fate", "detail")})
        if r["fate"] == "excluded":
            run.ledger.excluded.append(
                {**{k: r[k] for k in ("file", "line", "indicator", "region", "year", "value")},
                 "reason": r["detail"]}
            )  # fmt: skip
    return sorted(figures, key=lambda r: (r["county_code"], r["year"]))


def _ledger(run: _Import, raw_fates: dict) -> list[dict]:
    """One row per raw row: what became of it (candidates get their fate from the choice rule)."""
    out = []
    taken = {(c.ledger[0], c.ledger[1]) for c in run.candidates if c.ledger}
    recorded = {(r["file"], r["line"]) for r in run.ledger.rows}
    for key in sorted(taken - recorded):
        file, line = key
        fate, detail = raw_fates[key]
        out.append({"file": file, "line": line, "fate": fate, "detail": detail})
    for r in run.ledger.rows:
        out.append({"file": r["file"], "line": r["line"], "fate": r["fate"], "detail": r["detail"]})
    return sorted(out, key=lambda r: (r["file"], int(r["line"])))


def _breaks(raw_dir: Path, sources: dict) -> list[dict]:
    out = []
    for indicator, year, reason, evidence, old_targets in BREAKS:
        rows = [r for r in _read_raw(raw_dir / evidence.file) if evidence.matches(evidence.file, r)]
        if len(rows) != 1:
            raise DataError(
                [
                    Problem(
                        "src/analysis/data/importer.py",
                        f"break evidence for {indicator} {year} "
                        f"matches {len(rows)} raw rows, expected 1",
                    )
                ]
            )
        source = _source(rows[0])
        sources.setdefault(source["id"], source)
        out.append(
            {
                "indicator": indicator,
                "region": "Guangdong",
                "year": year,
                "reason": reason,
                "source_id": source["id"],
                "quote": rows[0]["quote"],
                "old_targets": old_targets,
            }
        )
    return out


OUTPUTS = {  # file and columns; the validated tables' columns come from their schemas
    "series": ("series.csv", S.SERIES_COLUMNS),
    "points": ("points.csv", S.POINT_COLUMNS),
    "monthly": ("monthly.csv", S.MONTHLY_COLUMNS),
    "sources": ("sources.csv", S.SOURCE_COLUMNS),
    "alternatives": (
        "series_alternatives.csv",
        [
            "indicator",
            "region",
            "period",
            "value",
            "qualifier",
            "chosen",
            "rule",
            "vintage",
            "tier",
            "source_id",
            "from",
            "quote",
        ],
    ),
    "breaks": ("breaks.csv", S.BREAK_COLUMNS),
    "excluded": (
        "import_excluded.csv",
        ["file", "line", "indicator", "region", "year", "value", "reason"],
    ),
    "related_targets": (
        "related_targets.csv",
        ["indicator", "region", "year", "value", "unit", "source_id", "from", "quote", "note"],
    ),
    "ledger": ("import_ledger.csv", ["file", "line", "fate", "detail"]),
    "county": (county.DATA_FILE, county.COLUMNS),
}


def run_import(raw_dir: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write every output table into ``data_dir``; return the row count of each."""
    raw_dir = Path(raw_dir) if raw_dir else shared_dir() / "data" / "raw"
    tables = build_tables(raw_dir, data_dir, [REPO_ROOT / "data" / "raw"])
    for key, (name, columns) in OUTPUTS.items():
        with (Path(data_dir) / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(tables[key])
    return {key: len(rows) for key, rows in tables.items()}
