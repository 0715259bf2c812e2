"""The data the book wants, as a worksheet in the shape of ``series.csv``.

``python -m analysis wanted`` writes one row per (indicator, year) that a target without a verdict
of its own series needs, with the publication to read it from already in ``source_id``. An analyst
fills in ``value`` and ``quote`` (and ``qualifier`` for a bound), leaves the rest, and passes the
file back with ``--data-dir worksheet.csv``: rows left empty are skipped, filled rows are laid over
``series.csv``, and the targets move tier.

Which years: from the base year for targets measured from one, otherwise the five years up to the
newest figure of the book (five consecutive yearly figures make a projection); years already
published are left out. A derived indicator asks for its stored parts (the yearly changes behind a
chained index, the two series behind a sum).
"""

from __future__ import annotations

import pandas as pd

from analysis.data.derive import parse_formula
from analysis.data.loader import Dataset
from analysis.data.schemas import SERIES_COLUMNS

OWN_TIERS_WITHOUT_VERDICT = ("none", "single figure", "proxy")
RATIO_PARTS_ARE_CONTEXT = True  # a ratio's parts are other series (CO2, GDP): not asked for here


def stored_parts(indicator: str, data: Dataset) -> list[str]:
    """The stored indicators a (possibly derived) indicator is made of."""
    formula = parse_formula(data.indicator(indicator)["derived_from"])
    if formula is None:
        return [indicator]
    if formula.op == "ratio":
        return []
    return [p for part in formula.parts for p in stored_parts(part, data)]


def worksheet(targets: pd.DataFrame, table: pd.DataFrame, data: Dataset) -> pd.DataFrame:
    """The rows to fill, in series.csv columns, sorted by indicator and year (deterministic)."""
    newest = data.newest_year()
    by_id = table.set_index("target_id")
    rows: dict[tuple[str, int], dict] = {}
    for t in targets.itertuples():
        a = by_id.loc[t.id]
        if t.comparator == "unquantified" and t.id != "a00_co2_intensity_2025" or not t.indicator:
            continue
        if a["tier"] not in OWN_TIERS_WITHOUT_VERDICT or (
            a["status"] != "not assessable" and a["tier"] != "proxy"
        ):
            continue  # a verdict on the target's own series needs nothing more
        start = int(t.base_year) if pd.notna(t.base_year) else newest - 4
        for indicator in stored_parts(t.indicator, data):
            have = set(data.observations(indicator)["year"])
            unit = data.indicator(indicator)["unit"]
            for year in range(start, newest + 1):
                if year in have:
                    continue
                key = (indicator, year)
                row = rows.setdefault(
                    key,
                    {
                        "indicator": indicator,
                        "region": "Guangdong",
                        "year": year,
                        "value": "",
                        "qualifier": "",
                        "unit": unit,
                        "source_id": t.wanted_source,
                        "quote": "",
                        "note": "",
                    },
                )
                needed_by = f"needed by {t.id}"
                row["note"] = "; ".join(x for x in (row["note"], needed_by) if x)
    for row in rows.values():
        hint = targets.loc[targets["indicator"].isin([row["indicator"]]), "data_wanted"]
        row["note"] += (
            " | fill in value and quote (the sentence the value is read from); where: "
            + (hint.iloc[0] if len(hint) and hint.iloc[0] else "see the source")
        )
    frame = pd.DataFrame(list(rows.values()), columns=SERIES_COLUMNS)
    return frame.sort_values(["indicator", "year"]).reset_index(drop=True)
