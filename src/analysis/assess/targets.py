"""Compare each registered target with its evidence: a status, an evidence tier and the reason.

:func:`assess_target` turns one registry row and the dataset into one :class:`Assessment`;
:func:`assess_all` makes the table that chapters, the overview and the downloads share.

Every target gets exactly one **evidence tier**, the strongest its data allow:

1. ``projection`` — five or more consecutive yearly figures of the target's own indicator: the
   engine's calibrated predictive distribution gives the probability of meeting the target (P) and
   the status (on track if P ≥ ``on_track``, off track if P < ``off_track``, at risk between);
2. ``progress`` — two to four figures (yearly or dated to a month) of its own indicator: the
   observed rate of change against the rate still required from the latest figure to the target in
   its year (the Statistics Canada / Open SDG progress measure); status from their ratio R with the
   thresholds ``progress_on_track`` and ``progress_at_risk``, labelled indicative;
3. ``proxy`` — a named stand-in (``data/proxies.csv``: a narrower area, a related series or a
   national figure), assessed the same way on its own figures, never shown as the target's series;
4. ``single figure`` — one published figure: achieved if it meets the target, otherwise no verdict;
5. ``none`` — nothing public: not assessable, with the series to add.

Whatever the tier, a latest figure that already meets the target gives ``achieved``, and a target
year that has passed without the target met gives ``off track``.

How targets become one comparison (the ``threshold``, in the indicator's unit):

- level, share, capacity, count: the value (an "about X" target counts as met from X × (1 −
  ``approx_tolerance``); ">" is strict; a range is met inside it);
- change against a base year: the base-year figure × (1 + change);
- growth per year: the base-year figure compounded at the target rate to the target year;
- cumulative over a plan period: on a stock, base-year figure plus the addition; on a running total
  since the base year, the amount itself; on a yearly flow, the sum of the flows after the base year;
- peak by a year: the share of simulated paths whose highest value falls in or before that year.

Rates. A rate uses figures at least a year apart, exact or approximate, never bounds or part-year
figures; it runs from the base year for targets measured from one (change, growth, cumulative),
otherwise from the latest figure at least ``rate_window`` years older than the newest (or the
oldest figure). Shares in % and running totals change linearly (points or units per year); other
positive quantities compound (% per year). A figure dated to a month sits on the time axis at the
end of that month (end-April 2025 = 2024.33, see :mod:`periods`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from analysis.data.loader import Dataset
from analysis.data.units import factor
from analysis.forecast.backtest import MIN_TRAIN
from analysis.forecast.engine import MODEL_LABEL, Forecast, forecast

MIN_POINTS = MIN_TRAIN
MIN_RATE_SPAN = 1.0  # years between the two figures of a rate
STATUSES = ["achieved", "on track", "at risk", "off track", "not assessable"]
STATUS_ZH = {
    "achieved": "已实现",
    "on track": "进展顺利",
    "at risk": "存在风险",
    "off track": "偏离轨道",
    "not assessable": "无法评估",
}
TIERS = ["projection", "progress", "proxy", "single figure", "none"]
TIER_ZH = {
    "projection": "预测",
    "progress": "进度测算",
    "proxy": "替代指标",
    "single figure": "单一数据",
    "none": "无数据",
}
LEVEL_KINDS = ("share", "level", "capacity", "count", "binary")
BASE_KINDS = ("change_vs_base", "growth_per_year", "cumulative")
PEAK_MARGIN = 5  # years simulated past the target year to see whether a path has turned down
HOME = "Guangdong"


@dataclass(frozen=True)
class Settings:
    """Assessment parameters; every chapter prints the values it used."""

    interval_level: float = 0.8
    on_track: float = 0.7  # P(meet) at or above this: on track
    off_track: float = 0.3  # P(meet) below this: off track; in between: at risk
    progress_on_track: float = 0.95  # observed / required rate at or above this: on track
    progress_at_risk: float = 0.6  # ratio below this: off track; in between: at risk
    approx_tolerance: float = 0.03  # 'about X' is met at X * (1 - tolerance) or above
    rate_window: int = 5  # years used for the observed rate of change
    max_age: int = (
        10  # a latest figure older than this (years before the newest data) gives no rate verdict
    )
    horizon_year: int | None = 2030  # a target without a year is judged against the plan's horizon
    history_years: int | None = 15  # fit only the most recent N years of observations
    last_data_year: int | None = None  # ignore observations after this year (hindcasts)
    n_paths: int = 4000

    def __post_init__(self):
        if not 0 < self.interval_level < 1:
            raise ValueError(f"interval_level must be between 0 and 1, got {self.interval_level!r}")
        if not 0 <= self.off_track <= self.on_track <= 1:
            raise ValueError("thresholds must satisfy 0 <= off_track <= on_track <= 1")
        if not 0 <= self.progress_at_risk <= self.progress_on_track:
            raise ValueError(
                "progress thresholds must satisfy 0 <= progress_at_risk <= progress_on_track"
            )
        if self.approx_tolerance < 0 or self.rate_window < 1 or self.max_age < 1:
            raise ValueError("approx_tolerance must be >= 0, rate_window and max_age >= 1")
        if self.history_years is not None and self.history_years < 2:
            raise ValueError(
                f"history_years must be at least 2 or None, got {self.history_years!r}"
            )


DEFAULT_SETTINGS = Settings()


@dataclass
class Assessment:
    target_id: str
    action: int
    clause: str
    kind: str
    target_year: int | None  # the plan's year, or its horizon when it gives none (see year_from)
    comparator: str
    target_value: float | None
    unit: str  # the target's unit as the plan writes it
    indicator: str
    tier: str = "none"
    year_from: str = "plan"  # 'plan', or 'horizon' when the plan gives no year
    indicator_unit: str = ""  # every value below is in this unit
    threshold: float | None = None  # the level in the indicator's unit that meets the target
    target_level: float | None = None  # the target itself in that unit (an 'about X' target: X)
    target_level_max: float | None = None  # upper end of a range target
    evidence_indicator: str = ""  # the series the verdict rests on (the proxy's, in the proxy tier)
    evidence_region: str = ""
    proxy_relation: str = ""
    proxy_gap_en: str = ""
    proxy_gap_zh: str = ""
    n_points: int = (
        0  # consecutive yearly figures fitted (projection) or figures used (other tiers)
    )
    first_year: int | None = None
    latest_year: int | None = None
    latest_label: str = ""  # '2024', '2025-04', '2020 H1'
    latest_value: float | None = None
    latest_qualifier: str = ""
    base_label: str = ""  # first figure of the observed rate
    base_value: float | None = None
    projected_value: float | None = None
    lower: float | None = None
    upper: float | None = None
    interval_level: float | None = None
    probability: float | None = None
    observed_rate: float | None = None
    required_rate: float | None = None
    rate_ratio: float | None = None
    rate_mode: str = ""  # 'linear' (units or points a year) or 'compound' (% a year)
    model: str = ""
    interval_source: str = ""
    status: str = "not assessable"
    why: str = ""  # a code for the reason (see verdict_text)
    reason: str = ""
    reason_zh: str = ""
    peak_year: int | None = None  # highest figure so far (peak targets)
    peak_value: float | None = None


class NotAssessable(Exception):
    """Raised with a code and details saying why evidence gives no verdict."""

    def __init__(self, why: str, **details):
        super().__init__(why)
        self.why, self.details = why, details


@dataclass(frozen=True)
class Figure:
    """One published figure placed on the time axis (see :mod:`periods`)."""

    time: float
    label: str
    value: float
    qualifier: str
    kind: str  # 'year', 'status' or 'part'

    @property
    def year(self) -> int:
        return int(np.ceil(self.time - 1e-9))

    @property
    def is_bound(self) -> bool:
        return self.qualifier in (">", ">=", "<", "<=")


@dataclass
class Evidence:
    """What one series (indicator, region) offers an assessment, after breaks and cut-offs."""

    indicator: str
    region: str
    unit: str
    measure: str
    yearly: pd.DataFrame  # the yearly figures a projection may be fitted to
    figures: list[Figure]  # every usable figure: yearly, status and part-year, by time
    break_year: int | None = None
    all_yearly: pd.DataFrame | None = None  # yearly figures before the history window too
    comparable: bool = True  # False when the plan's target was set on a basis a break replaced

    def latest(self) -> Figure | None:
        return self.figures[-1] if self.figures else None

    def rate_figures(self) -> list[Figure]:
        return [f for f in self.figures if f.kind != "part" and not f.is_bound]

    def at_year(self, year: int) -> Figure | None:
        """The yearly figure of ``year`` (base years are yearly figures)."""
        return next((f for f in self.figures if f.kind == "year" and f.label == str(year)), None)


def evidence(indicator: str, data: Dataset, settings: Settings, region: str = HOME) -> Evidence:
    """The figures of one series usable now: on the latest statistical basis (after the last
    break), up to ``last_data_year``; projections also keep to the last ``history_years``."""
    ind = data.indicator(indicator)
    start = data.break_year(indicator, region)
    obs = data.observations(indicator, region)
    points = data.dated_points(indicator, region)
    weak_obs = obs["source_id"].map(data.is_secondary).astype(bool)
    weak_points = (
        points["source_id"].map(data.is_secondary).astype(bool) if len(points) else weak_obs[:0]
    )
    # figures of the lowest standing never count (the chapter lists them: chapter.readings_note)
    obs, points = obs[~weak_obs], points[~weak_points] if len(points) else points
    if start is not None:
        obs = obs[obs["year"] >= start]
        points = points[points["time"] >= start]
    if settings.last_data_year is not None:
        obs = obs[obs["year"] <= settings.last_data_year]
        points = points[points["time"] <= settings.last_data_year]
    all_yearly = obs.reset_index(drop=True)
    window = all_yearly
    if settings.history_years is not None and len(window):
        window = window[window["year"] > window["year"].max() - settings.history_years]
    figures = [
        Figure(float(r.year), str(int(r.year)), float(r.value), r.qualifier or "", "year")
        for r in all_yearly.itertuples()
    ]
    figures += [
        Figure(float(r.time), str(r.label), float(r.value), r.qualifier or "", str(r.kind))
        for r in points.itertuples()
    ]
    figures.sort(key=lambda f: (f.time, f.kind != "year"))
    comparable = start is None or data.break_comparable(indicator, region)
    return Evidence(
        indicator,
        region,
        ind["unit"],
        ind.get("measure", "stock") or "stock",
        window.reset_index(drop=True),
        figures,
        start,
        all_yearly,
        comparable,
    )


def meets(
    value: float, qualifier: str, comparator: str, level: float, level_max: float | None = None
) -> bool:
    """Whether a published figure (with its qualifier) shows the target met."""
    if comparator in (">=", "approx", "=="):
        return value >= level and qualifier not in ("<", "<=")
    if comparator == ">":
        return (value > level and qualifier not in ("<", "<=")) or (
            value == level and qualifier == ">"
        )
    if comparator == "<=":
        return value <= level and qualifier not in (">", ">=")
    if comparator == "range":
        return level <= value <= level_max and qualifier == ""
    return False


def observed_rate(obs: pd.DataFrame, window: int) -> float | None:
    """Average change per year over the last ``window`` years of yearly observations (linear)."""
    last = obs.iloc[-1]
    earlier = obs[obs["year"] <= last["year"] - window]
    start = earlier.iloc[-1] if len(earlier) else obs.iloc[0]
    if start["year"] == last["year"]:
        return None
    return float((last["value"] - start["value"]) / (last["year"] - start["year"]))


def _bound(x) -> float | None:
    return None if pd.isna(x) else float(x)


def forecast_for(
    indicator: str, to_year: int, data: Dataset, settings: Settings, region: str = HOME
) -> Forecast | None:
    """The engine's forecast of an indicator to ``to_year``, or None when it cannot be made."""
    obs = evidence(indicator, data, settings, region).yearly
    if len(obs) < MIN_POINTS or to_year <= obs["year"].max():
        return None
    ind = data.indicator(indicator)
    try:
        return forecast(
            obs["year"], obs["value"], to_year, _bound(ind["lower"]), _bound(ind["upper"])
        )
    except ValueError:
        return None


