"""Which registered targets the data can speak to, what is missing, and labelled proxies.

A proxy is a clearly different quantity computed from published series (e.g. CEADs CO2 of the
ferrous-metals sector per tonne of crude steel). Chapters show it as context with its derivation;
it never sets a target's status.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .assess import MIN_POINTS
from .loader import Dataset


@dataclass(frozen=True)
class Proxy:
    target_id: str
    name_zh: str
    name_en: str
    unit: str
    numerator: str
    denominator: str
    scale: float  # value = scale * numerator / denominator
    derivation: str


PROXIES = [
    Proxy(
        "a04_steel_co2_2030",
        "黑色金属冶炼业二氧化碳排放/粗钢产量",
        "CO2 of ferrous-metal smelting per tonne of crude steel",
        "t CO2/t",
        "co2_ceads_ferrous_metals",
        "crude_steel_output",
        100.0,
        "CEADs scope-1 CO2 of 'Smelting and Pressing of Ferrous Metals' (Mt) × 100 ÷ crude steel output "
        "(万吨). It covers all ferrous smelting, not only long-process (blast-furnace) steel.",
    ),
    Proxy(
        "a04_clinker_co2_2030",
        "水泥生产过程排放/水泥产量",
        "Cement process CO2 per tonne of cement",
        "t CO2/t",
        "co2_ceads_cement_process",
        "cement_output",
        100.0,
        "CEADs process CO2 of cement (Mt) × 100 ÷ cement output (万吨). Per tonne of cement, not of "
        "clinker, and without kiln fuel.",
    ),
    Proxy(
        "a00_co2_intensity_2025",
        "二氧化碳排放/地区生产总值（当年价）",
        "CO2 per unit of GDP at current prices",
        "t CO2/万元",
        "co2_emissions_ceads",
        "gdp_current_prices",
        100.0,
        "CEADs total CO2 (Mt) × 100 ÷ GDP at current prices (亿元). Current prices, so it falls faster "
        "than the official constant-price intensity.",
    ),
    Proxy(
        "a06_transport_co2_intensity_2030",
        "交通运输仓储邮政业二氧化碳排放",
        "CO2 of transport, storage and post",
        "Mt CO2",
        "co2_ceads_transport",
        "",
        1.0,
        "CEADs scope-1 CO2 of the transport, storage and post sector: total emissions, not per unit "
        "of turnover.",
    ),
]


def proxy_series(proxy: Proxy, data: Dataset) -> pd.DataFrame:
    """Year and value of a proxy, for the years where its parts are all published."""
    num = data.observations(proxy.numerator).set_index("year")["value"]
    if not proxy.denominator:
        return num.mul(proxy.scale).rename("value").reset_index()
    den = data.observations(proxy.denominator).set_index("year")["value"]
    both = pd.concat([num, den], axis=1, keys=["n", "d"]).dropna()
    return (proxy.scale * both["n"] / both["d"]).rename("value").reset_index()


def proxies_for(target_id: str) -> list[Proxy]:
    return [p for p in PROXIES if p.target_id == target_id]


def years_text(years: list[int]) -> str:
    """'2009-2023 (15)' or '2005, 2010, 2020 (3)'."""
    if not years:
        return "—"
    years = sorted(years)
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]} ({len(years)})"
    return ", ".join(str(y) for y in years) + f" ({len(years)})"


def coverage_table(targets: pd.DataFrame, data: Dataset, assessment: pd.DataFrame) -> pd.DataFrame:
    """One row per registered target: its series, the years available, and what is missing."""
    status = assessment.set_index("target_id")
    rows = []
    for t in targets.itertuples():
        years = data.observations(t.indicator)["year"].tolist() if t.indicator else []
        start = data.break_year(t.indicator) if t.indicator else None
        usable = [y for y in years if start is None or y >= start]
        a = status.loc[t.id]
        if t.comparator == "unquantified":
            missing = "no number in the plan"
        elif not t.indicator:
            missing = t.data_wanted
        elif a["status"] == "not assessable":
            missing = a["reason"]
        else:
            missing = ""
        rows.append({
            "target_id": t.id, "clause": t.clause, "indicator": t.indicator or "—",
            "years": years_text(years),
            "usable": years_text(usable) + (f" since the {start} break" if start else ""),
            "assessable": "yes" if a["status"] != "not assessable" else "no",
            "status": a["status"], "missing": missing,
            "proxy": "; ".join(p.name_en for p in proxies_for(t.id)),
        })  # fmt: skip
    return pd.DataFrame(rows)


def data_wanted(coverage: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """For each not-assessable target: the file to extend and the rows that would make it assessable."""
    out = []
    by_id = targets.set_index("id")
    for row in coverage[coverage["assessable"] == "no"].itertuples():
        t = by_id.loc[row.target_id]
        if t["comparator"] == "unquantified":
            continue
        if t["indicator"]:
            action = (f"add yearly rows for `{t['indicator']}` to data/series.csv (at least {MIN_POINTS} "
                      "consecutive years on one statistical basis), each with its source and quote")  # fmt: skip
        else:
            action = (
                "add the indicator to data/indicators.csv, its yearly rows to data/series.csv and "
                "their sources to data/sources.csv; then set the target's `indicator` in data/targets.csv"
            )
        out.append({"target_id": row.target_id, "clause": row.clause, "what is missing": row.missing,
                    "what to add": action})  # fmt: skip
    return pd.DataFrame(out)
