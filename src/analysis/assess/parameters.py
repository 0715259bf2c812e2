"""The parameters an analyst may set (``--param NAME=VALUE`` or papermill), each with its range.

:func:`settings_from_parameters` is the one gate: it refuses an unknown name, a wrong type or a
value outside its sensible range with one line that says the range, and turns the rest into the
assessment's :class:`~analysis.assess.targets.Settings`. Kept apart from :mod:`notebook` so the command line
can check parameters without importing the plotting libraries.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.errors import ParameterError


@dataclass(frozen=True)
class Parameter:
    kind: type
    default: float | None  # the same as Settings' (a test checks; assess is not imported here)
    low: float
    high: float
    meaning: str
    allow_none: bool = False


# fewest yearly figures a projection uses (backtest.MIN_TRAIN); fewer years of history leave every
# target "not assessable", so the range starts there
_MIN_POINTS = 5

PARAMETERS: dict[str, Parameter] = {
    "interval_level": Parameter(float, 0.8, 0.5, 0.99, "the central predictive interval shown"),
    "on_track": Parameter(float, 0.7, 0.0, 1.0, "P(meet) at or above which a target is on track"),
    "off_track": Parameter(float, 0.3, 0.0, 1.0, "P(meet) below which a target is off track"),
    "progress_on_track": Parameter(float, 0.95, 0.5, 1.5, "the observed / required rate at or "
                                   "above which a progress measure is on track"),
    "progress_at_risk": Parameter(float, 0.6, 0.0, 1.0, "the observed / required rate below which "
                                  "a progress measure is off track"),
    "approx_tolerance": Parameter(float, 0.03, 0.0, 0.2, "how far below X an 'about X' target "
                                  "counts as met"),
    "rate_window": Parameter(int, 5, 1, 30, "years over which the observed rate of change is "
                             "measured"),
    "max_age": Parameter(int, 10, 1, 30, "years a latest figure may lag the newest data and still "
                         "give a rate verdict"),
    "horizon_year": Parameter(int, 2030, 2025, 2060, "the year a target the plan gives no year is "
                              "judged against", allow_none=True),
    "history_years": Parameter(int, 15, _MIN_POINTS, 100, "years of history the projections are "
                               "fitted to", allow_none=True),
    "last_data_year": Parameter(int, None, 2000, 2060, "the last year of data used (for a "
                                "hindcast)", allow_none=True),
}  # fmt: skip
DEFAULTS = {name: spec.default for name, spec in PARAMETERS.items()}


def check_parameter(name: str, value):
    """``value`` if it has the type and range of parameter ``name``; else :class:`ParameterError`."""
    spec = PARAMETERS[name]
    if value is None and spec.allow_none:
        return None
    kind = spec.kind
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = {float: "a number", int: "a whole number"}[kind]
        raise ParameterError(
            f"parameter '{name}': expected {expected}{' or None' if spec.allow_none else ''}, "
            f"got {value!r} ({spec.meaning})"
        )
    if not spec.low <= value <= spec.high:
        low, high = (f"{spec.low:g}", f"{spec.high:g}")
        none = " (or None)" if spec.allow_none else ""
        raise ParameterError(
            f"parameter '{name}': {value!r} is outside {low}-{high}{none}, the sensible range of "
            f"{spec.meaning}"
        )
    return value


def check_parameters(**parameters) -> dict:
    """The parameters, checked (names, types, ranges, the two thresholds' order); no defaults added."""
    unknown = sorted(set(parameters) - set(PARAMETERS))
    if unknown:
        raise ParameterError(
            f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
            f"; known: {', '.join(PARAMETERS)}"
        )
    checked = {name: check_parameter(name, value) for name, value in parameters.items()}
    for high, low in (("on_track", "off_track"), ("progress_on_track", "progress_at_risk")):
        on, off = checked.get(high, DEFAULTS[high]), checked.get(low, DEFAULTS[low])
        if off > on:
            raise ParameterError(
                f"parameters '{high}' and '{low}': the thresholds must satisfy {low} <= {high}, "
                f"got {low}={off:g}, {high}={on:g}"
            )
    return checked


def settings_from_parameters(**parameters):
    """Check notebook parameters and turn them into assessment settings (a parameter not given
    takes the default of :class:`~analysis.assess.targets.Settings`)."""
    from analysis.assess.targets import Settings

    checked = check_parameters(**{**DEFAULTS, **parameters})
    try:
        return Settings(**checked)
    except ValueError as exc:  # a rule of Settings not mirrored above
        raise ParameterError(f"parameters: {exc}") from None
