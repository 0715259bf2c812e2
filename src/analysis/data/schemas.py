"""The one definition of each table in ``data/``: columns, types and rules, as pandera schemas.

Each table is checked in two passes: :data:`*_TYPES` turns strings into typed columns (a bad
number is reported with its text), then a rules schema checks meaning (unknown indicator, unit,
bounds, duplicates, ...). Rules are written as named pandera checks whose ``error`` text is the
line a data editor reads.
"""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

YEAR_MIN, YEAR_MAX = 1949, 2100
KINDS = [
    "share",
    "level",
    "capacity",
    "change_vs_base",
    "growth_per_year",
    "cumulative",
    "peak",
    "count",
    "binary",
]
# '>' is strict (the plan's 超过); 'range' is met inside [value, value_max] (the plan's 5-10 个)
COMPARATORS = [">=", ">", "<=", "approx", "==", "range", "unquantified"]
QUALIFIERS = ["", ">", ">=", "<", "<=", "~"]
CAPACITY_UNITS = ["万千瓦"]
CHINESE_NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
]


def _row_check(fn, error: str) -> pa.Check:
    """A rule applied to each row; ``error`` is what the reader sees for a failing row."""
    return pa.Check(fn, element_wise=True, error=error, name=error)


def _blank(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and pd.isna(value))
        or value is pd.NA
        or value == ""
    )


# Every note is shown Chinese first (note_zh), then in English (note): one without the other is refused.
def _note_pair_checks() -> list[pa.Check]:
    def text(row, column) -> str:
        return "" if _blank(row.get(column)) else str(row[column])

    return [
        _row_check(
            lambda r: text(r, "note") == "" or text(r, "note_zh") != "",
            "note has no Chinese translation: write it in note_zh",
        ),
        _row_check(
            lambda r: text(r, "note_zh") == "" or text(r, "note") != "",
            "note_zh has no English note: write it in note",
        ),
    ]


def _num(nullable: bool = True) -> pa.Column:
    return pa.Column("float64", nullable=nullable, coerce=True)


def _int(nullable: bool = True) -> pa.Column:
    return pa.Column("Int64", nullable=nullable, coerce=True)


# ---------------------------------------------------------------- targets registry
TARGET_COLUMNS = [
    "id",
    "action",
    "clause",
    "year",
    "kind",
    "comparator",
    "value",
    "unit",
    "base_year",
    "indicator",
    "quote_zh",
    "summary_en",
    "data_wanted",
    "note",
    "note_zh",
    "value_max",
    "value_source",
    "wanted_source",
]
TARGET_NUMERIC = ["action", "year", "value", "base_year", "value_max"]

TARGET_TYPES = pa.DataFrameSchema(
    {
        "action": _int(nullable=False),
        "year": _int(),
        "value": _num(),
        "base_year": _int(),
        "value_max": _num(),
    },
    strict=False,
)


def _clause_matches_action(row) -> bool:
    if row["action"] == 0:
        return row["clause"] == "一（二）"
    numeral = CHINESE_NUMERALS[int(row["action"]) - 1] if 1 <= row["action"] <= 15 else "?"
    return str(row["clause"]).startswith(f"二（{numeral}）")


def _kind_rules(row) -> bool:
    kind, comp, value, unit = row["kind"], row["comparator"], row["value"], row["unit"]
    if comp == "unquantified":
        return True
    if kind == "share":
        return unit == "%" and 0 <= value <= 100
    if kind == "capacity":
        return unit in CAPACITY_UNITS and value > 0
    if kind == "change_vs_base":
        return unit == "%" and not _blank(row["base_year"]) and row["base_year"] < row["year"]
    if kind == "growth_per_year":
        return unit == "%/yr" and not _blank(row["base_year"]) and row["base_year"] < row["year"]
    if kind == "cumulative":
        return value > 0 and not _blank(row["base_year"]) and row["base_year"] < row["year"]
    if kind == "peak":
        return unit == "year" and comp == "<=" and value == row["year"]
    if kind == "binary":
        return comp == "==" and value == 1 and unit == "yes/no"
    if kind == "count":
        return comp in (">=", "range") and value > 0 and float(value).is_integer()
    return True  # level: any unit, any number


def _range_rules(row) -> bool:
    """A range has both ends (value < value_max); no other comparator has a value_max."""
    if row["comparator"] == "range":
        return not _blank(row["value_max"]) and row["value"] < row["value_max"]
    return _blank(row["value_max"])


