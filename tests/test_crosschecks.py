"""Figures that must agree do agree; and each check does catch a broken figure."""

from __future__ import annotations

import pytest

from analysis.data import crosschecks as X
from analysis.data.loader import load_dataset
from analysis.paths import shared_dir

from .conftest import rewrite

CEADS = shared_dir() / "data" / "raw" / "ceads"
needs_ceads = pytest.mark.skipif(not CEADS.exists(), reason="shared CEADs workbooks not present")


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@needs_ceads
def test_ceads_total_is_the_sum_of_its_sectors_and_of_its_fuels():
    assert X.ceads_sums(CEADS) == []


@needs_ceads
def test_ceads_workbooks_match_the_long_csv_cell_by_cell():
    assert X.ceads_against_long_csv(CEADS) == []


@needs_ceads
def test_ceads_workbooks_match_the_summary_rows_of_energy_emissions_csv():
    assert X.ceads_against_summary(CEADS, CEADS.parent / "energy_emissions.csv") == []


@needs_ceads
def test_long_csv_check_catches_a_changed_cell(tmp_path):
    import shutil

    for path in CEADS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    rewrite(
        tmp_path / "ceads_guangdong_long.csv",
        ",Raw Coal,Mt CO2,83.66593709768529",
        ",Raw Coal,Mt CO2,84.0",
    )
    problems = X.ceads_against_long_csv(tmp_path)
    assert len(problems) == 1 and "1998" in problems[0] and "Raw Coal" in problems[0]


def test_capacity_by_type_never_exceeds_total(data):
    assert X.capacity_parts_within_total(data) == []


def test_generation_is_consistent_with_capacity(data):
    assert X.generation_within_capacity(data) == []


def test_shares_stay_within_bounds(data):
    assert X.shares_within_bounds(data) == []


def test_nominal_gdp_and_real_growth_agree_in_direction(data):
    assert X.gdp_nominal_and_real_agree(data) == []


def test_no_year_appears_twice_per_indicator(data):
    assert X.one_value_per_year(data) == []


def test_checks_report_file_indicator_year_and_problem(data_copy):
    series = (data_copy / "series.csv").read_text(encoding="utf-8")
    line = next(
        li
        for li in series.splitlines()
        if li.startswith("installed_capacity_thermal,Guangdong,2014,")
    )
    value = line.split(",")[3]
    rewrite(data_copy / "series.csv", line, line.replace(f",{value},", ",99999,", 1))
    problems = X.capacity_parts_within_total(load_dataset(data_copy))
    assert any("installed_capacity_thermal, 2014" in p and "exceeds total" in p for p in problems)
