"""Load the indicator catalogue, sources and series from a data directory into validated frames.

This is the only way the book reads data: every problem in any file is collected and reported as
one line each (file, row, column, what is wrong) before anything is modelled or drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schemas as S
from .derive import PartialYear, derive_rows, parse_formula, partial_year, yearly_from_months
from .errors import DataError, Problem
from .paths import DATA_DIR
from .periods import time_of
from .tables import blank_to_na, clean_numbers, display_path, read_csv_table, validate

INDICATORS_FILE = "indicators.csv"
SOURCES_FILE = "sources.csv"
SERIES_FILE = "series.csv"
BREAKS_FILE = "breaks.csv"
POINTS_FILE = "points.csv"
MONTHLY_FILE = "monthly.csv"
ALTERNATIVES_FILE = "series_alternatives.csv"
ALTERNATIVE_COLUMNS = [
    "indicator",
    "region",
    "period",
    "value",
    "qualifier",
    "chosen",
    "rule",
    "tier",
    "source_id",
    "from",
    "quote",
]


@dataclass(frozen=True)
class Dataset:
    """Validated tables; ``series`` includes derived indicators (flagged ``derived=True``)."""

    indicators: pd.DataFrame
    sources: pd.DataFrame
    series: pd.DataFrame
    data_dir: Path
    breaks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=S.BREAK_COLUMNS))
    points: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=[*S.POINT_COLUMNS, "derived"])
    )
    monthly: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=S.MONTHLY_COLUMNS))
    alternatives: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    )

    def break_year(self, indicator_id: str, region: str = "Guangdong") -> int | None:
        """First year of the latest statistical basis of an indicator, or None if it has no break."""
        rows = self.breaks[
            (self.breaks["indicator"] == indicator_id) & (self.breaks["region"] == region)
        ]
        return int(rows["year"].max()) if len(rows) else None

    def break_comparable(self, indicator_id: str, region: str = "Guangdong") -> bool:
        """Whether targets set on the basis before the latest break stay comparable with it."""
        rows = self.breaks[
            (self.breaks["indicator"] == indicator_id) & (self.breaks["region"] == region)
        ]
        if rows.empty or "old_targets" not in rows.columns:
            return True
        return rows.sort_values("year")["old_targets"].iloc[-1] != "not comparable"

    def newest_year(self, last_data_year: int | None = None) -> int:
        """The latest year of any published figure (not derived), up to ``last_data_year``."""
        years = self.series.loc[~self.series["derived"].astype(bool), "year"]
        if last_data_year is not None:
            years = years[years <= last_data_year]
        return int(years.max()) if len(years) else 0

    def is_secondary(self, source_id: str) -> bool:
        """A figure of the lowest standing (opinion, unattributed page): shown, never used for a
        verdict. A derived figure is as weak as its weakest part."""
        tiers = self._tiers()
        return any(tiers.get(part) == "secondary" for part in str(source_id).split("+"))

    def _tiers(self) -> dict:
        if "tier" not in self.sources.columns:
            return {}
        return dict(zip(self.sources["id"], self.sources["tier"], strict=True))

    def indicator(self, indicator_id: str) -> pd.Series:
        return self.indicators.set_index("id").loc[indicator_id]

    def observations(self, indicator_id: str, region: str = "Guangdong") -> pd.DataFrame:
        """Yearly rows of one indicator for one region, sorted by year."""
        rows = self.series[
            (self.series["indicator"] == indicator_id) & (self.series["region"] == region)
        ]
        return rows.sort_values("year").reset_index(drop=True)

    def dated_points(self, indicator_id: str, region: str = "Guangdong") -> pd.DataFrame:
        """Figures dated to a month (status or part-year) of one indicator and region, by date;
        ``time`` places each on the book's time axis (see :mod:`periods`)."""
        rows = self.points[
            (self.points["indicator"] == indicator_id) & (self.points["region"] == region)
        ].copy()
        rows["time"] = [time_of(d) for d in rows["date"]]
        return rows.sort_values("time").reset_index(drop=True)

    def partial_year(self, indicator_id: str, region: str = "Guangdong") -> PartialYear | None:
        """The incomplete latest year of a monthly indicator, if any (see :mod:`derive`)."""
        return partial_year(self.monthly, indicator_id, region)

    def regions(self, indicator_id: str) -> list[str]:
        """Regions with yearly figures or dated points of an indicator."""
        found = set(self.series.loc[self.series["indicator"] == indicator_id, "region"])
        found |= set(self.points.loc[self.points["indicator"] == indicator_id, "region"])
        return sorted(found)


def _typed(
    path: Path, columns: list[str], numeric: list[str], types, rules, context=()
) -> pd.DataFrame:
    name = display_path(path)
    frame = read_csv_table(path, columns, min_rows=1)
    frame = clean_numbers(frame, numeric, name)
    frame = validate(blank_to_na(frame, numeric), types, name)
    return validate(frame, rules, name, context)


