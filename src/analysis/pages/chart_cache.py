"""Rendered chart PNGs kept by what they are drawn from, so an unchanged chart is not drawn again.

Laying out and rendering a matplotlib chart (tight layout, text, PNG) is most of a chapter's time;
after a change to one series, a chapter re-run draws only the charts of that series. A chart is
named by a digest of every input its drawing function receives (the function reads nothing else),
the package's code, matplotlib's version and the CJK font file, so a cached PNG is the same bytes
the drawing would make. Entries are written atomically (two kernels may draw the same chart) and
the build keeps the most recently used ones (:func:`prune`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cache import CACHE_DIR

CHART_DIR = CACHE_DIR / "charts"


def canonical(value) -> str:
    """A text that is the same exactly when the value's content is (frames without their index
    labels, which no chart reads)."""
    if isinstance(value, pd.DataFrame):
        columns = [str(c) for c in value.columns]
        dtypes = [str(t) for t in value.dtypes]
        return repr(("frame", columns, dtypes, value.to_numpy().tolist()))
    if isinstance(value, pd.Series):
        return repr(("series", value.name, str(value.dtype), list(value.index), value.tolist()))
    if isinstance(value, np.ndarray):
        return repr(("array", value.dtype.str, value.shape, value.tolist()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [(f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)]
        return repr((type(value).__qualname__, fields))
    if isinstance(value, dict):
        return repr(("dict", sorted((str(k), canonical(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return repr((type(value).__name__, [canonical(v) for v in value]))
    return repr(value)


@functools.cache
def _environment() -> str:
    """What turns the same inputs into other pixels: the code, matplotlib, the font file."""
    import matplotlib
    from matplotlib import font_manager

    from analysis.cache import code_digest
    from analysis.pages.figures import cjk_font_family

    family = cjk_font_family()
    font = Path(font_manager.findfont(family, fallback_to_default=False))
    stat = font.stat()
    return f"{code_digest()}\0{matplotlib.__version__}\0{family}\0{font}\0{stat.st_size}\0{stat.st_mtime_ns}"


def chart_key(name: str, inputs: dict) -> str:
    text = f"{name}\0{_environment()}\0{canonical(inputs)}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def png(name: str, draw: Callable, inputs: dict) -> bytes:
    """The PNG of ``draw(**inputs)``: from the cache when drawn before, else drawn and kept."""
    import matplotlib.pyplot as plt

    from analysis.pages.figures import png_bytes

    path = CHART_DIR / f"{chart_key(name, inputs)}.png"
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: kept by prune()
        return data
    except OSError:
        pass
    fig = draw(**inputs)
    try:
        data = png_bytes(fig)
    finally:
        plt.close(fig)
    try:
        CHART_DIR.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # atomic: a half-written chart is never read
    except OSError:  # a read-only checkout still draws its charts
        pass
    return data


def prune(limit: int = 1000) -> None:
    """Keep the ``limit`` most recently used charts (a build uses about 110)."""
    if not CHART_DIR.is_dir():
        return
    entries = []
    for entry in CHART_DIR.glob("*.png"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except OSError:  # removed meanwhile
            pass
    for _, entry in sorted(entries, reverse=True)[limit:]:
        entry.unlink(missing_ok=True)