def consecutive_run(years) -> int:
    """Length of the latest run of consecutive years."""
    years = sorted(int(y) for y in years)
    if not years:
        return 0
    n = 1
    while n < len(years) and years[-n] - years[-n - 1] == 1:
        n += 1
    return n


def target_value(target: pd.Series, indicator_unit: str) -> float:
    """The target's number in the indicator's unit (e.g. 12 万亩 of mangroves -> 8,000 公顷); a unit
    that cannot be converted (a target in % on a series in 万千瓦) is refused, never compared as is."""
    if target["unit"] == indicator_unit:
        return float(target["value"])
    try:
        return float(target["value"]) * factor(target["unit"], indicator_unit)
    except KeyError:
        raise NotAssessable("unit", target_unit=target["unit"], unit=indicator_unit) from None


def _base(ev: Evidence, base_year: int) -> Figure:
    base = ev.at_year(base_year)
    if base is None:
        raise NotAssessable("no_base", base_year=base_year)
    if base.is_bound:
        raise NotAssessable("base_bound", base_year=base_year)
    return base


def threshold(target: pd.Series, ev: Evidence, settings: Settings, exact: bool = False) -> float:
    """The level, in the evidence's unit, that meets the target in its target year."""
    kind = target["kind"]
    tolerance = 0.0 if exact else settings.approx_tolerance
    about = 1 - tolerance if target["comparator"] == "approx" else 1.0
    if kind in LEVEL_KINDS:  # (a peak is judged on its own: judge() never asks for its level)
        return target_value(target, ev.unit) * about
    base_year = int(target["base_year"])
    value = float(target["value"])
    if kind == "change_vs_base":
        return _base(ev, base_year).value * (1 + value / 100)
    if kind == "growth_per_year":
        return _base(ev, base_year).value * (1 + value / 100) ** (
            due_year(target, settings) - base_year
        )
    if kind == "cumulative" and ev.measure == "cumulative":
        return target_value(target, ev.unit) * about
    if kind == "cumulative" and ev.measure == "stock":
        return (_base(ev, base_year).value + target_value(target, ev.unit)) * about
    raise NotAssessable("flow_sum")


