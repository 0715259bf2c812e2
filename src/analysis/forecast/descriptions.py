"""What each model and rule does, in Chinese and in English: the one catalogue every page quotes.

A target's "how this projection was made" table (from :meth:`engine.Forecast.explanation`) and the
method chapter's skill tables describe the same models, so both read their sentences from here and
a reader meets the same words in both places. Besides the models the engine fits
(``models.MODEL_NAMES``) and its combination, the catalogue holds the rules the benchmark compares
it with and the engine never uses (the previous default, the first rule of 2026, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.forecast.models import TREND_WINDOW


@dataclass(frozen=True)
class ModelText:
    name_zh: str  # the model's short Chinese name, shown before its code name
    zh: str  # what it does, in Chinese (the pages show this line first)
    en: str  # the same, in English


CATALOGUE: dict[str, ModelText] = {
    "combination": ModelText(
        "本书预测",
        "本书的预测：以漂移为基础，只有当序列自身的回测清楚地偏向阻尼趋势时才向它移动",
        "the book's projection: drift, moved towards damped trend only where the series' own "
        "backtest clearly favours it",
    ),
    "naive": ModelText(
        "朴素",
        "沿用最后一个值（即预测竞赛对年度数据使用的Naive2）",
        "the last figure carried forward (the competitions' Naive2 for yearly data)",
    ),
    "drift": ModelText(
        "漂移",
        "带漂移的随机游走：平均年变化延续下去",
        "random walk with drift: the average yearly change continues",
    ),
    "damped": ModelText(
        "阻尼趋势",
        "阻尼趋势：带阻尼的Holt指数平滑，近期趋势延续但逐渐变平（阻尼系数按序列拟合，为1时不变平）",
        "damped trend: Holt's exponential smoothing with a damped trend, so the recent trend "
        "continues but flattens (the damping factor is fitted to the series; at 1 it does not "
        "flatten)",
    ),
    "theta": ModelText(
        "Theta",
        "Theta方法：指数平滑加上直线趋势斜率的一半",
        "the Theta method: exponential smoothing plus half the slope of a straight-line trend",
    ),
    "loglinear": ModelText(
        "对数线性",
        f"对最近{TREND_WINDOW}个数据的对数拟合一条直线（稳定的百分比增长；只用于正值序列）",
        f"a straight line through the logarithm of the last {TREND_WINDOW} figures (steady % "
        "growth; positive series only)",
    ),
    "logit": ModelText(
        "Logit",
        f"对有界的比重：从最后一个值出发，按最近{TREND_WINDOW}个数据的logit所拟合直线的斜率延续，"
        "因此不会超出界限",
        f"for shares with bounds: from the last figure on, the slope of a straight line through "
        f"the logit of the last {TREND_WINDOW} figures, so it never leaves the bounds",
    ),
    # rules the benchmark compares the engine with; the engine itself never uses them
    "previous": ModelText(
        "旧规则",
        "本书2026年之前的规则：朴素、漂移和阻尼趋势三者的中位数",
        "the book's rule until 2026: the median of naive, drift and damped trend",
    ),
    "round 1": ModelText(
        "第一轮规则",
        "引擎2026年的第一条规则：漂移和阻尼趋势按1 / (回测误差)²加权，不检验优势是否清楚，"
        "也不收缩（作为参照）",
        "the engine's first rule of 2026: drift and damped trend weighted by 1 / (backtest "
        "error)², with no test of clarity and no shrinking (a reference)",
    ),
    "mean of drift and damped": ModelText(
        "漂移与阻尼平均",
        "漂移和阻尼趋势各占一半（试过，未采用）",
        "drift and damped trend, half and half (tried, not chosen)",
    ),
}
ALIASES = {"engine": "combination"}  # the benchmark's name for the engine's combination


def model_text(model: str) -> ModelText:
    """The catalogue's entry for ``model`` (a KeyError names a model nobody has described)."""
    return CATALOGUE[ALIASES.get(model, model)]
