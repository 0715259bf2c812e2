"""Notes in Chinese first: every note of the catalogue and the registry has its translation in
``note_zh``, a note without it (or a translation without its note) is refused in one line, and
pages show the Chinese note before the English one."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from analysis.assess.targets import assess_target
from analysis.data.loader import load_dataset
from analysis.data.registry import load_targets
from analysis.errors import DataError
from analysis.pages import chapter as C
from analysis.pages import datachapter as D
from analysis.paths import DATA_DIR

from .test_escaping import render

FILES = ["indicators.csv", "targets.csv"]
# numbers (14.0, 1,000, 2021-2025's two years), file names and identifiers (monthly.csv,
# value_source, A0G0701, CO2): a translation keeps each as written; an ordinal (14th) is a word
KEPT = re.compile(r"[A-Za-z0-9_]+(?:[.,][A-Za-z0-9_]+)*")
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
HAN = re.compile(r"[\u4e00-\u9fff]+")


def kept(text: str) -> set[str]:
    return {
        t for t in KEPT.findall(text) if re.search(r"\d|_|\.csv$", t) and not ORDINAL.fullmatch(t)
    }


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", FILES)
def test_every_shipped_note_has_a_chinese_translation_that_keeps_its_numbers_and_names(name):
    noted = [r for r in rows(DATA_DIR / name) if r["note"] or r["note_zh"]]
    assert noted, f"no notes in {name}"
    for r in noted:
        note, zh = r["note"], r["note_zh"]
        assert note and zh, r["id"]
        assert HAN.search(zh), (r["id"], zh)  # Chinese, not a copy of the English
        assert kept(note) <= kept(zh), (r["id"], kept(note) - kept(zh))
        for words in HAN.findall(note):  # the Chinese source's own words, as quoted in the note
            assert words in zh, (r["id"], words)


def test_the_token_rule_finds_numbers_names_and_files():
    text = (
        "Two bases (≥ 1,000 万千瓦); 2021-2025, ×100 t CO2 in monthly.csv, see value_source; 14th"
    )
    assert kept(text) == {"1,000", "2021", "2025", "100", "CO2", "monthly.csv", "value_source"}
    assert not kept("1,000 万千瓦") <= kept("一千万千瓦")  # a number written out is not kept


def _blank(path: Path, row_id: str, column: str) -> int:
    """Empty one cell of the row with ``row_id``; return that row's line in the file."""
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    index = next(i for i, r in enumerate(table) if r[0] == row_id)
    assert table[index][header.index(column)], "the cell to blank is empty already"
    table[index][header.index(column)] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    return index + 1  # the header is line 1; no cell of these files spans lines


@pytest.mark.parametrize(
    ("name", "row_id", "column", "words"),
    [
        ("indicators.csv", "installed_capacity_solar", "note_zh",
         "note has no Chinese translation: write it in note_zh"),
        ("indicators.csv", "installed_capacity_solar", "note",
         "note_zh has no English note: write it in note"),
        ("targets.csv", "a02_pumped_storage_2030", "note_zh",
         "note has no Chinese translation: write it in note_zh"),
        ("targets.csv", "a02_pumped_storage_2030", "note",
         "note_zh has no English note: write it in note"),
    ],
)  # fmt: skip
def test_a_note_without_its_translation_is_refused_in_one_line(
    data_copy, name, row_id, column, words
):
    line = _blank(data_copy / name, row_id, column)
    with pytest.raises(DataError) as err:
        load_targets(data_copy) if name == "targets.csv" else load_dataset(data_copy)
    [problem] = [str(p) for p in err.value.problems]
    assert problem.endswith(f"{name}, row {line}: {words} [id={row_id!r}]"), problem


def test_a_missing_note_zh_column_is_refused_in_one_line(data_copy):
    path = data_copy / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        table = [r[:-1] for r in csv.reader(handle)]  # note_zh is the last column
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    [problem] = [str(p) for p in err.value.problems]
    assert "indicators.csv, column 'note_zh': required column missing" in problem


def text_of(markdown: str) -> str:
    """The page text a reader sees, from the book's MyST rendering."""
    return html.unescape(re.sub(r"<[^>]+>", "", render(markdown)))


def test_an_indicators_heading_shows_the_chinese_note_then_the_english_one():
    data = load_dataset()
    noted = [i for i in data.indicators.itertuples() if i.note]
    assert noted
    for ind in noted:
        page = text_of(D.indicator_heading(ind))
        assert ind.note_zh in page and ind.note in page, ind.id
        assert page.index(ind.note_zh) < page.index(ind.note), ind.id
        assert "英文" not in page  # no "the note is in English" placeholder any more
    ind = next(i for i in noted if i.id == "installed_capacity_solar")
    assert text_of(D.indicator_heading(ind)).split("\n")[1:] == [
        "指标installed_capacity_solar，单位：万千瓦。含分布式光伏。",
        "installed_capacity_solar, unit 万千瓦. Includes distributed solar.",
        "",
    ]


def test_a_target_without_a_number_shows_its_chinese_note_first_in_the_chapter():
    data = load_dataset()
    targets = load_targets(indicators=data.indicators)
    unquantified = targets[(targets["comparator"] == "unquantified") & (targets["note"] != "")]
    assert len(unquantified)
    for _, t in unquantified.iterrows():
        a = assess_target(t, data)
        assert a.reason_zh == f"方案未给出该目标的数值（{t['note_zh']}）。"
        page = text_of(C.target_section(t, a, data))
        zh, en = page.index(t["note_zh"]), page.index(t["note"])
        assert zh < en, t["id"]
        assert page.count(t["note_zh"]) == 2  # in the target cell and in the reason
        assert text_of(C.target_cell(t)).strip().startswith(f"方案未给数字（{t['note_zh']}）")
