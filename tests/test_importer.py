"""The raw-to-data import: re-runnable, deterministic, cited, and careful with odd rows."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from analysis.data import ceads
from analysis.data.importer import OUTPUTS, Candidate, build_tables, choose, parse_value, run_import
from analysis.data.periods import Period
from analysis.data.units import FACTORS, factor
from analysis.paths import DATA_DIR, shared_dir

RAW = shared_dir() / "data" / "raw"
needs_raw = pytest.mark.skipif(not RAW.exists(), reason="shared raw data not present")


@pytest.fixture(scope="module")
def tables():
    if not RAW.exists():
        pytest.skip("shared raw data not present")
    return build_tables(RAW)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,195.00", (1195.0, "")),
        (">200", (200.0, ">")),
        ("近1000", (1000.0, "~")),
        ("约30", (30.0, "~")),
        ("超过30", (30.0, ">")),
        ("<=1.3", (1.3, "<=")),
        ("17.6", (17.6, "")),
        ("200以上", (200.0, ">=")),
        ("1.2×10^4", (12000.0, "")),
        ("3.1×10^7", (31000000.0, "")),
    ],
)
def test_parse_value_keeps_the_qualifier(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["3.1×10", "n/a", "", "12 34", "1.2×10^"])
def test_parse_value_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_value(text)


@pytest.mark.parametrize(
    ("units", "value", "expected"),
    [
        (("GW", "万千瓦"), 90.8, 9080),
        (("MW", "万千瓦"), 500, 50),
        (("万千瓦时", "亿千瓦时"), 85_020_000, 8502),
        (("ton", "万吨"), 172_345_000, 17234.5),
        (("亿吨标准煤", "万吨标准煤"), 3.41, 34100),
        (("公顷", "万亩"), 8000, 12),
        (("辆", "万辆"), 3_617_800, 361.78),
        (("元", "亿元"), 5.75e9, 57.5),
    ],
)
def test_unit_factors_convert_as_defined(units, value, expected):
    assert value * factor(*units) == pytest.approx(expected)


def test_every_listed_factor_is_positive_and_an_unknown_conversion_is_refused():
    signs = {key: f for key, f in FACTORS.items() if f <= 0}
    assert signs == {
        ("% decline", "%"): -1.0
    }  # '下降2.93%' is a change of -2.93 %, the only sign flip
    assert all(f > 0 for key, f in FACTORS.items() if key not in signs)
    with pytest.raises(KeyError, match="no conversion"):
        factor("GW", "万吨")


def candidate(value, qualifier="", vintage=0, order=1, tier="press"):
    return Candidate(
        "x",
        "Guangdong",
        Period("year", 2015, label="2015"),
        value,
        qualifier,
        {"tier": tier},
        "q",
        "",
        f"file line {order}",
        vintage,
        order,
    )


def test_choice_rule_latest_revision_exact_over_rounded_agreement_and_standing():
    chosen, rule = choose(
        [candidate(58.8, vintage=2016, order=1), candidate(56.92, vintage=2021, order=2)]
    )
    assert chosen.value == 56.92 and "latest revision" in rule
    chosen, rule = choose([candidate(55, "~", order=1), candidate(55.7, order=2)])
    assert chosen.value == 55.7 and "exact" in rule
    chosen, rule = choose([candidate(8502, order=1), candidate(8502.3, order=2)])
    assert chosen.order == 1 and rule == "readings agree"
    # agreeing readings: the one of higher standing is kept, even if read later
    chosen, rule = choose(
        [candidate(8502, order=1), candidate(8502.3, order=2, tier="official statistics")]
    )
    assert chosen.order == 2 and rule == "readings agree"
    # a conflict without revision years: the higher-standing source wins, whatever the order
    for order in ((1, 2), (2, 1)):
        chosen, rule = choose(
            [
                candidate(30, order=order[0], tier="secondary"),
                candidate(27.5, order=order[1], tier="government"),
            ]
        )
        assert chosen.value == 27.5 and "higher-standing" in rule and "government" in rule
    # a revision year known for only one of the readings does not decide
    chosen, rule = choose(
        [
            candidate(30, vintage=2024, order=1, tier="secondary"),
            candidate(27.5, order=2, tier="government"),
        ]
    )
    assert chosen.value == 27.5


def test_choice_rule_refuses_an_undecidable_conflict():
    from analysis.errors import DataError

    with pytest.raises(DataError, match="nothing to choose by"):
        choose([candidate(65.5, order=1), candidate(70.2, order=2)])
    with pytest.raises(DataError, match="nothing to choose by"):  # same standing, both exact
        choose(
            [
                candidate(65.5, order=1, tier="government"),
                candidate(70.2, order=2, tier="government"),
            ]
        )


@needs_raw
def test_import_reproduces_the_committed_data_files(tmp_path):
    shutil.copy(DATA_DIR / "indicators.csv", tmp_path / "indicators.csv")
    run_import(RAW, tmp_path)
    for name, _ in OUTPUTS.values():
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA_DIR / name).read_text(
            encoding="utf-8"
        ), f"{name} is stale: run `python -m analysis import-data`"


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
    from analysis.data.loader import load_dataset

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
        conversion = re.search(r"converted from (.+?) to (\S+) by x", row["note"])
        value = (
            row["value"] / factor(conversion.group(1), conversion.group(2))
            if conversion
            else row["value"]
        )
        quote = row["quote"].replace(",", "")
        candidates = _printed_forms(
            abs(value)
            if value < 0 and re.search("下降|降低|decline", row["quote"] + row["note"])
            else value
        ) | {
            f"{value / 100:g} million",
            f"{value / 100:g} GW",
            f"{value / 1e4:g}亿",
            f"{value / 1e4:g}萬億",
        }  # 万千瓦 printed in English or in 亿千瓦
        if value == 100:  # 100 % printed in words: 全覆盖, 全面执行, complete coverage
            candidates |= {"complete coverage", "全覆盖", "全面执行"}
        assert any(p.replace(",", "") in quote for p in candidates), (
            row["indicator"],
            row["year"],
            value,
            quote,
        )
        assert units[row["indicator"]]["unit"] == row["unit"]


def test_status_dates_and_part_years_are_dated_points_never_yearly_figures(tables):
    taken = {(r["indicator"], r["year"]) for r in tables["series"]}
    points = {(r["indicator"], r["date"]): r for r in tables["points"]}
    # a status on a date (end-August 2025, 2022-05-28) is a point, not the year's figure
    assert ("installed_capacity_offshore_wind", 2025) not in taken
    assert points[("installed_capacity_offshore_wind", "2025-06")]["kind"] == "status"
    assert ("installed_capacity_pumped_storage", 2022) not in taken
    assert points[("installed_capacity_pumped_storage", "2022-05")]["value"] == "968"
    # a part-year figure is a point of kind 'part'
    assert points[("prefab_building_share_new", "2020-06")]["kind"] == "part"
    # a year reported later is that year's figure; a year reported in the same year is a status
    assert ("forest_coverage_rate", 2022) in taken and ("forest_coverage_rate", "2024-06") in points
    assert all(isinstance(r["year"], int) for r in tables["series"])
    assert all(re.fullmatch(r"\d{4}-\d{2}", r["date"]) for r in tables["points"])
    reasons = " ".join(e["reason"] for e in tables["excluded"])
    assert "cannot be dated" in reasons


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
        if (a["indicator"], a["period"]) == ("forest_coverage_rate", "2015")
    ]
    assert {a["chosen"] for a in alternatives} == {"yes", "no"} and len(alternatives) == 3


def test_forest_breaks_are_recorded_with_reason_and_source(tables):
    breaks = {(b["indicator"], b["year"]): b for b in tables["breaks"]}
    assert ("forest_coverage_rate", 2022) in breaks
    assert "Third National Land Survey" in breaks[("forest_coverage_rate", 2022)]["reason"]
