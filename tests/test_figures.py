"""Figures show Chinese text with a real CJK font (no tofu boxes)."""

from __future__ import annotations

import warnings

from matplotlib import font_manager

from analysis.assess import assess_target
from analysis.figures import cjk_font_family, png_bytes, target_chart
from analysis.loader import load_dataset
from analysis.registry import load_targets


def test_a_cjk_font_is_installed_and_resolves_without_fallback():
    family = cjk_font_family()
    path = font_manager.findfont(family, fallback_to_default=False)
    assert "CJK" in path or "Han" in path


def test_target_chart_draws_every_chinese_glyph():
    data = load_dataset()
    t = load_targets().set_index("id").loc["a02_wind_solar_capacity_2030"].copy()
    t["id"] = "a02_wind_solar_capacity_2030"
    result = assess_target(t, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = target_chart(t, result, data)
        png = png_bytes(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    texts = [fig.axes[0].get_title(), *[t.get_text() for t in fig.axes[0].get_legend().get_texts()]]
    assert any("风电" in s for s in texts) and any("目标" in s for s in texts)
