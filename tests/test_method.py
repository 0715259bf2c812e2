"""The method chapter's tables as a reader gets them."""

from analysis.pages import method


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
