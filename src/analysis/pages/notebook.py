"""What a chapter notebook needs, in one call: validated parameters, data, targets and assessment."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from analysis.assess.headline import coherence, peak_words, peaks_by_source
from analysis.assess.parameters import settings_from_parameters
from analysis.assess.targets import Assessment, Settings, assess_all, assess_target
from analysis.data.loader import Dataset, load_dataset
from analysis.data.overlay import overlay_series, resolve_data_dir
from analysis.data.plan import Action, read_plan
from analysis.data.registry import load_targets, targets_for_action
from analysis.errors import ParameterError
from analysis.pages import chapter as C
from analysis.pages import interactive as I
from analysis.pages.frontpage import RATINGS, action_strip, data_as_of, verdict
from analysis.pages.markup import Md, bilingual, code, md, md_code
from analysis.paths import DATA_DIR

__all__ = ["overlay_series", "resolve_data_dir", "settings_from_parameters", "open_chapter",
           "open_data", "default_assessment",
           "open_overview"]  # fmt: skip


def _check(name: str, value, kind):
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ParameterError(f"parameter '{name}': expected {kind.__name__}, got {value!r}")
    return value


@dataclass
class Chapter:
    action: Action
    targets: pd.DataFrame
    data: Dataset
    settings: Settings
    assessments: list[Assessment]

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            [a.__dict__ for a in self.assessments], columns=list(Assessment.__dataclass_fields__)
        )

    def show_overview(self) -> None:
        """What this chapter holds, Chinese first; counts by status and evidence from its table."""
        from analysis.assess.targets import STATUS_ZH, STATUSES, TIER_ZH
        from analysis.pages.chapter import TIER_EN

        counts = self.table["status"].value_counts()
        tiers = self.table["tier"].value_counts()
        n_measures, n_targets = len(self.action.measures), len(self.targets)
        status_zh = "、".join(f"{STATUS_ZH[s]}{int(counts[s])}个" for s in STATUSES if s in counts)
        status_en = ", ".join(f"{int(counts[s])} {s}" for s in STATUSES if s in counts)
        tier_zh = "、".join(f"{TIER_ZH[t]}{int(n)}个" for t, n in tiers.items())
        tier_en = ", ".join(f"{int(n)} on {TIER_EN[t]}" for t, n in tiers.items())
        measures_zh = f"含{n_measures}项措施，" if n_measures else ""
        measures_en = f"{n_measures} measures and " if n_measures else ""
        if n_targets:
            zh = (
                f"{self.action.clause}{md(self.action.name_zh)}{measures_zh}登记量化目标{n_targets}个：{status_zh}"
                f"（证据：{tier_zh}）。下文每个目标引用方案原文，给出最新数据、证据等级、判断方法与理由。"
            )
            en = (
                f"Action {self.action.clause} ({md(self.action.name_en)}) has {measures_en}{n_targets} registered "
                f"quantitative targets: {status_en} (evidence: {tier_en}). Each target below quotes the plan, "
                "gives the latest figure, its evidence tier, how it was judged and why."
            )
        else:
            zh = (
                f"{self.action.clause}{md(self.action.name_zh)}{measures_zh}方案在本行动中没有给出量化目标；"
                "下文列出措施清单和相关背景数据。"
            )
            en = (
                f"Action {self.action.clause} ({md(self.action.name_en)}) has {measures_en}no quantitative "
                "target in the plan; its measures are listed below with the context the public data allow."
            )
        display(Markdown(f"{zh}\n\n{en}"))

    def show_plan_words(self) -> None:
        display(Markdown(C.action_header(self.action)))

    def show_targets(self) -> None:
        charted = [
            a
            for (_, t), a in zip(self.targets.iterrows(), self.assessments, strict=True)
            if I.evidence_series(t, a)[0] and self._has_figures(*I.evidence_series(t, a))
        ]
        stars = any(a.target_year and _present(a.target_level) for a in charted)
        display(Markdown(C.targets_intro(self.targets, bool(charted), stars)))
        for (_, t), a in zip(self.targets.iterrows(), self.assessments, strict=True):
            display(Markdown(C.target_heading(t)))
            display(Markdown(C.target_section(t, a, self.data)))
            indicator, region = I.evidence_series(t, a)
            if indicator and self._has_figures(indicator, region):
                _show_chart(I.target_figure(t, a, self.data, self.settings), t["id"], indicator)
            if (
                a.tier == "proxy"
                and t["indicator"]
                and self._has_figures(t["indicator"], "Guangdong")
            ):
                own = dataclasses.replace(
                    a, tier="single figure", evidence_indicator="", evidence_region=""
                )
                display(
                    Markdown("**本身数据 The target's own figures** (not enough for a verdict):")
                )
                _show_chart(
                    I.target_figure(t, own, self.data, self.settings),
                    f"own-{t['id']}",
                    t["indicator"],
                )
            if a.model and a.target_year and a.kind != "peak":
                from analysis.assess.targets import forecast_for

                fc = forecast_for(indicator, a.target_year, self.data, self.settings, region)
                if fc is not None:
                    display(
                        Markdown(
                            C.projection_details(
                                fc.explanation(a.target_year), a.indicator_unit, a.target_year
                            )
                        )
                    )
            notes = C.readings_note(indicator, region, self.data) if indicator else ""
            if notes:
                display(Markdown(notes))

    def _has_figures(self, indicator: str, region: str) -> bool:
        return bool(
            len(self.data.observations(indicator, region))
            or len(self.data.dated_points(indicator, region))
        )

    def show_context(self) -> None:
        """Published series that describe this action's field, where the plan has no number for them."""
        ids = [
            i.id
            for i in self.data.indicators.itertuples()
            if str(self.action.number) in i.context_for.split()
        ]
        shown = [i for i in ids if len(self.data.observations(i)) >= 2]
        if not shown:
            display(
                Markdown(
                    bilingual(
                        Md(f"除目标本身外，{code('data/')}中没有描述本行动领域的公开年度序列。"),
                        Md(
                            f"No public yearly series in {code('data/')} describes this action "
                            "beyond its targets."
                        ),
                    )
                )
            )
            return
        display(
            Markdown(
                bilingual(
                    "以下公开数据序列描述本行动所在领域，仅作背景：它们都不是方案的目标，因此不给状态。",
                    "Published series that describe this action's field. They are context: none of "
                    "them is a target of the plan, so none gets a status.",
                )
            )
        )
        for indicator in shown:
            ind = self.data.indicator(indicator)
            obs = self.data.observations(indicator)
            _show_chart(
                I.context_figure(ind["name_zh"], ind["name_en"], ind["unit"], obs, self.data),
                f"context-{self.action.number}-{indicator}",
                indicator,
            )

    def show_headline(self) -> None:
        """For the main targets only: the peak on each CO2 source, checked a second way, and what
        the plan leaves to the national assignment."""
        if self.action.number != 0:
            return
        display(
            Markdown("## 2030年前能否达峰？ Will CO2 peak before 2030?\n\n" + peak_summary(self))
        )
        check = coherence(self.data)
        display(
            Markdown(
                "### 强度与增长的一致性检验 A coherence check: intensity × growth\n\n"
                + bilingual(check.text_zh(), check.text())
            )
        )
        display(
            Markdown(
                "### 国家下达指标 What the plan leaves to the national assignment\n\n"
                + related_targets_text()
            )
        )

    def show_measures(self) -> None:
        display(Markdown(C.measures_checklist(self.action, self.targets)))

    def show_summary(self) -> None:
        if len(self.targets):
            display(Markdown(C.summary_table(self.targets, self.table)))
        display(Markdown(C.settings_note(self.settings)))
        display(Markdown(C.downloads_line("../")))


