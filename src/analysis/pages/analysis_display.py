"""What a chapter analysis returns, and how a notebook or page shows it.

An :class:`Analysis` holds a figure (or nothing, when the data do not allow the analysis), the
figures it draws with their sources, a table it derives, and notes in Chinese and English. It
displays itself in IPython: a notebook cell that ends with it shows the chart as the book's other
charts are shown — an HTML figure with the title as a caption (Chinese first), the picture (its
source line inside, its title left to the caption), the sources with their standing and links, and
a CSV of exactly the figures drawn. A chart that reads better as text (the overview's status map)
gives its HTML as ``view`` in place of a picture. An analysis the data do not allow shows its
bilingual note instead, naming the file an analyst would add.

Every text that comes from a data file is escaped where it is shown: :func:`markup.html_text` in
HTML, :func:`markup.md` in Markdown and :func:`mpl_text` in matplotlib labels (a ``$`` would
otherwise start mathtext).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data.loader import Dataset
from analysis.pages.markup import Md, bilingual, html_text, md

DOWNLOAD_COLUMNS = [
    "indicator",
    "name_zh",
    "name_en",
    "region",
    "year",
    "date",
    "value",
    "qualifier",
    "unit",
    "source_id",
    "publisher",
]
SOURCES_SHOWN = 3  # publishers named in the picture's source line; the page lists every source
# On a phone a static chart squeezed to the column (about a third of its size) cannot be read; it
# keeps this share of its own pixel width instead (labels of 7.5 pt stay about 10 px high) and
# scrolls sideways inside its own box, so the page itself never does (custom.css).
PHONE_SCALE = 0.9


def png_width(png: bytes) -> int:
    """A PNG's width in pixels, read from its header (IHDR)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big")


def mpl_text(value: object) -> str:
    """A value from a data file as literal matplotlib text: one line, no mathtext."""
    return " ".join(str(value).split()).replace("$", r"\$")


@dataclass(frozen=True)
class Note:
    """A sentence in Chinese and in English: what is missing and where to add it, or a caveat."""

    zh: str
    en: str
    missing: bool = False

    def markdown(self) -> Md:
        return bilingual(self.zh, self.en)

    def html(self) -> str:
        kind = "analysis-missing" if self.missing else "analysis-note"
        return (
            f'<p class="{kind}"><span lang="zh-CN">{html_text(self.zh)}</span><br>'
            f'<span lang="en">{html_text(self.en)}</span></p>'
        )


def missing_note(what_zh: str, what_en: str, file_zh: str, file_en: str | None = None) -> Note:
    """'Not available: no public series for X (file to add: …)', Chinese first."""
    return Note(
        f"暂无分析：{what_zh}没有公开数据（需添加：{file_zh}）。",
        f"Not available: no public series for {what_en} (file to add: {file_en or file_zh}).",
        missing=True,
    )


