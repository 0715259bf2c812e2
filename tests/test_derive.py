"""Derived indicators, worked by hand: sums, ratios, chained indices, yearly totals of months."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.derive import (
    Formula,
    PartialYear,
    derive_rows,
    parse_formula,
    partial_year,
    yearly_from_months,
)


def rows(*items, when: str = "year") -> pd.DataFrame:
    """(indicator, region, year-or-date, value, qualifier, source) tuples as a series frame."""
    return pd.DataFrame(
        [
            {
                "indicator": i,
                "region": r,
                when: at,
                "value": float(v),
                "qualifier": q,
                "unit": "u",
                "source_id": s,
                "quote": "q",
                "note": "",
            }
            for i, r, at, v, q, s in items
        ]
    )


def catalogue(**formulas: str) -> pd.DataFrame:
    ids = ["a", "b", "c", *formulas]
    return pd.DataFrame(
        [{"id": i, "unit": "u", "derived_from": formulas.get(i, "")} for i in dict.fromkeys(ids)]
    )


def derived(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return frame[frame["indicator"] == indicator].reset_index(drop=True)


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("", None),
        ("   ", None),
        ("a + b", Formula("sum", ("a", "b"))),
        ("a+b+c2", Formula("sum", ("a", "b", "c2"))),
        ("wind", Formula("sum", ("wind",))),
        ("co2 / gdp_index", Formula("ratio", ("co2", "gdp_index"))),
        ("chain(gdp_growth)", Formula("chain", ("gdp_growth",))),
        (" chain( gdp_growth ) ", Formula("chain", ("gdp_growth",))),
    ],
)
def test_formulas_are_read(text, formula):
    assert parse_formula(text) == formula


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a / b / c", "a ratio is 'a / b'"),
        ("a / B", "a ratio is 'a / b'"),
        ("a - b", "derived_from must be"),
        ("a + 2b", "derived_from must be"),
        ("chain(a, b)", "derived_from must be"),
    ],
)
def test_malformed_formulas_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_formula(text)


def test_a_sum_of_parts_for_the_same_region_and_year():
    """wind 100 + solar 50.5 = 150.5 (2020, Guangdong); 2021 has no solar figure: no sum; Shenzhen
    is summed on its own: 1 + 2 = 3. The derived row cites both sources once each and says how."""
    frame = rows(
        ("a", "Guangdong", 2020, 100, "", "s1"),
        ("b", "Guangdong", 2020, 50.5, "", "s2"),
        ("a", "Guangdong", 2021, 120, "", "s1"),
        ("a", "Shenzhen", 2020, 1, "", "s1"),
        ("b", "Shenzhen", 2020, 2, "", "s1"),
    )
    out = derive_rows(frame, catalogue(t="a + b"))
    assert out["derived"].tolist() == [False] * 5 + [True] * 2  # published rows marked False
    assert out.index.tolist() == list(range(7))  # one row per label (callers look rows up by it)
    total = derived(out, "t")
    assert total[["region", "year", "value"]].values.tolist() == [
        ["Guangdong", 2020, 150.5],
        ["Shenzhen", 2020, 3.0],
    ]
    first = total.iloc[0]
    assert (first["source_id"], first["qualifier"], first["unit"]) == ("s1+s2", "", "u")
    assert first["quote"] == "derived: a 100 + b 50.5" and first["note"] == "sum of a and b"
    assert total["derived"].tolist() == [True, True] and total.iloc[1]["source_id"] == "s1"


@pytest.mark.parametrize(
    ("qa", "qb", "sum_q", "ratio_q"),
    [
        ("", "", "", ""),
        (">", "", ">=", "~"),
        (">=", ">", ">=", "~"),
        ("~", "", "~", "~"),
        (">", "<", "~", "~"),
        ("<=", "", "~", "~"),
    ],
)
def test_a_bound_or_approximate_part_qualifies_the_result(qa, qb, sum_q, ratio_q):
    """A sum of lower bounds is a lower bound; anything else uncertain is approximate."""
    frame = rows(("a", "G", 2020, 8, qa, "s"), ("b", "G", 2020, 2, qb, "s"))
    out = derive_rows(frame, catalogue(t="a + b", r="a / b"))
    assert derived(out, "t")["qualifier"].tolist() == [sum_q]
    assert derived(out, "r")["qualifier"].tolist() == [ratio_q]


def test_rows_already_marked_keep_their_mark():
    """A frame that already says which rows are derived (a second pass) keeps those marks."""
    frame = rows(("a", "G", 2020, 1, "", "s"), ("b", "G", 2020, 2, "", "s"))
    frame["derived"] = [False, True]
    out = derive_rows(frame, catalogue(t="a + b"))
    assert out["derived"].tolist() == [False, True, True]


def test_a_ratio_and_a_zero_denominator():
    """co2 300 / gdp 150 = 2 (2020); gdp 0 in 2021: no ratio rather than infinity; 2022 goes on:
    330 / 110 = 3."""
    frame = rows(
        ("a", "G", 2020, 300, "", "s1"),
        ("b", "G", 2020, 150, "", "s2"),
        ("a", "G", 2021, 300, "", "s1"),
        ("b", "G", 2021, 0, "", "s2"),
        ("a", "G", 2022, 330, "", "s1"),
        ("b", "G", 2022, 110, "", "s2"),
    )
    ratio = derived(derive_rows(frame, catalogue(r="a / b")), "r")
    assert ratio[["year", "value"]].values.tolist() == [[2020, 2.0], [2022, 3.0]]
    assert ratio["derived"].tolist() == [True, True]
    assert ratio.iloc[0]["quote"] == "derived: a 300 / b 150"
    assert ratio.iloc[0]["note"] == "ratio of a to b"


def test_a_chained_index_from_yearly_changes():
    """Changes +10 % (2019, after a gap), +10 % (2021), -50 % (2022), +4 % (2023): the latest unbroken
    run is 2021-2023, so 2020 = 100, 2021 = 110, 2022 = 55, 2023 = 57.2 (2019 is not bridged)."""
    frame = rows(
        ("a", "G", 2019, 10, "", "s1"),
        ("a", "G", 2021, 10, "", "s1"),
        ("a", "G", 2022, -50, "~", "s2"),
        ("a", "G", 2023, 4, "", "s1"),
    )
    index = derived(derive_rows(frame, catalogue(i="chain(a)")), "i")
    assert index["year"].tolist() == [2020, 2021, 2022, 2023]
    assert index["value"].tolist() == pytest.approx([100, 110, 55, 57.2])
    assert index["qualifier"].tolist() == ["", "", "~", ""]
    assert index["source_id"].tolist() == ["s1", "s1", "s1+s2", "s1+s2"]
    assert index["note"].tolist() == ["chained from a: 2020 = 100"] * 4  # every row says so
    assert index.iloc[2]["quote"] == "derived: 2020 = 100, chained with a to 2022 (-50 % in 2022)"
    assert index["derived"].all()


def test_a_chain_is_only_made_from_yearly_figures():
    points = rows(("a", "G", "2024-06", 5, "", "s"), when="date")
    out = derive_rows(points, catalogue(i="chain(a)"), when="date")
    assert (out["indicator"] == "i").sum() == 0


def test_derived_indicators_may_use_derived_ones_whatever_their_order():
    """ratio r = t / c where t = a + b is listed after r: (2 + 3) / 10 = 0.5."""
    frame = rows(
        ("a", "G", 2020, 2, "", "s"), ("b", "G", 2020, 3, "", "s"), ("c", "G", 2020, 10, "", "s")
    )
    out = derive_rows(frame, catalogue(r="t / c", t="a + b"))
    assert derived(out, "t")["value"].tolist() == [5.0]
    assert derived(out, "r")["value"].tolist() == [0.5]


def test_dated_points_are_summed_by_date_and_keep_their_kind():
    frame = rows(("a", "G", "2025-06", 7, "", "s"), ("b", "G", "2025-06", 3, "", "s"), when="date")
    frame["kind"], frame["label"] = "status", "2025-06"
    out = derived(derive_rows(frame, catalogue(t="a + b"), when="date"), "t")
    assert out[["date", "value", "kind", "label"]].values.tolist() == [
        ["2025-06", 10.0, "status", "2025-06"]
    ]
    frame["kind"], frame["label"] = ["part", "status"], ["2025 H1", "2025-06"]
    out = derived(derive_rows(frame, catalogue(t="a + b"), when="date"), "t")
    assert out[["kind", "label"]].values.tolist() == [["part", "2025 H1"]]  # as the first part says


def months(indicator: str, year: int, values: list[float], region: str = "G") -> list[dict]:
    return [
        {
            "indicator": indicator,
            "region": region,
            "month": f"{year}-{m:02d}",
            "value": v,
            "unit": "Mt",
            "source_id": "cm",
            "quote": "q",
            "note": "",
        }
        for m, v in enumerate(values, start=1)
    ]


def test_yearly_totals_of_complete_years_only():
    """2023: twelve months of 1..12, total 78; 2024 has eleven months: no yearly total."""
    frame = pd.DataFrame(months("co2", 2023, list(range(1, 13))) + months("co2", 2024, [1.0] * 11))
    out = yearly_from_months(frame)
    assert out[["indicator", "region", "year", "value"]].values.tolist() == [
        ["co2", "G", 2023, 78.0]
    ]
    row = out.iloc[0]
    assert (row["unit"], row["source_id"], row["qualifier"], bool(row["derived"])) == (
        "Mt",
        "cm",
        "",
        True,
    )
    assert (
        row["quote"] == "derived: sum of the 12 monthly figures 2023-01 to 2023-12 in monthly.csv"
    )
    assert yearly_from_months(pd.DataFrame()).empty


def test_the_incomplete_latest_year_against_the_same_months_before():
    """Jan-Mar 2025: 2 + 2 + 2 = 6 against Jan-Mar 2024: 1 + 2 + 1 = 4: +50 %."""
    frame = pd.DataFrame(
        months("co2", 2024, [1, 2, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5]) + months("co2", 2025, [2, 2, 2])
    )
    p = partial_year(frame, "co2", region="G")
    assert p == PartialYear(2025, 3, 6.0, 4.0)
    assert p.change == pytest.approx(50.0) and p.label == "2025 Jan–Mar"
    assert partial_year(frame, "other", region="G") is None
    assert partial_year(frame, "co2", region="elsewhere") is None


def test_a_partial_year_of_eleven_months_in_guangdong_by_default():
    """Jan-Nov 2025, 1 each: 11 against Jan-Nov 2024, 2 each: 22, −50 %; Guangdong is the default."""
    frame = pd.DataFrame(
        months("co2", 2024, [2.0] * 12, "Guangdong") + months("co2", 2025, [1.0] * 11, "Guangdong")
    )
    p = partial_year(frame, "co2")
    assert (p.year, p.months, p.total, p.previous_total) == (2025, 11, 11.0, 22.0)
    assert p.change == pytest.approx(-50.0) and p.label == "2025 Jan–Nov"


def test_no_partial_year_when_the_latest_is_complete_or_has_a_gap():
    complete = pd.DataFrame(months("co2", 2024, [1.0] * 12))
    assert partial_year(complete, "co2", region="G") is None
    gap = pd.DataFrame(months("co2", 2025, [1.0, 1.0, 1.0]))
    gap = gap[gap["month"] != "2025-02"]
    assert partial_year(gap, "co2", region="G") is None


def test_a_partial_year_without_the_year_before_has_no_change():
    frame = pd.DataFrame(months("co2", 2025, [3.0, 4.0]))
    p = partial_year(frame, "co2", region="G")
    assert (p.total, p.previous_total, p.change, p.label) == (7.0, None, None, "2025 Jan–Feb")
    half = pd.DataFrame(months("co2", 2024, [1.0]) + months("co2", 2025, [3.0, 4.0]))
    assert partial_year(half, "co2", region="G").previous_total is None  # Feb 2024 missing
    assert PartialYear(2025, 12, 1.0, 0.0).change is None and PartialYear(2025, 12, 1, 1).label == (
        "2025 Jan–Dec"
    )


def test_a_chained_index_over_an_unbroken_run_and_after_a_last_gap():
    """Changes in 2020–2023 (+10, +10, +10, +10 %): 2019 = 100, then 110, 121, 133.1, 146.41, each row
    a derived Guangdong row in the catalogue's unit. Changes in 2020, 2021, 2023: the run is 2023 alone,
    so 2022 = 100 and 2023 = 110."""
    frame = rows(*[("a", "Guangdong", y, 10, "", "s") for y in range(2020, 2024)])
    index = derived(derive_rows(frame, catalogue(i="chain(a)")), "i")
    assert index["year"].tolist() == [2019, 2020, 2021, 2022, 2023]
    assert index["value"].tolist() == pytest.approx([100, 110, 121, 133.1, 146.41])
    assert index["region"].tolist() == ["Guangdong"] * 5 and index["unit"].tolist() == ["u"] * 5
    assert index["derived"].tolist() == [True] * 5
    gap = rows(*[("a", "Guangdong", y, 10, "", "s") for y in (2020, 2021, 2023)])
    last = derived(derive_rows(gap, catalogue(i="chain(a)")), "i")
    assert last[["year", "value"]].values.tolist() == [[2022, 100.0], [2023, pytest.approx(110.0)]]


def test_yearly_totals_skip_an_incomplete_year_before_a_complete_one():
    """2022 has eleven months, 2023 twelve (from two sources): only 2023 is summed, citing both."""
    y2022 = months("co2", 2022, [1.0] * 11)
    y2023 = months("co2", 2023, [2.0] * 12)
    y2023[0]["source_id"] = "cm2"
    out = yearly_from_months(pd.DataFrame(y2022 + y2023))
    assert out[["year", "value"]].values.tolist() == [[2023, 24.0]]
    assert out.iloc[0]["source_id"] == "cm2+cm"
    assert out.iloc[0]["note"] == "calendar-year total of monthly figures (a derivation)"