def _present(x) -> bool:
    return x is not None and not (isinstance(x, float) and pd.isna(x))


def _show_chart(fig, div_id: str, indicator: str | None = None) -> None:
    """Show a chart as the website draws it: interactive, with its caption and data link.

    No static PNG twin goes with it: every viewer of the notebook (the website, JupyterLab,
    nbviewer) renders the HTML in preference to a PNG, so the twin was never seen, and drawing it
    took over half a chapter's run time. Readers without JavaScript get the text line."""
    meta = fig["layout"].get("meta") or {}
    plain = f"图表 Chart: {meta.get('title_zh', '')} {meta.get('title_en', '')}".strip()
    bundle = {"text/html": I.to_html(fig, div_id, indicator), "text/plain": plain}
    display(bundle, raw=True)


def peak_summary(ch: Chapter) -> str:
    """The peak on both CO2 sources side by side, in a table and in plain words (Chinese first)."""
    row = next((t for _, t in ch.targets.iterrows() if t["kind"] == "peak"), None)
    if row is None:
        return bilingual("未登记达峰目标。", "No peak target is registered.")
    peaks = peaks_by_source(row, ch.data, ch.settings)
    if not peaks:
        return bilingual("没有可用的二氧化碳排放序列。", "No CO2 series is available.")
    partial = ch.data.partial_year("co2_emissions_carbon_monitor")
    zh, en = peak_words(peaks, partial, int(row["year"]))
    table = C.markdown_table(
        [
            "来源 Source",
            "年份 Years",
            "迄今最高 Highest so far",
            "最近一年 Latest year",
            "2030年前达峰概率 P(peak by 2030)",
            "状态 Status",
        ],
        [
            [
                C.Md(f"{md(p.name_zh)}<br>{md(p.name_en)}"),
                f"{p.first_year}–{p.last_year}",
                f"{p.peak_year}: {C.num(p.peak_value, 'Mt CO2')}",
                "—" if p.last_change is None else f"{p.last_year}: {p.last_change:+.1f} %",
                "—" if p.probability is None else f"{p.probability:.0%}",
                C.status_badge(p.status),
            ]
            for p in peaks
        ],
    )
    return (
        f"{md(zh)}\n\n{md(en)}\n\n{table}\n\n"
        "两个来源方法不同、水平不同（2019年Carbon Monitor约比CEADs低11%），"
        "绝不拼接成一条序列；本书的达峰判断以数据更新的Carbon Monitor为准，CEADs作对照。 "
        "The two sources use different methods and levels (Carbon Monitor about 11 % below CEADs in "
        "2019) and are never spliced; the book's verdict rests on Carbon Monitor, the more recent, with "
        "CEADs beside it. Simple trend models cannot foresee a turn that policy is meant to cause."
    )


