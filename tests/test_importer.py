"""The raw-to-data import: re-runnable, deterministic, cited, and careful with odd rows."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from analysis import ceads
from analysis.importer import OUTPUTS, Candidate, build_tables, choose, parse_value, run_import
from analysis.paths import DATA_DIR, shared_dir
from analysis.units import FACTORS, factor

RAW = shared_dir() / "data" / "raw"
needs_raw = pytest.mark.skipif(not RAW.exists(), reason="shared raw data not present")


@pytest.fixture(scope="module")
def tables():
    if not RAW.exists():
        pytest.skip("shared raw data not present")
    return build_tables(RAW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,195.00", (1195.0, "")), (">200", (200.0, ">")), ("近1000", (1000.0, "~")),
     ("约30", (30.0, "~")), ("超过30", (30.0, ">")), ("<=1.3", (1.3, "<=")), ("17.6", (17.6, "")),
     ("200以上", (200.0, ">="))],
)  # fmt: skip
def test_parse_value_keeps_the_qualifier(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["3.1×10^7", "n/a", "", "12 34"])
def test_parse_value_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_value(text)


@pytest.mark.parametrize(
    ("units", "value", "expected"),
    [(("GW", "万千瓦"), 90.8, 9080), (("MW", "万千瓦"), 500, 50), (("万千瓦时", "亿千瓦时"), 85_020_000, 8502),
     (("ton", "万吨"), 172_345_000, 17234.5), (("亿吨标准煤", "万吨标准煤"), 3.41, 34100),
     (("公顷", "万亩"), 8000, 12), (("辆", "万辆"), 3_617_800, 361.78), (("元", "亿元"), 5.75e9, 57.5)],
)  # fmt: skip
def test_unit_factors_convert_as_defined(units, value, expected):
    assert value * factor(*units) == pytest.approx(expected)


def test_every_listed_factor_is_positive_and_an_unknown_conversion_is_refused():
    assert all(f > 0 for f in FACTORS.values())
    with pytest.raises(KeyError, match="no conversion"):
        factor("GW", "万吨")


def candidate(value, qualifier="", vintage=0, order=1):
    return Candidate("x", 2015, value, qualifier, {}, "q", "", f"file line {order}", vintage, order)


def test_choice_rule_latest_revision_first_exact_over_rounded_and_agreement():
    chosen, rule = choose(
        [candidate(58.8, vintage=2016, order=1), candidate(56.92, vintage=2021, order=2)]
    )
    assert chosen.value == 56.92 and "latest revision" in rule
    chosen, rule = choose([candidate(55, "~", order=1), candidate(55.7, order=2)])
    assert chosen.value == 55.7 and "exact" in rule
    chosen, rule = choose([candidate(8502, order=1), candidate(8502.3, order=2)])
    assert chosen.order == 1 and rule == "readings agree"


def test_choice_rule_refuses_an_undecidable_conflict():
    from analysis.errors import DataError

    with pytest.raises(DataError, match="no vintage"):
        choose([candidate(65.5, order=1), candidate(70.2, order=2)])


@needs_raw
def test_import_reproduces_the_committed_data_files(tmp_path):
    shutil.copy(DATA_DIR / "indicators.csv", tmp_path / "indicators.csv")
    run_import(RAW, tmp_path)
    for name, _ in OUTPUTS.values():
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA_DIR / name).read_text(
            encoding="utf-8"), f"{name} is stale: run `python -m analysis import-data`"  # fmt: skip


def _printed_forms(value: float) -> set[str]:
    forms = {
        f"{value:g}",
        f"{value:,.2f}",
        f"{value:.2f}",
        f"{value:,.0f}",
        f"{value:.1f}",
        f"{value:.0f}",
    }
    return forms | {f.rstrip("0").rstrip(".") for f in forms if "." in f}


def test_every_value_appears_in_its_quote_as_published_before_conversion():
    """Each row's number, converted back to the printed unit, is in its quote; machine-read cells
    (CEADs workbooks) are re-read from the file, sheet, row and column the quote names."""
    from analysis.loader import load_dataset

    data = load_dataset()
    units = {r["id"]: r for _, r in data.indicators.iterrows()}
    for _, row in data.series[~data.series["derived"]].iterrows():
        if row["quote"].startswith("file ") and "sheet" in row["quote"]:
            if not RAW.exists():
                continue
            m = re.match(r'file (\S+), sheet (\S+), row "(.*)", column "(.*)"', row["quote"])
            sheet = ceads.read_sheet(RAW / "ceads" / m.group(1))
            assert ceads.find(sheet, m.group(3), m.group(4))[2] == pytest.approx(row["value"]), row[
                "quote"
            ]
            continue
        conversion = re.search(r"converted from (\S+) to (\S+) by x", row["note"])
        value = (
            row["value"] / factor(conversion.group(1), conversion.group(2))
            if conversion
            else row["value"]
        )
        quote = row["quote"].replace(",", "")
        candidates = _printed_forms(value) | {
            f"{value / 100:g} million"
        }  # 万千瓦 printed in English
        assert any(p.replace(",", "") in quote for p in candidates), (
            row["indicator"],
            row["year"],
            value,
            quote,
        )
        assert units[row["indicator"]]["unit"] == row["unit"]


def test_part_year_and_status_date_rows_are_kept_out(tables):
    taken = {(r["indicator"], r["year"]) for r in tables["series"]}
    assert ("installed_capacity_pumped_storage", 2022) not in taken
    assert ("installed_capacity_offshore_wind", 2025) not in taken
    reasons = " ".join(e["reason"] for e in tables["excluded"])
    assert "not year end" in reasons and "not a calendar year" in reasons
    assert all(isinstance(r["year"], int) for r in tables["series"])


def test_no_target_row_is_imported_as_history():
    with (DATA_DIR / "series.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert not row["indicator"].startswith("target_")
            assert "TARGET" not in row["note"]


def test_forest_cover_2015_conflict_is_resolved_by_the_latest_revision(tables):
    [row] = [
        r for r in tables["series"] if (r["indicator"], r["year"]) == ("forest_coverage_rate", 2015)
    ]
    assert float(row["value"]) == 56.92
    alternatives = [
        a
        for a in tables["alternatives"]
        if (a["indicator"], a["year"]) == ("forest_coverage_rate", 2015)
    ]
    assert {a["chosen"] for a in alternatives} == {"yes", "no"} and len(alternatives) == 3


def test_forest_breaks_are_recorded_with_reason_and_source(tables):
    breaks = {(b["indicator"], b["year"]): b for b in tables["breaks"]}
    assert ("forest_coverage_rate", 2022) in breaks
    assert "Third National Land Survey" in breaks[("forest_coverage_rate", 2022)]["reason"]
