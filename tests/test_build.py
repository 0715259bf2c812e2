"""The build pipeline: a failing notebook stops it with a clear message and the old site stays."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from analysis.build.book import CHAPTER_ACTIONS, build, toc
from analysis.errors import BuildError, ParameterError
from analysis.paths import REPO_ROOT

from .buildkit import options, release_of, search_terms, wind_changed


def test_failing_notebook_stops_the_build_and_keeps_the_last_good_site(tmp_path, templates):
    energy = templates / "actions" / "02_energy.ipynb"
    nb = nbformat.read(energy, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("ratio = 1 / 0"))
    nbformat.write(nb, energy)
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
    assert not list(opts.site_dir.parent.glob(".staging-*"))


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

    from analysis.data.registry import load_targets

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
    opts = options(tmp_path, templates)
    opts.parameters = {"intervall_level": 0.9}
    with pytest.raises(ParameterError, match="unknown parameter"):
        build(opts)
    assert not opts.site_dir.exists()


def test_downloads_are_deterministic_and_match_the_assessment(tmp_path):
    import json

    import pandas as pd

    from analysis.assess.targets import assess_all
    from analysis.build.book import write_downloads
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets

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
    from analysis.data.registry import load_targets, targets_for_action

    targets = load_targets()
    seen = [t for a in CHAPTER_ACTIONS for t in targets_for_action(targets, a)["id"]]
    assert sorted(seen) == sorted(targets["id"]) and len(seen) == len(set(seen))
    assert CHAPTER_ACTIONS == list(range(16))


def test_chapters_and_scorecard_show_every_target_with_matching_counts(tmp_path, templates):
    import re

    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets

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


def test_the_assessment_computed_once_by_the_build_is_what_each_notebook_would_compute(tmp_path):
    """The build's one assess_all table, turned back into assessments, equals assess_target's."""
    from analysis.assess.precomputed import Precomputed
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.notebook import open_chapter, open_overview, settings_from_parameters

    data, targets = load_dataset(), load_targets()
    settings = settings_from_parameters(interval_level=0.9)
    result = Precomputed(data, targets, settings, assess_all(targets, data, settings))
    path = tmp_path / "assessment.pkl"
    path.write_bytes(__import__("pickle").dumps(result))
    for action in CHAPTER_ACTIONS:
        given = open_chapter(action, precomputed=str(path), interval_level=0.9)
        computed = open_chapter(action, interval_level=0.9)
        assert given.assessments == computed.assessments and given.targets.equals(computed.targets)
    assert open_overview(precomputed=str(path), interval_level=0.9).table.equals(
        open_overview(interval_level=0.9).table
    )
    with pytest.raises(ParameterError, match="other settings"):
        open_chapter(2, precomputed=str(path))  # made with interval_level=0.9, asked for 0.8


def test_a_build_with_the_progress_age_and_horizon_parameters_uses_them_on_every_page(
    tmp_path, templates
):
    """--param progress_on_track=... reaches the notebooks (through their parameters cells) and
    the downloads: the pages print the settings they used."""
    import json

    opts = options(tmp_path, templates, actions=(7,))
    opts.parameters = {"progress_on_track": 1.2, "progress_at_risk": 0.9, "max_age": 5,
                       "horizon_year": None}  # fmt: skip
    index = build(opts)
    chapter = (index.parent / "book" / "chapters" / "action_07.html").read_text(encoding="utf-8")
    overview = (index.parent / "book" / "overview.html").read_text(encoding="utf-8")
    for page in (chapter, overview):
        assert "at least 120% of the required rate, off track below 90%" in page
        assert "targets without a year not judged" in page
        assert "more than 5 years old" in page
    book = json.loads((opts.book_dir / "downloads" / "assessment.json").read_text(encoding="utf-8"))
    yearless = [r for r in book if r["target_year"] is None]
    assert yearless and all(r["status"] in ("not assessable", "achieved") for r in yearless)


def head_files(page: Path) -> list[str]:
    """The stylesheets and scripts a page loads, in order (Sphinx-Thebe's, which the build strips
    from every page, left out)."""
    import re

    text = page.read_text(encoding="utf-8")
    found = re.findall(r'<link[^>]*href="([^"]+)"[^>]*>|<script[^>]*src="([^"]+)"', text)
    return [a or b for a, b in found if "thebe" not in (a or b)]


def test_the_warm_sphinx_runner_renders_what_a_plain_jupyter_book_build_renders(
    smallest, data_copy
):
    """The kept Sphinx application loads the analysis.pages.site extension, custom.css and tables.js on
    every page exactly as `jupyter-book build` does, also in a build that re-renders some pages."""
    import subprocess
    import sys

    again = options(smallest.site_dir.parents[1], smallest.templates, actions=(7,))
    again.data_dir = wind_changed(data_copy)  # a warm build: the kept environment, some pages new
    build(again)
    release = release_of(again)
    plain = release.parent.parent / "plain"
    shutil.copytree(release / "src", plain / "src")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(plain / "src"), "--path-output",
         str(plain / "out")], cwd=plain / "src", capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    warm_html, plain_html = release / "html", plain / "out" / "_build" / "html"
    pages = sorted(p.relative_to(warm_html) for p in warm_html.rglob("*.html")
                   if p.relative_to(warm_html).parts[0] not in ("_static", "_sources"))  # fmt: skip
    assert Path("book/chapters/action_07.html") in pages and Path("search.html") in pages
    for page in pages:
        files, expected = head_files(warm_html / page), head_files(plain_html / page)
        # Sphinx adds ?v=<checksum> to a theme file only when it finds the file already written
        # (so in the second build of a folder, warm or not); the files themselves must agree
        assert [f.split("?")[0] for f in files] == [f.split("?")[0] for f in expected], page
        ours = [f for f in files if "icons.css" in f]  # the extension's cut-down icon font
        assert ours == [f for f in expected if "icons.css" in f], page
        if page != Path("index.html"):  # (the root index.html only redirects to the overview)
            assert any("_static/custom.css" in f for f in files), page
            assert any("_static/tables.js" in f for f in files), page
        assert not any("fontawesome.js" in f for f in files), page  # analysis.pages.site drops it
        assert sum("icons.css" in f for f in files) <= 1, page
    charts = head_files(warm_html / "book" / "chapters" / "action_07.html")
    assert any("plotly/plotly-basic.min.js" in f for f in charts)  # the extension's chart library


def test_trimming_a_page_kept_from_an_earlier_build_gives_the_same_page():
    """A warm build re-trims pages it did not re-write: one icon-font link, with the new tag."""
    from analysis.pages.site import trim_page

    page = ('<head>\n<link href="../_static/styles/pydata-sphinx-theme.css?digest=1" '
            'rel="stylesheet" />\n<script defer src="../_static/vendor/fontawesome.js"></script>\n'
            "</head>")  # fmt: skip
    once = trim_page(page, search_page=False, icons="aaaa")
    assert once.count("icons.css") == 1 and "fontawesome.js" not in once
    assert trim_page(once, search_page=False, icons="aaaa") == once
    again = trim_page(once, search_page=False, icons="bbbb")
    assert again.count("icons.css") == 1 and "icons.css?v=bbbb" in again
