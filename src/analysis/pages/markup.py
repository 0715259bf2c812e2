"""Text from data files, made safe for the pages and charts that show it.

Every value that comes from a data file (``data/`` or an analyst's folder: names, units, notes,
quotes, publishers, reasons built from them) is shown as literal text, never as markup: a note
``<script>…</script>`` or ``**x**`` reads exactly so on the page. Markdown that the code composes on
purpose (a badge, a code span, a line break between a Chinese and an English name) is marked
:class:`Md`; :func:`markdown_table` escapes every other cell, so a new column is safe by default.
"""

from __future__ import annotations

import functools
import html
import re


class Md(str):
    """Markdown composed by the code on purpose; :func:`md` and :func:`markdown_table` keep it."""


# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
# markup in MyST with the book's extensions (emphasis, code, links, raw HTML, entities, table cells,
# dollar math, roles and substitutions, strikethrough, headings, images).
_MARKUP = re.compile(r"([\\`*_\[\]<>&|$~{}#!])")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def md(value: object) -> Md:
    """Any value as literal Markdown text on one line (an :class:`Md` value is kept as it is)."""
    if isinstance(value, Md):
        return value
    text = " ".join(str(value).splitlines())
    return Md(_MARKUP.sub(r"\\\1", text))


def bilingual(zh: object, en: object) -> Md:
    """A sentence in Chinese, then the same in English, as two paragraphs: the book's Chinese-first
    order (readers of Chinese read it first; text that is not :class:`Md` is shown literally)."""
    return Md(f"{md(zh)}\n\n{md(en)}")


def md_code(value: object) -> Md:
    """Like :func:`md`, but a span in backticks (an identifier or command written by the code, e.g.
    in a reason: `python -m analysis wanted`) is shown as code instead of with literal backticks;
    code spans are literal text too, so nothing in ``value`` becomes markup."""
    if isinstance(value, Md):
        return value
    parts = " ".join(str(value).splitlines()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: all literal
        return md(value)
    return Md("".join(code(p) if i % 2 else md(p) for i, p in enumerate(parts)))


def code(value: object) -> Md:
    """A value as an inline code span (identifiers, file names); backticks inside are dropped."""
    return Md("`" + str(value).replace("`", "").replace("\n", " ") + "`")


def _cell(value: object) -> str:
    if isinstance(value, Md):  # trusted markup: only its bare pipes would split the cell
        return _UNESCAPED_PIPE.sub(r"\\|", " ".join(value.splitlines()))
    return md(value)


def markdown_table(headers: list[str], rows: list[list[object]]) -> Md:
    """A Markdown table; every cell that is not :class:`Md` is shown as literal text."""
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return Md("\n".join(lines))


def html_table(headers: list[str], rows: list[list[object]]) -> Md:
    """The same table as :func:`markdown_table` would give on the page (the theme's classes and
    wrapper), written as HTML: Sphinx handles it as one node instead of about twenty per row,
    which is most of a build's time on the long tables of figures. Cells that are not :class:`Md`
    are escaped text; :class:`Md` cells are rendered as inline Markdown. No blank line inside, so
    Markdown keeps it as one HTML block. Sphinx's search indexes its text without the tags."""

    def cell(tag: str, value: object, attributes: str = "") -> str:
        if isinstance(value, Md):
            text = _inline_html(value)
        else:  # quotes need no escaping outside attributes (Sphinx would index "&#x27;")
            text = html.escape(" ".join(str(value).splitlines()), quote=False)
        return f"<{tag}{attributes}>" + (f"<p>{text}</p>" if text else "") + f"</{tag}>"

    # a cell a line: the search index strips the tags, and the line break keeps cells' words apart
    head = "\n".join(cell("th", h, ' class="head"') for h in headers)
    body = [
        f'<tr class="row-{"odd" if i % 2 else "even"}">\n'
        + "\n".join(cell("td", c) for c in row)
        + "\n</tr>"
        for i, row in enumerate(rows)
    ]
    return Md(
        '<div class="pst-scrollable-table-container"><table class="table">\n<thead>\n'
        f'<tr class="row-odd">\n{head}\n</tr>\n</thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</div>"
    )


def _inline_html(value: Md) -> str:
    return _inline_parser().renderInline(" ".join(value.splitlines()))


@functools.cache
def _inline_parser():
    """One parser for every cell (making one costs more than rendering a cell)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def html_text(value: object) -> str:
    """A value as literal text inside HTML or a plotly label (which understands a few tags)."""
    return html.escape(" ".join(str(value).splitlines()), quote=True)


def wrap_html(text: str, width: int = 42) -> str:
    """Escaped text broken into lines of about ``width`` characters with ``<br>`` (plotly labels
    do not wrap, and a long one is cut off on a phone)."""
    lines, line = [], ""
    for word in re.split(r"(?<=\s)", " ".join(str(text).split())):
        if line and len(line) + len(word) > width:
            lines.append(line.rstrip())
            line = ""
        while len(word) > width:  # Chinese has no spaces: cut it
            lines.append(word[:width])
            word = word[width:]
        line += word
    if line.strip():
        lines.append(line.rstrip())
    return "<br>".join(html_text(x) for x in lines)
