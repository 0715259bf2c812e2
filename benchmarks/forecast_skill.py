"""Forecast skill of the engine and of every reference model, on M3 yearly and on the book's series.

Run:  .venv/bin/python benchmarks/forecast_skill.py            (a few minutes on 2 cores)
      .venv/bin/python benchmarks/forecast_skill.py --collection other.csv   (any other yearly set)

Writes benchmarks/results/forecast_skill.{json,md}, which the method chapter reads; it never
writes the shipped calibration table (it only checks that the table is reproducible from the M3
training parts; regenerate it with ``make calibration``). Four parts, in the order they were used:

1. Choosing the point rule (validation): every candidate forecasts the last 6 figures of each M3
   *training* part from the 15 before them, and the book's own series in a rolling-origin backtest.
   The settings of the engine's rule (how clear damped trend's advantage must be, how far a record
   of n origins may move the weight) are chosen on a small grid by a stated criterion: the best
   pooled validation OWA among the settings that lose to drift (OWA vs drift above 1.000) nowhere:
   in no M3 category, not on short calls (only the last 8 figures), not on older years (the 6
   training figures before the last 6), not on the book's series. The M3 test values play no part.
2. Choosing the interval construction (validation): each candidate calibration is built from the
   M3 training parts without their last 6 (or 12) figures and judged by how often its bands held
   those figures; the construction closest to nominal, pooled over both depths, is chosen.
3. Test, once: every model and the engine forecast the 6 held-out M3 test values, called the way
   the book calls the engine (the last 15 figures, lower bound 0). Measures as in the M4
   competition: sMAPE, MASE (scaled by the in-sample mean absolute yearly change), OWA against
   Naive2 (= naive for yearly data), coverage of the 80 % and 95 % intervals, MSIS (the M4
   interval score of the 95 % interval). The engine's intervals are its calibrated ones; each
   reference model gets the textbook normal interval, its one-step backtest error times sqrt(h).
   The engine's OWA against drift carries a 90 % bootstrap interval over series.
4. The book's own series: rolling origin, each origin fitted to at most its last 15 figures,
   h = 1-5, with the indicators' bounds; OWA against naive and against drift.

``--collection FILE`` runs part 3 on another collection of yearly series in the long format of the
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

from analysis.data.loader import load_dataset
from analysis.forecast import models as M
from analysis.forecast.backtest import (
    MIN_TRAIN,
    backtest_errors,
    clip,
    forecasts_with_combination,
    mase_scale,
    previous_default,
    rolling_origin,
    skill,
    smape,
)
from analysis.forecast.calibration import (
    LEVELS as QUANTILE_LEVELS,
)
from analysis.forecast.calibration import (
    MAX_H,
    MEDIAN,
    TABLE_FILE,
    WINDOW,
    calibrate_from_m3,
    error_quantiles,
    table_text,
)
from analysis.forecast.engine import MODEL_LABEL, forecast, latest_run
from analysis.forecast.m3 import HORIZON, Series, load_m3

RESULTS = Path(__file__).with_name("results")
LEVELS = (0.8, 0.95)
BOOK_H = 5
REFERENCES = [*M.MODEL_NAMES, "previous"]  # "previous": median of naive, drift, damped (until 2026)
ROUND_1 = "round 1"  # 1/MASE² weights, no test of clarity, no shrinking (issue 14, first round)
TRIED = ("mean of drift and damped",)  # rules tried on the validation data, not reported on test
CLEAR_GRID = (None, 0.0, 0.5, 1.0, 2.0)  # advantage needed, in standard errors (None: no test)
PRIOR_GRID = (0, 5, 10, 20)  # shrinking n / (n + k); 0: no shrinking
SHORT_CALL = 8  # figures in the "short call" validation (a series with a short record)
DEPTHS = (6, 12)  # validation depths for the interval construction
BOOTSTRAP = 2000


def rule_weights(per_origin, clear: float | None, prior: int) -> dict[str, float]:
    """The engine's weighting with other settings (clear=None: no test of clarity)."""
    n, t = M.advantage(per_origin)
    if n == 0:
        return {"drift": 1.0, "damped": 0.0}
    if clear is not None and (n < M.MIN_ORIGINS or not t > clear):
        return {"drift": 1.0, "damped": 0.0}
    a, b = float(np.mean(per_origin["drift"])), float(np.mean(per_origin["damped"]))
    raw = 1.0 if b <= 0 else (1 / b**2) / (1 / a**2 + 1 / b**2) if a > 0 else 0.0
    w = raw * n / (n + prior)
    return {"drift": 1.0 - w, "damped": w}