def load_indicators(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    path = Path(data_dir) / INDICATORS_FILE
    frame = _typed(
        path, S.INDICATOR_COLUMNS, ["lower", "upper"], S.INDICATOR_TYPES, S.INDICATOR_RULES, ("id",)
    )
    ids = set(frame["id"])
    problems = []
    for index, text in frame["derived_from"].items():
        where = {"row": int(index) + 2, "column": "derived_from"}
        try:
            formula = parse_formula(text)
        except ValueError as exc:
            problems.append(Problem(display_path(path), str(exc), **where))
            continue
        for part in formula.parts if formula else ():
            if part not in ids:
                problems.append(
                    Problem(
                        display_path(path),
                        f"derived_from names unknown indicator {part!r}",
                        **where,
                    )
                )
    if problems:
        raise DataError(problems)
    return frame


def load_sources(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    path = Path(data_dir) / SOURCES_FILE
    return _typed(path, S.SOURCE_COLUMNS, ["year"], S.SOURCE_TYPES, S.SOURCE_RULES, ("id",))


def load_series(data_dir: Path, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    path = Path(data_dir) / SERIES_FILE
    name = display_path(path)
    frame = read_csv_table(path, S.SERIES_COLUMNS, min_rows=1)
    frame = clean_numbers(frame, ["year", "value"], name, percent_ok=frame["unit"] == "%")
    frame = validate(blank_to_na(frame, ["year", "value"]), S.SERIES_TYPES, name)
    rules = S.series_rules(
        indicators,
        set(sources["id"]),
        display_path(Path(data_dir) / INDICATORS_FILE),
        display_path(Path(data_dir) / SOURCES_FILE),
    )
    frame = validate(frame, rules, name, ("indicator", "year", "value", "unit"))
    frame["year"] = frame["year"].astype(int)
    return frame


def load_breaks(data_dir: Path, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Statistical breaks; the file is optional (a data folder without breaks has none)."""
    path = Path(data_dir) / BREAKS_FILE
    if not path.exists():
        return pd.DataFrame(columns=S.BREAK_COLUMNS)
    name = display_path(path)
    frame = validate(
        blank_to_na(read_csv_table(path, S.BREAK_COLUMNS), ["year"]), S.BREAK_TYPES, name
    )
    frame = validate(
        frame, S.break_rules(set(indicators["id"]), set(sources["id"])), name, ("indicator",)
    )
    frame["year"] = frame["year"].astype(int)
    return frame


def load_points(data_dir: Path, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Dated points (optional file): figures dated to a month, validated like series rows."""
    path = Path(data_dir) / POINTS_FILE
    if not path.exists():
        return pd.DataFrame(columns=S.POINT_COLUMNS)
    return _figures(path, data_dir, indicators, sources, S.POINT_COLUMNS, S.POINT_TYPES, "date")


def load_monthly(data_dir: Path, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Monthly figures (optional file), summed to calendar years by :func:`derive`."""
    path = Path(data_dir) / MONTHLY_FILE
    if not path.exists():
        return pd.DataFrame(columns=S.MONTHLY_COLUMNS)
    return _figures(
        path, data_dir, indicators, sources, S.MONTHLY_COLUMNS, S.MONTHLY_TYPES, "month"
    )


def _figures(path, data_dir, indicators, sources, columns, types, when) -> pd.DataFrame:
    name = display_path(path)
    frame = read_csv_table(path, columns, min_rows=0)
    frame = clean_numbers(frame, ["value"], name, percent_ok=frame["unit"] == "%")
    frame = validate(blank_to_na(frame, ["value"]), types, name)
    rules = S.series_rules(
        indicators,
        set(sources["id"]),
        display_path(Path(data_dir) / INDICATORS_FILE),
        display_path(Path(data_dir) / SOURCES_FILE),
        when=when,
    )
    frame = validate(frame, rules, name, ("indicator", when, "value", "unit"))
    if "kind" in frame.columns:
        frame = validate(frame, S.POINT_KIND_RULE, name, ("indicator", when))
    return frame


def load_alternatives(data_dir: Path) -> pd.DataFrame:
    """Other readings of the same figures (optional file written by the import): shown as conflicts."""
    path = Path(data_dir) / ALTERNATIVES_FILE
    if not path.exists():
        return pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    return read_csv_table(path, ALTERNATIVE_COLUMNS)


def derive(
    series: pd.DataFrame, indicators: pd.DataFrame, monthly: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Yearly series plus derived indicators: calendar-year sums of monthly figures, then the
    catalogue's formulas (:mod:`derive`). A derived value is never stored in ``data/``: it is
    recomputed here so its parts stay visible."""
    frame = series.assign(derived=False)
    if monthly is not None and len(monthly):
        from_months = yearly_from_months(monthly)
        clash = frame.merge(
            from_months[["indicator", "region", "year"]], on=["indicator", "region", "year"]
        )
        if len(clash):
            first = clash.iloc[0]
            raise DataError(
                [
                    Problem(
                        SERIES_FILE,
                        f"{first['indicator']} {first['region']} {first['year']} is "
                        "also the sum of 12 months in monthly.csv; keep one of the two",
                    )
                ]
            )
        frame = pd.concat([frame, from_months], ignore_index=True)
    return derive_rows(frame, indicators, "year")


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Load and validate every data table in ``data_dir``; raise :class:`DataError` on any problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), "data directory not found")])
    indicators = load_indicators(data_dir)
    sources = load_sources(data_dir)
    series = load_series(data_dir, indicators, sources)
    breaks = load_breaks(data_dir, indicators, sources)
    points = load_points(data_dir, indicators, sources)
    monthly = load_monthly(data_dir, indicators, sources)
    points = (
        derive_rows(points, indicators, "date") if len(points) else points.assign(derived=False)
    )
    alternatives = load_alternatives(data_dir)
    return Dataset(
        indicators,
        sources,
        derive(series, indicators, monthly),
        data_dir,
        breaks,
        points,
        monthly,
        alternatives,
    )
