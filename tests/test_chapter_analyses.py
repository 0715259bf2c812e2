"""Each chapter's own analysis: drawn only from figures in data/, breaks never joined, rankings and
counts that a count of the CSV confirms, a bilingual note naming the file where data are missing,
Chinese that renders, and data-file text escaped wherever it is shown.

Expected values are worked out here from the CSV files with the csv module, independently of the
loader and of the code under test.
"""

from __future__ import annotations

import base64
import csv
import io
import math
import re
import warnings
from collections import Counter, defaultdict
from dataclasses import replace

import pandas as pd
import pytest
from matplotlib.lines import Line2D

from analysis.assess.targets import STATUSES, TIERS, assess_all
from analysis.data.loader import load_dataset
from analysis.data.plan import read_plan
from analysis.data.registry import load_targets
from analysis.pages import chapter_analyses as A
from analysis.pages.analysis_display import PHONE_SCALE, Analysis, mpl_text, png_width
from analysis.pages.county_ranking import county_ranking
from analysis.pages.markup import html_text
from analysis.pages.series_analyses import (
    agriculture_co2,
    carbon_market,
    energy_mix,
    forest_break,
    industry_output_co2,
    transport_context,
)
from analysis.pages.status_map import cell_colours, status_heatmap
from analysis.paths import DATA_DIR

from .hostile import HOSTILE, MARK, live_markup, make_hostile_data, shown_literally
from .test_escaping import render

SERIES_ANALYSES = [
    energy_mix,
    industry_output_co2,
    transport_context,
    agriculture_co2,
    carbon_market,
    forest_break,
]


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _published(data_dir=DATA_DIR) -> dict[str, list[float]]:
    """Every value of series.csv and points.csv, by indicator, as the files hold them."""
    out = defaultdict(list)
    for name in ("series.csv", "points.csv"):
        for r in _csv(data_dir / name):
            out[r["indicator"]].append(float(r["value"]))
    return out


def _in(value: float, values: list[float]) -> bool:
    return any(math.isclose(value, v, rel_tol=1e-9, abs_tol=1e-12) for v in values)


def _lines(fig) -> list[Line2D]:
    """The data lines of a figure (not the break marker, whose x is constant over the y range)."""
    out = []
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_linestyle() == "--":  # the break marker
                continue
            out.append(line)
    return out


@pytest.fixture(scope="module")
def data():
    return load_dataset()


@pytest.fixture(scope="module")
def analyses(data):
    out = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for f in [*SERIES_ANALYSES, county_ranking]:
            a = f(data)
            a.png()
            out[a.key] = a
    out["_warnings"] = [str(w.message) for w in caught]
    return out


def test_every_analysis_is_captioned_chinese_first_and_chinese_renders(analyses):
    """The page captions each picture with its title, Chinese first; the picture itself leaves out
    the title the figure draws above its panels (so it is shorter than the figure saved with it)
    and keeps the source line."""
    from PIL import Image

    assert [w for w in analyses["_warnings"] if "missing from" in w] == []  # no tofu
    for key, a in analyses.items():
        if not isinstance(a, Analysis):
            continue
        assert a.available, key
        assert any("\u4e00" <= c <= "\u9fff" for c in a.title_zh) and a.title_en.isascii(), key
        png = a.png()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000, key
        caption = a.html().split("<figcaption", 1)[1].split("</figcaption>", 1)[0]
        assert caption.index(html_text(a.title_zh)) < caption.index(html_text(a.title_en)), key
        titled = io.BytesIO()
        a.figure.savefig(titled, format="png", dpi=110, bbox_inches="tight", pad_inches=0.08)
        height = Image.open(io.BytesIO(png)).size[1]
        assert height < Image.open(titled).size[1] - 20, key  # two lines of title: about 40 px
        assert any(t.get_text().startswith("来源 Source:") for t in a.figure.texts), key
        assert not a.sources.empty, key