@dataclass
class Analysis:
    """One chapter analysis: a figure (None when the data do not allow it), the figures it draws
    (``figures``: one row per published figure, with its source), a derived ``table`` (a ranking,
    counts), the ``sources`` it rests on, and ``notes``."""

    key: str
    action: int
    title_zh: str
    title_en: str
    figure: object | None = None
    figures: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[Note] = field(default_factory=list)
    source_line: str = ""  # for a chart that rests on the book's own tables, not on sources.csv
    extra: dict = field(default_factory=dict)  # further derived tables, by name
    # HTML shown in place of a picture, for a chart that reads better as text (the overview's
    # status map: a table whose first column stays in view on a phone); its text escaped
    view: str = ""
    _png: bytes | None = field(default=None, repr=False)

    @property
    def available(self) -> bool:
        return self.figure is not None or bool(self.view)

    # ------------------------------------------------------------------ pictures
    def png(self) -> bytes:
        """The figure as the page shows it, a PNG without the title the figure draws above its
        panels (the page's caption carries it, Chinese first). Rendered once."""
        if self.figure is None:
            raise ValueError(f"analysis {self.key!r} has no figure: {self.notes[0].en}")
        if self._png is None:
            fig = self.figure
            heading = getattr(fig, "_suptitle", None)
            if heading is not None:
                heading.set_visible(False)
            buffer = io.BytesIO()
            fig.savefig(
                buffer,
                format="png",
                dpi=110,
                metadata={"Software": None},
                bbox_inches="tight",
                pad_inches=0.08,
            )
            if heading is not None:
                heading.set_visible(True)
            self._png = buffer.getvalue()
        return self._png

    def close(self) -> Analysis:
        """Render the page's picture and free the matplotlib figure (a notebook shows many)."""
        if self.figure is not None:
            self.png()
            plt.close(self.figure)
        return self

    # ------------------------------------------------------------------ text
    def download_frame(self) -> pd.DataFrame:
        """What the CSV link holds: the derived table, or else exactly the figures drawn."""
        if self.table is not None:
            return self.table
        frame = self.figures if self.figures is not None else pd.DataFrame()
        return frame[[c for c in DOWNLOAD_COLUMNS if c in frame.columns]]

    def csv_href(self) -> str:
        text = self.download_frame().to_csv(index=False, lineterminator="\n")
        encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")  # shorter than %-escapes
        return "data:text/csv;charset=utf-8;base64," + encoded

    def sources_html(self) -> str:
        if self.source_line and self.sources.empty:
            return f'<p class="chart-source">来源 Source: {html_text(self.source_line)}</p>'
        items = [_source_html(s) for s in self.sources.itertuples()]
        if len(items) <= SOURCES_SHOWN:
            return f'<p class="chart-source">来源 Source: {"; ".join(items)}</p>'
        rows = "".join(f"<li>{i}</li>" for i in items)
        return (
            f'<details class="chart-source"><summary>来源 Sources ({len(items)})</summary>'
            f"<ul>{rows}</ul></details>"
        )

    def html(self) -> str:
        """The analysis as the site shows it (no script: a picture, its caption and links)."""
        notes = "".join(n.html() for n in self.notes)
        if not self.available:
            return f'<div class="analysis analysis-unavailable">{notes}</div>'
        alt = html_text(f"{self.title_zh} {self.title_en}")
        name = html_text(self.key + ".csv")
        if self.view:
            kind = "chart-table"
            body = (
                '<p class="chart-scroll-hint">左右滑动查看各列，行动名称保持可见 Swipe sideways '
                "for every column; the action names stay in view</p>"
                f'<div class="table-scroll" tabindex="0" role="region" aria-label="{alt}">'
                f"{self.view}</div>"
            )
        else:
            kind = "chart-picture"
            png = self.png()
            picture = base64.b64encode(png).decode("ascii")
            phone = round(PHONE_SCALE * png_width(png))
            body = (
                '<p class="chart-scroll-hint">左右滑动查看全图 Swipe sideways to see the whole chart</p>'
                f'<div class="chart-scroll" tabindex="0" role="region" aria-label="{alt}">'
                f'<img src="data:image/png;base64,{picture}" alt="{alt}" '
                f'style="max-width:100%;height:auto;--phone-width:{phone}px"></div>'
            )
        return (
            f'<figure class="chart chart-analysis {kind}" id="analysis-{html_text(self.key)}">'
            f'<figcaption class="chart-title"><span class="chart-title-zh">{html_text(self.title_zh)}'
            f'</span> <span class="chart-title-en">{html_text(self.title_en)}</span></figcaption>'
            f"{body}{self.sources_html()}"
            f'<p class="chart-data"><a href="{html_text(self.csv_href())}" download="{name}">'
            f"数据下载 Download the data (CSV)</a></p>{notes}</figure>"
        )

    def markdown(self) -> Md:
        """The notes as Markdown (what a notebook shows when there is no figure)."""
        head = f"**{md(self.title_zh)}** · {md(self.title_en)}"
        return Md("\n\n".join([head, *(n.markdown() for n in self.notes)]))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        if not self.available:
            return {"text/markdown": str(self.markdown()), "text/plain": self._plain()}
        # the page's HTML holds the picture; a PNG beside it would never be shown (every viewer
        # renders the HTML first) and cost a second rendering
        return {"text/html": self.html(), "text/plain": self._plain()}

    def _plain(self) -> str:
        lines = [f"{self.title_zh} · {self.title_en}"]
        lines += [f"{n.zh} {n.en}" for n in self.notes]
        return "\n".join(lines)


def _source_html(s) -> str:
    from analysis.data.source_tiers import TIER_ZH

    text = f"{html_text(s.publisher)}, <em>{html_text(s.title)}</em>"
    tier = getattr(s, "tier", "")
    if tier:
        text += f" ({html_text(TIER_ZH.get(tier, tier))} {html_text(tier)})"
    url = str(getattr(s, "url", "") or "")
    if url.startswith(("http://", "https://")) and not any(c in url for c in ' <>"`\n'):
        label = "转载 republished copy" if s.link == "republished copy" else "原文 original"
        text += f' <a href="{html_text(url)}">{label}</a>'
    return text


def sources_of(data: Dataset, source_ids) -> pd.DataFrame:
    """The rows of sources.csv behind a set of figures (a derived figure names its parts with
    '+'), most-used first, then by id."""
    counts: dict[str, int] = {}
    for sid in source_ids:
        for part in str(sid).split("+"):
            counts[part] = counts.get(part, 0) + 1
    table = data.sources.set_index("id")
    known = [s for s in counts if s in table.index]
    order = sorted(known, key=lambda s: (-counts[s], s))
    return table.loc[order].reset_index()


def short_publisher(publisher: str) -> str:
    """A publisher as the picture's source line names it: up to its first bracket or comma."""
    text = " ".join(str(publisher).split())
    for mark in (" (", "（", ", ", "，"):
        if mark in text:
            text = text.split(mark)[0]
    return text if len(text) <= 40 else text[:39] + "…"


def picture_source_line(sources: pd.DataFrame, files: str) -> str:
    """'来源 Source: CEADs; Wind Information; … (N sources) — data/series.csv': the picture's line."""
    names: list[str] = []
    for p in sources.get("publisher", []):
        name = short_publisher(p)
        if name not in names:
            names.append(name)
    shown = "; ".join(mpl_text(n) for n in names[:SOURCES_SHOWN])
    n = len(sources)
    more = f"; 等共{n}个来源 {n} sources in all" if len(names) > SOURCES_SHOWN else ""
    return f"来源 Source: {shown}{more} — {files}"
