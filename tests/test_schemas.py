"""The rules of schemas.py on small hand-made rows: which target rows, figures and breaks pass."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pandera.errors
import pytest

from analysis.data import loader
from analysis.data import schemas as S
from analysis.data.county import load_county
from analysis.data.tables import validate
from analysis.errors import DataError


def target_row(**values) -> dict:
    row = {
        "id": "a02_x",
        "action": 2,
        "clause": "二（二）9",
        "year": 2030,
        "kind": "capacity",
        "comparator": ">=",
        "value": 7400.0,
        "unit": "万千瓦",
        "base_year": None,
        "indicator": "x",
        "quote_zh": "装机达到7400万千瓦",
        "summary_en": "7,400 万千瓦",
        "data_wanted": "",
        "value_max": None,
    }
    return row | values


def failures(*rows: dict) -> set[str]:
    """The rule texts that fail for these target rows (typed first, as the registry does)."""
    frame = S.TARGET_TYPES.validate(pd.DataFrame(list(rows)))
    try:
        S.TARGET_RULES.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        return set(err.failure_cases["check"].astype(str))
    return set()


KIND = "kind, comparator, value and unit are inconsistent (see the rules in src/analysis/data/schemas.py)"
RANGE = "a 'range' target needs value < value_max; other targets none"


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"kind": "share", "unit": "%", "value": 0.0},
        {"kind": "share", "unit": "%", "value": 100.0},
        {"kind": "capacity", "value": 0.5},
        {"kind": "change_vs_base", "unit": "%", "value": -8.0, "base_year": 2020},
        {"kind": "change_vs_base", "unit": "%", "value": -8.0, "base_year": 2029},
        {"kind": "growth_per_year", "unit": "%/yr", "value": 15.0, "base_year": 2020},
        {"kind": "cumulative", "unit": "万千瓦", "value": 3600.0, "base_year": 2020},
        {
            "kind": "cumulative",
            "unit": "万千瓦",
            "value": 0.5,
            "base_year": 2020,
        },  # any positive total
        {"kind": "peak", "unit": "year", "comparator": "<=", "value": 2030.0},
        {"kind": "binary", "unit": "yes/no", "comparator": "==", "value": 1.0},
        {"kind": "count", "unit": "个", "comparator": ">=", "value": 5.0},
        {"kind": "count", "unit": "个", "comparator": ">=", "value": 1.0},  # at least one
        {"kind": "count", "unit": "个", "comparator": "range", "value": 5.0, "value_max": 10.0},
        {"kind": "level", "unit": "PUE", "comparator": "<=", "value": 1.3},
        {"kind": "level", "unit": "", "comparator": "unquantified", "value": None},
        {"kind": "change_vs_base", "unit": "", "comparator": "unquantified", "value": None},
        {"action": 0, "clause": "一（二）"},
        {"action": 1, "clause": "二（一）1"},
        {"action": 15, "clause": "二（十五）52"},
        {"action": 11, "clause": "二（十一）3"},
        {"indicator": "", "data_wanted": "the yearbook's table 8-3"},
        {"year": None},
        {"year": 2021},
        {"year": 2060},
    ],
)
def test_consistent_target_rows_pass(values):
    assert failures(target_row(**values)) == set()


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"kind": "share", "unit": "万千瓦", "value": 33.0}, KIND),
        ({"kind": "share", "unit": "%", "value": 100.5}, KIND),
        ({"kind": "share", "unit": "%", "value": -0.5}, KIND),
        ({"kind": "capacity", "unit": "GW"}, KIND),
        ({"kind": "capacity", "value": 0.0}, KIND),
        ({"kind": "change_vs_base", "unit": "%", "value": -8.0}, KIND),  # no base year
        ({"kind": "change_vs_base", "unit": "万千瓦", "value": -8.0, "base_year": 2020}, KIND),
        ({"kind": "change_vs_base", "unit": "%", "value": -8.0, "base_year": 2030}, KIND),
        ({"kind": "growth_per_year", "unit": "%", "value": 15.0, "base_year": 2020}, KIND),
        ({"kind": "growth_per_year", "unit": "%/yr", "value": 15.0}, KIND),
        ({"kind": "growth_per_year", "unit": "%/yr", "value": 15.0, "base_year": 2030}, KIND),
        ({"kind": "cumulative", "value": 0.0, "base_year": 2020}, KIND),
        ({"kind": "cumulative", "value": 3600.0}, KIND),
        ({"kind": "cumulative", "value": 3600.0, "base_year": 2030}, KIND),
        ({"kind": "peak", "unit": "year", "comparator": ">=", "value": 2030.0}, KIND),
        ({"kind": "peak", "unit": "%", "comparator": "<=", "value": 2030.0}, KIND),
        ({"kind": "peak", "unit": "year", "comparator": "<=", "value": 2029.0}, KIND),
        ({"kind": "binary", "unit": "yes/no", "comparator": ">=", "value": 1.0}, KIND),
        ({"kind": "binary", "unit": "yes/no", "comparator": "==", "value": 2.0}, KIND),
        ({"kind": "binary", "unit": "%", "comparator": "==", "value": 1.0}, KIND),
        ({"kind": "count", "unit": "个", "comparator": "<=", "value": 5.0}, KIND),
        ({"kind": "count", "unit": "个", "comparator": ">=", "value": 0.0}, KIND),
        ({"kind": "count", "unit": "个", "comparator": ">=", "value": 5.5}, KIND),
        ({"comparator": "range", "value": 5.0}, RANGE),
        ({"comparator": "range", "value": 5.0, "value_max": 5.0}, RANGE),
        ({"value_max": 10.0}, RANGE),
        ({"action": 2, "clause": "二（三）9"}, "clause does not belong to this action number"),
        ({"action": 0, "clause": "二（一）1"}, "clause does not belong to this action number"),
        ({"action": 1, "clause": "一（二）"}, "clause does not belong to this action number"),
        ({"action": 1, "clause": "二（十一）1"}, "clause does not belong to this action number"),
        ({"comparator": "unquantified"},
         "a target has a value exactly when its comparator is not 'unquantified'"),
        ({"value": None}, "a target has a value exactly when its comparator is not 'unquantified'"),
        ({"comparator": "unquantified", "value": None}, "an unquantified target has no unit"),
        ({"unit": ""}, "a quantified target needs a unit"),
        ({"indicator": ""}, "a target without an indicator must say in data_wanted which series "
         "would make it assessable"),
        ({"kind": "ratio"}, "kind must be one of ['share', 'level', 'capacity', "
         "'change_vs_base', 'growth_per_year', 'cumulative', 'peak', 'count', 'binary']"),
        ({"year": 2020}, "target year outside 2021-2060"),
        ({"year": 2061}, "target year outside 2021-2060"),
        ({"id": "x02_x"}, "id must look like a02_some_name"),
        ({"id": "a16_x"}, "id must look like a02_some_name"),
        ({"action": 16, "clause": "二（十六）1"}, "action must be 0 (一（二）) to 15"),
    ],
)  # fmt: skip
def test_inconsistent_target_rows_fail_their_rule(values, rule):
    assert rule in failures(target_row(**values))


def test_an_action_beyond_fifteen_fails_both_its_number_and_its_clause():
    """No numeral exists for action 16: its clause can belong to no action (and nothing crashes)."""
    assert failures(target_row(action=16, clause="二（十六）1")) == {
        "action must be 0 (一（二）) to 15",
        "clause does not belong to this action number",
    }


def test_target_types_coerce_text_and_keep_missing_years_missing():
    frame = S.TARGET_TYPES.validate(
        pd.DataFrame([target_row(action="2", year="2030", value="7400", base_year=None)])
    )
    assert str(frame["action"].dtype) == "Int64" and str(frame["year"].dtype) == "Int64"
    assert frame["value"].dtype == "float64" and frame.loc[0, "value"] == 7400.0
    assert frame["base_year"].isna().all() and frame["value_max"].isna().all()
    with pytest.raises(pandera.errors.SchemaError):
        S.TARGET_TYPES.validate(pd.DataFrame([target_row(action=None)]))  # an action is required
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        S.TARGET_TYPES.validate(pd.DataFrame([target_row(value="12o")]))


def test_duplicate_target_ids_fail():
    assert "field_uniqueness" in failures(target_row(), target_row())


INDICATORS = pd.DataFrame(
    [
        {"id": "share", "unit": "%", "lower": 0.0, "upper": 100.0, "derived_from": ""},
        {"id": "cap", "unit": "万千瓦", "lower": 0.0, "upper": math.nan, "derived_from": ""},
        {"id": "temp", "unit": "°C", "lower": math.nan, "upper": math.nan, "derived_from": ""},
        {
            "id": "both",
            "unit": "万千瓦",
            "lower": 0.0,
            "upper": math.nan,
            "derived_from": "cap + cap",
        },
    ]
)


def figure(**values) -> dict:
    row = {"indicator": "share", "region": "Guangdong", "year": 2020, "value": 30.0,
           "qualifier": "", "unit": "%", "source_id": "s", "quote": "30%"}  # fmt: skip
    return row | values


def series_failures(*rows: dict, when: str = "year") -> set[str]:
    schema = S.series_rules(INDICATORS, {"s", "t"}, "indicators.csv", "sources.csv", when=when)
    frame = pd.DataFrame(list(rows))
    if when == "year":
        frame = S.SERIES_TYPES.validate(frame)
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        return set(err.failure_cases["check"].astype(str))
    return set()


BOUNDS = "value outside the bounds of this indicator (e.g. a share above 100)"


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"value": 0.0},
        {"value": 100.0},
        {"indicator": "cap", "unit": "万千瓦", "value": 1e9},
        {"indicator": "temp", "unit": "°C", "value": -40.0},
        {"qualifier": ">="},
        {"qualifier": "~"},
        {"year": 1949},
        {"year": 2100},
        {"source_id": "t"},
        {"region": "粤"},  # one character is a region (only an empty one is refused)
        {"quote": "5"},  # one character is a quote
    ],
)
def test_valid_figures_pass(values):
    assert series_failures(figure(**values)) == set()


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"value": 100.1}, BOUNDS),
        ({"value": -0.1}, BOUNDS),
        ({"indicator": "cap", "unit": "万千瓦", "value": -5.0}, BOUNDS),
        ({"unit": "万千瓦"}, "unit differs from the catalogue unit of this indicator (indicators.csv); "
         "convert the value first (the factors are listed in src/analysis/data/units.py)"),
        ({"indicator": "nope"}, "unknown indicator (not in indicators.csv)"),
        ({"indicator": "both", "unit": "万千瓦"}, "this indicator is derived from others; do not store it"),
        ({"qualifier": "about"}, "qualifier must be one of ['', '>', '>=', '<', '<=', '~']"),
        ({"source_id": "u"}, "source_id not found in sources.csv"),
        ({"quote": ""}, "quote is empty: every value needs the text it was read from"),
        ({"region": ""}, "region is empty"),
        ({"year": 1948}, "year outside 1949-2100"),
        ({"year": 2101}, "year outside 1949-2100"),
    ],
)  # fmt: skip
def test_invalid_figures_fail_their_rule(values, rule):
    assert rule in series_failures(figure(**values))


def test_an_unknown_indicator_is_not_also_blamed_for_its_unit_or_bounds():
    assert series_failures(figure(indicator="nope", unit="x", value=1e9)) == {
        "unknown indicator (not in indicators.csv)"
    }


def test_one_figure_per_indicator_region_and_year():
    assert "duplicates" not in str(series_failures(figure(), figure(region="Shenzhen")))
    assert series_failures(figure(), figure(year=2021)) == set()
    assert series_failures(figure(), figure(value=31.0, source_id="t")) != set()


@pytest.mark.parametrize(
    ("date", "ok"),
    [("2025-04", True), ("1949-01", True), ("2099-12", True), ("2025-13", False),
     ("2025-00", False), ("1948-12", False), ("2100-01", False), ("2025-4", False), ("2025", False)],
)  # fmt: skip
def test_dated_points_are_dated_by_month(date, ok):
    row = figure(date=date)
    del row["year"]
    failed = series_failures(row, when="date")
    assert (failed == set()) is ok, failed
    if not ok:
        assert "date must be YYYY-MM (a month of 1949-2099)" in failed


def test_indicator_catalogue_rules():
    good = pd.DataFrame(
        [{"id": "cap", "name_zh": "装机", "name_en": "capacity", "unit": "万千瓦", "lower": 0.0,
          "upper": math.nan, "measure": "stock", "context_for": "2 12", "derived_from": ""}]
    )  # fmt: skip
    S.INDICATOR_RULES.validate(S.INDICATOR_TYPES.validate(good))
    for column, value, rule in [
        ("lower", 200.0, "lower bound must be below upper bound"),
        ("measure", "level", "measure must be one of ['stock', 'flow', 'rate', 'cumulative']"),
        ("context_for", "16", "context_for lists action numbers 0-15 separated by spaces"),
        ("id", "Cap", "id must be lower_snake_case"),
    ]:
        bad = good.assign(**{column: value}, upper=100.0 if column == "lower" else math.nan)
        with pytest.raises(pandera.errors.SchemaErrors) as err:
            S.INDICATOR_RULES.validate(S.INDICATOR_TYPES.validate(bad), lazy=True)
        assert rule in set(err.value.failure_cases["check"].astype(str)), column
    equal = good.assign(lower=5.0, upper=5.0)
    with pytest.raises(pandera.errors.SchemaErrors):
        S.INDICATOR_RULES.validate(equal, lazy=True)


def test_break_rules():
    """Each bad cell fails its own rule, named by its message; the key is (indicator, region, year):
    the same year in another region is a different break."""
    rules = S.break_rules({"cap"}, {"s"})
    good = pd.DataFrame(
        [{"indicator": "cap", "region": "Guangdong", "year": 2022, "reason": "new census",
          "source_id": "s", "quote": "q", "old_targets": "not comparable"}]
    )  # fmt: skip
    assert len(good["reason"][0]) == 10  # the shortest reason allowed
    rules.validate(S.BREAK_TYPES.validate(good))
    for column, value, rule in [
        ("old_targets", "maybe", "old_targets must be one of ['comparable', 'not comparable']"),
        ("reason", "new basis", "a break needs its reason"),  # nine characters
        ("indicator", "x", "unknown indicator"),
        ("source_id", "t", "source_id not found"),
        ("year", 2101, "year out of range"),
    ]:
        with pytest.raises(pandera.errors.SchemaErrors) as err:
            rules.validate(S.BREAK_TYPES.validate(good.assign(**{column: value})), lazy=True)
        cases = err.value.failure_cases
        assert set(cases["check"].astype(str)) == {rule} and set(cases["column"]) == {column}
    with pytest.raises(pandera.errors.SchemaErrors) as err:
        rules.validate(
            S.BREAK_TYPES.validate(pd.concat([good, good], ignore_index=True)), lazy=True
        )
    cases = err.value.failure_cases
    assert set(cases["check"]) == {"multiple_fields_uniqueness"}
    assert set(cases["column"]) == {"indicator", "region", "year"}
    elsewhere = pd.concat([good, good.assign(region="Shenzhen")], ignore_index=True)
    rules.validate(S.BREAK_TYPES.validate(elsewhere))


# ------------------------------------------------------------ the lines a data editor reads
# The tests below load hand-made files through the loader, as the book does, and compare the whole
# line each failing row gets (file, row, column and the rule's words, with the value found), so a
# rule that stops firing, fires on the wrong row or column, or says something else is caught.

REGIONS_CSV = """id,name_zh,name_en,level,spellings,note
Guangdong,广东省,Guangdong Province,province,粤,
Shenzhen,深圳市,Shenzhen,city,,
"""
SOURCES = pd.DataFrame({"id": ["s", "t"]})


def write_csv(path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A data folder of its own regions (Guangdong, Shenzhen), as the working directory, so that
    messages name its files as a data editor would see them: series.csv, regions.csv, ..."""
    (tmp_path / "regions.csv").write_text(REGIONS_CSV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def refusal(load) -> list[str]:
    """The lines of the DataError that ``load()`` raises (and it must raise one)."""
    with pytest.raises(DataError) as err:
        load()
    return [str(problem) for problem in err.value.problems]


def county_row(**values) -> dict:
    row = {"county_code": "440103", "county_zh": "荔湾区", "county_en": "Liwan", "city_zh": "广州市",
           "city_en": "Guangzhou", "year": "2019", "value": "1.25", "unit": "Mt CO2",
           "source_id": "s", "quote": "1.25", "note": ""}  # fmt: skip
    return row | values


def load_counties(folder, *rows: dict):
    write_csv(folder / "county_co2.csv", list(rows))
    return load_county(folder, {"s"})


@pytest.mark.parametrize(
    "values",
    [{}, {"county_code": "445381", "county_zh": "罗定市", "city_zh": "云浮市"},
     {"county_code": "441900", "county_zh": "东莞市", "city_zh": "东莞市"},
     {"value": "0"}, {"year": "1949"}, {"year": "2100"}, {"county_zh": "区"}, {"quote": "1"}],
)  # fmt: skip
def test_valid_county_rows_pass(folder, values):
    """Codes 44 + a prefecture's two digits (01-20 without 10 and 11, 51-53) + two digits are
    Guangdong's county-level units (GB/T 2260): 4453 is Yunfu, 4419 Dongguan."""
    frame = load_counties(folder, county_row(**values))
    assert frame["county_code"].tolist() == [county_row(**values)["county_code"]]


NOT_GUANGDONG = ("is not a county-level unit of Guangdong (its code begins with 44 and a "
                 "prefecture's two digits, 01-20 or 51-53)")  # fmt: skip
WRONG_CITY = "city_zh differs from the prefecture of its county_code (GB/T 2260 division codes)"


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"county_code": "44010"},
         "county_code must be a 6-digit code (found '44010')"),
        ({"county_code": "44010a"},
         "county_code must be a 6-digit code (found '44010a')"),
        ({"county_code": "450103"}, f"county_code '450103' {NOT_GUANGDONG}"),
        ({"county_code": "441003"}, f"county_code '441003' {NOT_GUANGDONG}"),  # no 4410
        ({"county_code": "445403"}, f"county_code '445403' {NOT_GUANGDONG}"),  # nor 4454
        ({"county_zh": ""}, "county name is empty (found '')"),
        ({"year": "1948"}, "year outside 1949-2100 (found 1948)"),
        ({"year": "2101"}, "year outside 1949-2100 (found 2101)"),
        ({"value": "-0.01"}, "CO2 emissions cannot be negative (found -0.01)"),
        ({"unit": "万吨"}, "unit '万吨' is not Mt CO2, the unit of CEADs' county inventories; "
                            "convert the value first (the factors are listed in "
                            "src/analysis/data/units.py)"),
        ({"source_id": "t"}, "source_id not found in sources.csv (found 't')"),
        ({"quote": ""}, "quote is empty: every value needs the cell it was read from (found '')"),
    ],
)  # fmt: skip
def test_invalid_county_rows_fail_their_rule(folder, values, line):
    """Each bad cell gets exactly one line: its file, row and column, and its rule's words."""
    column = next(iter(values))
    assert refusal(lambda: load_counties(folder, county_row(**values))) == [
        f"county_co2.csv, row 2, column '{column}': {line}"
    ]