def round_1_weights(per_origin) -> dict[str, float]:
    """The first round's rule: 1/MASE² weights; equal weights without a backtest."""
    if not per_origin or len(per_origin["drift"]) == 0:
        return {"drift": 0.5, "damped": 0.5}
    return rule_weights(per_origin, None, 0)


def candidates(y: np.ndarray, h: int, lower=None, upper=None) -> dict[str, np.ndarray]:
    """Point forecasts of every reference model, the rules tried, and the engine's rule."""
    per_origin = backtest_errors(y, M.COMBINED, lower, upper)
    f = forecasts_with_combination(y, h, lower, upper, weights=M.weights_from_backtest(per_origin))
    out = {k: clip(v, lower, upper) for k, v in f.items() if k != "combination"}
    out["previous"] = clip(previous_default(y, h), lower, upper)
    out[ROUND_1] = M.combine(out, round_1_weights(per_origin))
    out["mean of drift and damped"] = (out["drift"] + out["damped"]) / 2
    out["engine"] = f["combination"]
    return out


def round_1(y: np.ndarray, h: int, lower=None, upper=None) -> np.ndarray:
    """The first round's point forecast alone (for its one-step backtest)."""
    per_origin = backtest_errors(y, M.COMBINED, lower, upper)
    f = {m: clip(v, lower, upper) for m, v in
         M.forecast_all(y, h, lower, upper, only=M.COMBINED).items()}  # fmt: skip
    return M.combine(f, round_1_weights(per_origin))


def one_step_sigma(y: np.ndarray, model: str) -> float:
    """Root mean squared one-step error of ``model`` over a backtest on ``y`` (from 3 points)."""
    if model in ("previous", ROUND_1):
        rule = previous_default if model == "previous" else round_1
        errs = [y[o] - rule(y[:o], 1)[0] for o in range(3, len(y))]
    else:
        bt = rolling_origin(y, 1, min_train=3, only=(model,))
        errs = bt.loc[bt["model"] == model, "actual"] - bt.loc[bt["model"] == model, "forecast"]
    return float(np.sqrt(np.mean(np.square(errs)))) if len(errs) else 0.0


def normal_interval(point: np.ndarray, sigma: float, level: float, lower=None):
    """Textbook interval: point ± z * sigma * sqrt(h), sigma from one-step backtest errors."""
    half = stats.norm.ppf((1 + level) / 2) * sigma * np.sqrt(np.arange(1, len(point) + 1))
    return clip(point - half, lower, None), clip(point + half, lower, None)


def msis(actual, lo, hi, scale, alpha=0.05) -> float:
    """The M4 mean scaled interval score of one series' interval forecasts."""
    actual, lo, hi = map(np.asarray, (actual, lo, hi))
    score = (hi - lo) + 2 / alpha * ((lo - actual) * (actual < lo) + (actual - hi) * (actual > hi))
    return float(np.mean(score) / scale)


def owa_vs(errors: pd.DataFrame, reference: str = "drift") -> pd.Series:
    """OWA of every model against ``reference`` (per series first, then across series)."""
    return skill(errors, reference)["owa"]


def bootstrap_owa(errors: pd.DataFrame, model: str, reference: str = "drift", seed: int = 14):
    """90 % bootstrap interval (resampling series) of ``model``'s OWA against ``reference``."""
    e = errors[errors["model"].isin([model, reference])].assign(
        smape=lambda d: smape(d["actual"], d["forecast"]),
        mase=lambda d: np.abs(d["actual"] - d["forecast"]) / d["scale"],
    )
    per = e.groupby(["model", "series"])[["smape", "mase"]].mean()
    a, b = per.loc[model], per.loc[reference].loc[per.loc[model].index]
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), (BOOTSTRAP, len(a)))
    sa, ma, sb, mb = (x.to_numpy()[idx].mean(axis=1) for x in
                      (a["smape"], a["mase"], b["smape"], b["mase"]))  # fmt: skip
    owa = 0.5 * (sa / sb + ma / mb)
    return [round(float(np.quantile(owa, 0.05)), 4), round(float(np.quantile(owa, 0.95)), 4)]


