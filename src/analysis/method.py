"""The method chapter's text, tables and figure, generated from the benchmark output and the engine.

The chapter opens in plain words (what a probability of meeting a target means, the evidence tiers,
what "not assessable" asks of the reader) and only then shows the competition measures. Every
number in its prose is read from ``benchmarks/results/forecast_skill.json`` or from the settings.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt

from .assess import DEFAULT_SETTINGS, MIN_POINTS, Settings
from .calibration import LEVELS, WINDOW, pooled_table
from .chapter import markdown_table
from .figures import use_cjk_font
from .paths import REPO_ROOT

RESULTS_FILE = REPO_ROOT / "benchmarks" / "results" / "forecast_skill.json"
PLAIN_WORDS_FILE = Path(__file__).with_name("method_plain_words.md")  # Chinese first, then English
MODEL_TEXT = {
    "engine": "the book's projection: drift and damped trend, each weighted by 1 / (its backtest "
    "error on the series)²",
    "previous": "the book's rule until 2026: the median of naive, drift and damped trend",
    "mean of drift and damped": "drift and damped trend, half and half (tried, not chosen)",
    "naive": "the last value carried forward (the competitions' Naive2 for yearly data)",
    "drift": "random walk with drift: the average yearly change continues",
    "damped": "damped-trend exponential smoothing (Holt with a damping factor up to 1)",
    "theta": "the Theta method: exponential smoothing plus half the slope of a straight-line trend",
    "loglinear": "a straight line through the logarithm of the last ten values (steady % growth)",
    "logit": "for shares with bounds, a straight line through the logit of the last ten values",
}
MODEL_ZH = {
    "engine": "本书预测",
    "previous": "旧规则",
    "mean of drift and damped": "漂移与阻尼平均",
    "naive": "朴素",
    "drift": "漂移",
    "damped": "阻尼趋势",
    "theta": "Theta",
    "loglinear": "对数线性",
    "logit": "Logit",
}


def load_results(path: Path = RESULTS_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rows(results: dict, key: str) -> dict[str, dict]:
    return {r["model"]: r for r in results[key]}


def _name(model: str) -> str:
    return f"{MODEL_ZH.get(model, model)} {model}"


def plain_words(settings: Settings = DEFAULT_SETTINGS) -> str:
    """The chapter's opening: how to read a probability, a tier and a 'not assessable'."""
    level = f"{settings.interval_level:.0%}"
    text = PLAIN_WORDS_FILE.read_text(encoding="utf-8")
    return text.format(level=level, min_points=MIN_POINTS).rstrip()


def headline(results: dict) -> str:
    """The test results in plain words (every number read from the results file)."""
    m3, book, cov = _rows(results, "m3"), _rows(results, "book_series"), results["coverage"]
    e, d = m3["engine"], m3["drift"]
    beaten = [m for m in m3 if m not in ("engine", "previous") and m3[m]["owa"] > e["owa"]]
    listed = [m for m in m3 if m not in ("engine", "previous")]
    prev = m3["previous"]
    be = book["engine"]
    return (
        f"Tested once on the {results['m3_series']} yearly series of the M3 competition (each "
        f"forecast {results['horizon']} years ahead from its last {results['window']} figures, the "
        f"way the book calls the engine), the engine's projection scores OWA {e['owa']:.3f} against "
        f"Naive2 (below 1 is better than carrying the last value forward); random walk with drift "
        f"scores {d['owa']:.3f}. It beats {len(beaten)} of the {len(listed)} reference models. The "
        f"book's previous rule scores {prev['owa']:.3f} here, "
        f"{'better' if prev['owa'] < e['owa'] else 'no better'} on M3, but "
        f"{'worse' if book['previous']['owa_vs_drift'] > be['owa_vs_drift'] else 'no worse'} on the "
        f"book's own series, where it loses to drift (OWA against drift "
        f"{book['previous']['owa_vs_drift']:.3f}). On the book's own {int(be['series'])} series the "
        f"engine's OWA against drift is {be['owa_vs_drift']:.3f} (it beats drift on "
        f"{int(be['beats_drift'])} of them). Its 80 % bands contained "
        f"{cov['80%']['overall']:.1%} of the held-out M3 values and its 95 % bands "
        f"{cov['95%']['overall']:.1%}; on the book's own series, {be['coverage_80']:.1%} and "
        f"{be['coverage_95']:.1%}. {coverage_caveat(results)}"
    )


