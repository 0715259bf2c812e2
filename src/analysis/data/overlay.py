"""Which data folder a run uses, and a CSV of new figures laid over the repository's series.

``--data-dir`` may name a data folder (the shape of ``data/``) or a single CSV in the shape of
``series.csv`` with an analyst's new figures. The CSV is validated on its own — every problem names
the analyst's file and its own row — and then merged: a row replaces the published figure for the
same indicator, region and year, or adds one. A row whose ``value`` is empty is skipped with one
notice, so that a worksheet from ``python -m analysis wanted`` can be filled in part by part.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from analysis.data.files import check_file, check_folder, display_path
from analysis.errors import DataError, Problem
from analysis.paths import BUILD_DIR, DATA_DIR, REPO_ROOT

OVERLAY_DIR = BUILD_DIR / "data-overlay"
KEY = ["indicator", "region", "year"]


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """The data folder to use: the repository's, a given folder, or — for a single CSV of new
    figures — the repository's data with those rows laid over series.csv."""
    if data_dir in (None, ""):
        return DATA_DIR
    path = Path(data_dir)
    path = path if path.is_absolute() else (REPO_ROOT / path)
    if path.suffix.lower() == ".csv" and not path.is_dir():
        check_file(path)
        return overlay_series(path)
    check_folder(path)
    return path


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5]))
    return shown + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")


def read_overlay(csv_path: Path):
    """The analyst's rows, validated against the repository's catalogue, sources and regions.

    Returns the rows as text (as they will be written), with each year written as a plain number.
    """
    from analysis.data import loader
    from analysis.data import schemas as S
    from analysis.data.tables import inform, line_of, read_csv_table

    name = display_path(csv_path)
    new = read_csv_table(csv_path, S.SERIES_COLUMNS, min_rows=1)
    empty = new["value"] == ""
    if empty.all():
        raise DataError([Problem(name, f"no figures to add: all {len(new)} row(s) have an empty "
                                       "value", column="value")])  # fmt: skip
    if empty.any():
        skipped = [line_of(new, i) for i in new.index[empty]]
        inform(name, f"{len(skipped)} row(s) with an empty value skipped (row {_lines(skipped)})")
        new = new[~empty]
    indicators = loader.load_indicators(DATA_DIR)
    sources = loader.load_sources(DATA_DIR)
    regions = loader.load_regions(DATA_DIR)
    typed = loader.validate_series(new, name, DATA_DIR, indicators, sources, regions)
    text = new.loc[typed.index, S.SERIES_COLUMNS].copy()
    text["region"] = typed["region"]
    text["year"] = typed["year"].astype(int).astype(str)
    text["value"] = [f"{v:.15g}" for v in typed["value"]]
    return text


def overlay_key(csv_path: Path, data_dir: Path | None = None) -> str:
    """The merged folder's name: a digest of the overlay's bytes, of every file of the base data
    folder (``data/``) and of the package's version and code."""
    from analysis.cache import code_digest, digest_files

    base = Path(data_dir or DATA_DIR)
    h = hashlib.sha256(b"overlay\0" + Path(csv_path).read_bytes())
    h.update(b"\0data\0" + digest_files([p for p in base.rglob("*") if p.is_file()], base).encode())
    h.update(b"\0code\0" + code_digest().encode())
    return h.hexdigest()[:20]


def overlay_series(csv_path: Path) -> Path:
    """A data folder = data/ plus the rows of ``csv_path`` laid over series.csv.

    Kept under _build/ by a digest of everything the merged folder depends on: the CSV's bytes,
    every file of data/ (names and contents) and the package's version and code (the reading,
    validation and merging rules). Re-running with the same files and code reuses it; a change to
    any of them makes a new one, so a stale merge is never read."""
    import pandas as pd

    from analysis.data import schemas as S
    from analysis.data.tables import inform, read_csv_table

    new = read_overlay(csv_path)
    name = display_path(csv_path)
    folder = OVERLAY_DIR / overlay_key(csv_path)
    old = read_csv_table(DATA_DIR / "series.csv", S.SERIES_COLUMNS)
    old_keys = set(map(tuple, old[KEY].to_numpy()))
    replaced = sum(k in old_keys for k in map(tuple, new[KEY].to_numpy()))
    inform(name, f"{replaced} figure(s) replace published ones, {len(new) - replaced} added")
    if (folder / "series.csv").exists():
        return folder
    OVERLAY_DIR.mkdir(parents=True, exist_ok=True)
    for leftover in OVERLAY_DIR.glob("*.tmp-*"):  # of a run that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = OVERLAY_DIR / f"{folder.name}.tmp-{os.getpid()}"
    shutil.copytree(DATA_DIR, staging)
    keys = set(map(tuple, new[KEY].to_numpy()))
    kept = old[[k not in keys for k in map(tuple, old[KEY].to_numpy())]]
    merged = pd.concat([kept, new], ignore_index=True)
    merged.to_csv(staging / "series.csv", index=False, lineterminator="\n")
    (staging / "OVERLAY.txt").write_text(
        f"data/ with the rows of {display_path(csv_path)} laid over series.csv\n", encoding="utf-8"
    )
    try:
        staging.rename(folder)
    except OSError:  # another run made the same folder first
        shutil.rmtree(staging, ignore_errors=True)
    return folder
