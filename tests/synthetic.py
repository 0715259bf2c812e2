"""Build small synthetic datasets of known behaviour for assessment tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.loader import Dataset, derive


def dataset(
    series: dict[str, dict[int, float]],
    qualifiers: dict | None = None,
    bounds: dict[str, tuple] | None = None,
) -> Dataset:
    """A Dataset with one indicator per key; units '万千瓦' unless the id ends with _share ('%')."""
    qualifiers = qualifiers or {}
    bounds = bounds or {}
    indicators = pd.DataFrame(
        [
            {
                "id": k,
                "name_zh": k,
                "name_en": k,
                "unit": "%" if k.endswith("share") else "万千瓦",
                "lower": bounds.get(k, (0, None))[0],
                "upper": bounds.get(k, (0, None))[1],
                "derived_from": "",
                "note": "",
            }
            for k in series
        ]
    )
    indicators[["lower", "upper"]] = indicators[["lower", "upper"]].astype(float)
    rows = [
        {
            "indicator": k,
            "region": "Guangdong",
            "year": y,
            "value": float(v),
            "qualifier": qualifiers.get((k, y), ""),
            "unit": "",
            "source_id": "s",
            "quote": "q",
            "note": "",
        }
        for k, values in series.items()
        for y, v in values.items()
    ]
    sources = pd.DataFrame([{"id": "s", "publisher": "p", "title": "t"}])
    return Dataset(indicators, sources, derive(pd.DataFrame(rows), indicators), Path("."))


def target(
    indicator: str,
    value: float,
    year: int = 2030,
    comparator: str = ">=",
    kind: str = "capacity",
    unit: str = "万千瓦",
    **extra,
) -> pd.Series:
    row = {
        "id": f"a02_{indicator}",
        "action": 2,
        "clause": "二（二）9",
        "year": year,
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
    }
    row.update(extra)
    return pd.Series(row)
