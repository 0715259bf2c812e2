"""Load the indicator catalogue, sources and series from a data directory into validated frames.

This is the only way the book reads data: every problem in any file is collected and reported as
one line each (file, row, column, what is wrong) before anything is modelled or drawn.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schemas as S
from .errors import DataError, Problem
from .paths import DATA_DIR
from .tables import (
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

INDICATORS_FILE = "indicators.csv"
SOURCES_FILE = "sources.csv"
SERIES_FILE = "series.csv"
BREAKS_FILE = "breaks.csv"
REGIONS_FILE = "regions.csv"
# Tables the book always reads from the repository's data/, never from an analyst's data folder:
# they document the repository's own import and registry.
REPOSITORY_TABLES = ["targets.csv", "related_targets.csv", "series_alternatives.csv",
                     "import_excluded.csv"]  # fmt: skip


@dataclass(frozen=True)
class Dataset:
    """Validated tables; ``series`` includes derived indicators (flagged ``derived=True``)."""

    indicators: pd.DataFrame
    sources: pd.DataFrame
    series: pd.DataFrame
    data_dir: Path
    breaks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=S.BREAK_COLUMNS))
    regions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=S.REGION_COLUMNS))

    def break_year(self, indicator_id: str, region: str = "Guangdong") -> int | None:
        """First year of the latest statistical basis of an indicator, or None if it has no break."""
        rows = self.breaks[
            (self.breaks["indicator"] == indicator_id) & (self.breaks["region"] == region)
        ]
        return int(rows["year"].max()) if len(rows) else None

    def indicator(self, indicator_id: str) -> pd.Series:
        return self.indicators.set_index("id").loc[indicator_id]

    def observations(self, indicator_id: str, region: str = "Guangdong") -> pd.DataFrame:
        """Yearly rows of one indicator for one region, sorted by year."""
        rows = self.series[
            (self.series["indicator"] == indicator_id) & (self.series["region"] == region)
        ]
        return rows.sort_values("year").reset_index(drop=True)


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
    for index, formula in frame["derived_from"].items():
        for part in [p.strip() for p in formula.split("+") if p.strip()]:
            if part not in ids:
                problems.append(
                    Problem(
                        display_path(path),
                        f"derived_from names unknown indicator {part!r}",
                        row=line_of(frame, index),
                        column="derived_from",
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
        set(regions["id"]),
        display_path(regions_path(data_dir)),
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


def derive(series: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Add derived indicators (sums of published parts) for the years where every part exists.

    A derived value is never stored in ``data/``: it is recomputed here so its parts stay visible.
    """
    out = []
    for _, ind in indicators[indicators["derived_from"] != ""].iterrows():
        parts = [p.strip() for p in ind["derived_from"].split("+")]
        frames = [series[series["indicator"] == p].set_index(["region", "year"]) for p in parts]
        common = frames[0].index
        for f in frames[1:]:
            common = common.intersection(f.index)
        for region, year in sorted(common):
            rows = [f.loc[(region, year)] for f in frames]
            quals = {r["qualifier"] for r in rows} - {""}
            out.append(
                {
                    "indicator": ind["id"],
                    "region": region,
                    "year": int(year),
                    "value": float(sum(r["value"] for r in rows)),
                    "qualifier": "~" if quals else "",
                    "unit": ind["unit"],
                    "source_id": "+".join(r["source_id"] for r in rows),
                    "quote": "derived: "
                    + " + ".join(f"{p} {r['value']:g}" for p, r in zip(parts, rows, strict=True)),
                    "note": f"sum of {' and '.join(parts)}",
                    "derived": True,
                }
            )
    base = series.assign(derived=False)
    if not out:
        return base
    return pd.concat([base, pd.DataFrame(out)], ignore_index=True)


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
                                           f"data/{table} (a data folder supplies indicators, sources, "
                                           "series, breaks and regions)")  # fmt: skip


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Load and validate every data table in ``data_dir``; raise :class:`DataError` on any problem."""
    data_dir = Path(data_dir)
    check_folder(data_dir)
    indicators, sources, regions = _collect(
        lambda: load_indicators(data_dir), lambda: load_sources(data_dir),
        lambda: load_regions(data_dir),
    )  # fmt: skip
    series, breaks = _collect(
        lambda: load_series(data_dir, indicators, sources, regions),
        lambda: load_breaks(data_dir, indicators, sources, regions),
    )
    note_repository_tables(data_dir)
    return Dataset(indicators, sources, derive(series, indicators), data_dir, breaks, regions)
