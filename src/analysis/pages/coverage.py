"""Which registered targets the data can speak to, on what evidence, and what is missing.

Built from the registry and the assessment table, so the data chapter, the overview and the
``wanted`` worksheet never disagree with the verdicts.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.loader import Dataset
from analysis.pages.markup import Md, code, md, md_code


def years_text(years: list[int]) -> str:
    """'2009-2023 (15)' or '2005, 2010, 2020 (3)'."""
    if not years:
        return "—"
    years = sorted(years)
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]} ({len(years)})"
    return ", ".join(str(y) for y in years) + f" ({len(years)})"


def coverage_table(targets: pd.DataFrame, data: Dataset, assessment: pd.DataFrame) -> pd.DataFrame:
    """One row per registered target: its series, the figures available, its tier and what is missing."""
    status = assessment.set_index("target_id")
    rows = []
    for t in targets.itertuples():
        years = data.observations(t.indicator)["year"].tolist() if t.indicator else []
        points = data.dated_points(t.indicator)["label"].tolist() if t.indicator else []
        start = data.break_year(t.indicator) if t.indicator else None
        a = status.loc[t.id]
        rows.append(
            {
                "target_id": t.id,
                "clause": t.clause,
                "indicator": t.indicator or "—",
                "years": years_text(years),
                "points": ", ".join(points) or "—",
                "break": start or "",
                "tier": a["tier"],
                "status": a["status"],
                "evidence": a["evidence_indicator"] or "",
                "region": a["evidence_region"] or "",
                "missing": a["reason"] if a["status"] == "not assessable" else "",
                "missing_zh": a["reason_zh"] if a["status"] == "not assessable" else "",
            }
        )
    return pd.DataFrame(rows)


def data_wanted(coverage: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """For each target without a verdict of its own series: what is missing and what to add."""
    out = []
    by_id = targets.set_index("id")
    for row in coverage[coverage["tier"].isin(["none", "single figure", "proxy"])].itertuples():
        t = by_id.loc[row.target_id]
        if t["comparator"] == "unquantified" or not t["indicator"]:
            continue
        action = Md(  # Markdown for the data page: the registry's note is escaped
            f"在data/series.csv中补充{code(t['indicator'])}（广东）的数据，每个附来源和原文；"
            "`python -m analysis wanted`生成待填写的行。<br>"
            f"Add figures of {code(t['indicator'])} (Guangdong) to data/series.csv, each with its "
            f"source and quote; `python -m analysis wanted` writes the rows to fill. Where: "
            f"{md(t['data_wanted'] or '—')}"
        )
        out.append(
            {
                "target_id": row.target_id,
                "clause": row.clause,
                "tier": row.tier,
                "what is missing": Md(
                    f"{md_code(row.missing_zh)}<br>{md_code(row.missing)}"
                    if row.missing
                    else "缺少目标本身的序列（结论依据替代指标）<br>"
                    "a series of its own (the verdict rests on a proxy)"
                ),
                "what to add": action,
            }
        )
    return pd.DataFrame(
        out, columns=["target_id", "clause", "tier", "what is missing", "what to add"]
    )
