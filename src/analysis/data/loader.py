"""Load the indicator catalogue, sources and series from a data directory into validated frames.

This is the only way the book reads data: every problem in any file is collected and reported as
one line each (file, row, column, what is wrong) before anything is modelled or drawn.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.data import schemas as S
from analysis.data.county import load_county
from analysis.data.derive import (
    PartialYear,
    derive_rows,
    parse_formula,
    partial_year,
    yearly_from_months,
)
from analysis.data.periods import time_of
from analysis.data.tables import (
    blank_to_na,
    check_folder,
    clean_numbers,
    display_path,
    inform,
    line_of,
    notice,
    read_csv_table,
    validate,
)
from analysis.errors import DataError, Problem
from analysis.paths import DATA_DIR

INDICATORS_FILE = "indicators.csv"
SOURCES_FILE = "sources.csv"
SERIES_FILE = "series.csv"
BREAKS_FILE = "breaks.csv"
REGIONS_FILE = "regions.csv"
POINTS_FILE = "points.csv"
MONTHLY_FILE = "monthly.csv"
ALTERNATIVES_FILE = "series_alternatives.csv"
ALTERNATIVE_COLUMNS = S.ALTERNATIVE_COLUMNS
DATA_FOLDER_TABLES = ("indicators, sources, series, breaks, points, monthly, series_alternatives, "
                      "county_co2 and regions")  # fmt: skip
# Tables the book always reads from the repository's data/, never from an analyst's data folder:
# they document the repository's own import and registry.
REPOSITORY_TABLES = ["targets.csv", "related_targets.csv", "import_excluded.csv",
                     "import_ledger.csv", "proxies.csv"]  # fmt: skip


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
    # the region catalogue (data/regions.csv): ids and their accepted spellings
    region_catalogue: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=S.REGION_COLUMNS)
    )
    # CEADs' county inventory (county_co2.csv), validated; None when the folder has no county file
    county: pd.DataFrame | None = None

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
        tiers = self._tiers
        return any(tiers.get(part) == "secondary" for part in str(source_id).split("+"))

    # Lookups made once per dataset (its frames are never changed in place; a changed dataset is a
    # new one, made with dataclasses.replace): a book build asks them thousands of times.
    @cached_property
    def _tiers(self) -> dict:
        if "tier" not in self.sources.columns:
            return {}
        return dict(zip(self.sources["id"], self.sources["tier"], strict=True))

    @cached_property
    def _indicators_by_id(self) -> pd.DataFrame:
        return self.indicators.set_index("id")

    @cached_property
    def _series_rows(self) -> dict:
        """(indicator, region) -> positions of its rows in ``series``, in file order."""
        if self.series.empty:
            return {}
        return self.series.groupby(["indicator", "region"], sort=False).indices

    def indicator(self, indicator_id: str) -> pd.Series:
        return self._indicators_by_id.loc[indicator_id]

    def observations(self, indicator_id: str, region: str = "Guangdong") -> pd.DataFrame:
        """Yearly rows of one indicator for one region, sorted by year."""
        rows = self.series.iloc[self._series_rows.get((indicator_id, region), [])]
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
        where = {"row": line_of(frame, index), "column": "derived_from"}
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


def regions_path(data_dir: Path) -> Path:
    """A data folder's own regions.csv if it has one, else the repository's catalogue."""
    own = Path(data_dir) / REGIONS_FILE
    return own if os.path.lexists(own) else DATA_DIR / REGIONS_FILE


def _normal(text: str) -> str:
    """The form spellings are compared in: full-width folded, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def load_regions(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The region catalogue: canonical ids and the other spellings accepted for each."""
    path = regions_path(data_dir)
    name = display_path(path)
    frame = validate(read_csv_table(path, S.REGION_COLUMNS, min_rows=1), S.REGION_RULES, name)
    owner: dict[str, str] = {}
    problems = []
    for index, r in frame.iterrows():
        for spelling in [r["id"], r["name_zh"], r["name_en"], *r["spellings"].split("|")]:
            key = _normal(spelling)
            if key and owner.setdefault(key, r["id"]) != r["id"]:
                problems.append(Problem(name, f"spelling {spelling.strip()!r} is claimed by both "
                                              f"{owner[key]} and {r['id']}", row=line_of(frame, index),
                                        column="spellings"))  # fmt: skip
    if problems:
        raise DataError(problems)
    return frame


def spellings(regions: pd.DataFrame) -> dict[str, str]:
    """Normalised spelling -> canonical region id."""
    out = {}
    for r in regions.itertuples():
        for spelling in [r.id, r.name_zh, r.name_en, *r.spellings.split("|")]:
            if _normal(spelling):
                out[_normal(spelling)] = r.id
    return out


def canonical_regions(frame: pd.DataFrame, regions: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rewrite accepted spellings of a region (``guangdong``, ``广东省``) to its id, with one notice
    per spelling; any other region is left for the schema to refuse, so that a figure can never
    drop silently out of the series it was meant for."""
    lookup = spellings(regions)
    frame = frame.copy()
    changed: dict[tuple[str, str], list[int]] = {}
    for index, region in frame["region"].items():
        canonical = lookup.get(_normal(region))
        if canonical is not None and canonical != region:
            frame.loc[index, "region"] = canonical
            changed.setdefault((region, canonical), []).append(line_of(frame, index))
    for (spelling, canonical), lines in changed.items():
        where = ", ".join(map(str, lines[:5])) + (
            f" and {len(lines) - 5} more" if len(lines) > 5 else ""
        )
        notice(name, f"region {spelling!r} read as {canonical!r} (row {where})", column="region")
    return frame


def validate_series(
    frame: pd.DataFrame,
    name: str,
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame,
) -> pd.DataFrame:
    """Series rows as read (text) -> typed, validated rows; problems are named after ``name``."""
    frame = canonical_regions(frame, regions, name)
    frame = clean_numbers(frame, ["year", "value"], name, percent_ok=frame["unit"] == "%")
    frame = validate(blank_to_na(frame, ["year", "value"]), S.SERIES_TYPES, name)
    rules = S.series_rules(
        indicators,
        set(sources["id"]),
        display_path(Path(data_dir) / INDICATORS_FILE),
        display_path(Path(data_dir) / SOURCES_FILE),
        regions=set(regions["id"]),
        regions_file=display_path(regions_path(data_dir)),
    )
    frame = validate(frame, rules, name, ("indicator", "year", "value", "unit"))
    frame["year"] = frame["year"].astype(int)
    return frame


def load_series(
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    regions = load_regions(DATA_DIR) if regions is None else regions
    path = Path(data_dir) / SERIES_FILE
    frame = read_csv_table(path, S.SERIES_COLUMNS, min_rows=1)
    return validate_series(frame, display_path(path), data_dir, indicators, sources, regions)


def load_breaks(
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Statistical breaks; the file is optional (a data folder without breaks has none)."""
    path = Path(data_dir) / BREAKS_FILE
    if not os.path.lexists(path):
        return pd.DataFrame(columns=S.BREAK_COLUMNS)
    regions = load_regions(DATA_DIR) if regions is None else regions
    name = display_path(path)
    frame = canonical_regions(read_csv_table(path, S.BREAK_COLUMNS), regions, name)
    frame = validate(blank_to_na(frame, ["year"]), S.BREAK_TYPES, name)
    rules = S.break_rules(set(indicators["id"]), set(sources["id"]), set(regions["id"]),
                          display_path(regions_path(data_dir)))  # fmt: skip
    frame = validate(frame, rules, name, ("indicator",))
    frame["year"] = frame["year"].astype(int)
    return frame


def load_points(
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Dated points (optional file): figures dated to a month, validated like series rows."""
    path = Path(data_dir) / POINTS_FILE
    if not os.path.lexists(path):
        return pd.DataFrame(columns=S.POINT_COLUMNS)
    return _figures(path, data_dir, indicators, sources, regions, S.POINT_COLUMNS, S.POINT_TYPES,
                    "date")  # fmt: skip


def load_monthly(
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Monthly figures (optional file), summed to calendar years by :func:`derive`."""
    path = Path(data_dir) / MONTHLY_FILE
    if not os.path.lexists(path):
        return pd.DataFrame(columns=S.MONTHLY_COLUMNS)
    return _figures(path, data_dir, indicators, sources, regions, S.MONTHLY_COLUMNS,
                    S.MONTHLY_TYPES, "month")  # fmt: skip


def _figures(path, data_dir, indicators, sources, regions, columns, types, when) -> pd.DataFrame:
    regions = load_regions(DATA_DIR) if regions is None else regions
    name = display_path(path)
    frame = read_csv_table(path, columns, min_rows=0)
    frame = canonical_regions(frame, regions, name)
    frame = clean_numbers(frame, ["value"], name, percent_ok=frame["unit"] == "%")
    frame = validate(blank_to_na(frame, ["value"]), types, name)
    rules = S.series_rules(
        indicators,
        set(sources["id"]),
        display_path(Path(data_dir) / INDICATORS_FILE),
        display_path(Path(data_dir) / SOURCES_FILE),
        when=when,
        regions=set(regions["id"]),
        regions_file=display_path(regions_path(data_dir)),
    )
    frame = validate(frame, rules, name, ("indicator", when, "value", "unit"))
    if "kind" in frame.columns:
        frame = validate(frame, S.POINT_KIND_RULE, name, ("indicator", when))
    return frame


def load_alternatives(
    data_dir: Path,
    indicators: pd.DataFrame,
    sources: pd.DataFrame,
    regions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Other readings of the same figures (optional file written by the import): shown as conflicts
    by the data chapter and the chapters, so validated like the figures themselves."""
    path = Path(data_dir) / ALTERNATIVES_FILE
    if not os.path.lexists(path):
        return pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    regions = load_regions(DATA_DIR) if regions is None else regions
    name = display_path(path)
    frame = canonical_regions(read_csv_table(path, ALTERNATIVE_COLUMNS), regions, name)
    rules = S.alternative_rules(
        set(indicators["id"]),
        set(sources["id"]),
        set(regions["id"]),
        display_path(regions_path(data_dir)),
        display_path(Path(data_dir) / INDICATORS_FILE),
        display_path(Path(data_dir) / SOURCES_FILE),
    )
    return validate(frame, rules, name, ("indicator", "period"))


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


def _collect(*loaders):
    """Run independent loaders; raise one DataError with every file's problems, or return results."""
    results, problems = [], []
    for load in loaders:
        try:
            results.append(load())
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return results


def note_repository_tables(data_dir: Path) -> None:
    """Say so when an analyst's folder holds a table the book takes from the repository instead."""
    if Path(data_dir).resolve() == DATA_DIR.resolve():
        return
    for table in REPOSITORY_TABLES:
        mine, ours = Path(data_dir) / table, DATA_DIR / table
        if os.path.lexists(mine):
            try:
                same = mine.is_file() and mine.read_bytes() == ours.read_bytes()
            except OSError:
                same = False
            if not same:
                inform(display_path(mine), f"not read: the book always uses the repository's "
                                           f"data/{table} (a data folder supplies "
                                           f"{DATA_FOLDER_TABLES})")  # fmt: skip


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Load and validate every data table in ``data_dir``; raise :class:`DataError` on any problem."""
    data_dir = Path(data_dir)
    check_folder(data_dir)
    indicators, sources, regions = _collect(
        lambda: load_indicators(data_dir), lambda: load_sources(data_dir),
        lambda: load_regions(data_dir),
    )  # fmt: skip
    series, breaks, points, monthly, alternatives, county = _collect(
        lambda: load_series(data_dir, indicators, sources, regions),
        lambda: load_breaks(data_dir, indicators, sources, regions),
        lambda: load_points(data_dir, indicators, sources, regions),
        lambda: load_monthly(data_dir, indicators, sources, regions),
        lambda: load_alternatives(data_dir, indicators, sources, regions),
        lambda: load_county(data_dir, set(sources["id"])),
    )
    points = (
        derive_rows(points, indicators, "date") if len(points) else points.assign(derived=False)
    )
    note_repository_tables(data_dir)
    return Dataset(
        indicators,
        sources,
        derive(series, indicators, monthly),
        data_dir,
        breaks,
        points,
        monthly,
        alternatives,
        regions,
        county,
    )