@pytest.mark.parametrize("city", ["深圳市", "广"])
def test_a_county_in_the_wrong_city_fails_the_prefecture_rule_only(folder, city):
    """A row-level rule: its line quotes the code, city and year instead of naming a column. A
    one-character city is a name (only an empty one is refused as empty), so 广 fails only here."""
    assert refusal(lambda: load_counties(folder, county_row(city_zh=city))) == [
        f"county_co2.csv, row 2: {WRONG_CITY} [county_code='440103', city_zh='{city}', year=2019]"
    ]


def test_an_empty_city_is_both_empty_and_not_the_codes_prefecture(folder):
    assert refusal(lambda: load_counties(folder, county_row(city_zh=""))) == [
        f"county_co2.csv, row 2: {WRONG_CITY} [county_code='440103', city_zh='', year=2019]",
        "county_co2.csv, row 2, column 'city_zh': city name is empty (found '')",
    ]


def test_one_county_figure_per_code_and_year(folder):
    assert len(load_counties(folder, county_row(), county_row(year="2018"))) == 2
    other = county_row(county_code="440104", county_zh="越秀区", county_en="Yuexiu")
    assert len(load_counties(folder, county_row(), other)) == 2
    assert refusal(lambda: load_counties(folder, county_row(), county_row(value="2.0"))) == [
        "county_co2.csv, row 3: duplicate: the same county_code='440103', year=2019 as row 2"
    ]