def related_targets_text(data_dir=DATA_DIR) -> str:
    """Figures that other official documents give for what this plan leaves to the national assignment
    (a repository table: never read from an analyst's data folder)."""
    path = data_dir / "related_targets.csv"
    if not path.exists():
        return bilingual("未记录相关指标。", "No related targets are recorded.")
    rel = pd.read_csv(path, dtype=str, keep_default_na=False)
    wanted = [
        "target_energy_intensity_change_vs_2020",
        "target_co2_intensity_change_vs_2015",
        "target_energy_intensity_change_vs_2015",
    ]
    rows = rel[rel["indicator"].isin(wanted) & (rel["region"] == "Guangdong")]
    lines = [
        bilingual(
            "方案没有给出能耗强度和碳排放强度的具体数字，只写明确保完成国家下达指标。其他官方文件给出了"
            "以下数字，这里连同出处作为背景列出，不作评估：",
            "The plan sets no number for energy and CO2 intensity: it says Guangdong will meet "
            "whatever the State assigns. Other official documents give these figures; they are shown "
            "as context, with their source, and are not assessed here:",
        ),
        "",
    ]
    for _, r in rows.iterrows():
        name = r["indicator"].removeprefix("target_").replace("_", " ")
        lines.append(
            f"- {md(name)} by {md(r['year'])}: **{md(r['value'])}** {md(r['unit'])} — “{md(r['quote'])}” "
            f"({md(r['from'])})"
        )
    return "\n".join(lines)


