"""The `wanted` worksheet: the rows the book needs, filled in by an analyst, move targets up a tier."""

from __future__ import annotations

import csv
import subprocess
import sys

import pandas as pd

from analysis.assess.targets import assess_all
from analysis.data.loader import load_dataset
from analysis.data.registry import load_targets
from analysis.data.schemas import SERIES_COLUMNS
from analysis.pages.notebook import resolve_data_dir
from analysis.paths import REPO_ROOT


def _write_sheet(path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "wanted", "--out", str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_worksheet_has_series_shape_and_asks_only_for_missing_years(tmp_path):
    rows = _write_sheet(tmp_path / "wanted.csv")
    assert list(rows[0]) == SERIES_COLUMNS
    data = load_dataset()
    sources = set(data.sources["id"])
    for row in rows:
        assert row["value"] == "" and row["quote"] == "" and row["region"] == "Guangdong"
        assert row["source_id"] in sources  # the publication to read it from
        assert int(row["year"]) not in set(data.observations(row["indicator"])["year"])
        assert row["unit"] == data.indicator(row["indicator"])["unit"]
        assert "needed by a" in row["note"]
    wanted = {(r["indicator"], int(r["year"])) for r in rows}
    # energy intensity: the chained index asks for its yearly changes, from the base year on
    assert {("energy_intensity_change", y) for y in range(2021, 2026)} <= wanted
    # targets with a verdict on their own series ask for nothing
    assert not any(
        ind in ("installed_capacity_wind", "installed_capacity_solar", "forest_stock_volume")
        for ind, _ in wanted
    )


def test_a_filled_worksheet_moves_targets_up_a_tier(tmp_path):
    """Fill the worksheet rows of one target (test figures, never committed) and pass the file back."""
    sheet = tmp_path / "wanted.csv"
    rows = _write_sheet(sheet)
    before = assess_all(load_targets(), load_dataset()).set_index("target_id")
    assert before.loc["a06_green_travel_2030", "tier"] == "proxy"
    # prefabricated share: its own series has one part-year figure (2020 H1), so it rests on a proxy
    assert before.loc["a05_prefab_share_2030", "tier"] == "proxy"
    assert before.loc["a05_prefab_share_2030", "evidence_region"] == "Shenzhen"
    values = {"green_travel_share": [61, 63, 64, 66, 67], "prefab_building_share_new": [28, 31]}
    filled = []
    for row in rows:
        series = values.get(row["indicator"])
        if series and int(row["year"]) >= 2025 - len(series) + 1:
            row["value"] = str(series[int(row["year"]) - (2025 - len(series) + 1)])
            row["quote"] = f"test figure {row['value']}"
            filled.append(row)
    assert len(filled) == 7
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, SERIES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)  # the other rows stay empty: skipped with a notice
    data = load_dataset(resolve_data_dir(sheet))
    after = assess_all(load_targets(indicators=data.indicators), data).set_index("target_id")
    assert (
        after.loc["a06_green_travel_2030", "tier"] == "projection"
    )  # five consecutive years: a forecast
    assert (
        after.loc["a06_green_travel_2030", "evidence_region"] == "Guangdong"
    )  # its own series, no proxy
    assert after.loc["a05_prefab_share_2030", "tier"] == "progress"  # two yearly figures: a rate
    assert (
        after.loc["a05_prefab_share_2030", "evidence_region"] == "Guangdong"
    )  # its own series now, the proxy no longer needed
    assert after.loc["a05_prefab_share_2030", "status"] != "not assessable"
    own = data.observations("green_travel_share")
    assert own.set_index("year").loc[2025, "value"] == 67 and len(own) == 5
    unchanged = [
        t for t in before.index if t not in ("a06_green_travel_2030", "a05_prefab_share_2030")
    ]
    pd.testing.assert_series_equal(before.loc[unchanged, "status"], after.loc[unchanged, "status"])
