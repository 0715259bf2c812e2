"""Cross-checks between figures that must agree; each returns one line per problem (empty = fine).

They run in the tests on the curated data (and, for the CEADs checks, on the workbooks themselves),
and each line names the file, indicator, year and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import ceads
from analysis.data.loader import Dataset

ROUNDING = 1e-6  # relative tolerance for sums of stored floats
HOURS_IN_YEAR = 8784


def ceads_sums(ceads_dir: Path) -> list[str]:
    """Total = sum of sector rows (incl. households) and = sum of fuel columns plus process."""
    out = []
    for year, path in ceads.workbook_files(ceads_dir).items():
        sheet = ceads.read_sheet(path)
        total_row, scope1, total = ceads.find(sheet, "total", "Scope 1 Total")
        sectors = sheet.cells.drop(index=total_row)[scope1].sum()
        if abs(sectors - total) > ROUNDING * total:
            out.append(
                f"{sheet.file}, co2 total, {year}: sectors sum to {sectors:.6f}, total is {total:.6f}"
            )
        columns = [c for c in sheet.cells.columns if ceads.norm(c) not in ceads.NON_FUEL_COLUMNS]
        by_fuel = (
            sheet.cells.loc[total_row, columns].sum() + ceads.find(sheet, "total", "Process")[2]
        )
        if abs(by_fuel - total) > ROUNDING * total:
            out.append(
                f"{sheet.file}, co2 total, {year}: fuels + process sum to {by_fuel:.6f}, total is {total:.6f}"
            )
    return out


def ceads_against_long_csv(ceads_dir: Path) -> list[str]:
    """Every cell read from the workbooks equals the same cell in ceads_guangdong_long.csv."""
    ours = ceads.long_table(ceads_dir)
    theirs = pd.read_csv(Path(ceads_dir) / "ceads_guangdong_long.csv")
    theirs = theirs.rename(
        columns={"row_label_sector": "row", "column_fuel": "column", "value_as_stored": "v"}
    )
    merged = ours.merge(theirs[["year", "row", "column", "v"]], on=["year", "row", "column"], how="outer",
                        indicator=True)  # fmt: skip
    out = [f"ceads_guangdong_long.csv, {r.row}/{r.column}, {r.year}: only in {r._merge}"
           for r in merged[merged["_merge"] != "both"].itertuples()]  # fmt: skip
    both = merged[merged["_merge"] == "both"]
    bad = both[(both["value"] - both["v"]).abs() > ROUNDING * both["v"].abs().clip(lower=1e-9)]
    out += [f"ceads_guangdong_long.csv, {r.row}/{r.column}, {r.year}: workbook {r.value} vs csv {r.v}"
            for r in bad.itertuples()]  # fmt: skip
    return out


def ceads_against_summary(ceads_dir: Path, summary_csv: Path) -> list[str]:
    """The co2_emissions_ceads_* rows of energy_emissions.csv agree with the workbooks."""
    rows = pd.read_csv(summary_csv, dtype=str, keep_default_na=False)
    rows = rows[rows["indicator"].str.startswith("co2_emissions_ceads")]
    out = []
    for r in rows.itertuples():
        quote = r.quote.split('row "')[1]
        row_label, column = quote.split('", column "')
        sheet = ceads.read_sheet(ceads.workbook_files(ceads_dir)[int(r.year)])
        value = ceads.find(sheet, row_label, column.rstrip('"'))[2]
        if abs(value - float(r.value)) > ROUNDING * abs(value):
            out.append(
                f"{summary_csv.name}, {r.indicator}, {r.year}: {r.value} but the workbook has {value}"
            )
    return out


def _pivot(data: Dataset, indicators: list[str]) -> pd.DataFrame:
    rows = data.series[
        data.series["indicator"].isin(indicators) & (data.series["region"] == "Guangdong")
    ]
    return rows.pivot_table(index="year", columns="indicator", values="value")


def capacity_parts_within_total(data: Dataset) -> list[str]:
    parts = ["installed_capacity_thermal", "installed_capacity_hydro", "installed_capacity_nuclear",
             "installed_capacity_wind", "installed_capacity_solar"]  # fmt: skip
    table = _pivot(data, [*parts, "installed_capacity_total"])
    out = []
    for year, row in table.iterrows():
        total = row.get("installed_capacity_total")
        if pd.isna(total):
            continue
        for part in parts:
            if pd.notna(row.get(part)) and row[part] > total:
                out.append(
                    f"series.csv, {part}, {year}: {row[part]:g} exceeds total capacity {total:g}"
                )
        present = [row[p] for p in parts if pd.notna(row.get(p))]
        if sum(present) > total * 1.02:
            out.append(
                f"series.csv, installed capacity parts, {year}: sum {sum(present):g} exceeds total {total:g}"
            )
    return out


def generation_within_capacity(data: Dataset) -> list[str]:
    """Generation (亿kWh) <= capacity (万kW) x hours in a year; and wind/solar within 2x utilisation hours."""
    out = []
    for kind in ("thermal", "hydro", "nuclear", "wind", "solar"):
        table = _pivot(data, [f"electricity_generation_{kind}", f"installed_capacity_{kind}"])
        if table.shape[1] < 2:
            continue
        for year, row in table.dropna().iterrows():
            generation, capacity = row.iloc[0], row.iloc[1]
            hours = generation * 1e8 / (capacity * 1e4)
            if hours > HOURS_IN_YEAR:
                out.append(f"series.csv, electricity_generation_{kind}, {year}: implies {hours:.0f} h at full "
                           f"capacity, more than a year has")  # fmt: skip
    return out


def shares_within_bounds(data: Dataset) -> list[str]:
    out = []
    bounds = data.indicators.set_index("id")[["lower", "upper"]]
    for row in data.series.itertuples():
        lo, hi = bounds.loc[row.indicator]
        if (pd.notna(lo) and row.value < lo) or (pd.notna(hi) and row.value > hi):
            out.append(f"series.csv, {row.indicator}, {row.year}: {row.value} outside [{lo}, {hi}]")
    return out


def gdp_nominal_and_real_agree(data: Dataset) -> list[str]:
    """Nominal GDP and real growth move the same way: real growth with a nominal fall of more than 2 %
    (deflation is rare and small), or a real fall with nominal growth above 10 %, is flagged."""
    table = _pivot(data, ["gdp_current_prices", "gdp_real_growth"])
    out = []
    nominal = table["gdp_current_prices"].pct_change(fill_method=None) * 100
    for year, growth in table["gdp_real_growth"].dropna().items():
        change = nominal.get(year)
        if pd.notna(change) and ((growth > 0 and change < -2) or (growth < 0 and change > 10)):
            out.append(f"series.csv, gdp_current_prices, {year}: nominal change {change:.1f} % against real "
                       f"growth {growth:.1f} %")  # fmt: skip
    return out


def one_value_per_year(data: Dataset) -> list[str]:
    dup = data.series[data.series.duplicated(["indicator", "region", "year"], keep=False)]
    return [
        f"series.csv, {r.indicator}, {r.year}: appears more than once" for r in dup.itertuples()
    ]
