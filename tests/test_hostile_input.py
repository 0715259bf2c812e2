"""Bad input as a hostile analyst would try it: one clear line, a non-zero exit, the site untouched.

Inputs whose meaning is not in doubt (GBK encoding, a byte-order mark, full-width digits, thousands
separators, a % sign on a percentage) are accepted and reported as notices.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

import pytest

from analysis.data.loader import load_dataset
from analysis.errors import DataError, ParameterError
from analysis.pages.notebook import open_chapter, settings_from_parameters

from .conftest import rewrite

WIND_2010 = "installed_capacity_wind,Guangdong,2010,76,"


def problems_of(data_dir) -> list[str]:
    with pytest.raises(DataError) as err:
        load_dataset(data_dir)
    return [str(p) for p in err.value.problems]


def test_header_only_file_is_refused(data_copy):
    path = data_copy / "series.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "series.csv" in problem and "header but no data rows" in problem


def test_gbk_file_is_accepted_and_reported(data_copy, caplog):
    path = data_copy / "series.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        data = load_dataset(data_copy)
    assert len(data.series) > 600
    assert any("read as GBK" in r.getMessage() for r in caplog.records)


def test_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "indicators.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "installed_capacity_wind" in set(load_dataset(data_copy).indicators["id"])


def test_full_width_digits_and_thousands_separators_are_accepted_and_reported(data_copy, caplog):
    rewrite(
        data_copy / "series.csv", WIND_2010, 'installed_capacity_wind,Guangdong,２０１０,"1,076",'
    )
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        data = load_dataset(data_copy)
    wind = data.observations("installed_capacity_wind").set_index("year")["value"]
    assert wind[2010] == 1076
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "'２０１０' read as '2010'" in messages and "'1,076' read as '1076'" in messages


def test_percent_sign_is_accepted_only_for_a_percentage(data_copy):
    rewrite(
        data_copy / "series.csv",
        "non_fossil_share_energy,Guangdong,2010,20.5,",
        "non_fossil_share_energy,Guangdong,2010,20.5%,",
    )
    assert 20.5 in load_dataset(data_copy).observations("non_fossil_share_energy")["value"].tolist()
    rewrite(data_copy / "series.csv", WIND_2010, "installed_capacity_wind,Guangdong,2010,76%,")
    [problem] = problems_of(data_copy)
    assert "column 'value': not a number: '76%'" in problem


def test_unit_in_chinese_that_differs_from_the_catalogue_is_refused_with_a_hint(data_copy):
    rewrite(data_copy / "series.csv", WIND_2010 + ",万千瓦", WIND_2010 + ",千瓦")
    [problem] = problems_of(data_copy)
    assert "unit differs" in problem and "units.py" in problem and "'千瓦'" in problem


def test_ambiguous_number_is_refused(data_copy):
    rewrite(data_copy / "series.csv", WIND_2010, 'installed_capacity_wind,Guangdong,2010,"7,6",')
    [problem] = problems_of(data_copy)
    assert "not a number: '7,6'" in problem


@pytest.mark.parametrize(
    ("params", "message"),
    [({"interval_level": "high"}, "expected a number"), ({"history_years": 2.5}, "expected a whole number"),
     ({"on_track": 0.2, "off_track": 0.5}, "thresholds"), ({"rate_window": True}, "expected a whole number")],
)  # fmt: skip
def test_parameter_of_the_wrong_type_is_refused(params, message):
    with pytest.raises(ParameterError, match=message):
        settings_from_parameters(**params)


def test_unknown_action_number_is_refused():
    with pytest.raises(ParameterError, match="no action 16"):
        open_chapter(16)


def test_cli_refuses_bad_data_with_one_line_and_a_non_zero_exit(data_copy, tmp_path):
    rewrite(data_copy / "series.csv", WIND_2010, "installed_capacity_wind,Guangdong,20255,76,")
    result = subprocess.run([sys.executable, "-m", "analysis", "build", "--data-dir", str(data_copy)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "series.csv, row" in result.stderr and "year outside" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data-dir", str(tmp_path / "none")],
                             capture_output=True, text=True)  # fmt: skip
    assert missing.returncode == 1 and "data directory not found" in missing.stderr


def test_bad_data_leaves_the_last_good_site_and_book_untouched(data_copy, tmp_path):
    """A last good site and book are planted first (a fresh clone has none, and comparing 'no site'
    with 'no site' proves nothing): the refused build must leave both byte for byte as they were."""
    from analysis.build.book import BuildOptions, build

    rewrite(data_copy / "series.csv", WIND_2010, "installed_capacity_wind,Guangdong,20255,76,")
    site, book = tmp_path / "site" / "html", tmp_path / "book"
    (site / "book").mkdir(parents=True)
    (book / "chapters").mkdir(parents=True)
    planted = {
        site / "index.html": "last good site",
        site / "book" / "overview.html": "last good overview",
        book / "chapters" / "action_02.ipynb": "last good chapter",
    }
    for path, text in planted.items():
        path.write_text(text, encoding="utf-8")
    options = BuildOptions(data_dir=data_copy, site_dir=site, book_dir=book)
    options.log = lambda *_: None
    with pytest.raises(DataError) as err:
        build(options)
    assert any("series.csv, row" in str(p) and "year outside" in str(p) for p in err.value.problems)
    for path, text in planted.items():
        assert path.read_text(encoding="utf-8") == text, path
    # and nothing added in the published site or book (the build's lock and kernel logs live
    # beside the site folder, not in it)
    published = [p for folder in (site, book) for p in folder.rglob("*") if p.is_file()]
    assert sorted(published) == sorted(planted)


# ------------------------------------------------------------------ issue 16: cases found by an analyst
OFFSHORE_2024 = "installed_capacity_offshore_wind,Guangdong,2024,1198,"
OFFSHORE_SOURCE = "citing-dc3001cd"


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=cwd)  # fmt: skip


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The run failed with exit 1 and exactly one indented problem line (or one error line)."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [x for x in result.stderr.splitlines() if x.strip() and not x.startswith("notice")]
    problems = [x for x in lines if x.startswith("  ")] or [x for x in lines if "error" in x]
    assert len(problems) == 1, result.stderr
    return problems[0]


def add_offshore_2025(data_dir, region: str) -> None:
    path = data_dir / "series.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"installed_capacity_offshore_wind,{region},2025,99999,,万千瓦,{OFFSHORE_SOURCE},"
                     "test figure,\n")  # fmt: skip


@pytest.mark.parametrize(
    "spelling", ["guangdong", "GUANGDONG", "广东", "广东省", "Guangdong Province", " 广东省 "]
)
def test_region_spelling_such_as_guangdong_or_广东省_is_read_as_guangdong_with_a_notice(
    data_copy, caplog, spelling
):  # fmt: skip
    add_offshore_2025(data_copy, spelling)
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        data = load_dataset(data_copy)
    offshore = data.observations("installed_capacity_offshore_wind").set_index("year")["value"]
    assert offshore[2025] == 99999  # the figure is in Guangdong's series, not silently elsewhere
    [message] = [r.getMessage() for r in caplog.records if "region" in r.getMessage()]
    assert f"region {spelling.strip()!r} read as 'Guangdong'" in message and "series.csv" in message


def test_unknown_region_is_refused_naming_the_region_catalogue(data_copy):
    add_offshore_2025(data_copy, "Guandong")
    [problem] = problems_of(data_copy)
    assert "series.csv, row" in problem and "column 'region'" in problem
    assert "unknown region" in problem and "'Guandong'" in problem and "regions.csv" in problem


def test_offshore_wind_figure_with_a_misspelt_region_never_silently_leaves_the_series(data_copy):
    """The issue's case: a 99,999 万千瓦 figure for 2025 either changes Guangdong's series or fails."""
    before = load_dataset(data_copy).observations("installed_capacity_offshore_wind")
    for spelling in ("guangdong", "广东", "Kwangtung"):
        folder = data_copy.parent / f"copy-{spelling}"
        shutil.copytree(data_copy, folder)
        add_offshore_2025(folder, spelling)
        try:
            after = load_dataset(folder).observations("installed_capacity_offshore_wind")
        except DataError as exc:
            assert "unknown region 'Kwangtung'" in str(exc)
            continue
        assert len(after) == len(before) + 1 and after["value"].max() == 99999


def test_region_catalogue_names_the_proxy_regions_with_their_spellings():
    from analysis.data.loader import load_regions, spellings

    regions = load_regions()
    assert {"Guangdong", "China", "Guangzhou", "Shenzhen"} <= set(regions["id"])
    lookup = spellings(regions)
    assert lookup["广东省"] == "Guangdong" and lookup["全国"] == "China"
    assert lookup["广州市"] == "Guangzhou" and lookup["深圳"] == "Shenzhen"


def test_proxy_regions_are_accepted_and_kept_apart_from_guangdong(data_copy):
    add_offshore_2025(data_copy, "深圳市")
    data = load_dataset(data_copy)
    assert data.observations("installed_capacity_offshore_wind", "Shenzhen")["value"].tolist() == [
        99999
    ]
    assert 2025 not in data.observations("installed_capacity_offshore_wind")["year"].tolist()


def test_a_spelling_claimed_by_two_regions_is_refused(data_copy):
    with (data_copy / "regions.csv").open("a", encoding="utf-8") as handle:
        handle.write("Foshan,佛山市,Foshan,city,广东,\n")
    [problem] = problems_of(data_copy)
    assert (
        "regions.csv, row 6" in problem
        and "'广东' is claimed by both Guangdong and Foshan" in problem
    )


def test_region_spelling_that_makes_a_duplicate_is_refused_as_one(data_copy):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    [row] = [line for line in lines if line.startswith(OFFSHORE_2024)]
    path.write_text(
        "\n".join([*lines, row.replace(",Guangdong,", ",广东省,")]) + "\n", encoding="utf-8"
    )
    [problem] = problems_of(data_copy)
    assert f"row {len(lines) + 1}: duplicate" in problem and "region='Guangdong'" in problem


def test_series_csv_that_is_a_directory_gives_one_line(data_copy):
    (data_copy / "series.csv").unlink()
    (data_copy / "series.csv").mkdir()
    line = one_error_line(cli("validate", "--data-dir", str(data_copy)))
    assert "series.csv: is a folder, not a CSV file" in line


def test_data_folder_that_is_a_symlink_loop_gives_one_line(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop")
    for command in ("validate", "build", "targets"):
        line = one_error_line(cli(command, "--data-dir", str(loop)))
        assert "loop" in line and "symbolic link that loops" in line


def test_data_file_that_is_a_symlink_loop_gives_one_line(data_copy):
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(data_copy / "sources.csv")
    [problem] = problems_of(data_copy)
    assert "sources.csv: is a symbolic link that loops" in problem


def test_a_csv_of_new_figures_that_is_a_symlink_loop_gives_one_line(tmp_path):
    loop = tmp_path / "new.csv"
    loop.symlink_to(loop)
    line = one_error_line(cli("validate", "--data-dir", str(loop)))
    assert "new.csv: is a symbolic link that loops" in line


@pytest.mark.parametrize("command", [("build",), ("action", "2"), ("targets",)])
def test_param_foo_is_refused_in_one_line_by_every_command_that_takes_param(command):
    line = one_error_line(cli(*command, "--param", "foo=1"))
    assert "unknown parameter 'foo'" in line and "known: interval_level" in line
    assert "TypeError" not in line


def test_excel_trailing_empty_columns_are_accepted_with_one_notice(data_copy, caplog):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line + ",,,," for line in lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        data = load_dataset(data_copy)
    assert len(data.series[~data.series["derived"]]) == len(lines) - 1
    [message] = [r.getMessage() for r in caplog.records if "series.csv" in r.getMessage()]
    assert "empty cells after the last column ignored" in message


def test_excel_trailing_empty_columns_on_data_rows_only_are_accepted(data_copy):
    path = data_copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0]] + [line + ",,,," for line in lines[1:]]) + "\n", encoding="utf-8"
    )
    assert len(load_dataset(data_copy).sources) == len(lines) - 1  # fmt: skip


def test_excel_rows_of_empty_cells_at_the_end_are_skipped(data_copy):
    path = data_copy / "series.csv"
    path.write_text(path.read_text(encoding="utf-8") + ",,,,,,,,\n,,,,,,,,\n", encoding="utf-8")
    assert len(load_dataset(data_copy).series) > 600


def test_extra_cells_with_text_after_the_last_column_give_one_line(data_copy):
    rewrite(data_copy / "series.csv", WIND_2010, WIND_2010.rstrip(",") + ",oops,")
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(
        i for i, line in enumerate(lines) if line.startswith(WIND_2010.rstrip(",") + ",oops")
    )
    path.write_text(
        "\n".join(lines[:row] + [lines[row] + ",,x"] + lines[row + 1 :]) + "\n", encoding="utf-8"
    )
    [problem] = problems_of(data_copy)  # fmt: skip
    assert (
        f"series.csv, row {row + 1}: malformed CSV" in problem
        and "fields where the header has 9" in problem
    )


@pytest.mark.parametrize("table", ["indicators.csv", "sources.csv"])
def test_one_short_row_gives_one_line(data_copy, table):
    import csv
    import io

    path = data_copy / table
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[2] = rows[2][:2]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert f"{table}, row 3: malformed CSV: 2 fields where the header has {len(rows[0])}" in problem


def test_a_duplicate_row_gives_one_line_naming_the_earlier_row(data_copy):
    path = data_copy / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert f"series.csv, row {len(lines) + 1}: duplicate: the same indicator=" in problem
    assert "as row 2" in problem


def test_a_duplicate_id_in_the_catalogue_gives_one_line(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    [problem] = problems_of(data_copy)
    assert "column 'id': duplicate: the same id=" in problem and "as row 2" in problem


@pytest.mark.parametrize(
    ("table", "old", "new", "words"),
    [("targets.csv", ",2025,", ",2o25,", "not a whole number: '2o25'"),
     ("series.csv", WIND_2010, "installed_capacity_wind,Guangdong,20255,76,", "(found 20255)"),
     ("indicators.csv", ",0,100,rate,", ",zero,100,rate,", "not a number: 'zero'")],
)  # fmt: skip
def test_messages_use_no_internal_words(data_copy, table, old, new, words):
    from analysis.data.registry import load_targets

    rewrite(data_copy / table, old, new)
    with pytest.raises(DataError) as err:
        load_targets(data_copy) if table == "targets.csv" else load_dataset(data_copy)
    [problem] = [str(p) for p in err.value.problems]
    assert words in problem
    for internal in ("coerce_dtype", "np.int64", "np.float64", "dtype(", "Int64"):
        assert internal not in problem


def test_a_parameter_error_is_not_announced_twice():
    result = cli("targets", "--param", "on_track=0.2", "--param", "off_track=0.5")
    line = one_error_line(result)
    assert line.count("parameter error") == 1 and "off_track <= on_track" in line


@pytest.mark.parametrize(
    ("name", "value", "range_text"),
    [("last_data_year", 1800, "2000-2060"), ("last_data_year", 2200, "2000-2060"),
     ("history_years", 2, "5-100"), ("interval_level", 0.999, "0.5-0.99"),
     ("rate_window", 0, "1-30"), ("approx_tolerance", 0.5, "0-0.2"), ("on_track", 1.5, "0-1"),
     ("progress_on_track", 0.4, "0.5-1.5"), ("progress_on_track", 2, "0.5-1.5"),
     ("progress_at_risk", -0.1, "0-1"), ("progress_at_risk", 1.2, "0-1"), ("max_age", 0, "1-30"),
     ("max_age", 31, "1-30"), ("horizon_year", 2024, "2025-2060"), ("horizon_year", 2100, "2025-2060")],
)  # fmt: skip
def test_parameter_outside_its_sensible_range_is_refused_with_the_range(name, value, range_text):
    with pytest.raises(ParameterError) as err:
        settings_from_parameters(**{name: value})
    message = str(err.value)
    assert f"parameter '{name}'" in message and f"outside {range_text}" in message


def test_last_data_year_1800_is_refused_by_the_command_line_before_building():
    line = one_error_line(cli("build", "--param", "last_data_year=1800"))
    assert "'last_data_year': 1800 is outside 2000-2060" in line


def test_parameters_inside_their_ranges_are_accepted():
    settings = settings_from_parameters(last_data_year=2015, history_years=None, interval_level=0.9)
    assert settings.last_data_year == 2015 and settings.history_years is None


def test_progress_thresholds_age_and_horizon_are_parameters_that_reach_the_settings():
    settings = settings_from_parameters(progress_on_track=1.2, progress_at_risk=0.8, max_age=5,
                                        horizon_year=None)  # fmt: skip
    assert (settings.progress_on_track, settings.progress_at_risk) == (1.2, 0.8)
    assert settings.max_age == 5 and settings.horizon_year is None
    assert settings_from_parameters(progress_on_track=1, horizon_year=2035).horizon_year == 2035


def test_parameter_defaults_are_the_assessments_defaults():
    from analysis.assess.parameters import DEFAULTS
    from analysis.assess.targets import Settings

    assert DEFAULTS == {name: getattr(Settings(), name) for name in DEFAULTS}
    assert settings_from_parameters() == Settings()


from analysis.paths import NOTEBOOK_DIR  # noqa: E402

TEMPLATES = sorted(
    p.relative_to(NOTEBOOK_DIR).as_posix() for p in (NOTEBOOK_DIR / "actions").glob("*.ipynb")
)


@pytest.mark.parametrize("template", [*TEMPLATES, "overview.ipynb"])
def test_every_parameter_is_in_the_notebooks_parameters_cell_and_passed_on(template):
    """papermill sets only names its parameters cell has; the notebook must hand each one on, with
    the default the build's precomputed assessment was made with."""
    import re

    import nbformat

    from analysis.assess.parameters import DEFAULTS
    from analysis.paths import NOTEBOOK_DIR

    cells = nbformat.read(NOTEBOOK_DIR / template, as_version=4).cells
    [cell] = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    namespace: dict = {}
    exec(cell.source, namespace)  # the template's own cell: plain assignments
    assert {name: namespace.get(name, "missing") for name in DEFAULTS} == DEFAULTS
    [call] = [
        c.source
        for c in cells
        if re.search(r"(open_(chapter|overview)|settings_from_parameters)\(", c.source)
    ]
    passed = set(re.findall(r"(\w+)=\1\b", call))
    assert set(DEFAULTS) <= passed, set(DEFAULTS) - passed