def selection(series: list[Series]) -> pd.DataFrame:
    """Validation on the M3 training parts: the last 6 training figures from the 15 before them."""
    rows = []
    for s in series:
        train, held = s.train[:-HORIZON], s.train[-HORIZON:]
        y = train[-WINDOW:]
        for model, f in candidates(y, HORIZON, 0.0).items():
            rows.append(pd.DataFrame({"series": s.id, "model": model, "forecast": f,
                                      "actual": held, "scale": mase_scale(train)}))  # fmt: skip
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    table["owa_vs_drift"] = owa_vs(errors)
    return table.sort_values("owa")


def _validation_sets(series: list[Series], book) -> dict[str, list[tuple]]:
    """(series id, group, fitted figures, held-out figures, scale, lower, upper) per validation set."""
    sets: dict[str, list[tuple]] = {"validation": [], "short call": [], "older years": [],
                                    "book": []}  # fmt: skip
    for s in series:
        train, held = s.train[:-HORIZON], s.train[-HORIZON:]
        sets["validation"].append(
            (s.id, s.category, train[-WINDOW:], held, mase_scale(train), 0.0, None)
        )
        sets["short call"].append(
            (s.id, s.category, train[-SHORT_CALL:], held, mase_scale(train), 0.0, None)
        )
        older, held_older = s.train[: -2 * HORIZON], s.train[-2 * HORIZON : -HORIZON]
        if len(older) >= SHORT_CALL:
            sets["older years"].append(
                (s.id, s.category, older[-WINDOW:], held_older, mase_scale(older), 0.0, None)
            )  # fmt: skip
    for sid, y, lo, hi in book:
        for origin in range(MIN_TRAIN, len(y)):
            train = y[max(0, origin - WINDOW) : origin]
            sets["book"].append(
                (sid, "", train, y[origin : origin + BOOK_H], mase_scale(train), lo, hi)
            )
    return sets


def rule_label(clear: float | None, prior: int) -> str:
    gate = "no test" if clear is None else f"advantage > {clear:g} se"
    return f"{gate}, shrink n/(n+{prior})"


def rule_grid(series: list[Series], book) -> tuple[pd.DataFrame, dict]:
    """Every setting of the point rule on every validation set; the choice by the fixed criterion.

    Criterion (stated here, applied to validation data only): among the settings whose OWA against drift is at
    most 1.000 (three decimals) on every validation set and in every M3 category of the main one,
    the lowest pooled OWA against drift on the main validation set.
    """
    settings = [(c, k) for c in CLEAR_GRID for k in PRIOR_GRID]
    columns: dict[str, pd.Series] = {}
    for name, items in _validation_sets(series, book).items():
        rows = []
        for sid, group, y, held, scale, lo, hi in items:
            per_origin = backtest_errors(y, M.COMBINED, lo, hi)
            f = {m: clip(v, lo, hi) for m, v in
                 M.forecast_all(y, len(held), lo, hi, only=M.COMBINED).items()}  # fmt: skip
            points = {"drift": f["drift"], ROUND_1: M.combine(f, round_1_weights(per_origin))}
            for c, k in settings:
                points[rule_label(c, k)] = M.combine(f, rule_weights(per_origin, c, k))
            for model, point in points.items():
                rows.append(pd.DataFrame({"series": sid, "group": group, "model": model,
                                          "forecast": point, "actual": held, "scale": scale}))  # fmt: skip
        errors = pd.concat(rows, ignore_index=True)
        columns[name] = owa_vs(errors)
        if name == "validation":
            for group, g in errors.groupby("group"):
                columns[group] = owa_vs(g)
    table = pd.DataFrame(columns)
    table["worst"] = table.max(axis=1)
    safe = table.drop(index=["drift", ROUND_1])
    safe = safe[safe["worst"].round(3) <= 1.0]
    chosen = str(safe["validation"].idxmin()) if len(safe) else "drift"
    shipped = rule_label(M.CLEAR_ADVANTAGE, M.PRIOR_ORIGINS)
    table = table.sort_values("validation")
    return table, {"criterion_chooses": chosen, "engine_uses": shipped, "agree": chosen == shipped}


