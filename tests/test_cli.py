"""The command line reports bad input in one line per problem, without a traceback."""

from __future__ import annotations

import subprocess
import sys

from analysis.paths import DATA_DIR

from .conftest import rewrite


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def test_validate_passes_on_the_shipped_data():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    from analysis.data.registry import load_targets

    assert result.stdout.startswith(f"ok: {len(load_targets())} targets")


def test_validate_reports_bad_data_in_one_line_without_traceback(data_copy):
    rewrite(data_copy / "series.csv", ",万千瓦,", ",GW,")
    result = run("validate", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(lines) == 1 and "series.csv, row" in lines[0] and "unit differs" in lines[0]


def test_build_refuses_an_unknown_action_before_touching_anything():
    result = run("build", "--action", "16")
    assert result.returncode == 1
    assert "unknown action 16" in result.stderr and "Traceback" not in result.stderr


def test_build_refuses_a_malformed_parameter():
    result = run("build", "--param", "interval_level")
    assert result.returncode == 1 and "expected NAME=VALUE" in result.stderr


def test_a_csv_of_new_figures_is_laid_over_the_published_series(tmp_path):
    from analysis.data.loader import load_dataset
    from analysis.pages.notebook import resolve_data_dir

    sources = (DATA_DIR / "series.csv").read_text(encoding="utf-8").splitlines()
    wind_source = next(
        line for line in sources if line.startswith("installed_capacity_wind,")
    ).split(",")[6]
    new = tmp_path / "new.csv"
    new.write_text(
        "indicator,region,year,value,qualifier,unit,source_id,quote,note\n"
        f"installed_capacity_wind,Guangdong,2024,2000,,万千瓦,{wind_source},test row,\n"
        f"installed_capacity_wind,Guangdong,2023,1700,,万千瓦,{wind_source},revised test row,\n",
        encoding="utf-8",
    )
    data = load_dataset(resolve_data_dir(new))
    wind = data.observations("installed_capacity_wind").set_index("year")["value"]
    assert wind[2024] == 2000 and wind[2023] == 1700 and wind[2010] == 76
    result = run("targets", "--data-dir", str(new), "--action", "2")
    assert result.returncode == 0 and "a02_wind_solar_capacity_2030" in result.stdout