def test_no_value_is_drawn_that_is_not_in_data(analyses):
    published = _published()
    for a in analyses.values():
        if not isinstance(a, Analysis) or a.figures is None:
            continue
        indicators = set(a.figures["indicator"])
        allowed = [v for i in indicators for v in published[i]]
        drawn = 0
        for line in _lines(a.figure):
            for y in line.get_ydata():
                if y is None or (isinstance(y, float) and math.isnan(y)):
                    continue
                assert _in(float(y), allowed), (a.key, y)
                drawn += 1
        assert drawn >= len(a.figures) * 0.9, a.key  # what the frame lists is what is drawn
        for r in a.figures.itertuples():
            assert _in(r.value, published[r.indicator]), (a.key, r.indicator, r.value)


def test_the_csv_link_holds_exactly_the_figures_drawn(analyses):
    published = _published()
    for key in ("energy-mix", "forest-break", "carbon-market"):
        a = analyses[key]
        href = a.csv_href()
        assert href.startswith("data:text/csv;charset=utf-8;base64,")
        text = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
        frame = pd.read_csv(io.StringIO(text))
        assert len(frame) == len(a.figures)
        for r in frame.itertuples():
            assert _in(r.value, published[r.indicator])
        assert {"source_id", "publisher", "unit"} <= set(frame.columns)


def test_forest_cover_is_never_joined_across_the_survey_break(analyses):
    breaks = {r["indicator"]: int(r["year"]) for r in _csv(DATA_DIR / "breaks.csv")}
    start = breaks["forest_coverage_rate"]
    a = analyses["forest-break"]
    years = sorted(int(r["year"]) for r in _csv(DATA_DIR / "series.csv")
                   if r["indicator"] == "forest_coverage_rate")  # fmt: skip
    assert min(years) < start <= max(years)  # figures on both sides of the break
    segments = 0
    for line in _lines(a.figure):
        xs = [x for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
              if not math.isnan(float(y))]  # fmt: skip
        if len(xs) < 2:
            continue
        segments += 1
        assert all(x < start for x in xs) or all(x >= start for x in xs), line.get_label()
    assert segments >= 3  # cover and stock have an old-basis line; cover has a new-basis line
    labels = [t.get_text() for ax in a.figure.axes if ax.get_legend()
              for t in ax.get_legend().get_texts()]  # fmt: skip
    assert any("old basis" in t for t in labels) and any("new basis" in t for t in labels)
    assert any(f"break {start}" in t for t in labels)
    # missing years break the line: the old basis has a gap after its first year
    old = [ln for ln in _lines(a.figure) if "old basis" in ln.get_label()]
    gaps = [y for ln in old for y in ln.get_ydata() if math.isnan(float(y))]
    assert gaps, "a gap of missing years must leave the line open"


def test_county_ranking_is_sorted_and_its_counts_match_a_count_of_the_csv(analyses):
    rows = _csv(DATA_DIR / "county_co2.csv")
    latest = max(int(r["year"]) for r in rows)
    first = min(int(r["year"]) for r in rows)
    by_county = defaultdict(dict)
    for r in rows:
        by_county[r["county_code"]][int(r["year"])] = float(r["value"])
    expected_order = sorted((c for c in by_county if latest in by_county[c]),
                            key=lambda c: (-by_county[c][latest], c))  # fmt: skip
    highest = {c: min(y for y, v in ys.items() if v == max(ys.values()))
               for c, ys in by_county.items()}  # fmt: skip
    counted = Counter(highest.values())

    a = analyses["county-ranking"]
    ranking = a.table
    assert ranking["county_code"].tolist() == expected_order
    assert ranking["rank"].tolist() == list(range(1, len(expected_order) + 1))
    assert ranking["value"].is_monotonic_decreasing
    assert dict(zip(ranking["county_code"], ranking["highest_year"], strict=True)) == highest
    counts = a.extra["highest_year_counts"]
    assert counts["year"].tolist() == list(range(first, latest + 1))
    assert counts["units"].tolist() == [counted.get(y, 0) for y in range(first, latest + 1)]
    assert counts["units"].sum() == len(by_county)
    left, right = a.figure.axes[:2]
    heights = sorted((p.get_x(), p.get_height()) for p in right.patches if p.get_height() > 0)
    assert [h for _, h in heights] == [counted[y] for y in sorted(counted)]
    widths = [p.get_width() for p in sorted(left.patches, key=lambda p: p.get_y())
              if p.get_width() > 0]  # fmt: skip
    assert widths == [by_county[c][latest] for c in expected_order[: len(widths)]]
    names = {r["county_code"]: r["county_zh"] for r in rows}
    ticks = [t.get_text() for t in left.get_yticklabels()]
    assert ticks[0].startswith(names[expected_order[0]])  # the largest first, from the top