TARGET_RULES = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(
                r"^a(0\d|1[0-5])_[a-z0-9_]+$", error="id must look like a02_some_name"
            ),
            unique=True,
        ),
        "action": pa.Column(
            "Int64", pa.Check.in_range(0, 15, error="action must be 0 (一（二）) to 15")
        ),
        "clause": pa.Column(str, pa.Check.str_length(min_value=1, error="clause is empty")),
        "year": pa.Column(
            "Int64",
            pa.Check.in_range(2021, 2060, error="target year outside 2021-2060"),
            nullable=True,
        ),
        "kind": pa.Column(str, pa.Check.isin(KINDS, error=f"kind must be one of {KINDS}")),
        "comparator": pa.Column(
            str, pa.Check.isin(COMPARATORS, error=f"comparator must be one of {COMPARATORS}")
        ),
        "value": pa.Column("float64", nullable=True),
        "base_year": pa.Column("Int64", nullable=True),
        "quote_zh": pa.Column(str, pa.Check.str_length(min_value=4, error="quote_zh is empty")),
        "summary_en": pa.Column(str, pa.Check.str_length(min_value=4, error="summary_en is empty")),
    },
    checks=[
        _row_check(_clause_matches_action, "clause does not belong to this action number"),
        _row_check(
            lambda r: (r["comparator"] == "unquantified") == _blank(r["value"]),
            "a target has a value exactly when its comparator is not 'unquantified'",
        ),
        _row_check(
            lambda r: r["comparator"] != "unquantified" or r["unit"] == "",
            "an unquantified target has no unit",
        ),
        _row_check(
            lambda r: r["comparator"] == "unquantified" or r["unit"] != "",
            "a quantified target needs a unit",
        ),
        _row_check(
            _kind_rules,
            "kind, comparator, value and unit are inconsistent "
            "(see the rules in src/analysis/data/schemas.py)",
        ),
        _row_check(
            lambda r: r["indicator"] != "" or r["data_wanted"] != "",
            "a target without an indicator must say in data_wanted which series would make "
            "it assessable",
        ),
        _row_check(_range_rules, "a 'range' target needs value < value_max; other targets none"),
        *_note_pair_checks(),
    ],
    strict=False,
)


# ---------------------------------------------------------------- indicator catalogue
INDICATOR_COLUMNS = [
    "id",
    "name_zh",
    "name_en",
    "unit",
    "lower",
    "upper",
    "measure",
    "context_for",
    "derived_from",
    "note",
    "note_zh",
]
# a level at year end, an amount during the year, a ratio, a running total since a start year
MEASURES = ["stock", "flow", "rate", "cumulative"]
INDICATOR_TYPES = pa.DataFrameSchema({"lower": _num(), "upper": _num()}, strict=False)
INDICATOR_RULES = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(r"^[a-z][a-z0-9_]*$", error="id must be lower_snake_case"),
            unique=True,
        ),
        "name_zh": pa.Column(str, pa.Check.str_length(min_value=1, error="name_zh is empty")),
        "name_en": pa.Column(str, pa.Check.str_length(min_value=1, error="name_en is empty")),
        "unit": pa.Column(str, pa.Check.str_length(min_value=1, error="unit is empty")),
        "measure": pa.Column(
            str, pa.Check.isin(MEASURES, error=f"measure must be one of {MEASURES}")
        ),
        "context_for": pa.Column(
            str,
            pa.Check.str_matches(
                r"^((\d|1[0-5])( (\d|1[0-5]))*)?$",
                error="context_for lists action numbers 0-15 separated by spaces",
            ),
        ),
    },
    checks=[
        _row_check(
            lambda r: _blank(r["lower"]) or _blank(r["upper"]) or r["lower"] < r["upper"],
            "lower bound must be below upper bound",
        ),
        *_note_pair_checks(),
    ],
    strict=False,
)