@functools.lru_cache(maxsize=2)
def _load_precomputed(path: str, mtime_ns: int, size: int):
    """One read of the build's file per kernel however many steps ask (keyed by its stat, so a
    rewritten file is read again)."""
    from analysis.assess.precomputed import load

    return load(path)


def _precomputed(path: str, settings: Settings):
    """The build's precomputed assessment, or None to compute here (see :mod:`precomputed`); a file
    that is gone (pruned, or a notebook opened later) is computed again, with the same result."""
    if not path or not Path(path).is_file():
        return None
    stat = Path(path).stat()
    result = _load_precomputed(str(path), stat.st_mtime_ns, stat.st_size)
    if result.settings != settings:
        raise ParameterError(
            f"parameter 'precomputed': {path} was computed with other settings ({result.settings})"
        )
    return result


def _build_file(precomputed: str):
    if not precomputed or not Path(precomputed).is_file():
        return None
    stat = Path(precomputed).stat()
    return _load_precomputed(str(precomputed), stat.st_mtime_ns, stat.st_size)


def open_data(data_dir=None, precomputed: str = "") -> tuple[Dataset, pd.DataFrame]:
    """The data pages' inputs: the validated data and the registry — the build's when
    ``precomputed`` names its file (neither depends on the settings), else read here."""
    result = _build_file(precomputed)
    if result is not None:
        return result.data, result.targets
    data = load_dataset(resolve_data_dir(data_dir))
    return data, load_targets(DATA_DIR, data.indicators)


def default_assessment(data: Dataset, targets: pd.DataFrame, precomputed: str = "") -> pd.DataFrame:
    """Every target assessed with the default settings (the data page's coverage): the build's
    table when it was made with them for every target, else computed here."""
    result = _build_file(precomputed)
    if result is not None and result.settings == Settings() and len(result.table) == len(targets):
        return result.table
    return assess_all(targets, data)


def plan_action(action) -> Action:
    """The plan's action ``action`` (0 is the main targets of clause 一（二）, 1-15 the actions)."""
    action = _check("action", action, int)
    plan = read_plan()
    if action not in plan:
        raise ParameterError(f"parameter 'action': no action {action} in the plan (0-15)")
    return plan[action]


def load_inputs(data_dir, precomputed: str, settings: Settings) -> tuple[Dataset, pd.DataFrame]:
    """Step 1 of a chapter: the validated data and the targets registry — the build's (computed
    once for every page) when ``precomputed`` names its file, else read and validated here."""
    result = _precomputed(precomputed, settings)
    if result is not None:
        return result.data, result.targets
    data = load_dataset(resolve_data_dir(data_dir))
    return data, load_targets(DATA_DIR, data.indicators)


def assess_targets(
    targets: pd.DataFrame, data: Dataset, settings: Settings, precomputed: str = ""
) -> list[Assessment]:
    """Step 2: fit and backtest the models and compare each target with its evidence (the build's
    table when ``precomputed`` names it: the same result, computed once)."""
    result = _precomputed(precomputed, settings)
    if result is not None:
        return result.assessments(targets)
    return [assess_target(t, data, settings) for _, t in targets.iterrows()]


def open_chapter(action, data_dir=None, precomputed="", **parameters) -> Chapter:
    """Load everything one action chapter shows, in the steps a chapter notebook spells out; bad
    parameters raise :class:`ParameterError`."""
    act = plan_action(action)
    settings = settings_from_parameters(**parameters)
    data, registry = load_inputs(data_dir, precomputed, settings)
    targets = targets_for_action(registry, act.number)
    return Chapter(
        act, targets, data, settings, assess_targets(targets, data, settings, precomputed)
    )


