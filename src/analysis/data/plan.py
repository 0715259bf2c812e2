"""The plan's structure read from its text: the fifteen actions, their aims and measures 1-54.

Chapter titles, the quoted aims and the measure checklists are generated from here, so nothing
of the plan is retyped in a notebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.data.schemas import CHINESE_NUMERALS
from analysis.paths import PLAN_TEXT

ACTION_NAMES_EN = {
    0: "Main targets",
    1: "Green upgrading of industry",
    2: "Green and low-carbon energy transition",
    3: "Energy saving and efficiency",
    4: "Peaking in key industries",
    5: "Peaking in urban and rural construction",
    6: "Green and low-carbon transport",
    7: "Emission cuts and carbon sequestration in agriculture",
    8: "Circular economy",
    9: "Science and technology for peaking",
    10: "Green factor markets",
    11: "Green trade and economic cooperation",
    12: "Ecological carbon sinks",
    13: "Green and low-carbon living for all",
    14: "Peaking region by region",
    15: "Pilots and demonstrations",
}

_ACTION = re.compile(r"^（(?P<num>[一二三四五六七八九十]+)）(?P<name>\S+?行动)。$")
_MEASURE = re.compile(r"^(?P<num>\d+)\.\s*(?P<title>[^。]+)。(?P<body>.*)$")


@dataclass(frozen=True)
class Measure:
    number: int
    title: str
    text: str


@dataclass(frozen=True)
class Action:
    number: int
    name_zh: str
    name_en: str
    aim_zh: str
    measures: tuple[Measure, ...]

    @property
    def clause(self) -> str:
        return "一（二）" if self.number == 0 else f"二（{CHINESE_NUMERALS[self.number - 1]}）"


def _lines(path: Path) -> list[str]:
    return [
        line.strip().strip("\u3000").strip()
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


@lru_cache(maxsize=4)
def read_plan(path: Path = PLAN_TEXT) -> dict[int, Action]:
    """Actions 0 (一（二） main targets) and 1-15 with their measures, parsed from the plan text."""
    lines = _lines(path)
    start = lines.index("二、重点任务")
    end = lines.index("三、政策保障")
    actions: dict[int, Action] = {}
    main_start = lines.index("（二）主要目标。")
    actions[0] = Action(
        0, "主要目标", ACTION_NAMES_EN[0], "\n".join(lines[main_start + 1 : start]), ()
    )
    current: dict | None = None
    for line in lines[start + 1 : end]:
        match = _ACTION.match(line)
        if match:
            if current:
                _close(actions, current)
            number = CHINESE_NUMERALS.index(match["num"]) + 1
            current = {
                "number": number,
                "name_zh": match["name"],
                "name_en": ACTION_NAMES_EN[number],
                "aim_zh": "",
                "ms": [],
            }
            continue
        if current is None:
            continue
        match = _MEASURE.match(line)
        if match:
            current["ms"].append(Measure(int(match["num"]), match["title"], match["body"]))
        elif line and not current["aim_zh"]:
            current["aim_zh"] = line
    if current:
        _close(actions, current)
    return actions


def _close(actions: dict[int, Action], current: dict) -> None:
    measures = tuple(current.pop("ms"))
    actions[current["number"]] = Action(**current, measures=measures)
