"""The names and titles of the data chapter's sub-pages (no heavy imports: the build's table of
contents is written from them before pandas is loaded).

The data chapter (``book/data``) keeps the catalogue and coverage; the long evidence is on its
sub-pages in ``book/data/``: one page of figures per action of the book, one for the indicators no
action uses, and the raw rows the import kept out. Which indicator is on which page is decided by
:func:`analysis.pages.datachapter.figure_pages` from the registry and the catalogue.
"""

from __future__ import annotations

OTHER = "other"  # the page of indicators that no action of the book uses
FOLDER = "data"  # the sub-pages' folder, beside data.ipynb in book/
EXCLUDED = "excluded"  # the page of raw rows kept out of the series
EXCLUDED_TITLE = "未纳入的数据 · Kept out of the series"


def page_name(key: int | str) -> str:
    """A figures page's file name without suffix: ``figures_02`` or ``figures_other``."""
    return f"figures_{key:02d}" if isinstance(key, int) else f"figures_{key}"


def page_keys(actions: list[int]) -> list[int | str]:
    """The figures pages of a book with these chapters, in their order: one per chapter, then the
    indicators no chapter of the book uses."""
    return [*actions, OTHER]


def sub_pages(actions: list[int]) -> list[str]:
    """Every sub-page relative to book/, without suffix, in the order of the table of contents."""
    return [f"{FOLDER}/{page_name(key)}" for key in page_keys(actions)] + [f"{FOLDER}/{EXCLUDED}"]


def page_title(key: int | str) -> str:
    """A figures page's title: the action's clause and name, Chinese first."""
    if key == OTHER:
        return "其他指标的数据 · Figures of the other indicators"
    from analysis.data.plan import read_plan

    action = read_plan()[int(key)]
    return f"数据 {action.clause} {action.name_zh} · Figures: {action.name_en}"
