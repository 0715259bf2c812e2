"""Forecast skill of the engine and of every reference model, on M3 yearly and on the book's series.

Run:  .venv/bin/python benchmarks/forecast_skill.py            (about a minute on 2 cores)
      .venv/bin/python benchmarks/forecast_skill.py --collection other.csv   (any other yearly set)

Writes benchmarks/results/forecast_skill.{json,md}, which the method chapter reads; it never
writes the shipped calibration table (it only checks that the table is reproducible from the M3
training parts; regenerate it with ``make calibration``). Three parts, in the order they were used:

1. Selection (validation): every candidate rule forecasts the last 6 figures of each M3 *training*
   part from the figures before them, and the book's own series in a rolling-origin backtest.
   The engine's rule was chosen here; the M3 test values play no part.
2. Test, once: every model and the engine forecast the 6 held-out M3 test values, called the way
   the book calls the engine (the last 15 figures, lower bound 0). Measures as in the M4
   competition: sMAPE, MASE (scaled by the in-sample mean absolute yearly change), OWA against
   Naive2 (= naive for yearly data), coverage of the 80 % and 95 % intervals, MSIS (the M4
   interval score of the 95 % interval). The engine's intervals are its calibrated ones; each
   reference model gets the textbook normal interval, its one-step backtest error times sqrt(h).
3. The book's own series: rolling origin, each origin fitted to at most its last 15 figures,
   h = 1-5, with the indicators' bounds; OWA against naive and against drift.

``--collection FILE`` runs part 2 on another collection of yearly series in the long format of the
shared M3 file (series_id, split = train/test, t, value) and prints it, writing nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from analysis import models as M
from analysis.backtest import (
    MIN_TRAIN,
    clip,
    forecasts_with_combination,
    mase_scale,
    previous_default,
    rolling_origin,
    skill,
    smape,
)
from analysis.calibration import (
    TABLE_FILE,
    WINDOW,
    calibrate_from_m3,
    error_quantiles,
    table_text,
)
from analysis.engine import MODEL_LABEL, forecast, latest_run
from analysis.loader import load_dataset
from analysis.m3 import HORIZON, Series, load_m3

RESULTS = Path(__file__).with_name("results")
LEVELS = (0.8, 0.95)
BOOK_H = 5
REFERENCES = [*M.MODEL_NAMES, "previous"]  # "previous": median of naive, drift, damped (until 2026)


def candidates(y: np.ndarray, h: int, lower=None, upper=None) -> dict[str, np.ndarray]:
    """Point forecasts of every reference model, the rules tried, and the engine's rule."""
    f = forecasts_with_combination(y, h, lower, upper)
    out = {k: clip(v, lower, upper) for k, v in f.items() if k != "combination"}
    out["previous"] = clip(previous_default(y, h), lower, upper)
    out["mean of drift and damped"] = clip((f["drift"] + f["damped"]) / 2, lower, upper)
    out["engine"] = f["combination"]
    return out


def normal_interval(y: np.ndarray, model: str, point: np.ndarray, level: float, lower=None):
    """Textbook interval: point ± z * sigma * sqrt(h), sigma from one-step backtest errors."""
    if model == "previous":
        errs = [y[o] - previous_default(y[:o], 1)[0] for o in range(3, len(y))]
    else:
        bt = rolling_origin(y, 1, min_train=3, only=(model,))
        errs = bt.loc[bt["model"] == model, "actual"] - bt.loc[bt["model"] == model, "forecast"]
    sigma = float(np.sqrt(np.mean(np.square(errs)))) if len(errs) else 0.0
    half = stats.norm.ppf((1 + level) / 2) * sigma * np.sqrt(np.arange(1, len(point) + 1))
    return clip(point - half, lower, None), clip(point + half, lower, None)


