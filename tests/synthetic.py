"""Build small synthetic datasets of known behaviour for assessment tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.loader import Dataset, derive
from analysis.data.schemas import BREAK_COLUMNS, POINT_COLUMNS


def dataset(
    series: dict[str, dict[int, float]],
    qualifiers: dict | None = None,
    bounds: dict[str, tuple] | None = None,
    points: dict[str, dict[str, float]] | None = None,
    units: dict[str, str] | None = None,
    measures: dict[str, str] | None = None,
    secondary: set | None = None,
    breaks: dict[str, tuple[int, str]] | None = None,
    region: str = "Guangdong",
    regions: dict[str, str] | None = None,
    point_kinds: dict[tuple[str, str], str] | None = None,
) -> Dataset:
    """A Dataset with one indicator per key; units '万千瓦' unless the id ends with _share ('%').

    ``points`` gives dated figures ('YYYY-MM' -> value, kind 'status'); ``secondary`` lists
    (indicator, year) figures read from a source of the lowest standing; ``breaks`` maps an
    indicator to (first year of the new basis, 'comparable' or 'not comparable'); ``regions`` puts an
    indicator's figures in another region; ``point_kinds`` marks (indicator, date) points 'part'.
    """
    qualifiers, bounds, points = qualifiers or {}, bounds or {}, points or {}
    units, measures, secondary, breaks = (
        units or {},
        measures or {},
        secondary or set(),
        breaks or {},
    )
    ids = list(dict.fromkeys([*series, *points]))
    regions, point_kinds = regions or {}, point_kinds or {}

    def unit(k):
        return units.get(k, "%" if k.endswith("share") else "万千瓦")

    indicators = pd.DataFrame(
        [
            {
                "id": k,
                "name_zh": k,
                "name_en": k,
                "unit": unit(k),
                "lower": bounds.get(k, (0, None))[0],
                "upper": bounds.get(k, (0, None))[1],
                "measure": measures.get(k, "stock"),
                "derived_from": "",
                "note": "",
                "note_zh": "",
            }
            for k in ids
        ]
    )
    indicators[["lower", "upper"]] = indicators[["lower", "upper"]].astype(float)
    rows = [
        {
            "indicator": k,
            "region": regions.get(k, region),
            "year": y,
            "value": float(v),
            "qualifier": qualifiers.get((k, y), ""),
            "unit": unit(k),
            "source_id": "weak" if (k, y) in secondary else "s",
            "quote": "q",
            "note": "",
        }
        for k, values in series.items()
        for y, v in values.items()
    ]
    point_rows = [
        {
            "indicator": k,
            "region": regions.get(k, region),
            "date": d,
            "kind": point_kinds.get((k, d), "status"),
            "label": d,
            "value": float(v),
            "qualifier": qualifiers.get((k, d), ""),
            "unit": unit(k),
            "source_id": "s",
            "quote": "q",
            "note": "",
            "derived": False,
        }
        for k, values in points.items()
        for d, v in values.items()
    ]
    sources = pd.DataFrame(
        [
            {"id": "s", "publisher": "p", "title": "t", "tier": "official statistics"},
            {"id": "weak", "publisher": "an opinion column", "title": "t", "tier": "secondary"},
        ]
    )
    frame = (
        pd.DataFrame(rows)
        if rows
        else pd.DataFrame(columns=[*POINT_COLUMNS[:2], "year", *POINT_COLUMNS[5:]])
    )
    break_rows = pd.DataFrame(
        [
            {
                "indicator": k,
                "region": regions.get(k, region),
                "year": y,
                "reason": "new basis",
                "source_id": "s",
                "quote": "q",
                "old_targets": kind,
            }
            for k, (y, kind) in breaks.items()
        ],
        columns=BREAK_COLUMNS,
    )
    return Dataset(
        indicators,
        sources,
        derive(frame, indicators),
        Path("."),
        break_rows,
        pd.DataFrame(point_rows, columns=[*POINT_COLUMNS, "derived"]),
    )


def target(
    indicator: str,
    value: float,
    year: int | None = 2030,
    comparator: str = ">=",
    kind: str = "capacity",
    unit: str = "万千瓦",
    **extra,
) -> pd.Series:
    row = {
        "id": f"a02_{indicator or 'none'}",
        "action": 2,
        "clause": "二（二）9",
        "year": pd.NA if year is None else year,
        "kind": kind,
        "comparator": comparator,
        "value": value,
        "unit": unit,
        "base_year": pd.NA,
        "indicator": indicator,
        "quote_zh": "…",
        "summary_en": "…",
        "data_wanted": "",
        "note": "",
        "note_zh": "",
        "value_max": pd.NA,
        "value_source": "",
        "wanted_source": "",
    }
    row.update(extra)
    return pd.Series(row)