def status_from_probability(probability: float, settings: Settings) -> str:
    if probability >= settings.on_track:
        return "on track"
    if probability >= settings.off_track:
        return "at risk"
    return "off track"


def status_from_ratio(ratio: float, settings: Settings) -> str:
    if ratio >= settings.progress_on_track:
        return "on track"
    if ratio >= settings.progress_at_risk:
        return "at risk"
    return "off track"


def _compare_as(target: pd.Series) -> str:
    """The comparator a figure is checked with ('approx' and '==' are 'at least')."""
    return ">=" if target["comparator"] in ("approx", "==") else target["comparator"]


def rate_mode(ev: Evidence) -> str:
    """Linear for shares in % and running totals; compound for other positive quantities."""
    if ev.unit in ("%", "%/yr") or ev.measure == "cumulative":
        return "linear"
    return "compound"


def rate(a: Figure, b: Figure, mode: str) -> float:
    """Change per year from figure ``a`` to figure ``b``: units a year, or % a year compounded."""
    years = b.time - a.time
    if mode == "compound":
        return ((b.value / a.value) ** (1 / years) - 1) * 100
    return (b.value - a.value) / years


def required(latest: Figure, level: float, year: int, mode: str) -> float:
    """Change per year still needed from the latest figure to ``level`` at the end of ``year``."""
    goal = Figure(float(year), str(year), level, "", "year")
    return rate(latest, goal, mode)


