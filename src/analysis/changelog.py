"""What changed between data vintages: compare the new assessment with the last recorded one.

``python -m analysis record-vintage`` keeps the current assessment table in ``changelog/`` (in the
repository). Every build compares the fresh table with that record and the changelog page lists
each target whose status, latest figure or probability moved, and why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .paths import REPO_ROOT

CHANGELOG_DIR = REPO_ROOT / "changelog"
COLUMNS = ["target_id", "status", "latest_year", "latest_value", "probability", "reason"]


def vintage(data_dir: Path) -> str:
    """A short content hash of the data's series file: the data vintage of a build."""
    return hashlib.sha256((Path(data_dir) / "series.csv").read_bytes()).hexdigest()[:12]


def record(table: pd.DataFrame, data_dir: Path, folder: Path = CHANGELOG_DIR) -> None:
    folder.mkdir(exist_ok=True)
    table[COLUMNS].to_csv(
        folder / "assessment.csv", index=False, float_format="%.12g", lineterminator="\n"
    )
    meta = {"vintage": vintage(data_dir), "targets": len(table)}
    (folder / "vintage.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def load_record(folder: Path = CHANGELOG_DIR) -> tuple[pd.DataFrame | None, str | None]:
    path = folder / "assessment.csv"
    if not path.exists():
        return None, None
    meta = json.loads((folder / "vintage.json").read_text(encoding="utf-8"))
    return pd.read_csv(path, keep_default_na=False, na_values=[""]), meta["vintage"]


def _num(x) -> float | None:
    return None if x is None or x == "" or pd.isna(x) else float(x)


def compare(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """One row per target that changed: status before and now, and why."""
    before = previous.set_index("target_id")
    rows = []
    for r in current.itertuples():
        if r.target_id not in before.index:
            rows.append(
                {
                    "target_id": r.target_id,
                    "before": "—",
                    "now": r.status,
                    "why": "new target in the registry",
                }
            )
            continue
        b = before.loc[r.target_id]
        why = []
        year_b, year_n = _num(b["latest_year"]), _num(r.latest_year)
        value_b, value_n = _num(b["latest_value"]), _num(r.latest_value)
        if year_b != year_n:
            why.append(
                f"new latest figure: {int(year_b) if year_b else '—'} → {int(year_n) if year_n else '—'}"
            )
        elif (
            value_b is not None
            and value_n is not None
            and abs(value_b - value_n) > 1e-6 * max(1, abs(value_b))
        ):
            why.append(f"latest figure revised: {value_b:g} → {value_n:g}")
        p_b, p_n = _num(b["probability"]), _num(r.probability)
        if (p_b is None) != (p_n is None) or (p_b is not None and abs(p_b - p_n) >= 0.01):
            shown = [f"{p:.0%}" if p is not None else "—" for p in (p_b, p_n)]
            why.append(f"probability {shown[0]} → {shown[1]}")
        if b["status"] != r.status and not why:
            why.append(r.reason)
        if why or b["status"] != r.status:
            rows.append(
                {
                    "target_id": r.target_id,
                    "before": b["status"],
                    "now": r.status,
                    "why": "; ".join(why),
                }
            )
    for target_id in sorted(set(before.index) - set(current["target_id"])):
        rows.append({"target_id": target_id, "before": before.loc[target_id, "status"], "now": "—",
                     "why": "removed from the registry"})  # fmt: skip
    return pd.DataFrame(rows, columns=["target_id", "before", "now", "why"])
