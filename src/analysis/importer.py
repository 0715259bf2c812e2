"""Import cited figures from the shared raw files into the tables of ``data/``.

Run ``python -m analysis import-data``: re-runnable and deterministic, its output depends only on
the raw files and the configuration below. Every imported row keeps its publisher, title, address,
the quote it was read from and its note; a unit conversion is an explicit factor from
:mod:`units`, named in the row's note. What the import writes:

- ``series.csv``: one value per indicator, region and calendar year;
- ``sources.csv``: one row per publication;
- ``series_alternatives.csv``: every candidate value where two sources give the same year, with the
  rule that chose between them (equal values corroborate; otherwise the latest revision wins);
- ``breaks.csv``: statistical breaks (a new survey basis); models fit only after the latest one;
- ``import_excluded.csv``: raw rows kept out on purpose (plan targets, part years, status dates,
  cumulative totals, low-trust pages), each with the reason.

CO2 inventories are read from the CEADs workbooks themselves (:mod:`ceads`), not from a summary.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import ceads
from .errors import DataError, Problem
from .paths import DATA_DIR, shared_dir
from .units import factor

RAW_COLUMNS = ["indicator", "region", "year", "value", "unit", "source_publisher", "source_title",
               "source_url", "retrieved_via", "quote", "note"]  # fmt: skip
GBA = "Guangdong (Greater Bay Area grid)"
PS, EE, EH, IBT, ITX, SWM, SCP, BUL = (
    "power.csv", "energy_emissions.csv", "energy_headline.csv", "industry_buildings_transport.csv",
    "industry_transport_extra.csv", "sinks_waste_market.csv", "sinks_circular_power_extra.csv",
    "bulletins_extra.csv",
)  # fmt: skip


@dataclass(frozen=True)
class Mapping:
    """Raw rows (file, indicator, region, unit as printed) that feed one catalogue indicator.

    ``unit`` is the printed unit's key in :data:`units.FACTORS`; rows whose printed unit does not
    start with ``raw_unit`` are not taken by this mapping.
    """

    file: str
    raw_indicator: str
    raw_unit: str
    indicator: str
    unit: str
    raw_region: str = "Guangdong"
    note: str = ""


@dataclass(frozen=True)
class RowRule:
    """Matches raw rows by file, indicator, year and a piece of the quote."""

    file: str
    raw_indicator: str
    year: str
    quote_contains: str
    reason: str
    vintage: int = 0  # publication year, for the choice rule (used by VINTAGES only)

    def matches(self, file: str, row: dict) -> bool:
        return (self.file, self.raw_indicator, self.year) == (
            file,
            row["indicator"],
            row["year"],
        ) and (self.quote_contains in row["quote"])


MAPPINGS: list[Mapping] = [
    # power capacity, year end (CREA compilation of Wind/NBS/CEC series; >= 6 MW plants for most types)
    Mapping(PS, "installed_capacity_wind", "万千瓦", "installed_capacity_wind", "万千瓦"),
    Mapping(PS, "installed_capacity_solar", "万千瓦", "installed_capacity_solar", "万千瓦"),
    Mapping(PS, "installed_capacity_thermal", "万千瓦", "installed_capacity_thermal", "万千瓦"),
    Mapping(PS, "installed_capacity_hydro_incl_pumped_storage", "万千瓦", "installed_capacity_hydro", "万千瓦"),
    Mapping(PS, "installed_capacity_nuclear", "万千瓦", "installed_capacity_nuclear", "万千瓦"),
    Mapping(PS, "installed_capacity_total", "万千瓦", "installed_capacity_total", "万千瓦"),
    Mapping(PS, "installed_capacity_total", "GW", "installed_capacity_total", "GW"),
    Mapping(PS, "installed_capacity_new_storage", "万千瓦", "installed_capacity_new_storage", "万千瓦"),
    Mapping(PS, "installed_capacity_pumped_storage", "万千瓦", "installed_capacity_pumped_storage", "万千瓦",
            raw_region=GBA,
            note="Reported for the Greater Bay Area grid; all its pumped-storage stations are in Guangdong."),
    Mapping(PS, "installed_capacity_offshore_wind", "万千瓦", "installed_capacity_offshore_wind", "万千瓦"),
    Mapping(SCP, "installed_capacity_offshore_wind", "万千瓦", "installed_capacity_offshore_wind", "万千瓦"),
    # electricity (Wind 'YTD' series: the December value is the year's total)
    Mapping(PS, "electricity_consumption_total", "万千瓦时", "electricity_consumption", "万千瓦时"),
    Mapping(PS, "electricity_consumption_total", "亿千瓦时", "electricity_consumption", "亿千瓦时"),
    Mapping(PS, "electricity_generation_thermal", "万千瓦时", "electricity_generation_thermal", "万千瓦时"),
    Mapping(PS, "electricity_generation_hydro", "万千瓦时", "electricity_generation_hydro", "万千瓦时"),
    Mapping(PS, "electricity_generation_nuclear", "万千瓦时", "electricity_generation_nuclear", "万千瓦时"),
    Mapping(PS, "electricity_generation_wind", "万千瓦时", "electricity_generation_wind", "万千瓦时"),
    Mapping(PS, "electricity_generation_solar", "万千瓦时", "electricity_generation_solar", "万千瓦时"),
    Mapping(PS, "utilization_hours_wind", "hours", "utilization_hours_wind", "hours"),
    Mapping(PS, "utilization_hours_solar", "hours", "utilization_hours_solar", "hours"),
    # energy
    Mapping(EE, "non_fossil_share_primary_energy", "%", "non_fossil_share_energy", "%"),
    Mapping(EH, "non_fossil_share_primary_energy", "%", "non_fossil_share_energy", "%"),
    Mapping(EE, "coal_share_primary_energy", "%", "coal_share_energy", "%"),
    Mapping(EE, "energy_intensity", "吨标准煤/万元 (GDP at 2005", "energy_intensity_2005_prices", "吨标准煤/万元"),
    Mapping(EE, "total_energy_consumption", "亿吨标准煤", "total_energy_consumption", "亿吨标准煤"),
    # economy
    Mapping(EE, "gdp_current_prices", "亿元", "gdp_current_prices", "亿元"),
    Mapping(EE, "gdp_real_growth", "%", "gdp_real_growth", "%"),
    Mapping(EE, "population_year_end", "10000 persons", "population_year_end", "万人"),
    # industry
    Mapping(IBT, "hightech_manufacturing_share", "% of VA of industry above designated size",
            "hightech_manufacturing_share", "%"),
    Mapping(BUL, "hightech_manufacturing_share", "% of value added", "hightech_manufacturing_share", "%"),
    Mapping(ITX, "hightech_manufacturing_share", "% of value added", "hightech_manufacturing_share", "%"),
    Mapping(IBT, "advanced_manufacturing_share", "% of VA of industry above designated size",
            "advanced_manufacturing_share", "%"),
    Mapping(IBT, "advanced_manufacturing_share", "% of value added of industry above",
            "advanced_manufacturing_share", "%"),
    Mapping(BUL, "advanced_manufacturing_share", "% of value added", "advanced_manufacturing_share", "%"),
    Mapping(ITX, "advanced_manufacturing_share", "% of value added", "advanced_manufacturing_share", "%"),
    Mapping(IBT, "crude_steel_output", "10000 tons", "crude_steel_output", "万吨"),
    Mapping(IBT, "pig_iron_output", "10000 tons", "pig_iron_output", "万吨"),
    Mapping(IBT, "cement_output", "ton", "cement_output", "ton"),
    Mapping(IBT, "motor_vehicle_output", "unit (辆)", "motor_vehicle_output", "辆"),
    Mapping(IBT, "nev_production", "万辆", "nev_production", "万辆"),
    Mapping(BUL, "nev_production", "万辆", "nev_production", "万辆"),
    # ecosystems
    Mapping(SWM, "forest_coverage_rate", "%", "forest_coverage_rate", "%"),
    Mapping(SCP, "forest_coverage_rate", "%", "forest_coverage_rate", "%"),
    Mapping(SWM, "forest_stock_volume", "亿立方米", "forest_stock_volume", "亿立方米"),
    Mapping(SCP, "forest_stock_volume", "亿立方米", "forest_stock_volume", "亿立方米"),
    Mapping(SWM, "mangrove_area", "万公顷", "mangrove_area", "万公顷"),
    Mapping(SWM, "mangrove_afforestation", "公顷", "mangrove_afforestation", "公顷"),
    Mapping(SWM, "mangrove_restoration", "公顷", "mangrove_restoration", "公顷"),
    # waste and markets
    Mapping(SWM, "urban_msw_harmless_treatment_rate", "%", "msw_harmless_treatment_rate", "%"),
    Mapping(SCP, "urban_msw_harmless_treatment_rate", "%", "msw_harmless_treatment_rate", "%"),
    Mapping(SWM, "gdea_close_price_last_trading_day", "元/吨", "gdea_year_end_price", "元/吨"),
]  # fmt: skip

EXCLUSIONS: list[RowRule] = [
    RowRule(PS, "installed_capacity_pumped_storage", "2023", "已建成投运6座",
            "status date 2023-09-28, not year end; the end-2023 reading of the same 968 is kept"),
    RowRule(PS, "installed_capacity_pumped_storage", "2022", "近1000",
            "status date 2022-05-28, not year end, and approximate ('近')"),
    RowRule(PS, "installed_capacity_offshore_wind", "2025", "截至2025年8月底",
            "status date end-August 2025, not year end"),
    RowRule(SWM, "forest_coverage_rate", "2012", "约57.7", "low-trust aggregator page, publisher unknown"),
    RowRule(SWM, "forest_stock_volume", "2012", "4.83", "low-trust aggregator page, publisher unknown"),
    RowRule(SWM, "forest_stock_volume", "2010", "活立木蓄积量",
            "standing timber volume (活立木蓄积量), a wider concept than forest stock (森林蓄积量)"),
    RowRule(SWM, "mangrove_area", "2024", "约1.1万公顷", "status published 2024-06-08, not a year-end figure"),
    RowRule(SWM, "mangrove_area", "2025", "1.14万公顷", "status published 2025-07-26, not a year-end figure"),
    RowRule(BUL, "nev_production", "2022", "预计",
            "a forecast (预计) made before the year's statistics, printed as '近130万辆'"),
    RowRule(SCP, "urban_msw_harmless_treatment_rate", "2024", "生活垃圾無害化處理率",
            "covers all household waste, not only urban; and 保持100% is a status, not a yearly statistic"),
]  # fmt: skip

# Publication years, for the choice rule "the latest official revision first" (read off each row's note)
VINTAGES: list[RowRule] = [
    RowRule(SCP, "forest_coverage_rate", "2015", "56.92%提高到58.66%",
            "13th-FYP baseline restated in the 2021 review of the 13th FYP", vintage=2021),
    RowRule(SWM, "forest_coverage_rate", "2015", "57 58.8 58", "12th-FYP evaluation (2016)", vintage=2016),
    RowRule(SWM, "forest_coverage_rate", "2015", "58.8 percent", "China Daily report (2016)", vintage=2016),
    RowRule(SCP, "forest_stock_volume", "2015", "5.02億", "13th-FYP baseline restated in 2021", vintage=2021),
    RowRule(SWM, "forest_stock_volume", "2015", "4.38 5.61 5.51", "12th-FYP evaluation (2016)", vintage=2016),
    RowRule(SWM, "urban_msw_harmless_treatment_rate", "2010", "65.5 90",
            "evaluation of the 12th-FYP environmental plan, after 2015", vintage=2016),
    RowRule(SWM, "urban_msw_harmless_treatment_rate", "2010", "为70.2%",
            "12th-FYP household-waste facilities plan (2012)", vintage=2012),
]  # fmt: skip

# Statistical breaks: the year a new basis starts, why, and a raw row that documents it
BREAKS: list[tuple[str, int, str, RowRule]] = [
    ("forest_coverage_rate", 2022,
     "Figures from 2022 integrate the Third National Land Survey (国土三调): about 53 % instead of about "
     "58-59 % before; the two bases are not comparable, and the plan's 59 % target was set on the old one.",
     RowRule(SWM, "forest_coverage_rate", "2023", "53.03", "")),
    ("forest_stock_volume", 2022,
     "Figures from 2022 are on the basis that integrates the Third National Land Survey (国土三调).",
     RowRule(SWM, "forest_stock_volume", "2022 (reported 2023-06)", "5.78", "")),
]  # fmt: skip

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_QUALIFIERS = [(">=", ">="), ("<=", "<="), (">", ">"), ("<", "<"), ("超过", ">"), ("近", "~"), ("约", "~"),
               ("~", "~")]  # fmt: skip
EQUAL_TOLERANCE = 0.005  # two readings within 0.5 % of each other corroborate one another


def parse_value(text: str) -> tuple[float, str]:
    """Split a printed value into a number and a qualifier ('>', '~', ...); refuse anything else.

    Thousands separators are removed; a qualifier such as '>200' or '约30' is kept, never dropped.
    """
    raw = text.strip().replace(",", "")
    qualifier = ""
    for token, symbol in _QUALIFIERS:
        if raw.startswith(token):
            qualifier, raw = symbol, raw[len(token) :].strip()
            break
    if raw.endswith("以上"):
        qualifier, raw = ">=", raw[:-2].strip()
    if not _NUMBER.match(raw):
        raise ValueError(f"cannot read a number from {text!r}")
    return float(raw), qualifier


def source_id(publisher: str, title: str, url: str, via: str) -> str:
    """A stable id for one publication: readable prefix plus a short content hash."""
    digest = hashlib.sha1("\x1f".join([publisher, title, url, via]).encode("utf-8")).hexdigest()[:8]
    prefix = re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-")[:24].strip("-") or "src"
    return f"{prefix}-{digest}"


def _read_raw(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise DataError(
            [Problem(str(path), "raw file not found (is the shared folder beside the repo?)")]
        )
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in RAW_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError([Problem(str(path), f"raw file lacks columns {missing}")])
        return list(reader)


def _catalogue_units(data_dir: Path) -> dict[str, str]:
    with (Path(data_dir) / "indicators.csv").open(encoding="utf-8") as handle:
        return {row["id"]: row["unit"] for row in csv.DictReader(handle)}


@dataclass
class Candidate:
    indicator: str
    year: int
    value: float
    qualifier: str
    source: dict
    quote: str
    note: str
    where: str  # file and line it came from
    vintage: int
    order: int


def _candidates(
    raw_dir: Path, units: dict[str, str], excluded: list[dict], problems: list[Problem]
):
    cache: dict[str, list[dict[str, str]]] = {}
    order = 0
    for m in MAPPINGS:
        rows = cache.setdefault(m.file, _read_raw(raw_dir / m.file))
        to_unit = units[m.indicator]
        scale = factor(m.unit, to_unit)
        for line, row in enumerate(rows, start=2):
            if (row["indicator"], row["region"]) != (m.raw_indicator, m.raw_region):
                continue
            if not row["unit"].startswith(m.raw_unit):
                continue
            where = {"file": m.file, "line": line, "indicator": row["indicator"], "year": row["year"],
                     "value": row["value"]}  # fmt: skip
            reason = next((e.reason for e in EXCLUSIONS if e.matches(m.file, row)), None)
            if reason is None and not re.fullmatch(r"\d{4}", row["year"]):
                reason = f"not a calendar year ({row['year']!r}): part-year, status date or period"
            if reason is not None:
                excluded.append({**where, "reason": reason})
                continue
            try:
                value, qualifier = parse_value(row["value"])
            except ValueError as exc:
                problems.append(Problem(str(raw_dir / m.file), str(exc), row=line, column="value"))
                continue
            notes = [n for n in (row["note"], m.note) if n]
            if scale != 1:
                notes.append(
                    f"converted from {m.unit} to {to_unit} by x{scale:g} (src/analysis/units.py)"
                )
            vintage = next((v.vintage for v in VINTAGES if v.matches(m.file, row)), 0)
            order += 1
            yield Candidate(m.indicator, int(row["year"]), value * scale, qualifier,
                            _source(row), row["quote"], " | ".join(notes), f"{m.file} line {line}",
                            vintage, order)  # fmt: skip


def _source(row: dict) -> dict:
    sid = source_id(
        row["source_publisher"], row["source_title"], row["source_url"], row["retrieved_via"]
    )
    return {"id": sid, "publisher": row["source_publisher"], "title": row["source_title"], "year": "",
            "url": row["source_url"], "table_page": "", "retrieved_via": row["retrieved_via"]}  # fmt: skip


def _ceads_candidates(raw_dir: Path, start: int):
    for i, row in enumerate(ceads.rows_for_import(raw_dir / "ceads")):
        yield Candidate(row["indicator"], row["year"], row["value"], "", _source(row), row["quote"], row["note"],
                        f"ceads/{row['quote'].split(',')[0].removeprefix('file ')}", 0, start + i)  # fmt: skip


def choose(candidates: list[Candidate]) -> tuple[Candidate, str]:
    """The choice rule for one indicator and year, and its explanation.

    Equal readings (within 0.5 %) corroborate each other and the first mapped one is kept; an exact
    figure beats a rounded one ('约'); otherwise the latest publication (vintage) wins — the latest
    official revision first. Different readings with no vintage to decide between them are an error.
    """
    first = min(candidates, key=lambda c: c.order)
    if len(candidates) == 1:
        return first, "only reading"
    if all(
        abs(c.value - first.value) <= EQUAL_TOLERANCE * max(abs(first.value), 1e-9)
        for c in candidates
    ):
        return first, "readings agree"
    exact = [c for c in candidates if c.qualifier == ""]
    if len(exact) == 1:
        return exact[0], "exact figure over a rounded or bounded one"
    candidates = exact or candidates
    best = max(candidates, key=lambda c: (c.vintage, -c.order))
    if sum(c.vintage == best.vintage for c in candidates) > 1 or best.vintage == 0:
        shown = "; ".join(f"{c.value:g} ({c.where})" for c in candidates)
        raise DataError(
            [
                Problem(
                    "src/analysis/importer.py",
                    f"conflicting readings for {first.indicator} "
                    f"{first.year} with no vintage to choose by: {shown}; add them to VINTAGES",
                )
            ]
        )
    return best, f"latest revision first (published {best.vintage})"


def build_tables(raw_dir: Path, data_dir: Path = DATA_DIR) -> dict[str, list[dict]]:
    """All output tables as lists of rows, from the raw files; pure, no writing."""
    units = _catalogue_units(data_dir)
    excluded: list[dict] = []
    problems: list[Problem] = []
    candidates = list(_candidates(raw_dir, units, excluded, problems))
    if problems:
        raise DataError(problems)
    candidates += list(_ceads_candidates(raw_dir, len(candidates)))
    groups: dict[tuple[str, int], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.indicator, c.year), []).append(c)
    series, alternatives, sources = [], [], {}
    for key in sorted(groups):
        chosen, rule = choose(groups[key])
        sources.setdefault(chosen.source["id"], chosen.source)
        series.append({"indicator": chosen.indicator, "region": "Guangdong", "year": chosen.year,
                       "value": f"{chosen.value:.12g}", "qualifier": chosen.qualifier,
                       "unit": units[chosen.indicator],
                       "source_id": chosen.source["id"], "quote": chosen.quote, "note": chosen.note})  # fmt: skip
        if len(groups[key]) > 1:
            for c in sorted(groups[key], key=lambda c: c.order):
                sources.setdefault(c.source["id"], c.source)
                alternatives.append({"indicator": c.indicator, "year": c.year, "value": f"{c.value:.12g}",
                                     "qualifier": c.qualifier, "chosen": "yes" if c is chosen else "no",
                                     "rule": rule, "vintage": c.vintage or "", "source_id": c.source["id"],
                                     "from": c.where, "quote": c.quote})  # fmt: skip
    breaks = _breaks(raw_dir, sources)
    related = _related_targets(raw_dir, sources)
    return {"series": series, "sources": sorted(sources.values(), key=lambda s: s["id"]),
            "alternatives": alternatives, "breaks": breaks, "excluded": excluded,
            "related_targets": related}  # fmt: skip


def _related_targets(raw_dir: Path, sources: dict) -> list[dict]:
    """Plan targets quoted in the raw files (this plan and others): context and cross-checks, never history."""
    out = []
    for path in sorted(raw_dir.glob("*.csv")):
        for line, row in enumerate(_read_raw(path), start=2):
            name = row["indicator"]
            if not (name.startswith("target_") or name.endswith("_target")) or not row[
                "region"
            ].startswith("Guangdong"):
                continue
            source = _source(row)
            sources.setdefault(source["id"], source)
            out.append({"indicator": name, "year": row["year"], "value": row["value"], "unit": row["unit"],
                        "source_id": source["id"], "from": f"{path.name} line {line}", "quote": row["quote"],
                        "note": row["note"]})  # fmt: skip
    return out


def _breaks(raw_dir: Path, sources: dict) -> list[dict]:
    out = []
    for indicator, year, reason, evidence in BREAKS:
        rows = [r for r in _read_raw(raw_dir / evidence.file) if evidence.matches(evidence.file, r)]
        if len(rows) != 1:
            raise DataError([Problem("src/analysis/importer.py", f"break evidence for {indicator} {year} "
                                     f"matches {len(rows)} raw rows, expected 1")])  # fmt: skip
        source = _source(rows[0])
        sources.setdefault(source["id"], source)
        out.append({"indicator": indicator, "region": "Guangdong", "year": year, "reason": reason,
                    "source_id": source["id"], "quote": rows[0]["quote"]})  # fmt: skip
    return out


OUTPUTS = {
    "series": ("series.csv", ["indicator", "region", "year", "value", "qualifier", "unit", "source_id", "quote",
                              "note"]),
    "sources": ("sources.csv", ["id", "publisher", "title", "year", "url", "table_page", "retrieved_via"]),
    "alternatives": ("series_alternatives.csv", ["indicator", "year", "value", "qualifier", "chosen", "rule",
                                                 "vintage", "source_id", "from", "quote"]),
    "breaks": ("breaks.csv", ["indicator", "region", "year", "reason", "source_id", "quote"]),
    "excluded": ("import_excluded.csv", ["file", "line", "indicator", "year", "value", "reason"]),
    "related_targets": ("related_targets.csv", ["indicator", "year", "value", "unit", "source_id", "from", "quote",
                                                "note"]),
}  # fmt: skip


def run_import(raw_dir: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write every output table into ``data_dir``; return the row count of each."""
    raw_dir = Path(raw_dir) if raw_dir else shared_dir() / "data" / "raw"
    tables = build_tables(raw_dir, data_dir)
    for key, (name, columns) in OUTPUTS.items():
        with (Path(data_dir) / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(tables[key])
    return {key: len(rows) for key, rows in tables.items()}
