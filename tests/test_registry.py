"""The targets registry: every quote is verbatim from the plan, ids unique, rows consistent."""

from __future__ import annotations

import csv

import pytest

from analysis.data.loader import load_indicators
from analysis.data.registry import load_targets
from analysis.errors import DataError
from analysis.paths import DATA_DIR, PLAN_TEXT

from .conftest import rewrite


def test_every_quote_occurs_verbatim_in_the_shared_seed(seed_text):
    targets = load_targets()
    missing = [t.id for t in targets.itertuples() if t.quote_zh not in seed_text]
    assert missing == []


def test_the_repository_copy_of_the_plan_is_the_seed(seed_text):
    assert PLAN_TEXT.read_text(encoding="utf-8") == seed_text


def test_registry_is_complete_enough_and_covers_the_numbered_actions():
    targets = load_targets(indicators=load_indicators())
    per_action = targets.groupby("action").size().to_dict()
    assert len(targets) >= 50
    # actions whose text carries numbers; （七）（九）（十）（十一）（十三）（十四） carry none
    assert set(per_action) == {0, 1, 2, 3, 4, 5, 6, 8, 12, 15}
    assert per_action[0] == 7 and per_action[2] == 9


def test_known_headline_numbers_are_registered():
    t = load_targets().set_index("id")
    assert t.loc["a00_non_fossil_share_2025", ["comparator", "value", "unit"]].tolist() == [
        ">=",
        32.0,
        "%",
    ]
    assert t.loc["a02_wind_solar_capacity_2030", "value"] == 7400
    assert t.loc["a12_forest_cover_2030", "comparator"] == "approx"
    # the plan defers to the national assignment; the assigned -14 % is recorded with its document
    assert t.loc["a00_energy_intensity_2025", ["comparator", "value", "base_year"]].tolist() == [
        "<=",
        -14.0,
        2020,
    ]
    assert t.loc["a00_energy_intensity_2025", "value_source"] != ""
    assert t.loc["a00_co2_intensity_2025", "comparator"] == "unquantified"
    assert pd_isna(t.loc["a00_co2_intensity_2025", "value"])
    assert t.loc["a02_pumped_storage_2030", "comparator"] == ">"  # 超过: strict
    assert t.loc["a15_pilot_cities_2025", ["comparator", "value", "value_max"]].tolist() == [
        "range",
        5.0,
        10.0,
    ]
    assert t.loc["a15_pilot_units_2025", ["comparator", "value", "value_max"]].tolist() == [
        "range",
        50.0,
        100.0,
    ]
    assert t.loc["a02_offshore_wind_bases", ["kind", "value", "unit"]].tolist() == [
        "capacity",
        2000.0,
        "万千瓦",
    ]
    assert "千万千瓦级" in t.loc["a02_offshore_wind_bases", "quote_zh"]


def pd_isna(x) -> bool:
    return x != x  # NaN is the only value unequal to itself


def test_ids_are_unique(data_copy):
    path = data_copy / "targets.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*rows, rows[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_targets(data_copy)
    assert any("column 'id'" in str(p) and "duplicate" in str(p) for p in err.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a share target in a non-% unit
        ("share,>=,33,%", "share,>=,33,万千瓦", "inconsistent"),
        # a number on an unquantified target
        ("change_vs_base,unquantified,,,", "change_vs_base,unquantified,5,,", "value exactly when"),
        # a capacity target without a capacity unit
        ("capacity,>=,7400,万千瓦", "capacity,>=,7400,GW", "inconsistent"),
        # clause of another action
        (
            "a01_hightech_manufacturing_share_2025,1,二（一）1",
            "a01_hightech_manufacturing_share_2025,1,二（二）1",
            "clause does not belong",
        ),
        # unknown comparator
        ("capacity,>=,7400", "capacity,=>,7400", "comparator must be one of"),
    ],
)
def test_inconsistent_rows_are_refused_with_their_row(data_copy, old, new, expected):
    rewrite(data_copy / "targets.csv", old, new)
    with pytest.raises(DataError) as err:
        load_targets(data_copy)
    assert any(expected in str(p) and "row " in str(p) for p in err.value.problems), err.value


def test_target_without_series_names_the_series_wanted():
    with (DATA_DIR / "targets.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["indicator"]:
                assert len(row["data_wanted"]) > 20, row["id"]
