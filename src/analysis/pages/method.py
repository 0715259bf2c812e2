"""The method chapter's text, tables and figure, generated from the benchmark output and the engine.

The chapter opens in plain words (what a probability of meeting a target means, the evidence tiers,
what "not assessable" asks of the reader) and only then shows the competition measures. Every
number in its prose is read from ``benchmarks/results/forecast_skill.json`` or from the settings.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt

from analysis.assess.targets import DEFAULT_SETTINGS, MIN_POINTS, Settings
from analysis.forecast.calibration import LEVELS, WINDOW, pooled_table
from analysis.forecast.descriptions import ALIASES, CATALOGUE, model_text
from analysis.pages.chapter import markdown_table
from analysis.pages.figures import use_cjk_font
from analysis.pages.markup import Md, bilingual, md
from analysis.paths import REPO_ROOT

RESULTS_FILE = REPO_ROOT / "benchmarks" / "results" / "forecast_skill.json"
PLAIN_WORDS_FILE = Path(__file__).with_name("method_plain_words.md")  # Chinese first, then English


def load_results(path: Path = RESULTS_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rows(results: dict, key: str) -> dict[str, dict]:
    return {r["model"]: r for r in results[key]}


def _name(model: str) -> str:
    """A model's Chinese and code names (its code name alone if the catalogue lacks it)."""
    entry = CATALOGUE.get(ALIASES.get(model, model))
    return f"{entry.name_zh} {model}" if entry else model


def model_description(model: str) -> Md:
    """What a model does (from the engine's catalogue, the words of every target's projection
    table), in Chinese, then in English on the next line of the same cell."""
    text = model_text(model)
    return Md(f"{md(text.zh)}<br>{md(text.en)}")


def plain_words(settings: Settings = DEFAULT_SETTINGS) -> str:
    """The chapter's opening: how to read a probability, a tier and a 'not assessable'."""
    level = f"{settings.interval_level:.0%}"
    text = PLAIN_WORDS_FILE.read_text(encoding="utf-8")
    return text.format(level=level, min_points=MIN_POINTS).rstrip()


def _models(rows: dict[str, dict]) -> list[str]:
    """The reference models (not the book's earlier rules) present in a results table."""
    return [m for m in rows if m not in ("engine", "previous", "round 1")]


