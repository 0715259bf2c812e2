"""What the book's static (matplotlib) charts share: the CJK font, one axis rule, gaps left open.

The static charts are the ones the website shows as pictures (the small multiples, the status
map, the series analyses); target and context charts are interactive (:mod:`interactive`).
Chinese labels need a CJK font; :func:`use_cjk_font` finds Noto Sans CJK (Debian package
``fonts-noto-cjk``) and refuses to draw without it, so a figure never shows tofu boxes.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC"]
CJK_FILES = [
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
]


class FontMissing(RuntimeError):
    """No CJK font: install the Debian package fonts-noto-cjk (the set-up command does)."""


def cjk_font_family() -> str:
    """Name of an installed CJK font family, registering Noto's .ttc files if needed."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for path in CJK_FILES:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise FontMissing(
        "no CJK font found: install Debian's fonts-noto-cjk (apt-get install "
        "fonts-noto-cjk); Chinese labels would otherwise render as boxes"
    )


def use_cjk_font() -> str:
    family = cjk_font_family()
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "gdcpt"
    return family


FLAT = (
    0.05  # the same rule as the interactive charts: a flat or single figure gets a zero-based axis
)


def gapped(obs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Years and values with a NaN between years that are not consecutive: the line breaks at a gap
    of missing years instead of bridging it."""
    years, values = [], []
    for i, (y, v) in enumerate(zip(obs["year"], obs["value"], strict=True)):
        if i and y - years[-1] > 1:
            years.append(years[-1] + 0.5)
            values.append(np.nan)
        years.append(y)
        values.append(v)
    return np.array(years, dtype=float), np.array(values, dtype=float)


def _plain(value: float, _pos=None, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def plain_number_axes(ax) -> None:
    """Whole years on x; plain numbers with thousands separators on y (no 1e4, no offset)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    lines = [ln.get_ydata() for ln in ax.get_lines()]
    values = np.concatenate([np.asarray(v, dtype=float) for v in lines]) if lines else []
    values = values[np.isfinite(values)] if len(values) else values
    if len(values) and values.min() >= 0 and np.ptp(values) < FLAT * np.abs(values).max():
        ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], values.max() * 1.15))
    ticks = ax.get_yticks()
    step = np.min(np.diff(ticks)) if len(ticks) > 1 else 1.0
    decimals = max(0, int(-np.floor(np.log10(step)))) if step > 0 else 0
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, pos: _plain(v, pos, decimals)))


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes, without the timestamp metadata that would make builds differ."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()
