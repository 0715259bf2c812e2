"""Read Guangdong's CO2 inventories straight from the CEADs workbooks (one xlsx per year).

Each workbook has a sheet ``Guangdong<year>``: rows are the provincial total and 47 sectors plus
urban and rural households; columns are 17 fuels, scope-2 columns, other energy, cement process
emissions and ``Scope 1 Total``, all in Mt CO2. Column and row labels changed spelling in the 2018
and 2019 files (``Raw_Coal``, ``TotalEmissions``); :func:`norm` makes them comparable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import openpyxl
import pandas as pd

TOTAL_ROWS = ("totalconsumption", "totalemissions")
SCOPE1 = "scope1total"
NON_FUEL_COLUMNS = {"scope2heat", "scope2electricity", "otherenergy", "process", SCOPE1}

# catalogue indicator -> (row label, column label), compared after norm()
INDICATORS: dict[str, tuple[str, str]] = {
    "co2_emissions_ceads": ("total", "Scope 1 Total"),
    "co2_ceads_power_heat": ("Production and Supply of Electric Power, Steam and Hot Water", "Scope 1 Total"),
    "co2_ceads_ferrous_metals": ("Smelting and Pressing of Ferrous Metals", "Scope 1 Total"),
    "co2_ceads_nonmetal_minerals": ("Nonmetal Mineral Products", "Scope 1 Total"),
    "co2_ceads_petroleum_coking": ("Petroleum Processing and Coking", "Scope 1 Total"),
    "co2_ceads_chemicals": ("Raw Chemical Materials and Chemical Products", "Scope 1 Total"),
    "co2_ceads_transport": ("Transportation, Storage, Post and Telecommunication Services", "Scope 1 Total"),
    "co2_ceads_construction": ("Construction", "Scope 1 Total"),
    "co2_ceads_agriculture": (
        "Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy", "Scope 1 Total"),
    "co2_ceads_commerce": ("Wholesale, Retail Trade and Catering Services", "Scope 1 Total"),
    "co2_ceads_households_urban": ("Urban", "Scope 1 Total"),
    "co2_ceads_households_rural": ("Rural", "Scope 1 Total"),
    "co2_ceads_raw_coal": ("total", "Raw Coal"),
    "co2_ceads_natural_gas": ("total", "Natural Gas"),
    "co2_ceads_cement_process": ("total", "Process"),
    # oil products (the fuels of petroleum refining), for the oil-consumption peak
    "co2_ceads_crude_oil": ("total", "Crude Oil"),
    "co2_ceads_gasoline": ("total", "Gasoline"),
    "co2_ceads_kerosene": ("total", "Kerosene"),
    "co2_ceads_diesel": ("total", "Diesel Oil"),
    "co2_ceads_fuel_oil": ("total", "Fuel Oil"),
    "co2_ceads_lpg": ("total", "LPG"),
    "co2_ceads_refinery_gas": ("total", "Refinery Gas"),
    "co2_ceads_other_petroleum": ("total", "Other Petroleum Products"),
}  # fmt: skip
PUBLISHER = "CEADs (Carbon Emission Accounts & Datasets)"


def norm(label: object) -> str:
    """Lower-case letters and digits only: 'Raw_Coal', 'Raw Coal ' and 'RawCoal' all match."""
    return re.sub(r"[^a-z0-9]", "", str(label).lower())


@dataclass(frozen=True)
class Sheet:
    year: int
    file: str
    sheet: str
    cells: pd.DataFrame  # index: row labels as stored (stripped); columns: column labels as stored


def workbook_files(ceads_dir: Path) -> dict[int, Path]:
    files = {}
    for path in sorted(Path(ceads_dir).glob("*.xlsx")):
        match = re.search(r"(\d{4})\.xlsx$", path.name)
        if match:
            files[int(match.group(1))] = path
    return files


@lru_cache(maxsize=64)
def read_sheet(path: Path) -> Sheet:
    year = int(re.search(r"(\d{4})\.xlsx$", path.name).group(1))
    sheet_name = f"Guangdong{year}"
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = [str(c).strip() if c is not None else "" for c in rows[0][1:]]
    body = [
        r
        for r in rows[1:]
        if r[0] is not None and str(r[0]).strip() and str(r[0]).strip() != "unit"
    ]
    cells = pd.DataFrame(
        [[float(v) if v is not None else 0.0 for v in r[1:]] for r in body],
        index=[str(r[0]).strip() for r in body],
        columns=header,
    )
    return Sheet(year, path.name, sheet_name, cells)


def find(sheet: Sheet, row: str, column: str) -> tuple[str, str, float]:
    """The (row label, column label, value) as stored, for labels given in any spelling."""
    rows = {norm(r): r for r in sheet.cells.index}
    cols = {norm(c): c for c in sheet.cells.columns}
    row_key = (
        next((rows[k] for k in TOTAL_ROWS if k in rows), None)
        if row == "total"
        else rows.get(norm(row))
    )
    col_key = cols.get(norm(column)) or (
        cols.get("cleanedcoal") if norm(column) == "cleanedcoal" else None
    )
    if row_key is None or col_key is None:
        raise KeyError(f"{sheet.file} sheet {sheet.sheet}: no row {row!r} or column {column!r}")
    return row_key, col_key, float(sheet.cells.loc[row_key, col_key])


def long_table(ceads_dir: Path) -> pd.DataFrame:
    """Every cell of every Guangdong sheet: year, file, sheet, row, column, value."""
    frames = []
    for year, path in workbook_files(ceads_dir).items():
        sheet = read_sheet(path)
        stacked = sheet.cells.stack().rename("value").reset_index()
        stacked.columns = ["row", "column", "value"]
        frames.append(stacked.assign(year=year, file=sheet.file, sheet=sheet.sheet))
    return pd.concat(frames, ignore_index=True)[["year", "file", "sheet", "row", "column", "value"]]


def rows_for_import(ceads_dir: Path) -> list[dict]:
    """One raw-style row per (indicator, year), quoting file, sheet, row and column it was read from."""
    out = []
    for year, path in workbook_files(ceads_dir).items():
        sheet = read_sheet(path)
        for indicator, (row, column) in INDICATORS.items():
            row_label, col_label, value = find(sheet, row, column)
            out.append({
                "indicator": indicator, "year": year, "value": value,
                "source_publisher": PUBLISHER,
                "source_title": "China provincial CO2 emission inventories (IPCC sectoral approach), "
                                "Emission Inventories for 30 Provinces",
                "source_url": "https://www.ceads.net/data/province/",
                "retrieved_via": "shared/data/raw/ceads (copy of Open-Earth-Foundation/OpenClimate "
                                 "harmonize/data/raw/CEADS_china_provinces @69328b0a)",
                "quote": f'file {sheet.file}, sheet {sheet.sheet}, row "{row_label}", column "{col_label}"',
                "note": "Mt CO2 as stored in the workbook (scope 1: energy and cement process)",
            })  # fmt: skip
    return out