def headline(results: dict) -> str:
    """The test results in plain words (every number read from the results file)."""
    m3, book, cov = _rows(results, "m3"), _rows(results, "book_series"), results["coverage"]
    e, d = m3["engine"], m3["drift"]
    listed = _models(m3)
    beaten = [m for m in listed if m3[m]["owa"] > e["owa"]]
    low, high = results["m3_engine_vs_drift_90"]
    book_low, book_high = results["book_engine_vs_drift_90"]
    be = book["engine"]
    earlier = [r for r in ("previous", "round 1") if r in m3 and r in book]
    earlier_zh = "".join(
        f"本书{'2026年之前的规则' if r == 'previous' else '2026年的第一条规则'}在这里得分"
        f"{m3[r]['owa']:.3f}，在M3上{'更好' if m3[r]['owa'] < e['owa'] else '并不更好'}，"
        f"在本书序列上相对漂移为{book[r]['owa_vs_drift']:.3f}。"
        for r in earlier
    )
    zh = (
        f"在M3竞赛的{results['m3_series']}个年度序列上只检验一次（每个序列按本书调用引擎的方式，"
        f"以最后{results['window']}个数据向前预测{results['horizon']}年），引擎预测相对Naive2的OWA为"
        f"{e['owa']:.3f}（低于1表示优于沿用最后一个值）；带漂移的随机游走得分{d['owa']:.3f}，因此引擎"
        f"相对漂移的得分为{e['owa_vs_drift']:.3f}（按序列自助法的90%区间为{low:.3f}–{high:.3f}）。"
        f"它优于{len(listed)}个参照模型中的{len(beaten)}个。{earlier_zh}在本书自己的"
        f"{int(be['series'])}个序列上，引擎相对漂移的OWA为{be['owa_vs_drift']:.3f}（{book_low:.3f}–"
        f"{book_high:.3f}；其中{int(be['beats_drift'])}个优于漂移，{int(be['loses_to_drift'])}个不如"
        f"漂移，其余即为漂移本身）。其80%区间包含了{cov['80%']['overall']:.1%}的M3留出数值，95%区间包含"
        f"{cov['95%']['overall']:.1%}；在本书序列上分别为{be['coverage_80']:.1%}和"
        f"{be['coverage_95']:.1%}。{coverage_caveat_zh(results)}"
    )
    earlier_text = " ".join(
        f"The book's {'rule until 2026' if r == 'previous' else 'first rule of 2026'} scores "
        f"{m3[r]['owa']:.3f} here, {'better' if m3[r]['owa'] < e['owa'] else 'no better'} on M3, "
        f"and {book[r]['owa_vs_drift']:.3f} against drift on the book's series."
        for r in earlier
    )
    return bilingual(zh, (
        f"Tested once on the {results['m3_series']} yearly series of the M3 competition (each "
        f"forecast {results['horizon']} years ahead from its last {results['window']} figures, the "
        f"way the book calls the engine), the engine's projection scores OWA {e['owa']:.3f} against "
        f"Naive2 (below 1 is better than carrying the last value forward); random walk with drift "
        f"scores {d['owa']:.3f}, so against drift the engine scores {e['owa_vs_drift']:.3f} (90 % "
        f"bootstrap interval over series {low:.3f}–{high:.3f}). It beats {len(beaten)} of the "
        f"{len(listed)} reference models. {earlier_text} On the book's own {int(be['series'])} "
        f"series the engine's OWA against drift is {be['owa_vs_drift']:.3f} ({book_low:.3f}–"
        f"{book_high:.3f}; better than drift on {int(be['beats_drift'])} of them, worse on "
        f"{int(be['loses_to_drift'])}, and on the rest it is drift). Its 80 % bands contained "
        f"{cov['80%']['overall']:.1%} of the held-out M3 values and its 95 % bands "
        f"{cov['95%']['overall']:.1%}; on the book's own series, {be['coverage_80']:.1%} and "
        f"{be['coverage_95']:.1%}. {coverage_caveat(results)}"
    ))  # fmt: skip


def _outside_80_goal(coverage: float) -> bool:
    """Whether the 80 % band's coverage on the M3 test misses the 77–83 % the book aims at."""
    return not 0.77 <= coverage <= 0.83


def coverage_caveat_zh(results: dict) -> str:
    """:func:`coverage_caveat` in Chinese, the same numbers and conditions."""
    val, test = results["selection_coverage"], results["coverage"]["80%"]["overall"]
    naive_val = _rows(results, "selection")["naive"]["smape"]
    naive_test = _rows(results, "m3")["naive"]["smape"]
    text = (
        f"在验证年份上（最后{results['horizon']}个训练数据，校准取自其之前的年份），同样的区间覆盖了"
        f"{val['80%']:.1%}和{val['95%']:.1%}。"
    )
    if _outside_80_goal(test):
        text += (
            f"在测试中80%区间覆盖了{test:.1%}，超出了77–83%的目标范围；依据训练数据选出的构造"
            "并不能把它拉回范围之内（见区间一节）。"
        )
    if test > val["80%"] and naive_test < naive_val:
        text += (
            f"M3测试年份比训练年份平稳（沿用最后一个值的误差在测试年份为{naive_test:.1f}%，在验证年份为"
            f"{naive_val:.1f}%），因此按训练年份校准的区间比这些测试年份所需的更宽；看过测试之后没有再"
            "收窄区间，否则就是在测试数据上调参。"
        )
    return text


def coverage_caveat(results: dict) -> str:
    """Why the M3 test coverage can differ from nominal, in numbers from the results."""
    val, test = results["selection_coverage"], results["coverage"]["80%"]["overall"]
    naive_val = _rows(results, "selection")["naive"]["smape"]
    naive_test = _rows(results, "m3")["naive"]["smape"]
    text = (
        f"On the validation years (the last {results['horizon']} training figures, with a "
        f"calibration made from the years before them) the same bands covered {val['80%']:.1%} "
        f"and {val['95%']:.1%}."
    )
    if _outside_80_goal(test):
        text += (
            f" On the test the 80 % band covered {test:.1%}, outside the 77–83 % aimed at; the "
            "construction chosen on training data does not bring it inside (see the interval "
            "section)."
        )
    if test > val["80%"] and naive_test < naive_val:
        text += (
            f" The M3 test years were calmer than the training years (carrying the last value "
            f"forward erred by {naive_test:.1f} % there against {naive_val:.1f} % on the "
            "validation years), so bands calibrated on training years came out wider than these "
            "test years needed; they were not narrowed after the test, which would have tuned "
            "them on it."
        )
    return text


