"""Bad input in the data files: one clear line naming file, row, column and problem."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.data.loader import load_dataset
from analysis.errors import DataError


def edit_row(path: Path, index: int, **changes: str) -> int:
    """Change cells of data row ``index`` (0-based); return its line number in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        columns = list(rows[0])
    rows[index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return index + 2


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        load_dataset(data_dir)
    return [str(p) for p in err.value.problems]


def row_of(data_dir: Path, indicator: str) -> int:
    with (data_dir / "series.csv").open(encoding="utf-8") as handle:
        return next(i for i, r in enumerate(csv.DictReader(handle)) if r["indicator"] == indicator)


def test_the_shipped_data_load_cleanly():
    """Every row, not just some, names known sources: a published row its own, a derived row
    ('a+b') each of its parts'; and every row keeps the text its number was read from."""
    data = load_dataset()
    assert len(data.series) > 0
    known = set(data.sources["id"])
    unknown = [
        (r.indicator, r.year, r.source_id)
        for r in data.series.itertuples()
        if not r.source_id or not set(str(r.source_id).split("+")) <= known
    ]
    assert unknown == []
    joined = data.series["source_id"].str.contains("+", regex=False)
    assert data.series.loc[joined, "derived"].all()  # only derived rows join several sources
    assert (data.series["quote"].str.len() > 0).all()


def test_malformed_csv_names_the_line(data_copy):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5] + ",extra,cells"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "series.csv, row 6" in problem and "malformed CSV" in problem


def test_non_numeric_value(data_copy):
    line = edit_row(data_copy / "series.csv", 3, value="12o.5")
    [problem] = problems_of(data_copy)
    assert f"series.csv, row {line}, column 'value': not a number: '12o.5'" in problem


def test_unknown_indicator(data_copy):
    line = edit_row(data_copy / "series.csv", 0, indicator="wind_capacity_typo")
    problems = problems_of(data_copy)
    assert any(
        f"row {line}, column 'indicator'" in p and "unknown indicator" in p for p in problems
    )


def test_unit_that_differs_from_the_catalogue(data_copy):
    index = row_of(data_copy, "installed_capacity_wind")
    line = edit_row(data_copy / "series.csv", index, unit="GW")
    [problem] = problems_of(data_copy)
    assert (
        f"row {line}" in problem
        and "unit differs from the catalogue" in problem
        and "'GW'" in problem
    )


def test_duplicate_indicator_region_year(data_copy):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)  # one problem, one line: on the repeated row
    assert f"row {len(lines) + 1}: duplicate" in problem and "as row 2" in problem


