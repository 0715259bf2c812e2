"""data/ describes itself as a Frictionless Data Package that the library validates."""

from __future__ import annotations

import json

from frictionless import validate

from analysis.data import datapackage
from analysis.data import schemas as S
from analysis.paths import DATA_DIR


def test_committed_datapackage_is_the_generated_one():
    committed = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert committed == datapackage.package()


def test_every_table_in_data_is_a_resource():
    paths = {r["path"] for r in datapackage.package()["resources"]}
    assert paths == {p.name for p in DATA_DIR.glob("*.csv")}


def test_data_package_validates():
    report = validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


TYPED = {  # resource -> the loader's typing schema (schemas.py), the one definition of each table
    "targets": S.TARGET_TYPES,
    "indicators": S.INDICATOR_TYPES,
    "sources": S.SOURCE_TYPES,
    "series": S.SERIES_TYPES,
    "points": S.POINT_TYPES,
    "monthly": S.MONTHLY_TYPES,
    "breaks": S.BREAK_TYPES,
}


def _resources() -> dict[str, dict]:
    return {r["name"]: r for r in datapackage.package()["resources"]}


def test_package_types_are_the_loaders_types():
    """Our descriptor, not the library: a column the loader reads as Int64 is 'integer', one it reads
    as float64 is 'number', and every other column of these tables is a string."""
    resources = _resources()
    for name, schema in TYPED.items():
        fields = {f["name"]: f["type"] for f in resources[name]["schema"]["fields"]}
        expected = {c: "string" for c in fields} | {
            c: "integer" if str(col.dtype) == "Int64" else "number"
            for c, col in schema.columns.items()
        }
        assert fields == expected, name


def test_package_keys_are_the_loaders_uniqueness_rules():
    """The primary key a foreign tool checks is the key the loader refuses duplicates of."""
    resources = _resources()
    assert resources["series"]["schema"]["primaryKey"] == ["indicator", "region", "year"]
    assert resources["points"]["schema"]["primaryKey"] == ["indicator", "region", "date"]
    assert resources["monthly"]["schema"]["primaryKey"] == ["indicator", "region", "month"]
    rules = S.break_rules(set(), set())
    assert resources["breaks"]["schema"]["primaryKey"] == list(rules.unique)
    for name in ("targets", "indicators", "sources"):
        assert resources[name]["schema"]["primaryKey"] == ["id"], name
    for name in ("proxies", "import-ledger", "import-excluded"):
        assert "primaryKey" not in resources[name]["schema"], name


def test_a_second_reading_of_one_year_breaks_the_packages_primary_key(data_copy):
    """Because our descriptor declares (indicator, region, year) as the key, a second reading of the
    same year (another value) is an error for any Frictionless tool too, as it is for the loader."""
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    wind = next(
        line for line in lines if line.startswith("installed_capacity_wind,Guangdong,2010,")
    )
    cells = wind.split(",")
    cells[3] = str(float(cells[3]) + 1)
    path.write_text("\n".join([*lines, ",".join(cells)]) + "\n", encoding="utf-8")
    report = validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    errors = report.flatten(["type", "rowNumber"])
    assert ["primary-key", len(lines) + 1] in errors, errors[:5]
