"""Forecast skill of every model and the engine's default, on M3 yearly and on the book's own series.

Run:  .venv/bin/python benchmarks/forecast_skill.py            (about half a minute on 2 cores)

Prints one table and writes benchmarks/results/forecast_skill.{json,md}, which the method chapter
of the book reads. Measures, as in the M4 competition: sMAPE, MASE (scaled by the in-sample
one-step naive error), OWA against Naive2 (= naive for yearly data), and the empirical coverage of
the engine's calibrated 80 % and 95 % intervals on held-out points; plus the run time per model.
The calibration table is rebuilt from the M3 *training* parts first, so the test parts stay unseen.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import models as M
from analysis.backtest import (
    MIN_TRAIN,
    forecasts_with_combination,
    mase_scale,
    rolling_origin,
    skill,
)
from analysis.calibration import calibrate_from_m3, pooled_table, write_table
from analysis.engine import forecast
from analysis.loader import load_dataset
from analysis.m3 import HORIZON, load_m3

RESULTS = Path(__file__).with_name("results")
GOAL_OWA, GOAL_COVERAGE = 0.80, (0.75, 0.85)


def timed_models(series) -> dict[str, float]:
    """Milliseconds per fit of each model over all series (point forecasts only)."""
    out = {}
    for name in M.MODEL_NAMES:
        fn = {"loglinear": M.loglinear, "logit": lambda y, h: M.logit(y, h, 0.0, 1e12)}.get(name)
        fn = fn or getattr(M, name)
        start = time.perf_counter()
        for s in series:
            fn(s.train, HORIZON)
        out[name] = 1000 * (time.perf_counter() - start) / len(series)
    start = time.perf_counter()
    for s in series:
        forecasts_with_combination(s.train, HORIZON)
    out["combination"] = 1000 * (time.perf_counter() - start) / len(series)
    return out


def m3_skill(series) -> tuple[pd.DataFrame, dict]:
    rows, cover = [], {0.8: [], 0.95: []}
    for s in series:
        f = forecasts_with_combination(s.train, HORIZON)
        scale = mase_scale(s.train)
        for model, values in f.items():
            rows.append(
                pd.DataFrame(
                    {
                        "series": s.id,
                        "model": model,
                        "forecast": values,
                        "actual": s.test,
                        "scale": scale,
                        "h": np.arange(1, HORIZON + 1),
                    }
                )
            )
        fc = forecast(np.arange(len(s.train)), s.train, len(s.train) - 1 + HORIZON)
        for level in cover:
            for h, actual in enumerate(s.test, start=1):
                lo, hi = fc.interval(fc.last_year + h, level)
                cover[level].append((h, lo <= actual <= hi))
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    coverage = {
        f"{int(level * 100)}%": {
            "overall": float(np.mean([ok for _, ok in hits])),
            "by_h": {
                h: float(np.mean([ok for hh, ok in hits if hh == h])) for h in range(1, HORIZON + 1)
            },
        }
        for level, hits in cover.items()
    }
    return table, coverage


def book_series_skill() -> pd.DataFrame:
    """Rolling-origin skill (h = 1..3) on every Guangdong series in data/ long enough to test."""
    data = load_dataset()
    frames = []
    for (indicator, region), g in data.series.groupby(["indicator", "region"]):
        g = g.sort_values("year")
        if len(g) < MIN_TRAIN + 2:
            continue
        ind = data.indicator(indicator)
        lo = None if pd.isna(ind["lower"]) else float(ind["lower"])
        hi = None if pd.isna(ind["upper"]) else float(ind["upper"])
        bt = rolling_origin(g["value"].to_numpy(), 3, lo, hi)
        frames.append(bt.assign(series=f"{indicator}/{region}"))
    if not frames:
        return pd.DataFrame()
    errors = pd.concat(frames, ignore_index=True)
    table = skill(errors)
    table["series"] = errors.groupby("model")["series"].nunique()
    table["points"] = errors.groupby("model").size()
    return table


def main() -> int:
    started = time.perf_counter()
    series = load_m3()
    table, counts = calibrate_from_m3(series)
    write_table(table, counts)
    pooled_table.cache_clear()
    calib_s = time.perf_counter() - started
    m3_table, coverage = m3_skill(series)
    timings = timed_models(series)
    book = book_series_skill()
    m3_table["ms_per_series"] = pd.Series(timings)
    default = m3_table.loc["combination"]
    theta = m3_table.loc["theta"]
    summary = {
        "m3_series": len(series),
        "horizon": HORIZON,
        "default_rule": "median of " + ", ".join(M.COMBINATION),
        "m3": m3_table.round(4).reset_index().to_dict(orient="records"),
        "coverage": coverage,
        "book_series": book.round(4).reset_index().to_dict(orient="records") if len(book) else [],
        "goals": {
            "owa_at_most_0.80": bool(default["owa"] <= GOAL_OWA),
            "beats_theta": bool(default["owa"] < theta["owa"]),
            "coverage_80_in_75_85": bool(
                GOAL_COVERAGE[0] <= coverage["80%"]["overall"] <= GOAL_COVERAGE[1]
            ),
        },
        "calibration_seconds": round(calib_s, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "forecast_skill.json").write_text(
        json.dumps(summary, indent=2) + "\n", encoding="utf-8"
    )
    md = [
        "## M3 yearly (645 series, h = 1-6)",
        "",
        m3_table.round(3).to_markdown(),
        "",
        f"Coverage of the calibrated intervals: 80 % → {coverage['80%']['overall']:.1%}, "
        f"95 % → {coverage['95%']['overall']:.1%}",
        "",
    ]
    if len(book):
        md += [
            "## The book's own series (rolling origin, h = 1-3)",
            "",
            book.round(3).to_markdown(),
            "",
        ]
    (RESULTS / "forecast_skill.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    print(json.dumps(summary["goals"]), f"total {summary['total_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
