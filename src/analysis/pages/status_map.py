"""The overview's heat map: for each action, how many targets rest on each evidence tier and how
many have each status, from the assessment table (seaborn ``heatmap``).

Two panels share the rows (the plan's actions, in its order): targets by evidence tier, and
targets by status, each status column shaded in its own colour so the map reads like the status
badges. Actions without a quantitative target keep their row, marked so, rather than vanishing.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from analysis.assess.targets import STATUS_ZH, STATUSES, TIER_ZH, TIERS
from analysis.data.plan import Action, read_plan
from analysis.pages.analysis_display import Analysis, Note, mpl_text
from analysis.pages.chapter import STATUS_COLOURS, TIER_EN
from analysis.pages.small_multiples import finish, style

SOURCE = "本书评估表 the book's assessment (downloads/assessment.csv), data/targets.csv"


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


def _row_label(action: Action, n: int) -> str:
    none = "（无量化目标 no target）" if n == 0 else ""
    return f"{action.clause} {mpl_text(action.name_zh)}{none}\n{mpl_text(action.name_en)}"


def _scale(colour: str) -> LinearSegmentedColormap:
    """From a light tint of ``colour`` (one target) to the colour itself (the most targets)."""
    rgb = np.array(to_rgb(colour))
    return LinearSegmentedColormap.from_list(colour, [0.25 * rgb + 0.75, rgb])


def _annotations(counts: pd.DataFrame) -> np.ndarray:
    return np.array([["" if v == 0 else str(v) for v in row] for row in counts.to_numpy()])


def status_heatmap(table: pd.DataFrame, plan: dict[int, Action] | None = None) -> Analysis:
    """Actions × evidence tiers and actions × statuses, as counts of targets."""
    plan = plan or read_plan()
    by_tier, by_status = action_counts(table, plan)
    title = ("各行动的证据等级与状态", "Evidence tiers and statuses, action by action")
    counts = pd.concat(
        [by_tier.add_prefix("tier: "), by_status.add_prefix("status: ")], axis=1
    ).rename_axis("action")
    counts.insert(0, "clause", [plan[a].clause for a in counts.index])
    if counts.drop(columns="clause").to_numpy().sum() == 0:
        return Analysis(
            "status-heatmap",
            0,
            *title,
            notes=[
                Note("评估表中没有目标。", "The assessment table holds no target.", missing=True)
            ],
        )
    rows = [_row_label(plan[a], int(by_tier.loc[a].sum())) for a in by_tier.index]
    height = 0.36 * len(rows) + 1.6
    with style():
        fig, (left, right) = plt.subplots(
            1, 2, figsize=(11, height), sharey=True, gridspec_kw={"width_ratios": [5, 5]}
        )
        top = max(1, int(by_tier.to_numpy().max()), int(by_status.to_numpy().max()))
        sns.heatmap(
            by_tier,
            ax=left,
            mask=by_tier.to_numpy() == 0,
            cmap=_scale("#2c7fb8"),
            vmin=1,
            vmax=top,
            annot=_annotations(by_tier),
            fmt="",
            cbar=False,
            linewidths=0.6,
            linecolor="#dddddd",
            annot_kws={"fontsize": 8.5},
        )
        for j, status in enumerate(STATUSES):  # each status in its own colour; no target: blank
            mask = by_status.to_numpy() == 0
            mask[:, [k for k in range(len(STATUSES)) if k != j]] = True
            cmap = _scale(STATUS_COLOURS[status])
            sns.heatmap(
                by_status,
                ax=right,
                mask=mask,
                cmap=cmap,
                vmin=1,
                vmax=top,
                annot=_annotations(by_status),
                fmt="",
                cbar=False,
                linewidths=0.6,
                linecolor="#dddddd",
                annot_kws={"fontsize": 8.5},
            )
        left.set_yticks(np.arange(len(rows)) + 0.5, rows, fontsize=7.5, rotation=0)
        left.set_xticks(
            np.arange(len(TIERS)) + 0.5,
            [f"{TIER_ZH[t]}\n{TIER_EN[t]}" for t in TIERS],
            fontsize=7.5,
            rotation=0,
        )
        right.set_xticks(
            np.arange(len(STATUSES)) + 0.5,
            [f"{STATUS_ZH[s]}\n{s}" for s in STATUSES],
            fontsize=7.5,
            rotation=0,
        )
        left.set_title(
            "证据等级（目标个数）\nEvidence tier (number of targets)", fontsize=9.5, loc="left"
        )
        right.set_title("状态（目标个数）\nStatus (number of targets)", fontsize=9.5, loc="left")
        for ax in (left, right):
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.tick_params(length=0)
            ax.grid(False)
    finish(fig, *title, f"来源 Source: {SOURCE}")
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
        *title,
        fig,
        None,
        counts.reset_index(),
        notes=notes,
        source_line=SOURCE,
    )


def show_status_heatmap(table: pd.DataFrame) -> Analysis:
    return status_heatmap(table).close()
