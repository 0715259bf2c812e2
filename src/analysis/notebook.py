"""What a chapter notebook needs, in one call: validated parameters, data, targets and assessment."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, Markdown, display

from . import chapter as C
from . import interactive as I
from .assess import Assessment, Settings, assess_all, assess_target
from .coverage import proxies_for, proxy_series
from .errors import ParameterError
from .figures import context_chart, png_bytes, target_chart
from .headline import coherence
from .loader import Dataset, load_dataset
from .markup import md
from .paths import DATA_DIR, REPO_ROOT
from .plan import Action, read_plan
from .registry import load_targets, targets_for_action


def _check(name: str, value, kind, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ParameterError(
            f"parameter '{name}': expected {kind.__name__}"
            f"{' or None' if allow_none else ''}, got {value!r}"
        )
    return value


def settings_from_parameters(
    interval_level=0.8,
    on_track=0.7,
    off_track=0.3,
    approx_tolerance=0.03,
    rate_window=5,
    history_years=15,
    last_data_year=None,
) -> Settings:
    """Type-check notebook parameters and turn them into assessment settings."""
    try:
        return Settings(
            interval_level=_check("interval_level", interval_level, float),
            on_track=_check("on_track", on_track, float),
            off_track=_check("off_track", off_track, float),
            approx_tolerance=_check("approx_tolerance", approx_tolerance, float),
            rate_window=_check("rate_window", rate_window, int),
            history_years=_check("history_years", history_years, int, allow_none=True),
            last_data_year=_check("last_data_year", last_data_year, int, allow_none=True),
        )
    except ValueError as exc:
        raise ParameterError(f"parameter error: {exc}") from None


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """The data folder to use: the repository's, a given folder, or — for a single CSV of new
    figures — the repository's data with those rows laid over series.csv."""
    if data_dir in (None, ""):
        return DATA_DIR
    path = Path(data_dir)
    path = path if path.is_absolute() else (REPO_ROOT / path)
    if path.is_file() and path.suffix.lower() == ".csv":
        return overlay_series(path)
    return path


def overlay_series(csv_path: Path) -> Path:
    """A data folder = data/ plus the rows of ``csv_path`` (same columns as series.csv); a new row
    replaces the published one for the same indicator, region and year. Kept under _build/ by content
    hash, so re-running with the same file reuses it."""
    import hashlib
    import shutil

    from .paths import BUILD_DIR
    from .schemas import SERIES_COLUMNS
    from .tables import display_path, read_csv_table

    new = read_csv_table(csv_path, SERIES_COLUMNS, min_rows=1)
    digest = hashlib.sha256(csv_path.read_bytes()).hexdigest()[:12]
    folder = BUILD_DIR / "data-overlay" / digest
    if not (folder / "series.csv").exists():
        staging = folder.with_name(digest + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(DATA_DIR, staging)
        old = read_csv_table(staging / "series.csv", SERIES_COLUMNS)
        merged = pd.concat([old, new[SERIES_COLUMNS]], ignore_index=True)
        merged = merged.drop_duplicates(["indicator", "region", "year"], keep="last")
        merged.to_csv(staging / "series.csv", index=False, lineterminator="\n")
        (staging / "OVERLAY.txt").write_text(
            f"data/ with the rows of {display_path(csv_path)} laid over series.csv\n"
        )
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return folder


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
        counts = self.table["status"].value_counts().to_dict()
        described = ", ".join(f"{n} {s}" for s, n in counts.items())
        text = (
            f"Action {self.action.clause} **{self.action.name_zh}** ({self.action.name_en}) has "
            f"{len(self.action.measures)} measures and **{len(self.targets)} registered "
            f"quantitative target(s)**: {described or 'none'}. Each target below quotes the plan, "
            "shows the latest published figure and, where the data allow, a projection to the "
            "target year with its interval, the probability of meeting the target and a status "
            "with its reason."
        )
        display(Markdown(text))

    def show_plan_words(self) -> None:
        display(Markdown(C.action_header(self.action)))

    def show_targets(self) -> None:
        display(Markdown(C.targets_intro(self.targets, self.data)))
        for (_, t), a in zip(self.targets.iterrows(), self.assessments, strict=True):
            display(Markdown(C.target_heading(t)))
            display(Markdown(C.target_section(t, a, self.data)))
            if t["indicator"] and len(self.data.observations(t["indicator"])):
                live = I.to_html(
                    I.target_figure(t, a, self.data, self.settings), t["id"], t["indicator"]
                )
                _show(target_chart(t, a, self.data, self.settings), live)
            for proxy in proxies_for(t["id"]):
                series = proxy_series(proxy, self.data)
                display(
                    Markdown(
                        f"**Proxy, shown as context only — it does not set this target's status:** "
                        f"{md(proxy.name_zh)} / {md(proxy.name_en)} ({md(proxy.unit)}). "
                        f"{md(proxy.derivation)}"
                    )
                )
                title_en = proxy.name_en + " (proxy)"
                live = I.to_html(
                    I.context_figure(proxy.name_zh, title_en, proxy.unit, series),
                    f"proxy-{t['id']}",
                )
                _show(context_chart(proxy.name_zh, title_en, proxy.unit, series), live)

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
                    "No public yearly series in `data/` describes this action beyond its targets."
                )
            )
            return
        display(
            Markdown(
                "Published series that describe this action's field. They are context: none of them "
                "is a target of the plan, so none gets a status."
            )
        )
        for indicator in shown:
            ind = self.data.indicator(indicator)
            obs = self.data.observations(indicator)
            note = f"来源 Source: data/series.csv · {len(obs)} yearly figures"
            live = I.to_html(
                I.context_figure(ind["name_zh"], ind["name_en"], ind["unit"], obs, self.data),
                f"context-{self.action.number}-{indicator}",
                indicator,
            )
            _show(context_chart(ind["name_zh"], ind["name_en"], ind["unit"], obs, note), live)

    def show_headline(self) -> None:
        """For the main targets only: the peak question checked a second way, and national context."""
        if self.action.number != 0:
            return
        display(Markdown("## Will CO2 peak before 2030? 2030年前能否达峰\n\n" + peak_summary(self)))
        display(
            Markdown(
                "### A coherence check: intensity × growth 强度与增长的一致性检验\n\n"
                + coherence(self.data).text()
            )
        )
        display(
            Markdown(
                "### What the plan leaves to the national assignment 国家下达指标\n\n"
                + related_targets_text(self.data.data_dir)
            )
        )

    def show_measures(self) -> None:
        display(Markdown(C.measures_checklist(self.action, self.targets)))

    def show_summary(self) -> None:
        if len(self.targets):
            display(Markdown(C.summary_table(self.targets, self.table)))
        display(Markdown(C.settings_note(self.settings)))
        display(Markdown(C.downloads_line("../")))


