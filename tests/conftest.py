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


# ------------------------------------------------------------------ small books built in a test's folder
@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A private copy of the notebook templates, which a test may break."""
    from analysis.paths import NOTEBOOK_DIR

    folder = tmp_path / "templates"
    shutil.copytree(NOTEBOOK_DIR, folder)
    return folder


@pytest.fixture
def published(tmp_path, templates):
    """A small book (main targets, energy, agriculture) built and published in tmp_path."""
    from analysis.build.book import build

    from .buildkit import options

    opts = options(tmp_path, templates, actions=(0, 2, 7))
    build(opts)
    return opts


@pytest.fixture
def smallest(tmp_path, templates):
    """The smallest book (one chapter, agriculture), built and published in tmp_path."""
    from analysis.build.book import build

    from .buildkit import options

    opts = options(tmp_path, templates, actions=(7,))
    build(opts)
    return opts
