"""Nothing dropped silently: every raw row lands in data/ or is listed as excluded with its reason.

The raw rows are counted here with the csv module, independently of the importer; the ledger
(data/import_ledger.csv) must give each exactly one fate, and each fate must be true of the tables.
"""

from __future__ import annotations

import csv
import fnmatch
from collections import Counter
from pathlib import Path

import pytest

from analysis.data.importer import ORIGINALS
from analysis.paths import DATA_DIR, shared_dir

RAW = shared_dir() / "data" / "raw"
OWN_RAW = DATA_DIR / "raw"
LONG_HEADER = {"indicator", "region", "year", "value", "unit"}
COUNTY = "ceads/teanet9ja_guangdong_county_co2_2008_2017.csv"  # wide: a row per county, C2008 …
pytestmark = pytest.mark.skipif(not RAW.exists(), reason="shared raw data not present")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _raw_tables() -> dict[str, int]:
    """Every long raw table (it has indicator, region, year, value, unit columns) and its row count."""
    out = {}
    for root, prefix in ((RAW, ""), (OWN_RAW, "data/raw/")):
        for path in sorted(root.rglob("*.csv")):
            try:
                header = set(next(csv.reader(path.open(encoding="utf-8-sig")), []))
            except UnicodeDecodeError:
                continue
            name = prefix + path.relative_to(root).as_posix()
            if LONG_HEADER <= header or name == COUNTY:
                out[name] = len(_rows(path))
    return out


def _table(name: str) -> list[dict]:
    return _rows(DATA_DIR / name)


def test_every_raw_row_has_exactly_one_fate():
    ledger = _table("import_ledger.csv")
    counted = Counter(r["file"] for r in ledger)
    assert counted == Counter(_raw_tables()), "raw rows without a fate (or fates without a raw row)"
    keys = [(r["file"], int(r["line"])) for r in ledger]
    assert len(keys) == len(set(keys))
    for file, n in _raw_tables().items():  # lines 2 .. n+1 (header = line 1), each once
        assert sorted(line for f, line in keys if f == file) == list(range(2, n + 2)), file


def test_every_fate_is_true_of_the_tables():
    ledger = _table("import_ledger.csv")
    excluded = {(r["file"], int(r["line"])): r for r in _table("import_excluded.csv")}
    related = {r["from"] for r in _table("related_targets.csv")}
    alternatives = {r["from"] for r in _table("series_alternatives.csv")}
    series = {f"{r['indicator']} {r['region']} {r['year']}" for r in _table("series.csv")}
    points = {f"{r['indicator']} {r['region']} {r['label']}" for r in _table("points.csv")}
    monthly = {f"{r['indicator']} {r['region']} {r['month']}" for r in _table("monthly.csv")}
    county = Counter(r["county_code"] for r in _table("county_co2.csv"))
    wide = {int(c[1:]) for c in _rows(RAW / COUNTY)[0] if c[:1] == "C" and c[1:].isdigit()}
    fates = Counter()
    for r in ledger:
        key, where = (r["file"], int(r["line"])), f"{r['file']} line {r['line']}"
        fates[r["fate"]] += 1
        if r["fate"] == "excluded":
            assert key in excluded and excluded[key]["reason"].strip(), where
        elif r["fate"] == "related-target":
            assert where in related, where
        elif r["fate"] == "alternative":
            assert where in alternatives, where
        elif r["fate"] == "series":
            assert r["detail"] in series, (where, r["detail"])
        elif r["fate"] == "point":
            assert r["detail"] in points, (where, r["detail"])
        elif r["fate"] == "monthly":
            assert r["detail"] in monthly, (where, r["detail"])
        elif r["fate"] == "county":  # every year column of the raw row, once each
            code, years = r["detail"].split()
            assert years == f"{min(wide)}-{max(wide)}" and county[code] == len(wide), where
        else:
            pytest.fail(f"unknown fate {r['fate']!r} for {where}")
    assert len(excluded) == fates["excluded"]  # nothing in import_excluded.csv without a ledger row
    assert fates["monthly"] == 83 and fates["series"] > 500 and fates["point"] > 30


