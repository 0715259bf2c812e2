"""Sphinx extension for the book's site (listed in _config.yml): each page loads only what it shows.

- The chart library — the vendored plotly.js *basic* bundle in ``static/plotly/`` here, published
  as ``_static/plotly/`` — is added only to pages that hold an interactive chart, as one static
  file that browsers cache between pages. (It is not kept in the book's ``_static/``: Jupyter Book
  adds every script found there to every page.)
- The theme's Font Awesome script (1.5 MB, it redraws every icon as SVG) is dropped: the theme's
  stylesheet already draws the same icons from the Font Awesome web font.
- The search scripts and the search index are kept on the search page only: the theme loads them on
  every page for a search-as-you-type box that this book does not use. The search page in turn
  drops what only notebook pages use (cell, dropdown, copy-button and code styles and scripts).
- The icon web font is cut down to the icons the site uses (about 30 of 1,400; 156 kB → 6 kB) and
  declared again after the theme's stylesheet, so browsers fetch only the small font.
- The book's search rules (``search.js``: Chinese query splitting, ranking, escaping)
  are given to Sphinx as its search scorer, so they live in the search page's language data; the
  search box's placeholder reads Chinese first.
- One search control on every screen: the theme's extra header search field is turned off
  (``navbar_persistent``; see :func:`_configure`).
"""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).with_name("static")
PLOTLY_JS = "plotly/plotly-basic.min.js"  # relative to STATIC, and to the site's _static/
SEARCH_RULES = Path(__file__).with_name("search.js")
CHART_MARK = 'class="plotly-graph-div"'

_FONTAWESOME_JS = re.compile(
    r"[ \t]*<script defer src=\"[^\"]*fontawesome\.js[^\"]*\"></script>\n?"
)
_NOTEBOOK_ONLY = re.compile(  # styles and scripts of notebook content, unused on the search page
    r"[ \t]*<(?:link rel=\"stylesheet\" type=\"text/css\" href|script[^>]*src)=\"[^\"]*_static/"
    r"(?:mystnb\.[0-9a-f]+\.css|sphinx-design\.min\.css|togglebutton\.(?:css|js)|"
    r"copybutton\.(?:css|js)|clipboard\.min\.js|design-tabs\.js|pygments\.css)[^\"]*\"[^>]*>"
    r"(?:</script>)?\n?"
)
_SEARCH_JS = re.compile(
    r"[ \t]*<script src=\"[^\"]*(?:searchtools\.js|language_data\.js|searchindex\.js)\"></script>\n?"
)


ICON_FONT = "vendor/fontawesome/webfonts/fa-solid-900.ttf"  # in the site's _static/, from the theme
ICON_SUBSET = "vendor/fontawesome/webfonts/fa-solid-900-book.woff"
ICON_CSS = "icons.css"
ICON_KEY = ".icon-subset.key"  # beside the html folder (not published): the glyphs cut last
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_ICONS_LINK = re.compile(r'\n?<link href="[^"]*_static/icons\.css[^"]*" rel="stylesheet" />')
_THEME_CSS = re.compile(
    r'(<link href="(?P<root>[^"]*)_static/styles/pydata-sphinx-theme\.css[^"]*" rel="stylesheet" />)'
)


def icon_codepoints(static: Path, pages: str) -> set[int]:
    """The icon glyphs the site can show: those the theme's stylesheets hold as characters, and
    those of every ``fa-…`` class that a page or a theme script names."""
    css = "".join(p.read_text(encoding="utf-8") for p in static.rglob("*.css"))
    points = {ord(c) for c in _PRIVATE_USE.findall(css)}
    scripts = "".join(p.read_text(encoding="utf-8") for p in static.glob("scripts/*.js"))
    used = set(re.findall(r"\bfa-[a-z0-9-]+", pages + scripts))
    # each rule's selectors start after a brace: anchored there, the search is linear (unanchored,
    # it re-scanned every rule from each of its characters, a second per build)
    for selectors, glyph in re.findall(
        r'(?:(?<=[{}])|^)([^{}]+)\{content:"\\(f[0-9a-f]{3,4})"\}', css
    ):
        if used & set(re.findall(r"\.(fa-[a-z0-9-]+):{1,2}before", selectors)):
            points.add(int(glyph, 16))
    return points