def skill_table(results: dict) -> str:
    rows = sorted(results["m3"], key=lambda r: r["owa"])
    return markdown_table(
        ["模型 Model", "说明 What it does", "sMAPE %", "MASE", "相对Naive2 OWA vs Naive2",
         "相对漂移 OWA vs drift", "80%区间覆盖 80 % band covers", "95%区间覆盖 95 % band covers", "MSIS",
         "每序列毫秒 ms per series"],
        [[_name(r["model"]), model_description(r["model"]), f"{r['smape']:.2f}", f"{r['mase']:.3f}",
          f"{r['owa']:.3f}", f"{r['owa_vs_drift']:.3f}", f"{r['coverage_80']:.1%}",
          f"{r['coverage_95']:.1%}", f"{r['msis']:.1f}", f"{r['ms_per_series']:.2f}"] for r in rows],
    )  # fmt: skip


def selection_table(results: dict) -> str:
    rows = sorted(results["selection"], key=lambda r: r["owa"])
    return markdown_table(
        ["规则 Rule", "sMAPE %", "MASE", "相对Naive2 OWA vs Naive2", "相对漂移 OWA vs drift"],
        [[_name(r["model"]), f"{r['smape']:.2f}", f"{r['mase']:.3f}", f"{r['owa']:.3f}",
          f"{r['owa_vs_drift']:.3f}"] for r in rows],
    )  # fmt: skip


def book_skill_table(results: dict) -> str:
    rows = sorted(results["book_series"], key=lambda r: r["owa_vs_drift"])
    if not rows:
        return Md(
            "`data/`中没有足够长的序列可作回测。 No series in `data/` is long enough for a backtest."
        )
    return markdown_table(
        ["模型 Model", "sMAPE %", "MASE", "相对Naive2 OWA vs Naive2", "相对漂移 OWA vs drift",
         "优于漂移 beats drift on", "不如漂移 loses to drift on", "序列 series", "预测数 forecasts"],
        [[_name(r["model"]), f"{r['smape']:.1f}", f"{r['mase']:.2f}", f"{r['owa']:.3f}",
          f"{r['owa_vs_drift']:.3f}", int(r["beats_drift"]), int(r["loses_to_drift"]),
          int(r["series"]), int(r["points"])] for r in rows],
    )  # fmt: skip


def coverage_table(results: dict) -> str:
    cov = results["coverage"]
    horizons = sorted(cov["80%"]["by_h"], key=int)
    return markdown_table(
        ["名义水平 Nominal", "全部步长 All horizons", *[f"h={h}" for h in horizons]],
        [
            [level, f"{c['overall']:.1%}", *[f"{c['by_h'][h]:.0%}" for h in horizons]]
            for level, c in cov.items()
        ],
    )


def rule_grid_table(results: dict, per_table: int = 6) -> str:
    """OWA against drift of every setting of the rule on every validation set, in tables of at
    most ``per_table`` sets each so that a desktop column holds them without scrolling."""
    rows = results["rule_grid"]
    columns = [c for c in rows[0] if c != "model"]
    chosen = results["rule_choice"]["criterion_chooses"]
    names = [f"{r['model']} (chosen 选定)" if r["model"] == chosen else r["model"] for r in rows]
    tables = []
    for start in range(0, len(columns), per_table):
        part = columns[start : start + per_table]
        tables.append(markdown_table(
            ["设置 Setting", *part],
            [[name, *[f"{r[c]:.3f}" for c in part]] for name, r in zip(names, rows, strict=True)],
        ))  # fmt: skip
    return "\n\n".join(tables)