def test_progress_thresholds_in_the_wrong_order_are_refused_in_one_line():
    result = cli("targets", "--param", "progress_on_track=0.7", "--param", "progress_at_risk=0.9")
    line = one_error_line(result)
    assert "progress_at_risk <= progress_on_track" in line and "progress_at_risk=0.9" in line


def test_max_age_outside_its_range_is_refused_by_the_command_line_before_building():
    line = one_error_line(cli("build", "--param", "max_age=0"))
    assert "'max_age': 0 is outside 1-30" in line


def test_progress_thresholds_and_horizon_change_the_statuses_by_their_rules():
    import math

    from analysis.assess.targets import assess_all
    from analysis.data.registry import load_targets

    data = load_dataset()
    targets = load_targets(indicators=data.indicators)
    strict = assess_all(targets, data, settings_from_parameters(progress_on_track=1.5,
                                                                progress_at_risk=1.0))  # fmt: skip
    judged = strict[(strict["why"] == "progress") & strict["rate_ratio"].map(math.isfinite)]
    assert len(judged)
    for r in judged.itertuples():
        expected = (
            "on track" if r.rate_ratio >= 1.5 else "at risk" if r.rate_ratio >= 1 else "off track"
        )
        assert r.status == expected, (r.target_id, r.rate_ratio)
    no_horizon = assess_all(targets, data, settings_from_parameters(horizon_year=None))
    yearless = no_horizon[no_horizon["target_id"].isin(targets.loc[targets["year"].isna(), "id"])]
    assert len(yearless) and set(yearless["status"]) <= {"not assessable", "achieved"}