# ---------------------------------------------------------------- sources
SOURCE_COLUMNS = [
    "id",
    "publisher",
    "title",
    "year",
    "url",
    "table_page",
    "retrieved_via",
    "tier",
    "link",
]
SOURCE_TIERS = ["official statistics", "government", "press", "database", "secondary"]
LINK_KINDS = ["original", "republished copy"]
SOURCE_TYPES = pa.DataFrameSchema({"year": _int()}, strict=False)
SOURCE_RULES = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(
                r"^[a-z0-9_\-]+$", error="id must be lower-case letters, digits, _ or -"
            ),
            unique=True,
        ),
        "publisher": pa.Column(str, pa.Check.str_length(min_value=1, error="publisher is empty")),
        "title": pa.Column(str, pa.Check.str_length(min_value=1, error="title is empty")),
        "year": pa.Column(
            "Int64",
            pa.Check.in_range(YEAR_MIN, YEAR_MAX, error="publication year out of range"),
            nullable=True,
        ),
        "tier": pa.Column(
            str, pa.Check.isin(SOURCE_TIERS, error=f"tier must be one of {SOURCE_TIERS}")
        ),
        "link": pa.Column(
            str, pa.Check.isin(LINK_KINDS, error=f"link must be one of {LINK_KINDS}")
        ),
    },
    checks=[
        _row_check(
            lambda r: r["url"] != "" or r["retrieved_via"] != "",
            "a source needs a url or a note of how it was retrieved",
        )
    ],
    strict=False,
)


# ---------------------------------------------------------------- regions
REGION_COLUMNS = ["id", "name_zh", "name_en", "level", "spellings", "note"]
REGION_LEVELS = ["country", "province", "city"]
REGION_RULES = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(
                r"^[A-Z][A-Za-z]*$", error="id must be one capitalised word, e.g. Guangdong"
            ),
            unique=True,
        ),
        "name_zh": pa.Column(str, pa.Check.str_length(min_value=1, error="name_zh is empty")),
        "name_en": pa.Column(str, pa.Check.str_length(min_value=1, error="name_en is empty")),
        "level": pa.Column(
            str, pa.Check.isin(REGION_LEVELS, error=f"level must be one of {REGION_LEVELS}")
        ),
    },
    strict=False,
)


# ---------------------------------------------------------------- series (long format)
SERIES_COLUMNS = [
    "indicator",
    "region",
    "year",
    "value",
    "qualifier",
    "unit",
    "source_id",
    "quote",
    "note",
]
SERIES_TYPES = pa.DataFrameSchema(
    {"year": pa.Column("Int64", nullable=False, coerce=True), "value": _num(nullable=False)},
    strict=False,
)


def _region_check(regions: set[str] | None, regions_file: str) -> list[pa.Check]:
    if regions is None:
        return [pa.Check.str_length(min_value=1, error="region is empty")]
    known = ", ".join(sorted(regions))
    return [
        pa.Check.isin(
            sorted(regions), error=f"unknown region {{found}} (known: {known}; see {regions_file})"
        )
    ]


def series_rules(
    indicators: pd.DataFrame,
    source_ids: set[str],
    catalogue_file: str,
    sources_file: str,
    when: str = "year",
    regions: set[str] | None = None,
    regions_file: str = "regions.csv",
) -> pa.DataFrameSchema:
    """Rules for rows of figures (series, points, monthly) that depend on the catalogue, the
    sources and the regions tables; ``when`` names the column that dates a row (year, date or
    month)."""
    units = dict(zip(indicators["id"], indicators["unit"], strict=True))
    lower = dict(zip(indicators["id"], indicators["lower"], strict=True))
    upper = dict(zip(indicators["id"], indicators["upper"], strict=True))
    derived = set(indicators.loc[indicators["derived_from"] != "", "id"])

    def in_bounds(row) -> bool:
        lo, hi = lower.get(row["indicator"]), upper.get(row["indicator"])
        return (_blank(lo) or row["value"] >= lo) and (_blank(hi) or row["value"] <= hi)

    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(
                str,
                [
                    pa.Check.isin(
                        sorted(units), error=f"unknown indicator (not in {catalogue_file})"
                    ),
                    pa.Check.notin(
                        sorted(derived),
                        error="this indicator is derived from others; do not store it",
                    ),
                ],
            ),
            "region": pa.Column(str, _region_check(regions, regions_file)),
            **_when_column(when),
            "qualifier": pa.Column(
                str,
                pa.Check.isin(QUALIFIERS, error=f"qualifier must be one of {QUALIFIERS}"),
                required=False,
            ),
            "source_id": pa.Column(
                str,
                pa.Check.isin(sorted(source_ids), error=f"source_id not found in {sources_file}"),
            ),
            "quote": pa.Column(
                str,
                pa.Check.str_length(
                    min_value=1, error="quote is empty: every value needs the text it was read from"
                ),
            ),
        },
        checks=[
            _row_check(
                lambda r: r["indicator"] not in units or r["unit"] == units[r["indicator"]],
                f"unit differs from the catalogue unit of this indicator ({catalogue_file}); convert the "
                "value first (the factors are listed in src/analysis/data/units.py)",
            ),
            _row_check(
                lambda r: r["indicator"] not in units or in_bounds(r),
                "value outside the bounds of this indicator (e.g. a share above 100)",
            ),
        ],
        unique=["indicator", "region", when],
        strict=False,
    )