def interval_table(results: dict) -> str:
    """Every candidate interval construction on the validation years it never saw."""
    rows = results["interval_constructions"]
    depths = sorted({int(k.rsplit("_", 1)[1]) for k in rows[0] if "depth" in k})
    return markdown_table(
        ["构造 Construction", "失准度 Miscalibration", "MSIS",
         *[f"80%/95%区间（最后{d}个训练数据） 80 % / 95 % band, last {d} training figures"
           for d in depths]],
        [[r["construction"], f"{r['miscalibration']:.3f}", f"{r['msis']:.1f}",
          *[f"{r[f'coverage_80_depth_{d}']:.1%} / {r[f'coverage_95_depth_{d}']:.1%}"
            for d in depths]] for r in rows],
    )  # fmt: skip


def interval_text(results: dict) -> str:
    """How the interval construction was chosen, and what the test said, in plain words."""
    rows = {r["construction"]: r for r in results["interval_constructions"]}
    choice = results["interval_choice"]
    test = results["coverage"]
    chosen = rows[choice["criterion_chooses"]]
    wider = [n for n, r in rows.items() if r["coverage_80_depth_6"] > chosen["coverage_80_depth_6"]]
    narrower = [n for n in rows if n not in wider and n != choice["criterion_chooses"]]
    zh = (
        "本书试过几种构造区间的方法，每种都在M3训练部分上进行，留出最后6个（或12个）数据，并按其80%和"
        "95%区间包含这些数据的频率评判（失准度：两者与名义水平的距离，在两种留出深度上取平均）。"
        f"选定的构造是：{choice['criterion_chooses']}。"
    )
    if wider:
        zh += (
            f"其余构造中有{len(wider)}种（包括按各序列最近的起点校准，这些起点在时间上最接近测试）在验证"
            "年份上给出的区间更宽而不是更窄：最后几个训练年份并不比更早的年份平稳。"
        )
    if narrower:
        zh += "更窄的构造（" + "；".join(narrower) + "）包含的验证数值太少。"
    zh += (
        f"在M3测试中，选定的区间包含了{test['80%']['overall']:.1%}（80%）和"
        f"{test['95%']['overall']:.1%}（95%）的数值。"
    )
    if _outside_80_goal(test["80%"]["overall"]):
        zh += (
            "这超出了80%区间77–83%的目标范围。唯一更窄的构造在验证年份上包含的数值太少，训练数据没有"
            "理由选它；本书看过测试之后不再收窄区间，因此在像M3测试年份这样平稳的年份里，它的区间偏"
            "谨慎（偏宽），概率也不如可能的那样明确。"
        )
    text = (
        "Several ways of building the band were tried, each on the M3 training parts with their "
        "last 6 (or 12) figures held back, and judged by how often its 80 % and 95 % bands held "
        "those figures (miscalibration: the distance of both from nominal, averaged over the two "
        f"depths). The construction chosen is: {choice['criterion_chooses']}. "
    )
    if wider:
        text += (
            f"{len(wider)} of the others (among them calibrating on each series' most recent "
            "origins, which are closest in time to the test) gave wider bands on the validation "
            "years, not narrower: the last training years were no calmer than earlier ones. "
        )
    if narrower:
        text += "The narrower ones (" + "; ".join(narrower) + ") held too few validation values. "
    text += (
        f"On the M3 test the chosen bands held {test['80%']['overall']:.1%} (80 %) and "
        f"{test['95%']['overall']:.1%} (95 %) of the values."
    )
    if _outside_80_goal(test["80%"]["overall"]):
        text += (
            " That is outside the 77–83 % aimed at for the 80 % band. The only narrower "
            "construction held too few values on the validation years, so training data gave no "
            "reason to choose it; the book does not narrow its bands after seeing the test, so on "
            "years as calm as the M3 test years its bands are "
            "somewhat cautious (too wide), and its probabilities somewhat less decided than they "
            "could be."
        )
    return bilingual(zh, text)


