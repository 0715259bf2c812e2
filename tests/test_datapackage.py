"""data/ describes itself as a Frictionless Data Package that the library validates."""

from __future__ import annotations

import json

from frictionless import validate

from analysis.data import datapackage
from analysis.paths import DATA_DIR

from .conftest import rewrite


def test_committed_datapackage_is_the_generated_one():
    committed = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datapackage.package()


def test_every_table_in_data_is_a_resource():
    paths = {r["path"] for r in datapackage.package()["resources"]}
    assert paths == {p.name for p in DATA_DIR.glob("*.csv")}


def test_data_package_validates():
    report = validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_frictionless_catches_a_broken_table(data_copy):
    rewrite(
        data_copy / "series.csv",
        "installed_capacity_wind,Guangdong,2009,",
        "installed_capacity_wind,Guangdong,20o9,",
    )
    report = validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert any("year" in str(e) for e in report.flatten(["fieldName"]))
