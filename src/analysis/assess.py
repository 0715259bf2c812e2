"""Compare each registered target with its data: latest value, projection, probability, status.

:func:`assess_target` turns one registry row and the dataset into one tidy :class:`Assessment`;
:func:`assess_all` makes the table that chapters, the overview and the downloads share.

Every kind of target is reduced to a question the forecast can answer:

- level, share, capacity (and count or binary, when a series exists): the value in the target year
  against the target (an "about X" target counts as met from X × (1 − tolerance));
- change against a base year: the base-year value from the data times (1 + change);
- growth per year: the base-year value compounded at the target rate;
- cumulative over a plan period: for a stock (e.g. capacity), base-year value plus the addition; for
  a flow (e.g. hectares restored per year), the sum of yearly values after the base year;
- peak by a year: the share of simulated paths whose highest value falls in or before that year.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from .backtest import MIN_TRAIN
from .engine import MODEL_LABEL, Forecast, forecast
from .loader import Dataset
from .units import factor

MIN_POINTS = MIN_TRAIN
STATUSES = ["achieved", "on track", "at risk", "off track", "not assessable"]
STATUS_ZH = {
    "achieved": "已实现",
    "on track": "进展顺利",
    "at risk": "存在风险",
    "off track": "偏离轨道",
    "not assessable": "无法评估",
}
LEVEL_KINDS = ("share", "level", "capacity", "count", "binary")
PEAK_MARGIN = 5  # years simulated past the target year to see whether a path has turned down


@dataclass(frozen=True)
class Settings:
    """Assessment parameters; every chapter prints the values it used."""

    interval_level: float = 0.8
    on_track: float = 0.7  # P(meet) at or above this: on track
    off_track: float = 0.3  # P(meet) below this: off track; in between: at risk
    approx_tolerance: float = 0.03  # 'about X' is met at X * (1 - tolerance) or above
    rate_window: int = 5  # years used for the observed rate of change
    history_years: int | None = 15  # fit only the most recent N years of observations
    last_data_year: int | None = None  # ignore observations after this year (hindcasts)
    n_paths: int = 4000

    def __post_init__(self):
        if not 0 < self.interval_level < 1:
            raise ValueError(f"interval_level must be between 0 and 1, got {self.interval_level!r}")
        if not 0 <= self.off_track <= self.on_track <= 1:
            raise ValueError("thresholds must satisfy 0 <= off_track <= on_track <= 1")
        if self.approx_tolerance < 0 or self.rate_window < 1:
            raise ValueError("approx_tolerance must be >= 0 and rate_window >= 1")
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
    target_year: int | None
    comparator: str
    target_value: float | None
    unit: str
    indicator: str
    threshold: float | None = None  # the level in the indicator's unit that meets the target
    target_level: float | None = None  # the target itself in that unit (an 'about X' target: X)
    n_points: int = 0
    first_year: int | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    latest_qualifier: str = ""
    projected_value: float | None = None
    lower: float | None = None
    upper: float | None = None
    interval_level: float | None = None
    probability: float | None = None
    observed_rate: float | None = None
    required_rate: float | None = None
    rate_ratio: float | None = None
    model: str = ""
    interval_source: str = ""
    status: str = "not assessable"
    reason: str = ""


class NotAssessable(Exception):
    """Raised with the reason a target cannot be assessed."""


def meets(value: float, qualifier: str, comparator: str, level: float) -> bool:
    """Whether a published figure (with its qualifier) shows the target met."""
    if comparator in (">=", "approx", "=="):
        return value >= level and qualifier not in ("<", "<=")
    if comparator == "<=":
        return value <= level and qualifier not in (">", ">=")
    return False


def _fmt(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def observed_rate(obs: pd.DataFrame, window: int) -> float | None:
    """Average change per year over the last ``window`` years of observations (linear)."""
    last = obs.iloc[-1]
    earlier = obs[obs["year"] <= last["year"] - window]
    start = earlier.iloc[-1] if len(earlier) else obs.iloc[0]
    if start["year"] == last["year"]:
        return None
    return float((last["value"] - start["value"]) / (last["year"] - start["year"]))


def used_observations(indicator: str, data: Dataset, settings: Settings) -> pd.DataFrame:
    """The observations a projection is fitted to: on the latest statistical basis (after the last
    break), up to ``last_data_year``, and within the last ``history_years``."""
    obs = data.observations(indicator)
    start = data.break_year(indicator)
    if start is not None:
        obs = obs[obs["year"] >= start]
    if settings.last_data_year is not None:
        obs = obs[obs["year"] <= settings.last_data_year]
    if settings.history_years is not None and len(obs):
        obs = obs[obs["year"] > obs["year"].max() - settings.history_years]
    return obs.reset_index(drop=True)


def _bound(x) -> float | None:
    return None if pd.isna(x) else float(x)


def forecast_for(
    indicator: str, to_year: int, data: Dataset, settings: Settings
) -> Forecast | None:
    """The engine's forecast of an indicator to ``to_year``, or None when it cannot be made."""
    obs = used_observations(indicator, data, settings)
    if len(obs) < MIN_POINTS or to_year <= obs["year"].max():
        return None
    ind = data.indicator(indicator)
    try:
        return forecast(
            obs["year"], obs["value"], to_year, _bound(ind["lower"]), _bound(ind["upper"])
        )
    except ValueError:
        return None