def _from_base_year(target: pd.Series, ev: Evidence) -> bool:
    """Rates of targets measured from a base year start there (a running total counts from it
    already, so its rate starts at its own first figure)."""
    if target["kind"] not in BASE_KINDS or pd.isna(target["base_year"]):
        return False
    return not (target["kind"] == "cumulative" and ev.measure == "cumulative")


def _rate_base(ev: Evidence, target: pd.Series, settings: Settings) -> Figure | None:
    usable = ev.rate_figures()
    if not usable:
        return None
    latest = usable[-1]
    if _from_base_year(target, ev):
        base = ev.at_year(int(target["base_year"]))
        return base if base is not None and not base.is_bound else None
    earlier = [f for f in usable if f.time <= latest.time - settings.rate_window]
    return earlier[-1] if earlier else usable[0]


@dataclass
class _Verdict:
    """What one series says about a target (filled into the Assessment by :func:`_fill`)."""

    tier: str
    status: str
    why: str
    ev: Evidence
    threshold: float
    target_level: float
    target_level_max: float | None = None
    latest: Figure | None = None
    base: Figure | None = None
    n: int = 0
    probability: float | None = None
    forecast: Forecast | None = None
    observed: float | None = None
    needed: float | None = None
    ratio: float | None = None
    mode: str = ""
    interval: tuple[float, float] | None = None
    projected: float | None = None
    peak: Figure | None = None