def test_a_missing_series_gives_a_bilingual_note_naming_the_file(data_copy):
    (data_copy / "county_co2.csv").unlink()
    series = pd.read_csv(data_copy / "series.csv", dtype=str, keep_default_na=False)
    gone = ["co2_ceads_agriculture", "co2_ceads_households_rural"]
    series[~series["indicator"].isin(gone)].to_csv(
        data_copy / "series.csv", index=False, lineterminator="\n"
    )
    data = load_dataset(data_copy)
    for a in (county_ranking(data), agriculture_co2(data)):
        assert not a.available and a.figure is None
        bundle = a._repr_mimebundle_()
        assert "text/html" not in bundle and "image/png" not in bundle
        note = a.notes[0]
        assert (
            note.missing and note.zh.startswith("暂无分析") and note.en.startswith("Not available")
        )
        assert "需添加" in note.zh and "file to add" in note.en
        assert note.zh in bundle["text/markdown"] or "暂无分析" in bundle["text/markdown"]
    county_note = county_ranking(data).notes[0]
    assert "data/county_co2.csv" in county_note.zh and "data/county_co2.csv" in county_note.en
    agri = agriculture_co2(data).notes
    assert any("co2_ceads_agriculture" in n.en and "data/series.csv" in n.en for n in agri)
    assert any("co2_ceads_households_rural" in n.zh for n in agri)


def test_ethylene_has_no_output_series_and_its_panel_says_so(analyses):
    a = analyses["industry-output-co2"]
    assert not any("ethylene" in i for i in a.figures["indicator"])
    note = next(n for n in a.notes if n.missing)
    assert "乙烯" in note.zh and "ethylene" in note.en and "data/series.csv" in note.en
    texts = [t.get_text() for ax in a.figure.axes for t in ax.texts]
    assert any("no public series" in t and "乙烯" in t for t in texts)


def test_the_page_shows_the_caption_chinese_first_sources_and_the_csv(analyses):
    a = analyses["energy-mix"]
    html = a.html()
    assert html.index('class="chart-title-zh"') < html.index('class="chart-title-en"')
    assert "data:image/png;base64," in html and "数据下载 Download the data (CSV)" in html
    picture = html.split("data:image/png;base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(picture) == a.png()
    publishers = set(a.sources["publisher"])
    assert len(publishers) > 3 and "<details" in html  # many sources: listed, folded
    assert all(html_text(p) in html for p in publishers)
    bundle = a._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}  # the picture is in the HTML, drawn once


def test_the_picture_keeps_most_of_its_size_on_a_phone_inside_its_own_scroll_box(analyses):
    """A phone shows the picture at PHONE_SCALE of its pixel width (custom.css reads the width
    from --phone-width) inside a box that scrolls sideways, so the page itself never does."""
    from PIL import Image

    a = analyses["energy-mix"]
    png = a.png()
    width = Image.open(io.BytesIO(png)).size[0]
    assert png_width(png) == width > 600
    html = a.html()
    box = html.split('<div class="chart-scroll"', 1)[1].split("</div>", 1)[0]
    assert "<img " in box and f"--phone-width:{round(PHONE_SCALE * width)}px" in box
    assert "max-width:100%" in box  # elsewhere (a notebook, a desktop) it fits its column
    assert html.index("chart-scroll-hint") < html.index('class="chart-scroll"')
    with pytest.raises(ValueError):
        png_width(b"GIF89a" + bytes(30))


