"""The calibration table's rules on small hand-made errors, and the command that regenerates it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.forecast import calibration as C
from analysis.forecast.calibration import (
    LEVELS,
    MEDIAN,
    SOURCE,
    SOURCE_EXTRAPOLATED,
    ErrorQuantiles,
    error_quantiles,
    pooled_table,
    quantiles_from_errors,
    table_text,
    write_table,
)


def errors(by_h: dict[int, list[float]]) -> pd.DataFrame:
    return pd.DataFrame([{"h": h, "scaled_error": e} for h, values in by_h.items() for e in values])


def test_levels_and_median():
    assert len(LEVELS) == 199 and LEVELS[0] == 0.005 and LEVELS[-1] == 0.995
    assert LEVELS[MEDIAN] == 0.5 and MEDIAN == 99


def test_quantiles_are_centred_on_the_median_and_never_narrow():
    """h = 1: errors 1 … 199, quantile at level L = 1 + 198 L (linear), median 100: centred,
    198 L − 99 (−98.01 at 0.005, +98.01 at 0.995). h = 2: half as wide, so it is widened to h = 1's.
    h = 3: errors 3 × (1 … 199) + 7: three times as wide, centred (the shift of 7 disappears)."""
    base = list(np.arange(1.0, 200.0))
    table = quantiles_from_errors(
        errors({1: base, 2: [e / 2 for e in base], 3: [3 * e + 7 for e in base]}), max_h=3
    )
    assert table.shape == (3, 199)
    assert table[0] == pytest.approx(198 * LEVELS - 99)
    assert table[0, 0] == pytest.approx(-98.01) and table[0, -1] == pytest.approx(98.01)
    assert np.all(table[:, MEDIAN] == 0)
    assert table[1] == pytest.approx(table[0])  # never narrower than the horizon before
    assert table[2] == pytest.approx(3 * (198 * LEVELS - 99))


def test_only_the_narrower_side_is_widened():
    """h = 1: errors −10 … 10 evenly (quantile −10 + 20 L: ±9.9 at 0.005 / 0.995). h = 2: 100 errors
    from −200 to 0 and 99 from 0.0101 to 1 (median 0): its lower tail reaches −200 + 0.99 × 200/99 = −198,
    its upper tail only 0.99, so the lower tail is its own and the upper is held at h = 1's 9.9."""
    h1 = list(np.linspace(-10, 10, 199))
    h2 = list(np.linspace(-200, 0, 100)) + list(np.linspace(0, 1, 100)[1:])
    table = quantiles_from_errors(errors({1: h1, 2: h2}), max_h=2)
    assert table[0, 0] == pytest.approx(-9.9) and table[0, -1] == pytest.approx(9.9)
    assert table[1, 0] == pytest.approx(-198) and table[1, -1] == pytest.approx(9.9)
    assert table[1, MEDIAN] == 0


def test_a_horizon_without_errors_is_refused():
    with pytest.raises(ValueError, match="no backtest errors at horizon 2"):
        quantiles_from_errors(errors({1: [1.0, 2.0], 3: [1.0]}), max_h=3)


def small_table(rows: int = 2) -> np.ndarray:
    """Row h: distances h × (198 L − 99)."""
    return np.vstack([h * (198 * LEVELS - 99) for h in range(1, rows + 1)])


def test_error_quantiles_beyond_the_table_grow_in_proportion_to_the_horizon():
    """Two rows; at h = 5 the distances are row 2 × 5/2: the 0.995 quantile 2 × 98.01 × 2.5 = 490.05."""
    q = ErrorQuantiles(small_table(), [SOURCE] * 5)
    assert q.max_h == 2
    assert q.at(1) == pytest.approx(small_table()[0]) and q.at(2) == pytest.approx(small_table()[1])
    assert q.at(5)[-1] == pytest.approx(490.05) and q.at(5)[0] == pytest.approx(-490.05)
    assert q.quantile(1, 0.5) == 0 and q.quantile(2, 0.75) == pytest.approx(2 * (198 * 0.75 - 99))
    assert q.quantile(1, 0.0025) == pytest.approx(-98.01)  # below the first level: its value


@pytest.mark.parametrize(
    ("h", "z", "p"),
    [
        (1, -98.01, 1.0),  # at the lowest quantile: certain
        (1, -200.0, 1.0),
        (1, 98.02, 0.0),  # beyond the highest: impossible
        (1, 98.00999, 1 - 0.995 + 0.00001 / 198),  # just inside the highest quantile
        (1, -97.515, 0.9925),  # halfway between q(0.005) = −98.01 and q(0.010) = −97.02
        (1, 0.0, 0.5),
        (1, 49.5, 0.25),  # 198 L − 99 = 49.5 at L = 0.75
        (2, 99.0, 0.25),  # twice as wide at h = 2
        (4, 198.0, 0.25),  # h = 4: row 2 × 2
    ],
)
def test_probability_of_an_error_at_least_z(h, z, p):
    q = ErrorQuantiles(small_table(), [SOURCE] * 4)
    assert q.prob_error_at_least(h, z) == pytest.approx(p, abs=1e-12)


