"""The build pipeline: a failing notebook stops it with a clear message and the old site stays."""

from __future__ import annotations

import csv
import shutil

import nbformat
import pytest
import yaml

from analysis.build import CHAPTER_ACTIONS, BuildOptions, build, toc
from analysis.errors import BuildError
from analysis.paths import NOTEBOOK_DIR, REPO_ROOT


def search_terms(site) -> dict[str, list[str]]:
    """Term -> pages, read from Sphinx's search index (the same index the site's search box uses)."""
    import json

    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docs = index["docnames"]
    return {
        t: [docs[i] for i in ([v] if isinstance(v, int) else v)] for t, v in index["terms"].items()
    }


def options(tmp_path, templates, actions=(2,)) -> BuildOptions:
    opts = BuildOptions(
        actions=list(actions),
        site_dir=tmp_path / "site" / "html",
        book_dir=tmp_path / "book",
        templates=templates,
    )
    opts.log = lambda *_: None
    return opts


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(NOTEBOOK_DIR, folder)
    return folder


def test_failing_notebook_stops_the_build_and_keeps_the_last_good_site(tmp_path, templates):
    nb = nbformat.read(templates / "action.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("ratio = 1 / 0"))
    nbformat.write(nb, templates / "action.ipynb")
    opts = options(tmp_path, templates)
    opts.site_dir.mkdir(parents=True)
    (opts.site_dir / "index.html").write_text("last good site", encoding="utf-8")
    (opts.book_dir / "chapters").mkdir(parents=True)
    (opts.book_dir / "chapters" / "action_02.ipynb").write_text("last good", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build(opts)
    message = str(err.value)
    assert "action_02.ipynb" in message and "cell 4" in message and "ZeroDivisionError" in message
    assert (opts.site_dir / "index.html").read_text(encoding="utf-8") == "last good site"
    assert (opts.book_dir / "chapters" / "action_02.ipynb").read_text(
        encoding="utf-8"
    ) == "last good"
    assert not list((REPO_ROOT / "_build").glob(".staging-*"))


def test_full_build_publishes_overview_and_energy_chapter(tmp_path, templates):
    index = build(options(tmp_path, templates, actions=(0, 2, 7)))
    site = index.parent
    assert index.exists()
    chapter = (site / "book" / "chapters" / "action_02.html").read_text(encoding="utf-8")
    assert "能源绿色低碳转型行动" in chapter
    assert "到2030年，风电和光伏发电装机容量达到7400万千瓦以上" in chapter
    assert chapter.count('class="plotly-graph-div"') >= 4  # interactive charts on the site
    assert "_static/plotly/plotly-basic.min.js" in chapter  # served offline, from the site
    assert "cdn.plot.ly" not in chapter
    assert (site / "_static" / "plotly" / "plotly-basic.min.js").exists()
    assert "action = 2" not in chapter  # the parameters cells are hidden
    overview = (site / "book" / "overview.html").read_text(encoding="utf-8")
    import html as html_lib

    from analysis.registry import load_targets

    for quote in load_targets()["quote_zh"]:  # every registered target is listed on the overview
        assert html_lib.escape(quote, quote=False) in overview, quote
    index_terms = search_terms(site)
    assert "book/chapters/action_02" in index_terms["海上风电"]  # Chinese search finds whole terms
    assert "book/chapters/action_00" in index_terms["非化石能源"]
    assert "book/chapters/action_02" in index_terms["wind"]
    method = (site / "book" / "method.html").read_text(encoding="utf-8")
    assert "OWA" in method and "M3" in method
    downloads = {p.name for p in site.glob("_downloads/*/assessment.*")}
    assert downloads == {"assessment.csv", "assessment.json"}
    executed = nbformat.read(tmp_path / "book" / "chapters" / "action_02.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata["tags"]


def test_committed_toc_is_the_generated_one():
    committed = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert committed == toc(CHAPTER_ACTIONS)


def test_unknown_parameter_is_refused_before_anything_runs(tmp_path, templates):
    from analysis.errors import ParameterError

    opts = options(tmp_path, templates)
    opts.parameters = {"intervall_level": 0.9}
    with pytest.raises(ParameterError, match="unknown parameter"):
        build(opts)
    assert not opts.site_dir.exists()


def test_downloads_are_deterministic_and_match_the_assessment(tmp_path):
    import json

    import pandas as pd

    from analysis.assess import assess_all
    from analysis.build import write_downloads
    from analysis.loader import load_dataset
    from analysis.registry import load_targets

    data = load_dataset()
    write_downloads(tmp_path / "a", data, {})
    write_downloads(tmp_path / "b", data, {})
    for name in ("assessment.csv", "assessment.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    table = pd.read_csv(tmp_path / "a" / "assessment.csv", keep_default_na=False)
    expected = assess_all(load_targets(), data)
    assert table["status"].tolist() == expected["status"].tolist()
    records = json.loads((tmp_path / "a" / "assessment.json").read_text(encoding="utf-8"))
    assert [r["target_id"] for r in records] == expected["target_id"].tolist()


def test_every_target_is_in_exactly_one_chapter_of_the_book():
    from analysis.registry import load_targets, targets_for_action

    targets = load_targets()
    seen = [t for a in CHAPTER_ACTIONS for t in targets_for_action(targets, a)["id"]]
    assert sorted(seen) == sorted(targets["id"]) and len(seen) == len(set(seen))
    assert CHAPTER_ACTIONS == list(range(16))


def test_chapters_and_scorecard_show_every_target_with_matching_counts(tmp_path, templates):
    import re

    from analysis.assess import assess_all
    from analysis.loader import load_dataset
    from analysis.registry import load_targets

    index = build(options(tmp_path, templates, actions=(0, 7)))
    site = index.parent
    targets = load_targets()
    headline = (site / "book" / "chapters" / "action_00.html").read_text(encoding="utf-8")
    for target_id in targets.loc[targets["action"] == 0, "id"]:
        assert target_id in headline
    assert "coherence check" in headline and "national assignment" in headline
    empty = (site / "book" / "chapters" / "action_07.html").read_text(encoding="utf-8")
    assert (
        "农业农村减排固碳行动" in empty and "27." in empty
    )  # measures checklist of an action without numbers
    overview = (site / "book" / "overview.html").read_text(encoding="utf-8")
    table = assess_all(targets, load_dataset())
    cell = r"(?:</p>)?</td>\s*<td[^>]*>(?:<p>)?(\d+)"
    tiers = ["projection", "progress", "proxy", "single figure", "none"]  # the columns, in order
    labels = [  # literals, not the code's own table: a swapped label must fail here
        ("已实现", "achieved"),
        ("进展顺利", "on track"),
        ("存在风险", "at risk"),
        ("偏离轨道", "off track"),
        ("无法评估", "not assessable"),
    ]
    column_totals = [0] * len(tiers)
    for zh, status in labels:  # the counts table: one cell per evidence tier, then the row total
        row = re.search(zh + " " + status + (cell * 6), overview)
        assert row, status
        expected = [
            sum(
                1
                for s, t in zip(table["status"], table["tier"], strict=True)
                if (s, t) == (status, tier)
            )
            for tier in tiers
        ]
        column_totals = [a + b for a, b in zip(column_totals, expected, strict=True)]
        assert [int(g) for g in row.groups()] == [*expected, sum(expected)], status
    with (REPO_ROOT / "data" / "targets.csv").open(encoding="utf-8") as handle:
        registered = sum(1 for _ in csv.DictReader(handle))  # counted here, not by the package
    total = re.search("合计 Total" + (cell * 6), overview)
    assert total, "total row"
    assert [int(g) for g in total.groups()] == [*column_totals, registered]
    assert "chapters/action_00.html" in overview
