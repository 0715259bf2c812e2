"""The parameters an analyst may set (``--param NAME=VALUE`` or papermill), each with its range.

:func:`settings_from_parameters` is the one gate: it refuses an unknown name, a wrong type or a
value outside its sensible range with one line that says the range, and turns the rest into the
assessment's :class:`~analysis.assess.Settings`. Kept apart from :mod:`notebook` so the command line
can check parameters without importing the plotting libraries.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ParameterError


@dataclass(frozen=True)
class Parameter:
    kind: type
    low: float
    high: float
    meaning: str
    allow_none: bool = False


# fewest yearly figures a projection uses (backtest.MIN_TRAIN); fewer years of history leave every
# target "not assessable", so the range starts there
_MIN_POINTS = 5

PARAMETERS: dict[str, Parameter] = {
    "interval_level": Parameter(float, 0.5, 0.99, "the central predictive interval shown"),
    "on_track": Parameter(float, 0.0, 1.0, "P(meet) at or above which a target is on track"),
    "off_track": Parameter(float, 0.0, 1.0, "P(meet) below which a target is off track"),
    "approx_tolerance": Parameter(float, 0.0, 0.2, "how far below X an 'about X' target counts as met"),
    "rate_window": Parameter(int, 1, 30, "years over which the observed rate of change is measured"),
    "history_years": Parameter(int, _MIN_POINTS, 100, "years of history the projections are fitted to",
                               allow_none=True),
    "last_data_year": Parameter(int, 2000, 2060, "the last year of data used (for a hindcast)",
                                allow_none=True),
}  # fmt: skip


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
    on, off = checked.get("on_track", 0.7), checked.get("off_track", 0.3)
    if off > on:
        raise ParameterError(
            "parameters 'on_track' and 'off_track': the thresholds must satisfy off_track <= "
            f"on_track, got off_track={off:g}, on_track={on:g}"
        )
    return checked


def settings_from_parameters(
    interval_level=0.8,
    on_track=0.7,
    off_track=0.3,
    approx_tolerance=0.03,
    rate_window=5,
    history_years=15,
    last_data_year=None,
    **unknown,
):
    """Check notebook parameters and turn them into assessment settings."""
    from .assess import Settings

    values = {
        "interval_level": interval_level, "on_track": on_track, "off_track": off_track,
        "approx_tolerance": approx_tolerance, "rate_window": rate_window,
        "history_years": history_years, "last_data_year": last_data_year,
    }  # fmt: skip
    checked = check_parameters(**values, **unknown)
    try:
        return Settings(**checked)
    except ValueError as exc:  # a rule of Settings not mirrored above
        raise ParameterError(f"parameters: {exc}") from None