# ------------------------------------------------------------ other readings (series_alternatives.csv)
def reading(**values) -> dict:
    row = {"indicator": "share", "region": "Guangdong", "period": "2020", "value": "30",
           "qualifier": "", "chosen": "yes", "rule": "only reading", "tier": "official statistics",
           "source_id": "s", "from": "raw.csv line 2", "quote": "30%"}  # fmt: skip
    return row | values


def load_readings(folder, *rows: dict) -> pd.DataFrame:
    write_csv(folder / "series_alternatives.csv", list(rows))
    return loader.load_alternatives(folder, INDICATORS, SOURCES, loader.load_regions(folder))


@pytest.mark.parametrize(
    "values",
    [{}, {"period": "1949"}, {"period": "2099"}, {"period": "2020-01"}, {"period": "2020-12"},
     {"value": "-1.5"}, {"value": "1e3"}, {"value": "0"}, {"qualifier": "~"}, {"qualifier": ">="},
     {"chosen": "no"}, {"tier": "secondary"}, {"tier": "press"}, {"source_id": "t"},
     {"region": "Shenzhen"}, {"region": "粤"}, {"quote": "5"}, {"indicator": "temp"}],
)  # fmt: skip
def test_valid_readings_pass(folder, values):
    """粤 is an accepted spelling of Guangdong (regions.csv) and is read as it; one character is a
    quote."""
    frame = load_readings(folder, reading(**values))
    expected = reading(**values) | ({"region": "Guangdong"} if values.get("region") == "粤" else {})
    assert frame.iloc[0].to_dict() == expected


