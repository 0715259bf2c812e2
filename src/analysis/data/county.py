"""County CO2 for the regional-peaking chapter: read from the raw copy of CEADs' county inventory,
written to ``data/county_co2.csv`` by the import, and loaded back with one line per problem.

The raw file is wide (one row per county-level unit, one column per year, ``C2008`` … ``C2017``);
each of its rows meets one fate in the import ledger, like every row of the long raw tables. The
copy does not print a unit: the figures are read as Mt CO2, the unit of CEADs' county inventories
(Chen et al. 2020, *Scientific Data* 7:391), and the note of every figure says so. County figures
are a downscaled product of their own, never the province's series: they stay out of series.csv.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from analysis.data import schemas as S
from analysis.data.source_tiers import link_kind, tier_of
from analysis.data.tables import clean_numbers, display_path, read_csv_table, validate
from analysis.errors import DataError, Problem

RAW_FILE = "ceads/teanet9ja_guangdong_county_co2_2008_2017.csv"
DATA_FILE = "county_co2.csv"
UNIT = "Mt CO2"
COLUMNS = S.COUNTY_COLUMNS
YEAR_COLUMN = re.compile(r"^C(\d{4})$")
PUBLISHER = (
    "CEADs (Carbon Emission Accounts & Datasets), county-level CO2 inventory, "
    "via a GitHub copy (Teanet9ja/guangdong-co2emission)"
)
SOURCE = {
    "publisher": PUBLISHER,
    "title": "China county-level CO2 emission inventories (CEADs, Chen et al. 2020, Scientific Data "
    "7:391): Guangdong's county-level units, 2008-2017",
    "url": "https://github.com/Teanet9ja/guangdong-co2emission",
    "retrieved_via": "shared/data/raw/ceads/teanet9ja_guangdong_county_co2_2008_2017.csv (copy of "
    "01_Project_ETL/data/downloaded_shp/data.csv @943b3ea3)",
}
NOTE = (
    "Unit not printed in the copy: read as Mt CO2, the unit of CEADs' county inventories. A downscaled "
    "county inventory: county sums need not equal the provincial CEADs inventory."
)
RAW_NAMES = {  # raw column -> data column
    "county_code": "county_code",
    "县区": "county_zh",
    "County Name": "county_en",
    "城市": "city_zh",
    "City Name": "city_en",
}


def _value(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def import_rows(raw_dir: Path, source_id: str) -> tuple[list[dict], list[dict]]:
    """The figures of the raw county file, and one ledger row per raw row (fate ``county``, or
    ``excluded`` with the reason when a cell cannot be read as a figure)."""
    path = Path(raw_dir) / RAW_FILE
    if not path.exists():
        raise DataError([Problem(str(path), "raw county file not found")])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        rows = list(reader)
    missing = [c for c in RAW_NAMES if c not in header]
    if missing:
        raise DataError([Problem(RAW_FILE, "column missing", column=c) for c in missing])
    years = [(h, int(m.group(1))) for h in header if (m := YEAR_COLUMN.match(h))]
    figures, ledger = [], []
    for line, row in enumerate(rows, start=2):
        names = {RAW_NAMES[k]: (row.get(k) or "").strip() for k in RAW_NAMES}
        raw = {"indicator": "county CO2", "region": names["county_zh"], "value": ""}
        bad = [h for h, _ in years if _value(row.get(h) or "") is None]
        if bad or not re.match(r"^\d{6}$", names["county_code"]):
            why = (
                f"cell(s) {', '.join(bad)} cannot be read as a figure"
                if bad
                else f"county_code {names['county_code']!r} is not a 6-digit code"
            )
            ledger.append(
                {
                    "file": RAW_FILE,
                    "line": line,
                    "fate": "excluded",
                    "detail": why,
                    **raw,
                    "year": f"{years[0][1]}-{years[-1][1]}",
                }
            )
            continue
        for column, year in years:
            figures.append(
                {
                    **names,
                    "year": year,
                    "value": f"{float(row[column]):.12g}",
                    "unit": UNIT,
                    "source_id": source_id,
                    "quote": f"file {RAW_FILE}, line {line}, column {column}",
                    "note": NOTE,
                }
            )
        ledger.append(
            {
                "file": RAW_FILE,
                "line": line,
                "fate": "county",
                **raw,
                "year": f"{years[0][1]}-{years[-1][1]}",
                "detail": f"{names['county_code']} {years[0][1]}-{years[-1][1]}",
            }
        )
    return figures, ledger


def source_row(source_id: str) -> dict:
    return {
        "id": source_id,
        "year": "",
        "table_page": "",
        **SOURCE,
        "tier": tier_of(PUBLISHER),
        "link": link_kind(PUBLISHER, SOURCE["url"]),
    }


def load_county(data_dir: Path, source_ids: set[str]) -> pd.DataFrame | None:
    """The county figures of a data folder, validated; None when the folder has no county file."""
    path = Path(data_dir) / DATA_FILE
    if not path.exists():
        return None
    name = display_path(path)
    frame = read_csv_table(path, S.COUNTY_COLUMNS, min_rows=1)
    frame = clean_numbers(frame, ["year", "value"], name)
    frame = validate(frame, S.COUNTY_TYPES, name)
    sources = display_path(Path(data_dir) / "sources.csv")
    frame = validate(frame, S.county_rules(source_ids, sources), name, ("county_code", "year"))
    frame["year"] = frame["year"].astype(int)
    return frame.reset_index(drop=True)
