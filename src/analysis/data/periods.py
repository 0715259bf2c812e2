"""What a raw figure's printed date means: a calendar year, a status on a day, a part-year, a period.

Raw files print dates as found (``2023``, ``2024-06``, ``2023H1``, ``to 2023-03``,
``2021 (reported 2022-03)``, ``2016-2020``). The book keeps four kinds apart:

- **year**: a whole calendar year (a flow or rate for the year, or a stock at year end). A figure
  printed for a year but reported later (``2021 (reported 2022-03)``, ``2025 (end of 14th FYP;
  reported 2026-01)``) is that year's figure.
- **status**: a stock or running total on a date, e.g. capacity "as of end-August 2025", a
  cumulative total "to 2023-03", or a year that is the year of the report itself
  (``2024 (reported 2024-06)`` is the status in June 2024, not the end-2024 figure).
- **part**: a flow or rate over part of a year (``2020H1``, ``2022Q1-Q3``, ``2022Jan-Apr``); shown,
  never used for a rate of change.
- **month**: one calendar month of a monthly series (Carbon Monitor), summed to years by the loader.
- **period**: a total over a plan period (``2021-2025``): for a running total it is the total at the
  end of the period's last year; for anything else it is excluded.

Anything else (a plan period ``2016-2020``, a year not printed, ``c.2022``) cannot be dated and is
excluded on import with the reason.

Time is measured in years with a year's figure at ``t = year`` (its end) and the end of month M
of year Y at ``t = Y - 1 + M/12``: end-April 2025 is t = 2024.33, a third of a year after end-2024.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("year", "status", "part", "month", "period", "undated")


@dataclass(frozen=True)
class Period:
    kind: str  # one of KINDS
    year: int | None = None
    month: int | None = None  # the last month the figure covers or is dated to
    label: str = ""  # how the book shows it: '2024', '2025-04', '2020 H1'
    reason: str = ""  # for undated figures: why they cannot be placed in time

    @property
    def time(self) -> float | None:
        if self.year is None:
            return None
        if self.month is None:
            return float(self.year)
        return self.year - 1 + self.month / 12

    @property
    def date(self) -> str:
        """``YYYY-MM`` for dated points (status, part, month)."""
        return f"{self.year:04d}-{self.month:02d}"


def time_of(date: str) -> float:
    """Years on the book's time axis for a ``YYYY`` or ``YYYY-MM`` date."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", date.strip())
    if not match:
        raise ValueError(f"not a date of the form YYYY or YYYY-MM: {date!r}")
    year, month = int(match.group(1)), match.group(2)
    return float(year) if month is None else year - 1 + int(month) / 12


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
_QUARTER_END = {"1": 3, "2": 6, "3": 9, "4": 12}


def parse_period(text: str, monthly: bool = False) -> Period:
    """Read a raw ``year`` cell; ``monthly`` says a ``YYYY-MM`` cell is one month of a monthly series."""
    raw = text.strip()
    if re.fullmatch(r"\d{4}", raw):
        return Period("year", int(raw), label=raw)
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", raw):
        year, month = int(m.group(1)), int(m.group(2))
        if monthly:
            return Period("month", year, month, f"{year}-{month:02d}")
        return Period("status", year, month, f"{year}-{month:02d}")
    if m := re.fullmatch(r"to (\d{4})-(\d{2})(?:-\d{2})?(?: \(reported [\d-]+\))?", raw):
        year, month = int(m.group(1)), int(m.group(2))
        return Period("status", year, month, f"{year}-{month:02d}")
    if m := re.fullmatch(r"(\d{4})-(\d{4})\.(\d{2})", raw):  # cumulative from a year to a month
        year, month = int(m.group(2)), int(m.group(3))
        return Period("status", year, month, f"{year}-{month:02d}")
    if m := re.fullmatch(r"(\d{4})H1", raw):
        return Period("part", int(m.group(1)), 6, f"{m.group(1)} H1")
    if m := re.fullmatch(r"(\d{4})Q1-Q([1-4])", raw):
        return Period(
            "part", int(m.group(1)), _QUARTER_END[m.group(2)], f"{m.group(1)} Q1-Q{m.group(2)}"
        )
    if m := re.fullmatch(r"(\d{4})M01-M(\d{2})", raw):
        return Period("part", int(m.group(1)), int(m.group(2)), f"{m.group(1)} Jan-{m.group(2)}")
    if m := re.fullmatch(r"(\d{4})Jan-([A-Za-z]{3})", raw):
        month = _MONTHS.get(m.group(2).lower())
        if month:
            return Period("part", int(m.group(1)), month, f"{m.group(1)} Jan-{m.group(2)}")
    if m := re.fullmatch(r"(\d{4}) \((.*)\)", raw):
        year, inside = int(m.group(1)), m.group(2)
        if to := re.fullmatch(r"to (?:\d{4}-)?(\d{2})-?(\d{2})?", inside):  # '2022 (to 12-11)'
            return Period("part", year, int(to.group(1)), f"{year} to {inside[3:]}")
        if inside.startswith("Jan-Jun"):
            return Period("part", year, 6, f"{year} H1")
        reported = re.search(r"reported (\d{4})(?:-(\d{2}))?", inside)
        if reported:
            r_year, r_month = int(reported.group(1)), reported.group(2)
            if r_year > year:
                return Period("year", year, label=str(year))
            if r_year == year and r_month:
                return Period("status", year, int(r_month), f"{year}-{r_month}")
            if r_year == year:
                return Period(
                    "undated", reason=f"reported in {year} without a month: status date unknown"
                )
        if "end of" in inside and "FYP" in inside:
            return Period("year", year, label=str(year))
        return Period(
            "undated", reason=f"the printed date {raw!r} does not place the figure in time"
        )
    if m := re.fullmatch(r"(\d{4})-(\d{4})(?: \(.*\))?", raw):
        # a total over a plan period: for a running total, its status at the end of the period
        return Period(
            "period",
            int(m.group(2)),
            label=f"{m.group(1)}-{m.group(2)}",
            reason=f"a total over the period {m.group(1)}-{m.group(2)}, not a yearly figure",
        )
    if raw.startswith("c."):
        return Period("undated", reason=f"reference year only approximate ({raw!r})")
    if m := re.fullmatch(
        r"reported (\d{4})-(\d{2})(?:-\d{2})? \(reference year not printed\)", raw
    ):
        # the latest figure known on the report date: dated to the report, never to a guessed year
        year, month = int(m.group(1)), int(m.group(2))
        return Period("status", year, month, f"reported {year}-{month:02d}")
    return Period("undated", reason=f"the printed date {raw!r} is not a year, month or period")
