"""Compare each registered target with its data: latest value, projection, probability, status.

One function, :func:`assess_target`, turns a registry row and the dataset into one tidy record;
:func:`assess_all` makes the table that chapters, the overview and downloads share.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from .loader import Dataset
from .projection import MIN_POINTS, Projection, drift_projection

STATUSES = ["achieved", "on track", "at risk", "off track", "not assessable"]
STATUS_ZH = {
    "achieved": "已实现",
    "on track": "进展顺利",
    "at risk": "存在风险",
    "off track": "偏离轨道",
    "not assessable": "无法评估",
}


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
    status: str = "not assessable"
    reason: str = ""


def threshold(target: pd.Series, settings: Settings) -> float:
    """The value that counts as meeting the target (an 'about X' target allows the tolerance)."""
    value = float(target["value"])
    if target["comparator"] == "approx":
        return value * (1 - settings.approx_tolerance)
    return value


def meets(value: float, qualifier: str, comparator: str, level: float) -> bool:
    """Whether a published figure (with its qualifier) shows the target met."""
    if comparator in (">=", "approx"):
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
    """The observations a projection is fitted to: up to ``last_data_year``, last ``history_years``."""
    obs = data.observations(indicator)
    if settings.last_data_year is not None:
        obs = obs[obs["year"] <= settings.last_data_year]
    if settings.history_years is not None and len(obs):
        obs = obs[obs["year"] > obs["year"].max() - settings.history_years]
    return obs.reset_index(drop=True)


def projection_for(
    indicator: str, to_year: int, data: Dataset, settings: Settings
) -> Projection | None:
    """The drift projection of an indicator to ``to_year``, or None when there are too few points."""
    obs = used_observations(indicator, data, settings)
    if len(obs) < MIN_POINTS or to_year <= obs["year"].max():
        return None
    ind = data.indicator(indicator)
    return drift_projection(
        obs["year"], obs["value"], to_year, _bound(ind["lower"]), _bound(ind["upper"])
    )


def assess_target(
    target: pd.Series, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> Assessment:
    """Assess one registry row against the dataset."""
    year = None if pd.isna(target["year"]) else int(target["year"])
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
    if target["comparator"] == "unquantified":
        result.reason = (
            "the plan states no number for this target (" + (target["note"] or "qualitative") + ")"
        )
        return result
    if not target["indicator"]:
        result.reason = "no public series: " + target["data_wanted"]
        return result
    obs = used_observations(target["indicator"], data, settings)
    result.n_points = len(obs)
    if obs.empty:
        result.reason = f"no observations of '{target['indicator']}' in series.csv"
        return result
    last = obs.iloc[-1]
    result.first_year, result.latest_year = int(obs["year"].iloc[0]), int(last["year"])
    result.latest_value, result.latest_qualifier = float(last["value"]), last["qualifier"]
    if target["kind"] == "peak":
        return _assess_peak(result, obs, data, settings)
    if target["kind"] not in ("share", "level", "capacity"):
        result.reason = (
            f"targets of kind '{target['kind']}' need a base-year or period computation "
            "that this version does not make yet"
        )
        return result
    level = threshold(target, settings)
    if meets(result.latest_value, result.latest_qualifier, target["comparator"], level):
        result.status, result.probability = "achieved", 1.0
        shown = result.latest_qualifier + _fmt(result.latest_value)
        result.reason = (
            f"the latest figure ({shown} {target['unit']} in {result.latest_year}) already "
            f"meets the target of {target['comparator']} {_fmt(value)}"
        )
        return result
    if year is None:
        result.reason = "the plan gives no target year to project to"
        return result
    if result.n_points < MIN_POINTS:
        result.reason = (
            f"too few points: {result.n_points} yearly figure(s) "
            f"({result.first_year}-{result.latest_year}); at least {MIN_POINTS} are needed "
            "for an honest projection"
        )
        return result
    if year <= result.latest_year:
        result.status = "off track"
        result.probability = 0.0
        result.reason = f"the target year {year} has passed and the {year} figure does not meet it"
        return result
    proj = projection_for(target["indicator"], year, data, settings)
    _fill_projection(result, proj, year, settings)
    p_up = proj.prob_at_least(year, level)
    prob = p_up if target["comparator"] in (">=", "approx") else 1 - p_up
    result.probability = float(np.clip(prob, 0, 1))
    result.observed_rate = observed_rate(obs, settings.rate_window)
    result.required_rate = (level - result.latest_value) / (year - result.latest_year)
    if result.observed_rate is not None and result.required_rate:
        result.rate_ratio = result.observed_rate / result.required_rate
    result.status = status_from_probability(result.probability, settings)
    result.reason = (
        f"{result.probability:.0%} chance of meeting it by {year}: the trend of "
        f"{_fmt(result.observed_rate or 0)} {target['unit']}/yr compares with "
        f"{_fmt(result.required_rate)} {target['unit']}/yr needed"
    )
    return result


def status_from_probability(probability: float, settings: Settings) -> str:
    if probability >= settings.on_track:
        return "on track"
    if probability >= settings.off_track:
        return "at risk"
    return "off track"


def _bound(x) -> float | None:
    return None if pd.isna(x) else float(x)


def _fill_projection(result: Assessment, proj: Projection, year: int, settings: Settings) -> None:
    result.model = proj.model
    result.projected_value = proj.point(year)
    result.lower, result.upper = proj.interval(year, settings.interval_level)
    result.interval_level = settings.interval_level


def _assess_peak(
    result: Assessment, obs: pd.DataFrame, data: Dataset, settings: Settings
) -> Assessment:
    """P(peak year <= target year) from simulated paths that run five years past the target year."""
    year = result.target_year
    peak_pos = int(obs["value"].idxmax())
    if result.n_points < MIN_POINTS:
        result.reason = f"too few points: {result.n_points} yearly figure(s)"
        return result
    proj = projection_for(result.indicator, year + 5, data, settings)
    _fill_projection(result, proj, year, settings)
    paths = proj.sample_paths(settings.n_paths)
    history_max = float(obs["value"].max())
    future_max = paths.max(axis=1)
    peak_years = np.where(
        future_max > history_max, proj.years[paths.argmax(axis=1)], int(obs["year"].iloc[peak_pos])
    )
    result.probability = float(np.mean(peak_years <= year))
    result.status = status_from_probability(result.probability, settings)
    result.reason = (
        f"{result.probability:.0%} of simulated paths peak by {year}; the series rises by "
        f"{_fmt(proj.drift)} {data.indicator(result.indicator)['unit']}/yr on average and "
        f"its latest figure is from {result.latest_year}"
    )
    return result


def assess_all(
    targets: pd.DataFrame, data: Dataset, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The assessment table: one row per registered target, in registry order."""
    rows = [asdict(assess_target(t, data, settings)) for _, t in targets.iterrows()]
    return pd.DataFrame(rows)
