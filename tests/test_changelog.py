"""The changelog says which targets changed between data vintages, and why."""

from __future__ import annotations

import pandas as pd

from analysis.pages.changelog import COLUMNS, compare, load_record, record


def table(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


BASE = [
    ["a", "on track", "projection", 2022, 100.0, 0.8, "r"],
    ["b", "not assessable", "none", None, None, None, "too few points"],
    ["c", "at risk", "progress", 2023, 5.0, 0.5, "r"],
]


def test_unchanged_tables_give_no_changes():
    assert compare(table(BASE), table(BASE)).empty


def test_new_year_revision_probability_and_registry_changes_are_explained():
    now = [
        ["a", "achieved", "single figure", 2023, 120.0, 1.0, "already meets"],
        ["b", "not assessable", "none", None, None, None, "too few points"],
        ["c", "at risk", "progress", 2023, 5.5, 0.5, "r"],
        ["d", "off track", "progress", 2023, 1.0, 0.1, "r"],
    ]
    changes = compare(table(BASE), table(now)).set_index("target_id")
    assert changes.loc["a", "before"] == "on track" and changes.loc["a", "now"] == "achieved"
    assert (
        "new latest figure: 2022 → 2023" in changes.loc["a", "why"]
        and "80% → 100%" in changes.loc["a", "why"]
        and "evidence projection → single figure" in changes.loc["a", "why"]
    )
    assert changes.loc["c", "why"] == "latest figure revised: 5 → 5.5"
    assert changes.loc["d", "why"] == "new target in the registry"
    assert "b" not in changes.index


def test_removed_target_is_listed():
    changes = compare(table(BASE), table(BASE[:2]))
    assert changes.set_index("target_id").loc["c", "why"] == "removed from the registry"


def test_record_round_trips_and_keeps_every_vintage(tmp_path, data_copy):
    from analysis.pages.changelog import recorded, summary_words

    record(table(BASE), data_copy, "2026-01-01", tmp_path)
    previous, vintage = load_record(tmp_path)
    assert len(vintage) == 12 and compare(previous, table(BASE)).empty
    (data_copy / "series.csv").write_text(
        (data_copy / "series.csv").read_text() + "\n", encoding="utf-8"
    )
    changed = table([["a", "achieved", "single figure", 2023, 120.0, 1.0, "r"], *BASE[1:]])
    record(changed, data_copy, "2026-02-01", tmp_path)
    record(changed, data_copy, "2026-02-02", tmp_path)  # same data again: replaces, never piles up
    vintages = recorded(tmp_path)
    assert [v.date for v in vintages] == ["2026-01-01", "2026-02-02"]
    zh, en = summary_words(compare(vintages[0].table, vintages[1].table))
    assert "1 targets changed" in en and "0 gained a verdict" in en and "1 changed status" in en
    assert "1个目标有变化" in zh


def test_two_vintages_recorded_on_one_day_keep_the_order_they_were_recorded_in(tmp_path, data_copy):
    from analysis.pages.changelog import recorded, vintage

    series = data_copy / "series.csv"
    text = series.read_text(encoding="utf-8")
    first = vintage(data_copy)
    for k in range(1, 50):  # a second data vintage whose tag sorts before the first one's
        series.write_text(text + "\n" * k, encoding="utf-8")
        if vintage(data_copy) < first:
            break
    second = vintage(data_copy)
    assert second < first
    series.write_text(text, encoding="utf-8")
    record(table(BASE), data_copy, "2026-03-03", tmp_path)
    series.write_text(text + "\n" * k, encoding="utf-8")
    record(table(BASE), data_copy, "2026-03-03", tmp_path)
    assert [v.vintage for v in recorded(tmp_path)] == [first, second]
    assert load_record(tmp_path)[1] == second


def test_committed_record_matches_the_current_data():
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.changelog import vintage
    from analysis.paths import DATA_DIR

    previous, recorded = load_record()
    data = load_dataset()
    assert recorded == vintage(DATA_DIR), "data changed: run `python -m analysis record-vintage`"
    assert compare(previous, assess_all(load_targets(), data)).empty


def test_the_front_page_skips_vintages_that_moved_no_target(tmp_path, data_copy):
    """A vintage whose data changed but no target did (a note reworded) does not hide the last real
    change: the latest vintage is compared with the latest earlier one that differs, and the words
    say how many were skipped."""
    from analysis.pages.changelog import latest_changes

    series = data_copy / "series.csv"
    text = series.read_text(encoding="utf-8")
    record(table(BASE), data_copy, "2026-01-01", tmp_path)
    changed = table(BASE)
    changed.loc[0, "status"] = "achieved"
    series.write_text(text + "\n", encoding="utf-8")
    record(changed, data_copy, "2026-02-01", tmp_path)
    series.write_text(text + "\n\n", encoding="utf-8")  # new data, the same assessment
    record(changed, data_copy, "2026-03-01", tmp_path)
    zh, en, changes = latest_changes(changed, data_copy, tmp_path)
    assert list(changes["target_id"]) == ["a"]
    assert (
        "2026-03-01" in en and "2026-01-01" in en and "1 vintage in between changed no target" in en
    )
    assert "2026-01-01" in zh and "其间1个数据版本未改变任何目标" in zh
    series.write_text(text + "\n\n\n", encoding="utf-8")
    record(table(BASE), data_copy, "2026-04-01", tmp_path)  # the next vintage moves "a" back
    zh, en, changes = latest_changes(table(BASE), data_copy, tmp_path)
    assert list(changes["target_id"]) == ["a"] and "in between" not in en
    assert "2026-03-01" in en
