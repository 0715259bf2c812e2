"""Property-based tests: the loader and the assessment hold for any valid input hypothesis finds."""

from __future__ import annotations

import csv
import shutil

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.assess.targets import Settings, assess_target
from analysis.data.loader import load_dataset
from analysis.forecast.engine import forecast
from analysis.paths import DATA_DIR

from .synthetic import dataset, target

values = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
yearly = st.lists(values, min_size=5, max_size=20)
PROFILE = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROFILE
@given(series=yearly, start=st.integers(min_value=1990, max_value=2010))
def test_any_valid_series_round_trips_through_the_loader(tmp_path_factory, series, start):
    folder = tmp_path_factory.mktemp("data")
    for name in ("indicators.csv", "sources.csv"):
        shutil.copy(DATA_DIR / name, folder / name)
    source = next(csv.DictReader((DATA_DIR / "sources.csv").open(encoding="utf-8")))["id"]
    with (folder / "series.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "indicator",
                "region",
                "year",
                "value",
                "qualifier",
                "unit",
                "source_id",
                "quote",
                "note",
            ]
        )
        for i, v in enumerate(series):
            writer.writerow(
                [
                    "installed_capacity_wind",
                    "Guangdong",
                    start + i,
                    repr(v),
                    "",
                    "万千瓦",
                    source,
                    "q",
                    "",
                ]
            )
    loaded = load_dataset(folder).observations("installed_capacity_wind")
    assert loaded["year"].tolist() == list(range(start, start + len(series)))
    assert loaded["value"].tolist() == series


@PROFILE
@given(series=yearly, goal=values, comparator=st.sampled_from([">=", "<=", "approx"]),
       on=st.floats(0.5, 0.95), off=st.floats(0.05, 0.5))  # fmt: skip
def test_status_never_contradicts_the_probability(series, goal, comparator, on, off):
    data = dataset({"cap": dict(zip(range(2010, 2010 + len(series)), series, strict=True))})
    s = Settings(on_track=max(on, off), off_track=min(on, off))
    result = assess_target(target("cap", goal, year=2035, comparator=comparator), data, s)
    p = result.probability
    assert result.reason
    if result.status == "achieved":
        assert p == 1.0
    elif result.status == "on track":
        assert p >= s.on_track
    elif result.status == "at risk":
        assert s.off_track <= p < s.on_track
    elif result.status == "off track":
        assert p < s.off_track
    if p is not None:
        assert 0.0 <= p <= 1.0


@PROFILE
@given(shares=st.lists(st.floats(0.0, 100.0), min_size=5, max_size=20), level=st.floats(0.5, 0.99))
def test_bounded_shares_stay_in_bounds(shares, level):
    fc = forecast(range(2000, 2000 + len(shares)), shares, 2040, lower=0.0, upper=100.0)
    lo, hi = fc.band(level)
    assert (
        np.all(lo >= 0) and np.all(hi <= 100) and np.all(fc.point >= 0) and np.all(fc.point <= 100)
    )
    paths = fc.sample_paths(200)
    assert paths.min() >= 0 and paths.max() <= 100


signed = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@PROFILE
@given(series=st.lists(signed, min_size=5, max_size=20), level=st.floats(0.5, 0.99))
def test_projection_is_the_median_and_bands_never_narrow(series, level):
    """Issue 14.2, for any series: one distribution, and no band narrows further out."""
    fc = forecast(range(2000, 2000 + len(series)), series, 2045)
    lo, hi = fc.band(level)
    for i, year in enumerate(fc.years):
        assert fc.quantile(year, 0.5) == fc.point_at(year)
        assert lo[i] <= fc.point[i] <= hi[i]
    width = hi - lo
    assert np.all(np.diff(width) >= -1e-9 * np.maximum(1.0, np.abs(width[1:])))