def _weighted_quantiles(errors: pd.DataFrame, weight=None) -> np.ndarray:
    """Like calibration.quantiles_from_errors, with weights per error (None: the shipped code)."""
    from analysis.forecast.calibration import quantiles_from_errors

    if weight is None:
        return quantiles_from_errors(errors, MAX_H)
    rows = []
    for h in range(1, MAX_H + 1):
        g = errors[errors["h"] == h]
        w = weight(g)
        order = np.argsort(g["scaled_error"].to_numpy())
        v, w = g["scaled_error"].to_numpy()[order], w[order]
        cum = (np.cumsum(w) - 0.5 * w) / w.sum()
        q = np.interp(QUANTILE_LEVELS, cum, v)
        rows.append(q - q[MEDIAN])
    table = np.vstack(rows)
    below = np.maximum.accumulate(-table[:, :MEDIAN], axis=0)
    above = np.maximum.accumulate(table[:, MEDIAN + 1 :], axis=0)
    return np.hstack([-below, np.zeros((MAX_H, 1)), above])


SHIPPED_CONSTRUCTION = "all origins with a full window (shipped)"


def constructions(errors: pd.DataFrame) -> dict[str, np.ndarray]:
    """Candidate calibrations from backtest errors (columns series, origin, h, n_fitted, last)."""
    full = errors[errors["n_fitted"] == WINDOW]
    target = full["origin"] + full["h"]

    def per_series(g):
        return 1.0 / g.groupby("series")["h"].transform("size").to_numpy()

    def recent(g):
        return 0.9 ** (g["last"] - g["origin"] - g["h"]).to_numpy()

    out = {
        SHIPPED_CONSTRUCTION: _weighted_quantiles(full),
        "full windows, every series weighs the same": _weighted_quantiles(full, per_series),
        "every window of 8 or more figures": _weighted_quantiles(
            errors[errors["n_fitted"] >= SHORT_CALL]
        ),
        "recent origins weigh more (0.9 per year back)": _weighted_quantiles(full, recent),
    }
    order = full.assign(target=target).sort_values("target")
    for k in (3, 8):
        last = order.groupby(["series", "h"]).tail(k)
        out[f"the last {k} origins of each series"] = _weighted_quantiles(last)
    return out


def interval_choice(series: list[Series]) -> tuple[pd.DataFrame, dict]:
    """Candidate calibrations judged on the last 6 (and 12) training figures they never saw."""
    results: dict[tuple[str, int], dict] = {}
    for depth in DEPTHS:
        kept = [s for s in series if len(s.train) - depth >= SHORT_CALL]
        frames = []
        for s in kept:
            f = rolling_origin(
                s.train[:-depth], MAX_H, window=WINDOW, only=(), partial_windows=True
            )
            frames.append(f.assign(series=s.id, last=len(s.train) - depth))
        errors = pd.concat(frames, ignore_index=True)
        fitted = []
        for s in kept:
            train = s.train[:-depth]
            y = train[-WINDOW:]
            held = s.train[len(train) : len(train) + HORIZON]
            fc = forecast(np.arange(len(y)), y, len(y) - 1 + HORIZON, 0.0, name=s.id)
            fitted.append((fc, held, mase_scale(train)))
        for name, table in constructions(errors).items():
            hits = {lv: [] for lv in LEVELS}
            scores = []
            for fc, held, scale in fitted:
                fc = replace(fc, errors=error_quantiles(HORIZON, table))
                for level in LEVELS:
                    lo, hi = fc.band(level)
                    hits[level].extend((lo <= held) & (held <= hi))
                    if level == 0.95:
                        scores.append(msis(held, lo, hi, scale))
            results[(name, depth)] = {"series": len(kept), "msis": float(np.mean(scores))} | {
                f"coverage_{int(lv * 100)}": float(np.mean(v)) for lv, v in hits.items()
            }
    rows = []
    for name in dict.fromkeys(k[0] for k in results):
        r = {d: results[(name, d)] for d in DEPTHS}
        n = sum(r[d]["series"] for d in DEPTHS)
        miss = sum(r[d]["series"] * (abs(r[d]["coverage_80"] - 0.8) + abs(r[d]["coverage_95"] - 0.95))
                   for d in DEPTHS) / n  # fmt: skip
        row = {"construction": name, "miscalibration": miss,
               "msis": sum(r[d]["series"] * r[d]["msis"] for d in DEPTHS) / n}  # fmt: skip
        for d in DEPTHS:
            row[f"coverage_80_depth_{d}"] = r[d]["coverage_80"]
            row[f"coverage_95_depth_{d}"] = r[d]["coverage_95"]
        rows.append(row)
    table = pd.DataFrame(rows).set_index("construction").sort_values("miscalibration")
    chosen = str(table.index[0])
    return table, {"criterion_chooses": chosen, "engine_uses": SHIPPED_CONSTRUCTION,
                   "agree": chosen == SHIPPED_CONSTRUCTION}  # fmt: skip


