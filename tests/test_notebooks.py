"""The notebooks as an analyst opens them: one per action, its steps visible, no typed numbers.

Every number a reader sees comes from the data through code, so a new data vintage can never
leave a stale sentence behind: markdown cells hold no digit except the plan's own years and its
document number (read from the plan's text, not listed here) and names such as M3 or Naive2."""

import re

import nbformat
import pytest

from analysis.build.book import action_notebook
from analysis.data.plan import read_plan
from analysis.paths import NOTEBOOK_DIR, PLAN_TEXT

PLAN = read_plan()
NOTEBOOKS = sorted(NOTEBOOK_DIR.rglob("*.ipynb"))
PLAN_WORDS = PLAN_TEXT.read_text(encoding="utf-8")
PLAN_YEARS = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", PLAN_WORDS))
DOCUMENT_NUMBER = re.search(r"粤府〔\d{4}〕\d+号", PLAN_WORDS).group(0)


def typed_numbers(text: str) -> list[str]:
    """Digits in prose that are not the plan's years, its document number or part of a name."""
    text = text.replace(DOCUMENT_NUMBER, "")
    text = re.sub(r"(?<![A-Za-z0-9])[A-Za-z]+\d+(?![0-9])", "", text)  # M3, M4, Naive2
    text = re.sub(rf"(?<!\d)({'|'.join(sorted(PLAN_YEARS))})(?!\d)", "", text)
    return re.findall(r"[\d.,%]*\d[\d.,%]*", text)


def test_the_plan_years_are_read_from_the_plan():
    assert {"2025", "2030"} <= PLAN_YEARS
    assert typed_numbers("到2025年，非化石能源比重达到32%") == ["32%"]
    assert typed_numbers("M3 and Naive2, 粤府〔2022〕56号, by 2030") == []
    assert typed_numbers("the last 15 figures") == ["15"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(NOTEBOOK_DIR).as_posix())
def test_no_number_is_typed_into_prose(path):
    cells = nbformat.read(path, as_version=4).cells
    typed = [(i, typed_numbers(c.source)) for i, c in enumerate(cells) if c.cell_type == "markdown"]
    assert [t for t in typed if t[1]] == []


@pytest.mark.parametrize("action", sorted(PLAN))
def test_each_action_has_its_own_notebook_with_visible_steps(action):
    path = NOTEBOOK_DIR / action_notebook(action)
    nb = nbformat.read(path, as_version=4)
    plan = PLAN[action]
    assert plan.clause in nb.cells[0].source and plan.name_zh[:4] in nb.cells[0].source
    [params] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert not re.search(r"^action\s*=", params.source, re.M), (
        "the action is fixed, not a parameter"
    )
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert re.search(rf"^ACTION = {action}\b", code, re.M)
    steps = ["settings_from_parameters(", "load_inputs(", "targets_for_action(", "assess_targets(",
             "Chapter(", "show_targets()", "show_summary()"]  # fmt: skip
    positions = [code.find(s) for s in steps]
    assert -1 not in positions and positions == sorted(positions), dict(
        zip(steps, positions, strict=True)
    )
    lines = sum(len(c.source.splitlines()) for c in nb.cells)
    assert 30 <= lines <= 100, f"{path.name}: {lines} lines"


@pytest.mark.parametrize("action", sorted(PLAN))
def test_each_chapter_opens_with_its_framing_chinese_first(action):
    """A hand-written framing: what the action is for, how to read its evidence, its caveat."""
    framing = nbformat.read(NOTEBOOK_DIR / action_notebook(action), as_version=4).cells[1]
    assert framing.cell_type == "markdown"
    text = framing.source
    pairs = (("这一章回答什么", "What this chapter answers"), ("怎样读证据", "How to read the evidence"),
             ("主要局限", "Main caveat"))  # fmt: skip
    for zh, en in pairs:
        assert zh in text and en in text and text.index(zh) < text.index(en)
    # each Chinese paragraph is directly followed by its English one (not three, then three)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    heads = [next((h for pair in pairs for h in pair if p.lstrip("*").startswith(h)), p[:20])
             for p in paragraphs]  # fmt: skip
    assert heads == [h for pair in pairs for h in pair]


def test_a_second_notebook_for_an_action_is_refused(tmp_path):
    from analysis.errors import BuildError

    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "03_one.ipynb").write_text("{}")
    assert action_notebook(3, tmp_path) == "actions/03_one.ipynb"
    (tmp_path / "actions" / "03_two.ipynb").write_text("{}")
    with pytest.raises(BuildError, match="03_one.ipynb, 03_two.ipynb"):
        action_notebook(3, tmp_path)
    with pytest.raises(BuildError, match="found none"):
        action_notebook(4, tmp_path)