def coverage_caveat(results: dict) -> str:
    """Why the M3 test coverage can differ from nominal, in numbers from the results."""
    val, test = results["selection_coverage"], results["coverage"]["80%"]["overall"]
    naive_val = _rows(results, "selection")["naive"]["smape"]
    naive_test = _rows(results, "m3")["naive"]["smape"]
    text = (
        f"On the validation years (the last {results['horizon']} training figures, with a "
        f"calibration made from the years before them) the same bands covered {val['80%']:.1%} "
        f"and {val['95%']:.1%}."
    )
    if test > val["80%"] and naive_test < naive_val:
        text += (
            f" The M3 test years were calmer than the training years (carrying the last value "
            f"forward erred by {naive_test:.1f} % there against {naive_val:.1f} % on the "
            "validation years), so bands calibrated on training years came out wider than these "
            "test years needed; they were not narrowed after the test, which would have tuned "
            "them on it."
        )
    return text


def skill_table(results: dict) -> str:
    rows = sorted(results["m3"], key=lambda r: r["owa"])
    return markdown_table(
        ["Model 模型", "What it does", "sMAPE %", "MASE", "OWA vs Naive2", "OWA vs drift",
         "80 % band covers", "95 % band covers", "MSIS", "ms per series"],
        [[_name(r["model"]), MODEL_TEXT[r["model"]], f"{r['smape']:.2f}", f"{r['mase']:.3f}",
          f"{r['owa']:.3f}", f"{r['owa_vs_drift']:.3f}", f"{r['coverage_80']:.1%}",
          f"{r['coverage_95']:.1%}", f"{r['msis']:.1f}", f"{r['ms_per_series']:.2f}"] for r in rows],
    )  # fmt: skip


def selection_table(results: dict) -> str:
    rows = sorted(results["selection"], key=lambda r: r["owa"])
    return markdown_table(
        ["Rule 规则", "sMAPE %", "MASE", "OWA vs Naive2", "OWA vs drift"],
        [[_name(r["model"]), f"{r['smape']:.2f}", f"{r['mase']:.3f}", f"{r['owa']:.3f}",
          f"{r['owa_vs_drift']:.3f}"] for r in rows],
    )  # fmt: skip


def book_skill_table(results: dict) -> str:
    rows = sorted(results["book_series"], key=lambda r: r["owa_vs_drift"])
    if not rows:
        return "No series in `data/` is long enough for a backtest."
    return markdown_table(
        ["Model", "sMAPE %", "MASE", "OWA vs Naive2", "OWA vs drift", "beats drift on", "series",
         "forecasts"],
        [[_name(r["model"]), f"{r['smape']:.1f}", f"{r['mase']:.2f}", f"{r['owa']:.3f}",
          f"{r['owa_vs_drift']:.3f}", int(r["beats_drift"]), int(r["series"]), int(r["points"])]
         for r in rows],
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


def selection_note(results: dict) -> str:
    sel = _rows(results, "selection")
    e, mix = sel["engine"], sel["mean of drift and damped"]
    book = _rows(results, "book_series")
    return (
        f"On these validation years the previous rule scored OWA {sel['previous']['owa']:.3f} and "
        f"the chosen rule {e['owa']:.3f}; but the previous rule lost to drift on the book's own "
        f"series (OWA against drift {book['previous']['owa_vs_drift']:.3f}) and, in an independent "
        "check on other yearly collections, under-forecast growth. Weighing drift against damped "
        "trend by each series' own record kept most of the gain on M3 while beating drift on the "
        f"book's series ({book['engine']['owa_vs_drift']:.3f}); a fixed half-and-half mix scored "
        f"{mix['owa']:.3f} on M3 and {book['mean of drift and damped']['owa_vs_drift']:.3f} against "
        "drift on the book's series."
    )


def calibration_figure():
    """The calibrated error quantiles by horizon: how fast uncertainty grows with the horizon."""
    use_cjk_font()
    table = pooled_table()
    horizons = range(1, table.shape[0] + 1)
    fig, ax = plt.subplots(figsize=(7.5, 3.8), dpi=110)
    for lo, hi, alpha in ((0.1, 0.9, 0.35), (0.025, 0.975, 0.15)):
        i, j = list(LEVELS).index(lo), list(LEVELS).index(hi)
        ax.fill_between(horizons, table[:, i], table[:, j], color="#2c7fb8", alpha=alpha, lw=0,
                        label=f"{hi - lo:.0%} 区间 interval")  # fmt: skip
    ax.plot(horizons, table[:, list(LEVELS).index(0.5)], color="#2c7fb8", label="中位数 median")
    ax.set_xlabel("预测步长（年） horizon (years)")
    ax.set_ylabel("误差 / 年均变化 error ÷ mean yearly change")
    ax.set_title("回测误差分位数（M3年度序列） Backtest error quantiles (M3 yearly)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def calibration_note(results: dict) -> str:
    cal = results["calibration"]
    state = "matches" if cal["reproducible"] else "does NOT match"
    return (
        f"The table pools {cal['errors']:,} backtest errors, each from an origin fitted to its last "
        f"{WINDOW} figures, the way the book calls the engine. It ships as `{cal['file']}`; "
        f"`make calibration` regenerates it byte for byte (on the benchmark's last run the "
        f"regenerated table {state} the shipped one)."
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
             f"no number in the plan, no public series, or fewer than {MIN_POINTS} consecutive figures",
             "—"],
        ],
    )  # fmt: skip


