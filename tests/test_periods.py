"""What a raw figure's printed date means: every form the raw files use, with its time on the axis.

A year's figure sits at t = year; the end of month M of year Y at t = Y - 1 + M/12 (end-April 2025 is
2024 + 4/12 = 2024.3333).
"""

from __future__ import annotations

import pytest

from analysis.data.periods import Period, parse_period, time_of


@pytest.mark.parametrize(
    ("text", "kind", "year", "month", "label"),
    [
        ("2023", "year", 2023, None, "2023"),
        (" 2023 ", "year", 2023, None, "2023"),
        ("2024-06", "status", 2024, 6, "2024-06"),
        ("2024-06-30", "status", 2024, 6, "2024-06"),
        ("to 2023-03", "status", 2023, 3, "2023-03"),
        ("to 2023-03-31 (reported 2023-04)", "status", 2023, 3, "2023-03"),
        ("2021-2025.08", "status", 2025, 8, "2025-08"),
        ("2020H1", "part", 2020, 6, "2020 H1"),
        ("2022Q1-Q1", "part", 2022, 3, "2022 Q1-Q1"),
        ("2022Q1-Q2", "part", 2022, 6, "2022 Q1-Q2"),
        ("2022Q1-Q3", "part", 2022, 9, "2022 Q1-Q3"),
        ("2022Q1-Q4", "part", 2022, 12, "2022 Q1-Q4"),
        ("2022M01-M07", "part", 2022, 7, "2022 Jan-07"),
        ("2022Jan-Apr", "part", 2022, 4, "2022 Jan-Apr"),
        ("2022Jan-dec", "part", 2022, 12, "2022 Jan-dec"),
        ("2022 (to 12-11)", "part", 2022, 12, "2022 to 12-11"),
        ("2022 (to 2022-10-31)", "part", 2022, 10, "2022 to 2022-10-31"),
        ("2020 (Jan-Jun)", "part", 2020, 6, "2020 H1"),
        ("2021 (reported 2022-03)", "year", 2021, None, "2021"),
        ("2021 (reported 2022)", "year", 2021, None, "2021"),
        ("2024 (reported 2024-06)", "status", 2024, 6, "2024-06"),
        ("2025 (end of 14th FYP; reported 2026-01)", "year", 2025, None, "2025"),
        ("2025 (end of 14th FYP)", "year", 2025, None, "2025"),
        ("reported 2025-03 (reference year not printed)", "status", 2025, 3, "reported 2025-03"),
        ("reported 2025-03-02 (reference year not printed)", "status", 2025, 3, "reported 2025-03"),
    ],
)
def test_each_printed_date_is_placed_in_time(text, kind, year, month, label):
    p = parse_period(text)
    assert (p.kind, p.year, p.month, p.label) == (kind, year, month, label)
    assert p.reason == ""


def test_a_month_of_a_monthly_series_is_a_month_not_a_status():
    assert parse_period("2024-06", monthly=True) == Period("month", 2024, 6, "2024-06")
    assert parse_period("2024-06", monthly=False).kind == "status"


def test_a_plan_period_is_a_period_ending_in_its_last_year():
    p = parse_period("2021-2025")
    assert (p.kind, p.year, p.month, p.label) == ("period", 2025, None, "2021-2025")
    assert p.reason == "a total over the period 2021-2025, not a yearly figure"
    assert parse_period("2016-2020 (13th FYP)").label == "2016-2020"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("c.2022", "reference year only approximate ('c.2022')"),
        ("2024 (reported 2024)", "reported in 2024 without a month: status date unknown"),
        ("2024 (reported 2023-05)", "the printed date '2024 (reported 2023-05)' does not place "
         "the figure in time"),
        ("2024 (estimate)", "the printed date '2024 (estimate)' does not place the figure in time"),
        ("2025 (end of year)", "the printed date '2025 (end of year)' does not place the figure in "
         "time"),
        ("2025 (14th FYP)", "the printed date '2025 (14th FYP)' does not place the figure in time"),
        ("2022Jan-Xyz", "the printed date '2022Jan-Xyz' is not a year, month or period"),
        ("20235", "the printed date '20235' is not a year, month or period"),
        ("2023Q2-Q3", "the printed date '2023Q2-Q3' is not a year, month or period"),
        ("2023Q1-Q5", "the printed date '2023Q1-Q5' is not a year, month or period"),
        ("", "the printed date '' is not a year, month or period"),
    ],
)  # fmt: skip
def test_what_cannot_be_dated_is_undated_with_the_reason(text, reason):
    p = parse_period(text)
    assert (p.kind, p.year, p.month, p.time) == ("undated", None, None, None)
    assert p.reason == reason


@pytest.mark.parametrize(
    ("period", "time", "date"),
    [
        (Period("year", 2024, label="2024"), 2024.0, None),
        (Period("status", 2025, 4, "2025-04"), 2024 + 4 / 12, "2025-04"),  # end-April 2025
        (Period("status", 2025, 12, "2025-12"), 2025.0, "2025-12"),  # end-December = the year
        (Period("part", 2020, 6, "2020 H1"), 2019.5, "2020-06"),
        (Period("month", 2019, 1, "2019-01"), 2018 + 1 / 12, "2019-01"),
        (Period("status", 987, 3, "x"), 986.25, "0987-03"),  # zero-padded date
    ],
)
def test_time_on_the_axis_and_date(period, time, date):
    assert period.time == pytest.approx(time, abs=1e-12)
    if date is not None:
        assert period.date == date


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("2024", 2024.0),
        ("2025-04", 2024 + 4 / 12),
        (" 2023-12 ", 2023.0),
        ("2022-01", 2021 + 1 / 12),
    ],
)
def test_time_of_a_date(text, time):
    assert time_of(text) == pytest.approx(time, abs=1e-12)


@pytest.mark.parametrize("text", ["2024-4", "24", "2024/04", "2024-04-01", "x2024"])
def test_time_of_refuses_other_forms(text):
    with pytest.raises(ValueError, match="not a date of the form YYYY or YYYY-MM"):
        time_of(text)
