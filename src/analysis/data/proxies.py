"""Named stand-ins for targets whose own series is missing or too short (``data/proxies.csv``).

A proxy is a published series of a different scope — a narrower area (Guangzhou port for all of
Guangdong's ports), a related quantity (CO2 per unit of GDP for energy per unit of GDP) or a
national figure — assessed against the target exactly as the target's own series would be. Its
verdict is always labelled as the proxy's, with the gap between proxy and target in one sentence,
and never shown as the target's own series. Proxies come from the repository (like the targets
registry), in order of preference: the first that gives a verdict is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.data.tables import display_path, read_csv_table
from analysis.errors import DataError, Problem
from analysis.paths import DATA_DIR

PROXIES_FILE = "proxies.csv"
PROXY_COLUMNS = ["target_id", "indicator", "region", "relation", "gap_en", "gap_zh"]
RELATIONS = {
    "narrower area": "范围较小的地区",
    "related series": "相关指标",
    "national figure": "全国数据",
}


@dataclass(frozen=True)
class Proxy:
    target_id: str
    indicator: str
    region: str
    relation: str
    gap_en: str
    gap_zh: str

    @property
    def relation_zh(self) -> str:
        return RELATIONS[self.relation]


@lru_cache(maxsize=4)
def _read(path: Path) -> tuple[Proxy, ...]:
    frame = read_csv_table(path, PROXY_COLUMNS)
    problems = []
    for index, row in frame.iterrows():
        if row["relation"] not in RELATIONS:
            problems.append(
                Problem(
                    display_path(path),
                    f"relation must be one of {sorted(RELATIONS)}",
                    row=int(index) + 2,
                    column="relation",
                )
            )
        for column in ("target_id", "indicator", "region", "gap_en", "gap_zh"):
            if not row[column]:
                problems.append(
                    Problem(
                        display_path(path),
                        "empty, but a value is required",
                        row=int(index) + 2,
                        column=column,
                    )
                )
    if problems:
        raise DataError(problems)
    return tuple(Proxy(*(row[c] for c in PROXY_COLUMNS)) for _, row in frame.iterrows())


def load_proxies(
    indicators: pd.DataFrame | None = None,
    target_ids: set[str] | None = None,
    path: Path = DATA_DIR / PROXIES_FILE,
) -> tuple[Proxy, ...]:
    """Every proxy, checked against the catalogue and the registry when they are given."""
    proxies = _read(Path(path))
    problems = []
    for line, p in enumerate(proxies, start=2):
        if indicators is not None and p.indicator not in set(indicators["id"]):
            problems.append(
                Problem(
                    display_path(path),
                    f"indicator {p.indicator!r} is not in the catalogue",
                    row=line,
                    column="indicator",
                )
            )
        if target_ids is not None and p.target_id not in target_ids:
            problems.append(
                Problem(
                    display_path(path),
                    f"target {p.target_id!r} is not in targets.csv",
                    row=line,
                    column="target_id",
                )
            )
    if problems:
        raise DataError(problems)
    return proxies


def proxies_for(target_id: str, data=None) -> list[Proxy]:
    """The proxies of one target, in order of preference (checked against the data's catalogue)."""
    mine = [p for p in load_proxies() if p.target_id == target_id]
    if data is not None:
        missing = [p.indicator for p in mine if p.indicator not in set(data.indicators["id"])]
        if missing:
            raise DataError(
                [
                    Problem(
                        display_path(DATA_DIR / PROXIES_FILE),
                        f"proxy indicator {m!r} of {target_id} is "
                        "not in the catalogue (indicators.csv)",
                    )
                    for m in missing
                ]
            )
    return mine