def test_once(series: list[Series], horizon: int = HORIZON) -> tuple[pd.DataFrame, dict, dict]:
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
            if model in TRIED:
                continue
            row = {"series": s.id, "model": model, "forecast": f, "actual": s.test, "scale": scale,
                   "h": np.arange(1, horizon + 1)}  # fmt: skip
            sigma = None if model == "engine" else one_step_sigma(y, model)
            for level in LEVELS:
                if model == "engine":
                    lo, hi = fc.band(level)
                else:
                    lo, hi = normal_interval(f, sigma, level, 0.0)
                row[f"in_{level}"] = (lo <= s.test) & (s.test <= hi)
                if level == 0.95:
                    scores.append((s.id, model, msis(s.test, lo, hi, scale)))
            rows.append(pd.DataFrame(row))
    errors = pd.concat(rows, ignore_index=True)
    table = skill(errors)
    table["owa_vs_drift"] = owa_vs(errors)
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
    extra = {
        "engine_full_history_owa": float(
            skill(pd.concat(full, ignore_index=True)).loc["engine", "owa"]
        ),
        "engine_vs_drift_90": bootstrap_owa(errors, "engine"),
    }
    return table.sort_values("owa"), coverage, extra


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
    table["owa_vs_drift"] = owa_vs(errors)
    e = errors.assign(
        smape=smape(errors["actual"], errors["forecast"]),
        mase=np.abs(errors["actual"] - errors["forecast"]) / errors["scale"],
    )
    per = e.groupby(["model", "series"])[["smape", "mase"]].mean()
    d = per.loc["drift"]
    ratio = {m: 0.5 * (per.loc[m]["smape"] / d["smape"] + per.loc[m]["mase"] / d["mase"])
             for m in table.index}  # fmt: skip
    table["beats_drift"] = pd.Series({m: int((r.fillna(1) < 1).sum()) for m, r in ratio.items()})
    table["loses_to_drift"] = pd.Series({m: int((r.fillna(1) > 1).sum()) for m, r in ratio.items()})
    table["series"] = errors.groupby("model")["series"].nunique()
    table["points"] = errors.groupby("model").size()
    for level in LEVELS:
        table[f"coverage_{int(level * 100)}"] = errors.groupby("model")[f"in_{level}"].mean()
    return table.sort_values("owa_vs_drift"), bootstrap_owa(errors, "engine")


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
        round_1(s.train[-WINDOW:], HORIZON, 0.0)
    out[ROUND_1] = 1000 * (time.perf_counter() - start) / len(series)
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
        table, _, extra = test_once(series, horizon)
        print(f"{len(series)} series, h = 1-{horizon}")
        print(table.round(4).to_markdown())
        low, high = extra["engine_vs_drift_90"]
        print(f"engine OWA vs drift, 90 % bootstrap interval over series: {low:.3f}-{high:.3f}")
        print(f"engine on the whole training part: OWA {extra['engine_full_history_owa']:.3f}")
        return 0
    started = time.perf_counter()
    series = load_m3()
    table, counts = calibrate_from_m3(series)
    reproducible = table_text(table, counts).encode("utf-8") == TABLE_FILE.read_bytes()
    calib_s = time.perf_counter() - started
    book_list = book_series()
    chosen = selection(series)
    grid, rule_choice = rule_grid(series, book_list)
    intervals, interval_pick = interval_choice(series)
    m3_table, coverage, extra = test_once(series)
    m3_table["ms_per_series"] = pd.Series(timings(series))
    book, book_interval = book_skill(book_list)
    engine = m3_table.loc["engine"]
    listed = m3_table.loc[[m for m in M.MODEL_NAMES if m in m3_table.index]]
    shipped = intervals.loc[SHIPPED_CONSTRUCTION]
    summary = {
        "m3_series": len(series),
        "horizon": HORIZON,
        "window": WINDOW,
        "book_horizon": BOOK_H,
        "rule": MODEL_LABEL,
        "rule_settings": {
            "min_origins": M.MIN_ORIGINS,
            "clear_advantage": M.CLEAR_ADVANTAGE,
            "prior_origins": M.PRIOR_ORIGINS,
        },  # fmt: skip
        "calibration": {
            "file": str(TABLE_FILE.relative_to(TABLE_FILE.parents[3])),
            "reproducible": bool(reproducible),
            "errors": int(sum(counts)),
        },
        "selection": records(chosen),
        "rule_grid": records(grid),
        "rule_choice": rule_choice,
        "interval_constructions": records(intervals),
        "interval_choice": interval_pick,
        "selection_coverage": {
            "80%": shipped["coverage_80_depth_6"],
            "95%": shipped["coverage_95_depth_6"],
        },  # fmt: skip
        "m3": records(m3_table),
        "m3_engine_full_history_owa": round(extra["engine_full_history_owa"], 4),
        "m3_engine_vs_drift_90": extra["engine_vs_drift_90"],
        "coverage": coverage,
        "book_series": records(book),
        "book_engine_vs_drift_90": book_interval,
        "goals": {
            "m3_engine_beats_drift": bool(engine["owa"] <= m3_table.loc["drift", "owa"]),
            "m3_engine_beats_every_listed_model": bool(engine["owa"] < listed["owa"].min()),
            "m3_coverage_80_in_77_83": bool(0.77 <= coverage["80%"]["overall"] <= 0.83),
            "m3_coverage_95_in_93_97": bool(0.93 <= coverage["95%"]["overall"] <= 0.97),
            "book_owa_vs_drift_at_most_1": bool(book.loc["engine", "owa_vs_drift"] <= 1.0),
            "rule_is_the_criterions_choice": bool(rule_choice["agree"]),
            "intervals_are_the_criterions_choice": bool(interval_pick["agree"]),
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
    low, high = extra["engine_vs_drift_90"]
    md = [
        "## Choosing the point rule: validation on the M3 training parts (last 6 training figures)",
        "",
        chosen.round(3).to_markdown(),
        "",
        "OWA against drift of every setting on every validation set (M3 categories from the main "
        "set; short call: only the last 8 figures; older years: the 6 figures before the last 6):",
        "",
        grid.round(3).to_markdown(),
        "",
        f"Criterion's choice: {rule_choice['criterion_chooses']}; engine uses: "
        f"{rule_choice['engine_uses']}.",
        "",
        "## Choosing the interval construction (validation, depths 6 and 12)",
        "",
        intervals.round(3).to_markdown(),
        "",
        f"Criterion's choice: {interval_pick['criterion_chooses']}.",
        "",
        f"## M3 yearly test, once ({len(series)} series, h = 1-{HORIZON}, last {WINDOW} figures, "
        "lower bound 0)",
        "",
        m3_table.round(3).to_markdown(),
        "",
        f"Engine OWA vs drift, 90 % bootstrap interval over series: {low:.3f}-{high:.3f}. "
        f"Engine on the whole training part: OWA {extra['engine_full_history_owa']:.3f}.",
        "",
        f"## The book's own series (rolling origin, h = 1-{BOOK_H})",
        "",
        book.round(3).to_markdown(),
        "",
        f"Engine OWA vs drift, 90 % bootstrap interval over series: "
        f"{book_interval[0]:.3f}-{book_interval[1]:.3f}.",
        "",
    ]
    (RESULTS / "forecast_skill.md").write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))
    print(json.dumps(summary["goals"]), f"total {summary['total_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