def _when_column(when: str) -> dict:
    if when == "year":
        return {
            "year": pa.Column(
                "Int64",
                pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"year outside {YEAR_MIN}-{YEAR_MAX}"),
            )
        }
    return {
        when: pa.Column(
            str,
            pa.Check.str_matches(
                r"^(1949|19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$",
                error=f"{when} must be YYYY-MM (a month of 1949-2099)",
            ),
        )
    }


# ---------------------------------------------------------------- dated points and months
POINT_COLUMNS = [
    "indicator",
    "region",
    "date",
    "kind",
    "label",
    "value",
    "qualifier",
    "unit",
    "source_id",
    "quote",
    "note",
]
POINT_KINDS = [
    "status",
    "part",
]  # a stock or running total on a date; a flow or rate over part of a year
POINT_TYPES = pa.DataFrameSchema({"value": _num(nullable=False)}, strict=False)
MONTHLY_COLUMNS = ["indicator", "region", "month", "value", "unit", "source_id", "quote", "note"]
MONTHLY_TYPES = POINT_TYPES
POINT_KIND_RULE = pa.DataFrameSchema(
    {
        "kind": pa.Column(
            str, pa.Check.isin(POINT_KINDS, error=f"kind must be one of {POINT_KINDS}")
        )
    },
    strict=False,
)


# ---------------------------------------------------------------- statistical breaks
BREAK_COLUMNS = ["indicator", "region", "year", "reason", "source_id", "quote", "old_targets"]
OLD_TARGETS = [
    "comparable",
    "not comparable",
]  # may a target set on the old basis be judged on the new?
BREAK_TYPES = pa.DataFrameSchema(
    {"year": pa.Column("Int64", nullable=False, coerce=True)}, strict=False
)


def break_rules(
    indicator_ids: set[str],
    source_ids: set[str],
    regions: set[str] | None = None,
    regions_file: str = "regions.csv",
) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(
                str, pa.Check.isin(sorted(indicator_ids), error="unknown indicator")
            ),
            "region": pa.Column(str, _region_check(regions, regions_file)),
            "year": pa.Column(
                "Int64", pa.Check.in_range(YEAR_MIN, YEAR_MAX, error="year out of range")
            ),
            "reason": pa.Column(
                str, pa.Check.str_length(min_value=10, error="a break needs its reason")
            ),
            "source_id": pa.Column(
                str, pa.Check.isin(sorted(source_ids), error="source_id not found")
            ),
            "old_targets": pa.Column(
                str, pa.Check.isin(OLD_TARGETS, error=f"old_targets must be one of {OLD_TARGETS}")
            ),
        },
        unique=["indicator", "region", "year"],
        strict=False,
    )


# ---------------------------------------------------------------- other readings of the same figure
# Written by the import (series_alternatives.csv): every reading where sources give the same figure,
# the one chosen and the rule that chose it; the data chapter and the chapters show them.
ALTERNATIVE_COLUMNS = ["indicator", "region", "period", "value", "qualifier", "chosen", "rule",
                       "tier", "source_id", "from", "quote"]  # fmt: skip
CHOSEN = ["yes", "no"]


def _is_number(text: str) -> bool:
    """A number as written: float() alone would also take padded text, 'nan' and 'inf'."""
    try:
        number = float(text)
    except ValueError:
        return False
    return text.strip() == text and math.isfinite(number)


