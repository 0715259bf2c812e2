"""The raw-to-data import: re-runnable, deterministic, cited, and careful with odd rows."""

from __future__ import annotations

import csv
import shutil

import pytest

from analysis.importer import build_tables, parse_value, run_import
from analysis.paths import DATA_DIR, shared_dir

RAW = shared_dir() / "data" / "raw"
needs_raw = pytest.mark.skipif(not RAW.exists(), reason="shared raw data not present")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,195.00", (1195.0, "")),
        (">200", (200.0, ">")),
        ("近1000", (1000.0, "~")),
        ("约30", (30.0, "~")),
        ("超过30", (30.0, ">")),
        ("<=1.3", (1.3, "<=")),
        ("17.6", (17.6, "")),
    ],
)
def test_parse_value_keeps_the_qualifier(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["3.1×10^7", "n/a", "", "12 34"])
def test_parse_value_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_value(text)


@needs_raw
def test_import_reproduces_the_committed_data_files(tmp_path):
    shutil.copy(DATA_DIR / "indicators.csv", tmp_path / "indicators.csv")
    run_import(RAW, tmp_path)
    for name in ("series.csv", "sources.csv", "import_excluded.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA_DIR / name).read_text(
            encoding="utf-8"
        ), f"{name} is stale: run `python -m analysis import-data`"


@needs_raw
def test_every_imported_value_appears_in_its_quote_as_published():
    rows, _, _ = build_tables(RAW)
    for row in rows:
        if row["quote"].startswith("sheet "):
            continue  # machine-read cell (CEADs xlsx): the quote names sheet, row and column
        value = float(row["value"])
        printed = {
            f"{value:g}",
            f"{value:,.2f}",
            f"{value:.2f}",
            f"{value:,.0f}",
            f"{value:.1f}",
            f"{value / 100:g} million kilowatts",
        }  # 万千瓦 printed in English as million kW
        assert any(p in row["quote"] for p in printed), (
            row["indicator"],
            row["year"],
            row["quote"],
        )


@needs_raw
def test_part_year_and_status_date_rows_are_kept_out():
    rows, _, excluded = build_tables(RAW)
    taken = {(r["indicator"], r["year"]) for r in rows}
    assert ("installed_capacity_pumped_storage", 2022) not in taken
    assert ("installed_capacity_offshore_wind", 2025) not in taken
    reasons = " ".join(e["reason"] for e in excluded)
    assert "not year end" in reasons
    assert all(str(r["year"]).isdigit() and len(str(r["year"])) == 4 for r in rows)


@needs_raw
def test_no_target_row_is_imported_as_history():
    with (DATA_DIR / "series.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert not row["indicator"].startswith("target_")
            assert "TARGET" not in row["note"]