def msis(actual, lo, hi, scale, alpha=0.05) -> float:
    """The M4 mean scaled interval score of one series' interval forecasts."""
    actual, lo, hi = map(np.asarray, (actual, lo, hi))
    score = (hi - lo) + 2 / alpha * ((lo - actual) * (actual < lo) + (actual - hi) * (actual > hi))
    return float(np.mean(score) / scale)


def selection(series: list[Series]) -> tuple[pd.DataFrame, dict]:
    """Validation on the M3 training parts: the last 6 training figures from the ones before.

    Also the coverage of the engine's bands there, with a calibration made the same way from the
    figures before those 6 only.
    """
    early = [Series(s.id, s.category, s.train[:-HORIZON], s.train[-HORIZON:]) for s in series]
    table_early, _ = calibrate_from_m3(early)
    rows, hits = [], {lv: [] for lv in LEVELS}
    for s in early:
        train, held = s.train, s.test
        scale = mase_scale(train)
        y = train[-WINDOW:]
        fc = replace(
            forecast(np.arange(len(y)), y, len(y) - 1 + HORIZON, 0.0),
            errors=error_quantiles(HORIZON, table_early),
        )
        for level in LEVELS:
            lo, hi = fc.band(level)
            hits[level].extend((lo <= held) & (held <= hi))
        for model, f in candidates(y, HORIZON, 0.0).items():
            rows.append(pd.DataFrame({"series": s.id, "model": model, "forecast": f,
                                      "actual": held, "scale": scale}))  # fmt: skip
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    table["owa_vs_drift"] = skill(errors, "drift")["owa"]
    return table.sort_values("owa"), {
        f"{int(lv * 100)}%": float(np.mean(v)) for lv, v in hits.items()
    }


def test_once(series: list[Series], horizon: int = HORIZON) -> tuple[pd.DataFrame, dict, float]:
    """Every reference model and the engine on the M3 test values, in the book's call."""
    rows, scores = [], []
    for s in series:
        y = s.train[-WINDOW:]
        scale = mase_scale(s.train)
        years = np.arange(len(y))
        fc = forecast(years, y, len(y) - 1 + horizon, lower=0.0, name=s.id)
        points = candidates(y, horizon, 0.0)
        assert np.allclose(points["engine"], fc.point)
        for model, f in points.items():
            if model == "mean of drift and damped":
                continue
            row = {"series": s.id, "model": model, "forecast": f, "actual": s.test, "scale": scale,
                   "h": np.arange(1, horizon + 1)}  # fmt: skip
            for level in LEVELS:
                if model == "engine":
                    lo, hi = fc.band(level)
                else:
                    lo, hi = normal_interval(y, model, f, level, 0.0)
                row[f"in_{level}"] = (lo <= s.test) & (s.test <= hi)
                if level == 0.95:
                    scores.append((s.id, model, msis(s.test, lo, hi, scale)))
            rows.append(pd.DataFrame(row))
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    table["owa_vs_drift"] = skill(errors, "drift")["owa"]
    for level in LEVELS:
        table[f"coverage_{int(level * 100)}"] = errors.groupby("model")[f"in_{level}"].mean()
    table["msis"] = (
        pd.DataFrame(scores, columns=["series", "model", "msis"]).groupby("model")["msis"].mean()
    )
    engine = errors[errors["model"] == "engine"]
    coverage = {
        f"{int(lv * 100)}%": {
            "overall": float(engine[f"in_{lv}"].mean()),
            "by_h": {int(h): float(g[f"in_{lv}"].mean()) for h, g in engine.groupby("h")},
        }
        for lv in LEVELS
    }
    full = []
    for s in series:  # the engine on the whole training part, for comparison with published work
        fc = forecast(np.arange(len(s.train)), s.train, len(s.train) - 1 + horizon, 0.0)
        full.append(pd.DataFrame({"series": s.id, "model": "engine", "forecast": fc.point,
                                  "actual": s.test, "scale": mase_scale(s.train)}))  # fmt: skip
        full.append(pd.DataFrame({"series": s.id, "model": "naive", "forecast": s.train[-1],
                                  "actual": s.test, "scale": mase_scale(s.train)}))  # fmt: skip
    full_owa = float(skill(pd.concat(full, ignore_index=True)).loc["engine", "owa"])
    return table.sort_values("owa"), coverage, full_owa