def _tier_of(ev: Evidence) -> str:
    if consecutive_run(ev.yearly["year"]) >= MIN_POINTS:
        return "projection"
    return "progress" if len(ev.figures) >= 2 else "single figure"


def judge(target: pd.Series, ev: Evidence, data: Dataset, settings: Settings) -> _Verdict:
    """The verdict one series gives on a target, or :class:`NotAssessable` with the reason."""
    if not ev.figures:
        raise NotAssessable("no_figures", indicator=ev.indicator, region=ev.region)
    if target["kind"] == "peak":
        return _judge_peak(target, ev, data, settings)
    if target["kind"] == "cumulative" and ev.measure == "flow":
        return _judge_flow_sum(target, ev, data, settings)
    level = threshold(target, ev, settings)
    exact_level = threshold(target, ev, settings, exact=True)
    level_max = None
    if target["comparator"] == "range":
        level_max = float(target["value_max"]) * (
            exact_level / float(target["value"]) if target["value"] else 1
        )
    latest = ev.latest()
    verdict = _Verdict(
        _tier_of(ev), "", "", ev, level, exact_level, level_max, latest, n=len(ev.figures)
    )
    comparator = _compare_as(target)
    if meets(latest.value, latest.qualifier, comparator, level, level_max):
        verdict.status, verdict.why, verdict.tier = "achieved", "achieved", "single figure"
        return verdict
    year = due_year(target, settings)
    if year is None:
        raise NotAssessable("no_year", verdict=verdict)
    if latest.time >= year:
        if _bound_short_of(latest, comparator):
            raise NotAssessable("passed_bound", verdict=verdict)
        verdict.status, verdict.why, verdict.tier = "off track", "passed", "single figure"
        return verdict
    age = data.newest_year(settings.last_data_year) - latest.year
    if age > settings.max_age:
        raise NotAssessable("stale", age=age, verdict=_try_rates(target, verdict, year, settings))
    if not ev.comparable:
        raise NotAssessable("basis", verdict=_try_rates(target, verdict, year, settings))
    if verdict.tier == "projection":
        return _project(target, verdict, year, data, settings)
    return _progress(target, verdict, year, settings)


def due_year(target: pd.Series, settings: Settings) -> int | None:
    """The target's year, or the plan's horizon for a target the plan gives no year."""
    if not pd.isna(target["year"]):
        return int(target["year"])
    return settings.horizon_year


def _bound_short_of(figure: Figure, comparator: str) -> bool:
    """A bound that leaves open whether the target was met ('more than 7,500' against '≥ 8,000')."""
    if comparator in (">=", ">"):
        return figure.qualifier in (">", ">=")
    if comparator == "<=":
        return figure.qualifier in ("<", "<=")
    return False


def _try_rates(target, verdict: _Verdict, year: int, settings: Settings) -> _Verdict:
    """The progress measure's numbers where they can be computed, for a reason without a verdict."""
    try:
        return _progress(target, replace(verdict), year, settings)
    except NotAssessable:
        return verdict


