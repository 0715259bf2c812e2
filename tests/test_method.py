"""The method chapter's tables as a reader gets them."""

from analysis.pages import method
from analysis.pages.markup import md


def test_rule_grid_splits_wide_tables_and_keeps_every_figure():
    """Eleven validation sets would overflow a desktop column: they come as two tables of at most
    six sets, each led by the setting, and every figure of the grid appears exactly once."""
    results = {
        "rule_grid": [
            {"model": m, **{f"set {k}": 0.5 + k / 1000 + i / 10 for k in range(11)}}
            for i, m in enumerate(["drift", "rule a"])
        ],
        "rule_choice": {"criterion_chooses": "rule a"},
    }
    text = method.rule_grid_table(results)
    tables = [t for t in text.split("\n\n") if t.strip()]
    assert len(tables) == 2
    headers = [t.splitlines()[0].strip("|").split("|") for t in tables]
    assert [len(h) for h in headers] == [7, 6]
    assert all(h[0].strip() == "设置 Setting" for h in headers)
    assert all(
        t.count("| rule a (chosen 选定) |") == 1 for t in tables
    )  # plain text: no escaped **
    for i in range(2):
        for k in range(11):
            assert text.count(f"{0.5 + k / 1000 + i / 10:.3f}") == 1


def test_every_model_is_described_in_chinese_then_in_english():
    """The skill table's 'what it does' cell: the Chinese description first, the English one on
    the next line of the same cell, for every model the benchmark reports."""
    import re

    row = {"smape": 1.0, "mase": 1.0, "owa": 1.0, "owa_vs_drift": 1.0, "coverage_80": 0.8,
           "coverage_95": 0.95, "msis": 1.0, "ms_per_series": 1.0}  # fmt: skip
    models = list(method.MODEL_TEXT)
    assert set(method.MODEL_TEXT_ZH) == set(models)
    table = method.skill_table({"m3": [{"model": m, **row} for m in models]})
    cells = [line.split(" | ")[1] for line in table.splitlines()[2:]]
    assert len(cells) == len(models)
    for model, cell in zip(models, cells, strict=True):
        zh, en = cell.split("<br>")
        assert len(re.findall(r"[\u4e00-\u9fff]", zh)) >= 6, (model, zh)
        assert not re.search(r"[\u4e00-\u9fff]", en), (model, en)
        assert en == md(method.MODEL_TEXT[model])
