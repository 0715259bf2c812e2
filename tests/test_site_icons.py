"""The cut-down icon font: cut again only when the icons the site shows change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydata_sphinx_theme

from analysis.pages.site import ICON_FONT, ICON_SUBSET, icon_codepoints, subset_icons

THEME_STATIC = (
    Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
)


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "html"
    (out / "_static" / ICON_FONT).parent.mkdir(parents=True)
    shutil.copy(THEME_STATIC / ICON_FONT, out / "_static" / ICON_FONT)
    (out / "_static" / "a.css").write_text(
        '.fa-magnifying-glass:before{content:"\\f002"}.fa-bars:before{content:"\\f0c9"}',
        encoding="utf-8",
    )
    return out


def test_the_icon_font_is_cut_again_only_when_the_icons_change(tmp_path):
    out = _site(tmp_path)
    page = '<i class="fa-solid fa-magnifying-glass"></i>'
    assert icon_codepoints(out / "_static", page) == {0xF002}
    first = subset_icons(out, page)
    font = out / "_static" / ICON_SUBSET
    written = font.stat().st_mtime_ns
    font_bytes = font.read_bytes()
    assert subset_icons(out, page) == first  # same icons: the same font, not cut again
    assert font.stat().st_mtime_ns == written
    more = page + '<i class="fa-solid fa-bars"></i>'
    changed = subset_icons(out, more)  # a new icon: cut again, with a new version tag
    assert changed != first and font.read_bytes() != font_bytes
    font.unlink()  # a lost font is cut again even though the key says it was cut
    assert subset_icons(out, more) == changed and font.exists()
    assert not list(out.rglob("*.key"))  # the key is kept outside the published folder