def _project(target, verdict: _Verdict, year: int, data: Dataset, settings: Settings) -> _Verdict:
    ev = verdict.ev
    fc = forecast_for(ev.indicator, year, data, settings, ev.region)
    if fc is None:
        return _progress(target, replace(verdict, tier="progress"), year, settings)
    level, comparator = verdict.threshold, _compare_as(target)
    p_up = fc.prob_at_least(year, level)
    if comparator == "range":
        p_up = p_up - fc.prob_at_least(year, np.nextafter(verdict.target_level_max, np.inf))
    probability = float(np.clip(p_up if comparator in (">=", ">", "range") else 1 - p_up, 0, 1))
    verdict.forecast, verdict.probability = fc, probability
    verdict.projected = fc.point_at(year)
    verdict.interval = fc.interval(year, settings.interval_level)
    verdict.status, verdict.why = status_from_probability(probability, settings), "projection"
    verdict.n = fc.n_fitted  # the consecutive yearly figures the projection was fitted to
    yearly = ev.yearly
    verdict.observed = observed_rate(yearly, settings.rate_window)
    last = Figure(
        float(yearly["year"].iloc[-1]),
        str(int(yearly["year"].iloc[-1])),
        float(yearly["value"].iloc[-1]),
        "",
        "year",
    )
    verdict.needed = required(last, level, year, "linear")
    verdict.mode = "linear"
    if verdict.observed is not None and verdict.needed:
        verdict.ratio = verdict.observed / verdict.needed
    return verdict


def _progress(target, verdict: _Verdict, year: int, settings: Settings) -> _Verdict:
    ev = verdict.ev
    usable = ev.rate_figures()
    base = _rate_base(ev, target, settings)
    if base is None and _from_base_year(target, ev):
        raise NotAssessable("no_base", base_year=int(target["base_year"]), verdict=verdict)
    if not usable or base is None or usable[-1].time - base.time < MIN_RATE_SPAN:
        raise NotAssessable("one_figure", verdict=verdict)
    latest = usable[-1]
    mode = rate_mode(ev)
    if mode == "compound" and (base.value <= 0 or latest.value <= 0 or verdict.threshold <= 0):
        mode = "linear"
    verdict.tier = "progress" if verdict.tier != "proxy" else verdict.tier
    verdict.base, verdict.mode = base, mode
    verdict.n = len([f for f in usable if f.time >= base.time])
    verdict.observed = rate(base, latest, mode)
    verdict.needed = required(latest, verdict.threshold, year, mode)
    verdict.latest = ev.latest()
    if verdict.needed == 0:
        raise NotAssessable(
            "one_figure", verdict=verdict
        )  # pragma: no cover - met exactly is achieved
    verdict.ratio = verdict.observed / verdict.needed
    verdict.status, verdict.why = status_from_ratio(verdict.ratio, settings), "progress"
    return verdict


def _judge_peak(target, ev: Evidence, data: Dataset, settings: Settings) -> _Verdict:
    """P(peak year <= target year) from simulated paths that run past the target year."""
    year = int(target["year"])
    if consecutive_run(ev.yearly["year"]) < MIN_POINTS:
        raise NotAssessable("too_few_peak", n=len(ev.yearly), ev=ev)
    fc = forecast_for(ev.indicator, year + PEAK_MARGIN, data, settings, ev.region)
    if fc is None:
        raise NotAssessable("too_few_peak", n=len(ev.yearly), ev=ev)
    obs = ev.yearly
    paths = fc.sample_paths(settings.n_paths)
    history_max = float(obs["value"].max())
    top = obs.loc[obs["value"].idxmax()]
    peak_years = np.where(
        paths.max(axis=1) > history_max, fc.years[paths.argmax(axis=1)], int(top["year"])
    )
    probability = float(np.mean(peak_years <= year))
    latest = ev.latest()
    verdict = _Verdict(
        "projection",
        status_from_probability(probability, settings),
        "peak",
        ev,
        float(year),
        float(year),
        latest=latest,
        n=len(obs),
        probability=probability,
        forecast=fc,
    )
    if year > fc.last_year:  # a target year already covered by data has no projection of its own
        verdict.projected = fc.point_at(year)
        verdict.interval = fc.interval(year, settings.interval_level)
    verdict.peak = Figure(
        float(top["year"]), str(int(top["year"])), float(top["value"]), "", "year"
    )
    verdict.observed = observed_rate(obs, settings.rate_window)
    verdict.mode = "linear"
    return verdict


