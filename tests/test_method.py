"""The method chapter's tables as a reader gets them."""

import re

from analysis.forecast import models as M
from analysis.forecast.descriptions import model_text
from analysis.forecast.engine import forecast
from analysis.pages import method
from analysis.pages.chapter import projection_details
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


def _cells(table: str, column: int) -> dict[str, str]:
    """A Markdown table's cells in ``column``, by the model's code name (its first cell, after the
    Chinese name if there is one: "漂移 drift", "第一轮规则 round 1", "drift")."""
    rows = [line.strip("|").split(" | ") for line in table.splitlines() if line.startswith("| ")]
    return {r[0].strip().split(" ", 1)[-1]: r[column].strip() for r in rows[1:]}


def test_every_model_is_described_in_chinese_then_in_english():
    """Every model the engine can weigh or show (its models and their combination) and every model
    of the method chapter's skill table (from the shipped benchmark results) has a description in
    the catalogue: Chinese first, English on the next line of the same cell."""
    results = method.load_results()
    table = method.skill_table(results)
    skill = [r["model"] for r in results["m3"]]
    cells = [line.split(" | ")[1] for line in table.splitlines()[2:]]
    assert len(cells) == len(skill) > 0
    described = {*M.MODEL_NAMES, "combination", *skill}
    for model in described:
        text = model_text(model)
        assert len(re.findall(r"[\u4e00-\u9fff]", text.zh)) >= 6, (model, text.zh)
        assert text.en and not re.search(r"[\u4e00-\u9fff]", text.en), (model, text.en)
    for model, cell in zip(sorted(results["m3"], key=lambda r: r["owa"]), cells, strict=True):
        text = model_text(model["model"])
        assert cell == f"{md(text.zh)}<br>{md(text.en)}"


def test_method_page_and_a_projection_table_say_the_same_of_each_model():
    """A bounded share (so that all the engine's models apply) projected to 2030: each model's
    'what it does' cell in the target's table is the method chapter's cell for that model, and the
    combination's cell opens with the sentence the skill table gives the engine's projection."""
    share = [30.0, 32, 35, 37, 40, 43, 45, 48, 50, 53]
    fc = forecast(range(2014, 2024), share, 2030, lower=0.0, upper=100.0)
    projection = _cells(projection_details(fc.explanation(2030), "%", 2030), 1)
    skill = _cells(method.skill_table(method.load_results()), 1)
    assert set(projection) == {*M.MODEL_NAMES, "combination"}
    # M3 series have no bounds, so the skill table has no logit; it calls the combination "engine"
    assert set(projection) - set(skill) == {"logit", "combination"}
    for model in set(projection) & set(skill):
        assert projection[model] == skill[model], model
    zh, en = skill["engine"].split("<br>")
    combination_zh, combination_en = projection["combination"].split("<br>")
    assert combination_zh.startswith(f"{zh}：") and combination_en.startswith(f"{en}: ")