def test_known_silent_drops_of_the_old_import_now_land():
    """The rows issue 13 lists as dropped: each now lands in data/ (not merely excluded)."""
    ledger = {(r["file"], int(r["line"])): r["fate"] for r in _table("import_ledger.csv")}
    landed = {"series", "point", "monthly", "alternative", "related-target"}
    by_file = Counter((f, fate in landed) for (f, _), fate in ledger.items())
    assert by_file[("energy_panel_extra.csv", True)] == 83  # Carbon Monitor, every month
    assert by_file[("transport_buildings_yearly.csv", True)] >= 20
    assert by_file[("industry_transport_extra.csv", True)] >= 25
    points = {(r["indicator"], r["date"]) for r in _table("points.csv")}
    series = {(r["indicator"], r["year"]) for r in _table("series.csv")}
    assert ("installed_capacity_new_energy", "2025-08") in points  # new-energy totals
    assert ("mangrove_afforestation_cumulative", "2025-04") in points  # cumulative mangrove totals
    assert {
        ("forest_coverage_rate", "2022"),
        ("forest_coverage_rate", "2025"),
        ("forest_stock_volume", "2025"),
    } <= series  # new-basis forest points
    assert ("forest_coverage_rate", "2024-06") in points
    assert (
        "installed_capacity_wind",
        "2024",
    ) in series  # the November-2024 wind reading, as a bound
    assert ("installed_capacity_new_storage", "2023-09") in points
    assert any(i.startswith("capacity_added_") for i, _ in series)  # yearly capacity additions
    assert ("co2_ceads_diesel", "2019") in series  # CEADs oil-product columns
    assert ("installed_capacity_offshore_wind", "2025-06") in points  # the unit 'million kW'


def test_every_file_under_raw_is_a_long_table_or_a_listed_original():
    long = set(_raw_tables())
    for path in sorted(RAW.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".csv", ".xlsx"):
            continue
        name = path.relative_to(RAW).as_posix()
        if name in long:
            continue
        assert any(fnmatch.fnmatch(name, pattern) for pattern in ORIGINALS), (
            f"{name}: neither imported nor listed"
        )


def test_county_figures_are_the_raw_cells_read_as_they_are():
    """county_co2.csv holds each cell of the wide raw file once, with the line and column it
    names in its quote, and nothing else."""
    raw = _rows(RAW / COUNTY)
    data = _table("county_co2.csv")
    years = [c for c in raw[0] if c[:1] == "C" and c[1:].isdigit()]
    assert len(data) == len(raw) * len(years)
    for r in data:
        line, column = r["quote"].split(", line ")[1].split(", column ")
        cell = raw[int(line) - 2]
        assert cell["county_code"] == r["county_code"] and cell["县区"] == r["county_zh"]
        assert column == f"C{r['year']}" and float(cell[column]) == float(r["value"])


def test_wind_2024_is_a_lower_bound_and_wind_plus_solar_reaches_2024():
    from analysis.data.loader import load_dataset

    data = load_dataset()
    wind = data.observations("installed_capacity_wind").set_index("year")
    assert wind.loc[2024, "qualifier"] == ">=" and wind.loc[2024, "value"] == 1678
    both = data.observations("installed_capacity_wind_solar").set_index("year")
    solar = data.observations("installed_capacity_solar").set_index("year").loc[2024, "value"]
    assert (
        both.loc[2024, "value"] == pytest.approx(1678 + solar)
        and both.loc[2024, "qualifier"] == ">="
    )


def test_carbon_monitor_yearly_totals_are_sums_of_complete_years_only():
    from analysis.data.loader import load_dataset

    data = load_dataset()
    months = _table("monthly.csv")
    yearly = data.observations("co2_emissions_carbon_monitor").set_index("year")
    assert sorted(yearly.index) == [
        2019,
        2020,
        2021,
        2022,
        2023,
        2024,
    ]  # 2025 has 11 months: not a year
    for year in yearly.index:
        total = sum(float(m["value"]) for m in months if m["month"].startswith(str(year)))
        assert yearly.loc[year, "value"] == pytest.approx(total) and yearly.loc[year, "derived"]
    partial = data.partial_year("co2_emissions_carbon_monitor")

    def jan_nov(y):
        return sum(
            float(m["value"])
            for m in months
            if m["month"][:4] == str(y) and int(m["month"][5:]) <= 11
        )

    assert (partial.year, partial.months) == (2025, 11)
    assert partial.change == pytest.approx((jan_nov(2025) / jan_nov(2024) - 1) * 100)
    assert not any(
        r["indicator"] == "co2_emissions_carbon_monitor" for r in _table("series.csv")
    )  # never stored