def models_text(settings: Settings = DEFAULT_SETTINGS) -> str:
    window = settings.history_years or "all"
    return (
        "The plan's indicators are short yearly series, often 5 to 20 figures. For such series, "
        "decades of forecasting competitions (M3 in 2000, M4 in 2018) found that simple methods "
        "and combinations of them forecast as well as complex ones. The engine fits six simple "
        f"models to the latest run of consecutive yearly figures (at most the last {window}, the "
        "parameter `history_years`). Its projection combines two of them: random walk with drift, "
        "which carries the average yearly change forward, and damped trend, which lets the recent "
        "trend flatten. Each is weighted by how well it forecast this same series' own past: the "
        "engine re-forecasts every earlier year from the figures before it, measures each model's "
        "error (MASE) and gives weight in proportion to 1 / MASE². A series that has kept its "
        "trend leans on drift; one whose trend has bent leans on damped trend. Each target's "
        "section can show this: every model's projection to the target year, its backtest error "
        "and its weight. For shares with bounds (0–100 %), every projection and interval stays "
        f"inside the bounds. A series with fewer than {MIN_POINTS} consecutive yearly figures "
        "gets no projection (see the evidence tiers above)."
    )


def selection_text(results: dict) -> str:
    sel, book = _rows(results, "selection"), _rows(results, "book_series")
    e, prev, mix = sel["engine"], sel["previous"], sel["mean of drift and damped"]
    be = book["engine"]["owa_vs_drift"]
    return (
        "The rule was chosen before the M3 test values were looked at, on two kinds of data: the "
        f"M3 training parts (each series' last {results['horizon']} training figures forecast from "
        "the ones before them) and the book's own series. On the M3 validation years the previous "
        f"rule scored OWA {prev['owa']:.3f}, the chosen rule {e['owa']:.3f} and a fixed "
        f"half-and-half mix of drift and damped trend {mix['owa']:.3f}; on the book's own series "
        f"their OWA against drift was {book['previous']['owa_vs_drift']:.3f}, {be:.3f} and "
        f"{book['mean of drift and damped']['owa_vs_drift']:.3f}. The previous rule, half naive, "
        "held back trends that went on (it also under-forecast growth on other yearly "
        "collections); weighing drift against damped trend by each series' own record "
        f"{'beat' if be < 1 else 'did not beat'} drift on the book's series while keeping most of "
        "the previous rule's gain on M3."
    )


def summary(results: dict) -> str:
    m3, book, cov = _rows(results, "m3"), _rows(results, "book_series"), results["coverage"]
    return "\n".join(
        [
            "- A probability of meeting a target is the share of a calibrated range of outcomes on "
            "the target's side; the status follows it, and every verdict names its evidence tier.",
            "- The projection weighs drift against damped trend by each series' own forecasting "
            f"record: OWA {m3['engine']['owa']:.3f} on the M3 test against {m3['drift']['owa']:.3f} "
            f"for drift; {book['engine']['owa_vs_drift']:.3f} against drift on the book's series.",
            "- Intervals come from how wrong the same projection was in backtests on M3 training "
            f"data: the 80 % band held {cov['80%']['overall']:.0%} of the M3 test values and "
            f"{book['engine']['coverage_80']:.0%} of the book's own.",
            "- A target the data cannot speak to is marked not assessable, never guessed, and says "
            "which published series would let the book assess it.",
        ]
    )