def alternative_rules(
    indicator_ids: set[str],
    source_ids: set[str],
    regions: set[str],
    regions_file: str,
    catalogue_file: str,
    sources_file: str,
) -> pa.DataFrameSchema:
    from analysis.data.source_tiers import TIERS

    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(
                str,
                pa.Check.isin(
                    sorted(indicator_ids), error=f"unknown indicator (not in {catalogue_file})"
                ),
            ),
            "region": pa.Column(str, _region_check(regions, regions_file)),
            "period": pa.Column(
                str,
                pa.Check.str_matches(
                    r"^(1949|19[5-9]\d|20\d\d)(-(0[1-9]|1[0-2]))?$",
                    error="period must be a year (YYYY) or a month (YYYY-MM) of 1949-2099",
                ),
            ),
            "value": pa.Column(str, _row_check(_is_number, "not a number: {found}")),
            "qualifier": pa.Column(
                str, pa.Check.isin(QUALIFIERS, error=f"qualifier must be one of {QUALIFIERS}")
            ),
            "chosen": pa.Column(
                str, pa.Check.isin(CHOSEN, error=f"chosen must be one of {CHOSEN}")
            ),
            "tier": pa.Column(str, pa.Check.isin(TIERS, error=f"tier must be one of {TIERS}")),
            "source_id": pa.Column(
                str,
                pa.Check.isin(sorted(source_ids), error=f"source_id not found in {sources_file}"),
            ),
            "quote": pa.Column(
                str,
                pa.Check.str_length(
                    min_value=1,
                    error="quote is empty: every reading needs the text it was read from",
                ),
            ),
        },
        strict=False,
    )


# ---------------------------------------------------------------- county CO2 (regional peaking)
# One figure per county-level unit and year: CEADs' downscaled county inventory, a product of its
# own (its county sums need not equal the provincial inventory), kept out of series.csv.
COUNTY_COLUMNS = [
    "county_code",
    "county_zh",
    "county_en",
    "city_zh",
    "city_en",
    "year",
    "value",
    "unit",
    "source_id",
    "quote",
    "note",
]
COUNTY_UNITS = ["Mt CO2"]
# Guangdong's prefecture-level cities by the 3rd-4th digits of their administrative division code
# (GB/T 2260, the National Bureau of Statistics' division codes): a county-level unit's code is its
# prefecture's 44NN followed by two digits of its own.
GUANGDONG_PREFECTURES = {
    "01": "广州市", "02": "韶关市", "03": "深圳市", "04": "珠海市", "05": "汕头市", "06": "佛山市",
    "07": "江门市", "08": "湛江市", "09": "茂名市", "12": "肇庆市", "13": "惠州市", "14": "梅州市",
    "15": "汕尾市", "16": "河源市", "17": "阳江市", "18": "清远市", "19": "东莞市", "20": "中山市",
    "51": "潮州市", "52": "揭阳市", "53": "云浮市",
}  # fmt: skip
COUNTY_TYPES = pa.DataFrameSchema(
    {"year": pa.Column("Int64", nullable=False, coerce=True), "value": _num(nullable=False)},
    strict=False,
)


def _prefecture(code: str) -> str | None:
    """The prefecture-level city of Guangdong that a county-level code belongs to, if any."""
    return GUANGDONG_PREFECTURES.get(code[2:4]) if code.startswith("44") else None


def county_rules(source_ids: set[str], sources_file: str) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "county_code": pa.Column(
                str,
                [
                    pa.Check.str_matches(r"^\d{6}$", error="county_code must be a 6-digit code"),
                    _row_check(
                        lambda code: len(code) != 6 or _prefecture(code) is not None,
                        "county_code {found} is not a county-level unit of Guangdong (its code "
                        "begins with 44 and a prefecture's two digits, 01-20 or 51-53)",
                    ),
                ],
            ),
            "county_zh": pa.Column(
                str, pa.Check.str_length(min_value=1, error="county name is empty")
            ),
            "city_zh": pa.Column(str, pa.Check.str_length(min_value=1, error="city name is empty")),
            "year": pa.Column(
                "Int64",
                pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"year outside {YEAR_MIN}-{YEAR_MAX}"),
            ),
            "value": pa.Column("float64", pa.Check.ge(0, error="CO2 emissions cannot be negative")),
            "unit": pa.Column(
                str,
                pa.Check.isin(
                    COUNTY_UNITS,
                    error=f"unit {{found}} is not {' or '.join(COUNTY_UNITS)}, the unit of CEADs' "
                    "county inventories; convert the value first (the factors are listed in "
                    "src/analysis/data/units.py)",
                ),
            ),
            "source_id": pa.Column(
                str,
                pa.Check.isin(sorted(source_ids), error=f"source_id not found in {sources_file}"),
            ),
            "quote": pa.Column(
                str,
                pa.Check.str_length(
                    min_value=1, error="quote is empty: every value needs the cell it was read from"
                ),
            ),
        },
        checks=[
            _row_check(
                lambda r: _prefecture(r["county_code"]) in (None, r["city_zh"]),
                "city_zh differs from the prefecture of its county_code (GB/T 2260 division codes)",
            ),
        ],
        unique=["county_code", "year"],
        strict=False,
    )