PERIOD = "period must be a year (YYYY) or a month (YYYY-MM) of 1949-2099"


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"indicator": "nope"}, "unknown indicator (not in indicators.csv) (found 'nope')"),
        ({"region": "Hongkong"},
         "unknown region 'Hongkong' (known: Guangdong, Shenzhen; see regions.csv)"),
        ({"region": ""}, "unknown region '' (known: Guangdong, Shenzhen; see regions.csv)"),
        ({"period": "1948"}, f"{PERIOD} (found '1948')"),  # 1940-1948 passed before
        ({"period": "1940-05"}, f"{PERIOD} (found '1940-05')"),
        ({"period": "2100"}, f"{PERIOD} (found '2100')"),
        ({"period": "2020-13"}, f"{PERIOD} (found '2020-13')"),
        ({"period": "2020-00"}, f"{PERIOD} (found '2020-00')"),
        ({"period": "2020-1"}, f"{PERIOD} (found '2020-1')"),
        ({"period": "20201"}, f"{PERIOD} (found '20201')"),
        ({"value": "abc"}, "not a number: 'abc'"),
        ({"value": "3O"}, "not a number: '3O'"),
        ({"value": ""}, "not a number: ''"),
        ({"value": "nan"}, "not a number: 'nan'"),  # float() reads these four
        ({"value": "inf"}, "not a number: 'inf'"),
        ({"value": "-Infinity"}, "not a number: '-Infinity'"),
        ({"value": "NaN"}, "not a number: 'NaN'"),
        ({"qualifier": "about"}, "qualifier must be one of ['', '>', '>=', '<', '<=', '~'] "
                                 "(found 'about')"),
        ({"chosen": "maybe"}, "chosen must be one of ['yes', 'no'] (found 'maybe')"),
        ({"tier": "blog"}, "tier must be one of ['official statistics', 'government', 'press', "
                           "'database', 'secondary'] (found 'blog')"),
        ({"source_id": "u"}, "source_id not found in sources.csv (found 'u')"),
        ({"quote": ""}, "quote is empty: every reading needs the text it was read from (found '')"),
    ],
)  # fmt: skip
def test_invalid_readings_fail_their_rule(folder, values, line):
    """Each bad cell gets exactly one line: file, row, column and its rule's words."""
    column = next(iter(values))
    assert refusal(lambda: load_readings(folder, reading(), reading(**values))) == [
        f"series_alternatives.csv, row 3, column '{column}': {line}"
    ]


