"""The assessment computed once per build, for the notebooks to render.

The build validates the data and calls :func:`analysis.assess.targets.assess_all` once, and keeps the
validated dataset, the registry, the settings and that table in one file whose name is the
digest of what it was computed from (so identical inputs give identical notebook parameters, and
executed notebooks stay byte-identical). A chapter or the overview given that file renders it
instead of loading and assessing again; without it (run from Jupyter or papermill on their own)
they compute everything themselves, with the same result — a test checks that
:func:`assessment_from_row` gives back exactly what :func:`~analysis.assess.targets.assess_target` returns.
"""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.assess.targets import Assessment, Settings
from analysis.data.loader import Dataset


@dataclass(frozen=True)
class Precomputed:
    data: Dataset
    targets: pd.DataFrame
    settings: Settings
    table: pd.DataFrame  # assess_all(targets, data, settings)

    def assessments(self, targets: pd.DataFrame) -> list[Assessment]:
        """The assessments of ``targets`` (registry rows), in their order."""
        rows = self.table.set_index("target_id", drop=False)
        return [assessment_from_row(rows.loc[t]) for t in targets["id"]]


def load(path: str | Path) -> Precomputed:
    with Path(path).open("rb") as handle:
        return pickle.load(handle)


def _plain(value, annotation: str):
    if value is None or (not isinstance(value, (list, dict, tuple)) and pd.isna(value)):
        return None if "None" in annotation else value
    if hasattr(value, "item"):
        value = value.item()
    if annotation.startswith("int") and isinstance(value, float) and value.is_integer():
        return int(value)
    if annotation.startswith("float") and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def assessment_from_row(row: pd.Series) -> Assessment:
    """An :class:`Assessment` back from its row of the ``assess_all`` table (a table stores an
    empty year as NaN and a year as a float; the dataclass has None and int)."""
    values = {}
    for f in dataclasses.fields(Assessment):
        if f.name in row.index:
            values[f.name] = _plain(row[f.name], str(f.type))
    return Assessment(**values)
