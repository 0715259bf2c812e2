"""Predictive intervals calibrated on backtest errors, per horizon.

Model-based intervals on yearly data are too narrow (in the M3/M4 competitions a nominal 95 %
covered about 84 %). Instead the book takes the quantiles of *scaled* backtest errors at each
horizon and applies them to a series' own scale:

    Y(T+h) = point(T+h) + scale * direction * E_h,   E_h ~ the table's quantiles at horizon h

The table comes from rolling-origin backtests of the engine's own combination on the *training*
parts of the 645 M3 yearly series (never their test parts), each origin fitted to its last
``WINDOW`` figures, exactly as the book calls the engine (``history_years`` = 15). Origins with
fewer figures are left out on purpose: in validation on the M3 training parts, a table from
full-window backtests also covered short calls (6-11 figures) at about the nominal rate, while
tables from short early windows covered too little.

Three rules make it one consistent distribution:

- each horizon's errors are centred on their median, so the projection is the distribution's
  median (the point, the band and P(meet) all come from one distribution);
- the distance from the median to every quantile never shrinks with the horizon, so bands never
  narrow further out;
- beyond the table's last horizon, those distances grow in proportion to the horizon.

The table is shipped in ``calibration/m3_yearly_scaled_errors.csv`` and regenerated, byte for
byte, by ``python -m analysis.forecast.calibration`` (``make calibration``); ``--check`` compares instead.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

LEVELS = np.round(np.arange(0.005, 1.0, 0.005), 3)  # quantile levels kept in the table
MEDIAN = int(np.argmin(np.abs(LEVELS - 0.5)))
TABLE_FILE = Path(__file__).with_name("calibration") / "m3_yearly_scaled_errors.csv"
MAX_H = 10
WINDOW = 15  # figures each backtest origin is fitted to: the book's default history_years
SOURCE = "M3 backtests"
SOURCE_EXTRAPOLATED = "M3 backtests, extrapolated"


@dataclass(frozen=True)
class ErrorQuantiles:
    """Quantiles of scaled errors (rows: horizons 1..H, columns: LEVELS), and where they came from."""

    table: np.ndarray
    source: list[str]  # per horizon of the forecast: SOURCE or SOURCE_EXTRAPOLATED

    @property
    def max_h(self) -> int:
        return self.table.shape[0]

    def at(self, h: int) -> np.ndarray:
        """Quantiles at horizon h (distances from the median grow in proportion to h beyond)."""
        if h <= self.max_h:
            return self.table[h - 1]
        return self.table[-1] * (h / self.max_h)

    def quantile(self, h: int, level: float) -> float:
        return float(np.interp(level, LEVELS, self.at(h)))

    def prob_error_at_least(self, h: int, z: float) -> float:
        """P(E_h >= z), read off the quantile function (0 or 1 outside the table's range)."""
        q = self.at(h)
        if z <= q[0]:
            return 1.0
        if z > q[-1]:
            return 0.0
        return float(1 - np.interp(z, q, LEVELS))


def quantiles_from_errors(errors: pd.DataFrame, max_h: int = MAX_H) -> np.ndarray:
    """Quantile table (max_h x len(LEVELS)): centred on the median, never narrowing with h."""
    rows = []
    for h in range(1, max_h + 1):
        values = errors.loc[errors["h"] == h, "scaled_error"].to_numpy(float)
        if len(values) == 0:
            raise ValueError(f"no backtest errors at horizon {h}")
        q = np.quantile(values, LEVELS)
        rows.append(q - q[MEDIAN])
    table = np.vstack(rows)
    below, above = (
        np.maximum.accumulate(-table[:, :MEDIAN], axis=0),
        np.maximum.accumulate(table[:, MEDIAN + 1 :], axis=0),
    )
    return np.hstack([-below, np.zeros((max_h, 1)), above])


def calibration_errors(trains, max_h: int = MAX_H, window: int = WINDOW) -> pd.DataFrame:
    """Scaled errors of the engine's combination, backtested on the given training series only."""
    from analysis.forecast.backtest import rolling_origin

    frames = [rolling_origin(y, max_h, window=window, only=()) for y in trains]
    return pd.concat([f for f in frames if len(f)], ignore_index=True)


def calibrate_from_m3(series, max_h: int = MAX_H) -> tuple[np.ndarray, list[int]]:
    """The quantile table and the number of errors per horizon, from M3 *training* parts only."""
    errors = calibration_errors([s.train for s in series], max_h)
    counts = [int((errors["h"] == h).sum()) for h in range(1, max_h + 1)]
    return quantiles_from_errors(errors, max_h), counts


def table_text(table: np.ndarray, counts: list[int]) -> str:
    frame = pd.DataFrame(table, columns=[f"q{lv:.3f}" for lv in LEVELS])
    frame.insert(0, "n_errors", counts)
    frame.insert(0, "h", range(1, len(table) + 1))
    header = (
        "# Quantiles of scaled forecast errors (actual - forecast) / in-sample mean absolute yearly\n"
        "# change, signed along the direction of travel, of the engine's combination; rolling-origin\n"
        f"# backtests on the training parts of the 645 M3 yearly series, each origin fitted to its last\n"
        f"# {WINDOW} figures; centred on the median and never narrowing with the horizon.\n"
        "# Generated by `python -m analysis.forecast.calibration` (make calibration); do not edit.\n"
    )
    return header + frame.to_csv(index=False, float_format="%.6g", lineterminator="\n")


def write_table(table: np.ndarray, counts: list[int], path: Path = TABLE_FILE) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(table_text(table, counts).encode("utf-8"))


@lru_cache(maxsize=4)
def pooled_table(path: Path = TABLE_FILE) -> np.ndarray:
    frame = pd.read_csv(path, comment="#")
    return frame[[f"q{lv:.3f}" for lv in LEVELS]].to_numpy()


def error_quantiles(horizon: int, table: np.ndarray | None = None) -> ErrorQuantiles:
    """The calibrated quantiles for horizons 1..max(horizon, table), with their source per horizon."""
    table = pooled_table() if table is None else table
    rows = max(horizon, table.shape[0])
    source = [SOURCE if h <= table.shape[0] else SOURCE_EXTRAPOLATED for h in range(1, rows + 1)]
    return ErrorQuantiles(table, source)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the shipped table from the M3 training parts (or, with --check, compare)."""
    from analysis.forecast.m3 import load_m3

    parser = argparse.ArgumentParser(
        prog="python -m analysis.forecast.calibration", description=main.__doc__
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with the shipped file, write nothing"
    )
    parser.add_argument(
        "--out", type=Path, default=TABLE_FILE, help="where to write (default: the shipped file)"
    )
    args = parser.parse_args(argv)
    table, counts = calibrate_from_m3(load_m3())
    text = table_text(table, counts)
    if args.check:
        same = TABLE_FILE.read_bytes() == text.encode("utf-8")
        print("calibration table " + ("matches" if same else "DIFFERS from") + f" {TABLE_FILE}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"calibration table written to {args.out} from {sum(counts)} backtest errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