def subset_icons(out: Path, pages: str) -> str | None:
    """Write the cut-down icon font and its stylesheet; return the stylesheet's version tag."""
    import hashlib

    source = out / "_static" / ICON_FONT
    if not source.exists():  # another theme version: keep its font
        return None
    points = icon_codepoints(out / "_static", pages)
    key = f"{hashlib.sha256(source.read_bytes()).hexdigest()} {sorted(points)}"
    stamp, subset_file = out.parent / ICON_KEY, out / "_static" / ICON_SUBSET
    # a re-build that shows the same icons keeps the font it cut before (a third of a re-build)
    if not (subset_file.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key):
        from fontTools import subset
        from fontTools.ttLib import TTFont

        # the theme's font date kept (fontTools would write now): the same bytes every build
        font = TTFont(source, recalcTimestamp=False)
        options = subset.Options()
        options.flavor = "woff"  # zlib: needs no brotli module
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(subset_file)
        stamp.write_text(key, encoding="utf-8")
    css = (
        "/* The theme's icon font, cut down to the icons this site uses (analysis.pages.site). */\n"
        '@font-face{font-family:"Font Awesome 6 Free";font-style:normal;font-weight:900;'
        f'font-display:block;src:url({ICON_SUBSET}) format("woff")}}\n'
    )
    (out / "_static" / ICON_CSS).write_text(css, encoding="utf-8")
    return hashlib.sha256(css.encode() + (out / "_static" / ICON_SUBSET).read_bytes()).hexdigest()[
        :8
    ]


def _chart_library(app, pagename, templatename, context, doctree) -> None:
    # the builder's list is reset before every page (Sphinx's app.add_js_file would also register
    # the file for every page written after this one)
    if CHART_MARK in context.get("body", ""):
        app.builder.add_js_file(PLOTLY_JS)


def trim_page(text: str, search_page: bool, icons: str | None = None) -> str:
    """The page without the Font Awesome script and, except on the search page, the search scripts;
    with ``icons`` (a version tag), the cut-down icon font's stylesheet after the theme's."""
    text = _FONTAWESOME_JS.sub("", text)
    if icons:  # a page kept from an earlier build has the link already: replaced, not doubled
        text = _ICONS_LINK.sub("", text)
        text = _THEME_CSS.sub(
            lambda m: (
                f'{m[1]}\n<link href="{m["root"]}_static/{ICON_CSS}?v={icons}" rel="stylesheet" />'
            ),
            text,
            count=1,
        )
    return _NOTEBOOK_ONLY.sub("", text) if search_page else _SEARCH_JS.sub("", text)


def _trim_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = {
        page: page.read_text(encoding="utf-8")
        for page in out.rglob("*.html")
        if page.relative_to(out).parts[0] not in ("_static", "_sources")
    }
    icons = subset_icons(out, "".join(pages.values()))
    for page, text in pages.items():
        trimmed = trim_page(text, search_page=page == out / "search.html", icons=icons)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")


SEARCH_BAR_TEXT = "搜索本书… Search this book…"  # Jupyter Book's default is English only


def _configure(app, config) -> None:
    config.html_search_scorer = str(SEARCH_RULES)
    config.html_theme_options = {
        **config.html_theme_options,
        "search_bar_text": SEARCH_BAR_TEXT,
        # pydata-sphinx-theme (0.17) fills in a header search field whenever the *user's* options
        # do not name navbar_persistent; it never sees sphinx-book-theme's own empty default, so a
        # second search button appeared in a header bar above the sidebar's. The book theme's
        # layout is meant without that header: one search field in the sidebar (wide screens),
        # one search icon in the article's header (narrow screens).
        "navbar_persistent": [],
    }
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _keep_figure_numbering_as_configured(app, config) -> None:
    """sphinx_jupyterbook_latex (loaded by Jupyter Book) sets numfig = True for every builder, so
    the book's ``numfig: false`` was silently ignored, and every build unpickled every page's
    doctree to number figures that have no numbered caption. The book's own setting wins."""
    if "numfig" in config.overrides:
        config.numfig = bool(config.overrides["numfig"])


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("config-inited", _keep_figure_numbering_as_configured, priority=900)  # after it
    app.connect("html-page-context", _chart_library)
    app.connect("build-finished", _trim_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