def test_probability_at_the_highest_quantile_itself_is_its_tail():
    """z equal to the table's highest value (198 × 0.995 − 99 = 98.01, as this test's table stores
    it): P(E ≥ z) = 1 − 0.995, not 0 (only beyond it is an error impossible)."""
    q = ErrorQuantiles(small_table(), [SOURCE] * 4)
    assert q.prob_error_at_least(1, small_table()[0][-1]) == pytest.approx(0.005, abs=1e-12)


def test_sources_say_where_each_horizon_came_from():
    table = small_table(3)
    assert error_quantiles(2, table).source == [SOURCE] * 3
    assert error_quantiles(5, table).source == [SOURCE] * 3 + [SOURCE_EXTRAPOLATED] * 2
    assert SOURCE == "M3 backtests" and SOURCE_EXTRAPOLATED == "M3 backtests, extrapolated"
    shipped = error_quantiles(12)
    assert shipped.table.shape == (10, 199) and shipped.source[9:] == [
        SOURCE,
        SOURCE_EXTRAPOLATED,
        SOURCE_EXTRAPOLATED,
    ]


def test_the_table_file_format_and_its_round_trip(tmp_path):
    table = small_table()
    text = table_text(table, [5, 3])
    lines = text.splitlines()
    assert lines[:4] == [
        "# Quantiles of scaled forecast errors (actual - forecast) / in-sample mean absolute yearly",
        "# change, signed along the direction of travel, of the engine's combination; rolling-origin",
        "# backtests on the training parts of the 645 M3 yearly series, each origin fitted to its last",
        "# 15 figures; centred on the median and never narrowing with the horizon.",
    ]
    tiny = table_text(np.full((1, 199), 1.5e-05), [1]).splitlines()[-1]
    assert tiny.startswith("1,1,1.5e-05,")  # six significant digits, lower-case exponent
    assert (
        lines[4]
        == "# Generated by `python -m analysis.forecast.calibration` (make calibration); do not edit."
    )
    assert lines[5].startswith("h,n_errors,q0.005,q0.010,") and lines[5].endswith(",q0.995")
    assert lines[6].startswith("1,5,-98.01,-97.02,") and lines[6].endswith(",98.01")
    assert lines[7].startswith("2,3,-196.02,") and len(lines) == 8 and text.endswith("\n")
    path = tmp_path / "t" / "table.csv"
    write_table(table, [5, 3], path)
    write_table(table, [5, 3], path)  # again, into the folder that now exists
    assert path.read_bytes() == text.encode("utf-8")
    assert pooled_table(path) == pytest.approx(table)


def test_the_command_writes_or_checks_the_table(tmp_path, monkeypatch, capsys):
    """The M3 backtests are replaced by a two-row table here (the real run is the slow
    reproducibility test); the command writes it where asked (or over the shipped file), and
    --check compares with the shipped file and writes nothing."""
    import analysis.forecast.m3

    monkeypatch.setattr(analysis.forecast.m3, "load_m3", lambda: ["series"])

    def fake(series):
        assert series == ["series"]  # the command backtests what load_m3 gives
        return small_table(), [5, 3]

    monkeypatch.setattr(C, "calibrate_from_m3", fake)
    out = tmp_path / "sub" / "deeper" / "out.csv"
    assert C.main(["--out", str(out)]) == 0
    assert C.main(["--out", str(out)]) == 0  # again, into the folder that now exists
    assert out.read_bytes() == table_text(small_table(), [5, 3]).encode("utf-8")
    assert f"calibration table written to {out} from 8 backtest errors" in capsys.readouterr().out
    shipped = tmp_path / "shipped" / "table.csv"
    monkeypatch.setattr(C, "TABLE_FILE", shipped)
    assert C.main([]) == 0 and shipped.read_bytes() == out.read_bytes()  # default: the shipped file
    capsys.readouterr()
    assert C.main(["--check"]) == 0
    assert capsys.readouterr().out == f"calibration table matches {shipped}\n"
    shipped.write_text("changed", encoding="utf-8")
    assert C.main(["--check"]) == 1
    assert capsys.readouterr().out == f"calibration table DIFFERS from {shipped}\n"
    assert shipped.read_text(encoding="utf-8") == "changed"  # --check writes nothing


def test_calibration_errors_and_counts_from_training_parts_only():
    """Exact lines 3 + 2t of 18 and 17 figures; 15-figure windows, horizons up to 2. Origins start
    once 15 figures are there: 15, 16, 17 (horizons 2, 2, 1) and 15, 16 (2, 1): 5 errors at h = 1,
    3 at h = 2. A 15-figure series has no origin and adds nothing. The combination reproduces a
    line exactly, so every scaled error is 0."""
    from types import SimpleNamespace

    lines = [3 + 2 * np.arange(n, dtype=float) for n in (18, 17, 15)]
    series = [SimpleNamespace(train=y, test=np.array([1e9])) for y in lines]
    frame = C.calibration_errors([s.train for s in series], max_h=2)
    assert sorted(frame["h"].value_counts().items()) == [(1, 5), (2, 3)]
    assert set(frame["model"]) == {"combination"}
    assert np.allclose(frame["scaled_error"], 0)
    later = C.calibration_errors([s.train for s in series], max_h=2, window=16)
    assert sorted(later["h"].value_counts().items()) == [(1, 3), (2, 1)]
    table, counts = C.calibrate_from_m3(series, max_h=2)
    assert counts == [5, 3] and table.shape == (2, 199) and np.allclose(table, 0)
