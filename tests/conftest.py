"""Shared fixtures: a private copy of data/ that a test may break without touching the real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR, shared_dir


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def seed_text() -> str:
    path = shared_dir() / "seed" / "000_53417afdfc1fc942.txt"
    if not path.exists():
        pytest.skip(f"shared seed not present at {path}")
    return path.read_text(encoding="utf-8")


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file, failing loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