def book_series() -> list[tuple[str, np.ndarray, float | None, float | None]]:
    """Every series in data/ with a latest run (after any break) of at least 6 consecutive years."""
    data = load_dataset()
    out = []
    for (indicator, region), g in data.series.groupby(["indicator", "region"]):
        start = data.break_year(indicator)
        if start is not None:
            g = g[g["year"] >= start]
        _, values = latest_run(g["year"].to_numpy(), g["value"].to_numpy(float))
        if len(values) > MIN_TRAIN:
            ind = data.indicator(indicator)
            lo = None if pd.isna(ind["lower"]) else float(ind["lower"])
            hi = None if pd.isna(ind["upper"]) else float(ind["upper"])
            out.append((f"{indicator}/{region}", values, lo, hi))
    return out


def book_skill(series) -> pd.DataFrame:
    rows = []
    for sid, y, lo, hi in series:
        for origin in range(MIN_TRAIN, len(y)):
            train = y[max(0, origin - WINDOW) : origin]
            actual = y[origin : origin + BOOK_H]
            fc = forecast(np.arange(len(train)), train, len(train) - 1 + len(actual), lo, hi, sid)
            scale = mase_scale(train)
            for model, f in candidates(train, len(actual), lo, hi).items():
                row = {"series": sid, "model": model, "forecast": f, "actual": actual,
                       "scale": scale}  # fmt: skip
                if model == "engine":
                    for level in LEVELS:
                        a, b = fc.band(level)
                        row[f"in_{level}"] = (a <= actual) & (actual <= b)
                rows.append(pd.DataFrame(row))
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    table["owa_vs_drift"] = skill(errors, "drift")["owa"]
    e = errors.assign(
        smape=smape(errors["actual"], errors["forecast"]),
        mase=np.abs(errors["actual"] - errors["forecast"]) / errors["scale"],
    )
    per = e.groupby(["model", "series"])[["smape", "mase"]].mean()
    d = per.loc["drift"]
    ratio = {m: 0.5 * (per.loc[m]["smape"] / d["smape"] + per.loc[m]["mase"] / d["mase"])
             for m in table.index}  # fmt: skip
    table["beats_drift"] = pd.Series({m: int((r.fillna(1) < 1).sum()) for m, r in ratio.items()})
    table["series"] = errors.groupby("model")["series"].nunique()
    table["points"] = errors.groupby("model").size()
    for level in LEVELS:
        table[f"coverage_{int(level * 100)}"] = errors.groupby("model")[f"in_{level}"].mean()
    return table.sort_values("owa_vs_drift")


def timings(series: list[Series]) -> dict[str, float]:
    """Milliseconds per series: each model's point forecast, and a whole engine forecast."""
    out = {}
    for name in M.MODEL_NAMES:
        start = time.perf_counter()
        for s in series:
            M.forecast_all(s.train[-WINDOW:], HORIZON, 0.0, 1e12, only=(name,))
        out[name] = 1000 * (time.perf_counter() - start) / len(series)
    start = time.perf_counter()
    for s in series:
        previous_default(s.train[-WINDOW:], HORIZON)
    out["previous"] = 1000 * (time.perf_counter() - start) / len(series)
    start = time.perf_counter()
    for s in series:
        y = s.train[-WINDOW:]
        forecast(np.arange(len(y)), y, len(y) - 1 + HORIZON, 0.0)
    out["engine"] = 1000 * (time.perf_counter() - start) / len(series)
    return out


