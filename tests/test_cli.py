"""The command line reports bad input in one line per problem, without a traceback."""

from __future__ import annotations

import subprocess
import sys

from .conftest import rewrite


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def test_validate_passes_on_the_shipped_data():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 58 targets")


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
