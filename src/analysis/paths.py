"""Where things live, resolved from the repository root so any working directory works."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
BOOK_DIR = REPO_ROOT / "book"
BUILD_DIR = REPO_ROOT / "_build"
SITE_DIR = BUILD_DIR / "html"
PLAN_TEXT = DATA_DIR / "plan" / "guangdong_carbon_peak_plan_2022.txt"


def shared_dir() -> Path:
    """The read-only shared folder (raw data, plan seed) that sits beside the repository."""
    return Path(os.environ.get("GDCPT_SHARED", REPO_ROOT.parent / "shared"))
