"""Load the indicator catalogue, sources and series from a data directory into validated frames.

This is the only way the book reads data: every problem in any file is collected and reported as
one line each (file, row, column, what is wrong) before anything is modelled or drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schemas as S
from .errors import DataError, Problem
from .paths import DATA_DIR
from .tables import blank_to_na, clean_numbers, display_path, read_csv_table, validate

INDICATORS_FILE = "indicators.csv"
SOURCES_FILE = "sources.csv"
SERIES_FILE = "series.csv"
BREAKS_FILE = "breaks.csv"


@dataclass(frozen=True)
class Dataset:
    """Validated tables; ``series`` includes derived indicators (flagged ``derived=True``)."""

    indicators: pd.DataFrame
    sources: pd.DataFrame
    series: pd.DataFrame
    data_dir: Path
    breaks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=S.BREAK_COLUMNS))

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
                        row=int(index) + 2,
                        column="derived_from",
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


def load_dataset(data_dir: Path | str = DATA_DIR) -> Dataset:
    """Load and validate every data table in ``data_dir``; raise :class:`DataError` on any problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), "data directory not found")])
    indicators = load_indicators(data_dir)
    sources = load_sources(data_dir)
    series = load_series(data_dir, indicators, sources)
    breaks = load_breaks(data_dir, indicators, sources)
    return Dataset(indicators, sources, derive(series, indicators), data_dir, breaks)