# ------------------------------------------------------------------ a CSV of new figures (overlay)
def overlay_file(tmp_path, *rows: str, name: str = "new.csv"):
    path = tmp_path / name
    path.write_text("indicator,region,year,value,qualifier,unit,source_id,quote,note\n"
                    + "".join(r + "\n" for r in rows), encoding="utf-8")  # fmt: skip
    return path


def offshore(year: int, value: str, region: str = "Guangdong") -> str:
    return (
        f"installed_capacity_offshore_wind,{region},{year},{value},,万千瓦,{OFFSHORE_SOURCE},test,"
    )


def test_duplicate_rows_inside_an_overlay_are_refused(tmp_path):
    from analysis.pages.notebook import resolve_data_dir

    path = overlay_file(
        tmp_path, offshore(2025, "1500"), offshore(2026, "1600"), offshore(2025, "99999")
    )
    with pytest.raises(DataError) as err:  # fmt: skip
        resolve_data_dir(path)
    [problem] = [str(p) for p in err.value.problems]
    assert (
        problem.startswith("new.csv, row 4: duplicate") or "/new.csv, row 4: duplicate" in problem
    )
    assert "as row 2" in problem


def test_overlay_error_names_the_users_file_and_its_own_row(tmp_path):
    path = overlay_file(tmp_path, offshore(2025, "1500"), offshore(2026, "12o0"))
    line = one_error_line(cli("validate", "--data-dir", str(path)))
    assert (
        f"{path}, row 3, column 'value': not a number: '12o0'" in line or "new.csv, row 3" in line
    )
    assert "data-overlay" not in line and "row 69" not in line