def calibration_figure():
    """The calibrated error quantiles by horizon: how fast uncertainty grows with the horizon."""
    use_cjk_font()
    table = pooled_table()
    horizons = range(1, table.shape[0] + 1)
    fig, ax = plt.subplots(figsize=(7.5, 3.8), dpi=110)
    for lo, hi, alpha in ((0.1, 0.9, 0.35), (0.025, 0.975, 0.15)):
        i, j = list(LEVELS).index(lo), list(LEVELS).index(hi)
        ax.fill_between(horizons, table[:, i], table[:, j], color="#2c7fb8", alpha=alpha, lw=0,
                        label=f"{hi - lo:.0%} 区间 interval")  # fmt: skip
    ax.plot(horizons, table[:, list(LEVELS).index(0.5)], color="#2c7fb8", label="中位数 median")
    ax.set_xlabel("预测步长（年） horizon (years)")
    ax.set_ylabel("误差 / 年均变化 error ÷ mean yearly change")
    ax.set_title("回测误差分位数（M3年度序列） Backtest error quantiles (M3 yearly)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def calibration_note(results: dict) -> str:
    cal = results["calibration"]
    state = "matches" if cal["reproducible"] else "does NOT match"
    state_zh = "与随附的表一致" if cal["reproducible"] else "与随附的表不一致"
    zh = Md(
        f"该表汇集了{cal['errors']:,}个回测误差，每个来自一个按本书调用引擎的方式、以最后{WINDOW}个数据"
        f"拟合的起点。它以`{cal['file']}`随附；`make calibration`可逐字节重新生成它（基准测试最近一次"
        f"运行时，重新生成的表{state_zh}）。"
    )
    return bilingual(
        zh,
        Md(
            f"The table pools {cal['errors']:,} backtest errors, each from an origin fitted to its last "
            f"{WINDOW} figures, the way the book calls the engine. It ships as `{cal['file']}`; "
            f"`make calibration` regenerates it byte for byte (on the benchmark's last run the "
            f"regenerated table {state} the shipped one)."
        ),
    )


def thresholds_table(settings: Settings = DEFAULT_SETTINGS) -> str:
    return markdown_table(
        ["状态 Status", "规则 Rule", "参数 Parameter"],
        [
            ["已实现 achieved",
             Md("最新公布的数据已达到目标<br>the latest published figure already meets the target"),
             "—"],
            ["进展顺利 on track", f"P(meet) ≥ {settings.on_track:.0%}", f"on_track = {settings.on_track}"],
            ["存在风险 at risk", f"{settings.off_track:.0%} ≤ P(meet) < {settings.on_track:.0%}", "—"],
            ["偏离轨道 off track", f"P(meet) < {settings.off_track:.0%}", f"off_track = {settings.off_track}"],
            ["无法评估 not assessable",
             Md(f"方案没有给出数字、没有公开数据序列，或连续数据少于{MIN_POINTS}个<br>no number in "
                f"the plan, no public series, or fewer than {MIN_POINTS} consecutive figures"),
             "—"],
        ],
    )  # fmt: skip


def models_text(settings: Settings = DEFAULT_SETTINGS) -> str:
    from analysis.forecast.backtest import MIN_TRAIN
    from analysis.forecast.models import CLEAR_ADVANTAGE, MIN_ORIGINS, PRIOR_ORIGINS

    window = settings.history_years or "all"
    window_zh = f"最多最近{settings.history_years}个" if settings.history_years else "全部"
    zh = Md(
        "方案的指标是短的年度序列，常常只有5到20个数据。对这类序列，几十年的预测竞赛（2000年的M3、"
        "2018年的M4）发现，简单方法及其组合的预测不比复杂方法差，而带漂移的随机游走（把平均年变化"
        "延续下去）在各类年度数据上都很难被超越。引擎用最近一段连续年度数据（"
        f"{window_zh}，参数`history_years`）拟合六个简单模型。其预测从漂移出发，只有当序列自身的"
        "记录清楚表明阻尼趋势（近期趋势逐渐放平）更好时，才向阻尼趋势移动：引擎用每个更早年份之前的"
        "数据重新预测该年，并比较两个模型的误差（MASE）。只有当序列至少有"
        f"{MIN_ORIGINS}次这样的重新预测（因此至少{MIN_TRAIN + MIN_ORIGINS}个数据），且阻尼趋势好出"
        f"{CLEAR_ADVANTAGE}个标准误以上时，阻尼趋势才得到一份权重；这份权重是1 / MASE²，再乘以"
        f"n / (n + {PRIOR_ORIGINS})收缩（n为重新预测次数），因此短的记录只会让预测移动一点。为什么"
        "这样谨慎：阻尼趋势对人口和产业的预测优于漂移，对企业、金融和旅游则更差，而短的记录无法"
        "判断一个序列属于哪一类。每个目标一节都列出这些：每个模型对目标年份的预测、回测误差、权重"
        "及原因。对有界的比重（0–100%），每个预测和区间都保持在界限之内。连续年度数据少于"
        f"{MIN_POINTS}个的序列不作预测（见上文的证据等级）。"
    )
    return bilingual(
        zh,
        Md(
            "The plan's indicators are short yearly series, often 5 to 20 figures. For such series, "
            "decades of forecasting competitions (M3 in 2000, M4 in 2018) found that simple methods "
            "and combinations of them forecast as well as complex ones, and that random walk with "
            "drift (the average yearly change carried forward) is hard to beat on yearly data of "
            "every kind. The engine fits six simple models to the latest run of consecutive yearly "
            f"figures (at most the last {window}, the parameter `history_years`). Its projection "
            "starts from drift and moves towards damped trend (the recent trend, flattening) only "
            "when the series' own record shows damped trend clearly better: the engine re-forecasts "
            "every earlier year from the figures before it and compares the two models' errors "
            f"(MASE). Damped trend gets a share only if the series has at least {MIN_ORIGINS} such "
            f"re-forecasts (so at least {MIN_TRAIN + MIN_ORIGINS} figures) and damped trend did "
            f"better by more than {CLEAR_ADVANTAGE} standard errors; its share is then its weight "
            f"1 / MASE² shrunk by n / (n + {PRIOR_ORIGINS}), n being the number of re-forecasts, so "
            "a short record moves the projection only a little. Why so cautious: damped trend "
            "forecasts populations and industries better than drift but firms, finance and tourism "
            "worse, and a short record cannot tell which kind a series is. Each target's section "
            "shows this: every model's projection to the target year, its backtest error, its weight "
            "and why. For shares with bounds (0–100 %), every projection and interval stays inside "
            f"the bounds. A series with fewer than {MIN_POINTS} consecutive yearly figures gets no "
            "projection (see the evidence tiers above)."
        ),
    )


def selection_text(results: dict) -> str:
    sel, book = _rows(results, "selection"), _rows(results, "book_series")
    grid = _rows(results, "rule_grid")
    choice = results["rule_choice"]
    chosen = grid[choice["criterion_chooses"]]
    r1 = grid.get("round 1")
    sets = [c for c in chosen if c not in ("model", "worst", "validation")]
    zh = (
        "规则是在查看M3测试数值之前选定的，依据两类数据：M3训练部分（每个序列用之前的数据预测最后"
        f"{results['horizon']}个训练数据，也按M3的六个类别分开、也只用最后8个数据、也向更早推一步）和"
        "本书自己的序列。准则是：在一小组设置（阻尼趋势的优势要多清楚、短记录向漂移收缩多少）中，"
        "在这些数据集上都不输给漂移的设置里，取M3验证年份上最好的一个。它选中了"
        f"{choice['criterion_chooses']}：验证年份上相对漂移的OWA为{chosen['validation']:.3f}，在任一"
        f"数据集上最差为{chosen['worst']:.3f}。"
    )
    if r1 is not None:
        worst_zh = max(sets, key=lambda c: r1[c])
        zh += (
            f"引擎2026年的第一条规则（不检验优势是否清楚、不收缩）在验证年份上得分{r1['validation']:.3f}，"
            f"平均更好，但在某些类型的序列上输给漂移（在{worst_zh}上为{r1[worst_zh]:.3f}）；在M3之外，"
            "它在旅游数据上输给漂移，因此规则改得更谨慎。"
        )
    zh += (
        f"在本书自己的序列上，选定规则相对漂移的得分为{book['engine']['owa_vs_drift']:.3f}；"
        f"之前一半为朴素法的规则得分{book['previous']['owa_vs_drift']:.3f}，压住了后来仍在延续的趋势"
        f"（在M3验证年份上为{sel['previous']['owa']:.3f}，选定规则为{sel['engine']['owa']:.3f}）。"
    )
    text = (
        "The rule was chosen before the M3 test values were looked at, on two kinds of data: the "
        f"M3 training parts (each series' last {results['horizon']} training figures forecast from "
        "the ones before them, also split by the six M3 categories, also from only the last 8 "
        "figures, and one step further back in time) and the book's own series. The criterion: "
        "among a small grid of settings (how clear damped trend's advantage "
        "must be, how strongly a short record is shrunk towards drift), take the best on the M3 "
        "validation years among those that lose to drift on none of these sets. It chose "
        f"{choice['criterion_chooses']}: OWA against drift {chosen['validation']:.3f} on the "
        f"validation years, at worst {chosen['worst']:.3f} on any set."
    )
    if r1 is not None:
        worst_set = max(sets, key=lambda c: r1[c])
        text += (
            f" The engine's first rule of 2026 (no test of clarity, no shrinking) scored "
            f"{r1['validation']:.3f} on the validation years, better on average, but lost to "
            f"drift on some kinds of series (on {worst_set} {r1[worst_set]:.3f}); outside M3 it "
            "lost to drift on tourism data, which is why the rule was made more cautious."
        )
    text += (
        f" On the book's own series the chosen rule scores {book['engine']['owa_vs_drift']:.3f} "
        f"against drift; the previous rule, half naive, scored "
        f"{book['previous']['owa_vs_drift']:.3f} and held back trends that went on "
        f"(on the M3 validation years {sel['previous']['owa']:.3f} against "
        f"{sel['engine']['owa']:.3f} for the chosen rule)."
    )
    return bilingual(zh, text)


def _reading(coverage: float) -> str:
    """How an 80 % band's coverage reads, in a few words."""
    if coverage > 0.83:
        return " (more than 80 %: the bands are cautious)"
    if coverage < 0.77:
        return " (fewer than 80 %: the bands are too narrow)"
    return ""


def _reading_zh(coverage: float) -> str:
    """:func:`_reading` in Chinese."""
    if coverage > 0.83:
        return "（超过80%：区间偏谨慎）"
    if coverage < 0.77:
        return "（不到80%：区间偏窄）"
    return ""


def summary(results: dict) -> str:
    """The chapter's summary: each point in Chinese, then in English."""
    m3, book, cov = _rows(results, "m3"), _rows(results, "book_series"), results["coverage"]
    zh = [
        "达成概率是经过校准的结果范围中落在达标一侧的比例；评级随之而定，每个结论都写明其证据等级。",
        "除非序列自身的记录清楚地偏向阻尼趋势，预测就是带漂移的随机游走：M3测试上OWA为"
        f"{m3['engine']['owa']:.3f}，漂移为{m3['drift']['owa']:.3f}；在本书序列上相对漂移为"
        f"{book['engine']['owa_vs_drift']:.3f}。",
        "区间来自同一预测在M3训练数据回测中的误差：80%区间包含了"
        f"{cov['80%']['overall']:.0%}的M3测试数值{_reading_zh(cov['80%']['overall'])}，以及本书自己"
        f"序列的{book['engine']['coverage_80']:.0%}。",
        "数据无法说明的目标标为无法评估，从不猜测，并写明哪个公开序列能让本书评估它。",
    ]
    en = [
            "- A probability of meeting a target is the share of a calibrated range of outcomes on "
            "the target's side; the status follows it, and every verdict names its evidence tier.",
            "- The projection is random walk with drift unless the series' own record clearly "
            f"favours damped trend: OWA {m3['engine']['owa']:.3f} on the M3 test against "
            f"{m3['drift']['owa']:.3f} for drift; {book['engine']['owa_vs_drift']:.3f} against "
            "drift on the book's series.",
            "- Intervals come from how wrong the same projection was in backtests on M3 training "
            f"data: the 80 % band held {cov['80%']['overall']:.0%} of the M3 test values"
            f"{_reading(cov['80%']['overall'])} and {book['engine']['coverage_80']:.0%} of the "
            "book's own.",
            "- A target the data cannot speak to is marked not assessable, never guessed, and says "
            "which published series would let the book assess it.",
        ]  # fmt: skip
    return "\n".join(f"- {z} {e.removeprefix('- ')}" for z, e in zip(zh, en, strict=True))


# ---------------------------------------------------------------- prose with numbers in it
# The method notebook's markdown holds no number: every count, window and horizon below comes
# from the results file or the engine's constants, so a new run can never leave a stale sentence.

HINDCASTS = ((2015, 2020), (2014, 2019))  # (as if at the end of, projecting): CEADs' last year


def test_intro(results: dict) -> str:
    """How the M3 test was run, with its counts from the results file."""
    n, h = int(results["m3_series"]), int(results["horizon"])
    zh = (
        f"M3竞赛的{n}个年度序列，每个按本书调用引擎的方式（下界为零）以其训练部分的最后数据向前预测"
        f"{h}年，并与留出的{h}年比较，只比较一次。覆盖率是区间包含留出数值的频率；MSIS（M4竞赛的区间"
        "评分）把区间宽度与每个落在区间外的数值的罚分相加，越低越好。参照模型的区间用教科书的方法："
        "一步回测误差乘以步长的平方根。"
    )
    return bilingual(
        zh,
        (
            f"The {n} yearly series of the M3 competition, each forecast {h} years ahead from the last "
            "figures of its training part (as the book calls the engine, with a lower bound of zero) "
            f"and compared with the {h} held-out years, once. Coverage is how often a band contained "
            "the held-out value; MSIS (the M4 competition's interval score) adds a band's width to a "
            "penalty for every value outside it, so lower is better. The reference models' bands are "
            "the textbook ones: their one-step backtest error times the square root of the horizon."
        ),
    )


def book_backtest_intro(results: dict) -> str:
    """How the book's own series were backtested."""
    zh = (
        "有界（logit）模型没有出现：M3序列没有天然的界限。在本书自己的序列上，滚动起点回测（每年用最多"
        f"最近{int(results['window'])}个数据重新拟合，向前预测1–{int(results['book_horizon'])}年，"
        "使用指标的界限）结果如下："
    )
    return bilingual(
        zh,
        (
            "The bounded (logit) model does not appear: M3 series have no natural bounds. On the "
            "book's own series, a rolling-origin backtest (refit each year on at most the last "
            f"{int(results['window'])} figures, forecast 1–{int(results['book_horizon'])} years ahead, "
            "with the indicators' bounds) gives:"
        ),
    )


def calibration_intro(results: dict) -> str:
    """How the bands are built from backtest errors (window and horizon from the engine)."""
    from analysis.forecast.calibration import MAX_H

    zh = Md(
        "模型自带的年度数据区间太窄（见上文参照模型的覆盖率），所以引擎不采用它们。引擎在全部"
        f"{int(results['m3_series'])}个M3序列的训练部分（从不使用其测试部分）上对自己的预测做滚动起点"
        f"回测：在每个窗口完整的起点，用最后{WINDOW}个数据重新拟合，向前预测最多{MAX_H}年，记录误差"
        "除以序列平均年变化量的值，并按序列当时的变动方向取正负号。这些误差在每个步长上的分布"
        "（见下图），以预测值为中心，构成本书每张图的区间带：一个序列在步长*h*的区间，等于其预测值加上"
        "它自身的平均年变化量乘以*h*的误差分位数。因此预测值位于自身区间的中间，区间越往后越不会变窄；"
        f"超过{MAX_H}年后，区间按步长成比例扩大。"
    )
    return bilingual(
        zh,
        Md(
            "Models' own intervals on yearly data are too narrow (see the coverage of the reference "
            "models above). The engine therefore does not trust them. It runs rolling-origin backtests "
            f"of its own projection on the training parts of all {int(results['m3_series'])} M3 "
            "series (never their test parts): at each origin with a full window it refits on the last "
            f"{WINDOW} figures, forecasts up to {MAX_H} years ahead, and records the error divided by "
            "the series' average yearly change, signed along the direction the series was moving. The "
            "spread of these errors at each horizon (below), centred on the projection, becomes the "
            "band of every chart in the book: a series' band at horizon *h* is its projection plus its "
            "own average yearly change times the error quantiles for *h*. The projection is therefore "
            f"the middle of its own band, and bands never narrow further out; beyond {MAX_H} years "
            "they grow in proportion to the horizon."
        ),
    )


def hindcast_intro(pairs=HINDCASTS) -> str:
    """What the hindcast section runs, from the origins it runs."""
    runs_zh = "；以及".join(
        f"假设处于{origin}年末（只用截至{origin}年的数据）预测{outcome}年"
        for origin, outcome in pairs
    )
    zh = f"同一个引擎，{runs_zh}。每一行把当时的预测与后来公布的数据比较。"
    runs = "; and ".join(
        f"as if it were the end of {origin} (only figures up to {origin}), projecting {outcome}"
        for origin, outcome in pairs
    )
    return bilingual(
        zh,
        f"The same engine, run {runs}. Each row compares that projection with the figure later "
        "published.",
    )