def _base_value(obs: pd.DataFrame, base_year: int, what: str) -> float:
    row = obs[obs["year"] == base_year]
    if row.empty:
        raise NotAssessable(
            f"no {base_year} value of the indicator, which the {what} is measured from"
        )
    if row["qualifier"].iloc[0] not in ("", "~"):
        raise NotAssessable(f"the {base_year} value is published only as a bound")
    return float(row["value"].iloc[0])


def target_value(target: pd.Series, indicator_unit: str) -> float:
    """The target's number in the indicator's unit (e.g. 12 万亩 of mangroves -> 8,000 公顷)."""
    if target["unit"] in ("%", "%/yr", "year", "yes/no") or target["unit"] == indicator_unit:
        return float(target["value"])
    try:
        return float(target["value"]) * factor(target["unit"], indicator_unit)
    except KeyError as exc:
        raise NotAssessable(
            f"the target is in {target['unit']} but the series in {indicator_unit}: {exc}"
        ) from None


def threshold(
    target: pd.Series,
    obs: pd.DataFrame,
    settings: Settings,
    measure: str = "stock",
    unit: str | None = None,
) -> float:
    """The level, in the indicator's unit, that meets the target in its target year."""
    kind = target["kind"]
    value = target_value(target, unit) if unit else float(target["value"])
    if kind in LEVEL_KINDS:
        return (
            value * (1 - settings.approx_tolerance) if target["comparator"] == "approx" else value
        )
    base_year = int(target["base_year"])
    if kind == "change_vs_base":
        return _base_value(obs, base_year, "change") * (1 + value / 100)
    if kind == "growth_per_year":
        return _base_value(obs, base_year, "growth") * (1 + value / 100) ** (
            int(target["year"]) - base_year
        )
    if kind == "cumulative" and measure == "stock":
        level = _base_value(obs, base_year, "addition") + value
        return (
            level * (1 - settings.approx_tolerance) if target["comparator"] == "approx" else level
        )
    raise NotAssessable(f"targets of kind '{kind}' on a {measure} indicator are handled elsewhere")


def too_few_points(result: Assessment, data: Dataset) -> str:
    """Why no projection was made: how many usable figures there are, and any break that cut them."""
    start = data.break_year(result.indicator)
    since = f" since the {start} statistical break" if start is not None else ""
    span = f" ({result.first_year}-{result.latest_year})" if result.n_points else ""
    text = (f"too few points: {result.n_points} yearly figure(s){since}{span}; an honest projection needs "
            f"at least {MIN_POINTS} consecutive years")  # fmt: skip
    if start is not None:
        older = int((data.observations(result.indicator)["year"] < start).sum())
        text += f"; the {older} earlier figure(s) are on the old basis and not comparable"
    return text