def test_labels_and_notes_from_hostile_data_stay_text(tmp_path):
    folder = make_hostile_data(tmp_path / "data")
    data = load_dataset(folder)
    shown = 0
    for f in [*SERIES_ANALYSES, county_ranking]:
        a = f(data)
        html = a.html()
        assert live_markup(html) == [], a.key
        shown += shown_literally(html)
        assert live_markup(render(a.markdown())) == [], a.key
        texts = [a.figure._suptitle.get_text(), *(t.get_text() for t in a.figure.texts)]
        for ax in a.figure.axes:
            texts += [ax.get_title(loc="left"), ax.get_ylabel(), ax.get_xlabel()]
            texts += [t.get_text() for t in ax.get_yticklabels()]
            texts += [t.get_text() for t in ax.texts]
            if ax.get_legend():
                texts += [t.get_text() for t in ax.get_legend().get_texts()]
        for text in texts:  # a bare $ would start mathtext: every one is escaped
            assert text.count("$") == text.count(r"\$"), (a.key, text)
        if a.key == "county-ranking":
            assert any(MARK in t for t in texts)  # county names come from the data, escaped
        a.close()
    assert shown >= 3
    assert mpl_text("a $x^2$\nb") == r"a \$x^2\$ b"


def test_heatmap_counts_every_target_once_by_action_tier_and_status(data):
    table = assess_all(load_targets(), data)
    a = status_heatmap(table)
    counts = a.table.set_index("action")
    plan = read_plan()
    assert sorted(counts.index) == sorted(plan)  # actions without a target keep their row
    for action in plan:
        mine = table[table["action"] == action]
        for tier in TIERS:
            assert counts.loc[action, f"tier: {tier}"] == (mine["tier"] == tier).sum()
        for status in STATUSES:
            assert counts.loc[action, f"status: {status}"] == (mine["status"] == status).sum()
    tiers = counts[[f"tier: {t}" for t in TIERS]].to_numpy().sum()
    statuses = counts[[f"status: {s}" for s in STATUSES]].to_numpy().sum()
    assert tiers == statuses == len(table)
    cells = re.findall(r'<td class="heat-cell[^"]*"[^>]*>(\d*)</td>', a.view)
    assert len(cells) == len(plan) * (len(TIERS) + len(STATUSES))
    assert sum(int(c) for c in cells if c) == 2 * len(table)  # each count shown once, none as 0
    assert "0" not in cells
    html = a.html()  # the table is the page's view: no picture, the caption, CSV and note kept
    assert "<img" not in html and 'class="heat-table"' in html and "download=" in html
    assert a.available and a.figure is None


def test_heatmap_names_actions_as_escaped_text_linked_to_their_chapters(data):
    """The action names come from the plan's file: shown as text in the map's first column, each
    linked to its chapter when the book has one; the shade darkens with the count."""
    plan = read_plan()
    hostile = {n: replace(a, name_en=f"{HOSTILE} {a.name_en}") for n, a in plan.items()}
    table = assess_all(load_targets(), data)
    a = status_heatmap(table, hostile, links={2: "chapters/action_02.html"})
    assert live_markup(a.html()) == [] and shown_literally(a.html())
    assert a.view.count(MARK) == len(plan)
    assert a.view.count("<a href=") == 1
    row = a.view.split('<a href="chapters/action_02.html">', 1)[1].split("</tr>", 1)[0]
    assert html_text(plan[2].name_zh) in row and "无量化目标" not in row
    empty = [n for n in plan if n not in set(table["action"])]
    assert a.view.count("无量化目标 no target") == len(empty)
    light, dark = cell_colours(1, "#2c7fb8", 6), cell_colours(6, "#2c7fb8", 6)
    assert cell_colours(0, "#2c7fb8", 6) is None and dark[0] == "#2c7fb8"
    assert light[1] == "#262626" and dark[1] == "#ffffff"  # dark text on light shades
    assert sum(int(x, 16) for x in (light[0][1:3], light[0][3:5], light[0][5:])) > sum(
        int(x, 16) for x in (dark[0][1:3], dark[0][3:5], dark[0][5:])
    )


def test_each_chapter_gets_its_own_analyses_and_a_one_line_show(data):
    assert set(A.ANALYSES) == {2, 4, 6, 7, 10, 12, 14}
    for action in (3, 9):
        assert A.for_action(action, data) == []
    shown = A.show_forest_break(data)
    assert isinstance(shown, Analysis) and shown.action == 12
    assert "text/html" in shown._repr_mimebundle_()  # IPython displays it as it is
    shown.close()
    for action, functions in A.ANALYSES.items():
        for f in functions:
            a = f(data)
            assert a.action == action and a.available
            a.close()