def test_every_bad_reading_is_named_by_its_own_row(folder):
    lines = refusal(
        lambda: load_readings(
            folder, reading(value="x"), reading(), reading(chosen="Yes", tier="Press")
        )
    )
    assert lines == [
        "series_alternatives.csv, row 2, column 'value': not a number: 'x'",
        "series_alternatives.csv, row 4, column 'chosen': chosen must be one of ['yes', 'no'] "
        "(found 'Yes')",
        "series_alternatives.csv, row 4, column 'tier': tier must be one of ['official "
        "statistics', 'government', 'press', 'database', 'secondary'] (found 'Press')",
    ]


@pytest.mark.parametrize("text", [" 5", "5 ", "\t5"])
def test_a_reading_padded_with_spaces_is_not_a_number(text):
    """The loader strips cells, but the rule itself takes only the number as written: float()
    would read ' 5' as 5."""
    rules = S.alternative_rules({"share"}, {"s"}, {"Guangdong"}, "regions.csv", "indicators.csv",
                                "sources.csv")  # fmt: skip
    frame = pd.DataFrame([reading(value=text)], dtype=str)
    with pytest.raises(DataError) as err:
        validate(frame, rules, "series_alternatives.csv")
    assert [str(p) for p in err.value.problems] == [
        f"series_alternatives.csv, row 2, column 'value': not a number: {text!r}"
    ]