def status_from_probability(probability: float, settings: Settings) -> str:
    if probability >= settings.on_track:
        return "on track"
    if probability >= settings.off_track:
        return "at risk"
    return "off track"


def assess_target(
    target: pd.Series, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> Assessment:
    """Assess one registry row against the dataset."""
    year = None if pd.isna(target["year"]) else int(target["year"])
    value = None if pd.isna(target["value"]) else float(target["value"])
    result = Assessment(
        target["id"], int(target["action"]), target["clause"], target["kind"], year,
        target["comparator"], value, target["unit"], target["indicator"],
    )  # fmt: skip
    try:
        _assess(result, target, data, settings)
    except NotAssessable as why:
        result.status, result.reason = "not assessable", str(why)
        result.probability = None
    return result


def _assess(result: Assessment, target: pd.Series, data: Dataset, settings: Settings) -> None:
    if target["comparator"] == "unquantified":
        raise NotAssessable(
            "the plan states no number for this target (" + (target["note"] or "qualitative") + ")"
        )
    if not target["indicator"]:
        raise NotAssessable("no public series: " + target["data_wanted"])
    obs = used_observations(target["indicator"], data, settings)
    result.n_points = len(obs)
    if obs.empty:
        raise NotAssessable(
            too_few_points(result, data)
            if len(data.observations(target["indicator"]))
            else f"no observations of '{target['indicator']}' in series.csv"
        )
    last = obs.iloc[-1]
    result.first_year, result.latest_year = int(obs["year"].iloc[0]), int(last["year"])
    result.latest_value, result.latest_qualifier = float(last["value"]), last["qualifier"]
    ind = data.indicator(target["indicator"])
    measure = ind.get("measure", "stock") or "stock"
    if target["kind"] == "peak":
        return _assess_peak(result, obs, target, data, settings)
    if target["kind"] == "cumulative" and measure == "flow":
        return _assess_flow_sum(result, obs, target, data, settings)
    level = threshold(
        target, data.observations(target["indicator"]), settings, measure, ind["unit"]
    )
    result.threshold = level
    exact = replace(settings, approx_tolerance=0.0)
    result.target_level = threshold(
        target, data.observations(target["indicator"]), exact, measure, ind["unit"]
    )
    comparator = ">=" if target["comparator"] in ("approx", "==") else target["comparator"]
    unit = ind["unit"]
    if meets(result.latest_value, result.latest_qualifier, comparator, level):
        result.status, result.probability = "achieved", 1.0
        shown = result.latest_qualifier + _fmt(result.latest_value)
        result.reason = (
            f"the latest figure ({shown} {unit} in {result.latest_year}) already meets the target "
            f"level of {comparator} {_fmt(level)} {unit}"
        )
        return
    year = result.target_year
    if year is None:
        raise NotAssessable("the plan gives no target year to project to")
    if year <= result.latest_year:
        result.status, result.probability = "off track", 0.0
        result.reason = f"the target year {year} has passed and the {result.latest_year} figure does not meet it"
        return
    fc = forecast_for(target["indicator"], year, data, settings)
    if fc is None:
        raise NotAssessable(too_few_points(result, data))
    _fill_forecast(result, fc, year, settings)
    p_up = fc.prob_at_least(year, level)
    result.probability = float(np.clip(p_up if comparator == ">=" else 1 - p_up, 0, 1))
    result.observed_rate = observed_rate(obs, settings.rate_window)
    result.required_rate = (level - result.latest_value) / (year - result.latest_year)
    if result.observed_rate is not None and result.required_rate:
        result.rate_ratio = result.observed_rate / result.required_rate
    result.status = status_from_probability(result.probability, settings)
    result.reason = (
        f"{result.probability:.0%} chance of reaching {comparator} {_fmt(level)} {unit} by {year}: the "
        f"last {settings.rate_window} years moved {_fmt(result.observed_rate or 0)} {unit}/yr; "
        f"{_fmt(result.required_rate)} {unit}/yr is needed"
    )


def _fill_forecast(result: Assessment, fc: Forecast, year: int, settings: Settings) -> None:
    result.model = MODEL_LABEL
    result.projected_value = fc.point_at(year)
    result.lower, result.upper = fc.interval(year, settings.interval_level)
    result.interval_level = settings.interval_level
    result.interval_source = fc.errors.source[year - fc.last_year - 1]


def _assess_peak(result, obs, target, data, settings) -> None:
    """P(peak year <= target year) from simulated paths that run past the target year."""
    year = result.target_year
    fc = forecast_for(target["indicator"], year + PEAK_MARGIN, data, settings)
    if fc is None:
        raise NotAssessable(too_few_points(result, data))
    _fill_forecast(result, fc, year, settings)
    paths = fc.sample_paths(settings.n_paths)
    history_max = float(obs["value"].max())
    history_peak_year = int(obs.loc[obs["value"].idxmax(), "year"])
    peak_years = np.where(
        paths.max(axis=1) > history_max, fc.years[paths.argmax(axis=1)], history_peak_year
    )
    # a path still rising at its last simulated year has not peaked within the horizon
    result.probability = float(np.mean(peak_years <= year))
    result.status = status_from_probability(result.probability, settings)
    unit = data.indicator(result.indicator)["unit"]
    result.observed_rate = observed_rate(obs, settings.rate_window)
    result.reason = (
        f"{result.probability:.0%} of simulated paths reach their highest value in or before {year}; "
        f"the series moved {_fmt(result.observed_rate or 0)} {unit}/yr over its last "
        f"{settings.rate_window} years and its latest figure is from {result.latest_year}"
    )


def _assess_flow_sum(result, obs, target, data, settings) -> None:
    """Cumulative target on a yearly flow: observed sum after the base year plus simulated future."""
    year, base = result.target_year, int(target["base_year"])
    value = target_value(target, data.indicator(result.indicator)["unit"])
    level = value * (1 - settings.approx_tolerance if target["comparator"] == "approx" else 1)
    result.threshold, result.target_level = level, value
    period = obs[(obs["year"] > base) & (obs["year"] <= year)]
    expected = set(range(base + 1, min(year, result.latest_year) + 1))
    if set(period["year"]) != expected:
        missing = sorted(expected - set(period["year"]))
        raise NotAssessable(
            f"yearly figures missing for {missing}, so the sum since {base} is unknown"
        )
    done = float(period["value"].sum())
    if done >= level:
        result.status, result.probability = "achieved", 1.0
        result.reason = f"{_fmt(done)} done in {base + 1}-{result.latest_year}, meeting the {_fmt(level)} target"
        return
    if result.latest_year >= year:
        result.status, result.probability = "off track", 0.0
        result.reason = f"{_fmt(done)} done in {base + 1}-{year}, short of {_fmt(level)}"
        return
    fc = forecast_for(target["indicator"], year, data, settings)
    if fc is None:
        raise NotAssessable(f"too few points ({result.n_points}) to project the remaining years")
    totals = done + fc.sample_paths(settings.n_paths).sum(axis=1)
    result.projected_value = float(done + fc.point.sum())
    lo, hi = np.quantile(
        totals, [(1 - settings.interval_level) / 2, (1 + settings.interval_level) / 2]
    )
    result.lower, result.upper, result.interval_level = (
        float(lo),
        float(hi),
        settings.interval_level,
    )
    result.model = MODEL_LABEL
    result.probability = float(np.mean(totals >= level))
    result.status = status_from_probability(result.probability, settings)
    result.reason = (
        f"{_fmt(done)} done so far; {result.probability:.0%} chance the total reaches {_fmt(level)}"
    )


def assess_all(
    targets: pd.DataFrame, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The assessment table: one row per registered target, in registry order."""
    rows = [asdict(assess_target(t, data, settings)) for _, t in targets.iterrows()]
    return pd.DataFrame(rows)
