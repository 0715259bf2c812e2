"""``data/datapackage.json``: a Frictionless Data Package describing every table in ``data/``.

The field lists come from :mod:`schemas` (the one definition of each table); this module only adds
types, descriptions and licence notes, and the tests validate the package with frictionless.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.data import schemas as S
from analysis.data.importer import OUTPUTS
from analysis.data.proxies import PROXY_COLUMNS
from analysis.paths import DATA_DIR

INTEGER = {"year", "action", "base_year", "line", "vintage"}
NUMBER = {"value", "lower", "upper", "value_max"}
DESCRIPTIONS = {
    "targets": "Every quantitative target of the Guangdong Carbon Peak Implementation Plan (粤府〔2022〕56号), "
    "with the plan's own words (quote_zh), its clause, and a note in Chinese (note_zh) and English (note).",
    "indicators": "Catalogue of series: Chinese and English names, unit, bounds, how derived, and a note in "
    "Chinese (note_zh) and English (note).",
    "sources": "Publications the figures were read from.",
    "series": "Yearly figures, one per indicator, region and year, each with its source and the quote that "
    "contains the number as published (or the file, sheet, row and column of a machine-readable file).",
    "regions": "Catalogue of regions: the canonical id used in series, points, monthly and breaks, names, "
    "and other spellings accepted (and rewritten to the id with a notice).",
    "breaks": "Statistical breaks: the first year of a new basis; projections use only the years after it.",
    "points": "Figures dated to a month: a status on a date (capacity at end-August 2025, a running total to "
    "2023-03) or a part-year figure (2020 H1), each with its source and quote.",
    "monthly": "Monthly figures (Carbon Monitor CO2); the loader sums complete years into yearly figures.",
    "series_alternatives": "Every reading where two sources give the same figure, and which one was chosen.",
    "import_excluded": "Raw rows kept out on purpose, with the reason.",
    "import_ledger": "The fate of every row of every raw table: series, alternative, point, monthly, "
    "related-target or excluded.",
    "proxies": "Named stand-ins for targets without a series of their own, with the gap to the target in words.",
    "county_co2": "CO2 of Guangdong's county-level units from CEADs' downscaled county inventory (read as Mt CO2: "
    "the copy prints no unit), one row per county and year; context for regional peaking, never the "
    "province's series.",
    "related_targets": "Targets for Guangdong quoted from this and other plans (as printed): context and "
    "cross-checks of the registry, never history.",
}
TABLES = {
    "targets": ("targets.csv", S.TARGET_COLUMNS, ["id"]),
    "indicators": ("indicators.csv", S.INDICATOR_COLUMNS, ["id"]),
    "sources": ("sources.csv", S.SOURCE_COLUMNS, ["id"]),
    "series": ("series.csv", S.SERIES_COLUMNS, ["indicator", "region", "year"]),
    "points": ("points.csv", S.POINT_COLUMNS, ["indicator", "region", "date"]),
    "monthly": ("monthly.csv", S.MONTHLY_COLUMNS, ["indicator", "region", "month"]),
    "breaks": ("breaks.csv", S.BREAK_COLUMNS, ["indicator", "region", "year"]),
    "regions": ("regions.csv", S.REGION_COLUMNS, ["id"]),
    "proxies": ("proxies.csv", PROXY_COLUMNS, []),
    "county_co2": ("county_co2.csv", S.COUNTY_COLUMNS, ["county_code", "year"]),
    **{name: (OUTPUTS[key][0], OUTPUTS[key][1], []) for name, key in (
        ("series_alternatives", "alternatives"), ("import_excluded", "excluded"),
        ("related_targets", "related_targets"), ("import_ledger", "ledger"))},
}  # fmt: skip


def _field(name: str, table: str) -> dict:
    kind = "integer" if name in INTEGER else "number" if name in NUMBER else "string"
    if table in ("import_excluded", "related_targets", "series_alternatives", "import_ledger") and name in (
            "year", "value", "period", "line"):  # fmt: skip
        kind = "string"  # excluded rows keep the year and value as printed ('2023H1', '近1000')
    return {"name": name, "type": kind}


def package() -> dict:
    resources = []
    for name, (path, columns, key) in TABLES.items():
        schema = {"fields": [_field(c, name) for c in columns]}
        if key:
            schema["primaryKey"] = key
        resources.append({
            "name": name.replace("_", "-"), "path": path, "format": "csv", "encoding": "utf-8",
            "description": DESCRIPTIONS[name], "schema": schema,
        })  # fmt: skip
    return {
        "name": "guangdong-carbon-peak-tracker-data",
        "title": "Guangdong Carbon-Peak Tracker: targets and cited series",
        "description": "Targets of the Guangdong Carbon Peak Implementation Plan and published figures for "
        "Guangdong, each with its source. Units are those of indicators.csv.",
        "licenses": [
            {
                "name": "other-at",
                "title": "Each figure keeps the terms of its publisher (see sources); "
                "CEADs asks users to cite Shan et al. 2016, 2018, 2020 and Guan et al. 2021.",
            }
        ],  # fmt: skip
        "resources": resources,
    }


def write(path: Path = DATA_DIR / "datapackage.json") -> None:
    path.write_text(json.dumps(package(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
