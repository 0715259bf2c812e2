"""The method chapter's tables and figure, generated from the benchmark output and the engine."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt

from .assess import DEFAULT_SETTINGS, Settings
from .calibration import LEVELS, OWN_MIN, pooled_table
from .chapter import markdown_table
from .figures import use_cjk_font
from .models import COMBINATION
from .paths import REPO_ROOT

RESULTS_FILE = REPO_ROOT / "benchmarks" / "results" / "forecast_skill.json"
MODEL_TEXT = {
    "naive": "the last value carried forward (the competitions' Naive2 for yearly data)",
    "drift": "random walk with drift: the average yearly change continues",
    "damped": "damped-trend exponential smoothing (Holt with a damping factor up to 1)",
    "theta": "the Theta method: exponential smoothing plus half the slope of a straight-line trend",
    "loglinear": "a straight line through the logarithm of the last ten values (steady percentage growth)",
    "logit": "for shares and rates with bounds, a straight line through the logit of the last ten values",
    "combination": "the engine's default: the median of " + ", ".join(COMBINATION),
}


def load_results(path: Path = RESULTS_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def skill_table(results: dict) -> str:
    rows = sorted(results["m3"], key=lambda r: r["owa"])
    return markdown_table(
        ["Model 模型", "What it does", "sMAPE %", "MASE", "OWA vs Naive2", "ms per series"],
        [[r["model"], MODEL_TEXT[r["model"]], f"{r['smape']:.2f}", f"{r['mase']:.3f}", f"{r['owa']:.3f}",
          f"{r['ms_per_series']:.2f}"] for r in rows],
    )  # fmt: skip


def book_skill_table(results: dict) -> str:
    rows = sorted(results["book_series"], key=lambda r: r["owa"])
    if not rows:
        return "No series in `data/` is long enough for a backtest."
    return markdown_table(
        ["Model", "sMAPE %", "MASE", "OWA", "series", "forecasts"],
        [[r["model"], f"{r['smape']:.1f}", f"{r['mase']:.2f}", f"{r['owa']:.3f}", int(r["series"]),
          int(r["points"])] for r in rows],
    )  # fmt: skip


def coverage_table(results: dict) -> str:
    cov = results["coverage"]
    horizons = sorted(cov["80%"]["by_h"], key=int)
    return markdown_table(
        ["Nominal", "All horizons", *[f"h={h}" for h in horizons]],
        [
            [level, f"{c['overall']:.1%}", *[f"{c['by_h'][h]:.0%}" for h in horizons]]
            for level, c in cov.items()
        ],
    )


def headline(results: dict) -> str:
    m3 = {r["model"]: r for r in results["m3"]}
    c = m3["combination"]
    goals = results["goals"]
    return (
        f"On the {results['m3_series']} yearly series of the M3 competition (horizon {results['horizon']}), the "
        f"default combination scores sMAPE {c['smape']:.2f} % and OWA {c['owa']:.3f} against Naive2 "
        f"(Theta: OWA {m3['theta']['owa']:.3f}). It {'beats' if goals['beats_theta'] else 'does not beat'} "
        f"Theta; it {'meets' if goals['owa_at_most_0.80'] else 'misses'} the project's goal of OWA ≤ 0.80. "
        f"Its calibrated 80 % intervals cover {results['coverage']['80%']['overall']:.1%} of the held-out "
        f"points and its 95 % intervals {results['coverage']['95%']['overall']:.1%}."
    )


def calibration_figure():
    """The pooled error quantiles by horizon: how fast uncertainty grows with the horizon."""
    use_cjk_font()
    table = pooled_table()
    horizons = range(1, table.shape[0] + 1)
    fig, ax = plt.subplots(figsize=(7.5, 3.8), dpi=110)
    for lo, hi, alpha in ((0.1, 0.9, 0.35), (0.025, 0.975, 0.15)):
        i, j = list(LEVELS).index(lo), list(LEVELS).index(hi)
        ax.fill_between(horizons, table[:, i], table[:, j], color="#2c7fb8", alpha=alpha, lw=0,
                        label=f"{hi - lo:.0%} 区间 interval")  # fmt: skip
    ax.plot(horizons, table[:, list(LEVELS).index(0.5)], color="#2c7fb8", label="中位数 median")
    ax.axhline(0, color="#555", lw=0.8)
    ax.set_xlabel("预测步长（年） horizon (years)")
    ax.set_ylabel("误差 / 年均变化 error ÷ mean yearly change")
    ax.set_title("回测误差分位数（M3年度序列） Backtest error quantiles (M3 yearly)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def calibration_note() -> str:
    return (
        f"A series uses its own backtest errors at a horizon when it has at least {OWN_MIN} of them; "
        "none of the Guangdong series is that long, so the book's intervals come from the pooled table."
    )


def thresholds_table(settings: Settings = DEFAULT_SETTINGS) -> str:
    return markdown_table(
        ["Status 状态", "Rule", "Parameter"],
        [
            ["achieved 已实现", "the latest published figure already meets the target", "—"],
            ["on track 进展顺利", f"P(meet) ≥ {settings.on_track:.0%}", f"on_track = {settings.on_track}"],
            ["at risk 存在风险", f"{settings.off_track:.0%} ≤ P(meet) < {settings.on_track:.0%}", "—"],
            ["off track 偏离轨道", f"P(meet) < {settings.off_track:.0%}", f"off_track = {settings.off_track}"],
            ["not assessable 无法评估",
             "no number in the plan, no public series, or fewer than 5 consecutive yearly figures", "—"],
        ],
    )  # fmt: skip