# ------------------------------------------------------------ breaks and figures, through the loader
def a_break(**values) -> dict:
    row = {"indicator": "cap", "region": "Guangdong", "year": "2022", "reason": "new census",
           "source_id": "s", "quote": "q", "old_targets": "not comparable"}  # fmt: skip
    return row | values


def load_breaks(folder, *rows: dict) -> pd.DataFrame:
    write_csv(folder / "breaks.csv", list(rows))
    return loader.load_breaks(folder, INDICATORS, SOURCES, loader.load_regions(folder))


@pytest.mark.parametrize(
    ("values", "line"),
    [
        ({"indicator": "x"}, "unknown indicator (found 'x')"),
        ({"region": "Hongkong"},
         "unknown region 'Hongkong' (known: Guangdong, Shenzhen; see regions.csv)"),
        ({"year": "1948"}, "year out of range (found 1948)"),
        ({"year": "2101"}, "year out of range (found 2101)"),
        ({"year": "2022.5"}, "not a whole number: '2022.5'"),
        ({"reason": "new basis"}, "a break needs its reason (found 'new basis')"),  # 9 characters
        ({"source_id": "u"}, "source_id not found (found 'u')"),
        ({"old_targets": "maybe"},
         "old_targets must be one of ['comparable', 'not comparable'] (found 'maybe')"),
    ],
)  # fmt: skip
def test_invalid_breaks_fail_their_rule(folder, values, line):
    column = next(iter(values))
    other = a_break(region="Shenzhen")
    assert refusal(lambda: load_breaks(folder, other, a_break(**values))) == [
        f"breaks.csv, row 3, column '{column}': {line}"
    ]


