"""Each chapter's own analysis, beyond its per-target sections: one function per analysis.

Every function takes the loaded data (the :class:`loader.Dataset` that the chapters use) and
returns an :class:`analysis_display.Analysis`: a figure drawn only from published figures in
``data/``, those figures with their sources, and notes in Chinese and English. Where the data do
not allow an analysis, or a part of it, the result says so in both languages and names the file an
analyst would add — no value is ever filled in. A notebook shows one in a line
(``show_energy_mix(ch.data)``), or all of an action's (``show_for_action(ch.action.number, ch.data)``).

| action | function | what it shows |
|---|---|---|
| 二（二） 2 | :func:`energy_mix` | installed capacity and generation by type, side by side |
| 二（四） 4 | :func:`industry_output_co2` | steel, cement and petrochemical output beside their CEADs CO2 |
| 二（六） 6 | :func:`transport_context` | vehicle stock, the national NEV share, transport CO2 |
| 二（七） 7 | :func:`agriculture_co2` | CO2 of agriculture and of rural households (CEADs) |
| 二（十） 10 | :func:`carbon_market` | GDEA and CEA prices; GDEA volume and value traded since 2013 |
| 二（十二） 12 | :func:`forest_break` | forest cover and stock, old and new basis never joined |
| 二（十四） 14 | :func:`county_ranking` | counties ranked by CO2 in the latest year, and when each was highest |

The series-based analyses are in :mod:`series_analyses`, the county ranking in :mod:`county_ranking`,
the overview's heat map of actions × evidence tiers and statuses in :mod:`status_map`; the
result they return and how it is shown in :mod:`analysis_display`.
"""

from __future__ import annotations

from analysis.data.loader import Dataset
from analysis.pages.analysis_display import Analysis
from analysis.pages.county_ranking import county_ranking
from analysis.pages.series_analyses import (
    agriculture_co2,
    carbon_market,
    energy_mix,
    forest_break,
    industry_output_co2,
    transport_context,
)
from analysis.pages.status_map import show_status_heatmap, status_heatmap

ANALYSES = {
    2: [energy_mix],
    4: [industry_output_co2],
    6: [transport_context],
    7: [agriculture_co2],
    10: [carbon_market],
    12: [forest_break],
    14: [county_ranking],
}


def for_action(action: int, data: Dataset) -> list[Analysis]:
    """Every analysis of an action's chapter (none for an action without one)."""
    return [f(data) for f in ANALYSES.get(action, [])]


def show_for_action(action: int, data: Dataset) -> None:
    """Display every analysis of an action's chapter (one line in a notebook)."""
    from IPython.display import display

    for analysis in for_action(action, data):
        display(analysis.close())


def show_energy_mix(data: Dataset) -> Analysis:
    return energy_mix(data).close()


def show_industry_output_co2(data: Dataset) -> Analysis:
    return industry_output_co2(data).close()


def show_transport_context(data: Dataset) -> Analysis:
    return transport_context(data).close()


def show_agriculture_co2(data: Dataset) -> Analysis:
    return agriculture_co2(data).close()


def show_carbon_market(data: Dataset) -> Analysis:
    return carbon_market(data).close()


def show_forest_break(data: Dataset) -> Analysis:
    return forest_break(data).close()


def show_county_ranking(data: Dataset, year: int | None = None, top: int = 20) -> Analysis:
    return county_ranking(data, year, top).close()


__all__ = [
    "ANALYSES", "agriculture_co2", "carbon_market", "county_ranking", "energy_mix", "for_action",
    "forest_break", "industry_output_co2", "show_agriculture_co2", "show_carbon_market",
    "show_county_ranking", "show_energy_mix", "show_for_action", "show_forest_break",
    "show_industry_output_co2", "show_status_heatmap", "show_transport_context", "status_heatmap",
    "transport_context",
]  # fmt: skip