def _with_extra_row(path: Path, index: int, **changes: str) -> tuple[int, int]:
    """Append a copy of data row ``index`` with ``changes``; return (its line, the copy's line)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    extra = {**rows[index], **changes}
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, list(rows[0]), lineterminator="\n").writerow(extra)
    return index + 2, len(rows) + 2


def test_a_second_reading_of_the_same_indicator_region_and_year_is_a_duplicate(data_copy):
    """Not only an identical row: another value from another source for the same key is refused
    too (the importer's choice rule picks one reading; series.csv holds exactly one)."""
    path = data_copy / "series.csv"
    index = row_of(data_copy, "installed_capacity_wind")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    other_source = next(s for s in {r["source_id"] for r in rows} if s != rows[index]["source_id"])
    first, copy = _with_extra_row(
        path, index, value=str(float(rows[index]["value"]) + 1), source_id=other_source, quote="x"
    )
    [problem] = problems_of(data_copy)  # one line, naming the copy and the row it repeats
    assert (
        f"series.csv, row {copy}: duplicate: the same indicator='installed_capacity_wind'"
        in problem
    )
    assert problem.endswith(f"as row {first}")


def test_the_same_year_in_another_region_or_indicator_is_not_a_duplicate(data_copy):
    """The key is (indicator, region, year): changing any one part makes a new, valid row."""
    path = data_copy / "series.csv"
    index = row_of(data_copy, "installed_capacity_wind")
    _with_extra_row(path, index, region="Shenzhen")
    data = load_dataset(data_copy)
    wind = data.series[data.series["indicator"] == "installed_capacity_wind"]
    assert (wind["region"] == "Shenzhen").sum() == 1


@pytest.mark.parametrize("year", ["20255", "1800"])
def test_year_outside_a_sane_range(data_copy, year):
    line = edit_row(data_copy / "series.csv", 0, year=year)
    problems = problems_of(data_copy)
    assert any(f"row {line}, column 'year'" in p and "year outside" in p for p in problems)


def test_share_outside_its_bounds(data_copy):
    index = row_of(data_copy, "non_fossil_share_energy")
    line = edit_row(data_copy / "series.csv", index, value="320")
    [problem] = problems_of(data_copy)
    assert f"row {line}" in problem and "outside the bounds" in problem


def test_negative_capacity_is_outside_its_bounds(data_copy):
    index = row_of(data_copy, "installed_capacity_solar")
    line = edit_row(data_copy / "series.csv", index, value="-5")
    [problem] = problems_of(data_copy)
    assert f"row {line}" in problem and "outside the bounds" in problem


def test_row_without_a_known_source(data_copy):
    line = edit_row(data_copy / "series.csv", 2, source_id="no-such-source")
    [problem] = problems_of(data_copy)
    assert f"row {line}, column 'source_id': source_id not found" in problem


def test_row_without_a_quote(data_copy):
    line = edit_row(data_copy / "series.csv", 2, quote="")
    [problem] = problems_of(data_copy)
    assert f"row {line}, column 'quote'" in problem


def test_empty_file(data_copy):
    (data_copy / "series.csv").write_text("", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "series.csv" in problem and "file is empty" in problem


def test_missing_column(data_copy):
    path = data_copy / "series.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source_id", "source", 1), encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "column 'source_id': required column missing" in problem


def test_semicolon_delimited_file(data_copy):
    path = data_copy / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    problems = problems_of(data_copy)
    assert any("sources.csv" in p and "';' or tabs" in p for p in problems)


def test_a_file_that_is_neither_utf8_nor_chinese_is_refused_with_its_line(data_copy):
    path = data_copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-8").replace(b"CEADs", b"CE\xe9Ds"))
    [problem] = problems_of(data_copy)
    assert "not valid UTF-8" in problem and "row " in problem


def test_missing_data_directory(tmp_path):
    [problem] = problems_of(tmp_path / "nowhere")
    assert "data directory not found" in problem


def test_derived_indicator_is_the_sum_of_its_published_parts():
    data = load_dataset()
    both = data.observations("installed_capacity_wind_solar").set_index("year")["value"]
    wind = data.observations("installed_capacity_wind").set_index("year")["value"]
    solar = data.observations("installed_capacity_solar").set_index("year")["value"]
    common = sorted(set(wind.index) & set(solar.index))
    assert list(both.index) == common
    for year in common:
        assert both[year] == pytest.approx(wind[year] + solar[year])


def test_derived_dated_point_sums_parts_of_the_same_date_after_converting_mu():
    """Mangroves planted (8857 亩) and restored (1965 亩) in one demonstration zone, both dated to the
    report of 2025-09: each part is converted to 万亩 on import and the loader sums them, labelled."""
    data = load_dataset()
    parts = [
        data.dated_points(ind).set_index("label")["value"]
        for ind in ("mangrove_demo_zone_afforestation", "mangrove_demo_zone_restoration")
    ]
    both = data.dated_points("mangrove_demo_zone_created_restored").set_index("label")
    assert parts[0]["reported 2025-09"] == pytest.approx(0.8857)
    assert parts[1]["reported 2025-09"] == pytest.approx(0.1965)
    assert both.loc["reported 2025-09", "value"] == pytest.approx(1.0822)
    assert both.loc["reported 2025-09", "quote"].startswith("derived: ")
