"""What the build tests share: options for a build in a test's folder, and readers of what a build
left (its release, its notebooks, its search index). The fixtures that build a small book are in
conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

from analysis.build.book import BuildOptions

from .conftest import rewrite


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


def release_of(opts: BuildOptions) -> Path:
    """The release the site and every executed notebook come from; fails if they disagree."""
    site = os.path.realpath(opts.site_dir)
    release = Path(site).parent
    assert (release / "html" / "index.html").is_file()
    for link in opts.book_dir.iterdir():
        if link.name != "README.md":
            assert Path(os.path.realpath(link)).is_relative_to(release / "src" / "book"), link
    return release


def notebooks(book: Path) -> dict[str, bytes]:
    """Every executed notebook's bytes (book/chapters is a link, which rglob would not follow)."""
    found = sorted(
        [*book.glob("*.ipynb"), *book.glob("chapters/*.ipynb"), *book.glob("data/*.ipynb")]
    )
    return {str(p.relative_to(book)): p.read_bytes() for p in found}


def wind_changed(data_copy: Path) -> Path:
    rewrite(data_copy / "series.csv", "installed_capacity_wind,Guangdong,2023,1657,",
            "installed_capacity_wind,Guangdong,2023,1700,")  # fmt: skip
    return data_copy
