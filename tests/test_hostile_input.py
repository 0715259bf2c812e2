"""Bad input as a hostile analyst would try it: one clear line, a non-zero exit, the site untouched.

Inputs whose meaning is not in doubt (GBK encoding, a byte-order mark, full-width digits, thousands
separators, a % sign on a percentage) are accepted and reported as notices.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from analysis.errors import DataError, ParameterError
from analysis.loader import load_dataset
from analysis.notebook import open_chapter, settings_from_parameters

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
    [({"interval_level": "high"}, "expected float"), ({"history_years": 2.5}, "expected int"),
     ({"on_track": 0.2, "off_track": 0.5}, "thresholds"), ({"rate_window": True}, "expected int")],
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
    from analysis.build import BuildOptions, build

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
    assert sorted(
        p for p in tmp_path.rglob("*") if p.is_file() and "data" not in p.parts
    ) == sorted(planted)  # nothing added beside them
