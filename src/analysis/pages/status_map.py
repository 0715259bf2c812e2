"""The overview's heat map: for each action, how many targets rest on each evidence tier and how
many have each status, from the assessment table.

Two panels share the rows (the plan's actions, in its order): targets by evidence tier, and
targets by status, each status column shaded in its own colour so the map reads like the status
badges. Actions without a quantitative target keep their row, marked so, rather than vanishing.

The map is an HTML table, not a picture: the action names are text in the first column, each a link
to its chapter, and that column stays in place (``position: sticky``, custom.css) while a phone
reader scrolls the ten count columns sideways. (As a picture the names were about 6 px high on a
desktop, and scrolled out of sight on a phone.) The cells keep the shades of the seaborn heat map
it replaces: a light tint of the column's colour for one target, the colour itself for the most.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_hex, to_rgb
from seaborn.utils import relative_luminance

from analysis.assess.targets import STATUS_ZH, STATUSES, TIER_ZH, TIERS
from analysis.data.plan import Action, read_plan
from analysis.pages.analysis_display import Analysis, Note
from analysis.pages.chapter import STATUS_COLOURS, TIER_EN
from analysis.pages.markup import html_text

SOURCE = "本书评估表 the book's assessment (downloads/assessment.csv), data/targets.csv"
TIER_COLOUR = "#2c7fb8"
TITLE = ("各行动的证据等级与状态", "Evidence tiers and statuses, action by action")


def action_counts(
    table: pd.DataFrame, plan: dict[int, Action]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets by action × tier and action × status; every action of the plan has a row."""
    actions = sorted(plan)
    by_tier = pd.crosstab(table["action"], table["tier"]).reindex(
        index=actions, columns=TIERS, fill_value=0
    )
    by_status = pd.crosstab(table["action"], table["status"]).reindex(
        index=actions, columns=STATUSES, fill_value=0
    )
    return by_tier.astype(int), by_status.astype(int)


def _scale(colour: str) -> LinearSegmentedColormap:
    """From a light tint of ``colour`` (one target) to the colour itself (the most targets)."""
    rgb = np.array(to_rgb(colour))
    return LinearSegmentedColormap.from_list(colour, [0.25 * rgb + 0.75, rgb])


def cell_colours(count: int, colour: str, top: int) -> tuple[str, str] | None:
    """(background, text) of a cell holding ``count`` targets, ``top`` being the map's largest
    count; None for an empty cell. The text is dark on light shades, white on dark ones (seaborn's
    rule for its annotations)."""
    if count <= 0:
        return None
    shade = _scale(colour)(Normalize(vmin=1, vmax=max(top, 2))(count))
    return to_hex(shade), "#262626" if relative_luminance(shade) > 0.408 else "#ffffff"


def _name_cell(action: Action, n: int, link: str | None) -> str:
    none = '<span class="heat-none">无量化目标 no target</span>' if n == 0 else ""
    name = (
        f'<span class="heat-clause">{html_text(action.clause)}</span>'
        f'<span class="heat-zh" lang="zh-CN">{html_text(action.name_zh)}</span>'
        f'<span class="heat-en" lang="en">{html_text(action.name_en)}</span>'
    )
    if link:
        name = f'<a href="{html_text(link)}">{name}</a>'
    return f'<th scope="row" class="heat-name">{name}{none}</th>'


def heat_table(
    by_tier: pd.DataFrame,
    by_status: pd.DataFrame,
    plan: dict[int, Action],
    links: dict[int, str] | None = None,
) -> str:
    """The two panels as one HTML table: a row per action (its name linked to its chapter when
    ``links`` has it), the tier counts, then the status counts. Every text is escaped."""
    links = links or {}
    top = max(1, int(by_tier.to_numpy().max()), int(by_status.to_numpy().max()))
    columns = [(f"{TIER_ZH[t]}", TIER_EN[t], TIER_COLOUR, "tier") for t in TIERS] + [
        (STATUS_ZH[s], s, STATUS_COLOURS[s], "status") for s in STATUSES
    ]
    heads = "".join(
        f'<th scope="col" class="heat-col{" heat-start" if i in (0, len(TIERS)) else ""}">'
        f'<span lang="zh-CN">{html_text(zh)}</span> <span lang="en">{html_text(en)}</span></th>'
        for i, (zh, en, _, _) in enumerate(columns)
    )
    lines = [
        '<table class="heat-table">',
        "<thead><tr>"
        '<th scope="col" rowspan="2" class="heat-name heat-corner">行动 Action</th>'
        f'<th scope="colgroup" colspan="{len(TIERS)}" class="heat-group heat-start">'
        "证据等级（目标个数）<br>Evidence tier (number of targets)</th>"
        f'<th scope="colgroup" colspan="{len(STATUSES)}" class="heat-group heat-start">'
        "状态（目标个数）<br>Status (number of targets)</th></tr>",
        f"<tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for number in by_tier.index:
        counts = [int(v) for v in by_tier.loc[number]] + [int(v) for v in by_status.loc[number]]
        cells = []
        for i, (count, (_, _, colour, _)) in enumerate(zip(counts, columns, strict=True)):
            start = " heat-start" if i in (0, len(TIERS)) else ""
            shade = cell_colours(count, colour, top)
            if shade is None:
                cells.append(f'<td class="heat-cell heat-empty{start}"></td>')
            else:
                cells.append(
                    f'<td class="heat-cell{start}" style="background:{shade[0]};color:{shade[1]}">'
                    f"{count}</td>"
                )
        n = int(by_tier.loc[number].sum())
        lines.append(f"<tr>{_name_cell(plan[number], n, links.get(number))}{''.join(cells)}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def status_heatmap(
    table: pd.DataFrame,
    plan: dict[int, Action] | None = None,
    links: dict[int, str] | None = None,
) -> Analysis:
    """Actions × evidence tiers and actions × statuses, as counts of targets; ``links``: action
    number -> its chapter's page, relative to the page that shows the map."""
    plan = plan or read_plan()
    by_tier, by_status = action_counts(table, plan)
    counts = pd.concat(
        [by_tier.add_prefix("tier: "), by_status.add_prefix("status: ")], axis=1
    ).rename_axis("action")
    counts.insert(0, "clause", [plan[a].clause for a in counts.index])
    if counts.drop(columns="clause").to_numpy().sum() == 0:
        return Analysis(
            "status-heatmap",
            0,
            *TITLE,
            notes=[
                Note("评估表中没有目标。", "The assessment table holds no target.", missing=True)
            ],
        )
    notes = [
        Note(
            "每个目标只有一个证据等级和一个状态，两个面板各行之和相同。",
            "Each target has one evidence tier and one status, so the two panels' rows add up to the "
            "same numbers.",
        )
    ]
    return Analysis(
        "status-heatmap",
        0,
        *TITLE,
        table=counts.reset_index(),
        notes=notes,
        source_line=SOURCE,
        view=heat_table(by_tier, by_status, plan, links),
    )


def show_status_heatmap(table: pd.DataFrame, chapters: dict[int, str] | None = None) -> Analysis:
    """The map for the overview; ``chapters``: action number -> chapter notebook, as the build
    gives the overview (``chapters/action_02.ipynb``), linked as its published page."""
    links = {int(n): str(p).replace(".ipynb", ".html") for n, p in (chapters or {}).items()}
    return status_heatmap(table, links=links)
