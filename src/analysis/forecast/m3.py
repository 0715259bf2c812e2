"""The M3 competition's yearly series (shared benchmark data), for calibration and skill tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.paths import shared_dir

M3_FILE = Path("data") / "benchmarks" / "m3_yearly.csv"
HORIZON = 6


@dataclass(frozen=True)
class Series:
    id: str
    category: str
    train: np.ndarray
    test: np.ndarray


def load_m3(path: Path | None = None) -> list[Series]:
    path = Path(path) if path else shared_dir() / M3_FILE
    frame = pd.read_csv(path)
    out = []
    for sid, g in frame.sort_values(["series_id", "t"]).groupby("series_id", sort=False):
        out.append(
            Series(
                sid,
                g["category"].iloc[0],
                g.loc[g["split"] == "train", "value"].to_numpy(float),
                g.loc[g["split"] == "test", "value"].to_numpy(float),
            )
        )
    return sorted(out, key=lambda s: int(s.id[1:]))
