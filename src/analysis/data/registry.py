"""The targets registry (``data/targets.csv``): the single list of every quantitative target."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import schemas as S
from analysis.data.tables import blank_to_na, display_path, line_of, read_csv_table, validate
from analysis.errors import DataError, Problem
from analysis.paths import DATA_DIR

TARGETS_FILE = "targets.csv"


def load_targets(
    data_dir: Path | str = DATA_DIR,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Load and validate the registry; with ``indicators`` (and ``sources``), also check every
    indicator id (and every source a target names) exists."""
    path = Path(data_dir) / TARGETS_FILE
    name = display_path(path)
    frame = read_csv_table(path, S.TARGET_COLUMNS)
    frame = validate(blank_to_na(frame, S.TARGET_NUMERIC), S.TARGET_TYPES, name)
    frame = validate(frame, S.TARGET_RULES, name, ("id",))
    if indicators is not None:
        known = set(indicators["id"])
        problems = [
            Problem(
                name,
                f"indicator {ind!r} is not in the catalogue (indicators.csv)",
                row=line_of(frame, i),
                column="indicator",
            )
            for i, ind in frame["indicator"].items()
            if ind and ind not in known
        ]
        if problems:
            raise DataError(problems)
    known_sources = set(sources["id"]) if sources is not None else _repo_source_ids()
    problems = [
        Problem(name, f"source {sid!r} is not in sources.csv", row=int(i) + 2, column=column)
        for column in ("value_source", "wanted_source")
        for i, sid in frame[column].items()
        if sid and sid not in known_sources
    ]
    if problems:
        raise DataError(problems)
    return frame


def _repo_source_ids() -> set[str]:
    path = DATA_DIR / "sources.csv"
    return set(read_csv_table(path, ["id"])["id"]) if path.exists() else set()


def targets_for_action(targets: pd.DataFrame, action: int) -> pd.DataFrame:
    return targets[targets["action"] == action].reset_index(drop=True)
