"""Publishing a build (issue 16): one action re-run inside the whole site, byte-identical re-runs,
a swap of book and site that happens whole or not at all, and the leftovers of killed builds."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from analysis.build.book import build
from analysis.errors import BuildError
from analysis.paths import NOTEBOOK_DIR, REPO_ROOT

from .buildkit import notebooks, options, release_of, wind_changed


def test_action_after_a_full_build_rebuilds_that_chapter_inside_the_whole_site(
    published, data_copy
):
    before = notebooks(published.book_dir)
    old_release = release_of(published)
    rerun = options(published.site_dir.parents[1], published.templates, actions=(0, 2, 7))
    rerun.only, rerun.data_dir = [2], wind_changed(data_copy)
    build(rerun)
    after = notebooks(published.book_dir)
    assert set(after) == set(before)  # the whole book is still there
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"chapters/action_02.ipynb"}  # only that chapter, the others as they were
    site = published.site_dir
    for page in ("action_00", "action_02", "action_07"):
        assert (site / "book" / "chapters" / f"{page}.html").is_file()
    assert release_of(published) != old_release  # one new release, published in one step


def test_two_builds_of_the_same_inputs_give_byte_identical_notebooks(tmp_path, templates, capfd):
    first = options(tmp_path / "one", templates, actions=(2,))
    second = options(tmp_path / "two", templates, actions=(2,))
    for opts in (first, second):
        opts.use_cache = False  # really execute both times
        build(opts)
    a, b = notebooks(first.book_dir), notebooks(second.book_dir)
    assert set(a) == {"overview.ipynb", "chapters/action_02.ipynb", "method.ipynb", "data.ipynb",
                      "data/figures_02.ipynb", "data/figures_other.ipynb", "data/excluded.ipynb",
                      "changelog.ipynb"}  # fmt: skip
    assert a == b
    executed = nbformat.read(first.book_dir / "chapters" / "action_02.ipynb", as_version=4)
    [injected] = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected.id == "injected-parameters"
    printed = capfd.readouterr()  # what the terminal would have shown, kernels included
    assert "IPKernelApp" not in printed.out + printed.err and "TCP" not in printed.out + printed.err


def test_a_warm_kernel_gives_the_same_bytes_as_a_fresh_one(tmp_path):
    from analysis.build.book import execute_notebook
    from analysis.build.kernels import WarmKernel

    template = NOTEBOOK_DIR / "actions" / "00_main_targets.ipynb"
    other = NOTEBOOK_DIR / "actions" / "12_carbon_sinks.ipynb"
    execute_notebook(template, tmp_path / "fresh.ipynb", {}, "T", lambda *_: None)
    kernel = WarmKernel(REPO_ROOT, tmp_path / "kernel.log")
    try:
        execute_notebook(other, tmp_path / "first.ipynb", {}, "T", lambda *_: None, kernel)
        execute_notebook(template, tmp_path / "warm.ipynb", {}, "T", lambda *_: None, kernel)
    finally:  # fmt: skip
        kernel.shutdown()
    assert (tmp_path / "warm.ipynb").read_bytes() == (tmp_path / "fresh.ipynb").read_bytes()
    assert kernel.km.transport == "ipc"  # no TCP: nothing listens on the network, no warning
    assert "without encryption" not in (tmp_path / "kernel.log").read_text(encoding="utf-8")


def test_unrenameable_site_folder_leaves_book_and_site_as_they_were(
    published, data_copy, monkeypatch
):
    from analysis.build import publish

    before, release = notebooks(published.book_dir), release_of(published)
    real_replace = os.replace

    def refuse(src, dst):
        if Path(dst).name == "current":
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(publish.os, "replace", refuse)
    published.data_dir = wind_changed(data_copy)
    with pytest.raises(
        BuildError, match="could not publish the new site.*still the last published"
    ):
        build(published)
    assert notebooks(published.book_dir) == before and release_of(published) == release
    monkeypatch.undo()
    build(published)  # the next build publishes and leaves nothing behind
    assert release_of(published) != release
    root = published.site_dir.parent
    assert [p.name for p in (root / "releases").iterdir()] == [release_of(published).name]
    assert not list(root.glob(".staging-*")) and not list(root.glob("current.new-*"))


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(smallest):
    published = smallest
    root, release = published.site_dir.parent, release_of(published)
    (root / ".staging-99999" / "src").mkdir(parents=True)
    (root / "releases" / "20250101-000000-99999" / "html").mkdir(parents=True)
    os.symlink("releases/20250101-000000-99999", root / "current.new-99999")
    (published.book_dir / ".chapters.old").mkdir()  # a swap of the earlier layout, interrupted
    build(published)  # nothing changed: the quick path also cleans
    assert not (root / ".staging-99999").exists() and not os.path.lexists(
        root / "current.new-99999"
    )
    assert [p.name for p in (root / "releases").iterdir()] == [release.name]
    assert not (published.book_dir / ".chapters.old").exists()
    assert release_of(published) == release


def test_a_build_killed_at_any_moment_leaves_book_and_site_together(smallest, data_copy):
    """SIGKILL a real build at several moments: the published pair is always one release."""
    import signal
    import subprocess
    import sys
    import time

    published = smallest
    root = published.site_dir.parent
    script = (
        "import sys; from pathlib import Path; from analysis.build.book import BuildOptions, build\n"
        f"o = BuildOptions(actions=[7], site_dir=Path({str(published.site_dir)!r}),\n"
        f"    book_dir=Path({str(published.book_dir)!r}), templates=Path({str(published.templates)!r}),\n"
        f"    data_dir={str(wind_changed(data_copy))!r}, use_cache=False)\n"
        "o.log = lambda *a: None\nbuild(o)\n"
    )
    synced = root / ".sphinx" / "src" / "book" / "chapters" / "action_07.ipynb"
    start = synced.stat().st_mtime
    moments = [
        lambda: list(root.glob(".staging-*/src/book/*.ipynb")),  # executing notebooks
        lambda: synced.stat().st_mtime > start,  # Jupyter Book rendering the site
        lambda: len(list((root / "releases").iterdir())) > 1,  # a release being made
    ]
    for moment in moments:
        before = release_of(published)
        process = subprocess.Popen([sys.executable, "-c", script])
        deadline = time.time() + 240
        while process.poll() is None and not moment() and time.time() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = release_of(published)  # consistent: one release for book and site
        assert after in (before, *root.joinpath("releases").iterdir())
    build(published)
    assert len(list((root / "releases").iterdir())) == 1 and not list(root.glob(".staging-*"))


def test_a_build_with_nothing_changed_starts_no_kernel_and_no_sphinx(smallest, monkeypatch):
    published = smallest
    from analysis.build import book as B
    from analysis.build.freshness import up_to_date

    def forbidden(*_a, **_k):
        raise AssertionError("a no-op build must stop after hashing its inputs")

    monkeypatch.setattr(B, "KernelPool", forbidden)
    monkeypatch.setattr(B, "SphinxRunner", forbidden)
    release = release_of(published)
    build(published)
    assert up_to_date(published) and release_of(published) == release


def test_first_build_replaces_folders_of_the_earlier_layout_by_links(tmp_path, templates):
    opts = options(tmp_path, templates, actions=(7,))
    (opts.book_dir / "chapters").mkdir(parents=True)
    (opts.book_dir / "chapters" / "action_07.ipynb").write_text("old layout", encoding="utf-8")
    opts.site_dir.mkdir(parents=True)
    (opts.site_dir / "index.html").write_text("old site", encoding="utf-8")
    build(opts)
    assert opts.site_dir.is_symlink() and (opts.book_dir / "chapters").is_symlink()
    chapter = (opts.book_dir / "chapters" / "action_07.ipynb").read_text(encoding="utf-8")
    assert chapter != "old layout"
    assert "农业农村" in (opts.site_dir / "book" / "chapters" / "action_07.html").read_text(
        encoding="utf-8"
    )
    release_of(opts)