def _judge_flow_sum(target, ev: Evidence, data: Dataset, settings: Settings) -> _Verdict:
    """Cumulative target on a yearly flow: observed sum after the base year plus simulated future."""
    year, base = int(target["year"]), int(target["base_year"])
    value = target_value(target, ev.unit)
    level = value * (1 - settings.approx_tolerance if target["comparator"] == "approx" else 1)
    obs = ev.all_yearly
    # with no yearly figure at all, every year from the base year to the newest data is missing
    newest = min(year, data.newest_year(settings.last_data_year))
    latest_year = int(obs["year"].max()) if len(obs) else max(base, newest)
    period = obs[(obs["year"] > base) & (obs["year"] <= year)]
    expected = set(range(base + 1, min(year, latest_year) + 1))
    if not len(period) or set(period["year"]) != expected:
        raise NotAssessable(
            "flow_gaps", missing=sorted(expected - set(period["year"])), base_year=base
        )
    done = float(period["value"].sum())
    latest = Figure(float(latest_year), str(latest_year), done, "", "year")
    verdict = _Verdict(_tier_of(ev), "", "", ev, level, value, latest=latest, n=len(period))
    if done >= level:
        verdict.status, verdict.why = "achieved", "flow_done"
        return verdict
    if latest_year >= year:
        verdict.status, verdict.why = "off track", "flow_passed"
        return verdict
    fc = forecast_for(ev.indicator, year, data, settings, ev.region)
    if fc is None:
        raise NotAssessable("flow_short", done=done, verdict=verdict)
    totals = done + fc.sample_paths(settings.n_paths).sum(axis=1)
    verdict.tier = "projection"
    verdict.projected = float(done + fc.point.sum())
    lo, hi = np.quantile(
        totals, [(1 - settings.interval_level) / 2, (1 + settings.interval_level) / 2]
    )
    verdict.interval = (float(lo), float(hi))
    verdict.forecast = fc
    verdict.probability = float(np.mean(totals >= level))
    verdict.status, verdict.why = (
        status_from_probability(verdict.probability, settings),
        "flow_projection",
    )
    return verdict


def _fill(result: Assessment, v: _Verdict, settings: Settings) -> None:
    ev = v.ev
    result.tier, result.status, result.why = v.tier, v.status, v.why
    result.indicator_unit = ev.unit
    result.evidence_indicator, result.evidence_region = ev.indicator, ev.region
    result.threshold, result.target_level, result.target_level_max = (
        v.threshold,
        v.target_level,
        v.target_level_max,
    )
    result.n_points = v.n
    # the span the reason states: the figures a projection was fitted to, or searched for a peak
    if v.why == "projection":
        result.first_year = v.forecast.first_fitted_year
    elif v.why == "peak":
        result.first_year = int(ev.yearly["year"].iloc[0])
    elif ev.figures:
        result.first_year = ev.figures[0].year
    if v.latest is not None:
        result.latest_year, result.latest_label = v.latest.year, v.latest.label
        result.latest_value, result.latest_qualifier = v.latest.value, v.latest.qualifier
    if v.base is not None:
        result.base_label, result.base_value = v.base.label, v.base.value
    result.probability = v.probability
    if v.why in ("achieved", "flow_done"):
        result.probability = 1.0  # already met
    if v.why in ("passed", "flow_passed"):
        result.probability = 0.0  # the year has passed unmet
    result.observed_rate, result.required_rate, result.rate_ratio = v.observed, v.needed, v.ratio
    result.rate_mode = v.mode
    if v.forecast is not None:
        result.model = MODEL_LABEL
        result.projected_value = v.projected
        if v.interval is not None:
            result.lower, result.upper = v.interval
        result.interval_level = settings.interval_level
        if result.target_year and result.target_year > v.forecast.last_year:
            result.interval_source = v.forecast.errors.source[
                result.target_year - v.forecast.last_year - 1
            ]
    if v.peak is not None:
        result.peak_year, result.peak_value = v.peak.year, v.peak.value


