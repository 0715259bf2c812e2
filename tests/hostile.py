"""A copy of data/ with hostile text in every free-text column of every file an analyst may supply.

The text tries every way a value could turn into markup on a page or in a chart: a script, an
element with an event handler, Markdown emphasis and links, a javascript: address, dollar math,
a MyST role, a table pipe, an entity, a line break, a plotly template. Columns the loader checks
against a closed set (ids, indicator names, qualifiers, years, numbers) keep valid values; a unit
is made hostile wherever no target depends on it (a target's unit must match its indicator's).
The registry (targets.csv) and proxies.csv always come from the repository; their text is escaped
the same way (test_escaping renders them too).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.paths import DATA_DIR

MARK = "HOSTILE7"  # findable in pages, search and tooltips
HOSTILE = (
    f" {MARK}<script>alert('s')</script><img src=x onerror=alert('i')> **bold** "
    "[link](javascript:alert('l')) $x^2$ | {sub}`c` &amp; %{x}<b>b</b>\nsecond line"
)
FREE_TEXT = {  # every free-text column of every file an analyst's data folder may hold
    "indicators.csv": ["name_zh", "name_en", "note", "note_zh"],
    "sources.csv": ["publisher", "title", "table_page", "retrieved_via"],
    "series.csv": ["quote", "note"],
    "points.csv": ["label", "quote", "note"],
    "monthly.csv": ["quote", "note"],
    "breaks.csv": ["reason", "quote"],
    "related_targets.csv": ["value", "unit", "from", "quote", "note"],
    "series_alternatives.csv": ["rule", "vintage", "from", "quote"],
    "import_excluded.csv": ["file", "line", "indicator", "region", "year", "value", "reason"],
    "regions.csv": ["name_zh", "name_en", "note"],
    "county_co2.csv": ["county_zh", "county_en", "city_en", "quote", "note"],
}


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def make_hostile_data(folder: Path) -> Path:
    """Write the hostile copy of data/ into ``folder`` and return it."""
    shutil.copytree(DATA_DIR, folder)
    for name, columns in FREE_TEXT.items():
        frame = _read(folder / name)
        for column in columns:
            frame[column] = frame[column] + HOSTILE
        _write(frame, folder / name)

    targets = _read(folder / "targets.csv")
    indicators = _read(folder / "indicators.csv")
    series = _read(folder / "series.csv")
    # units: hostile for every indicator that no target uses, and for its figures
    used = set(targets["indicator"]) | set(_read(folder / "proxies.csv")["indicator"])
    free = ~indicators["id"].isin(used) & (indicators["unit"] != "%")
    free &= indicators["derived_from"] == ""
    parts = {p.strip() for f in indicators["derived_from"] for p in f.split("+") if p.strip()}
    free &= ~indicators["id"].isin(parts)
    units = {i: u + HOSTILE.replace("\n", " ") for i, u in
             zip(indicators.loc[free, "id"], indicators.loc[free, "unit"], strict=True)}  # fmt: skip
    indicators.loc[free, "unit"] = indicators.loc[free, "id"].map(units)
    hit = series["indicator"].isin(units)
    series.loc[hit, "unit"] = series.loc[hit, "indicator"].map(units)
    # a figure for another region: its id is checked (one capitalised word), its names are free text
    regions = _read(folder / "regions.csv")
    elsewhere = {"id": "Elsewhere", "name_zh": "别处" + HOSTILE, "name_en": "Elsewhere" + HOSTILE,
                 "level": "city", "spellings": "", "note": HOSTILE}  # fmt: skip
    _write(
        pd.concat([regions, pd.DataFrame([elsewhere])], ignore_index=True), folder / "regions.csv"
    )
    extra = series.iloc[[0]].copy()
    extra["region"] = "Elsewhere"
    series = pd.concat([series, extra], ignore_index=True)
    _write(indicators, folder / "indicators.csv")
    _write(series, folder / "series.csv")
    for name in ("points.csv", "monthly.csv"):  # dated figures carry the unit too
        frame = _read(folder / name)
        hit = frame["indicator"].isin(units)
        frame.loc[hit, "unit"] = frame.loc[hit, "indicator"].map(units)
        _write(frame, folder / name)

    sources = _read(folder / "sources.csv")
    sources.loc[sources.index[:3], "url"] = "javascript:alert('u')"
    _write(sources, folder / "sources.csv")
    return folder


# what the hostile text would become if it were read as markup (nothing else on a page contains it)
LIVE = ("<script>alert('s')", "<img src=x onerror", 'href="javascript:',
        "<strong>bold</strong>", "<b>b</b>", "<sub>c</sub>", "\\(x^2\\)", "<em>link</em>")  # fmt: skip


def live_markup(html: str) -> list[str]:
    """The pieces of the hostile text that ``html`` holds as live markup, not as escaped text."""
    return [piece for piece in LIVE if piece in html]


def shown_literally(html: str) -> bool:
    """Whether the page's text shows the hostile script as the characters it is."""
    import html as html_lib
    import re

    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    return f"{MARK}<script>alert('s')</script>" in text