def _show(fig, live_html: str | None = None) -> None:
    """Show a chart: the static PNG (kept in the notebook for print and tests) and, on the website,
    its interactive twin — the site renders the HTML, other readers fall back to the PNG."""
    png = png_bytes(fig)
    plt.close(fig)
    if live_html is None:
        display(Image(data=png, format="png"))
        return
    bundle = {"text/html": live_html, "image/png": base64.b64encode(png).decode("ascii"),
              "text/plain": "<chart>"}  # fmt: skip
    display(bundle, raw=True)


def peak_summary(ch: Chapter) -> str:
    """Plain words on the statistical peak assessment and how far it can be trusted."""
    a = next((x for x in ch.assessments if x.kind == "peak"), None)
    if a is None or a.probability is None:
        return "The emissions series is too short for a statistical answer."
    return (
        f"The book's method, applied to the CEADs inventory ({a.first_year}-{a.latest_year}), gives a "
        f"**{a.probability:.0%} probability** that emissions reach their highest level in or before "
        f"{a.target_year} ({a.status}). Treat this with caution: the inventory ends in {a.latest_year}, so the "
        f"projection has to run {a.target_year - a.latest_year} years ahead, and simple trend models cannot "
        "foresee a turn that policy is meant to cause. The check below asks the question a second way."
    )


def related_targets_text(data_dir) -> str:
    """Figures that other official documents give for what this plan leaves to the national assignment."""
    path = data_dir / "related_targets.csv"
    if not path.exists():
        return "No related targets are recorded."
    rel = pd.read_csv(path, dtype=str, keep_default_na=False)
    wanted = ["target_energy_intensity_change_vs_2020", "target_co2_intensity_change_vs_2015",
              "target_energy_intensity_change_vs_2015"]  # fmt: skip
    rows = rel[rel["indicator"].isin(wanted)]
    lines = [
        "The plan sets no number for energy and CO2 intensity: it says Guangdong will meet whatever the State "
        "assigns. Other official documents give these figures; they are shown as context, with their source, "
        "and are not assessed here:"
    ]
    for r in rows.itertuples():
        name = r.indicator.removeprefix("target_").replace("_", " ")
        lines.append(
            f"- {md(name)} by {md(r.year)}: **{md(r.value)}** {md(r.unit)} — “{md(r.quote)}” "
            f"({md(r._6)})"
        )
    return "\n".join(lines)


def open_chapter(action, data_dir=None, **parameters) -> Chapter:
    """Load everything one action chapter shows; bad parameters raise :class:`ParameterError`."""
    action = _check("action", action, int)
    plan = read_plan()
    if action not in plan:
        raise ParameterError(f"parameter 'action': no action {action} in the plan (0-15)")
    settings = settings_from_parameters(**parameters)
    data = load_dataset(resolve_data_dir(data_dir))
    targets = targets_for_action(load_targets(DATA_DIR, data.indicators), action)
    assessments = [assess_target(t, data, settings) for _, t in targets.iterrows()]
    return Chapter(plan[action], targets, data, settings, assessments)


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
        path = self.data.data_dir / "series.csv"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        observed = self.data.series[~self.data.series["derived"]]
        display(Markdown(
            f"Data vintage 数据版本: {len(observed)} yearly figures for {observed['indicator'].nunique()} "
            f"indicators, the latest for {int(observed['year'].max())}; `series.csv` SHA-256 `{digest}`."
        ))  # fmt: skip

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


def open_overview(data_dir=None, chapters: dict | None = None, **parameters) -> Overview:
    """Assess every registered target for the overview page."""
    settings = settings_from_parameters(**parameters)
    data = load_dataset(resolve_data_dir(data_dir))
    targets = load_targets(DATA_DIR, data.indicators)
    table = assess_all(targets, data, settings)
    return Overview(
        data, targets, table, settings, {int(k): v for k, v in (chapters or {}).items()}
    )