def test_overlay_rows_with_an_empty_value_are_skipped_with_one_notice(tmp_path, caplog):
    from analysis.pages.notebook import resolve_data_dir

    path = overlay_file(tmp_path, offshore(2025, ""), offshore(2026, "1600"), offshore(2027, ""),
                        offshore(2028, " "))  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        data = load_dataset(resolve_data_dir(path))
    series = data.observations("installed_capacity_offshore_wind").set_index("year")["value"]
    assert series[2026] == 1600 and 2025 not in series.index and 2027 not in series.index
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 1 and "3 row(s) with an empty value skipped (row 2, 4, 5)" in skipped[0]


def test_overlay_whose_every_value_is_empty_is_refused(tmp_path):
    line = one_error_line(
        cli("validate", "--data-dir", str(overlay_file(tmp_path, offshore(2025, ""))))
    )
    assert "no figures to add" in line and "new.csv" in line


def test_overlay_region_spelling_is_read_as_the_canonical_region(tmp_path):
    from analysis.pages.notebook import resolve_data_dir

    data = load_dataset(resolve_data_dir(overlay_file(tmp_path, offshore(2025, "99999", "广东省"))))
    assert 99999 in data.observations("installed_capacity_offshore_wind")["value"].tolist()


def test_overlay_made_from_an_older_data_folder_is_not_reused(tmp_path, monkeypatch):
    """The merged folder is keyed by the overlay and by data/, so new published data are used."""
    from analysis.data import overlay

    path = overlay_file(tmp_path, offshore(2025, "1500"))
    first = overlay.overlay_series(path)
    data = tmp_path / "data"
    shutil.copytree(overlay.DATA_DIR, data)
    rewrite(
        data / "series.csv", OFFSHORE_2024, "installed_capacity_offshore_wind,Guangdong,2024,1199,"
    )
    monkeypatch.setattr(overlay, "DATA_DIR", data)
    second = overlay.overlay_series(path)
    assert first != second and "2024,1199," in (second / "series.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["overlay", "base data", "code", "version"])
def test_overlay_is_keyed_on_everything_it_depends_on(tmp_path, monkeypatch, change):
    """The merged folder is reused only for the same overlay bytes, the same files of data/ and the
    same package code and version; a change to any of them makes a new folder, never a stale one."""
    import analysis
    from analysis import cache
    from analysis.data import overlay

    data, code = tmp_path / "data", tmp_path / "code"
    shutil.copytree(overlay.DATA_DIR, data)
    shutil.copytree(cache.CODE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(overlay, "DATA_DIR", data)
    monkeypatch.setattr(cache, "CODE_DIR", code)
    monkeypatch.setattr(overlay, "OVERLAY_DIR", tmp_path / "overlays")
    path = overlay_file(tmp_path, offshore(2025, "1500"))
    first = overlay.overlay_series(path)
    assert overlay.overlay_series(path) == first  # same inputs: the same folder, reused
    if change == "overlay":
        path = overlay_file(tmp_path, offshore(2025, "1501"))
    elif change == "base data":  # a file other than series.csv: the catalogue's notes
        with (data / "indicators.csv").open("a", encoding="utf-8") as handle:
            handle.write("\n")
    elif change == "code":  # e.g. a schema rule changed
        with (code / "schemas.py").open("a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
    else:
        monkeypatch.setattr(analysis, "__version__", analysis.__version__ + ".post1")
    second = overlay.overlay_series(path)
    assert second != first and (second / "series.csv").is_file()
    assert sorted(p.name for p in (tmp_path / "overlays").iterdir()) == sorted([first.name,
                                                                               second.name])  # fmt: skip


@pytest.mark.parametrize("table", ["related_targets.csv", "import_excluded.csv", "proxies.csv"])
def test_a_bad_repository_table_in_a_data_folder_is_not_read_and_says_so(data_copy, caplog, table):
    (data_copy / table).write_text("garbage,\n1,2,3\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="analysis.data"):
        load_dataset(data_copy)
    [message] = [r.getMessage() for r in caplog.records if table in r.getMessage()]
    assert "not read" in message and f"data/{table}" in message


def test_a_bad_series_alternatives_csv_in_a_data_folder_is_refused_by_validate(data_copy):
    """The data chapter shows a folder's other readings, so validate checks them first."""
    (data_copy / "series_alternatives.csv").write_text("garbage,\n1,2\n", encoding="utf-8")
    line = one_error_line(cli("validate", "--data-dir", str(data_copy)))
    assert "series_alternatives.csv, row 1: required columns missing: indicator, region" in line