def records(table: pd.DataFrame) -> list[dict]:
    clean = table.astype(float).round(4).reset_index().rename(columns={"index": "model"})
    return clean.to_dict(orient="records")


def load_collection(path: Path) -> list[Series]:
    frame = pd.read_csv(path)
    out = []
    for sid, g in frame.sort_values(["series_id", "t"]).groupby("series_id"):
        train = g.loc[g["split"] == "train", "value"].to_numpy(float)
        test = g.loc[g["split"] == "test", "value"].to_numpy(float)
        if len(test) and len(train) > MIN_TRAIN:
            out.append(Series(str(sid), "", train, test))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection", type=Path, help="test on this collection, write nothing")
    args = parser.parse_args(argv)
    if args.collection:
        series = load_collection(args.collection)
        horizon = min(len(s.test) for s in series)
        series = [Series(s.id, s.category, s.train, s.test[:horizon]) for s in series]
        table, _, full_owa = test_once(series, horizon)
        print(f"{len(series)} series, h = 1-{horizon}")
        print(table.round(4).to_markdown())
        print(f"engine on the whole training part: OWA {full_owa:.3f}")
        return 0
    started = time.perf_counter()
    series = load_m3()
    table, counts = calibrate_from_m3(series)
    reproducible = table_text(table, counts).encode("utf-8") == TABLE_FILE.read_bytes()
    calib_s = time.perf_counter() - started
    chosen, validation_coverage = selection(series)
    m3_table, coverage, full_owa = test_once(series)
    m3_table["ms_per_series"] = pd.Series(timings(series))
    book = book_skill(book_series())
    engine, refs = m3_table.loc["engine"], m3_table.drop(index="engine")
    listed = refs.drop(index="previous")
    summary = {
        "m3_series": len(series),
        "horizon": HORIZON,
        "window": WINDOW,
        "book_horizon": BOOK_H,
        "rule": MODEL_LABEL,
        "calibration": {
            "file": str(TABLE_FILE.relative_to(TABLE_FILE.parents[3])),
            "reproducible": bool(reproducible),
            "errors": int(sum(counts)),
        },
        "selection": records(chosen),
        "selection_coverage": validation_coverage,
        "m3": records(m3_table),
        "m3_engine_full_history_owa": round(full_owa, 4),
        "coverage": coverage,
        "book_series": records(book),
        "goals": {
            "m3_engine_beats_drift": bool(engine["owa"] <= m3_table.loc["drift", "owa"]),
            "m3_engine_beats_every_listed_model": bool(engine["owa"] < listed["owa"].min()),
            "m3_coverage_80_in_77_83": bool(0.77 <= coverage["80%"]["overall"] <= 0.83),
            "m3_coverage_95_in_93_97": bool(0.93 <= coverage["95%"]["overall"] <= 0.97),
            "book_owa_vs_drift_at_most_1": bool(book.loc["engine", "owa_vs_drift"] <= 1.0),
            "calibration_reproducible": bool(reproducible),
        },
        "calibration_seconds": round(calib_s, 1),
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    summary = json.loads(json.dumps(summary))  # plain floats and str keys only
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "forecast_skill.json").write_text(
        json.dumps({k: v for k, v in summary.items() if not k.endswith("seconds")}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    md = [
        "## Selection: validation on the M3 training parts (last 6 training figures)",
        "",
        chosen.round(3).to_markdown(),
        "",
        "Engine bands on these validation years (calibrated on the years before them): "
        + ", ".join(f"{k} → {v:.1%}" for k, v in validation_coverage.items()),
        "",
        f"## M3 yearly test, once ({len(series)} series, h = 1-{HORIZON}, last {WINDOW} figures, lower bound 0)",
        "",
        m3_table.round(3).to_markdown(),
        "",
        f"Engine on the whole training part: OWA {full_owa:.3f}.",
        "",
        f"## The book's own series (rolling origin, h = 1-{BOOK_H})",
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