def test_a_break_is_kept_with_its_region_and_year(folder):
    frame = load_breaks(folder, a_break(), a_break(region="粤", year="2023"))
    assert frame[["region", "year"]].to_dict("records") == [
        {"region": "Guangdong", "year": 2022},
        {"region": "Guangdong", "year": 2023},
    ]
    assert refusal(lambda: load_breaks(folder, a_break(), a_break(region="粤"))) == [
        "breaks.csv, row 3: duplicate: the same indicator='cap', region='Guangdong', year=2022 "
        "as row 2"
    ]


def test_an_unknown_region_of_a_figure_names_the_known_ones_and_their_file(folder):
    rows = [figure(), figure(region="Hongkong", year=2021)]
    write_csv(
        folder / "series.csv", [{k: str(v) for k, v in r.items()} | {"note": ""} for r in rows]
    )
    regions = loader.load_regions(folder)
    assert refusal(lambda: loader.load_series(folder, INDICATORS, SOURCES, regions)) == [
        "series.csv, row 3, column 'region': unknown region 'Hongkong' (known: Guangdong, "
        "Shenzhen; see regions.csv)"
    ]


@pytest.mark.parametrize(
    "rules",
    [
        lambda: S.series_rules(INDICATORS, {"s"}, "indicators.csv", "sources.csv",
                               regions={"Guangdong", "Shenzhen"}),
        lambda: S.break_rules({"share"}, {"s"}, {"Guangdong", "Shenzhen"}),
    ],
    ids=["series", "breaks"],
)  # fmt: skip
def test_without_a_regions_file_name_the_rules_point_to_regions_csv(rules):
    frame = S.BREAK_TYPES.validate(pd.DataFrame([figure(region="Hongkong")]))
    frame = frame.assign(reason="a new basis", old_targets="comparable")
    with pytest.raises(DataError) as err:
        validate(frame, rules(), "f.csv")
    assert [str(p) for p in err.value.problems] == [
        "f.csv, row 2, column 'region': unknown region 'Hongkong' (known: Guangdong, Shenzhen; "
        "see regions.csv)"
    ]


def test_file_lines_survive_pandas_copies_and_pickling_without_being_copied(tmp_path):
    """pandas deep-copies ``attrs`` on nearly every operation; the row-to-line map is shared, and
    a filtered, pickled frame still names each row's line in its file."""
    import copy
    import pickle

    from analysis.data.tables import line_of, read_csv_table

    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,x\n\n2,y\n3,z\n", encoding="utf-8")  # an empty line: rows on 2, 4, 5
    frame = read_csv_table(path, ["a", "b"])
    assert copy.deepcopy(frame.attrs)["lines"] is frame.attrs["lines"]
    later = pickle.loads(pickle.dumps(frame[frame["a"] != "1"]))
    assert [line_of(later, i) for i in later.index] == [4, 5]