@dataclass
class Overview:
    data: Dataset
    targets: pd.DataFrame
    table: pd.DataFrame
    settings: Settings
    chapters: dict[int, str]

    def show_downloads(self) -> None:
        display(Markdown(C.downloads_line("")))

    def show_legend(self) -> None:
        display(Markdown(C.status_legend()))

    def show_counts(self) -> None:
        display(Markdown(C.status_counts(self.table)))

    def show_vintage(self) -> None:
        """Which data the ratings were built from, so two versions of the book can be told apart."""
        from analysis.pages.changelog import recorded, vintage

        now = vintage(self.data.data_dir)
        dated = next((v.date for v in recorded() if v.vintage == now), None)
        zh, en = data_as_of(self.data, dated, now)
        observed = self.data.series[~self.data.series["derived"]]
        n_years, n_points, n_months = len(observed), len(self.data.points), len(self.data.monthly)
        n_indicators = observed["indicator"].nunique()
        display(
            Markdown(
                bilingual(
                    Md(
                        f"{md_code(zh)}共{n_indicators}个指标的{n_years}个年度数据、{n_points}个时点"
                        f"数据和{n_months}个逐月数据。"
                    ),
                    Md(
                        f"{md_code(en)} {n_years} yearly figures, {n_points} dated figures and "
                        f"{n_months} monthly figures for {n_indicators} indicators."
                    ),
                )
            )
        )

    def show_verdict(self) -> None:
        """The answer in one sentence, Chinese first, in a box at the top of the front page."""
        import html as html_lib

        v = verdict(self.table, self.data)
        kind = v.rating.replace(" ", "-")
        display(
            HTML(
                f'<div class="verdict verdict-{kind}"><p class="verdict-rating">{RATINGS[v.rating]} · '
                f'{v.rating}</p><p class="verdict-zh" lang="zh-CN">{html_lib.escape(v.zh)}</p>'
                f'<p class="verdict-en" lang="en">{html_lib.escape(v.en)}</p></div>'
            )
        )

    def show_strip(self) -> None:
        """Every action's targets as coloured blocks by status, linked to the chapter."""
        plan = read_plan()
        names = {n: (a.name_zh, a.name_en) for n, a in plan.items()}
        links = {n: page.replace(".ipynb", ".html") for n, page in self.chapters.items()}
        display(HTML(action_strip(self.table, names, links)))

    def show_headline_chart(self) -> None:
        _show_chart(I.co2_sources_figure(self.data), "headline-co2")

    def show_changes(self) -> None:
        """What moved since the last recorded vintage, in words (the changelog page has the table)."""
        from analysis.pages.changelog import latest_changes, summary_words

        found = latest_changes(self.table, self.data.data_dir)
        if found is None:
            display(Markdown("尚无可比较的上一数据版本。 No earlier data vintage to compare with."))
            return
        title_zh, title_en, changes = found
        zh, en = summary_words(changes)
        display(
            Markdown(
                bilingual(
                    Md(f"{md(zh)}（{md_code(title_zh)}；详见更新记录页。）"),
                    Md(f"{md(en)} ({md_code(title_en)}; see the changelog page.)"),
                )
            )
        )

    def show_scorecard(self) -> None:
        plan = read_plan()
        for number, action in plan.items():
            rows = self.targets[self.targets["action"] == number]
            if rows.empty:
                continue
            title = f"{action.clause} {action.name_zh} · {action.name_en}"
            if number in self.chapters:
                title = f"[{title}]({self.chapters[number]})"
            display(Markdown(f"**{title}**"))
            table = self.table[self.table["action"] == number]
            display(Markdown(C.summary_table(rows, table)))
        display(Markdown(C.settings_note(self.settings)))


def open_overview(
    data_dir=None, chapters: dict | None = None, precomputed="", **parameters
) -> Overview:
    """Assess every registered target for the overview page (or take the build's assessment)."""
    settings = settings_from_parameters(**parameters)
    chapters = {int(k): v for k, v in (chapters or {}).items()}
    result = _precomputed(precomputed, settings)
    if result is not None:
        return Overview(result.data, result.targets, result.table, settings, chapters)
    data = load_dataset(resolve_data_dir(data_dir))
    targets = load_targets(DATA_DIR, data.indicators)
    table = assess_all(targets, data, settings)
    return Overview(data, targets, table, settings, chapters)