def assess_target(
    target: pd.Series, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> Assessment:
    """Assess one registry row: its own series first, then its proxies (``data/proxies.csv``)."""
    from analysis.assess.verdict_text import explain
    from analysis.data.proxies import proxies_for

    year = due_year(target, settings)
    value = None if pd.isna(target["value"]) else float(target["value"])
    result = Assessment(
        target["id"],
        int(target["action"]),
        target["clause"],
        target["kind"],
        year,
        target["comparator"],
        value,
        target["unit"],
        target["indicator"],
    )
    if pd.isna(target["year"]):
        result.year_from = "horizon" if year is not None else "none"
    details: dict = {}
    if target["comparator"] == "unquantified":
        result.why = "unquantified"
    elif not target["indicator"]:
        result.why = "no_series"
    else:
        own = evidence(target["indicator"], data, settings)
        result.indicator_unit = own.unit
        try:
            _fill(result, judge(target, own, data, settings), settings)
        except NotAssessable as why:
            result.why, details = why.why, why.details
            _note_partial(result, details, settings)
            result.tier = (
                "none"
                if not own.figures
                else "single figure"
                if len(own.figures) == 1
                else "progress"
            )
            proxied = _try_proxies(result, target, data, settings, proxies_for(target["id"], data))
            if proxied is not None:
                result, details = proxied
    result.reason, result.reason_zh = explain(result, target, data, settings, details)
    return result


def _note_partial(result: Assessment, details: dict, settings: Settings) -> None:
    """Keep what is known (latest figure, target level) when no verdict can be given."""
    verdict = details.get("verdict")
    if verdict is None:
        ev = details.get("ev")
        if ev is not None and ev.figures:
            latest = ev.latest()
            result.latest_year, result.latest_label = latest.year, latest.label
            result.latest_value, result.latest_qualifier = latest.value, latest.qualifier
            result.n_points = len(ev.figures)
            result.indicator_unit = ev.unit
        return
    status, why = result.status, result.why
    _fill(result, verdict, settings)
    result.status, result.why, result.tier = status, why, "none"


def _try_proxies(
    result: Assessment, target, data: Dataset, settings: Settings, proxies
) -> tuple | None:
    """The first proxy that gives a verdict, as an Assessment of the proxy tier. When none does but
    one has figures and the target's own series has none, an Assessment of the proxy tier without a
    verdict (its figures shown, its reason given); otherwise None."""
    fallback = None
    for proxy in proxies:
        ev = evidence(proxy.indicator, data, settings, proxy.region)
        if not ev.figures:
            continue
        proxied = replace(result)
        proxied.proxy_relation, proxied.proxy_gap_en, proxied.proxy_gap_zh = (
            proxy.relation,
            proxy.gap_en,
            proxy.gap_zh,
        )
        try:
            verdict = judge(target, ev, data, settings)
        except NotAssessable as why:
            if fallback is None and result.latest_value is None:
                proxied.status = "not assessable"
                _note_partial(
                    proxied, why.details if "verdict" in why.details else {"ev": ev}, settings
                )
                proxied.why = "proxy_" + why.why
                proxied.evidence_indicator, proxied.evidence_region = ev.indicator, ev.region
                proxied.indicator_unit, proxied.tier = ev.unit, "proxy"
                fallback = (proxied, why.details)
            continue
        _fill(proxied, verdict, settings)
        proxied.tier = "proxy"
        proxied.indicator_unit = ev.unit
        return proxied, {}
    return fallback


def assess_all(
    targets: pd.DataFrame, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The assessment table: one row per registered target, in registry order."""
    rows = [asdict(assess_target(t, data, settings)) for _, t in targets.iterrows()]
    return pd.DataFrame(rows, columns=list(Assessment.__dataclass_fields__))
